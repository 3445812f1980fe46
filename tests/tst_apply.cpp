// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `blastguard-cli apply PLANFILE`, the guarded apply (issue 13, item 5 and attack 6), run with a
// stand-in terraform: a shell script this test writes and names through a test policy
// ("terraform"). The stand-in logs its arguments, a few environment variables, its working
// folder and the mode of the plan's folder; `show -json FILE` prints the JSON file whose path
// FILE holds (a "saved plan" here is one line: the path of the plan JSON it stands for);
// `apply ... FILE` only logs, and exits $STANDIN_APPLY_EXIT.
//
// A row may give an approval and an allowed_signers file (the `approval` column of
// gatedThenApplied, made by approvalOptions): the signed approvals of item 1 add their kinds and
// rows there.
#include "gatetestutils.h"

#include <QProcessEnvironment>
#include <sys/stat.h>
#include <sys/types.h>

using namespace bg::core;
using namespace bg::tests;

class TestApply : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void gatedThenApplied_data();
    void gatedThenApplied();
    void refusedArguments_data();
    void refusedArguments();
    void refusedPlanFiles_data();
    void refusedPlanFiles();
    void terraformProgram_data();
    void terraformProgram();
    void showFailsOrIsNoPlan_data();
    void showFailsOrIsNoPlan();
    void callerPathIsIgnored();
    void privateFolder();
    void copyChangedAfterTheGate();

private:
    struct Ran {
        int code = -1;
        QString output; // blastguard-cli's stdout and stderr
        QString log; // what the stand-in logged; empty when it never ran
    };
    // A saved plan standing for `json`: one line, its path.
    QString savedPlan(const QString &name, const QString &json);
    // blastguard-cli apply PLAN ARGS in the test's work folder, with the test policy (unless
    // `policy` names another) and the caller's environment plus `env` ("NAME=VALUE").
    Ran apply(const QString &plan, const QStringList &args, const QStringList &env = {},
        const QString &policy = QString());
    // The --approval (and, for signed approvals, --allowed-signers) options of a row's
    // `approval` kind, their files written in `dir`. `json` is the plan the row applies.
    QStringList approvalOptions(
        const QTemporaryDir &dir, const QString &kind, const QString &json) const;
    // The apply call's arguments in the log; empty when apply was not called.
    static QStringList applyCall(const QString &log);
    static QString logValue(const QString &log, const QString &name);

    QTemporaryDir m_dir;
    QString m_standIn;
    QString m_policy;
    QString m_log;
    QString m_work;
};

void TestApply::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_log = m_dir.filePath(QStringLiteral("standin.log"));
    m_work = m_dir.filePath(QStringLiteral("work"));
    QVERIFY(QDir().mkpath(m_work));
    // The stand-in is run with blastguard-cli's PATH (/usr/local/bin:/usr/bin:/bin), so it
    // names nothing outside it.
    const QString script = QStringLiteral(R"SH(#!/bin/bash
{
    printf 'argv:'; printf ' %s' "$@"; printf '\n'
    printf 'TF_CLI_ARGS=%s\n' "${TF_CLI_ARGS-(unset)}"
    printf 'TF_CLI_ARGS_apply=%s\n' "${TF_CLI_ARGS_apply-(unset)}"
    printf 'TF_CLI_CONFIG_FILE=%s\n' "${TF_CLI_CONFIG_FILE-(unset)}"
    printf 'TF_REATTACH_PROVIDERS=%s\n' "${TF_REATTACH_PROVIDERS-(unset)}"
    printf 'KEPT=%s\n' "${STANDIN_KEPT-(unset)}"
    printf 'PATH=%s\n' "$PATH"
    printf 'cwd=%s\n' "$PWD"
} >> '%1'
plan="${@: -1}"
case "$1" in
show)
    printf 'folder-mode=%s\n' "$(stat -c %a "$(dirname "$plan")")" >> '%1'
    cat "$(head -n 1 "$plan")" || exit 1
    # Another process of the same user writing to the copy after it was shown.
    if [ -n "$STANDIN_SWAP" ]; then echo swapped >> "$plan"; fi
    ;;
apply)
    exit "${STANDIN_APPLY_EXIT:-0}"
    ;;
