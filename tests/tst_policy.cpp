// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The gate policy: the shipped default, a user's file over it field by field, the strict
// reader (every malformed file is an error with its place, never a silent default), what a
// policy protects, how it raises findings to critical, and how old an approval may be.
#include "core/gate/policy.h"
#include "gatetestutils.h"
#include "testutils.h"

#include <QTemporaryDir>

using namespace bg::core;
using namespace bg::tests;

class TestPolicy : public QObject {
    Q_OBJECT

private slots:
    void defaultPolicy();
    void userFileAddsToThePolicyInForce();
    void rejects_data();
    void rejects();
    void unknownCodes();
    void protection_data();
    void protection();
    void protectedDestroyIsCritical();
    void policyRaisesFindings();
    void approvalAge_data();
    void approvalAge();
    void approvalMismatchesUseThePolicy();
};

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

Policy defaultPolicy()
{
    return mustHave(Policy::load(resource(QStringLiteral("policy/default.json"))));
}

Resource resourceAt(const QString &address)
{
    Resource r;
    r.address = *Address::parse(address);
    r.id = r.address.toString();
    return r;
}

} // namespace

void TestPolicy::defaultPolicy()
{
    const Policy p = ::defaultPolicy();
    QVERIFY(p.protectedCategories.isEmpty() && p.protectedTypes.isEmpty()
        && p.protectedAddresses.isEmpty());
    QCOMPARE(p.criticalSeverities, QList<Severity> {Severity::Critical});
    QVERIFY(p.criticalCodes.isEmpty());
    QCOMPARE(p.maxApprovalAgeHours, 24.0);
    QCOMPARE(p.sources.files().size(), 1);
    QVERIFY(p.requireSignedApproval);
    QCOMPARE(p.approvalsRequired, 1);
    QVERIFY(p.allowedSigners.isEmpty());
    QVERIFY(p.unknownCodes(defaultRules()).isEmpty());
}

void TestPolicy::userFileAddsToThePolicyInForce()
{
    QTemporaryDir dir;
    const Policy base = [] {
        Policy p = ::defaultPolicy();
        p.protectedTypes = {QStringLiteral("aws_vpc")};
        p.protectedCategories = {QStringLiteral("database")};
        return p;
    }();
    const QString path = writeFile(dir, QStringLiteral("mine.json"), R"({
  "schema": "blastguard.policy/v1",
  "protected": { "addresses": ["module.prod.*"], "types": ["aws_route53_zone"] },
  "critical_findings": { "severities": ["high", "critical"] },
  "max_approval_age_hours": 2.5,
  "approvals_required": 2,
  "allowed_signers": "keys/allowed_signers"
})");
    const Result<Policy> p = Policy::load(path, base);
    QVERIFY2(p, qPrintable(errorText(p)));
    QCOMPARE(p->protectedAddresses, QStringList {QStringLiteral("module.prod.*")});
    // Lists are added to the ones in force: the base's stay.
    QCOMPARE(p->protectedTypes,
        (QStringList {QStringLiteral("aws_vpc"), QStringLiteral("aws_route53_zone")}));
    QCOMPARE(p->protectedCategories, QStringList {QStringLiteral("database")}); // not given: kept
    QCOMPARE(p->maxApprovalAgeHours, 2.5);
    QCOMPARE(p->criticalSeverities, (QList<Severity> {Severity::Critical, Severity::High}));
    QCOMPARE(p->approvalsRequired, 2);
    QVERIFY(p->requireSignedApproval);
    // Relative to the policy file's folder, stored absolute.
    QCOMPARE(p->allowedSigners, QDir(dir.path()).filePath(QStringLiteral("keys/allowed_signers")));
    QCOMPARE(p->sources.files().size(), base.sources.files().size() + 1);
    QCOMPARE(p->sources.files().constLast().path, path);
    QVERIFY(p->fingerprint() != base.fingerprint());
}

