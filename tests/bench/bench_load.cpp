// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_load [--sizes 1000,10000,50000] [--seed 1] [--dir DIR] [--keep] [--destroy-at 10000]
//            [--estate 200x100000|none] [--estate-only]
//            [--shapes small,tiny,duplicates,long-string,awkward,data,modules,calls|none]
//            [--shapes-only]
//            [--small N] [--small-sizes 1000,10000,100000] [--tiny N]
//            [--tiny-sizes 1000,10000,100000] [--duplicates 300000] [--long-string 200000000]
//            [--awkward-sizes 10000,100000] [--data-sizes 10000] [--modules-sizes 10000]
//            [--calls-sizes 10000]
//
// Measures the performance targets (README.md, "Performance") on generated plans
// (tests/tools/genplan.h):
//   time:   open -> graph -> blast radius (loadDocument + analyse) <= 0.5 x `jq -c . FILE`
//   memory: peak RSS of that <= 2 x the file's size
// Every measured run is its own child process (fork + exec + wait4), so its peak RSS is its
// own and not the benchmark's (read inside the child before it draws the first picture); the
// benchmark keeps its own heap small by generating the plans in forked children too. Timings are
// the best of 3 runs, peak RSS the worst of 3. A measurement, not a test: it always exits 0 once it
// has measured, and prints PASS/MISS.
// Every row is measured a second time as a pipeline runs it: `blastguard-cli report --format
// json FILE` (bench_cli.h), against jq's time and the file's size; short ones more than 3 times
// (repeatCli).
// Then the shape rows (tests/tools/genshapes.h): plans of small resources, of tiny ones (a fresh
// for_each set, every entry a create and no prior_state), of repeated addresses, with one
// long string, of the dependencies that were quadratic (awkward), and of data stores destroyed
// with all their attributes (data), of services in modules whose references go through
// variables and outputs (modules), of small module calls that wait for each other (calls),
// measured the same way and with `blastguard-cli gate`.
// Then the estate row (bench_estate.h, issue 15): a generated estate of STACKS stacks and
// RESOURCES resources read and linked, against jq over the same files; --estate-only runs it
// alone.
//
// Hidden: bench_load --measure FILE  loads the default rules (untimed), then times
// loadDocument, analyse, and the first picture (bounded view + Graphviz layout), and prints
// "load S analyse S nodes N edges E layout S drawn N engine NAME peak KB".
// Hidden: bench_load --latency FILE  times the GUI's search and filter (bench_latency.h); run
// for every plan that is not a full destroy. --latency-only measures that alone.
// Hidden: bench_load --draw-all FILE [PNG_PREFIX]  times the view of every resource
// Hidden: bench_load --first-screen FILE  times the GUI's first screen and its frames
// (bench_drawall.h); run for both plans at --destroy-at.
#include "bench_cli.h"
#include "bench_drawall.h"
#include "bench_estate.h"
#include "bench_latency.h"
#include "bench_run.h"
#include "core/layout/layout.h"
#include "core/layout/viewgraph.h"
#include "core/loading/loader.h"
#include "core/risk/analysis.h"
#include "core/risk/rules.h"
#include "genshapes.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace bg::bench;

constexpr double TimeTarget = 0.5; // blastguard time / jq time
constexpr double MemoryTarget = 2.0; // peak RSS / file size

// Writes the plan from a forked child, so the generator's memory never inflates this process
// (a forked child's peak RSS starts from its parent's resident heap).
bool generate(const bg::tests::ShapeOptions &options, const std::string &path)
{
    const pid_t pid = fork();
    if (pid == 0) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        bg::tests::writeShape(options, out);
        out.close();
        _exit(out ? 0 : 1);
    }
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// ---- the benchmark --------------------------------------------------------------------------

