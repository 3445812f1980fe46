// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A verdict the gate cannot be talked out of (issue 13, item 2): the shipped rules and policy are
// embedded in the binary, a data directory cannot replace them, a user's --rules and --policy
// can only make the gate stricter, and every gate and approve run says what was in force, with
// fingerprints. Attacks 1, 2 and 3 of the issue's list are rows here.
#include "core/gate/inforce.h"
#include "core/gate/policy.h"
#include "gatetestutils.h"

#include <QCryptographicHash>
#include <QProcessEnvironment>
#include <QtEndian>

using namespace bg::core;
using namespace bg::tests;

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void shippedConfigIsEmbedded();
    void addedRulesCannotWeaken_data();
    void addedRulesCannotWeaken();
    void laterRulesCannotWeakenEarlierOnes();
    void dataDirCannotReplaceRulesOrPolicy();
    void addedPolicyCannotLoosen_data();
    void addedPolicyCannotLoosen();
    void stricterAdditionsTakeEffect_data();
    void stricterAdditionsTakeEffect();
    void additionGlobsClassifyOnlyWhatIsLeft();
    void gateAndApprovePrintWhatIsInForce();
    void fingerprintFollowsTheAdditions();
};

namespace {

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// The fingerprint as core/configsource.h defines it, computed here on its own: SHA-256 over
// each file's length (8 bytes, big-endian) and bytes, in order.
QString fingerprintOf(const QList<QByteArray> &files)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &bytes : files) {
        char length[8];
        qToBigEndian(quint64(bytes.size()), length);
        hash.addData(QByteArrayView(length, 8));
        hash.addData(bytes);
    }
    return QString::fromLatin1(hash.result().toHex());
}

QByteArray shippedRules()
{
    return readAll(resource(QStringLiteral("rules/default.json")));
}

QByteArray shippedPolicyBytes()
{
    return readAll(resource(QStringLiteral("policy/default.json")));
}

// The shipped finding with this code, as written in resources/rules/default.json.
QJsonObject shippedFinding(const QString &code)
{
    const QJsonArray findings = QJsonDocument::fromJson(shippedRules())
                                    .object()
                                    .value(QStringLiteral("findings"))
                                    .toArray();
    for (const QJsonValue &f : findings) {
        if (f.toObject().value(QStringLiteral("code")).toString() == code)
            return f.toObject();
    }
    qFatal("no shipped finding %s", qPrintable(code));
}

QByteArray rulesFile(const QJsonObject &members)
{
    QJsonObject root = members;
    root.insert(QStringLiteral("schema"), QStringLiteral("blastguard.rules/v1"));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray rulesWith(const QJsonArray &findings)
{
    return rulesFile({{QStringLiteral("findings"), findings}});
}

QJsonObject with(QJsonObject o, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    return o;
}

// "LINE:COL" of the first byte of the `nth` occurrence of `needle` in `bytes`.
QString placeOf(const QByteArray &bytes, const QByteArray &needle, int nth = 0)
{
    qsizetype at = -1;
    for (int i = 0; i <= nth; ++i) {
        at = bytes.indexOf(needle, at + 1);
        if (at < 0)
            qFatal("\"%s\" is not in the file", needle.constData());
    }
    const qsizetype lineStart = bytes.lastIndexOf('\n', at) + 1;
    return QStringLiteral("%1:%2").arg(bytes.left(at).count('\n') + 1).arg(at - lineStart + 1);
}

Run cliWith(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(BG_CLI), args);
    if (!p.waitForFinished(Patience))
        qFatal("blastguard-cli did not finish");
    return {p.exitCode(), p.exitStatus(), QString::fromUtf8(p.readAllStandardOutput()),
        QString::fromUtf8(p.readAllStandardError())};
}

// The lines of a gate's output that state the verdict and what it was reached under.
QString lineStarting(const QString &out, const QString &start)
{
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        if (line.startsWith(start))
            return line;
    }
    return {};
}

int criticalCount(const QString &out)
{
    const auto m = QRegularExpression(
        QStringLiteral("^Critical findings \\((\\d+)\\)"), QRegularExpression::MultilineOption)
                       .match(out);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

// The codes the gate flags as critical on the incident plan under the shipped rules.
const QStringList IncidentCriticalCodes {QStringLiteral("aws-s3-force-destroy"),
    QStringLiteral("data-database-destroyed"), QStringLiteral("aws-rds-no-final-snapshot"),
    QStringLiteral("aws-rds-automated-backups-deleted"), QStringLiteral("data-snapshot-destroyed")};

} // namespace

