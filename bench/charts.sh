#!/usr/bin/env bash
# The chart step of the bundled run, one gnuplot per chart against the
# long-lived gnuplot workers (issue 17), interleaved, several rounds.
#
#   bench/charts.sh [--runs N] [--build DIR] [--work DIR]
#
#   --runs N     counted rounds after one warm-up (default 3)
#   --build DIR  a junheng build (default build/bench; configured as Release
#                and built when junheng is missing there)
#   --work DIR   outputs (default /tmp/junheng-bench-charts)
#
# Each round runs `junheng plot all` on datasets/jilin (PNG and SVG, the
# files of `junheng run datasets/jilin/run.ini`) twice under /usr/bin/time:
# the baseline, JUNHENG_PLOT_WORKERS=0 JUNHENG_GNUPLOT_PNG= (a fresh gnuplot
# per chart writing PNGs as libpng chooses, as before issue 17), and the
# default (one gnuplot per thread, fed chart after chart, PNG rows
# unfiltered: src/preload/gnuplot_png.c).  CPU is user + system of junheng
# and every gnuplot it started (the rusage of waited-for children).
# The outputs must be byte-identical between a fresh gnuplot per chart and
# the workers (both with the PNG module) and between 1 thread and the
# default; the exit status is 1 when they are not.  The baseline's PNGs
# differ in bytes only (the same pixels: compare `convert A.png ppm:-`).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3 build=$top/build/bench work=/tmp/junheng-bench-charts
while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "usage: bench/charts.sh [--runs N] [--build DIR] [--work DIR]" >&2; exit 64 ;;
    esac
done
bin=$build/junheng
if [ ! -x "$bin" ]; then
    cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release > /dev/null
    cmake --build "$build" -j 2 --target junheng > /dev/null
fi
command -v gnuplot > /dev/null || { echo "bench/charts.sh: gnuplot not installed" >&2; exit 69; }
j=$top/datasets/jilin
rm -rf "$work" && mkdir -p "$work"
export JUNHENG_TEMPLATE_DIR=$top/plots
# plot OUT WORKERS [VAR=VALUE...]: one timed run, "cpu wall" appended to OUT.times
plot() {
    local out=$1 workers=$2
    shift 2
    rm -rf "$work/$out"
    env "$@" JUNHENG_PLOT_WORKERS="$workers" /usr/bin/time -f '%U %S %e' -a -o "$work/$out.times" \
        "$bin" plot all --data "$j/values.csv" --regions "$j/regions.csv" \
        --indicators "$j/indicators.csv" --format png,svg -o "$work/$out" 2> "$work/$out.err" ||
        { echo "bench/charts.sh: plot exited $? ($work/$out.err)" >&2; exit 1; }
}
for r in $(seq 0 "$runs"); do
    [ "$r" = 0 ] && sfx=.warmup || sfx=
    plot "per-chart$sfx" 0 JUNHENG_GNUPLOT_PNG=
    plot "workers$sfx" 1
done
plot fresh 0
plot one-thread 1 JUNHENG_THREADS=1
status=0
n=$(ls "$work/workers" | grep -cE '\.(png|svg)$')
if diff -r "$work/fresh" "$work/workers" > /dev/null &&
   diff -r "$work/workers" "$work/one-thread" > /dev/null; then
    echo "files: $n, byte-identical (a gnuplot per chart = workers = workers on 1 thread)"
else
    echo "files: $n, DIFFERENT between the modes"; status=1
fi
# Medians with sort, not gawk's asort (Debian's awk is mawk).
# median FILE: the middle line (the lower middle of an even count) of sorted numbers
median() { sort -g "$1" | awk '{v[NR] = $1} END {m = int((NR + 1) / 2); print v[m], v[1], v[NR], NR}'; }
# summary NAME: median cpu (user + system) and wall over the counted rounds
summary() {
    awk '{print $1 + $2}' "$work/$1.times" > "$work/$1.cpu"
    awk '{print $3}' "$work/$1.times" > "$work/$1.wall"
    read -r cpu lo hi n < <(median "$work/$1.cpu")
    read -r wall _ < <(median "$work/$1.wall")
    printf "%-10s cpu %6.2f s (min %.2f, max %.2f)   wall %6.2f s   (%d runs)\n" \
        "$1" "$cpu" "$lo" "$hi" "$wall" "$n"
}
summary per-chart
summary workers
paste "$work/per-chart.times" "$work/workers.times" |
    awk '{print ($1 + $2) / ($4 + $5)}' > "$work/ratio"
read -r r lo hi n < <(median "$work/ratio")
printf "ratio per-chart/workers (cpu), median of %d pairs: %.2f (min %.2f, max %.2f)\n" \
    "$n" "$r" "$lo" "$hi"
exit $status
