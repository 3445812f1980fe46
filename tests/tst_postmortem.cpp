// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The postmortem's readers: record files in every layout (tests/fixtures/postmortem/NOTES.md
// cites the formats each fixture follows), Terraform's apply log, the cloud's audit logs, and
// what a hostile or broken record does to them.
#include "core/postmortem/postmortem.h"
#include "core/postmortem/postmortemreport.h"
#include "core/postmortem/recordfile_p.h"
#include "core/review/scenarios.h"
#include "gencloudtrail.h"
#include "testutils.h"

#include <QRandomGenerator>
#include <sstream>
#include <sys/stat.h>
#include <zlib.h>

using namespace bg::core;
using namespace bg::tests;
using bg::tests::CloudTrailTally;

namespace {

QByteArray gzip(const QByteArray &bytes)
{
    z_stream z {};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(bytes.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
    z.avail_in = uInt(bytes.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.truncate(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// The first problem in words, or "" (QVERIFY2 evaluates its message even when it passes).
QString firstProblem(const Problems &problems)
{
    return problems.empty() ? QString() : problems.front().toString();
}

Error lastProblem(const Problems &problems)
{
    return problems.empty() ? Error {} : problems.back();
}

struct Split {
    QList<QByteArray> records;
    QList<qint64> lines;
    Problems problems;
    Result<detail::RecordFileFacts> facts = Error {};
};

Split split(const QString &path, bool linesOnly = false)
{
    Split s;
    s.facts = detail::readRecordFile(path, linesOnly, &s.problems, [&](const detail::RawRecord &r) {
        s.records.append(r.bytes.toByteArray());
        s.lines.append(r.line);
    });
    return s;
}

// A CloudTrail record in the documented shape (CloudTrail User Guide, "CloudTrail record
// contents for management, data, and network activity events").
QByteArray cloudTrailRecord(const QString &time, const QString &name, const QString &source,
    const QByteArray &request, const QString &agent = QStringLiteral("aws-cli/2.15.0"),
    const QString &account = QStringLiteral("483920175566"),
    const QString &region = QStringLiteral("eu-west-1"))
{
    return QStringLiteral(
               R"({"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:agent","arn":"arn:aws:sts::%5:assumed-role/agent-admin/agent","accountId":"%5"},"eventTime":"%1","eventSource":"%3","eventName":"%2","awsRegion":"%6","sourceIPAddress":"203.0.113.10","userAgent":"%4","requestParameters":)")
               .arg(time, name, source, agent, account, region)
               .toUtf8()
        + request
        + QStringLiteral(
            R"(,"responseElements":null,"requestID":"r","eventID":"e-%1-%3","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"%2","eventCategory":"Management"})")
              .arg(name, account, time)
              .toUtf8();
}

QByteArray applyLine(const QString &time, const QString &type, const QString &address,
    const QString &action, const QByteArray &extra = {})
{
    return QStringLiteral(
        R"({"@level":"info","@message":"m","@module":"terraform.ui","@timestamp":"%1","hook":{"resource":{"addr":"%3","module":"","resource":"%3","implied_provider":"aws","resource_type":"t","resource_name":"n","resource_key":null},"action":"%4"%5},"type":"%2"})")
        .arg(time, type, address, action, QString::fromUtf8(extra))
        .toUtf8();
}

} // namespace

class TestPostmortem : public QObject {
    Q_OBJECT

private slots:
    void timestamps_data();
    void timestamps();
    void layoutsGiveTheSameRecords();
    void badRecordsAreNamedAndSkipped();
    void brokenFilesKeepWhatCameBefore();
    void overlongRecordsAreSkipped();
    void onlyRegularFiles();
    void gzipBombIsBounded();
    void shippedCatalogsAreStrictAndCited();
    void catalogErrorsNameThePlace();
    void applyLogSteps();
    void cloudTrailCalls();
    void hostileTextIsMadePlain();
    void documentedFixtures();
    void otherCloudsFixtures();
    void incidentAcceptance();
    void disagreementsAreFound();
    void commandLine();
    void generatedAtScale();
    void scopeAndTheModelsWord();
    void reviewAttacks();
    void callsAreJudgedByWhatTheyAsked();
    void successSettlesWhatTheModelLeftOpen();
};

void TestPostmortem::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: unreadable
    // 2026-01-14T09:41:03Z is 1768383663 s since 1970.
    QTest::newRow("Z") << "2026-01-14T09:41:03Z" << qint64(1768383663000);
    QTest::newRow("Terraform's, +01:00, micro")
        << "2026-01-14T10:41:03.529104+01:00" << qint64(1768383663529);
    QTest::newRow("negative zone") << "2026-01-14T04:41:03-05:00" << qint64(1768383663000);
    QTest::newRow("nanos (Google)") << "2026-01-14T09:41:03.123456789Z" << qint64(1768383663123);
    QTest::newRow("Azure 7 digits") << "2026-01-14T09:41:03.1234567Z" << qint64(1768383663123);
    QTest::newRow("no zone reads as UTC") << "2026-01-14 09:41:03" << qint64(1768383663000);
    QTest::newRow("zone without colon") << "2026-01-14T10:41:03+0100" << qint64(1768383663000);
    QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800000);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("month 13") << "2026-13-01T00:00:00Z" << qint64(-1);
    QTest::newRow("garbage after") << "2026-01-14T09:41:03Zjunk" << qint64(-1);
    QTest::newRow("no seconds") << "2026-01-14T09:41Z" << qint64(-1);
    QTest::newRow("bad zone") << "2026-01-14T09:41:03+25:00" << qint64(-1);
    QTest::newRow("29 February, not a leap year") << "2026-02-29T00:00:00Z" << qint64(-1);
    QTest::newRow("before 1970") << "0000-01-01T00:00:00Z" << qint64(-1);
    QTest::newRow("year 9999") << "9999-12-31T23:59:59Z" << qint64(253402300799000);
}

void TestPostmortem::timestamps()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const std::optional<qint64> got = parseTimestamp(text);
    QCOMPARE(got.value_or(-1), expected);
    if (got)
        QCOMPARE(parseTimestamp(timestampText(*got)).value_or(-2), *got);
}

void TestPostmortem::layoutsGiveTheSameRecords()
{
    QTemporaryDir dir;
    QList<QByteArray> records;
    for (int i = 0; i < 50; ++i) {
        records.append(cloudTrailRecord(
            QStringLiteral("2026-01-14T09:%1:00Z").arg(i % 60, 2, 10, QLatin1Char('0')),
            QStringLiteral("DeleteDBSnapshot"), QStringLiteral("rds.amazonaws.com"),
            QStringLiteral(
                R"({"dBSnapshotIdentifier":"s-%1","note":"a } and a ] and \" in a string"})")
                .arg(i)
                .toUtf8()));
    }
    const QByteArray wrapped = "{\"Records\":[" + records.join(',') + "]}";
    const QByteArray pretty
        = "\xEF\xBB\xBF  {\n  \"Records\" : [\n" + records.join(",\n") + "\n ]\n}\n";
    const QByteArray array = "[" + records.join(", ") + "]";
    const QByteArray lines = records.join("\n") + "\n\n";
    const QByteArray crlf = records.join("\r\n");
    const QByteArray azure = "{\"records\": [" + records.join(',') + "]}";
    struct Case {
        const char *name;
        QByteArray bytes;
        detail::RecordLayout layout;
    };
    const Case cases[] = {{"wrapped.json", wrapped, detail::RecordLayout::Wrapped},
        {"pretty.json", pretty, detail::RecordLayout::Wrapped},
        {"array.json", array, detail::RecordLayout::Array},
        {"lines.jsonl", lines, detail::RecordLayout::Lines},
        {"crlf.jsonl", crlf, detail::RecordLayout::Lines},
        {"azure.json", azure, detail::RecordLayout::Wrapped},
        {"wrapped.json.gz", gzip(wrapped), detail::RecordLayout::Wrapped},
        // gzip files may be concatenated members (RFC 1952, 2.2).
        {"two-members.jsonl.gz",
            gzip(records.mid(0, 20).join('\n') + '\n') + gzip(records.mid(20).join('\n')),
            detail::RecordLayout::Lines}};
    for (const Case &c : cases) {
        const Split s = split(write(dir, QLatin1String(c.name), c.bytes));
        QVERIFY2(s.facts.ok(), c.name);
        QVERIFY2(s.problems.empty(),
            qPrintable(QLatin1String(c.name) + QLatin1Char(' ') + firstProblem(s.problems)));
        QCOMPARE(s.facts->layout, c.layout);
        QCOMPARE(s.facts->gzipped, QByteArray(c.name).endsWith(".gz"));
        QCOMPARE(s.records, records);
        QVERIFY(s.facts->complete);
    }
    // Lines are counted from 1, in every layout.
    const Split p = split(dir.filePath(QStringLiteral("pretty.json")));
    QCOMPARE(p.lines.front(), qint64(3));
    QCOMPARE(p.lines.back(), qint64(52));
    // More than one chunk (1 MiB) of records: nothing lost at the seams.
    QByteArray big = "{\"Records\":[";
    QList<QByteArray> many;
    for (int i = 0; i < 6000; ++i)
        many.append(records[i % records.size()]);
    big += many.join(',') + "]}";
    QVERIFY(big.size() > 3 * (1 << 20));
    const Split b = split(write(dir, QStringLiteral("big.json"), big));
    QCOMPARE(b.records, many);
    const Split bz = split(write(dir, QStringLiteral("big.json.gz"), gzip(big)));
    QCOMPARE(bz.records, many);
}

