#!/usr/bin/env bash
# gnuplot as a child that may misbehave (issue 12).  Fake gnuplots first on
# PATH (small shell scripts) that sleep past the time limit, crash (SIGSEGV),
# write garbage, or exit leaving a child that holds their stderr; gnuplot
# absent; a full disk (a small tmpfs in a user namespace, skipped when it
# cannot be mounted); and an urban-rural chart whose rural values are all 0
# (real gnuplot, skipped without).  In `plot` each failed chart is a warning
# naming it and why, and nothing is left under a chart's name; in `run` the
# same warnings reach run.log, the terminal and the report, exit 0, every
# table kept.  Every command runs under `timeout 60`: a hang is exit 124,
# a failure here, not a stuck test.
set -u
bin=$(realpath "$1")
root=$(cd ../.. && pwd)
cfg=$root/tests/data/run/good.ini
data=$root/tests/data/equiv/long.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export JUNHENG_THREADS=2 JUNHENG_TEMPLATE_DIR=$root/plots FAKE_PIDS=$tmp/pids
to=$(command -v timeout)
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
# Whether every pid in $FAKE_PIDS has ended (gone or a zombie), within 5 s.
all_stopped() {
    local pid state
    for pid in $(cat "$FAKE_PIDS" 2>/dev/null); do
        for _ in $(seq 1 500); do
            state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)
            [ -z "$state" ] || [ "$state" = Z ] && break
            sleep 0.01
        done
        [ -z "$state" ] || [ "$state" = Z ] || return 1
    done
}
fake() { mkdir -p "fake/$1"; cat > "fake/$1/gnuplot"; chmod +x "fake/$1/gnuplot"; }
# The output files the chart's script asks for: its `set output '...'`
# lines.  junheng keeps one gnuplot per thread and feeds it on stdin
# ("load 'SCRIPT'" per chart); a fake takes the first chart's script.
outputs='script=$(sed -n "/^load /{s/^load '"'"'\(.*\)'"'"'\$/\1/p;q;}")
sed -n "s/^set output '"'"'\(.*\)'"'"'\$/\1/p" "$script" | grep -v "^/dev/null$"'
fake sleep <<EOF
#!/bin/sh
sleep 300 &
echo \$! >> "\$FAKE_PIDS"
wait
EOF
fake crash <<'EOF'
#!/bin/sh
kill -SEGV $$
EOF
fake garbage <<EOF
#!/bin/sh
$outputs | while read -r f; do echo garbage > "\$f"; done
EOF
fake holder <<EOF
#!/bin/sh
$outputs | while read -r f; do echo '<svg xmlns="http://www.w3.org/2000/svg"></svg>' > "\$f"; done
sleep 300 &
echo \$! >> "\$FAKE_PIDS"
exit 0
EOF
mkdir nogp
charts="lorenz-beds-2019-2020 lorenz-teachers-2019-2020"
declare -A why=(
    [sleep]="gnuplot still running after 1 s, stopped (the time limit: --chart-timeout, or charts.timeout in run.ini)"
    [crash]="gnuplot was killed by SIGSEGV"
    [garbage]=".png from gnuplot: not a PNG file"
)

