// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench_drawall.h"

#include "benchutils.h"
#include "core/layout/layout.h"
#include "core/layout/viewgraph.h"
#include "core/loading/loader.h"
#include "core/risk/analysis.h"
#include "core/risk/rules.h"
#include "ui/graphview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QPixmap>
#include <algorithm>
#include <cstdio>

namespace bg::bench {

namespace {

constexpr int Frames = 10;

// The best of `Frames` full repaints of the viewport, in ms; the last one is kept in *last.
double frameMs(ui::GraphView &view, QPixmap *last)
{
    double best = 1e300;
    QElapsedTimer timer;
    for (int i = 0; i < Frames; ++i) {
        timer.start();
        *last = view.viewport()->grab();
        best = std::min(best, double(timer.nsecsElapsed()) / 1e6);
    }
    return best;
}

// Pairs of laid-out nodes whose boxes overlap by more than a point: a sweep over x.
int overlaps(const std::vector<QRectF> &nodes)
{
    std::vector<QRectF> byLeft = nodes;
    std::sort(byLeft.begin(), byLeft.end(),
        [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
    int count = 0;
    for (size_t i = 0; i < byLeft.size(); ++i) {
        const QRectF a = byLeft[i].adjusted(1, 1, -1, -1);
        for (size_t j = i + 1; j < byLeft.size() && byLeft[j].left() < a.right(); ++j)
            count += a.intersects(byLeft[j]);
    }
    return count;
}

} // namespace

int measureDrawAll(int argc, char **argv, const char *file, const char *pngPrefix)
{
    preferOffscreen();
    QApplication app(argc, argv);
    int status = 0;
    const auto analysis = analyseForBench(file, &status);
    if (!analysis)
        return status;

    ui::GraphView graph;
    graph.resize(1000, 700);
    graph.show();
    core::ViewOptions options;
    options.maxNodes = core::ViewOptions::EveryNode;
    QElapsedTimer timer;
    timer.start();
    const core::ViewGraph view = core::buildViewGraph(*analysis, options, graph.labelMeasure());
    const double viewSeconds = double(timer.nsecsElapsed()) / 1e9;
    const core::LayoutResult layout = core::layoutGraph(view.request);
    if (!layout.error.isEmpty()) {
        std::fprintf(stderr, "bench_load: %s\n", qPrintable(layout.error));
        return 5;
    }
    timer.start();
    graph.showGraph(analysis, view, layout);
    graph.fit();
    QCoreApplication::processEvents();
    const double showSeconds = double(timer.nsecsElapsed()) / 1e9;

    QPixmap fitFrame, oneFrame, unused;
    const double fitScale = graph.transform().m11();
    const double fitMs = frameMs(graph, &fitFrame);
    const QPointF centre = graph.sceneRect().center();
    graph.setTransform(QTransform::fromScale(0.5, 0.5));
    graph.centerOn(centre);
    const double halfMs = frameMs(graph, &unused);
    graph.setTransform(QTransform());
    graph.centerOn(centre);
    const double oneMs = frameMs(graph, &oneFrame);
    std::printf("drawall view %.3f nodes %d edges %d layout %.3f engine %s show %.3f fit-scale "
                "%.4f frame-fit %.2f frame-half %.2f frame-one %.2f overlaps %d bounds %.0fx%.0f\n",
        viewSeconds, int(view.request.nodes.size()), int(view.request.edges.size()), layout.seconds,
        qPrintable(layout.engine), showSeconds, fitScale, fitMs, halfMs, oneMs,
        overlaps(layout.nodes), layout.bounds.width(), layout.bounds.height());
    for (const QString &note : view.notes)
        std::printf("drawall-note %s\n", qPrintable(note));
    if (pngPrefix) {
        fitFrame.save(QString::fromLocal8Bit(pngPrefix) + QStringLiteral("-fit.png"));
        oneFrame.save(QString::fromLocal8Bit(pngPrefix) + QStringLiteral("-one.png"));
    }
    std::fflush(stdout);
    std::_Exit(0); // tearing the scene down is not part of the measurement
}

} // namespace bg::bench