void measureRow(Row &row, const std::string &file, bool haveJq, int cpuLimit)
{
    struct stat info { };
    stat(file.c_str(), &info);
    row.fileMb = double(info.st_size) / (1024.0 * 1024.0);
    if (haveJq) {
        const Best jq = repeat({"jq", "-c", ".", file}, false, cpuLimit);
        if (jq.ok()) {
            double best = jq.runs[0].seconds;
            for (const Run &r : jq.runs)
                best = std::min(best, r.seconds);
            row.jqSeconds = best;
            row.jqMb = jq.peakMb();
        } else {
            row.jqFailure = jq.failure();
        }
    }
    const Best bg = repeat({measurePath(), file}, true, cpuLimit);
    if (!bg.ok()) {
        row.bgFailure = bg.failure();
        return;
    }
    row.loadSeconds = row.analyseSeconds = 1e300;
    double bestTotal = 1e300;
    for (const Run &r : bg.runs) {
        double load = 0, analyse = 0, layout = 0;
        int nodes = 0, edges = 0, drawn = 0;
        char engine[16] = {};
        long peakKb = 0;
        if (std::sscanf(r.output.c_str(),
                "load %lf analyse %lf nodes %d edges %d layout %lf drawn %d engine %15s peak %ld",
                &load, &analyse, &nodes, &edges, &layout, &drawn, engine, &peakKb)
            != 8) {
            row.bgFailure = "unreadable measurement: " + r.output;
            return;
        }
        if (load + analyse < bestTotal) { // the best run, whole: its load and analyse go together
            bestTotal = load + analyse;
            row.loadSeconds = load;
            row.analyseSeconds = analyse;
            char text[64];
            std::snprintf(text, sizeof text, "%.3f s (%d nodes, %s)", layout, drawn, engine);
            row.layout = text;
        }
        row.nodes = nodes;
        row.edges = edges;
        row.peakMb = std::max(row.peakMb, double(peakKb) / 1024.0); // worst run, before the picture
    }
}

void printTable(const std::vector<Row> &rows, const Row &baseline, bool haveJq)
{
    std::printf("\n%-20s %8s %8s %8s | %8s %8s %8s %8s | %10s %9s | %7s %10s | %s\n", "plan",
        "file MB", "jq s", "jq MB", "bg load", "bg g+i", "bg total", "bg MB", "time ratio",
        "mem ratio", "nodes", "edges", "layout");
    std::printf("%s\n", std::string(149, '-').c_str());
    for (const Row &r : rows) {
        const std::string jqS = r.jqSeconds ? fixed(*r.jqSeconds, 3) : "n/a";
        const std::string jqMb = r.jqMb ? fixed(*r.jqMb, 1) : "n/a";
        if (!r.bgFailure.empty()) {
            std::printf("%-20s %8.1f %8s %8s | FAILED: %s\n", r.label.c_str(), r.fileMb,
                jqS.c_str(), jqMb.c_str(), r.bgFailure.c_str());
            continue;
        }
        const std::string timeRatio = r.jqSeconds ? fixed(r.total() / *r.jqSeconds, 2) : "n/a";
        std::printf("%-20s %8.1f %8s %8s | %8.3f %8.3f %8.3f %8.1f | %10s %9.2f | %7d %10d | %s\n",
            r.label.c_str(), r.fileMb, jqS.c_str(), jqMb.c_str(), r.loadSeconds, r.analyseSeconds,
            r.total(), r.peakMb, timeRatio.c_str(), r.peakMb / r.fileMb, r.nodes, r.edges,
            r.layout.c_str());
    }
    std::printf("\nbg load = loadDocument; bg g+i = analyse (graph, blast radius, findings); bg "
                "total = both,\n"
                "measured inside the child after loading the default rules. jq s = wall time of "
                "`jq -c . FILE "
                ">/dev/null`.\nTimes: best of %d runs. MB (= MiB): peak RSS (ru_maxrss from "
                "wait4), worst of %d runs.\n",
        Runs, Runs);
    if (baseline.bgFailure.empty())
        std::printf("Fixed cost (a plan of 0 resources, %.3f MB): blastguard %.3f s, peak %.1f MB; "
                    "jq %s s, peak %s MB.\n",
            baseline.fileMb, baseline.total(), baseline.peakMb,
            baseline.jqSeconds ? fixed(*baseline.jqSeconds, 3).c_str() : "n/a",
            baseline.jqMb ? fixed(*baseline.jqMb, 1).c_str() : "n/a");
    if (!haveJq)
        std::printf(
            "jq is not installed: jq columns and the time ratio are n/a (apt-get install jq).\n");

    std::printf("\nTargets (README.md, Performance): time ratio <= %.1f, memory ratio (peak RSS / "
                "file size) <= %.1f\n",
        TimeTarget, MemoryTarget);
    for (const Row &r : rows) {
        if (!r.bgFailure.empty()) {
            std::printf(
                "  %-20s MISS (blastguard failed: %s)\n", r.label.c_str(), r.bgFailure.c_str());
            continue;
        }
        std::string time
            = "n/a (no jq" + (r.jqFailure.empty() ? std::string() : ": " + r.jqFailure) + ')';
        if (r.jqSeconds)
            time = verdict(r.total() / *r.jqSeconds, TimeTarget);
        std::printf("  %-20s time %-22s memory %s\n", r.label.c_str(), time.c_str(),
            verdict(r.peakMb / r.fileMb, MemoryTarget).c_str());
    }

    std::printf("\nGrowth (full-mix plans), blastguard total per 1k resources:");
    for (const Row &r : rows)
        if (r.shape == "mixed" && !r.destroy && r.bgFailure.empty() && r.resources > 0)
            std::printf(
                "  %dk: %.1f ms", r.resources / 1000, 1000.0 * r.total() / (r.resources / 1000.0));
    std::printf("\n");
}