for k in sleep crash garbage; do
    : > "$FAKE_PIDS"
    PATH=$tmp/fake/$k:$PATH $to 60 "$bin" plot lorenz --data "$data" -o "p-$k" \
        --chart-timeout 1 --format png,svg 2> err
    code=$?
    check "plot, gnuplot $k: exit 70" "[ $code = 70 ]"
    for c in $charts; do
        check "plot, gnuplot $k: warning for $c" \
            "grep -qF 'junheng: warning: $c: not drawn: ' err && grep '$c' err | grep -qF '${why[$k]}'"
    done
    check "plot, gnuplot $k: summary" "grep -qxF 'junheng: plot: 2 of 2 charts not drawn (warnings above)' err"
    check "plot, gnuplot $k: nothing left in the output folder" '[ -z "$(ls -A p-$k)" ]'
    check "plot, gnuplot $k: its children stopped" all_stopped

    PATH=$tmp/fake/$k:$PATH $to 60 "$bin" run "$cfg" -o "r-$k" --set charts.kinds=lorenz \
        --set charts.formats=png,svg --set charts.timeout=1 2> err
    code=$?
    check "run, gnuplot $k: exit 0" "[ $code = 0 ]"
    for t in indices.csv indices-wide.csv urban-rural.csv rank-counties.csv converge.csv; do
        check "run, gnuplot $k: tables/$t kept" "[ -s r-$k/tables/$t ]"
    done
    check "run, gnuplot $k: report written" "[ -s r-$k/report.html ]"
    check "run, gnuplot $k: no chart, no leftover in charts/" '[ -z "$(ls -A r-$k/charts)" ]'
    check "run, gnuplot $k: the charts on the terminal" \
        "grep -qF 'junheng: run: warning: 2 charts not drawn: lorenz-beds-2019-2020, lorenz-teachers-2019-2020 (' err"
    check "run, gnuplot $k: how to turn charts off" "grep -qF -- '--set charts.kinds=none' err"
    for c in $charts; do
        check "run, gnuplot $k: $c in run.log" "grep -qF 'junheng: warning: $c: not drawn: ' r-$k/run.log"
        check "run, gnuplot $k: $c in the report's data quality" \
            "sed -n '/id=quality/,/id=tables/p' r-$k/report.html | grep -qF '$c: not drawn: '"
    done
    n=$(grep -c 'warning:' "r-$k/run.log")
    check "run, gnuplot $k: the terminal count is run.log's ($n)" \
        "grep -qF '($n warnings in r-$k/run.log)' err"
done

# gnuplot exits 0 and leaves a child holding its stderr: the charts are
# taken at once (no time-out at the default 60 s), the child stopped.
: > "$FAKE_PIDS"
PATH=$tmp/fake/holder:$PATH $to 60 "$bin" plot lorenz --data "$data" -o p-holder --format svg 2> err
code=$?
check "plot, stderr held: exit 0" "[ $code = 0 ] && [ ! -s err ]"
check "plot, stderr held: charts drawn" "[ -s p-holder/lorenz-beds-2019-2020.svg ] && [ -s p-holder/lorenz-teachers-2019-2020.svg ]"
check "plot, stderr held: the child stopped" all_stopped
PATH=$tmp/fake/holder:$PATH $to 60 "$bin" run "$cfg" -o r-holder --set charts.kinds=lorenz \
    --set charts.formats=svg 2> err
code=$?
check "run, stderr held: exit 0, charts drawn" "[ $code = 0 ] && [ -s r-holder/charts/lorenz-beds-2019-2020.svg ]"
check "run, stderr held: no chart warning" "! grep -q 'not drawn' r-holder/run.log err"

# gnuplot absent: run says which charts and how to turn charts off, exit 0,
# tables and report written, no stale scripts in charts/.
PATH=$tmp/nogp $to 60 "$bin" plot lorenz --data "$data" -o p-none 2> err
code=$?
check "plot, no gnuplot: exit 69" "[ $code = 69 ]"
check "plot, no gnuplot: a warning per chart" \
    "[ \$(grep -c ': not drawn: gnuplot not found$' err) = 2 ]"
PATH=$tmp/nogp $to 60 "$bin" run "$cfg" -o r-none --set charts.kinds=lorenz 2> err
code=$?
check "run, no gnuplot: exit 0" "[ $code = 0 ]"
check "run, no gnuplot: tables and report" "[ -s r-none/tables/indices.csv ] && [ -s r-none/report.html ]"
check "run, no gnuplot: which charts" \
    "grep -qF 'junheng: run: warning: gnuplot not found: 2 charts not drawn: lorenz-beds-2019-2020, lorenz-teachers-2019-2020 (' err"
