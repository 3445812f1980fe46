// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Reports: the JSON schema and its summary counts against an independent count, text order,
// and the promise that no sensitive value appears in any output format.
#include "core/loading/loader.h"
#include "core/report/jsonstream.h"
#include "core/report/report.h"
#include "core/review/statediff.h"
#include "core/risk/masking.h"
#include "testutils.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace bg::core;
using namespace bg::tests;

class TestReport : public QObject {
    Q_OBJECT

private slots:
    void summaryMatchesResourceChanges_data();
    void summaryMatchesResourceChanges();
    void jsonSchema();
    void textPutsCriticalFirst();
    void markdownDetailsEscaped();
    void secretsNeverAppear_data();
    void secretsNeverAppear();
    void secretNamesAreMasked();
    void diffMasksChangedSecrets();
    void divergedStates();
    void deferredAndActionsInEveryFormat();
    void taintedAndDeposedState();
    void staleDiffForgets();
    void corpusIdentityAndActions();
    void streamedJsonIsQtsLayout();
    void longValuesAreCut();
};

namespace {

QJsonObject jsonReport(const Analysis &a)
{
    return QJsonDocument::fromJson(renderReport(a, defaultRules(), ReportFormat::Json)).object();
}

// Walks a value beside its same-shape sensitivity map: leaves under `true` go to *secret,
// the others to *visible.
void collect(
    const QJsonValue &value, const QJsonValue &mask, QStringList *secret, QStringList *visible)
{
    const bool marked = mask.isBool() && mask.toBool();
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collect(it.value(), marked ? mask : mask.toObject().value(it.key()), secret, visible);
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (int i = 0; i < a.size(); ++i)
            collect(a[i], marked ? mask : mask.toArray().at(i), secret, visible);
    } else if (value.isString()) {
        (marked ? secret : visible)->append(value.toString());
    }
}

// Every sensitive string in a file, found with Qt's own parser: plan before/after maps,
// state sensitive_values, raw sensitive_attributes. A string that also stands unmarked
// somewhere (or is part of an address) may legitimately be shown, so it is left out.
QStringList sensitiveStrings(const QString &path)
{
    QStringList secret, visible;
    const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
    for (const QJsonValue &rc : root.value(QStringLiteral("resource_changes")).toArray()) {
        const QJsonObject c = rc.toObject().value(QStringLiteral("change")).toObject();
        visible.append(rc.toObject().value(QStringLiteral("address")).toString());
        collect(c.value(QStringLiteral("before")), c.value(QStringLiteral("before_sensitive")),
            &secret, &visible);
        collect(c.value(QStringLiteral("after")), c.value(QStringLiteral("after_sensitive")),
            &secret, &visible);
    }
    std::function<void(const QJsonObject &)> walkModule = [&](const QJsonObject &m) {
        for (const QJsonValue &r : m.value(QStringLiteral("resources")).toArray()) {
            visible.append(r.toObject().value(QStringLiteral("address")).toString());
            collect(r.toObject().value(QStringLiteral("values")),
                r.toObject().value(QStringLiteral("sensitive_values")), &secret, &visible);
        }
        for (const QJsonValue &c : m.value(QStringLiteral("child_modules")).toArray())
            walkModule(c.toObject());
    };
    walkModule(root.value(QStringLiteral("values"))
                   .toObject()
                   .value(QStringLiteral("root_module"))
                   .toObject());
    walkModule(root.value(QStringLiteral("prior_state"))
                   .toObject()
                   .value(QStringLiteral("values"))
                   .toObject()
                   .value(QStringLiteral("root_module"))
                   .toObject());
    for (const QJsonValue &r : root.value(QStringLiteral("resources")).toArray()) {
        visible.append(r.toObject().value(QStringLiteral("name")).toString());
        for (const QJsonValue &inst : r.toObject().value(QStringLiteral("instances")).toArray()) {
            QJsonObject mask;
            for (const QJsonValue &p :
                inst.toObject().value(QStringLiteral("sensitive_attributes")).toArray())
                mask.insert(
                    p.toArray().at(0).toObject().value(QStringLiteral("value")).toString(), true);
            collect(inst.toObject().value(QStringLiteral("attributes")), mask, &secret, &visible);
        }
    }
    secret.removeDuplicates();
    secret.removeIf([&](const QString &s) {
        return s.size() < 3 || std::any_of(visible.begin(), visible.end(), [&](const QString &v) {
            return v.contains(s);
        });
    });
    return secret;
}

void assertAbsent(const QByteArray &output, const QStringList &secrets, const QString &what,
    const QString &inputPath = QString())
{
    // The input's SHA-256 is hex and may contain a short secret by chance, and so may the
    // checkout's path the report prints (a folder named "bar" holds the secret "bar"): leave
    // both out.
    QString text = QString::fromUtf8(output);
    text.remove(QRegularExpression(QStringLiteral("[0-9a-f]{64}")));
    if (!inputPath.isEmpty()) {
        for (const QString &form :
            {inputPath, QFileInfo(inputPath).absoluteFilePath(), QFileInfo(inputPath).fileName()})
            text.remove(form);
    }
    for (const QString &secret : secrets)
        QVERIFY2(!text.contains(secret),
            qPrintable(QStringLiteral("%1 shows the secret \"%2\"").arg(what, secret)));
}

} // namespace

