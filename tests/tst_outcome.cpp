// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The apply-outcome model (core/risk/outcome.h): what the apply really does to each resource,
// the same in every output, the replay and saved-by. The fixtures' notes cite the provider
// code each case follows (tests/fixtures/README.md).
#include "core/report/report.h"
#include "core/review/replay.h"
#include "testutils.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bg::core;
using namespace bg::tests;

class TestOutcome : public QObject {
    Q_OBJECT
private slots:
    void perResource_data();
    void perResource();
    void refusalsStopTheApply();
    void dataLostInPlace();
    void everyOutputAgrees_data();
    void everyOutputAgrees();
    void savedByAgrees();
    void rulesFileMayOnlyAddLoss();
};

namespace {

QJsonObject json(const Analysis &a)
{
    return QJsonDocument::fromJson(renderReport(a, defaultRules(), ReportFormat::Json)).object();
}

} // namespace

void TestOutcome::perResource_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("detail"); // kept_in, refused_because or waits_on, in part
    const QString refused = QStringLiteral("plan-apply-outcomes.json");
    QTest::newRow("protected RDS instance") << refused << "aws_db_instance.ledger"
                                            << "refused"
                                            << "deletion_protection is on";
    QTest::newRow("no final snapshot name") << refused << "aws_db_instance.nosnap"
                                            << "refused"
                                            << "final_snapshot_identifier is required";
    QTest::newRow("final snapshot taken") << refused << "aws_db_instance.kept"
                                          << "data_kept"
                                          << "final snapshot \"prod-db-final\"";
    QTest::newRow("read replica") << refused << "aws_db_instance.replica"
                                  << "data_kept"
                                  << "its source database \"prod-db\"";
    QTest::newRow("waits for the refused database") << refused << "aws_db_subnet_group.data"
                                                    << "not_reached"
                                                    << "aws_db_instance.ledger";
    QTest::newRow("protected DynamoDB table") << refused << "aws_dynamodb_table.orders"
                                              << "refused"
                                              << "deletion_protection_enabled";
    QTest::newRow("EBS final snapshot") << refused << "aws_ebs_volume.scratch"
                                        << "data_kept"
                                        << "a final snapshot of the volume";
    QTest::newRow("bucket without force_destroy") << refused << "aws_s3_bucket.logs"
                                                  << "refused"
                                                  << "BucketNotEmpty";
    QTest::newRow("Cloud SQL, deletion_protection default")
        << refused << "google_sql_database_instance.main"
        << "refused"
        << "deletion_protection";
    const QString inPlace = QStringLiteral("plan-data-lost-in-place.json");
    QTest::newRow("retention to 0") << inPlace << "aws_db_instance.reporting"
                                    << "data_lost"
                                    << "every automated backup";
    QTest::newRow("lifecycle expires everything")
        << inPlace << "aws_s3_bucket_lifecycle_configuration.uploads"
        << "data_lost"
        << "every object in the bucket";
    QTest::newRow("instance data volumes") << inPlace << "aws_instance.warehouse"
                                           << "data_lost"
                                           << "its EBS data volumes";
}

void TestOutcome::perResource()
{
    QFETCH(QString, file);
    QFETCH(QString, address);
    QFETCH(QString, outcome);
    QFETCH(QString, detail);
    const QJsonObject report = json(analyse(mustLoad(fixture(file)), defaultRules()));
    bool found = false;
    for (const QJsonValue &r : report.value(QStringLiteral("resources")).toArray()) {
        if (r[QStringLiteral("address")].toString() != address)
            continue;
        found = true;
        QCOMPARE(r[QStringLiteral("outcome")].toString(), outcome);
        const QString key = outcome == QLatin1String("data_kept") ? QStringLiteral("kept_in")
            : outcome == QLatin1String("refused")     ? QStringLiteral("refused_because")
            : outcome == QLatin1String("not_reached") ? QStringLiteral("waits_on")
                                                      : QStringLiteral("lost");
        QVERIFY2(r[key].toString().contains(detail), qPrintable(r[key].toString()));
    }
    QVERIFY(found);
}