void TestPostmortem::badRecordsAreNamedAndSkipped()
{
    QTemporaryDir dir;
    const QByteArray good = applyLine(QStringLiteral("2026-01-14T10:41:00+01:00"),
        QStringLiteral("apply_start"), QStringLiteral("aws_vpc.main"), QStringLiteral("delete"));
    const QByteArray done
        = applyLine(QStringLiteral("2026-01-14T10:41:12+01:00"), QStringLiteral("apply_complete"),
            QStringLiteral("aws_vpc.main"), QStringLiteral("delete"), ",\"elapsed_seconds\":12");
    // Line 2 cut short, line 3 not JSON, line 4 blank, line 5 a list, line 6 no type, line 8 a
    // hook without an address, line 9 a bad time.
    const QByteArray log = good + "\n" + good.left(40) + "\n" + "Error: not JSON\n" + "\n"
        + "[1,2]\n" + "{\"@level\":\"info\"}\n" + done + "\n"
        + "{\"type\":\"apply_start\",\"@timestamp\":\"2026-01-14T10:41:00Z\",\"hook\":{}}\n"
        + applyLine(QStringLiteral("yesterday"), QStringLiteral("apply_start"),
            QStringLiteral("aws_subnet.a"), QStringLiteral("delete"))
        + "\n";
    const QString path = write(dir, QStringLiteral("apply.jsonl"), log);
    Result<ApplyLog> read = readApplyLog(path);
    QVERIFY2(read.ok(), qPrintable(errorText(read)));
    QCOMPARE(read->steps.size(), size_t(1));
    QCOMPARE(read->steps[0].address, QStringLiteral("aws_vpc.main"));
    QVERIFY(read->steps[0].completed);
    QCOMPARE(read->steps[0].elapsedSeconds, 12.0);
    QList<int> lines;
    for (const Error &e : read->problems) {
        lines.append(e.line);
        QCOMPARE(e.path, path);
        QVERIFY2(e.message.endsWith(QLatin1String("skipped"))
                || e.message.contains(QLatin1String("skipped:")),
            qPrintable(e.toString()));
    }
    QCOMPARE(lines, (QList<int> {2, 3, 5, 6, 8, 9}));
    // The cut line says where it ends.
    QVERIFY(!read->problems.empty());
    QVERIFY2(read->problems[0].message.contains(QLatin1String("cut short")),
        qPrintable(read->problems[0].toString()));
    // A file with no message at all is not an apply log.
    Result<ApplyLog> none
        = readApplyLog(write(dir, QStringLiteral("none.jsonl"), "hello\nworld\n"));
    QVERIFY(!none.ok());
    QVERIFY2(none.error().message.contains(QLatin1String("machine-readable")),
        qPrintable(none.error().toString()));
    // A secret in a bad line is never quoted back.
    Result<ApplyLog> secret = readApplyLog(write(
        dir, QStringLiteral("secret.jsonl"), good + "\n{\"password\": \"hunter2-SECRET\" oops}\n"));
    QVERIFY(secret.ok());
    QCOMPARE(secret->problems.size(), size_t(1));
    QVERIFY(!secret->problems[0].toString().contains(QLatin1String("hunter2")));
}

void TestPostmortem::brokenFilesKeepWhatCameBefore()
{
    QTemporaryDir dir;
    const QByteArray r
        = cloudTrailRecord(QStringLiteral("2026-01-14T09:00:00Z"), QStringLiteral("DeleteBucket"),
            QStringLiteral("s3.amazonaws.com"), "{\"bucketName\":\"b\"}");
    const QByteArray whole = "{\"Records\":[" + r + "," + r + "," + r + "]}";
    // Cut inside the third record: two are read, the break is named.
    const qsizetype cut = whole.lastIndexOf("eventSource");
    Split s = split(write(dir, QStringLiteral("cut.json"), whole.left(cut)));
    QVERIFY(s.facts.ok());
    QCOMPARE(s.records.size(), 2);
    QVERIFY(!s.facts->complete);
    QVERIFY2(lastProblem(s.problems).message.contains(QLatin1String("cut short")),
        qPrintable(lastProblem(s.problems).toString()));
    QCOMPARE(lastProblem(s.problems).line, 1);
    // A missing comma between records.
    s = split(write(dir, QStringLiteral("comma.json"), "{\"Records\":[\n" + r + "\n" + r + "]}"));
    QCOMPARE(s.records.size(), 1);
    QCOMPARE(lastProblem(s.problems).line, 3);
    QCOMPARE(lastProblem(s.problems).column, 1);
    // A list that holds a number.
    s = split(write(dir, QStringLiteral("number.json"), "[" + r + ", 42]"));
    QCOMPARE(s.records.size(), 1);
    QVERIFY(lastProblem(s.problems).message.contains(QLatin1String("JSON object")));
    // A gzip file cut short: what it inflated to before the cut is read.
    QByteArray lines;
    for (int i = 0; i < 2000; ++i)
        lines += r + "\n";
    const QByteArray packed = gzip(lines);
    s = split(write(dir, QStringLiteral("cut.jsonl.gz"), packed.left(packed.size() / 2)));
    QVERIFY(s.facts.ok());
    QVERIFY(s.records.size() > 100);
    QVERIFY(s.records.size() < 2000);
    QVERIFY2(lastProblem(s.problems).message.contains(QLatin1String("gzip")),
        qPrintable(lastProblem(s.problems).toString()));
    // Not gzip after the magic bytes.
    s = split(write(dir, QStringLiteral("fake.gz"), QByteArray("\x1f\x8b") + QByteArray(100, 'x')));
    QVERIFY(!s.problems.empty());
    QVERIFY(s.records.isEmpty());
    // Through the cloud reader: a break in one file leaves the others read.
    Result<CloudLog> both = readCloudLogs(
        {dir.filePath(QStringLiteral("cut.json")), write(dir, QStringLiteral("ok.json"), whole)});
    QVERIFY2(both.ok(), qPrintable(errorText(both)));
    QCOMPARE(both->records, qint64(5));
    QCOMPARE(both->events.size(), size_t(5));
    QCOMPARE(both->problems.size(), size_t(1));
    // The GUI's read: a file that cannot be opened is named, and the others are still read.
    std::vector<Error> unopened;
    Result<CloudLog> tolerant
        = readCloudLogs({dir.path(), dir.filePath(QStringLiteral("ok.json"))}, &unopened);
    QVERIFY2(tolerant.ok(), qPrintable(errorText(tolerant)));
    QCOMPARE(unopened.size(), size_t(1));
    QCOMPARE(unopened[0].path, dir.path());
    QCOMPARE(tolerant->events.size(), size_t(3));
    QCOMPARE(tolerant->files, QStringList {dir.filePath(QStringLiteral("ok.json"))});
}

void TestPostmortem::overlongRecordsAreSkipped()
{
    QTemporaryDir dir;
    const QByteArray r
        = cloudTrailRecord(QStringLiteral("2026-01-14T09:00:00Z"), QStringLiteral("DeleteBucket"),
            QStringLiteral("s3.amazonaws.com"), "{\"bucketName\":\"b\"}");
    const QByteArray huge = "{\"x\":\"" + QByteArray(int(detail::RecordCap) + 10, 'a') + "\"}";
    for (const bool lines : {false, true}) {
        const QByteArray bytes = lines ? r + "\n" + huge + "\n" + r + "\n"
                                       : "{\"Records\":[" + r + ",\n" + huge + ",\n" + r + "]}";
        const Split s = split(write(dir, QStringLiteral("huge.json"), bytes));
        QCOMPARE(s.records.size(), 2);
        QCOMPARE(s.problems.size(), size_t(1));
        QCOMPARE(s.problems[0].line, 2);
        QVERIFY(s.problems[0].message.contains(QLatin1String("longer than 16 MiB")));
    }
}

