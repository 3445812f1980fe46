// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The rules loader is strict: every member it does not know, every value of the wrong type and
// every unknown name is an error naming the file, the member's path and its line and column,
// never a silent default that would change what is flagged.
#include "core/graph/impact.h"
#include "core/risk/analysis.h"
#include "core/risk/rules.h"
#include "core/risk/safety.h"
#include "testutils.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace bg::core;
using namespace bg::tests;

class TestRules : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultRulesLoad();
    void everyMemberIsRead();
    void everyActionReasonTerraformWrites();
    void rejects_data();
    void rejects();
    void userSafetyIsMerged();
    void moveTargetWithoutConfigIsAConfigurationMistake();
    void goneBeforeThePlan_data();
    void goneBeforeThePlan();
    void createThenForget();
    void findingsSortInPlace();
    void filledWordsReadWhole();
    void filledWordsCopyAndMove();
    void flatmapPaths();
    void secretNamesAsQtFoldsThem();

private:
    QTemporaryDir m_dir;
};

namespace {

// Every member the schema has, at every level, each of them valid. A row of rejects() spoils
// one of them.
const QByteArray Valid = R"({
  "schema": "blastguard.rules/v1",
  "description": "every member, once",
  "secret_name_patterns": ["password", "token"],
  "data_categories": ["database", "storage"],
  "data_category_loss": {"database": "the ledger"},
  "categories": {"database": ["aws_db_instance"], "storage": ["aws_*_bucket"]},
  "findings": [
    {"code": "first", "severity": "high", "categories": ["storage"], "actions": ["delete"],
     "message": "Deletes {address}."},
    {"code": "mine", "severity": "critical", "types": ["aws_db_instance"],
     "categories": ["database"], "actions": ["delete", "replace"],
     "action_reasons": ["delete_because_no_resource_config"], "drift": ["update"],
     "replace_paths": false, "forgets_previous": true,
     "when": [
       {"attribute": "deletion_protection", "equals": false},
       {"attribute": "skip_final_snapshot", "side": "after", "equals": true, "or_absent": true},
       {"attribute": "final_snapshot_identifier", "absent": true}
     ],
     "message": "No final snapshot of {address}.", "loss": "no final snapshot"}
  ],
  "safety": {"missing_state_min_creates": 7}
})";

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// The valid file, edited as JSON: for a change no text replacement can make.
QByteArray edited(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = QJsonDocument::fromJson(Valid).object();
    edit(root);
    return QJsonDocument(root).toJson();
}

} // namespace

void TestRules::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestRules::defaultRulesLoad()
{
    const Result<RuleSet> rules = RuleSet::load(resource(QStringLiteral("rules/default.json")));
    QVERIFY2(rules, qPrintable(errorText(rules)));
    QVERIFY(rules->findings().size() > 50);
    QVERIFY(rules->finding(QStringLiteral("aws-rds-no-final-snapshot")));
}

void TestRules::everyMemberIsRead()
{
    const Result<RuleSet> rules
        = RuleSet::load(writeFile(m_dir, QStringLiteral("valid.json"), Valid));
    QVERIFY2(rules, qPrintable(errorText(rules)));
    QCOMPARE(rules->category(QStringLiteral("aws_db_instance")), QStringLiteral("database"));
    QCOMPARE(rules->category(QStringLiteral("aws_s3_bucket")), QStringLiteral("storage"));
    QVERIFY(rules->isDataCategory(QStringLiteral("storage")));
    QCOMPARE(rules->dataCategoryLoss(QStringLiteral("database")), QStringLiteral("the ledger"));
    QVERIFY(rules->isSecretName(u"API_TOKEN"));
    QCOMPARE(rules->missingStateMinCreates(), 7);
    QCOMPARE(rules->findings().size(), size_t(2));
    const FindingRule *mine = rules->finding(QStringLiteral("mine"));
    QVERIFY(mine);
    QCOMPARE(mine->severity, Severity::Critical);
    QCOMPARE(mine->actions, (QList<Action> {Action::Delete, Action::Replace}));
    QCOMPARE(
        mine->actionReasons, QStringList {QStringLiteral("delete_because_no_resource_config")});
    QCOMPARE(mine->drift, QList<Action> {Action::Update});
    QVERIFY(mine->requireForgetsPrevious);
    QCOMPARE(mine->when.size(), size_t(3));
    QVERIFY(!mine->when[0].after && mine->when[0].equals == QJsonValue(false));
    QVERIFY(mine->when[1].after && mine->when[1].orAbsent);
    QVERIFY(mine->when[2].absent && !mine->when[2].equals);
    QCOMPARE(mine->loss, std::optional(QStringLiteral("no final snapshot")));
}

