#!/usr/bin/env bash
# Charts draw their numbers from the result tables (issue 14): the data
# files of the decomposition and county-ranking charts of the bundled panel
# hold, number for number (to the 10 digits a data file keeps), the cells
# of tables/decompose-prefecture.csv and tables/rank-counties.csv of the
# run on the same panel.  gnuplot is kept off the PATH: the data files are
# written before drawing (exit 69 without gnuplot), so this test does not
# depend on it.
set -u
bin=$1
j=$(cd ../../datasets/jilin && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$bin" run "$j/run.ini" -o "$tmp/run" -q --set charts.kinds=none --set output.formats=html \
    >"$tmp/run.log" 2>&1 || { echo "FAIL: run exited $?"; cat "$tmp/run.log"; exit 1; }
for kind in decomposition county-ranking; do
    env PATH=/nonexistent "$bin" plot "$kind" --data "$j/values.csv" --regions "$j/regions.csv" \
        --indicators "$j/indicators.csv" -o "$tmp/charts" --keep-scripts \
        >"$tmp/plot.log" 2>&1
    code=$?
    [ "$code" = 69 ] || { echo "FAIL: plot $kind exited $code (expected 69, no gnuplot)";
                          cat "$tmp/plot.log"; fail=1; }
done

# Decomposition, 2020: each bar (between share, within share, total T,
# weighted) is the theil_t (theil_t_w when weighted) rows of its indicator,
# found by the name in its label, in the total stratum.
dec=$tmp/charts/decomposition-2020.dat
[ -s "$dec" ] || { echo "FAIL: no $dec"; exit 1; }
awk -F'\t' -v ind="$j/indicators.csv" -v tab="$tmp/run/tables/decompose-prefecture.csv" '
    function same(a, b) { return sprintf("%.10g", a) == sprintf("%.10g", b) }
    BEGIN {
        while ((getline l < ind) > 0) { split(l, f, ","); code[f[2]] = f[1] }
        FS = ","
        while ((getline l < tab) > 0) {
            n = split(l, f, ",")
            if (f[2] != 2020 || f[3] != "total" || f[6] != "") continue
            k = f[1] SUBSEP f[4]
            if (f[5] == "total") tot[k] = f[7]
            if (f[5] == "between") bet[k] = f[8]
            if (f[5] == "within") wit[k] = f[8]
        }
        FS = "\t"
    }
    {
        label = $7; gsub(/^"|"$/, "", label); sub(/（T = .*$/, "", label)
        c = code[label]
        if (c == "") { print "FAIL: decomposition bar " label ": no such indicator"; bad = 1; next }
        k = c SUBSEP ($6 == 1 ? "theil_t_w" : "theil_t")
        if (!same($3, bet[k]) || !same($4, wit[k]) || !same($5, tot[k])) {
            printf "FAIL: decomposition %s: chart %s %s %s, table %s %s %s\n", c, $3, $4, $5,
                   bet[k], wit[k], tot[k]
            bad = 1
        }
        rows++
    }
    END {
        if (rows < 20) { print "FAIL: decomposition: " rows " bars (expected the 20+ charted indicators)"; bad = 1 }
        exit bad
    }' "$dec" || fail=1

# County ranking, 2020: each bar "RANK. NAME" with its score is the row of
# that rank in rank-counties.csv, same name and score; every ranked county
# of the table has its bar.
cr=$tmp/charts/county-ranking-2020.dat
[ -s "$cr" ] || { echo "FAIL: no $cr"; exit 1; }
awk -F'\t' -v tab="$tmp/run/tables/rank-counties.csv" '
    function same(a, b) { return sprintf("%.10g", a) == sprintf("%.10g", b) }
    BEGIN {
        FS = ","
        while ((getline l < tab) > 0) {
            split(l, f, ",")
            if (f[1] != 2020 || f[6] == "") continue
            name[f[6]] = f[3]; score[f[6]] = f[5]; ranked++
        }
        FS = "\t"
    }
    {
        label = $5; gsub(/^"|"$/, "", label)
        r = label; sub(/\. .*$/, "", r); nm = label; sub(/^[0-9]+\. /, "", nm)
        if (name[r] != nm || !same($3, score[r])) {
            printf "FAIL: county-ranking rank %s: chart %s %s, table %s %s\n", r, nm, $3,
                   name[r], score[r]
            bad = 1
        }
        rows++
    }
    END {
        if (rows != ranked || rows < 50) {
            print "FAIL: county-ranking: " rows " bars, " ranked " counties ranked in the table"
            bad = 1
        }
        exit bad
    }' "$cr" || fail=1

# The run's own chart steps are handed the run's tables (no analysis is
# run again for them): -v says which.
env PATH=/nonexistent "$bin" run "$j/run.ini" -o "$tmp/run2" -v \
    --set charts.kinds=decomposition,county-ranking > /dev/null 2> "$tmp/run2.err"
grep -q "charts: decomposition: .*drawn from the run's tables: indices decompose urban-rural .*rank-counties" "$tmp/run2.err" ||
    { echo "FAIL: the run's chart step was not given the run's tables:"; grep 'charts:' "$tmp/run2.err"; fail=1; }
exit $fail
