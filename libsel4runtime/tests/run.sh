#!/bin/sh
# Runtime tests on the host: builds rt_test.c as a keel root task (the
# project's own flags, archives and roottask.lds), checks the ELF layout, and
# runs it under sel4emu, which stands in for the kernel's debug syscalls
# (DebugPutChar, DebugNameThread, SetTLSBase, keel_DebugExit) via ptrace.
# Prints PASS:/FAIL: lines and "N passed, N failed"; exits nonzero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) b=$BUILD ;; *) b=$root/$BUILD ;; esac
CC=${CC:-gcc}
passed=0
failed=0
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1: $2"; failed=$((failed + 1)); }
finish() { echo "runtime: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

# 1. build: the test's object through the Makefile's own rule for user code
libs="lib/libsel4runtime.a lib/libc.a lib/libutils.a lib/libsel4.a"
targets="$BUILD/libsel4runtime/tests/rt_test.c.o"
archives=""
for l in $libs; do
    targets="$targets $BUILD/$l"
    archives="$archives $b/$l"
done
if ! make -s -C "$root" BUILD="$BUILD" $targets; then
    fail build "make failed"
    finish
fi
elf=$b/libsel4runtime/tests/rt_test.elf
if ! $CC -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-T,"$root/libsel4runtime/roottask.lds" \
        -Wl,-e,_sel4_start -Wl,-u,_sel4_start -o "$elf" "$b/libsel4runtime/tests/rt_test.c.o" \
        -Wl,--start-group $archives -Wl,--end-group "$($CC -print-libgcc-file-name)"; then
    fail link "linking rt_test.elf failed"
    finish
fi
emu=$b/libsel4runtime/tests/sel4emu
if ! $CC -O2 -Wall -Wextra -Werror "$here/sel4emu.c" -o "$emu"; then
    fail build "sel4emu"
    finish
fi

# 2. the ELF: linked at 0x400000, entry _sel4_start, PT_TLS present
entry=$(readelf -hW "$elf" | awk '/Entry point/ {print $4}')
start=$(nm "$elf" | awk '$3 == "_sel4_start" {print $1}')
first_load=$(readelf -lW "$elf" | awk '$1 == "LOAD" {print $3; exit}')
if [ "$entry" = "0x400000" ] && [ "$start" = "0000000000400000" ] && \
   [ "$first_load" = "0x0000000000400000" ] && readelf -lW "$elf" | grep -q '^ *TLS '; then
    pass "ELF: first segment and entry (_sel4_start) at 0x400000, PT_TLS segment"
else
    fail "ELF layout" "entry=$entry _sel4_start=$start first LOAD=$first_load"
fi
if readelf -lW "$elf" | grep -q '^ *LOAD .* R E 0x1000$' && \
   readelf -lW "$elf" | grep -q '^ *LOAD .* RW  0x1000$'; then
    pass "ELF: separate R E and RW page-aligned segments"
else
    fail "ELF segments" "$(readelf -lW "$elf" | grep LOAD)"
fi

bootinfo=0x$(nm "$elf" | awk '$3 == "test_bootinfo" {print $1}')
mode_addr=0x$(nm "$elf" | awk '$3 == "rt_test_mode" {print $1}')

# 3. runs. check_output FILE: every "expect: X" line must be matched, in
# order, by the next lines that are not themselves expectations.
check_output() {
    awk '
        BEGIN { n = 0; h = 0; bad = 0 }
        /^expect: / { q[n++] = substr($0, 9); next }
        h < n { if ($0 != q[h]) { printf "line %d: want \"%s\" got \"%s\"\n", NR, q[h], $0; bad = 1 } h++ }
        END { if (h < n) { printf "expected \"%s\" never came\n", q[h]; bad = 1 } exit bad }
    ' "$1"
}

run_mode() {  # mode, name, want_status, then required lines in order
    mode=$1 name=$2 want=$3
    shift 3
    out=$b/libsel4runtime/tests/rt_test.mode$mode.out
    timeout 20 "$emu" "$elf" "$bootinfo" "$mode_addr" "$mode" > "$out" 2>&1
    status=$?
    problems=""
    [ "$status" -eq "$want" ] || problems="$problems exit status $status (want $want);"
    grep -q '^FAIL' "$out" && problems="$problems $(grep '^FAIL' "$out" | head -3 | tr '\n' ';')"
    [ "$(head -n 1 "$out")" = "[name: rootserver]" ] || problems="$problems first line is not [name: rootserver];"
    grep -q '^failures: 0$' "$out" || problems="$problems checks failed;"
    msg=$(check_output "$out") || problems="$problems $msg;"
    # the required closing lines, in order, at the end of the output
    n=$#
    tail_lines=$(tail -n "$n" "$out")
    want_lines=$(printf '%s\n' "$@")
    [ "$tail_lines" = "$want_lines" ] || problems="$problems output ends with [$(echo "$tail_lines" | tr '\n' '|')];"
    if [ -z "$problems" ]; then
        pass "$name"
    else
        fail "$name" "$problems (output in $out)"
    fi
}

run_mode 0 "main returns 3: checks pass, atexit then destructor, keel_DebugExit(0, 3)" 3 \
    "atexit handler ran" "destructor ran" "[exit: reason 0 status 3]"
run_mode 1 "ZF_LOGF_IF: fatal line on stderr, then abort = keel_DebugExit(1, 0)" 101 \
    "[exit: reason 1 status 0]"
run_mode 2 "failed assert: message, then abort = keel_DebugExit(1, 0)" 101 \
    "[exit: reason 1 status 0]"
run_mode 3 "exit(5): atexit, destructor, keel_DebugExit(0, 5)" 5 \
    "calling exit(5)" "atexit handler ran" "destructor ran" "[exit: reason 0 status 5]"

# 4. the same ELF on the real kernel under QEMU, if there is one
kernel_img=$b/images/kernel-x86_64-pc99
if [ -x "$root/tools/qemu-run.sh" ] && command -v qemu-system-x86_64 >/dev/null && \
   make -s -C "$root" BUILD="$BUILD" "$BUILD/images/kernel-x86_64-pc99" 2>/dev/null; then
    log=$b/libsel4runtime/tests/rt_test.qemu.log
    "$root/tools/qemu-run.sh" --timeout 60 --kernel "$kernel_img" --log "$log.raw" --quiet "$elf" \
        >/dev/null 2>&1
    status=$?
    tr -d '\r' < "$log.raw" | sed -n '/^Booting all finished/,$p' | tail -n +2 > "$log"
    problems=""
    [ "$status" -eq 3 ] || problems="$problems exit status $status (want 3);"
    grep -q '^FAIL' "$log" && problems="$problems $(grep '^FAIL' "$log" | head -3 | tr '\n' ';')"
    grep -q '^failures: 0$' "$log" || problems="$problems checks failed;"
    msg=$(check_output "$log") || problems="$problems $msg;"
    [ "$(tail -n 3 "$log")" = "$(printf '%s\n' "atexit handler ran" "destructor ran" \
        'keel: "rootserver" returned from main with status 3; ending the run')" ] || \
        problems="$problems wrong ending;"
    if [ -z "$problems" ]; then
        pass "on keel under QEMU: same checks, then the kernel reports status 3"
    else
        fail "on keel under QEMU" "$problems (log in $log)"
    fi
else
    echo "SKIP: on keel under QEMU (no kernel image or no qemu-system-x86_64)"
fi

# 5. the hello example links the same way
if make -s -C "$root" BUILD="$BUILD" "$BUILD/examples/hello.elf" && \
   [ "$(readelf -hW "$b/examples/hello.elf" | awk '/Entry point/ {print $4}')" = 0x400000 ] && \
   readelf -lW "$b/examples/hello.elf" | grep -q '^ *TLS '; then
    pass "examples/hello.elf links: entry 0x400000, PT_TLS"
else
    fail "examples/hello.elf" "does not build or has the wrong layout"
fi
finish
