// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Approvals: the phrase that names what dies, the record bound to one exact plan (its bytes and
// its destroy set), the atomic write, the strict reader, and every reason a record can fail.
#include "core/resourcelocator.h"
#include "gatetestutils.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <functional>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace bg::core;
using namespace bg::tests;

class TestApproval : public QObject {
    Q_OBJECT

private slots:
    void incidentPhrase();
    void phraseIsTypeable_data();
    void phraseIsTypeable();
    void roundTrip();
    void writtenFileHasEveryField();
    void recordBindsThePlan_data();
    void recordBindsThePlan();
    void noSecretInRecord_data();
    void noSecretInRecord();
    void correctApprovalHasNoMismatch();
    void mismatches_data();
    void mismatches();
    void readRejects_data();
    void readRejects();
    void interruptedWriteLeavesNothing_data();
    void interruptedWriteLeavesNothing();
    void neverOverwritesThePlan();
    void killedWriterLeavesOldOrNewRecord();
    void everyTruncationIsMalformed();
    void gateRejectsTruncated_data();
    void gateRejectsTruncated();
};

namespace {

const QString Incident = QStringLiteral("scenarios/incident/plan.json");

Analysis analysed(const QString &path)
{
    return analyse(mustLoad(path), defaultRules());
}

Approval approvalOf(const Analysis &a)
{
    return shippedApproval(a);
}

QByteArray approvalJson(const std::function<void(QJsonObject &)> &edit)
{
    const Analysis a = analysed(fixture(QStringLiteral("plan-db-replace.json")));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.json"));
    if (!writeApproval(approvalOf(a), path))
        qFatal("cannot write an approval");
    QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
    edit(root);
    return QJsonDocument(root).toJson();
}

// A correct approval of the incident plan, padded with thousands of extra acknowledgements
// (the gate ignores extra ones) so that one write takes long enough to be interrupted.
Approval bigApproval(const Analysis &a)
{
    Approval approval = approvalOf(a);
    for (int i = 0; i < 20000; ++i)
        approval.acknowledged.push_back({QStringLiteral("padding"),
            QStringLiteral("aws_s3_bucket.padding[%1]").arg(i), QString(200, QLatin1Char('p'))});
    return approval;
}

// The writer process of killedWriterLeavesOldOrNewRecord: this test binary run as
// `tst_approval --write-approvals-forever PATH`. Writes big records to PATH through
// writeApproval, one after another, until it is killed; says "ready" before the first.
int writeApprovalsForever(const QString &path)
{
    Approval approval = bigApproval(analysed(resource(Incident)));
    std::puts("ready");
    std::fflush(stdout);
    for (int generation = 1;; ++generation) {
        approval.approver = QStringLiteral("writer-%1").arg(generation);
        if (const Status written = writeApproval(approval, path); !written) {
            std::fprintf(stderr, "%s\n", qPrintable(written.error().toString()));
            return 1;
        }
    }
}

// The record as writeApproval writes it for the incident plan, for the truncation tests.
QByteArray incidentRecord()
{
    static const QByteArray bytes = [] {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.json"));
        if (!writeApproval(approvalOf(analysed(resource(Incident))), path))
            qFatal("cannot write an approval");
        return readAll(path);
    }();
    return bytes;
}

} // namespace

void TestApproval::incidentPhrase()
{
    const Analysis a = analysed(resource(Incident));
    QCOMPARE(confirmationPhrase(a, defaultRules()), QStringLiteral("destroy 38 incl. edu-prod"));
}

void TestApproval::phraseIsTypeable_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("incident") << resource(Incident) << "destroy 38 incl. ";
    QTest::newRow("db-replace") << fixture(QStringLiteral("plan-db-replace.json"))
                                << "destroy 1 incl. ";
    QTest::newRow("deposed") << fixture(QStringLiteral("plan-deposed.json")) << "destroy ";
    QTest::newRow("keys-secrets") << fixture(QStringLiteral("plan-keys-secrets.json"))
                                  << "destroy 5 incl. ";
    QTest::newRow("safe-updates") << fixture(QStringLiteral("plan-safe-updates.json"))
                                  << "apply 3 changes";
    QTest::newRow("sensitive") << fixture(QStringLiteral("plan-sensitive.json"))
                               << "apply 4 changes";
}

