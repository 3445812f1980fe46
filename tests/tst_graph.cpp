// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The dependency graph: edges from state dependencies and from configuration references
// (through module calls, outputs and variables, expanded to instances); dangling references
// and cycles are warnings; the destroy order respects every edge, on every corpus file.
#include "core/graph/graph.h"
#include "testutils.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <set>

using namespace bg::core;
using namespace bg::tests;

// Declared before the inline JSON below: moc stops reading at raw string literals.
class TestGraph : public QObject {
    Q_OBJECT

private slots:
    void stateDependencies();
    void configurationReferences();
    void extendedReferencesDropped_data();
    void extendedReferencesDropped();
    void expressionsOfManyTargets();
    void sameExpressionInTwoModules();
    void namedOutputsAndResourcesOfAnySize_data();
    void namedOutputsAndResourcesOfAnySize();
    void unresolvedNamedOnce();
    void modulesFixture();
    void match();
    void destroyEdgesAcrossModuleInstances();
    void destroyEdgesThroughHubs();
    void sameModuleGroupsThroughHubs();
    void setsThroughHubs();
    void moduleDependsOn();
    void unkeyedModuleTargets();
    void priorStateOnlyNodes();
    void destroyOrderOnCorpus_data();
    void destroyOrderOnCorpus();
};

namespace {

using Edge = std::pair<QString, QString>; // from depends on to

// Sorted "from -> to" lines, so that a failed comparison shows the first difference.
QStringList lines(const std::set<Edge> &edges)
{
    QStringList out;
    for (const auto &[from, to] : edges)
        out.append(from + QStringLiteral(" -> ") + to);
    return out;
}

QStringList edgesOf(const Document &doc, const DependencyGraph &g)
{
    std::set<Edge> edges;
    for (int i = 0; i < g.size(); ++i) {
        for (int d : g.dependencies(i))
            edges.emplace(doc.resources[i].id, doc.resources[d].id);
    }
    return lines(edges);
}

Document fromText(const char *json)
{
    Result<Document> r = loadDocumentFromBytes(QByteArray(json), QStringLiteral("inline.json"));
    if (!r.ok())
        qFatal("%s", qPrintable(r.error().toString()));
    return std::move(r.value());
}

const char *const StateWithDependencies = R"({
  "version": 4, "terraform_version": "1.5.7", "serial": 3, "lineage": "l-1",
  "resources": [
    {"mode": "managed", "type": "aws_vpc", "name": "main", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"attributes": {"id": "vpc-1"}}]},
    {"mode": "managed", "type": "aws_subnet", "name": "a", "provider": "p",
     "instances": [{"index_key": 0, "attributes": {"id": "s-0"}, "dependencies": ["aws_vpc.main"]},
                   {"index_key": 1, "attributes": {"id": "s-1"}, "dependencies": ["aws_vpc.main"]}]},
    {"module": "module.app[\"x\"]", "mode": "managed", "type": "aws_instance", "name": "web", "provider": "p",
     "instances": [{"attributes": {"id": "i-1"}, "dependencies": ["aws_subnet.a", "aws_instance.gone", "module.app[\"x\"].aws_instance.web"]},
                   {"deposed": "00aa11bb", "attributes": {"id": "i-0"}}]},
    {"mode": "data", "type": "aws_ami", "name": "ubuntu", "provider": "p", "instances": [{"attributes": {"id": "ami-1"}}]},
    {"mode": "managed", "type": "null_resource", "name": "p", "provider": "p",
     "instances": [{"attributes": {"id": "1"}, "dependencies": ["null_resource.q"]}]},
    {"mode": "managed", "type": "null_resource", "name": "q", "provider": "p",
     "instances": [{"attributes": {"id": "2"}, "dependencies": ["null_resource.p"]}]}
  ]
})";

} // namespace

void TestGraph::stateDependencies()
{
    const Document doc = fromText(StateWithDependencies);
    const DependencyGraph g = DependencyGraph::build(doc);
    const QStringList edges = edgesOf(doc, g);
    const std::set<Edge> expected = {
        {"aws_subnet.a[0]", "aws_vpc.main"},
        {"aws_subnet.a[1]", "aws_vpc.main"},
        {"module.app[\"x\"].aws_instance.web", "aws_subnet.a[0]"},
        {"module.app[\"x\"].aws_instance.web", "aws_subnet.a[1]"},
        // the deposed object hangs on what its current object depends on
        {"module.app[\"x\"].aws_instance.web (deposed object 00aa11bb)", "aws_subnet.a[0]"},
        {"module.app[\"x\"].aws_instance.web (deposed object 00aa11bb)", "aws_subnet.a[1]"},
        {"null_resource.p", "null_resource.q"},
        {"null_resource.q", "null_resource.p"},
    };
    QCOMPARE(edges, lines(expected));
    const QString warnings = g.warnings().join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QLatin1String("aws_instance.gone")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QLatin1String("cycle")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QLatin1String("null_resource.p")), qPrintable(warnings));
}

