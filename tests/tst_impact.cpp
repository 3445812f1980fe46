// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Blast radius: the plan's action classes and reasons, what-if closures with their chains,
// full destroy, and the destroy order.
#include "core/graph/impact.h"
#include "core/report/report.h"
#include "testutils.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace bg::core;
using namespace bg::tests;

// Declared before the inline JSON below: moc stops reading at raw string literals.
class TestImpact : public QObject {
    Q_OBJECT

private slots:
    void actionClasses_data();
    void actionClasses();
    void planReasons();
    void whatIf_data();
    void whatIf();
    void whatIfThroughDataSource();
    void fullDestroy();
    void destroyGraphRules_data();
    void destroyGraphRules();
    void dataSourcesNeverDestroyed();
    void priorStateOnlyCounts();
    void whatIfOnASharedDocument_data();
    void whatIfOnASharedDocument();
    void chainEnds();
    void longChainsCut();
    void dependencyReasonFollowsVia();
    void ringThroughAHub();
};

namespace {

Analysis analyseText(const QByteArray &json)
{
    Result<Document> r = loadDocumentFromBytes(json, QStringLiteral("inline.json"));
    if (!r.ok())
        qFatal("%s", qPrintable(r.error().toString()));
    return analyse(std::move(r.value()), defaultRules());
}

QByteArray planWithActions(const QByteArray &actions, const QByteArray &extra = {})
{
    return R"({"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.b","type":"aws_s3_bucket","name":"b",
             "change":{"actions":)"
        + actions + "," + (extra.isEmpty() ? QByteArray("\"before\":null") : extra) + "}}]}";
}

// A chain: db <- app <- dns, and a separate cache; subnet <- db.
const char *const StateChain = R"({"version":4,"serial":1,"lineage":"l","resources":[
  {"mode":"managed","type":"aws_subnet","name":"s","instances":[{"attributes":{"id":"s"}}]},
  {"mode":"managed","type":"aws_db_instance","name":"db","instances":[{"attributes":{"id":"db","skip_final_snapshot":true},"dependencies":["aws_subnet.s"]}]},
  {"mode":"managed","type":"aws_ecs_service","name":"app","instances":[{"index_key":"a","attributes":{"id":"a"},"dependencies":["aws_db_instance.db"]},
                                                                      {"index_key":"b","attributes":{"id":"b"},"dependencies":["aws_db_instance.db"]}]},
  {"mode":"managed","type":"aws_route53_record","name":"dns","instances":[{"attributes":{"id":"r"},"dependencies":["aws_ecs_service.app"]}]},
  {"mode":"managed","type":"aws_elasticache_cluster","name":"cache","instances":[{"attributes":{"id":"c"}}]}
]})";

} // namespace

void TestImpact::actionClasses_data()
{
    QTest::addColumn<QByteArray>("actions");
    QTest::addColumn<QString>("action");
    QTest::newRow("no-op") << QByteArray(R"(["no-op"])") << "no-op";
    QTest::newRow("create") << QByteArray(R"(["create"])") << "create";
    QTest::newRow("read") << QByteArray(R"(["read"])") << "read";
    QTest::newRow("update") << QByteArray(R"(["update"])") << "update";
    QTest::newRow("delete") << QByteArray(R"(["delete"])") << "delete";
    QTest::newRow("replace, destroy first") << QByteArray(R"(["delete","create"])") << "replace";
    QTest::newRow("replace, create first") << QByteArray(R"(["create","delete"])") << "replace";
    QTest::newRow("forget") << QByteArray(R"(["forget"])") << "forget";
    QTest::newRow("create then forget") << QByteArray(R"(["create","forget"])") << "create";
    QTest::newRow("unknown") << QByteArray(R"(["explode"])") << "no-op";
}

