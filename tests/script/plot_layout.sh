#!/usr/bin/env bash
# The machine layout check: every chart of the bundled Jilin data, drawn as
# SVG in Chinese and in English, is measured in headless Chromium.  Every
# non-empty text element is measured with getBBox, its four corners mapped
# into the SVG's user space (viewBox), and then
#   - no text may leave the canvas (0..width, 0..height, 1 unit of slack);
#   - no two texts may overlap by more than 1 unit in both directions.
# Exception, documented: two texts of the same axis' tic labels (same
# font size, same anchor, same rotation, lined up on one x or one y) are
# spaced by gnuplot itself; a clash there is gnuplot's call, not ours.
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
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$tmp/profile")

cat > measure.js <<'JS'
// Corners of a text's getBBox in the coordinates of its own <svg>.
function box(svg, t) {
  var b = t.getBBox(), m = svg.getScreenCTM().inverse().multiply(t.getScreenCTM());
  var xs = [], ys = [], c = [[b.x, b.y], [b.x + b.width, b.y],
                             [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]];
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

for lang in zh en; do
    "$bin" plot all --data "$jl/values.csv" --regions "$jl/regions.csv" \
        --indicators "$jl/indicators.csv" --lang $lang -o $lang --format svg \
        2> $lang.err
    check "$lang: plot all exits 0" '[ $? = 0 ]'
done
svgs=(zh/*.svg en/*.svg)
check "charts drawn in both languages (${#svgs[@]})" '[ ${#svgs[@]} -ge 200 ]'
: > verdict.txt
total=0
for ((i = 0; i < ${#svgs[@]}; i += 40)); do
    page p$i.html "${svgs[@]:i:40}"
    "$browser" "${flags[@]}" --virtual-time-budget=5000 --dump-dom \
        "file://$tmp/p$i.html" 2> browser.err |
        sed -n '/<pre id="result">/,/END/p' | sed 's/<pre id="result">//' > v$i.txt
    n=$(grep -o 'charts=[0-9]*' v$i.txt | cut -d= -f2)
    total=$((total + ${n:-0}))
    grep '^BAD ' v$i.txt | sed 's/&quot;/"/g; s/&amp;/\&/g' >> verdict.txt
done
check "every chart was measured ($total of ${#svgs[@]})" '[ $total = ${#svgs[@]} ]'
bad=$(wc -l < verdict.txt)
sed 's/^BAD /  /' verdict.txt | head -200
check "no text off the canvas" '! grep -q ": off canvas" verdict.txt'
check "no two texts overlap" '! grep -q ": overlap" verdict.txt'
echo "$bad defect(s) in $(cut -d: -f1 verdict.txt | sort -u | wc -l) chart(s)"
if [ -n "${JH_LAYOUT_KEEP:-}" ]; then
    mkdir -p "$JH_LAYOUT_KEEP" && cp -r zh en verdict.txt "$JH_LAYOUT_KEEP"/
fi
exit $fail