void TestGraph::configurationReferences()
{
    // References as Terraform writes them: the keyed form and the plain one for one use.
    const Document doc = fromText(R"({
      "format_version": "1.2",
      "resource_changes": [
        {"address": "aws_instance.a[0]", "type": "aws_instance", "name": "a", "index": 0, "change": {"actions": ["create"]}},
        {"address": "aws_instance.a[1]", "type": "aws_instance", "name": "a", "index": 1, "change": {"actions": ["create"]}},
        {"address": "aws_eip.one", "type": "aws_eip", "name": "one", "change": {"actions": ["create"]}},
        {"address": "aws_eip.all", "type": "aws_eip", "name": "all", "change": {"actions": ["create"]}},
        {"address": "module.m[\"k\"].aws_sg.s", "module_address": "module.m[\"k\"]", "type": "aws_sg", "name": "s", "change": {"actions": ["create"]}},
        {"address": "module.m[\"j\"].aws_sg.s", "module_address": "module.m[\"j\"]", "type": "aws_sg", "name": "s", "change": {"actions": ["create"]}},
        {"address": "module.m[\"k\"].aws_rule.r", "module_address": "module.m[\"k\"]", "type": "aws_rule", "name": "r", "change": {"actions": ["create"]}},
        {"address": "module.m[\"j\"].aws_rule.r", "module_address": "module.m[\"j\"]", "type": "aws_rule", "name": "r", "change": {"actions": ["create"]}},
        {"address": "aws_dns.d", "type": "aws_dns", "name": "d", "change": {"actions": ["create"]}}
      ],
      "configuration": {"root_module": {
        "resources": [
          {"address": "aws_instance.a", "mode": "managed", "type": "aws_instance", "name": "a",
           "expressions": {"ami": {"constant_value": "ami-1"}}, "count_expression": {"constant_value": 2}},
          {"address": "aws_eip.one", "mode": "managed", "type": "aws_eip", "name": "one",
           "expressions": {"instance": {"references": ["aws_instance.a[1].id", "aws_instance.a[1]", "aws_instance.a"]}}},
          {"address": "aws_eip.all", "mode": "managed", "type": "aws_eip", "name": "all",
           "expressions": {"tags": {"references": ["aws_instance.a", "local.tags", "var.env", "each.key", "path.module"]}}},
          {"address": "aws_dns.d", "mode": "managed", "type": "aws_dns", "name": "d",
           "expressions": {"records": {"references": ["module.m[\"k\"].sg_id", "module.m[\"k\"]", "module.m"]},
                           "zone": {"references": ["aws_zone.missing.id", "aws_zone.missing"]}}}
        ],
        "module_calls": {"m": {"source": "./m", "for_each_expression": {"references": ["var.names"]},
          "expressions": {"instance_ids": {"references": ["aws_instance.a"]}},
          "module": {
            "outputs": {"sg_id": {"expression": {"references": ["aws_sg.s.id", "aws_sg.s"]}}},
            "resources": [
              {"address": "aws_sg.s", "mode": "managed", "type": "aws_sg", "name": "s",
               "expressions": {"depends": {"references": ["var.instance_ids"]}}},
              {"address": "aws_rule.r", "mode": "managed", "type": "aws_rule", "name": "r",
               "expressions": {"sg": {"references": ["aws_sg.s.id", "aws_sg.s"]}}}
            ],
            "variables": {"instance_ids": {}}
          }}}
      }}
    })");
    const DependencyGraph g = DependencyGraph::build(doc);
    const std::set<Edge> expected = {
        {"aws_eip.one", "aws_instance.a[1]"},
        {"aws_eip.all", "aws_instance.a[0]"},
        {"aws_eip.all", "aws_instance.a[1]"},
        // a variable resolves in the parent, to every instance there
        {"module.m[\"k\"].aws_sg.s", "aws_instance.a[0]"},
        {"module.m[\"k\"].aws_sg.s", "aws_instance.a[1]"},
        {"module.m[\"j\"].aws_sg.s", "aws_instance.a[0]"},
        {"module.m[\"j\"].aws_sg.s", "aws_instance.a[1]"},
        // inside a module instance, a reference stays inside that instance
        {"module.m[\"k\"].aws_rule.r", "module.m[\"k\"].aws_sg.s"},
        {"module.m[\"j\"].aws_rule.r", "module.m[\"j\"].aws_sg.s"},
        // a keyed module output reaches only that instance
        {"aws_dns.d", "module.m[\"k\"].aws_sg.s"},
    };
    QCOMPARE(edgesOf(doc, g), lines(expected));
    const QString warnings = g.warnings().join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QLatin1String("aws_zone.missing")), qPrintable(warnings));
    QVERIFY2(!warnings.contains(QLatin1String("local.tags")), qPrintable(warnings));
}

// Of the references one use lists ("aws_instance.a[1].id", "aws_instance.a[1]",
// "aws_instance.a"), only the most specific says what is used. A few references are compared
// pair by pair, more through a set of cuts: both ways drop the same ones. "aws_instance.ab"
// does not extend "aws_instance.a", nor "aws_instance.a1" "aws_instance.a".
void TestGraph::extendedReferencesDropped_data()
{
    QTest::addColumn<int>("padding");
    QTest::newRow("few references, compared pair by pair") << 0;
    QTest::newRow("many references, looked up as cuts") << 12;
}

void TestGraph::extendedReferencesDropped()
{
    QFETCH(int, padding);
    QStringList references = {QStringLiteral("aws_instance.a[1].id"),
        QStringLiteral("aws_instance.a[1]"), QStringLiteral("aws_instance.a"),
        QStringLiteral("aws_eip.ab"), QStringLiteral("aws_eip.a")};
    for (int i = 0; i < padding; ++i)
        references.append(QStringLiteral("var.v%1").arg(i));
    const QString configuration = QStringLiteral(R"({"root_module": {"resources": [
          {"address": "aws_instance.a", "mode": "managed", "type": "aws_instance", "name": "a",
           "count_expression": {"constant_value": 2}},
          {"address": "aws_eip.a", "mode": "managed", "type": "aws_eip", "name": "a"},
          {"address": "aws_eip.ab", "mode": "managed", "type": "aws_eip", "name": "ab"},
          {"address": "aws_dns.d", "mode": "managed", "type": "aws_dns", "name": "d",
           "expressions": {"records": {"references": ["%1"]}}}]}})")
                                      .arg(references.join(QLatin1String("\", \"")));
    const Document doc = fromText(QStringLiteral(R"({
      "format_version": "1.2",
      "resource_changes": [
        {"address": "aws_instance.a[0]", "type": "aws_instance", "name": "a", "index": 0, "change": {"actions": ["create"]}},
        {"address": "aws_instance.a[1]", "type": "aws_instance", "name": "a", "index": 1, "change": {"actions": ["create"]}},
        {"address": "aws_eip.a", "type": "aws_eip", "name": "a", "change": {"actions": ["create"]}},
        {"address": "aws_eip.ab", "type": "aws_eip", "name": "ab", "change": {"actions": ["create"]}},
        {"address": "aws_dns.d", "type": "aws_dns", "name": "d", "change": {"actions": ["create"]}}
      ],
      "configuration": %1
    })")
                                      .arg(configuration)
                                      .toUtf8()
                                      .constData());
    const DependencyGraph g = DependencyGraph::build(doc);
    const std::set<Edge> expected = {
        {"aws_dns.d", "aws_eip.a"},
        {"aws_dns.d", "aws_eip.ab"},
        {"aws_dns.d", "aws_instance.a[1]"},
    };
    QCOMPARE(edgesOf(doc, g), lines(expected));
}

