#!/usr/bin/env bash
# Run the syscall fuzzer (tests/fuzz, docs/hardening.md): patch the seed and
# operation counts into a copy of the fuzzer's ELF, boot it under QEMU with
# the given kernel and check the run.
#
#   tests/fuzz/run.sh --kernel K --elf E --seed S [--seeds N] [--ops OPS]
#                     [--epoch E] [--timeout T] [--icount] [--verbose]
#
# Exit status 0 only when every seed's operations all ran: the fuzzer
# printed "PASS: fuzz/seed-S" for each and returned 0, with no kernel panic,
# invariant violation or timeout. --timeout 0 (the default) allows 60 s plus
# 50 ms per operation. The console output is kept in
# build/fuzz/logs/seed-S-N.log; the summary lines are printed.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
kernel= elf= seed=1 seeds=1 ops=10000 epoch=2000 timeout=0 icount=0 verbose=0
while [ $# -gt 0 ]; do
    case $1 in
        --kernel) kernel=$2; shift ;;
        --elf) elf=$2; shift ;;
        --seed) seed=$2; shift ;;
        --seeds) seeds=$2; shift ;;
        --ops) ops=$2; shift ;;
        --epoch) epoch=$2; shift ;;
        --timeout) timeout=$2; shift ;;
        --icount) icount=1 ;;
        --verbose) verbose=1 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done
for v in seed seeds ops epoch timeout; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "run.sh: --$v takes a number, not '${!v}'" >&2; exit 2; }
done
[ -f "$kernel" ] && [ -f "$elf" ] || { echo "run.sh: kernel '$kernel' or ELF '$elf' missing (make fuzz builds them)" >&2; exit 2; }
[ "$timeout" != 0 ] || timeout=$((60 + ops * seeds / 20))

mkdir -p build/fuzz/logs
image=build/fuzz/logs/fuzz-$seed-$seeds.elf
log=build/fuzz/logs/seed-$seed-$seeds.log
cp "$elf" "$image"

# The parameter block: two magic words, then seed, n_seeds, ops, epoch_ops, verbose.
off=$(LC_ALL=C grep -obUa 'KEELfuzzU' "$image" | head -n 1 | cut -d: -f1)
[ -n "$off" ] || { echo "run.sh: no parameter block in $elf" >&2; exit 2; }
put64() {  # OFFSET VALUE
    local bytes= i
    for ((i = 0; i < 8; i++)); do bytes+=$(printf '\\x%02x' $((($2 >> (8 * i)) & 255))); done
    printf "$bytes" | dd of="$image" bs=1 seek="$1" conv=notrunc status=none
}
put64 $((off + 16)) "$seed"
put64 $((off + 24)) "$seeds"
put64 $((off + 32)) "$ops"
put64 $((off + 40)) "$epoch"
put64 $((off + 48)) "$verbose"

args=(--kernel "$kernel" --timeout "$timeout" --log "$log" --quiet)
[ $icount = 0 ] || args+=(--icount)
start=$(date +%s)
QEMU_RUN_NAME=fuzz tools/qemu-run.sh "${args[@]}" "$image"
rc=$?
secs=$(($(date +%s) - start))
tr -d '\r' <"$log" >"$log.tmp" && mv -f "$log.tmp" "$log"

grep -a -E '^(fuzz: seed [0-9]+: [0-9]+ operations in|PASS: |FAIL: |INVARIANT VIOLATION|KERNEL PANIC|[0-9]+ passed)' "$log"
passes=$(grep -c '^PASS: fuzz/seed-' "$log")
if [ $rc = 0 ] && [ "$passes" = "$seeds" ]; then
    echo "fuzz: seeds $seed..$((seed + seeds - 1)), $ops operations each: all ran in $secs s (log: $log)"
    exit 0
fi
why="exit status $rc"
[ $rc = 124 ] && why="timed out after $timeout s"
[ $rc = 104 ] && why="invariant violation"
[ $rc = 103 ] && why="kernel panic"
echo "fuzz: FAILED ($why) after $secs s, $passes of $seeds seeds done; the last lines of $log:"
tail -n 25 "$log" | sed 's/^/    | /'
exit 1
