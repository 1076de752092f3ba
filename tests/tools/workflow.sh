#!/usr/bin/env bash
# End-to-end test of the root-task and tutorial workflow: ./init --app and
# --tut, ninja, ./simulate (status decoding, -n, --icount, --gdb, --timeout)
# and ./check, on examples/hello, examples/fault, a root task returning 7 and
# the example tutorial in tests/tools/tutorial-example. Needs keel built
# (make), ninja and QEMU. One "PASS: workflow/<name>" or "FAIL: ..." line per
# check; exits 1 if any failed.
set -u
cd "$(dirname "$0")/../.." || exit 2
KEEL=$(pwd)
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
failed=0
pass() { echo "PASS: workflow/$1"; }
fail() { echo "FAIL: workflow/$1: $2"; failed=1; }
ok() {  # name detail command...: pass if the command succeeds
    local name=$1 detail=$2; shift 2
    if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$detail: $(tail -n 3 "$tmp/out" | tr '\n' ' ')"; fi
}
status_is() {  # name expected command...
    local name=$1 want=$2 rc; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc = "$want" ]; then pass "$name"; else fail "$name" "exit status $rc, expected $want: $(tail -n 2 "$tmp/err" | tr '\n' ' ')"; fi
}

cd "$tmp" || exit 2

# --- init --app with the default build directory, ninja, simulate
ok app-init "init --app failed" "$KEEL/init" --app "$KEEL/examples/hello"
ok app-ninja "ninja failed" ninja -C hello_build
for f in images/kernel-x86_64-pc99 images/hello-image-x86_64-pc99 simulate; do
    [ -f "hello_build/$f" ] || fail app-files "hello_build/$f missing"
done
status_is app-simulate 0 hello_build/simulate --quiet --log "$tmp/hello.log"
if tr -d '\r' <"$tmp/hello.log" | grep -A1 '^Booting all finished, dropped to user space$' | grep -q '^Hello, World!$'
then pass app-output; else fail app-output "no 'Hello, World!' right after the boot line"; fi
cmd=$(hello_build/simulate -n)
case $cmd in
    *"qemu-system-x86_64 -machine pc"*"-kernel $tmp/hello_build/images/kernel-x86_64-pc99 -initrd $tmp/hello_build/images/hello-image-x86_64-pc99"*) pass simulate-n ;;
    *) fail simulate-n "unexpected command: $cmd" ;;
esac
case $cmd in *kvm*|*icount*|*" -S"*) fail simulate-n-plain "$cmd" ;; *) pass simulate-n-plain ;; esac
case $(hello_build/simulate -n --icount) in *"-icount shift=0"*) pass simulate-icount ;; *) fail simulate-icount "no -icount shift=0" ;; esac
case $(hello_build/simulate -n --gdb) in *" -s -S"*) pass simulate-gdb ;; *) fail simulate-gdb "no -s -S" ;; esac
hello_build/simulate --gdb --timeout 2 >/dev/null 2>"$tmp/gdb.err"
if grep -q "gdb $KEEL/build/kernel/kernel.elf" "$tmp/gdb.err" && grep -q "target remote :1234" "$tmp/gdb.err" &&
   grep -q "add-symbol-file $tmp/hello_build/hello.elf" "$tmp/gdb.err"; then pass simulate-gdb-hint
else fail simulate-gdb-hint "$(tr '\n' ' ' <"$tmp/gdb.err")"; fi

# --- timeout: a QEMU that never starts the guest (-S) is killed
status_is simulate-timeout 124 hello_build/simulate --timeout 1 --qemu-arg -S
grep -q '^simulate: timed out' "$tmp/err" && pass simulate-timeout-message || fail simulate-timeout-message "$(cat "$tmp/err")"

