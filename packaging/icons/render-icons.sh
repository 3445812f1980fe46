#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Blastguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the PNG icon sizes from blastguard.svg. The PNGs are committed (the build does not
# need a renderer); run this after editing the SVG. Needs rsvg-convert (librsvg2-bin), or
# ImageMagick's convert as a fallback.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 32 48 64 128 256; do
    out=blastguard-$size.png
    if command -v rsvg-convert >/dev/null; then
        rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio blastguard.svg --output "$out"
    else
        convert -background none -density 1200 blastguard.svg -resize "${size}x${size}" "$out"
    fi
    echo "$out"
done