check "run, no gnuplot: install or turn off" \
    "grep -qF \"junheng: run: install gnuplot (Debian: apt-get install gnuplot-nox fonts-noto-cjk), or turn charts off with 'kinds = none' in [charts] (or --set charts.kinds=none)\" err"
check "run, no gnuplot: charts/ holds no stale script" '[ -z "$(ls -A r-none/charts)" ]'
check "run, no gnuplot: the report says so" \
    "grep -qF 'lorenz-beds-2019-2020: not drawn: gnuplot not found' r-none/report.html"

if ! command -v gnuplot > /dev/null; then
    echo "skip: gnuplot not installed (zero rural values, full disk)"
    exit $fail
fi

# Urban-rural with every rural value 0: no ratio exists (urban / 0), and
# gnuplot used to stop with "x2 range is invalid", failing the whole run.
{
    echo region_code,year,indicator,value,population,stratum
    for y in 2019 2020; do
        echo "220102,$y,beds,9.8,621000,total"; echo "220122,$y,beds,4.1,1108000,total"
        echo "220102,$y,beds,12,400000,urban";  echo "220122,$y,beds,6,300000,urban"
        echo "220102,$y,beds,0,221000,rural";   echo "220122,$y,beds,0,808000,rural"
    done
} > ur0.csv
printf '[data]\nfiles = ur0.csv\n[analysis]\ngroup_by =\n[charts]\nkinds = urban-rural\nformats = png\n[output]\nlang = en\n' > ur0.ini
$to 60 "$bin" plot urban-rural --data ur0.csv -o p-ur0 --lang en --keep-scripts 2> err
code=$?
check "plot, rural all 0: exit 0, no message" "[ $code = 0 ] && [ ! -s err ]"
check "plot, rural all 0: a PNG" \
    "[ \"\$(head -c 8 p-ur0/urban-rural-beds-2020.png | od -An -tx1 | tr -d ' \n')\" = 89504e470d0a1a0a ]"
check "plot, rural all 0: no ratio axis, and the note says why" \
    "grep -qxF 'NRATIO = 0' p-ur0/urban-rural-beds-2020.gp &&
     grep -qF \"NOTE = 'No urban-rural ratio: no county has a rural value above 0'\" p-ur0/urban-rural-beds-2020.gp"
$to 60 "$bin" run ur0.ini -o r-ur0 2> err
code=$?
check "run, rural all 0: exit 0 with the chart and the tables" \
    "[ $code = 0 ] && [ -s r-ur0/charts/urban-rural-beds-2020.png ] && [ -s r-ur0/tables/urban-rural.csv ]"
check "run, rural all 0: no chart warning" "! grep -q 'not drawn' r-ur0/run.log err"

# A full disk while plotting: gnuplot exits 0 with empty or cut-short files;
# none may appear under a chart's name, and the exit is 74.
mkdir mnt
if unshare -rm sh -c "mount -t tmpfs -o size=32k tmpfs '$tmp/mnt'" 2> /dev/null; then
    unshare -rm sh -c "mount -t tmpfs -o size=32k tmpfs '$tmp/mnt' &&
        $to 60 '$bin' plot lorenz --data '$data' -o '$tmp/mnt/c' --format png,svg,pdf 2> err;
        echo \$? > code; cd '$tmp/mnt/c' && for f in *; do
            [ -e \"\$f\" ] && printf '%s %s %s\n' \"\$f\" \$(wc -c < \"\$f\") \"\$(tail -c 12 \"\$f\" | od -An -tx1 | tr -d ' \n')\"
        done > '$tmp/listing'; true"
    check "full disk: exit 74" '[ "$(cat code)" = 74 ]'
    check "full disk: the warning says so" "grep -qF 'no space left on the disk of $tmp/mnt/c' err"
    check "full disk: no empty file, no .part" "! grep -qE '\.part | 0 ' listing"
    check "full disk: every PNG left is complete" \
        "! grep '\.png ' listing | grep -v '0000000049454e44ae426082\$'"
else
    echo "skip: cannot mount a tmpfs (full disk)"
fi
exit $fail
