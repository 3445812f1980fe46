// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The gate with signed approvals, end to end through blastguard-cli: the two-person rule
// (approve --cosign at a terminal), who names the allowed signers, an agent that drives
// approve on a pseudo-terminal with a key of its own (attack 5), and the state-safety warnings
// and incomplete plans that block until a signed approval acknowledges each (attack 8).
// Single-record rows (unsigned, wrong key, changed after signing, wrong namespace, expired)
// are in tst_gate's blocks().
#include "gatetestutils.h"

#include <QtTest>

using namespace bg::core;
using namespace bg::tests;

class TestSignedGate : public QObject {
    Q_OBJECT

private slots:
    void twoPersonRule();
    void policyNamesTheSigners();
    void noSignersNoPass();
    void agentDrivesApproveWithItsOwnKey();
    void warningsBlock_data();
    void warningsBlock();
    void approveAcknowledgesWarnings();
    void provisionersNamed();
};

namespace {

// What approve asks to acknowledge: each critical finding, then each gate warning.
int questionCount(const QString &plan)
{
    const Analysis a = analyse(mustLoad(plan), defaultRules());
    return a.criticalCount() + int(gateWarnings(a).size());
}

// approve (or approve --cosign) on a pseudo-terminal, answering yes to everything and typing
// the phrase, as a person (or an agent with a pty) would. Returns the exit code.
int approveAtTerminal(const QString &plan, const QStringList &extra, QString *seen)
{
    PtySession session;
    if (!session.start(QStringList {QStringLiteral("approve"), plan} + extra))
        return -1;
    for (int i = 0, n = questionCount(plan); i < n; ++i) {
        if (!session.waitFor("Acknowledge? [y/N] "))
            break;
        session.send("y");
    }
    if (session.waitFor("> "))
        session.send(
            confirmationPhrase(analyse(mustLoad(plan), defaultRules()), defaultRules()).toUtf8());
    const int code = session.finish();
    *seen = session.seen();
    return code;
}

// A plan copied from `source` with its top-level members changed by `edit`.
QString editedPlan(const QTemporaryDir &dir, const QString &name, const QString &source,
    const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = QJsonDocument::fromJson(readAll(source)).object();
    edit(root);
    return writeBytes(dir, name, QJsonDocument(root).toJson());
}

} // namespace

// approvals_required: 2 — alice's signature alone blocks, alice co-signing again still counts
// once, bob's co-signature passes.
void TestSignedGate::twoPersonRule()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(
        TestKeys::get().allowedSigners(), dir.filePath(QStringLiteral("allowed_signers"))));
    const QString policyPath = writeBytes(dir, QStringLiteral("policy.json"),
        R"({"schema": "blastguard.policy/v1", "approvals_required": 2,
            "allowed_signers": "allowed_signers"})");
    const Result<Policy> policy = Policy::load(policyPath, shippedPolicy());
    QVERIFY2(policy, qPrintable(errorText(policy)));
    QCOMPARE(policy->approvalsRequired, 2);
    const QString plan = incident();
    const QString approval = writeApprovalFile(dir, plan, Correct, {}, &*policy);
    const QStringList gate {QStringLiteral("gate"), plan, QStringLiteral("--policy"), policyPath,
        QStringLiteral("--approval"), approval};

    const Run one = cli(gate);
    QCOMPARE(one.code, 3);
    QVERIFY2(one.out.contains(QLatin1String("Signed by alice@example.com")), qPrintable(one.out));
    QVERIFY2(reasonLines(one.out).contains(
                 QLatin1String("the policy needs 2 distinct signers; this approval has 1")),
        qPrintable(one.out));

    QString seen;
    const QStringList cosign {QStringLiteral("-o"), approval, QStringLiteral("--policy"),
        policyPath, QStringLiteral("--cosign"), QStringLiteral("--key")};
    QCOMPARE(approveAtTerminal(
                 plan, cosign + QStringList {TestKeys::get().key(QStringLiteral("alice"))}, &seen),
        0);
    QVERIFY2(seen.contains(QLatin1String("Co-signed: ")), qPrintable(seen));
    const Run twiceAlice = cli(gate);
    QCOMPARE(twiceAlice.code, 3); // one person, two signatures: still one signer
    QVERIFY2(
        twiceAlice.out.contains(QLatin1String("this approval has 1")), qPrintable(twiceAlice.out));

    QCOMPARE(approveAtTerminal(
                 plan, cosign + QStringList {TestKeys::get().key(QStringLiteral("bob"))}, &seen),
        0);
    const Run two = cli(gate);
    QVERIFY2(two.code == 0, qPrintable(two.out + two.err));
    QVERIFY(two.out.contains(QLatin1String("Signed by bob@example.com")));
    QVERIFY(two.out.contains(QLatin1String("approved by alice@example.com, bob@example.com")));

    // A co-signature belongs to the bytes it signed: approving anew removes the old ones.
    writeApprovalFile(dir, plan, Correct, {}, &*policy);
    QVERIFY(!QFileInfo::exists(signaturePath(approval, 2)));
    QCOMPARE(cli(gate).code, 3);
}

