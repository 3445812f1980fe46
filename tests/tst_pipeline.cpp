// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline's ways in (issue 17): standard input, saved plans and colour.
// Saved plans and standard input (items 1 and 2). A saved plan is the zip that
// `terraform plan -out` writes; here a stand-in: the zip signature, then the path of the plan
// JSON it stands for. A stand-in terraform (a script this test writes) answers `show -json FILE`
// with that JSON and logs its arguments and working folder. The reading commands find it as
// $BLASTGUARD_TERRAFORM or as `terraform` on PATH; gate finds only the one a policy names.
#include "gatetestutils.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace bg::core;
using namespace bg::tests;

class TestPipeline : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void standardInput_data();
    void standardInput();
    void savedPlanReads_data();
    void savedPlanReads();
    void foundOnPath();
    void noTerraform();
    void showFails();
    void showTimesOut();
    void gateIgnoresTheCallersTerraform();
    void approvalBindsBoth();
    void colour_data();
    void colour();
    void colourOnATerminal();

private:
    struct Ran {
        int code = -1;
        QString out;
        QString err;
    };
    Ran run(const QStringList &args, const QStringList &env = {}, const QByteArray &input = {},
        const QString &cwd = QString());
    QString savedPlan(const QString &name, const QString &json, const QByteArray &extra = {});
    QString log() const { return QString::fromUtf8(readAll(m_log)); }

    QTemporaryDir m_dir;
    QString m_standIn;
    QString m_bin; // holds `terraform`, the stand-in, for PATH
    QString m_policy;
    QString m_log;
};

namespace {
const QString Incident = QStringLiteral("scenarios/incident/plan.json");

QString sha(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}
} // namespace

void TestPipeline::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_log = m_dir.filePath(QStringLiteral("standin.log"));
    const QString script = QStringLiteral(R"SH(#!/bin/bash
printf 'argv:%s cwd=%s\n' "$*" "$PWD" >> '%1'
plan="${@: -1}"
case "$1" in
show)
    [ -n "$STANDIN_SLEEP" ] && sleep "$STANDIN_SLEEP"
    [ -n "$STANDIN_FAIL" ] && { echo "Error: Failed to load plugin schemas" >&2; exit 1; }
    cat "$(sed -n 2p "$plan")" || exit 1
    ;;
