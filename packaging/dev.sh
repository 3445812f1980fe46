#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Blastguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The developer's one entry point. Installs the Debian 12 packages the build needs (only the
# missing ones), configures, builds, and then:
#   dev.sh build           just build
#   dev.sh test            run the whole test suite (ctest)
#   dev.sh run [FILE...]   open the GUI on the bundled incident scenario (or FILE), or print
#                          the CLI report when there is no display
#   dev.sh bench [ARGS]    run the performance benchmark
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BLASTGUARD_BUILD_DIR:-$here/build}
packages=(cmake g++ ninja-build pkg-config qt6-base-dev qt6-svg-dev libgl-dev libgraphviz-dev
          nlohmann-json3-dev nettle-dev libzstd-dev zlib1g-dev jq dpkg-dev file desktop-file-utils appstream openssh-client
          clang libclang-rt-14-dev llvm) # clang, sanitizer + libFuzzer runtimes, llvm-symbolizer:
                                         # packaging/sanitize.sh and .ci/fuzz.sh

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "dev.sh: installing ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    install_missing
    # CI builds with warnings as errors; a developer's build only shows them. CI's debug
    # information is line tables and functions (-g1), what a failing test's backtrace shows:
    # full -g took 25 to 45% more compile time per file (loader.cpp 13.1 s against 7.2,
    # tst_gate.cpp 8.3 against 6.1). A developer's build keeps -g, for gdb and perf.
    # CI also builds each library in batches of files (CMake's unity build): Qt's and
    # nlohmann's headers are read once a batch, not once a file. The core, layout and widgets
    # libraries took 199 s of compile time against 590 (tests/CMakeLists.txt has the suites').
    # A developer's build stays one file at a time: a change recompiles one file, and a file
    # that forgets an include fails there, not hidden by the file before it in its batch.
    local werror=OFF ci_flags=()
    if [ "${CI:-}" = true ]; then
        werror=ON
        ci_flags=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_UNITY_BUILD=ON)
    fi
    if [ ! -f "$build/CMakeCache.txt" ] || [ "$werror" = ON ]; then
        cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DBLASTGUARD_WERROR=$werror "${ci_flags[@]}"
    fi
    cmake --build "$build" --parallel "$(nproc)"
}

incident=scenario:incident # the bundled incident: its lesson comes first
command=${1:-build}
[ $# -gt 0 ] && shift
case "$command" in
    build)
        configure_and_build ;;
    test)
        configure_and_build
        cd "$build" && ctest --output-on-failure -j "$(nproc)" "$@" ;;
    run)
        configure_and_build
        files=("$@")
        [ ${#files[@]} -eq 0 ] && files=("$incident")
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build/app/blastguard" ]; then
            exec "$build/app/blastguard" "${files[@]}"
        fi
        exec "$build/app/blastguard-cli" report "${files[@]}" ;;
    bench)
        configure_and_build
        exec "$build/tests/bench/bench_load" "$@" ;;
    *)
        echo "usage: $0 build|test|run [FILE...]|bench [ARGS]" >&2
        exit 1 ;;
esac
