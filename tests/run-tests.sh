#!/usr/bin/env bash
# keel's test runner (make test runs it after building everything).
#
#   tests/run-tests.sh                      all tests
#   tests/run-tests.sh tests/expect/X.expect ...   only these system tests
#
# What runs, in this order:
#   1. host tests: tests/host/run.sh, libc/tests/run.sh, tests/system/host/run.sh and
#      libsel4runtime/tests/run.sh (if present), and
#      every tests/tools/*.sh (tests of init, simulate, check and the tutorial
#      renderer). Each prints "PASS: name" / "FAIL: name: detail" lines.
#   2. system tests: every tests/expect/*.expect boots an image under QEMU
#      (tools/qemu-run.sh, TCG, each run with a timeout, $JOBS runs at a time,
#      default: the number of CPUs) and checks its exit status and output. The
#      format is documented in tests/expect/README.md; in short:
#          image   build/examples/hello.elf   root task to boot (required)
#          status  0                          expected decoded exit status
#          timeout 60                         seconds
#          expect  REGEX                      lines in order, from the boot line on
#          absent  REGEX                      must not appear after the boot line
#          capture NAME REGEX                 ${NAME} = group 1 of a line anywhere
#          suite                              count the image's PASS:/FAIL: lines
#          qemu    ARGS                       extra QEMU arguments
#      The console output of each run is kept in build/test-results/<name>.log.
#   3. tutorial checks: tests/tutorial.sh, if present (its PASS:/FAIL: lines).
#
# Counting: every line starting with "PASS: " or "FAIL: " is one test (host
# scripts, suites, tutorial checks); a non-suite expectation file is one test;
# a suite whose status or expect lines are wrong adds one failure; a script
# that exits nonzero without printing a FAIL line adds one failure. The last
# line printed is "N passed, N failed"; the exit status is 0 only if nothing
# failed.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
KEEL=$(pwd)
RESULTS=build/test-results
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
case $JOBS in ''|*[!0-9]*|0) JOBS=2 ;; esac
mkdir -p "$RESULTS"
passed=0 failed=0

count() {  # FILE: add its PASS:/FAIL: lines to the totals
    local p f
    p=$(grep -c '^PASS: ' "$1")
    f=$(grep -c '^FAIL: ' "$1")
    passed=$((passed + p)) failed=$((failed + f))
}

# start_script NAME COMMAND...: run a script printing PASS:/FAIL: lines in the
# background (at most $JOBS at a time); report_script NAME prints its result.
start_script() {
    local name=$1
    shift
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
    rm -f "$RESULTS/$name.rc"
    { "$@" >"$RESULTS/$name.out" 2>&1 </dev/null; echo $? >"$RESULTS/$name.rc"; } &
}
report_script() {
    local name=$1 out=$RESULTS/$1.out rc
    while [ ! -s "$RESULTS/$name.rc" ]; do sleep 0.1; done
    rc=$(cat "$RESULTS/$name.rc")
    tr -d '\r' <"$out" >"$out.tmp" && mv -f "$out.tmp" "$out"
    cat "$out"
    count "$out"
    if [ "$rc" -ne 0 ] && ! grep -q '^FAIL: ' "$out"; then
        echo "FAIL: $name: exited with status $rc"
        failed=$((failed + 1))
    elif [ "$rc" -eq 0 ] && ! grep -q -e '^PASS: ' -e '^FAIL: ' "$out"; then
        echo "PASS: $name"
        passed=$((passed + 1))
    fi
}

# ---------------------------------------------------------------- system tests