// Where the policy names the allowed signers, --allowed-signers cannot name others (an agent's
// own file listing its own key).
void TestSignedGate::policyNamesTheSigners()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(
        TestKeys::get().allowedSigners(), dir.filePath(QStringLiteral("allowed_signers"))));
    const QString policyPath = writeBytes(dir, QStringLiteral("policy.json"),
        R"({"schema": "blastguard.policy/v1", "allowed_signers": "allowed_signers"})");
    const Result<Policy> policy = Policy::load(policyPath, shippedPolicy());
    QVERIFY2(policy, qPrintable(errorText(policy)));
    const QString approval = writeApprovalFile(dir, incident(), WrongKey, {}, &*policy);
    const QStringList gate {QStringLiteral("gate"), incident(), QStringLiteral("--policy"),
        policyPath, QStringLiteral("--approval"), approval};
    const Run refused = cli(gate);
    QCOMPARE(refused.code, 3);
    QVERIFY(refused.out.contains(QLatin1String("no line of the allowed signers names")));

    // The agent writes an allowed_signers file naming its own key, and offers it.
    const QByteArray mallory = readAll(TestKeys::get().key(QStringLiteral("mallory")) + ".pub");
    const QString own = writeBytes(dir, QStringLiteral("own_signers"),
        "mallory@example.com namespaces=\"blastguard-approval\" " + mallory);
    QCOMPARE(cli(QStringList {QStringLiteral("gate"), incident(), QStringLiteral("--approval"),
                     approval, QStringLiteral("--allowed-signers"), own})
                 .code,
        3); // under the shipped policy the approval binds another policy
    const Run replaced = cli(gate + QStringList {QStringLiteral("--allowed-signers"), own});
    QCOMPARE(replaced.code, 3);
    QVERIFY2(replaced.out.contains(
                 QLatin1String("--allowed-signers ") + own + QLatin1String(" cannot replace them")),
        qPrintable(replaced.out));

    // Signed by alice, the policy's file alone is enough.
    writeApprovalFile(dir, incident(), Correct, {}, &*policy);
    const Run passed = cli(gate);
    QVERIFY2(passed.code == 0, qPrintable(passed.out + passed.err));
}

// The shipped policy requires signatures and names no signers: without --allowed-signers no
// approval counts, however correct.
void TestSignedGate::noSignersNoPass()
{
    QTemporaryDir dir;
    const QString approval = writeApprovalFile(dir, incident(), Correct);
    const Run run
        = cli({QStringLiteral("gate"), incident(), QStringLiteral("--approval"), approval});
    QCOMPARE(run.code, 3);
    QVERIFY2(reasonLines(run.out).filter(QStringLiteral("no allowed signers")).size() == 1,
        qPrintable(run.out));
    // Nor from standard input: its signature would be looked for in "-.sig".
    QProcess p;
    p.start(QStringLiteral(BG_CLI),
        QStringList {QStringLiteral("gate"), incident(), QStringLiteral("--approval"),
            QStringLiteral("-"), QStringLiteral("--allowed-signers"),
            TestKeys::get().allowedSigners()});
    p.write(readAll(approval));
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(Patience));
    QCOMPARE(p.exitCode(), 3);
    QVERIFY(p.readAllStandardOutput().contains("the approval must be a file, not standard input"));
}