// An expression that resolves to many targets (a module output listing many resources) is
// worked out once per module instance and shared through a hub: the edges, hubs expanded, are
// each source's to every instance it names. Two instances of module m hold ten queues and a
// counted group of twelve; its output "all" lists the queues and the whole group. A keyed call
// reaches one instance's, an unkeyed one both; inside, a keyed reference picks one instance
// of the group, and a resource that names itself among the others gets no edge to itself.
void TestGraph::expressionsOfManyTargets()
{
    QString changes, queues, outputRefs, userRefs, selfRefs;
    const auto change = [&](const QString &address, const QString &module, const QString &type,
                            const QString &name, const QString &index) {
        changes += QStringLiteral(R"({"address": "%1", "module_address": "%2", "type": "%3",
            "name": "%4"%5, "change": {"actions": ["create"]}},)")
                       .arg(address, module, type, name, index);
    };
    for (const char *k : {"a", "b"}) {
        const QString module = QStringLiteral("module.m[\\\"%1\\\"]").arg(QLatin1String(k));
        for (int i = 0; i < 10; ++i)
            change(QStringLiteral("%1.aws_q.r%2").arg(module).arg(i), module,
                QStringLiteral("aws_q"), QStringLiteral("r%1").arg(i), QString());
        for (int i = 0; i < 12; ++i)
            change(QStringLiteral("%1.aws_big.g[%2]").arg(module).arg(i), module,
                QStringLiteral("aws_big"), QStringLiteral("g"),
                QStringLiteral(R"(, "index": %1)").arg(i));
        change(QStringLiteral("%1.aws_user.u").arg(module), module, QStringLiteral("aws_user"),
            QStringLiteral("u"), QString());
    }
    for (const char *name : {"x", "y"})
        changes += QStringLiteral(R"({"address": "aws_root.%1", "type": "aws_root", "name": "%1",
            "change": {"actions": ["create"]}},)")
                       .arg(QLatin1String(name));
    changes.chop(1);
    for (int i = 0; i < 10; ++i) {
        queues += QStringLiteral(R"({"address": "aws_q.r%1", "mode": "managed", "type": "aws_q",
            "name": "r%1"%2},)")
                      .arg(i)
                      .arg(i == 9 ? QStringLiteral(
                               R"(, "expressions": {"peers": {"references": [%1]}})")
                                  : QString());
        outputRefs += QStringLiteral(R"("aws_q.r%1.arn", "aws_q.r%1", )").arg(i);
        userRefs += QStringLiteral(R"("aws_q.r%1.arn", )").arg(i);
        selfRefs += QStringLiteral(R"("aws_q.r%1.id", )").arg(i);
    }
    selfRefs.chop(2);
    queues.replace(QLatin1String("[%1]"), QLatin1Char('[') + selfRefs + QLatin1Char(']'));
    const QString plan = QStringLiteral(R"({"format_version": "1.2", "resource_changes": [%1],
      "configuration": {"root_module": {
        "resources": [
          {"address": "aws_root.x", "mode": "managed", "type": "aws_root", "name": "x",
           "expressions": {"in": {"references": ["module.m[\"a\"].all", "module.m[\"a\"]", "module.m"]}}},
          {"address": "aws_root.y", "mode": "managed", "type": "aws_root", "name": "y",
           "expressions": {"in": {"references": ["module.m.all", "module.m"]}}}],
        "module_calls": {"m": {"source": "./m", "for_each_expression": {"references": ["var.k"]},
          "module": {
            "outputs": {"all": {"expression": {"references": [%2"aws_big.g"]}}},
            "resources": [%3
              {"address": "aws_big.g", "mode": "managed", "type": "aws_big", "name": "g",
               "count_expression": {"constant_value": 12}},
              {"address": "aws_user.u", "mode": "managed", "type": "aws_user", "name": "u",
               "expressions": {"q": {"references": [%4"aws_big.g[3].id", "aws_big.g[3]", "aws_big.g"]}}}]
          }}}}}})")
                             .arg(changes, outputRefs, queues, userRefs);
    const Document doc = fromText(plan.toUtf8().constData());
    const DependencyGraph g = DependencyGraph::build(doc);
    QVERIFY2(g.vertexCount() > g.size(), "the many targets go through hubs");
    std::set<Edge> expected;
    for (const char *k : {"a", "b"}) {
        const QString module = QStringLiteral("module.m[\"%1\"]").arg(QLatin1String(k));
        QStringList all;
        for (int i = 0; i < 10; ++i)
            all.append(QStringLiteral("%1.aws_q.r%2").arg(module).arg(i));
        for (int i = 0; i < 12; ++i)
            all.append(QStringLiteral("%1.aws_big.g[%2]").arg(module).arg(i));
        for (const QString &to : std::as_const(all)) {
            if (*k == 'a')
                expected.emplace(QStringLiteral("aws_root.x"), to);
            expected.emplace(QStringLiteral("aws_root.y"), to);
        }
        const QString user = module + QStringLiteral(".aws_user.u");
        for (int i = 0; i < 10; ++i) {
            expected.emplace(user, all[i]);
            if (i < 9)
                expected.emplace(module + QStringLiteral(".aws_q.r9"), all[i]);
        }
        expected.emplace(user, module + QStringLiteral(".aws_big.g[3]"));
    }
    QCOMPARE(edgesOf(doc, g), lines(expected));
    QCOMPARE(g.edgeCount(), qint64(expected.size()));
    // No cycle: the queue that names itself does not reach itself through the hub.
    QCOMPARE(g.warnings(), QStringList());
}

