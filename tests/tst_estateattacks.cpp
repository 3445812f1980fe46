// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate tried as an agent would: leave out --estate, point the policy's estate at nothing,
// name a stack wrongly, link a folder in, plant files in the estate. Each way round is a test;
// the guard fails closed or says where it ends (SECURITY.md, "The estate").
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bg::tests;

namespace {

const int GateBlocked = 3;
const int InputError = 2;

QString scenarioFile(const QString &name)
{
    return resource(QStringLiteral("scenarios/shared-vpc/") + name);
}

QString writePolicy(const QTemporaryDir &dir, const QByteArray &estate)
{
    return writeBytes(dir, QStringLiteral("policy.json"),
        "{\"schema\":\"blastguard.policy/v1\",\n\"estate\": " + estate + "}\n");
}

void copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    const QDir source(from);
    for (const QFileInfo &f :
        source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (f.isDir())
            copyTree(f.filePath(), to + QLatin1Char('/') + f.fileName());
        else
            QVERIFY(QFile::copy(f.filePath(), to + QLatin1Char('/') + f.fileName()));
    }
}

// A raw state of one aws_instance in `subnet` (an identity link into the network's subnet).
QByteArray appState(const QByteArray &subnet)
{
    return "{\"version\":4,\"terraform_version\":\"1.9.5\",\"serial\":3,\"lineage\":"
           "\"6b1d7d52-app\",\"outputs\":{},\"resources\":[{\"mode\":\"managed\",\"type\":"
           "\"aws_instance\",\"name\":\"worker\",\"provider\":\"provider[\\\"registry."
           "terraform.io/hashicorp/aws\\\"]\",\"instances\":[{\"schema_version\":1,"
           "\"attributes\":{\"id\":\"i-0a1b2c3d4e5f60718\",\"subnet_id\":\""
        + subnet + "\"},\"sensitive_attributes\":[]}]}]}";
}

// The text report of the scenario's network plan inside `estate`.
QString reportIn(const QString &estate)
{
    const Run r = cli({QStringLiteral("report"), scenarioFile(QStringLiteral("plan.json")),
        QStringLiteral("--estate"), estate});
    if (r.code != 0)
        qWarning("%s", qPrintable(r.err));
    return r.out;
}

} // namespace