// Attack 5: the agent runs approve on a pseudo-terminal it controls (script -qec, a Python
// pty, tmux send-keys all come to this), answers yes and types the phrase. approve writes a
// record, signed with the only key the agent has: its own. The gate refuses it. (An agent that
// can use a person's key can sign as them: SECURITY.md says so.)
void TestSignedGate::agentDrivesApproveWithItsOwnKey()
{
    QTemporaryDir dir;
    const QString approval = dir.filePath(QStringLiteral("approval.json"));
    QString seen;
    QCOMPARE(approveAtTerminal(incident(),
                 {QStringLiteral("-o"), approval, QStringLiteral("--key"),
                     TestKeys::get().key(QStringLiteral("mallory"))},
                 &seen),
        0);
    QVERIFY2(QFileInfo::exists(signaturePath(approval, 1)), qPrintable(seen));
    const Run run = cli(QStringList {QStringLiteral("gate"), incident()} + approvalArgs(approval));
    QCOMPARE(run.code, 3);
    QVERIFY2(run.out.contains(QLatin1String("signed by a key that no line of the allowed signers "
                                            "names")),
        qPrintable(run.out));
    // Without a key, approve asks nothing and writes nothing.
    const QString unsigned_ = dir.filePath(QStringLiteral("unsigned.json"));
    QCOMPARE(approveAtTerminal(incident(), {QStringLiteral("-o"), unsigned_}, &seen), 1);
    QVERIFY2(seen.contains(QLatin1String("approve needs --key KEY")), qPrintable(seen));
    QVERIFY(!QFileInfo::exists(unsigned_));
}

// Attack 8 and the rest of "fail closed": a plan with no critical finding still blocks on a
// state-safety warning or when it is incomplete; an errored plan blocks whatever approval.
void TestSignedGate::warningsBlock_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("reason"); // without an approval
    QTest::addColumn<bool>("approvable");

    static QTemporaryDir dir;
    const QString safe = fixture(QStringLiteral("plan-safe-updates.json"));
    QTest::newRow("attack 8: missing-state, nothing critical")
        << fixture(QStringLiteral("plan-missing-state.json"))
        << "the warning missing-state needs a reviewer's signed acknowledgement" << true;
    // internal/command/jsonplan/plan.go writes "complete" (plans.Plan.Complete) and
    // "deferred_changes"; a plan that is not complete must not be applied as if it were.
    QTest::newRow("complete: false") << editedPlan(dir, QStringLiteral("incomplete.json"), safe,
        [](QJsonObject &o) { o.insert(QStringLiteral("complete"), false); })
                                     << "the warning incomplete-plan needs" << true;
    QTest::newRow("a targeted destroy")
        << fixture(QStringLiteral("plan-targeted-destroy.json"))
        << "no approval was given (--approval FILE): the warning incomplete-plan needs" << true;
    QTest::newRow("complete: a string") << editedPlan(dir, QStringLiteral("complete-string.json"),
        safe, [](QJsonObject &o) { o.insert(QStringLiteral("complete"), QStringLiteral("true")); })
                                        << "the warning incomplete-plan needs" << true;
    QTest::newRow("deferred changes") << editedPlan(dir, QStringLiteral("deferred.json"), safe,
        [](QJsonObject &o) {
            o.insert(QStringLiteral("deferred_changes"),
                QJsonArray {QJsonObject {
                    {QStringLiteral("reason"), QStringLiteral("provider_config_unknown")}}});
        }) << "the warning incomplete-plan needs"
                                      << true;
    // A provisioner runs a command at apply that the plan does not show (found by an
    // independent attack: a local-exec on a terraform_data passed the gate, and apply ran it).
    QTest::newRow("provisioners, nothing critical")
        << fixture(QStringLiteral("plan-provisioners.json"))
        << "the warning provisioners needs a reviewer's signed acknowledgement" << true;
    QTest::newRow("errored: a string") << editedPlan(dir, QStringLiteral("errored-string.json"),
        safe, [](QJsonObject &o) { o.insert(QStringLiteral("errored"), QStringLiteral("no")); })
                                       << "the plan has errors (errored)" << false;
    QTest::newRow("errored: null") << editedPlan(dir, QStringLiteral("errored-null.json"), safe,
        [](QJsonObject &o) { o.insert(QStringLiteral("errored"), QJsonValue::Null); })
                                   << "the plan has errors (errored)" << false;
}