# run_expect FILE: boot one expectation file's image and print its result lines.
run_expect() {
    local file=$1 name
    name=$(basename "$file" .expect)
    local log=$RESULTS/$name.log err=$RESULTS/$name.stderr
    local image= status=0 timeout=60 suite=0 qemu=() kinds=() args=() lineno=0 line key arg
    rm -f "$log" "$err"
    while IFS= read -r line || [ -n "$line" ]; do
        lineno=$((lineno + 1))
        line=${line%$'\r'}
        line=${line#"${line%%[![:space:]]*}"}     # leading white space
        line=${line%"${line##*[![:space:]]}"}     # trailing white space
        [ -z "$line" ] && continue
        [ "${line:0:1}" = "#" ] && continue
        key=${line%%[[:space:]]*}
        arg=${line#"$key"}
        arg=${arg#"${arg%%[![:space:]]*}"}
        case $key in
            image) image=$arg ;;
            status) status=$arg ;;
            timeout) timeout=$arg ;;
            suite) suite=1 ;;
            qemu) read -r -a more <<<"$arg"; qemu+=("${more[@]}") ;;
            expect|absent|capture) kinds+=("$key") args+=("$arg") ;;
            *) echo "FAIL: $name: $file:$lineno: unknown directive '$key' (see tests/expect/README.md)"; return ;;
        esac
        case $key in
            expect|absent|image) [ -n "$arg" ] || { echo "FAIL: $name: $file:$lineno: '$key' needs an argument"; return; } ;;
            capture) [[ $arg =~ ^[A-Za-z_][A-Za-z0-9_]*[[:space:]]+[^[:space:]] ]] ||
                { echo "FAIL: $name: $file:$lineno: 'capture NAME REGEX' expected"; return; } ;;
            status|timeout) [[ $arg =~ ^[0-9]+$ ]] || { echo "FAIL: $name: $file:$lineno: '$key' takes a number"; return; } ;;
        esac
    done <"$file"
    [ -n "$image" ] || { echo "FAIL: $name: $file has no 'image' line"; return; }
    [ -f "$image" ] || { echo "FAIL: $name: $image not found (run make first)"; return; }

    local qargs=() q rc
    for q in "${qemu[@]}"; do qargs+=(--qemu-arg "$q"); done
    QEMU_RUN_NAME=qemu-run tools/qemu-run.sh --quiet --log "$log" --timeout "$timeout" "${qargs[@]}" "$image" 2>"$err"
    rc=$?
    tr -d '\r' <"$log" >"$log.tmp" && mv -f "$log.tmp" "$log"

    local problems=()
    if [ $rc = 124 ] && grep -q 'timed out' "$err"; then
        problems+=("timed out after $timeout s")
    elif [ $rc = 125 ]; then
        problems+=("QEMU failed: $(grep -v '^qemu-system' "$err" | tail -n 1)")
    elif [ "$rc" != "$status" ]; then
        local why
        why=$(grep '^qemu-run: exit status' "$err" | sed 's/^qemu-run: exit status [0-9]*: //')
        problems+=("expected status $status, got $rc${why:+ ($why)}")
    fi

    # capture / expect / absent, in file order
    local -A vars=()
    local -a lines
    mapfile -t lines <"$log"
    local n=${#lines[@]} boot=-1 i k v re refile=$RESULTS/$name.regex
    for ((i = 0; i < n; i++)); do
        [[ ${lines[i]} == *'Booting all finished, dropped to user space'* ]] && { boot=$i; break; }
    done
    : >"$refile"
    for k in "${!kinds[@]}"; do
        re=${args[k]}
        if [ "${kinds[k]}" = capture ]; then
            v=${re%%[[:space:]]*}
            re=${re#"$v"}
            re=${re#"${re%%[![:space:]]*}"}
        fi
        local var
        for var in "${!vars[@]}"; do re=${re//"\${$var}"/"${vars[$var]}"}; done
        case ${kinds[k]} in
            capture)
                local got=
                for ((i = 0; i < n; i++)); do
                    if [[ ${lines[i]} =~ $re ]]; then got=${BASH_REMATCH[1]-}; break; fi
                done
                if [ $i -ge $n ]; then problems+=("capture $v: no line matches '$re'"); else vars[$v]=$got; fi
                ;;
            expect) printf '%s\n' "$re" >>"$refile" ;;
            absent)
                for ((i = boot < 0 ? 0 : boot; i < n; i++)); do
                    if [[ ${lines[i]} =~ $re ]]; then problems+=("line $((i + 1)) matches absent '$re': ${lines[i]}"); break; fi
                done
                ;;
        esac
    done
    if [ -s "$refile" ]; then
        local msg
        msg=$(tools/expect-lines.sh "$log" "$refile") || problems+=("$msg")
    fi

    local why=
    [ ${#problems[@]} = 0 ] || why=$(printf '%s; ' "${problems[@]}" | sed 's/; $//')
    if [ $suite = 1 ]; then
        sed -n -e "s|^PASS: |PASS: $name/|p" -e "s|^FAIL: |FAIL: $name/|p" "$log"
        if ! grep -q -e '^PASS: ' -e '^FAIL: ' "$log"; then
            why="${why:+$why; }the suite printed no PASS:/FAIL: line"
        fi
        [ -z "$why" ] || echo "FAIL: $name: $why"
    elif [ -z "$why" ]; then
        echo "PASS: $name"
    else
        echo "FAIL: $name: $why"
    fi
    if [ -n "$why" ]; then
        echo "    console output in $log; its last lines:"
        tail -n 12 "$log" | sed 's/^/    | /'
    fi
}

run_system_tests() {  # expectation files...
    [ $# -gt 0 ] || return 0
    local f name
    for f in "$@"; do rm -f "$RESULTS/$(basename "$f" .expect).done"; done
    (
        for f in "$@"; do
            while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
            name=$(basename "$f" .expect)
            { run_expect "$f" >"$RESULTS/$name.result" 2>&1; touch "$RESULTS/$name.done"; } &
        done
        wait
    ) &
    local launcher=$!
    for f in "$@"; do
        name=$(basename "$f" .expect)
        while [ ! -e "$RESULTS/$name.done" ]; do sleep 0.1; done
        cat "$RESULTS/$name.result"
        count "$RESULTS/$name.result"
    done
    wait $launcher
}

# ---------------------------------------------------------------- main

if [ $# -gt 0 ]; then
    for f in "$@"; do [ -f "$f" ] || { echo "FAIL: $f: no such expectation file"; failed=$((failed + 1)); }; done
    set -- $(for f in "$@"; do [ -f "$f" ] && echo "$f"; done)
    run_system_tests "$@"
else
    echo "== host tests"
    scripts=()
    for s in tests/host/run.sh libc/tests/run.sh tests/system/host/run.sh libsel4runtime/tests/run.sh; do
        [ -f "$s" ] || continue
        name=$(dirname "$s" | tr / -)
        scripts+=("$name")
        if [ -x "$s" ]; then start_script "$name" "./$s"; else start_script "$name" sh "$s"; fi
    done
    for s in tests/tools/*.sh; do
        [ -f "$s" ] || continue
        name=tools-$(basename "$s" .sh)
        scripts+=("$name")
        start_script "$name" bash "$s"
    done
    for name in "${scripts[@]}"; do report_script "$name"; done
    wait

    echo "== system tests (QEMU, $JOBS at a time)"
    shopt -s nullglob
    files=(tests/expect/*.expect)
    shopt -u nullglob
    run_system_tests "${files[@]}"

    if [ -f tests/tutorial.sh ]; then
        echo "== tutorial checks"
        start_script tutorial bash tests/tutorial.sh
        report_script tutorial
    fi
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