// Each row: the file, the whole message, and the line and column it points at.
void TestPolicy::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    const QByteArray head = "{\n  \"schema\": \"blastguard.policy/v1\",\n";
    const QString severities = QStringLiteral("info, low, medium, high, critical");
    QTest::newRow("not JSON") << QByteArray("{\n  \"schema\": \"blastguard.policy/v1\",\n  oops\n}")
                              << "not valid JSON: unterminated object" << 3 << 3;
    QTest::newRow("trailing comma") << head + "  \"max_approval_age_hours\": 4,\n}"
                                    << "not valid JSON: object is missing after a comma" << 4 << 1;
    QTest::newRow("empty file") << QByteArray() << "not valid JSON: illegal value" << 1 << 1;
    QTest::newRow("an array") << QByteArray("[]") << "a policy must be a JSON object" << 1 << 1;
    QTest::newRow("no schema") << QByteArray("{\"max_approval_age_hours\": 4}")
                               << "not a policy: \"schema\" must be \"blastguard.policy/v1\"" << 1
                               << 1;
    QTest::newRow("rules schema")
        << QByteArray("{\n\"schema\": \"blastguard.rules/v1\"}")
        << "unknown schema \"blastguard.rules/v1\" (this version reads blastguard.policy/v1)" << 2
        << 1;
    QTest::newRow("version 2")
        << QByteArray("{\"schema\": \"blastguard.policy/v2\"}")
        << "unknown schema \"blastguard.policy/v2\" (this version reads blastguard.policy/v1)" << 1
        << 2;
    QTest::newRow("typo in a key")
        << head + "  \"max_aproval_age_hours\": 4\n}"
        << "unknown member \"max_aproval_age_hours\" (known here: schema, description, protected, "
           "critical_findings, max_approval_age_hours, require_signed_approval, allowed_signers, "
           "approvals_required, terraform, projects, estate)"
        << 3 << 3;
    QTest::newRow("typo in protected")
        << head + "  \"protected\": {\n    \"adresses\": [\"x\"]\n  }\n}"
        << "unknown member \"adresses\" in \"protected\" (known here: categories, types, "
           "addresses)"
        << 4 << 5;
    QTest::newRow("protected is a list") << head + "  \"protected\": []\n}"
                                         << "\"protected\" must be an object" << 3 << 3;
    // The position follows the path: not the same key nested in another member before it.
    QTest::newRow("protected, after a nested one")
        << head + "  \"critical_findings\": {\"codes\": [\"protected\"]},\n  \"protected\": 5\n}"
        << "\"protected\" must be an object" << 4 << 3;
    QTest::newRow("protected, after a nested value")
        << head + "  \"description\": \"{\\\"protected\\\": 1}\",\n  \"protected\": 5\n}"
        << "\"protected\" must be an object" << 4 << 3;
    QTest::newRow("types is a string")
        << head + "  \"protected\": {\"types\": \"aws_*\"}\n}"
        << "\"protected.types\" must be a list of strings" << 3 << 17;
    QTest::newRow("empty pattern")
        << head + "  \"protected\": {\"addresses\": [\"module.a.*\", \"\"]}\n}"
        << "\"protected.addresses[1]\" must be a non-empty string" << 3 << 45;
    QTest::newRow("unknown category")
        << head + "  \"protected\": {\"categories\": [\"databse\"]}\n}"
        << QStringLiteral("\"protected.categories[0]\" must be one of %1 (not \"databse\")")
               .arg(categoryNames().join(QStringLiteral(", ")))
        << 3 << 32;
    QTest::newRow("unknown severity")
        << head + "  \"critical_findings\": {\"severities\": [\"critical\", \"severe\"]}\n}"
        << QStringLiteral("\"critical_findings.severities[1]\" must be one of %1 (not \"severe\")")
               .arg(severities)
        << 3 << 52;
    QTest::newRow("critical left out")
        << head + "  \"critical_findings\": {\"severities\": [\"high\"]}\n}"
        << "\"critical_findings.severities\" must include \"critical\": a policy can add to what "
           "needs an approval, never take critical findings away"
        << 3 << 25;
    QTest::newRow("codes is an object")
        << head + "  \"critical_findings\": {\"codes\": {}}\n}"
        << "\"critical_findings.codes\" must be a list of strings" << 3 << 25;
    QTest::newRow("age zero") << head + "  \"max_approval_age_hours\": 0\n}"
                              << "\"max_approval_age_hours\" must be a number greater than 0" << 3
                              << 3;
    QTest::newRow("age negative") << head + "  \"max_approval_age_hours\": -1\n}"
                                  << "\"max_approval_age_hours\" must be a number greater than 0"
                                  << 3 << 3;
    QTest::newRow("age as text") << head + "  \"max_approval_age_hours\": \"24\"\n}"
                                 << "\"max_approval_age_hours\" must be a number greater than 0"
                                 << 3 << 3;
    QTest::newRow("terraform, a program name")
        << head + "  \"terraform\": \"terraform\"\n}"
        << "\"terraform\" must be an absolute path (/usr/bin/terraform), not \"terraform\": a "
           "program name would be looked up on a PATH"
        << 3 << 3;
    QTest::newRow("terraform, empty") << head + "  \"terraform\": \"\"\n}"
                                      << "\"terraform\" must be a non-empty string" << 3 << 3;
    QTest::newRow("description a number") << head + "  \"description\": 7\n}"
                                          << "\"description\" must be a string" << 3 << 3;
}