void printLatency(const std::vector<Row> &rows)
{
    std::vector<std::string> names;
    for (const Row &r : rows)
        for (const auto &[name, ms] : r.latency)
            if (name != "drawn" && std::find(names.begin(), names.end(), name) == names.end())
                names.push_back(name);
    if (names.empty() && std::none_of(rows.begin(), rows.end(), [](const Row &r) {
            return !r.latencyFailure.empty();
        }))
        return;
    std::printf("\nSearch and filter latency, ms (GUI pieces on the offscreen platform; target <= "
                "%.0f ms at 10,000 nodes):\n%-15s",
        bg::bench::LatencyTargetMs, "plan");
    for (const std::string &name : names)
        std::printf(" %11s", name.c_str());
    std::printf(" | %6s %s\n", "drawn", "worst search/filter");
    for (const Row &r : rows) {
        if (r.latency.empty() && r.latencyFailure.empty())
            continue;
        std::printf("%-15s", r.label.c_str());
        if (!r.latencyFailure.empty()) {
            std::printf(" FAILED: %s\n", r.latencyFailure.c_str());
            continue;
        }
        double worst = 0, drawn = 0;
        for (const std::string &name : names) {
            const auto it = std::find_if(
                r.latency.begin(), r.latency.end(), [&](const auto &v) { return v.first == name; });
            std::printf(" %11s", it == r.latency.end() ? "n/a" : fixed(it->second, 1).c_str());
            if (it != r.latency.end() && name != "open-table")
                worst = std::max(worst, it->second);
        }
        for (const auto &[name, value] : r.latency)
            if (name == "drawn")
                drawn = value;
        std::printf(" | %6.0f %.1f %s\n", drawn, worst,
            worst <= bg::bench::LatencyTargetMs ? "PASS" : "MISS");
    }
    std::printf("%s", bg::bench::latencyLegend());
}

