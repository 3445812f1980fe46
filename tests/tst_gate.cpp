// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The gate as CI and an agent wrapper meet it: every blocking reason exits 3 and says so in
// words, a correct approval passes, a tampered plan or approval never does, a malformed policy
// is an input error, `approve` needs a person at a terminal, and the PR-ready outputs (Markdown
// under 65,000 characters, SVG from Graphviz) hold on a generated 10,000-resource plan.
#include "tst_gate.h"

#include "core/gate/approval.h"
#include "core/report/report.h"
#include "core/risk/masking.h"
#include "gatetestutils.h"

using namespace bg::core;
using namespace bg::tests;

void TestGate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_mix10k = m_dir.filePath(QStringLiteral("mix10k.json"));
    m_destroy10k = m_dir.filePath(QStringLiteral("destroy10k.json"));
    for (const auto &[path, destroy] :
        {std::pair {m_mix10k, false}, std::pair {m_destroy10k, true}}) {
        QStringList args {QStringLiteral("--resources"), QStringLiteral("10000"),
            QStringLiteral("--seed"), QStringLiteral("1"), QStringLiteral("-o"), path};
        if (destroy)
            args.append(QStringLiteral("--destroy"));
        QProcess p;
        p.start(QStringLiteral(BG_GENPLAN), args);
        QVERIFY(p.waitForFinished(Patience));
        QVERIFY2(p.exitCode() == 0 && QFileInfo(path).size() > 1000000,
            p.readAllStandardError().constData());
    }
}

void TestGate::blocks_data()
{
    QTest::addColumn<QString>("approvedPlan"); // the approval was made for this plan...
    QTest::addColumn<QString>("checkedPlan"); // ...and the gate checks this one
    QTest::addColumn<int>("approval"); // ApprovalKind
    QTest::addColumn<QString>("reason"); // a regular expression one reason line matches

    static QTemporaryDir dir; // lives while the rows run
    const QString inc = incident();
    const QString dbReplace = fixture(QStringLiteral("plan-db-replace.json"));
    QTest::newRow("no approval")
        << inc << inc << int(NoApproval)
        << "^no approval was given \\(--approval FILE\\): 6 critical findings and the warning "
           "delete-everything need a reviewer's signed acknowledgement$";
    QTest::newRow("one byte changed in a description")
        << inc << oneByteChanged(dir, inc) << int(Correct)
        << "^the plan's SHA-256 differs \\(approved [0-9a-f]{12}…, this plan [0-9a-f]{12}…\\)$";
    QString removed;
    const QString lessPlan = editedCopy(dir, QStringLiteral("removed.json"), inc,
        [&](QJsonArray &changes) { removed = setActions(changes, {"delete"}, {"no-op"}); });
    QTest::newRow("a delete removed") << inc << lessPlan << int(Correct)
                                      << "^the destroy set changed: no longer deletes "
            + QRegularExpression::escape(removed) + "$";
    QString added;
    const QString morePlan = editedCopy(dir, QStringLiteral("added.json"), dbReplace,
        [&](QJsonArray &changes) { added = setActions(changes, {"update"}, {"delete"}); });
    QTest::newRow("a delete added")
        << dbReplace << morePlan << int(Correct)
        << "^the destroy set changed: now also deletes " + QRegularExpression::escape(added) + "$";
    QTest::newRow("an approval for another plan")
        << dbReplace << inc << int(Correct) << "^the plan's SHA-256 differs";
    QTest::newRow("a missing acknowledgement")
        << inc << inc << int(DropAcknowledgement)
        << "^critical finding [a-z0-9-]+ on \\S+ was not acknowledged$";
    QTest::newRow("an expired approval")
        << inc << inc << int(Expired)
        << "^the approval expired: it was given at .*, 25 hours ago, and the policy "
           "accepts approvals at most 24 hours old$";
    QTest::newRow("dated in the future")
        << inc << inc << int(Future) << "^the approval is dated in the future";
    QTest::newRow("a malformed approval")
        << inc << inc << int(Malformed)
        << "^the approval is malformed: \\S+approval.json:2:\\d+: not valid JSON";
    QTest::newRow("a field missing")
        << inc << inc << int(NoSha)
        << "^the approval is malformed: \\S+approval.json:\\d+:\\d+: missing member \"sha256\" in "
           "\"plan\"$";
    QTest::newRow("an unknown schema version")
        << inc << inc << int(UnknownSchema)
        << "^the approval has an unknown schema version: .*blastguard.approval/v2";
    QTest::newRow("a missing approval file")
        << inc << inc << int(MissingFile)
        << "^the approval is missing or unreadable: \\S+absent.json: cannot read an approval: no "
           "such file$";
    QTest::newRow("a directory") << inc << inc << int(Directory)
                                 << "^the approval is missing or unreadable: .*directory";
    QTest::newRow("tampered: its SHA-256")
        << inc << inc << int(TamperedSha) << "^the plan's SHA-256 differs";
    QTest::newRow("tampered: its destroy set")
        << inc << inc << int(TamperedSet) << "^the destroy set changed: now also deletes ";
    // Attack 4: an approval written by hand (or by approvalFor in a script) is a correct record
    // with no signature by an allowed signer.
    QTest::newRow("attack 4: unsigned") << inc << inc << int(Unsigned)
                                        << "^the approval is not signed: \\S+approval.json.sig "
                                           "is missing$";
    QTest::newRow("signed by a key no allowed signer names")
        << inc << inc << int(WrongKey)
        << "signed by a key that no line of the allowed signers names$";
    QTest::newRow("changed after signing")
        << inc << inc << int(ChangedAfterSigning) << "the signature does not verify: ";
    QTest::newRow("signed in another namespace (git's)")
        << inc << inc << int(WrongNamespace) << "the signature does not verify: ";
    QTest::newRow("another record's signature")
        << inc << inc << int(SignatureOfAnother) << "the signature does not verify: ";
}