void TestApproval::phraseIsTypeable()
{
    QFETCH(QString, path);
    QFETCH(QString, prefix);
    const QString phrase = confirmationPhrase(analysed(path), defaultRules());
    QVERIFY2(phrase.startsWith(prefix), qPrintable(phrase));
    QCOMPARE(phrase, phrase.toLower());
    QCOMPARE(phrase, phrase.simplified());
    QVERIFY(!phrase.contains(QLatin1Char('"')) && !phrase.contains(QLatin1Char('\'')));
    QVERIFY(!phrase.contains(QLatin1String("sensitive")));
}

void TestApproval::roundTrip()
{
    const Approval written = approvalOf(analysed(resource(Incident)));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.approval.json"));
    const Status saved = writeApproval(written, path);
    QVERIFY2(saved, qPrintable(errorText(saved)));
    const Result<Approval, ApprovalError> read = readApproval(path);
    QVERIFY2(read, qPrintable(errorText(read)));
    QCOMPARE(read->planPath, written.planPath);
    QCOMPARE(read->planSha256, written.planSha256);
    QCOMPARE(read->deleted, written.deleted);
    QCOMPARE(read->replaced, written.replaced);
    QVERIFY(read->acknowledged == written.acknowledged);
    QCOMPARE(read->phrase, written.phrase);
    QCOMPARE(read->approver, written.approver);
    QCOMPARE(read->time, written.time);
    QCOMPARE(read->toolVersion, written.toolVersion);
}

void TestApproval::writtenFileHasEveryField()
{
    const Analysis a = analysed(resource(Incident));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.json"));
    QVERIFY(writeApproval(approvalOf(a), path));
    const auto mode = [](const QString &file) {
        return QFileInfo(file).permissions()
            & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser);
    };
    const QFileDevice::Permissions mode0644 = QFileDevice::ReadOwner | QFileDevice::WriteOwner
        | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    QCOMPARE(mode(path), mode0644);
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(readAll(path), &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(o.value("schema").toString(), QStringLiteral("blastguard.approval/v2"));
    QCOMPARE(o.value("plan")["path"].toString(), a.document().path);
    QCOMPARE(o.value("plan")["sha256"].toString().size(), 64);
    QCOMPARE(o.value("deleted").toArray().size(), 38);
    QVERIFY(o.value("replaced").isArray());
    QCOMPARE(o.value("acknowledged").toArray().size(), a.criticalCount());
    QVERIFY(a.criticalCount() > 0);
    for (const QJsonValue ack : o.value("acknowledged").toArray()) {
        for (const char *key : {"code", "address", "message"})
            QVERIFY2(!ack[QLatin1String(key)].toString().isEmpty(), key);
    }
    QCOMPARE(o.value("phrase").toString(), QStringLiteral("destroy 38 incl. edu-prod"));
    QCOMPARE(o.value("approver").toString(), QStringLiteral("alice"));
    const QString time = o.value("time").toString();
    QVERIFY2(time.endsWith(QLatin1Char('Z')), qPrintable(time));
    QVERIFY(QDateTime::fromString(time, Qt::ISODateWithMs).isValid());
    QCOMPARE(o.value("tool")["name"].toString(), QStringLiteral("blastguard"));
    QCOMPARE(o.value("tool")["version"].toString(), toolVersion());
    // v2: the warnings acknowledged, the rules and policy in force, an expiry and a nonce.
    QCOMPARE(o.value("acknowledged_warnings").toArray().size(), 1);
    QCOMPARE(o.value("acknowledged_warnings")[0]["code"].toString(),
        QStringLiteral("delete-everything"));
    QCOMPARE(o.value("in_force")["rules"].toString(), defaultRules().fingerprint());
    QCOMPARE(o.value("in_force")["policy"].toString(), shippedPolicy().fingerprint());
    const QDateTime expires
        = QDateTime::fromString(o.value("expires").toString(), Qt::ISODateWithMs);
    QCOMPARE(QDateTime::fromString(time, Qt::ISODateWithMs).secsTo(expires), 24 * 3600);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                .match(o.value("nonce").toString())
                .hasMatch());

    // Writing again over a record replaces it whole, with the record's mode (rw-r--r--).
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(
        writeApproval(approvalOf(analysed(fixture(QStringLiteral("plan-db-replace.json")))), path));
    QCOMPARE(mode(path), mode0644);
    QCOMPARE(QJsonDocument::fromJson(readAll(path)).object().value("deleted").toArray().size(), 0);
}