// The list the loader knows is the one the README gives, and the one the reports have words for.
void TestRules::everyActionReasonTerraformWrites()
{
    const QStringList reasons {QStringLiteral("replace_because_tainted"),
        QStringLiteral("replace_because_cannot_update"), QStringLiteral("replace_by_request"),
        QStringLiteral("replace_by_triggers"), QStringLiteral("delete_because_no_resource_config"),
        QStringLiteral("delete_because_wrong_repetition"),
        QStringLiteral("delete_because_count_index"), QStringLiteral("delete_because_each_key"),
        QStringLiteral("delete_because_no_module"), QStringLiteral("delete_because_no_move_target"),
        QStringLiteral("read_because_config_unknown"),
        QStringLiteral("read_because_dependency_pending"),
        QStringLiteral("read_because_check_nested")};
    const QByteArray list = '"' + reasons.join(QStringLiteral("\", \"")).toUtf8() + '"';
    QByteArray bytes = Valid;
    bytes.replace(R"("action_reasons": ["delete_because_no_resource_config"])",
        R"("action_reasons": [)" + list + "]");
    const Result<RuleSet> rules
        = RuleSet::load(writeFile(m_dir, QStringLiteral("reasons.json"), bytes));
    QVERIFY2(rules, qPrintable(errorText(rules)));
    QCOMPARE(rules->finding(QStringLiteral("mine"))->actionReasons, reasons);
    for (const QString &reason : reasons)
        QVERIFY2(describeActionReason(reason) != reason, qPrintable(reason));
}

