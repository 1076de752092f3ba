#!/usr/bin/env bash
# Host test of tools/tutorial-render.sh on the example tutorial in
# tests/tools/tutorial-example/ and on broken templates. Prints one
# "PASS: render/<name>" or "FAIL: render/<name>: detail" line per check;
# exits 1 if any failed.
set -u
cd "$(dirname "$0")/../.." || exit 2
R=tools/tutorial-render.sh
EX=tests/tools/tutorial-example
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
failed=0

pass() { echo "PASS: render/$1"; }
fail() { echo "FAIL: render/$1: $2"; failed=1; }

# The program lines (not comments) of a rendering, one string.
body() { grep -E 'printf|TODO' | sed 's/^[[:space:]]*//' | tr '\n' '|'; }

E0='printf("example: start\n");|/* TODO task-1: print "example: one" */|/* TODO task-2: print "example: two" */|'
E1='printf("example: start\n");|printf("example: one\n");|/* TODO task-2: print "example: two" */|'
E2='printf("example: start\n");|printf("example: one\n");|printf("example: two\n");|'

render_case() {  # name expected-body expected-info args...
    local name=$1 want=$2 info=$3; shift 3
    local got
    if ! got=$("$R" --tasks $EX/tasks "$@" $EX/main.c 2>"$tmp/err" | body); then
        fail "$name" "renderer failed: $(head -1 "$tmp/err")"; return
    fi
    if [ "$got" != "$want" ]; then fail "$name" "got '$got', expected '$want'"; return; fi
    got=$("$R" --tasks $EX/tasks "$@" --info)
    if [ "$got" != "$info" ]; then fail "$name" "--info says '$got', expected '$info'"; return; fi
    pass "$name"
}
render_case default "$E0" "done=0 target=1 total=2"
render_case exercise-task-1 "$E0" "done=0 target=1 total=2" --task task-1
render_case exercise-task-2 "$E1" "done=1 target=2 total=2" --task task-2
render_case solution-task-1 "$E1" "done=1 target=1 total=2" --solution --task task-1
render_case solution-task-2 "$E2" "done=2 target=2 total=2" --solution --task task-2
render_case solution "$E2" "done=2 target=2 total=2" --solution
render_case done-1 "$E1" "done=1 target=2 total=2" --done 1

# Marker lines disappear; ordinary lines (including blank ones) stay as they are.
out=$("$R" --tasks $EX/tasks --solution $EX/main.c)
if grep -q '/\*@' <<<"$out"; then fail markers-removed "a marker line is left"; else pass markers-removed; fi
n_tmpl=$(grep -vc '/\*@' $EX/main.c)
n_solution_blocks=$(awk '/task [0-9]+ exercise/{x=1;next} /@ end @/{x=0;next} x' $EX/main.c | wc -l)
n_out=$(printf '%s\n' "$out" | wc -l)
if [ "$n_out" -eq $((n_tmpl - n_solution_blocks)) ]; then pass line-count
else fail line-count "$n_out lines, expected $((n_tmpl - n_solution_blocks))"; fi

# A template without markers is copied byte for byte.
printf 'int main(void)\n{\n\treturn 0; /* not a marker: /*@ end @*/ */\n}\n\n' >"$tmp/plain.c"
if "$R" --done 3 "$tmp/plain.c" | cmp -s - "$tmp/plain.c"; then pass plain-copy; else fail plain-copy "output differs from the input"; fi

bad_case() {  # name expected-message-regex template-text args...
    local name=$1 want=$2 text=$3; shift 3
    printf '%b' "$text" >"$tmp/$name.c"
    if "$R" --tasks $EX/tasks "$@" "$tmp/$name.c" >/dev/null 2>"$tmp/err"; then
        fail "$name" "a bad template was accepted"
    elif ! grep -Eq "$want" "$tmp/err"; then
        fail "$name" "message '$(head -1 "$tmp/err")' does not match '$want'"
    else
        pass "$name"
    fi
}
bad_case unclosed ':2: block not closed' 'a\n/*@ task 1 exercise @*/\nb\n'
bad_case nested ':3: a block starts inside the block opened on line 2' 'a\n/*@ task 1 exercise @*/\n/*@ task 2 solution @*/\n/*@ end @*/\n'
bad_case stray-end ':2: /[*]@ end @[*]/ without an open block' 'a\n/*@ end @*/\n'
bad_case unknown-marker ':1: unknown marker' '/*@ task one exercise @*/\n/*@ end @*/\n'
bad_case task-out-of-range ':1: task 3 is not in the tasks file' '/*@ task 3 solution @*/\n/*@ end @*/\n'
if "$R" --tasks $EX/tasks --task task-9 --info >/dev/null 2>"$tmp/err"; then fail unknown-task "accepted"
elif grep -q "no task 'task-9'" "$tmp/err"; then pass unknown-task
else fail unknown-task "message: $(head -1 "$tmp/err")"; fi

exit $failed
