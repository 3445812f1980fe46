// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The loaders: every corpus file loads with the right kind and count, or is rejected with a
// clear error; byte ranges point at exactly the values they stand for; bad input of every
// sort gives an error naming the file (and line and column), never a crash.
#include "core/loading/loader.h"
#include "core/memory.h"
#include "loadtext.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <sys/resource.h>

using namespace bg::core;
using namespace bg::tests;

namespace {

// Qt's own JSON parser, independent of the SAX loader under test.
QJsonObject parseIndependently(const QString &path)
{
    QByteArray bytes = readAll(path);
    if (bytes.startsWith("\xFF\xFE"))
        bytes = QString::fromUtf16(
            reinterpret_cast<const char16_t *>(bytes.constData() + 2), (bytes.size() - 2) / 2)
                    .toUtf8();
    return QJsonDocument::fromJson(bytes).object();
}

int countValuesResources(const QJsonObject &module)
{
    int n = module.value(QStringLiteral("resources")).toArray().size();
    for (const QJsonValue &child : module.value(QStringLiteral("child_modules")).toArray())
        n += countValuesResources(child.toObject());
    return n;
}

int independentCount(const QJsonObject &root, DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Plan:
        return root.value(QStringLiteral("resource_changes")).toArray().size();
    case DocumentKind::StateJson:
        return countValuesResources(root.value(QStringLiteral("values"))
                                        .toObject()
                                        .value(QStringLiteral("root_module"))
                                        .toObject());
    case DocumentKind::RawState: {
        int n = 0;
        for (const QJsonValue &r : root.value(QStringLiteral("resources")).toArray())
            n += r.toObject().value(QStringLiteral("instances")).toArray().size();
        for (const QJsonValue &m : root.value(QStringLiteral("modules")).toArray()) {
            const QJsonObject resources
                = m.toObject().value(QStringLiteral("resources")).toObject();
            for (const QJsonValue &r : resources)
                n += 1 + r.toObject().value(QStringLiteral("deposed")).toArray().size();
        }
        return n;
    }
    }
    return -1;
}

QJsonValue decode(const Document &doc, const JsonSlot &slot)
{
    const QByteArray text = doc.bytesOf(slot);
    return QJsonDocument::fromJson("[" + text + "]").array().at(0);
}

QString writeTemp(QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(file.fileName()));
    file.write(bytes);
    return file.fileName();
}

} // namespace

class TestLoader : public QObject {
    Q_OBJECT

private slots:
    void corpus_data();
    void corpus();
    void rangesMatchTheValues_data() { corpus_data(); }
    void rangesMatchTheValues();
    void badInput_data();
    void badInput();
    void fixtureErrors_data();
    void fixtureErrors();
    void truncatedAnywhere();
    void errorsNeverQuoteTheFile();
    void deepNesting();
    void utf16AndBom();
    void providersShareOneDetail();
    void addressesReadAsEachAlone();
    void filesystemErrors();
    void inputIsNotModified();
    void deferredActionsAndIdentity();
    void resourcesPastOneChunk();
    void priorStateAlikeBeforeAndAfterChanges_data();
    void priorStateAlikeBeforeAndAfterChanges();
};

void TestLoader::corpus_data()
{
    BG_REQUIRE_CORPUS();
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("manifestKind");
    QHash<QString, QString> kinds;
    const QStringList manifest
        = QString::fromUtf8(readAll(corpusDir() + QStringLiteral("/MANIFEST.tsv")))
              .split(QLatin1Char('\n'));
    for (const QString &line : manifest)
        kinds.insert(line.section(QLatin1Char('\t'), 0, 0), line.section(QLatin1Char('\t'), 1, 1));
    for (const QString &path : corpusFiles()) {
        const QString name = QFileInfo(path).fileName();
        QTest::newRow(qPrintable(name)) << path << kinds.value(name);
    }
}

void TestLoader::corpus()
{
    QFETCH(QString, path);
    QFETCH(QString, manifestKind);
    Result<Document> result = loadDocument(path);
    // The only corpus file that is not a readable plan or state: an encrypted envelope.
    if (path.contains(QLatin1String("init-encryption-with-state"))) {
        QVERIFY(!result.ok());
        QVERIFY(result.error().path == path);
        QVERIFY2(result.error().message.contains(QLatin1String("encrypted")),
            qPrintable(result.error().message));
        return;
    }
    QVERIFY2(result.ok(), qPrintable(errorText(result)));
    const Document &doc = result.value();
    const QHash<QString, DocumentKind> expected = {{QStringLiteral("plan"), DocumentKind::Plan},
        {QStringLiteral("state-show"), DocumentKind::StateJson},
        {QStringLiteral("tfstate"), DocumentKind::RawState}};
    QVERIFY2(expected.contains(manifestKind), qPrintable(manifestKind));
    QCOMPARE(doc.kind, expected.value(manifestKind));
    // A plan's nodes are its resource_changes entries, then the managed resources only its
    // prior_state holds (a -target or refresh-only plan), marked priorOnly.
    const int changes = int(std::count_if(doc.resources.begin(), doc.resources.end(),
        [](const Resource &r) { return !r.priorOnly; }));
    QCOMPARE(changes, independentCount(parseIndependently(path), doc.kind));
    for (int i = changes; i < int(doc.resources.size()); ++i)
        QVERIFY(doc.resources[size_t(i)].priorOnly && !doc.resources[size_t(i)].isData());
    for (const Resource &r : doc.resources) {
        QVERIFY(!r.address.type.isEmpty());
        QCOMPARE(r.id, r.address.toString());
    }
}

