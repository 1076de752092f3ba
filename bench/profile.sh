#!/usr/bin/env bash
# Where the instructions of each benchmark row go (needs gcc and python3).
#
#   bench/profile.sh [ELF]      (default build/bench/ipc.elf)
#
# Builds bench/profile/insn-plugin.c as a QEMU TCG plugin, boots the suite
# once under -icount shift=0 with it, and prints bench/profile/report.py's
# per-row breakdown: instructions per sample in the measured loop (user /
# kernel), the count of each instruction whose real cost an instruction
# count hides (syscall, sysretq, iretq, mov to CR3/CR0, wrmsr, fxsave, ...),
# and the functions the instructions were spent in. The figures match the
# plain run's exactly: the plugin does not change what the guest executes.
set -u
KEEL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$KEEL"
ELF=${1:-build/bench/ipc.elf}
OUT=build/bench/profile
mkdir -p "$OUT"
gcc -O2 -Wall -Wextra -shared -fPIC -fvisibility=hidden -o "$OUT/insn-plugin.so" bench/profile/insn-plugin.c || exit 2
timeout "${BENCH_TIMEOUT:-300}" "${QEMU:-qemu-system-x86_64}" -machine pc,accel=tcg -cpu max -m 512M -nographic \
    -serial mon:stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel build/images/kernel-x86_64-pc99 -initrd "$ELF" -icount shift=0 \
    -plugin "$OUT/insn-plugin.so,arg=out=$OUT/windows.txt" </dev/null >"$OUT/console.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
    echo "bench/profile.sh: QEMU exit status $rc; see $OUT/console.log" >&2
    exit 1
fi
python3 bench/profile/report.py ${PROFILE_FUNCTIONS:+--functions $PROFILE_FUNCTIONS} \
    "$OUT/windows.txt" "$OUT/console.log" build/kernel/kernel.elf "$ELF"
