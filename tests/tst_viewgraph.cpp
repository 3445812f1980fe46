// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the picture shows: bounded whatever the plan's size, the blast radius first, folded
// modules that stand for their members, transitively reduced edges, and a focus.
#include "core/layout/viewgraph.h"
#include "core/loading/loader.h"
#include "genplan.h"
#include "testutils.h"

#include <QFileInfo>
#include <set>
#include <sstream>

using namespace bg::core;
using namespace bg::tests;

class TestViewGraph : public QObject {
    Q_OBJECT

private slots:
    void everythingWhenSmall();
    void edgesAreTransitivelyReduced();
    void radiusOnly();
    void foldedModules();
    void boundedOnEveryCorpusFile_data();
    void boundedOnEveryCorpusFile();
    void focus();
    void everyNodeDrawsEveryResource();
};

namespace {

Analysis incident()
{
    return analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
}

// Every member of every drawn node is drawn exactly once, and maps back to it.
void checkMembership(const Analysis &a, const ViewGraph &view)
{
    QCOMPARE(view.members.size(), view.request.nodes.size());
    std::set<int> seen;
    for (size_t ln = 0; ln < view.members.size(); ++ln) {
        QVERIFY(!view.members[ln].empty());
        for (int m : view.members[ln]) {
            QVERIFY(seen.insert(m).second);
            QCOMPARE(view.layoutNodeOf[m], int(ln));
        }
    }
    for (int i = 0; i < a.graph().size(); ++i)
        QCOMPARE(view.layoutNodeOf[i] >= 0, seen.count(i) > 0);
}

} // namespace

void TestViewGraph::everythingWhenSmall()
{
    const Analysis a = incident();
    const ViewGraph view = buildViewGraph(a, {});
    QCOMPARE(view.request.nodes.size(), size_t(38));
    QVERIFY(view.notes.isEmpty());
    checkMembership(a, view);
    // The database is a cylinder with the critical outline.
    const int db
        = view.layoutNodeOf[a.graph().find(QStringLiteral("module.database.aws_db_instance.edu"))];
    QCOMPARE(view.request.nodes[db].shape, NodeShape::Database);
    QVERIFY(view.request.nodes[db].penWidth >= 3);
    QCOMPARE(view.request.nodes[db].cluster >= 0, true);
    QCOMPARE(view.request.clusters[view.request.nodes[db].cluster].id,
        QStringLiteral("module.database"));
}

void TestViewGraph::edgesAreTransitivelyReduced()
{
    const Analysis a = incident();
    const ViewGraph view = buildViewGraph(a, {});
    // Every drawn edge is a real dependency, and no drawn edge is implied by two others.
    std::set<std::pair<int, int>> edges;
    for (const LayoutEdge &e : view.request.edges) {
        edges.emplace(e.from, e.to);
        const auto &deps = a.graph().dependencies(view.members[e.from].front());
        QVERIFY(std::find(deps.begin(), deps.end(), view.members[e.to].front()) != deps.end());
    }
    for (const auto &[x, y] : edges) {
        for (const auto &[y2, z] : edges) {
            if (y2 == y)
                QVERIFY2(!edges.count({x, z}), "an edge implied by a path of two was kept");
        }
    }
    QVERIFY(
        int(view.request.edges.size()) < a.graph().edgeCount()); // Terraform records every ancestor
}

void TestViewGraph::radiusOnly()
{
    const Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("plan-db-replace.json"))), defaultRules());
    ViewOptions options;
    options.radiusOnly = true;
    const ViewGraph view = buildViewGraph(a, options);
    QCOMPARE(view.request.nodes.size(), size_t(1));
    QCOMPARE(view.request.nodes[0].id, QStringLiteral("aws_db_instance.orders"));
    checkMembership(a, view);
}