// Each row replaces `from` in the valid file with `to` (no `from`: `to` is the whole file). The
// error must name the file, say
// `message` (with the rule it is in) and point at `at`: the member's key, or the list entry.
void TestRules::rejects_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("at"); // what the line and column point at

    auto row = [](const char *name, const QByteArray &from, const QByteArray &to,
                   const QString &message, const QByteArray &at) {
        QTest::newRow(name) << from << to << message << at;
    };
    const QByteArray mine = R"("code": "mine", "severity": "critical")";
    const QByteArray condition = R"({"attribute": "deletion_protection", "equals": false})";

    // The file
    row("schema: another", R"("blastguard.rules/v1")", R"("blastguard.rules/v2")",
        QStringLiteral("unknown schema \"blastguard.rules/v2\" (this version reads "
                       "blastguard.rules/v1)"),
        R"("schema")");
    row("top: unknown member", R"("safety":)", R"("findngs": [], "safety":)",
        QStringLiteral("unknown member \"findngs\" (known here: schema, description, "
                       "secret_name_patterns, data_categories, data_category_loss, categories, "
                       "findings, safety)"),
        R"("findngs")");
    row("top: description", R"("every member, once")", "3",
        QStringLiteral("\"description\" must be a string"), R"("description")");
    row("top: secret patterns not a list", R"(["password", "token"])", R"("password")",
        QStringLiteral("\"secret_name_patterns\" must be a list of strings"),
        R"("secret_name_patterns")");
    row("top: secret pattern not a string", R"(["password", "token"])", R"(["password", 3])",
        QStringLiteral("\"secret_name_patterns[1]\" must be a non-empty string"), "3]");
    row("top: secret pattern empty", R"(["password", "token"])", R"(["password", ""])",
        QStringLiteral("\"secret_name_patterns[1]\" must be a non-empty string"), R"(""])");
    row("top: data category unknown", R"(["database", "storage"])", R"(["database", "storge"])",
        QStringLiteral("\"data_categories[1]\" must be one of database, snapshot, storage, key, "
                       "network, compute, identity, dns, other (not \"storge\")"),
        R"("storge")");
    row("top: data category loss not an object", R"({"database": "the ledger"})",
        R"(["the ledger"])", QStringLiteral("\"data_category_loss\" must be an object"),
        R"("data_category_loss")");
    row("top: data category loss unknown category", R"({"database": "the ledger"})",
        R"({"databse": "the ledger"})",
        QStringLiteral("unknown member \"databse\" in \"data_category_loss\" (known here: "
                       "database, snapshot, storage, key, network, compute, identity, dns, other)"),
        R"("databse")");
    row("top: data category loss not words", R"({"database": "the ledger"})", R"({"database": 1})",
        QStringLiteral("\"data_category_loss.database\" must be a non-empty string"),
        R"("database": 1)");
    row("top: categories not an object", {}, edited([](QJsonObject &root) {
        root.insert(QStringLiteral("categories"), QJsonArray {QStringLiteral("aws_db_instance")});
    }),
        QStringLiteral("\"categories\" must be an object"), R"("categories")");
    row("top: category unknown", R"({"database": ["aws_db_instance"])",
        R"({"databse": ["aws_db_instance"])",
        QStringLiteral("unknown member \"databse\" in \"categories\" (known here: database, "
                       "snapshot, storage, key, network, compute, identity, dns, other)"),
        R"("databse")");
    row("top: category types not a list", R"({"database": ["aws_db_instance"])",
        R"({"database": "aws_db_instance")",
        QStringLiteral("\"categories.database\" must be a list of strings"), R"("database": "aws)");
    row("top: findings not a list", {}, edited([](QJsonObject &root) {
        root.insert(QStringLiteral("findings"),
            QJsonObject {{QStringLiteral("mine"), root.value(QStringLiteral("findings"))}});
    }),
        QStringLiteral("\"findings\" must be a list"), R"("findings")");
    row("top: safety not an object", R"({"missing_state_min_creates": 7})", "7",
        QStringLiteral("\"safety\" must be an object"), R"("safety")");
    row("safety: unknown member", R"({"missing_state_min_creates": 7})",
        R"({"missing_state_min_create": 7})",
        QStringLiteral("unknown member \"missing_state_min_create\" in \"safety\" (known here: "
                       "missing_state_min_creates)"),
        R"("missing_state_min_create")");
    row("safety: a string", R"("missing_state_min_creates": 7)",
        R"("missing_state_min_creates": "7")",
        QStringLiteral("\"safety.missing_state_min_creates\" must be a whole number from 1 to "
                       "1000000000"),
        R"("missing_state_min_creates")");
    row("safety: a fraction", R"("missing_state_min_creates": 7)",
        R"("missing_state_min_creates": 2.5)",
        QStringLiteral("\"safety.missing_state_min_creates\" must be a whole number from 1 to "
                       "1000000000"),
        R"("missing_state_min_creates")");

    // A finding
    row("finding: not an object", R"({"code": "first")", R"("first", {"code": "first")",
        QStringLiteral("\"findings[0]\" must be an object"), R"("first", {)");
    row("finding: code not a string", R"("code": "mine")", R"("code": 7)",
        QStringLiteral("\"findings[1].code\" must be a non-empty string"), R"("code": 7)");
    row("finding: code used twice", R"("code": "first")", R"("code": "mine")",
        QStringLiteral(
            "\"findings[1].code\" must be unique: \"mine\" is also in \"findings[0].code\""),
        R"("code": "mine", "severity": "critical")");
    row("finding: unknown member", mine, R"("code": "mine", "serverity": "critical")",
        QStringLiteral(
            "unknown member \"serverity\" in \"findings[1]\" (known here: code, "
            "severity, types, categories, actions, action_reasons, drift, replace_paths, "
            "forgets_previous, when, message, loss, outcome)"),
        R"("serverity")");
    row("finding: severity unknown", mine, R"("code": "mine", "severity": "serious")",
        QStringLiteral("\"findings[1].severity\" must be one of info, low, medium, high, "
                       "critical (not \"serious\")"),
        R"("severity": "serious")");
    row("finding: severity not a string", mine, R"("code": "mine", "severity": 5)",
        QStringLiteral("\"findings[1].severity\" must be one of info, low, medium, high, critical"),
        R"("severity": 5)");
    row("finding: types not a list", R"("types": ["aws_db_instance"])",
        R"("types": "aws_db_instance")",
        QStringLiteral("\"findings[1].types\" must be a non-empty list of strings"), R"("types")");
    row("finding: types empty", R"("types": ["aws_db_instance"])", R"("types": [])",
        QStringLiteral("\"findings[1].types\" must be a non-empty list of strings"), R"("types")");
    row("finding: category unknown", R"("categories": ["database"])",
        R"("categories": ["databse"])",
        QStringLiteral("\"findings[1].categories[0]\" must be one of database, snapshot, "
                       "storage, key, network, compute, identity, dns, other (not \"databse\")"),
        R"("databse")");
    row("finding: neither types nor categories", R"("categories": ["storage"], )", "",
        QStringLiteral("\"findings[0]\" needs \"types\" or \"categories\""), R"({"code": "first")");
    row("finding: action unknown", R"(["delete", "replace"])", R"(["delete", "destroy"])",
        QStringLiteral("\"findings[1].actions[1]\" must be one of no-op, create, read, update, "
                       "delete, replace, forget (not \"destroy\")"),
        R"("destroy")");
    row("finding: actions not a list", R"(["delete", "replace"])", R"("delete")",
        QStringLiteral("\"findings[1].actions\" must be a non-empty list of strings"),
        R"("actions": "delete")");
    row("finding: no actions", R"("actions": ["delete"],)", "",
        QStringLiteral("missing member \"actions\" in \"findings[0]\""), R"({"code": "first")");
    row("finding: action reason unknown", R"(["delete_because_no_resource_config"])",
        R"(["delete_because_no_config"])",
        QStringLiteral(
            "\"findings[1].action_reasons[0]\" must be one of replace_because_tainted, "),
        R"("delete_because_no_config")");
    row("finding: replace_paths not a bool", R"("replace_paths": false)",
        R"("replace_paths": "false")",
        QStringLiteral("\"findings[1].replace_paths\" must be true or false"),
        R"("replace_paths")");
    row("finding: when an object", {}, edited([](QJsonObject &root) {
        QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
        QJsonObject mine = findings[1].toObject();
        mine.insert(QStringLiteral("when"), mine.value(QStringLiteral("when")).toArray()[0]);
        findings[1] = mine;
        root.insert(QStringLiteral("findings"), findings);
    }),
        QStringLiteral("\"findings[1].when\" must be a non-empty list"), R"("when")");
    row("finding: when empty", {}, edited([](QJsonObject &root) {
        QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
        QJsonObject mine = findings[1].toObject();
        mine.insert(QStringLiteral("when"), QJsonArray());
        findings[1] = mine;
        root.insert(QStringLiteral("findings"), findings);
    }),
        QStringLiteral("\"findings[1].when\" must be a non-empty list"), R"("when")");
    row("finding: message misspelt", R"("message": "Deletes {address}.")", R"("mesage": "x")",
        QStringLiteral("unknown member \"mesage\" in \"findings[0]\" (known here: code, "),
        R"("mesage")");
    row("finding: message empty", R"("message": "Deletes {address}.")", R"("message": "")",
        QStringLiteral("\"findings[0].message\" must be a non-empty string"), R"("message": "")");
    row("finding: loss not a string", R"("loss": "no final snapshot")",
        R"("loss": ["no final snapshot"])", QStringLiteral("\"findings[1].loss\" must be a string"),
        R"("loss")");

    // A condition
    row("condition: not an object", condition, R"("deletion_protection")",
        QStringLiteral("\"findings[1].when[0]\" must be an object"), R"("deletion_protection")");
    row("condition: unknown member", condition,
        R"({"attribute": "deletion_protection", "equal": false})",
        QStringLiteral("unknown member \"equal\" in \"findings[1].when[0]\" (known here: "
                       "attribute, side, equals, or_absent, absent, present, above, any, none)"),
        R"("equal")");
    row("condition: attribute not a string", condition,
        R"({"attribute": ["deletion_protection"], "equals": false})",
        QStringLiteral("\"findings[1].when[0].attribute\" must be a non-empty string"),
        R"("attribute": [)");
    row("condition: side unknown", R"("side": "after")", R"("side": "later")",
        QStringLiteral("\"findings[1].when[1].side\" must be one of before, after (not \"later\")"),
        R"("side")");
    row("condition: or_absent not a bool", R"("or_absent": true)", R"("or_absent": "true")",
        QStringLiteral("\"findings[1].when[1].or_absent\" must be true or false"),
        R"("or_absent")");
    row("condition: absent with equals", R"("absent": true)", R"("absent": true, "equals": null)",
        QStringLiteral("\"findings[1].when[2].absent\": true is used instead of \"equals\" and "
                       "\"or_absent\", not with them"),
        R"("absent")");
    row("condition: no test", condition, R"({"attribute": "deletion_protection"})",
        QStringLiteral("\"findings[1].when[0]\" needs exactly one of \"equals\", \"above\", "
                       "\"any\", \"none\", \"absent\": true or \"present\": true"),
        R"({"attribute": "deletion_protection"})");
}