// An expression through a module's outputs or variables is resolved once per module: the
// same words in two modules lead to each module's own resources.
void TestGraph::sameExpressionInTwoModules()
{
    // One module's source called twice, each call passing another root resource.
    const auto call = [](const QString &root) {
        return QStringLiteral(
            R"({"source": "./m", "expressions": {"v": {"references": ["aws_root.%1.id", "aws_root.%1"]}},
                "module": {"resources": [{"address": "aws_r.x", "mode": "managed", "type": "aws_r", "name": "x",
                             "expressions": {"in": {"references": ["module.inner.out", "module.inner"]},
                                             "v": {"references": ["var.v"]}}}],
                           "module_calls": {"inner": {"source": "./i", "module": {
                             "outputs": {"out": {"expression": {"references": ["aws_s.s.id", "aws_s.s"]}}},
                             "resources": [{"address": "aws_s.s", "mode": "managed", "type": "aws_s", "name": "s"}]}}},
                           "variables": {"v": {}}}})")
            .arg(root);
    };
    const Document doc = fromText(QStringLiteral(R"({
      "format_version": "1.2",
      "resource_changes": [
        {"address": "aws_root.one", "type": "aws_root", "name": "one", "change": {"actions": ["create"]}},
        {"address": "aws_root.two", "type": "aws_root", "name": "two", "change": {"actions": ["create"]}},
        {"address": "module.a.aws_r.x", "module_address": "module.a", "type": "aws_r", "name": "x", "change": {"actions": ["create"]}},
        {"address": "module.b.aws_r.x", "module_address": "module.b", "type": "aws_r", "name": "x", "change": {"actions": ["create"]}},
        {"address": "module.a.module.inner.aws_s.s", "module_address": "module.a.module.inner", "type": "aws_s", "name": "s", "change": {"actions": ["create"]}},
        {"address": "module.b.module.inner.aws_s.s", "module_address": "module.b.module.inner", "type": "aws_s", "name": "s", "change": {"actions": ["create"]}}
      ],
      "configuration": {"root_module": {
        "resources": [
          {"address": "aws_root.one", "mode": "managed", "type": "aws_root", "name": "one"},
          {"address": "aws_root.two", "mode": "managed", "type": "aws_root", "name": "two"}],
        "module_calls": {"a": %1, "b": %2}}}
    })")
                                      .arg(call(QStringLiteral("one")), call(QStringLiteral("two")))
                                      .toUtf8()
                                      .constData());
    const DependencyGraph g = DependencyGraph::build(doc);
    const std::set<Edge> expected = {
        {"module.a.aws_r.x", "aws_root.one"},
        {"module.a.aws_r.x", "module.a.module.inner.aws_s.s"},
        {"module.b.aws_r.x", "aws_root.two"},
        {"module.b.aws_r.x", "module.b.module.inner.aws_s.s"},
    };
    QCOMPARE(edgesOf(doc, g), lines(expected));
}

void TestGraph::namedOutputsAndResourcesOfAnySize_data()
{
    QTest::addColumn<int>("size");
    for (int size : {1, 8, 9, 30})
        QTest::addRow("%d", size) << size;
}

