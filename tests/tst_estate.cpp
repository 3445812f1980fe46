// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate: stacks found, linked by identity and remote state, generic values and secrets
// never linking, and what a destroy breaks in the other stacks.
#include "core/estate/breaks.h"
#include "core/gate/policy.h"
#include "core/loading/loader.h"
#include "testutils.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bg::core;

namespace {

const QString Stacks = QStringLiteral(BG_FIXTURES "/../../resources/scenarios/shared-vpc/stacks");
const QString Plan = QStringLiteral(BG_FIXTURES "/../../resources/scenarios/shared-vpc/plan.json");

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// A raw state with one resource whose attributes are `attributes`.
QByteArray state(const QString &lineage, const QByteArray &type, const QByteArray &attributes)
{
    return "{\"version\":4,\"terraform_version\":\"1.9.5\",\"serial\":1,\"lineage\":\""
        + lineage.toUtf8() + "\",\"outputs\":{},\"resources\":[{\"mode\":\"managed\",\"type\":\""
        + type
        + "\",\"name\":\"x\",\"provider\":\"provider[\\\"registry.terraform.io/hashicorp/"
          "aws\\\"]\",\"instances\":[{\"schema_version\":0,\"attributes\":"
        + attributes + ",\"sensitive_attributes\":[]}]}]}";
}

} // namespace

class TestEstate : public QObject {
    Q_OBJECT
private slots:
    void scenarioLinks()
    {
        Result<Estate> e = readEstate({{Stacks}, {}});
        QVERIFY(e.ok());
        QCOMPARE(int(e->stacks.size()), 2);
        const Result<RuleSet> rules = RuleSet::loadDefault();
        linkEstate(*e, LinkRules::shipped(), *rules);
        QCOMPARE(int(e->links.size()), 12);
        for (const StackLink &l : e->links) {
            QCOMPARE(e->stacks[size_t(l.stack)].name, QStringLiteral("platform"));
            QCOMPARE(e->stacks[size_t(l.dependsOnStack)].name, QStringLiteral("network"));
            QCOMPARE(l.reason, LinkReason::RemoteState);
            QVERIFY(l.value.startsWith(QLatin1String("vpc-"))
                || l.value.startsWith(QLatin1String("subnet-"))
                || l.value.startsWith(QLatin1String("sg-")));
        }
        QCOMPARE(int(e->remoteStates.size()), 1);
        QCOMPARE(e->remoteStates[0].outputs.size(), 4);
    }

    void planBreaksThePlatform()
    {
        Result<Estate> e = readEstate({{Stacks}, {}});
        const Result<RuleSet> rules = RuleSet::loadDefault();
        Result<Document> plan = loadDocument(Plan);
        QVERIFY(plan.ok());
        Analysis a = analyse(std::move(*plan), *rules);
        QString how;
        const int index = recogniseStack(*e, a.document(), &how);
        QVERIFY(index >= 0);
        QCOMPARE(e->stacks[size_t(index)].name, QStringLiteral("network"));
        QVERIFY(how.contains(QLatin1String("15 of 15")));
        placeDocument(
            *e, index, {}, std::shared_ptr<const Document>(a.shared, &a.shared->document), Plan);
        linkEstate(*e, LinkRules::shipped(), *rules);
        applyEstate(a, *e, index, how);
        QVERIFY(a.estate);
        QCOMPARE(a.estate->brokenCount(), 7);
        QCOMPARE(a.verdict(), QStringLiteral("NEEDS APPROVAL"));
        QVERIFY(a.headline(*rules).contains(
            QLatin1String("It breaks 7 resources in 1 other stack: platform (7).")));
        int critical = 0;
        for (const Finding &f : a.findings)
            critical
                += f.code == QLatin1String(CrossStackBreakCode) && f.severity == Severity::Critical;
        QVERIFY(critical > 0);
    }