void TestPostmortem::onlyRegularFiles()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const QString &path :
        {fifo, dir.path(), QStringLiteral("/dev/zero"), dir.filePath(QStringLiteral("missing"))}) {
        Result<CloudLog> cloud = readCloudLogs({path});
        QVERIFY2(!cloud.ok(), qPrintable(path));
        QCOMPARE(cloud.error().path, path);
        Result<ApplyLog> log = readApplyLog(path);
        QVERIFY2(!log.ok(), qPrintable(path));
    }
    // The log is read, never written: a link to it is read through, and left as it was.
    const QString target = write(dir, QStringLiteral("apply.jsonl"),
        applyLine(QStringLiteral("2026-01-14T10:41:00Z"), QStringLiteral("apply_start"),
            QStringLiteral("aws_vpc.main"), QStringLiteral("delete"))
            + "\n");
    const QByteArray before = readAll(target);
    QVERIFY(QFile::link(target, dir.filePath(QStringLiteral("link.jsonl"))));
    QVERIFY(readApplyLog(dir.filePath(QStringLiteral("link.jsonl"))).ok());
    QCOMPARE(readAll(target), before);
}

void TestPostmortem::gzipBombIsBounded()
{
    // 64 MiB of zeros inflate from 64 KiB; the reader stops at the cap, not at the memory's end.
    // The cap itself (4 GiB) is too slow to reach in a test: check the arithmetic of the limit
    // on what a bomb inflates to, and that memory stays bounded on the way (one record at a time).
    QTemporaryDir dir;
    QByteArray zeros(64 << 20, '\0');
    const QString path = write(dir, QStringLiteral("bomb.json.gz"), gzip(zeros));
    QVERIFY(QFileInfo(path).size() < (1 << 20));
    const Split s = split(path);
    QVERIFY(s.facts.ok());
    QVERIFY(s.records.isEmpty() || s.records.size() == 1);
    QVERIFY(!s.problems.empty()); // one line of 64 MiB of NULs: over the record cap
}

void TestPostmortem::shippedCatalogsAreStrictAndCited()
{
    const Result<std::vector<CloudCatalog>> &catalogs = shippedCloudCatalogs();
    QVERIFY2(catalogs.ok(), qPrintable(errorText(catalogs)));
    QCOMPARE(catalogs->size(), size_t(3));
    for (const QString &name :
        {QStringLiteral("aws"), QStringLiteral("gcp"), QStringLiteral("azure")}) {
        // The file in resources/ is what is embedded.
        const Result<CloudCatalog> onDisk
            = readCloudCatalog(resource(QStringLiteral("postmortem/%1.json").arg(name)));
        QVERIFY2(onDisk.ok(), qPrintable(errorText(onDisk)));
        for (const CloudEventRule &rule : onDisk->events) {
            QVERIFY2(rule.source.startsWith(QLatin1String("https://")), qPrintable(rule.name));
            QVERIFY2(!rule.identity.empty(), qPrintable(rule.name));
        }
    }
    const CloudCatalog &aws = catalogs->front();
    QCOMPARE(aws.cloud, QStringLiteral("aws"));
    const auto rds
        = aws.rulesFor(QStringLiteral("rds.amazonaws.com"), QStringLiteral("DeleteDBInstance"));
    QVERIFY(!rds.empty());
    QCOMPARE(rds.front()->type, QStringLiteral("aws_db_instance"));
    QVERIFY(rds.front()->dataLoss);
    // The same name on another service is another call.
    QVERIFY(aws.rulesFor(QStringLiteral("ec2.amazonaws.com"), QStringLiteral("DeleteDBInstance"))
                .empty());
    QCOMPARE(
        aws.toolOf(QStringLiteral("aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12 "
                                  "prompt/off command/rds.delete-db-instance")),
        QStringLiteral("aws-cli"));
    QCOMPARE(aws.toolOf(QString()), QStringLiteral("unknown"));
}

void TestPostmortem::catalogErrorsNameThePlace()
{
    QTemporaryDir dir;
    const QByteArray base = readAll(resource(QStringLiteral("postmortem/aws.json")));
    struct Case {
        QByteArray from, to;
        const char *says;
    };
    const Case cases[] = {{"\"effect\": \"delete\"", "\"effect\": \"destroy\"", "must be one of"},
        {"\"data_loss\": true", "\"data_loss\": true, \"dataloss\": 1", "unknown member"},
        {"\"schema\": \"blastguard.cloud-events/v1\"", "\"schema\": \"blastguard.cloud-events/v9\"",
            "unknown schema"}};
    for (const Case &c : cases) {
        QByteArray bytes = base;
        const qsizetype at = bytes.indexOf(c.from);
        QVERIFY2(at >= 0, c.from.constData());
        bytes.replace(at, c.from.size(), c.to);
        const QString path = write(dir, QStringLiteral("bad.json"), bytes);
        const Result<CloudCatalog> read = readCloudCatalog(path);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().message.contains(QLatin1String(c.says)),
            qPrintable(read.error().toString()));
        QCOMPARE(read.error().path, path);
        QVERIFY(read.error().line > 0);
    }
}

void TestPostmortem::applyLogSteps()
{
    QTemporaryDir dir;
    // Lines as hashicorp/terraform writes them (views/json/hook.go): a start, a progress, a
    // complete; a start and an errored with its diagnostic; a replace's delete and create.
    QByteArray log
        = R"({"@level":"info","@message":"Terraform 1.5.7","@module":"terraform.ui","@timestamp":"2026-01-14T10:40:00.000000+01:00","terraform":"1.5.7","type":"version","ui":"1.1"})"
          "\n";
    log += applyLine(QStringLiteral("2026-01-14T10:41:00.250000+01:00"),
               QStringLiteral("apply_start"), QStringLiteral("aws_db_instance.db"),
               QStringLiteral("delete"), R"(,"id_key":"id","id_value":"db-ABC")")
        + "\n";
    log += applyLine(QStringLiteral("2026-01-14T10:41:10.250000+01:00"),
               QStringLiteral("apply_progress"), QStringLiteral("aws_db_instance.db"),
               QStringLiteral("delete"), R"(,"elapsed_seconds":10)")
        + "\n";
    log += applyLine(QStringLiteral("2026-01-14T10:41:00.300000+01:00"),
               QStringLiteral("apply_start"), QStringLiteral("aws_s3_bucket.b"),
               QStringLiteral("delete"), R"(,"id_key":"id","id_value":"b")")
        + "\n";
    log += applyLine(QStringLiteral("2026-01-14T10:41:02+01:00"), QStringLiteral("apply_errored"),
               QStringLiteral("aws_s3_bucket.b"), QStringLiteral("delete"),
               R"(,"elapsed_seconds":1.7)")
        + "\n";
    log += applyLine(QStringLiteral("2026-01-14T10:46:03.250000+01:00"),
               QStringLiteral("apply_complete"), QStringLiteral("aws_db_instance.db"),
               QStringLiteral("delete"), R"(,"elapsed_seconds":303)")
        + "\n";
    log += R"({"@level":"error","@message":"Error: deleting S3 Bucket (b): BucketNotEmpty","@module":"terraform.ui","@timestamp":"2026-01-14T10:46:04+01:00","diagnostic":{"severity":"error","summary":"deleting S3 Bucket (b): BucketNotEmpty","detail":"","address":"aws_s3_bucket.b"},"type":"diagnostic"})"
           "\n";
    log += R"({"@level":"info","@message":"Destroy complete! Resources: 1 destroyed.","@module":"terraform.ui","@timestamp":"2026-01-14T10:46:05+01:00","changes":{"add":0,"change":0,"import":0,"remove":1,"operation":"destroy"},"type":"change_summary"})"
           "\n";
    Result<ApplyLog> read = readApplyLog(write(dir, QStringLiteral("a.jsonl"), log));
    QVERIFY2(read.ok(), qPrintable(errorText(read)));
    QVERIFY2(read->problems.empty(), qPrintable(firstProblem(read->problems)));
    QCOMPARE(read->tool, QStringLiteral("terraform"));
    QCOMPARE(read->version, QStringLiteral("1.5.7"));
    QCOMPARE(read->operation, QStringLiteral("destroy"));
    QCOMPARE(read->steps.size(), size_t(2));
    const ApplyStep &db = read->steps[0];
    QCOMPARE(db.address, QStringLiteral("aws_db_instance.db"));
    QCOMPARE(db.start, parseTimestamp(u"2026-01-14T09:41:00.250Z").value());
    QCOMPARE(db.end - db.start, qint64(303000));
    QCOMPARE(db.idValue, QStringLiteral("db-ABC"));
    QVERIFY(db.completed);
    const ApplyStep &bucket = read->steps[1];
    QVERIFY(bucket.errored);
    QCOMPARE(bucket.errors, QStringList {QStringLiteral("deleting S3 Bucket (b): BucketNotEmpty")});
    // Two deletes of one address at once (a deposed object and the current one): each end goes
    // to the start it is elapsed_seconds after, whatever the order of the lines.
    QByteArray twice;
    twice += applyLine(QStringLiteral("2026-01-14T10:00:00Z"), QStringLiteral("apply_start"),
                 QStringLiteral("aws_instance.a"), QStringLiteral("delete"))
        + "\n";
    twice += applyLine(QStringLiteral("2026-01-14T10:00:10Z"), QStringLiteral("apply_start"),
                 QStringLiteral("aws_instance.a"), QStringLiteral("delete"))
        + "\n";
    twice += applyLine(QStringLiteral("2026-01-14T10:00:15Z"), QStringLiteral("apply_complete"),
                 QStringLiteral("aws_instance.a"), QStringLiteral("delete"),
                 R"(,"elapsed_seconds":5)")
        + "\n";
    twice += applyLine(QStringLiteral("2026-01-14T10:00:30Z"), QStringLiteral("apply_errored"),
                 QStringLiteral("aws_instance.a"), QStringLiteral("delete"),
                 R"(,"elapsed_seconds":30)")
        + "\n";
    const ApplyLog both = mustHave(readApplyLog(write(dir, QStringLiteral("twice.jsonl"), twice)));
    QCOMPARE(both.steps.size(), size_t(2));
    QCOMPARE(both.steps[0].end - both.steps[0].start, qint64(30000));
    QVERIFY(both.steps[0].errored);
    QCOMPARE(both.steps[1].end - both.steps[1].start, qint64(5000));
    QVERIFY(both.steps[1].completed);
    // OpenTofu says "tofu" where Terraform says "terraform".
    QByteArray tofu = log;
    tofu.replace(R"("terraform":"1.5.7")", R"("tofu":"1.8.2")");
    Result<ApplyLog> t = readApplyLog(write(dir, QStringLiteral("t.jsonl"), tofu));
    QCOMPARE(t->tool, QStringLiteral("opentofu"));
    QCOMPARE(t->version, QStringLiteral("1.8.2"));
}

