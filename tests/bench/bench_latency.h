// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The search and filter latency of the GUI's pieces (README.md, "Performance": search stays smooth
// at 10,000 nodes; the target is an answer within 100 ms), measured in a child of bench_load.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bg::bench {

inline constexpr double LatencyTargetMs = 100;

// bench_load --latency FILE: loads and analyses FILE (untimed), then drives the GUI's resource
// table (ResourceModel, ResourceFilterProxy and a QTableView, sorted critical first as the
// main window sets it up) and the graph view on the first picture, on the offscreen platform.
// Every operation runs 5 times, each followed by the event processing that repaints; it prints
// one line per operation: "latency NAME WORST_MS".
int measureLatency(int argc, char **argv, const char *file);

// The lines above, read back: {name, worst ms}, in the order printed.
std::vector<std::pair<std::string, double>> parseLatency(const std::string &output);

// What each name measures, for the benchmark's legend.
const char *latencyLegend();

} // namespace bg::bench
