#!/usr/bin/env bash
# The run reads its study once: each input file (data, both catalogs) is
# opened at most twice, to read it and to hash it for manifest.json
# (before the one study it was opened 14 times).  Charts off: the chart
# steps still load the inputs themselves.
set -u
bin=$(realpath "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v strace >/dev/null || { echo "skip: strace not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# LeakSanitizer cannot work under ptrace: leaks are the other tests' job.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -e trace=openat -o "$tmp/trace" \
    "$bin" run "$top/datasets/jilin/run.ini" --set charts.kinds=none -o "$tmp/out" -q 2>"$tmp/err" ||
    { cat "$tmp/err"; exit 1; }
# ptrace may be refused in a container: then nothing was traced.
grep -q 'openat(' "$tmp/trace" || { echo "skip: strace could not trace"; exit 77; }
fail=0
for f in values.csv regions.csv indicators.csv run.ini; do
    n=$(grep -c "datasets/jilin/$f\"" "$tmp/trace")
    if [ "$n" -ge 1 ] && [ "$n" -le 2 ]; then echo "ok: $f opened $n times"
    else echo "FAIL: $f opened $n times (expected 1 or 2)"; fail=1; fi
done
exit $fail
