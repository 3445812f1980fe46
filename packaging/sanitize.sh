#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Blastguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The sanitizer build: clang with AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer)
# everywhere, in build-asan/. The same build holds the libFuzzer targets (.ci/fuzz.sh runs them),
# so CI compiles the tree twice (dev.sh's build and this one), not three times.
#   sanitize.sh build          configure and build everything, fuzzers included
#   sanitize.sh [test] [ARGS]  build, then the whole test suite under the sanitizers (ctest ARGS)
# Leaks are errors; tests/lsan.supp suppresses only Graphviz's own allocations (see there). The
# package test is not configured here: it packages and runs the installed build, not this one.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BLASTGUARD_ASAN_BUILD_DIR:-$here/build-asan}

command -v clang++ >/dev/null || { echo "sanitize.sh: clang++ is missing (packaging/dev.sh installs it)" >&2; exit 1; }

# -O1 and line tables only: about 15% less compile CPU than RelWithDebInfo's -O2 -g (measured on
# the core and two suites: 114 s against 136 s), and still file:line in every sanitizer report.
# No -fsanitize-recover: the first report fails. No -DNDEBUG, and QT_FORCE_ASSERTS: this build
# exists to catch mistakes, so assert() (nlohmann_json's) and Q_ASSERT (Qt's headers: QList
# bounds, ...) stay on. Qt's CMake defines QT_NO_DEBUG outside Debug, which alone disables Q_ASSERT.
flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
flags+=" -DQT_FORCE_ASSERTS"
# In CI, the libraries build in batches of files, as in dev.sh (see there): with clang and the
# sanitizers, the core took 292 s of compile against 362, the widgets 97 against 161.
unity=OFF
[ "${CI:-}" = true ] && unity=ON
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$flags" \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
        -DBLASTGUARD_FUZZ=ON -DBLASTGUARD_PACKAGE_TEST=OFF -DCMAKE_UNITY_BUILD=$unity
fi
cmake --build "$build" --parallel "$(nproc)"

command=${1:-test}
[ $# -gt 0 ] && shift
case "$command" in
    build) exit 0 ;;
    test) ;;
    *) set -- "$command" "$@" ;; # bare ctest arguments: sanitize.sh -R tst_gate
esac

export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0
# No suite asserts a timing (those are the benchmark's), so nothing here is retried: a failure is
# a failure.
cd "$build" && ctest --output-on-failure -j "$(nproc)" "$@"