class TestEstateAttacks : public QObject {
    Q_OBJECT
private slots:
    void leavingOutEstateDoesNotHideThePolicysEstate()
    {
        QTemporaryDir dir;
        const QString stacks = QFileInfo(scenarioFile(QStringLiteral("stacks"))).absoluteFilePath();
        const QString policy = writePolicy(dir, "{\"roots\": [\"" + stacks.toUtf8() + "\"]}");
        const QString plan = scenarioFile(QStringLiteral("plan.json"));
        // Without the policy's estate, the gate sees one stack: no cross-stack break.
        const Run alone = cli({QStringLiteral("gate"), plan});
        QCOMPARE(alone.code, GateBlocked); // the plan deletes a whole network anyway
        QVERIFY(!alone.out.contains(QLatin1String("other stack")));
        // With it, and no --estate, the breaks are critical and block.
        const Run gated = cli({QStringLiteral("gate"), plan, QStringLiteral("--policy"), policy});
        QCOMPARE(gated.code, GateBlocked);
        QVERIFY2(gated.out.contains(QLatin1String("It breaks 7 resources in 1 other stack")),
            qPrintable(gated.out));
        QVERIFY(gated.out.contains(QLatin1String("breaks 1 resource in stack platform: "
                                                 "aws_db_instance.main")));
        QVERIFY2(gated.out.contains(
                     QStringLiteral("the estate %1 is read around every plan").arg(stacks)),
            qPrintable(gated.out));
        // report reads it too.
        const Run report = cli({QStringLiteral("report"), plan, QStringLiteral("--policy"), policy,
            QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(report.code, 0);
        QVERIFY(report.out.contains(QLatin1String("\"breaks\"")));
        QVERIFY(report.out.contains(QLatin1String("\"stack\": \"platform\"")));
    }

    void aPolicyEstateThatCannotBeReadFailsClosed()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("gone"));
        const QString policy = writePolicy(dir, "{\"roots\": [\"" + missing.toUtf8() + "\"]}");
        const Run r = cli({QStringLiteral("gate"), scenarioFile(QStringLiteral("plan.json")),
            QStringLiteral("--policy"), policy});
        QCOMPARE(r.code, InputError);
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));
        // A plan that would pass alone does not pass either: the gate refuses, it never guesses.
        const QString create = writeBytes(dir, QStringLiteral("create.json"),
            readAll(fixture(QStringLiteral("plan-create-forget.json"))));
        const Run c = cli({QStringLiteral("gate"), create, QStringLiteral("--policy"), policy});
        QCOMPARE(c.code, InputError);
    }

    void aRelativeEstateRootIsRefused()
    {
        QTemporaryDir dir;
        const QString policy = writePolicy(dir, "{\"roots\": [\"stacks\"]}");
        const Run r = cli({QStringLiteral("gate"), scenarioFile(QStringLiteral("plan.json")),
            QStringLiteral("--policy"), policy});
        QCOMPARE(r.code, InputError);
        QVERIFY2(r.err.contains(policy + QStringLiteral(":2:")), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("absolute path")));
        const QString empty = writePolicy(dir, "{\"roots\": []}");
        QCOMPARE(cli({QStringLiteral("gate"), scenarioFile(QStringLiteral("plan.json")),
                         QStringLiteral("--policy"), empty})
                     .code,
            InputError);
    }

    void aSymlinkedFolderIsNotFollowed()
    {
        // A link inside the estate could point anywhere (a huge tree, /proc): never followed,
        // and named.
        QTemporaryDir dir;
        const QString estate = dir.filePath(QStringLiteral("estate"));
        copyTree(
            scenarioFile(QStringLiteral("stacks/network")), estate + QStringLiteral("/network"));
        QVERIFY(QFile::link(
            QFileInfo(scenarioFile(QStringLiteral("stacks/platform"))).absoluteFilePath(),
            estate + QStringLiteral("/platform")));
        const Run r = cli(
            {QStringLiteral("estate"), estate, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains(QLatin1String("\"name\": \"platform\"")));
        QVERIFY2(r.out.contains(QLatin1String("symbolic link")), qPrintable(r.out));
    }

    void namingTheWrongStackStillBreaksTheRealOne()
    {
        // --stack names the plan's stack. Naming it as the platform makes the plan stand in
        // for the platform's file, and the real network state still holds the ids the
        // platform uses: what the plan destroys is not the network state's, so nothing is
        // found to break, and the report says which stack the plan was taken for.
        const Run r = cli({QStringLiteral("report"), scenarioFile(QStringLiteral("plan.json")),
            QStringLiteral("--estate"), scenarioFile(QStringLiteral("stacks")),
            QStringLiteral("--stack"), QStringLiteral("platform"), QStringLiteral("--format"),
            QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("\"recognised_by\": \"named with --stack\"")));
        QVERIFY(r.out.contains(QLatin1String("\"stack\": \"platform\"")));
        // Named rightly, and recognised without a name, the breaks are the same 7.
        for (const QStringList &extra :
            {QStringList {QStringLiteral("--stack"), QStringLiteral("network")}, QStringList {}}) {
            const Run n = cli(
                QStringList {QStringLiteral("report"), scenarioFile(QStringLiteral("plan.json")),
                    QStringLiteral("--estate"), scenarioFile(QStringLiteral("stacks")),
                    QStringLiteral("--format"), QStringLiteral("text")}
                + extra);
            QCOMPARE(n.code, 0);
            QVERIFY2(n.out.contains(QLatin1String("It breaks 7 resources in 1 other stack")),
                qPrintable(n.out));
        }
        // A --stack with no --estate is a usage error, never silently ignored.
        QCOMPARE(cli({QStringLiteral("report"), scenarioFile(QStringLiteral("plan.json")),
                         QStringLiteral("--stack"), QStringLiteral("network")})
                     .code,
            1);
    }

    void aPlantedCopyOfAStacksLineageHidesNothing()
    {
        // The agent writes an empty state with the platform's lineage where it sorts first.
        // Two files of one lineage that differ are not "the same stack read twice": both are
        // read, and the platform's links stay.
        QTemporaryDir dir;
        const QString estate = dir.filePath(QStringLiteral("estate"));
        copyTree(scenarioFile(QStringLiteral("stacks")), estate);
        QByteArray platform = readAll(estate + QStringLiteral("/platform/terraform.tfstate"));
        const qsizetype at = platform.indexOf("\"resources\"");
        QVERIFY(at > 0);
        QByteArray decoy = platform.left(at) + "\"resources\": []}";
        decoy.replace("\"serial\": ", "\"serial\": 9");
        QDir().mkpath(estate + QStringLiteral("/aaa"));
        QFile f(estate + QStringLiteral("/aaa/terraform.tfstate"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(decoy);
        f.close();
        const QString out = reportIn(estate);
        QVERIFY2(out.contains(QLatin1String("in stack platform")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("It breaks 7 resources")), qPrintable(out));
    }

    void aPlantedCopyOfTheNetworkHidesNothing()
    {
        // An app stack uses a network subnet by its id. The agent copies the network's state
        // under another lineage, so that the subnet's id is the identity of two stacks: the
        // app's link must not vanish for that.
        QTemporaryDir dir;
        const QString estate = dir.filePath(QStringLiteral("estate"));
        copyTree(
            scenarioFile(QStringLiteral("stacks/network")), estate + QStringLiteral("/network"));
        QDir().mkpath(estate + QStringLiteral("/app"));
        writeBytes(dir, QStringLiteral("estate/app/terraform.tfstate"),
            appState("subnet-0e4a6f2c91b7d8353"));
        const QString before = reportIn(estate);
        QVERIFY2(
            before.contains(QLatin1String("breaks 1 resource in stack app: "
                                          "aws_instance.worker uses subnet-0e4a6f2c91b7d8353")),
            qPrintable(before));
        QByteArray copy = readAll(estate + QStringLiteral("/network/terraform.tfstate"));
        const qsizetype lineage = copy.indexOf("\"lineage\"");
        QVERIFY(lineage > 0);
        const qsizetype open = copy.indexOf('"', copy.indexOf(':', lineage));
        copy.insert(copy.indexOf('"', open + 1), "-copy"); // before the value's closing quote
        QDir().mkpath(estate + QStringLiteral("/zz-network-copy"));
        writeBytes(dir, QStringLiteral("estate/zz-network-copy/terraform.tfstate"), copy);
        const QString after = reportIn(estate);
        QVERIFY2(!after.contains(QLatin1String("zz-network-copy/terraform.tfstate:")),
            qPrintable(after)); // read, not skipped as malformed
        QVERIFY2(after.contains(QLatin1String("in stack app: aws_instance.worker uses "
                                              "subnet-0e4a6f2c91b7d8353")),
            qPrintable(after));
    }

    void whatIfAcrossTheEstate()
    {
        // The network state alone, destroying the database's security group: the platform's
        // database and service use it.
        const Run r = cli({QStringLiteral("what-if"),
            scenarioFile(QStringLiteral("stacks/network/terraform.tfstate")),
            QStringLiteral("--estate"), scenarioFile(QStringLiteral("stacks")),
            QStringLiteral("--destroy"), QStringLiteral("aws_security_group.db"),
            QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("\"depends_on\": \"aws_security_group.db\"")),
            qPrintable(r.out.left(3000)));
        QVERIFY(r.out.contains(QLatin1String("\"recognised_by\": \"the same file\"")));
    }
};

QTEST_MAIN(TestEstateAttacks)
#include "tst_estateattacks.moc"
