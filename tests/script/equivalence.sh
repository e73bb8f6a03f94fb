#!/usr/bin/env bash
# The same table in different clothes must give byte-identical indices:
# long vs wide (with Chinese headers, a thousands separator, a full-width
# number and a dash for missing), UTF-8 vs GB18030, comma vs tab.
set -u
bin=$1
data=../data/equiv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
run() { "$bin" indices "$@" > "$tmp/out" 2> "$tmp/err" || { echo "FAIL: $* exited $?"; cat "$tmp/err"; fail=1; }; cat "$tmp/out"; }
run --data "$data/long.csv" > "$tmp/long"
[ -s "$tmp/long" ] && grep -q '^beds,2019,total,gini_w,' "$tmp/long" || { echo "FAIL: no weighted gini in long output"; fail=1; }
check() { # name args...
    local name=$1; shift
    run "$@" > "$tmp/$name"
    if ! cmp -s "$tmp/long" "$tmp/$name"; then
        echo "FAIL: $name differs from long.csv"; diff "$tmp/long" "$tmp/$name" | head; fail=1
    else
        echo "ok: $name"
    fi
}
check wide --data "$data/wide.csv"
check wide_forced --data "$data/wide.csv" --wide
check gb18030_auto --data "$data/wide-gb18030.csv"
check gb18030_named --data "$data/wide-gb18030.csv" --encoding gb18030
check tsv --data "$data/long.tsv"
# The GB18030 file read as UTF-8 must fail with exit 65, not pass silently.
"$bin" indices --data "$data/wide-gb18030.csv" --encoding utf-8 > /dev/null 2> "$tmp/err"
code=$?
[ "$code" = 65 ] || { echo "FAIL: gb18030 read as utf-8 exited $code, expected 65"; cat "$tmp/err"; fail=1; }
exit $fail