void TestApproval::recordBindsThePlan_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("incident") << resource(Incident);
    QTest::newRow("db-replace") << fixture(QStringLiteral("plan-db-replace.json"));
    QTest::newRow("deposed") << fixture(QStringLiteral("plan-deposed.json"));
    QTest::newRow("cbd-replace") << fixture(QStringLiteral("plan-cbd-replace.json"));
    QTest::newRow("no-config-delete") << fixture(QStringLiteral("plan-no-config-delete.json"));
}

void TestApproval::recordBindsThePlan()
{
    QFETCH(QString, path);
    const Approval approval = approvalOf(analysed(path));
    const QByteArray bytes = readAll(path);
    QCOMPARE(approval.planSha256,
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    // The destroy sets, counted independently from resource_changes.
    QStringList deleted, replaced;
    for (const QJsonValue rc : QJsonDocument::fromJson(bytes)["resource_changes"].toArray()) {
        QString address = rc["address"].toString();
        if (rc["deposed"].isString())
            address += QStringLiteral(" (deposed object %1)").arg(rc["deposed"].toString());
        const QJsonArray actions = rc["change"]["actions"].toArray();
        if (actions == QJsonArray {"delete"})
            deleted.append(address);
        else if (actions.size() == 2 && actions.contains(QJsonValue("delete"))
            && actions.contains(QJsonValue("create")))
            replaced.append(address);
    }
    deleted.sort();
    replaced.sort();
    QCOMPARE(approval.deleted, deleted);
    QCOMPARE(approval.replaced, replaced);
}

void TestApproval::noSecretInRecord_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("secrets");
    QStringList incidentSecrets;
    for (const QJsonValue rc :
        QJsonDocument::fromJson(readAll(resource(Incident)))["resource_changes"].toArray()) {
        if (rc["address"] == QLatin1String("module.database.aws_db_instance.edu"))
            incidentSecrets.append(rc["change"]["before"]["password"].toString());
    }
    QCOMPARE(incidentSecrets.size(), 1);
    QVERIFY(!incidentSecrets[0].isEmpty());
    QTest::newRow("incident") << resource(Incident) << incidentSecrets;
    const QString secrets
        = QString::fromUtf8(readAll(fixture(QStringLiteral("plan-sensitive.secrets.txt"))));
    QTest::newRow("sensitive") << fixture(QStringLiteral("plan-sensitive.json"))
                               << secrets.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void TestApproval::noSecretInRecord()
{
    QFETCH(QString, path);
    QFETCH(QStringList, secrets);
    QVERIFY(!secrets.isEmpty());
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("a.json"));
    QVERIFY(writeApproval(approvalOf(analysed(path)), out));
    const QByteArray written = readAll(out);
    for (const QString &secret : secrets)
        QVERIFY2(!written.contains(secret.trimmed().toUtf8()), qPrintable(secret));
}

void TestApproval::correctApprovalHasNoMismatch()
{
    for (const QString &path : {resource(Incident), fixture(QStringLiteral("plan-db-replace.json")),
             fixture(QStringLiteral("plan-deposed.json"))}) {
        const Analysis a = analysed(path);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("a.json"));
        QVERIFY(writeApproval(approvalOf(a), out));
        const Result<Approval, ApprovalError> read = readApproval(out);
        QVERIFY2(read, qPrintable(errorText(read)));
        QCOMPARE(shippedMismatches(*read, a), QStringList());
    }
}