void TestRules::rejects()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, message);
    QFETCH(QByteArray, at);
    if (!from.isEmpty())
        QCOMPARE(Valid.count(from), 1);
    const QByteArray bytes = from.isEmpty() ? to : QByteArray(Valid).replace(from, to);
    const QString path = writeFile(m_dir, QStringLiteral("wrong.json"), bytes);

    const Result<RuleSet> rules = RuleSet::load(path);
    QVERIFY(!rules);
    const Error &error = rules.error();
    QCOMPARE(error.path, path);
    QVERIFY2(error.toString().startsWith(path + QLatin1Char(':')), qPrintable(error.toString()));
    QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
    QVERIFY2(error.line > 0 && error.column > 0, qPrintable(error.toString()));
    QCOMPARE(pointedAt(bytes, error, at.size()), at);
}

// A user file's safety settings replace the default's when it sets them, and only then: with a
// lower missing_state_min_creates, a plan on an empty state that creates two resources is
// warned about; without "safety" in the user file, the default threshold (5) still holds.
void TestRules::userSafetyIsMerged()
{
    const QString plan = editedCopy(m_dir, QStringLiteral("two-creates.json"),
        fixture(QStringLiteral("plan-missing-state.json")), [](QJsonArray &changes) {
            while (changes.size() > 2)
                changes.removeLast();
        });
    auto warned = [&](const RuleSet &rules) {
        const Analysis a = analyse(mustLoad(plan), rules);
        return std::any_of(a.warnings.begin(), a.warnings.end(),
            [](const Warning &w) { return w.code == MissingStateCode; });
    };
    QVERIFY(!warned(defaultRules()));

    const Result<RuleSet> silent = RuleSet::load(writeFile(m_dir, QStringLiteral("no-safety.json"),
        R"({"schema": "blastguard.rules/v1", "secret_name_patterns": ["pin"]})"));
    QVERIFY2(silent, qPrintable(errorText(silent)));
    RuleSet merged = defaultRules();
    merged.merge(*silent);
    QCOMPARE(merged.missingStateMinCreates(), 5);
    QVERIFY(!warned(merged));

    const Result<RuleSet> lower = RuleSet::load(writeFile(m_dir, QStringLiteral("safety.json"),
        R"({"schema": "blastguard.rules/v1",
            "safety": {"missing_state_min_creates": 2}})"));
    QVERIFY2(lower, qPrintable(errorText(lower)));
    merged.merge(*lower);
    QCOMPARE(merged.missingStateMinCreates(), 2);
    QVERIFY(warned(merged));
}