void TestImpact::actionClasses()
{
    QFETCH(QByteArray, actions);
    QFETCH(QString, action);
    const Analysis a = analyseText(planWithActions(actions));
    QCOMPARE(actionName(a.impact.actions[0]), action);
    QCOMPARE(a.document().resources[0].createBeforeDestroy, actions == R"(["create","delete"])");
    if (actions.contains("explode"))
        QVERIFY(a.notes.join(QLatin1Char(' ')).contains(QLatin1String("unknown actions")));
}

void TestImpact::planReasons()
{
    const Analysis a = analyseText(R"({"format_version":"1.2",
      "resource_changes":[
        {"address":"aws_vpc.v","type":"aws_vpc","name":"v","action_reason":"replace_because_cannot_update",
         "change":{"actions":["delete","create"],"before":{"cidr_block":"10.0.0.0/16"},"replace_paths":[["cidr_block"]]}},
        {"address":"aws_subnet.s[0]","type":"aws_subnet","name":"s","index":0,
         "change":{"actions":["delete","create"],"before":{},"replace_paths":[["vpc_id"]]}},
        {"address":"aws_instance.i","type":"aws_instance","name":"i","change":{"actions":["delete","create"],"before":{}}},
        {"address":"aws_eip.e","type":"aws_eip","name":"e","action_reason":"delete_because_no_resource_config","change":{"actions":["delete"],"before":{}}},
        {"address":"aws_eip.tainted","type":"aws_eip","name":"tainted","action_reason":"replace_because_tainted","change":{"actions":["delete","create"],"before":{}}},
        {"address":"aws_s3_bucket.keep","type":"aws_s3_bucket","name":"keep","change":{"actions":["no-op"],"before":{}}}
      ],
      "prior_state":{"values":{"root_module":{"resources":[
        {"address":"aws_vpc.v","mode":"managed","type":"aws_vpc","name":"v","values":{}},
        {"address":"aws_subnet.s[0]","mode":"managed","type":"aws_subnet","name":"s","index":0,"values":{},"depends_on":["aws_vpc.v"]},
        {"address":"aws_instance.i","mode":"managed","type":"aws_instance","name":"i","values":{},"depends_on":["aws_subnet.s","aws_s3_bucket.keep"]}
      ]}}}})");
    const auto reasons = [&](int i) {
        return a.impact.reasonsOf(a.document(), i).join(QStringLiteral(" | "));
    };
    QVERIFY2(
        reasons(0).contains(QLatin1String("cannot be updated in place")), qPrintable(reasons(0)));
    QVERIFY2(reasons(0).contains(QLatin1String("a change to cidr_block forces replacement")),
        qPrintable(reasons(0)));
    QCOMPARE(a.impact.via[0], -1);
    QVERIFY2(reasons(1).contains(QLatin1String("vpc_id")), qPrintable(reasons(1)));
    QCOMPARE(a.impact.via[1], 0);
    // The instance is replaced only because of what it stands on: the chain says so.
    QCOMPARE(a.impact.via[2], 1);
    QCOMPARE(a.impact.chain(a.document(), 2),
        (QStringList {"aws_instance.i", "aws_subnet.s[0]", "aws_vpc.v"}));
    QVERIFY2(reasons(2).contains(QStringLiteral("aws_instance.i → aws_subnet.s[0] → aws_vpc.v")),
        qPrintable(reasons(2)));
    QVERIFY2(reasons(3).contains(QLatin1String("no longer in the configuration")),
        qPrintable(reasons(3)));
    QVERIFY2(reasons(4).contains(QLatin1String("tainted")), qPrintable(reasons(4)));
    QVERIFY(a.document().resources[4].tainted);
    QVERIFY(reasons(5).isEmpty());
    // Destroy order: the instance before the subnet before the VPC; no-op not included.
    const auto &order = a.impact.destroyOrder;
    QCOMPARE(order.size(), size_t(5));
    const auto pos = [&](int node) {
        return std::find(order.begin(), order.end(), node) - order.begin();
    };
    QVERIFY(pos(2) < pos(1));
    QVERIFY(pos(1) < pos(0));
}

