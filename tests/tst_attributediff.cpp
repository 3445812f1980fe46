// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The attribute diff (core/attributediff.h): over every resource of every corpus file and
// fixture, no row shows a value that Terraform marked sensitive or that sits under a
// secret-like name, and the rows are deterministic; pinned rows for the project's fixtures.
#include "core/risk/attributediff.h"
#include "core/risk/masking.h"
#include "testutils.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>

using namespace bg::core;
using namespace bg::tests;

// Declared before the inline JSON below: moc stops reading at raw string literals.
class TestAttributeDiff : public QObject {
    Q_OBJECT

private slots:
    void neverShowsASecret_data();
    void neverShowsASecret();
    void sensitiveValues();
    void keysAndSecrets();
    void replacedEngine();
    void unknownAfterApply();
    void whatIfSides();
    void incidentDatabase();
    void bigObjectShowsItsOneChange();
};

namespace {

// The raw strings of one side of a resource that masking must hide, found independently of
// core/masking: under a `true` of the sensitivity map, under a secret-like name, or private-key
// text. `plain` holds every other string, so that a secret also written in the open elsewhere
// in the object is not counted against the diff.
struct Strings {
    QSet<QString> secret;
    QSet<QString> plain;
};

void collect(const QJsonValue &value, const QJsonValue &mask, bool hidden, const RuleSet &rules,
    Strings &out)
{
    hidden = hidden || (mask.isBool() && mask.toBool());
    const auto childMask = [&mask](const QString &key, int index) {
        if (mask.isObject())
            return mask.toObject().value(index >= 0 ? QString::number(index) : key);
        return mask.isArray() && index >= 0 ? mask.toArray().at(index) : QJsonValue();
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const bool named
                = isSecretName(rules, it.key()) && !it.value().isNull() && !it.value().isBool();
            collect(it.value(), childMask(it.key(), -1), hidden || named, rules, out);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            collect(array[i], childMask({}, i), hidden, rules, out);
    } else if (value.isString()) {
        const QString text = value.toString();
        if (hidden || text.contains(QLatin1String("PRIVATE KEY-----"))
            || text.contains(QLatin1String("PRIVATE KEY BLOCK-----")))
            out.secret.insert(text);
        else
            out.plain.insert(text);
    }
}

QString jsonEscaped(const QString &text)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact))
        .mid(2)
        .chopped(2);
}

// The secrets worth searching for: long enough not to match by chance, and never written in
// the open anywhere in the object.
QStringList secretsOf(const Document &doc, const Resource &r, const RuleSet &rules)
{
    Strings strings;
    collect(decodeSlot(doc, r.before), decodeSlot(doc, r.beforeSensitive), false, rules, strings);
    collect(decodeSlot(doc, r.after), decodeSlot(doc, r.afterSensitive), false, rules, strings);
    QStringList secrets;
    for (const QString &secret : std::as_const(strings.secret)) {
        if (secret.size() < 4)
            continue;
        const bool inTheOpen = std::any_of(strings.plain.begin(), strings.plain.end(),
            [&secret](const QString &plain) { return plain.contains(secret); });
        if (!inTheOpen)
            secrets.append(secret);
    }
    return secrets;
}

QByteArray onePlan(const QByteArray &change)
{
    return R"({"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.b",)"
           R"("type":"aws_s3_bucket","name":"b","change":)"
        + change + "}]}";
}

std::vector<DiffRow> diffOf(const Analysis &a, const QString &address)
{
    const int node = a.graph().find(address);
    if (node < 0)
        qFatal("no %s", qPrintable(address));
    return attributeDiff(a, node, defaultRules());
}

// The row of `path`, or a row whose path says it is missing.
DiffRow rowAt(const std::vector<DiffRow> &rows, const QString &path)
{
    for (const DiffRow &row : rows) {
        if (row.path == path)
            return row;
    }
    return {
        QStringLiteral("(no row %1)").arg(path), {}, {}, DiffKind::Unchanged, false, false, false};
}