// internal/plans/changes.go: delete_because_no_move_target is "the target (\"to\") in a moved
// block, but no configuration exists for that resource", which evaluates to a deletion: the same
// configuration mistake as a removed resource block, and as critical for a data store.
void TestRules::moveTargetWithoutConfigIsAConfigurationMistake()
{
    QByteArray bytes = readAll(fixture(QStringLiteral("plan-no-config-delete.json")));
    QVERIFY(bytes.contains("delete_because_no_resource_config"));
    bytes.replace("delete_because_no_resource_config", "delete_because_no_move_target");
    QTemporaryDir dir;
    const Analysis a
        = analyse(mustLoad(writeBytes(dir, QStringLiteral("plan.json"), bytes)), defaultRules());
    QStringList flagged;
    for (const Finding &f : a.findings) {
        if (f.code == QLatin1String("data-removed-from-config")) {
            QCOMPARE(f.severity, Severity::Critical);
            flagged.append(f.address);
        }
    }
    flagged.sort();
    QCOMPARE(flagged,
        QStringList({QStringLiteral("aws_db_instance.reporting"),
            QStringLiteral("aws_dynamodb_table.sessions")}));
}

// A data store refresh found deleted outside Terraform (resource_drift "delete") that the plan
// creates again: critical, and the headline says so although nothing is destroyed. Only a
// drifted delete followed by a create counts.
void TestRules::goneBeforeThePlan_data()
{
    QTest::addColumn<QByteArray>("edit"); // "" the fixture; else what is changed
    QTest::addColumn<bool>("flagged");
    QTest::newRow("deleted outside, created again") << QByteArray() << true;
    QTest::newRow("drift an update, not a delete") << QByteArray("drift update") << false;
    QTest::newRow("no drift recorded") << QByteArray("no drift") << false;
    QTest::newRow("and a DNS record deleted") << QByteArray("dns deleted") << true;
}