// The rules and policy the gate uses are the files in resources/, as they were at build time:
// the embedded bytes hash to the source files' SHA-256.
void TestConfig::shippedConfigIsEmbedded()
{
    const Result<RuleSet> rules = RuleSet::loadDefault();
    QVERIFY2(rules, qPrintable(errorText(rules)));
    QCOMPARE(rules->sources().files().size(), 1);
    QVERIFY(rules->sources().files()[0].isShipped());
    QCOMPARE(rules->sources().files()[0].sha256, sha256(shippedRules()));
    QCOMPARE(rules->fingerprint(), fingerprintOf({shippedRules()}));

    const Result<Policy> policy = Policy::loadDefault();
    QVERIFY2(policy, qPrintable(errorText(policy)));
    QCOMPARE(policy->sources.files()[0].sha256, sha256(shippedPolicyBytes()));
    QCOMPARE(policy->fingerprint(), fingerprintOf({shippedPolicyBytes()}));
    QVERIFY(policy->requireSignedApproval);
    QCOMPARE(policy->approvalsRequired, 1);
    QCOMPARE(policy->maxApprovalAgeHours, 24.0);

    // Policy{} in code keeps the same defaults for the signing members.
    const Policy inCode;
    QVERIFY(inCode.requireSignedApproval);
    QCOMPARE(inCode.approvalsRequired, 1);
    QVERIFY(inCode.allowedSigners.isEmpty());

    QCOMPARE(rulesInForce(*rules),
        QStringLiteral("Rules in force: shipped (sha256 %1); fingerprint %2")
            .arg(sha256(shippedRules()), fingerprintOf({shippedRules()})));
}

// Attack 1 and its variants: a rules file that would let the incident plan through, or change
// what a shipped rule means. Each is an input error (2) naming the file, the line and column
// of the member, and why; the gate never says PASSED.
void TestConfig::addedRulesCannotWeaken_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QString>("place"); // LINE:COL
    QTest::addColumn<QString>("why");

    // Attack 1: every critical code of the incident re-declared as low.
    QJsonArray lows;
    for (const QString &code : IncidentCriticalCodes)
        lows.append(with(shippedFinding(code), QStringLiteral("severity"), QStringLiteral("low")));
    const QByteArray attack = rulesWith(lows);
    QTest::newRow("attack 1: the plan's critical codes as low")
        << attack << placeOf(attack, "\"severity\"")
        << "a rules file can only add to the shipped rules: \"aws-s3-force-destroy\" is critical "
           "there, and \"findings[0].severity\" makes it low";

    const QJsonObject noSnapshot = shippedFinding(QStringLiteral("aws-rds-no-final-snapshot"));
    auto one = [](const QJsonObject &finding) {
        return rulesWith(QJsonArray {finding});
    };
    const QByteArray info
        = one(with(noSnapshot, QStringLiteral("severity"), QStringLiteral("info")));
    QTest::newRow("severity lowered to info")
        << info << placeOf(info, "\"severity\"")
        << "\"aws-rds-no-final-snapshot\" is critical there, and \"findings[0].severity\" makes it "
           "info";
    const QByteArray types = one(
        with(noSnapshot, QStringLiteral("types"), QJsonArray {QStringLiteral("aws_nothing")}));
    QTest::newRow("types changed") << types << placeOf(types, "\"types\"")
                                   << "\"findings[0].types\" is not the \"types\" of "
                                      "\"aws-rds-no-final-snapshot\" there";
    const QByteArray moreTypes = one(with(noSnapshot, QStringLiteral("when"),
        QJsonArray {
            QJsonObject {{QStringLiteral("attribute"), QStringLiteral("skip_final_snapshot")},
                {QStringLiteral("equals"), true}},
            QJsonObject {{QStringLiteral("attribute"), QStringLiteral("engine")},
                {QStringLiteral("equals"), QStringLiteral("never")}}}));
    QTest::newRow("a condition added (narrower)")
        << moreTypes << placeOf(moreTypes, "\"when\"")
        << "\"findings[0].when\" is not the \"when\" of \"aws-rds-no-final-snapshot\" there";
    const QByteArray actions
        = one(with(noSnapshot, QStringLiteral("actions"), QJsonArray {QStringLiteral("create")}));
    QTest::newRow("actions changed")
        << actions << placeOf(actions, "\"actions\"")
        << "\"findings[0].actions\" is not the \"actions\" of \"aws-rds-no-final-snapshot\"";
    const QByteArray message = one(with(noSnapshot, QStringLiteral("message"),
        QStringLiteral("Nothing to worry about on {address}.")));
    QTest::newRow("message changed")
        << message << placeOf(message, "\"message\"")
        << "\"findings[0].message\" is not the \"message\" of \"aws-rds-no-final-snapshot\"";
    const QByteArray forgets
        = one(with(shippedFinding(QStringLiteral("data-replaced-old-forgotten")),
            QStringLiteral("forgets_previous"), QJsonValue::Undefined));
    QTest::newRow("forgets_previous left out (the finding on every create)")
        << forgets << placeOf(forgets, "{", 1)
        << "\"findings[0].forgets_previous\" is not the \"forgets_previous\" of "
           "\"data-replaced-old-forgotten\"";
    // The drift a finding needs: widening it to "update" would make it fire elsewhere, and
    // "create" never (no drift is a create), silencing it.
    const QByteArray drift = one(with(shippedFinding(QStringLiteral("data-gone-before-plan")),
        QStringLiteral("drift"), QJsonArray {QStringLiteral("create")}));
    QTest::newRow("drift changed")
        << drift << placeOf(drift, "\"drift\"")
        << "\"findings[0].drift\" is not the \"drift\" of \"data-gone-before-plan\"";
    const QJsonObject dbDestroyed = shippedFinding(QStringLiteral("data-database-destroyed"));
    const QByteArray loss = one(with(dbDestroyed, QStringLiteral("loss"), QJsonValue::Undefined));
    QTest::newRow("loss left out")
        << loss << placeOf(loss, "{", 1) // the finding: its member is missing
        << "\"findings[0].loss\" is not the \"loss\" of \"data-database-destroyed\"";

    const QByteArray moved = rulesFile({{QStringLiteral("categories"),
        QJsonObject {{QStringLiteral("other"), QJsonArray {QStringLiteral("aws_db_instance")}}}}});
    QTest::newRow("the database moved to other")
        << moved << placeOf(moved, "\"aws_db_instance\"")
        << "aws_db_instance is in the category database there, and \"categories.other[0]\" moves "
           "it to other";
    const QByteArray snapshot = rulesFile({{QStringLiteral("categories"),
        QJsonObject {
            {QStringLiteral("compute"), QJsonArray {QStringLiteral("aws_db_snapshot")}}}}});
    QTest::newRow("a snapshot moved to compute")
        << snapshot << placeOf(snapshot, "\"aws_db_snapshot\"")
        << "aws_db_snapshot is in the category snapshot there";
    const QByteArray words = rulesFile({{QStringLiteral("data_category_loss"),
        QJsonObject {{QStringLiteral("database"), QStringLiteral("nothing of value")}}}});
    QTest::newRow("the database's loss reworded")
        << words << placeOf(words, "\"database\"")
        << "losing database means \"the database\" there, and \"data_category_loss.database\" "
           "changes the words";
    const QByteArray safety = rulesFile({{QStringLiteral("safety"),
        QJsonObject {{QStringLiteral("missing_state_min_creates"), 1000}}}});
    QTest::newRow("missing-state threshold raised")
        << safety << placeOf(safety, "\"missing_state_min_creates\"")
        << "\"safety.missing_state_min_creates\" raises it to 1000";
    const QByteArray reserved
        = one(QJsonObject {{QStringLiteral("code"), QStringLiteral("delete-everything")},
            {QStringLiteral("severity"), QStringLiteral("info")},
            {QStringLiteral("types"), QJsonArray {QStringLiteral("aws_vpc")}},
            {QStringLiteral("actions"), QJsonArray {QStringLiteral("delete")}},
            {QStringLiteral("message"), QStringLiteral("Fine.")}});
    QTest::newRow("an engine code taken")
        << reserved << placeOf(reserved, "\"code\"")
        << "\"findings[0].code\" is \"delete-everything\", a code Blastguard raises itself";
}

