#!/usr/bin/env bash
# The main job (make run): build the IPC tutorial's solution (tutorials/dynamic-2,
# all tasks solved) with ./init --tut dynamic-2 --solution in build/main-job/,
# and run it in QEMU. Until the tutorial is in the tree, run examples/hello.
#
#   tools/run-main-job.sh [simulate options, e.g. --timeout S]
#
# Exit status: the run's (see tools/qemu-run.sh); 1 if the run ended with 0
# but the output does not match the tutorial's final state.
set -u
KEEL=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$KEEL" || exit 2
tut=tutorials/dynamic-2

if [ ! -f "$tut/tasks" ]; then
    echo "run-main-job: $tut is not there yet; running examples/hello instead"
    [ -f build/examples/hello.elf ] || make -s all || exit 2
    QEMU_RUN_NAME=run-main-job exec tools/qemu-run.sh "$@" build/examples/hello.elf
fi

work=build/main-job
rm -rf "$work/dynamic-2" "$work/dynamic-2_build"
mkdir -p "$work" && cd "$work" || exit 2
echo "run-main-job: building the dynamic-2 tutorial's solution in $work"
"$KEEL/init" --tut dynamic-2 --solution >/dev/null || exit 2
ninja -C dynamic-2_build >dynamic-2_build/build.log 2>&1 || { cat dynamic-2_build/build.log; exit 2; }
dynamic-2_build/simulate --log run.log "$@"
status=$?

final=$(. dynamic-2_build/.keel_config && echo "$TUT_TEMPLATE/expect/state-$TUT_TOTAL.txt")
if [ -f "$final" ]; then
    if msg=$("$KEEL/tools/expect-lines.sh" run.log "$final"); then
        echo "run-main-job: the output matches the tutorial's final state ($(basename "$final"))"
    else
        echo "run-main-job: the output does not match the tutorial's final state: $msg"
        [ $status = 0 ] && status=1
    fi
fi
exit $status
