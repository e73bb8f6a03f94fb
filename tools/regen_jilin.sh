#!/bin/sh
# regen_jilin.sh — rebuilds tools/gen_jilin and rewrites the bundled
# datasets/jilin/values.csv and groups.csv (SYNTHETIC values; see
# datasets/README.md),
# then checks its calibration.  The output is byte-identical from run to
# run.  Needs a C compiler and GSL (Debian: gcc libgsl-dev); it does not
# depend on the rest of the build.
#   tools/regen_jilin.sh [gen_jilin options, e.g. --summary]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if command -v gsl-config > /dev/null 2>&1; then
    gsl=$(gsl-config --libs)
else
    gsl="-lgsl -lgslcblas -lm"
fi
# shellcheck disable=SC2086
"$cc" -std=c11 -O2 -Wall -Wextra -Wpedantic -o "$tmp/gen_jilin" "$root/tools/gen_jilin.c" $gsl -lm
"$tmp/gen_jilin" -o "$root/datasets/jilin/values.csv" \
    --groups "$root/datasets/jilin/groups.csv" "$@"
sh "$root/tools/check_jilin.sh" "$root/datasets/jilin"
echo "wrote $root/datasets/jilin/values.csv and groups.csv"
