#!/usr/bin/env bash
# Check every state of the dynamic-2 tutorial, the way a learner gets them.
#
#   tests/tutorial.sh [--keep] [--timeout S] [K ...]
#
# State K is the program with tasks 1..K done: state 0 is what
# `./init --tut dynamic-2 --task task-1` gives (the exercise for task 1),
# state K >= 1 what `./init --tut dynamic-2 --solution --task task-K` gives.
# Each state is made with ./init in a temporary directory, built with ninja
# and booted with its ./simulate (TCG, S seconds at most, default 60); then
#   - its output must contain the lines of tutorials/dynamic-2/expect/state-K.txt
#     in order (tools/expect-lines.sh);
#   - the run must end with the status that state ends with: 101 (no thread can
#     run, after a fault with no handler: states 0, 1, 3, 4, 9..14), 100 (abort()
#     from a failed check: 2, 5..8) or 0 (main returned: 15);
#   - state 15 must print no fault report;
#   - the exercise for task K+1 must be the same program as the solution of
#     task K (the renderer's promise that both name the same state).
# Prints "PASS: dynamic-2 state K" or "FAIL: dynamic-2 state K: <reason>" for
# each state and exits 1 if any failed. --keep keeps the temporary directory.
# Runs $JOBS QEMUs at a time (default: the number of CPUs).
set -u
KEEL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TUT=dynamic-2
TEMPLATE=$KEEL/tutorials/$TUT
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
case $JOBS in ''|*[!0-9]*|0) JOBS=2 ;; esac

keep=0 timeout=60 states=()
while [ $# -gt 0 ]; do
    case $1 in
        --keep) keep=1 ;;
        --timeout) timeout=${2:?--timeout needs seconds}; shift ;;
        -h|--help) sed -n '2,/^set -u/p' "$0" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//'; exit 0 ;;
        *[!0-9]*|'') echo "tutorial.sh: unknown argument '$1'" >&2; exit 2 ;;
        *) states+=("$1") ;;
    esac
    shift
done

mapfile -t tasks < <(sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$TEMPLATE/tasks" | grep -v -e '^$' -e '^#')
total=${#tasks[@]}
[ ${#states[@]} -gt 0 ] || mapfile -t states < <(seq 0 "$total")

# How each state's run ends (see above).
expected_status() {
    case $1 in
        0|1|3|4|9|10|11|12|13|14) echo 101 ;;
        2|5|6|7|8) echo 100 ;;
        15) echo 0 ;;
        *) echo "?" ;;
    esac
}

for tool in ninja qemu-system-x86_64; do
    command -v $tool >/dev/null 2>&1 || { echo "FAIL: $TUT: $tool is not installed (make deps)"; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/keel-tutorial.XXXXXX") || exit 2
if [ $keep = 1 ]; then
    echo "tutorial.sh: keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi

# init arguments for state K
init_args() {
    if [ "$1" = 0 ]; then echo "--task ${tasks[0]}"; else echo "--solution --task ${tasks[$(($1 - 1))]}"; fi
}

# Bring keel's kernel and libraries up to date once, so that the builds below
# (each of which runs make on keel) only find them current.
if ! make -s --no-print-directory -C "$KEEL" kernel libs >"$work/make.log" 2>&1; then
    for k in "${states[@]}"; do echo "FAIL: $TUT state $k: building keel failed: $(tail -n 1 "$work/make.log")"; done
    exit 1
fi

# run_state K: writes $work/result-K (one PASS:/FAIL: line)
run_state() {
    local k=$1 dir=$work/state-$1 result=$work/result-$1 msg status want
    mkdir -p "$dir"
    fail() { echo "FAIL: $TUT state $k: $*" >"$result"; }
    # shellcheck disable=SC2046
    if ! (cd "$dir" && "$KEEL/init" --tut $TUT $(init_args "$k")) >"$dir/init.log" 2>&1; then
        fail "init failed: $(tail -n 1 "$dir/init.log")"
        return
    fi
    if ! ninja -C "$dir/${TUT}_build" >"$dir/build.log" 2>&1; then
        fail "build failed: $(grep -m 1 -e 'error' "$dir/build.log" || tail -n 1 "$dir/build.log")"
        return
    fi
    # The exercise for task K+1 is the same program as the solution of task K.
    if [ "$k" -lt "$total" ]; then
        local other=$dir/next-exercise.c
        "$KEEL/tools/tutorial-render.sh" --tasks "$TEMPLATE/tasks" --task "${tasks[$k]}" "$TEMPLATE/main.c" >"$other"
        if ! cmp -s "$other" "$dir/$TUT/main.c"; then
            fail "the exercise for ${tasks[$k]} differs from this state's program"
            return
        fi
    fi
    "$dir/${TUT}_build/simulate" --timeout "$timeout" --quiet --log "$dir/run.log" 2>"$dir/simulate.err"
    status=$?
    msg=$("$KEEL/tools/expect-lines.sh" "$dir/run.log" "$TEMPLATE/expect/state-$k.txt")
    if [ $? != 0 ]; then
        fail "$msg"
        return
    fi
    want=$(expected_status "$k")
    if [ "$status" != "$want" ]; then
        fail "the run ended with status $status, expected $want ($(tr -d '\r' <"$dir/simulate.err" | tail -n 1))"
        return
    fi
    if [ "$want" = 0 ] && tr -d '\r' <"$dir/run.log" | sed -n '/Booting all finished/,$p' | grep -q '^Caught '; then
        fail "a fault was reported: $(tr -d '\r' <"$dir/run.log" | grep -m 1 -A 2 '^Caught ' | tr '\n' ' ')"
        return
    fi
    echo "PASS: $TUT state $k" >"$result"
}

running=0
for k in "${states[@]}"; do
    if [ "$k" -gt "$total" ]; then
        echo "FAIL: $TUT state $k: there are only states 0..$total" >"$work/result-$k"
        continue
    fi
    run_state "$k" &
    running=$((running + 1))
    if [ $running -ge "$JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

failed=0
for k in "${states[@]}"; do
    if [ -f "$work/result-$k" ]; then
        cat "$work/result-$k"
    else
        echo "FAIL: $TUT state $k: no result (the check itself failed)"
    fi
    grep -q '^PASS: ' "$work/result-$k" 2>/dev/null || failed=1
done
exit $failed
