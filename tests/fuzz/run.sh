#!/usr/bin/env bash
# The fuzz CTests.
#   run.sh build SRC_DIR BUILD_DIR
#       configures BUILD_DIR with clang (-DJUNHENG_FUZZ=ON) and builds the
#       fuzzers; exit 77 (skip) when clang or libFuzzer is not installed.
#   run.sh run BIN_DIR TARGET CORPUS_DIR RUNS
#       runs BIN_DIR/fuzz_TARGET for RUNS inputs from the seed corpus; new
#       inputs and crash files go to a temporary folder, never the sources.
#       Exit 77 when the fuzzer was not built (skipped build).
set -uo pipefail

build() {
    local src=$1 dir=$2 cc=${JUNHENG_FUZZ_CC:-clang}
    if ! command -v "$cc" >/dev/null; then
        echo "fuzz: $cc not found: install clang and libclang-rt-14-dev (scripts/deps.sh)"
        exit 77
    fi
    local probe
    probe=$(mktemp -d) || exit 1
    printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$probe/p.c"
    if ! "$cc" -fsanitize=fuzzer "$probe/p.c" -o "$probe/p" 2>/dev/null; then
        rm -rf "$probe"
        echo "fuzz: $cc cannot link -fsanitize=fuzzer: install libclang-rt-14-dev (scripts/deps.sh)"
        exit 77
    fi
    rm -rf "$probe"
    mkdir -p "$dir" || exit 1
    CC=$cc cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DJUNHENG_FUZZ=ON -DJUNHENG_TESTS=OFF -DJUNHENG_WERROR="${JUNHENG_WERROR:-OFF}" \
        >"$dir/configure.log" 2>&1 || { cat "$dir/configure.log"; exit 1; }
    cmake --build "$dir" --target fuzzers -j "${JUNHENG_FUZZ_JOBS:-2}"
}

run() {
    local bin=$1/fuzz_$2 seeds=$3 runs=$4
    if [ ! -x "$bin" ]; then
        echo "fuzz: $bin not built (no clang or libFuzzer): skipped"
        exit 77
    fi
    tmp=""
    tmp=$(mktemp -d) || exit 1
    trap 'rm -rf "$tmp"' EXIT
    mkdir "$tmp/new"
    # -seed fixes the mutations, so a CTest failure repeats.
    "$bin" -runs="$runs" -seed=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$tmp/" "$tmp/new" "$seeds" >"$tmp/log" 2>&1
    local rc=$?
    if [ $rc -ne 0 ]; then
        tail -n 60 "$tmp/log"
        for a in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-*; do
            [ -e "$a" ] && { echo "fuzz: failing input (base64):"; base64 "$a"; }
        done
        exit 1
    fi
    grep -E '^#[0-9]+[[:space:]]+DONE' "$tmp/log"
}

case ${1:-} in
build) build "$2" "$3" ;;
run) run "$2" "$3" "$4" "$5" ;;
*) echo "usage: run.sh build SRC BUILD | run BIN TARGET CORPUS RUNS" >&2; exit 64 ;;
esac
