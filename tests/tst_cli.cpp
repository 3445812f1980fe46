// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// blastguard-cli as a user meets it: exit codes, messages that name the file, outputs that
// never overwrite an input, and inputs whose bytes and times never change.
#include "testutils.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace bg::tests;

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void exitCodes_data();
    void exitCodes();
    void everyCorpusFileExitsCleanly_data();
    void everyCorpusFileExitsCleanly();
    void outputFile();
    void refusesToOverwriteInput();
    void userRules();
    void misspeltUserRulesAreAnInputError();
    void inputsAreNeverModified();
    void pictureIsTheSameEveryRun();
    void reportIsTheSameEveryRun();
};

namespace {

QString incident()
{
    return resource(QStringLiteral("scenarios/incident/plan.json"));
}

} // namespace

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QString missing = QStringLiteral("/nonexistent/plan.json");
    QTest::newRow("report") << QStringList {"report", incident()} << 0 << "DATA LOSS";
    QTest::newRow("report json") << QStringList {"report", incident(), "--format", "json"} << 0
                                 << "blastguard.report/v1";
    QTest::newRow("report markdown")
        << QStringList {"report", incident(), "-f", "markdown"} << 0 << "# Blastguard";
    QTest::newRow("no command") << QStringList {} << 1 << "";
    QTest::newRow("unknown command")
        << QStringList {"explode", incident()} << 1 << "unknown command";
    QTest::newRow("report without file") << QStringList {"report"} << 1 << "one plan or state";
    QTest::newRow("bad format") << QStringList {"report", incident(), "--format", "yaml"} << 1
                                << "unknown format";
    QTest::newRow("unknown option")
        << QStringList {"report", incident(), "--frobnicate"} << 1 << "frobnicate";
    QTest::newRow("missing file") << QStringList {"report", missing} << 2
                                  << missing + ": no such file";
    QTest::newRow("directory") << QStringList {"report", QStringLiteral(BG_FIXTURES)} << 2
                               << "directory";
    QTest::newRow("what-if needs targets")
        << QStringList {"what-if", incident()} << 1 << "--destroy";
    QTest::newRow("what-if unknown address") << QStringList {"what-if", incident(), "--destroy",
        "aws_nope.x"} << 2 << "no resource matches aws_nope.x";
    QTest::newRow("what-if all") << QStringList {"what-if", incident(), "--all"} << 0
                                 << "Would delete";
    // Terraform's ModuleInstance.TargetContains: an unkeyed last call matches every instance,
    // an unkeyed earlier call does not match keyed instances.
    const QString edges = fixture(QStringLiteral("plan-module-instances-destroy-edges.json"));
    QTest::newRow("what-if unkeyed module") << QStringList {"what-if", edges, "--destroy",
        "module.svc"} << 0 << "module.svc[\"a\"].aws_sqs_queue.jobs";
    QTest::newRow("what-if unkeyed inner module") << QStringList {"what-if", edges, "--destroy",
        "module.a.module.b"} << 2 << "no resource matches module.a.module.b";
    QTest::newRow("what-if prior_state only") << QStringList {"what-if",
        fixture(QStringLiteral("plan-targeted-prior-state.json")), "--destroy",
        "aws_db_instance.main"} << 0 << "Would delete 1 database";
    QTest::newRow("diff needs two") << QStringList {"diff", incident()} << 1 << "two state files";
    QTest::newRow("diff of a plan")
        << QStringList {"diff", incident(), incident()} << 2 << "this is a plan";
    QTest::newRow("details") << QStringList {"details", incident(),
        "module.database.aws_db_instance.edu"}
                             << 0 << "- password: (sensitive)";
    QTest::newRow("details json") << QStringList {"details", incident(),
        "module.database.aws_db_instance.edu", "-f", "json"}
                                  << 0 << "blastguard.details/v1";
    QTest::newRow("details of a scenario")
        << QStringList {"details", "scenario:incident", "module.database.aws_db_instance.edu"} << 0
        << "skip_final_snapshot: true";
    QTest::newRow("details needs an address")
        << QStringList {"details", incident()} << 1 << "an address";
    QTest::newRow("details unknown address") << QStringList {"details", incident(), "aws_nope.x"}
                                             << 2 << "details: no resource matches aws_nope.x";
    QTest::newRow("details bad format") << QStringList {"details", incident(),
        "module.database.aws_db_instance.edu", "-f", "markdown"}
                                        << 1 << "unknown format";
    QTest::newRow("bad rules") << QStringList {"report", incident(), "--rules", incident()} << 2
                               << "not a rules file";
    const QString deferred = fixture(QStringLiteral("plan-deferred-actions.json"));
    const QString tainted = fixture(QStringLiteral("state-v4-tainted.tfstate"));
    QTest::newRow("deferred text")
        << QStringList {"report", deferred} << 0 << "Deferred (not applied in this run) (2)";
    QTest::newRow("deferred markdown") << QStringList {"report", deferred, "-f", "markdown"} << 0
                                       << "## Actions this apply runs (1)";
    QTest::newRow("deferred json") << QStringList {"report", deferred, "-f", "json"} << 0
                                   << "\"reason\": \"instance_count_unknown\"";
    QTest::newRow("tainted state")
        << QStringList {"report", tainted} << 0 << "but the next plan replaces 1 tainted database";
    QTest::newRow("tainted state json")
        << QStringList {"report", tainted, "-f", "json"} << 0 << "\"status\": \"tainted\"";
    QTest::newRow("stale diff") << QStringList {"diff", fixture("state-v4-current.tfstate"),
        fixture("state-v4-stale.tfstate")}
                                << 0 << "Forgotten by the state, still running (unmanaged) (4)";
    QTest::newRow("version") << QStringList {"--version"} << 0 << "blastguard-cli";
    QTest::newRow("help") << QStringList {"--help"} << 0 << "what-if";
}

void TestCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run run = cli(args);
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.code == code,
        qPrintable(QStringLiteral("exit %1, stderr: %2").arg(run.code).arg(run.err)));
    QVERIFY2((run.out + run.err).contains(message), qPrintable(run.out.left(300) + run.err));
}

void TestCli::everyCorpusFileExitsCleanly_data()
{
    BG_REQUIRE_CORPUS();
    QTest::addColumn<QString>("path");
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestCli::everyCorpusFileExitsCleanly()
{
    QFETCH(QString, path);
    const Run run
        = cli({QStringLiteral("report"), path, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.code == 0 || run.code == 2, qPrintable(run.err));
    if (run.code == 2) {
        QVERIFY2(run.err.startsWith(QStringLiteral("blastguard-cli: ") + path + QLatin1Char(':')),
            qPrintable(run.err));
    } else {
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())
                     .object()
                     .value(QStringLiteral("schema"))
                     .toString(),
            QStringLiteral("blastguard.report/v1"));
    }
}

void TestCli::outputFile()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.md"));
    const Run run = cli({QStringLiteral("report"), incident(), QStringLiteral("-f"),
        QStringLiteral("markdown"), QStringLiteral("-o"), out});
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.isEmpty());
    QVERIFY(readAll(out).startsWith("# Blastguard"));
    const Run bad = cli({QStringLiteral("report"), incident(), QStringLiteral("-o"),
        QStringLiteral("/nonexistent/dir/r.txt")});
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains(QLatin1String("/nonexistent/dir/r.txt")));
}

void TestCli::refusesToOverwriteInput()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("plan.json"));
    QVERIFY(QFile::copy(incident(), copy));
    const QByteArray before = readAll(copy);
    const Run run = cli({QStringLiteral("report"), copy, QStringLiteral("-o"), copy});
    QCOMPARE(run.code, 1);
    QVERIFY(run.err.contains(QLatin1String("input")));
    QCOMPARE(readAll(copy), before);
}

void TestCli::userRules()
{
    QTemporaryDir dir;
    const QString rules = dir.filePath(QStringLiteral("mine.json"));
    QFile file(rules);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"schema":"blastguard.rules/v1","categories":{"database":["acme_ledger"]},
      "findings":[{"code":"team-ecs-cluster","severity":"critical","types":["aws_ecs_cluster"],"actions":["delete"],
      "message":"Deletes the shared ECS cluster {address}: every team's services stop."}]})");
    file.close();
    const Run run = cli({QStringLiteral("report"), incident(), QStringLiteral("--rules"), rules,
        QStringLiteral("-f"), QStringLiteral("json")});
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.contains(QLatin1String("team-ecs-cluster")));
    QVERIFY(run.out.contains(QLatin1String("every team's services stop")));
    QFile broken(dir.filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"schema\":\"blastguard.rules/"
                 "v1\",\n\"findings\":[{\"code\":\"x\",\"severity\":\"loud\"}]}");
    broken.close();
    const Run bad
        = cli({QStringLiteral("report"), incident(), QStringLiteral("--rules"), broken.fileName()});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains(broken.fileName()) && bad.err.contains(QLatin1String("severity")),
        qPrintable(bad.err));
}

