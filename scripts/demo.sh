#!/usr/bin/env bash
# The main job: installs what is missing, builds junheng, and runs it on the
# bundled data.  Usage: ./scripts/demo.sh [OUTPUT_DIR]   (default: out/jilin)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$top/scripts/deps.sh"
jh_require_packages "${JH_BUILD_PACKAGES[@]}"

build="$top/build/release"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJUNHENG_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(jh_jobs)" >/dev/null

out=${1:-out/jilin}
cd "$top"
# The report also as PDF (headless Chromium; without it a warning and the HTML).
"$build/junheng" run datasets/jilin/run.ini --set output.dir="$out" --set output.formats=html,pdf
echo "junheng: built $build/junheng"
echo "junheng: the annual run on the bundled Jilin panel (synthetic values, see"
echo "         datasets/README.md) is in $out:"
echo "  $out/report.html   the evaluation report (open it in a browser; prints on A4)"
echo "  $out/report.pdf    the same, printed (where Chromium is installed)"
echo "  $out/tables/       every table as CSV (for programs) and tables.xlsx (for Excel)"
echo "  $out/charts/       every chart (PNG and SVG)"
echo "  $out/manifest.json inputs and outputs with their SHA-256"