esac
)SH")
                               .arg(m_log);
    m_standIn = writeBytes(m_dir, QStringLiteral("standin-terraform"), script.toUtf8());
    QVERIFY(QFile::setPermissions(
        m_standIn, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    m_policy = writeBytes(m_dir, QStringLiteral("policy.json"),
        QStringLiteral(
            "{\"schema\": \"blastguard.policy/v1\", \"max_approval_age_hours\": 24, \"terraform\": "
            "\"%1\"}\n")
            .arg(m_standIn)
            .toUtf8());
}

QString TestApply::savedPlan(const QString &name, const QString &json)
{
    return writeBytes(m_dir, name, json.toUtf8() + '\n');
}

TestApply::Ran TestApply::apply(
    const QString &plan, const QStringList &args, const QStringList &env, const QString &policy)
{
    QFile::remove(m_log);
    QProcess p;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &pair : env)
        environment.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(environment);
    p.setWorkingDirectory(m_work);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(BG_CLI),
        QStringList {QStringLiteral("apply"), plan, QStringLiteral("--policy"),
            policy.isEmpty() ? m_policy : policy}
            + args);
    if (!p.waitForFinished(Patience))
        qFatal("blastguard-cli apply did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAll()), QString::fromUtf8(readAll(m_log))};
}

QStringList TestApply::approvalOptions(
    const QTemporaryDir &dir, const QString &kind, const QString &json) const
{
    if (kind.isEmpty())
        return {};
    // Made under the policy apply runs with: the shipped one and the test's.
    const Result<Policy> policy = Policy::load(m_policy, shippedPolicy());
    if (!policy)
        qFatal("%s", qPrintable(policy.error().toString()));
    if (kind == QLatin1String("other plan"))
        return approvalArgs(writeApprovalFile(
            dir, fixture(QStringLiteral("plan-db-replace.json")), Correct, {}, &*policy));
    const std::map<QString, ApprovalKind> kinds {{QStringLiteral("signed"), Correct},
        {QStringLiteral("unsigned"), Unsigned}, {QStringLiteral("wrong key"), WrongKey}};
    if (const auto it = kinds.find(kind); it != kinds.end())
        return approvalArgs(writeApprovalFile(dir, json, it->second, {}, &*policy));
    qFatal("unknown approval kind %s", qPrintable(kind));
    return {};
}

QStringList TestApply::applyCall(const QString &log)
{
    for (const QString &line : log.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("argv: apply")))
            return line.mid(6).split(QLatin1Char(' '));
    }
    return {};
}

QString TestApply::logValue(const QString &log, const QString &name)
{
    for (const QString &line : log.split(QLatin1Char('\n'))) {
        if (line.startsWith(name + QLatin1Char('=')))
            return line.mid(name.size() + 1);
    }
    return QStringLiteral("(not logged)");
}