void TestReport::summaryMatchesResourceChanges_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("incident") << resource(QStringLiteral("scenarios/incident/plan.json"));
    for (const QString &path :
        QDir(QStringLiteral(BG_FIXTURES))
            .entryList({QStringLiteral("plan-*.json")})
            .filter(QRegularExpression(QStringLiteral("^plan-[a-z-]+\\.json$"))))
        QTest::newRow(qPrintable(path)) << fixture(path);
    for (const QString &path : corpusFiles()) {
        if (path.endsWith(QLatin1String("plan.json")))
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }
}

void TestReport::summaryMatchesResourceChanges()
{
    QFETCH(QString, path);
    Result<Document> r = loadDocument(path);
    QVERIFY2(r.ok(), qPrintable(errorText(r)));
    const QJsonObject report = jsonReport(analyse(std::move(r.value()), defaultRules()));
    // Count independently, with Qt's parser (the UTF-16 corpus file is decoded by hand).
    QByteArray bytes = readAll(path);
    if (bytes.startsWith("\xFF\xFE"))
        bytes = QString::fromUtf16(
            reinterpret_cast<const char16_t *>(bytes.constData() + 2), (bytes.size() - 2) / 2)
                    .toUtf8();
    QHash<QString, int> expected;
    const QJsonArray changes = QJsonDocument::fromJson(bytes)
                                   .object()
                                   .value(QStringLiteral("resource_changes"))
                                   .toArray();
    for (const QJsonValue &c : changes) {
        const QJsonArray a = c.toObject()
                                 .value(QStringLiteral("change"))
                                 .toObject()
                                 .value(QStringLiteral("actions"))
                                 .toArray();
        QStringList actions;
        for (const QJsonValue &v : a)
            actions.append(v.toString());
        QString key = actions.value(0);
        if (actions == QStringList {"delete", "create"}
            || actions == QStringList {"create", "delete"})
            key = QStringLiteral("replace");
        else if (key == QLatin1String("no-op"))
            key = QStringLiteral("no_op");
        ++expected[key];
    }
    const QJsonObject summary = report.value(QStringLiteral("summary")).toObject();
    int total = 0;
    for (const char *name : {"delete", "replace", "create", "update", "read", "no_op", "forget"}) {
        const QString key = QLatin1String(name);
        QVERIFY2(summary.value(key).isDouble(), qPrintable(key));
        QCOMPARE(summary.value(key).toInt(), expected.value(key));
        total += summary.value(key).toInt();
    }
    QCOMPARE(total, changes.size());
    QCOMPARE(report.value(QStringLiteral("resources")).toArray().size(), changes.size());
}

void TestReport::jsonSchema()
{
    const QJsonObject report = jsonReport(analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules()));
    QCOMPARE(
        report.value(QStringLiteral("schema")).toString(), QStringLiteral("blastguard.report/v1"));
    const QJsonObject summary = report.value(QStringLiteral("summary")).toObject();
    QVERIFY(summary.value(QStringLiteral("critical")).toInt() > 0);
    int critical = 0;
    for (const QJsonValue &f : report.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject o = f.toObject();
        for (const char *key : {"severity", "code", "address", "message"})
            QVERIFY2(o.value(QLatin1String(key)).isString()
                    && !o.value(QLatin1String(key)).toString().isEmpty(),
                key);
        critical += o.value(QStringLiteral("severity")).toString() == QLatin1String("critical");
    }
    QCOMPARE(summary.value(QStringLiteral("critical")).toInt(), critical);
    for (const QJsonValue &r : report.value(QStringLiteral("resources")).toArray()) {
        const QJsonObject o = r.toObject();
        for (const char *key : {"address", "type", "action", "category"})
            QVERIFY2(o.value(QLatin1String(key)).isString(), key);
        QVERIFY(o.value(QStringLiteral("critical")).isBool());
        QVERIFY(o.value(QStringLiteral("reasons")).isArray());
    }
    QVERIFY(report.value(QStringLiteral("warnings")).isArray());
    const QString sha = report.value(QStringLiteral("input"))
                            .toObject()
                            .value(QStringLiteral("sha256"))
                            .toString();
    QCOMPARE(sha.size(), 64);
}