void TestRules::goneBeforeThePlan()
{
    QFETCH(QByteArray, edit);
    QFETCH(bool, flagged);
    QJsonObject root
        = QJsonDocument::fromJson(readAll(fixture(QStringLiteral("plan-drift-recreate.json"))))
              .object();
    QJsonArray drift = root.value(QStringLiteral("resource_drift")).toArray();
    QCOMPARE(drift.size(), 1);
    if (edit == "drift update") {
        QJsonObject entry = drift[0].toObject();
        QJsonObject change = entry.value(QStringLiteral("change")).toObject();
        change.insert(QStringLiteral("actions"), QJsonArray {QStringLiteral("update")});
        change.insert(QStringLiteral("after"), change.value(QStringLiteral("before")));
        entry.insert(QStringLiteral("change"), change);
        drift[0] = entry;
        root.insert(QStringLiteral("resource_drift"), drift);
    } else if (edit == "no drift") {
        root.remove(QStringLiteral("resource_drift"));
    } else if (edit == "dns deleted") {
        QJsonArray changes = root.value(QStringLiteral("resource_changes")).toArray();
        for (qsizetype i = 0; i < changes.size(); ++i) {
            QJsonObject entry = changes[i].toObject();
            if (entry.value(QStringLiteral("type")) != QLatin1String("aws_route53_record"))
                continue;
            QJsonObject change = entry.value(QStringLiteral("change")).toObject();
            change.insert(QStringLiteral("actions"), QJsonArray {QStringLiteral("delete")});
            change.insert(QStringLiteral("after"), QJsonValue::Null);
            entry.insert(QStringLiteral("change"), change);
            changes[i] = entry;
        }
        root.insert(QStringLiteral("resource_changes"), changes);
    }
    QTemporaryDir dir;
    const Analysis a = analyse(
        mustLoad(writeBytes(dir, QStringLiteral("plan.json"), QJsonDocument(root).toJson())),
        defaultRules());
    QStringList codes;
    for (const Finding &f : a.findings)
        codes.append(f.code + QLatin1Char(' ') + f.address);
    QCOMPARE(
        codes.contains(QStringLiteral("data-gone-before-plan aws_db_instance.orders")), flagged);
    QCOMPARE(a.criticalCount(), flagged ? 1 : 0);
    const QString gone = QStringLiteral("aws_db_instance.orders — already gone before this plan");
    QCOMPARE(a.headline(defaultRules()),
        edit == "dns deleted" ? QStringLiteral("Deletes 1 resource; no data store among them, but ")
                + gone + QLatin1Char('.')
            : flagged ? QStringLiteral("Destroys nothing itself, but ") + gone + QLatin1Char('.')
                      : QStringLiteral("Destroys nothing."));
}

// ["create","forget"] (lifecycle destroy = false): a replace whose old object is forgotten,
// not destroyed. It destroys nothing, and the database's finding says the old one keeps running
// unmanaged while the address names a new, empty one.
void TestRules::createThenForget()
{
    const Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("plan-create-forget.json"))), defaultRules());
    QCOMPARE(a.impact.count(Action::Delete) + a.impact.count(Action::Replace), 0);
    QCOMPARE(a.headline(defaultRules()), QStringLiteral("Destroys nothing."));
    QStringList codes;
    for (const Finding &f : a.findings)
        codes.append(f.code + QLatin1Char(' ') + f.address);
    QVERIFY2(codes.contains(QStringLiteral("data-replaced-old-forgotten aws_db_instance.orders")),
        qPrintable(codes.join(QLatin1Char('\n'))));
    QCOMPARE(a.criticalCount(), 0);
    // A plain create of the same database raises nothing of the kind.
    QJsonObject root
        = QJsonDocument::fromJson(readAll(fixture(QStringLiteral("plan-create-forget.json"))))
              .object();
    QJsonArray changes = root.value(QStringLiteral("resource_changes")).toArray();
    for (qsizetype i = 0; i < changes.size(); ++i) {
        QJsonObject entry = changes[i].toObject();
        QJsonObject change = entry.value(QStringLiteral("change")).toObject();
        if (change.value(QStringLiteral("actions")).toArray().size() == 2) {
            change.insert(QStringLiteral("actions"), QJsonArray {QStringLiteral("create")});
            entry.insert(QStringLiteral("change"), change);
            changes[i] = entry;
        }
    }
    root.insert(QStringLiteral("resource_changes"), changes);
    QTemporaryDir dir;
    const Analysis plain = analyse(
        mustLoad(writeBytes(dir, QStringLiteral("plain.json"), QJsonDocument(root).toJson())),
        defaultRules());
    for (const Finding &f : plain.findings)
        QVERIFY(f.code != QLatin1String("data-replaced-old-forgotten"));
}

// sortFindings moves each finding once, following the permutation's cycles: the same order as
// std::stable_sort by severity, then node, on random findings (ties of both keep their order).
void TestRules::findingsSortInPlace()
{
    QRandomGenerator random(5);
    for (int round = 0; round < 200; ++round) {
        std::vector<Finding> findings(size_t(random.bounded(60)));
        for (size_t i = 0; i < findings.size(); ++i) {
            findings[i].severity = Severity(random.bounded(5));
            findings[i].node = random.bounded(8);
            findings[i].code = QString::number(i);
        }
        std::vector<Finding> expected = findings;
        std::stable_sort(expected.begin(), expected.end(), [](const Finding &x, const Finding &y) {
            return x.severity != y.severity ? x.severity > y.severity : x.node < y.node;
        });
        sortFindings(findings);
        QCOMPARE(findings.size(), expected.size());
        for (size_t i = 0; i < findings.size(); ++i)
            QCOMPARE(findings[i].code, expected[i].code);
    }
}

