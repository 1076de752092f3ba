#!/usr/bin/env bash
# Render a tutorial template for one task state.
#
#   tools/tutorial-render.sh [--tasks FILE] [--solution] [--task NAME] [--done D] TEMPLATE
#   tools/tutorial-render.sh --tasks FILE [--solution] [--task NAME] --info
#
# The template is C with marker lines (each alone on its line; spaces around
# are allowed):
#
#   /*@ task N exercise @*/ ... /*@ end @*/   kept while task N is not done
#   /*@ task N solution @*/ ... /*@ end @*/   kept once task N is done
#
# Every other line is copied; the marker lines themselves are dropped. Blocks do
# not nest. Tasks are numbered from 1 in the order of the tasks file (one task
# name a line; blank lines and lines starting with # are ignored).
#
# Which tasks are done (D = tasks 1..D done):
#   no flags                   D = 0      (exercise at the first task)
#   --task NAME                D = K - 1  (exercise for task K = NAME's position)
#   --solution --task NAME     D = K      (solution of task K)
#   --solution                 D = number of tasks
#   --done D                   D as given
# The state the learner works towards ("target") is K for --task NAME (either
# mode), all tasks for --solution alone, and 1 with no flags.
#
# Output: the rendered file on stdout; with --info, the line
# "done=D target=K total=T" instead. Errors (bad markers with their line
# numbers, unknown task) go to stderr, exit status 1.
set -u
PROG=tutorial-render
die() { echo "$PROG: $*" >&2; exit 1; }

tasks_file= solution=0 task= done= info=0 template=
while [ $# -gt 0 ]; do
    case $1 in
        --tasks) tasks_file=${2:?}; shift ;;
        --solution) solution=1 ;;
        --task) task=${2:?}; shift ;;
        --done) done=${2:?}; shift ;;
        --info) info=1 ;;
        -h|--help) sed -n '2,/^set -u/p' "$0" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option '$1'" ;;
        *) [ -z "$template" ] || die "more than one template given"; template=$1 ;;
    esac
    shift
done

total=
if [ -n "$tasks_file" ]; then
    [ -f "$tasks_file" ] || die "tasks file $tasks_file not found"
    mapfile -t names < <(sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$tasks_file" | grep -v -e '^$' -e '^#')
    total=${#names[@]}
fi

target=
if [ -n "$done" ]; then
    case $done in *[!0-9]*|'') die "--done takes a number, not '$done'" ;; esac
    target=$((done + 1))
elif [ -n "$task" ]; then
    [ -n "$total" ] || die "--task needs --tasks FILE"
    k=0
    for i in "${!names[@]}"; do
        [ "${names[$i]}" = "$task" ] && k=$((i + 1))
    done
    [ $k -gt 0 ] || die "no task '$task'; the tasks are: ${names[*]}"
    target=$k
    if [ $solution = 1 ]; then done=$k; else done=$((k - 1)); fi
elif [ $solution = 1 ]; then
    [ -n "$total" ] || die "--solution without --task needs --tasks FILE"
    done=$total target=$total
else
    done=0 target=1
fi
[ -z "$total" ] || [ "$target" -le "$total" ] || target=$total

if [ $info = 1 ]; then
    echo "done=$done target=$target total=${total:-0}"
    exit 0
fi
[ -n "$template" ] || die "no template given (see --help)"
[ -f "$template" ] || die "template $template not found"

# LC_ALL=C: byte-wise, so any encoding passes through unchanged.
LC_ALL=C awk -v done="$done" -v total="${total:-0}" -v file="$template" '
function fail(msg) { printf "%s:%d: %s\n", file, NR, msg > "/dev/stderr"; bad = 1; exit 1 }
{
    line = $0
    sub(/\r$/, "", line)
    t = line
    gsub(/^[ \t]+|[ \t]+$/, "", t)
    if (t ~ /^\/\*@.*@\*\/$/) {
        body = t
        sub(/^\/\*@[ \t]*/, "", body)
        sub(/[ \t]*@\*\/$/, "", body)
        n = split(body, w, /[ \t]+/)
        if (n == 1 && w[1] == "end") {
            if (!open) fail("/*@ end @*/ without an open block")
            open = 0
            next
        }
        if (n == 3 && w[1] == "task" && w[2] ~ /^[0-9]+$/ && (w[3] == "exercise" || w[3] == "solution")) {
            if (open) fail("a block starts inside the block opened on line " openline " (blocks do not nest)")
            num = w[2] + 0
            if (num < 1 || (total > 0 && num > total))
                fail("task " num " is not in the tasks file (tasks 1.." total ")")
            open = 1; openline = NR
            keep = (w[3] == "exercise") ? (num > done) : (num <= done)
            next
        }
        fail("unknown marker \"" t "\" (expected /*@ task N exercise @*/, /*@ task N solution @*/ or /*@ end @*/)")
    }
    if (!open || keep) print $0
}
END {
    if (!bad && open) { NR = openline; fail("block not closed with /*@ end @*/") }
    if (bad) exit 1
}' "$template"
