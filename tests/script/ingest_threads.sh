#!/usr/bin/env bash
# The row reader parses a file in blocks on JUNHENG_THREADS threads
# (src/data/rows.c): what a run prints and writes must not depend on it.
# A 3.5 MB long file (about six blocks) with quoted names on every row, some
# holding a line break, CRLF on some lines, rows whose region code is NA
# (a warning naming their lines), read in UTF-8 and in GB18030, on 1, 2
# and 4 threads; then the same file with a bad value on a line in its
# second half, whose message must name that line and column (counted here,
# by awk, line breaks inside quotes included).
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
command -v iconv >/dev/null || { echo "skip: no iconv"; exit 77; }

# gen BAD: the file on stdout; BAD = 1 puts "1x5" in the value of row 45000.
# The line of that row is printed on fd 3 (awk counts the physical lines).
gen() {
    awk -v bad="$1" 'BEGIN {
        printf "region_code,year,indicator,value,region_name,population\n"; line = 1; n = 0
        for (r = 1; r <= 1000; r++) for (y = 2019; y <= 2020; y++) for (i = 1; i <= 30; i++) {
            n++
            code = sprintf("%d%02d", 2201 + int((r - 1) / 90), 1 + (r - 1) % 90)
            name = (r % 97 == 0) ? "\"二行\n县" r "\"" : "\"测试, \"\"县\"\"" r "\""
            v = sprintf("%.2f", 1 + (r * 37 + i * 11 + y) % 1000 / 7)
            if (bad && n == 45000) { v = "1x5"; print line + 1 > "/dev/fd/3" }
            if (n % 20011 == 0) code = "NA"
            eol = (r % 3 == 0) ? "\r\n" : "\n"
            printf "%s,%d,ind%02d,%s,%s,%d%s", code, y, i, v, name, 1000 + r, eol
            line += 1 + (r % 97 == 0)
        }
    }'
}
gen 0 > "$tmp/good.csv" 3>/dev/null
gen 1 > "$tmp/bad.csv" 3> "$tmp/bad_line"
iconv -f UTF-8 -t GB18030 "$tmp/good.csv" > "$tmp/good_gb.csv"
iconv -f UTF-8 -t GB18030 "$tmp/bad.csv" > "$tmp/bad_gb.csv"
[ "$(wc -c < "$tmp/good.csv")" -gt 3000000 ] || { echo "FAIL: file too small to split"; fail=1; }

run() { # NAME THREADS ARGS...: stdout, stderr and status into $tmp/NAME.t$THREADS.*
    local name=$1 t=$2
    shift 2
    JUNHENG_THREADS=$t "$bin" "$@" > "$tmp/$name.t$t.out" 2> "$tmp/$name.t$t.err"
    echo $? > "$tmp/$name.t$t.code"
}
same() { # NAME: every thread count as 1 thread
    for t in 2 4; do
        for k in out err code; do
            if ! cmp -s "$tmp/$1.t1.$k" "$tmp/$1.t$t.$k"; then
                echo "FAIL: $1, $t threads: $k differs from 1 thread"
                diff "$tmp/$1.t1.$k" "$tmp/$1.t$t.$k" | head -5
                fail=1
            fi
        done
    done
}
for t in 1 2 4; do
    run validate $t validate --data "$tmp/good.csv"
    run validate_gb $t validate --data "$tmp/good_gb.csv"
    run indices $t indices --data "$tmp/good.csv" -o -
    run indices_gb $t indices --data "$tmp/good_gb.csv" --encoding gb18030 -o -
    run bad $t validate --data "$tmp/bad.csv"
    run bad_gb $t indices --data "$tmp/bad_gb.csv" -o "$tmp/never.csv"
done
for n in validate validate_gb indices indices_gb bad bad_gb; do same $n; done

# The UTF-8 and GB18030 files hold the same data.
cmp -s "$tmp/indices.t1.out" "$tmp/indices_gb.t1.out" ||
    { echo "FAIL: GB18030 indices differ from UTF-8"; fail=1; }
[ "$(cat "$tmp/indices.t1.code")" = 0 ] || { echo "FAIL: indices exited $(cat "$tmp/indices.t1.code")"; fail=1; }
# 1000 regions x 2 years x 30 indicators, 2 rows left out (n = 20011, 40022).
grep -q '^observations: 59998$' "$tmp/validate.t1.out" ||
    { echo "FAIL: validate does not count 59998 observations"; fail=1; }
# The NA rows, at the lines awk puts them on (n + 1 + the quoted breaks before).
want_na=$(awk 'BEGIN { line = 1; n = 0; s = ""
    for (r = 1; r <= 1000; r++) for (y = 2019; y <= 2020; y++) for (i = 1; i <= 30; i++) {
        n++; if (n % 20011 == 0) s = s (s == "" ? "" : ", ") (line + 1); line += 1 + (r % 97 == 0) }
    print s }')
grep -qF "(lines $want_na)" "$tmp/validate.t1.err" ||
    { echo "FAIL: the NA rows are not at lines $want_na:"; cat "$tmp/validate.t1.err"; fail=1; }

# The bad cell: line counted above, column 4 (value), in both encodings.
line=$(cat "$tmp/bad_line")
for n in bad bad_gb; do
    f=bad.csv; [ $n = bad_gb ] && f=bad_gb.csv
    want="junheng: $tmp/$f:$line:4: cannot read \"1x5\" as a number (column 'value': trailing text after the number)"
    grep -qxF "$want" "$tmp/$n.t1.err" || { echo "FAIL: $n: expected '$want', got:"; cat "$tmp/$n.t1.err"; fail=1; }
    [ "$(cat "$tmp/$n.t1.code")" = 65 ] || { echo "FAIL: $n exited $(cat "$tmp/$n.t1.code")"; fail=1; }
done
[ -e "$tmp/never.csv" ] && { echo "FAIL: output written despite the error"; fail=1; }
[ $fail = 0 ] && echo "ok: 1, 2 and 4 threads agree; line $line named"
exit $fail
