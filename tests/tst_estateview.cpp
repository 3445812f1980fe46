// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate in the picture and the window: stacks as large clusters, other stacks' broken
// resources linked by dashed cross-stack edges and folded beyond the view's bound; the table,
// the details, the banner and the Stacks list naming the stacks; File ▸ Open Estate reopening
// what is open inside the estate, and listing an estate on its own.
#include "core/estate/surround.h"
#include "core/layout/viewgraph.h"
#include "testutils.h"
#include "ui/detailspanel.h"
#include "ui/graphitems.h"
#include "ui/graphview.h"
#include "ui/resourcemodel.h"
#include "ui/stackspanel.h"
#include "ui/summarybanner.h"
#include "windowtestutils.h"

#include <QGraphicsScene>
#include <QSet>
#include <QTableWidget>
#include <QTest>
#include <map>

using namespace bg::core;
using namespace bg::ui;
using namespace bg::tests;

namespace {

QString scenarioFile(const QString &name)
{
    return resource(QStringLiteral("scenarios/shared-vpc/") + name);
}

// The scenario's network plan, reviewed inside its estate as the CLI's --estate does it.
std::shared_ptr<const Analysis> planInEstate(EstateContext *context = nullptr)
{
    auto a = std::make_shared<Analysis>(
        analyse(mustLoad(scenarioFile(QStringLiteral("plan.json"))), defaultRules()));
    Result<EstateContext> c = surroundWithEstate(
        *a, {{scenarioFile(QStringLiteral("stacks"))}, {}}, QString(), defaultRules());
    if (!c)
        qFatal("%s", qPrintable(c.error().toString()));
    if (context)
        *context = *c;
    return a;
}

int clusterNamed(const ViewGraph &v, const QString &id)
{
    for (size_t i = 0; i < v.request.clusters.size(); ++i) {
        if (v.request.clusters[i].id == id)
            return int(i);
    }
    return -1;
}

// Every break of the analysis that a drawn node of its own stands behind is drawn exactly once,
// on a node of its stack's cluster with a cross-stack edge to the node it uses; nothing else
// is. Checked from the breaks, not from how the view was built.
void checkEveryBreakDrawnOnce(const Analysis &a, const ViewGraph &v)
{
    QCOMPARE(v.breaks.size(), v.members.size());
    QCOMPARE(v.request.nodes.size(), v.members.size());
    std::vector<int> drawnAs(a.estate->breaks.size(), 0);
    for (size_t ln = 0; ln < v.breaks.size(); ++ln) {
        QCOMPARE(v.isOtherStack(int(ln)), v.members[ln].empty());
        for (int b : v.breaks[ln]) {
            ++drawnAs[size_t(b)];
            const StackBreak &sb = a.estate->breaks[size_t(b)];
            const int to = v.layoutNodeOf[size_t(sb.node)];
            QVERIFY(to >= 0);
            const bool edge = std::any_of(
                v.request.edges.begin(), v.request.edges.end(), [&](const LayoutEdge &e) {
                    return e.from == int(ln) && e.to == to && e.crossStack;
                });
            QVERIFY2(edge, qPrintable(sb.address));
            const int c = v.request.nodes[ln].cluster;
            if (c >= 0) {
                QVERIFY(v.request.clusters[size_t(c)].stack);
                QCOMPARE(v.request.clusters[size_t(c)].id, QStringLiteral("stack ") + sb.stack);
            }
        }
    }
    for (size_t b = 0; b < drawnAs.size(); ++b) {
        const bool behindDrawn = v.layoutNodeOf[size_t(a.estate->breaks[b].node)] >= 0;
        QCOMPARE(drawnAs[b], behindDrawn ? 1 : 0);
    }
    for (const LayoutEdge &e : v.request.edges)
        QCOMPARE(e.crossStack, v.isOtherStack(e.from));
}

// An analysis whose estate view is made by hand: breaks in `perStack.size()` stacks.
std::shared_ptr<Analysis> withBreaks(const std::vector<int> &perStack)
{
    auto a = std::make_shared<Analysis>(
        analyse(mustLoad(scenarioFile(QStringLiteral("plan.json"))), defaultRules()));
    auto view = std::make_shared<EstateView>();
    view->stack = QStringLiteral("network");
    view->stackCount = int(perStack.size()) + 1;
    const int vpc = a->graph().find(QStringLiteral("aws_vpc.main"));
    for (size_t s = 0; s < perStack.size(); ++s) {
        for (int r = 0; r < perStack[s]; ++r) {
            StackBreak b;
            b.node = vpc;
            b.stack = QStringLiteral("s%1").arg(s);
            b.address = QStringLiteral("aws_instance.i[%1]").arg(r);
            b.via = QStringLiteral("vpc_id");
            b.value = QStringLiteral("vpc-0f3a8c21d94b7e615");
            b.dependsOnStack = view->stack;
            b.dependsOn = QStringLiteral("aws_vpc.main");
            b.reason = QStringLiteral("identity");
            view->breaks.push_back(b);
        }
    }
    a->estate = view;
    return a;
}

} // namespace