void TestLoader::rangesMatchTheValues()
{
    QFETCH(QString, path);
    Result<Document> result = loadDocument(path);
    if (!result.ok())
        QSKIP("not loadable (checked in corpus())");
    const Document &doc = result.value();
    const QJsonObject root = parseIndependently(path);
    if (doc.kind == DocumentKind::Plan) {
        const QJsonArray changes = root.value(QStringLiteral("resource_changes")).toArray();
        const int priorOnly = int(std::count_if(doc.resources.begin(), doc.resources.end(),
            [](const Resource &r) { return r.priorOnly; }));
        QCOMPARE(int(doc.resources.size()) - priorOnly, changes.size());
        for (int i = 0; i < changes.size(); ++i) {
            const QJsonObject change
                = changes[i].toObject().value(QStringLiteral("change")).toObject();
            const Resource &r = doc.resources[i];
            QCOMPARE(decode(doc, r.before), change.value(QStringLiteral("before")));
            QCOMPARE(decode(doc, r.after), change.value(QStringLiteral("after")));
            QCOMPARE(
                decode(doc, r.afterSensitive), change.value(QStringLiteral("after_sensitive")));
            QCOMPARE(
                decode(doc, r.beforeSensitive), change.value(QStringLiteral("before_sensitive")));
        }
    } else if (doc.kind == DocumentKind::RawState && doc.stateVersion == 4) {
        int i = 0;
        for (const QJsonValue &res : root.value(QStringLiteral("resources")).toArray()) {
            for (const QJsonValue &inst :
                res.toObject().value(QStringLiteral("instances")).toArray()) {
                const QJsonObject o = inst.toObject();
                const QJsonValue attributes = o.contains(QStringLiteral("attributes"))
                    ? o.value(QStringLiteral("attributes"))
                    : o.value(QStringLiteral("attributes_flat"));
                QCOMPARE(decode(doc, doc.resources[i++].before), attributes);
            }
        }
    }
}

void TestLoader::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("empty") << QByteArray() << "empty" << 0 << 0;
    QTest::newRow("white space") << QByteArray(" \n\t ") << "white space" << 1 << 1;
    QTest::newRow("trailing comma")
        << QByteArray("{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [],\n}\n")
        << "syntax error" << 4 << 1;
    QTest::newRow("truncated") << QByteArray(
        "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"a.b\"")
                               << "unexpected end of input" << 1 << 61;
    QTest::newRow("garbage after")
        << QByteArray("{\"format_version\":\"1.0\"} x") << "syntax error" << 1 << 26;
    QTest::newRow("hcl") << QByteArray(
        "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n")
                         << "HCL" << 1 << 1;
    QTest::newRow("zip plan") << QByteArray("PK\x03\x04\x14\x00\x00\x00tfplan", 14) << "binary plan"
                              << 1 << 1;
    QTest::newRow("array") << QByteArray("[1, 2]") << "not an object" << 1 << 1;
    QTest::newRow("string") << QByteArray("\"plan\"") << "not an object" << 1 << 1;
    QTest::newRow("other object") << QByteArray("{\"name\": \"x\", \"items\": []}")
                                  << "found none of" << 0 << 0;
    QTest::newRow("format 2") << QByteArray("{\"format_version\":\"2.0\",\"resource_changes\":[]}")
                              << "unsupported format_version" << 0 << 0;
    QTest::newRow("format not a string")
        << QByteArray("{\"format_version\":1,\"resource_changes\":[]}") << "not a string" << 0 << 0;
    QTest::newRow("state v5") << QByteArray(
        "{\"version\":5,\"serial\":1,\"lineage\":\"x\",\"resources\":[]}")
                              << "version 5" << 0 << 0;
    QTest::newRow("state v0") << QByteArray("{\"version\":0,\"serial\":1,\"lineage\":\"x\"}")
                              << "version 0" << 0 << 0;
    QTest::newRow("version not a number")
        << QByteArray("{\"version\":\"4\",\"lineage\":\"x\"}") << "whole number" << 0 << 0;
    QTest::newRow("nul byte") << QByteArray("{\"format_version\":\"1.0\",\0\"values\":{}}", 36)
                              << "NUL byte" << 1 << 25;
    QTest::newRow("invalid utf-8")
        << QByteArray("{\"format_version\":\"1.\xC3\x28\"}") << "UTF-8" << 1 << 23;
    QTest::newRow("number overflow") << QByteArray("{\"format_version\":\"1.0\",\"x\":1e999}")
                                     << "number out of range" << 1 << 29;
    // deferred_changes, action_invocations and resource identities: tolerated when absent,
    // refused when of another type than Terraform writes (internal/command/jsonplan/plan.go).
    QTest::newRow("deferred_changes an object")
        << QByteArray(R"({"format_version":"1.2","resource_changes":[],"deferred_changes":{}})")
        << "deferred_changes is not a list" << 0 << 0;
    QTest::newRow("deferred reason a number") << QByteArray(
        R"({"format_version":"1.2","deferred_changes":[{"reason":3,"resource_change":{"address":"a.b"}}]})")
                                              << "deferred_changes[0]: \"reason\" is not a string"
                                              << 0 << 0;
    QTest::newRow("deferred entry a list")
        << QByteArray(R"({"format_version":"1.2","deferred_changes":[[]]})")
        << "deferred_changes[0]: an entry is not an object" << 0 << 0;
    QTest::newRow("action_invocations a string")
        << QByteArray(R"({"format_version":"1.2","resource_changes":[],"action_invocations":"x"})")
        << "action_invocations is not a list" << 0 << 0;
    QTest::newRow("action trigger a string") << QByteArray(
        R"({"format_version":"1.2","action_invocations":[{"address":"action.x.y","invoke_action_trigger":"now"}]})")
                                             << "action_invocations[0]: \"invoke_action_trigger\""
                                             << 0 << 0;
    QTest::newRow("identity a string") << QByteArray(
        R"({"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["no-op"],"before_identity":"i-1"}}]})")
                                       << "a.b: its identity is not a JSON object" << 0 << 0;
    QTest::newRow("raw state identity a list") << QByteArray(
        R"({"version":4,"serial":1,"lineage":"x","resources":[{"mode":"managed","type":"a","name":"b","instances":[{"attributes":{},"identity":[1]}]}]})")
                                               << "a.b: its identity is not a JSON object" << 0
                                               << 0;
    QTest::newRow("encrypted") << QByteArray(
        "{\"encryption_version\":\"v0\",\"meta\":{},\"encrypted_data\":\"eA==\"}")
                               << "encrypted" << 0 << 0;
}