void TestPostmortem::cloudTrailCalls()
{
    QTemporaryDir dir;
    QList<QByteArray> records {
        cloudTrailRecord(QStringLiteral("2026-01-14T09:41:01Z"), QStringLiteral("DeleteDBInstance"),
            QStringLiteral("rds.amazonaws.com"),
            R"({"dBInstanceIdentifier":"edu-prod","skipFinalSnapshot":true,"deleteAutomatedBackups":true})",
            QStringLiteral(
                "APN/1.0 HashiCorp/1.0 Terraform/1.5.7 (+https://www.terraform.io) "
                "terraform-provider-aws/5.31.0 "
                "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.0 "
                "os/linux lang/go#1.21.5 md/GOOS#linux md/GOARCH#amd64 api/rds#1.64.6")),
        cloudTrailRecord(QStringLiteral("2026-01-14T09:20:00Z"),
            QStringLiteral("DescribeDBInstances"), QStringLiteral("rds.amazonaws.com"), "null"),
        cloudTrailRecord(QStringLiteral("2026-01-14T09:21:00Z"), QStringLiteral("DeleteDBInstance"),
            QStringLiteral("rds.amazonaws.com"), R"({"dBInstanceIdentifier":"other-db"})",
            QStringLiteral("aws-cli/2.15.0"), QStringLiteral("111122223333")),
    };
    // A failed call: CloudTrail's errorCode and errorMessage.
    QByteArray failed = cloudTrailRecord(QStringLiteral("2026-01-14T09:22:00Z"),
        QStringLiteral("DeleteDBInstance"), QStringLiteral("rds.amazonaws.com"),
        R"({"dBInstanceIdentifier":"edu-prod"})");
    failed.insert(failed.size() - 1,
        R"(,"errorCode":"InvalidParameterCombination","errorMessage":"Cannot delete protected DB Instance")");
    records.append(failed);
    Result<CloudLog> read = readCloudLogs(
        {write(dir, QStringLiteral("c.json"), "{\"Records\":[" + records.join(',') + "]}")});
    QVERIFY2(read.ok(), qPrintable(errorText(read)));
    QCOMPARE(read->records, qint64(4));
    QCOMPARE(read->events.size(), size_t(3)); // the Describe is counted, not kept
    const CloudEvent &db = read->events[0];
    QCOMPARE(db.tool, QStringLiteral("terraform"));
    QCOMPARE(db.actor, QStringLiteral("arn:aws:sts::483920175566:assumed-role/agent-admin/agent"));
    QCOMPARE(db.account, QStringLiteral("483920175566"));
    QCOMPARE(db.region, QStringLiteral("eu-west-1"));
    QCOMPARE(db.identities.front().first, QStringLiteral("edu-prod"));
    bool sawBackups = false;
    for (const auto &[name, value] : db.details)
        sawBackups = sawBackups
            || (name == QLatin1String("deleteAutomatedBackups") && value == QLatin1String("true"));
    QVERIFY(sawBackups);
    QCOMPARE(read->events[1].account, QStringLiteral("111122223333"));
    QCOMPARE(read->events[2].error,
        QStringLiteral("InvalidParameterCombination: Cannot delete protected DB Instance"));
}

