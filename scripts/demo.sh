#!/usr/bin/env bash
# The main job: installs what is missing, builds junheng, and runs it on the
# bundled data.  Usage: ./scripts/demo.sh [OUTPUT_DIR]   (default: out/)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$top/scripts/deps.sh"
jh_require_packages "${JH_BUILD_PACKAGES[@]}"

build="$top/build/release"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJUNHENG_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(jh_jobs)" >/dev/null

out=${1:-"$top/out"}
jilin="$top/datasets/jilin"
mkdir -p "$out"
"$build/junheng" indices --data "$jilin/values.csv" --layout wide \
    -o "$out/jilin-indices-wide.csv"
"$build/junheng" indices --data "$jilin/values.csv" -o "$out/jilin-indices.csv"
echo "junheng: built $build/junheng"
echo "junheng: disparity indices of the bundled Jilin panel (synthetic values, see"
echo "         datasets/README.md), every indicator x year x stratum, in $out:"
echo "  $out/jilin-indices-wide.csv  (one row per indicator x year x stratum)"
echo "  $out/jilin-indices.csv       (long layout, full precision)"
