#!/usr/bin/env bash
# Measure a committed tree, untouched by work in progress: the figures for
# docs/performance.md come from here.
#
#   bench/at-commit.sh [REV] [--no-fastpath] [--profile] [--wallclock]
#
# Exports REV (default HEAD) with `git archive` into /tmp/keel-bench-<rev>,
# builds the kernel and build/bench/ipc.elf there (--no-fastpath: with
# KERNEL_EXTRA_CFLAGS=-DCONFIG_NO_FASTPATH), and runs that tree's
# bench/run.sh (instruction counts; --wallclock adds the wall-clock run) and,
# with --profile, its bench/profile.sh.
set -u
KEEL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rev=HEAD nofp=0 prof=0 wall=0
for a in "$@"; do
    case $a in
    --no-fastpath) nofp=1 ;;
    --profile) prof=1 ;;
    --wallclock) wall=1 ;;
    -*) echo "usage: $0 [REV] [--no-fastpath] [--profile] [--wallclock]" >&2; exit 2 ;;
    *) rev=$a ;;
    esac
done
sha=$(git -C "$KEEL" rev-parse --short=12 "$rev^{commit}") || exit 2
dir=/tmp/keel-bench-$sha$( [ $nofp = 1 ] && echo -nofastpath )
rm -rf "$dir" && mkdir -p "$dir"
git -C "$KEEL" archive "$sha" | tar -x -C "$dir" || exit 2
extra=
[ $nofp = 1 ] && extra=-DCONFIG_NO_FASTPATH
make -C "$dir" -j"$(nproc)" kernel build/bench/ipc.elf KERNEL_EXTRA_CFLAGS="$extra" >"$dir/build.log" 2>&1 || {
    tail -20 "$dir/build.log" >&2
    exit 1
}
export BENCH_REV="$sha (clean export)${extra:+, KERNEL_EXTRA_CFLAGS=$extra}"
BENCH_WALLCLOCK=$wall "$dir/bench/run.sh"
status=$?
[ $prof = 1 ] && "$dir/bench/profile.sh"
exit $status
