// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The rules loader is strict: every member it does not know, every value of the wrong type and
// every unknown name is an error naming the file, the rule and the line and column of the
// member, never a silent default that would change what is flagged.
#include "core/impact.h"
#include "core/rules.h"
#include "core/safety.h"
#include "testutils.h"

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
     "action_reasons": ["delete_because_no_resource_config"], "replace_paths": false,
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

// Byte offset of a 1-based line and column.
// The valid file, edited as JSON: for a change no text replacement can make.
QByteArray edited(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = QJsonDocument::fromJson(Valid).object();
    edit(root);
    return QJsonDocument(root).toJson();
}

qsizetype offsetOf(const QByteArray &bytes, int line, int column)
{
    qsizetype at = 0;
    for (int l = 1; l < line && at >= 0; ++l)
        at = bytes.indexOf('\n', at) + 1;
    return at + column - 1;
}

} // namespace

void TestRules::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestRules::defaultRulesLoad()
{
    LoadError error;
    const auto rules = RuleSet::load(resource(QStringLiteral("rules/default.json")), &error);
    QVERIFY2(rules, qPrintable(error.toString()));
    QVERIFY(rules->findings().size() > 50);
    QVERIFY(rules->finding(QStringLiteral("aws-rds-no-final-snapshot")));
}