// A typo in a user's rules file would silently change what is flagged: it stops the run, and
// the message names the file, the line and column, the rule and the member.
void TestCli::misspeltUserRulesAreAnInputError()
{
    QTemporaryDir dir;
    const QString rules = writeBytes(dir, QStringLiteral("typo.json"),
        R"({"schema": "blastguard.rules/v1",
  "findings": [
    {"code": "team-ecs-cluster", "serverity": "critical", "types": ["aws_ecs_cluster"],
     "actions": ["delete"], "message": "Deletes the shared ECS cluster {address}."}
  ]
})");
    const Run run = cli({QStringLiteral("report"), incident(), QStringLiteral("--rules"), rules});
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(rules
                 + QStringLiteral(":3:34: unknown member \"serverity\" in \"findings[0]\" (known "
                                  "here: code, severity, ")),
        qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
}

void TestCli::inputsAreNeverModified()
{
    QStringList inputs {incident()};
    for (const QString &name : QDir(QStringLiteral(BG_FIXTURES)).entryList(QDir::Files))
        inputs.append(fixture(name));
    QHash<QString, QPair<QByteArray, QDateTime>> before;
    for (const QString &path : inputs)
        before.insert(path,
            {QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256),
                QFileInfo(path).lastModified()});
    // The formats differ only in what they write to stdout, after the input is read: under the
    // sanitizers, where each run costs 0.15 s, JSON alone (the ordinary build runs all three).
    const QList<const char *> formats = Sanitized
        ? QList<const char *> {"json"}
        : QList<const char *> {"text", "json", "markdown"};
    for (const QString &path : inputs) {
        for (const char *format : formats)
            cli({QStringLiteral("report"), path, QStringLiteral("-f"), QLatin1String(format)});
        cli({QStringLiteral("what-if"), path, QStringLiteral("--all")});
        cli({QStringLiteral("diff"), path, path});
    }
    for (const QString &path : inputs) {
        QCOMPARE(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256),
            before.value(path).first);
        QCOMPARE(QFileInfo(path).lastModified(), before.value(path).second);
    }
}

// The same plan gives the same picture: Graphviz kept module boxes in the order of their names'
// addresses, so with nested module instances the layout changed from run to run (every one of
// four runs of this fixture differed). Each run is its own process, with its own heap.
void TestCli::pictureIsTheSameEveryRun()
{
    const QString plan = fixture(QStringLiteral("plan-module-instances-destroy-edges.json"));
    for (const char *format : {"dot", "svg"}) {
        QString first;
        for (int run = 0; run < 4; ++run) {
            const Run r = cli(
                {QStringLiteral("graph"), QStringLiteral("--format"), QLatin1String(format), plan});
            QCOMPARE(r.code, 0);
            QVERIFY(r.out.contains(QLatin1String("module.a[")));
            if (run == 0)
                first = r.out;
            else
                QVERIFY2(r.out == first, format);
        }
    }
}

// The same report every run, where the analysis walks hashes (Qt seeds each process's hashes
// at random): 30 modules, each referring to a resource that is in none of them. The warning
// that names the first five of those named five others in each run until 2026-12-05.
void TestCli::reportIsTheSameEveryRun()
{
    QTemporaryDir dir;
    QJsonArray changes;
    QJsonObject calls;
    for (int i = 0; i < 30; ++i) {
        const QString module = QStringLiteral("module.m%1").arg(i);
        changes.append(QJsonObject {{"address", module + QStringLiteral(".null_resource.r")},
            {"module_address", module}, {"mode", "managed"}, {"type", "null_resource"},
            {"name", "r"}, {"provider_name", "registry.terraform.io/hashicorp/null"},
            {"change",
                QJsonObject {{"actions", QJsonArray {"create"}}, {"before", QJsonValue()},
                    {"after", QJsonObject()}, {"after_unknown", QJsonObject {{"id", true}}}}}});
        const QJsonObject resource {{"address", "null_resource.r"}, {"mode", "managed"},
            {"type", "null_resource"}, {"name", "r"},
            {"expressions",
                QJsonObject {{"triggers",
                    QJsonObject {
                        {"references", QJsonArray {QStringLiteral("aws_gone.x%1.id").arg(i)}}}}}}};
        calls.insert(QStringLiteral("m%1").arg(i),
            QJsonObject {
                {"source", "./m"}, {"module", QJsonObject {{"resources", QJsonArray {resource}}}}});
    }
    const QString plan = dir.filePath(QStringLiteral("plan.json"));
    QFile file(plan);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(
        QJsonObject {{"format_version", "1.2"}, {"terraform_version", "1.9.0"},
            {"resource_changes", changes},
            {"configuration",
                QJsonObject {{"root_module", QJsonObject {{"module_calls", calls}}}}}})
                   .toJson());
    file.close();
    QString first;
    for (int run = 0; run < 4; ++run) {
        const Run r = cli(
            {QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json"), plan});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("30 configuration references could not be resolved")));
        if (run == 0)
            first = r.out;
        else
            QVERIFY(r.out == first);
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
