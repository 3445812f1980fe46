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
    int exitStatus = -1; // -1 when it did not exit (a signal)
    std::string output; // its stdout, when captured; the start of its stderr for runCli
    std::string failure;
};

double now();

// Runs argv[0] with stdout captured (or sent to /dev/null), stderr inherited.
Run runChild(const std::vector<std::string> &args, bool capture, int cpuLimitSeconds);

// Runs blastguard-cli: stdout to /dev/null, the start of stderr kept for a failure's message
// (a gate that blocks a million-resource plan would flood the benchmark's output). Exit statuses
// in `okStatuses` count as success: the gate exits 3 when it blocks.
Run runCli(const std::vector<std::string> &args, int cpuLimitSeconds,
    const std::vector<int> &okStatuses = {0});

struct Best {
    std::vector<Run> runs;
    bool ok() const;
    std::string failure() const;
    double peakMb() const;
    double bestSeconds() const;
};

// Runs the child Runs times (stops at the first failure).
Best repeat(const std::vector<std::string> &args, bool capture, int cpuLimit);
Best repeatCli(
    const std::vector<std::string> &args, int cpuLimit, const std::vector<int> &okStatuses = {0});

std::string selfPath();
// The measured child is its own small program, linked to core alone like blastguard-cli: this
// benchmark links the widgets for its latency figures, and their libraries would count in the
// child's peak memory.
std::string measurePath();
// blastguard-cli: beside this benchmark when installed together, else where the build puts it
// (build/app, two folders up from build/tests/bench), else the one on PATH.
std::string cliPath();

// 0.853 as fixed(0.853, 2) = "0.85"; a ratio against its target: "0.85 PASS", "3.41 MISS by 1.1x".
std::string fixed(double value, int decimals);
std::string verdict(double ratio, double target);

} // namespace bg::bench
