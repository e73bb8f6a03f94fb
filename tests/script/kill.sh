#!/usr/bin/env bash
# junheng run killed (SIGKILL) at 20 moments spread over its steps: after
# each, the output folder is byte-identical to what it held before or is the
# complete new output, and the next run removes what the killed one left
# (saying so), so that no temporary folder stays behind.
#
# The moments are files appearing in the run's temporary folder, watched
# while it runs: the kill lands just after each, whatever the machine's
# speed.  Each run gets its own title, so "old" and "new" cannot be confused.
set -u
bin=$(realpath "$1")
jilin=$(realpath ../../datasets/jilin/run.ini)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
opts=(--set charts.kinds=heatmap --set charts.formats=svg -q)
command -v gnuplot >/dev/null || opts=(--set charts.kinds=none -q) # moment 17 then never comes

# The reference output: what every complete run writes but for its title,
# run.log and manifest.json (times).
"$bin" run "$jilin" -o out "${opts[@]}" --set "output.title=run 0" 2>err0
check "the first run exits 0" '[ $? = 0 ]'
cp -a out ref

# The run's own temporary folder, not a leftover of the run killed before.
left=""
current_tmp() {
    for d in out.tmp-*; do
        [ -d "$d" ] && [[ " $left " != *" $d "* ]] && { echo "$d"; return 0; }
    done
    return 1
}
# 0 when moment m of run i has come.
moment() {
    local m=$1 i=$2 t
    if [ "$m" = 19 ]; then grep -qs "run $i" out/report.html; return; fi
    t=$(current_tmp) || return 1
    case $m in
    1) true ;;
    2) [ -e "$t/.junheng-run" ] ;;
    3) [ -e "$t/run.log" ] ;;
    4) [ -e "$t/tables/validate.txt" ] ;;
    5) compgen -G "$t/tables/indices.csv.tmp.*" >/dev/null || [ -e "$t/tables/indices.csv" ] ;;
    6) [ -e "$t/tables/indices.csv" ] ;;
    7) [ -e "$t/tables/indices-wide.csv" ] ;;
    8) compgen -G "$t/tables/decompose-prefecture.csv.tmp.*" >/dev/null ||
           [ -e "$t/tables/decompose-prefecture.csv" ] ;;
    9) [ -e "$t/tables/decompose-prefecture.csv" ] ;;
    10) [ -e "$t/tables/decompose-class.csv" ] ;;
    11) [ -e "$t/tables/urban-rural.csv" ] ;;
    12) [ -e "$t/tables/rank-indicators.csv" ] ;;
    13) [ -e "$t/tables/rank-weights.csv" ] ;;
    14) [ -e "$t/tables/rank-counties.csv" ] ;;
    15) [ -e "$t/tables/targets.csv" ] ;;
    16) [ -e "$t/tables/converge.csv" ] ;;
    17) [ -n "$(ls -A "$t/charts" 2>/dev/null)" ] ;;
    18) [ -e "$t/report.html" ] ;;
    20) [ -e "$t/manifest.json" ] ;;
    esac
}

# Every file manifest.json lists has its SHA-256, and it lists every file.
manifest_holds() {
    local n=0 path sum
    while read -r path sum; do
        [ "$(sha256sum "out/$path" 2>/dev/null | cut -c1-64)" = "$sum" ] || return 1
        n=$((n + 1))
    done < <(sed -n 's/.*{"path": "\([^/"][^"]*\)".*"sha256": "\([0-9a-f]*\)"}.*/\1 \2/p' \
             out/manifest.json)
    [ "$n" -gt 0 ] && [ "$n" = "$(cd out && find . -type f ! -name manifest.json | wc -l)" ]
}
complete_new() {
    local i=$1
    grep -q "run $i" out/report.html &&
        diff -r -q --exclude=manifest.json --exclude=run.log --exclude=report.html ref out \
            >/dev/null && manifest_holds
}

alive=0 as_old=0 as_new=0
for i in $(seq 1 20); do
    rm -rf old && cp -a out old
    "$bin" run "$jilin" -o out "${opts[@]}" --set "output.title=run $i" 2>"err$i" &
    pid=$!
    while ! moment "$i" "$i" && kill -0 $pid 2>/dev/null; do sleep 0.005; done
    cleaned=1
    for d in $left; do [ -e "$d" ] && cleaned=0; done
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    [ $? = 137 ] && alive=$((alive + 1))
    if diff -r old out >/dev/null 2>&1; then
        as_old=$((as_old + 1)) state=old
    elif complete_new "$i"; then
        as_new=$((as_new + 1)) state=new
    else
        state=broken
    fi
    check "moment $i: the folder holds the old or the complete new output ($state)" \
        '[ $state != broken ]'
    if [ -n "$left" ]; then
        said=1
        for d in $left; do grep -q "removed .*$d, left by an interrupted run" "err$i" || said=0; done
        check "moment $i: the leftovers of the run before are removed, and it says so" \
            '[ $cleaned = 1 ] && [ $said = 1 ]'
    fi
    left=$(ls -d out.tmp-* out.old-* 2>/dev/null | tr '\n' ' ')
done
echo "killed while running: $alive of 20; left the old output: $as_old, the new: $as_new"
check "at least 10 of the 20 kills hit a running run" '[ $alive -ge 10 ]'

"$bin" run "$jilin" -o out "${opts[@]}" --set "output.title=run 21" 2>err21
check "the next run exits 0" '[ $? = 0 ]'
for d in $left; do
    check "the next run says it removed $d" "grep -q 'removed .*$d, left by an interrupted run' err21"
done
check "no temporary folder is left" '[ -z "$(ls -d out.tmp-* out.old-* 2>/dev/null)" ]'
check "the last output is complete" 'complete_new 21'
exit $fail