void TestPostmortem::hostileTextIsMadePlain()
{
    // A user agent is whatever the caller sent: escape sequences and line breaks must not reach
    // a terminal or fake a line of the report.
    QTemporaryDir dir;
    const QByteArray record = cloudTrailRecord(QStringLiteral("2026-01-14T09:21:00Z"),
        QStringLiteral("DeleteDBInstance"), QStringLiteral("rds.amazonaws.com"),
        R"({"dBInstanceIdentifier":"x\u001b[2J\nVERDICT: SAFE","masterUserPassword":"hunter2"})",
        QStringLiteral("aws-cli/2 \\u001b]0;pwned\\u0007"));
    Result<CloudLog> read
        = readCloudLogs({write(dir, QStringLiteral("h.json"), "[" + record + "]")});
    QVERIFY2(read.ok(), qPrintable(errorText(read)));
    const Analysis analysis = analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
    const Postmortem p = buildPostmortem(analysis, defaultRules(), nullptr, &*read);
    QCOMPARE(p.timeline.size(), size_t(1));
    for (const ReportFormat format :
        {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json}) {
        const QByteArray out = renderPostmortem(p, format);
        QVERIFY(!out.contains('\x1b'));
        QVERIFY(!out.contains('\x07'));
        QVERIFY(!out.contains("\nVERDICT"));
        QVERIFY(!out.contains("hunter2"));
    }
}

void TestPostmortem::documentedFixtures()
{
    // tests/fixtures/postmortem/NOTES.md says what each line and record is, and cites its source.
    Result<ApplyLog> log
        = readApplyLog(fixture(QStringLiteral("postmortem/terraform-destroy.jsonl")));
    QVERIFY2(log.ok(), qPrintable(errorText(log)));
    QVERIFY2(log->problems.empty(), qPrintable(firstProblem(log->problems)));
    QCOMPARE(log->version, QStringLiteral("1.5.7"));
    QCOMPARE(log->uiVersion, QStringLiteral("1.1"));
    QCOMPARE(log->steps.size(), size_t(4));
    int errored = 0, completed = 0;
    for (const ApplyStep &step : log->steps) {
        QCOMPARE(step.action, QStringLiteral("delete"));
        QVERIFY(step.start > 0);
        QVERIFY(step.end >= step.start);
        errored += step.errored;
        completed += step.completed;
        if (step.errored) {
            QCOMPARE(step.address, QStringLiteral("module.db.aws_db_instance.main"));
            QCOMPARE(step.errors.size(), 1);
        }
    }
    QCOMPARE(errored, 1);
    QCOMPARE(completed, 3);
    // The zone is -05:00: 10:02 there is 15:02 UTC.
    QVERIFY(timestampText(log->first).startsWith(QLatin1String("2026-01-20T15:02:11")));
    // The damaged copy: lines 4 and 6 are named, line 3 (empty) is not a problem.
    Result<ApplyLog> bad = readApplyLog(fixture(QStringLiteral("postmortem/bad-lines.jsonl")));
    QVERIFY2(bad.ok(), qPrintable(errorText(bad)));
    QList<int> lines;
    for (const Error &e : bad->problems)
        lines.append(e.line);
    QCOMPARE(lines, (QList<int> {4, 6}));
    QCOMPARE(bad->steps.size(), size_t(1));
    QVERIFY(bad->steps[0].completed);

    // The same eight CloudTrail records in the three forms CloudTrail's records come in.
    std::vector<CloudLog> forms;
    for (const char *name :
        {"cloudtrail-records.json", "cloudtrail-lines.jsonl", "cloudtrail-records.json.gz"}) {
        Result<CloudLog> read
            = readCloudLogs({fixture(QStringLiteral("postmortem/") + QLatin1String(name))});
        QVERIFY2(read.ok(), qPrintable(errorText(read)));
        QVERIFY2(read->problems.empty(), qPrintable(firstProblem(read->problems)));
        QCOMPARE(read->records, qint64(8));
        forms.push_back(std::move(*read));
    }
    for (const CloudLog &form : forms) {
        QCOMPARE(form.events.size(), forms[0].events.size());
        for (size_t i = 0; i < form.events.size(); ++i) {
            QCOMPARE(form.events[i].name, forms[0].events[i].name);
            QCOMPARE(form.events[i].time, forms[0].events[i].time);
            QCOMPARE(form.events[i].details, forms[0].events[i].details);
        }
    }
    // Record 7 (DescribeDBInstances) matters to no one; record 2 (ModifyDBInstance) turns off
    // both protection and retention, and is read once, as the first rule whose condition holds.
    QCOMPARE(forms[0].events.size(), size_t(7));
    QStringList tools;
    for (const CloudEvent &e : forms[0].events)
        tools.append(e.tool);
    QCOMPARE(tools,
        (QStringList {QStringLiteral("terraform"), QStringLiteral("aws-cli"),
            QStringLiteral("aws-cli"), QStringLiteral("aws-cli"), QStringLiteral("terraform"),
            QStringLiteral("sdk"), QStringLiteral("console")}));
    QCOMPARE(forms[0].events[5].error.left(24), QStringLiteral("Client.DependencyViolati"));
}

void TestPostmortem::otherCloudsFixtures()
{
    // `aws cloudtrail lookup-events`: each record a JSON string inside its entry.
    Result<CloudLog> lookup
        = readCloudLogs({fixture(QStringLiteral("postmortem/lookup-events.json"))});
    QVERIFY2(lookup.ok(), qPrintable(errorText(lookup)));
    QVERIFY2(lookup->problems.empty(), qPrintable(firstProblem(lookup->problems)));
    QCOMPARE(lookup->records, qint64(4));
    QCOMPARE(lookup->events.size(), size_t(3));
    QCOMPARE(lookup->events[2].name, QStringLiteral("DeleteDBInstance"));
    QCOMPARE(lookup->events[2].identities.front().first, QStringLiteral("edu-prod"));
    QCOMPARE(lookup->events[2].tool, QStringLiteral("terraform"));
    // A CloudTrailEvent that is not JSON is named and skipped.
    QTemporaryDir dir;
    Result<CloudLog> bad = readCloudLogs({write(dir, QStringLiteral("l.json"),
        R"({"Events": [{"EventName": "DeleteDBInstance", "CloudTrailEvent": "{\"eventName\": oops"}]})")});
    QVERIFY(bad.ok());
    QCOMPARE(bad->problems.size(), size_t(1));
    QVERIFY(bad->problems[0].message.startsWith(QLatin1String("CloudTrailEvent: not valid JSON")));

    Result<CloudLog> google = readCloudLogs({fixture(QStringLiteral("postmortem/gcp-audit.json"))});
    QVERIFY2(google.ok(), qPrintable(errorText(google)));
    QCOMPARE(google->records, qint64(4));
    QCOMPARE(google->events.size(), size_t(4));
    QCOMPARE(google->events[0].format, RecordFormat::GcpAuditLog);
    QCOMPARE(google->events[0].name, QStringLiteral("cloudsql.instances.delete"));
    QCOMPARE(google->events[0].tool, QStringLiteral("terraform"));
    QVERIFY(!google->events[3].error.isEmpty()); // status code 7
    // Azure's Started event is not the call's end: one event per operation.
    Result<CloudLog> azure
        = readCloudLogs({fixture(QStringLiteral("postmortem/azure-activity.json"))});
    QVERIFY2(azure.ok(), qPrintable(errorText(azure)));
    QCOMPARE(azure->records, qint64(4));
    QCOMPARE(azure->events.size(), size_t(3));
    QCOMPARE(azure->events[0].format, RecordFormat::AzureActivityLog);
    QVERIFY(azure->events[0].error.isEmpty());
    QVERIFY(!azure->events[2].error.isEmpty());
    QCOMPARE(azure->events[0].tool, QStringLiteral("unknown")); // Azure records no user agent
    QVERIFY(!azure->events[0].account.isEmpty());
}

void TestPostmortem::incidentAcceptance()
{
    // Issue 19's acceptance, on the incident's own records.
    const Scenario incident = mustHave(findScenario(QStringLiteral("incident")));
    QVERIFY(!incident.applyLog.isEmpty());
    QCOMPARE(incident.cloudLogs.size(), 1);
    const ApplyLog log = mustHave(readApplyLog(incident.applyLog));
    const CloudLog cloud = mustHave(readCloudLogs(incident.cloudLogs));
    QVERIFY2(log.problems.empty(), qPrintable(firstProblem(log.problems)));
    QVERIFY2(cloud.problems.empty(), qPrintable(firstProblem(cloud.problems)));
    const Analysis analysis = analyse(mustLoad(incident.files.constFirst()), defaultRules());
    const Postmortem p = buildPostmortem(analysis, defaultRules(), &log, &cloud);
    // Every Terraform step maps to its address.
    int steps = 0;
    for (const TimelineEntry &e : p.timeline) {
        if (e.source != RecordSource::Terraform)
            continue;
        ++steps;
        QVERIFY2(e.node >= 0, qPrintable(e.address));
        QCOMPARE(analysis.document().resources[size_t(e.node)].id, e.address);
        QVERIFY2(e.time > 0 && e.end >= e.time, qPrintable(e.address));
        QVERIFY2(!e.actor.isEmpty() || e.address == QLatin1String("aws_lb_listener_rule.new_site")
                || e.address == QLatin1String("aws_nat_gateway.main")
                || e.address.startsWith(QLatin1String("aws_iam_role_policy_attachment")),
            qPrintable(e.address));
    }
    QCOMPARE(steps, 38);
    // The DeleteDBInstance maps to the database, with deleteAutomatedBackups shown.
    const auto db = std::find_if(p.timeline.begin(), p.timeline.end(),
        [](const TimelineEntry &e) { return e.event == QLatin1String("DeleteDBInstance"); });
    QVERIFY(db != p.timeline.end());
    QCOMPARE(db->address, QStringLiteral("module.database.aws_db_instance.edu"));
    QVERIFY(db->dataLoss);
    QVERIFY(!db->outsideTerraform);
    QVERIFY(std::find(db->details.begin(), db->details.end(),
                std::pair {QStringLiteral("deleteAutomatedBackups"), QStringLiteral("true")})
        != db->details.end());
    // The CLI deletes before the destroy are outside Terraform, each with its actor and tool.
    QCOMPARE(p.outside.size(), size_t(3));
    const qint64 destroyStarts = log.steps.front().start;
    for (int i : p.outside) {
        const TimelineEntry &e = p.timeline[size_t(i)];
        QCOMPARE(e.tool, QStringLiteral("aws-cli"));
        QVERIFY(e.time < destroyStarts);
        QVERIFY(e.actor.contains(QLatin1String("agent-session")));
    }
    // The one of them that hit a resource in the plan names it, and the postmortem says that
    // Terraform's later delete of it found it gone.
    QCOMPARE(p.timeline[size_t(p.outside.back())].address,
        QStringLiteral("aws_lb_listener_rule.new_site"));
    QCOMPARE(p.disagreements.size(), size_t(1));
    QCOMPARE(p.disagreements[0].kind, QStringLiteral("already-gone"));
    QCOMPARE(p.disagreements[0].address, QStringLiteral("aws_lb_listener_rule.new_site"));
    QVERIFY(p.disagreements[0].message.contains(QLatin1String("aws-cli")));
    // The first data loss is the first data store the log deletes.
    QString firstStore;
    for (const ApplyStep &step : log.steps) {
        const int node = analysis.graph().find(step.address);
        if (step.completed && defaultRules().isDataCategory(analysis.categories[size_t(node)])) {
            firstStore = step.address;
            break;
        }
    }
    QVERIFY(p.firstDataLoss >= 0);
    QCOMPARE(p.timeline[size_t(p.firstDataLoss)].address, firstStore);
    QCOMPARE(firstStore, QStringLiteral("module.database.aws_db_snapshot.manual_2026_01"));
    // The JSON: the issue's members, sorted by time.
    const QJsonObject json
        = QJsonDocument::fromJson(renderPostmortem(p, ReportFormat::Json)).object();
    const QJsonArray timeline = json.value(QStringLiteral("timeline")).toArray();
    QCOMPARE(timeline.size(), qsizetype(p.timeline.size()));
    QString previous;
    for (const QJsonValue &v : timeline) {
        const QJsonObject e = v.toObject();
        for (const char *key : {"time", "source", "address", "action", "event", "actor", "tool",
                 "data_loss", "details"})
            QVERIFY2(e.contains(QLatin1String(key)), key);
        QVERIFY(parseTimestamp(e.value(QStringLiteral("time")).toString()).value()
            >= parseTimestamp(previous).value_or(0));
        previous = e.value(QStringLiteral("time")).toString();
        QVERIFY(QStringList({QStringLiteral("terraform"), QStringLiteral("cloudtrail")})
                    .contains(e.value(QStringLiteral("source")).toString()));
    }
    QCOMPARE(json.value(QStringLiteral("first_data_loss"))
                 .toObject()
                 .value(QStringLiteral("address"))
                 .toString(),
        firstStore);
    QCOMPARE(json.value(QStringLiteral("outside_terraform")).toArray().size(), 3);
    QVERIFY(json.value(QStringLiteral("errors")).toArray().isEmpty());
    // In short: 38 steps, all completed; 3 calls outside Terraform before it; the database, its
    // two snapshots and the uploads bucket lost.
    const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("steps")).toInt(), 38);
    QCOMPARE(summary.value(QStringLiteral("completed")).toInt(), 38);
    QCOMPARE(summary.value(QStringLiteral("outside_terraform")).toInt(), 3);
    QVERIFY(summary.value(QStringLiteral("outside_last")).toString()
        < summary.value(QStringLiteral("apply_start")).toString());
    QCOMPARE(summary.value(QStringLiteral("data_lost")).toArray().size(), 4);
    QCOMPARE(summary.value(QStringLiteral("data_lost")).toArray().first().toString(), firstStore);
    // Text and Markdown call out the first data loss and the deletes outside Terraform.
    for (const ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown}) {
        const QString out = QString::fromUtf8(renderPostmortem(p, format));
        QVERIFY(out.contains(QLatin1String("First data loss")));
        QVERIFY(out.contains(QLatin1String("Deletes and changes outside Terraform (3)")));
        QVERIFY(out.contains(QLatin1String("deleteAutomatedBackups: true")));
        QVERIFY(!out.contains(QLatin1String("password")));
    }
}

