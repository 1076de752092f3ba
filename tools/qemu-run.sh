#!/usr/bin/env bash
# Boot keel and a root task under QEMU (TCG, never KVM) and exit with the run's
# decoded status. Used by ./simulate in build directories made by ./init, by
# tools/run-main-job.sh and by tests/run-tests.sh.
#
#   tools/qemu-run.sh [options] [IMAGE]
#
#   --image FILE     the root task ELF (or give it as the only argument)
#   --kernel FILE    the kernel image (default: <keel>/build/images/kernel-x86_64-pc99)
#   --timeout S      kill QEMU after S seconds (default 60; 0 = never)
#   --icount         deterministic instruction counting (-icount shift=0)
#   --gdb            start halted with a gdb stub on :1234 (-s -S) and say how to
#                    attach; no timeout unless --timeout is given
#   --symbols FILE   the root task's ELF with symbols, for the gdb hint (default: IMAGE)
#   --log FILE       also write the console output to FILE
#   --quiet          do not copy the console output to stdout (needs --log)
#   --qemu-arg ARG   one more QEMU argument (repeatable)
#   -n, --dry-run    print the QEMU command line and exit 0
#
# Exit status: the decoded status of the run: 0 if QEMU exited 0 (the kernel
# powered off after main returned 0); v if QEMU exited 2v+1 (the kernel wrote v
# to isa-debug-exit: main's return value 1..127, 100 abort(), 101 no thread can
# run, 102 seL4_DebugHalt, 103 boot failure / kernel panic, 104 invariant
# violation in a CONFIG_INVARIANTS kernel); 124 if the timeout
# expired; 125 if QEMU failed (could not start, or exited some other way).
# A nonzero status is explained in one line on stderr.
set -u
KEEL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROG=${QEMU_RUN_NAME:-$(basename "$0")}

kernel=$KEEL/build/images/kernel-x86_64-pc99
image=
symbols=
timeout=
icount=0
gdb=0
log=
quiet=0
dry=0
extra=()

usage() { sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//'; }
die() { echo "$PROG: $*" >&2; exit 125; }

while [ $# -gt 0 ]; do
    case $1 in
        --image) image=${2:?}; shift ;;
        --kernel) kernel=${2:?}; shift ;;
        --timeout) timeout=${2:?}; shift ;;
        --timeout=*) timeout=${1#*=} ;;
        --icount) icount=1 ;;
        --gdb|-d) gdb=1 ;;
        --symbols) symbols=${2:?}; shift ;;
        --log) log=${2:?}; shift ;;
        --quiet|-q) quiet=1 ;;
        --qemu-arg) extra+=("${2?}"); shift ;;
        -n|--dry-run) dry=1 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "$PROG: unknown option '$1' (see --help)" >&2; exit 125 ;;
        *) [ -z "$image" ] || die "more than one image given ('$image', '$1')"; image=$1 ;;
    esac
    shift
done
[ -n "$image" ] || die "no root task image given (see --help)"
case $timeout in
    '') if [ $gdb = 1 ]; then timeout=0; else timeout=60; fi ;;
    *[!0-9]*) die "--timeout takes a whole number of seconds, not '$timeout'" ;;
esac
[ $quiet = 0 ] || [ -n "$log" ] || die "--quiet needs --log FILE"

QEMU=${QEMU:-qemu-system-x86_64}
cmd=("$QEMU" -machine pc -accel tcg -cpu max -m 512M -nographic -serial mon:stdio -no-reboot
     -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" -initrd "$image")
[ $icount = 0 ] || cmd+=(-icount shift=0)
[ $gdb = 0 ] || cmd+=(-s -S)
cmd+=("${extra[@]}")

if [ $dry = 1 ]; then
    out=
    for w in "${cmd[@]}"; do
        case $w in
            *[!A-Za-z0-9_./,=:+@%-]*|'') w="'${w//\'/\'\\\'\'}'" ;;
        esac
        out+="${out:+ }$w"
    done
    echo "$out"
    exit 0
