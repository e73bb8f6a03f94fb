#!/usr/bin/env bash
# The run reads its study once: each input file (data, both catalogs) is
# opened at most twice, to read it and to hash it for manifest.json
# (before the one study it was opened 14 times).  With charts off, and
# with charts on (two chart kinds and the map, in PNG, to keep it short):
# the chart and map steps draw from the run's study and open no input
# again (they used to load it once more each, 4 opens with charts on).
set -u
bin=$(realpath "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v strace >/dev/null || { echo "skip: strace not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# opens LABEL SET...: the bundled run under strace with the --set options
opens() {
    local label=$1
    shift
    rm -rf "$tmp/out"
    # LeakSanitizer cannot work under ptrace: leaks are the other tests' job.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        strace -f -e trace=openat -o "$tmp/trace" \
        "$bin" run "$top/datasets/jilin/run.ini" "$@" -o "$tmp/out" -q 2>"$tmp/err" ||
        { cat "$tmp/err"; exit 1; }
    # ptrace may be refused in a container: then nothing was traced.
    grep -q 'openat(' "$tmp/trace" || { echo "skip: strace could not trace"; exit 77; }
    for f in values.csv regions.csv indicators.csv run.ini; do
        n=$(grep -c "datasets/jilin/$f\"" "$tmp/trace")
        if [ "$n" -ge 1 ] && [ "$n" -le 2 ]; then echo "ok: $label: $f opened $n times"
        else echo "FAIL: $label: $f opened $n times (expected 1 or 2)"; fail=1; fi
    done
}
opens "charts off" --set charts.kinds=none
opens "charts on" --set charts.kinds=trend,heatmap,map --set charts.formats=png
# The charts were drawn (or, without gnuplot, planned): the steps ran.
for k in trend heatmap map; do
    grep -q "step charts: $k: exit" "$tmp/out/run.log" ||
        { echo "FAIL: charts on: no step 'charts: $k' in run.log"; fail=1; }
done
exit $fail