void TestViewGraph::foldedModules()
{
    const Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("plan-modules.json"))), defaultRules());
    ViewOptions options;
    options.collapseModules = true;
    const ViewGraph folded = buildViewGraph(a, options);
    checkMembership(a, folded);
    QStringList modules;
    for (const QString &m : folded.collapsedModule) {
        if (!m.isEmpty())
            modules.append(m);
    }
    modules.sort();
    QCOMPARE(
        modules, (QStringList {"module.app[\"api\"]", "module.app[\"web\"]", "module.network"}));
    QCOMPARE(folded.request.nodes.size(), size_t(4)); // three modules and the root record
    // Opening one module draws its members and keeps the others folded.
    options.expandedModules.insert(QStringLiteral("module.app[\"api\"]"));
    const ViewGraph opened = buildViewGraph(a, options);
    checkMembership(a, opened);
    QCOMPARE(opened.request.nodes.size(), size_t(4 - 1 + 3));
}

void TestViewGraph::boundedOnEveryCorpusFile_data()
{
    BG_REQUIRE_CORPUS();
    QTest::addColumn<QString>("path");
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestViewGraph::boundedOnEveryCorpusFile()
{
    QFETCH(QString, path);
    Result<Document> r = loadDocument(path);
    if (!r.ok())
        QSKIP("not loadable (tst_loader checks which)");
    const Analysis a = analyse(std::move(r.value()), defaultRules());
    ViewOptions options;
    options.maxNodes = 40; // small, so that the corpus's larger files exercise the bounds
    const ViewGraph view = buildViewGraph(a, options);
    QVERIFY(int(view.request.nodes.size()) <= options.maxNodes);
    for (const LayoutEdge &e : view.request.edges)
        QVERIFY(e.from >= 0 && e.to >= 0 && e.from < int(view.request.nodes.size())
            && e.to < int(view.request.nodes.size()));
    if (a.graph().size() > options.maxNodes)
        QVERIFY(!view.notes.isEmpty()); // and it says what it left out
}

void TestViewGraph::focus()
{
    const Analysis a = incident();
    ViewOptions options;
    options.focus = a.graph().find(QStringLiteral("module.database.aws_db_instance.edu"));
    const ViewGraph view = buildViewGraph(a, options);
    checkMembership(a, view);
    // The database, what it depends on, and what depends on it (its snapshots).
    QVERIFY(view.layoutNodeOf[a.graph().find(
                QStringLiteral("module.database.aws_db_snapshot.pre_migration"))]
        >= 0);
    QVERIFY(view.layoutNodeOf[a.graph().find(QStringLiteral("aws_vpc.main"))] >= 0);
    QCOMPARE(view.layoutNodeOf[a.graph().find(QStringLiteral("aws_s3_bucket.uploads"))], -1);
}

void TestViewGraph::everyNodeDrawsEveryResource()
{
    // The opt-in view of every resource: a generated plan of 3,000 is neither folded nor cut.
    std::ostringstream out;
    bg::tests::writePlan({3000, 1, false}, out);
    Result<Document> loaded = loadDocumentFromBytes(
        QByteArray::fromStdString(out.str()), QStringLiteral("generated.json"));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().toString()));
    const Analysis a = analyse(std::move(loaded.value()), defaultRules());
    QVERIFY(a.graph().size() >= 3000);
    ViewOptions options;
    options.maxNodes = ViewOptions::EveryNode;
    const ViewGraph view = buildViewGraph(a, options);
    QCOMPARE(int(view.request.nodes.size()), a.graph().size());
    QVERIFY2(view.notes.isEmpty(), qPrintable(view.notes.join(QLatin1Char(' '))));
    for (const auto &members : view.members)
        QCOMPARE(members.size(), size_t(1));
    checkMembership(a, view);
    QVERIFY(!view.request.edges.empty());
    // The bounded default on the same plan does fold or cut, and says so.
    QVERIFY(buildViewGraph(a, {}).request.nodes.size() <= 500);
}

QTEST_GUILESS_MAIN(TestViewGraph)
#include "tst_viewgraph.moc"
