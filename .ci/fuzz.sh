#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Blastguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the libFuzzer targets (tests/fuzz) for a bounded time each. They are built in the clang
# ASan+UBSan tree of packaging/sanitize.sh (build-asan/), which a CI run has already built for
# the sanitizer test suite. Fails on any crash, sanitizer report, leak, timeout (-timeout) or
# memory blow-up (-rss_limit_mb).
# Seeds are assembled at run time in build-asan/seeds/ from ../shared/corpus (when present),
# tests/fixtures, resources/scenarios and tests/fuzz/regressions; nothing is copied into the repo.
# Crash inputs are left in build-asan/artifacts/. FUZZ_SECONDS (default 30) bounds each target.
# The targets run side by side, as many at once as there are processors: each is one process on
# one core, and each has its own corpus, log and artifacts.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BLASTGUARD_ASAN_BUILD_DIR:-$here/build-asan}
seconds=${FUZZ_SECONDS:-30}

BLASTGUARD_ASAN_BUILD_DIR=$build bash "$here/packaging/sanitize.sh" build

seeds=$build/seeds
rm -rf "$seeds" "$build/work"
mkdir -p "$seeds/documents" "$seeds/addresses" "$seeds/approvals" "$seeds/records" "$build/artifacts"
copy_seeds() { # copy_seeds DEST DIR PATTERN... : regular files only, small ones (< 1 MB)
    local dest=$1 dir=$2; shift 2
    [ -d "$dir" ] || return 0
    local n=0
    for pattern in "$@"; do
        while IFS= read -r -d '' f; do
            n=$((n + 1)); cp -- "$f" "$dest/$n-$(basename "$f")"
        done < <(find "$dir" -type f -name "$pattern" -size -1024k -print0)
    done
}
copy_seeds "$seeds/documents" "$here/../shared/corpus" '*.json' '*.tfstate'
copy_seeds "$seeds/documents" "$here/tests/fixtures" '*.json' '*.tfstate' '*.tf' '*.zip'
copy_seeds "$seeds/documents" "$here/resources/scenarios" '*.json' '*.tfstate'
copy_seeds "$seeds/documents" "$here/tests/fuzz/regressions" 'loader-*'
copy_seeds "$seeds/approvals" "$here/resources" '*.json'
copy_seeds "$seeds/approvals" "$here/tests/fuzz/regressions" 'approval-*'
copy_seeds "$seeds/addresses" "$here/tests/fuzz/regressions" 'address-*'
copy_seeds "$seeds/records" "$here/tests/fixtures/postmortem" '*.json' '*.jsonl' '*.gz'
copy_seeds "$seeds/records" "$here/resources/scenarios" '*.jsonl' '*.gz'
copy_seeds "$seeds/records" "$here/tests/fuzz/regressions" 'records-*'
# Addresses: every "address" value in the document seeds, plus hand-written awkward ones.
i=0
while IFS= read -r a; do
    i=$((i + 1)); printf '%s' "$a" > "$seeds/addresses/a$i"
done < <(find "$seeds/documents" -type f -name '*.json' -print0 \
         | xargs -0 -r cat 2>/dev/null | grep -ao '"address": *"[^"]*"' | sed 's/^"address": *"//; s/"$//' \
         | sort -u | head -n 2000)
for a in 'aws_s3_bucket.b' 'data.aws_iam_policy.p' 'module.a[0].module.b["k"].aws_x.y[3]' \
         'aws_x.y["a\"b\\c"]' 'aws_x.y["${x}"]' 'aws_x.y["\n"]' 'aws_x.y (deposed object 0a1b2c)' \
         'module.m["é🙂"].aws_x.y'; do
    i=$((i + 1)); printf '%s' "$a" > "$seeds/addresses/h$i"
done

run() { # run TARGET SEEDS: exits non-zero on a finding, after printing it
    local target=$1 corpus=$build/work/$1 log=$build/artifacts/$1.log
    mkdir -p "$corpus"
    if ! (cd "$build/artifacts" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
            LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0 \
            UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
            "$build/tests/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
            -max_len=1048576 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
            "$corpus" "$2" > "$log" 2>&1); then
        echo "fuzz.sh: $target FAILED; tail of $log:" >&2
        tail -n 60 "$log" >&2
        return 1
    fi
    echo "fuzz.sh: $target for ${seconds}s ($(ls "$2" | wc -l) seeds): $(grep -E '^(Done|stat::number_of_executed_units)' "$log" | tr '\n' ' ')" >&2
}
targets=(fuzz_loader:documents fuzz_address:addresses fuzz_approval_policy:approvals fuzz_records:records)
jobs=$(nproc)
status=0
pids=()
for entry in "${targets[@]}"; do
    # At most $jobs at once: wait for the oldest before starting another.
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || status=1
        pids=("${pids[@]:1}")
    fi
    run "${entry%%:*}" "$seeds/${entry#*:}" &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid" || status=1
done
exit $status
