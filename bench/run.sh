#!/usr/bin/env bash
# keel IPC benchmark driver (`make bench`; docs/performance.md).
#
#   bench/run.sh [ELF]     (default build/bench/ipc.elf; build it first: make bench / make build/bench/ipc.elf)
#
# 1. Prints the conditions (commit, QEMU, flags, kernel build, host).
# 2. Boots the suite under `-icount shift=0`: every figure is a count of guest
#    instructions (user + kernel), exact and repeatable; prints its RESULT
#    lines and the table against seL4's figures.
# 3. Boots it once more without -icount: the TSC then follows host time, so
#    the figures are TCG wall-clock ticks, noisy, for information only.
#    (BENCH_WALLCLOCK=0 skips this run.)
# Full console logs: build/bench/ipc-icount.log, build/bench/ipc-wallclock.log.
# Exit status: 0 if the instruction-count run completed without errors.
set -u
KEEL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$KEEL"
ELF=${1:-build/bench/ipc.elf}
KERNEL=build/images/kernel-x86_64-pc99
KERNEL_ELF=build/kernel/kernel.elf
QEMU=${QEMU:-qemu-system-x86_64}
TIMEOUT=${BENCH_TIMEOUT:-200}
LOGDIR=build/bench
mkdir -p "$LOGDIR"

for f in "$ELF" "$KERNEL"; do
    [ -f "$f" ] || { echo "bench/run.sh: $f missing (run: make bench)" >&2; exit 2; }
done

QEMU_ARGS=(-machine pc,accel=tcg -cpu max -m 512M -nographic -serial mon:stdio -no-reboot
           -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$KERNEL" -initrd "$ELF")

# ---------------------------------------------------------------- conditions
rev=${BENCH_REV:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}
dirty=0
[ -z "${BENCH_REV:-}" ] && dirty=$(git status --porcelain -- kernel libsel4 libsel4runtime libc bench 2>/dev/null | wc -l)
# The fast path is on if the kernel calls it (with -DCONFIG_NO_FASTPATH it may be built but unused).
fastpath="off"
if [ -f "$KERNEL_ELF" ]; then
    fp_calls=$(objdump -d --no-show-raw-insn "$KERNEL_ELF" | grep -E '(call|jmp)[a-z]* +[0-9a-f]+ <fastpath_[a-z_]*>' |
        sed 's/.*<\(fastpath_[a-z_]*\)>.*/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//')
    [ -n "$fp_calls" ] && fastpath="on (called: $fp_calls)"
fi
fpu_insns="?"
if [ -f "$KERNEL_ELF" ]; then
    fpu_insns=$(objdump -d --no-show-raw-insn "$KERNEL_ELF" | awk '{print $2}' |
        grep -E '^(fxsave|fxrstor|xsave|xrstor|xsaveopt|xsavec|xsaves|xrstors)' | sort | uniq -c |
        awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
fi
nm_lazy=$(nm "$KERNEL_ELF" 2>/dev/null | grep -c ' fpu_handle_nm$' || true)
kflags=$(sed -n 's/^KERNEL_CFLAGS := \(.*\)\\$/\1/p' Makefile | grep -oE -- '-O[0-9s]' | head -1)
host_cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')

echo "=== keel IPC benchmark: conditions ==="
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:      $rev$( [ "$dirty" -gt 0 ] && echo " + $dirty uncommitted change(s) under kernel/ lib*/ bench/" )"
echo "qemu:        $($QEMU --version | head -1); TCG only (accel=tcg), -machine pc -cpu max -m 512M, 1 core"
echo "kernel:      keel non-MCS, ${kflags:--O2}${KERNEL_EXTRA_CFLAGS:+ $KERNEL_EXTRA_CFLAGS}, debug syscalls on, 1 core, no PCID, no KPTI; IPC fastpath $fastpath"
echo "kernel FPU:  $( [ "$nm_lazy" -gt 0 ] && echo 'lazy switch (CR0.TS, #NM)' || echo 'no #NM handler found' ); save/restore instructions in the binary: ${fpu_insns:-none}"
echo "user code:   gcc $(gcc -dumpfullversion) -O2; bench built with -mgeneral-regs-only"
echo "host:        ${host_cpu:-unknown}"

run() {   # run <log> <extra qemu args...>
    local log=$1; shift
    timeout "$TIMEOUT" "$QEMU" "${QEMU_ARGS[@]}" "$@" </dev/null >"$log" 2>&1
    local rc=$?
    tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
    return $rc
}

# ---------------------------------------------------------------- 1: instruction counts
echo
echo "=== run 1: -icount shift=0 (figures = guest instructions per operation) ==="
start=$(date +%s)
run "$LOGDIR/ipc-icount.log" -icount shift=0
rc=$?
sed -n '/^=== keel IPC benchmark/,$p' "$LOGDIR/ipc-icount.log" | grep -v '^keel: ".*ending the run'
echo "(run 1: $(( $(date +%s) - start )) s, QEMU exit status $rc; log $LOGDIR/ipc-icount.log)"
status=0
if [ $rc -ne 0 ] || ! grep -q '^bench: 0 errors' "$LOGDIR/ipc-icount.log"; then
    echo "bench/run.sh: the instruction-count run failed (QEMU exit status $rc); see $LOGDIR/ipc-icount.log" >&2
    [ $rc -eq 124 ] && echo "bench/run.sh: timed out after ${TIMEOUT}s" >&2
    tail -20 "$LOGDIR/ipc-icount.log" >&2
    status=1
fi

# ---------------------------------------------------------------- 2: wall clock
if [ "${BENCH_WALLCLOCK:-1}" != 0 ]; then
    echo
    echo "=== run 2: no -icount: TCG wall clock (host TSC ticks; NOISY, for information only) ==="
    start=$(date +%s)
    run "$LOGDIR/ipc-wallclock.log"
    rc=$?
    grep '^COND tsc' "$LOGDIR/ipc-wallclock.log"
    printf 'WALLCLOCK %-15s %12s %12s %12s %12s\n' benchmark min median p90 batch_avg
    sed -n 's/^RESULT \([a-z0-9_]*\) n=[0-9]* min=\([0-9]*\) median=\([0-9]*\) p90=\([0-9]*\) batch_avg=\(.*\)$/\1 \2 \3 \4 \5/p' \
        "$LOGDIR/ipc-wallclock.log" |
        while read -r name min med p90 batch; do
            printf 'WALLCLOCK %-15s %12s %12s %12s %12s\n' "$name" "$min" "$med" "$p90" "$batch"
        done
    echo "(run 2: $(( $(date +%s) - start )) s, QEMU exit status $rc; log $LOGDIR/ipc-wallclock.log)"
fi
exit $status