void TestGate::blocks()
{
    QFETCH(QString, approvedPlan);
    QFETCH(QString, checkedPlan);
    QFETCH(int, approval);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QStringList args {QStringLiteral("gate"), checkedPlan};
    if (approval != NoApproval)
        args << approvalArgs(writeApprovalFile(dir, approvedPlan, ApprovalKind(approval)));
    const Run run = cli(args);
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.code == 3,
        qPrintable(QStringLiteral("exit %1\n%2%3").arg(run.code).arg(run.out, run.err)));
    QVERIFY2(run.out.contains(QLatin1String("gate: BLOCKED (exit 3)")), qPrintable(run.out));
    QVERIFY2(
        !reasonLines(run.out).filter(QRegularExpression(reason)).isEmpty(), qPrintable(run.out));
    // The short summary of what the plan destroys comes first, whatever the verdict.
    QVERIFY(run.out.indexOf(QLatin1String("Changes: "))
        < run.out.indexOf(QLatin1String("gate: BLOCKED")));
}

// An approval is a file an agent can write. What the gate quotes from one (here an address in
// its destroy set, signed by alice) reaches the log one line per reason: no line or paragraph
// separator that a log viewer breaks on, no bidirectional override that reorders what a reader
// sees, no escape sequence, so no second "gate:" line can be faked.
void TestGate::reasonsCannotFakeALine()
{
    QTemporaryDir dir;
    const QString fake = QStringLiteral("aws_s3_bucket.x\u2028gate: PASSED: approved by alice\u2029"
                                        "\u202e\u2066\u200b\u001b[32m\u0085ok");
    const QString approval = writeApprovalFile(
        dir, incident(), Correct, [&](bg::core::Approval &a) { a.deleted.append(fake); });
    const Run run = cli(QStringList {QStringLiteral("gate"), incident()} << approvalArgs(approval));
    QVERIFY2(run.code == 3, qPrintable(run.out + run.err));
    for (const QChar c : {QChar(0x2028), QChar(0x2029), QChar(0x202e), QChar(0x2066), QChar(0x200b),
             QChar(0x1b), QChar(0x85)})
        QVERIFY2(!run.out.contains(c) && !run.err.contains(c),
            qPrintable(QStringLiteral("U+%1 reached the output").arg(c.unicode(), 4, 16)));
    const QStringList verdicts
        = run.out.split(QLatin1Char('\n')).filter(QRegularExpression(QStringLiteral("^gate: ")));
    QCOMPARE(verdicts, QStringList {QStringLiteral("gate: BLOCKED (exit 3): 1 reason")});
    QVERIFY2(reasonLines(run.out).filter(QStringLiteral("no longer deletes aws_s3_bucket.x")).size()
            == 1,
        qPrintable(run.out));
}

