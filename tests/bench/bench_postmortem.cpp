// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The postmortem's cost: `blastguard-cli postmortem PLAN --cloudtrail FILE --format json` on a
// generated CloudTrail file (gencloudtrail.h) of N records, against `jq -c . FILE` on the same
// file in the same run (issue 19: a million events read within jq's time), in the three forms
// CloudTrail's records come in: {"Records": [...]}, one record a line, and gzip (jq's time is
// that of the plain file). Each its own process; time best of 3, peak RSS worst of 3.
//
//   bench_postmortem [--records 1000000,100000] [--keep]
#include "bench_run.h"
#include "gencloudtrail.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace bg::bench;

namespace {

constexpr double TimeTarget = 1.0; // postmortem time / jq's
constexpr int CpuLimit = 600;

std::vector<long long> numbers(const std::string &list)
{
    std::vector<long long> out;
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');)
        out.push_back(std::atoll(item.c_str()));
    return out;
}

std::string write(const std::string &path, long long records, bool lines)
{
    std::ofstream out(path, std::ios::binary);
    bg::tests::writeCloudTrail(out, {records, lines, 10, 1});
    return path;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<long long> sizes {1000000, 100000};
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--records" && i + 1 < argc)
            sizes = numbers(argv[++i]);
        else if (arg == "--keep")
            keep = true;
        else {
            std::fprintf(stderr, "usage: bench_postmortem [--records 1000000,100000] [--keep]\n");
            return 1;
        }
    }
    char pattern[] = "/tmp/bench_postmortem.XXXXXX";
    if (!mkdtemp(pattern)) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::string dir = pattern;
    const std::string plan = BG_INCIDENT_PLAN;
    std::printf(
        "blastguard-cli postmortem PLAN --cloudtrail FILE --format json (plan: the incident's, "
        "38 resources) against jq -c . FILE; wall time best of %d, peak RSS (MiB) worst of "
        "%d.\n\n",
        Runs, Runs);
    std::printf("%-26s %9s %8s %8s | %10s %7s %12s\n", "records", "file MB", "jq s", "jq MB",
        "postmortem s", "vs jq", "postmortem MB");
    for (const long long n : sizes) {
        const std::string records = write(dir + "/records.json", n, false);
        const std::string lines = write(dir + "/lines.jsonl", n, true);
        const std::string packed = dir + "/records.json.gz";
        if (std::system(("gzip -1 -c " + records + " > " + packed).c_str()) != 0)
            std::fprintf(stderr, "gzip failed; the .gz row is skipped\n");
        const Best jq = repeat({"jq", "-c", ".", records}, false, CpuLimit);
        const double jqSeconds = jq.ok() ? jq.bestSeconds() : 0;
        for (const auto &[label, file] : {std::pair {"{\"Records\":[...]}", records},
                 std::pair {"one a line", lines}, std::pair {".json.gz", packed}}) {
            if (!std::filesystem::exists(file))
                continue;
            const Best run = repeatCli(
                {cliPath(), "postmortem", plan, "--cloudtrail", file, "--format", "json"},
                CpuLimit);
            const double mb = double(std::filesystem::file_size(file)) / (1 << 20);
            const std::string name = std::to_string(n) + " " + label;
            if (!run.ok()) {
                std::printf("%-26s failed: %s\n", name.c_str(), run.failure().c_str());
                continue;
            }
            std::printf("%-26s %9.1f %8s %8.0f | %10s %7s %12.0f\n", name.c_str(), mb,
                jq.ok() ? fixed(jqSeconds, 2).c_str() : "n/a", jq.ok() ? jq.peakMb() : 0.0,
                fixed(run.bestSeconds(), 2).c_str(),
                jq.ok() ? verdict(run.bestSeconds() / jqSeconds, TimeTarget).c_str() : "n/a",
                run.peakMb());
        }
    }
    std::printf("\nTarget (issue 19): a million events read within jq's time on the same file (vs "
                "jq <= %.1f).\n",
        TimeTarget);
    if (!keep)
        std::filesystem::remove_all(dir);
    else
        std::printf("Files kept in %s\n", dir.c_str());
    return 0;
}
