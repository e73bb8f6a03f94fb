#!/usr/bin/env bash
# Installs what is missing, builds junheng with its tests, and runs every
# test.  Environment: JUNHENG_SANITIZE=ON for an ASan/UBSan build,
# JUNHENG_WERROR=ON to make warnings errors (.ci/run sets both).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$top/scripts/deps.sh"
jh_require_packages "${JH_BUILD_PACKAGES[@]}" "${JH_TEST_PACKAGES[@]}"

sanitize=${JUNHENG_SANITIZE:-OFF}
werror=${JUNHENG_WERROR:-OFF}
build="$top/build/test"
[ "$sanitize" = ON ] && build="$top/build/test-sanitize"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
    -DJUNHENG_SANITIZE="$sanitize" -DJUNHENG_WERROR="$werror" >/dev/null
cmake --build "$build" -j "$(jh_jobs)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j "$(jh_jobs)"