void TestConfig::addedRulesCannotWeaken()
{
    QFETCH(QByteArray, rules);
    QFETCH(QString, place);
    QFETCH(QString, why);
    QTemporaryDir dir;
    const QString file = writeBytes(dir, QStringLiteral("lenient.json"), rules);
    for (const QString &command : {QStringLiteral("gate"), QStringLiteral("report")}) {
        const Run run = cli({command, incident(), QStringLiteral("--rules"), file});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(file + QLatin1Char(':') + place + QStringLiteral(": "))
                && run.err.contains(why),
            qPrintable(run.err));
        QVERIFY2(!run.out.contains(QLatin1String("PASSED")), qPrintable(run.out));
    }
    // The same check in core, for the GUI and every command alike.
    Result<RuleSet> inForce = RuleSet::loadDefaultAnd(file);
    QVERIFY(!inForce);
    QVERIFY2(inForce.error().toString().contains(why), qPrintable(inForce.error().toString()));
}

// --rules is repeatable: each file is checked against the rules in force before it, the shipped
// ones and the files given before, so a second file cannot undo what the first one added.
void TestConfig::laterRulesCannotWeakenEarlierOnes()
{
    QTemporaryDir dir;
    const QJsonObject vpc {{QStringLiteral("code"), QStringLiteral("acme-vpc-deleted")},
        {QStringLiteral("severity"), QStringLiteral("critical")},
        {QStringLiteral("types"), QJsonArray {QStringLiteral("aws_vpc")}},
        {QStringLiteral("actions"), QJsonArray {QStringLiteral("delete")}},
        {QStringLiteral("message"), QStringLiteral("Deletes the shared VPC {address}.")}};
    const QString org = writeBytes(dir, QStringLiteral("org.json"), rulesWith({vpc}));
    const QByteArray lowered
        = rulesWith({with(vpc, QStringLiteral("severity"), QStringLiteral("info"))});
    const QString agent = writeBytes(dir, QStringLiteral("agent.json"), lowered);
    const Run alone = cli({QStringLiteral("gate"), incident(), QStringLiteral("--rules"), org});
    QCOMPARE(alone.code, 3);
    QCOMPARE(criticalCount(alone.out), 7);
    // The agent's file alone adds a rule of its own: accepted, and nothing is critical by it.
    QCOMPARE(criticalCount(
                 cli({QStringLiteral("gate"), incident(), QStringLiteral("--rules"), agent}).out),
        6);
    const Run both = cli({QStringLiteral("gate"), incident(), QStringLiteral("--rules"), org,
        QStringLiteral("--rules"), agent});
    QCOMPARE(both.code, 2);
    QVERIFY2(both.err.contains(agent + QLatin1Char(':') + placeOf(lowered, "\"severity\"")
                 + QStringLiteral(": a rules file can only add to the shipped rules + %1: "
                                  "\"acme-vpc-deleted\" is critical there")
                       .arg(org)),
        qPrintable(both.err));
}