void TestPolicy::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("bad.json"), bytes);
    const Result<Policy> policy = Policy::load(path, ::defaultPolicy());
    QVERIFY(!policy);
    QCOMPARE(policy.error().path, path);
    QCOMPARE(policy.error().message, message);
    QCOMPARE(policy.error().line, line);
    QCOMPARE(policy.error().column, column);
    QCOMPARE(policy.error().toString(),
        QStringLiteral("%1:%2:%3: %4").arg(path).arg(line).arg(column).arg(message));

    const Result<Policy> absent = Policy::load(dir.filePath(QStringLiteral("absent.json")));
    QVERIFY(!absent);
    QVERIFY2(absent.error().toString().endsWith(
                 QLatin1String("absent.json: cannot read a policy: no such file")),
        qPrintable(absent.error().toString()));
}

void TestPolicy::unknownCodes()
{
    Policy p;
    p.criticalCodes = {QStringLiteral("aws-rds-deletion-protection-off"),
        QString::fromLatin1(Policy::ProtectedCode), QStringLiteral("aws-rds-delettion-protection")};
    const QStringList unknown = p.unknownCodes(defaultRules());
    QVERIFY2(!unknown.contains(QString::fromLatin1(Policy::ProtectedCode)),
        qPrintable(unknown.join(',')));
    QVERIFY(unknown.contains(QStringLiteral("aws-rds-delettion-protection")));
}

void TestPolicy::protection_data()
{
    QTest::addColumn<QStringList>("addresses");
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QStringList>("categories");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("expected"); // a fragment of the protection, or empty: none
    const QStringList prod {QStringLiteral("module.prod.*")};
    QTest::newRow("module glob") << prod << QStringList() << QStringList()
                                 << "module.prod.aws_instance.web"
                                 << "compute"
                                 << "address pattern module.prod.*";
    QTest::newRow("module glob, for_each instance")
        << prod << QStringList() << QStringList() << "module.prod[\"eu\"].aws_db_instance.main[0]"
        << "database"
        << "address pattern module.prod.*";
    QTest::newRow("nested module")
        << prod << QStringList() << QStringList() << "module.prod.module.net.aws_vpc.main"
        << "network"
        << "address pattern";
    QTest::newRow("another module")
        << prod << QStringList() << QStringList() << "module.production2.aws_instance.web"
        << "compute"
        << "";
    QTest::newRow("root") << prod << QStringList() << QStringList() << "aws_instance.prod"
                          << "compute"
                          << "";
    QTest::newRow("instance glob") << QStringList {QStringLiteral("aws_subnet.private[*]")}
                                   << QStringList() << QStringList() << "aws_subnet.private[1]"
                                   << "network"
                                   << "address pattern";
    QTest::newRow("type glob") << QStringList() << QStringList {QStringLiteral("aws_db_*")}
                               << QStringList() << "module.x.aws_db_snapshot.s"
                               << "snapshot"
                               << "type pattern aws_db_*";
    QTest::newRow("type glob misses") << QStringList() << QStringList {QStringLiteral("aws_db_*")}
                                      << QStringList() << "aws_rds_cluster.c"
                                      << "database"
                                      << "";
    QTest::newRow("category") << QStringList() << QStringList()
                              << QStringList {QStringLiteral("network")} << "aws_vpc.main"
                              << "network"
                              << "category network";
}