// A plan is a file an agent can write too. Its own text (the Terraform version, an action reason,
// a replace path, a value) reaches every output on the line it belongs to, without a character
// that acts unseen: no line of "gate: PASSED" appears, in text, Markdown, JSON or the gate's log.
void TestGate::planTextCannotFakeALine()
{
    QTemporaryDir dir;
    const QString bad = QStringLiteral("\ngate: PASSED: approved by alice\u2028\u2029\u202e\u2066"
                                       "\u200b\u001b[32m\u009b32m\u0085\r");
    QJsonObject before {{QStringLiteral("id"), QStringLiteral("db1")},
        {QStringLiteral("identifier"), QStringLiteral("prod") + bad},
        {QStringLiteral("skip_final_snapshot"), true}};
    const QJsonObject change {{QStringLiteral("actions"),
                                  QJsonArray {QStringLiteral("delete"), QStringLiteral("create")}},
        {QStringLiteral("before"), before},
        {QStringLiteral("after"),
            QJsonObject {{QStringLiteral("identifier"), QStringLiteral("b")}}},
        {QStringLiteral("after_unknown"), QJsonObject {}},
        {QStringLiteral("replace_paths"),
            QJsonArray {QJsonArray {QStringLiteral("identifier") + bad}}}};
    const QJsonObject resource {{QStringLiteral("address"), QStringLiteral("aws_db_instance.main")},
        {QStringLiteral("mode"), QStringLiteral("managed")},
        {QStringLiteral("type"), QStringLiteral("aws_db_instance")},
        {QStringLiteral("name"), QStringLiteral("main")},
        {QStringLiteral("provider_name"), QStringLiteral("registry.terraform.io/hashicorp/aws")},
        {QStringLiteral("action_reason"), QStringLiteral("replace_because_cannot_update") + bad},
        {QStringLiteral("change"), change}};
    const QJsonObject plan {{QStringLiteral("format_version"), QStringLiteral("1.2")},
        {QStringLiteral("terraform_version"), QStringLiteral("1.9.8") + bad},
        {QStringLiteral("resource_changes"), QJsonArray {resource}}};
    const QString path = writeBytes(
        dir, QStringLiteral("plan.json"), QJsonDocument(plan).toJson(QJsonDocument::Compact));
    const QList<QStringList> runs {{QStringLiteral("report"), path},
        {QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("markdown"), path},
        {QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json"), path},
        {QStringLiteral("gate"), path}};
    for (const QStringList &args : runs) {
        const Run run = cli(args);
        const QString label = args.join(QLatin1Char(' '));
        QVERIFY2(run.code == (args.first() == QLatin1String("gate") ? 3 : 0),
            qPrintable(label + QStringLiteral(": ") + run.err));
        for (const QString &out : {run.out, run.err}) {
            for (const char32_t c : out.toUcs4())
                QVERIFY2(c == U'\n' || !bg::core::actsUnseen(c),
                    qPrintable(QStringLiteral("%1: U+%2 reached the output")
                                   .arg(label)
                                   .arg(uint(c), 4, 16)));
            QVERIFY2(out.split(QLatin1Char('\n'))
                         .filter(QRegularExpression(QStringLiteral("^\\W*gate: PASSED")))
                         .isEmpty(),
                qPrintable(label + QStringLiteral(":\n") + out));
        }
    }
}

void TestGate::everyReasonAtOnce()
{
    QTemporaryDir dir;
    const QString plan = oneByteChanged(dir, incident());
    const QString approval = writeApprovalFile(dir, incident(), DropAcknowledgement,
        [](Approval &a) { a.time = a.time.addSecs(-30 * 3600); });
    const Run run = cli(QStringList {QStringLiteral("gate"), plan} + approvalArgs(approval));
    QCOMPARE(run.code, 3);
    const QStringList reasons = reasonLines(run.out);
    QCOMPARE(reasons.size(), 3);
    QVERIFY(reasons[0].startsWith(QLatin1String("the plan's SHA-256 differs")));
    QVERIFY(reasons[1].endsWith(QLatin1String("was not acknowledged")));
    QVERIFY(reasons[2].startsWith(QLatin1String("the approval expired")));
    QVERIFY(run.out.contains(QLatin1String("BLOCKED (exit 3): 3 reasons")));
}

void TestGate::passes_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<int>("approval");
    QTest::addColumn<QString>("verdict");
    const QString safe = fixture(QStringLiteral("plan-safe-updates.json"));
    QTest::newRow("a correct approval")
        << incident() << int(Correct) << "gate: PASSED: approved by alice@example.com at ";
    QTest::newRow("db-replace, approved")
        << fixture(QStringLiteral("plan-db-replace.json")) << int(Correct) << "approved";
    QTest::newRow("deposed, approved")
        << fixture(QStringLiteral("plan-deposed.json")) << int(Correct) << "approved";
    QTest::newRow("no critical finding")
        << safe << int(NoApproval)
        << "gate: PASSED: no critical finding and no state-safety warning under the policy: no "
           "approval is needed.";
    QTest::newRow("no critical finding, approval absent")
        << safe << int(MissingFile) << "was not needed";
    QTest::newRow("cbd-replace and forget") << fixture(QStringLiteral("plan-cbd-replace.json"))
                                            << int(NoApproval) << "no approval is needed";
}