// A finding's words keep the rule's text and each placeholder's value apart, and read whole.
void TestRules::filledWordsReadWhole()
{
    const QString rule = QStringLiteral("{address} ({type}) keeps {attr:x}.");
    FilledWords words(rule);
    QCOMPARE(words.text(), rule); // nothing filled in: the words as they are
    words.fill(0, 9, QStringLiteral("aws_db_instance.a[\"{type}\"]"));
    words.fill(11, 6, QStringLiteral("aws_db_instance"));
    words.fill(25, 8, QString());
    const QString whole = QStringLiteral("aws_db_instance.a[\"{type}\"] (aws_db_instance) keeps .");
    QCOMPARE(words.text(), whole); // a value that looks like a placeholder stays as it is
    QCOMPARE(words.size(), whole.size());
    words += QStringLiteral(" More.");
    QCOMPARE(words.text(), whole + QStringLiteral(" More."));
    QVERIFY(FilledWords().isEmpty());
    FilledWords emptied(QStringLiteral("{name}"));
    emptied.fill(0, 6, QString());
    QVERIFY(emptied.isEmpty());
    QVERIFY(emptied == FilledWords());
}

// FilledWords keeps its fills in a block of its own: a copy has its own, a move takes it, and
// fills past the room reserved grow it, the ones there kept.
void TestRules::filledWordsCopyAndMove()
{
    const QString rule = QStringLiteral("{a} {b} {c} {d}");
    FilledWords words(rule);
    words.reserveFills(1);
    const QStringList values {
        QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("3"), QStringLiteral("four")};
    for (int i = 0; i < 4; ++i)
        words.fill(4 * i, 3, values[i]);
    const QString whole = QStringLiteral("one two 3 four");
    QCOMPARE(words.text(), whole);

    FilledWords copy(words);
    copy += QStringLiteral("!");
    QCOMPARE(copy.text(), whole + QStringLiteral("!"));
    QCOMPARE(words.text(), whole); // the copy's fill went to the copy alone

    FilledWords assigned(QStringLiteral("other"));
    assigned.fill(0, 5, QStringLiteral("x"));
    assigned = copy;
    QCOMPARE(assigned.text(), whole + QStringLiteral("!"));
    const FilledWords &same = assigned;
    assigned = same; // onto itself: nothing lost
    QCOMPARE(assigned.text(), whole + QStringLiteral("!"));

    FilledWords moved(std::move(words));
    QCOMPARE(moved.text(), whole);
    QVERIFY(words.isEmpty()); // NOLINT(bugprone-use-after-move): moved from, and empty
    words = std::move(moved);
    QCOMPARE(words.text(), whole);
    words = FilledWords(); // the block freed (the sanitizer build checks it is)
    QVERIFY(words.isEmpty());
    QCOMPARE(assigned.size(), whole.size() + 1);
}