// A module of SIZE resources and SIZE outputs (output oK reads resource sK): a named output
// reaches its own resource only, and a resource of the module reaches its sibling by name,
// whether the module's names are looked up one by one (a few) or through an index (many).
void TestGraph::namedOutputsAndResourcesOfAnySize()
{
    QFETCH(int, size);
    const int last = size - 1;
    QStringList changes, resources, outputs;
    const auto change = [](const QString &address, const QString &module, const QString &type,
                            const QString &name) {
        return QStringLiteral(R"({"address": "%1", %2"type": "%3", "name": "%4",
                                  "change": {"actions": ["create"]}})")
            .arg(address,
                module.isEmpty() ? QString()
                                 : QStringLiteral(R"("module_address": "%1", )").arg(module),
                type, name);
    };
    for (int k = 0; k < size; ++k) {
        const QString s = QStringLiteral("s%1").arg(k);
        changes << change(QStringLiteral("module.m.aws_s.") + s, QStringLiteral("module.m"),
            QStringLiteral("aws_s"), s);
        resources << QStringLiteral(
            R"({"address": "aws_s.%1", "mode": "managed", "type": "aws_s", "name": "%1"})")
                         .arg(s);
        outputs << QStringLiteral(
            R"("o%1": {"expression": {"references": ["aws_s.s%1.id", "aws_s.s%1"]}})")
                       .arg(k);
    }
    changes << change(QStringLiteral("module.m.aws_t.t"), QStringLiteral("module.m"),
        QStringLiteral("aws_t"), QStringLiteral("t"));
    resources << QStringLiteral(R"({"address": "aws_t.t", "mode": "managed", "type": "aws_t",
        "name": "t", "expressions": {"x": {"references": ["aws_s.s%1.id", "aws_s.s%1"]},
                                     "y": {"references": ["aws_s.gone"]}}})")
                     .arg(last);
    changes << change(
        QStringLiteral("aws_root.r"), QString(), QStringLiteral("aws_root"), QStringLiteral("r"));
    const QByteArray json
        = QStringLiteral(R"({"format_version": "1.2", "resource_changes": [%1],
      "configuration": {"root_module": {
        "resources": [{"address": "aws_root.r", "mode": "managed", "type": "aws_root", "name": "r",
                       "expressions": {"x": {"references": ["module.m.o%2", "module.m"]},
                                       "y": {"references": ["module.m.o0", "module.m"]},
                                       "z": {"references": ["module.m.gone", "module.m"]}}}],
        "module_calls": {"m": {"source": "./m", "module": {"resources": [%3], "outputs": {%4}}}}}}})")
              .arg(changes.join(QLatin1Char(',')))
              .arg(last)
              .arg(resources.join(QLatin1Char(',')), outputs.join(QLatin1Char(',')))
              .toUtf8();
    const Document doc = fromText(json.constData());
    const DependencyGraph g = DependencyGraph::build(doc);
    std::set<Edge> expected = {
        {QStringLiteral("aws_root.r"), QStringLiteral("module.m.aws_s.s0")},
        {QStringLiteral("aws_root.r"), QStringLiteral("module.m.aws_s.s%1").arg(last)},
        {QStringLiteral("module.m.aws_t.t"), QStringLiteral("module.m.aws_s.s%1").arg(last)},
    };
    QCOMPARE(edgesOf(doc, g), lines(expected));
    QVERIFY2(g.warnings().join(QLatin1Char('\n')).contains(QLatin1String("aws_s.gone")),
        qPrintable(g.warnings().join(QLatin1Char('\n'))));
}

// A reference that leads to no resource is named once in the warning, however many uses it
// has (aws_zone.gone alone twice), in the order first met; each text as written.
void TestGraph::unresolvedNamedOnce()
{
    const Document doc = fromText(R"({
      "format_version": "1.2",
      "resource_changes": [
        {"address": "aws_a.a", "type": "aws_a", "name": "a", "change": {"actions": ["create"]}},
        {"address": "aws_b.b", "type": "aws_b", "name": "b", "change": {"actions": ["create"]}}
      ],
      "configuration": {"root_module": {"resources": [
        {"address": "aws_a.a", "mode": "managed", "type": "aws_a", "name": "a",
         "expressions": {"x": {"references": ["aws_zone.gone.id", "aws_zone.gone"]},
                         "y": {"references": ["aws_zone.gone"]}}},
        {"address": "aws_b.b", "mode": "managed", "type": "aws_b", "name": "b",
         "expressions": {"x": {"references": ["aws_zone.other"]},
                         "y": {"references": ["aws_zone.gone.arn", "aws_zone.gone"]},
                         "z": {"references": ["aws_zone.gone"]}}}]}}
    })");
    const DependencyGraph g = DependencyGraph::build(doc);
    QCOMPARE(g.warnings(),
        QStringList {QStringLiteral("4 configuration references could not be resolved to a "
                                    "resource: aws_zone.gone.id, aws_zone.gone, aws_zone.other, "
                                    "aws_zone.gone.arn")});
}

void TestGraph::modulesFixture()
{
    const QString path = fixture(QStringLiteral("plan-modules.json"));
    if (!QFileInfo::exists(path))
        QSKIP("plan-modules.json not written yet");
    const Document doc = mustLoad(path);
    const DependencyGraph g = DependencyGraph::build(doc);
    const QJsonArray pairs
        = QJsonDocument::fromJson(readAll(fixture(QStringLiteral("plan-modules.expected.json"))))
              .object()
              .value(QStringLiteral("edges"))
              .toArray();
    std::set<Edge> expected;
    for (const QJsonValue &p : pairs)
        expected.emplace(p.toArray().at(0).toString(), p.toArray().at(1).toString());
    QVERIFY(!expected.empty());
    QCOMPARE(edgesOf(doc, g), lines(expected));
}

void TestGraph::match()
{
    const Document doc = fromText(StateWithDependencies);
    const DependencyGraph g = DependencyGraph::build(doc);
    QCOMPARE(g.match(QStringLiteral("aws_subnet.a[1]")).size(), size_t(1));
    QCOMPARE(g.match(QStringLiteral("aws_subnet.a")).size(), size_t(2));
    QCOMPARE(g.match(QStringLiteral("module.app[\"x\"]")).size(), size_t(2));
    QCOMPARE(g.match(QStringLiteral("module.app.aws_instance.web")).size(), size_t(2));
    QCOMPARE(g.match(QStringLiteral("module.app[\"x\"].aws_instance.web (deposed object 00aa11bb)"))
                 .size(),
        size_t(1));
    QVERIFY(g.match(QStringLiteral("aws_subnet.b")).empty());
    QVERIFY(g.match(QStringLiteral("module.ap")).empty());
}

QStringList dependenciesOf(const Document &doc, const DependencyGraph &g, const QString &address)
{
    QStringList out;
    const int node = g.find(address);
    if (node < 0)
        return {QStringLiteral("(no node %1)").arg(address)};
    for (int d : g.dependencies(node))
        out.append(doc.resources[d].id);
    out.sort();
    return out;
}

qint64 expandedEdges(const DependencyGraph &g)
{
    qint64 edges = 0;
    for (int i = 0; i < g.size(); ++i)
        edges += qint64(g.dependencies(i).size());
    return edges;
}

