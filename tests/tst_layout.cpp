// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Graphviz layout: coordinates converted right, geometry for every node and edge,
// clusters around their nodes, bounded views of real plans, cancellation, concurrent use,
// and Graphviz's own SVG/DOT with hostile labels.
#include "testutils.h"

#include "core/layout.h"
#include "core/viewgraph.h"

#include <QXmlStreamReader>

#include <thread>

using namespace bg::core;
using namespace bg::tests;

class TestLayout : public QObject {
    Q_OBJECT

private slots:
    void toScene_data();
    void toScene();
    void chain();
    void clustersContainTheirNodes();
    void bigTreeUsesAScalableEngine();
    void cancelledBeforehand();
    void concurrentCalls();
    void renderHostileLabels();
    void incidentView();
};

namespace {

LayoutNode node(const QString &id, QSizeF size)
{
    LayoutNode n;
    n.id = n.label = id;
    n.size = size;
    return n;
}

LayoutRequest chainRequest(int n)
{
    LayoutRequest r;
    for (int i = 0; i < n; ++i)
        r.nodes.push_back(node(QStringLiteral("n%1").arg(i), QSizeF(120, 40)));
    for (int i = 0; i + 1 < n; ++i)
        r.edges.push_back({i, i + 1, false});
    return r;
}

} // namespace

void TestLayout::toScene_data()
{
    QTest::addColumn<QPointF>("point");
    QTest::addColumn<QRectF>("bounds");
    QTest::addColumn<QPointF>("scene");
    // bounds as Graphviz gives them: LL = topLeft() here, UR = bottomRight().
    QTest::newRow("lower left corner") << QPointF(0, 0) << QRectF(0, 0, 100, 50) << QPointF(0, 50);
    QTest::newRow("upper right corner") << QPointF(100, 50) << QRectF(0, 0, 100, 50) << QPointF(100, 0);
    QTest::newRow("centre") << QPointF(50, 25) << QRectF(0, 0, 100, 50) << QPointF(50, 25);
    QTest::newRow("offset bounds") << QPointF(20, 30) << QRectF(10, 10, 100, 50) << QPointF(10, 30);
    QTest::newRow("negative lower left") << QPointF(-5, -5) << QRectF(-10, -20, 40, 40) << QPointF(5, 25);
    QTest::newRow("y flips") << QPointF(0, 10) << QRectF(0, 0, 10, 100) << QPointF(0, 90);
}

void TestLayout::toScene()
{
    QFETCH(QPointF, point);
    QFETCH(QRectF, bounds);
    QFETCH(QPointF, scene);
    QCOMPARE(graphvizToScene(point, bounds), scene);
}

void TestLayout::chain()
{
    LayoutRequest request = chainRequest(3);
    request.engine = QStringLiteral("dot");
    const LayoutResult r = layoutGraph(request);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.engine, QStringLiteral("dot"));
    QCOMPARE(r.nodes.size(), size_t(3));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(r.bounds.adjusted(-1, -1, 1, 1).contains(r.nodes[i]));
        QCOMPARE(r.nodes[i].size(), QSizeF(120, 40)); // fixedsize: exactly what was measured
        for (int j = i + 1; j < 3; ++j)
            QVERIFY(!r.nodes[i].intersects(r.nodes[j]));
    }
    // rankdir LR: what a node depends on is drawn to its right.
    QVERIFY(r.nodes[0].center().x() < r.nodes[1].center().x());
    QVERIFY(r.nodes[1].center().x() < r.nodes[2].center().x());
    QCOMPARE(r.edges.size(), size_t(2));
    for (const LaidOutEdge &e : r.edges) {
        QCOMPARE(e.points.size() % 3, size_t(1));
        QVERIFY(e.points.size() >= 4);
        const QRectF from = r.nodes[e.from].adjusted(-4, -4, 4, 4), to = r.nodes[e.to].adjusted(-12, -12, 12, 12);
        QVERIFY(from.contains(e.points.front()));
        QVERIFY(to.contains(e.hasArrow ? e.arrowTip : e.points.back()));
    }
}

void TestLayout::clustersContainTheirNodes()
{
    LayoutRequest request = chainRequest(4);
    request.clusters = {{QStringLiteral("module.a"), QStringLiteral("module.a"), -1},
                        {QStringLiteral("module.a.module.b"), QStringLiteral("module.a.module.b"), 0}};
    request.nodes[1].cluster = 0;
    request.nodes[2].cluster = 1;
    const LayoutResult r = layoutGraph(request);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.clusters.size(), size_t(2));
    for (const LaidOutCluster &c : r.clusters) {
        for (int i = 0; i < 4; ++i) {
            const int cluster = request.nodes[i].cluster;
            const bool inside = cluster == c.index || (c.index == 0 && cluster == 1);
            if (inside)
                QVERIFY2(c.rect.adjusted(-1, -1, 1, 1).contains(r.nodes[i]), qPrintable(request.nodes[i].id));
        }
    }
}

void TestLayout::bigTreeUsesAScalableEngine()
{
    LayoutRequest request;
    const int n = 2000;
    for (int i = 0; i < n; ++i)
        request.nodes.push_back(node(QString::number(i), QSizeF(80, 30)));
    for (int i = 1; i < n; ++i)
        request.edges.push_back({i, (i - 1) / 3, false});
    QVERIFY(chooseEngine(n, n - 1) != QLatin1String("dot")); // dot is superlinear: never at this size
    const LayoutResult r = layoutGraph(request);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.nodes.size(), size_t(n));
    for (const QRectF &rect : r.nodes)
        QVERIFY(rect.isValid());
}

void TestLayout::cancelledBeforehand()
{
    const std::atomic_bool cancel(true);
    const LayoutResult r = layoutGraph(chainRequest(5), &cancel);
    QVERIFY(r.cancelled);
    QVERIFY(r.nodes.empty());
}

void TestLayout::concurrentCalls()
{
    // cgraph is not thread-safe; layoutGraph serialises every call, so these must all succeed.
    std::vector<LayoutResult> results(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&results, t] { results[t] = layoutGraph(chainRequest(20 + t)); });
    for (auto &thread : threads)
        thread.join();
    for (int t = 0; t < 4; ++t) {
        QVERIFY2(results[t].error.isEmpty(), qPrintable(results[t].error));
        QCOMPARE(int(results[t].nodes.size()), 20 + t);
    }
}

void TestLayout::renderHostileLabels()
{
    LayoutRequest request = chainRequest(2);
    request.nodes[0].label = QStringLiteral("aws_s3_bucket.b[\"a\\\"<b>&é\"]\nDELETE");
    request.nodes[0].fillColor = QStringLiteral("#f4b8a6");
    QString error;
    const QByteArray svg = renderGraph(request, QStringLiteral("svg"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QXmlStreamReader xml(svg);
    QString text;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::Characters)
            text += xml.text();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(text.contains(QStringLiteral("<b>&é")), qPrintable(text));
    const QByteArray dot = renderGraph(request, QStringLiteral("dot"), &error);
    QVERIFY(dot.contains("digraph"));
}

void TestLayout::incidentView()
{
    const Analysis a = analyse(mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
    const ViewGraph view = buildViewGraph(a, {});
    QCOMPARE(view.request.nodes.size(), size_t(38));
    const LayoutResult r = layoutGraph(view.request);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.nodes.size(), view.request.nodes.size());
    QCOMPARE(r.edges.size(), view.request.edges.size());
}

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"
