#!/usr/bin/env python3
"""Mutation run: feeds junheng's commands with randomly damaged copies of
the test inputs and reports any exit other than 0, 64, 65, 66, or any
sanitizer report.  A developer's tool, not part of CI (it needs Python and
takes minutes).  Build with -DJUNHENG_SANITIZE=ON first.

    python3 tools/mutate.py BUILD/junheng [SEED] [RUNS]

Failing inputs are kept as /tmp/junheng-mutate-N.csv.  It found, on
2026-11-29, a read past an interned string (a NUL byte in a code) and a
memcpy from NULL in decompose."""
import os
import random
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1]
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 300
SEEDS = [open(os.path.join(TOP, p), 'rb').read()[:3000] for p in (
    'tests/data/equiv/long.csv', 'tests/data/equiv/wide.csv',
    'tests/data/equiv/wide-gb18030.csv', 'datasets/jilin/values.csv',
    'tests/cli/cases/urban_rural_nonpositive_drop/in.csv')]
TOKENS = [b',', b'"', b'\n', b'\r\n', b'\xef\xbb\xbf', b'\xe2\x80\x94', b'>98', b'\xff',
          b'\x00', b'NA', b'1e999', b'-', b'\t', b';', b'2020', b'\xe5\xb9\xb4', b'""',
          b'1,234.5', b'\xef\xbc\x99', b'0', b'-1', b'urban', b'rural']
COMMANDS = [['validate'], ['indices', '-o', '/dev/null', '--bootstrap', '3'],
            ['decompose', '--by', 'group', '-o', '/dev/null'],
            ['decompose', '--by', 'stratum', '-o', '/dev/null'],
            ['urban-rural', '-o', '/dev/null'], ['rank', '--what', 'counties', '-o', '/dev/null'],
            ['rank', '--what', 'indicators', '-o', '/dev/null'], ['converge', '-o', '/dev/null'],
            ['converge', '--table', 'markov', '-o', '/dev/null'],
            ['converge', '--table', 'beta', '-o', '/dev/null']]


def mutate(data):
    d = bytearray(data)
    for _ in range(random.randint(1, 8)):
        op, pos = random.random(), random.randrange(len(d) + 1)
        if op < 0.4:
            d[pos:pos] = random.choice(TOKENS)
        elif op < 0.7 and len(d) > 1:
            del d[pos:pos + random.randint(1, 20)]
        else:
            d[pos:pos] = bytes(random.randrange(256) for _ in range(random.randint(1, 4)))
    return bytes(d)


bad = 0
env = dict(os.environ, ASAN_OPTIONS='detect_leaks=1', UBSAN_OPTIONS='halt_on_error=1')
for run in range(RUNS):
    data = mutate(random.choice(SEEDS))
    with open('/tmp/junheng-mutate.csv', 'wb') as f:
        f.write(data)
    cmd = random.choice(COMMANDS)
    p = subprocess.run([BIN, cmd[0], '--data', '/tmp/junheng-mutate.csv'] + cmd[1:],
                       capture_output=True, env=env, timeout=120)
    if p.returncode not in (0, 64, 65, 66) or b'Sanitizer' in p.stderr \
            or b'runtime error' in p.stderr:
        bad += 1
        with open('/tmp/junheng-mutate-%d.csv' % bad, 'wb') as f:
            f.write(data)
        print('FAIL run %d: %s exited %d\n%s' % (run, ' '.join(cmd), p.returncode,
                                                   p.stderr[-800:].decode('utf-8', 'replace')))
print('%d runs, %d failures' % (RUNS, bad))
sys.exit(1 if bad else 0)