void TestPostmortem::disagreementsAreFound()
{
    // The incident's log, doctored: the VPC goes first, one subnet never goes, and a resource
    // the plan does not list is deleted.
    const Scenario incident = mustHave(findScenario(QStringLiteral("incident")));
    QByteArray log = readAll(incident.applyLog);
    QList<QByteArray> lines = log.split('\n');
    QList<QByteArray> kept;
    QByteArray vpcStart;
    for (const QByteArray &line : lines) {
        if (line.contains("\"addr\":\"aws_subnet.public[1]\"") && line.contains("apply_"))
            continue;
        if (line.contains("\"addr\":\"aws_vpc.main\"") && line.contains("apply_start")) {
            vpcStart = line;
            continue;
        }
        kept.append(line);
    }
    QVERIFY(!vpcStart.isEmpty());
    // The VPC's start moved to the first apply_start's time.
    const qsizetype firstStart = kept.indexOf(*std::find_if(
        kept.begin(), kept.end(), [](const QByteArray &l) { return l.contains("apply_start"); }));
    const QByteArray startStamp
        = kept[firstStart].mid(kept[firstStart].indexOf("\"@timestamp\":\"") + 14, 32);
    const qsizetype at = vpcStart.indexOf("\"@timestamp\":\"") + 14;
    vpcStart.replace(at, 32, startStamp);
    kept.insert(firstStart, vpcStart);
    kept.insert(
        firstStart, kept[firstStart + 1].replace("aws_lb_listener.http", "aws_lb_listener.extra"));
    QTemporaryDir dir;
    const ApplyLog doctored
        = mustHave(readApplyLog(write(dir, QStringLiteral("apply.jsonl"), kept.join('\n'))));
    const Analysis analysis = analyse(mustLoad(incident.files.constFirst()), defaultRules());
    const Postmortem p = buildPostmortem(analysis, defaultRules(), &doctored, nullptr);
    QStringList kinds;
    for (const Disagreement &d : p.disagreements)
        kinds.append(d.kind + QLatin1Char(' ') + d.address);
    QVERIFY2(kinds.contains(QStringLiteral("never-started aws_subnet.public[1]")),
        qPrintable(kinds.join(QLatin1Char('\n'))));
    QVERIFY2(kinds.contains(QStringLiteral("order aws_vpc.main")),
        qPrintable(kinds.join(QLatin1Char('\n'))));
    QVERIFY2(kinds.contains(QStringLiteral("not-in-plan aws_lb_listener.extra")),
        qPrintable(kinds.join(QLatin1Char('\n'))));
    // The untouched log agrees with the model on the order.
    const ApplyLog original = mustHave(readApplyLog(incident.applyLog));
    for (const Disagreement &d :
        buildPostmortem(analysis, defaultRules(), &original, nullptr).disagreements)
        QVERIFY2(d.kind != QLatin1String("order"), qPrintable(d.message));
}

void TestPostmortem::commandLine()
{
    Run run = cli({QStringLiteral("postmortem"), QStringLiteral("scenario:incident"),
        QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.code, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("schema")).toString(),
        QStringLiteral("blastguard.postmortem/v1"));
    QCOMPARE(json.value(QStringLiteral("first_data_loss"))
                 .toObject()
                 .value(QStringLiteral("address"))
                 .toString(),
        QStringLiteral("module.database.aws_db_snapshot.manual_2026_01"));
    // No records: a usage error that says what is needed.
    run = cli({QStringLiteral("postmortem"), fixture(QStringLiteral("plan-db-replace.json"))});
    QCOMPARE(run.code, 1);
    QVERIFY(run.err.contains(QLatin1String("--apply-log")));
    // An unreadable record: an input error naming it.
    QTemporaryDir dir;
    run = cli({QStringLiteral("postmortem"), QStringLiteral("scenario:incident"),
        QStringLiteral("--apply-log"), dir.path()});
    QVERIFY2(run.code == 2, qPrintable(run.err));
    QVERIFY(run.err.contains(dir.path()));
    // The output never overwrites a record it read.
    const QString log = write(dir, QStringLiteral("apply.jsonl"),
        readAll(mustHave(findScenario(QStringLiteral("incident"))).applyLog));
    const QByteArray before = readAll(log);
    run = cli({QStringLiteral("postmortem"), QStringLiteral("scenario:incident"),
        QStringLiteral("--apply-log"), log, QStringLiteral("-o"), log});
    QCOMPARE(run.code, 1); // as for every command: -o naming an input is a usage error
    QVERIFY(run.err.contains(QLatin1String("never writes over an input")));
    QCOMPARE(readAll(log), before);
    // Bad lines are reported, the rest is read, the exit is 0.
    QByteArray damaged = before;
    damaged.insert(damaged.indexOf('\n', 2000) + 1, "{\"@level\": \"info\", cut\n");
    write(dir, QStringLiteral("damaged.jsonl"), damaged);
    run = cli({QStringLiteral("postmortem"), QStringLiteral("scenario:incident"),
        QStringLiteral("--apply-log"), dir.filePath(QStringLiteral("damaged.jsonl"))});
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.contains(QLatin1String("Not read (1)")));
    QVERIFY(run.out.contains(QLatin1String("damaged.jsonl:")));
}

void TestPostmortem::generatedAtScale()
{
    // 30,000 generated records (gencloudtrail.h) in each layout: every record counted, every
    // delete the catalog knows kept, nothing else, and the three layouts agree.
    QTemporaryDir dir;
    std::vector<size_t> kept;
    for (const bool lines : {false, true}) {
        std::ostringstream out;
        const CloudTrailTally tally = writeCloudTrail(out, {30000, lines, 10, 7});
        const QByteArray bytes = QByteArray::fromStdString(out.str());
        for (const bool packed : {false, true}) {
            const QString path
                = write(dir, packed ? QStringLiteral("g.json.gz") : QStringLiteral("g.json"),
                    packed ? gzip(bytes) : bytes);
            Result<CloudLog> read = readCloudLogs({path});
            QVERIFY2(read.ok(), qPrintable(errorText(read)));
            QVERIFY2(read->problems.empty(), qPrintable(firstProblem(read->problems)));
            QCOMPARE(read->records, qint64(tally.records));
            QCOMPARE(qint64(read->events.size()), qint64(tally.deletes));
            kept.push_back(read->events.size());
        }
    }
    QVERIFY(kept.front() > 200);
    QVERIFY(std::all_of(kept.begin(), kept.end(), [&](size_t n) { return n == kept.front(); }));
}

