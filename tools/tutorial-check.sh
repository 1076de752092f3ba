#!/usr/bin/env bash
# The ./check of a tutorial build directory (made by ./init --tut).
#
#   tools/tutorial-check.sh BUILD_DIR [--timeout S] [--quiet]
#
# Builds (ninja), boots the images (./simulate, output shown unless --quiet
# and kept in BUILD_DIR/check.log), then compares the output with every
# state file of the tutorial: expect/state-K.txt holds the regex lines (in
# order, from the boot line on; see tools/expect-lines.sh) of the program
# with tasks 1..K done. Reports the highest state whose lines all match and
# the next task, and exits 0 if the output has reached the state the learner
# is working towards (the task given to init: K for --task task-K, all tasks
# for --solution, task 1 without flags), 1 otherwise.
set -u
KEEL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROG=check
die() { echo "$PROG: $*" >&2; exit 2; }

bdir=${1:?usage: tutorial-check.sh BUILD_DIR [--timeout S] [--quiet]}
shift
timeout=60 quiet=0
while [ $# -gt 0 ]; do
    case $1 in
        --timeout) timeout=${2:?}; shift ;;
        --quiet|-q) quiet=1 ;;
        -h|--help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1'" ;;
    esac
    shift
done
[ -f "$bdir/.keel_config" ] || die "$bdir is not a build directory made by init"
# shellcheck disable=SC1091
. "$bdir/.keel_config"
[ "$MODE" = tut ] || die "$bdir was made by init --app; ./check is for tutorials"
KEEL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

mapfile -t tasks < <(sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$TUT_TEMPLATE/tasks" | grep -v -e '^$' -e '^#')
task_name() { echo "${tasks[$(($1 - 1))]:-task $1}"; }

command -v ninja >/dev/null 2>&1 || die "ninja is not installed: run 'make deps' in $KEEL"
if ! ninja -C "$bdir" >"$bdir/check-build.log" 2>&1; then
    cat "$bdir/check-build.log"
    echo "$PROG: the build failed (see above); fix $SRC and run ./check again"
    exit 1
fi

log=$bdir/check.log
args=(--timeout "$timeout" --log "$log")
[ $quiet = 0 ] || args+=(--quiet)
"$bdir/simulate" "${args[@]}"
status=$?
echo "$PROG: the run ended with status $status"

best=-1 target_ok=0 start_ok=0 target_msg= missing_states=() matched=()
for ((k = 0; k <= TUT_TOTAL; k++)); do
    f=$TUT_TEMPLATE/expect/state-$k.txt
    if [ ! -f "$f" ]; then
        missing_states+=("$k")
        continue
    fi
    msg=$("$KEEL/tools/expect-lines.sh" "$log" "$f")
    rc=$?
    [ $rc = 2 ] && { echo "$PROG: $msg"; }
    if [ $rc = 0 ]; then
        best=$k
        matched+=("$k")
        [ $k = "$TUT_TARGET" ] && target_ok=1
    elif [ $k = "$TUT_TARGET" ]; then
        target_msg=$msg
    fi
done
[ ${#missing_states[@]} = 0 ] || echo "$PROG: note: the tutorial has no expect/state-K.txt for K = ${missing_states[*]}"

# Some tasks change nothing visible: states with identical state files
# cannot be told apart, so name them all, and let the learner's own task
# decide which one is meant.
same_state() { cmp -s "$TUT_TEMPLATE/expect/state-$1.txt" "$TUT_TEMPLATE/expect/state-$2.txt"; }
[ "$TUT_TARGET" -gt 0 ] && same_state $((TUT_TARGET - 1)) "$TUT_TARGET" && start_ok=1
if [ $best -lt 0 ]; then
    echo "$PROG: the output matches no state of the tutorial, not even state 0 (the starting point)"
else
    alike=()
    for k in "${matched[@]}"; do same_state "$k" "$best" && alike+=("$k"); done
    if [ ${#alike[@]} -gt 1 ]; then
        echo "$PROG: the output matches states ${alike[*]} (they print the same lines)"
    elif [ $best = 0 ]; then echo "$PROG: the output matches state 0 (no task done yet)"
    else echo "$PROG: the output matches state $best (tasks 1..$best done; last: $(task_name "$best"))"; fi
fi
if [ $target_ok = 1 ]; then
    if [ "$TUT_TARGET" -ge "$TUT_TOTAL" ]; then
        echo "$PROG: PASS: all $TUT_TOTAL tasks done"
    elif [ $start_ok = 1 ]; then
        echo "$PROG: PASS: the output is what $(task_name "$TUT_TARGET") should give, but it is the same before and after that task,"
        echo "$PROG: so check your code against the task's hints; then go on with $(task_name $((TUT_TARGET + 1)))"
    else
        echo "$PROG: PASS: $(task_name "$TUT_TARGET") done. Next: $(task_name $((TUT_TARGET + 1)))"
    fi
    exit 0
fi
echo "$PROG: not yet: working towards state $TUT_TARGET ($(task_name "$TUT_TARGET")): ${target_msg:-its state file is missing}"
echo "$PROG: next task: $(task_name "$TUT_TARGET")"
exit 1
