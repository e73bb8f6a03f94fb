#!/usr/bin/env bash
# Out of memory is one exit code, 71 (README, "Exit codes"), whichever
# command runs short.  A small long file names 2,000 regions, 2,000
# indicators and 61 years: the dense cube would be 2000 x 2000 x 61 doubles
# (1.95 GB), far above the 400 MB the commands get here.
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
limit=400000 # KiB of address space
# A sanitizer build reserves terabytes of shadow memory and cannot start
# under a limit: nothing to learn there.
if ! (ulimit -v "$limit" && "$bin" --version) >/dev/null 2>&1; then
    echo "skip: junheng cannot start under ulimit -v $limit (sanitizer build?)"
    exit 77
fi
awk 'BEGIN {
    print "region_code,year,indicator,value"
    for (i = 0; i < 2000; i++) print "r" i ",2000,x,1"
    for (j = 0; j < 2000; j++) print "r0,2001,i" j ",1"
    for (y = 1900; y < 1960; y++) print "r0," y ",x,1"
}' > big.csv
printf '[data]\nfiles = big.csv\n[analysis]\ngroup_by = group\n[charts]\nkinds = none\n' > run.ini
fail=0
for cmd in "indices --data big.csv" "validate --data big.csv" "rank --what indicators --data big.csv" \
           "run run.ini -q -o out"; do
    (ulimit -v "$limit"; exec "$bin" $cmd) >/dev/null 2>err
    code=$?
    if [ "$code" = 71 ] && grep -q "out of memory" err; then
        echo "ok: $cmd: exit 71, out of memory"
    else
        echo "FAIL: $cmd: exit $code (expected 71)"; cat err; fail=1
    fi
done
[ ! -e out ] || { echo "FAIL: run left out/ behind"; fail=1; }
exit $fail