void TestApproval::mismatches_data()
{
    QTest::addColumn<QString>("approvedPlan"); // the approval was made for this plan...
    QTest::addColumn<QString>("checkedPlan"); // ...and is checked against this one
    QTest::addColumn<bool>("dropAcknowledgement");
    QTest::addColumn<QString>("reason"); // a regular expression one reason must match

    static QTemporaryDir dir; // lives while the rows run
    const QString incident = resource(Incident);

    QByteArray bytes = readAll(incident);
    // A letter inside a non-empty description: the plan still parses, only its bytes differ.
    const QRegularExpressionMatch letter
        = QRegularExpression(QStringLiteral("\"description\": \"([A-Za-z])"))
              .match(QString::fromLatin1(bytes));
    QVERIFY(letter.hasMatch());
    const qsizetype at = letter.capturedStart(1);
    bytes[at] = bytes[at] == 'x' ? 'y' : 'x';
    const QString oneByte = writeBytes(dir, QStringLiteral("byte.json"), bytes);
    QTest::newRow("one byte changed")
        << incident << oneByte << false
        << "^the plan's SHA-256 differs \\(approved [0-9a-f]{12}…, this plan [0-9a-f]{12}…\\)$";

    QString removedAddress, addedAddress;
    const QString removed = editedCopy(dir, QStringLiteral("removed.json"), incident,
        [&](QJsonArray &changes) { removedAddress = setActions(changes, {"delete"}, {"no-op"}); });
    QTest::newRow("a delete removed") << incident << removed << false
                                      << "^the destroy set changed: no longer deletes "
            + QRegularExpression::escape(removedAddress) + "$";

    const QString dbReplace = fixture(QStringLiteral("plan-db-replace.json"));
    const QString added = editedCopy(dir, QStringLiteral("added.json"), dbReplace,
        [&](QJsonArray &changes) { addedAddress = setActions(changes, {"update"}, {"delete"}); });
    QTest::newRow("a delete added") << dbReplace << added << false
                                    << "^the destroy set changed: now also deletes "
            + QRegularExpression::escape(addedAddress) + "$";

    QTest::newRow("missing acknowledgement")
        << incident << incident << true
        << "^critical finding [a-z0-9-]+ on \\S+ was not acknowledged$";
    QTest::newRow("another plan") << dbReplace << incident << false
                                  << "^the plan's SHA-256 differs";
    QTest::newRow("another plan: its deletes")
        << dbReplace << incident << false
        << "^the destroy set changed: now also deletes module.database.aws_db_instance.edu$";

    QJsonObject root = QJsonDocument::fromJson(readAll(dbReplace)).object();
    root.insert(QStringLiteral("errored"), true);
    const QString erroredPath
        = writeBytes(dir, QStringLiteral("errored.json"), QJsonDocument(root).toJson());
    QTest::newRow("errored plan") << erroredPath << erroredPath << false
                                  << "^the plan has errors \\(errored\\)";
}

void TestApproval::mismatches()
{
    QFETCH(QString, approvedPlan);
    QFETCH(QString, checkedPlan);
    QFETCH(bool, dropAcknowledgement);
    QFETCH(QString, reason);
    Approval approval = approvalOf(analysed(approvedPlan));
    if (dropAcknowledgement) {
        QVERIFY(!approval.acknowledged.empty());
        approval.acknowledged.pop_back();
    }
    const QStringList reasons = shippedMismatches(approval, analysed(checkedPlan));
    QVERIFY(!reasons.isEmpty());
    const QRegularExpression expected(reason);
    QVERIFY(expected.isValid());
    QVERIFY2(!reasons.filter(expected).isEmpty(), qPrintable(reasons.join(QLatin1Char('\n'))));
}

