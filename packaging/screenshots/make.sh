#!/usr/bin/env bash
# Remakes the screenshots in this folder with `blastguard --screenshot` (offscreen, the first
# screen as a reviewer sees it): the incident, the db-replacement and missing-state scenarios and
# a generated 10,000-resource plan, at 1366x768 and 1920x1080, light and dark; then the three
# that AppStream lists (io.github.blastguard.Blastguard.metainfo.xml). Run it after a build:
#   bash packaging/screenshots/make.sh [BUILD_DIR]
# Look at what it made before committing it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../../build}" && pwd)"
gui="$build/app/blastguard"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$build/tests/tools/bg-genplan" --resources 10000 --seed 1 -o "$tmp/generated-10k.json" >/dev/null
shot() { # shot NAME SIZE THEME FILE
    "$gui" --screenshot "$here/$1.png" --size "$2" --theme "$3" "$4" 2>/dev/null
    # 256 colours: a third of the bytes, and a window's flat colours do not show the loss.
    if command -v convert >/dev/null; then
        convert "$here/$1.png" -colors 256 "PNG8:$tmp/small.png" && mv "$tmp/small.png" "$here/$1.png"
    fi
    echo "$1.png"
}
for size in 1366x768 1920x1080; do
    for theme in light dark; do
        shot "incident-$size-$theme" "$size" "$theme" scenario:incident
        shot "db-replacement-$size-$theme" "$size" "$theme" scenario:db-replacement
        shot "missing-state-$size-$theme" "$size" "$theme" scenario:missing-state
        shot "generated-10k-$size-$theme" "$size" "$theme" "$tmp/generated-10k.json"
    done
done
for name in incident db-replacement generated-10k; do
    cp "$here/$name-1920x1080-light.png" "$here/$name.png"
done
