// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The rest of tst_gate: approve needs a person at a terminal (driven here on a pseudo-terminal),
// graph renders valid SVG and DOT in seconds at 10,000 resources, the Markdown report fits a
// pull-request comment and escapes what the plan says. (The guarded apply: tst_apply.)
#include "core/report/report.h"
#include "gatetestutils.h"
#include "tst_gate.h"

#include <QXmlStreamReader>

using namespace bg::core;
using namespace bg::tests;

namespace {

// The number of nodes in an SVG written by Graphviz; -1 when it is not well-formed XML.
int svgNodes(const QByteArray &svg)
{
    QXmlStreamReader xml(svg);
    int nodes = 0;
    bool root = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        root = root || xml.name() == QLatin1String("svg");
        nodes += xml.name() == QLatin1String("g")
            && xml.attributes().value(QLatin1String("class")) == QLatin1String("node");
    }
    return xml.hasError() || !root ? -1 : nodes;
}

int criticalCount(const QString &plan)
{
    return analyse(mustLoad(plan), defaultRules()).criticalCount();
}

// What approve asks to acknowledge: each critical finding, then each gate warning.
int questionCount(const QString &plan)
{
    const Analysis a = analyse(mustLoad(plan), defaultRules());
    return a.criticalCount() + int(gateWarnings(a).size());
}

} // namespace

void TestGate::approveRefusesWithoutTerminal()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("approval.json"));
    // QProcess gives no terminal; piping "yes" changes nothing.
    QProcess p;
    p.start(
        QStringLiteral(BG_CLI), {QStringLiteral("approve"), incident(), QStringLiteral("-o"), out});
    p.write(QByteArray("y\n").repeated(20) + "destroy 38 incl. edu-prod\n");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(Patience));
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(
        err.contains(QLatin1String("standard input and standard output must both be a terminal"))
            && err.contains(QLatin1String("cannot approve its own plan")),
        qPrintable(err));
    QVERIFY(!QFileInfo::exists(out));
}

void TestGate::approveAtTerminal_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QStringList>("script"); // alternately: text to wait for, line to type
    QTest::addColumn<bool>("stdoutToNull");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");

    static QTemporaryDir dir;
    const QString inc = incident();
    const QString phrase
        = confirmationPhrase(analyse(mustLoad(inc), defaultRules()), defaultRules());
    QStringList allYes;
    for (int i = 0, n = questionCount(inc); i < n; ++i)
        allYes << QStringLiteral("Acknowledge? [y/N] ")
               << (i % 2 ? QStringLiteral("y") : QStringLiteral("yes"));
    const QString typePrompt = QStringLiteral("> ");
    QTest::newRow("approved") << inc << (allYes + QStringList {typePrompt, phrase}) << false << 0
                              << "Approved. Written to ";
    QTest::newRow("the warning declined")
        << inc << (allYes.mid(0, allYes.size() - 1) + QStringList {"n"}) << false << 3
        << "Not acknowledged: warning delete-everything.";
    QTest::newRow("no key") << inc << QStringList() << false << 1 << "approve needs --key KEY";
    QTest::newRow("a finding declined")
        << inc << QStringList {"Acknowledge? [y/N] ", "y", "Acknowledge? [y/N] ", "n"} << false << 3
        << "Not acknowledged: ";
    QTest::newRow("an empty answer is no") << inc << QStringList {"Acknowledge? [y/N] ", ""}
                                           << false << 3 << "Nothing was approved or written";
    QTest::newRow("the wrong phrase") << inc
                                      << (allYes
                                             + QStringList {typePrompt, "yes", typePrompt,
                                                 "destroy 38", typePrompt, "destroy everything"})
                                      << false << 3 << "Not approved: the phrase was not typed";
    QTest::newRow("nothing critical: the phrase only")
        << fixture(QStringLiteral("plan-safe-updates.json"))
        << QStringList {typePrompt, "apply 3 changes"} << false << 0 << "Approved. Written to ";
    QJsonObject root
        = QJsonDocument::fromJson(readAll(fixture(QStringLiteral("plan-db-replace.json"))))
              .object();
    root.insert(QStringLiteral("errored"), true);
    QTest::newRow("an errored plan")
        << writeBytes(dir, QStringLiteral("errored.json"), QJsonDocument(root).toJson())
        << QStringList() << false << 3 << "This plan cannot be approved";
    QTest::newRow("stdout is not a terminal")
        << inc << QStringList() << true << 1 << "must both be a terminal";
}