void TestImpact::whatIf_data()
{
    QTest::addColumn<QStringList>("targets");
    QTest::addColumn<QStringList>("destroyed");
    QTest::addColumn<QStringList>("unknown");
    QTest::newRow("the database") << QStringList {"aws_db_instance.db"}
                                  << QStringList {"aws_route53_record.dns",
                                         "aws_ecs_service.app[\"a\"]", "aws_ecs_service.app[\"b\"]",
                                         "aws_db_instance.db"}
                                  << QStringList();
    QTest::newRow("one instance") << QStringList {"aws_ecs_service.app[\"b\"]"}
                                  << QStringList {"aws_route53_record.dns",
                                         "aws_ecs_service.app[\"b\"]"}
                                  << QStringList();
    QTest::newRow("a leaf") << QStringList {"aws_route53_record.dns"}
                            << QStringList {"aws_route53_record.dns"} << QStringList();
    QTest::newRow("the subnet") << QStringList {"aws_subnet.s"}
                                << QStringList {"aws_route53_record.dns",
                                       "aws_ecs_service.app[\"a\"]", "aws_ecs_service.app[\"b\"]",
                                       "aws_db_instance.db", "aws_subnet.s"}
                                << QStringList();
    QTest::newRow("two, one unknown")
        << QStringList {"aws_elasticache_cluster.cache", "aws_nope.x"}
        << QStringList {"aws_elasticache_cluster.cache"} << QStringList {"aws_nope.x"};
}

void TestImpact::whatIf()
{
    QFETCH(QStringList, targets);
    QFETCH(QStringList, destroyed);
    QFETCH(QStringList, unknown);
    Result<Document> r = loadDocumentFromBytes(StateChain, QStringLiteral("s.tfstate"));
    QVERIFY(r.ok());
    QStringList notFound;
    const Analysis a = analyseWhatIf(std::move(r.value()), defaultRules(), targets, &notFound);
    QCOMPARE(notFound, unknown);
    QStringList order;
    for (int node : a.impact.destroyOrder)
        order.append(a.document().resources[node].id);
    QCOMPARE(order, destroyed); // exactly the closure, in destroy order
    // Every node pulled in has a chain back to a target.
    for (int node : a.impact.destroyOrder) {
        const QStringList chain = a.impact.chain(a.document(), node);
        QCOMPARE(chain.first(), a.document().resources[node].id);
        const int last = a.graph().find(chain.last());
        QVERIFY(std::find(a.impact.targets.begin(), a.impact.targets.end(), last)
            != a.impact.targets.end());
    }
}

void TestImpact::whatIfThroughDataSource()
{
    // A data source is walked through (what reads it is taken) but never destroyed.
    Result<Document> r
        = loadDocumentFromBytes(R"({"version":4,"serial":1,"lineage":"l","resources":[
      {"mode":"managed","type":"aws_vpc","name":"v","instances":[{"attributes":{}}]},
      {"mode":"data","type":"aws_subnets","name":"all","instances":[{"attributes":{}}]},
      {"mode":"managed","type":"aws_instance","name":"i","instances":[{"attributes":{},"dependencies":["data.aws_subnets.all"]}]}]})",
            QStringLiteral("s.tfstate"));
    QVERIFY(r.ok());
    Document doc = std::move(r.value());
    doc.resources[1].setDependencies({QStringLiteral("aws_vpc.v")});
    const Analysis a = analyseWhatIf(std::move(doc), defaultRules(), {QStringLiteral("aws_vpc.v")});
    QCOMPARE(a.impact.actions[1], Action::NoOp);
    QCOMPARE(a.impact.actions[2], Action::Delete);
    QCOMPARE(a.impact.chain(a.document(), 2), (QStringList {"aws_instance.i", "aws_vpc.v"}));
}

