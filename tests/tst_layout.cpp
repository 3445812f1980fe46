// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Graphviz layout: coordinate maths, geometry of small graphs, engine choice, cancelling,
// the one-mutex contract under concurrent callers, and Graphviz's own SVG/DOT rendering.
#include "core/layout/layout.h"
#include "core/layout/layoutblocks_p.h"
#include "core/layout/viewgraph.h"
#include "testutils.h"

#include <QHash>
#include <QLineF>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <random>
#include <thread>

using namespace bg::core;

namespace {

LayoutNode box(const QString &id, QSizeF size = {120, 40}, int cluster = -1)
{
    LayoutNode node;
    node.id = id;
    node.label = id;
    node.size = size;
    node.cluster = cluster;
    return node;
}

// a -> b -> c: a depends on b, b on c.
LayoutRequest chain()
{
    LayoutRequest r;
    r.engine = QStringLiteral("dot");
    for (const char *id : {"a", "b", "c"})
        r.nodes.push_back(box(QString::fromLatin1(id)));
    r.edges = {{0, 1, false}, {1, 2, true}};
    return r;
}

LayoutRequest randomTree(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    LayoutRequest r;
    for (int i = 0; i < n; ++i)
        r.nodes.push_back(box(QStringLiteral("n%1").arg(i), QSizeF(60 + rng() % 140, 40)));
    for (int i = 1; i < n; ++i)
        r.edges.push_back({i, int(rng() % unsigned(i)), false, false});
    return r;
}

// Distance from p to the outline of rect (zero on it).
double distanceToOutline(const QRectF &rect, const QPointF &p)
{
    const double dx = std::max({rect.left() - p.x(), 0.0, p.x() - rect.right()});
    const double dy = std::max({rect.top() - p.y(), 0.0, p.y() - rect.bottom()});
    if (dx > 0 || dy > 0)
        return std::hypot(dx, dy);
    return std::min(
        {p.x() - rect.left(), rect.right() - p.x(), p.y() - rect.top(), rect.bottom() - p.y()});
}

bool contains(const QRectF &outer, const QRectF &inner)
{
    return outer.adjusted(-0.5, -0.5, 0.5, 0.5).contains(inner);
}

} // namespace

class TestLayout : public QObject {
    Q_OBJECT

private slots:
    void graphvizToScene_data()
    {
        QTest::addColumn<QPointF>("point");
        QTest::addColumn<QRectF>("bounds"); // Graphviz's bb: from LL to UR
        QTest::addColumn<QPointF>("expected");
        const QRectF bb(QPointF(0, 0), QPointF(100, 50));
        const QRectF negative(QPointF(-20, -10), QPointF(80, 40));
        QTest::newRow("origin is the bottom-left") << QPointF(0, 0) << bb << QPointF(0, 50);
        QTest::newRow("upper-right corner") << QPointF(100, 50) << bb << QPointF(100, 0);
        QTest::newRow("upper-left corner") << QPointF(0, 50) << bb << QPointF(0, 0);
        QTest::newRow("lower-right corner") << QPointF(100, 0) << bb << QPointF(100, 50);
        QTest::newRow("y flip inside") << QPointF(30, 15) << bb << QPointF(30, 35);
        QTest::newRow("negative LL") << QPointF(-20, -10) << negative << QPointF(0, 50);
        QTest::newRow("negative LL, UR") << QPointF(80, 40) << negative << QPointF(100, 0);
        QTest::newRow("negative LL, zero") << QPointF(0, 0) << negative << QPointF(20, 40);
        QTest::newRow("outside the bounds") << QPointF(110, 60) << bb << QPointF(110, -10);
    }
    void graphvizToScene()
    {
        QFETCH(QPointF, point);
        QFETCH(QRectF, bounds);
        QFETCH(QPointF, expected);
        QCOMPARE(bg::core::graphvizToScene(point, bounds), expected);
    }