esac
)SH")
                               .arg(m_log);
    m_standIn = writeBytes(m_dir, QStringLiteral("standin-terraform"), script.toUtf8());
    QVERIFY(QFile::setPermissions(
        m_standIn, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    m_bin = m_dir.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(m_bin));
    QVERIFY(QFile::copy(m_standIn, m_bin + QStringLiteral("/terraform")));
    QVERIFY(QFile::setPermissions(m_bin + QStringLiteral("/terraform"),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    m_policy = writeBytes(m_dir, QStringLiteral("policy.json"),
        QStringLiteral("{\"schema\": \"blastguard.policy/v1\", \"terraform\": \"%1\"}\n")
            .arg(m_standIn)
            .toUtf8());
}

TestPipeline::Ran TestPipeline::run(
    const QStringList &args, const QStringList &env, const QByteArray &input, const QString &cwd)
{
    QFile::remove(m_log);
    QProcess p;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("BLASTGUARD_TERRAFORM"));
    for (const QString &pair : env)
        environment.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(environment);
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.start(QStringLiteral(BG_CLI), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(Patience))
        qFatal("blastguard-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString TestPipeline::savedPlan(const QString &name, const QString &json, const QByteArray &extra)
{
    QDir().mkpath(m_dir.filePath(QStringLiteral("stack")));
    return writeBytes(
        m_dir, QStringLiteral("stack/") + name, "PK\x03\x04\n" + json.toUtf8() + "\n" + extra);
}

void TestPipeline::standardInput_data()
{
    QTest::addColumn<QStringList>("args"); // "-" stands for the plan
    QTest::newRow("report") << QStringList {QStringLiteral("report"), QStringLiteral("-")};
    QTest::newRow("report json") << QStringList {QStringLiteral("report"), QStringLiteral("-"),
        QStringLiteral("--format"), QStringLiteral("json")};
    QTest::newRow("gate") << QStringList {QStringLiteral("gate"), QStringLiteral("-")};
    QTest::newRow("what-if") << QStringList {
        QStringLiteral("what-if"), QStringLiteral("-"), QStringLiteral("--all")};
    QTest::newRow("details") << QStringList {
        QStringLiteral("details"), QStringLiteral("-"), QStringLiteral("aws_vpc.main")};
    QTest::newRow("graph") << QStringList {QStringLiteral("graph"), QStringLiteral("-")};
}

// `terraform show -json tfplan | blastguard-cli COMMAND -` answers as the file does; the gate's
// SHA-256 is of the bytes read.
void TestPipeline::standardInput()
{
    QFETCH(QStringList, args);
    const QString plan = resource(Incident);
    const Ran piped = run(args, {}, readAll(plan));
    QStringList named = args;
    named.replace(named.indexOf(QStringLiteral("-")), plan);
    const Ran file = run(named);
    QCOMPARE(piped.code, file.code);
    QVERIFY2(piped.code == 0 || piped.code == 3, qPrintable(piped.err));
    QString expected = file.out;
    expected.replace(plan, QStringLiteral("-"))
        .replace(QFileInfo(plan).fileName(), QStringLiteral("-"));
    QString got = piped.out;
    got.replace(QStringLiteral("(standard input)"), QStringLiteral("-"));
    if (args.first() == QLatin1String("gate"))
        QVERIFY(piped.out.contains(QStringLiteral("SHA-256 ") + sha(readAll(plan))));
    QCOMPARE(got.size() > 100, true);
    QCOMPARE(got.count(QLatin1Char('\n')), expected.count(QLatin1Char('\n')));
}

void TestPipeline::savedPlanReads_data()
{
    QTest::addColumn<QString>("command");
    for (const char *c : {"report", "what-if", "details", "graph", "saved-by"})
        QTest::newRow(c) << QString::fromLatin1(c);
}

// A saved plan reads as its `show -json` output does, shown in the plan's folder.
void TestPipeline::savedPlanReads()
{
    QFETCH(QString, command);
    const QString json = resource(Incident);
    const QString saved = savedPlan(QStringLiteral("tfplan"), json);
    QStringList tail;
    if (command == QLatin1String("what-if"))
        tail = {QStringLiteral("--all")};
    if (command == QLatin1String("details"))
        tail = {QStringLiteral("aws_vpc.main")};
    const Ran fromSaved = run(
        QStringList {command, saved} + tail, {QStringLiteral("BLASTGUARD_TERRAFORM=") + m_standIn});
    QVERIFY2(fromSaved.code == 0, qPrintable(fromSaved.err));
    QVERIFY2(log().contains(QStringLiteral("argv:show -json ")), qPrintable(log()));
    QVERIFY2(log().contains(QStringLiteral("cwd=") + QFileInfo(saved).absolutePath()),
        qPrintable(log()));
    // Never the caller's file itself: a private copy of the bytes read.
    QVERIFY(!log().contains(QStringLiteral("show -json ") + saved));
    const Ran fromJson = run(QStringList {command, json} + tail);
    QCOMPARE(fromSaved.out.count(QLatin1Char('\n')), fromJson.out.count(QLatin1Char('\n')));
    if (command != QLatin1String("report"))
        return;
    // Both hashes: the JSON's and the saved plan's.
    const Ran report = run({command, saved, QStringLiteral("--format"), QStringLiteral("json")},
        {QStringLiteral("BLASTGUARD_TERRAFORM=") + m_standIn});
    const QJsonObject root = QJsonDocument::fromJson(report.out.toUtf8()).object();
    QCOMPARE(
        root.value(QStringLiteral("plan")).toObject().value(QStringLiteral("sha256")).toString(),
        sha(readAll(json)));
    QCOMPARE(root.value(QStringLiteral("saved_plan"))
                 .toObject()
                 .value(QStringLiteral("sha256"))
                 .toString(),
        sha(readAll(saved)));
    QVERIFY(fromSaved.out.contains(
        QStringLiteral("shown from the saved plan ") + sha(readAll(saved)).left(12)));
    // And from standard input: shown in the current folder.
    const Ran piped = run({command, QStringLiteral("-")},
        {QStringLiteral("BLASTGUARD_TERRAFORM=") + m_standIn}, readAll(saved), m_bin);
    QVERIFY2(piped.code == 0, qPrintable(piped.err));
    QVERIFY2(log().contains(QStringLiteral("cwd=") + m_bin), qPrintable(log()));
}

void TestPipeline::foundOnPath()
{
    const QString saved = savedPlan(QStringLiteral("tfplan"), resource(Incident));
    const Ran ran = run({QStringLiteral("report"), saved},
        {QStringLiteral("PATH=") + m_bin + QStringLiteral(":/usr/bin:/bin")});
    QVERIFY2(ran.code == 0, qPrintable(ran.err));
    QVERIFY(ran.out.contains(QLatin1String("DATA LOSS")));
}

void TestPipeline::noTerraform()
{
    const QString saved = savedPlan(QStringLiteral("tfplan"), resource(Incident));
    const Ran ran = run({QStringLiteral("report"), saved}, {QStringLiteral("PATH=/nonexistent")});
    QCOMPARE(ran.code, 2);
    QVERIFY2(ran.err.contains(QStringLiteral("terraform show -json %1 > plan.json").arg(saved)),
        qPrintable(ran.err));
    QVERIFY(ran.out.isEmpty());
    const Ran named = run({QStringLiteral("report"), saved},
        {QStringLiteral("BLASTGUARD_TERRAFORM=") + m_dir.filePath(QStringLiteral("absent"))});
    QCOMPARE(named.code, 2);
    QVERIFY2(
        named.err.contains(QLatin1String("BLASTGUARD_TERRAFORM names")), qPrintable(named.err));
}

void TestPipeline::showFails()
{
    const QString saved = savedPlan(QStringLiteral("tfplan"), resource(Incident));
    const Ran ran = run({QStringLiteral("report"), saved},
        {QStringLiteral("BLASTGUARD_TERRAFORM=") + m_standIn, QStringLiteral("STANDIN_FAIL=1")});
    QCOMPARE(ran.code, 2);
    QVERIFY2(ran.err.contains(QLatin1String("Failed to load plugin schemas"))
            && ran.err.contains(QLatin1String("exited 1")),
        qPrintable(ran.err));
    // Output that is not a plan names the saved plan.
    const QString notPlan
        = savedPlan(QStringLiteral("odd"), fixture(QStringLiteral("bad-truncated.json")));
    const Ran odd = run(
        {QStringLiteral("report"), notPlan}, {QStringLiteral("BLASTGUARD_TERRAFORM=") + m_standIn});
    QCOMPARE(odd.code, 2);
    QVERIFY2(odd.err.contains(notPlan), qPrintable(odd.err));
}

void TestPipeline::showTimesOut()
{
    const QString saved = savedPlan(QStringLiteral("tfplan"), resource(Incident));
    const Ran ran = run({QStringLiteral("report"), saved},
        {QStringLiteral("BLASTGUARD_TERRAFORM=") + m_standIn, QStringLiteral("STANDIN_SLEEP=600"),
            QStringLiteral("BLASTGUARD_SHOW_TIMEOUT=1")});
    QCOMPARE(ran.code, 2);
    QVERIFY2(ran.err.contains(QLatin1String("did not finish within 1 s")), qPrintable(ran.err));
}

// gate shows a saved plan with the fixed terraform only: the policy's here. A terraform on the
// caller's PATH or in BLASTGUARD_TERRAFORM is never run.
void TestPipeline::gateIgnoresTheCallersTerraform()
{
    const QString saved = savedPlan(QStringLiteral("tfplan"), resource(Incident));
    const Ran withPolicy
        = run({QStringLiteral("gate"), saved, QStringLiteral("--policy"), m_policy},
            {QStringLiteral("BLASTGUARD_TERRAFORM=/bin/false")});
    QCOMPARE(withPolicy.code, 3); // shown by the policy's stand-in, gated: needs an approval
    QVERIFY(withPolicy.out.contains(QStringLiteral("Saved plan SHA-256 ") + sha(readAll(saved))));
    // Without the policy: the fixed places only. This machine may have a real terraform there,
    // which fails on the stand-in's saved plan; the caller's stand-in never runs.
    const Ran withoutPolicy = run({QStringLiteral("gate"), saved},
        {QStringLiteral("BLASTGUARD_TERRAFORM=") + m_standIn,
            QStringLiteral("PATH=") + m_bin + QStringLiteral(":/usr/bin:/bin")});
    QCOMPARE(withoutPolicy.code, 2);
    QVERIFY2(withoutPolicy.err.contains(QLatin1String("neither terraform nor tofu is installed"))
            || withoutPolicy.err.contains(QLatin1String("show -json` exited")),
        qPrintable(withoutPolicy.err));
    QVERIFY2(log().isEmpty(), qPrintable(log()));
}

// An approval made from a saved plan binds it: that saved plan passes; another whose JSON is
// the same, or the JSON alone, does not.
void TestPipeline::approvalBindsBoth()
{
    const QString json = resource(Incident);
    const QString saved = savedPlan(QStringLiteral("tfplan"), json);
    const QString other = savedPlan(QStringLiteral("tfplan-other"), json, "another plan\n");
    const Policy policy = mustHave(Policy::loadDefaultAnd(m_policy));
    QTemporaryDir dir;
    const QString approval = writeApprovalFile(
        dir, json, Correct, [&](Approval &a) { a.savedPlanSha256 = sha(readAll(saved)); }, &policy);
    QVERIFY(readAll(approval).contains("\"saved_plan_sha256\": \"" + sha(readAll(saved)).toUtf8()));
    const QStringList gateArgs {QStringLiteral("--policy"), m_policy};
    const Ran same
        = run(QStringList {QStringLiteral("gate"), saved} + gateArgs + approvalArgs(approval));
    QVERIFY2(same.code == 0, qPrintable(same.out + same.err));
    const Ran another
        = run(QStringList {QStringLiteral("gate"), other} + gateArgs + approvalArgs(approval));
    QCOMPARE(another.code, 3);
    QVERIFY2(another.out.contains(QLatin1String("the saved plan's SHA-256 differs")),
        qPrintable(another.out));
    const Ran jsonAlone
        = run(QStringList {QStringLiteral("gate"), json} + gateArgs + approvalArgs(approval));
    QCOMPARE(jsonAlone.code, 3);
    QVERIFY2(jsonAlone.out.contains(QLatin1String("gate the saved plan itself")),
        qPrintable(jsonAlone.out));
    // An approval of the JSON alone still covers the saved plan shown to the same JSON.
    QTemporaryDir plainDir;
    const QString plain = writeApprovalFile(plainDir, json, Correct, {}, &policy);
    const Ran plainGate
        = run(QStringList {QStringLiteral("gate"), saved} + gateArgs + approvalArgs(plain));
    QVERIFY2(plainGate.code == 0, qPrintable(plainGate.out + plainGate.err));
}

void TestPipeline::colour_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<bool>("coloured");
    const QString plan = resource(Incident);
    const QStringList report {QStringLiteral("report"), plan};
    QTest::newRow("pipe, auto") << report << QStringList() << false;
    QTest::newRow("pipe, always") << report
            + QStringList {QStringLiteral("--color"), QStringLiteral("always")}
                                  << QStringList() << true;
    QTest::newRow("always beats NO_COLOR")
        << report + QStringList {QStringLiteral("--color=always")}
        << QStringList {QStringLiteral("NO_COLOR=1")} << true;
    QTest::newRow("never") << report
            + QStringList {QStringLiteral("--color"), QStringLiteral("never")}
                           << QStringList() << false;
    QTest::newRow("json, always") << report
            + QStringList {QStringLiteral("--format"), QStringLiteral("json"),
                QStringLiteral("--color"), QStringLiteral("always")}
                                  << QStringList() << false;
    QTest::newRow("markdown, always") << report
            + QStringList {QStringLiteral("--format"), QStringLiteral("markdown"),
                QStringLiteral("--color"), QStringLiteral("always")}
                                      << QStringList() << false;
    QTest::newRow("gate, always") << QStringList {QStringLiteral("gate"), plan,
        QStringLiteral("--color"), QStringLiteral("always")}
                                  << QStringList() << true;
    QTest::newRow("gate, pipe") << QStringList {QStringLiteral("gate"), plan} << QStringList()
                                << false;
}

// Escape codes only when asked, or on a terminal; never in JSON or Markdown.
void TestPipeline::colour()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(bool, coloured);
    const Ran ran = run(args, env);
    QVERIFY2(ran.code == 0 || ran.code == 3, qPrintable(ran.err));
    QCOMPARE(ran.out.contains(QLatin1Char('\x1b')), coloured);
    if (!coloured)
        return;
    // The headline and the critical lines stand out; the words are unchanged.
    QVERIFY2(ran.out.contains(QStringLiteral("\x1b[1;31mDATA LOSS: Deletes 1 database")),
        qPrintable(ran.out.left(400)));
    QVERIFY(ran.out.contains(QStringLiteral("\x1b[31m  1. ")));
    QString plain = ran.out;
    plain.remove(QRegularExpression(QStringLiteral("\x1b\\[[0-9;]*m")));
    QStringList uncoloured = args;
    uncoloured.removeAll(QStringLiteral("--color=always"));
    if (const qsizetype i = uncoloured.indexOf(QStringLiteral("--color")); i >= 0)
        uncoloured.remove(i, 2);
    QCOMPARE(plain, run(uncoloured).out);
}

void TestPipeline::colourOnATerminal()
{
    // auto colours a terminal (script(1) runs the command on a pseudo-terminal), not with
    // NO_COLOR, and never a file written with -o unless asked.
    if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty())
        QSKIP("script(1) is not installed");
    const QString command
        = QStringLiteral("'%1' report '%2'").arg(QStringLiteral(BG_CLI), resource(Incident));
    const auto underScript = [&](const QString &extraEnv) {
        QProcess script;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("NO_COLOR"));
        e.insert(QStringLiteral("TERM"), QStringLiteral("xterm"));
        if (!extraEnv.isEmpty())
            e.insert(
                extraEnv.section(QLatin1Char('='), 0, 0), extraEnv.section(QLatin1Char('='), 1));
        script.setProcessEnvironment(e);
        script.start(QStringLiteral("script"),
            {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
        script.waitForFinished(Patience);
        return QString::fromUtf8(script.readAllStandardOutput());
    };
    QVERIFY(underScript(QString()).contains(QStringLiteral("\x1b[1;31mDATA LOSS")));
    QVERIFY(!underScript(QStringLiteral("NO_COLOR=1")).contains(QLatin1Char('\x1b')));
    QVERIFY(!underScript(QStringLiteral("TERM=dumb")).contains(QLatin1Char('\x1b')));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.txt"));
    QVERIFY(
        run({QStringLiteral("report"), resource(Incident), QStringLiteral("-o"), out}).code == 0);
    QVERIFY(!readAll(out).contains('\x1b'));
    QVERIFY(run({QStringLiteral("report"), resource(Incident), QStringLiteral("-o"), out,
                    QStringLiteral("--color"), QStringLiteral("always")})
                .code
        == 0);
    QVERIFY(readAll(out).contains('\x1b'));
    const Ran wrong = run({QStringLiteral("report"), resource(Incident), QStringLiteral("--color"),
        QStringLiteral("purple")});
    QCOMPARE(wrong.code, 1);
    QVERIFY(wrong.err.contains(QLatin1String("choose auto, always or never")));
    const Ran graph = run({QStringLiteral("graph"), resource(Incident), QStringLiteral("--color"),
        QStringLiteral("always")});
    QCOMPARE(graph.code, 1); // graph writes SVG or DOT: it takes no --color
}

QTEST_MAIN(TestPipeline)
#include "tst_pipeline.moc"