// Attack 2: a data directory holding doctored rules and policy changes nothing: the verdict and
// what is in force are those of a run without it. The data directory still serves scenarios.
void TestConfig::dataDirCannotReplaceRulesOrPolicy()
{
    QTemporaryDir data;
    QVERIFY(QDir(data.path()).mkpath(QStringLiteral("rules"))
        && QDir(data.path()).mkpath(QStringLiteral("policy"))
        && QDir(data.path()).mkpath(QStringLiteral("scenarios/only-here")));
    QJsonObject rules = QJsonDocument::fromJson(shippedRules()).object();
    QJsonArray findings = rules.value(QStringLiteral("findings")).toArray();
    for (qsizetype i = 0; i < findings.size(); ++i)
        findings[i]
            = with(findings[i].toObject(), QStringLiteral("severity"), QStringLiteral("info"));
    rules.insert(QStringLiteral("findings"), findings);
    writeBytes(data, QStringLiteral("rules/default.json"), QJsonDocument(rules).toJson());
    writeBytes(data, QStringLiteral("policy/default.json"),
        R"({"schema": "blastguard.policy/v1", "max_approval_age_hours": 1e300,
            "require_signed_approval": false})");
    QJsonObject manifest = QJsonDocument::fromJson(
        readAll(resource(QStringLiteral("scenarios/incident/scenario.json"))))
                               .object();
    manifest.insert(QStringLiteral("name"), QStringLiteral("only-here"));
    // Its records stay behind: the gate reads the plan alone.
    manifest.remove(QStringLiteral("apply_log"));
    manifest.remove(QStringLiteral("cloud_logs"));
    writeBytes(data, QStringLiteral("scenarios/only-here/scenario.json"),
        QJsonDocument(manifest).toJson());
    writeBytes(data, QStringLiteral("scenarios/only-here/plan.json"), readAll(incident()));

    QProcessEnvironment clean = QProcessEnvironment::systemEnvironment();
    clean.remove(QStringLiteral("BLASTGUARD_DATA_DIR"));
    QProcessEnvironment doctored = clean;
    doctored.insert(QStringLiteral("BLASTGUARD_DATA_DIR"), data.path());

    const Run without = cliWith({QStringLiteral("gate"), incident()}, clean);
    const Run withDir = cliWith({QStringLiteral("gate"), incident()}, doctored);
    QCOMPARE(without.code, 3);
    QCOMPARE(withDir.code, without.code);
    QCOMPARE(withDir.out, without.out);
    QCOMPARE(criticalCount(withDir.out), 6);
    QVERIFY(lineStarting(withDir.out, QStringLiteral("Rules in force: shipped (sha256 "))
                .contains(sha256(shippedRules())));
    QVERIFY(lineStarting(withDir.out, QStringLiteral("Policy in force: shipped (sha256 "))
                .contains(sha256(shippedPolicyBytes())));

    // The scenario only the data directory has: found there, judged by the shipped rules.
    const Run scenario
        = cliWith({QStringLiteral("gate"), QStringLiteral("scenario:only-here")}, doctored);
    QCOMPARE(scenario.code, 3);
    QCOMPARE(criticalCount(scenario.out), 6);
    for (const QString &start : {QStringLiteral("Rules in force"),
             QStringLiteral("Policy in force"), QStringLiteral("gate: BLOCKED")})
        QCOMPARE(lineStarting(scenario.out, start), lineStarting(without.out, start));
    QCOMPARE(
        cliWith({QStringLiteral("gate"), QStringLiteral("scenario:only-here")}, clean).code, 2);
}