void TestLoader::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("input.json"), bytes);
    const Result<Document> result = loadDocument(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().path, path);
    QVERIFY2(result.error().message.contains(message, Qt::CaseInsensitive),
        qPrintable(result.error().message));
    QCOMPARE(result.error().line, line);
    QCOMPARE(result.error().column, column);
    QVERIFY(result.error().toString().startsWith(path));
}

void TestLoader::fixtureErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("truncated") << "bad-truncated.json"
                               << "truncated" << 30 << 74;
    QTest::newRow("trailing comma") << "bad-trailing-comma.json"
                                    << "syntax error" << 46 << 7;
    QTest::newRow("nul") << "bad-nul.json"
                         << "NUL byte" << 2 << 20;
    QTest::newRow("invalid utf-8") << "bad-invalid-utf8.json"
                                   << "UTF-8" << 31 << 102;
    QTest::newRow("hcl") << "bad-not-json.tf"
                         << "HCL" << 1 << 1;
    QTest::newRow("zip") << "bad-tfplan.zip"
                         << "binary plan" << 1 << 1;
    QTest::newRow("empty") << "bad-empty.json"
                           << "empty" << 0 << 0;
    QTest::newRow("array") << "bad-array.json"
                           << "not an object" << 1 << 1;
    QTest::newRow("format 2") << "bad-format-2.json"
                              << "unsupported format_version \"2.0\"" << 0 << 0;
    QTest::newRow("state v5") << "bad-state-v5.tfstate"
                              << "unsupported state file version 5" << 0 << 0;
}

void TestLoader::fixtureErrors()
{
    QFETCH(QString, file);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    const Result<Document> result = loadDocument(fixture(file));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().path, fixture(file));
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    QCOMPARE(result.error().line, line);
    QCOMPARE(result.error().column, column);
}

void TestLoader::truncatedAnywhere()
{
    // Every prefix of a real plan is an error (or, at the very end, the plan itself).
    const QByteArray plan = readAll(resource(QStringLiteral("scenarios/incident/plan.json")));
    QVERIFY(plan.size() > 1000);
    const qsizetype step = std::max<qsizetype>(1, plan.size() / 400);
    for (qsizetype cut = 0; cut < plan.size() - 2; cut += step) {
        const Result<Document> result
            = loadDocumentFromBytes(plan.left(cut), QStringLiteral("cut.json"));
        QVERIFY2(!result.ok(), qPrintable(QStringLiteral("a plan cut at byte %1 loaded").arg(cut)));
        QCOMPARE(result.error().path, QStringLiteral("cut.json"));
    }
    QVERIFY(loadDocumentFromBytes(plan, QStringLiteral("whole.json")).ok());
}

void TestLoader::errorsNeverQuoteTheFile()
{
    // nlohmann's messages quote the last token read; a token may be a password.
    const QByteArray secret = "hunter2-Sup3rSecret";
    const QList<QByteArray> inputs = {
        "{\"format_version\":\"1.0\",\"values\":{\"password\":\"" + secret,
        "{\"format_version\":\"1.0\",\"values\":{\"password\":" + secret + "}}",
        "{\"format_version\":\"1.0\",\"values\":{\"password\":\"" + secret + "\"x}}",
    };
    for (const QByteArray &input : inputs) {
        const Result<Document> result = loadDocumentFromBytes(input, QStringLiteral("s.json"));
        QVERIFY(!result.ok());
        QVERIFY2(!result.error().toString().contains(QLatin1String("Sup3r")),
            qPrintable(result.error().toString()));
    }
}

