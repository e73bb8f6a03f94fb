#!/usr/bin/env bash
# The machine layout check: every chart of the bundled Jilin data, of the
# hostile-name fixture (tests/data/hostile) and of a synthetic national file
# written here (31 provinces of 3 counties, long names, a 0/100 status
# indicator), drawn as SVG in Chinese and in English, is measured in
# headless Chromium.  The SVG carries 4/3 of the PNG's points, which is
# the size pngcairo draws them (gnuplot.c), so what is measured is what the
# PNG shows.  Every non-empty text element is measured (getBBox's width,
# the em square's height), its four corners mapped into the SVG's user
# space (viewBox), and then
#   - no text may leave the canvas (0..width, 0..height, 1 unit of slack);
#   - no two texts may overlap by more than 1 unit in both directions.
#   - no text may end cut with an ellipsis ("…") unless it is one of an
#     axis' tic labels (names in a margin of fixed width, docs/charts.md;
#     lined up with two or more of the same style): a title or an axis
#     title is wrapped, never cut.
# Exception, documented: two texts of the same axis' tic labels (same
# font size, same anchor, same rotation, lined up on one x or one y) are
# spaced by gnuplot itself; a clash there is gnuplot's call, not ours.
# The Jilin data is drawn with its groups of people (groups.csv and the
# strata catalog), so the group-gap charts are measured too: without them
# a cut axis title there went unseen.
# The SVGs are inlined into a few HTML pages (no iframes: ~150 frames
# hung --dump-dom for minutes) and the verdict is written into a <pre>.
# JH_LAYOUT_KEEP=DIR keeps the SVGs and the verdicts.
set -u
bin=$(realpath "$1")
top=$(realpath ../..)
jl=$top/datasets/jilin
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "SKIP: chromium is not installed"; exit 77; }
command -v gnuplot > /dev/null || { echo "SKIP: gnuplot is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export JUNHENG_TEMPLATE_DIR=$top/plots
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; return 1; fi; }
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$tmp/profile")

cat > measure.js <<'JS'
// Corners of a text's box in the coordinates of its own <svg>: getBBox's
// width, and vertically the em square (0.88 em above the baseline, 0.12
// below, where Noto CJK draws its glyphs), not getBBox's line box of
// 1.45 em, whose empty ascent and descent touch in rows that do not.
function box(svg, t) {
  var b = t.getBBox(), m = svg.getScreenCTM().inverse().multiply(t.getScreenCTM());
  var fs = parseFloat(getComputedStyle(t).fontSize), y0 = -0.88 * fs, y1 = 0.12 * fs;
  var xs = [], ys = [], c = [[b.x, y0], [b.x + b.width, y0],
                             [b.x, y1], [b.x + b.width, y1]];
  for (var i = 0; i < 4; i++) {
    var p = svg.createSVGPoint(); p.x = c[i][0]; p.y = c[i][1];
    p = p.matrixTransform(m); xs.push(p.x); ys.push(p.y);
  }
  return {x0: Math.min.apply(null, xs), x1: Math.max.apply(null, xs),
          y0: Math.min.apply(null, ys), y1: Math.max.apply(null, ys)};
}
// The style gnuplot gives one axis' tic labels: font, anchor, rotation.
function style(t) {
  var g = t.parentNode;
  return [g.getAttribute('font-size'), g.getAttribute('text-anchor'),
          (g.getAttribute('transform') || '').replace(/translate\([^)]*\)/, '')].join('|');
}
function origin(t) {
  var m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(t.parentNode.getAttribute('transform') || '');
  return m ? [+m[1], +m[2]] : [NaN, NaN];
}
function ticPair(a, b) {
  if (a.style !== b.style) return false;
  return Math.abs(a.o[0] - b.o[0]) < 0.5 || Math.abs(a.o[1] - b.o[1]) < 0.5;
}
function measure(div) {
  var svg = div.querySelector('svg'), out = [];
  var vb = svg.viewBox.baseVal, W = vb.width, H = vb.height, s = 1;
  var ts = [], all = svg.querySelectorAll('text');
  for (var i = 0; i < all.length; i++) {
    var txt = all[i].textContent.trim();
    if (txt === '') continue;
    ts.push({t: txt, b: box(svg, all[i]), style: style(all[i]), o: origin(all[i])});
  }
  ts.forEach(function (a) {
    // Tic labels come in rows of three and more; a title's two lines or
    // an axis title beside another panel's are lined up too, but alone.
    if (/…$/.test(a.t) &&
        ts.filter(function (b) { return b !== a && ticPair(a, b); }).length < 2)
      out.push('cut ' + JSON.stringify(a.t));
    if (a.b.x0 < -s || a.b.y0 < -s || a.b.x1 > W + s || a.b.y1 > H + s)
      out.push('off canvas ' + JSON.stringify(a.t) + ' [' + [a.b.x0, a.b.y0, a.b.x1, a.b.y1]
               .map(Math.round).join(',') + '] of ' + W + 'x' + H);
  });
  for (var i = 0; i < ts.length; i++)
    for (var j = i + 1; j < ts.length; j++) {
      var a = ts[i].b, b = ts[j].b;
      var ox = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      var oy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (ox > s && oy > s && !ticPair(ts[i], ts[j]))
        out.push('overlap ' + JSON.stringify(ts[i].t) + ' / ' + JSON.stringify(ts[j].t));
    }
  return {n: ts.length, bad: out};
}
document.addEventListener('DOMContentLoaded', function () {
  var divs = document.querySelectorAll('div[data-f]'), lines = [], texts = 0;
  for (var k = 0; k < divs.length; k++) {
    var r = measure(divs[k]);
    texts += r.n;
    r.bad.forEach(function (m) { lines.push('BAD ' + divs[k].dataset.f + ': ' + m); });
  }
  lines.push('charts=' + divs.length + ' texts=' + texts + ' bad=' +
             lines.length + ' END');
  document.getElementById('result').textContent = lines.join('\n');
});
JS

