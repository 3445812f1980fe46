// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_measure FILE: one measured run for bench_load, in a process of its own linked to core
// alone (as blastguard-cli is), so that its peak RSS is what opening the plan costs. Prints one
// line: load and analyse seconds, graph size, the first picture's layout, and the peak RSS.
// bench_measure --estate DIR: reads and links the estate in DIR (readEstate + linkEstate) and
// prints "read S link S stacks N links L skipped K peak KB".
#include "core/estate/estate.h"
#include "core/layout/layout.h"
#include "core/layout/viewgraph.h"
#include "core/loading/loader.h"
#include "core/memory.h"
#include "core/risk/analysis.h"
#include "core/risk/rules.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/resource.h>

namespace {

int measureEstate(const char *dir, const bg::core::RuleSet &rules)
{
    const bg::core::LinkRules &links = bg::core::LinkRules::shipped();
    QElapsedTimer timer;
    timer.start();
    bg::core::EstateOptions options;
    options.roots = {QString::fromLocal8Bit(dir)};
    bg::core::Result<bg::core::Estate> estate = bg::core::readEstate(options);
    const qint64 readNs = timer.nsecsElapsed();
    if (!estate) {
        std::fprintf(stderr, "bench_load: %s\n", qPrintable(estate.error().toString()));
        return 4;
    }
    bg::core::linkEstate(*estate, links, rules);
    const qint64 totalNs = timer.nsecsElapsed();
    struct rusage usage { };
    getrusage(RUSAGE_SELF, &usage);
    std::printf("read %.6f link %.6f stacks %d links %d skipped %d peak %ld\n",
        double(readNs) / 1e9, double(totalNs - readNs) / 1e9, int(estate->stacks.size()),
        int(estate->links.size()), int(estate->skipped.size()), long(usage.ru_maxrss));
    std::fflush(stdout);
    std::_Exit(0); // freeing the estate is not part of the measurement
}

} // namespace

int main(int argc, char **argv)
{
    bg::core::memory::useLargePages(); // first: before anything large is allocated
    const bool estate = argc == 3 && std::strcmp(argv[1], "--estate") == 0;
    if (argc != 2 && !estate) {
        std::fprintf(stderr, "usage: bench_measure FILE | --estate DIR (run by bench_load)\n");
        return 2;
    }
    const char *file = argv[1];
    QCoreApplication app(argc, argv); // ResourceLocator looks next to the executable
    const bg::core::Result<bg::core::RuleSet> rules = bg::core::RuleSet::loadDefault();
    if (!rules) {
        std::fprintf(
            stderr, "bench_load: default rules: %s\n", qPrintable(rules.error().toString()));
        return 3;
    }
    if (estate)
        return measureEstate(argv[2], *rules);
    QElapsedTimer timer;
    timer.start();
    bg::core::Result<bg::core::Document> loaded
        = bg::core::loadDocument(QString::fromLocal8Bit(file));
    const qint64 loadNs = timer.nsecsElapsed();
    struct rusage afterLoad { };
    getrusage(RUSAGE_SELF, &afterLoad);
    if (!loaded.ok()) {
        std::fprintf(stderr, "bench_load: %s\n", qPrintable(loaded.error().toString()));
        return 4;
    }
    const bg::core::Analysis analysis = bg::core::analyse(std::move(loaded.value()), *rules);
    const qint64 totalNs = timer.nsecsElapsed();
    // Peak memory of open -> graph -> blast radius, before the picture adds its own.
    struct rusage usage { };
    getrusage(RUSAGE_SELF, &usage);
    // The first picture: the bounded view the GUI opens on, laid out by Graphviz.
    const bg::core::ViewGraph view = bg::core::buildViewGraph(analysis, {});
    const bg::core::LayoutResult layout = bg::core::layoutGraph(view.request);
    const qint64 pictureNs = timer.nsecsElapsed();
    std::printf(
        "load %.6f analyse %.6f nodes %d edges %lld layout %.6f drawn %d engine %s peak %ld "
        "load-peak %ld\n",
        double(loadNs) / 1e9, double(totalNs - loadNs) / 1e9, analysis.graph().size(),
        static_cast<long long>(analysis.graph().edgeCount()), double(pictureNs - totalNs) / 1e9,
        int(view.request.nodes.size()),
        layout.error.isEmpty() ? qPrintable(layout.engine) : "error", long(usage.ru_maxrss),
        long(afterLoad.ru_maxrss));
    std::fflush(stdout);
    std::_Exit(0); // freeing the analysis is not part of the measurement; skip it
}