// Terraform's DestroyEdgeTransformer: a recorded dependency (a configuration address) reaches
// every instance, except between different instances of the same static module.
void TestGraph::destroyEdgesAcrossModuleInstances()
{
    const Document doc
        = mustLoad(fixture(QStringLiteral("plan-module-instances-destroy-edges.json")));
    const DependencyGraph g = DependencyGraph::build(doc);
    // module.a["x"].module.b is another static module than module.a: both instances.
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("module.a[\"x\"].module.b.aws_db_instance.db")),
        (QStringList {
            "module.a[\"x\"].aws_security_group.sg", "module.a[\"y\"].aws_security_group.sg"}));
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("module.a[\"y\"].module.b.aws_db_instance.db")),
        (QStringList {
            "module.a[\"x\"].aws_security_group.sg", "module.a[\"y\"].aws_security_group.sg"}));
    // Same static module, another instance: skipped.
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("module.a[\"x\"].aws_instance.app")),
        (QStringList {"module.a[\"x\"].aws_security_group.sg"}));
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("module.a[\"y\"].aws_instance.app")),
        (QStringList {"module.a[\"y\"].aws_security_group.sg"}));
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("module.a[\"y\"].aws_security_group.sg")),
        QStringList());
    QCOMPARE(g.edgeCount(), expandedEdges(g));
}

// Every source of one configuration address reaches its instances through one hub, so the
// graph grows with sources + instances, not their product.
void TestGraph::destroyEdgesThroughHubs()
{
    constexpr int Instances = 200;
    QByteArray state = R"({"version":4,"serial":1,"lineage":"l","resources":[)";
    for (int i = 0; i < Instances; ++i) {
        state += QStringLiteral(
            R"({"module":"module.svc[%1]","mode":"managed","type":"aws_security_group","name":"s","instances":[{"attributes":{}}]},)")
                     .arg(i)
                     .toUtf8();
        state += QStringLiteral(
            R"({"module":"module.svc[%1].module.task","mode":"managed","type":"aws_ecs_service","name":"t","instances":[{"attributes":{},"dependencies":["module.svc.aws_security_group.s"]}]},)")
                     .arg(i)
                     .toUtf8();
    }
    state.chop(1);
    state += "]}";
    const Document doc = fromText(state.constData());
    const DependencyGraph g = DependencyGraph::build(doc);
    QCOMPARE(g.size(), 2 * Instances);
    QCOMPARE(g.vertexCount(), 2 * Instances + 1); // one hub
    int direct = 0;
    for (int v = 0; v < g.vertexCount(); ++v)
        direct += int(g.vertexDependencies(v).size());
    QCOMPARE(direct, 2 * Instances); // each service to the hub, the hub to each group
    QCOMPARE(g.edgeCount(), Instances * Instances);
    QCOMPARE(
        int(g.dependencies(g.find(QStringLiteral("module.svc[7].module.task.aws_ecs_service.t")))
                .size()),
        Instances);
    QCOMPARE(int(g.dependents(g.find(QStringLiteral("module.svc[3].aws_security_group.s"))).size()),
        Instances);
    // Every service goes before every group.
    const std::vector<int> order = g.destroyOrder(std::vector<bool>(g.size(), true));
    QCOMPARE(int(order.size()), g.size());
    for (int k = 0; k < Instances; ++k)
        QCOMPARE(doc.resources[order[k]].address.type, QStringLiteral("aws_ecs_service"));
}