void TestRules::everyMemberIsRead()
{
    LoadError error;
    const auto rules = RuleSet::load(writeFile(m_dir, QStringLiteral("valid.json"), Valid), &error);
    QVERIFY2(rules, qPrintable(error.toString()));
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
    LoadError error;
    const auto rules
        = RuleSet::load(writeFile(m_dir, QStringLiteral("reasons.json"), bytes), &error);
    QVERIFY2(rules, qPrintable(error.toString()));
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
    QTest::addColumn<QByteArray>("at"); // empty: the error has no position

    auto row = [](const char *name, const QByteArray &from, const QByteArray &to,
                   const QString &message, const QByteArray &at) {
        QTest::newRow(name) << from << to << message << at;
    };
    const QByteArray mine = R"("code": "mine", "severity": "critical")";
    const QByteArray condition = R"({"attribute": "deletion_protection", "equals": false})";

    // The file
    row("schema: another", R"("blastguard.rules/v1")", R"("blastguard.rules/v2")",
        QStringLiteral("not a rules file: \"schema\" must be \"blastguard.rules/v1\""), {});
    row("top: unknown member", R"("safety":)", R"("findngs": [], "safety":)",
        QStringLiteral("unknown member \"findngs\" (known here: schema, description,"),
        R"("findngs")");
    row("top: description", R"("every member, once")", "3",
        QStringLiteral("\"description\" must be a string"), R"("description")");
    row("top: secret patterns not a list", R"(["password", "token"])", R"("password")",
        QStringLiteral("\"secret_name_patterns\" must be a list of strings"),
        R"("secret_name_patterns")");
    row("top: secret pattern not a string", R"(["password", "token"])", R"(["password", 3])",
        QStringLiteral("\"secret_name_patterns\" holds an empty or non-string entry (entry 2)"),
        "3]");
    row("top: secret pattern empty", R"(["password", "token"])", R"(["password", ""])",
        QStringLiteral("\"secret_name_patterns\" holds an empty or non-string entry (entry 2)"),
        R"(""])");
    row("top: data category unknown", R"(["database", "storage"])", R"(["database", "storge"])",
        QStringLiteral("unknown category \"storge\" in \"data_categories\""), R"("storge")");
    row("top: data category loss not an object", R"({"database": "the ledger"})",
        R"(["the ledger"])", QStringLiteral("\"data_category_loss\" must be an object"),
        R"("data_category_loss")");
    row("top: data category loss unknown category", R"({"database": "the ledger"})",
        R"({"databse": "the ledger"})",
        QStringLiteral("unknown category \"databse\" in \"data_category_loss\""), R"("databse")");
    row("top: data category loss not words", R"({"database": "the ledger"})", R"({"database": 1})",
        QStringLiteral("data_category_loss (database): must be a non-empty string"),
        R"("database": 1)");
    row("top: categories not an object", {}, edited([](QJsonObject &root) {
        root.insert(QStringLiteral("categories"), QJsonArray {QStringLiteral("aws_db_instance")});
    }),
        QStringLiteral("\"categories\" must be an object"), R"("categories")");
    row("top: category unknown", R"({"database": ["aws_db_instance"])",
        R"({"databse": ["aws_db_instance"])",
        QStringLiteral("unknown category \"databse\" in \"categories\""), R"("databse")");
    row("top: category types not a list", R"({"database": ["aws_db_instance"])",
        R"({"database": "aws_db_instance")",
        QStringLiteral("categories (database): \"database\" must be a list of strings"),
        R"("database": "aws)");
    row("top: findings not a list", {}, edited([](QJsonObject &root) {
        root.insert(QStringLiteral("findings"),
            QJsonObject {{QStringLiteral("mine"), root.value(QStringLiteral("findings"))}});
    }),
        QStringLiteral("\"findings\" must be a list of finding rules"), R"("findings")");
    row("top: safety not an object", R"({"missing_state_min_creates": 7})", "7",
        QStringLiteral("\"safety\" must be an object"), R"("safety")");
    row("safety: unknown member", R"({"missing_state_min_creates": 7})",
        R"({"missing_state_min_create": 7})",
        QStringLiteral("safety: unknown member \"missing_state_min_create\" (known here: "
                       "missing_state_min_creates)"),
        R"("missing_state_min_create")");
    row("safety: a string", R"("missing_state_min_creates": 7)",
        R"("missing_state_min_creates": "7")",
        QStringLiteral(
            "safety: \"missing_state_min_creates\" must be a whole number of at least 1"),
        R"("missing_state_min_creates")");
    row("safety: a fraction", R"("missing_state_min_creates": 7)",
        R"("missing_state_min_creates": 2.5)",
        QStringLiteral(
            "safety: \"missing_state_min_creates\" must be a whole number of at least 1"),
        R"("missing_state_min_creates")");

    // A finding
    row("finding: not an object", R"({"code": "first")", R"("first", {"code": "first")",
        QStringLiteral("finding 1: must be an object"), R"("first", {)");
    row("finding: code not a string", R"("code": "mine")", R"("code": 7)",
        QStringLiteral("finding 2: \"code\" must be a non-empty string"), R"("code": 7)");
    row("finding: code used twice", R"("code": "first")", R"("code": "mine")",
        QStringLiteral("finding 2 (mine): the code is already used by finding 1"),
        R"("code": "mine", "severity": "critical")");
    row("finding: unknown member", mine, R"("code": "mine", "serverity": "critical")",
        QStringLiteral("finding 2 (mine): unknown member \"serverity\" (known here: code, "
                       "severity,"),
        R"("serverity")");
    row("finding: severity unknown", mine, R"("code": "mine", "severity": "serious")",
        QStringLiteral("finding 2 (mine): \"severity\" must be one of info, low, medium, high, "
                       "critical (not \"serious\")"),
        R"("severity": "serious")");
    row("finding: severity not a string", mine, R"("code": "mine", "severity": 5)",
        QStringLiteral(
            "finding 2 (mine): \"severity\" must be one of info, low, medium, high, critical"),
        R"("severity": 5)");
    row("finding: types not a list", R"("types": ["aws_db_instance"])",
        R"("types": "aws_db_instance")",
        QStringLiteral("finding 2 (mine): \"types\" must be a non-empty list of strings"),
        R"("types")");
    row("finding: types empty", R"("types": ["aws_db_instance"])", R"("types": [])",
        QStringLiteral("finding 2 (mine): \"types\" must be a non-empty list of strings"),
        R"("types")");
    row("finding: category unknown", R"("categories": ["database"])",
        R"("categories": ["databse"])",
        QStringLiteral("finding 2 (mine): unknown category \"databse\" in \"categories\""),
        R"("databse")");
    row("finding: neither types nor categories", R"("categories": ["storage"], )", "",
        QStringLiteral("finding 1 (first): needs \"types\" or \"categories\""),
        R"({"code": "first")");
    row("finding: action unknown", R"(["delete", "replace"])", R"(["delete", "destroy"])",
        QStringLiteral("finding 2 (mine): unknown action \"destroy\" in \"actions\" (known: "
                       "no-op, create, read, update, delete, replace, forget)"),
        R"("destroy")");
    row("finding: actions not a list", R"(["delete", "replace"])", R"("delete")",
        QStringLiteral("finding 2 (mine): \"actions\" must be a non-empty list of strings"),
        R"("actions": "delete")");
    row("finding: no actions", R"("actions": ["delete"],)", "",
        QStringLiteral("finding 1 (first): needs \"actions\""), R"({"code": "first")");
    row("finding: action reason unknown", R"(["delete_because_no_resource_config"])",
        R"(["delete_because_no_config"])",
        QStringLiteral("finding 2 (mine): unknown action_reason \"delete_because_no_config\" in "
                       "\"action_reasons\""),
        R"("delete_because_no_config")");
    row("finding: replace_paths not a bool", R"("replace_paths": false)",
        R"("replace_paths": "false")",
        QStringLiteral("finding 2 (mine): \"replace_paths\" must be true or false"),
        R"("replace_paths")");
    row("finding: when an object", {}, edited([](QJsonObject &root) {
        QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
        QJsonObject mine = findings[1].toObject();
        mine.insert(QStringLiteral("when"), mine.value(QStringLiteral("when")).toArray()[0]);
        findings[1] = mine;
        root.insert(QStringLiteral("findings"), findings);
    }),
        QStringLiteral("finding 2 (mine): \"when\" must be a non-empty list of conditions"),
        R"("when")");
    row("finding: when empty", {}, edited([](QJsonObject &root) {
        QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
        QJsonObject mine = findings[1].toObject();
        mine.insert(QStringLiteral("when"), QJsonArray());
        findings[1] = mine;
        root.insert(QStringLiteral("findings"), findings);
    }),
        QStringLiteral("finding 2 (mine): \"when\" must be a non-empty list of conditions"),
        R"("when")");
    row("finding: message misspelt", R"("message": "Deletes {address}.")", R"("mesage": "x")",
        QStringLiteral("finding 1 (first): unknown member \"mesage\""), R"("mesage")");
    row("finding: message empty", R"("message": "Deletes {address}.")", R"("message": "")",
        QStringLiteral("finding 1 (first): \"message\" must be a non-empty string"),
        R"("message": "")");
    row("finding: loss not a string", R"("loss": "no final snapshot")",
        R"("loss": ["no final snapshot"])",
        QStringLiteral("finding 2 (mine): \"loss\" must be a string"), R"("loss")");

    // A condition
    row("condition: not an object", condition, R"("deletion_protection")",
        QStringLiteral("finding 2 (mine), condition 1: must be an object"),
        R"("deletion_protection")");
    row("condition: unknown member", condition,
        R"({"attribute": "deletion_protection", "equal": false})",
        QStringLiteral("finding 2 (mine), condition 1: unknown member \"equal\" (known here: "
                       "attribute, side, equals, or_absent, absent)"),
        R"("equal")");
    row("condition: attribute not a string", condition,
        R"({"attribute": ["deletion_protection"], "equals": false})",
        QStringLiteral("finding 2 (mine), condition 1: \"attribute\" must be a non-empty string"),
        R"("attribute": [)");
    row("condition: side unknown", R"("side": "after")", R"("side": "later")",
        QStringLiteral("finding 2 (mine), condition 2: \"side\" must be \"before\" or \"after\" "
                       "(not \"later\")"),
        R"("side")");
    row("condition: or_absent not a bool", R"("or_absent": true)", R"("or_absent": "true")",
        QStringLiteral("finding 2 (mine), condition 2: \"or_absent\" must be true or false"),
        R"("or_absent")");
    row("condition: absent with equals", R"("absent": true)", R"("absent": true, "equals": null)",
        QStringLiteral("finding 2 (mine), condition 3: \"absent\": true is used instead of "
                       "\"equals\" and \"or_absent\""),
        R"("absent")");
    row("condition: no test", condition, R"({"attribute": "deletion_protection"})",
        QStringLiteral("finding 2 (mine), condition 1: a condition needs \"equals\" or "
                       "\"absent\": true"),
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

    LoadError error;
    QVERIFY(!RuleSet::load(path, &error));
    QCOMPARE(error.path, path);
    QVERIFY2(error.toString().startsWith(path + QLatin1Char(':')), qPrintable(error.toString()));
    QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
    if (at.isEmpty()) {
        QCOMPARE(error.line, 0);
        return;
    }
    QVERIFY2(error.line > 0 && error.column > 0, qPrintable(error.toString()));
    QCOMPARE(bytes.mid(offsetOf(bytes, error.line, error.column), at.size()), at);
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

    LoadError error;
    const auto silent = RuleSet::load(
        writeFile(m_dir, QStringLiteral("no-safety.json"),
            R"({"schema": "blastguard.rules/v1", "secret_name_patterns": ["pin"]})"),
        &error);
    QVERIFY2(silent, qPrintable(error.toString()));
    RuleSet merged = defaultRules();
    merged.merge(*silent);
    QCOMPARE(merged.missingStateMinCreates(), 5);
    QVERIFY(!warned(merged));

    const auto lower = RuleSet::load(writeFile(m_dir, QStringLiteral("safety.json"),
                                         R"({"schema": "blastguard.rules/v1",
                                             "safety": {"missing_state_min_creates": 2}})"),
        &error);
    QVERIFY2(lower, qPrintable(error.toString()));
    merged.merge(*lower);
    QCOMPARE(merged.missingStateMinCreates(), 2);
    QVERIFY(warned(merged));
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