void TestImpact::fullDestroy()
{
    Result<Document> r = loadDocumentFromBytes(StateChain, QStringLiteral("s.tfstate"));
    const Analysis a = analyseWhatIf(std::move(r.value()), defaultRules(), {});
    QCOMPARE(a.impact.count(Action::Delete), 6);
    QCOMPARE(a.impact.destroyOrder.size(), size_t(6));
    const QString headline = a.headline(defaultRules());
    QVERIFY2(headline.contains(QLatin1String("2 databases")), qPrintable(headline));
    QVERIFY2(headline.contains(QLatin1String("data loss")), qPrintable(headline));
}

// Terraform's destroy graph (graph.h) on plan-module-instances-destroy-edges.json and
// plan-targeted-prior-state.json: exactly the nodes a what-if takes, in destroy order, each
// with a chain back to a target.
void TestImpact::destroyGraphRules_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("targets");
    QTest::addColumn<QStringList>("destroyed");
    const QString edges = QStringLiteral("plan-module-instances-destroy-edges.json");
    const QString targeted = QStringLiteral("plan-targeted-prior-state.json");
    // module.a["x"].module.b's database records module.a.aws_security_group.sg: both instances.
    // module.a["x"].aws_instance.app is in the same static module, another instance: kept.
    QTest::newRow("one instance's group")
        << edges << QStringList {"module.a[\"y\"].aws_security_group.sg"}
        << QStringList {"module.a[\"x\"].module.b.aws_db_instance.db",
               "module.a[\"y\"].aws_instance.app", "module.a[\"y\"].module.b.aws_db_instance.db",
               "module.a[\"y\"].aws_security_group.sg"};
    QTest::newRow("unkeyed module")
        << edges << QStringList {"module.a"}
        << QStringList {"module.a[\"x\"].aws_instance.app",
               "module.a[\"x\"].module.b.aws_db_instance.db", "module.a[\"y\"].aws_instance.app",
               "module.a[\"y\"].module.b.aws_db_instance.db",
               "module.a[\"x\"].aws_security_group.sg", "module.a[\"y\"].aws_security_group.sg"};
    QTest::newRow("unkeyed module, nested")
        << edges << QStringList {"module.a[\"x\"].module.b"}
        << QStringList {"module.a[\"x\"].module.b.aws_db_instance.db"};
    // module.svc's depends_on on the role: the existing queue goes, the planned one does not
    // exist yet; the data source is read, never destroyed.
    QTest::newRow("module depends_on")
        << edges << QStringList {"aws_iam_role.deploy"}
        << QStringList {"aws_iam_role_policy.deploy", "module.svc[\"a\"].aws_sqs_queue.jobs",
               "aws_iam_role.deploy"};
    QTest::newRow("prior_state only")
        << targeted << QStringList {"aws_subnet.private[1]"}
        << QStringList {"aws_db_instance.main", "aws_instance.bastion", "aws_db_subnet_group.main",
               "aws_subnet.private[1]"};
    QTest::newRow("prior_state only, the vpc")
        << targeted << QStringList {"aws_vpc.main"}
        << QStringList {"aws_db_instance.main", "aws_instance.bastion", "aws_db_subnet_group.main",
               "aws_subnet.private[0]", "aws_subnet.private[1]", "aws_vpc.main"};
}