// Each row: the record, the whole message, and what its line and column point at.
void TestApproval::readRejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("at");

    QTest::newRow("malformed JSON")
        << QByteArray("{\n  \"schema\": \"blastguard.approval/v2\",\n  \"plan\": {,\n}")
        << "not valid JSON: unterminated object" << QByteArray(",\n}");
    QTest::newRow("empty file") << QByteArray() << "not valid JSON: illegal value" << QByteArray();
    QTest::newRow("an array") << QByteArray("[]") << "an approval must be a JSON object"
                              << QByteArray("[]");
    QTest::newRow("unknown schema version")
        << approvalJson([](QJsonObject &o) { o.insert("schema", "blastguard.approval/v3"); })
        << "unknown schema \"blastguard.approval/v3\" (this version reads blastguard.approval/v2)"
        << QByteArray("\"schema\"");
    QTest::newRow("no schema") << approvalJson([](QJsonObject &o) { o.remove("schema"); })
                               << "not an approval: \"schema\" must be \"blastguard.approval/v2\""
                               << QByteArray("{\n    \"acknowledged\"");
    QTest::newRow("no phrase") << approvalJson([](QJsonObject &o) { o.remove("phrase"); })
                               << "missing member \"phrase\""
                               << QByteArray("{\n    \"acknowledged\"");
    QTest::newRow("deleted not a list")
        << approvalJson([](QJsonObject &o) { o.insert("deleted", "aws_db_instance.db"); })
        << "\"deleted\" must be a list of strings" << QByteArray("\"deleted\"");
    QTest::newRow("a number among addresses") << approvalJson([](QJsonObject &o) {
        o.insert("replaced", QJsonArray {"a.b", 1});
    }) << "\"replaced[1]\" must be a string" << QByteArray("1\n");
    QTest::newRow("no sha256") << approvalJson([](QJsonObject &o) {
        o.insert("plan", QJsonObject {{"path", "p.json"}});
    }) << "missing member \"sha256\" in \"plan\""
                               << QByteArray("\"plan\"");
    QTest::newRow("short sha256") << approvalJson([](QJsonObject &o) {
        o.insert("plan", QJsonObject {{"path", "p"}, {"sha256", "abc"}});
    }) << "\"plan.sha256\" must be 64 lower-case hex digits"
                                  << QByteArray("\"sha256\"");
    QTest::newRow("time without zone")
        << approvalJson([](QJsonObject &o) { o.insert("time", "2026-01-31T12:00:00"); })
        << "\"time\" must be an ISO 8601 time with a zone, e.g. 2026-01-31T12:00:00Z"
        << QByteArray("\"time\"");
    QTest::newRow("acknowledgement without code") << approvalJson([](QJsonObject &o) {
        o.insert("acknowledged", QJsonArray {QJsonObject {{"address", "a.b"}}});
    }) << "missing member \"code\" in \"acknowledged[0]\""
                                                  << QByteArray("{\n            \"address\"");
    QTest::newRow("tool is a string")
        << approvalJson([](QJsonObject &o) { o.insert("tool", "blastguard"); })
        << "\"tool\" must be an object" << QByteArray("\"tool\"");
}

void TestApproval::readRejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QFETCH(QByteArray, at);
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("bad.approval.json"), bytes);
    const Result<Approval, ApprovalError> read = readApproval(path);
    QVERIFY(!read);
    const ApprovalError &error = read.error();
    QCOMPARE(error.path, path);
    QCOMPARE(error.message, message);
    QVERIFY2(error.line > 0 && error.column > 0, qPrintable(error.toString()));
    QCOMPARE(pointedAt(bytes, error, at.size()), at);
    QCOMPARE(error.problem,
        message.startsWith(QLatin1String("unknown schema")) ? ApprovalProblem::UnknownSchema
                                                            : ApprovalProblem::Malformed);

    const Result<Approval, ApprovalError> absent
        = readApproval(dir.filePath(QStringLiteral("absent.json")));
    QVERIFY(!absent);
    QVERIFY(absent.error().path.endsWith(QLatin1String("absent.json")));
    QCOMPARE(absent.error().message, QStringLiteral("cannot read an approval: no such file"));
    QCOMPARE(absent.error().problem, ApprovalProblem::Unreadable);
}

void TestApproval::interruptedWriteLeavesNothing_data()
{
    QTest::addColumn<QString>("where"); // relative to a fresh temporary directory
    QTest::newRow("missing directory") << "no/such/dir/a.json";
    QTest::newRow("read-only directory") << "locked/a.json";
    QTest::newRow("a directory in the way") << "locked";
}