class TestEstateView : public QObject {
    Q_OBJECT
private slots:
    void viewDrawsTheStacks()
    {
        const auto a = planInEstate();
        QVERIFY(a->estate);
        QCOMPARE(a->estate->brokenCount(), 7); // the scenario's story: 7 platform resources
        const ViewGraph v = buildViewGraph(*a, {});
        const int own = clusterNamed(v, QStringLiteral("stack network"));
        const int platform = clusterNamed(v, QStringLiteral("stack platform"));
        QVERIFY(own >= 0 && platform >= 0);
        QVERIFY(v.request.clusters[size_t(own)].stack);
        QVERIFY(v.request.clusters[size_t(own)].label.contains(QLatin1String("under review")));
        QVERIFY(v.request.clusters[size_t(platform)].label.contains(QLatin1String("7 resources")));
        // Every node of this plan sits inside its stack's cluster.
        for (size_t ln = 0; ln < v.members.size(); ++ln) {
            if (v.members[ln].empty())
                continue;
            int c = v.request.nodes[ln].cluster;
            while (c >= 0 && c != own)
                c = v.request.clusters[size_t(c)].parent;
            QCOMPARE(c, own);
        }
        int others = 0;
        for (size_t ln = 0; ln < v.members.size(); ++ln)
            others += v.isOtherStack(int(ln));
        QCOMPARE(others, 7);
        checkEveryBreakDrawnOnce(*a, v);
    }

    void viewFoldsBeyondTheBound()
    {
        const auto a = planInEstate();
        ViewOptions options;
        options.maxPerStack = 3;
        const ViewGraph v = buildViewGraph(*a, options);
        int others = 0;
        QString folded;
        for (size_t ln = 0; ln < v.members.size(); ++ln) {
            if (!v.isOtherStack(int(ln)))
                continue;
            ++others;
            if (v.request.nodes[ln].label.startsWith(QLatin1String("5 more resources")))
                folded = v.request.nodes[ln].id;
        }
        QCOMPARE(others, 3); // two drawn, the other five folded into one
        QVERIFY(!folded.isEmpty());
        QVERIFY(v.notes.join(QLatin1Char(' ')).contains(QLatin1String("Stack platform: 5 of")));
        checkEveryBreakDrawnOnce(*a, v);

        // Stacks past the bound fold into one node: 4 stacks, 2 drawn.
        const auto many = withBreaks({5, 4, 2, 1});
        options.maxStacks = 2;
        options.maxPerStack = 12;
        const ViewGraph w = buildViewGraph(*many, options);
        QVERIFY(clusterNamed(w, QStringLiteral("stack s0")) >= 0);
        QVERIFY(clusterNamed(w, QStringLiteral("stack s1")) >= 0);
        QCOMPARE(clusterNamed(w, QStringLiteral("stack s2")), -1);
        bool rest = false;
        for (const LayoutNode &n : w.request.nodes)
            rest = rest || n.label.startsWith(QLatin1String("2 more stacks\n3 resources"));
        QVERIFY(rest);
        checkEveryBreakDrawnOnce(*many, w);
    }

    void viewLeavesOutBreaksOfNodesNotDrawn()
    {
        const auto a = planInEstate();
        ViewOptions options;
        options.focus = a->graph().find(QStringLiteral("aws_nat_gateway.main"));
        QVERIFY(options.focus >= 0);
        const ViewGraph v = buildViewGraph(*a, options);
        checkEveryBreakDrawnOnce(*a, v);
        int hidden = 0;
        for (const StackBreak &b : a->estate->breaks)
            hidden += v.layoutNodeOf[size_t(b.node)] < 0;
        QVERIFY(hidden > 0);
        QVERIFY(v.notes.join(QLatin1Char(' '))
                    .contains(QStringLiteral("%1 links from other stacks").arg(hidden)));
    }