void TestImpact::destroyGraphRules()
{
    QFETCH(QString, file);
    QFETCH(QStringList, targets);
    QFETCH(QStringList, destroyed);
    QStringList unknown;
    const Analysis a = analyseWhatIf(mustLoad(fixture(file)), defaultRules(), targets, &unknown);
    QCOMPARE(unknown, QStringList());
    QStringList order;
    for (int node : a.impact.destroyOrder)
        order.append(a.document().resources[node].id);
    QStringList sortedOrder = order, sortedExpected = destroyed;
    sortedOrder.sort();
    sortedExpected.sort();
    QCOMPARE(sortedOrder, sortedExpected); // exactly these
    // In an order Terraform can destroy them: each before what it depends on.
    for (int i = 0; i < int(a.impact.destroyOrder.size()); ++i) {
        for (int d : a.graph().dependencies(a.impact.destroyOrder[size_t(i)])) {
            const auto at
                = std::find(a.impact.destroyOrder.begin(), a.impact.destroyOrder.end(), d);
            QVERIFY(at == a.impact.destroyOrder.end() || at - a.impact.destroyOrder.begin() > i);
        }
    }
    for (int node : a.impact.destroyOrder) {
        const QStringList chain = a.impact.chain(a.document(), node);
        QCOMPARE(chain.first(), a.document().resources[node].id);
        const int last = a.graph().find(chain.last());
        QVERIFY2(std::find(a.impact.targets.begin(), a.impact.targets.end(), last)
                != a.impact.targets.end(),
            qPrintable(chain.join(QStringLiteral(" → "))));
        // Each link is an edge of the graph.
        for (int k = 0; k + 1 < chain.size(); ++k) {
            const auto deps = a.graph().dependencies(a.graph().find(chain[k]));
            QVERIFY(
                std::find(deps.begin(), deps.end(), a.graph().find(chain[k + 1])) != deps.end());
        }
    }
}

// A data source is read, never destroyed: not as a target, not through a chain, not in a
// full destroy.
void TestImpact::dataSourcesNeverDestroyed()
{
    const QString path = fixture(QStringLiteral("plan-module-instances-destroy-edges.json"));
    const QString data = QStringLiteral("data.aws_iam_policy_document.deploy");
    for (const QStringList &targets :
        {QStringList {data}, QStringList {"aws_iam_role.deploy"}, QStringList()}) {
        const Analysis a = analyseWhatIf(mustLoad(path), defaultRules(), targets);
        const int node = a.graph().find(data);
        QVERIFY(node >= 0);
        QCOMPARE(a.impact.actions[node], Action::NoOp);
        QVERIFY(!a.impact.destroyOrder.empty());
    }
}

// The plan's own counts are resource_changes alone: prior_state-only nodes are in no count,
// no list and no total.
void TestImpact::priorStateOnlyCounts()
{
    const Analysis a = analyse(
        mustLoad(fixture(QStringLiteral("plan-targeted-prior-state.json"))), defaultRules());
    QCOMPARE(a.document().resources.size(), size_t(6));
    QCOMPARE(a.impact.countsLine(),
        QStringLiteral("0 delete, 0 replace, 0 create, 1 update, 0 read, 0 no-op, 0 forget"));
    QCOMPARE(a.impact.countedNodes(), 1);
    const QJsonObject report
        = QJsonDocument::fromJson(renderReport(a, defaultRules(), ReportFormat::Json)).object();
    QCOMPARE(
        report.value(QStringLiteral("summary")).toObject().value(QStringLiteral("no_op")).toInt(),
        0);
    QCOMPARE(
        report.value(QStringLiteral("summary")).toObject().value(QStringLiteral("update")).toInt(),
        1);
    QCOMPARE(report.value(QStringLiteral("resources")).toArray().size(), 1);
    const int vpc = a.graph().find(QStringLiteral("aws_vpc.main"));
    QVERIFY(vpc >= 0);
    QVERIFY(!a.impact.counted(vpc));
    QVERIFY(a.impact.reasonsOf(a.document(), vpc)
                .join(QString())
                .contains(QLatin1String("prior_state")));
    // A what-if counts every node: what it destroys and what it leaves.
    const Analysis w = analyseWhatIf(a, defaultRules(), {QStringLiteral("aws_db_instance.main")});
    QCOMPARE(w.impact.count(Action::Delete), 1);
    QCOMPARE(w.impact.count(Action::NoOp), 5);
    QVERIFY2(w.headline(defaultRules()).contains(QLatin1String("1 of 6 resources")),
        qPrintable(w.headline(defaultRules())));
}