void TestReport::textPutsCriticalFirst()
{
    const Analysis a = analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
    const QString text = QString::fromUtf8(renderReport(a, defaultRules(), ReportFormat::Text));
    const qsizetype headline = text.indexOf(QLatin1String("DATA LOSS: Deletes"));
    const qsizetype critical = text.indexOf(QLatin1String("Critical findings"));
    const qsizetype counts = text.indexOf(QLatin1String("\nCounts\n"));
    const qsizetype list = text.indexOf(QLatin1String("Destroyed or replaced"));
    QVERIFY2(headline > 0 && headline < critical && critical < counts && counts < list,
        qPrintable(text.left(600)));
    QVERIFY(text.contains(QLatin1String("database")));
    // The first critical loss in destroy order is the point of no return: here a manual
    // snapshot, which goes before the database it was taken from.
    QCOMPARE(a.document().resources[a.pointOfNoReturn()].id,
        QStringLiteral("module.database.aws_db_snapshot.manual_2026_01"));
    QVERIFY(text.contains(
        QStringLiteral("module.database.aws_db_snapshot.manual_2026_01 (snapshot) — CRITICAL — "
                       "POINT OF NO RETURN")));
    const QString md = QString::fromUtf8(renderReport(a, defaultRules(), ReportFormat::Markdown));
    QVERIFY(md.startsWith(QLatin1String("# Blastguard")));
    QVERIFY(md.contains(QLatin1String("## Critical findings")));
}

// The Markdown of the text report (a state diff's) escapes a step's loss: a finding with no
// rule words is told by its message, which carries plan text.
void TestReport::markdownDetailsEscaped()
{
    Analysis a = analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
    const int node = a.impact.destroyOrder.front();
    const QString hostile = QStringLiteral("<img src=x> *all* [here](http://x) _gone_ `tick`");
    a.findings.insert(a.findings.begin(),
        {Severity::Critical, node, QStringLiteral("not-a-rule"), a.document().resources[node].id,
            hostile + QStringLiteral(". More."), QString()});
    const QString md = QString::fromUtf8(detail::renderText(a, defaultRules(), true));
    const qsizetype lost = md.indexOf(QLatin1String("lost: "));
    QVERIFY2(lost > 0, qPrintable(md));
    const QString line = md.mid(lost, md.indexOf(QLatin1Char('\n'), lost) - lost);
    QVERIFY2(line.contains(QLatin1String("\\<img src=x\\> \\*all\\* \\[here\\](http://x) "
                                         "\\_gone\\_ \\`tick\\`")),
        qPrintable(line));
    const QString text = QString::fromUtf8(detail::renderText(a, defaultRules(), false));
    QVERIFY2(text.contains(QStringLiteral("lost: ")) && text.contains(hostile), qPrintable(text));
}

void TestReport::secretsNeverAppear_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("secrets");
    const QString sensitive = fixture(QStringLiteral("plan-sensitive.json"));
    if (QFileInfo::exists(sensitive)) {
        QStringList listed
            = QString::fromUtf8(readAll(fixture(QStringLiteral("plan-sensitive.secrets.txt"))))
                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QTest::newRow("plan-sensitive") << sensitive << (listed + sensitiveStrings(sensitive));
    }
    QTest::newRow("incident") << resource(QStringLiteral("scenarios/incident/plan.json"))
                              << sensitiveStrings(
                                     resource(QStringLiteral("scenarios/incident/plan.json")));
    for (const QString &path : corpusFiles()) {
        const QStringList secrets = sensitiveStrings(path);
        if (!secrets.isEmpty())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path << secrets;
    }
}

void TestReport::secretsNeverAppear()
{
    QFETCH(QString, path);
    QFETCH(QStringList, secrets);
    QVERIFY(!secrets.isEmpty());
    // A rule that quotes every attribute it can: the worst case for leaks.
    QTemporaryDir dir;
    QFile rulesFile(dir.filePath(QStringLiteral("quote.json")));
    QVERIFY(rulesFile.open(QIODevice::WriteOnly));
    rulesFile.write(
        R"({"schema":"blastguard.rules/v1","findings":[{"code":"quote","severity":"info","types":["*"],
      "actions":["create","update","delete","replace","forget"],
      "message":"{attr:password} {attr:secret_string} {attr:value} {attr:content} {attr:ami} {attr:private_key}"}]})");
    rulesFile.close();
    RuleSet rules = defaultRules();
    const Result<RuleSet> quote = RuleSet::load(rulesFile.fileName());
    QVERIFY2(quote, qPrintable(errorText(quote)));
    rules.merge(*quote);

    Document doc = mustLoad(path);
    const Analysis a = doc.kind == DocumentKind::Plan ? analyse(std::move(doc), rules)
                                                      : analyseWhatIf(std::move(doc), rules, {});
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json})
        assertAbsent(renderReport(a, rules, format), secrets, QStringLiteral("the report"), path);
    for (const Resource &r : a.document().resources) {
        for (Side side : {Side::Before, Side::After}) {
            const auto lines = flattenAttributes(maskedValues(a.document(), r, side, rules));
            QByteArray all;
            for (const auto &[p, v] : lines)
                all += (p + QLatin1Char('=') + v + QLatin1Char('\n')).toUtf8();
            assertAbsent(all, secrets, QStringLiteral("the attributes of %1").arg(r.id));
        }
    }
}

