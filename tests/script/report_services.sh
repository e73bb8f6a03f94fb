#!/usr/bin/env bash
# The report's service-list section on the bundled Jilin run (issue 20):
# it names exactly the items of datasets/jilin/services.csv that list an
# indicator as monitored, and exactly the others as not monitored, with
# the coverage count; in both languages; and the section on gaps between
# groups of people beside it.  Charts are off: only the report.
set -u
bin=$1
j=../../datasets/jilin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# The list has no quoted cells, so a comma split is exact.  The report
# names an item by its Chinese name (item, $3), in English by item_en ($7).
for k in 3 7; do
    awk -F, -v k=$k 'NR > 1 && $6 != "" {print $k}' "$j/services.csv" > "$tmp/want.monitored.$k"
    awk -F, -v k=$k 'NR > 1 && $6 == "" {print $k}' "$j/services.csv" | sort > "$tmp/want.unmonitored.$k"
done
[ "$(awk -F, 'NR > 1 && $7 == ""' "$j/services.csv" | wc -l)" = 0 ] ||
    { echo "FAIL: an item without its English name (item_en)"; fail=1; }
n=$(($(wc -l < "$j/services.csv") - 1))
m=$(wc -l < "$tmp/want.monitored.3")
[ "$n" = 85 ] || { echo "FAIL: the bundled list has $n items, not the plan's 85"; fail=1; }
for lang in zh en; do
    out="$tmp/$lang"
    if ! "$bin" run "$j/run.ini" --set charts.kinds=none --set output.lang=$lang \
            --set output.dir="$out" -q > "$tmp/log" 2>&1; then
        echo "FAIL: run ($lang) failed"; cat "$tmp/log"; fail=1; continue
    fi
    # Names the list gives in Chinese only are marked lang=zh-CN in English;
    # the items have item_en, so none of them is.
    k=3; [ $lang = en ] && k=7
    if [ $lang = en ] && grep -q '<td class=item[^>]*><span lang=zh-CN>\|<span class=unmonitored><span lang=zh-CN>' "$out/report.html"; then
        echo "FAIL: (en) an item name marked Chinese although item_en gives it"; fail=1
    fi
    html="$tmp/$lang.html"
    sed "s/<span lang=zh-CN>\([^<]*\)<\/span>/\1/g; s/&#39;/'/g" "$out/report.html" > "$html"
    sed -n 's/.*<td class=item[^>]*>\([^<]*\)<\/td>.*/\1/p' "$html" > "$tmp/got.monitored"
    grep -o '<span class=unmonitored>[^<]*</span>' "$html" |
        sed 's/<[^>]*>//g' | sort > "$tmp/got.unmonitored"
    if ! cmp -s "$tmp/want.monitored.$k" "$tmp/got.monitored"; then
        echo "FAIL: ($lang) monitored items differ from the list's items with indicators"
        diff "$tmp/want.monitored.$k" "$tmp/got.monitored" | head; fail=1
    fi
    if ! cmp -s "$tmp/want.unmonitored.$k" "$tmp/got.unmonitored"; then
        echo "FAIL: ($lang) unmonitored items differ"
        diff "$tmp/want.unmonitored.$k" "$tmp/got.unmonitored" | head; fail=1
    fi
    case $lang in
    zh) want="服务清单共 $n 项，其中 $m 项" head="基本公共服务项目监测" other="Monitoring of the basic" ;;
    en) want="Of the $n items of the service list, $m (" head="Monitoring of the basic public service items" other="基本公共服务项目监测" ;;
    esac
    grep -qF "$want" "$html" || { echo "FAIL: ($lang) no coverage sentence '$want'"; fail=1; }
    grep -qE "<h2 id=services>[0-9]+ $head</h2>" "$html" || { echo "FAIL: ($lang) no heading"; fail=1; }
    ! grep -qF "$other" "$html" || { echo "FAIL: ($lang) text of the other language"; fail=1; }
    # An indicator the data lack (new_urban_jobs: the province only) is
    # named by the indicator catalog, never by its code.
    case $lang in zh) jobs="城镇新增就业人数" ;; en) jobs="New urban jobs" ;; esac
    ! grep -qF '<td>new_urban_jobs</td>' "$html" || { echo "FAIL: ($lang) a code in the services table"; fail=1; }
    grep -qF "<td>$jobs</td><td colspan=3>" "$html" ||
        { echo "FAIL: ($lang) new_urban_jobs not named '$jobs'"; fail=1; }
    # Beside it, the gaps between groups of people: the bundled catalog's
    # four pairs (strata.csv: migrant children against local children, the
    # other groups against the whole population), one row each.
    case $lang in
    zh) ghead="人群差距" groups="进城务工人员随迁子女 残疾儿童 持证残疾成人 80岁及以上老年人" ;;
    en) ghead="Gaps between groups of people" groups="Children_of_migrant_workers Children_with_disabilities Adults_holding_a_disability_certificate Residents_aged_80_and_over" ;;
    esac
    grep -qE "<h2 id=group-gaps>[0-9]+ $ghead</h2>" "$html" || { echo "FAIL: ($lang) no group section"; fail=1; }
    rows=$(sed -n '/<h2 id=group-gaps>/,/<\/table>/p' "$html" | grep -c '^<tr><td>')
    [ "$rows" = 4 ] || { echo "FAIL: ($lang) $rows rows in the group section (expected 4)"; fail=1; }
    for g in $groups; do
        sed -n '/<h2 id=group-gaps>/,/<\/table>/p' "$html" | grep -qF "<tr><td>${g//_/ }</td>" ||
            { echo "FAIL: ($lang) group '${g//_/ }' not in the group section"; fail=1; }
    done
    [ $fail = 0 ] && echo "ok: $lang ($m of $n items monitored)"
done
exit $fail
