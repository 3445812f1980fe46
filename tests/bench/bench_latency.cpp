// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench_latency.h"

#include "benchutils.h"
#include "core/layout/layout.h"
#include "core/layout/viewgraph.h"
#include "core/loading/loader.h"
#include "core/risk/analysis.h"
#include "core/risk/rules.h"
#include "ui/graphview.h"
#include "ui/resourcemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QTableView>
#include <cstdio>
#include <functional>
#include <sstream>

namespace bg::bench {

namespace {

constexpr int Repeats = 5;

// The worst of `Repeats` runs of apply-then-undo, each half timed with the repaint after it.
double worstMs(const std::function<void()> &apply, const std::function<void()> &undo)
{
    double worst = 0;
    QElapsedTimer timer;
    for (int i = 0; i < Repeats; ++i) {
        for (const auto *step : {&apply, &undo}) {
            if (!*step)
                continue;
            timer.start();
            (*step)();
            QCoreApplication::processEvents();
            worst = std::max(worst, double(timer.nsecsElapsed()) / 1e6);
        }
    }
    return worst;
}

void print(const char *name, double ms)
{
    std::printf("latency %s %.2f\n", name, ms);
}

// A module a user would look for: the first module instance of a resource in the middle.
QString moduleQuery(const core::Analysis &a)
{
    if (a.document().resources.empty())
        return QStringLiteral("module.");
    const QString module
        = a.document().resources[a.document().resources.size() / 2].address.moduleString();
    const qsizetype end = module.indexOf(QLatin1Char(']'));
    return end > 0 ? module.left(end + 1) : module;
}

} // namespace

int measureLatency(int argc, char **argv, const char *file)
{
    preferOffscreen();
    QApplication app(argc, argv);
    int status = 0;
    const auto analysis = analyseForBench(file, &status);
    if (!analysis)
        return status;

    // The table as the main window sets it up: sorted, critical rows first.
    ui::ResourceModel model;
    ui::ResourceFilterProxy proxy;
    proxy.setSourceModel(&model);
    QTableView table;
    table.setModel(&proxy);
    table.setSortingEnabled(true);
    table.sortByColumn(ui::ResourceModel::CriticalColumn, Qt::AscendingOrder);
    table.horizontalHeader()->setStretchLastSection(true);
    table.resize(1200, 500);
    table.show();
    QElapsedTimer timer;
    timer.start();
    model.setAnalysis(analysis);
    QCoreApplication::processEvents();
    print("open-table", double(timer.nsecsElapsed()) / 1e6);

    // The graph view on the first picture, as the GUI opens a plan.
    const core::ViewGraph view = core::buildViewGraph(*analysis, {});
    const core::LayoutResult layout = core::layoutGraph(view.request);
    ui::GraphView graph;
    graph.resize(1000, 700);
    graph.show();
    graph.showGraph(analysis, view, layout);
    QCoreApplication::processEvents();
    std::printf("latency-drawn %d\n", int(view.request.nodes.size()));

    const QStringList queries = {moduleQuery(*analysis), QStringLiteral("aws_db_instance"),
        QStringLiteral("zz-no-such-address")};
    const char *const textNames[] = {"text-module", "text-type", "text-none"};
    for (int q = 0; q < 3; ++q)
        print(
            textNames[q], worstMs([&] { proxy.setText(queries[q]); }, [&] { proxy.setText({}); }));
    print("action",
        worstMs([&] { proxy.setActionFilter(core::Action::Delete); },
            [&] { proxy.setActionFilter(std::nullopt); }));
    print("critical",
        worstMs([&] { proxy.setCriticalOnly(true); }, [&] { proxy.setCriticalOnly(false); }));
    double graphWorst = 0;
    for (const QString &q : queries)
        graphWorst
            = std::max(graphWorst, worstMs([&] { graph.search(q); }, [&] { graph.search({}); }));
    print("graph", graphWorst);
    // What MainWindow::onSearch does per keystroke: filter the table and search the graph.
    const QString typed = QStringLiteral("aws_security_group");
    double keystroke = 0;
    for (int i = 0; i < Repeats; ++i) {
        for (qsizetype n : {1, 2, 3, 4, 8, 12, 18, 12, 4, 3, 2, 1, 0}) { // type, then erase
            timer.start();
            proxy.setText(typed.left(n));
            graph.search(typed.left(n));
            QCoreApplication::processEvents();
            keystroke = std::max(keystroke, double(timer.nsecsElapsed()) / 1e6);
        }
    }
    print("keystroke", keystroke);
    // The graph search's core over every node, as if all were drawn: an upper bound.
    double allIds = 0;
    volatile int matches = 0; // keeps the loop from being optimised away
    for (const QString &q : queries) {
        allIds = std::max(allIds,
            worstMs(
                [&] {
                    int found = 0;
                    for (const core::Resource &r : analysis->document().resources)
                        found += int(r.id.contains(q, Qt::CaseInsensitive));
                    matches = found;
                },
                {}));
    }
    print("all-ids", allIds);
    std::fflush(stdout);
    std::_Exit(0); // tearing the widgets down is not part of the measurement
}

std::vector<std::pair<std::string, double>> parseLatency(const std::string &output)
{
    std::vector<std::pair<std::string, double>> values;
    std::istringstream in(output);
    std::string word, name;
    double ms = 0;
    while (in >> word) {
        if (word == "latency" && in >> name >> ms)
            values.emplace_back(name, ms);
        else if (word == "latency-drawn" && in >> ms)
            values.emplace_back("drawn", ms);
    }
    return values;
}

const char *latencyLegend()
{
    return "open-table = ResourceModel::setAnalysis with the sorted table repainted (opening, "
           "not a search);\n"
           "text-module/-type/-none = ResourceFilterProxy::setText with a module instance, a "
           "type, an address that\nmatches nothing, then cleared; action = delete only, then "
           "all; critical = critical only, then all;\n"
           "graph = GraphView::search on the first picture (drawn nodes); keystroke = what "
           "MainWindow::onSearch does\nfor one change of the search text (table filter + graph "
           "search + repaint), typing and erasing\n\"aws_security_group\" (1, 2, 3, 4, 8, 12, 18 "
           "characters and back to none);\n"
           "all-ids = the graph search's test over every node's address, as if all were drawn "
           "(an upper bound).\nEach figure: the worst of 5 runs (of applying and of undoing), "
           "in ms, with the repaint.\n";
}

} // namespace bg::bench