void TestImpact::whatIfOnASharedDocument_data()
{
    QTest::addColumn<QString>("path");
    for (const char *name : {"plan-db-replace.json", "plan-modules.json",
             "state-v4-current.tfstate", "plan-sensitive.json", "state-show.json",
             "plan-module-instances-destroy-edges.json", "plan-targeted-prior-state.json"})
        QTest::newRow(name) << fixture(QLatin1String(name));
    BG_REQUIRE_CORPUS();
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

// A what-if on the document and graph of an analysis already made (what the desktop app does)
// says exactly what a what-if on the file itself says.
void TestImpact::whatIfOnASharedDocument()
{
    QFETCH(QString, path);
    Result<Document> r = loadDocument(path);
    if (!r.ok())
        return;
    const Analysis base = analyse(*r, defaultRules());
    QStringList targets;
    if (!base.document().resources.empty())
        targets.append(base.document().resources.front().id);
    for (const QStringList &t :
        {QStringList(), targets, QStringList {QStringLiteral("aws_nope.x")}}) {
        QStringList unknownShared, unknownOwn;
        const Analysis shared = analyseWhatIf(base, defaultRules(), t, &unknownShared);
        const Analysis own = analyseWhatIf(*r, defaultRules(), t, &unknownOwn);
        QVERIFY(shared.shared == base.shared); // shared, not copied
        QCOMPARE(unknownShared, unknownOwn);
        QCOMPARE(renderReport(shared, defaultRules(), ReportFormat::Json),
            renderReport(own, defaultRules(), ReportFormat::Json));
    }
}

// Each node's chain length and last node, in one pass, as chain() walks them: to a root, and
// once round a cycle (linkChains leaves one among destroyed nodes in a cycle).
void TestImpact::chainEnds()
{
    Document doc;
    for (int i = 0; i < 7; ++i) {
        Resource r;
        r.id = QStringLiteral("r%1").arg(i);
        doc.resources.push_back(r);
    }
    Impact impact;
    impact.via = {1, 2, 0, 0, -1, 4, 5}; // 0 -> 1 -> 2 -> 0; 3 into it; 6 -> 5 -> 4
    const Impact::ChainEnds ends = impact.chainEnds();
    for (int i = 0; i < 7; ++i) {
        const QStringList chain = impact.chain(doc, i);
        QCOMPARE(ends.length[size_t(i)], int(chain.size()));
        QCOMPARE(doc.resources[size_t(ends.last[size_t(i)])].id, chain.last());
        QCOMPARE(impact.chain(doc, i, 20, ends), chain);
        // Cut to 2: the first and the last.
        if (chain.size() > 2)
            QCOMPARE(impact.chain(doc, i, 2, ends), (QStringList {chain.first(), chain.last()}));
    }
    QCOMPARE(std::vector<int>(ends.length.begin(), ends.length.end()),
        (std::vector<int> {3, 3, 3, 4, 1, 2, 3}));
}

// A line of 30 replacements, each pulled in by the next: a reason shows the start of its chain,
// how many are left out and its end; the JSON report lists 20 addresses and the length. Every
// chain in full made a line of 20,000 take gigabytes (the gate ran out of memory).
void TestImpact::longChainsCut()
{
    constexpr int Line = 30;
    QJsonArray changes;
    QJsonArray prior;
    for (int i = 0; i < Line; ++i) {
        const QString address = QStringLiteral("aws_instance.r%1").arg(i);
        changes.append(QJsonObject {{QStringLiteral("address"), address},
            {QStringLiteral("mode"), QStringLiteral("managed")},
            {QStringLiteral("type"), QStringLiteral("aws_instance")},
            {QStringLiteral("name"), QStringLiteral("r%1").arg(i)},
            {QStringLiteral("change"),
                QJsonObject {{QStringLiteral("actions"),
                                 QJsonArray {QStringLiteral("delete"), QStringLiteral("create")}},
                    {QStringLiteral("before"), QJsonObject {}},
                    {QStringLiteral("after"), QJsonObject {}}}}});
        QJsonObject state {{QStringLiteral("address"), address},
            {QStringLiteral("mode"), QStringLiteral("managed")},
            {QStringLiteral("type"), QStringLiteral("aws_instance")},
            {QStringLiteral("name"), QStringLiteral("r%1").arg(i)},
            {QStringLiteral("values"), QJsonObject {}}};
        if (i + 1 < Line)
            state.insert(QStringLiteral("depends_on"),
                QJsonArray {QStringLiteral("aws_instance.r%1").arg(i + 1)});
        prior.append(state);
    }
    const QJsonObject plan {{QStringLiteral("format_version"), QStringLiteral("1.2")},
        {QStringLiteral("resource_changes"), changes},
        {QStringLiteral("prior_state"),
            QJsonObject {{QStringLiteral("values"),
                QJsonObject {{QStringLiteral("root_module"),
                    QJsonObject {{QStringLiteral("resources"), prior}}}}}}}};
    const auto a = sharedAnalysisOfJson(QJsonDocument(plan).toJson(QJsonDocument::Compact));
    QVERIFY(a);
    const int first = a->graph().find(QStringLiteral("aws_instance.r0"));
    const QString reasons = a->impact.reasonsOf(a->document(), first).join(QLatin1Char('\n'));
    const QString expected = QStringLiteral("(aws_instance.r0 → aws_instance.r1 → ")
        + QStringLiteral("aws_instance.r2 → aws_instance.r3 → aws_instance.r4 → aws_instance.r5 → ")
        + QStringLiteral("aws_instance.r6 → aws_instance.r7 → aws_instance.r8 → aws_instance.r9 → ")
        + QStringLiteral("aws_instance.r10 → … 18 more … → aws_instance.r29)");
    QVERIFY2(reasons.contains(expected), qPrintable(reasons));
    const QJsonArray resources
        = QJsonDocument::fromJson(renderReport(*a, defaultRules(), ReportFormat::Json))
              .object()
              .value(QStringLiteral("resources"))
              .toArray();
    QCOMPARE(resources.size(), Line);
    for (const QJsonValue &value : resources) {
        const QJsonObject r = value.toObject();
        const QString address = r.value(QStringLiteral("address")).toString();
        const int length = Line - address.mid(int(qstrlen("aws_instance.r"))).toInt();
        if (length == 1) { // the end of the line: pulled in by nothing
            QVERIFY(!r.contains(QStringLiteral("chain")));
            continue;
        }
        const QJsonArray chain = r.value(QStringLiteral("chain")).toArray();
        QCOMPARE(chain.size(), std::min(length, 20));
        QCOMPARE(chain.first().toString(), address);
        QCOMPARE(chain.last().toString(), QStringLiteral("aws_instance.r29"));
        QCOMPARE(r.contains(QStringLiteral("chain_length")), length > 20);
        if (length > 20)
            QCOMPARE(r.value(QStringLiteral("chain_length")).toInt(), length);
    }
}

// A dependency reason is told when read, from `via` as it is then: a counterfactual that
// points a node at another destroyed dependency, or at none, reads that chain, or none.
void TestImpact::dependencyReasonFollowsVia()
{
    const auto a = sharedAnalysisOfJson(R"({"format_version":"1.2","resource_changes":[
        {"address":"aws_instance.a","type":"aws_instance","name":"a","change":{"actions":["delete","create"],"before":{}}},
        {"address":"aws_instance.b","type":"aws_instance","name":"b","change":{"actions":["delete","create"],"before":{}}},
        {"address":"aws_instance.c","type":"aws_instance","name":"c","change":{"actions":["delete","create"],"before":{}}}
      ],
      "prior_state":{"values":{"root_module":{"resources":[
        {"address":"aws_instance.a","mode":"managed","type":"aws_instance","name":"a","values":{},"depends_on":["aws_instance.b"]},
        {"address":"aws_instance.b","mode":"managed","type":"aws_instance","name":"b","values":{},"depends_on":["aws_instance.c"]},
        {"address":"aws_instance.c","mode":"managed","type":"aws_instance","name":"c","values":{}}
      ]}}}})");
    QVERIFY(a);
    const int first = a->graph().find(QStringLiteral("aws_instance.a"));
    const int last = a->graph().find(QStringLiteral("aws_instance.c"));
    QCOMPARE(a->impact.reasonsOf(a->document(), first).join(QLatin1Char('|')),
        QStringLiteral("depends on aws_instance.b, which is replaced (aws_instance.a → "
                       "aws_instance.b → aws_instance.c)"));
    Impact impact = a->impact;
    impact.via[size_t(first)] = last;
    impact.ends = impact.chainEnds();
    QCOMPARE(impact.reasonsOf(a->document(), first).join(QLatin1Char('|')),
        QStringLiteral("depends on aws_instance.c, which is replaced (aws_instance.a → "
                       "aws_instance.c)"));
    impact.via[size_t(first)] = -1;
    impact.ends = impact.chainEnds();
    QCOMPARE(impact.reasonsOf(a->document(), first), QStringList());
    // What is stored in its place is never read as words.
    for (int i = 0; i < int(a->document().resources.size()); ++i) {
        for (const QString &reason : a->impact.reasonsOf(a->document(), i))
            QVERIFY2(!reason.contains(QChar(1)), qPrintable(reason));
    }
}

