#!/usr/bin/env bash
# The layers of DESIGN.md hold in the includes: a file of a layer (its
# sources under src/LAYER and its public headers, listed below) includes
# no header of a layer above it.  Calls up the layers are stopped by the
# link (junheng_check_LAYER in CMakeLists.txt); this test stops the
# includes, which the link cannot see.
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
layers=(core data analysis output cli)
declare -A rank=([core]=0 [data]=1 [analysis]=2 [output]=3 [cli]=4)
# The layer of each public header: where the functions it declares live.
declare -A header=(
  [status]=core [indices]=core [decompose]=core [bootstrap]=core
  [composite]=core [targets]=core [dynamics]=core [spatial]=core [geom]=core [classify]=core [ahp]=core [grow]=core
  [boundary]=data [diag]=data [weightfile]=data [intern]=data [strata]=data [services]=data [value]=data [dataset]=data [catalog]=data [study]=data [threads]=data
  [analysis]=analysis [converge]=analysis [decompose_analysis]=analysis
  [notes]=analysis [catalog_draft]=analysis [slice]=analysis [spatial_analysis]=analysis [rank]=analysis [urban_rural]=analysis [validate]=analysis
  [output]=output [spatial_out]=output [plot_map]=output [plot]=output [report]=output [sha256]=output [numfmt]=output [xlsx]=output
)
fail=0
for h in "$root"/include/junheng/*.h; do
    b=$(basename "$h" .h)
    [ -n "${header[$b]:-}" ] || { echo "FAIL: include/junheng/$b.h has no layer in $0"; fail=1; }
done
check() { # file layer
    local f=$1 l=$2 inc
    while read -r inc; do
        local il=${header[$inc]:-}
        if [ -z "$il" ]; then
            echo "FAIL: ${f#$root/} includes junheng/$inc.h, which has no layer"; fail=1
        elif [ "${rank[$il]}" -gt "${rank[$l]}" ]; then
            echo "FAIL: ${f#$root/} ($l) includes junheng/$inc.h ($il)"; fail=1
        fi
    done < <(sed -n 's|^#include "junheng/\([a-z0-9_]*\)\.h".*|\1|p' "$f")
}
for h in "$root"/include/junheng/*.h; do
    b=$(basename "$h" .h)
    [ -n "${header[$b]:-}" ] && check "$h" "${header[$b]}"
done
for l in "${layers[@]}"; do
    for f in "$root"/src/"$l"/*.[ch]; do check "$f" "$l"; done
done
[ $fail = 0 ] && echo "ok: every include points down the layers"
exit $fail
