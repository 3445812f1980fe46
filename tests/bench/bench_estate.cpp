// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench_estate.h"

#include "bench_run.h"
#include "genestate.h"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace bg::bench {

namespace {

constexpr double TimeTarget = 3.0; // Blastguard's read + link / jq's time
constexpr double MemoryTarget = 2.0; // peak RSS / the stack files' total size

struct EstateRow {
    int files = 0;
    double filesMb = 0;
    std::optional<double> jqSeconds, jqMb;
    std::string jqFailure;
    double readSeconds = 1e300, linkSeconds = 0, peakMb = 0;
    int stacks = 0, links = 0, skipped = 0;
    std::string bgFailure;
    double total() const { return readSeconds + linkSeconds; }
};

// Writes the estate from a forked child (the generator's memory never inflates this process);
// the stack files it wrote are listed in DIR.files, one a line.
bool generate(const EstateBenchOptions &o, const std::string &dir, std::vector<std::string> *files)
{
    const pid_t pid = fork();
    if (pid == 0) {
        try {
            const bg::tests::EstateTally tally
                = bg::tests::writeEstate({o.stacks, o.resources, o.seed}, dir);
            std::ofstream list(dir + ".files", std::ios::trunc);
            for (const std::string &file : tally.stackFiles)
                list << dir << '/' << file << '\n';
            list.close();
            _exit(list ? 0 : 1);
        } catch (const std::exception &error) {
            std::fprintf(stderr, "bench_load: %s\n", error.what());
            _exit(1);
        }
    }
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    if (pid <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return false;
    std::ifstream list(dir + ".files");
    for (std::string line; std::getline(list, line);)
        files->push_back(line);
    return !files->empty();
}

void measure(EstateRow &row, const std::string &dir, const std::vector<std::string> &files,
    bool haveJq, int cpuLimit)
{
    std::uintmax_t bytes = 0;
    for (const std::string &f : files)
        bytes += std::filesystem::file_size(f);
    row.files = int(files.size());
    row.filesMb = double(bytes) / (1024.0 * 1024.0);
    if (haveJq) {
        std::vector<std::string> args = {"jq", "-c", "."};
        args.insert(args.end(), files.begin(), files.end());
        const Best jq = repeat(args, false, cpuLimit);
        if (jq.ok()) {
            row.jqSeconds = jq.bestSeconds();
            row.jqMb = jq.peakMb();
        } else {
            row.jqFailure = jq.failure();
        }
    }
    const Best bg = repeat({measurePath(), "--estate", dir}, true, cpuLimit);
    if (!bg.ok()) {
        row.bgFailure = bg.failure();
        return;
    }
    for (const Run &r : bg.runs) {
        double read = 0, link = 0;
        int stacks = 0, links = 0, skipped = 0;
        long peakKb = 0;
        if (std::sscanf(r.output.c_str(),
                "read %lf link %lf stacks %d links %d skipped %d peak %ld", &read, &link, &stacks,
                &links, &skipped, &peakKb)
            != 6) {
            row.bgFailure = "unreadable measurement: " + r.output;
            return;
        }
        if (read + link < row.total()) { // the best run, whole
            row.readSeconds = read;
            row.linkSeconds = link;
        }
        row.stacks = stacks;
        row.links = links;
        row.skipped = skipped;
        row.peakMb = std::max(row.peakMb, double(peakKb) / 1024.0); // the worst run
    }
}

void print(const EstateBenchOptions &o, const EstateRow &r)
{
    const std::string label = std::to_string(o.stacks) + 'x' + std::to_string(o.resources);
    std::printf("\n%-15s %8s %8s %8s | %8s %8s %8s %8s | %10s %9s | %6s %7s\n", "estate",
        "files MB", "jq s", "jq MB", "bg read", "bg link", "bg total", "bg MB", "time ratio",
        "mem ratio", "stacks", "links");
    std::printf("%s\n", std::string(124, '-').c_str());
    const std::string jqS = r.jqSeconds ? fixed(*r.jqSeconds, 3) : "n/a";
    const std::string jqMb = r.jqMb ? fixed(*r.jqMb, 1) : "n/a";
    if (!r.bgFailure.empty()) {
        std::printf("%-15s %8.1f %8s %8s | FAILED: %s\n", label.c_str(), r.filesMb, jqS.c_str(),
            jqMb.c_str(), r.bgFailure.c_str());
        return;
    }
    const std::string timeRatio = r.jqSeconds ? fixed(r.total() / *r.jqSeconds, 2) : "n/a";
    std::printf("%-15s %8.1f %8s %8s | %8.3f %8.3f %8.3f %8.1f | %10s %9.2f | %6d %7d\n",
        label.c_str(), r.filesMb, jqS.c_str(), jqMb.c_str(), r.readSeconds, r.linkSeconds,
        r.total(), r.peakMb, timeRatio.c_str(), r.peakMb / r.filesMb, r.stacks, r.links);
    std::printf("\nestate = a generated estate (tests/tools/genestate.h, seed %llu): %d stacks, %d "
                "managed resources, %d stack files (plus backend files, backups, a malformed and "
                "a non-plan file, which Blastguard names and skips: %d skipped).\n"
                "jq s = wall time of ONE `jq -c . FILE...` process over the %d stack files "
                "(> /dev/null). bg read = readEstate (every file, on up to 4 threads); bg link = "
                "linkEstate; measured inside the child (bench_measure --estate) after loading "
                "the rules.\nTimes: best of %d runs. MB (= MiB): peak RSS (ru_maxrss), worst of "
                "%d runs; mem ratio = bg MB / files MB.\n",
        static_cast<unsigned long long>(o.seed), o.stacks, o.resources, r.files, r.skipped, r.files,
        Runs, Runs);
    std::printf("Targets (issue 15): time ratio <= %.1f: %s; memory ratio <= %.1f: %s\n",
        TimeTarget,
        r.jqSeconds
            ? verdict(r.total() / *r.jqSeconds, TimeTarget).c_str()
            : ("n/a (no jq" + (r.jqFailure.empty() ? "" : ": " + r.jqFailure) + ')').c_str(),
        MemoryTarget, verdict(r.peakMb / r.filesMb, MemoryTarget).c_str());
}

} // namespace

void benchEstate(
    const EstateBenchOptions &options, const std::string &dir, bool keep, bool haveJq, int cpuLimit)
{
    const std::string root = dir + "/estate-" + std::to_string(options.stacks) + 'x'
        + std::to_string(options.resources);
    std::filesystem::remove_all(root);
    std::filesystem::remove(root + ".expected.json");
    std::filesystem::remove(root + ".files");
    const double start = now();
    std::vector<std::string> files;
    EstateRow row;
    if (!generate(options, root, &files)) {
        row.bgFailure = "could not generate " + root;
    } else {
        std::printf("estate %dx%d generated in %.2f s; measuring (%d runs each)...\n",
            options.stacks, options.resources, now() - start, Runs);
        std::fflush(stdout);
        measure(row, root, files, haveJq, cpuLimit);
    }
    print(options, row);
    if (!keep) {
        std::filesystem::remove_all(root);
        std::filesystem::remove(root + ".expected.json");
        std::filesystem::remove(root + ".files");
    }
}

} // namespace bg::bench
