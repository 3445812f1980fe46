// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// One row of bench_load's tables: a generated plan, jq on it, Blastguard's load and analysis
// (bench_measure), and blastguard-cli's report and gate on it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bg::bench {

// One blastguard-cli command on the row's file: wall time best of Runs, peak RSS worst of Runs.
struct CliFigures {
    bool measured = false;
    double seconds = 0, peakMb = 0;
    int exitStatus = -1; // of the last run
    std::string failure;
    bool ok() const { return measured && failure.empty(); }
};

struct Row {
    std::string label;
    std::string shape = "mixed"; // genshapes.h's name
    int resources = 0; // resource_changes entries (managed instances for mixed)
    bool destroy = false;
    double fileMb = 0;
    std::optional<double> jqSeconds, jqMb;
    std::string jqFailure;
    double loadSeconds = 0, analyseSeconds = 0, peakMb = 0;
    int nodes = 0, edges = 0;
    std::string bgFailure;
    std::string layout; // the first picture: view + Graphviz, after the analysis
    std::vector<std::pair<std::string, double>> latency; // search and filter, worst ms
    std::string latencyFailure;
    CliFigures report; // blastguard-cli report --format json FILE
    CliFigures gate; // blastguard-cli gate FILE (shape rows)
    // bench_floor FILE's peak (MiB): a Qt program that only reads the file. Absent: not measured.
    std::optional<double> floorMb;
    double total() const { return loadSeconds + analyseSeconds; }
};

} // namespace bg::bench
