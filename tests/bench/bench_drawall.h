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

// bench_load --first-screen FILE: from the analysed model to the GUI's first screen (the bounded
// view, its layout, the scene, the fit) in a 1366x560 view, then the worst of 10 frames of the
// whole view (the overview included), median and worst, panning and zooming at the first
// screen, at 1:1 on the critical area and at fit. Prints one line: "firstscreen nodes N first S
// scale F overview 0|1 pan-first MEDIAN/WORST zoom-first ... pan-one ... zoom-one ... pan-fit ...
// zoom-fit ..." (ms).
int measureFirstScreen(int argc, char **argv, const char *file);

} // namespace bg::bench
