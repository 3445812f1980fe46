// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench_cli.h"

#include "bench_run.h"

#include <algorithm>
#include <cstdio>

namespace bg::bench {

namespace {

// The targets for `report --format json` (time / jq's time, peak RSS / file size).
constexpr int Million = 1'000'000; // of the small or the tiny shape
constexpr double MillionTime = 1.0, MillionMemory = 3.0;
constexpr int TenK = 10'000;
constexpr double TenKTime = 0.3, TenKMemory = 1.5;
// Growth is linear when no size of 10,000 and up costs more than this times the cheapest per
// 1,000 resources, the fixed cost (the plan of 0 resources) taken off, for each shape run at
// several sizes (small, tiny). Smaller plans are printed, not judged: there the fixed cost is
// most of the time and its noise all of the rest.
constexpr double GrowthSpread = 1.5;
constexpr int GrowthFrom = 10'000;
constexpr const char *GrowthShapes[] = {"small", "tiny"};

constexpr int GateBlocked = 3; // blastguard-cli's exit status when the gate blocks

CliFigures figures(const Best &best)
{
    CliFigures f;
    f.measured = true;
    f.exitStatus = best.runs.empty() ? -1 : best.runs.back().exitStatus;
    if (!best.ok()) {
        f.failure = best.failure();
        return f;
    }
    f.seconds = best.bestSeconds();
    f.peakMb = best.peakMb();
    return f;
}

// " floor 3.52x, above the target": what a Qt program that only reads the row's file peaks at,
// against the file; said to be above the memory target when no such reader could meet it.
std::string floorNote(const Row &r, double memoryTarget)
{
    if (!r.floorMb)
        return " floor n/a";
    const double floor = *r.floorMb / r.fileMb;
    return " floor " + fixed(floor, 2) + 'x' + (floor > memoryTarget ? ", above the target" : "");
}

// "time 0.85 PASS  memory 3.41 MISS by 1.1x" for one row against one pair of targets.
void printTarget(const Row &r, double timeTarget, double memoryTarget)
{
    if (!r.report.ok()) {
        std::printf("  %-20s MISS (report failed: %s)\n", r.label.c_str(),
            r.report.measured ? r.report.failure.c_str() : "not measured");
        return;
    }
    const std::string time = r.jqSeconds
        ? verdict(r.report.seconds / *r.jqSeconds, timeTarget)
        : "n/a (no jq" + (r.jqFailure.empty() ? std::string() : ": " + r.jqFailure) + ')';
    std::printf("  %-20s time %-22s memory %-18s%s\n", r.label.c_str(), time.c_str(),
        verdict(r.report.peakMb / r.fileMb, memoryTarget).c_str(),
        floorNote(r, memoryTarget).c_str());
}

// Growth linear for one shape's rows: per 1,000 resources, the fixed cost taken off. False
// when the shape has no rows.
bool printGrowth(
    const std::vector<Row> &rows, const char *shape, double fixedSeconds, double fixedMb)
{
    std::vector<const Row *> sized;
    bool any = false;
    for (const Row &r : rows) {
        any |= r.shape == shape;
        if (r.shape == shape && r.report.ok() && r.resources >= 1000)
            sized.push_back(&r);
    }
    if (!any)
        return false;
    std::sort(sized.begin(), sized.end(),
        [](const Row *a, const Row *b) { return a->resources < b->resources; });
    std::printf("Growth linear (%s; per 1,000 resources, the plan of 0 resources' %.3f s and "
                "%.1f MiB taken off):\n",
        shape, fixedSeconds, fixedMb);
    double cheapest = 1e300, dearest = 0;
    int judged = 0;
    for (const Row *r : sized) {
        const double k = r->resources / 1000.0;
        const double ms = 1000.0 * (r->report.seconds - fixedSeconds) / k;
        std::printf("  %8dk: %8.2f ms %8.2f MiB   (raw %.2f ms)\n", r->resources / 1000, ms,
            (r->report.peakMb - fixedMb) / k, 1000.0 * r->report.seconds / k);
        if (r->resources >= GrowthFrom) {
            cheapest = std::min(cheapest, ms);
            dearest = std::max(dearest, ms);
            ++judged;
        }
    }
    if (judged < 2)
        std::printf("  n/a: fewer than two %s sizes of %d and up (--%s-sizes "
                    "1000,10000,100000,1000000)\n",
            shape, GrowthFrom, shape);
    else
        std::printf("  dearest / cheapest per 1k at %d and up: %s (target <= %.1f)\n", GrowthFrom,
            verdict(dearest / std::max(cheapest, 1e-9), GrowthSpread).c_str(), GrowthSpread);
    return true;
}

} // namespace

void measureCli(Row &row, const std::string &file, bool gate, int cpuLimit)
{
    row.report = figures(repeatCli({cliPath(), "report", "--format", "json", file}, cpuLimit));
    if (const Best floor = repeat({floorPath(), file}, true, cpuLimit); floor.ok())
        row.floorMb = floor.peakMb();
    if (gate) // blocking is an answer, not a failure: only a crash or another status fails
        row.gate = figures(repeatCli({cliPath(), "gate", file}, cpuLimit, {0, GateBlocked}));
}

void printCliTable(const std::vector<Row> &rows, const Row &baseline)
{
    std::printf("\n%-20s %8s %8s | %9s %6s %9s %7s %6s | %8s %8s %7s %4s\n", "plan", "file MB",
        "jq s", "report s", "vs jq", "report MB", "vs file", "floor", "gate s", "gate MB",
        "vs file", "exit");
    std::printf("%s\n", std::string(121, '-').c_str());
    std::vector<const Row *> all {&baseline};
    for (const Row &r : rows)
        all.push_back(&r);
    for (const Row *r : all) {
        if (!r->report.measured)
            continue;
        const std::string jq = r->jqSeconds ? fixed(*r->jqSeconds, 3) : "n/a";
        std::printf("%-20s %8.1f %8s | ", r->label.c_str(), r->fileMb, jq.c_str());
        // The plan of 0 resources is the fixed cost: its peak over its few bytes means nothing.
        const auto perFile = [&](double mb) {
            return r == &baseline ? std::string("-") : fixed(mb / r->fileMb, 2);
        };
        if (r->report.ok())
            std::printf("%9.3f %6s %9.1f %7s %6s | ", r->report.seconds,
                r->jqSeconds ? fixed(r->report.seconds / *r->jqSeconds, 2).c_str() : "n/a",
                r->report.peakMb, perFile(r->report.peakMb).c_str(),
                r->floorMb ? perFile(*r->floorMb).c_str() : "n/a");
        else
            std::printf("FAILED: %s | ", r->report.failure.c_str());
        if (!r->gate.measured)
            std::printf("%8s\n", "-");
        else if (r->gate.ok())
            std::printf("%8.3f %8.1f %7s %4d\n", r->gate.seconds, r->gate.peakMb,
                perFile(r->gate.peakMb).c_str(), r->gate.exitStatus);
        else
            std::printf("FAILED: %s\n", r->gate.failure.c_str());
    }
    std::printf(
        "\nreport = `blastguard-cli report --format json FILE`, gate = `blastguard-cli gate "
        "FILE` (exit 3: it blocked),\nstdout to /dev/null, each run its own process: "
        "wall time best of %d (of up to %d while they take under %.0f s in all), peak RSS (MiB) "
        "worst of them.\nvs jq = report time / jq's; vs file = peak RSS / file size; floor = "
        "the peak of bench_floor\n(a Qt program that only reads the file) / file size.\n",
        Runs, MaxRuns, ShortRunsSeconds);
}

void printCliTargets(const std::vector<Row> &rows, const Row &baseline)
{
    std::printf("\nTargets for the cost per resource (report --format json):\n");
    std::printf("1M small or tiny: <= %.1fx jq's time, peak <= %.1fx the file\n", MillionTime,
        MillionMemory);
    bool any = false;
    for (const Row &r : rows)
        if ((r.shape == "small" || r.shape == "tiny") && r.resources == Million) {
            printTarget(r, MillionTime, MillionMemory);
            any = true;
        }
    if (!any)
        std::printf("  not run (--small 1000000, --tiny 1000000)\n");

    std::printf("10k plans of any shape: <= %.1fx jq's time, peak <= %.1fx the file\n", TenKTime,
        TenKMemory);
    any = false;
    for (const Row &r : rows)
        if (r.resources == TenK && r.report.measured) {
            printTarget(r, TenKTime, TenKMemory);
            any = true;
        }
    if (!any)
        std::printf("  not run (--sizes 10000, --small-sizes 10000, --tiny-sizes 10000, "
                    "--duplicates 10000)\n");

    const double fixedSeconds = baseline.report.ok() ? baseline.report.seconds : 0;
    const double fixedMb = baseline.report.ok() ? baseline.report.peakMb : 0;
    bool grown = false;
    for (const char *shape : GrowthShapes)
        grown |= printGrowth(rows, shape, fixedSeconds, fixedMb);
    if (!grown)
        std::printf("Growth linear: n/a, no small or tiny rows (--small-sizes "
                    "1000,10000,100000,1000000, --tiny-sizes 1000,10000,100000,1000000)\n");
}

} // namespace bg::bench