void TestGate::passes()
{
    QFETCH(QString, plan);
    QFETCH(int, approval);
    QFETCH(QString, verdict);
    // CI checks its own copy: the path differs from the one the reviewer approved.
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("ci-plan.json"));
    QVERIFY(QFile::copy(plan, copy));
    QStringList args {QStringLiteral("gate"), copy};
    if (approval != NoApproval)
        args << approvalArgs(writeApprovalFile(dir, plan, ApprovalKind(approval)));
    const Run run = cli(args);
    QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(verdict), qPrintable(run.out));
}

void TestGate::erroredPlanNeverPasses()
{
    QTemporaryDir dir;
    for (const QString &name :
        {QStringLiteral("plan-safe-updates.json"), QStringLiteral("plan-db-replace.json")}) {
        QJsonObject root = QJsonDocument::fromJson(readAll(fixture(name))).object();
        root.insert(QStringLiteral("errored"), true);
        const QString plan
            = writeBytes(dir, QStringLiteral("errored-") + name, QJsonDocument(root).toJson());
        for (bool approved : {false, true}) {
            QStringList args {QStringLiteral("gate"), plan};
            if (approved)
                args << approvalArgs(writeApprovalFile(dir, plan, Correct));
            const Run run = cli(args);
            QVERIFY2(run.code == 3, qPrintable(run.out + run.err));
            QVERIFY2(!reasonLines(run.out)
                          .filter(QRegularExpression(
                              QStringLiteral("^the plan has errors \\(errored\\)")))
                          .isEmpty(),
                qPrintable(run.out));
        }
    }
}