// Attack 3 and its variants: a policy file that would loosen the policy in force. Each row may
// first add a stricter policy (an organisation's), then the lenient one; the error names the
// lenient file, the line and column of its member.
void TestConfig::addedPolicyCannotLoosen_data()
{
    QTest::addColumn<QByteArray>("before"); // a stricter policy given first, or empty
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QByteArray>("key"); // the member the error points at
    QTest::addColumn<QString>("why");
    const QByteArray head = "{\n  \"schema\": \"blastguard.policy/v1\",\n  ";
    const QByteArray org = head
        + R"("protected": {"categories": ["network"]}, "critical_findings": {"severities": ["critical", "high"]},
  "approvals_required": 2, "max_approval_age_hours": 8 })";
    QTest::newRow("attack 3: protected emptied")
        << QByteArray()
        << head + R"("protected": {"categories": [], "types": [], "addresses": []}})"
        << QByteArray("\"categories\"")
        << "\"protected.categories\" is empty, which would clear it";
    QTest::newRow("attack 3: protected emptied, over a policy that protects")
        << org << head + R"("protected": {"categories": []}})" << QByteArray("\"categories\"")
        << "a policy file can only make the shipped policy + ";
    QTest::newRow("attack 3: high dropped from the severities")
        << org << head + R"("critical_findings": {"severities": ["critical"]}})"
        << QByteArray("\"severities\"")
        << "it counts high findings as critical, and \"critical_findings.severities\" leaves high "
           "out";
    QTest::newRow("attack 3: max_approval_age_hours 1e300")
        << QByteArray() << head + R"("max_approval_age_hours": 1e300})"
        << QByteArray("\"max_approval_age_hours\"")
        << "a policy file can only make the shipped policy stricter: an approval is valid for at "
           "most 24 hours there, and \"max_approval_age_hours\" makes it 1e+300 hours";
    QTest::newRow("age longer than the shipped 24 hours")
        << QByteArray() << head + R"("max_approval_age_hours": 25})"
        << QByteArray("\"max_approval_age_hours\"")
        << "makes it 25 hours (it may only be shortened)";
    QTest::newRow("age longer than the policy before")
        << org << head + R"("max_approval_age_hours": 9})"
        << QByteArray("\"max_approval_age_hours\"")
        << "an approval is valid for at most 8 hours there";
    QTest::newRow("age 0") << QByteArray() << head + R"("max_approval_age_hours": 0})"
                           << QByteArray("\"max_approval_age_hours\"")
                           << "\"max_approval_age_hours\" must be a number greater than 0";
    QTest::newRow("age negative") << QByteArray() << head + R"("max_approval_age_hours": -5})"
                                  << QByteArray("\"max_approval_age_hours\"")
                                  << "\"max_approval_age_hours\" must be a number greater than 0";
    // JSON has no infinity: Qt's parser refuses a number past the range of a double, pointing at
    // its last digit.
    QTest::newRow("age infinite") << QByteArray() << head + R"("max_approval_age_hours": 1e999})"
                                  << QByteArray("9}") << "not valid JSON: illegal number";
    QTest::newRow("critical dropped")
        << QByteArray() << head + R"("critical_findings": {"severities": ["high"]}})"
        << QByteArray("\"severities\"") << "must include \"critical\"";
    QTest::newRow("codes emptied")
        << QByteArray() << head + R"("critical_findings": {"codes": []}})"
        << QByteArray("\"codes\"") << "\"critical_findings.codes\" is empty, which would clear it";
    QTest::newRow("project tags emptied")
        << QByteArray() << head + R"("projects": {"tags": []}})" << QByteArray("\"tags\"")
        << "\"projects.tags\" is empty, which would clear it";
    QTest::newRow("project tags dropped")
        << QByteArray() << head + R"("projects": {"tags": ["Project", "CostCenter"]}})"
        << QByteArray("\"tags\"")
        << "it groups resources by the tags Project, Application, Service, Team, Owner, in that "
           "order, and \"projects.tags\" leaves out Application, Service, Team, Owner";
    QTest::newRow("unsigned approvals")
        << QByteArray() << head + R"("require_signed_approval": false})"
        << QByteArray("\"require_signed_approval\"")
        << "it requires a signed approval, and "
           "\"require_signed_approval\" is false";
    QTest::newRow("fewer approvals")
        << org << head + R"("approvals_required": 1})" << QByteArray("\"approvals_required\"")
        << "a critical plan needs 2 approvals there, and "
           "\"approvals_required\" asks for 1";
    // Who may sign: a later file may not name other signers than an earlier policy did (an
    // agent's own allowed_signers, offered in a second --policy).
    QTest::newRow("allowed signers changed")
        << head + R"("allowed_signers": "/etc/blastguard/allowed_signers"})"
        << head + R"("allowed_signers": "/tmp/agent/allowed_signers"})"
        << QByteArray("\"allowed_signers\"")
        << "its allowed signers are /etc/blastguard/allowed_signers, and \"allowed_signers\" "
           "names /tmp/agent/allowed_signers";
    // The program `apply` runs: a later file may not swap the one an earlier policy named.
    QTest::newRow("terraform changed")
        << head + R"("terraform": "/usr/bin/terraform"})"
        << head + R"("terraform": "/tmp/agent/terraform"})" << QByteArray("\"terraform\"")
        << "it runs /usr/bin/terraform, and \"terraform\" names another program";
    QTest::newRow("no approvals") << QByteArray() << head + R"("approvals_required": 0})"
                                  << QByteArray("\"approvals_required\"")
                                  << "\"approvals_required\" must be a whole number from 1 to 1000";
}