// A condition's path reads nested values ("settings.0.retain_backups_on_delete"), and in an
// instance written with attributes_flat the same path is one name whose value is a string.
// Terraform before 0.12 wrote flatmaps; a v4 state keeps one as it is until the provider
// upgrades the object (hashicorp/terraform internal/states/statefile/version4.go: readStateV4
// takes attributes_flat as AttrsFlat where there is no attributes, writeStateV4 writes AttrsFlat
// back). Both are read, member by member, without decoding the whole object.
void TestRules::flatmapPaths()
{
    const QByteArray state = R"({
  "version": 4, "terraform_version": "1.5.7", "serial": 3, "lineage": "a1b2c3d4-0000-4000-8000-000000000001",
  "outputs": {},
  "resources": [
    {"mode": "managed", "type": "google_sql_database_instance", "name": "kept",
     "provider": "provider[\"registry.terraform.io/hashicorp/google\"]",
     "instances": [{"schema_version": 0, "attributes_flat": {"id": "kept", "name": "kept",
       "settings.#": "1", "settings.0.retain_backups_on_delete": "true"}}]},
    {"mode": "managed", "type": "google_sql_database_instance", "name": "flatlost",
     "provider": "provider[\"registry.terraform.io/hashicorp/google\"]",
     "instances": [{"schema_version": 0, "attributes_flat": {"id": "flatlost", "name": "flatlost",
       "settings.#": "1", "settings.0.retain_backups_on_delete": "false"}}]},
    {"mode": "managed", "type": "google_sql_database_instance", "name": "nested",
     "provider": "provider[\"registry.terraform.io/hashicorp/google\"]",
     "instances": [{"schema_version": 0, "attributes": {"id": "nested", "name": "nested",
       "settings": [{"retain_backups_on_delete": true}]}}]},
    {"mode": "managed", "type": "aws_instance", "name": "keepsroot",
     "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 1, "attributes_flat": {"id": "i-1",
       "root_block_device.#": "1", "root_block_device.0.delete_on_termination": "false"}}]},
    {"mode": "managed", "type": "aws_instance", "name": "losesroot",
     "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 1, "attributes_flat": {"id": "i-2"}}]}
  ]
})";
    const Result<Document> doc = loadDocumentFromBytes(state, QStringLiteral("old.tfstate"));
    QVERIFY2(doc, qPrintable(errorText(doc)));
    const Analysis a = analyseWhatIf(*doc, defaultRules(), {});
    QStringList found;
    for (const Finding &f : a.findings) {
        if (f.code.startsWith(QLatin1String("gcp-sql-backups"))
            || f.code == QLatin1String("aws-instance-root-volume-deleted"))
            found.append(f.address + QLatin1Char(' ') + f.code);
    }
    found.sort();
    QCOMPARE(found,
        (QStringList {
            QStringLiteral("aws_instance.losesroot aws-instance-root-volume-deleted"),
            QStringLiteral("google_sql_database_instance.flatlost gcp-sql-backups-deleted"),
            QStringLiteral("google_sql_database_instance.kept gcp-sql-backups-retained"),
            QStringLiteral("google_sql_database_instance.nested gcp-sql-backups-retained"),
        }));
}

// isSecretName lowers ASCII names and patterns itself; it answers as Qt's case-insensitive
// search does for every name: upper and mixed case, names longer than its buffer, and
// characters outside ASCII, some of which fold to ASCII letters (KELVIN SIGN to k, LONG S to s).
void TestRules::secretNamesAsQtFoldsThem()
{
    const QStringList patterns {QStringLiteral("password"), QStringLiteral("API_Key"),
        QStringLiteral("tok"), QString(QChar(0x212A)) + QStringLiteral("ey"),
        QStringLiteral("pa") + QChar(0x017F) + QStringLiteral("s")};
    const QByteArray text = edited([&](QJsonObject &root) {
        root[QStringLiteral("secret_name_patterns")] = QJsonArray::fromStringList(patterns);
    });
    const Result<RuleSet> rules = RuleSet::load(writeFile(m_dir, QStringLiteral("s.json"), text));
    QVERIFY2(rules, qPrintable(errorText(rules)));
    const auto qts = [&](const QString &name) {
        return std::any_of(patterns.begin(), patterns.end(),
            [&](const QString &p) { return name.contains(p, Qt::CaseInsensitive); });
    };
    QStringList names {QStringLiteral("db_PASSWORD"), QStringLiteral("Password"),
        QStringLiteral("api_key"), QStringLiteral("API_KEY_id"), QStringLiteral("tags"),
        QStringLiteral("sToKen"), QStringLiteral("key"), QStringLiteral("KEY"),
        QStringLiteral("pass"), QStringLiteral("pa") + QChar(0x017F) + QStringLiteral("sword"),
        QString(QChar(0x212A)) + QStringLiteral("ey"), QStringLiteral("x") + QChar(0xE9),
        QString(200, u'a') + QStringLiteral("Password"), QString(127, u'b') + QStringLiteral("k"),
        QString()};
    // And random ones from letters that matter: ASCII of both cases, and the two folding ones.
    const QString alphabet
        = QStringLiteral("aAeEkKpPsSwWyYoOrRdD_tT") + QChar(0x212A) + QChar(0x017F) + QChar(0xE9);
    QRandomGenerator random(18);
    for (int i = 0; i < 20000; ++i) {
        QString name;
        const int length = int(random.bounded(1, 12));
        for (int k = 0; k < length; ++k)
            name += alphabet[random.bounded(int(alphabet.size()))];
        names.append(name);
    }
    int secret = 0;
    for (const QString &name : names) {
        QVERIFY2(rules->isSecretName(name) == qts(name), qPrintable(name));
        secret += qts(name);
    }
    QVERIFY(secret > 100); // the random names reach both answers
    QVERIFY(names.size() - secret > 100);
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