void TestOutcome::refusalsStopTheApply()
{
    const Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("plan-apply-outcomes.json"))), defaultRules());
    // Nothing is lost: the reports must not cry data loss, and name where the apply stops.
    QCOMPARE(a.verdict(), QStringLiteral("APPLY FAILS"));
    QCOMPARE(a.pointOfNoReturn(), -1);
    const QString headline = a.headline(defaultRules());
    QVERIFY2(headline.contains(QLatin1String("no data lost")), qPrintable(headline));
    QVERIFY2(headline.contains(QLatin1String("the apply stops at aws_db_instance.ledger "
                                             "(deletion_protection)")),
        qPrintable(headline));
    QVERIFY2(headline.contains(QLatin1String("3 kept")), qPrintable(headline));
    const QJsonObject report = json(a);
    QCOMPARE(report[QStringLiteral("verdict")].toString(), QStringLiteral("APPLY FAILS"));
    const QJsonObject counts
        = report[QStringLiteral("summary")][QStringLiteral("outcomes")].toObject();
    QCOMPARE(counts[QStringLiteral("refused")].toInt(), 5);
    QCOMPARE(counts[QStringLiteral("data_kept")].toInt(), 3);
    QCOMPARE(counts[QStringLiteral("not_reached")].toInt(), 1);
    QCOMPARE(counts[QStringLiteral("data_lost")].toInt(), 0);
    // The uncertain refusal (a bucket that may be empty) does not stop the apply.
    QStringList stops;
    for (const QJsonValue &v : report[QStringLiteral("stops_at")].toArray())
        stops.append(v.toString());
    QVERIFY(!stops.contains(QStringLiteral("aws_s3_bucket.logs")));
    QCOMPARE(stops.size(), 4);
    // The gate still needs an approval: the critical findings stay.
    QVERIFY(a.criticalCount() > 0);
    // The replay tells each step as it happens.
    for (const ReplayStep &s : destroyReplay(a, defaultRules())) {
        QVERIFY(!s.dataLoss);
        const QString id = a.document().resources[size_t(s.node)].id;
        if (id == QLatin1String("aws_db_instance.ledger"))
            QVERIFY2(s.what.startsWith(QLatin1String("refused")), qPrintable(s.what));
        if (id == QLatin1String("aws_db_subnet_group.data"))
            QVERIFY2(s.what.startsWith(QLatin1String("not reached")), qPrintable(s.what));
        if (id == QLatin1String("aws_s3_bucket.logs"))
            QVERIFY2(s.what.startsWith(QLatin1String("deleted if empty")), qPrintable(s.what));
    }
}

void TestOutcome::dataLostInPlace()
{
    const Analysis a = analyse(
        mustLoad(fixture(QStringLiteral("plan-data-lost-in-place.json"))), defaultRules());
    QCOMPARE(a.verdict(), QStringLiteral("DATA LOSS"));
    QCOMPARE(a.outcomeCount(Outcome::DataLost), 3);
    const QString headline = a.headline(defaultRules());
    QVERIFY2(headline.contains(QLatin1String("in place, loses every automated backup")),
        qPrintable(headline));
    // A replacement with a data volume is a data loss, and the point of no return.
    QCOMPARE(a.document().resources[size_t(a.pointOfNoReturn())].id,
        QStringLiteral("aws_instance.warehouse"));
    // Updates that only switch a protection off lose nothing now.
    const Analysis safe
        = analyse(mustLoad(fixture(QStringLiteral("plan-no-config-delete.json"))), defaultRules());
    for (int i = 0; i < int(safe.outcomes.size()); ++i) {
        if (safe.impact.actions[size_t(i)] == Action::Update)
            QCOMPARE(safe.outcomes[size_t(i)].outcome, Outcome::None);
    }
}

void TestOutcome::everyOutputAgrees_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("words");
    QTest::newRow("refused") << "plan-apply-outcomes.json"
                             << "APPLY FAILS"
                             << "refused — deletion_protection is on";
    QTest::newRow("kept") << "plan-apply-outcomes.json"
                          << "APPLY FAILS"
                          << "data kept in final snapshot";
    QTest::newRow("in place") << "plan-data-lost-in-place.json"
                              << "DATA LOSS"
                              << "data lost for good: every automated backup";
}