// The whole path: a plan shown, gated and applied (or blocked), and what reached terraform.
void TestApply::gatedThenApplied_data()
{
    QTest::addColumn<QString>("json"); // the plan JSON the saved plan stands for
    QTest::addColumn<QString>("approval"); // "": none; else a kind approvalOptions makes
    QTest::addColumn<QStringList>("args"); // after the plan file
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("applied");

    const QString safe = fixture(QStringLiteral("plan-safe-updates.json"));
    QTest::newRow("no critical finding: applied")
        << safe << QString() << QStringList() << QStringList() << 0 << true;
    QTest::newRow("allowed terraform arguments")
        << safe << QString()
        << QStringList {QStringLiteral("--"), QStringLiteral("-no-color"),
               QStringLiteral("-parallelism=2"), QStringLiteral("-lock-timeout=5s"),
               QStringLiteral("-compact-warnings")}
        << QStringList() << 0 << true;
    QTest::newRow("incident, no approval: blocked")
        << incident() << QString() << QStringList() << QStringList() << 3 << false;
    // The independent attack that got through: a local-exec provisioner, nothing critical.
    QTest::newRow("a provisioner, no approval: blocked")
        << fixture(QStringLiteral("plan-provisioners.json")) << QString() << QStringList()
        << QStringList() << 3 << false;
    QTest::newRow("incident, signed by alice: applied")
        << incident() << QStringLiteral("signed") << QStringList() << QStringList() << 0 << true;
    QTest::newRow("incident, unsigned approval: blocked")
        << incident() << QStringLiteral("unsigned") << QStringList() << QStringList() << 3 << false;
    QTest::newRow("incident, signed by a key no allowed signer names: blocked")
        << incident() << QStringLiteral("wrong key") << QStringList() << QStringList() << 3
        << false;
    QTest::newRow("incident, an approval of another plan: blocked")
        << incident() << QStringLiteral("other plan") << QStringList() << QStringList() << 3
        << false;
    // TF_CLI_ARGS and TF_CLI_ARGS_apply are merged into terraform's own arguments
    // (hashicorp/terraform main.go, mergeEnvArgs); they must never reach it.
    QTest::newRow("TF_CLI_ARGS from the caller are dropped")
        << safe << QString() << QStringList()
        << QStringList {QStringLiteral("TF_CLI_ARGS=-destroy"),
               QStringLiteral("TF_CLI_ARGS_apply=-auto-approve -target=x"),
               QStringLiteral("TF_CLI_CONFIG_FILE=/tmp/evil.tfrc"),
               QStringLiteral("TF_REATTACH_PROVIDERS={}")}
        << 0 << true;
    QTest::newRow("terraform apply fails: 4")
        << safe << QString() << QStringList()
        << QStringList {QStringLiteral("STANDIN_APPLY_EXIT=1")} << 4 << true;
    QTest::newRow("terraform apply exits 3: 4, not the gate's 3")
        << safe << QString() << QStringList()
        << QStringList {QStringLiteral("STANDIN_APPLY_EXIT=3")} << 4 << true;
}

void TestApply::gatedThenApplied()
{
    QFETCH(QString, json);
    QFETCH(QString, approval);
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(int, code);
    QFETCH(bool, applied);

    QTemporaryDir approvals;
    const QStringList options = approvalOptions(approvals, approval, json);
    const QString plan = savedPlan(QStringLiteral("tfplan"), json);
    const Ran ran
        = apply(plan, options + args, env + QStringList {QStringLiteral("STANDIN_KEPT=yes")});
    QVERIFY2(ran.code == code, qPrintable(ran.output + ran.log));

    // terraform show ran on the private copy, never on the caller's file.
    QVERIFY2(ran.log.contains(QLatin1String("argv: show -json /tmp/blastguard-apply-")),
        qPrintable(ran.log));
    QVERIFY(!ran.log.contains(plan));
    const QStringList call = applyCall(ran.log);
    QCOMPARE(!call.isEmpty(), applied);
    if (applied) {
        QVERIFY2(call.constLast().startsWith(QLatin1String("/tmp/blastguard-apply-"))
                && call.constLast().endsWith(QLatin1String("/tfplan")),
            qPrintable(call.join(QLatin1Char(' '))));
        QVERIFY(!call.contains(QLatin1String("-auto-approve")));
        for (const QString &arg : args.mid(1))
            QVERIFY2(call.contains(arg), qPrintable(arg));
    }
    QCOMPARE(logValue(ran.log, QStringLiteral("TF_CLI_ARGS")), QStringLiteral("(unset)"));
    QCOMPARE(logValue(ran.log, QStringLiteral("TF_CLI_ARGS_apply")), QStringLiteral("(unset)"));
    QCOMPARE(logValue(ran.log, QStringLiteral("TF_CLI_CONFIG_FILE")), QStringLiteral("(unset)"));
    QCOMPARE(logValue(ran.log, QStringLiteral("TF_REATTACH_PROVIDERS")), QStringLiteral("(unset)"));
    QCOMPARE(logValue(ran.log, QStringLiteral("KEPT")), QStringLiteral("yes"));
    QCOMPARE(
        logValue(ran.log, QStringLiteral("PATH")), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
    QCOMPARE(logValue(ran.log, QStringLiteral("cwd")), QDir(m_work).canonicalPath());
    if (code == 3)
        QVERIFY2(ran.output.contains(QLatin1String("gate: BLOCKED")), qPrintable(ran.output));
}

// Arguments that would make terraform plan anew, or apply something else, are refused before
// anything runs.
void TestApply::refusedArguments_data()
{
    QTest::addColumn<QStringList>("args");
    for (const char *arg :
        {"-auto-approve", "--auto-approve", "-auto-approve=true", "-destroy", "-refresh-only",
            "-refresh=false", "-target=aws_db_instance.main", "--target=aws_db_instance.main",
            "-replace=aws_db_instance.main", "-exclude=x", "-var=a=1", "-var-file=prod.tfvars",
            "-state=other.tfstate", "-state-out=x", "-backup=x", "-lock=false", "-out=tfplan2",
            "-chdir=..", "-parallelism=0", "-input=true", "-help", "other-plan", "-", "-target"}) {
        QTest::newRow(arg) << QStringList {QStringLiteral("--"), QLatin1String(arg)};
    }
    QTest::newRow("terraform arguments without --") << QStringList {QStringLiteral("other-plan")};
}

void TestApply::refusedArguments()
{
    QFETCH(QStringList, args);
    const Ran ran = apply(savedPlan(QStringLiteral("tfplan"), incident()), args);
    QVERIFY2(ran.code == 1, qPrintable(ran.output));
    QVERIFY2(ran.log.isEmpty(), qPrintable(ran.log)); // terraform never ran
}

// The saved plan must be a regular file, named itself.
void TestApply::refusedPlanFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("code");
    QTest::newRow("a symbolic link") << QStringLiteral("link") << 2;
    QTest::newRow("a FIFO") << QStringLiteral("fifo") << 2;
    QTest::newRow("missing") << QStringLiteral("missing") << 2;
    QTest::newRow("a directory") << QStringLiteral("directory") << 2;
    QTest::newRow("standard input") << QStringLiteral("-") << 1;
}

