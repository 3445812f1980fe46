// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Running the measured children of bench_load: each its own process (fork + exec + wait4), so
// its peak RSS is its own; timings the best of the runs (Runs, more for short blastguard-cli
// runs: repeatCli), peak RSS the worst.
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
// The same for blastguard-cli, and short runs more often: on past Runs while the runs so far
// took under ShortRunsSeconds in all, up to MaxRuns. The best of 3 runs of 20 to 50 ms moved by
// 15 ms from one benchmark run to the next (the plan of 0 resources: 37 ms, then 22), and the
// growth figure takes that fixed cost off a 10,000-resource plan's 50 ms.
inline constexpr int MaxRuns = 15;
inline constexpr double ShortRunsSeconds = 1.0;
Best repeatCli(
    const std::vector<std::string> &args, int cpuLimit, const std::vector<int> &okStatuses = {0});

std::string selfPath();
// The measured child is its own small program, linked to core alone like blastguard-cli: this
// benchmark links the widgets for its latency figures, and their libraries would count in the
// child's peak memory.
std::string measurePath();
// bench_floor, beside this benchmark.
std::string floorPath();
// blastguard-cli: beside this benchmark when installed together, else where the build puts it
// (build/app, two folders up from build/tests/bench), else the one on PATH.
std::string cliPath();

// 0.853 as fixed(0.853, 2) = "0.85"; a ratio against its target: "0.85 PASS", "3.41 MISS by 1.1x".
std::string fixed(double value, int decimals);
std::string verdict(double ratio, double target);

} // namespace bg::bench