DiffRow row(const char *path, const QString &before, const QString &after, DiffKind kind,
    bool forcesReplacement = false)
{
    const QString sensitive = QString::fromLatin1(SensitiveText);
    return {QString::fromUtf8(path), before, after, kind, before == sensitive, after == sensitive,
        forcesReplacement};
}

const QString Sensitive = QString::fromLatin1(SensitiveText);
const QString Unknown = QString::fromLatin1(KnownAfterApplyText);

} // namespace

namespace bg::core {
// For QCOMPARE's message when rows differ.
char *toString(const DiffRow &row)
{
    QString text;
    QDebug(&text) << row;
    return qstrdup(text.toUtf8().constData());
}
} // namespace bg::core

void TestAttributeDiff::neverShowsASecret_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &name :
        QDir(QStringLiteral(BG_FIXTURES))
            .entryList(
                {QStringLiteral("*.json"), QStringLiteral("*.tfstate")}, QDir::Files, QDir::Name)) {
        if (!name.startsWith(QLatin1String("bad-"))
            && !name.endsWith(QLatin1String(".expected.json")))
            QTest::newRow(qPrintable(name)) << fixture(name);
    }
    QTest::newRow("incident") << resource(QStringLiteral("scenarios/incident/plan.json"));
    BG_REQUIRE_CORPUS();
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestAttributeDiff::neverShowsASecret()
{
    QFETCH(QString, path);
    Result<Document> loaded = loadDocument(path);
    if (!loaded.ok())
        return; // rejected files are tst_loader's; nothing of them is ever shown
    const RuleSet &rules = defaultRules();
    const auto plan = std::make_shared<const Analysis>(analyse(*loaded, rules));
    // A state shows only when simulated as a destroy; a what-if must be masked the same way.
    const auto whatIf
        = std::make_shared<const Analysis>(analyseWhatIf(std::move(loaded).value(), rules, {}));
    int secretsLookedFor = 0;
    for (const auto &a : {plan, whatIf}) {
        for (int node = 0; node < int(a->document().resources.size()); ++node) {
            const Resource &r = a->document().resources[node];
            const std::vector<DiffRow> rows = attributeDiff(*a, node, rules);
            QVERIFY2(rows == attributeDiff(*a, node, rules), qPrintable(r.id));
            const QStringList secrets = secretsOf(a->document(), r, rules);
            secretsLookedFor += int(secrets.size());
            for (const DiffRow &row : rows) {
                QCOMPARE(row.beforeMasked, row.before == Sensitive);
                QCOMPARE(row.afterMasked, row.after == Sensitive);
                QVERIFY(!row.before.isEmpty() || !row.after.isEmpty());
                for (const QString &secret : secrets) {
                    for (const QString &text : {row.before, row.after}) {
                        QVERIFY2(!text.contains(secret) && !text.contains(jsonEscaped(secret)),
                            qPrintable(QStringLiteral("%1 %2").arg(r.id, row.path)));
                    }
                }
            }
        }
    }
    if (secretsLookedFor > 0)
        qInfo("%d secret values looked for, none shown", secretsLookedFor);
}