    void viewWithoutAnEstateIsUnchanged()
    {
        const auto a = sharedAnalysis(scenarioFile(QStringLiteral("plan.json")));
        const ViewGraph v = buildViewGraph(*a, {});
        QCOMPARE(v.breaks.size(), v.members.size());
        for (const LayoutCluster &c : v.request.clusters)
            QVERIFY(!c.stack);
        for (const LayoutEdge &e : v.request.edges)
            QVERIFY(!e.crossStack);
    }

    void graphvizDrawsCrossStackEdgesApart()
    {
        const auto a = planInEstate();
        const ViewGraph v = buildViewGraph(*a, {});
        const QByteArray dot = mustHave(renderGraph(v.request, QStringLiteral("dot")));
        QVERIFY(dot.contains("#cc79a7"));
        QVERIFY(dot.contains("stack platform"));
        QVERIFY(dot.contains("dashed"));
        const LayoutResult laid = layoutGraph(v.request);
        QVERIFY2(laid.error.isEmpty(), qPrintable(laid.error));
        QCOMPARE(laid.nodes.size(), v.request.nodes.size());
    }

    void tableAndDetailsNameTheStacks()
    {
        const auto a = planInEstate();
        ResourceModel model;
        model.setAnalysis(a);
        const int sg = a->graph().find(QStringLiteral("aws_security_group.db"));
        const int nat = a->graph().find(QStringLiteral("aws_nat_gateway.main"));
        std::map<int, QSet<QString>> expected; // node -> platform addresses, from the breaks
        for (const StackBreak &b : a->estate->breaks)
            expected[b.node].insert(b.address);
        QVERIFY(!expected[sg].isEmpty());
        QCOMPARE(model.index(sg, ResourceModel::BreaksColumn).data().toString(),
            QStringLiteral("platform (%1)").arg(expected[sg].size()));
        QCOMPARE(model.index(nat, ResourceModel::BreaksColumn).data().toString(), QString());

        DetailsPanel details;
        details.setAnalysis(a, &defaultRules());
        details.showNode(sg);
        const QString text = details.toPlainText();
        QVERIFY(text.contains(QLatin1String("network (one of 2 in the estate)")));
        QVERIFY(text.contains(QLatin1String("Breaks in other stacks")));
        for (const QString &address : expected[sg])
            QVERIFY2(text.contains(QStringLiteral("platform: ") + address), qPrintable(address));
    }

    void headlineTellsTheBreaksInWords()
    {
        // The broken stacks are the headline's own sentence; the first-critical clause never
        // falls back to the finding's code.
        const auto a = planInEstate();
        const QString headline = a->headline(defaultRules());
        QVERIFY2(!headline.contains(QLatin1String("cross-stack-break")), qPrintable(headline));
        QVERIFY2(headline.contains(QLatin1String("It breaks 7 resources in 1 other stack: "
                                                 "platform (7).")),
            qPrintable(headline));
    }

