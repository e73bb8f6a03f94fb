#!/usr/bin/env bash
# Chart file names for any indicator code (jh_plot_file_piece): an ASCII
# code is kept; any other gets its ASCII slug and the FNV-1a 32-bit hash of
# its UTF-8 bytes (worked with Python: h = 2166136261; for each byte
# h = ((h ^ b) * 16777619) mod 2^32): 床位数 -> e3b6b61d, 医生数 -> 6d4fcb1a,
# "beds (人)" -> beds_c22576d6.  Two Chinese codes of equal length used to
# become the same run of underscores and the second chart failed with
# "gnuplot wrote no file".
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
command -v gnuplot > /dev/null || { echo "SKIP: gnuplot not installed"; exit 77; }
cd "$tmp"
export JUNHENG_TEMPLATE_DIR=$(cd "$OLDPWD/../.." && pwd)/plots
{
    echo region_code,year,indicator,value,population
    for y in 2019 2020; do
        for ind in 床位数 医生数 "beds (人)" beds_per_1000; do
            echo "1,$y,$ind,2.5,1000"; echo "2,$y,$ind,4,3000"; echo "3,$y,$ind,6,2000"
        done
    done
} > v.csv
"$bin" plot lorenz --data v.csv -o out --format png 2> err
code=$?
check "exit 0, no message" "[ $code = 0 ] && [ ! -s err ]"
for f in lorenz-e3b6b61d-2019-2020.png lorenz-6d4fcb1a-2019-2020.png \
         lorenz-beds_c22576d6-2019-2020.png lorenz-beds_per_1000-2019-2020.png; do
    check "$f" "[ -s out/$f ]"
done
check "four charts, nothing else" "[ \$(ls out | wc -l) = 4 ]"
exit $fail
