#!/usr/bin/env bash
# Issue 17, the chart step's CPU: gnuplot writes PNG rows unfiltered through
# the module junheng preloads into it (src/preload/gnuplot_png.c).  The
# same chart drawn without the module (JUNHENG_GNUPLOT_PNG= : libpng's
# adaptive filters) and with it must have the same pixels, and with it
# every row must carry filter type 0 (None); without it libpng picks other
# filters for some rows (else the module changed nothing and this test
# could not fail).  The PNGs are decoded here by a small PNG reader
# (zlib and the five filters of the PNG specification, section 9).
# Skipped (77) without gnuplot.
set -u
bin=$(realpath "$1")
command -v gnuplot >/dev/null || { echo "skipped: no gnuplot"; exit 77; }
top=$(cd ../.. && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export JUNHENG_TEMPLATE_DIR=$top/plots
d=$top/datasets/jilin
in=(--data "$d/values.csv" --regions "$d/regions.csv" --indicators "$d/indicators.csv")
fail=0
for m in off on; do
    env $([ $m = off ] && echo JUNHENG_GNUPLOT_PNG=) "$bin" plot lorenz "${in[@]}" \
        -i beds_per_1000 --lang en -o "$tmp/$m" 2> "$tmp/$m.err" ||
        { echo "FAIL: plot ($m) exited $?"; cat "$tmp/$m.err"; exit 1; }
done
cmp -s "$tmp"/off/*.png "$tmp"/on/*.png && { echo "FAIL: the module changed no byte"; fail=1; }
python3 - "$tmp"/off/*.png "$tmp"/on/*.png <<'PY' || fail=1
import struct, sys, zlib

def read(path):
    """Pixels (bytes) and the set of row filter types of an 8-bit RGB(A) PNG."""
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', path
    pos, idat = 8, b''
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    out, prev, kinds = bytearray(), bytearray(stride), set()
    for y in range(h):
        f = raw[y * (stride + 1)]
        kinds.add(f)
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                row[i] = (row[i] + a) & 255
            elif f == 2:
                row[i] = (row[i] + b) & 255
            elif f == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += row
        prev = row
    return (w, h, bytes(out)), kinds

off, off_kinds = read(sys.argv[1])
on, on_kinds = read(sys.argv[2])
ok = True
if off != on:
    print('FAIL: the pixels differ with the module'); ok = False
if on_kinds != {0}:
    print('FAIL: with the module, row filters', sorted(on_kinds)); ok = False
if off_kinds == {0}:
    print('FAIL: without the module every row is unfiltered too'); ok = False
if ok:
    print('ok: %dx%d, the same pixels; row filters %s without the module, %s with it'
          % (on[0], on[1], sorted(off_kinds), sorted(on_kinds)))
sys.exit(0 if ok else 1)
PY
exit $fail
