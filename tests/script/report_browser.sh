#!/usr/bin/env bash
# The report in a real browser (Debian's headless Chromium): it opens from
# disk with no server, every image loads, no script runs, the summary is
# there; a screenshot and a PDF are saved (JH_REPORT_SHOTS=DIR keeps them).
set -u
bin=$(realpath "$1")
top=$(realpath ../..)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "FAIL: chromium is not installed (scripts/test.sh installs it)"; exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$tmp/profile")

"$bin" run "$top/datasets/jilin/run.ini" --set output.dir=out -q 2> run.err
check "the Jilin run exits 0" '[ $? = 0 ]'
# The hostile title comes through the configuration, like any input text.
"$bin" run "$top/datasets/jilin/run.ini" --set output.dir=hostile -q \
    --set 'output.title=<script>window.pwned=1</script><img src=x onerror="window.pwned=2">' \
    --set charts.kinds=none 2>/dev/null
cat > harness.html <<'HTML'
<!DOCTYPE html><html><body><pre id=result>pending</pre>
<iframe id=a src="out/report.html"></iframe><iframe id=b src="hostile/report.html"></iframe>
<script>
function report(id) {
  var f = document.getElementById(id), d = f.contentDocument, w = f.contentWindow;
  var broken = 0;
  for (var i = 0; i < d.images.length; i++)
    if (!d.images[i].complete || d.images[i].naturalWidth === 0) broken++;
  return id + ': images=' + d.images.length + ' broken=' + broken +
         ' scripts=' + d.getElementsByTagName('script').length +
         ' summary=' + (d.getElementById('summary') ? 1 : 0) +
         ' pwned=' + (w.pwned ? w.pwned : 0) + ' title=' + JSON.stringify(d.title);
}
window.onload = function () {
  document.getElementById('result').textContent = report('a') + '\n' + report('b');
};
</script></body></html>
HTML
"$browser" "${flags[@]}" --allow-file-access-from-files --virtual-time-budget=15000 \
    --dump-dom "file://$tmp/harness.html" > dom.html 2> browser.err
a=$(grep -o 'a: images=[^<]*' dom.html | head -1)
b=$(grep -o 'b: images=[^<]*' dom.html | head -1)
echo "report:  $a"
echo "hostile: $b"
check "the report loaded in the browser" '[ -n "$a" ]'
check "charts are shown" '[ -n "$(grep -o "images=[1-9][0-9]*" <<<"$a")" ]'
check "every image loaded" 'grep -q " broken=0 " <<<"$a"'
check "the summary section is present" 'grep -q " summary=1 " <<<"$a"'
check "no script element in the report" 'grep -q " scripts=0 " <<<"$a" && grep -q " scripts=0 " <<<"$b"'
check "no script ran from the hostile title" 'grep -q " pwned=0 " <<<"$b"'
# --dump-dom escapes the result text once more: &lt; there is a literal < in the title.
check "the hostile title shows as text" 'grep -qF "title=\"&lt;script&gt;window.pwned=1&lt;/script&gt;" <<<"$b"'
"$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$tmp/report.png" \
    "file://$tmp/out/report.html" 2>/dev/null
"$browser" "${flags[@]}" --print-to-pdf="$tmp/report.pdf" --no-pdf-header-footer \
    "file://$tmp/out/report.html" 2>/dev/null
check "a screenshot was taken" '[ "$(head -c 8 report.png | od -An -tx1 | tr -d " ")" = 89504e470d0a1a0a ]'
check "a PDF was printed" '[ "$(head -c 5 report.pdf)" = "%PDF-" ]'
if [ -n "${JH_REPORT_SHOTS:-}" ]; then
    mkdir -p "$JH_REPORT_SHOTS" && cp report.png report.pdf "$JH_REPORT_SHOTS"/
fi
exit $fail
