#!/usr/bin/env bash
# Check that console output contains lines matching regular expressions, in order.
#
#   tools/expect-lines.sh [--all] LOG REGEXFILE
#
# REGEXFILE holds one POSIX extended regular expression a line (the grep -E
# dialect, matched with bash's =~ anywhere in a line); empty lines are skipped.
# Each must match a line of LOG after the line the previous one matched; the
# first may match from the line "Booting all finished, dropped to user space"
# on (that line included), or from the first line with --all. Carriage returns
# are removed first. Exit 0 if all match; 1 with one line on stdout naming the
# first regex that did not match; 2 for a bad regex, no boot line or no file.
set -u
all=0
[ "${1:-}" = --all ] && { all=1; shift; }
[ $# -eq 2 ] || { echo "usage: $0 [--all] LOG REGEXFILE" >&2; exit 2; }
log=$1 refile=$2
[ -r "$log" ] || { echo "cannot read $log"; exit 2; }
[ -r "$refile" ] || { echo "cannot read $refile"; exit 2; }

mapfile -t lines < <(tr -d '\r' <"$log")
n=${#lines[@]}
pos=0
if [ $all = 0 ]; then
    boot='Booting all finished, dropped to user space'
    for ((pos = 0; pos < n; pos++)); do
        [[ ${lines[pos]} == *"$boot"* ]] && break
    done
    if [ $pos -ge $n ]; then
        echo "the kernel never printed '$boot'"
        exit 2
    fi
fi
lineno=0
while IFS= read -r re || [ -n "$re" ]; do
    lineno=$((lineno + 1))
    re=${re%$'\r'}
    [ -n "$re" ] || continue
    found=0
    for ((i = pos; i < n; i++)); do
        [[ ${lines[i]} =~ $re ]]
        case $? in
            0) found=1; break ;;
            2) echo "bad regular expression on line $lineno of $refile: '$re'"; exit 2 ;;
        esac
    done
    if [ $found = 0 ]; then
        echo "no line matching '$re' (line $lineno of $(basename "$refile")) from output line $((pos + 1)) on"
        exit 1
    fi
    pos=$((i + 1))
done <"$refile"
exit 0
