// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Core against generated plans (tests/tools/genplan.h): what the generator says it wrote is
// what the loader and the graph find. No timing here; bench_load measures speed.
#include "core/report/report.h"
#include "genplan.h"
#include "testutils.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <fstream>
#include <sstream>

using namespace bg::core;
using bg::tests::GenOptions;
using bg::tests::GenTally;

namespace {

constexpr int Resources = 300;
constexpr std::uint64_t Seed = 7;

std::string generated(const GenOptions &options, GenTally *tally = nullptr)
{
    std::ostringstream out;
    const GenTally t = bg::tests::writePlan(options, out);
    if (tally)
        *tally = t;
    return out.str();
}

} // namespace

class TestGenerated : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    GenTally m_mixTally, m_destroyTally;
    std::optional<Analysis> m_mix, m_destroy;

    Analysis loadAndAnalyse(const GenOptions &options, GenTally *tally, const char *name)
    {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        std::ofstream(path.toStdString(), std::ios::binary) << generated(options, tally);
        Result<Document> loaded = loadDocument(path);
        if (!loaded.ok())
            qFatal("%s", qPrintable(loaded.error().toString()));
        return analyse(std::move(loaded.value()), bg::tests::defaultRules());
    }

    // Checks the graph against the generator: every edge runs to an instance of a resource the
    // source's configuration depends on (Terraform's depends_on in the state is per
    // configuration resource, so any instance of it may be a target).
    static void checkEdges(const Analysis &a, const GenTally &tally)
    {
        const auto &resources = a.document().resources;
        QVERIFY(a.graph().edgeCount() > 0);
        QStringList extra;
        for (int node = 0; node < a.graph().size(); ++node) {
            const Address &source = resources[size_t(node)].address;
            const auto said = tally.dependsOn.find(source.configString().toStdString());
            QVERIFY2(said != tally.dependsOn.end(), qPrintable(source.toString()));
            for (int target : a.graph().dependencies(node)) {
                const Address &to = resources[size_t(target)].address;
                if (said->second.count(to.configString().toStdString()))
                    continue;
                extra.append(source.toString() + QStringLiteral(" -> ") + to.toString());
            }
        }
        // Terraform lists "module.network.vpc_id","module.network" for one use of an output; only
        // the output is used (Terraform's graph has a node per output, and its depends_on agrees).
        QVERIFY2(extra.isEmpty(),
            qPrintable(QStringLiteral("%1 of %2 edges Terraform does not have, e.g. %3")
                           .arg(extra.size())
                           .arg(a.graph().edgeCount())
                           .arg(extra.value(0))));
    }

    // The loader's and the graph's notes on a plan Terraform could have written: no cycle, no
    // unresolved reference, nothing missing but data sources that were read during the plan.
    static void checkNotes(const Analysis &a)
    {
        static const QRegularExpression dangling(QStringLiteral(
            "recorded dependencies name resources that are not in this file: (.*)$"));
        for (const QString &note : a.notes) {
            const auto match = dangling.match(note);
            QVERIFY2(match.hasMatch(), qPrintable(note));
            for (QString name : match.captured(1).split(QStringLiteral(", "))) {
                name = name.section(QLatin1Char(' '), 0, 0); // "x and 3 more"
                QVERIFY2(name.contains(QLatin1String("data.")), qPrintable(note));
            }
        }
        // Data sources Terraform leaves out of resource_changes, in modules too, are no warning.
        QVERIFY2(a.notes.isEmpty(), qPrintable(a.notes.join(QLatin1Char('\n'))));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_mix = loadAndAnalyse({Resources, Seed, false}, &m_mixTally, "mix.json");
        m_destroy = loadAndAnalyse({Resources, Seed, true}, &m_destroyTally, "destroy.json");
    }

    void mixIsRealistic()
    {
        // The default mix: mostly no-op, and at least one of each change a reviewer must see.
        QCOMPARE(m_mixTally.managed, Resources);
        QVERIFY(m_mixTally.noOp > Resources / 2);
        QVERIFY(m_mixTally.create > 0);
        QVERIFY(m_mixTally.update > 0);
        QVERIFY(m_mixTally.del > 0);
        QVERIFY(m_mixTally.replace > 0);
        QVERIFY(!m_mixTally.secrets.empty());
    }

    void countsMatchTheTally_data()
    {
        QTest::addColumn<bool>("destroy");
        QTest::newRow("mix") << false;
        QTest::newRow("destroy") << true;
    }

    void countsMatchTheTally()
    {
        QFETCH(bool, destroy);
        const Analysis &a = destroy ? *m_destroy : *m_mix;
        const GenTally &t = destroy ? m_destroyTally : m_mixTally;
        QCOMPARE(a.document().kind, DocumentKind::Plan);
        QCOMPARE(a.document().formatVersion, QStringLiteral("1.2"));
        QCOMPARE(int(a.document().resources.size()), t.changes());
        QCOMPARE(int(std::count_if(a.document().resources.begin(), a.document().resources.end(),
                     [](const Resource &r) { return !r.isData(); })),
            t.managed);
        QCOMPARE(a.impact.count(Action::NoOp), t.noOp);
        QCOMPARE(a.impact.count(Action::Create), t.create);
        QCOMPARE(a.impact.count(Action::Read), t.read);
        QCOMPARE(a.impact.count(Action::Update), t.update);
        QCOMPARE(a.impact.count(Action::Delete), t.del);
        QCOMPARE(a.impact.count(Action::Replace), t.replace);
        QCOMPARE(a.impact.count(Action::Forget), 0);
        checkNotes(a);
    }

    void edgesAreDependenciesTheGeneratorWrote()
    {
        checkEdges(*m_mix, m_mixTally);
        checkEdges(*m_destroy, m_destroyTally);
    }

    void everySubnetDependsOnItsVpc()
    {
        const Analysis &a = *m_mix;
        int subnets = 0;
        for (int node = 0; node < a.graph().size(); ++node) {
            const Address &subnet = a.document().resources[size_t(node)].address;
            if (subnet.type != QLatin1String("aws_subnet"))
                continue;
            ++subnets;
            const auto &deps = a.graph().dependencies(node);
            const bool found = std::any_of(deps.begin(), deps.end(), [&](int d) {
                const Address &vpc = a.document().resources[size_t(d)].address;
                return vpc.type == QLatin1String("aws_vpc")
                    && vpc.moduleString() == subnet.moduleString();
            });
            QVERIFY2(found, qPrintable(subnet.toString()));
        }
        QVERIFY(subnets >= 6);
    }

    void dependenciesCrossModules()
    {
        // var.subnet_ids of module.app[k].module.db comes from module.network's output through
        // module.app's variable: every db subnet group depends on every private subnet.
        const Analysis &a = *m_mix;
        std::vector<int> privateSubnets
            = a.graph().match(QStringLiteral("module.network.aws_subnet.private"));
        QCOMPARE(int(privateSubnets.size()), 3);
        int groups = 0;
        for (int node = 0; node < a.graph().size(); ++node) {
            const Resource &r = a.document().resources[size_t(node)];
            if (r.address.type != QLatin1String("aws_db_subnet_group"))
                continue;
            ++groups;
            const auto &deps = a.graph().dependencies(node);
            for (int subnet : privateSubnets)
                QVERIFY2(
                    std::find(deps.begin(), deps.end(), subnet) != deps.end(), qPrintable(r.id));
        }
        QVERIFY(groups > 0);
        // And within one module instance: the listener reads its own load balancer.
        const int listener
            = a.graph().find(QStringLiteral("module.app[\"svc-0002\"].aws_lb_listener.https"));
        const int lb = a.graph().find(QStringLiteral("module.app[\"svc-0002\"].aws_lb.this"));
        QVERIFY(listener >= 0 && lb >= 0);
        const auto &deps = a.graph().dependencies(listener);
        QVERIFY(std::find(deps.begin(), deps.end(), lb) != deps.end());
    }

    void destroyDeletesEverythingInOrder()
    {
        const Analysis &a = *m_destroy;
        QCOMPARE(m_destroyTally.dataReads, 0);
        for (const Resource &r : a.document().resources) {
            QVERIFY2(!r.isData(), qPrintable(r.id));
            QVERIFY2(r.action == Action::Delete, qPrintable(r.id));
        }
        const std::vector<int> &order = a.impact.destroyOrder;
        QCOMPARE(int(order.size()), a.graph().size());
        std::vector<int> position(order.size(), -1);
        for (size_t i = 0; i < order.size(); ++i)
            position[size_t(order[i])] = int(i);
        for (int node : order) {
            for (int dependency : a.graph().dependencies(node)) {
                QVERIFY2(position[size_t(node)] < position[size_t(dependency)],
                    qPrintable(QStringLiteral("%1 is destroyed after %2, which it depends on")
                                   .arg(a.document().resources[size_t(node)].id,
                                       a.document().resources[size_t(dependency)].id)));
            }
        }
    }

    void secretsNeverReachAReport_data()
    {
        QTest::addColumn<bool>("destroy");
        QTest::addColumn<int>("format");
        for (bool destroy : {false, true}) {
            const char *plan = destroy ? "destroy" : "mix";
            QTest::addRow("%s text", plan) << destroy << int(ReportFormat::Text);
            QTest::addRow("%s markdown", plan) << destroy << int(ReportFormat::Markdown);
            QTest::addRow("%s json", plan) << destroy << int(ReportFormat::Json);
        }
    }

    void secretsNeverReachAReport()
    {
        QFETCH(bool, destroy);
        QFETCH(int, format);
        const GenTally &t = destroy ? m_destroyTally : m_mixTally;
        QVERIFY(!t.secrets.empty());
        const QByteArray report = renderReport(
            destroy ? *m_destroy : *m_mix, bg::tests::defaultRules(), ReportFormat(format));
        QVERIFY(!report.isEmpty());
        for (const std::string &secret : t.secrets)
            QVERIFY2(!report.contains(QByteArray::fromStdString(secret)),
                "a sensitive value is in the report");
    }

    void generatorIsDeterministic()
    {
        GenTally first;
        const std::string a = generated({Resources, Seed, false}, &first);
        QCOMPARE(first.bytes, std::uint64_t(a.size()));
        QVERIFY(a == generated({Resources, Seed, false}));
        QVERIFY(a != generated({Resources, Seed + 1, false}));
        const std::string d = generated({Resources, Seed, true});
        QVERIFY(d == generated({Resources, Seed, true}));
        QVERIFY(d != a);
    }

    void anySizeIsExact_data()
    {
        QTest::addColumn<int>("resources");
        for (int n : {0, 1, 17, 18, 19, 37, 120, 1234})
            QTest::addRow("%d", n) << n;
    }

    void anySizeIsExact()
    {
        QFETCH(int, resources);
        GenTally tally;
        Result<Document> loaded = loadDocumentFromBytes(
            QByteArray::fromStdString(generated({resources, Seed, false}, &tally)),
            QStringLiteral("generated.json"));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().toString()));
        QCOMPARE(tally.managed, resources);
        QCOMPARE(int(loaded->resources.size()), tally.changes());
    }
};

QTEST_GUILESS_MAIN(TestGenerated)
#include "tst_generated.moc"
