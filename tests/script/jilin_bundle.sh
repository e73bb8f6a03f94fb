#!/usr/bin/env bash
# The bundled Jilin dataset validates with no errors and exactly the
# blemishes its generator planted (datasets/README.md): six values written
# as a dash, one ">99", and one outlier (镇赉县 220821, beds per 1,000, 2018).
set -u
bin=$1
j=../../datasets/jilin
out=$("$bin" validate --data "$j/values.csv" --regions "$j/regions.csv" \
      --indicators "$j/indicators.csv" 2>&1)
code=$?
fail=0
expect() { grep -qF -- "$1" <<<"$out" || { echo "FAIL: missing '$1'"; fail=1; }; }
[ "$code" = 0 ] || { echo "FAIL: validate exited $code"; fail=1; }
expect "missing: 6"
expect "censored: 1"
expect "regions: 60"
expect "years: 6: 2015 2016 2017 2018 2019 2020"
expect "outliers (robust z > 3.5): 1 "
expect "warning: outlier: region '220821'"
expect "indicator 'beds_per_1000', year 2018"
expect "result: 0 errors, 1 warning"
[ $fail = 0 ] || printf '%s\n' "$out" | head -40
exit $fail