void TestOutcome::everyOutputAgrees()
{
    QFETCH(QString, file);
    QFETCH(QString, verdict);
    QFETCH(QString, words);
    const Run text = cli({QStringLiteral("report"), fixture(file)});
    const Run md = cli({QStringLiteral("report"), fixture(file), QStringLiteral("--format"),
        QStringLiteral("markdown")});
    const Run gate = cli({QStringLiteral("gate"), fixture(file)});
    QVERIFY2(text.out.contains(verdict + QStringLiteral(": ")), qPrintable(text.out.left(400)));
    QVERIFY2(text.out.contains(words), qPrintable(text.out));
    QVERIFY2(md.out.contains(QStringLiteral("**%1:**").arg(verdict)), qPrintable(md.out.left(400)));
    QVERIFY2(md.out.contains(words), qPrintable(md.out));
    QCOMPARE(gate.code, 3); // critical findings: a refused apply still needs an approval
    QVERIFY2(gate.out.contains(verdict + QStringLiteral(": ")) || gate.err.contains(verdict),
        qPrintable(gate.out + gate.err));
}

void TestOutcome::savedByAgrees()
{
    // saved-by's "In reality" is the main report's headline: never a contradiction.
    const QString file = fixture(QStringLiteral("plan-apply-outcomes.json"));
    const Run saved = cli({QStringLiteral("saved-by"), file});
    QCOMPARE(saved.code, 0);
    const Analysis a = analyse(mustLoad(file), defaultRules());
    QString headline = a.headline(defaultRules());
    headline.chop(headline.endsWith(QLatin1Char('.')) ? 1 : 0);
    QVERIFY2(saved.out.contains(QStringLiteral("In reality: ") + headline),
        qPrintable(saved.out.left(2000)));
    // Deletion protection "would have saved" a database only where the real apply is not
    // refused already; where it is, saved-by says so.
    QVERIFY2(saved.out.contains(QLatin1String("In reality the delete of aws_db_instance.ledger")),
        qPrintable(saved.out.left(3000)));
}

void TestOutcome::rulesFileMayOnlyAddLoss()
{
    QTemporaryDir dir;
    const auto rulesWith = [&](const QByteArray &kind) {
        return writeBytes(dir, QString::fromLatin1(kind) + QStringLiteral(".json"),
            R"({"schema": "blastguard.rules/v1", "findings": [{"code": "mine", "severity": "info",
              "types": ["aws_db_instance"], "actions": ["delete"], "message": "m",
              "outcome": {"kind": ")"
                + kind
                + (kind == "refused" ? R"(", "brief": "b", "because": "c", "source": "s"}}]})"
                        : kind == "data_kept" ? R"(", "kept_in": "k", "source": "s"}}]})"
                                              : R"(", "lost": "l", "source": "s"}}]})"));
    };
    // An agent's rules file saying "refused" would turn a loss into "no data lost".
    for (const QByteArray &kind : {QByteArray("refused"), QByteArray("data_kept")}) {
        const Result<RuleSet> rules = RuleSet::loadDefaultAnd(rulesWith(kind));
        QVERIFY(!rules.ok());
        QVERIFY2(rules.error().message.contains(QLatin1String("may only say data is lost")),
            qPrintable(rules.error().message));
    }
    QVERIFY(RuleSet::loadDefaultAnd(rulesWith("data_lost")).ok());
    // Nor may it change a shipped outcome.
    const QString changed = writeBytes(dir, QStringLiteral("changed.json"),
        R"({"schema": "blastguard.rules/v1", "findings": [{"code": "aws-ebs-final-snapshot-kept",
          "severity": "info", "types": ["aws_ebs_volume"], "actions": ["delete", "replace"],
          "when": [{"attribute": "final_snapshot", "equals": true}], "loss": "",
          "message": "final_snapshot is on for {address}: the provider snapshots the volume and waits for the snapshot before deleting it.",
          "outcome": {"kind": "data_kept", "kept_in": "somewhere else", "source": "s"}}]})");
    const Result<RuleSet> rules = RuleSet::loadDefaultAnd(changed);
    QVERIFY(!rules.ok());
    QVERIFY2(rules.error().message.contains(QLatin1String("\"outcome\"")),
        qPrintable(rules.error().message));
}

QTEST_GUILESS_MAIN(TestOutcome)
#include "tst_outcome.moc"
