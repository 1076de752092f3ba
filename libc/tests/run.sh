#!/bin/sh
# Host tests of keel libc: the printf engine and printf family (host_printf.c)
# and the string/stdlib functions (host_libc.c), compiled with the host gcc.
# libc sources are built against keel's own headers with their functions
# renamed keel_* (rename.h), so the tests can compare them with glibc's.
# Prints PASS:/FAIL: lines; exits nonzero if any test failed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
libc=$(dirname "$here")
if [ -n "${BUILD_DIR:-}" ]; then
    out=$BUILD_DIR
    mkdir -p "$out"
else
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
CC=${CC:-gcc}
gcc_inc=$($CC -print-file-name=include)

# keel libc sources, as the target sees them, but with host-safe names
KEEL_CFLAGS="-std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-builtin \
    -nostdinc -I$libc/include -isystem $gcc_inc -include $here/rename.h"
objs=""
for src in stdio/format.c stdio/printf.c string/str.c string/mem.c string/strerror.c \
           stdlib/strtol.c stdlib/qsort.c stdlib/malloc.c stdlib/misc.c misc/ctype.c misc/errno.c; do
    obj="$out/$(echo "$src" | tr / _).o"
    $CC $KEEL_CFLAGS -DLIBC_HEAP_SIZE='(256u * 1024)' -c "$libc/src/$src" -o "$obj"
    objs="$objs $obj"
done

HOST_CFLAGS="-std=gnu11 -O1 -g -Wall -Wextra -Wno-format -Wno-format-extra-args -Wno-stringop-truncation"
$CC $HOST_CFLAGS "$here/host_printf.c" $objs -o "$out/host_printf" -lm
$CC $HOST_CFLAGS "$here/host_libc.c" $objs -o "$out/host_libc"

status=0
"$out/host_printf" || status=1
"$out/host_libc" || status=1
exit $status