void TestReport::secretNamesAreMasked()
{
    Result<Document> r = loadDocumentFromBytes(
        R"({"format_version":"1.2","resource_changes":[{"address":"aws_db_instance.d",
      "type":"aws_db_instance","name":"d","change":{"actions":["delete"],"before":{"identifier":"prod","master_password":"pw-unmarked-1",
      "nested":[{"api_token":"tok-unmarked-2"}],"cert":"-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n",
      "password_enabled":true},"after":null,"before_sensitive":{}}}]})",
        QStringLiteral("p.json"));
    QVERIFY(r.ok());
    const Resource &res = r->resources[0];
    const auto lines
        = flattenAttributes(maskedValues(r.value(), res, Side::Before, defaultRules()));
    QHash<QString, QString> values;
    for (const auto &[p, v] : lines)
        values.insert(p, v);
    QCOMPARE(values.value(QStringLiteral("identifier")), QStringLiteral("\"prod\""));
    QCOMPARE(values.value(QStringLiteral("master_password")), QStringLiteral("(sensitive)"));
    QCOMPARE(values.value(QStringLiteral("nested[0].api_token")), QStringLiteral("(sensitive)"));
    QCOMPARE(values.value(QStringLiteral("cert")), QStringLiteral("(sensitive)"));
    QCOMPARE(values.value(QStringLiteral("password_enabled")), QStringLiteral("true"));
}

void TestReport::diffMasksChangedSecrets()
{
    const auto state = [](const char *serial, const char *password, const char *name) {
        return QByteArray(R"({"version":4,"serial":)") + serial
            + R"(,"lineage":"L","resources":[{"mode":"managed","type":"aws_db_instance","name":"d",
          "instances":[{"attributes":{"identifier":")"
            + name + R"(","password":")" + password + R"("},
          "sensitive_attributes":[[{"type":"get_attr","value":"password"}]]}]}]})";
    };
    QTemporaryDir dir;
    QFile a(dir.filePath(QStringLiteral("a.tfstate"))),
        b(dir.filePath(QStringLiteral("b.tfstate")));
    QVERIFY(a.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly));
    a.write(state("9", "old-Secret-1", "prod"));
    b.write(state("4", "new-Secret-2", "prod-2"));
    a.close();
    b.close();
    const StateDiff diff
        = diffStates(mustLoad(a.fileName()), mustLoad(b.fileName()), defaultRules());
    QCOMPARE(diff.changed.size(), size_t(1));
    QStringList paths;
    for (const AttributeChange &c : diff.changed[0].attributes)
        paths.append(c.path + QLatin1Char('=') + c.before + QStringLiteral("->") + c.after);
    QCOMPARE(paths,
        (QStringList {"identifier=\"prod\"->\"prod-2\"", "password=(sensitive)->(sensitive)"}));
    QCOMPARE(diff.warnings.size(), size_t(1));
    QCOMPARE(diff.warnings[0].code, QStringLiteral("stale-state"));
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json})
        assertAbsent(renderDiff(diff, defaultRules(), format), {"old-Secret-1", "new-Secret-2"},
            QStringLiteral("the diff"));
}

// Same lineage, same serial, other content: Terraform refuses to push one over the other
// (statemgr: "a different state that has the same serial"). The same content spaced
// otherwise is no divergence.
void TestReport::divergedStates()
{
    const QString current = fixture(QStringLiteral("state-v4-current.tfstate"));
    const StateDiff diverged = diffStates(mustLoad(current),
        mustLoad(fixture(QStringLiteral("state-v4-diverged.tfstate"))), defaultRules());
    QCOMPARE(diverged.warnings.size(), size_t(1));
    QCOMPARE(diverged.warnings[0].code, QStringLiteral("diverged-state"));
    QVERIFY(diverged.warnings[0].message.contains(QLatin1String("serial 214")));

    QTemporaryDir dir;
    const QByteArray compact
        = QJsonDocument::fromJson(readAll(current)).toJson(QJsonDocument::Compact);
    const StateDiff same = diffStates(mustLoad(current),
        mustLoad(writeBytes(dir, QStringLiteral("compact.tfstate"), compact)), defaultRules());
    QVERIFY(same.warnings.empty());
}

namespace {

QString render(const Analysis &a, ReportFormat format)
{
    return QString::fromUtf8(renderReport(a, defaultRules(), format));
}

} // namespace