    void chooseEngine_data()
    {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("edges");
        QTest::addColumn<QString>("engine");
        QTest::newRow("empty") << 0 << 0 << QStringLiteral("dot");
        QTest::newRow("incident-sized, dense") << 38 << 164 << QStringLiteral("dot");
        QTest::newRow("1,000-node tree") << 1000 << 999 << QStringLiteral("dot");
        QTest::newRow("1,001 nodes") << 1001 << 1000 << QStringLiteral("sfdp");
        QTest::newRow("300 nodes, 900 edges") << 300 << 900 << QStringLiteral("sfdp");
        QTest::newRow("small but very dense") << 100 << 900 << QStringLiteral("sfdp");
        QTest::newRow("2,000-node tree") << 2000 << 1999 << QStringLiteral("sfdp");
    }
    void chooseEngine()
    {
        QFETCH(int, nodes);
        QFETCH(int, edges);
        QFETCH(QString, engine);
        QCOMPARE(bg::core::chooseEngine(nodes, edges), engine);
    }

    void chainWithDot()
    {
        LayoutRequest request = chain();
        request.edges.push_back({0, 7, false, false}); // a bad index is skipped, not a crash
        const LayoutResult r = layoutGraph(request);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.engine, QStringLiteral("dot"));
        QVERIFY(!r.cancelled);
        QCOMPARE(r.nodes.size(), size_t(3));
        QCOMPARE(r.edges.size(), size_t(2));
        QVERIFY(r.bounds.isValid());
        QCOMPARE(r.bounds.topLeft(), QPointF(0, 0));
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(r.nodes[i].size(), QSizeF(120, 40)); // fixed size, as Qt measured it
            QVERIFY(contains(r.bounds, r.nodes[i]));
            for (size_t j = i + 1; j < 3; ++j)
                QVERIFY(!r.nodes[i].intersects(r.nodes[j]));
        }
        // rankdir LR: what a node depends on is drawn to its right.
        QVERIFY(r.nodes[0].center().x() < r.nodes[1].center().x());
        QVERIFY(r.nodes[1].center().x() < r.nodes[2].center().x());
        for (const LaidOutEdge &e : r.edges) {
            QCOMPARE(e.points.size() % 3, size_t(1));
            QVERIFY(e.points.size() >= 4);
            const QRectF &from = r.nodes[e.from], &to = r.nodes[e.to];
            QVERIFY2(distanceToOutline(from, e.points.front()) < 2,
                "the edge starts at its tail's boundary");
            QVERIFY(e.hasArrow);
            QVERIFY2(
                distanceToOutline(to, e.arrowTip) < 2, "the arrow points at its head's boundary");
            QVERIFY(QLineF(e.points.back(), e.arrowTip).length() < 15);
            for (const QPointF &p : e.points)
                QVERIFY(r.bounds.adjusted(-1, -1, 1, 1).contains(p));
        }
        QCOMPARE(r.edges[0].from, 0);
        QCOMPARE(r.edges[1].to, 2);
    }

    void rankdirTopToBottom()
    {
        LayoutRequest request = chain();
        request.rankdir = QStringLiteral("TB");
        const LayoutResult r = layoutGraph(request);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QVERIFY(r.nodes[0].center().y() < r.nodes[1].center().y());
        QVERIFY(r.nodes[1].center().y() < r.nodes[2].center().y());
    }

    void clustersContainTheirNodes_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("dot lays clusters out") << QStringLiteral("dot");
        QTest::newRow("sfdp: the members' cover") << QStringLiteral("sfdp");
    }
    void clustersContainTheirNodes()
    {
        QFETCH(QString, engine);
        LayoutRequest request;
        request.engine = engine;
        request.clusters = {{QStringLiteral("module.net"), QStringLiteral("module.net"), -1},
            {QStringLiteral("module.net.module.sub"), QStringLiteral("module.net.module.sub"), 0},
            {QStringLiteral("module.db"), QStringLiteral("module.db"), -1}};
        request.nodes = {box(QStringLiteral("vpc"), {120, 40}, 0),
            box(QStringLiteral("subnet"), {120, 40}, 1), box(QStringLiteral("route"), {90, 40}, 1),
            box(QStringLiteral("db"), {100, 50}, 2), box(QStringLiteral("app"))};
        request.nodes[3].shape = NodeShape::Database;
        request.edges = {{1, 0, false}, {2, 1, false}, {3, 1, false}, {4, 3, true}};
        const LayoutResult r = layoutGraph(request);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.clusters.size(), size_t(3));
        for (size_t c = 0; c < 3; ++c) {
            QCOMPARE(r.clusters[c].index, int(c));
            QVERIFY(!r.clusters[c].rect.isEmpty());
        }
        const auto rect = [&](int c) {
            return r.clusters[size_t(c)].rect;
        };
        QVERIFY(contains(rect(0), r.nodes[0]));
        QVERIFY(contains(rect(1), r.nodes[1]));
        QVERIFY(contains(rect(1), r.nodes[2]));
        QVERIFY(contains(rect(0), rect(1))); // nested
        QVERIFY(contains(rect(2), r.nodes[3]));
        if (engine == QLatin1String("dot")) {
            QVERIFY(!rect(0).intersects(rect(2)));
            QVERIFY(!rect(0).contains(r.nodes[4]));
            QVERIFY(contains(r.bounds, rect(0)));
        }
    }

    // dot puts the parts of a graph that nothing joins one under another; they are moved into
    // columns (layoutpack.cpp), each still drawn as dot drew it.
    void disconnectedPartsInColumns()
    {
        LayoutRequest request;
        request.engine = QStringLiteral("dot");
        request.clusters = {{QStringLiteral("module.a"), QStringLiteral("module.a"), -1},
            {QStringLiteral("module.a.module.b"), QStringLiteral("module.a.module.b"), 0},
            {QStringLiteral("module.c"), QStringLiteral("module.c"), -1}};
        for (const char *id : {"x", "y", "z"}) // a chain: x depends on y, y on z
            request.nodes.push_back(box(QString::fromLatin1(id)));
        request.edges = {{0, 1, false, false}, {1, 2, false, false}};
        request.nodes.push_back(box(QStringLiteral("a1"), {120, 40}, 0)); // 3 and 4: one
        request.nodes.push_back(box(QStringLiteral("b1"), {120, 40}, 1)); // cluster, no edge
        request.nodes.push_back(box(QStringLiteral("c1"), {120, 40}, 2)); // 5 and 6: an edge
        request.nodes.push_back(box(QStringLiteral("user")));
        request.edges.push_back({6, 5, false, false});
        constexpr int Singles = 80;
        for (int i = 0; i < Singles; ++i)
            request.nodes.push_back(
                box(QStringLiteral("s%1").arg(i), QSizeF(90.0 + i % 5 * 10, 40)));
        const LayoutResult r = layoutGraph(request);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        const size_t n = request.nodes.size();
        QCOMPARE(r.nodes.size(), n);
        // Wider than tall, not one column of 87 boxes (which would be over 3,000 points).
        QVERIFY2(r.bounds.width() > r.bounds.height() && r.bounds.height() < 1500,
            qPrintable(QStringLiteral("%1 x %2").arg(r.bounds.width()).arg(r.bounds.height())));
        QCOMPARE(r.bounds.topLeft(), QPointF(0, 0));
        for (size_t i = 0; i < n; ++i) {
            QCOMPARE(r.nodes[i].size(), detail::boxSize(request.nodes[i]));
            QVERIFY(contains(r.bounds, r.nodes[i]));
            for (size_t j = i + 1; j < n; ++j)
                QVERIFY2(!r.nodes[i].intersects(r.nodes[j]), qPrintable(request.nodes[j].id));
        }
        // The chain is still drawn left to right, its edges still meet its boxes.
        QVERIFY(r.nodes[0].center().x() < r.nodes[1].center().x());
        QVERIFY(r.nodes[1].center().x() < r.nodes[2].center().x());
        QCOMPARE(r.edges.size(), size_t(3));
        for (const LaidOutEdge &e : r.edges) {
            QVERIFY(distanceToOutline(r.nodes[size_t(e.from)], e.points.front()) < 2);
            QVERIFY(e.hasArrow);
            QVERIFY(distanceToOutline(r.nodes[size_t(e.to)], e.arrowTip) < 2);
            for (const QPointF &p : e.points)
                QVERIFY(r.bounds.adjusted(-1, -1, 1, 1).contains(p));
        }
        // Clusters moved with their members, and hold no other box.
        const auto rect = [&](int c) {
            return r.clusters[size_t(c)].rect;
        };
        QVERIFY(contains(rect(0), r.nodes[3]) && contains(rect(0), r.nodes[4]));
        QVERIFY(contains(rect(1), r.nodes[4]) && contains(rect(0), rect(1)));
        QVERIFY(contains(rect(2), r.nodes[5]));
        for (size_t i = 0; i < n; ++i) {
            if (i != 3 && i != 4)
                QVERIFY(!rect(0).intersects(r.nodes[i]));
            if (i != 5)
                QVERIFY(!rect(2).intersects(r.nodes[i]));
        }
    }

    // What packComponents leaves alone: a picture that is not tall, one part, and a cluster
    // drawn with nothing inside it (it belongs to no part).
    void partsLeftAlone()
    {
        LayoutRequest request;
        for (int i = 0; i < 10; ++i)
            request.nodes.push_back(box(QStringLiteral("n%1").arg(i)));
        LayoutResult r;
        for (int i = 0; i < 10; ++i)
            r.nodes.push_back(QRectF(4, 4 + 50 * i, 120, 40));
        r.bounds = QRectF(0, 0, 128, 508);
        const LayoutResult before = r;
        const auto same = [&] {
            return r.nodes == before.nodes && r.bounds == before.bounds;
        };
        QVERIFY(detail::packComponents(request, {}, r)); // tall, ten parts: moved
        QVERIFY(!same());
        QVERIFY(r.bounds.width() > r.bounds.height());
        r = before;
        r.bounds = QRectF(0, 0, 300, 508); // not tall enough
        QVERIFY(!detail::packComponents(request, {}, r));
        QVERIFY(r.nodes == before.nodes && r.bounds == QRectF(0, 0, 300, 508));
        r = before;
        for (int i = 0; i < 9; ++i)
            r.edges.push_back({i, i + 1, {r.nodes[size_t(i)].center()}, false, {}});
        QVERIFY(!detail::packComponents(request, {}, r) && same()); // one part
        r = before;
        request.clusters = {{QStringLiteral("empty"), QStringLiteral("empty"), -1}};
        r.clusters = {{0, QRectF(200, 4, 50, 50)}};
        QVERIFY(!detail::packComponents(request, {-1}, r) && same());
    }

    void largeTreeGetsSfdp()
    {
        LayoutRequest request = randomTree(2000, 1);
        request.clusters = {{QStringLiteral("c"), QStringLiteral("c"), -1}};
        for (int i = 0; i < 10; ++i)
            request.nodes[size_t(i)].cluster = 0;
        const LayoutResult r = layoutGraph(request);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.engine, QStringLiteral("sfdp"));
        QCOMPARE(r.nodes.size(), size_t(2000));
        QCOMPARE(r.edges.size(), size_t(1999));
        for (const QRectF &node : r.nodes) {
            QVERIFY(!node.isEmpty());
            QVERIFY(contains(r.bounds, node));
        }
        for (const LaidOutEdge &e : r.edges) {
            QCOMPARE(e.points.size() % 3, size_t(1));
            QVERIFY(e.points.size() >= 4);
            QVERIFY(e.hasArrow);
            QVERIFY(distanceToOutline(r.nodes[size_t(e.to)], e.arrowTip) < 2);
        }
        for (int i = 0; i < 10; ++i)
            QVERIFY(contains(r.clusters.at(0).rect, r.nodes[size_t(i)]));
    }

    void largeGraphInBlocks()
    {
        // Past 1,000 nodes sfdp places modules as blocks: every node gets a rect of its size,
        // none overlaps another, each module's members sit inside its frame, and every edge
        // runs from outline to outline.
        LayoutRequest request = randomTree(2000, 7);
        for (int c = 0; c < 40; ++c)
            request.clusters.push_back({QStringLiteral("module.m%1").arg(c),
                QStringLiteral("module.m%1").arg(c), -1, false});
        request.clusters.push_back({QStringLiteral("inner"), QStringLiteral("inner"), 0, false});
        for (int i = 0; i < 1600; ++i)
            request.nodes[size_t(i)].cluster = i % 40;
        for (int i = 0; i < 10; ++i)
            request.nodes[size_t(i * 40)].cluster = 40; // nested in module.m0
        const LayoutResult r = layoutGraph(request);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.engine, bg::core::chooseEngine(2000, 1999));
        QCOMPARE(r.nodes.size(), size_t(2000));
        std::vector<size_t> byLeft(r.nodes.size());
        for (size_t i = 0; i < r.nodes.size(); ++i) {
            QCOMPARE(r.nodes[i].size(), request.nodes[i].size);
            QVERIFY(contains(r.bounds, r.nodes[i]));
            byLeft[i] = i;
        }
        std::sort(byLeft.begin(), byLeft.end(),
            [&](size_t a, size_t b) { return r.nodes[a].left() < r.nodes[b].left(); });
        for (size_t i = 0; i < byLeft.size(); ++i) {
            const QRectF a = r.nodes[byLeft[i]].adjusted(0.5, 0.5, -0.5, -0.5);
            for (size_t j = i + 1; j < byLeft.size() && r.nodes[byLeft[j]].left() < a.right(); ++j)
                QVERIFY2(!a.intersects(r.nodes[byLeft[j]]),
                    qPrintable(QStringLiteral("%1 overlaps %2").arg(byLeft[i]).arg(byLeft[j])));
        }
        QCOMPARE(r.clusters.size(), size_t(41));
        for (size_t i = 0; i < 1600; ++i)
            QVERIFY(contains(r.clusters[size_t(i % 40)].rect, r.nodes[i]));
        QVERIFY(contains(r.clusters[0].rect, r.clusters[40].rect));
        QCOMPARE(r.edges.size(), size_t(1999));
        for (const LaidOutEdge &e : r.edges) {
            QCOMPARE(e.points.size() % 3, size_t(1));
            QVERIFY(e.hasArrow);
            QVERIFY(distanceToOutline(r.nodes[size_t(e.to)], e.arrowTip) < 2);
            QVERIFY(distanceToOutline(r.nodes[size_t(e.from)], e.points.front()) < 2);
        }
    }

    void emptyGraph()
    {
        const LayoutResult r = layoutGraph(LayoutRequest());
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QVERIFY(r.nodes.empty());
        QVERIFY(r.edges.empty());
    }

    void cancelledBeforehand()
    {
        const std::atomic_bool cancel {true};
        const LayoutResult r = layoutGraph(chain(), &cancel);
        QVERIFY(r.cancelled);
        QVERIFY(r.error.isEmpty());
        QVERIFY(r.nodes.empty());
        QVERIFY(r.edges.empty());
        QVERIFY(r.bounds.isEmpty());
        // and Graphviz is still usable afterwards
        QVERIFY(layoutGraph(chain()).error.isEmpty());
    }

    void unknownEngineIsAnError()
    {
        LayoutRequest request = chain();
        request.engine = QStringLiteral("no-such-engine");
        const LayoutResult r = layoutGraph(request);
        QVERIFY(!r.error.isEmpty());
        QVERIFY2(r.error.contains(QLatin1String("no-such-engine")), qPrintable(r.error));
        QVERIFY(r.nodes.empty());
        QVERIFY(layoutGraph(chain()).error.isEmpty());
    }

    void concurrentCallersAllSucceed()
    {
        std::vector<LayoutResult> results(4);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&results, t] {
                LayoutRequest request = randomTree(40 + 10 * t, unsigned(t));
                request.engine = t % 2 ? QStringLiteral("sfdp") : QString();
                for (int round = 0; round < 3; ++round)
                    results[size_t(t)] = layoutGraph(request);
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        for (int t = 0; t < 4; ++t) {
            const LayoutResult &r = results[size_t(t)];
            QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
            QCOMPARE(r.nodes.size(), size_t(40 + 10 * t));
            QCOMPARE(r.engine, t % 2 ? QStringLiteral("sfdp") : QStringLiteral("dot"));
        }
    }

    void incidentScenarioView()
    {
        using namespace bg::tests;
        const ViewGraph view = buildViewGraph(
            analyse(
                mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules()),
            {});
        QVERIFY(!view.request.nodes.empty());
        const LayoutResult r = layoutGraph(view.request);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.engine, QStringLiteral("dot"));
        QCOMPARE(r.nodes.size(), view.request.nodes.size());
        QCOMPARE(r.clusters.size(), view.request.clusters.size());
        for (const QRectF &node : r.nodes)
            QVERIFY(contains(r.bounds, node));
    }

    void renderSvgEscapesLabels()
    {
        LayoutRequest request = chain();
        request.nodes[0].label
            = QStringLiteral("aws_s3_bucket.x[\"a\\b\"] <old> & new\nDELETE \\N · café");
        request.nodes[0].shape = NodeShape::Storage;
        request.nodes[0].dashed = true;
        request.nodes[1].label = QStringLiteral("module.db.aws_db_instance.main");
        request.nodes[1].shape = NodeShape::Database;
        request.nodes[1].fillColor = QStringLiteral("#f4b8a6");
        request.nodes[1].penColor = QStringLiteral("#d55e00");
        request.nodes[1].penWidth = 2.5;
        request.clusters
            = {{QStringLiteral("module.db"), QStringLiteral("module.db \"prod\""), -1}};
        request.nodes[1].cluster = 0;
        const Result<QByteArray> rendered = renderGraph(request, QStringLiteral("svg"));
        QVERIFY2(rendered, qPrintable(rendered ? QString() : rendered.error().message));
        const QByteArray svg = *rendered;
        QVERIFY(svg.startsWith("<?xml") || svg.startsWith("<svg"));

        QXmlStreamReader xml(svg);
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement
                && xml.name() == QLatin1String("text"))
                texts.append(xml.readElementText());
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(texts.contains(QStringLiteral("aws_s3_bucket.x[\"a\\b\"] <old> & new")),
            qPrintable(texts.join(u'|')));
        QVERIFY2(texts.contains(QStringLiteral("DELETE \\N · café")), qPrintable(texts.join(u'|')));
        QVERIFY(texts.contains(QStringLiteral("module.db.aws_db_instance.main")));
        QVERIFY(texts.contains(QStringLiteral("module.db \"prod\"")));
        QVERIFY(svg.contains("&lt;old&gt; &amp; new"));
        QVERIFY(svg.contains("#d55e00"));
    }

    // The CLI's SVG is Graphviz's own drawing: its parts are moved into columns the same way,
    // labels, edges and cluster boxes with them.
    void renderSvgPartsInColumns()
    {
        LayoutRequest request;
        request.clusters = {{QStringLiteral("module.a"), QStringLiteral("module.a"), -1}};
        for (const char *id : {"x", "y", "z"})
            request.nodes.push_back(box(QString::fromLatin1(id)));
        request.edges = {{0, 1, false, false}, {1, 2, false, false}};
        request.nodes.push_back(box(QStringLiteral("a1"), {120, 40}, 0));
        request.nodes.push_back(box(QStringLiteral("a2"), {120, 40}, 0));
        request.edges.push_back({4, 3, false, false});
        for (int i = 0; i < 60; ++i)
            request.nodes.push_back(box(QStringLiteral("single %1").arg(i)));
        const Result<QByteArray> rendered = renderGraph(request, QStringLiteral("svg"));
        QVERIFY2(rendered, qPrintable(rendered ? QString() : rendered.error().message));
        // Each group's title (n3, cluster_0, n0->n1), its shapes' box and its texts' anchors.
        struct Group {
            QRectF box;
            QList<QPointF> texts;
            QPointF start; // an edge's first point
            QRectF arrow; // an edge's arrow head
        };
        QHash<QString, Group> groups;
        QXmlStreamReader xml(*rendered);
        QString title;
        double width = 0, height = 0;
        static const QRegularExpression number(QStringLiteral("-?[0-9]+(\\.[0-9]+)?"));
        const auto points = [](const QString &text) {
            QList<QPointF> out;
            QList<double> values;
            for (auto it = number.globalMatch(text); it.hasNext();)
                values.append(it.next().captured().toDouble());
            for (qsizetype i = 0; i + 1 < values.size(); i += 2)
                out.append(QPointF(values[i], values[i + 1]));
            return out;
        };
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const auto attr = [&](const char *name) {
                return xml.attributes().value(QLatin1String(name)).toString();
            };
            if (xml.name() == QLatin1String("svg")) {
                width = attr("width").chopped(2).toDouble();
                height = attr("height").chopped(2).toDouble();
            } else if (xml.name() == QLatin1String("title")) {
                title = xml.readElementText();
            } else if (xml.name() == QLatin1String("text")) {
                groups[title].texts.append(QPointF(attr("x").toDouble(), attr("y").toDouble()));
            } else if (xml.name() == QLatin1String("path")
                || xml.name() == QLatin1String("polygon")) {
                const QList<QPointF> ps
                    = points(attr(xml.name() == QLatin1String("path") ? "d" : "points"));
                QRectF box;
                for (const QPointF &p : ps)
                    box |= QRectF(p, QSizeF(0.01, 0.01));
                Group &g = groups[title];
                if (title.contains(u'>') && xml.name() == QLatin1String("path"))
                    g.start = ps.value(0);
                else if (title.contains(u'>'))
                    g.arrow = box;
                else
                    g.box |= box;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(width > height && height < 1000,
            qPrintable(QStringLiteral("%1 x %2 pt").arg(width).arg(height)));
        for (size_t i = 0; i < request.nodes.size(); ++i) {
            const Group &node = groups.value(QStringLiteral("n%1").arg(i));
            QVERIFY(!node.box.isEmpty() && !node.texts.isEmpty());
            for (const QPointF &t : node.texts)
                QVERIFY2(node.box.contains(t), qPrintable(request.nodes[i].id));
        }
        const Group &cluster = groups.value(QStringLiteral("cluster_0"));
        QVERIFY(cluster.box.contains(groups.value(QStringLiteral("n3")).box));
        QVERIFY(cluster.box.contains(groups.value(QStringLiteral("n4")).box));
        QVERIFY(!cluster.texts.isEmpty() && cluster.box.contains(cluster.texts[0]));
        for (const auto &[from, to] : {std::pair {0, 1}, {1, 2}, {4, 3}}) {
            const Group &edge = groups.value(QStringLiteral("n%1->n%2").arg(from).arg(to));
            const QRectF tail = groups.value(QStringLiteral("n%1").arg(from)).box;
            const QRectF head = groups.value(QStringLiteral("n%1").arg(to)).box;
            QVERIFY2(distanceToOutline(tail, edge.start) < 3, "the edge leaves its tail");
            QVERIFY2(
                edge.arrow.adjusted(-3, -3, 3, 3).intersects(head), "the arrow meets its head");
        }
    }

    void renderDot()
    {
        LayoutRequest request = chain();
        request.nodes[0].label = QStringLiteral("say \"hi\"\nc:\\tmp é");
        const Result<QByteArray> rendered = renderGraph(request, QStringLiteral("dot"));
        QVERIFY2(rendered, qPrintable(rendered ? QString() : rendered.error().message));
        const QByteArray dot = *rendered;
        QVERIFY(dot.contains("digraph"));
        QVERIFY2(dot.contains(R"(say \"hi\"\nc:\\tmp é)"), dot.constData());
        QVERIFY(dot.contains("layout=dot"));
    }

    void renderUnknownFormat()
    {
        const Result<QByteArray> rendered = renderGraph(chain(), QStringLiteral("png"));
        QVERIFY(!rendered);
        QVERIFY(rendered.error().message.contains(QLatin1String("png")));
    }
};

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"
