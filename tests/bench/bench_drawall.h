// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The opt-in "draw every resource" view (ViewOptions::EveryNode) at full size: how long the view
// and its layout take, and what one frame of the graph view costs, measured in a child of
// bench_load on the offscreen platform.
#pragma once

namespace bg::bench {

// bench_load --draw-all FILE [PNG_PREFIX]: loads and analyses FILE (untimed), then times
// buildViewGraph with every node, layoutGraph (the engine it chooses), GraphView::showGraph, and
// one frame of a 1000x700 view at fit-to-window, at zoom 0.5 and at 1.0 (best of 10 each).
// Prints one line: "drawall view S nodes N edges E layout S engine NAME show S fit-scale F
// frame-fit MS frame-half MS frame-one MS overlaps N bounds WxH". With PNG_PREFIX, also writes
// PREFIX-fit.png and PREFIX-one.png.
int measureDrawAll(int argc, char **argv, const char *file, const char *pngPrefix = nullptr);

} // namespace bg::bench