// plan-deferred-actions.json: the deferred changes are listed as not applied in this run (never
// counted), the action invocation is listed, the identity shows masked, and the action's
// configuration values (a token in its payload) never appear.
void TestReport::deferredAndActionsInEveryFormat()
{
    const Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("plan-deferred-actions.json"))), defaultRules());
    QCOMPARE(a.impact.countsLine(),
        QStringLiteral("0 delete, 0 replace, 0 create, 1 update, 0 read, 0 no-op, 0 forget"));
    const QString text = render(a, ReportFormat::Text);
    QVERIFY2(text.contains(QStringLiteral(
                 "Deferred (not applied in this run) (2)\n"
                 "  - terraform_data.announce — create, deferred because something it depends on "
                 "was deferred too (deferred_prereq)\n"
                 "  - terraform_data.worker[*] — create, deferred because its count or for_each "
                 "is not known yet (instance_count_unknown)\n")),
        qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Actions this apply runs (1)\n"
                                         "  - action.aws_lambda_invoke.notify — aws_lambda_invoke, "
                                         "invoked directly (-invoke)\n")));
    const QString md = render(a, ReportFormat::Markdown);
    QVERIFY2(md.contains(QStringLiteral("## Deferred (not applied in this run) (2)\n\n"
                                        "- `terraform_data.announce` — create, deferred because "
                                        "something it depends on was deferred too "
                                        "(deferred_prereq)\n")),
        qPrintable(md));
    QVERIFY(md.contains(QStringLiteral("- `terraform_data.worker[*]` — create")));
    QVERIFY(md.contains(QStringLiteral("## Actions this apply runs (1)\n\n"
                                       "- `action.aws_lambda_invoke.notify` — aws_lambda_invoke")));
    const QJsonObject json = jsonReport(a);
    const QJsonArray deferred = json.value(QStringLiteral("deferred")).toArray();
    QCOMPARE(deferred.size(), 2);
    QCOMPARE(deferred[1].toObject(),
        (QJsonObject {{"address", "terraform_data.worker[*]"}, {"action", "create"},
            {"reason", "instance_count_unknown"}}));
    QCOMPARE(json.value(QStringLiteral("deferred_total")).toInt(), 2);
    const QJsonArray actions = json.value(QStringLiteral("action_invocations")).toArray();
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions[0].toObject(),
        (QJsonObject {{"address", "action.aws_lambda_invoke.notify"}, {"type", "aws_lambda_invoke"},
            {"trigger", "invoke"}, {"provider_name", "registry.terraform.io/hashicorp/aws"}}));
    const QJsonObject web = json.value(QStringLiteral("resources")).toArray()[0].toObject();
    QCOMPARE(web.value(QStringLiteral("identity")).toObject(),
        (QJsonObject {{"account_id", "210987654321"}, {"id", "i-0f9e7d5c3b1a24680"},
            {"region", "us-east-1"}}));
    QVERIFY(!web.contains(QStringLiteral("status")));
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json})
        assertAbsent(renderReport(a, defaultRules(), format), {"S3cr3t", "deploy-notifier"},
            QStringLiteral("the deferred-actions report"));

    // A plan without any: no section, empty lists.
    const Analysis plain
        = analyse(mustLoad(fixture(QStringLiteral("plan-db-replace.json"))), defaultRules());
    QVERIFY(!render(plain, ReportFormat::Text).contains(QStringLiteral("Deferred")));
    QVERIFY(!render(plain, ReportFormat::Markdown).contains(QStringLiteral("Actions this apply")));
    QCOMPARE(jsonReport(plain).value(QStringLiteral("deferred")).toArray().size(), 0);
    QCOMPARE(jsonReport(plain).value(QStringLiteral("action_invocations")).toArray().size(), 0);
}

// state-v4-tainted.tfstate: nothing is destroyed by a state, but the next plan replaces the
// tainted database (replace_because_tainted) and deletes the deposed instance.
void TestReport::taintedAndDeposedState()
{
    const Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("state-v4-tainted.tfstate"))), defaultRules());
    const QString headline
        = QStringLiteral("A state: nothing is destroyed until you simulate a destroy; but the next "
                         "plan replaces 1 tainted database (aws_db_instance.db) and deletes 1 "
                         "deposed object (aws_instance.web (deposed object 4f1c9a2e)).");
    QCOMPARE(a.headline(defaultRules()), headline);
    const QString text = render(a, ReportFormat::Text);
    QVERIFY(text.contains(headline));
    QVERIFY(text.contains(QStringLiteral("What the next plan does to this state (2)\n"
                                         "  - aws_db_instance.db — replaced "
                                         "(replace_because_tainted)")));
    QVERIFY(text.contains(
        QStringLiteral("  - aws_instance.web (deposed object 4f1c9a2e) — deleted: a deposed")));
    const QString md = render(a, ReportFormat::Markdown);
    QVERIFY(md.contains(headline));
    QVERIFY(md.contains(QStringLiteral("## What the next plan does to this state (2)\n\n"
                                       "- `aws_db_instance.db` — replaced")));
    const QJsonObject json = jsonReport(a);
    QCOMPARE(json.value(QStringLiteral("headline")).toString(), headline);
    const QJsonArray resources = json.value(QStringLiteral("resources")).toArray();
    QCOMPARE(resources.size(), 3);
    QCOMPARE(resources[0].toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("tainted"));
    QCOMPARE(resources[0].toObject().value(QStringLiteral("next_plan")).toString(),
        QStringLiteral("replace"));
    QVERIFY(!resources[1].toObject().contains(QStringLiteral("next_plan")));
    QCOMPARE(resources[1].toObject().value(QStringLiteral("identity")).toObject().value("id"),
        QJsonValue(QStringLiteral("i-0c7a2e5f9b1d34860")));
    QCOMPARE(resources[2].toObject().value(QStringLiteral("deposed")).toString(),
        QStringLiteral("4f1c9a2e"));
    QCOMPARE(resources[2].toObject().value(QStringLiteral("next_plan")).toString(),
        QStringLiteral("delete"));
    QCOMPARE(json.value(QStringLiteral("next_plan")).toArray(),
        (QJsonArray {QJsonObject {{"address", "aws_db_instance.db"}, {"action", "replace"},
                         {"because", "tainted"}},
            QJsonObject {{"address", "aws_instance.web"}, {"action", "delete"},
                {"because", "deposed"}, {"deposed", "4f1c9a2e"}}}));
    QCOMPARE(json.value(QStringLiteral("summary")).toObject().value("no_op").toInt(), 3);
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json})
        assertAbsent(renderReport(a, defaultRules(), format), {"S3cr3t-state-edu-db-pw-Mv4Qx8"},
            QStringLiteral("the tainted state's report"));

    // A what-if on the same state destroys; the next-plan words are a state's only.
    const Analysis whatIf = analyseWhatIf(
        mustLoad(fixture(QStringLiteral("state-v4-tainted.tfstate"))), defaultRules(), {});
    QVERIFY(!render(whatIf, ReportFormat::Text).contains(QStringLiteral("next plan")));
    // A state without either says what it said.
    const Analysis stale
        = analyse(mustLoad(fixture(QStringLiteral("state-v4-stale.tfstate"))), defaultRules());
    QCOMPARE(stale.headline(defaultRules()),
        QStringLiteral("A state: nothing is destroyed until you simulate a destroy."));
}