void TestPostmortem::scopeAndTheModelsWord()
{
    // A plan in account 111122223333, us-east-1: the database shop-db (a final snapshot is
    // taken) and the bucket acme-assets-111122223333, both deleted. The fixture's records
    // (NOTES.md) hold a call in account 444455556666 and one in us-west-2.
    const QByteArray plan
        = R"({"format_version":"1.2","terraform_version":"1.5.7","resource_changes":[
      {"address":"aws_db_instance.shop","mode":"managed","type":"aws_db_instance","name":"shop",
       "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["delete"],
       "before":{"identifier":"shop-db","arn":"arn:aws:rds:us-east-1:111122223333:db:shop-db",
                 "skip_final_snapshot":false,"final_snapshot_identifier":"shop-db-final",
                 "deletion_protection":false,"delete_automated_backups":true},
       "after":null,"after_unknown":{},"before_sensitive":{},"after_sensitive":false}},
      {"address":"aws_s3_bucket.assets","mode":"managed","type":"aws_s3_bucket","name":"assets",
       "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["delete"],
       "before":{"bucket":"acme-assets-111122223333","arn":"arn:aws:s3:::acme-assets-111122223333",
                 "force_destroy":false},
       "after":null,"after_unknown":{},"before_sensitive":{},"after_sensitive":false}}]})";
    const std::shared_ptr<const Analysis> analysis = sharedAnalysisOfJson(plan);
    const CloudLog cloud
        = mustHave(readCloudLogs({fixture(QStringLiteral("postmortem/cloudtrail-records.json"))}));
    const Postmortem p = buildPostmortem(*analysis, defaultRules(), nullptr, &cloud);
    QCOMPARE(p.accounts, QStringList {QStringLiteral("111122223333")});
    QCOMPARE(p.regions, QStringList {QStringLiteral("us-east-1")});
    QStringList apart;
    for (const CloudEvent &e : p.otherScope)
        apart.append(e.name + QLatin1Char(' ') + e.account + QLatin1Char(' ') + e.region);
    QCOMPARE(apart,
        (QStringList {QStringLiteral("DeleteDBSnapshot 444455556666 us-east-1"),
            QStringLiteral("TerminateInstances 111122223333 us-west-2")}));
    const auto find = [&](const QString &name) {
        return std::find_if(p.timeline.begin(), p.timeline.end(),
            [&](const TimelineEntry &e) { return e.event == name; });
    };
    // The database's delete takes a final snapshot: the model keeps its data, and so does the
    // postmortem, whatever the catalog says of the call in general.
    const auto db = find(QStringLiteral("DeleteDBInstance"));
    QVERIFY(db != p.timeline.end());
    QCOMPARE(db->address, QStringLiteral("aws_db_instance.shop"));
    QVERIFY(!db->dataLoss);
    QVERIFY(std::find(db->details.begin(), db->details.end(),
                std::pair {QStringLiteral("finalDBSnapshotIdentifier"),
                    QStringLiteral("\"shop-db-final\"")})
        != db->details.end());
    // The bucket is named by its name. With no apply log, no call is a step's: every call is
    // outside Terraform but Terraform's own (by its user agent), which are never outside it.
    const auto bucket = find(QStringLiteral("DeleteBucket"));
    QVERIFY(bucket != p.timeline.end());
    QCOMPARE(bucket->address, QStringLiteral("aws_s3_bucket.assets"));
    QVERIFY(!bucket->outsideTerraform);
    QCOMPARE(p.outside.size(), size_t(3));
    for (int i : p.outside)
        QVERIFY(p.timeline[size_t(i)].tool != QLatin1String("terraform"));
    // A call the plan does not hold (the table) stays on the timeline, with no address.
    const auto table = find(QStringLiteral("DeleteTable"));
    QVERIFY(table != p.timeline.end());
    QVERIFY(table->address.isEmpty());
    QCOMPARE(table->identity, QStringLiteral("orders"));
}

void TestPostmortem::reviewAttacks()
{
    // What a hostile record author tried (each once a defect).
    QTemporaryDir dir;
    const Analysis analysis = analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
    // A detail 100,000 levels deep: written recursively, it overflowed the stack.
    const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
    Result<CloudLog> nested = readCloudLogs({write(dir, QStringLiteral("deep.json"),
        "["
            + cloudTrailRecord(QStringLiteral("2026-01-14T09:21:00Z"),
                QStringLiteral("DeleteDBInstance"), QStringLiteral("rds.amazonaws.com"),
                "{\"dBInstanceIdentifier\":\"x\",\"deleteAutomatedBackups\":" + deep + "}")
            + "]")});
    QVERIFY(nested.ok());
    QCOMPARE(nested->events.size(), size_t(0));
    QCOMPARE(nested->problems.size(), size_t(1));
    QVERIFY(nested->problems[0].message.contains(QLatin1String("deeper than")));
    // Escapes in a timestamp and in the operation reach no output.
    QByteArray log = applyLine(QStringLiteral("\u001b[2J2026"), QStringLiteral("apply_start"),
                         QStringLiteral("aws_vpc.main"), QStringLiteral("delete"))
        + "\n";
    log += R"({"@level":"info","@message":"m","@module":"terraform.ui","@timestamp":"2026-01-14T10:00:00Z","changes":{"add":0,"change":0,"remove":1,"operation":"destroy\u001b]0;x\u0007\nFAKE LINE"},"type":"change_summary"})"
           "\n";
    const ApplyLog hostile = mustHave(readApplyLog(write(dir, QStringLiteral("h.jsonl"), log)));
    const Postmortem hp = buildPostmortem(analysis, defaultRules(), &hostile, nullptr);
    for (const ReportFormat format :
        {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json}) {
        const QByteArray out = renderPostmortem(hp, format);
        QVERIFY(!out.contains('\x1b'));
        QVERIFY(!out.contains('\x07'));
        QVERIFY(!out.contains("\nFAKE LINE"));
    }
    // A million bad lines are counted, not each kept: the first 200 named.
    QByteArray bad;
    for (int i = 0; i < 100000; ++i)
        bad += "x\n";
    const QString badPath = write(dir, QStringLiteral("bad.jsonl.gz"),
        gzip(bad
            + applyLine(QStringLiteral("2026-01-14T10:00:00Z"), QStringLiteral("apply_start"),
                QStringLiteral("aws_vpc.main"), QStringLiteral("delete"))));
    const ApplyLog many = mustHave(readApplyLog(badPath));
    QCOMPARE(many.problems.size(), Problems::MaxListed);
    QCOMPARE(many.problems.unlisted, qint64(100000 - Problems::MaxListed));
    const Postmortem mp = buildPostmortem(analysis, defaultRules(), &many, nullptr);
    QVERIFY(renderPostmortem(mp, ReportFormat::Text).contains("and 99800 more, not listed"));
    // Terraform's error diagnostics are reported, masked as record text.
    QByteArray errored
        = applyLine(QStringLiteral("2026-01-14T10:00:00Z"), QStringLiteral("apply_start"),
              QStringLiteral("aws_vpc.main"), QStringLiteral("delete"))
        + "\n";
    errored
        += R"({"@level":"error","@message":"Error: x","@module":"terraform.ui","@timestamp":"2026-01-14T10:00:02Z","diagnostic":{"severity":"error","summary":"No valid credential sources found","detail":"password=hunter2"},"type":"diagnostic"})"
           "\n";
    const ApplyLog errors = mustHave(readApplyLog(write(dir, QStringLiteral("e.jsonl"), errored)));
    const Postmortem ep = buildPostmortem(analysis, defaultRules(), &errors, nullptr);
    QCOMPARE(ep.diagnostics.size(), size_t(1));
    const QByteArray eout = renderPostmortem(ep, ReportFormat::Text);
    QVERIFY(eout.contains("Terraform's errors (1)"));
    QVERIFY(eout.contains("No valid credential sources found"));
    QVERIFY(!eout.contains("hunter2")); // a diagnostic's detail is never printed
    QVERIFY(eout.contains("(the apply stopped on errors)"));
    // An error message that names a secret shows its code only.
    QByteArray failed = cloudTrailRecord(QStringLiteral("2026-01-14T09:22:00Z"),
        QStringLiteral("DeleteDBInstance"), QStringLiteral("rds.amazonaws.com"),
        R"({"dBInstanceIdentifier":"edu-prod"})");
    failed.insert(failed.size() - 1,
        R"(,"errorCode":"InvalidParameterValue","errorMessage":"masterUserPassword hunter2SECRET is too short")");
    const CloudLog secret = mustHave(
        readCloudLogs({write(dir, QStringLiteral("s.json"), "[" + failed + "," + failed + "]")}));
    const Postmortem sp = buildPostmortem(analysis, defaultRules(), nullptr, &secret);
    QVERIFY(!renderPostmortem(sp, ReportFormat::Json).contains("hunter2"));
    QVERIFY(renderPostmortem(sp, ReportFormat::Text).contains("InvalidParameterValue"));
    // IAM's calls are logged in us-east-1 whatever the plan's region (the catalog's
    // global_services): another region's database delete is kept apart, IAM's is not.
    const QByteArray iam = cloudTrailRecord(QStringLiteral("2026-01-14T09:23:00Z"),
        QStringLiteral("DeleteRole"), QStringLiteral("iam.amazonaws.com"),
        R"({"roleName":"some-role"})", QStringLiteral("aws-cli/2.15.0"),
        QStringLiteral("483920175566"), QStringLiteral("us-east-1"));
    const QByteArray elsewhere = cloudTrailRecord(QStringLiteral("2026-01-14T09:24:00Z"),
        QStringLiteral("DeleteDBInstance"), QStringLiteral("rds.amazonaws.com"),
        R"({"dBInstanceIdentifier":"other-db"})", QStringLiteral("aws-cli/2.15.0"),
        QStringLiteral("483920175566"), QStringLiteral("us-east-1"));
    const CloudLog regions = mustHave(
        readCloudLogs({write(dir, QStringLiteral("r.json"), "[" + iam + "," + elsewhere + "]")}));
    const Postmortem rp = buildPostmortem(analysis, defaultRules(), nullptr, &regions);
    QCOMPARE(rp.otherScope.size(), size_t(1));
    QCOMPARE(rp.otherScope[0].name, QStringLiteral("DeleteDBInstance"));
    QCOMPARE(rp.timeline.size(), size_t(1));
    QCOMPARE(rp.timeline[0].event, QStringLiteral("DeleteRole"));
    // The same record twice is one call.
    QCOMPARE(sp.timeline.size(), size_t(1));
    QCOMPARE(sp.duplicates, qint64(1));
    // A Google operation whose last entry failed did not delete.
    const QByteArray first
        = R"({"insertId":"a","logName":"projects/p/logs/cloudaudit.googleapis.com%2Factivity","operation":{"id":"op-1","first":true,"producer":"cloudsql.googleapis.com"},"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"a@example.com"},"methodName":"cloudsql.instances.delete","resourceName":"projects/p/instances/db","serviceName":"cloudsql.googleapis.com"},"resource":{"labels":{"project_id":"p"},"type":"cloudsql_database"},"timestamp":"2026-01-20T15:41:02Z"})";
    QByteArray last = first;
    last.replace(R"("first":true)", R"("last":true)")
        .replace(R"("insertId":"a")", R"("insertId":"b")");
    last.replace(
        R"("serviceName")", R"("status":{"code":9,"message":"FAILED_PRECONDITION"},"serviceName")");
    const CloudLog google = mustHave(
        readCloudLogs({write(dir, QStringLiteral("g.json"), "[" + first + "," + last + "]")}));
    QCOMPARE(google.events.size(), size_t(1));
    QVERIFY(google.events[0].error.contains(QLatin1String("FAILED_PRECONDITION")));
    // Nothing readable in the cloud's record: the command says so, and does not claim "none".
    const Run none = cli({QStringLiteral("postmortem"), QStringLiteral("scenario:incident"),
        QStringLiteral("--cloudtrail"),
        write(dir, QStringLiteral("n.json"), "{\"Records\": [ {\"unclosed")});
    QCOMPARE(none.code, 2);
    QVERIFY(none.err.contains(QLatin1String("no record could be read")));
}