void TestGate::approveAtTerminal()
{
    QFETCH(QString, plan);
    QFETCH(QStringList, script);
    QFETCH(bool, stdoutToNull);
    QFETCH(int, code);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("approval.json"));
    PtySession session;
    QStringList args {QStringLiteral("approve"), plan, QStringLiteral("-o"), out};
    if (QByteArray(QTest::currentDataTag()) != "no key")
        args << QStringLiteral("--key") << TestKeys::get().key(QStringLiteral("alice"));
    QVERIFY(session.start(args, stdoutToNull));
    for (qsizetype i = 0; i + 1 < script.size(); i += 2) {
        QVERIFY2(session.waitFor(script[i].toUtf8()), qPrintable(session.seen()));
        session.send(script[i + 1].toUtf8());
    }
    const int exit = session.finish();
    QVERIFY2(
        exit == code, qPrintable(QStringLiteral("exit %1:\n%2").arg(exit).arg(session.seen())));
    QVERIFY2(session.seen().contains(message), qPrintable(session.seen()));
    QCOMPARE(QFileInfo::exists(out), code == 0);
    if (code == 0) {
        // The record is the desktop app's, and the gate takes it for this plan.
        const auto approval = readApproval(out);
        QVERIFY2(approval, qPrintable(errorText(approval)));
        QCOMPARE(int(approval->acknowledged.size()), criticalCount(plan));
        QCOMPARE(int(approval->acknowledged.size() + approval->acknowledgedWarnings.size()),
            questionCount(plan));
        const Run gate = cli(QStringList {QStringLiteral("gate"), plan} + approvalArgs(out));
        QVERIFY2(gate.code == 0, qPrintable(gate.out));
        if (questionCount(plan) > 0) // else the gate needs no approval and checks none
            QVERIFY2(gate.out.contains(QLatin1String("Signed by alice@example.com (ED25519 key ")),
                qPrintable(gate.out));
    }
}

void TestGate::graph_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("minNodes");
    QTest::addColumn<int>("maxNodes"); // -1: DOT, not SVG
    const QString inc = incident();
    QTest::newRow("incident svg") << QStringList {"graph", inc} << 38 << 38;
    QTest::newRow("incident dot") << QStringList {"graph", inc, "--format", "dot"} << 0 << -1;
    QTest::newRow("incident focus")
        << QStringList {"graph", inc, "--focus", "module.database.aws_db_instance.edu"} << 2 << 37;
    QTest::newRow("a state") << QStringList {"graph", fixture("state-show.json"), "-f", "svg"} << 1
                             << 500;
    QTest::newRow("10k mixed plan") << QStringList {"graph", m_mix10k} << 100 << 500;
    QTest::newRow("10k full destroy") << QStringList {"graph", m_destroy10k} << 100 << 500;
    QTest::newRow("10k dot") << QStringList {"graph", m_destroy10k, "-f", "dot"} << 0 << -1;
}

void TestGate::graph()
{
    QFETCH(QStringList, args);
    QFETCH(int, minNodes);
    QFETCH(int, maxNodes);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("graph.out"));
    QElapsedTimer timer;
    timer.start();
    const Run run = cli(args + QStringList {QStringLiteral("-o"), out});
    qInfo("%s: %lld ms", qPrintable(args.join(QLatin1Char(' ')).right(60)), timer.elapsed());
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QByteArray bytes = readAll(out);
    if (maxNodes < 0) {
        QVERIFY(bytes.startsWith("digraph"));
        return;
    }
    const int nodes = svgNodes(bytes);
    QVERIFY2(
        nodes >= minNodes && nodes <= maxNodes, qPrintable(QStringLiteral("%1 nodes").arg(nodes)));
    QVERIFY(bytes.contains("cylinder") || bytes.contains("<path") || bytes.contains("<polygon"));
}

void TestGate::graphErrors()
{
    const QString inc = incident();
    const Run unknown = cli(
        {QStringLiteral("graph"), inc, QStringLiteral("--focus"), QStringLiteral("aws_nope.x")});
    QCOMPARE(unknown.code, 2);
    QVERIFY2(
        unknown.err.contains(inc + QStringLiteral(": --focus: no resource matches aws_nope.x")),
        qPrintable(unknown.err));
    const Run ambiguous = cli({QStringLiteral("graph"), inc, QStringLiteral("--focus"),
        QStringLiteral("aws_subnet.private")});
    QCOMPARE(ambiguous.code, 2);
    QVERIFY(ambiguous.err.contains(
        QLatin1String("names 2 resources; focus on one, e.g. aws_subnet.private[0]")));
    QCOMPARE(
        cli({QStringLiteral("graph"), inc, QStringLiteral("--format"), QStringLiteral("png")}).code,
        1);
    QCOMPARE(cli({QStringLiteral("graph"), inc, QStringLiteral("-o"), inc}).code, 1);
    QCOMPARE(cli({QStringLiteral("graph"), QStringLiteral("/nonexistent.json")}).code, 2);
}