// diff CURRENT STALE: the stale state in use lacks what the newer one holds. Nothing of it was
// destroyed; it is forgotten, still running, unmanaged, and no finding calls it data loss.
void TestReport::staleDiffForgets()
{
    const StateDiff diff = diffStates(mustLoad(fixture(QStringLiteral("state-v4-current.tfstate"))),
        mustLoad(fixture(QStringLiteral("state-v4-stale.tfstate"))), defaultRules());
    QVERIFY(diff.stale);
    QCOMPARE(diff.forgotten.size(), size_t(4));
    const QString headline = QStringLiteral(
        "The state in use is stale: it forgot 4 resources the newer state holds. Not destroyed: "
        "they are still there, unmanaged, 3 of them data stores.");
    const QString text = QString::fromUtf8(renderDiff(diff, defaultRules(), ReportFormat::Text));
    QVERIFY2(
        text.contains(QStringLiteral("\n") + headline + QStringLiteral("\n")), qPrintable(text));
    QVERIFY(
        text.contains(QStringLiteral("Forgotten by the state, still running (unmanaged) (4)\n")));
    QVERIFY(text.contains(QStringLiteral(
        "  - module.database.aws_db_snapshot.pre_migration (snapshot) — data store: it and its "
        "data are still there, but a later apply of this stale state may create a second one "
        "beside it (or fail on its name), and a destroy would not touch it\n")));
    QVERIFY(text.contains(
        QStringLiteral("  - aws_instance.bastion (deposed object 5d2f7a1c) (compute)\n")));
    QVERIFY(!text.contains(QStringLiteral("DATA LOSS")));
    QVERIFY(!text.contains(QStringLiteral("data-snapshot-destroyed")));
    const QString md = QString::fromUtf8(renderDiff(diff, defaultRules(), ReportFormat::Markdown));
    QVERIFY(md.contains(headline));
    QVERIFY(
        md.contains(QStringLiteral("## Forgotten by the state, still running (unmanaged) (4)\n\n"
                                   "- `aws_instance.bastion (deposed object 5d2f7a1c)`")));
    QVERIFY(!md.contains(QStringLiteral("DATA LOSS")));
    const QJsonObject json
        = QJsonDocument::fromJson(renderDiff(diff, defaultRules(), ReportFormat::Json)).object();
    QCOMPARE(json.value(QStringLiteral("headline")).toString(), headline);
    QCOMPARE(json.value(QStringLiteral("lost")).toArray().size(), 0);
    QCOMPARE(json.value(QStringLiteral("findings")).toArray().size(), 0);
    QCOMPARE(json.value(QStringLiteral("summary")).toObject().value("delete").toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("summary")).toObject().value("critical").toInt(), 0);
    const QJsonArray forgotten = json.value(QStringLiteral("forgotten")).toArray();
    QCOMPARE(forgotten.size(), 4);
    QCOMPARE(forgotten[1].toObject(),
        (QJsonObject {{"address", "aws_s3_bucket.store[\"exports\"]"}, {"category", "storage"},
            {"data_store", true}}));
    // What the stale state forgot still shows as destroyed to the replay and saved-by, which
    // model planning from it.
    QCOMPARE(diff.lost.impact.destroyOrder.size(), size_t(4));

    // The other way round the older file is the one in use: nothing is stale, what it lacks was
    // added since, and `forgotten` is empty.
    const StateDiff forward
        = diffStates(mustLoad(fixture(QStringLiteral("state-v4-stale.tfstate"))),
            mustLoad(fixture(QStringLiteral("state-v4-current.tfstate"))), defaultRules());
    QVERIFY(!forward.stale && forward.forgotten.empty());
    const QJsonObject fj
        = QJsonDocument::fromJson(renderDiff(forward, defaultRules(), ReportFormat::Json)).object();
    QCOMPARE(fj.value(QStringLiteral("forgotten")).toArray().size(), 0);
    QCOMPARE(fj.value(QStringLiteral("added")).toArray().size(), 4);
}