void TestApply::refusedPlanFiles()
{
    QFETCH(QString, kind);
    QFETCH(int, code);
    QTemporaryDir dir;
    QString plan = dir.filePath(QStringLiteral("tfplan"));
    const QString real = savedPlan(
        QStringLiteral("real-tfplan"), fixture(QStringLiteral("plan-safe-updates.json")));
    if (kind == QLatin1String("link"))
        QVERIFY(QFile::link(real, plan));
    else if (kind == QLatin1String("fifo"))
        QCOMPARE(::mkfifo(QFile::encodeName(plan).constData(), 0600), 0);
    else if (kind == QLatin1String("directory"))
        QVERIFY(QDir().mkpath(plan));
    else if (kind == QLatin1String("-"))
        plan = kind;
    const Ran ran = apply(plan, {});
    QVERIFY2(ran.code == code, qPrintable(ran.output));
    QVERIFY2(ran.log.isEmpty(), qPrintable(ran.log));
}

// The program named in a policy must be an executable file, named by its absolute path.
void TestApply::terraformProgram_data()
{
    QTest::addColumn<QString>("program");
    QTest::newRow("missing") << QStringLiteral("%1/no-such-terraform");
    QTest::newRow("not executable") << QStringLiteral("%1/plain-file");
    QTest::newRow("a directory") << QStringLiteral("%1");
    QTest::newRow("a relative name") << QStringLiteral("terraform");
}

void TestApply::terraformProgram()
{
    QFETCH(QString, program);
    QTemporaryDir dir;
    writeBytes(dir, QStringLiteral("plain-file"), "#!/bin/sh\nexit 0\n");
    if (program.contains(QLatin1String("%1")))
        program = program.arg(dir.path());
    const QString policy = writeBytes(dir, QStringLiteral("policy.json"),
        QStringLiteral("{\"schema\": \"blastguard.policy/v1\", \"terraform\": \"%1\"}\n")
            .arg(program)
            .toUtf8());
    const Ran ran = apply(
        savedPlan(QStringLiteral("tfplan"), fixture(QStringLiteral("plan-safe-updates.json"))), {},
        {}, policy);
    QVERIFY2(ran.code == 2, qPrintable(ran.output));
    QVERIFY2(ran.output.contains(policy), qPrintable(ran.output));
    QVERIFY(ran.log.isEmpty());
}

// What terraform show gives must be a plan the gate can read; otherwise nothing is applied.
void TestApply::showFailsOrIsNoPlan_data()
{
    QTest::addColumn<QString>("json");
    QTest::newRow("terraform show fails") << QStringLiteral("/nonexistent/plan.json");
    QTest::newRow("a state, not a plan") << fixture(QStringLiteral("state-show.json"));
    QTest::newRow("not JSON") << fixture(QStringLiteral("bad-not-json.tf"));
}

