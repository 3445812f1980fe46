#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Blastguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The package test: builds the .deb from a configured build directory, unpacks it into a
# temporary root (dpkg-deb -x), and checks the installed tree as a user would meet it:
# the CLI reports on the bundled scenario, the data is found next to the installed binaries
# (not in the source tree), the rules and policy are the embedded ones, the GUI starts, nothing leaks the build tree, the desktop file,
# the AppStream metadata and the manual pages are valid.
#
# usage: test-deb.sh BUILD_DIR
# Exits 0 on success, 1 on a failure, 77 (skipped, for ctest) without cpack or dpkg-deb.
set -euo pipefail

build=$(cd "${1:?usage: test-deb.sh BUILD_DIR}" && pwd)
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
skip() { echo "skip: $*"; }

for tool in cpack dpkg-deb readelf; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Build the package from the build directory's CPack configuration. The .deb goes to a
#    temporary directory, so that a package the developer made in build/ is left alone.
if ! (cd "$build" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out") >"$tmp/cpack.log" 2>&1; then
    cat "$tmp/cpack.log" >&2
    echo "FAIL: cpack -G DEB" >&2
    exit 1
fi
deb=$(find "$tmp/out" -maxdepth 1 -name 'blastguard_*.deb' | head -n 1)
[ -n "$deb" ] || { cat "$tmp/cpack.log" >&2; echo "FAIL: cpack made no blastguard_*.deb" >&2; exit 1; }
ok "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# 2. The control fields.
control=$(dpkg-deb -f "$deb")
echo "$control" | sed 's/^/    /'
for field in Package Version Architecture Maintainer Section Priority Homepage Description Depends; do
    echo "$control" | grep -q "^$field: ." || fail "control field $field is missing"
done
depends=$(dpkg-deb -f "$deb" Depends)
# ssh-keygen (openssh-client) signs and verifies approvals, which the shipped policy requires.
for dep in libqt6core6 libqt6widgets6 libqt6svg6 libgvc6 libcgraph6 openssh-client; do
    [[ "$depends" == *"$dep"* ]] || fail "Depends does not name $dep: $depends"
done

# 3. Unpack into a clean root and look at what is there.
root=$tmp/root
dpkg-deb -x "$deb" "$root"
for path in usr/bin/blastguard usr/bin/blastguard-cli \
            usr/share/blastguard/rules/default.json usr/share/blastguard/scenarios/incident/plan.json \
            usr/share/applications/blastguard.desktop \
            usr/share/blastguard/ci/blastguard-ci.sh usr/share/blastguard/ci/gitlab-blastguard.yml \
            usr/share/metainfo/io.github.blastguard.Blastguard.metainfo.xml \
            usr/share/mime/packages/blastguard.xml \
            usr/share/icons/hicolor/scalable/apps/blastguard.svg \
            usr/share/icons/hicolor/16x16/apps/blastguard.png usr/share/icons/hicolor/256x256/apps/blastguard.png \
            usr/share/man/man1/blastguard.1.gz usr/share/man/man1/blastguard-cli.1.gz \
            usr/share/doc/blastguard/copyright usr/share/doc/blastguard/changelog.gz; do
    [ -e "$root/$path" ] || fail "the package has no /$path"
done
[ -e "$root/usr/share/blastguard/policy" ] && [ ! -e "$root/usr/share/blastguard/policy/default.json" ] &&
    fail "the package has a policy folder but no policy/default.json"
[ ! -e "$root/usr/share/doc/blastguard/examples/agent-apply.sh" ] ||
    fail "the package still ships agent-apply.sh (replaced by blastguard-cli apply)"
leaked=$(find "$root" -path '*/tests/*' -o -name '*.a' -o -name 'CMakeLists.txt' | head -n 3)
[ -z "$leaked" ] || fail "build or test files in the package: $leaked"

# 4. The binaries: no RUNPATH (Graphviz's plugins are loaded by full path when first drawn, not
#    found through one), so nothing from the build or source tree nor the current directory;
#    every library resolves.
for bin in blastguard blastguard-cli; do
    runpath=$(readelf -d "$root/usr/bin/$bin" | sed -n 's/.*(R\(UN\)\{0,1\}PATH).*\[\(.*\)\]/\2/p')
    if [ -n "$runpath" ]; then fail "$bin has the RUNPATH [$runpath]"; else ok "$bin has no RUNPATH"; fi
    if command -v ldd >/dev/null; then
        missing=$(ldd "$root/usr/bin/$bin" | grep 'not found' || true)
        [ -z "$missing" ] || fail "$bin: libraries not found: $missing"
    fi
    file_out=$(command -v file >/dev/null && file -b "$root/usr/bin/$bin" || echo "")
    [[ "$file_out" != *"not stripped"* ]] || fail "$bin is not stripped"
done

# 5. The installed CLI on the bundled scenario, from the installed tree only: no
#    BLASTGUARD_DATA_DIR, so the scenarios come from ROOT/usr/share/blastguard (the locator's
#    <bindir>/../share/blastguard); the rules and policy from the binary, which is checked below.
unset BLASTGUARD_DATA_DIR
scenario=$root/usr/share/blastguard/scenarios/incident/plan.json
status=0
"$root/usr/bin/blastguard-cli" report "$scenario" >"$tmp/report.txt" 2>"$tmp/report.err" || status=$?
if [ "$status" -ne 0 ]; then
    fail "blastguard-cli report exited $status: $(cat "$tmp/report.err")"
elif ! grep -q "data loss" "$tmp/report.txt"; then
    fail "the report does not say \"data loss\""
else
    ok "installed blastguard-cli report: $(grep -m1 'data loss' "$tmp/report.txt")"
fi
# The installed CLI draws: Graphviz's layout and SVG plugins load, by full path, from libgvc6.
status=0
"$root/usr/bin/blastguard-cli" graph "$scenario" >"$tmp/graph.svg" 2>"$tmp/graph.err" || status=$?
if [ "$status" -ne 0 ] || ! grep -q "<svg" "$tmp/graph.svg"; then
    fail "blastguard-cli graph exited $status: $(cat "$tmp/graph.err")"
else
    ok "installed blastguard-cli graph: $(wc -c <"$tmp/graph.svg") bytes of SVG"
fi
version=$("$root/usr/bin/blastguard-cli" --version | head -n 1)
[[ "$version" == blastguard-cli*" $(dpkg-deb -f "$deb" Version)" ]] || fail "--version says \"$version\""

# The rules and policy the gate enforces are embedded in the binary: the installed copies are
# for people to read. The CLI prints their SHA-256 as the shipped ones, and a spoiled installed
# copy, or a doctored BLASTGUARD_DATA_DIR, changes nothing in the verdict.
cli=$root/usr/bin/blastguard-cli
rules_sha=$(sha256sum "$root/usr/share/blastguard/rules/default.json" | cut -d' ' -f1)
policy_sha=$(sha256sum "$root/usr/share/blastguard/policy/default.json" | cut -d' ' -f1)
gate_run() { # OUT: the gate's output on the scenario; the exit status must be 3 (blocked)
    local status=0
    "$cli" gate "$scenario" >"$1" 2>"$1.err" || status=$?
    [ "$status" -eq 3 ] || fail "installed gate exited $status, not 3: $(cat "$1.err")"
}
gate_run "$tmp/gate.txt"
if grep -q "^Rules in force: shipped (sha256 $rules_sha); fingerprint [0-9a-f]\{64\}$" "$tmp/gate.txt" &&
    grep -q "^Policy in force: shipped (sha256 $policy_sha); fingerprint [0-9a-f]\{64\};" "$tmp/gate.txt"; then
    ok "the installed gate enforces the embedded rules and policy ($(grep '^Rules in force' "$tmp/gate.txt" | cut -c1-60)...)"
else
    fail "the installed gate does not print the shipped rules and policy: $(grep 'in force' "$tmp/gate.txt")"
fi
cp "$root/usr/share/blastguard/rules/default.json" "$tmp/rules.json"
cp "$root/usr/share/blastguard/policy/default.json" "$tmp/policy.json"
echo '{ "not": "rules" ' >"$root/usr/share/blastguard/rules/default.json"
echo '{"schema": "blastguard.policy/v1", "max_approval_age_hours": 1e300}' >"$root/usr/share/blastguard/policy/default.json"
gate_run "$tmp/spoiled.txt"
if cmp -s "$tmp/gate.txt" "$tmp/spoiled.txt"; then
    ok "a spoiled installed rules and policy file is not used: the same verdict, the same fingerprints"
else
    fail "the installed CLI read the spoiled installed files: $(diff "$tmp/gate.txt" "$tmp/spoiled.txt" | head -5)"
fi
cp "$tmp/rules.json" "$root/usr/share/blastguard/rules/default.json"
cp "$tmp/policy.json" "$root/usr/share/blastguard/policy/default.json"
mkdir -p "$tmp/data/rules" "$tmp/data/policy"
echo '{"schema": "blastguard.rules/v1"}' >"$tmp/data/rules/default.json"
echo '{"schema": "blastguard.policy/v1", "max_approval_age_hours": 1e300}' >"$tmp/data/policy/default.json"
BLASTGUARD_DATA_DIR=$tmp/data gate_run "$tmp/datadir.txt"
if cmp -s "$tmp/gate.txt" "$tmp/datadir.txt"; then
    ok "a doctored BLASTGUARD_DATA_DIR does not change the verdict"
else
    fail "BLASTGUARD_DATA_DIR changed the verdict: $(diff "$tmp/gate.txt" "$tmp/datadir.txt" | head -5)"
fi

# 6. The installed GUI starts and opens the scenario (offscreen; still running after 4 s).
status=0
QT_QPA_PLATFORM=offscreen timeout 4 "$root/usr/bin/blastguard" "$scenario" >"$tmp/gui.log" 2>&1 || status=$?
if [ "$status" -eq 124 ]; then
    ok "the installed blastguard runs on the scenario"
else
    fail "the installed blastguard exited $status: $(tail -5 "$tmp/gui.log")"
fi

# 7. Desktop integration validators, when installed (packages desktop-file-utils, appstream).
if command -v desktop-file-validate >/dev/null; then
    if out=$(desktop-file-validate "$root/usr/share/applications/blastguard.desktop" 2>&1); then
        ok "desktop-file-validate${out:+: $out}"
    else
        fail "desktop-file-validate: $out"
    fi
else
    skip "desktop-file-validate is not installed (package desktop-file-utils)"
fi
if command -v appstreamcli >/dev/null; then
    # validate-tree: the metainfo file, and that its launchable and icon are in the tree.
    if out=$(appstreamcli validate-tree --no-net "$root" 2>&1); then
        ok "appstreamcli validate-tree: $(echo "$out" | tail -n 1)"
    else
        fail "appstreamcli validate-tree: $out"
    fi
else
    skip "appstreamcli is not installed (package appstream)"
fi
if command -v update-mime-database >/dev/null; then
    mkdir -p "$tmp/mime/packages"
    cp "$root/usr/share/mime/packages/blastguard.xml" "$tmp/mime/packages/"
    if out=$(update-mime-database "$tmp/mime" 2>&1) && ! grep -qi 'error\|warning' <<<"$out"; then
        ok "update-mime-database accepts blastguard.xml"
    else
        fail "update-mime-database: $out"
    fi
else
    skip "update-mime-database is not installed (package shared-mime-info)"
fi

# 8. The manual pages render without warnings.
for page in blastguard blastguard-cli; do
    file=$root/usr/share/man/man1/$page.1.gz
    [ -e "$file" ] || continue
    if command -v groff >/dev/null; then
        out=$(gzip -dc "$file" | groff -man -Tutf8 -ww -z 2>&1)
        [ -z "$out" ] && ok "$page.1 renders" || fail "$page.1: $out"
    elif command -v man >/dev/null; then
        man -l "$file" >/dev/null 2>&1 && ok "$page.1 renders (man -l)" || fail "$page.1 does not render"
    else
        skip "neither groff nor man is installed: $page.1 not rendered"
    fi
done

if [ "$failures" -gt 0 ]; then
    echo "test-deb: $failures failure(s)" >&2
    exit 1
fi
echo "test-deb: the package passed"