// Written by real Terraform (the corpus's MANIFEST.tsv): a state-show with an identity
// (terraform-json testdata/identity/state.json), a raw state with identities (Terraform's
// internal/command/testdata/state-identities-nested-modules) and a plan with an action
// invocation (terraform-json testdata/actions/plan.json).
void TestReport::corpusIdentityAndActions()
{
    BG_REQUIRE_CORPUS();
    const QDir corpus(corpusDir());
    const Analysis show = analyse(
        mustLoad(corpus.filePath(QStringLiteral("terraform-json__identity__state-show.json"))),
        defaultRules());
    const QJsonArray resources = jsonReport(show).value(QStringLiteral("resources")).toArray();
    QCOMPARE(resources.size(), 2);
    QVERIFY(!resources[0].toObject().contains(QStringLiteral("identity")));
    QCOMPARE(resources[1].toObject().value(QStringLiteral("identity")).toObject(),
        (QJsonObject {{"age", 999}, {"email", "a@example.com"}, {"name", "test"}}));

    const Analysis raw = analyse(
        mustLoad(corpus.filePath(QStringLiteral("terraform__state-identities-nested-modules__"
                                                "terraform.tfstate"))),
        defaultRules());
    const QJsonArray rawResources = jsonReport(raw).value(QStringLiteral("resources")).toArray();
    QCOMPARE(rawResources.size(), 6);
    for (const QJsonValue &r : rawResources)
        QVERIFY(r.toObject().value(QStringLiteral("identity")).toObject().contains("project"));

    const Analysis actions = analyse(
        mustLoad(corpus.filePath(QStringLiteral("terraform-json__action-invocations__plan.json"))),
        defaultRules());
    QCOMPARE(jsonReport(actions).value(QStringLiteral("action_invocations")).toArray(),
        (QJsonArray {QJsonObject {{"address", "action.bufo_print.success"}, {"type", "bufo_print"},
            {"trigger", "invoke"}, {"provider_name", "registry.terraform.io/austinvalle/bufo"}}}));
    QVERIFY(
        render(actions, ReportFormat::Text)
            .contains(QStringLiteral("Actions this apply runs (1)\n  - action.bufo_print.success "
                                     "— bufo_print, invoked directly (-invoke)\n")));
    QVERIFY(!render(actions, ReportFormat::Text).contains(QStringLiteral("bufo-the-builder")));
}

namespace {

QString randomText(QRandomGenerator &random)
{
    // Quotes, backslashes, every control character, DEL, Latin-1, CJK, emoji (surrogate pairs).
    static const QString pool = QStringLiteral("ab\"\\/ \u007f\u00e9\u20ac\u2028\U0001F600") + [] {
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls += QChar(c);
        return controls;
    }();
    QString text;
    const int n = random.bounded(12);
    for (int i = 0; i < n; ++i) {
        if (random.bounded(4) == 0) { // a run of plain ASCII, written eight units at a time
            text += QStringLiteral("plain ASCII, printable: ~!").left(random.bounded(27));
            continue;
        }
        const int at = random.bounded(int(pool.size()));
        text += pool[at];
        if (pool[at].isHighSurrogate())
            text += pool[at + 1];
    }
    return text;
}

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 3 ? 5 : 7)) {
    case 0:
        return QJsonValue();
    case 1:
        return random.bounded(2) == 1;
    case 2:
        return qint64(random.generate64() >> random.bounded(64)) * (random.bounded(2) ? 1 : -1);
    case 3:
        return random.bounded(2) ? random.generateDouble() * 1e6 : 0.5 * random.bounded(100);
    case 4:
        return randomText(random);
    case 5: {
        QJsonArray array;
        for (int i = random.bounded(4); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = random.bounded(4); i > 0; --i)
            object.insert(randomText(random), randomValue(random, depth + 1));
        return object;
    }
    }
}

} // namespace

// The report is streamed (jsonstream.h) but must read exactly as QJsonDocument writes it, byte
// for byte: keys sorted, four-space indentation, the same escapes and numbers.
// Qt's JSON with each character that acts unseen and that Qt writes raw (all but the C0
// controls, which it escapes) escaped as the stream escapes it: \\uXXXX, by UTF-16 unit.
QByteArray unseenEscaped(const QByteArray &json)
{
    QString out;
    for (const char32_t c : QString::fromUtf8(json).toUcs4()) {
        const QString units = QString::fromUcs4(&c, 1);
        if (c < 0x80 || !actsUnseen(c)) {
            out += units;
            continue;
        }
        for (const QChar unit : units)
            out += QStringLiteral("\\u%1").arg(unit.unicode(), 4, 16, QLatin1Char('0'));
    }
    return out.toUtf8();
}