void TestGate::policyProtectionBlocks()
{
    QTemporaryDir dir;
    const QString plan = fixture(QStringLiteral("plan-cbd-replace.json")); // no critical finding
    const QString policy = writeBytes(dir, QStringLiteral("policy.json"),
        R"({"schema": "blastguard.policy/v1", "protected": {"addresses": ["aws_lb_target_group.*"]}})");
    QCOMPARE(cli({QStringLiteral("gate"), plan}).code, 0);
    const Run blocked = cli({QStringLiteral("gate"), plan, QStringLiteral("--policy"), policy});
    QVERIFY2(blocked.code == 3, qPrintable(blocked.out + blocked.err));
    QVERIFY2(blocked.out.contains(QStringLiteral(
                 "aws_lb_target_group.app — aws_lb_target_group.app is protected by the "
                 "policy (address pattern aws_lb_target_group.*)")),
        qPrintable(blocked.out));
    QVERIFY(blocked.out.contains(QLatin1String("no approval was given")));

    // An approval made without the policy did not acknowledge the protected resource...
    const Run unacknowledged
        = cli(QStringList {QStringLiteral("gate"), plan, QStringLiteral("--policy"), policy}
            + approvalArgs(writeApprovalFile(dir, plan, Correct)));
    QCOMPARE(unacknowledged.code, 3);
    QVERIFY2(
        unacknowledged.out.contains(QLatin1String(
            "critical finding policy-protected on aws_lb_target_group.app was not acknowledged")),
        qPrintable(unacknowledged.out));
    // ...one made under it did.
    const Result<Policy> p = Policy::load(policy, shippedPolicy());
    QVERIFY2(p, qPrintable(errorText(p)));
    const QString approval = writeApprovalFile(dir, plan, Correct, {}, &*p);
    const Run passed
        = cli(QStringList {QStringLiteral("gate"), plan, QStringLiteral("--policy"), policy}
            + approvalArgs(approval));
    QVERIFY2(passed.code == 0, qPrintable(passed.out + passed.err));
    // The policy marks the report too.
    QVERIFY(cli({QStringLiteral("report"), plan, QStringLiteral("--policy"), policy,
                    QStringLiteral("-f"), QStringLiteral("json")})
                .out.contains(QLatin1String("\"policy-protected\"")));
}

void TestGate::policyMaxAge()
{
    QTemporaryDir dir;
    const QString approval = writeApprovalFile(
        dir, incident(), Correct, [](Approval &a) { a.time = a.time.addSecs(-3 * 3600); });
    const QString strict = writeBytes(dir, QStringLiteral("strict.json"),
        R"({"schema": "blastguard.policy/v1", "max_approval_age_hours": 2})");
    QCOMPARE(
        cli(QStringList {QStringLiteral("gate"), incident()} + approvalArgs(approval)).code, 0);
    const Run run
        = cli(QStringList {QStringLiteral("gate"), incident(), QStringLiteral("--policy"), strict}
            + approvalArgs(approval));
    QCOMPARE(run.code, 3);
    QVERIFY2(run.out.contains(QLatin1String(
                 "3 hours ago, and the policy accepts approvals at most 2 hours old")),
        qPrintable(run.out));
}

void TestGate::inputErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message"); // a regular expression on stderr

    static QTemporaryDir dir;
    const QString inc = incident();
    const auto policy = [&](const char *name, const QByteArray &bytes) {
        return writeBytes(dir, QLatin1String(name), bytes);
    };
    const QString broken = policy(
        "broken.json", "{\n  \"schema\": \"blastguard.policy/v1\",\n  \"protected\": {,\n}");
    const QString typo
        = policy("typo.json", "{\n  \"schema\": \"blastguard.policy/v1\",\n  \"max_age\": 4\n}");
    const QString lax = policy("lax.json",
        "{\"schema\": \"blastguard.policy/v1\",\n\"critical_findings\": {\"severities\": "
        "[\"high\"]}}");
    const QString code = policy("code.json",
        "{\"schema\": \"blastguard.policy/v1\", \"critical_findings\": {\"codes\": "
        "[\"no-such-rule\"]}}");
    QTest::newRow("malformed policy")
        << QStringList {"gate", inc, "--policy", broken} << 2
        << "^blastguard-cli: " + QRegularExpression::escape(broken) + ":3:\\d+: not valid JSON";
    QTest::newRow("unknown policy field")
        << QStringList {"gate", inc, "--policy", typo} << 2
        << QRegularExpression::escape(typo) + ":3:3: unknown member \"max_age\" \\(known here: ";
    QTest::newRow("policy without critical")
        << QStringList {"gate", inc, "--policy", lax} << 2 << "lax.json:2:\\d+: .*must include";
    QTest::newRow("policy names no rule")
        << QStringList {"gate", inc, "--policy", code} << 2 << "no-such-rule, which no rule raises";
    QTest::newRow("missing policy")
        << QStringList {"gate", inc, "--policy", dir.filePath("absent.json")} << 2
        << "absent.json: cannot read a policy: no such file";
    QTest::newRow("malformed policy, report")
        << QStringList {"report", inc, "--policy", broken} << 2 << ":3:\\d+: not valid JSON";
    QTest::newRow("missing plan") << QStringList {"gate", "/nonexistent/plan.json"} << 2
                                  << "/nonexistent/plan.json: no such file";
    QTest::newRow("truncated plan") << QStringList {"gate", fixture("bad-truncated.json")} << 2
                                    << "bad-truncated.json:\\d+:\\d+: ";
    QTest::newRow("a state") << QStringList {"gate", fixture("state-show.json")} << 2
                             << "gate takes a plan";
    QTest::newRow("no plan") << QStringList {"gate"} << 1 << "gate takes one plan file";
    QTest::newRow("two plans") << QStringList {"gate", inc, inc} << 1 << "gate takes one plan file";
    QTest::newRow("format") << QStringList {"gate", inc, "--format", "json"} << 1
                            << "gate does not take --format";
    QTest::newRow("approval for report")
        << QStringList {"report", inc, "--approval", inc} << 1 << "report does not take --approval";
    QTest::newRow("approve without -o")
        << QStringList {"approve", inc} << 1 << "approve needs -o FILE";
    QTest::newRow("help lists the gate") << QStringList {"--help"} << 0 << "";
}