void TestApproval::interruptedWriteLeavesNothing()
{
    QFETCH(QString, where);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("locked")));
    const QString locked = dir.filePath(QStringLiteral("locked"));
    if (where.startsWith(QLatin1String("locked/"))) {
#ifdef Q_OS_UNIX
        if (::geteuid() == 0)
            QSKIP("running as root: a read-only directory does not stop root from writing");
#endif
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    }
    const Status written
        = writeApproval(approvalOf(analysed(resource(Incident))), dir.filePath(where));
    QFile::setPermissions(
        locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(!written);
    QVERIFY2(written.error().toString().contains(dir.filePath(where)),
        qPrintable(written.error().toString()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList {QStringLiteral("locked")});
    QCOMPARE(QDir(locked).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList());
}

void TestApproval::neverOverwritesThePlan()
{
    QTemporaryDir dir;
    const QByteArray original = readAll(fixture(QStringLiteral("plan-db-replace.json")));
    const QString plan = writeBytes(dir, QStringLiteral("plan.json"), original);
    const Status written = writeApproval(approvalOf(analysed(plan)), plan);
    QVERIFY(!written);
    QVERIFY2(written.error().toString().contains(QLatin1String("never writes over an input")),
        qPrintable(written.error().toString()));
    QCOMPARE(readAll(plan), original);
}

// A writer SIGKILLed at a random moment, with or without a complete record already in place:
// the destination is then absent (only when there was none before), or a complete record
// that the gate accepts; and every other file left in the folder is a complete record too, so
// there is no half-written temporary file for anyone to pass to the gate.
void TestApproval::killedWriterLeavesOldOrNewRecord()
{
    const Analysis a = analysed(resource(Incident));
    const Approval big = bigApproval(a);
    const qsizetype acknowledgements = qsizetype(big.acknowledged.size());
    QTemporaryDir timing;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(writeApproval(big, timing.filePath(QStringLiteral("a.json"))));
    const qint64 writeMs = std::max<qint64>(timer.elapsed(), 1);
    QVERIFY2(QFileInfo(timing.filePath(QStringLiteral("a.json"))).size() > 4'000'000,
        "the record is too small to be interrupted reliably");

    int absent = 0, previous = 0, replaced = 0;
    QString lastRecord;
    QTemporaryDir keep; // the last surviving record, for the gate
    // Rounds alternate: a record there before the writer, and none.
    for (int round = 0; round < repeats(10, 4); ++round) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plan.approval.json"));
        const bool hadRecord = round % 2 == 1;
        if (hadRecord) {
            Approval old = big;
            old.approver = QStringLiteral("previous");
            QVERIFY(writeApproval(old, path));
        }
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QCoreApplication::applicationFilePath(),
            {QStringLiteral("--write-approvals-forever"), path});
        QVERIFY(writer.waitForReadyRead(Patience));
        QCOMPARE(writer.readLine().trimmed(), QByteArray("ready"));
        // Anywhere in the first three writes: before, inside or between them.
        const int delay = int(QRandomGenerator::global()->bounded(3 * writeMs));
        QThread::msleep(ulong(delay));
        QCOMPARE(writer.state(), QProcess::Running);
        writer.kill(); // SIGKILL: no cleanup runs in the writer
        QVERIFY(writer.waitForFinished(Patience));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

        // core/files.cpp writes to an unnamed file (O_TMPFILE) and links it in, under a
        // temporary name that it renames, only when it is complete. A kill between those two
        // steps leaves that complete file behind.
        static const QRegularExpression linked(QStringLiteral(
            "^(plan\\.approval\\.json|\\.plan\\.approval\\.json\\.blastguard-[a-z0-9]{6})$"));
        const QStringList left
            = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        for (const QString &name : left) {
            const QString context = QStringLiteral("%1 after %2 ms").arg(name).arg(delay);
            QVERIFY2(linked.match(name).hasMatch(), qPrintable(context));
            const Result<Approval, ApprovalError> read = readApproval(dir.filePath(name));
            QVERIFY2(read, qPrintable(context + QStringLiteral(": ") + errorText(read)));
            QCOMPARE(qsizetype(read->acknowledged.size()), acknowledgements);
            QCOMPARE(shippedMismatches(*read, a), QStringList());
            QVERIFY2(read->approver == QLatin1String("previous")
                    || read->approver.startsWith(QLatin1String("writer-")),
                qPrintable(read->approver));
        }
        if (!QFileInfo::exists(path)) {
            QVERIFY2(!hadRecord, "the previous record disappeared");
            ++absent;
            continue;
        }
        if (mustHave(readApproval(path)).approver == QLatin1String("previous"))
            ++previous;
        else
            ++replaced;
        lastRecord = keep.filePath(QStringLiteral("last.json"));
        QFile::remove(lastRecord);
        QVERIFY(QFile::copy(path, lastRecord));
    }
    qInfo("one write: %lld ms; after the kill: %d absent, %d previous, %d new records", writeMs,
        absent, previous, replaced);
    // A surviving record is whole: signed as it stands, the gate accepts it for the plan it
    // approves.
    if (!lastRecord.isEmpty()) {
        const Result<QByteArray> signature
            = signing::sign(readAll(lastRecord), TestKeys::get().key(QStringLiteral("alice")));
        QVERIFY2(signature, qPrintable(errorText(signature)));
        writeBytes(keep, QStringLiteral("last.json.sig"), *signature);
        const Run run = cli(
            QStringList {QStringLiteral("gate"), resource(Incident)} + approvalArgs(lastRecord));
        QVERIFY2(run.code == 0 && run.out.contains(QLatin1String("gate: PASSED")),
            qPrintable(run.out + run.err));
    }
}