void TestReport::streamedJsonIsQtsLayout()
{
    QRandomGenerator random(18);
    for (int round = 0; round < 2000; ++round) {
        QJsonObject root;
        for (int i = random.bounded(6); i >= 0; --i)
            root.insert(randomText(random), randomValue(random, 0));
        QByteArray streamed;
        {
            const ByteSink sink = [&streamed](QByteArrayView piece) {
                streamed.append(piece);
            };
            JsonStream out(sink);
            out.value(root);
        }
        const QByteArray expected
            = unseenEscaped(QJsonDocument(root).toJson(QJsonDocument::Indented));
        if (streamed != expected)
            QFAIL(qPrintable(QStringLiteral("round %1:\n%2\nvs Qt's\n%3")
                                 .arg(round)
                                 .arg(QString::fromUtf8(streamed), QString::fromUtf8(expected))));
    }
    // A key given as UTF-8 (key(QByteArrayView)) is escaped byte by byte, sixteen at a time
    // where it can be: keys of every length from 0 to 40 over an alphabet of bytes to escape
    // and not (each kind at every place of a sixteen-byte block), as Qt writes them.
    const QStringList pieces {QStringLiteral("a"), QStringLiteral("Z"), QStringLiteral(" "),
        QStringLiteral("\""), QStringLiteral("\\"), QStringLiteral("\n"), QStringLiteral("\t"),
        QString(QChar(0x01)), QString(QChar(0x1f)), QString(QChar(0x7f)), QString(QChar(0xe9)),
        QString::fromUcs4(U"\U0001F600")};
    // The same names as one string written in three pieces (string({...}), a replay step's
    // sentence), cut between characters at random places.
    for (int round = 0; round < 5000; ++round) {
        QString name;
        std::vector<qsizetype> cuts {0};
        for (int i = round % 41; i > 0; --i) {
            name += pieces[random.bounded(pieces.size())];
            cuts.push_back(name.size());
        }
        QByteArray streamed, inPieces;
        {
            const ByteSink sink = [&streamed](QByteArrayView piece) {
                streamed.append(piece);
            };
            JsonStream out(sink);
            out.beginObject();
            const QByteArray utf8 = name.toUtf8();
            out.key(QByteArrayView(utf8));
            out.null();
            out.end();
        }
        QCOMPARE(streamed,
            QJsonDocument(QJsonObject {{name, QJsonValue::Null}}).toJson(QJsonDocument::Indented));
        {
            const ByteSink sink = [&inPieces](QByteArrayView piece) {
                inPieces.append(piece);
            };
            JsonStream out(sink);
            qsizetype first = cuts[size_t(random.bounded(int(cuts.size())))];
            qsizetype second = cuts[size_t(random.bounded(int(cuts.size())))];
            if (first > second)
                std::swap(first, second);
            const QStringView whole(name);
            out.beginArray();
            out.string(
                {whole.first(first), whole.sliced(first, second - first), whole.sliced(second)});
            out.end();
        }
        QCOMPARE(inPieces, QJsonDocument(QJsonArray {name}).toJson(QJsonDocument::Indented));
    }
    // A string far longer than the stream's buffer goes through whole.
    const QString long_(300000, QLatin1Char('q'));
    QByteArray streamed;
    {
        const ByteSink sink = [&streamed](QByteArrayView piece) {
            streamed.append(piece);
        };
        JsonStream out(sink);
        out.value(QJsonArray {long_});
    }
    QCOMPARE(streamed, QJsonDocument(QJsonArray {long_}).toJson(QJsonDocument::Indented));
}

// A value of megabytes (an identifier, a snapshot name) is shown cut, with its length, in every
// output: no line of a report is longer than a few hundred characters.
void TestReport::longValuesAreCut()
{
    QByteArray bytes = readAll(fixture(QStringLiteral("plan-db-replace.json")));
    const QByteArray huge(3 << 20, 'n');
    // Under the decoding limit: decoded, masked, then shown cut. Over it: never decoded.
    bytes.replace("\"orders-db-final\"", "\"final-" + QByteArray(10000, 'n') + "\"");
    bytes.replace("\"orders-db\"", "\"db-" + huge + "\"");
    Result<Document> doc = loadDocumentFromBytes(bytes, QStringLiteral("long.json"));
    QVERIFY(doc);
    const Analysis a = analyse(std::move(*doc), defaultRules());
    for (const ReportFormat format :
        {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json}) {
        const QByteArray out = renderReport(a, defaultRules(), format);
        QVERIFY(out.size() < 200000);
        qsizetype longest = 0;
        for (const QByteArray &line : out.split('\n'))
            longest = qMax(longest, line.size());
        QVERIFY2(longest < 1000, qPrintable(QString::number(longest)));
        // The snapshot that keeps the data is still named, cut, with its length.
        QVERIFY(out.contains("final-nnnn"));
        QVERIFY(out.contains("(10006 characters)"));
    }
    QVERIFY(a.headline(defaultRules()).size() < 1000);
}

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
