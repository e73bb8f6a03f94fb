#!/usr/bin/env bash
# junheng beside its peers on synthetic panels, interleaved, several times.
#
#   bench/compare.sh [--runs N] [--large] [--only LIST] [--build DIR] [--work DIR]
#
#   --runs N     counted rounds after one warm-up (default 3)
#   --large      also L = 40,000 regions x 50 indicators x 10 years (20 M
#                rows, 1 GB; minutes per round): off by default
#   --only LIST  comma-separated sections: indices, bootstrap, density
#                (default: all three)
#   --build DIR  a Release build of junheng (default build/bench; configured
#                and built when junheng is missing there)
#   --work DIR   generated data and outputs (default /tmp/junheng-bench)
#
# Sections:
#   indices    S = 2,850 regions x 20 indicators x 5 years and M = 2,850 x
#              100 x 10 (L with --large), long layout with a population
#              column: `junheng indices` (every index, plain and weighted,
#              written out), the bare libcsv + strtod floor, the pandas and
#              data.table pipelines (bench/peer_pandas.py,
#              bench/peer_datatable.R); checks that junheng's numbers
#              agree with each peer's to 1e-9 relative.
#   bootstrap  S, 1,000 replicates: the weighted Gini of every slice
#              (bench_boot_gini) and numpy's draw-count script
#              (bench/boot_gini_numpy.py); `junheng indices --bootstrap
#              1000` (every index, both weightings) beside the same script.
#   density    D = 2,850 x 20 x 10: `junheng converge --table density`
#              beside the floor on the same file.
#
# Every command runs under /usr/bin/time; within a round the commands run in
# turn (A B C A B C ...), so a ratio is taken between runs made moments
# apart.  Printed: median wall and CPU seconds and peak RSS per command, and
# per pair the medians of the per-round wall-time and CPU-time ratios.  The
# machine this was written on is shared: quote the ratios, not the seconds.
# A peer whose interpreter or library is missing is skipped with a note.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3 large=0 only=indices,bootstrap,density
build=$top/build/bench work=/tmp/junheng-bench
while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --large) large=1; shift ;;
    --only) only=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
done
case $runs in ''|*[!0-9]*|0) echo "compare.sh: --runs needs a positive count" >&2; exit 64 ;; esac
[ -x /usr/bin/time ] || { echo "compare.sh: needs GNU time (apt-get install time)" >&2; exit 69; }
want() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

if [ ! -x "$build/junheng" ] || [ ! -x "$build/bench/bench_boot_gini" ]; then
    cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJUNHENG_TESTS=OFF >/dev/null
    cmake --build "$build" -j "$(nproc)" >/dev/null
fi
jh=$build/junheng floor=$build/bench/bench_bare_libcsv boot=$build/bench/bench_boot_gini
mkdir -p "$work/out"

# The peers, when their interpreters and libraries are there.  Debian's
# python3 first: a python3 earlier on PATH may lack pandas.
py=
for p in /usr/bin/python3 python3; do
    if command -v "$p" >/dev/null && "$p" -c 'import numpy, pandas' 2>/dev/null; then py=$p; break; fi
done
rs=
if command -v Rscript >/dev/null && Rscript -e 'library(data.table)' >/dev/null 2>&1; then rs=Rscript; fi
[ -n "$py" ] || echo "note: no python3 with numpy and pandas: pandas and numpy peers skipped"
[ -n "$rs" ] || echo "note: no Rscript with data.table: data.table peer skipped"

gen() { # NAME REGIONS INDICATORS YEARS: the panel $work/NAME.csv, made once
    local f=$work/$1.csv
    [ -s "$f" ] || "$build/tools/gen_panel" --regions "$2" --indicators "$3" --years "$4" \
        --seed 1 -o "$f"
    echo "$f"
}

