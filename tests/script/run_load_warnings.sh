#!/usr/bin/env bash
# The run loads its study once, so a warning of the load is in run.log
# once, however many chart steps follow (they used to load the inputs
# again and repeat it, one more time per chart step).  The bundled run
# with doctors_per_1000 left out of the indicator catalog: the study says
# "indicator 'doctors_per_1000' is not in the indicator catalog" (a load
# warning) and the run draws two chart steps and the map.  Without
# gnuplot the charts are "not drawn" warnings; the load warning is still
# once.
set -u
bin=$(realpath "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$top/datasets/jilin" "$tmp/in"
grep -v '^doctors_per_1000,' "$top/datasets/jilin/indicators.csv" >"$tmp/in/indicators.csv"
"$bin" run "$tmp/in/run.ini" --set charts.kinds=trend,heatmap,map --set charts.formats=png \
    -o "$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
fail=0
want="junheng: warning: indicator 'doctors_per_1000' is not in the indicator catalog"
n=$(grep -c "^$want" "$tmp/out/run.log")
if [ "$n" = 1 ]; then echo "ok: the load warning is in run.log once"
else echo "FAIL: the load warning is in run.log $n times (expected 1)"; fail=1; fi
# Each chart step is logged once, after its messages.
for step in "charts: trend" "charts: heatmap" "charts: map"; do
    n=$(grep -c "step $step: exit 0" "$tmp/out/run.log")
    [ "$n" = 1 ] || { echo "FAIL: step '$step' logged $n times"; fail=1; }
done
# The run's warning count is the warnings in run.log, each counted once.
said=$(sed -n 's/.*(\([0-9]*\) warnings* in .*run.log)$/\1/p' "$tmp/err")
logged=$(grep -c "^junheng: warning: " "$tmp/out/run.log")
if [ -n "$said" ] && [ "$said" = "$logged" ]; then echo "ok: $said warnings said and logged"
else echo "FAIL: the run says '$said' warnings, run.log has $logged"; fail=1; fi
exit $fail