// Which shape rows to run, at which sizes. A million small resources is not run by default: its
// row alone takes 6.5 minutes on 2 cores (jq 49 s a run), which would take the default run past
// 10 minutes; --small 1000000 or --small-sizes 1000,10000,100000,1000000 runs it. A million tiny
// resources likewise: --tiny 1000000 or --tiny-sizes 1000,10000,100000,1000000.
struct ShapeSettings {
    bool small = true, tiny = true, duplicates = true, longString = true, awkward = true,
         data = true, modules = true, calls = true;
    bool only = false; // --shapes-only: no mixed rows, no estate
    std::vector<int> smallSizes = {1'000, 10'000, 100'000};
    std::vector<int> tinySizes = {1'000, 10'000, 100'000};
    int duplicateEntries = 300'000;
    std::vector<int> awkwardSizes = {10'000, 100'000};
    std::vector<int> dataSizes = {10'000};
    std::vector<int> modulesSizes = {10'000};
    std::vector<int> callsSizes = {10'000};
    std::uint64_t stringBytes = 200'000'000;
};

bool parseShapes(const std::string &text, ShapeSettings *settings)
{
    settings->small = settings->tiny = settings->duplicates = settings->longString = false;
    settings->awkward = settings->data = settings->modules = settings->calls = false;
    if (text == "none")
        return true;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const auto shape = bg::tests::planShapeFromName(item);
        if (shape == bg::tests::PlanShape::Small)
            settings->small = true;
        else if (shape == bg::tests::PlanShape::Tiny)
            settings->tiny = true;
        else if (shape == bg::tests::PlanShape::Duplicates)
            settings->duplicates = true;
        else if (shape == bg::tests::PlanShape::LongString)
            settings->longString = true;
        else if (shape == bg::tests::PlanShape::Awkward)
            settings->awkward = true;
        else if (shape == bg::tests::PlanShape::Data)
            settings->data = true;
        else if (shape == bg::tests::PlanShape::Modules)
            settings->modules = true;
        else if (shape == bg::tests::PlanShape::Calls)
            settings->calls = true;
        else
            return false;
    }
    return true;
}

// The shape rows: like the mixed ones, plus the gate; no latency, no drawing of every node.
void runShapeRows(const ShapeSettings &settings, std::uint64_t seed, const std::string &dir,
    bool keep, bool haveJq, int cpuLimit, std::vector<Row> *rows)
{
    using bg::tests::PlanShape;
    std::vector<bg::tests::ShapeOptions> plans;
    if (settings.small)
        for (int n : settings.smallSizes)
            plans.push_back({PlanShape::Small, n, seed, false, 0});
    if (settings.tiny)
        for (int n : settings.tinySizes)
            plans.push_back({PlanShape::Tiny, n, seed, false, 0});
    if (settings.duplicates)
        plans.push_back({PlanShape::Duplicates, settings.duplicateEntries, seed, false, 0});
    if (settings.longString)
        plans.push_back({PlanShape::LongString, 0, seed, false, settings.stringBytes});
    if (settings.awkward)
        for (int n : settings.awkwardSizes)
            plans.push_back({PlanShape::Awkward, n, seed, false, 0});
    if (settings.data)
        for (int n : settings.dataSizes)
            plans.push_back({PlanShape::Data, n, seed, false, 0});
    if (settings.modules)
        for (int n : settings.modulesSizes)
            plans.push_back({PlanShape::Modules, n, seed, false, 0});
    if (settings.calls)
        for (int n : settings.callsSizes)
            plans.push_back({PlanShape::Calls, n, seed, false, 0});
    for (const bg::tests::ShapeOptions &plan : plans) {
        Row row;
        row.shape = bg::tests::planShapeName(plan.shape);
        const bool longString = plan.shape == PlanShape::LongString;
        row.resources = longString ? bg::tests::LongStringResources : plan.resources;
        const std::string size = longString ? fixed(double(plan.stringBytes) / 1e6, 0) + "MB"
                                            : std::to_string(plan.resources);
        row.label = row.shape + ' ' + size;
        const std::string file = dir + "/plan-" + row.shape + '-' + size + ".json";
        const double start = now();
        if (!generate(plan, file)) {
            row.bgFailure = "could not generate " + file;
            rows->push_back(row);
            continue;
        }
        std::printf("%-20s generated in %.2f s; measuring (%d runs each)...\n", row.label.c_str(),
            now() - start, Runs);
        std::fflush(stdout);
        const double measuring = now();
        measureRow(row, file, haveJq, cpuLimit);
        measureCli(row, file, true, cpuLimit);
        std::printf("%-20s measured in %.0f s\n", row.label.c_str(), now() - measuring);
        rows->push_back(row);
        if (!keep)
            std::filesystem::remove(file);
    }
}

std::vector<int> parseSizes(const std::string &text)
{
    std::vector<int> sizes;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty())
            sizes.push_back(std::stoi(item));
    return sizes;
}

int usage(const char *why)
{
    std::fprintf(stderr,
        "bench_load: %s\nusage: bench_load [--sizes 1000,10000,50000] [--seed 1] [--dir DIR] "
        "[--keep] "
        "[--destroy-at 10000] [--cpu-limit SECONDS] [--latency-only] "
        "[--estate 200x100000|none] [--estate-only] "
        "[--shapes small,tiny,duplicates,long-string,awkward,data,modules,calls|none] "
        "[--shapes-only] "
        "[--small N] [--small-sizes 1000,10000,100000] [--tiny N] [--tiny-sizes 1000,10000,100000] "
        "[--duplicates 300000] [--long-string 200000000] [--awkward-sizes 10000,100000] "
        "[--data-sizes 10000] [--modules-sizes 10000] [--calls-sizes 10000]\n",
        why);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--latency") == 0)
        return bg::bench::measureLatency(argc, argv, argv[2]);
    if (argc == 3 && std::strcmp(argv[1], "--first-screen") == 0)
        return bg::bench::measureFirstScreen(argc, argv, argv[2]);
    if ((argc == 3 || argc == 4) && std::strcmp(argv[1], "--draw-all") == 0)
        return bg::bench::measureDrawAll(argc, argv, argv[2], argc == 4 ? argv[3] : nullptr);

    std::vector<int> sizes = {1000, 10000, 50000};
    std::uint64_t seed = 1;
    std::string dir;
    bool keep = false;
    int destroyAt = 10000;
    int cpuLimit = 1800;
    bool latencyOnly = false;
    bool estateOnly = false;
    std::optional<bg::bench::EstateBenchOptions> estate = bg::bench::EstateBenchOptions {};
    ShapeSettings shapes;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            const bool more = i + 1 < argc;
            if (arg == "--sizes" && more)
                sizes = parseSizes(argv[++i]);
            else if (arg == "--seed" && more)
                seed = std::stoull(argv[++i]);
            else if (arg == "--dir" && more)
                dir = argv[++i];
            else if (arg == "--keep")
                keep = true;
            else if (arg == "--destroy-at" && more)
                destroyAt = std::stoi(argv[++i]);
            else if (arg == "--cpu-limit" && more)
                cpuLimit = std::stoi(argv[++i]);
            else if (arg == "--latency-only")
                latencyOnly = true;
            else if (arg == "--estate-only")
                estateOnly = true;
            else if (arg == "--shapes" && more) {
                if (!parseShapes(argv[++i], &shapes))
                    return usage(
                        "--shapes takes small,tiny,duplicates,long-string,awkward,data,modules,"
                        "calls or none");
            } else if (arg == "--shapes-only")
                shapes.only = true;
            else if (arg == "--small" && more)
                shapes.smallSizes = {std::stoi(argv[++i])};
            else if (arg == "--small-sizes" && more)
                shapes.smallSizes = parseSizes(argv[++i]);
            else if (arg == "--tiny" && more)
                shapes.tinySizes = {std::stoi(argv[++i])};
            else if (arg == "--tiny-sizes" && more)
                shapes.tinySizes = parseSizes(argv[++i]);
            else if (arg == "--duplicates" && more)
                shapes.duplicateEntries = std::stoi(argv[++i]);
            else if (arg == "--awkward-sizes" && more)
                shapes.awkwardSizes = parseSizes(argv[++i]);
            else if (arg == "--data-sizes" && more)
                shapes.dataSizes = parseSizes(argv[++i]);
            else if (arg == "--modules-sizes" && more)
                shapes.modulesSizes = parseSizes(argv[++i]);
            else if (arg == "--calls-sizes" && more)
                shapes.callsSizes = parseSizes(argv[++i]);
            else if (arg == "--long-string" && more)
                shapes.stringBytes = std::stoull(argv[++i]);
            else if (arg == "--estate" && more) {
                const std::string value = argv[++i];
                const size_t x = value.find('x');
                if (value == "none")
                    estate.reset();
                else if (x == std::string::npos)
                    return usage("--estate takes STACKSxRESOURCES or none");
                else
                    estate = bg::bench::EstateBenchOptions {
                        std::stoi(value.substr(0, x)), std::stoi(value.substr(x + 1)), 1};
            } else
                return usage(("unknown argument " + arg).c_str());
        }
    } catch (const std::exception &) {
        return usage("a number was expected");
    }
    if (sizes.empty() && !estateOnly && !shapes.only)
        return usage("--sizes is empty");
    if (shapes.only)
        sizes.clear();
    if (estateOnly && !estate)
        return usage("--estate-only with --estate none measures nothing");
    if (estateOnly)
        sizes.clear();
    if (estate)
        estate->seed = seed;

    const bool ownDir = dir.empty();
    if (ownDir) {
        char pattern[] = "/tmp/bench_load.XXXXXX";
        if (!mkdtemp(pattern))
            return usage("cannot create a temporary directory");
        dir = pattern;
    } else {
        std::filesystem::create_directories(dir);
    }

    const bool haveJq = runChild({"jq", "--version"}, true, 10).ok;
    std::printf("bench_load: seed %llu, files in %s%s\n", static_cast<unsigned long long>(seed),
        dir.c_str(), keep ? " (kept)" : "");
    std::printf("jq: %s\n",
        haveJq ? runChild({"jq", "--version"}, true, 10).output.c_str()
               : "NOT FOUND - jq timings and time ratios will be n/a\n");

    using bg::tests::PlanShape;
    Row baseline; // what any plan costs: Qt, the rules, process start
    baseline.label = "0 resources";
    const std::string empty = dir + "/plan-0.json";
    if (latencyOnly || estateOnly)
        baseline.bgFailure
            = latencyOnly ? "not measured (--latency-only)" : "not measured (--estate-only)";
    else if (generate({PlanShape::Mixed, 0, seed, false}, empty)) {
        measureRow(baseline, empty, haveJq, cpuLimit);
        measureCli(baseline, empty, false, cpuLimit);
    } else
        baseline.bgFailure = "could not generate " + empty;
    if (!keep)
        std::filesystem::remove(empty);

    std::vector<Row> rows;
    for (int n : sizes) {
        for (bool destroy : {false, true}) {
            if (destroy && (n != destroyAt || latencyOnly))
                continue;
            Row row;
            row.resources = n;
            row.destroy = destroy;
            row.label = std::to_string(n) + (destroy ? " destroy" : "");
            const std::string file
                = dir + "/plan-" + std::to_string(n) + (destroy ? "-destroy" : "") + ".json";
            const double start = now();
            if (!generate({PlanShape::Mixed, n, seed, destroy}, file)) {
                row.bgFailure = "could not generate " + file;
                rows.push_back(row);
                continue;
            }
            std::printf("%-20s generated in %.2f s; measuring (%d runs each)...\n",
                row.label.c_str(), now() - start, Runs);
            std::fflush(stdout);
            if (!latencyOnly) {
                measureRow(row, file, haveJq, cpuLimit);
                measureCli(row, file, false, cpuLimit);
            }
            if (!destroy) {
                const Run latency = runChild({selfPath(), "--latency", file}, true, cpuLimit);
                row.latency = bg::bench::parseLatency(latency.output);
                if (!latency.ok)
                    row.latencyFailure = latency.failure;
            }
            if (n == destroyAt && !latencyOnly) { // the opt-in view of every resource, once
                const Run all = runChild({selfPath(), "--draw-all", file}, true, cpuLimit);
                std::printf("%-20s draw every resource: %s", row.label.c_str(),
                    all.ok ? all.output.c_str() : ("FAILED: " + all.failure + "\n").c_str());
            }
            rows.push_back(row);
            if (!keep)
                std::filesystem::remove(file);
        }
    }
    if (!latencyOnly && !estateOnly)
        runShapeRows(shapes, seed, dir, keep, haveJq, cpuLimit, &rows);
    if (!latencyOnly && !estateOnly)
        printTable(rows, baseline, haveJq);
    printLatency(rows);
    if (!latencyOnly && !estateOnly) {
        printCliTable(rows, baseline);
        printCliTargets(rows, baseline);
    }
    if (estate && !latencyOnly && !shapes.only)
        bg::bench::benchEstate(*estate, dir, keep, haveJq, cpuLimit);
    rusage self {};
    getrusage(RUSAGE_SELF, &self);
    std::printf(
        "(children forked from a %.1f MB benchmark process)\n", double(self.ru_maxrss) / 1024.0);
    if (ownDir && !keep)
        std::filesystem::remove_all(dir);
    return 0;
}