// A ring of destroyed nodes through a hub: a queue depends on a group of 12 (reached through
// the group's hub), each of the 12 on the queue. No node is a root, so each node's chain link
// is its first destroyed dependency in file order, the first dependencies() lists (linkChains
// finds it without listing them).
void TestImpact::ringThroughAHub()
{
    QByteArray changes, prior;
    const auto add = [&](const QByteArray &type, const QByteArray &name, int index,
                         const QByteArray &dependsOn) {
        const QByteArray key = index < 0 ? QByteArray() : ",\"index\":" + QByteArray::number(index);
        const QByteArray address = type + '.' + name
            + (index < 0 ? QByteArray() : '[' + QByteArray::number(index) + ']');
        changes += QByteArray(changes.isEmpty() ? "" : ",") + R"({"address":")" + address
            + R"(","type":")" + type + R"(","name":")" + name + '"' + key
            + R"(,"change":{"actions":["delete"],"before":{}}})";
        prior += QByteArray(prior.isEmpty() ? "" : ",") + R"({"address":")" + address
            + R"(","mode":"managed","type":")" + type + R"(","name":")" + name + '"' + key
            + R"(,"values":{},"depends_on":[")" + dependsOn + R"("]})";
    };
    add("aws_sqs_queue", "q", -1, "aws_sns_topic.g");
    for (int i = 0; i < 12; ++i)
        add("aws_sns_topic", "g", i, "aws_sqs_queue.q");
    const auto a = sharedAnalysisOfJson(R"({"format_version":"1.2","resource_changes":[)" + changes
        + R"(],"prior_state":{"values":{"root_module":{"resources":[)" + prior + "]}}}}");
    QVERIFY(a);
    const DependencyGraph &g = a->graph();
    QVERIFY2(g.vertexCount() > g.size(), "the group is reached through a hub");
    QCOMPARE(g.size(), 13);
    for (int i = 0; i < g.size(); ++i) {
        QVERIFY(a->impact.destroys(i));
        const std::vector<int> deps = g.dependencies(i);
        const auto first
            = std::find_if(deps.begin(), deps.end(), [&](int d) { return a->impact.destroys(d); });
        QVERIFY(first != deps.end());
        QCOMPARE(a->impact.via[size_t(i)], *first);
    }
    QCOMPARE(a->impact.via[size_t(g.find(QStringLiteral("aws_sqs_queue.q")))],
        g.find(QStringLiteral("aws_sns_topic.g[0]")));
}

QTEST_GUILESS_MAIN(TestImpact)
#include "tst_impact.moc"