# PAGE LIST...: one HTML page with the SVGs inlined (prolog cut off).
page() {
    local out=$1; shift
    { echo '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
      echo '<pre id=result>pending</pre><script>'; cat measure.js; echo '</script>'
      for f in "$@"; do
          printf '<div data-f="%s">\n' "$f"
          sed -n '/^<svg/,$p' "$f"
          echo '</div>'
      done
      echo '</body></html>'; } > "$out"
}

# The national file: 31 provinces (their names in both languages) of
# three counties, one with a long name; a rate, a 0/100 status indicator
# and an indicator with a long name, over two years.
mkdir nat
awk -v OFS=, 'BEGIN {
    n = split("北京市,天津市,河北省,山西省,内蒙古自治区,辽宁省,吉林省,黑龙江省,上海市,江苏省,浙江省,安徽省,福建省,江西省,山东省,河南省,湖北省,湖南省,广东省,广西壮族自治区,海南省,重庆市,四川省,贵州省,云南省,西藏自治区,陕西省,甘肃省,青海省,宁夏回族自治区,新疆维吾尔自治区", zh, ",")
    split("Beijing,Tianjin,Hebei,Shanxi,Inner Mongolia,Liaoning,Jilin,Heilongjiang,Shanghai,Jiangsu,Zhejiang,Anhui,Fujian,Jiangxi,Shandong,Henan,Hubei,Hunan,Guangdong,Guangxi Zhuang Autonomous Region,Hainan,Chongqing,Sichuan,Guizhou,Yunnan,Tibet,Shaanxi,Gansu,Qinghai,Ningxia Hui Autonomous Region,Xinjiang Uygur Autonomous Region", en, ",")
    print "code,name,name_en,province_code,province,province_en" > "nat/regions.csv"
    print "region_code,year,indicator,value,population" > "nat/values.csv"
    for (p = 1; p <= n; p++)
        for (c = 1; c <= 3; c++) {
            code = (10 + p) * 10000 + 100 + c
            name = c == 3 ? zh[p] "某某族某某族自治县" : zh[p] "第" c "县"
            nen = c == 3 ? en[p] " Very Long Autonomous County Name" : en[p] " County " c
            print code, name, nen, (10 + p) * 10000, zh[p], en[p] > "nat/regions.csv"
            for (y = 2019; y <= 2020; y++) {
                pop = 100000 + 1000 * ((p * 7 + c * 3) % 50)
                print code, y, "rate", 60 + (p * 37 + c * 11 + y * 7) % 41, pop > "nat/values.csv"
                print code, y, "status", (p + c + y) % 3 ? 100 : 0, pop > "nat/values.csv"
                print code, y, "long", 1 + (p * 13 + c * 5 + y) % 17 / 4, pop > "nat/values.csv"
            }
        }
}'
cat > nat/indicators.csv <<'CSV'
code,name_zh,name_en,domain,unit,direction,weight,unit_en,baseline_year,baseline,target_year,target,target_kind
rate,某项服务覆盖率,Coverage of a service,health,%,higher_better,population,%,2019,80,2020,85,at_least
status,县域达标状态,Counties meeting the standard,education,%,higher_better,none,%,2019,50,2020,80,at_least
long,每万名常住人口拥有的经过认证并持续运营的基层综合性公共文化服务设施数量,Number of certified and continuously operating grassroots comprehensive public cultural service facilities per 10000 permanent residents,culture_sports,个/万人,higher_better,population,per 10000,,,,,
CSV
# FIXTURE DIR DATA REGIONS INDICATORS [OPTION...]: both languages' SVGs into
# DIR/zh, DIR/en.
draw() {
    local dir=$1 data=$2 regions=$3 indicators=$4
    shift 4
    mkdir -p "$dir"
    for lang in zh en; do
        "$bin" plot all --data "$data" --regions "$regions" --indicators "$indicators" "$@" \
            --lang $lang -o "$dir/$lang" --format svg 2> "$dir.$lang.err"
        check "$dir $lang: plot all exits 0" '[ $? = 0 ]' || cat "$dir.$lang.err"
    done
}
draw jilin "$jl/values.csv" "$jl/regions.csv" "$jl/indicators.csv" \
     --data "$jl/groups.csv" --strata "$jl/strata.csv"