void TestPolicy::protection()
{
    QFETCH(QStringList, addresses);
    QFETCH(QStringList, types);
    QFETCH(QStringList, categories);
    QFETCH(QString, address);
    QFETCH(QString, category);
    QFETCH(QString, expected);
    Policy p;
    p.protectedAddresses = addresses;
    p.protectedTypes = types;
    p.protectedCategories = categories;
    const QString why = p.protection(resourceAt(address), category);
    if (expected.isEmpty())
        QVERIFY2(why.isEmpty(), qPrintable(why));
    else
        QVERIFY2(why.contains(expected), qPrintable(why));
}

void TestPolicy::protectedDestroyIsCritical()
{
    Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("plan-cbd-replace.json"))), defaultRules());
    QCOMPARE(a.criticalCount(), 0);
    Policy p;
    p.protectedAddresses = {QStringLiteral("aws_lb_*")};
    applyPolicy(a, p);
    // Only the replaced target group: the listener is updated, not destroyed.
    QCOMPARE(a.criticalCount(), 1);
    const Finding &f = a.findings.front();
    QCOMPARE(f.code, QStringLiteral("policy-protected"));
    QCOMPARE(f.address, QStringLiteral("aws_lb_target_group.app"));
    QCOMPARE(f.severity, Severity::Critical);
    QVERIFY2(f.message.text().contains(
                 QLatin1String("protected by the policy (address pattern aws_lb_*)"))
            && f.message.text().contains(QLatin1String("replaces it")),
        qPrintable(f.message.text()));
    applyPolicy(a, p); // never twice
    QCOMPARE(a.criticalCount(), 1);
    // An approval acknowledges it like any critical finding.
    const Approval approval = shippedApproval(a);
    QCOMPARE(int(approval.acknowledged.size()), 1);
    QCOMPARE(approval.acknowledged.front().code, QStringLiteral("policy-protected"));
}

void TestPolicy::policyRaisesFindings()
{
    const Analysis plain = analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
    QStringList highCodes;
    for (const Finding &f : plain.findings) {
        if (f.severity == Severity::High)
            highCodes.append(f.code);
    }
    QVERIFY(!highCodes.isEmpty());

    Analysis byCode = plain;
    Policy p;
    p.criticalCodes = {highCodes.front()};
    applyPolicy(byCode, p);
    QCOMPARE(
        byCode.criticalCount(), plain.criticalCount() + int(highCodes.count(highCodes.front())));
    for (const Finding &f : byCode.findings) {
        if (f.code == highCodes.front()) {
            QCOMPARE(f.severity, Severity::Critical);
            QVERIFY(f.message.text().endsWith(
                QLatin1String("(The policy counts this finding as critical.)")));
        }
    }
    // Still most severe first.
    QVERIFY(std::is_sorted(byCode.findings.begin(), byCode.findings.end(),
        [](const Finding &x, const Finding &y) { return x.severity > y.severity; }));

    Analysis bySeverity = plain;
    p.criticalCodes.clear();
    p.criticalSeverities = {Severity::Critical, Severity::High, Severity::Medium};
    applyPolicy(bySeverity, p);
    QCOMPARE(bySeverity.criticalCount(), int(plain.findings.size()));
}

