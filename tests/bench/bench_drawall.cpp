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
#include "ui/overviewmap.h"

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

// Moves and repaints of the whole view (the overview in its corner included), `Frames` of
// them, each first panning by `pan` pixels or zooming by `zoom`: the median and the worst, ms.
struct Moving {
    double median = 0;
    double worst = 0;
};

Moving movingFrameMs(ui::GraphView &view, QPointF pan, qreal zoom)
{
    std::vector<double> ms;
    QElapsedTimer timer;
    for (int i = 0; i < Frames; ++i) {
        timer.start();
        if (zoom != 1)
            view.zoomBy(i % 2 ? 1 / zoom : zoom);
        else
            view.centerOn(view.mapToScene(view.viewport()->rect().center())
                + (i % 2 ? -pan : pan) / view.transform().m11());
        const QPixmap frame = view.grab();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
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

int measureFirstScreen(int argc, char **argv, const char *file)
{
    preferOffscreen();
    QApplication app(argc, argv);
    int status = 0;
    const auto analysis = analyseForBench(file, &status);
    if (!analysis)
        return status;
    ui::GraphView graph;
    graph.resize(1366, 560); // the picture's share of a 1366x768 window
    graph.show();
    // From the model to the first screen: the bounded view, its layout, the scene, the fit.
    QElapsedTimer timer;
    timer.start();
    const core::ViewGraph view
        = core::buildViewGraph(*analysis, core::ViewOptions {}, graph.labelMeasure());
    const core::LayoutResult layout = core::layoutGraph(view.request);
    if (!layout.error.isEmpty()) {
        std::fprintf(stderr, "bench_load: %s\n", qPrintable(layout.error));
        return 5;
    }
    graph.showGraph(analysis, view, layout);
    graph.showFirstScreen();
    QPixmap first = graph.grab();
    const double firstSeconds = double(timer.nsecsElapsed()) / 1e9;
    const bool overview = !graph.overview()->isHidden();
    const double scale = graph.transform().m11();
    const Moving panFirst = movingFrameMs(graph, QPointF(120, 80), 1);
    const Moving zoomFirst = movingFrameMs(graph, QPointF(), 1.25);
    graph.setTransform(QTransform());
    graph.centerOn(graph.criticalRect().center());
    const Moving panOne = movingFrameMs(graph, QPointF(120, 80), 1);
    const Moving zoomOne = movingFrameMs(graph, QPointF(), 1.25);
    graph.fit();
    const Moving panFit = movingFrameMs(graph, QPointF(120, 80), 1);
    const Moving zoomFit = movingFrameMs(graph, QPointF(), 1.25);
    std::printf("firstscreen nodes %d first %.3f scale %.3f overview %d",
        int(view.request.nodes.size()), firstSeconds, scale, int(overview));
    for (const auto &[name, m] :
        {std::pair {"pan-first", panFirst}, std::pair {"zoom-first", zoomFirst},
            std::pair {"pan-one", panOne}, std::pair {"zoom-one", zoomOne},
            std::pair {"pan-fit", panFit}, std::pair {"zoom-fit", zoomFit}})
        std::printf(" %s %.2f/%.2f", name, m.median, m.worst);
    std::printf("\n");
    std::fflush(stdout);
    std::_Exit(0);
}

} // namespace bg::bench