gaps=(jilin/*/group-gap-*.svg)
check "group-gap charts drawn in both languages (${#gaps[@]})" '[ ${#gaps[@]} -ge 8 ]'
draw hostile "$top/tests/data/hostile/values.csv" "$top/tests/data/hostile/regions.csv" \
     "$top/tests/data/hostile/indicators.csv"
draw national nat/values.csv nat/regions.csv nat/indicators.csv
# The charts that fit: the 0/100 indicator as shares at each value (by
# province and by year), 31 provinces' box plots on their side with the
# level's name from the catalog, a rate's box plots as box plots.
check "status indicator: shares at each value, not box plots" \
    'grep -q "Share of counties at each value" national/en/distribution-status-2020.svg &&
     grep -q "各取值县（市、区）占比" national/zh/distribution-status-2019-2020.svg &&
     grep -q "n = 3" national/zh/distribution-status-2020.svg'
check "a rate keeps its box plots and densities" \
    '! grep -q "each value" national/en/distribution-rate-2020.svg &&
     grep -q "Silverman" national/en/distribution-rate-2019-2020.svg'
check "decomposition by the catalog's province level" 'grep -q "Between provinces" national/en/decomposition-2020.svg && grep -q "省间" national/zh/decomposition-2020.svg'
check "31 provinces: box plots on their side, named by province" \
    'grep -q "Coverage of a service by province, 2020" national/en/distribution-rate-2020.svg &&
     grep -q "某项服务覆盖率的省分布（2020年）" national/zh/distribution-rate-2020.svg &&
     grep -q ">Xinjiang Uygur Autonomous Region<" national/en/distribution-rate-2020.svg &&
     grep -q "Value (%)" national/en/distribution-rate-2020.svg'
svgs=(jilin/zh/*.svg jilin/en/*.svg)
check "jilin charts drawn in both languages (${#svgs[@]})" '[ ${#svgs[@]} -ge 200 ]'
svgs+=(hostile/*/*.svg national/*/*.svg)
: > verdict.txt
total=0
# Pages of 120 SVGs: each Chromium start costs seconds under load.
for ((i = 0; i < ${#svgs[@]}; i += 120)); do
    page p$i.html "${svgs[@]:i:120}"
    "$browser" "${flags[@]}" --virtual-time-budget=5000 --dump-dom \
        "file://$tmp/p$i.html" 2> browser.err |
        sed -n '/<pre id="result">/,/END/p' | sed 's/<pre id="result">//' > v$i.txt
    n=$(grep -o 'charts=[0-9]*' v$i.txt | cut -d= -f2)
    total=$((total + ${n:-0}))
    grep '^BAD ' v$i.txt | sed 's/&quot;/"/g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g' >> verdict.txt
done
check "every chart was measured ($total of ${#svgs[@]})" '[ $total = ${#svgs[@]} ]'
bad=$(wc -l < verdict.txt)
sed 's/^BAD /  /' verdict.txt | head -200
check "no text off the canvas" '! grep -q ": off canvas" verdict.txt'
check "no two texts overlap" '! grep -q ": overlap" verdict.txt'
check "no title or axis title cut" '! grep -q ": cut" verdict.txt'
echo "$bad defect(s) in $(cut -d: -f1 verdict.txt | sort -u | wc -l) chart(s)"
if [ -n "${JH_LAYOUT_KEEP:-}" ]; then
    mkdir -p "$JH_LAYOUT_KEEP" && cp -r jilin hostile national nat verdict.txt "$JH_LAYOUT_KEEP"/
fi
exit $fail