void TestConfig::addedPolicyCannotLoosen()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, policy);
    QFETCH(QByteArray, key);
    QFETCH(QString, why);
    QTemporaryDir dir;
    QStringList args {QStringLiteral("gate"), incident()};
    if (!before.isEmpty()) {
        // The stricter policy alone is accepted: the error below is the lenient file's.
        const QString org = writeBytes(dir, QStringLiteral("org.json"), before);
        QCOMPARE(cli(args + QStringList {QStringLiteral("--policy"), org}).code, 3);
        args << QStringLiteral("--policy") << org;
    }
    const QString lenient = writeBytes(dir, QStringLiteral("lenient.json"), policy);
    args << QStringLiteral("--policy") << lenient;
    const Run run = cli(args);
    QCOMPARE(run.code, 2);
    QVERIFY2(
        run.err.contains(lenient + QLatin1Char(':') + placeOf(policy, key) + QStringLiteral(": "))
            && run.err.contains(why),
        qPrintable(run.err));
    QVERIFY2(!run.out.contains(QLatin1String("PASSED")), qPrintable(run.out));
    // The same check in core, as the desktop app loads its --policy.
    const Result<Policy> inForce
        = Policy::loadDefaultAnd(args.mid(2).filter(QRegularExpression(QStringLiteral("^[^-]"))));
    QVERIFY(!inForce);
    QVERIFY2(inForce.error().toString().contains(why), qPrintable(inForce.error().toString()));
}

// What an addition may do, it does: each row is accepted and changes the verdict or the
// critical findings the way it says.
void TestConfig::stricterAdditionsTakeEffect_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("critical"); // "Critical findings (N)" after; 0 when the plan passes
    QTest::addColumn<QString>("fragment"); // in the output

    const QString safe = resource(QStringLiteral("scenarios/safe-updates/plan.json"));
    QTest::newRow("baseline: the safe plan passes")
        << safe << QString() << QByteArray() << 0 << 0 << "gate: PASSED";
    QTest::newRow("baseline: the incident has 6 critical findings")
        << incident() << QString() << QByteArray() << 3 << 6 << "gate: BLOCKED";
    const QByteArray vpcRule
        = rulesWith({QJsonObject {{QStringLiteral("code"), QStringLiteral("acme-vpc-changed")},
            {QStringLiteral("severity"), QStringLiteral("critical")},
            {QStringLiteral("types"), QJsonArray {QStringLiteral("aws_vpc")}},
            {QStringLiteral("actions"), QJsonArray {QStringLiteral("update")}},
            {QStringLiteral("message"), QStringLiteral("Changes the shared VPC {address}.")}}});
    QTest::newRow("rules: a new finding blocks the safe plan")
        << safe << "--rules" << vpcRule << 3 << 1 << "Changes the shared VPC aws_vpc.main.";
    const QByteArray raised
        = rulesWith({with(shippedFinding(QStringLiteral("aws-rds-deletion-protection-off")),
            QStringLiteral("severity"), QStringLiteral("critical"))});
    QTest::newRow("rules: a shipped finding raised to critical")
        << incident() << "--rules" << raised << 3 << 7 << "deletion_protection";
    const QByteArray glob = rulesFile({{QStringLiteral("categories"),
        QJsonObject {{QStringLiteral("other"), QJsonArray {QStringLiteral("aws_*")}}}}});
    QTest::newRow("rules: a glob cannot move a shipped type")
        << incident() << "--rules" << glob << 3 << 6 << "gate: BLOCKED";
    const QByteArray newType = rulesFile({{QStringLiteral("categories"),
        QJsonObject {{QStringLiteral("database"),
            QJsonArray {QStringLiteral("aws_ecs_cluster_x"),
                QStringLiteral("aws_cloudwatch_log_group")}}}}});
    QTest::newRow("rules: an unclassified type becomes a database")
        << incident() << "--rules" << newType << 3 << 7 << "aws_cloudwatch_log_group";
    QTest::newRow("policy: the network protected")
        << incident() << "--policy"
        << QByteArray(R"({"schema":"blastguard.policy/v1","protected":{"categories":["network"]}})")
        << 3 << 6 + 24 /* the incident's network resources */
        << "is protected by the policy (category network)";
    QTest::newRow("policy: high findings need an approval")
        << incident() << "--policy"
        << QByteArray(
               R"({"schema":"blastguard.policy/v1","critical_findings":{"severities":["high","critical"]}})")
        << 3 << 8 << "The policy counts this finding as critical.";
    const QString projects = fixture(QStringLiteral("plan-projects.json"));
    QTest::newRow("baseline: two projects hit")
        << projects << QString() << QByteArray() << 3 << 2
        << "This destroy hits 2 projects: courses (4 resources) and shipping-labs (2).";
    QTest::newRow("policy: a project tag added")
        << projects << "--policy"
        << QByteArray(R"({"schema":"blastguard.policy/v1","projects":{"tags":["CostCenter"]}})")
        << 3 << 3
        << "This destroy hits 3 projects: courses (4 resources), shipping-labs (2) and "
           "cc-1234 (1).";
    QTest::newRow("policy: shorter age, more signers, signed")
        << incident() << "--policy"
        << QByteArray(R"({"schema":"blastguard.policy/v1","max_approval_age_hours":2,
            "approvals_required":2,"require_signed_approval":true,"allowed_signers":"signers"})")
        << 3 << 6 << "an approval is valid for 2 hours";
}