    void windowOpensTheScenarioInItsEstate()
    {
        MainWindow window(defaultRules());
        window.show();
        openAndWait(window, {QStringLiteral("scenario:shared-vpc")});
        QVERIFY(window.analysis()->estate);
        QVERIFY(window.banner()->headline().contains(QLatin1String("platform (7)")));
        QVERIFY(
            window.banner()->context().contains(QLatin1String("Other stacks hit: platform (7)")));
        QTableWidget *stacks = window.stacks()->table();
        QCOMPARE(stacks->rowCount(), 2);
        QStringList rows;
        for (int r = 0; r < stacks->rowCount(); ++r)
            rows.append(stacks->item(r, StacksPanel::NameColumn)->text() + QLatin1Char('=')
                + stacks->item(r, StacksPanel::BrokenColumn)->text());
        rows.sort();
        QCOMPARE(rows,
            (QStringList {
                QStringLiteral("network (under review)="), QStringLiteral("platform=7")}));
        // The picture: stack clusters and dashed cross-stack edges; clicking another stack's
        // resource selects the node it uses.
        int stackClusters = 0;
        NodeItem *other = nullptr;
        for (QGraphicsItem *item : window.graphView()->scene()->items()) {
            stackClusters += item->zValue() == -2; // ClusterItem of a stack
            if (auto *node = qgraphicsitem_cast<NodeItem *>(item);
                node && node->toolTip().contains(QStringLiteral("BROKEN · stack platform")))
                other = node;
        }
        QCOMPARE(stackClusters, 2);
        QVERIFY(other);
        other->setSelected(true);
        QTRY_VERIFY_WITH_TIMEOUT(window.details()->currentNode() >= 0, Patience);
        QVERIFY(window.details()->toPlainText().contains(QLatin1String("Breaks in other stacks")));
        grabIfAsked(window, QStringLiteral("estate-scenario"));
        window.graphView()->fit();
        grabIfAsked(window, QStringLiteral("estate-scenario-whole"));

        // A what-if keeps the estate: destroying only the NAT gateway breaks nothing there.
        const int nat = window.analysis()->graph().find(QStringLiteral("aws_nat_gateway.main"));
        QSignalSpy shown(&window, &MainWindow::layoutShown);
        window.review()->requestWhatIf({QStringLiteral("aws_nat_gateway.main")});
        QVERIFY(shown.wait(Patience));
        QVERIFY(nat >= 0);
        QVERIFY(window.analysis()->estate);
        QCOMPARE(window.analysis()->estate->breaks.size(), size_t(0));
        QVERIFY(window.banner()->context().contains(QLatin1String("Nothing in the other stacks")));
        window.review()->requestWhatIf({QStringLiteral("aws_security_group.db")});
        QVERIFY(shown.wait(Patience));
        QVERIFY(window.analysis()->estate);
        QVERIFY(!window.analysis()->estate->breaks.empty());
    }

    void openEstateReopensWhatIsOpen()
    {
        MainWindow window(defaultRules());
        window.show();
        openAndWait(window, {scenarioFile(QStringLiteral("plan.json"))});
        QVERIFY(!window.analysis()->estate);
        QCOMPARE(window.stacks()->table()->rowCount(), 0);
        QSignalSpy shown(&window, &MainWindow::layoutShown);
        window.setEstate({scenarioFile(QStringLiteral("stacks"))});
        QVERIFY(shown.wait(Patience));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), Patience);
        QVERIFY(window.analysis()->estate);
        QCOMPARE(window.analysis()->estate->brokenCount(), 7);
        QCOMPARE(window.stacks()->table()->rowCount(), 2);
        // The estate's files are inputs: no export may overwrite them.
        QVERIFY(window.review()->inputs().contains(
                    QFileInfo(scenarioFile(QStringLiteral("stacks/platform/terraform.tfstate")))
                        .absoluteFilePath())
            || window.review()->inputs().contains(
                scenarioFile(QStringLiteral("stacks/platform/terraform.tfstate"))));
        window.setEstate({});
        QVERIFY(shown.wait(Patience));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), Patience);
        QVERIFY(!window.analysis()->estate);
        QCOMPARE(window.stacks()->table()->rowCount(), 0);
    }

    void anEstateAloneIsListedAndAStackOpens()
    {
        MainWindow window(defaultRules());
        window.show();
        window.setEstate({scenarioFile(QStringLiteral("stacks"))});
        QTableWidget *stacks = window.stacks()->table();
        QTRY_COMPARE_WITH_TIMEOUT(stacks->rowCount(), 2, Patience);
        QVERIFY(window.stacks()->summaryText().contains(QLatin1String("2 stacks")));
        int platform = -1;
        for (int r = 0; r < stacks->rowCount(); ++r) {
            if (stacks->item(r, StacksPanel::NameColumn)->text() == QLatin1String("platform"))
                platform = r;
        }
        QVERIFY(platform >= 0);
        QSignalSpy shown(&window, &MainWindow::layoutShown);
        emit stacks->cellActivated(platform, StacksPanel::NameColumn);
        QVERIFY(shown.wait(Patience));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), Patience);
        QVERIFY(window.analysis()->estate);
        QCOMPARE(window.analysis()->estate->stack, QStringLiteral("platform"));
    }

    void anUnreadableEstateFailsClearly()
    {
        MainWindow window(defaultRules());
        window.show();
        window.setEstate({QStringLiteral("/nonexistent/blastguard-estate")});
        QTRY_VERIFY_WITH_TIMEOUT(
            window.stacks()->summaryText().contains(QLatin1String("Could not read the estate")),
            Patience);
        QVERIFY(window.stacks()->summaryText().contains(QLatin1String("/nonexistent")));
    }
};

QTEST_MAIN(TestEstateView)
#include "tst_estateview.moc"
