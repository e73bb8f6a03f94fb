#!/usr/bin/env bash
# Runs one CLI case: run_case.sh JUNHENG CASE_DIR
# CASE_DIR/args holds the arguments, one per line; the command runs inside a
# scratch copy of CASE_DIR so that outputs never touch the source tree.
# Compared: stdout with expected.out (when present), stderr with
# expected.err (exact), the exit code with expected.code.  Every path in
# CASE_DIR/absent (one per line) must not exist afterwards: a failed run
# leaves nothing half-written.
set -u
bin=$1 case=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$case"/. "$work"/
cd "$work"
mapfile -t args < args
LC_ALL=C "$bin" "${args[@]}" >actual.out 2>actual.err
code=$?
fail=0
if [ -f expected.out ] && ! diff -u expected.out actual.out; then
    echo "FAIL: stdout differs"; fail=1
fi
if ! diff -u expected.err actual.err; then
    echo "FAIL: stderr differs"; fail=1
fi
want=$(cat expected.code)
if [ "$code" != "$want" ]; then
    echo "FAIL: exit code $code, expected $want"; fail=1
fi
if [ -f absent ]; then
    while read -r p; do
        [ -z "$p" ] && continue
        if compgen -G "$p*" >/dev/null; then echo "FAIL: $p was left behind"; fail=1; fi
    done < absent
fi
exit $fail