// Every strict prefix of a record, as an interrupted copy or a full disk leaves it, is rejected
// by the reader the gate uses, as malformed, with a message. The one exception is the prefix
// that lacks only the final line break: it holds the whole record.
void TestApproval::everyTruncationIsMalformed()
{
    const QByteArray record = incidentRecord();
    QVERIFY(record.endsWith("}\n"));
    QTemporaryDir dir;
    for (qsizetype size = 0; size < record.size() - 1; ++size) {
        // A new file each time: rewriting one would make ext4 flush it on every close.
        const QString path
            = writeBytes(dir, QStringLiteral("%1.json").arg(size), record.left(size));
        const Result<Approval, ApprovalError> read = readApproval(path);
        QVERIFY2(!read, qPrintable(QStringLiteral("a %1-byte prefix was accepted").arg(size)));
        QVERIFY2(
            read.error().problem == ApprovalProblem::Malformed && !read.error().message.isEmpty(),
            qPrintable(QStringLiteral("%1 bytes: %2").arg(size).arg(read.error().toString())));
        QFile::remove(path);
    }
    const QString path = dir.filePath(QStringLiteral("truncated.json"));
    writeBytes(dir, QStringLiteral("truncated.json"), record.chopped(1));
    QVERIFY(readApproval(path));
}

void TestApproval::gateRejectsTruncated_data()
{
    // The gate itself on a sample of prefixes (each row is a process; every prefix is covered
    // in process by everyTruncationIsMalformed): empty, one byte, and a cut at the start, inside
    // and at the end of every fourth line.
    QTest::addColumn<int>("size");
    const QByteArray record = incidentRecord();
    QList<qsizetype> sizes {0, 1};
    qsizetype lineStart = 0;
    for (int line = 0; lineStart < record.size(); ++line) {
        const qsizetype lineEnd = record.indexOf('\n', lineStart);
        if (line % 4 == 0)
            sizes << lineStart << (lineStart + lineEnd) / 2 << lineEnd;
        lineStart = lineEnd + 1;
    }
    sizes << record.size() - 2;
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    for (qsizetype size : sizes) {
        if (size < record.size() - 1)
            QTest::addRow("%lld of %lld bytes", qint64(size), qint64(record.size())) << int(size);
    }
}

void TestApproval::gateRejectsTruncated()
{
    QFETCH(int, size);
    QTemporaryDir dir;
    const QString path
        = writeBytes(dir, QStringLiteral("plan.approval.json"), incidentRecord().left(size));
    const Run run
        = cli(QStringList {QStringLiteral("gate"), resource(Incident)} + approvalArgs(path));
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.code == 3 || run.code == 2, qPrintable(QString::number(run.code) + run.out));
    QVERIFY2(!run.out.contains(QLatin1String("PASSED")), qPrintable(run.out));
    QVERIFY2(
        run.out.contains(QLatin1String("the approval is malformed: ")) && run.out.contains(path),
        qPrintable(run.out + run.err));
}

// `tst_approval --write-approvals-forever PATH` is the writer that
// killedWriterLeavesOldOrNewRecord kills; otherwise the usual QTest main.
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--write-approvals-forever") == 0)
        return writeApprovalsForever(QString::fromLocal8Bit(argv[2]));
    TestApproval test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_approval.moc"