// A count or for_each set depending on another in the same module instance (in a state's
// dependencies or through a configuration reference such as aws_x.y[count.index], recorded as
// "aws_x.y") reaches it through a hub once it has more than a few instances: before, each pair
// was an edge, and 20,000 by 20,000 took gigabytes. The edges it stands for are unchanged.
void TestGraph::sameModuleGroupsThroughHubs()
{
    constexpr int Many = 30, Few = 3; // more than MaxDirectInstances (8), and fewer
    QByteArray changes, prior, config;
    const auto escaped = [](QString text) {
        return text.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    };
    const auto add = [&](const QString &module, const QString &name, int count,
                         const QString &dependsOn) {
        const QString moduleMember = module.isEmpty()
            ? QString()
            : QStringLiteral(R"("module_address":"%1",)").arg(escaped(module));
        for (int i = 0; i < count; ++i) {
            const QString address
                = escaped((module.isEmpty() ? QString() : module + QLatin1Char('.'))
                    + QStringLiteral("null_resource.%1[%2]").arg(name).arg(i));
            changes += QStringLiteral(
                R"({"address":"%1","mode":"managed","type":"null_resource","name":"%2","index":%3,%4"change":{"actions":["delete"],"before":{},"after":null}},)")
                           .arg(address, name)
                           .arg(i)
                           .arg(moduleMember)
                           .toUtf8();
            if (!dependsOn.isEmpty())
                prior += QStringLiteral(
                    R"({"address":"%1","mode":"managed","type":"null_resource","name":"%2","index":%3,"values":{},"depends_on":["%4"]},)")
                             .arg(address, name)
                             .arg(i)
                             .arg(dependsOn)
                             .toUtf8();
        }
    };
    // The root: y on every x, w on the few v; module.m["a"] and ["b"]: y on their own x.
    add({}, QStringLiteral("x"), Many, {});
    add({}, QStringLiteral("y"), Many, QStringLiteral("null_resource.x"));
    add({}, QStringLiteral("v"), Few, {});
    add({}, QStringLiteral("w"), Many, QStringLiteral("null_resource.v"));
    for (const char *key : {"a", "b"}) {
        const QString module = QStringLiteral("module.m[\"%1\"]").arg(QLatin1String(key));
        add(module, QStringLiteral("x"), Many, {});
        add(module, QStringLiteral("y"), Many, QStringLiteral("module.m.null_resource.x"));
        // z refers to x[count.index] in the configuration, recorded as null_resource.x.
        add(module, QStringLiteral("z"), Many, {});
    }
    changes.chop(1);
    prior.chop(1);
    const QByteArray plan = R"({"format_version":"1.2","resource_changes":[)" + changes
        + R"(],"prior_state":{"values":{"root_module":{"resources":[)" + prior
        + R"(]}}},"configuration":{"root_module":{"module_calls":{"m":{"module":{"resources":[)"
          R"({"address":"null_resource.x","mode":"managed","type":"null_resource","name":"x"},)"
          R"({"address":"null_resource.y","mode":"managed","type":"null_resource","name":"y"},)"
          R"({"address":"null_resource.z","mode":"managed","type":"null_resource","name":"z",)"
          R"("expressions":{"triggers":{"references":["null_resource.x[count.index]","null_resource.x"]}}}]}}}}}})";
    const Document doc = fromText(plan.constData());
    QCOMPARE(int(doc.resources.size()), 3 * Many + Few + 2 * 3 * Many);
    const DependencyGraph g = DependencyGraph::build(doc);
    // One hub for the root's x, one for each module instance's x (y's and z's share it); w's
    // three v are edges of their own.
    QCOMPARE(g.vertexCount() - g.size(), 3);
    const auto names = [&](const std::vector<int> &nodes) {
        QStringList out;
        for (int node : nodes)
            out.append(doc.resources[node].id);
        out.sort();
        return out;
    };
    const auto instances = [&](const QString &prefix, int count) {
        QStringList out;
        for (int i = 0; i < count; ++i)
            out.append(prefix + QStringLiteral("[%1]").arg(i));
        out.sort();
        return out;
    };
    QCOMPARE(names(g.dependencies(g.find(QStringLiteral("null_resource.y[4]")))),
        instances(QStringLiteral("null_resource.x"), Many));
    QCOMPARE(names(g.dependencies(g.find(QStringLiteral("null_resource.w[0]")))),
        instances(QStringLiteral("null_resource.v"), Few));
    for (const char *key : {"a", "b"}) {
        const QString module = QStringLiteral("module.m[\"%1\"].").arg(QLatin1String(key));
        const QStringList own = instances(module + QStringLiteral("null_resource.x"), Many);
        QCOMPARE(names(g.dependencies(g.find(module + QStringLiteral("null_resource.y[7]")))), own);
        QCOMPARE(names(g.dependencies(g.find(module + QStringLiteral("null_resource.z[0]")))), own);
        QCOMPARE(int(g.dependents(g.find(module + QStringLiteral("null_resource.x[3]"))).size()),
            2 * Many);
    }
    QCOMPARE(g.edgeCount(), qint64(Many * Many + Many * Few + 2 * 2 * Many * Many));
    QCOMPARE(g.edgeCount(), expandedEdges(g));
    // Every y and z goes before every x it depends on.
    const std::vector<int> order = g.destroyOrder(std::vector<bool>(g.size(), true));
    std::vector<int> position(order.size());
    for (size_t k = 0; k < order.size(); ++k)
        position[size_t(order[k])] = int(k);
    for (int i = 0; i < g.size(); ++i) {
        for (int d : g.dependencies(i))
            QVERIFY(position[size_t(i)] < position[size_t(d)]);
    }
}

// A dependency on a whole module or on a keyed instance of one (old states), and the
// dependencies a deposed object takes from its current object, reach their nodes through a hub
// once there are more than a few: before, each source copied them all (20,000 by 20,000 took
// 5 GB). Such a hub may overlap others, so those sources' edges are counted one by one.
void TestGraph::setsThroughHubs()
{
    constexpr int Many = 20;
    QByteArray state = R"({"version":4,"serial":1,"lineage":"l","resources":[)";
    const auto resource = [&](const QString &module, const QString &name,
                              const QString &instances) {
        state += QStringLiteral(
            R"({%1"mode":"managed","type":"null_resource","name":"%2","provider":"provider[\"registry.terraform.io/hashicorp/null\"]","instances":[%3]},)")
                     .arg(module.isEmpty() ? QString()
                                           : QStringLiteral(R"("module":"%1",)").arg(module),
                         name, instances)
                     .toUtf8();
    };
    QString many;
    for (int i = 0; i < Many; ++i)
        many += QStringLiteral(R"({"index_key":%1,"attributes":{"id":"%1"}},)").arg(i);
    many.chop(1);
    resource(QStringLiteral("module.big[\\\"k\\\"]"), QStringLiteral("x"), many);
    QString sources;
    for (int i = 0; i < Many; ++i)
        sources += QStringLiteral(
            R"({"index_key":%1,"attributes":{"id":"s%1"},"dependencies":["module.big"]},)")
                       .arg(i);
    sources.chop(1);
    resource({}, QStringLiteral("s"), sources);
    // One instance with Many deposed objects, depending on Many resources of its own.
    QString deps;
    for (int j = 0; j < Many; ++j) {
        resource({}, QStringLiteral("d%1").arg(j),
            QStringLiteral(R"({"attributes":{"id":"d%1"}})").arg(j));
        deps += QStringLiteral(R"("null_resource.d%1",)").arg(j);
    }
    deps.chop(1);
    QString current = QStringLiteral(R"({"attributes":{"id":"c"},"dependencies":[%1]})").arg(deps);
    for (int k = 0; k < Many; ++k)
        current
            += QStringLiteral(R"(,{"deposed":"%1","attributes":{"id":"c%2"},"dependencies":[]})")
                   .arg(QStringLiteral("%1").arg(k, 8, 16, QLatin1Char('0')))
                   .arg(k);
    resource({}, QStringLiteral("c"), current);
    state.chop(1);
    state += "]}";
    const Document doc = fromText(state.constData());
    QCOMPARE(int(doc.resources.size()), 3 * Many + Many + 1);
    const DependencyGraph g = DependencyGraph::build(doc);
    QCOMPARE(g.vertexCount() - g.size(), 2); // the module's, and the current object's nodes
    QStringList inBig, dNodes;
    for (int i = 0; i < Many; ++i) {
        inBig.append(QStringLiteral("module.big[\"k\"].null_resource.x[%1]").arg(i));
        dNodes.append(QStringLiteral("null_resource.d%1").arg(i));
    }
    inBig.sort();
    dNodes.sort();
    const auto names = [&](const std::vector<int> &nodes) {
        QStringList out;
        for (int node : nodes)
            out.append(doc.resources[size_t(node)].id);
        out.sort();
        return out;
    };
    QCOMPARE(names(g.dependencies(g.find(QStringLiteral("null_resource.s[3]")))), inBig);
    QCOMPARE(names(g.dependencies(g.find(QStringLiteral("null_resource.c")))), dNodes);
    int deposed = 0;
    for (int i = 0; i < g.size(); ++i) {
        if (doc.resources[size_t(i)].address.deposed.isEmpty())
            continue;
        ++deposed;
        QCOMPARE(names(g.dependencies(i)), dNodes);
    }
    QCOMPARE(deposed, Many);
    QCOMPARE(g.edgeCount(), qint64(Many) * Many + qint64(Many + 1) * Many);
    QCOMPARE(g.edgeCount(), expandedEdges(g));
}