    // A plan beside the state it plans (same resources, same ids) is dropped before the stacks
    // are named: the state left alone in its folder is named by the folder, as is the first of
    // two copies of one state (one lineage). A plan of another stack beside a state keeps
    // both, named apart by their files.
    void aPlanBesideItsStateLeavesTheFolderName()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir root(dir.path());
        QVERIFY(root.mkpath(QStringLiteral("network")));
        QVERIFY(root.mkpath(QStringLiteral("mixed")));
        QVERIFY(root.mkpath(QStringLiteral("platform")));
        QVERIFY(QFile::copy(Stacks + QStringLiteral("/network/terraform.tfstate"),
            root.filePath(QStringLiteral("network/terraform.tfstate"))));
        QVERIFY(QFile::copy(Plan, root.filePath(QStringLiteral("network/plan.json"))));
        QVERIFY(QFile::copy(Stacks + QStringLiteral("/platform/terraform.tfstate"),
            root.filePath(QStringLiteral("mixed/terraform.tfstate"))));
        QVERIFY(QFile::copy(Plan, root.filePath(QStringLiteral("mixed/plan.json"))));
        for (const char *copy : {"platform/a.tfstate", "platform/b.tfstate"})
            write(root.filePath(QLatin1String(copy)),
                state(QStringLiteral("l-p"), "aws_vpc", "{\"id\":\"vpc-0aaaaaaaaaaaaaaaa\"}"));
        Result<Estate> e = readEstate({{dir.path()}, {}});
        QVERIFY(e.ok());
        QStringList names;
        for (const Stack &s : e->stacks)
            names.append(s.name);
        QCOMPARE(names,
            QStringList(
                {QStringLiteral("mixed/plan.json"), QStringLiteral("mixed/terraform.tfstate"),
                    QStringLiteral("network"), QStringLiteral("platform")}));
        const int network = e->findStack(QStringLiteral("network"));
        QCOMPARE(e->stacks[size_t(network)].document->kind, DocumentKind::RawState);
        QCOMPARE(e->stacks[size_t(e->findStack(QStringLiteral("platform")))].file,
            root.filePath(QStringLiteral("platform/a.tfstate")));
        QCOMPARE(e->skipped.size(), 2);
        for (const char *again : {"network/plan.json", "platform/b.tfstate"}) {
            const QString prefix
                = root.filePath(QLatin1String(again)) + QStringLiteral(": the same stack as ");
            QVERIFY2(std::any_of(e->skipped.begin(), e->skipped.end(),
                         [&](const QString &s) { return s.startsWith(prefix); }),
                again);
        }
    }

    // A plan's data sources are in its prior_state alone (Terraform reads them while planning):
    // they stay out of its analysis's nodes, yet its terraform_remote_state links it to the
    // stack it reads, and a destroy there breaks the plan's instance through it.
    void aPlanReadsRemoteStateFromItsPriorState()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir root(dir.path());
        QVERIFY(root.mkpath(QStringLiteral("network")));
        QVERIFY(root.mkpath(QStringLiteral("app")));
        const QByteArray subnet = "subnet-0123456789abcdef0";
        QByteArray network
            = state(QStringLiteral("l-n"), "aws_subnet", "{\"id\":\"" + subnet + "\"}");
        network.replace("\"outputs\":{}",
            "\"outputs\":{\"subnet_id\":{\"value\":\"" + subnet + "\",\"type\":\"string\"}}");
        write(root.filePath(QStringLiteral("network/terraform.tfstate")), network);
        const QByteArray web = "{\"id\":\"i-0aaaaaaaaaaaaaaaa\",\"subnet_id\":\"" + subnet + "\"}";
        const QByteArray plan = "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\","
                                "\"resource_changes\":[{\"address\":\"aws_instance.web\","
                                "\"mode\":\"managed\",\"type\":\"aws_instance\",\"name\":\"web\","
                                "\"provider_name\":\"registry.terraform.io/hashicorp/aws\","
                                "\"change\":{\"actions\":[\"no-op\"],\"before\":"
            + web + ",\"after\":" + web
            + ",\"after_unknown\":{},\"before_sensitive\":{},\"after_sensitive\":{}}}],"
              "\"prior_state\":{\"format_version\":\"1.0\",\"values\":{\"root_module\":{"
              "\"resources\":[{\"address\":\"aws_instance.web\",\"mode\":\"managed\","
              "\"type\":\"aws_instance\",\"name\":\"web\",\"provider_name\":"
              "\"registry.terraform.io/hashicorp/aws\",\"values\":"
            + web
            + ",\"sensitive_values\":{}},{\"address\":\"data.terraform_remote_state.network\","
              "\"mode\":\"data\",\"type\":\"terraform_remote_state\",\"name\":\"network\","
              "\"provider_name\":\"terraform.io/builtin/terraform\",\"values\":{\"backend\":"
              "\"s3\",\"config\":{\"bucket\":\"acme-states\",\"key\":\"network\"},\"defaults\":"
              "null,\"outputs\":{\"subnet_id\":\""
            + subnet + "\"},\"workspace\":null},\"sensitive_values\":{\"outputs\":{}}}]}}}}";
        const QString planFile = root.filePath(QStringLiteral("app/plan.json"));
        write(planFile, plan);

        Result<Document> loaded = loadDocument(planFile);
        QVERIFY2(loaded.ok(), qPrintable(loaded ? QString() : loaded.error().toString()));
        QCOMPARE(int(loaded->resources.size()), 1); // the analysis's nodes are as they were
        QCOMPARE(int(loaded->priorData.size()), 1);
        QCOMPARE(loaded->priorData[0].id, QStringLiteral("data.terraform_remote_state.network"));

        Result<Estate> e = readEstate({{dir.path()}, {}});
        QVERIFY(e.ok());
        const Result<RuleSet> rules = RuleSet::loadDefault();
        linkEstate(*e, LinkRules::shipped(), *rules);
        const int app = e->findStack(QStringLiteral("app"));
        const int net = e->findStack(QStringLiteral("network"));
        QVERIFY(app >= 0 && net >= 0);
        QCOMPARE(int(e->remoteStates.size()), 1);
        const RemoteStateLink &remote = e->remoteStates[0];
        QCOMPARE(remote.stack, app);
        QCOMPARE(e->stacks[size_t(app)].node(remote.node).id,
            QStringLiteral("data.terraform_remote_state.network"));
        QCOMPARE(remote.readsStack, net);
        QCOMPARE(remote.outputs, QStringList {QStringLiteral("subnet_id")});
        QCOMPARE(int(e->links.size()), 1);
        const StackLink &link = e->links[0];
        QCOMPARE(
            e->stacks[size_t(link.stack)].node(link.node).id, QStringLiteral("aws_instance.web"));
        QCOMPARE(link.dependsOnStack, net);
        QCOMPARE(link.reason, LinkReason::RemoteState);
        QCOMPARE(link.via, QStringLiteral("subnet_id"));
        QCOMPARE(link.dataSource, QStringLiteral("data.terraform_remote_state.network"));
        QCOMPARE(link.output, QStringLiteral("subnet_id"));

        QStringList unknown;
        Analysis a = analyseWhatIf(
            *e->stacks[size_t(net)].document, *rules, {QStringLiteral("aws_subnet.x")}, &unknown);
        QVERIFY(unknown.isEmpty());
        applyEstate(a, *e, net, QStringLiteral("named by the test"));
        QVERIFY(a.estate);
        QCOMPARE(int(a.estate->breaks.size()), 1);
        QCOMPARE(a.estate->breaks[0].stack, QStringLiteral("app"));
        QCOMPARE(a.estate->breaks[0].address, QStringLiteral("aws_instance.web"));
        QCOMPARE(
            a.estate->breaks[0].dataSource, QStringLiteral("data.terraform_remote_state.network"));
    }

    // Values of every generic kind, equal to another stack's id, link nothing; a real id does,
    // never through a secret; malformed files and .terraform/ are named and skipped.
    void genericValuesNeverLink_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("links");
        QTest::newRow("real id") << "vpc-0f3a8c21d94b7e615" << true;
        QTest::newRow("short") << "main" << false;
        QTest::newRow("boolean") << "false" << false;
        QTest::newRow("number") << "483920175566" << false;
        QTest::newRow("aws region") << "eu-west-1" << false;
        QTest::newRow("availability zone") << "eu-west-1a" << false;
        QTest::newRow("google region") << "europe-west1" << false;
        QTest::newRow("azure location") << "westeurope" << false;
        QTest::newRow("cidr") << "10.0.0.0/16" << false;
        QTest::newRow("ip") << "203.0.113.10" << false;
        QTest::newRow("instance type") << "db.t3.large" << false;
        QTest::newRow("machine type") << "e2-standard-4" << false;
        QTest::newRow("timestamp") << "2026-01-15T10:00:00Z" << false;
        QTest::newRow("engine version") << "postgres15.4" << false;
        QTest::newRow("generic word") << "production" << false;
    }
    void genericValuesNeverLink()
    {
        QFETCH(QString, value);
        QFETCH(bool, links);
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("a/.terraform"));
        QDir(dir.path()).mkpath(QStringLiteral("b"));
        const QByteArray v = value.toUtf8();
        write(dir.filePath(QStringLiteral("a/terraform.tfstate")),
            state(QStringLiteral("l-a"), "aws_vpc", "{\"id\":\"" + v + "\"}"));
        write(dir.filePath(QStringLiteral("a/.terraform/terraform.tfstate")), "{\"version\":3}");
        // The password comes first: a link through it would be the one kept.
        const QByteArray attributes = "{\"id\":\"sg-0aaaaaaaaaaaaaaaa\",\"password\":\"" + v
            + "\",\"vpc_id\":\"" + v + "\"}";
        write(dir.filePath(QStringLiteral("b/terraform.tfstate")),
            state(QStringLiteral("l-b"), "aws_security_group", attributes));
        write(dir.filePath(QStringLiteral("b/broken.json")), "{\"version\": 4,");
        Result<Estate> e = readEstate({{dir.path()}, {}});
        QVERIFY(e.ok());
        QCOMPARE(int(e->stacks.size()), 2);
        QCOMPARE(e->skipped.size(), 2);
        QVERIFY(e->skipped.join(u'\n').contains(QLatin1String("broken.json:1:")));
        linkEstate(*e, LinkRules::shipped(), *RuleSet::loadDefault());
        QCOMPARE(int(e->links.size()), links ? 1 : 0);
        if (links)
            QCOMPARE(e->links[0].via, QStringLiteral("vpc_id"));
    }
};

QTEST_GUILESS_MAIN(TestEstate)
#include "tst_estate.moc"
