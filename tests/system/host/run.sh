#!/bin/sh
# Host unit tests of pure kernel logic, owned by the system-test suite
# (tests/system/): each subdirectory tests/system/host/<name>/ holds one test
# program's sources (*.c), compiled with the host gcc together with the
# kernel sources listed in its KERNEL_SOURCES file, into build/system-host/.
# Each program prints "PASS: ..." / "FAIL: ..." lines; one that does not
# build, or exits nonzero without a FAIL line, is reported as a FAIL.
# Exits nonzero if anything failed.
set -u
cd "$(dirname "$0")/../../.." || exit 2
out=build/system-host
mkdir -p "$out"
CC=${HOSTCC:-gcc}
CFLAGS="-std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-function -Ikernel/include -Ikernel/arch/x86_64/include"
status=0
for dir in tests/system/host/*/; do
    name=$(basename "$dir")
    set -- "$dir"*.c
    [ -e "$1" ] || continue
    srcs="$*"
    [ -f "$dir/KERNEL_SOURCES" ] && srcs="$srcs $(sed 's/#.*//' "$dir/KERNEL_SOURCES")"
    # shellcheck disable=SC2086
    if ! $CC $CFLAGS -o "$out/$name" $srcs >"$out/$name.build.log" 2>&1; then
        echo "FAIL: host/$name: does not build"
        sed 's/^/    /' "$out/$name.build.log" | head -40
        status=1
        continue
    fi
    "./$out/$name" >"$out/$name.log" 2>&1
    rc=$?
    sed "s#^\(PASS\|FAIL\): #\1: host/$name: #" "$out/$name.log"
    if [ $rc -ne 0 ]; then
        status=1
        grep -q '^FAIL:' "$out/$name.log" || echo "FAIL: host/$name: exited with status $rc"
    fi
done
exit $status