// A module call's depends_on reaches every resource inside, also one that refers to nothing
// (here a new queue with no prior state, so the configuration alone says it).
void TestGraph::moduleDependsOn()
{
    const Document doc
        = mustLoad(fixture(QStringLiteral("plan-module-instances-destroy-edges.json")));
    const DependencyGraph g = DependencyGraph::build(doc);
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("module.svc[\"b\"].aws_sqs_queue.jobs")),
        QStringList {"aws_iam_role.deploy"});
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("module.svc[\"a\"].aws_sqs_queue.jobs")),
        QStringList {"aws_iam_role.deploy"});
}

// Terraform's ModuleInstance.TargetContains: an unkeyed last step matches every instance of
// that call; an earlier step must match its key.
void TestGraph::unkeyedModuleTargets()
{
    const Document doc
        = mustLoad(fixture(QStringLiteral("plan-module-instances-destroy-edges.json")));
    const DependencyGraph g = DependencyGraph::build(doc);
    QCOMPARE(g.match(QStringLiteral("module.a")).size(), size_t(6));
    QCOMPARE(g.match(QStringLiteral("module.svc")).size(), size_t(2));
    QCOMPARE(g.match(QStringLiteral("module.a[\"x\"]")).size(), size_t(3));
    QCOMPARE(g.match(QStringLiteral("module.a[\"x\"].module.b")).size(), size_t(1));
    QVERIFY(g.match(QStringLiteral("module.a.module.b")).empty());
    QVERIFY(g.match(QStringLiteral("module.a[\"z\"]")).empty());
}

// A -target plan: prior_state holds resources resource_changes lacks. They are nodes, with
// their recorded dependencies, marked priorOnly and left out of every count.
void TestGraph::priorStateOnlyNodes()
{
    const Document doc = mustLoad(fixture(QStringLiteral("plan-targeted-prior-state.json")));
    QCOMPARE(int(doc.resources.size()), 6);
    QStringList priorOnly;
    for (const Resource &r : doc.resources) {
        QCOMPARE(r.priorOnly, !r.inChanges);
        if (r.priorOnly)
            priorOnly.append(r.id);
    }
    priorOnly.sort();
    QCOMPARE(priorOnly,
        (QStringList {"aws_db_instance.main", "aws_db_subnet_group.main", "aws_subnet.private[0]",
            "aws_subnet.private[1]", "aws_vpc.main"}));
    const DependencyGraph g = DependencyGraph::build(doc);
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("aws_db_instance.main")),
        (QStringList {"aws_db_subnet_group.main", "aws_subnet.private[0]", "aws_subnet.private[1]",
            "aws_vpc.main"}));
    QCOMPARE(dependenciesOf(doc, g, QStringLiteral("aws_instance.bastion")),
        (QStringList {"aws_subnet.private[0]", "aws_subnet.private[1]", "aws_vpc.main"}));
}

void TestGraph::destroyOrderOnCorpus_data()
{
    BG_REQUIRE_CORPUS();
    QTest::addColumn<QString>("path");
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    QTest::newRow("incident") << resource(QStringLiteral("scenarios/incident/plan.json"));
}

void TestGraph::destroyOrderOnCorpus()
{
    QFETCH(QString, path);
    Result<Document> result = loadDocument(path);
    if (!result.ok())
        QSKIP("not a loadable file (tst_loader checks which)");
    const Document &doc = result.value();
    const DependencyGraph g = DependencyGraph::build(doc);
    std::vector<int> stuck;
    const std::vector<int> order = g.destroyOrder(std::vector<bool>(g.size(), true), &stuck);
    QCOMPARE(int(order.size()), g.size());
    std::vector<int> position(g.size());
    for (int i = 0; i < int(order.size()); ++i)
        position[order[i]] = i;
    const std::set<int> inCycle(stuck.begin(), stuck.end());
    for (int i = 0; i < g.size(); ++i) {
        for (int d : g.dependencies(i)) {
            if (inCycle.count(i) && inCycle.count(d))
                continue;
            QVERIFY2(position[i] < position[d],
                qPrintable(QStringLiteral("%1 must be destroyed before %2")
                               .arg(doc.resources[i].id, doc.resources[d].id)));
        }
    }
}

QTEST_GUILESS_MAIN(TestGraph)
#include "tst_graph.moc"
