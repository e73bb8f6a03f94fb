#!/usr/bin/env bash
# The same indices, bootstrap intervals included, whatever the number of
# threads: each slice has its own random stream and its own place in the
# output (src/analysis/slice_indices.c).
set -u
bin=$1
j=../../datasets/jilin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for t in 1 2 5; do
    JUNHENG_THREADS=$t "$bin" indices --data "$j/values.csv" --regions "$j/regions.csv" \
        --indicators "$j/indicators.csv" --bootstrap 20 --seed 7 --jackknife \
        -o "$tmp/t$t.csv" 2>/dev/null || { echo "FAIL: $t threads exited $?"; fail=1; }
done
for t in 2 5; do
    if cmp -s "$tmp/t1.csv" "$tmp/t$t.csv"; then echo "ok: $t threads = 1 thread"
    else echo "FAIL: $t threads differ from 1"; fail=1; fi
done
[ "$(wc -l < "$tmp/t1.csv")" -gt 10000 ] || { echo "FAIL: too few rows"; fail=1; }
exit $fail