fi

command -v "$QEMU" >/dev/null 2>&1 ||
    die "$QEMU not found: install it with 'make deps' (Debian package qemu-system-x86)"
[ -f "$kernel" ] || die "kernel image $kernel not found (build it with 'make' in $KEEL)"
[ -f "$image" ] || die "root task image $image not found"

if [ $gdb = 1 ]; then
    [ -n "$symbols" ] || symbols=$image
    cat >&2 <<EOF
$PROG: QEMU is halted and waits for gdb on localhost:1234. In another terminal:
  gdb $KEEL/build/kernel/kernel.elf \\
      -ex 'target remote :1234' \\
      -ex 'add-symbol-file $(realpath "$symbols")'
  (then e.g. 'hbreak main' and 'continue'; quit QEMU with Ctrl-A X)
EOF
fi

# QEMU's console output goes through tee so that the end of the run can be
# explained; keep a copy even without --log.
tmplog=
if [ -z "$log" ]; then
    tmplog=$(mktemp "${TMPDIR:-/tmp}/keel-qemu.XXXXXX") || die "mktemp failed"
    log=$tmplog
    trap 'rm -f "$tmplog"' EXIT
fi
mkdir -p "$(dirname "$log")"

run=()
if [ "$timeout" != 0 ]; then
    # --foreground keeps QEMU able to read the terminal (Ctrl-A X) when
    # interactive; QEMU ends promptly on SIGTERM, -k covers the rest.
    if [ -t 0 ]; then run=(timeout --foreground -k 5 "$timeout"); else run=(timeout -k 5 "$timeout"); fi
fi

start=$SECONDS
if [ -t 0 ]; then
    if [ $quiet = 1 ]; then "${run[@]}" "${cmd[@]}" >"$log"; else "${run[@]}" "${cmd[@]}" | tee "$log"; fi
else
    if [ $quiet = 1 ]; then "${run[@]}" "${cmd[@]}" </dev/null >"$log"; else "${run[@]}" "${cmd[@]}" </dev/null | tee "$log"; fi
fi
rc=${PIPESTATUS[0]}
elapsed=$((SECONDS - start))

# The kernel's own last words ("keel: ... ending the run"), if any.
last=$(tr -d '\r' <"$log" | grep -a '^keel: .*ending the run' | tail -n 1)
explain() {  # status
    case $last in *"returned from main"*) echo "the root task's main returned $1"; return ;; esac
    case $1 in
        100) echo "abort() was called" ;;
        101) echo "no thread can run any more (e.g. after a fault with no handler)" ;;
        102) echo "a thread called seL4_DebugHalt" ;;
        103) echo "boot failure or kernel panic" ;;
        104) echo "kernel invariant violation (a CONFIG_INVARIANTS kernel)" ;;
        *) echo "the root task's main returned $1" ;;
    esac
}

if [ "$timeout" != 0 ] && { [ $rc = 124 ] || [ $rc = 137 ]; } && [ $elapsed -ge "$timeout" ]; then
    echo "$PROG: timed out: QEMU was still running after $timeout s and was killed (use --timeout S to allow longer)" >&2
    exit 124
fi
if [ $rc = 0 ]; then
    if [ -z "$last" ] && tr -d '\r' <"$log" | grep -aq '^QEMU: Terminated'; then
        echo "$PROG: QEMU was quit by hand (Ctrl-A X) before the kernel ended the run" >&2
    fi
    exit 0
fi
if [ $((rc % 2)) = 1 ] && [ $rc -gt 1 ]; then
    v=$(((rc - 1) / 2))
    if [ -n "$last" ]; then
        echo "$PROG: exit status $v: $(explain $v); the kernel said: ${last#keel: }" >&2
    else
        echo "$PROG: exit status $v: $(explain $v)" >&2
    fi
    exit $v
fi
echo "$PROG: QEMU failed (exit code $rc) without the kernel ending the run; see its messages above" >&2
exit 125