void TestPostmortem::callsAreJudgedByWhatTheyAsked()
{
    QTemporaryDir dir;
    const Scenario incident = mustHave(findScenario(QStringLiteral("incident")));
    const Analysis analysis = analyse(mustLoad(incident.files.constFirst()), defaultRules());
    const ApplyLog log = mustHave(readApplyLog(incident.applyLog));
    // An AWS CLI delete of the database before the destroy, with a final snapshot: RDS keeps
    // the data (SkipFinalSnapshot is false by default); with skipFinalSnapshot true it is lost.
    const QByteArray kept = cloudTrailRecord(QStringLiteral("2026-01-14T09:00:00Z"),
        QStringLiteral("DeleteDBInstance"), QStringLiteral("rds.amazonaws.com"),
        R"({"dBInstanceIdentifier":"edu-prod","finalDBSnapshotIdentifier":"edu-final"})");
    const QByteArray lost = cloudTrailRecord(QStringLiteral("2026-01-14T09:01:00Z"),
        QStringLiteral("DeleteDBInstance"), QStringLiteral("rds.amazonaws.com"),
        R"({"dBInstanceIdentifier":"edu-prod","skipFinalSnapshot":true})");
    // During Terraform's delete of the database, a call by another tool (an SDK the catalog
    // does not know) is not Terraform's.
    const QByteArray other = cloudTrailRecord(QStringLiteral("2026-01-14T09:43:00Z"),
        QStringLiteral("DeleteDBInstance"), QStringLiteral("rds.amazonaws.com"),
        R"({"dBInstanceIdentifier":"edu-prod","skipFinalSnapshot":true})",
        QStringLiteral("aws-sdk-js/3.0 mallory"));
    const CloudLog cloud = mustHave(readCloudLogs(
        {write(dir, QStringLiteral("c.json"), "[" + kept + "," + lost + "," + other + "]")}));
    const Postmortem p = buildPostmortem(analysis, defaultRules(), &log, &cloud);
    std::vector<const TimelineEntry *> calls;
    for (const TimelineEntry &e : p.timeline) {
        if (!e.isStep() && e.event == QLatin1String("DeleteDBInstance"))
            calls.push_back(&e);
    }
    QCOMPARE(calls.size(), size_t(3));
    QVERIFY(!calls[0]->dataLoss);
    QVERIFY(calls[1]->dataLoss);
    QVERIFY(calls[0]->outsideTerraform && calls[1]->outsideTerraform);
    QCOMPARE(calls[2]->tool, QStringLiteral("unknown"));
    QVERIFY(calls[2]->outsideTerraform);
    QCOMPARE(calls[2]->step, -1);
    // The first data loss is now the CLI's delete, forty minutes before the destroy.
    QCOMPARE(p.timeline[size_t(p.firstDataLoss)].time, calls[1]->time);
    // Terraform's own step keeps Terraform's actor, not mallory's.
    for (const TimelineEntry &e : p.timeline) {
        if (e.isStep())
            QVERIFY(!e.actor.contains(QLatin1String("mallory")));
    }
}

void TestPostmortem::successSettlesWhatTheModelLeftOpen()
{
    // Two buckets deleted: "empty" without force_destroy (S3 refuses to delete a bucket that holds
    // objects, so the model leaves it open), "full" with force_destroy (its objects go first).
    // Both deletes completed: the first held nothing, the second's objects are lost.
    const auto bucket = [](const char *name, bool force) {
        return QStringLiteral(
            R"({"address":"aws_s3_bucket.%1","mode":"managed","type":"aws_s3_bucket","name":"%1",
          "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["delete"],
          "before":{"bucket":"acme-%1","force_destroy":%2},"after":null,"after_unknown":{},
          "before_sensitive":{},"after_sensitive":false}})")
            .arg(QLatin1String(name), force ? QStringLiteral("true") : QStringLiteral("false"))
            .toUtf8();
    };
    const std::shared_ptr<const Analysis> analysis = sharedAnalysisOfJson(
        R"({"format_version":"1.2","terraform_version":"1.5.7","resource_changes":[)"
        + bucket("empty", false) + "," + bucket("full", true) + "]}");
    QByteArray log;
    for (const char *name : {"empty", "full"}) {
        const QString address = QStringLiteral("aws_s3_bucket.") + QLatin1String(name);
        log += applyLine(QStringLiteral("2026-01-14T10:00:00Z"), QStringLiteral("apply_start"),
                   address, QStringLiteral("delete"))
            + "\n";
        log += applyLine(QStringLiteral("2026-01-14T10:00:05Z"), QStringLiteral("apply_complete"),
                   address, QStringLiteral("delete"), R"(,"elapsed_seconds":5)")
            + "\n";
    }
    QTemporaryDir dir;
    const ApplyLog read = mustHave(readApplyLog(write(dir, QStringLiteral("a.jsonl"), log)));
    const Postmortem p = buildPostmortem(*analysis, defaultRules(), &read, nullptr);
    QCOMPARE(p.timeline.size(), size_t(2));
    for (const TimelineEntry &e : p.timeline)
        QCOMPARE(e.dataLoss, e.address == QLatin1String("aws_s3_bucket.full"));
    for (const Disagreement &d : p.disagreements)
        QVERIFY2(d.kind != QLatin1String("model-refused"), qPrintable(d.message));
}

QTEST_GUILESS_MAIN(TestPostmortem)
#include "tst_postmortem.moc"