void TestSignedGate::warningsBlock()
{
    QFETCH(QString, plan);
    QFETCH(QString, reason);
    QFETCH(bool, approvable);
    const Run blocked = cli({QStringLiteral("gate"), plan});
    QVERIFY2(blocked.code == 3, qPrintable(blocked.out + blocked.err));
    QVERIFY2(blocked.out.contains(reason), qPrintable(blocked.out));
    QTemporaryDir dir;
    const QString approval = writeApprovalFile(dir, plan, Correct);
    const Run withApproval
        = cli(QStringList {QStringLiteral("gate"), plan} + approvalArgs(approval));
    QVERIFY2(withApproval.code == (approvable ? 0 : 3), qPrintable(withApproval.out));
    if (approvable) {
        // An approval that did not acknowledge the warning does not count.
        const QString partial = writeApprovalFile(
            dir, plan, Correct, [](Approval &a) { a.acknowledgedWarnings.clear(); });
        const Run run = cli(QStringList {QStringLiteral("gate"), plan} + approvalArgs(partial));
        QCOMPARE(run.code, 3);
        QVERIFY2(!reasonLines(run.out)
                      .filter(QRegularExpression(QStringLiteral("^warning [a-z-]+ was not "
                                                                "acknowledged: ")))
                      .isEmpty(),
            qPrintable(run.out));
    }
}

// The warning names the resources whose provisioners run (created or replaced), not a no-op
// instance of the same configuration resource nor a resource without provisioners.
void TestSignedGate::provisionersNamed()
{
    const Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("plan-provisioners.json"))), defaultRules());
    const std::vector<Warning> warnings = gateWarnings(a);
    QCOMPARE(warnings.size(), size_t(1));
    const QString &message = warnings.front().message;
    QCOMPARE(warnings.front().code, QStringLiteral("provisioners"));
    QVERIFY2(message.contains(QLatin1String("local-exec on terraform_data.cleanup; "
                                            "remote-exec, file on "
                                            "module.web.null_resource.bootstrap[\"a\"]")),
        qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("[\"b\"]")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("aws_s3_bucket")), qPrintable(message));
    QCOMPARE(a.criticalCount(), 0);
}

// approve asks for the warning by name, and the record it signs passes.
void TestSignedGate::approveAcknowledgesWarnings()
{
    QTemporaryDir dir;
    const QString plan = fixture(QStringLiteral("plan-missing-state.json"));
    const QString approval = dir.filePath(QStringLiteral("approval.json"));
    QString seen;
    QCOMPARE(approveAtTerminal(plan,
                 {QStringLiteral("-o"), approval, QStringLiteral("--key"),
                     TestKeys::get().key(QStringLiteral("bob"))},
                 &seen),
        0);
    QVERIFY2(seen.contains(QStringLiteral("warning missing-state — ")), qPrintable(seen));
    const Run run = cli(QStringList {QStringLiteral("gate"), plan} + approvalArgs(approval));
    QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.contains(QLatin1String("approved by bob@example.com at ")));
}

QTEST_GUILESS_MAIN(TestSignedGate)
#include "tst_signedgate.moc"