void TestLoader::deepNesting()
{
    const int depth = 100000;
    // Deep inside a value that is skipped: parsed without building anything.
    QByteArray skipped = "{\"format_version\":\"1.0\",\"checks\":" + QByteArray(depth, '[')
        + QByteArray(depth, ']') + "}";
    QVERIFY(loadDocumentFromBytes(skipped, QStringLiteral("deep.json")).ok());
    // Deep inside an element the loader materialises: a clear error.
    QByteArray built
        = "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"a.b\",\"x\":"
        + QByteArray(depth, '[') + QByteArray(depth, ']') + "}]}";
    const Result<Document> result = loadDocumentFromBytes(built, QStringLiteral("deep.json"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(QLatin1String("nested")),
        qPrintable(result.error().message));
    QCOMPARE(result.error().line, 1);
}

void TestLoader::utf16AndBom()
{
    const QByteArray plan
        = "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"aws_s3_bucket.b["
          "\\\"é\\\"]\","
          "\"mode\":\"managed\",\"type\":\"aws_s3_bucket\",\"name\":\"b\",\"index\":\"é\","
          "\"change\":{\"actions\":[\"delete\"],\"before\":{\"bucket\":\"é\"},\"after\":null}}]}";
    // Twice: small, and padded past 1 MiB with trailing white space, where the loader hashes
    // the file beside its scan (Document::sha256) instead of when asked.
    for (const QByteArray &padding : {QByteArray(), QByteArray(1200 * 1024, ' ')}) {
        const QString text = QString::fromUtf8(plan + padding);
        QByteArray le("\xFF\xFE"), be("\xFE\xFF");
        for (QChar c : text) {
            le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
            be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xFF));
        }
        for (const QByteArray &bytes :
            {plan + padding, QByteArray("\xEF\xBB\xBF") + plan + padding, le, be, le.mid(2)}) {
            const Result<Document> result = loadDocumentFromBytes(bytes, QStringLiteral("u.json"));
            QVERIFY2(result.ok(), qPrintable(errorText(result)));
            QCOMPARE(result->resources.size(), size_t(1));
            QCOMPARE(result->resources[0].id, QStringLiteral("aws_s3_bucket.b[\"é\"]"));
            QCOMPARE(decode(result.value(), result->resources[0].before)
                         .toObject()
                         .value(QStringLiteral("bucket"))
                         .toString(),
                QStringLiteral("é"));
            // The hash is of the bytes on disk, not of the converted text.
            QCOMPARE(fileSha256(result.value()),
                QString::fromLatin1(
                    QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
            QCOMPARE(result->sha256.isEmpty(), padding.isEmpty());
        }
    }
    // Pairs of units (outside the Basic Multilingual Plane) wherever the conversion's chunks
    // end, and a unit with no other half: as Qt converts the whole text at once.
    QString wide = QStringLiteral("a");
    for (int i = 0; i < 40000; ++i)
        wide += QStringLiteral("\U0001F600");
    wide += QChar(0xD800); // a high half alone
    for (const QByteArray &lead : {QByteArray(), QByteArray("x")}) {
        const QString text = QStringLiteral("{\"format_version\":\"1.2\",\"resource_changes\":[{"
                                            "\"address\":\"a.b\",\"mode\":\"managed\",\"type\":"
                                            "\"a\",\"name\":\"b\",\"change\":{\"actions\":"
                                            "[\"delete\"],\"before\":{\"v\":\"")
            + QString::fromUtf8(lead) + wide + QStringLiteral("\"},\"after\":null}}]}");
        QByteArray le("\xFF\xFE");
        for (QChar c : text)
            le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        const Result<Document> result = loadDocumentFromBytes(le, QStringLiteral("w.json"));
        QVERIFY2(result.ok(), qPrintable(errorText(result)));
        QCOMPARE(result->bytes, text.toUtf8());
    }
    // The mark is not text: errors stand where an editor shows them, and a file that is HCL
    // or nothing after it is told so.
    const QByteArray bom("\xEF\xBB\xBF");
    for (const QByteArray &broken :
        {QByteArray("{\"format_version\": nope}"), QByteArray("{\n  \"a\": [1,,2]}")}) {
        const Result<Document> plain = loadDocumentFromBytes(broken, QStringLiteral("b.json"));
        const Result<Document> marked
            = loadDocumentFromBytes(bom + broken, QStringLiteral("b.json"));
        QVERIFY(!plain.ok() && !marked.ok());
        QCOMPARE(marked.error().line, plain.error().line);
        QCOMPARE(marked.error().column, plain.error().column);
        QCOMPARE(marked.error().message, plain.error().message);
    }
    const Result<Document> hcl
        = loadDocumentFromBytes(bom + "resource \"x\" \"y\" {}", QStringLiteral("main.tf"));
    QVERIFY(!hcl.ok());
    QVERIFY2(hcl.error().message.contains(QLatin1String("HCL")), qPrintable(hcl.error().message));
    const Result<Document> onlyMark = loadDocumentFromBytes(bom, QStringLiteral("e.json"));
    QVERIFY(!onlyMark.ok());
    QCOMPARE(onlyMark.error().message, QStringLiteral("the file is empty"));
}

void TestLoader::filesystemErrors()
{
    QTemporaryDir dir;
    Result<Document> missing = loadDocument(dir.filePath(QStringLiteral("nope.json")));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains(QLatin1String("no such file")));
    Result<Document> directory = loadDocument(dir.path());
    QVERIFY(!directory.ok());
    QVERIFY(directory.error().message.contains(QLatin1String("directory")));
    const QString locked
        = writeTemp(dir, QStringLiteral("locked.json"), "{\"format_version\":\"1.0\"}");
    QFile::setPermissions(locked, QFileDevice::Permissions());
    QFile probe(locked);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("running as root: permissions do not stop reading");
    Result<Document> unreadable = loadDocument(locked);
    QVERIFY(!unreadable.ok());
    QVERIFY(unreadable.error().message.contains(QLatin1String("cannot read")));
}

void TestLoader::inputIsNotModified()
{
    const QString path = resource(QStringLiteral("scenarios/incident/plan.json"));
    const QFileInfo before(path);
    const QByteArray bytes = readAll(path);
    const QDateTime modified = before.lastModified();
    Document doc = mustLoad(path);
    analyse(std::move(doc), defaultRules());
    QCOMPARE(readAll(path), bytes);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
}

// plan-deferred-actions.json (Terraform 1.14): its deferred changes and action invocation are
// read beside the changes, never as changes; the identities are kept in place.
void TestLoader::deferredActionsAndIdentity()
{
    const Document plan = mustLoad(fixture(QStringLiteral("plan-deferred-actions.json")));
    QCOMPARE(plan.resources.size(), size_t(1));
    QVERIFY(plan.incomplete);
    QCOMPARE(plan.deferredTotal, 2);
    QCOMPARE(plan.deferred.size(), size_t(2));
    QCOMPARE(plan.deferred[0].address, QStringLiteral("terraform_data.announce"));
    QCOMPARE(plan.deferred[0].reason, QStringLiteral("deferred_prereq"));
    QCOMPARE(plan.deferred[1].address, QStringLiteral("terraform_data.worker[*]"));
    QCOMPARE(plan.deferred[1].reason, QStringLiteral("instance_count_unknown"));
    QVERIFY(plan.deferred[1].action && *plan.deferred[1].action == Action::Create);
    QCOMPARE(plan.actionInvocationsTotal, 1);
    const ActionInvocation &action = plan.actionInvocations.at(0);
    QCOMPARE(action.address, QStringLiteral("action.aws_lambda_invoke.notify"));
    QCOMPARE(action.type, QStringLiteral("aws_lambda_invoke"));
    QVERIFY(!action.lifecycle);
    const Resource &web = plan.resources[0];
    QCOMPARE(QJsonDocument::fromJson(plan.bytesOf(web.afterIdentity)).object(),
        (QJsonObject {{"account_id", "210987654321"}, {"id", "i-0f9e7d5c3b1a24680"},
            {"region", "us-east-1"}}));
    QVERIFY(web.beforeIdentity.range().isValid());

    // A lifecycle trigger, and a plan without any of it.
    const Document lifecycle = mustHave(loadDocumentFromBytes(
        R"({"format_version":"1.2","resource_changes":[],"action_invocations":[{"address":"action.a.b","type":"a","lifecycle_action_trigger":{"triggering_resource_address":"aws_instance.web","action_trigger_event":"AfterCreate","action_trigger_block_index":0,"actions_list_index":0}}]})",
        QStringLiteral("inline.json")));
    QVERIFY(lifecycle.actionInvocations.at(0).lifecycle);
    QCOMPARE(lifecycle.actionInvocations.at(0).resource, QStringLiteral("aws_instance.web"));
    QCOMPARE(lifecycle.actionInvocations.at(0).event, QStringLiteral("AfterCreate"));
    QVERIFY(!lifecycle.incomplete);
    // Members left out are tolerated: the entry is listed under its place.
    const Document sparse = mustHave(loadDocumentFromBytes(
        R"({"format_version":"1.2","deferred_changes":[{"reason":"provider_config_unknown"}],"action_invocations":[{"type":"a"}]})",
        QStringLiteral("inline.json")));
    QCOMPARE(sparse.deferred.at(0).address, QStringLiteral("deferred_changes[0]"));
    QVERIFY(!sparse.deferred.at(0).action);
    QCOMPARE(sparse.actionInvocations.at(0).address, QStringLiteral("action_invocations[0]"));
    const Document none = mustLoad(fixture(QStringLiteral("plan-db-replace.json")));
    QVERIFY(none.deferred.empty() && none.actionInvocations.empty());
    QCOMPARE(none.deferredTotal, 0);

    // A raw state's identity, current and deposed; the tainted database has none.
    const Document state = mustLoad(fixture(QStringLiteral("state-v4-tainted.tfstate")));
    QCOMPARE(state.resources.size(), size_t(3));
    QVERIFY(state.resources[0].tainted && !state.resources[0].beforeIdentity.isPresent());
    QCOMPARE(state.resources[2].address.deposed, QStringLiteral("4f1c9a2e"));
    QCOMPARE(QJsonDocument::fromJson(state.bytesOf(state.resources[2].beforeIdentity))
                 .object()
                 .value(QStringLiteral("id")),
        QJsonValue(QStringLiteral("i-07e3b9d1f5a2c4680")));
}

// Resources are read into chunks (loader.cpp, ResourceChunks): the first bounded by the file's
// size, the next of 65,536. Past one chunk they are all there, in the file's order.
void TestLoader::resourcesPastOneChunk()
{
    const auto rawState = [](const QByteArray &instances) {
        return R"({"version":4,"terraform_version":"1.5.0","serial":1,"lineage":"l","outputs":{},)"
               R"("resources":[{"mode":"managed","type":"null_resource","name":"n","provider":)"
               R"("provider[\"registry.terraform.io/hashicorp/null\"]","instances":[)"
            + instances + "]}]}";
    };
    // Instances written smaller than Terraform writes them: more than the first chunk holds.
    QByteArray small;
    for (int i = 0; i < 1000; ++i)
        small += QByteArray(i ? "," : "") + R"({"attributes":{"i":)" + QByteArray::number(i) + "}}";
    const Document few = mustHave(loadDocumentFromBytes(rawState(small), QStringLiteral("s")));
    QCOMPARE(few.resources.size(), size_t(1000));
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(
            few.bytesOf(few.resources[size_t(i)].before), R"({"i":)" + QByteArray::number(i) + "}");
    // More than a refused first room's 65,536 (ChunkSize): the first room is the document's bound
    // (its bytes / 32 resources), so it holds them all, and the document has it whole: no
    // resource moved.
    QByteArray counted;
    const int n = 70000;
    const QByteArray value(1000, 'v');
    for (int i = 0; i < n; ++i)
        counted += QByteArray(i ? "," : "") + R"({"index_key":)" + QByteArray::number(i)
            + R"(,"schema_version":0,"attributes":{"v":")" + value + "\"}}";
    const QByteArray bytes = rawState(counted);
    const Document many = mustHave(loadDocumentFromBytes(bytes, QStringLiteral("c")));
    QCOMPARE(many.resources.size(), size_t(n));
    for (int i = 0; i < n; i += 997)
        QCOMPARE(many.resources[size_t(i)].id, QStringLiteral("null_resource.n[%1]").arg(i));
    QCOMPARE(many.resources.back().id, QStringLiteral("null_resource.n[%1]").arg(n - 1));
    QVERIFY(many.resources.capacity() >= size_t(bytes.size()) / 32);
#ifdef BG_SANITIZER_ALLOCATOR
    QSKIP("a sanitizer's allocator maps terabytes of shadow: no address-space limit to test under");
#else
    // A process refused that much address space (ulimit -v): its first room of 640 MB is refused,
    // so it takes rooms of 65,536 (18 MiB) and moves them into one vector of the exact size. The
    // same resources; loading does not fail. (The bound leaves room for the hashing thread's
    // stack and malloc arena, 72 MB of address space.)
    const qint64 usedKb = selfStatusKb("VmSize");
    if (usedKb < 0)
        QSKIP("no /proc/self/status here");
    const qint64 used = usedKb * 1024;
    rlimit before {};
    QCOMPARE(::getrlimit(RLIMIT_AS, &before), 0);
    if (before.rlim_cur != RLIM_INFINITY && before.rlim_cur < rlim_t(used + (400 << 20)))
        QSKIP("this process already runs under an address-space limit");
    rlimit tight = before;
    tight.rlim_cur = rlim_t(used + (300 << 20));
    QCOMPARE(::setrlimit(RLIMIT_AS, &tight), 0);
    Result<Document> limited = loadDocumentFromBytes(bytes, QStringLiteral("c"));
    QCOMPARE(::setrlimit(RLIMIT_AS, &before), 0);
    QVERIFY2(limited, qPrintable(limited ? QString() : limited.error().toString()));
    QCOMPARE(limited->resources.capacity(), size_t(n)); // moved into one of the exact size
    QCOMPARE(loadText(limited), loadText(Result<Document>(many)));
    // Not even one room of 18 MiB: an error that says so, not an abort.
    tight.rlim_cur = rlim_t(used + (8 << 20));
    QCOMPARE(::setrlimit(RLIMIT_AS, &tight), 0);
    Result<Document> starved = loadDocumentFromBytes(bytes, QStringLiteral("c"));
    QCOMPARE(::setrlimit(RLIMIT_AS, &before), 0);
    QVERIFY(!starved);
    QVERIFY2(
        starved.error().toString().startsWith(QStringLiteral("c: not enough memory to load it")),
        qPrintable(starved.error().toString()));
#endif
}

// The resources of a provider share one ResourceDetail, 8 bytes each, unless they hold more
// detail (an action reason); whoever edits a shared one gets a copy of their own.
void TestLoader::providersShareOneDetail()
{
    const auto change = [](const char *name, const char *provider, const char *reason) {
        return QByteArray("{\"address\":\"null_resource.") + name
            + "\",\"mode\":\"managed\",\"type\":\"null_resource\",\"name\":\"" + name
            + "\",\"provider_name\":\"" + provider
            + "\",\"change\":{\"actions\":[\"delete\"],\"before\":{},\"after\":null}"
            + (reason ? QByteArray(",\"action_reason\":\"") + reason + '"' : QByteArray()) + '}';
    };
    const QByteArray aws("registry.terraform.io/hashicorp/aws"),
        google("registry.terraform.io/hashicorp/google");
    const QByteArray plan = "{\"format_version\":\"1.2\",\"resource_changes\":["
        + change("a", aws, nullptr) + ',' + change("b", google, nullptr) + ','
        + change("c", aws, "delete_because_no_resource_config") + ',' + change("d", aws, nullptr)
        + ',' + change("e", google, nullptr) + "]}";
    const Result<Document> doc = loadDocumentFromBytes(plan, QStringLiteral("p.json"));
    QVERIFY2(doc, qPrintable(errorText(doc)));
    const ResourceList &r = doc->resources;
    QCOMPARE(r.size(), size_t(5));
    const QStringList providers {QString::fromLatin1(aws), QString::fromLatin1(google),
        QString::fromLatin1(aws), QString::fromLatin1(aws), QString::fromLatin1(google)};
    for (size_t i = 0; i < r.size(); ++i)
        QCOMPARE(r[i].provider(), providers[qsizetype(i)]);
    QCOMPARE(&r[0].detail(), &r[3].detail());
    QCOMPARE(&r[1].detail(), &r[4].detail());
    QVERIFY(&r[0].detail() != &r[1].detail());
    QVERIFY(&r[2].detail() != &r[0].detail()); // its own, with its reason
    QCOMPARE(r[2].actionReason(), QStringLiteral("delete_because_no_resource_config"));
    QVERIFY(r[0].actionReason().isEmpty() && r[3].actionReason().isEmpty());

    Resource edited = r[0];
    QCOMPARE(&edited.detail(), &r[0].detail()); // a copy shares it
    edited.editDetail().actionReason = QStringLiteral("replace_because_tainted");
    edited.setProvider(QStringLiteral("elsewhere"));
    QVERIFY(r[0].actionReason().isEmpty()); // the others keep theirs
    QCOMPARE(r[3].provider(), QString::fromLatin1(aws));
    QCOMPARE(edited.provider(), QStringLiteral("elsewhere"));
    QCOMPARE(edited.actionReason(), QStringLiteral("replace_because_tainted"));

    // A holder's own cache, set to another provider, leaves those that share its old one.
    SharedValue<ResourceDetail> shared;
    Resource x, y;
    x.setProvider(QStringLiteral("one"), &shared);
    y.setProvider(QStringLiteral("two"), &shared);
    QCOMPARE(x.provider(), QStringLiteral("one"));
    QCOMPARE(y.provider(), QStringLiteral("two"));
    QCOMPARE(&y.detail(), &shared.get());
}

// The loader reads an address in the module instance of the one before it from where that
// path ends (parseAddress): every address, in any order, must read as it does alone, and its id
// be its canonical text, not the text written.
void TestLoader::addressesReadAsEachAlone()
{
    const QStringList addresses {
        QStringLiteral(R"(module.a["x"].aws_s3_bucket.b)"),
        QStringLiteral(R"(module.a["x"].aws_s3_bucket.c[0])"),
        QStringLiteral(R"(module.a["x"].module.b[0].aws_s3_bucket.d)"), // deeper
        QStringLiteral(R"(module.a["x"].module.b[0].module.c.aws_s3_bucket.e["k"])"),
        QStringLiteral(R"(module.a["x"].module.b[0].aws_s3_bucket.d2)"), // back up one
        QStringLiteral(R"(module.a["x"].aws_s3_bucket.f)"),
        QStringLiteral(R"(module.a["xy"].aws_s3_bucket.g)"), // its key begins alike
        QStringLiteral(R"(module.a["x"].data.aws_s3_bucket.h)"),
        QStringLiteral(R"(module.a["\u0078"].aws_s3_bucket.k)"), // not canonical: module.a["x"]
        QStringLiteral(R"(module.a["x"].module.ab.aws_s3_bucket.l)"),
        QStringLiteral(R"(module.a["x"].module.a.aws_s3_bucket.m)"),
        QStringLiteral(R"(aws_s3_bucket.root)"), QStringLiteral(R"(module.a["x"].aws_s3_bucket.n)"),
        QStringLiteral(R"(module.a["x"].module.)"), // an error past the path of the one before
        QStringLiteral(R"(module.a["x"].aws_s3_bucket.o)"),
        QStringLiteral(R"(module.a["x"].module.b[0].aws_s3_bucket)"), // an error, deeper
    };
    QJsonArray changes;
    for (const QString &text : addresses) {
        const auto alone = Address::parse(text);
        changes.append(QJsonObject {{QStringLiteral("address"), text},
            {QStringLiteral("mode"), alone && alone->data ? "data" : "managed"},
            {QStringLiteral("type"), alone ? alone->type : QStringLiteral("aws_s3_bucket")},
            {QStringLiteral("name"), alone ? alone->name : QStringLiteral("x")},
            {QStringLiteral("change"),
                QJsonObject {{QStringLiteral("actions"), QJsonArray {QStringLiteral("delete")}},
                    {QStringLiteral("before"), QJsonObject()}}}});
    }
    const QByteArray plan = QJsonDocument(
        QJsonObject {{QStringLiteral("format_version"), "1.2"},
            {QStringLiteral("resource_changes"),
                changes}}).toJson(QJsonDocument::Compact);
    const Result<Document> doc = loadDocumentFromBytes(plan, QStringLiteral("p.json"));
    QVERIFY2(doc, qPrintable(errorText(doc)));
    size_t next = 0;
    for (const QString &text : addresses) {
        QString error;
        const auto alone = Address::parse(text, &error);
        QVERIFY2(next < doc->resources.size(), qPrintable(text));
        const Resource &r = doc->resources[next++];
        if (!alone) { // rebuilt from its type and name, noted with the error the text gives alone
            QVERIFY2(!error.isEmpty(), qPrintable(text));
            const QString note = doc->notes.filter(error).value(0);
            QVERIFY2(note.contains(text) && note.contains(QLatin1String("rebuilt")),
                qPrintable(text + QStringLiteral(" not noted with ") + error));
            QCOMPARE(r.id, QStringLiteral("aws_s3_bucket.x"));
            continue;
        }
        QVERIFY2(r.address == *alone,
            qPrintable(text + QStringLiteral(" read as ") + r.address.toString()));
        QCOMPARE(r.id, alone->toString());
    }
    QCOMPARE(doc->resources.size(), next);
    QCOMPARE(doc->resources[8].id, QStringLiteral(R"(module.a["x"].aws_s3_bucket.k)"));
}

QTEST_GUILESS_MAIN(TestLoader)
// What a plan's prior_state gives (dependencies, the nodes only it holds, its data sources, its
// count of managed resources, the notes on entries skipped): an entry written with a change's
// address takes that change's address without parsing it again, but only where prior_state
// comes after resource_changes, as Terraform writes them. Written with its keys sorted
// (QJsonDocument), prior_state comes first and every entry is read the full way: both must
// give the same document (its lines in any order: a module's child_modules come first too). The
// first plan holds what must not take the short way: an entry whose type disagrees with its
// address, deposed objects, a data source.
void TestLoader::priorStateAlikeBeforeAndAfterChanges_data()
{
    QTest::addColumn<QByteArray>("plan");
    const auto change = [](const char *address, const char *type, const char *name,
                            const char *deposed = nullptr) {
        return QByteArray(R"({"address":")") + address + R"(","mode":"managed","type":")" + type
            + R"(","name":")" + name + R"(","provider_name":"registry.terraform.io/hashicorp/aws",)"
            + (deposed ? QByteArray(R"("deposed":")") + deposed + R"(",)" : QByteArray())
            + R"("change":{"actions":["delete"],"before":{"id":"x"},"after":null}})";
    };
    const auto prior = [](const char *address, const char *mode, const char *type, const char *name,
                           const QByteArray &more = {}) {
        return QByteArray(R"({"address":")") + address + R"(","mode":")" + mode + R"(","type":")"
            + type + R"(","name":")" + name
            + R"(","provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"x"})"
            + more + "}";
    };
    const QByteArray changes = change("aws_instance.a", "aws_instance", "a") + ","
        + change(R"(module.m[\"k\"].aws_db_instance.d)", "aws_db_instance", "d") + ","
        + change("aws_instance.c", "aws_instance", "c") + ","
        + change("aws_instance.c", "aws_instance", "c", "old") + ","
        + change("aws_vpc.v", "aws_vpc", "v");
    const QByteArray priors
        = prior("aws_instance.a", "managed", "aws_instance", "a", R"(,"depends_on":["aws_vpc.v"])")
        + "," + prior("aws_instance.a", "managed", "aws_s3_bucket", "a") + ","
        + prior("aws_instance.a", "managed", "aws_instance", "a", R"(,"deposed_key":"gone")") + ","
        + prior("aws_instance.c", "managed", "aws_instance", "c", R"(,"deposed_key":"old")") + ","
        + prior("aws_instance.c", "managed", "aws_instance", "c",
            R"(,"depends_on":["aws_vpc.v","aws_instance.a"])")
        + "," + prior("aws_vpc.v", "managed", "aws_vpc", "v") + ","
        + prior("aws_vpc.w", "managed", "aws_vpc", "w", R"(,"depends_on":["aws_vpc.v"])") + ","
        + prior("data.aws_ami.x", "data", "aws_ami", "x");
    const QByteArray child = R"({"address":"module.m[\"k\"]","resources":[)"
        + prior(R"(module.m[\"k\"].aws_db_instance.d)", "managed", "aws_db_instance", "d",
            R"(,"depends_on":["aws_vpc.v"])")
        + "]}";
    QTest::newRow("edges") << R"({"format_version":"1.2","terraform_version":"1.9.5",)"
                              R"("resource_changes":[)"
            + changes + R"(],"prior_state":{"values":{"root_module":{"resources":[)" + priors
            + R"(],"child_modules":[)" + child + "]}}}}";
    for (const QString &name :
        QDir(QStringLiteral(BG_FIXTURES)).entryList({QStringLiteral("plan-*.json")}, QDir::Files)) {
        const QByteArray bytes = readAll(fixture(name));
        if (bytes.contains("\"prior_state\""))
            QTest::newRow(qPrintable(name)) << bytes;
    }
    for (const QString &path : corpusFiles()) { // none when the corpus is absent
        const QByteArray bytes = readAll(path);
        if (bytes.contains("\"prior_state\"") && bytes.contains("\"resource_changes\""))
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << bytes;
    }
}

void TestLoader::priorStateAlikeBeforeAndAfterChanges()
{
    QFETCH(QByteArray, plan);
    const QJsonDocument parsed = QJsonDocument::fromJson(plan);
    if (!parsed.isObject())
        QSKIP("not a JSON object to write again (the loader's own tests read it)");
    const QByteArray sorted = parsed.toJson(QJsonDocument::Compact);
    QVERIFY(sorted.indexOf("\"prior_state\"") < sorted.indexOf("\"resource_changes\""));
    const QString name = QStringLiteral("plan.json");
    const Result<Document> written = loadDocumentFromBytes(plan, name);
    const Result<Document> fullWay = loadDocumentFromBytes(sorted, name);
    QCOMPARE(written.ok(), fullWay.ok());
    if (!written)
        return;
    const auto describe = [](const Document &doc) {
        QStringList out;
        for (const Resource &r : doc.resources)
            out.append(r.id + (r.priorOnly ? QStringLiteral(" prior-only") : QString())
                + QStringLiteral(" <- ") + r.dependencies().join(QLatin1Char(','))
                + QLatin1Char(' ') + r.address.type + QLatin1Char('/') + r.address.name);
        for (const Resource &r : doc.priorData)
            out.append(QStringLiteral("data ") + r.id);
        out.append(QStringLiteral("prior managed %1").arg(doc.priorManagedCount));
        // Sorted: with its keys sorted, a module's child_modules come before its resources.
        out += doc.notes;
        out.sort();
        return out;
    };
    QCOMPARE(describe(*written), describe(*fullWay));
    if (QTest::currentDataTag() == QLatin1String("edges")) {
        const QStringList seen = describe(*written);
        QVERIFY2(seen.contains(QStringLiteral("aws_instance.c <- aws_vpc.v,aws_instance.a "
                                              "aws_instance/c")),
            qPrintable(seen.join(QLatin1Char('\n'))));
        QVERIFY(std::any_of(seen.begin(), seen.end(),
            [](const QString &line) { return line.contains(QLatin1String("disagrees")); }));
        QVERIFY(seen.contains(QStringLiteral("data data.aws_ami.x")));
    }
}

#include "tst_loader.moc"