void TestConfig::stricterAdditionsTakeEffect()
{
    QFETCH(QString, plan);
    QFETCH(QString, option);
    QFETCH(QByteArray, file);
    QFETCH(int, code);
    QFETCH(int, critical);
    QFETCH(QString, fragment);
    QTemporaryDir dir;
    QStringList args {QStringLiteral("gate"), plan};
    QString path;
    if (!option.isEmpty()) {
        path = writeBytes(dir, QStringLiteral("stricter.json"), file);
        args << option << path;
    }
    const Run run = cli(args);
    QVERIFY2(run.code == code, qPrintable(run.out + run.err));
    QCOMPARE(criticalCount(run.out), critical);
    QVERIFY2(run.out.contains(fragment), qPrintable(run.out));
    if (!path.isEmpty()) {
        const QString line = lineStarting(run.out,
            option == QLatin1String("--rules") ? QStringLiteral("Rules in force: ")
                                               : QStringLiteral("Policy in force: "));
        QVERIFY2(line.contains(QStringLiteral(" + %1 (sha256 %2)").arg(path, sha256(file))),
            qPrintable(line));
    }
}

// A glob in an addition comes after the rules in force's: it classifies only types they leave in
// "other", never a type a shipped glob puts in a category ("aws_*_snapshot").
void TestConfig::additionGlobsClassifyOnlyWhatIsLeft()
{
    QTemporaryDir dir;
    const QString file = writeBytes(dir, QStringLiteral("globs.json"),
        rulesFile({{QStringLiteral("categories"),
            QJsonObject {{QStringLiteral("other"), QJsonArray {QStringLiteral("aws_*")}},
                {QStringLiteral("network"), QJsonArray {QStringLiteral("acme_*")}}}}}));
    const Result<RuleSet> rules = RuleSet::loadDefaultAnd(file);
    QVERIFY2(rules, qPrintable(errorText(rules)));
    QCOMPARE(rules->category(QStringLiteral("aws_lightsail_instance_snapshot")),
        QStringLiteral("snapshot"));
    QCOMPARE(rules->category(QStringLiteral("aws_db_instance")), QStringLiteral("database"));
    QCOMPARE(rules->category(QStringLiteral("acme_router")), QStringLiteral("network"));
    QCOMPARE(rules->category(QStringLiteral("aws_ecs_cluster")), QStringLiteral("compute"));
}

