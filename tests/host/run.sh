#!/bin/sh
# Build and run the host unit tests.
#
#   tests/host/<name>.c      one test program
#   tests/host/<name>/*.c    one test program made of several files
#   tests/host/<name>.sh     a check script (run with sh from the repository root)
#
# Programs are built with the host gcc into build/host/ and run from the
# repository root. Each prints "PASS: ..." / "FAIL: ..." lines; a program
# that does not build or exits nonzero without a FAIL line is reported as a
# FAIL too. Exits nonzero if anything failed.
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/host
mkdir -p "$out"
CC=${HOSTCC:-gcc}
CFLAGS="-std=gnu11 -O1 -g -Wall -Wextra -Werror -Ilibsel4/include -Itests/host"
status=0

run_one() {  # name sources...
    name=$1; shift
    if ! $CC $CFLAGS -o "$out/$name" "$@" >"$out/$name.build.log" 2>&1; then
        echo "FAIL: $name: does not build"
        sed 's/^/    /' "$out/$name.build.log" | head -40
        status=1
        return
    fi
    "./$out/$name" >"$out/$name.log" 2>&1
    rc=$?
    cat "$out/$name.log"
    if [ $rc -ne 0 ]; then
        status=1
        grep -q '^FAIL:' "$out/$name.log" || echo "FAIL: $name: exited with status $rc"
    fi
}

for src in tests/host/*.c; do
    [ -e "$src" ] || continue
    run_one "$(basename "$src" .c)" "$src"
done
for dir in tests/host/*/; do
    [ -d "$dir" ] || continue
    set -- "$dir"*.c
    [ -e "$1" ] || continue
    run_one "$(basename "$dir")" "$@"
done
for script in tests/host/*.sh; do
    case $script in */run.sh) continue ;; esac
    name=$(basename "$script" .sh)
    sh "$script" >"$out/$name.log" 2>&1
    rc=$?
    cat "$out/$name.log"
    if [ $rc -ne 0 ]; then
        status=1
        grep -q "^FAIL:" "$out/$name.log" || echo "FAIL: $name: exited with status $rc"
    fi
done
exit $status