void TestApply::showFailsOrIsNoPlan()
{
    QFETCH(QString, json);
    const Ran ran = apply(savedPlan(QStringLiteral("tfplan"), json), {});
    QVERIFY2(ran.code == 2, qPrintable(ran.output + ran.log));
    QVERIFY(ran.log.contains(QLatin1String("argv: show -json")));
    QVERIFY2(applyCall(ran.log).isEmpty(), qPrintable(ran.log));
}

// Without a program in the policy, terraform is looked up on the fixed PATH only: a fake one
// first on the caller's PATH (or named by $TERRAFORM, as agent-apply.sh did) is never run.
void TestApply::callerPathIsIgnored()
{
    QTemporaryDir bin;
    const QString marker = bin.filePath(QStringLiteral("fake-ran"));
    for (const char *name : {"terraform", "tofu"}) {
        const QString fake = writeBytes(bin, QLatin1String(name),
            QStringLiteral("#!/bin/sh\necho \"$@\" >> '%1'\nexit 0\n").arg(marker).toUtf8());
        QVERIFY(QFile::setPermissions(
            fake, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    }
    const QString defaultPolicy = writeBytes(
        bin, QStringLiteral("policy.json"), "{\"schema\": \"blastguard.policy/v1\"}\n");
    const Ran ran = apply(
        savedPlan(QStringLiteral("tfplan"), fixture(QStringLiteral("plan-safe-updates.json"))), {},
        {QStringLiteral("PATH=%1:%2").arg(bin.path(), qEnvironmentVariable("PATH")),
            QStringLiteral("TERRAFORM=%1/terraform").arg(bin.path())},
        defaultPolicy);
    QVERIFY2(!QFileInfo::exists(marker), qPrintable(ran.output));
    // Either no terraform is installed on the fixed PATH (2), or the real one cannot read the
    // stand-in plan (2): nothing is applied in either case.
    QVERIFY2(ran.code == 2, qPrintable(ran.output));
}

// The private folder: made by mkdtemp under /tmp with mode 0700 (not under the caller's TMPDIR
// or working folder), and gone afterwards, whether the plan was applied or blocked.
void TestApply::privateFolder()
{
    QTemporaryDir callerTmp;
    for (const QString &json : {fixture(QStringLiteral("plan-safe-updates.json")), incident()}) {
        const Ran ran = apply(savedPlan(QStringLiteral("tfplan"), json), {},
            {QStringLiteral("TMPDIR=%1").arg(callerTmp.path())});
        QVERIFY2(ran.code == 0 || ran.code == 3, qPrintable(ran.output));
        QCOMPARE(logValue(ran.log, QStringLiteral("folder-mode")), QStringLiteral("700"));
        const QString show = ran.log.section(QStringLiteral("argv: show -json "), 1, 1)
                                 .section(QLatin1Char('\n'), 0, 0);
        const QString folder = QFileInfo(show).path();
        QVERIFY2(folder.startsWith(QLatin1String("/tmp/blastguard-apply-")), qPrintable(folder));
        QVERIFY(!folder.startsWith(callerTmp.path()));
        QVERIFY(!folder.startsWith(m_dir.path()));
        QVERIFY2(!QFileInfo::exists(folder), qPrintable(folder));
        QVERIFY(QDir(callerTmp.path()).isEmpty());
    }
}

// Attack 6: another process of the same user swapped the saved plan between the gate and
// `terraform apply`. The copy is hashed when written and again before the apply.
void TestApply::copyChangedAfterTheGate()
{
    const Ran ran = apply(
        savedPlan(QStringLiteral("tfplan"), fixture(QStringLiteral("plan-safe-updates.json"))), {},
        {QStringLiteral("STANDIN_SWAP=1")});
    QVERIFY2(ran.code == 3, qPrintable(ran.output + ran.log));
    QVERIFY2(
        ran.output.contains(QLatin1String("changed after it was gated")), qPrintable(ran.output));
    QVERIFY(ran.output.contains(QLatin1String("gate: PASSED")));
    QVERIFY2(applyCall(ran.log).isEmpty(), qPrintable(ran.log));
}

QTEST_GUILESS_MAIN(TestApply)
#include "tst_apply.moc"