// gate and approve print the rules and the policy in force: each file with its SHA-256, and the
// fingerprint, exactly as defined.
void TestConfig::gateAndApprovePrintWhatIsInForce()
{
    QTemporaryDir dir;
    const QByteArray extraRules = rulesFile(
        {{QStringLiteral("secret_name_patterns"), QJsonArray {QStringLiteral("acme_internal")}}});
    const QByteArray extraPolicy
        = R"({"schema":"blastguard.policy/v1","max_approval_age_hours":12})";
    const QString rules = writeBytes(dir, QStringLiteral("extra-rules.json"), extraRules);
    const QString policy = writeBytes(dir, QStringLiteral("extra-policy.json"), extraPolicy);
    const QString rulesLine
        = QStringLiteral("Rules in force: shipped (sha256 %1) + %2 (sha256 %3); fingerprint %4")
              .arg(sha256(shippedRules()), rules, sha256(extraRules),
                  fingerprintOf({shippedRules(), extraRules}));
    const QString policyLine
        = QStringLiteral("Policy in force: shipped (sha256 %1) + %2 (sha256 %3); fingerprint %4; "
                         "an approval is valid for 12 hours")
              .arg(sha256(shippedPolicyBytes()), policy, sha256(extraPolicy),
                  fingerprintOf({shippedPolicyBytes(), extraPolicy}));

    const QStringList options {
        QStringLiteral("--rules"), rules, QStringLiteral("--policy"), policy};
    const Run gate = cli(QStringList {QStringLiteral("gate"), incident()} + options);
    QCOMPARE(gate.code, 3);
    QCOMPARE(lineStarting(gate.out, QStringLiteral("Rules in force")), rulesLine);
    QCOMPARE(lineStarting(gate.out, QStringLiteral("Policy in force")), policyLine);

    const Run passed = cli(
        {QStringLiteral("gate"), resource(QStringLiteral("scenarios/safe-updates/plan.json"))});
    QCOMPARE(passed.code, 0);
    QCOMPARE(lineStarting(passed.out, QStringLiteral("Rules in force")),
        QStringLiteral("Rules in force: shipped (sha256 %1); fingerprint %2")
            .arg(sha256(shippedRules()), fingerprintOf({shippedRules()})));
    QCOMPARE(lineStarting(passed.out, QStringLiteral("Policy in force")),
        QStringLiteral("Policy in force: shipped (sha256 %1); fingerprint %2; an approval is "
                       "valid for 24 hours")
            .arg(sha256(shippedPolicyBytes()), fingerprintOf({shippedPolicyBytes()})));

    // approve says it before anyone is asked anything.
    PtySession session;
    QVERIFY(session.start(QStringList {QStringLiteral("approve"), incident(), QStringLiteral("-o"),
                              dir.filePath(QStringLiteral("approval.json"))}
        + options));
    QVERIFY2(session.waitFor("Policy in force"), qPrintable(session.seen()));
    QVERIFY2(session.waitFor("\n"), qPrintable(session.seen()));
    const QString seen = QString(session.seen()).remove(QLatin1Char('\r'));
    QCOMPARE(lineStarting(seen, QStringLiteral("Rules in force")), rulesLine);
    QCOMPARE(lineStarting(seen, QStringLiteral("Policy in force")), policyLine);
}

// A changed addition changes the fingerprint (the shipped file's hash stays); so does the order
// of two additions.
void TestConfig::fingerprintFollowsTheAdditions()
{
    QTemporaryDir dir;
    auto fingerprints = [&](const QStringList &options) {
        const Run run = cli(QStringList {QStringLiteral("gate"), incident()} + options);
        if (run.code != 3)
            qFatal("%s", qPrintable(run.err));
        auto fingerprint = [](const QString &line) {
            return line.section(QStringLiteral("fingerprint "), 1).left(64);
        };
        return std::pair {fingerprint(lineStarting(run.out, QStringLiteral("Rules in force"))),
            fingerprint(lineStarting(run.out, QStringLiteral("Policy in force")))};
    };
    const QString rules = writeBytes(dir, QStringLiteral("rules.json"),
        R"({"schema":"blastguard.rules/v1","description":"a","secret_name_patterns":["acme"]})");
    const QString other = writeBytes(dir, QStringLiteral("other.json"),
        R"({"schema":"blastguard.rules/v1","data_categories":["database"]})");
    const QString policy = writeBytes(dir, QStringLiteral("policy.json"),
        R"({"schema":"blastguard.policy/v1","description":"a","max_approval_age_hours":10})");

    const auto shipped = fingerprints({});
    QCOMPARE(shipped.first, fingerprintOf({shippedRules()}));
    const auto added
        = fingerprints({QStringLiteral("--rules"), rules, QStringLiteral("--policy"), policy});
    QVERIFY(added.first != shipped.first && added.second != shipped.second);

    // One letter of a description: nothing else changes, the fingerprints do.
    writeBytes(dir, QStringLiteral("rules.json"),
        R"({"schema":"blastguard.rules/v1","description":"b","secret_name_patterns":["acme"]})");
    writeBytes(dir, QStringLiteral("policy.json"),
        R"({"schema":"blastguard.policy/v1","description":"b","max_approval_age_hours":10})");
    const auto edited
        = fingerprints({QStringLiteral("--rules"), rules, QStringLiteral("--policy"), policy});
    QVERIFY(edited.first != added.first);
    QVERIFY(edited.second != added.second);

    const auto ab
        = fingerprints({QStringLiteral("--rules"), rules, QStringLiteral("--rules"), other});
    const auto ba
        = fingerprints({QStringLiteral("--rules"), other, QStringLiteral("--rules"), rules});
    QVERIFY(ab.first != ba.first);
    QCOMPARE(ab.first, fingerprintOf({shippedRules(), readAll(rules), readAll(other)}));
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