# --- status decoding: a fault ends the run with 101, main returning 7 with 7
ok fault-init "init failed" "$KEEL/init" --app "$KEEL/examples/fault" --build-dir "$tmp/fb"
ok fault-ninja "ninja failed" ninja -C fb
status_is fault-status 101 fb/simulate --quiet --log "$tmp/fault.log"
grep -q '^simulate: exit status 101: no thread can run' "$tmp/err" && pass fault-explained || fail fault-explained "$(cat "$tmp/err")"
mkdir -p seven && printf '#include <stdio.h>\nint main(void)\n{\n    printf("seven\\n");\n    return 7;\n}\n' >seven/main.c
ok seven-init "init failed" "$KEEL/init" --app seven
ok seven-ninja "ninja failed" ninja -C seven_build
status_is seven-status 7 seven_build/simulate --quiet --log "$tmp/seven.log"
grep -q "^simulate: exit status 7: the root task's main returned 7" "$tmp/err" && pass seven-explained || fail seven-explained "$(cat "$tmp/err")"
# ninja picks up edits and new files
printf 'int seven(void) { return 7; }\n' >seven/other.c
printf '#include <stdio.h>\nint seven(void);\nint main(void)\n{\n    return seven() + 1;\n}\n' >seven/main.c
ok seven-rebuild "ninja after adding a file failed" ninja -C seven_build
status_is seven-rebuilt-status 8 seven_build/simulate --quiet --log "$tmp/seven.log"

# --- tutorial workflow on the example tutorial
T=$KEEL/tests/tools/tutorial-example
ok tut-init "init --tut failed" "$KEEL/init" --tut example --tut-dir "$T"
[ -f example/main.c ] && [ -x example_build/check ] && pass tut-files || fail tut-files "example/main.c or example_build/check missing"
grep -q 'TODO task-1' example/main.c && ! grep -q '/\*@' example/main.c && pass tut-rendered || fail tut-rendered "not the task-1 exercise"
status_is tut-check-start 1 example_build/check --quiet
grep -q 'matches state 0' "$tmp/out" && pass tut-check-state-0 || fail tut-check-state-0 "$(tail -n 3 "$tmp/out" | tr '\n' ' ')"
sed -i 's|/\* TODO task-1.*|printf("example: one\\n");|' example/main.c
status_is tut-check-task-1 0 example_build/check --quiet
grep -q 'matches state 1' "$tmp/out" && grep -q 'Next: task-2' "$tmp/out" && pass tut-check-next || fail tut-check-next "$(tail -n 3 "$tmp/out" | tr '\n' ' ')"
echo '/* my notes */' >>example/main.c
cp example/main.c "$tmp/edited.c"
status_is tut-refuse 1 "$KEEL/init" --tut example --tut-dir "$T" --task task-2
grep -q 'refusing' "$tmp/err" && cmp -s example/main.c "$tmp/edited.c" && pass tut-edits-kept || fail tut-edits-kept "edits lost or no message"
status_is tut-same-task 0 "$KEEL/init" --tut example --tut-dir "$T"
cmp -s example/main.c "$tmp/edited.c" && pass tut-same-task-kept || fail tut-same-task-kept "edits lost"
rm example/main.c
ok tut-task-2 "init --task task-2 failed" "$KEEL/init" --tut example --tut-dir "$T" --task task-2
grep -q 'TODO task-2' example/main.c && grep -q 'example: one' example/main.c && pass tut-task-2-rendered || fail tut-task-2-rendered "not the task-2 exercise"
status_is tut-check-task-2-start 1 example_build/check --quiet
ok tut-solution "init --solution failed" "$KEEL/init" --tut example --tut-dir "$T" --solution
status_is tut-check-solution 0 example_build/check --quiet
grep -q 'all 2 tasks done' "$tmp/out" && pass tut-check-all-done || fail tut-check-all-done "$(tail -n 2 "$tmp/out" | tr '\n' ' ')"
status_is tut-unknown-task 1 "$KEEL/init" --tut example --tut-dir "$T" --task task-9
status_is tut-missing 1 "$KEEL/init" --tut no-such-tutorial
if [ -f "$KEEL/tutorials/dynamic-2/tasks" ]; then
    ok tut-hello-3-alias "init --tut hello-3 failed" "$KEEL/init" --tut hello-3
    [ -f hello-3/main.c ] && pass tut-hello-3-files || fail tut-hello-3-files "hello-3/main.c missing"
fi
exit $failed