void TestAttributeDiff::sensitiveValues()
{
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-sensitive.json")));
    // Both sides read "(sensitive)", yet the password did change: it is not unchanged.
    const auto cluster = diffOf(*a, QStringLiteral("aws_rds_cluster.reporting"));
    QCOMPARE(rowAt(cluster, QStringLiteral("master_password")),
        row("master_password", Sensitive, Sensitive, DiffKind::Changed));
    QCOMPARE(rowAt(cluster, QStringLiteral("master_user_secret")),
        row("master_user_secret", Sensitive, Sensitive, DiffKind::Unchanged));
    QCOMPARE(rowAt(cluster, QStringLiteral("port")),
        row("port", QStringLiteral("5432"), QStringLiteral("5432"), DiffKind::Unchanged));

    // A map marked sensitive as a whole after the change is sensitive before it too (issue 13:
    // after_sensitive masks both sides): one row for the map, masked on both sides and said to
    // have changed; none of its entries (LOG_LEVEL was "info") has a row of its own.
    const auto lambda = diffOf(*a, QStringLiteral("aws_lambda_function.orders_api"));
    QCOMPARE(rowAt(lambda, QStringLiteral("environment[0].variables")),
        row("environment[0].variables", Sensitive, Sensitive, DiffKind::Changed));
    for (const DiffRow &r : lambda) {
        QVERIFY2(
            !r.path.startsWith(QLatin1String("environment[0].variables.")), qPrintable(r.path));
        QVERIFY2(!r.before.contains(QLatin1String("info")), qPrintable(r.path));
    }
    QCOMPARE(rowAt(lambda, QStringLiteral("version")),
        row("version", QStringLiteral("\"$LATEST\""), Unknown, DiffKind::UnknownAfterApply));
    for (const DiffRow &r : lambda)
        QVERIFY2(r.kind != DiffKind::Removed && r.kind != DiffKind::Added, qPrintable(r.path));
}

void TestAttributeDiff::keysAndSecrets()
{
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-keys-secrets.json")));
    const auto version = diffOf(*a, QStringLiteral("aws_secretsmanager_secret_version.api_key"));
    QCOMPARE(version.size(), size_t(7));
    QCOMPARE(rowAt(version, QStringLiteral("secret_string")),
        row("secret_string", Sensitive, {}, DiffKind::Removed));
    QCOMPARE(rowAt(version, QStringLiteral("secret_binary")),
        row("secret_binary", Sensitive, {}, DiffKind::Removed));
    QCOMPARE(rowAt(version, QStringLiteral("version_stages[0]")),
        row("version_stages[0]", QStringLiteral("\"AWSCURRENT\""), {}, DiffKind::Removed));
    const auto sops = diffOf(*a, QStringLiteral("google_kms_crypto_key.sops"));
    QCOMPARE(rowAt(sops, QStringLiteral("rotation_period")),
        row("rotation_period", QStringLiteral("\"7776000s\""), {}, DiffKind::Removed));
}

void TestAttributeDiff::replacedEngine()
{
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-db-replace.json")));
    const auto db = diffOf(*a, QStringLiteral("aws_db_instance.orders"));
    QCOMPARE(rowAt(db, QStringLiteral("engine")),
        row("engine", QStringLiteral("\"mysql\""), QStringLiteral("\"mariadb\""), DiffKind::Changed,
            true));
    QCOMPARE(rowAt(db, QStringLiteral("engine_version")).after, QStringLiteral("\"10.11\""));
    QCOMPARE(rowAt(db, QStringLiteral("endpoint")).kind, DiffKind::UnknownAfterApply);
    QCOMPARE(rowAt(db, QStringLiteral("id")).after, Unknown);
    // A whole list unknown: each of its old items goes to "known after apply", the list itself
    // is no row of its own.
    const auto record = diffOf(*a, QStringLiteral("aws_route53_record.orders_db"));
    QCOMPARE(rowAt(record, QStringLiteral("records[0]")).after, Unknown);
    QCOMPARE(rowAt(record, QStringLiteral("records[0]")).kind, DiffKind::UnknownAfterApply);
    QCOMPARE(rowAt(record, QStringLiteral("records")).path, QStringLiteral("(no row records)"));
}

void TestAttributeDiff::unknownAfterApply()
{
    // Created: unknown leaves nested in blocks, next to known ones, in the attribute order.
    const auto a = sharedAnalysisOfJson(onePlan(R"({"actions":["create"],"before":null,
        "after":{"bucket":"b","versioning":[{"enabled":true}]},
        "after_unknown":{"arn":true,"versioning":[{"mfa_delete":true,"enabled":false}],"tags":{}}})"));
    const std::vector<DiffRow> expected {
        row("arn", {}, Unknown, DiffKind::UnknownAfterApply),
        row("bucket", {}, QStringLiteral("\"b\""), DiffKind::Added),
        row("versioning[0].enabled", {}, QStringLiteral("true"), DiffKind::Added),
        row("versioning[0].mfa_delete", {}, Unknown, DiffKind::UnknownAfterApply),
    };
    const std::vector<DiffRow> rows = attributeDiff(*a, 0, defaultRules());
    QCOMPARE(rows.size(), expected.size());
    for (size_t i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i], expected[i]);
}

