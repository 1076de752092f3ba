#!/usr/bin/env bash
# Install the host packages keel needs (Debian 12), but only those missing.
#
#   scripts/setup-deps.sh        (also: make deps; make run and make test call it)
#
# Needed: gcc, make, binutils (ld, ar, objcopy), qemu-system-x86 (QEMU, TCG
# only), ninja-build (for build directories made by ./init). As root the missing
# ones are installed with apt-get, non-interactively; otherwise the script
# prints one line naming them and exits 1. Prints nothing when all is there.
set -u

# command -> Debian package
need=(
    gcc:gcc
    make:make
    ld:binutils
    ar:binutils
    objcopy:binutils
    qemu-system-x86_64:qemu-system-x86
    ninja:ninja-build
    timeout:coreutils
)

missing=()
for pair in "${need[@]}"; do
    cmd=${pair%%:*} pkg=${pair#*:}
    if ! command -v "$cmd" >/dev/null 2>&1; then
        case " ${missing[*]} " in *" $pkg "*) ;; *) missing+=("$pkg") ;; esac
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "setup-deps: missing packages: ${missing[*]}; install them as root with: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-deps: missing packages: ${missing[*]}; apt-get not found (keel expects Debian 12): install them with your package manager" >&2
    exit 1
fi

echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || { echo "setup-deps: apt-get update failed" >&2; exit 1; }
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
    { echo "setup-deps: apt-get install ${missing[*]} failed" >&2; exit 1; }

for pair in "${need[@]}"; do
    cmd=${pair%%:*} pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || { echo "setup-deps: $cmd still missing after installing $pkg" >&2; exit 1; }
done
echo "setup-deps: installed ${missing[*]}"
