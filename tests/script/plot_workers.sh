#!/usr/bin/env bash
# Long-lived gnuplot workers (src/output/gnuplot_worker.c) draw the same
# bytes as one gnuplot per chart, whichever worker draws which chart: every
# kind of the bundled Jilin data for two indicators and the hostile fixture,
# PNG and SVG, with 1 thread, 3 threads and JUNHENG_PLOT_WORKERS=0 (a fresh
# gnuplot per chart); 1 and 3 threads also for the full bundled `plot all`
# is left to bench/charts.sh (too slow for the suite).  A chart whose
# script stops at an error is reported like `gnuplot SCRIPT` exiting 1 and
# the next chart is still drawn by a new worker.
set -u
bin=$1
root=$(cd ../.. && pwd)
jl=$root/datasets/jilin
ho=$root/tests/data/hostile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
command -v gnuplot > /dev/null || { echo "SKIP: gnuplot not installed"; exit 77; }
cd "$tmp"
export JUNHENG_TEMPLATE_DIR=$root/plots
draw() { # DIR THREADS WORKERS
    mkdir -p "$1"
    JUNHENG_THREADS=$2 JUNHENG_PLOT_WORKERS=$3 "$bin" plot all --data "$jl/values.csv" \
        --regions "$jl/regions.csv" --indicators "$jl/indicators.csv" -i beds_per_1000 \
        -i dibao_standard -o "$1/jl" --format png,svg 2>> "$1.err" &&
    JUNHENG_THREADS=$2 JUNHENG_PLOT_WORKERS=$3 "$bin" plot all --data "$ho/values.csv" \
        --regions "$ho/regions.csv" --indicators "$ho/indicators.csv" \
        -o "$1/ho" --format png,svg 2>> "$1.err"
}
draw one 1 1; code=$?
check "1 thread: exit 0, no chart failed" "[ $code = 0 ] && ! grep -q 'not drawn' one.err"
draw three 3 1; code=$?
check "3 threads: exit 0" "[ $code = 0 ]"
draw fresh 3 0; code=$?
check "a gnuplot per chart: exit 0" "[ $code = 0 ]"
n=$(ls one/jl one/ho | grep -cE '\.(png|svg)$')
check "charts drawn ($n)" "[ $n -ge 40 ]"
check "3 threads = 1 thread, byte for byte" "diff -r one three > /dev/null"
check "workers = a gnuplot per chart, byte for byte" "diff -r one fresh > /dev/null"

# A template that stops at an error on its first chart only (a file it
# creates marks the first call): that chart fails as with `gnuplot SCRIPT`
# (exit status 1, gnuplot's message), the others are drawn.
mkdir tpl && cp "$root"/plots/*.gp tpl/
{ echo "if (system('test -e $tmp/first || { touch $tmp/first; echo 1; }') eq '1') { print NO_SUCH_VARIABLE }"
  cat "$root/plots/lorenz.gp"; } > tpl/lorenz.gp
JUNHENG_THREADS=1 "$bin" plot lorenz --data "$jl/values.csv" --regions "$jl/regions.csv" \
    --indicators "$jl/indicators.csv" -i beds_per_1000 -i dibao_standard \
    -i doctors_per_1000 --template-dir tpl -o err1 2> err
code=$?
check "an error in one chart: exit 70" "[ $code = 70 ]"
check "an error in one chart: says gnuplot's message" \
    "grep -qF 'junheng: warning: lorenz-beds_per_1000-2015-2020: not drawn: gnuplot failed (exit status 1): ' err && grep -qF 'undefined variable: NO_SUCH_VARIABLE' err"
check "an error in one chart: the next charts drawn" \
    "[ -s err1/lorenz-dibao_standard-2015-2020.png ] && [ -s err1/lorenz-doctors_per_1000-2015-2020.png ]"
check "an error in one chart: one warning" "[ \$(grep -c 'warning: .*not drawn' err) = 1 ]"
exit $fail
