// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Running the measured children of bench_load: each its own process (fork + exec + wait4), so
// its peak RSS is its own; timings the best of Runs, peak RSS the worst.
#pragma once

#include <string>
#include <vector>

namespace bg::bench {

inline constexpr int Runs = 3;

struct Run {
    bool ok = false;
    double seconds = 0; // wall time, fork to reap
    long peakKb = 0; // ru_maxrss of the child
    std::string output; // its stdout, when captured
    std::string failure;
};

double now();

// Runs argv[0] with stdout captured (or sent to /dev/null), stderr inherited.
Run runChild(const std::vector<std::string> &args, bool capture, int cpuLimitSeconds);

struct Best {
    std::vector<Run> runs;
    bool ok() const;
    std::string failure() const;
    double peakMb() const;
    double bestSeconds() const;
};

// Runs the child Runs times (stops at the first failure).
Best repeat(const std::vector<std::string> &args, bool capture, int cpuLimit);

std::string selfPath();
// The measured child is its own small program, linked to core alone like blastguard-cli: this
// benchmark links the widgets for its latency figures, and their libraries would count in the
// child's peak memory.
std::string measurePath();

} // namespace bg::bench