void TestAttributeDiff::whatIfSides()
{
    // A what-if shows the object as it is now: going away when destroyed, kept when spared.
    const QString state = fixture(QStringLiteral("state-v4-current.tfstate"));
    const Analysis a
        = analyseWhatIf(mustLoad(state), defaultRules(), {QStringLiteral("aws_vpc.main")});
    int gone = 0, kept = 0;
    for (int node = 0; node < int(a.document().resources.size()); ++node) {
        const auto rows = attributeDiff(a, node, defaultRules());
        const bool destroyed = a.impact.destroys(node);
        for (const DiffRow &r : rows)
            QCOMPARE(r.kind, destroyed ? DiffKind::Removed : DiffKind::Unchanged);
        (destroyed ? gone : kept) += rows.empty() ? 0 : 1;
    }
    QVERIFY(gone > 0 && kept > 0);
    // The same state analysed as it is: nothing changes.
    const Analysis asIs = analyse(mustLoad(state), defaultRules());
    for (int node = 0; node < int(asIs.document().resources.size()); ++node) {
        for (const DiffRow &r : attributeDiff(asIs, node, defaultRules()))
            QCOMPARE(r.kind, DiffKind::Unchanged);
    }
}

void TestAttributeDiff::incidentDatabase()
{
    // Deleted: every attribute goes, the password among them, masked.
    const auto a = sharedAnalysis(resource(QStringLiteral("scenarios/incident/plan.json")));
    const auto db = diffOf(*a, QStringLiteral("module.database.aws_db_instance.edu"));
    QCOMPARE(
        rowAt(db, QStringLiteral("password")), row("password", Sensitive, {}, DiffKind::Removed));
    QCOMPARE(rowAt(db, QStringLiteral("skip_final_snapshot")),
        row("skip_final_snapshot", QStringLiteral("true"), {}, DiffKind::Removed));
    for (const DiffRow &r : db)
        QVERIFY(!r.before.contains(QLatin1String("edu-Pr0d-pg-Zq7x4Mv2Lr9")));
}

void TestAttributeDiff::bigObjectShowsItsOneChange()
{
    // 50,000 attributes, one of them changed. (How long it takes is logged, never asserted.)
    QByteArray before, after;
    for (int i = 0; i < 50000; ++i) {
        const QByteArray item = (i ? "," : "") + QByteArray("\"attr_") + QByteArray::number(i)
            + "\":\"v" + QByteArray::number(i) + '"';
        before += item;
        after += i == 777 ? QByteArray(",\"attr_777\":\"changed\"") : item;
    }
    const auto a = sharedAnalysisOfJson(
        onePlan(R"({"actions":["update"],"before":{)" + before + R"(},"after":{)" + after + "}}"));
    QElapsedTimer timer;
    timer.start();
    const std::vector<DiffRow> rows = attributeDiff(*a, 0, defaultRules());
    qInfo("50,000 attributes diffed in %lld ms", timer.elapsed());
    QCOMPARE(rows.size(), size_t(50000));
    const auto changed = std::count_if(
        rows.begin(), rows.end(), [](const DiffRow &r) { return r.kind != DiffKind::Unchanged; });
    QCOMPARE(int(changed), 1);
    QCOMPARE(rowAt(rows, QStringLiteral("attr_777")),
        row("attr_777", QStringLiteral("\"v777\""), QStringLiteral("\"changed\""),
            DiffKind::Changed));
}

QTEST_GUILESS_MAIN(TestAttributeDiff)
#include "tst_attributediff.moc"