void TestPolicy::approvalAge_data()
{
    QTest::addColumn<double>("maxHours");
    QTest::addColumn<qint64>("ageSeconds");
    QTest::addColumn<QString>("reason"); // empty: no reason
    QTest::newRow("fresh") << 24.0 << qint64(60) << "";
    QTest::newRow("23 hours") << 24.0 << qint64(23 * 3600) << "";
    QTest::newRow("25 hours") << 24.0 << qint64(25 * 3600)
                              << "the approval expired: it was given at ";
    QTest::newRow("3 days") << 24.0 << qint64(72 * 3600)
                            << "3 days ago, and the policy accepts approvals at most 24 hours old";
    QTest::newRow("half an hour, limit 0.25") << 0.25 << qint64(1800) << "0.5 hours ago";
    QTest::newRow("no limit") << 0.0 << qint64(1000 * 3600) << "";
    QTest::newRow("clock skew") << 24.0 << qint64(-120) << "";
    QTest::newRow("in the future")
        << 24.0 << qint64(-3600) << "the approval is dated in the future";
    QTest::newRow("in the future, no limit")
        << 0.0 << qint64(-86400 * 365) << "dated in the future";
}

void TestPolicy::approvalAge()
{
    QFETCH(double, maxHours);
    QFETCH(qint64, ageSeconds);
    QFETCH(QString, reason);
    Policy p;
    p.maxApprovalAgeHours = maxHours;
    const QDateTime now = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
    const QStringList reasons = approvalAgeMismatches(now.addSecs(-ageSeconds), p, now);
    if (reason.isEmpty()) {
        QCOMPARE(reasons, QStringList());
    } else {
        QCOMPARE(reasons.size(), 1);
        QVERIFY2(reasons.front().contains(reason), qPrintable(reasons.front()));
    }
}

void TestPolicy::approvalMismatchesUseThePolicy()
{
    const Analysis a = analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
    Approval approval = shippedApproval(a);
    const Policy p = ::defaultPolicy();
    const InForce in = inForce(defaultRules(), p);
    QCOMPARE(approvalMismatches(approval, a, p, in, approval.time.addSecs(3600)), QStringList());
    // Past the policy's age and the record's own expiry: both say so.
    const QStringList expired
        = approvalMismatches(approval, a, p, in, approval.time.addSecs(48 * 3600));
    QCOMPARE(expired.size(), 2);
    QVERIFY(expired.front().startsWith(QLatin1String("the approval expired: it was given at")));
    QVERIFY(expired.back().startsWith(QLatin1String("the approval expired at")));
    // A policy with a shorter age makes the record expire sooner.
    Policy shorter = p;
    shorter.maxApprovalAgeHours = 2;
    const Approval brief = approvalFor(a, QStringLiteral("alice"),
        confirmationPhrase(a, defaultRules()), inForce(defaultRules(), shorter), shorter);
    QCOMPARE(brief.time.secsTo(brief.expires), 2 * 3600);
    // The record binds the rules and policy in force: under others it does not count.
    const QStringList other = approvalMismatches(
        approval, a, p, {in.rules, QString(64, QLatin1Char('0'))}, approval.time.addSecs(60));
    QCOMPARE(other.size(), 1);
    QVERIFY2(other.front().startsWith(QLatin1String("the policy in force differs")),
        qPrintable(other.front()));
    const QStringList otherRules = approvalMismatches(
        approval, a, p, {QString(64, QLatin1Char('1')), in.policy}, approval.time.addSecs(60));
    QCOMPARE(otherRules.size(), 1);
    QVERIFY2(otherRules.front().startsWith(QLatin1String("the rules in force differ")),
        qPrintable(otherRules.front()));
}

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