# run_set LABEL NAME1 CMD1 NAME2 CMD2 ...: one warm-up, then $runs rounds of
# every command in turn; appends "label name round wall cpu rss_kib" lines.
times=$work/times.txt
run_set() {
    local label=$1 r k t
    shift
    local -a names=() cmds=()
    while [ $# -gt 0 ]; do names+=("$1"); cmds+=("$2"); shift 2; done
    for r in $(seq 0 "$runs"); do
        for k in "${!names[@]}"; do
            t=$work/time.$$
            # shellcheck disable=SC2086  # the commands are word lists
            /usr/bin/time -f '%e %U %S %M' -o "$t" sh -c "exec ${cmds[$k]}" >/dev/null 2>"$work/out/${label}_${names[$k]}.err" ||
                { echo "FAIL: ${names[$k]} on $label exited non-zero:"; cat "$work/out/${label}_${names[$k]}.err"; exit 1; }
            [ "$r" -eq 0 ] && continue
            awk -v l="$label" -v n="${names[$k]}" -v r="$r" 'END { print l, n, r, $1, $2 + $3, $4 }' "$t" >>"$times"
        done
    done
    rm -f "$work/time.$$"
}

# report LABEL BASE: medians of every command of LABEL, and BASE's wall time
# against each other's, round by round (>1: the other is slower than BASE).
report() {
    awk -v l="$1" -v base="$2" '
    function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $1 == l { if (!($2 in seen)) { seen[$2] = 1; order[++m] = $2 }
              wall[$2, $3] = $4; cpu[$2, $3] = $5; rss[$2, $3] = $6; if ($3 > R) R = $3 }
    END {
        printf "%s (%d rounds; medians)\n", l, R
        printf "  %-22s %9s %9s %10s %12s %12s\n", "command", "wall s", "cpu s", "peak MiB",
               "wall/" base, "cpu/" base
        for (k = 1; k <= m; k++) {
            c = order[k]
            for (r = 1; r <= R; r++) { a[r] = wall[c, r]; b[r] = cpu[c, r]; d[r] = rss[c, r] / 1024
                                       q[r] = wall[c, r] / wall[base, r]
                                       p[r] = cpu[base, r] > 0 ? cpu[c, r] / cpu[base, r] : 0 }
            w = median(a, R); u = median(b, R); s = median(d, R); x = median(q, R); y = median(p, R)
            printf "  %-22s %9.2f %9.2f %10.1f %11.2fx %11.2fx\n", c, w, u, s, x, y
        }
    }' "$times"
}

agree() { # OURS PEER NAME
    echo "  agreement with $3 (relative tolerance 1e-9):"
    awk -F, -v TOL=1e-9 -f "$top/bench/agree.awk" \
        -v LIST=mean,sd,min,max,median,gini,cv,theil_t,theil_l,ge2,atkinson_0.5,atkinson_1,atkinson_2,max_min_ratio,range,hoover \
        "$1" "$2" | sort
}

: >"$times"
status=0
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"

if want indices; then
    sizes=("S 2850 20 5" "M 2850 100 10")
    [ "$large" = 1 ] && sizes+=("L 40000 50 10")
    for s in "${sizes[@]}"; do
        set -- $s
        f=$(gen "$@") o=$work/out/$1
        set -- "$1" junheng "$jh indices --data $f -o $o.junheng.csv" floor "$floor $f"
        [ -n "$rs" ] && set -- "$@" data.table "$rs $top/bench/peer_datatable.R $f $o.datatable.csv"
        [ -n "$py" ] && set -- "$@" pandas "$py $top/bench/peer_pandas.py $f $o.pandas.csv"
        label=$1
        run_set "$@"
        report "$label" junheng
        for p in datatable pandas; do
            [ -s "$o.$p.csv" ] || continue
            agree "$o.junheng.csv" "$o.$p.csv" "$p" || status=1
        done
    done
fi

if want bootstrap; then
    f=$(gen S 2850 20 5) o=$work/out/boot
    set -- bootstrap-S gini_w "$boot $f 1000 $o.gini_w.csv" \
        suite "$jh indices --data $f --bootstrap 1000 --seed 1 -o $o.suite.csv"
    [ -n "$py" ] && set -- "$@" numpy_gini_w "$py $top/bench/boot_gini_numpy.py $f 1000 $o.numpy.csv"
    run_set "$@"
    report bootstrap-S gini_w
    if [ -s "$o.numpy.csv" ]; then
        # Different random streams: the standard errors agree only as two
        # estimates of the same thing (each ~2% Monte Carlo error at B = 1000).
        awk -F, 'NR == FNR { if (FNR > 1) se[$1 "," $2 "," $3] = $6; next }
                 FNR > 1 && ($1 "," $2 "," $3) in se { d = $6 / se[$1 "," $2 "," $3] - 1; d = d < 0 ? -d : d
                     if (d > m) m = d; n++ }
                 END { flag = (m > 0.15) ? "  (MORE THAN 15%)" : ""   # a bare > in printf redirects
                       printf "  gini_w bootstrap se, junheng against numpy: %d slices, largest relative difference %.1f%%%s\n",
                       n, 100 * m, flag; exit (n == 0 || m > 0.15) }' \
            "$o.gini_w.csv" "$o.numpy.csv" || status=1
    fi
fi

if want density; then
    f=$(gen D 2850 20 10)
    run_set density-D converge_density "$jh converge --data $f --table density -o $work/out/density.csv" \
        floor "$floor $f"
    report density-D converge_density
fi
exit $status
