#!/usr/bin/env bash
# Issue 12: memory follows the values read.  A wide file of one row and
# 200,000 indicator columns (1.9 MB) is read by validate within 200 MB of
# address space.  Before the fix every indicator cost about 2 KB (a slab of
# 64 regions x 3 arrays, and a grid of 8 year slots x 3 strata), 450 MB in
# all; now about 100 bytes (measured: 38 MB peak RSS for the whole program).
# indices on the same file holds one result per slice (200,000 slices):
# with the bootstrap intervals allocated for every slice whether or not a
# bootstrap ran, that was 1.7 KB a slice (340 MB of results alone, beyond
# the limit); the intervals now exist only with --bootstrap, ~560 bytes a
# slice (measured: 139 MB peak RSS for the whole program).
# The file is made here, not committed.  Skipped (77) under AddressSanitizer,
# which reserves terabytes of address space.
set -u
bin=$1
if ldd "$bin" 2>/dev/null | grep -q 'libasan'; then
    echo "skipped: AddressSanitizer build"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk 'BEGIN { n = 200000; printf "region_code,year";
             for (i = 0; i < n; i++) printf ",c%d", i;
             printf "\n220102,2020"; for (i = 0; i < n; i++) printf ",1"; printf "\n" }' \
    >"$work/wide.csv"
(ulimit -v 200000; "$bin" validate --data "$work/wide.csv") >"$work/out" 2>&1
code=$?
fail=0
[ "$code" = 0 ] || { echo "FAIL: validate exited $code"; fail=1; }
grep -q '^indicators: 200000: c0, c1, c2, ' "$work/out" || { echo "FAIL: indicators"; fail=1; }
grep -qx 'observations: 200000' "$work/out" || { echo "FAIL: observations"; fail=1; }
(ulimit -v 200000; "$bin" indices --data "$work/wide.csv" -o "$work/ix.csv") >"$work/ix.out" 2>&1
code=$?
[ "$code" = 0 ] || { echo "FAIL: indices exited $code"; head -c 2000 "$work/ix.out"; fail=1; }
# 200,000 slices, every one with its row: the value 1 of the last column.
grep -qx 'c199999,2020,total,mean,1' "$work/ix.csv" || { echo "FAIL: indices output"; fail=1; }
[ $fail = 0 ] || head -c 2000 "$work/out"
exit $fail
