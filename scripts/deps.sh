#!/usr/bin/env bash
# Installs the Debian 12 packages junheng needs, when any is missing.
# Sourced by demo.sh and test.sh: jh_require_packages PKG...
# As root it runs apt-get; otherwise it prints the exact command and stops.

JH_BUILD_PACKAGES=(cmake gcc make libc6-dev libgsl-dev libcsv-dev libxlsxwriter-dev libjansson-dev libshp-dev gnuplot-nox fonts-noto-cjk)
JH_TEST_PACKAGES=(libcmocka-dev chromium clang libclang-rt-14-dev strace poppler-utils python3-numpy python3-libpysal)

jh_require_packages() {
    local missing=() p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "junheng: missing Debian packages: ${missing[*]}" >&2
        echo "junheng: install them as root, then run this again:" >&2
        echo "  sudo apt-get install -y ${missing[*]}" >&2
        exit 69
    fi
    echo "junheng: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || { echo "junheng: apt-get update failed" >&2; exit 69; }
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
        { echo "junheng: apt-get install failed" >&2; exit 69; }
}

jh_jobs() {
    nproc 2>/dev/null || echo 2
}
