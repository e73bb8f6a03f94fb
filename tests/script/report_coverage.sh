#!/usr/bin/env bash
# Coverage of target groups on the bundled Jilin run (issue 20): the
# targets section has a table with, for each indicator the catalog calls a
# coverage (kind coverage), the counties meeting the standard ("k / n" in
# Chinese, "k of n" in English) and the shortfall in persons, in both
# languages.  The report's numbers are those of tables/targets.csv (the
# arithmetic is checked by tests/cli/cases/targets_coverage_hand): its
# coverage rows of the last year, n_meeting of n, and shortfall_persons
# rounded to whole persons ("–" where the catalog names no group size).
# Charts are off: only the report.
set -u
bin=$1
j=../../datasets/jilin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
want_rows=$(awk -F, 'NR > 1 && $(NF - 1) == "coverage"' "$j/indicators.csv" | wc -l)
[ "$want_rows" = 3 ] || { echo "FAIL: $want_rows coverage indicators in the bundled catalog (expected 3)"; fail=1; }
for lang in zh en; do
    out="$tmp/$lang"
    if ! "$bin" run "$j/run.ini" --set charts.kinds=none --set output.lang=$lang \
            --set output.dir="$out" -q > "$tmp/log" 2>&1; then
        echo "FAIL: run ($lang) failed"; cat "$tmp/log"; fail=1; continue
    fi
    case $lang in
    zh) cap="目标人群覆盖率（2020年）" meet="达标县数" persons="缺口人数" of=" / " ;;
    en) cap="Coverage of target groups, 2020" meet="Counties meeting the standard" persons="Shortfall (persons)" of=" of " ;;
    esac
    sed -n "/<caption>[^<]*$cap<\/caption>/,/<\/table>/p" "$out/report.html" > "$tmp/table"
    grep -qF "<th>$meet</th><th>$persons</th>" "$tmp/table" ||
        { echo "FAIL: ($lang) no coverage table with '$meet' and '$persons'"; fail=1; continue; }
    # Expected cells from the table: "k of n" and the persons, whole,
    # grouped by thousands in English.
    awk -F, -v of="$of" -v en=$([ $lang = en ] && echo 1 || echo 0) '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["year"] == 2020 && $col["coverage"] == 1 {
            p = $col["shortfall_persons"]
            if (p == "") p = "–"
            else {
                p = sprintf("%.0f", p)
                if (en) while (p ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", p)
            }
            print $col["n_meeting"] of $col["n"] "|" p
        }' "$out/tables/targets.csv" > "$tmp/want"
    sed -n 's/.*<td class=n>\([^<]*\)<\/td><td class=n>\([^<]*\)<\/td><\/tr>$/\1|\2/p' "$tmp/table" > "$tmp/got"
    if [ "$(wc -l < "$tmp/got")" != 3 ] || ! cmp -s "$tmp/want" "$tmp/got"; then
        echo "FAIL: ($lang) coverage rows differ from tables/targets.csv"; diff "$tmp/want" "$tmp/got"; fail=1
    fi
    [ $fail = 0 ] && echo "ok: $lang ($(tr '\n' ' ' < "$tmp/got"))"
done
exit $fail