void TestGate::markdownFitsAComment_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<bool>("cut");
    QTest::newRow("incident") << incident() << false;
    QTest::newRow("10k mixed plan") << m_mix10k << true;
    QTest::newRow("10k full destroy") << m_destroy10k << true;
}

void TestGate::markdownFitsAComment()
{
    QFETCH(QString, plan);
    QFETCH(bool, cut);
    const Run run = cli(
        {QStringLiteral("report"), plan, QStringLiteral("--format"), QStringLiteral("markdown")});
    QCOMPARE(run.code, 0);
    const QByteArray bytes = run.out.toUtf8();
    qInfo("%s: %lld bytes", qPrintable(QFileInfo(plan).fileName()), qlonglong(bytes.size()));
    QVERIFY2(bytes.size() < 65000, qPrintable(QString::number(bytes.size())));
    const QString md = run.out;
    QCOMPARE(md.contains(QLatin1String("**Cut to fit a pull-request comment")), cut);
    if (cut)
        QVERIFY(md.contains(
            QRegularExpression(QStringLiteral("Not shown: [^\\n]*of [0-9,]+ changed resources"))));
    QCOMPARE(md.count(QLatin1String("<details>")), md.count(QLatin1String("</details>")));
    QVERIFY(md.count(QLatin1String("<details>")) > 0);
    const qsizetype critical = md.indexOf(QLatin1String("\n## Critical findings ("));
    QVERIFY(critical > 0 && critical < md.indexOf(QLatin1String("\n## Counts\n")));
    QVERIFY(md.contains(QLatin1String("| **critical findings** |")));
}

void TestGate::markdownEscapesThePlan()
{
    QTemporaryDir dir;
    const QString hostile
        = QStringLiteral("aws_s3_bucket.uploads[\"</details><script>x()</script>|`[a](b)\"]");
    const QString plan = editedCopy(
        dir, QStringLiteral("hostile.json"), incident(), [&](QJsonArray &changes) {
            for (qsizetype i = 0; i < changes.size(); ++i) {
                QJsonObject rc = changes[i].toObject();
                if (rc.value(QStringLiteral("address")) == QLatin1String("aws_s3_bucket.uploads")) {
                    rc.insert(QStringLiteral("address"), hostile);
                    rc.insert(QStringLiteral("index"),
                        QStringLiteral("</details><script>x()</script>|`[a](b)"));
                    changes[i] = rc;
                }
            }
        });
    const Run run
        = cli({QStringLiteral("report"), plan, QStringLiteral("-f"), QStringLiteral("markdown")});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QString md = run.out;
    QVERIFY2(md.contains(QLatin1String("x()")), "the hostile resource is in the report");
    // Inside a code span HTML and links are literal text; everywhere else none may survive.
    QString prose = md;
    prose.remove(QRegularExpression(QStringLiteral("`[^`\n]*`")));
    QVERIFY2(!prose.contains(QLatin1String("<script>")) && !prose.contains(QLatin1String("[a](b)")),
        qPrintable(prose));
    QCOMPARE(prose.count(QLatin1String("</details>")), prose.count(QLatin1String("<details>")));
    // Every table row keeps its four cells: a pipe from the plan is escaped.
    for (const QString &line : md.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1String("| ")))
            continue;
        const qsizetype pipes = line.count(QLatin1Char('|')) - line.count(QLatin1String("\\|"));
        QVERIFY2(pipes == 5 || pipes == 3, qPrintable(line));
    }
}

void TestGate::secretsNeverAppear()
{
    QStringList secrets
        = QString::fromUtf8(readAll(fixture(QStringLiteral("plan-sensitive.secrets.txt"))))
              .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QJsonValue rc :
        QJsonDocument::fromJson(readAll(incident()))[QLatin1String("resource_changes")].toArray()) {
        const QString password
            = rc[QLatin1String("change")][QLatin1String("before")][QLatin1String("password")]
                  .toString();
        if (!password.isEmpty())
            secrets.append(password);
    }
    QVERIFY(secrets.size() > 1);
    for (const QString &plan : {incident(), fixture(QStringLiteral("plan-sensitive.json"))}) {
        for (const QStringList &args :
            {QStringList {"gate", plan}, QStringList {"report", plan, "-f", "markdown"},
                QStringList {"graph", plan}, QStringList {"graph", plan, "-f", "dot"}}) {
            const Run run = cli(args);
            for (const QString &secret : secrets)
                QVERIFY2(
                    !(run.out + run.err).contains(secret.trimmed()), qPrintable(args.join(' ')));
        }
    }
}