void TestGate::inputErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run run = cli(args);
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(
        run.code == code, qPrintable(QStringLiteral("exit %1: %2").arg(run.code).arg(run.err)));
    QVERIFY2(run.err.contains(QRegularExpression(message)), qPrintable(run.err));
    if (args == QStringList {QStringLiteral("--help")}) {
        for (const char *command : {"gate PLAN [--approval FILE --allowed-signers FILE]",
                 "approve PLAN -o FILE --key KEY [--cosign]", "graph PLAN_OR_STATE",
                 "--policy <FILE>"})
            QVERIFY2(run.out.contains(QLatin1String(command)), command);
    }
}

void TestGate::everyCorpusPlanExitsCleanly_data()
{
    BG_REQUIRE_CORPUS();
    QTest::addColumn<QString>("path");
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestGate::everyCorpusPlanExitsCleanly()
{
    QFETCH(QString, path);
    const Run run = cli({QStringLiteral("gate"), path});
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.code == 0 || run.code == 2 || run.code == 3, qPrintable(run.err));
    if (run.code == 2)
        QVERIFY2(run.err.startsWith(QStringLiteral("blastguard-cli: ") + path + QLatin1Char(':')),
            qPrintable(run.err));
    else
        QVERIFY2(run.out.contains(run.code == 0 ? QLatin1String("gate: PASSED")
                                                : QLatin1String("gate: BLOCKED")),
            qPrintable(run.out));
    // Plans written by others make a comment of bounded size with balanced sections too.
    const Run md
        = cli({QStringLiteral("report"), path, QStringLiteral("-f"), QStringLiteral("markdown")});
    QVERIFY(md.code == 0 || md.code == 2);
    QVERIFY(md.out.toUtf8().size() < 65000);
    QCOMPARE(md.out.count(QLatin1String("<details>")), md.out.count(QLatin1String("</details>")));
}

void TestGate::gateOnTenThousand()
{
    QTemporaryDir dir;
    QElapsedTimer timer;
    timer.start();
    const Run blocked = cli({QStringLiteral("gate"), m_destroy10k});
    const qint64 blockedMs = timer.restart();
    QCOMPARE(blocked.code, 3);
    // 1,221 critical findings of the rules and 528 project boundaries (the generator tags each
    // service with Service and Team): the summary stays short.
    QVERIFY(blocked.out.contains(QStringLiteral("… and 1729 more")));
    QVERIFY(blocked.out.contains(
        QStringLiteral("This destroy hits 528 projects: core (14 resources), svc-0001 (14)")));
    QVERIFY(blocked.out.size() < 20000);
    const QString approval = writeApprovalFile(dir, m_destroy10k, Correct);
    timer.restart();
    const Run passed
        = cli(QStringList {QStringLiteral("gate"), m_destroy10k} + approvalArgs(approval));
    qInfo("gate on a 10,000-resource full destroy: %lld ms blocked, %lld ms approved", blockedMs,
        timer.elapsed());
    QVERIFY2(passed.code == 0, qPrintable(passed.out.right(2000)));
}

QTEST_GUILESS_MAIN(TestGate)
