// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Secrets that earlier versions printed, each tried through every command that shows values:
// the secret's text must appear in no output.
//
// The raw state's sensitive_attributes are paths of steps as Terraform 1.x writes them
// ({"type":"get_attr","value":NAME}, {"type":"index","value":{"value":KEY,"type":...}}), the
// form seen in the shared corpus (terraform__show-json-state__sensitive-variables).
//
// The patterns of resources/masking (issue 13, item 4): each one a row, its secret from
// tests/fixtures/plan-masking-patterns.json looked for in every output that shows values (report
// in every format, details, diff, the gate's output, the approval file, the confirmation
// phrase), and each harmless neighbour a row that must still be shown.
#include "core/risk/attributediff.h"
#include "core/risk/masking.h"
#include "core/risk/maskingrules.h"
#include "core/risk/slotmembers_p.h"
#include "gatetestutils.h"
#include "testutils.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

using namespace bg::core;
using namespace bg::tests;
using namespace Qt::StringLiterals;

class TestMasking : public QObject {
    Q_OBJECT
private slots:
    void unseenCharactersShown();
    void actsUnseenIsByCategory();
    void stringsQuotedAsJsonQuotesThem();
    void parentPathMasksItsSubtree_data();
    void parentPathMasksItsSubtree();
    void afterSensitiveMasksBefore();
    void placeholdersAreTheRulesAlone();

    void initTestCase();
    void patternMasked_data();
    void patternMasked();
    void neighbourShown_data();
    void neighbourShown();
    void maskedInsideStillChanged();
    void words_data();
    void words();
    void secretNames_data();
    void secretNames();
    void asciiNamesSplitAsWordsSplitsThem();
    void secretTexts_data();
    void secretTexts();
    void shippedFileIsCompiledIn();
    void joinedPatternsFindWhatEachFinds();
    void strictReading_data();
    void strictReading();
    void maskedValueAtIsTheMaskedValue();
    void scalarsDecodeAsQJsonDocumentReadsThem();
    void slotMembersStandForTheWholeObject_data();
    void slotMembersStandForTheWholeObject();
    void slotMembersOfEveryResource();

private:
    // Every output of every command for the patterns fixture: name -> text.
    QMap<QString, QString> m_outputs;
};

namespace {

const QByteArray Secret = "postgres-secret-xyz", Plain = "plain-but-inside-q";
const QByteArray SecretKey = "DSN_KEY_NAME_Z"; // a map's keys are as secret as its values

QByteArray rawState(int serial, const QByteArray &sensitivePaths, const QByteArray &dsn)
{
    return R"({"version": 4, "terraform_version": "1.9.8", "serial": )" + QByteArray::number(serial)
        + R"(, "lineage": "4f1d2c3b-aaaa-bbbb-cccc-0123456789ab", "outputs": {},
  "resources": [{"mode": "managed", "type": "aws_lambda_function", "name": "api",
    "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
    "instances": [{"schema_version": 0,
      "attributes": {"function_name": "api", "id": "api",
        "environment": [{"variables": {")"
        + SecretKey + R"(": ")" + dsn + R"(", "MODE": ")" + Plain + QByteArray::number(serial)
        + R"("}}]},
      "sensitive_attributes": )"
        + sensitivePaths + R"(}]}]})";
}

} // namespace

// A value can hold what a reader does not see but a terminal, a log viewer or a browser acts on:
// shown, each is escaped as JSON escapes a control character; in a line of its own (the gate's
// log, a record), each is replaced. A character that is only unusual stays as it is.
void TestMasking::unseenCharactersShown()
{
    const QString value = QStringLiteral("a\u2028b\u2029c\u202ed\u2066e\u200bf\u001bg\u0085h")
        + QString::fromUcs4(U"\U000E0041i\U0001F600j\u00e9");
    QCOMPARE(displayValue(QJsonValue(value), true),
        QStringLiteral("\"a\\u2028b\\u2029c\\u202ed\\u2066e\\u200bf\\u001bg\\u0085h"
                       "\\udb40\\udc41i")
            + QString::fromUcs4(U"\U0001F600j\u00e9\""));
    QCOMPARE(oneLine(value),
        QStringLiteral("a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh\ufffdi")
            + QString::fromUcs4(U"\U0001F600j\u00e9"));
    QCOMPARE(oneLine(QStringLiteral("one\ntwo\tthree")), QStringLiteral("one\ufffdtwo\ufffdthree"));
    for (const char32_t c : {U'\u2028', U'\u202e', U'\U000E0041', U'\n', U'\u00ad'})
        QVERIFY(actsUnseen(c));
    for (const char32_t c : {U'a', U' ', U'\u00e9', U'\U0001F600', U'\u4e2d'})
        QVERIFY(!actsUnseen(c));
}

// actsUnseen answers most characters from a table of 256-code-point blocks (unicodeblocks.h):
// every code point, asked in an order that meets each block first at a random point of it, is
// answered as Qt's categories say.
void TestMasking::actsUnseenIsByCategory()
{
    const auto unseen = [](char32_t c) {
        const QChar::Category cat = QChar::category(c);
        return cat == QChar::Other_Control || cat == QChar::Other_Format
            || cat == QChar::Separator_Line || cat == QChar::Separator_Paragraph;
    };
    QRandomGenerator rng(20261207);
    int disagree = 0;
    int unseenCount = 0;
    for (char32_t block = 0; block <= 0x10ff00; block += 0x100) {
        const char32_t start = block + rng.bounded(0x100);
        for (char32_t i = 0; i < 0x100; ++i) {
            const char32_t c = block + (start - block + i) % 0x100;
            unseenCount += unseen(c);
            if (actsUnseen(c) != unseen(c) && ++disagree < 5)
                qWarning("U+%04X: actsUnseen %d, category %d", uint(c), actsUnseen(c), unseen(c));
        }
    }
    QCOMPARE(disagree, 0);
    QVERIFY(unseenCount > 100); // the controls, the format characters, the tags
}

// A string value is shown as QJsonDocument writes it, each character that acts unseen escaped
// too. Printable ASCII takes a short cut (quotedVisibly); every string here, chosen or random
// over an alphabet of both kinds (quotes, backslashes, controls, DEL, lone surrogates, pairs),
// must come out as the long way writes it.
void TestMasking::stringsQuotedAsJsonQuotesThem()
{
    const auto expected = [](const QString &text) {
        const QString quoted
            = QString::fromUtf8(QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact))
                  .mid(1)
                  .chopped(1);
        QString out;
        for (qsizetype i = 0; i < quoted.size(); ++i) {
            const QChar c = quoted[i];
            const bool pair
                = c.isHighSurrogate() && i + 1 < quoted.size() && quoted[i + 1].isLowSurrogate();
            const char32_t code = pair ? QChar::surrogateToUcs4(c, quoted[i + 1]) : c.unicode();
            for (qsizetype j = i; j <= i + qsizetype(pair); ++j) {
                if (actsUnseen(code))
                    out += QStringLiteral("\\u%1").arg(
                        quoted[j].unicode(), 4, 16, QLatin1Char('0'));
                else
                    out += quoted[j];
            }
            i += pair;
        }
        return out;
    };
    QStringList texts {QString(), QStringLiteral("db-0"), QStringLiteral("a\"b"),
        QStringLiteral("back\\slash"), QStringLiteral("tab\there"), QStringLiteral("del\x7f"),
        QStringLiteral("~ !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}"), QStringLiteral("caf\u00e9"),
        QString(QChar(0xd800)) + QLatin1Char('x'), QString(QChar(0xdc00)),
        QString::fromUcs4(U"\U0001F600\U000E0041")};
    const char16_t alphabet[] = {u'a', u'Z', u'0', u' ', u'~', u'"', u'\\', 0x1f, 0x7f, 0x80, 0xe9,
        0x200b, 0xd83d, 0xde00, 0xdb40, 0xdc41, 0xfffd};
    QRandomGenerator random(18);
    for (int n = 0; n < 20000; ++n) {
        QString text;
        const bool plainOnly = n % 2 == 0; // half of them take the short cut
        for (int length = random.bounded(12); length > 0; --length)
            text += QChar(alphabet[random.bounded(plainOnly ? 5 : int(std::size(alphabet)))]);
        texts.append(text);
    }
    int shortCut = 0;
    for (const QString &text : std::as_const(texts)) {
        const QString shown = displayValue(QJsonValue(text), true);
        QCOMPARE(shown, expected(text));
        shortCut += shown == QLatin1Char('"') + text + QLatin1Char('"');
    }
    QVERIFY(shortCut > 5000 && shortCut < texts.size() - 5000);
}

void TestMasking::parentPathMasksItsSubtree_data()
{
    QTest::addColumn<QByteArray>("paths");
    const QByteArray parent = R"([{"type": "get_attr", "value": "environment"}])";
    const QByteArray child = R"([{"type": "get_attr", "value": "environment"},
        {"type": "index", "value": {"value": 0, "type": "number"}},
        {"type": "get_attr", "value": "variables"},
        {"type": "index", "value": {"value": "DSN_KEY_NAME_Z", "type": "string"}}])";
    QTest::newRow("parent first") << "[" + parent + ", " + child + "]";
    QTest::newRow("child first") << "[" + child + ", " + parent + "]";
    QTest::newRow("parent alone") << "[" + parent + "]";
}

// A parent path in sensitive_attributes masks everything under it, its keys included, whatever
// order the paths come in: before, a child path replaced the parent's mark, and `diff` printed
// environment[0].variables.DSN_KEY_NAME_Z and the changed siblings' values.
void TestMasking::parentPathMasksItsSubtree()
{
    QFETCH(QByteArray, paths);
    QTemporaryDir dir;
    const QString older
        = writeBytes(dir, QStringLiteral("old.tfstate"), rawState(7, paths, Secret));
    const QString newer
        = writeBytes(dir, QStringLiteral("new.tfstate"), rawState(8, paths, Secret + "-rotated"));
    const QList<QStringList> commands = {
        {QStringLiteral("report"), newer},
        {QStringLiteral("report"), newer, QStringLiteral("-f"), QStringLiteral("json")},
        {QStringLiteral("what-if"), newer, QStringLiteral("--all"), QStringLiteral("-f"),
            QStringLiteral("markdown")},
        {QStringLiteral("diff"), older, newer},
        {QStringLiteral("diff"), older, newer, QStringLiteral("-f"), QStringLiteral("json")},
        {QStringLiteral("graph"), newer, QStringLiteral("-f"), QStringLiteral("dot")},
    };
    for (const QStringList &args : commands) {
        const Run run = cli(args);
        const QString all = run.out + run.err;
        QVERIFY2(run.code == 0, qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + all));
        QVERIFY2(!all.contains(QLatin1String(Secret)) && !all.contains(QLatin1String(Plain))
                && !all.contains(QLatin1String(SecretKey)),
            qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + all));
    }
}

// A value marked sensitive only in after_sensitive of a replace is secret in `before` too: the
// database's name must not reach the gate's output (its phrase names the database).
void TestMasking::afterSensitiveMasksBefore()
{
    const QByteArray name = "hidden-db-name-77";
    const QByteArray values
        = R"({"identifier": ")" + name + R"(", "engine": "postgres", "skip_final_snapshot": true,
        "delete_automated_backups": true, "deletion_protection": false})";
    const QByteArray plan = R"({"format_version": "1.2", "terraform_version": "1.9.8",
  "resource_changes": [{"address": "aws_db_instance.main", "mode": "managed",
    "type": "aws_db_instance", "name": "main",
    "provider_name": "registry.terraform.io/hashicorp/aws",
    "change": {"actions": ["delete", "create"], "before": )"
        + values + R"(, "after": )" + values + R"(, "after_unknown": {},
      "before_sensitive": {}, "after_sensitive": {"identifier": true},
      "replace_paths": [["engine"]]},
    "action_reason": "replace_because_cannot_update"}],
  "prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [
    {"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance",
     "name": "main", "provider_name": "registry.terraform.io/hashicorp/aws",
     "values": )"
        + values + R"(, "sensitive_values": {}}]}}}})";
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("plan.json"), plan);
    for (const QStringList &args :
        QList<QStringList> {{QStringLiteral("gate"), path}, {QStringLiteral("report"), path},
            {QStringLiteral("report"), path, QStringLiteral("-f"), QStringLiteral("json")},
            {QStringLiteral("report"), path, QStringLiteral("-f"), QStringLiteral("markdown")},
            {QStringLiteral("saved-by"), path}}) {
        const Run run = cli(args);
        const QString all = run.out + run.err;
        QVERIFY2(run.code == 0 || run.code == 3, qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("aws_db_instance.main")), qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String(name)),
            qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + all));
    }
    // Nor the approval file (its phrase names the database).
    const Analysis a = analyse(mustLoad(path), defaultRules());
    const QString approvalPath = dir.filePath(QStringLiteral("approval.json"));
    QVERIFY(writeApproval(shippedApproval(a), approvalPath));
    const QByteArray written = readAll(approvalPath);
    QVERIFY2(written.contains("aws_db_instance.main"), written.constData());
    QVERIFY2(!written.contains(name), written.constData());
}

// A rule's message names the resource with {address} and a value with {attr:identifier}; an
// address whose key looks like a placeholder stays as it is, and never makes a message show
// the value it names (until 2026-12-05 each placeholder was replaced in turn, in the text the
// one before had put in).
void TestMasking::placeholdersAreTheRulesAlone()
{
    const QByteArray address = R"(aws_db_instance.db[\"{attr:master_password}{type}\"])";
    const QByteArray values = R"({"identifier": "orders-db", "master_password": "hunter2-secret",
        "engine": "postgres", "skip_final_snapshot": true, "deletion_protection": false})";
    const QByteArray plan = R"({"format_version": "1.2", "terraform_version": "1.9.8",
  "resource_changes": [{"address": ")"
        + address + R"(", "mode": "managed", "type": "aws_db_instance", "name": "db",
    "index": "{attr:master_password}{type}", "provider_name": "registry.terraform.io/hashicorp/aws",
    "change": {"actions": ["delete"], "before": )"
        + values + R"(, "after": null, "after_unknown": {}, "before_sensitive": {},
      "after_sensitive": false}}]})";
    QTemporaryDir dir;
    const Analysis a
        = analyse(mustLoad(writeBytes(dir, QStringLiteral("plan.json"), plan)), defaultRules());
    const QString shown = QStringLiteral("aws_db_instance.db[\"{attr:master_password}{type}\"]");
    int named = 0;
    for (const Finding &f : a.findings) {
        QVERIFY2(
            !f.message.text().contains(QLatin1String("hunter2")), qPrintable(f.message.text()));
        QVERIFY2(
            !f.message.text().contains(QLatin1String("[\"{attr:master_password}aws_db_instance")),
            qPrintable(f.message.text()));
        if (f.message.text().contains(shown)
            && f.message.text().contains(QLatin1String("(\"orders-db\")")))
            ++named;
    }
    QVERIFY2(named > 0, "no finding names the database by its address and identifier");
}

namespace {

const QString PatternsPlan = QStringLiteral("plan-masking-patterns.json");

QStringList addressesOf(const QString &plan)
{
    QStringList out;
    for (const QJsonValue rc : QJsonDocument::fromJson(readAll(plan))["resource_changes"].toArray())
        out.append(rc["address"].toString());
    return out;
}

} // namespace

// Runs every command once over the patterns fixture (with test rules whose findings print every
// string attribute), and builds the approval file in core; the rows then search the outputs.
void TestMasking::initTestCase()
{
    const QString plan = fixture(PatternsPlan);
    const QString rules = fixture(QStringLiteral("rules-masking-patterns.json"));
    const auto run = [this](const QString &name, const QStringList &args) {
        const Run r = cli(args);
        QVERIFY2(r.status == QProcess::NormalExit && (r.code == 0 || r.code == 3),
            qPrintable(name + QLatin1Char('\n') + r.err));
        m_outputs.insert(name, r.out + r.err);
    };
    for (const char *format : {"text", "json", "markdown"}) {
        run(QStringLiteral("report %1").arg(QLatin1String(format)),
            {QStringLiteral("report"), plan, QStringLiteral("--rules"), rules, QStringLiteral("-f"),
                QLatin1String(format)});
    }
    run(QStringLiteral("gate"), {QStringLiteral("gate"), plan, QStringLiteral("--rules"), rules});
    const QStringList addresses = addressesOf(plan);
    QCOMPARE(addresses.size(), 10);
    for (const QString &address : addresses) {
        for (const char *format : {"text", "json"})
            run(QStringLiteral("details %1 %2").arg(QLatin1String(format), address),
                {QStringLiteral("details"), plan, address, QStringLiteral("-f"),
                    QLatin1String(format)});
    }
    // diff: the prior state as `terraform show -json` writes a state, then with every secret
    // and neighbour changed, so that each row is shown as changed.
    QTemporaryDir dir;
    QJsonObject state {{QStringLiteral("format_version"), QStringLiteral("1.0")},
        {QStringLiteral("terraform_version"), QStringLiteral("1.5.7")},
        {QStringLiteral("values"),
            QJsonDocument::fromJson(readAll(plan))["prior_state"]["values"].toObject()}};
    const QByteArray older = QJsonDocument(state).toJson();
    QByteArray newer = older;
    newer.replace("S3cr3t", "S3cr3t-rotated").replace("Vis1ble", "Renamed");
    const QString olderPath = writeBytes(dir, QStringLiteral("old.json"), older);
    const QString newerPath = writeBytes(dir, QStringLiteral("new.json"), newer);
    for (const char *format : {"text", "json", "markdown"})
        run(QStringLiteral("diff %1").arg(QLatin1String(format)),
            {QStringLiteral("diff"), olderPath, newerPath, QStringLiteral("-f"),
                QLatin1String(format)});

    for (const char *format : {"text", "json", "markdown"})
        run(QStringLiteral("what-if %1").arg(QLatin1String(format)),
            {QStringLiteral("what-if"), olderPath, QStringLiteral("--all"),
                QStringLiteral("--rules"), rules, QStringLiteral("-f"), QLatin1String(format)});

    // The approval file, written by core as `approve` and the GUI write it.
    Result<RuleSet> withProbes = RuleSet::loadDefaultAnd(rules);
    QVERIFY2(withProbes, qPrintable(errorText(withProbes)));
    const Analysis a = analyse(mustLoad(plan), *withProbes);
    const QString phrase = confirmationPhrase(a, *withProbes);
    const Approval approval = approvalFor(
        a, QStringLiteral("alice"), phrase, inForce(*withProbes, shippedPolicy()), shippedPolicy());
    QVERIFY(approval.acknowledged.size() >= 10);
    const QString approvalPath = dir.filePath(QStringLiteral("approval.json"));
    QVERIFY(writeApproval(approval, approvalPath));
    m_outputs.insert(QStringLiteral("approval file"), QString::fromUtf8(readAll(approvalPath)));
    m_outputs.insert(QStringLiteral("confirmation phrase"), phrase);
}

void TestMasking::patternMasked_data()
{
    QTest::addColumn<QStringList>("secrets");
    const auto row = [](const char *name, QStringList secrets) {
        QTest::newRow(name) << secrets;
    };
    row("url: empty user (redis://:PW@host)",
        {u"S3cr3t-redis-empty-user-old-Aa1"_s, u"S3cr3t-redis-empty-user-new-Kk1"_s});
    row("url: user and password (amqp://user:PW@host)", {u"S3cr3t-amqp-user-password-Jk2"_s});
    row("parameter: jdbc ?...&password=", {u"S3cr3t-jdbc-query-password-Bb2"_s});
    row("parameter: jdbc ;password=", {u"S3cr3t-jdbc-semicolon-Ll3"_s});
    row("parameter: ADO Password=", {u"S3cr3t-ado-password-Cc3"_s});
    row("parameter: ODBC Pwd =", {u"S3cr3t-odbc-pwd-Dd4"_s});
    row("parameter: Azure storage AccountKey=", {u"S3cr3tAccountKeyMm5"_s});
    row("parameter: ?token=", {u"S3cr3t-token-query-Qq8"_s});
    row("parameter: Azure SAS &sig=", {u"S3cr3tSasSignatureFf6"_s});
    row("value: Slack webhook", {u"S3cr3tSlackWebhookEe5"_s});
    row("value: Discord webhook", {u"S3cr3tDiscordWebhookNn6"_s});
    row("value: Teams webhook", {u"S3cr3tTeamsWebhookPp7"_s});
    row("value: PGP private key block", {u"S3cr3tPgpPrivateKeyBlockRr9"_s});
    row("value: OPENSSH private key", {u"S3cr3tOpensshKeySs1"_s});
    row("value: RSA private key", {u"S3cr3tRsaKeyTt2"_s});
    row("value: EC private key", {u"S3cr3tEcKeyUu3"_s});
    row("value: ENCRYPTED private key", {u"S3cr3tEncryptedKeyVv4"_s});
    row("pair: ECS container_definitions environment DB_PASSWORD",
        {u"S3cr3t-ecs-db-password-old-Gg7"_s, u"S3cr3t-ecs-db-password-new-Hh8"_s});
    row("pair: Kubernetes env API_TOKEN", {u"S3cr3t-k8s-env-token-Pq5"_s});
    row("pair: google metadata item key startup-script", {u"S3cr3t-metadata-item-Op4"_s});
    row("name: user_data", {u"S3cr3t-user-data-script-Ij9"_s});
    row("name: user_data (base64, launch template)",
        {u"IyEvYmluL2Jhc2gKZXhwb3J0IERCX1BBU1NXT1JEPWhpZGRlbi1pbi1iYXNlNjQK"_s});
    row("name: custom_data (azurerm)",
        {u"I2Nsb3VkLWNvbmZpZwpwYXNzd29yZDogaGlkZGVuLWluLWN1c3RvbS1kYXRhCg=="_s});
    row("name: metadata_startup_script (google)", {u"S3cr3t-startup-script-No3"_s});
    row("name: metadata user-data (google)", {u"S3cr3t-gce-user-data-Mn2"_s});
    row("name: auth", {u"S3cr3t-auth-Ww5"_s});
    row("name: authorization", {u"S3cr3t-authorization-Xx6"_s});
    row("name: pass", {u"S3cr3t-pass-Yy7"_s});
    row("name: DB_PASS", {u"S3cr3t-db-pass-upper-Fg5"_s});
    row("name: privateKey", {u"S3cr3t-privateKey-camel-Zz8"_s});
    row("name: private-key", {u"S3cr3t-private-key-kebab-Ab9"_s});
    row("name: x-api-key", {u"S3cr3t-x-api-key-Bc1"_s});
    row("name: ssh_key", {u"S3cr3t-ssh-key-Cd2"_s});
    row("name: signing_key", {u"S3cr3t-signing-key-De3"_s});
    row("name: basicAuth", {u"S3cr3t-basic-auth-camel-Ef4"_s});
}

// The secret is in the fixture, and in no output.
void TestMasking::patternMasked()
{
    QFETCH(QStringList, secrets);
    const QByteArray plan = readAll(fixture(PatternsPlan));
    QVERIFY(!m_outputs.isEmpty());
    for (const QString &secret : secrets) {
        QVERIFY2(plan.contains(secret.toUtf8()), qPrintable(secret));
        QVERIFY2(readAll(fixture(QStringLiteral("plan-masking-patterns.secrets.txt")))
                     .contains(secret.toUtf8()),
            qPrintable(secret));
        for (auto it = m_outputs.begin(); it != m_outputs.end(); ++it) {
            QVERIFY2(!it.value().contains(secret),
                qPrintable(QStringLiteral("%1 leaked by %2").arg(secret, it.key())));
        }
    }
    for (auto it = m_outputs.begin(); it != m_outputs.end(); ++it)
        QVERIFY2(!it.value().contains(QLatin1String("S3cr3t")), qPrintable(it.key()));
}

void TestMasking::neighbourShown_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("passenger_count") << u"Vis1ble-passenger-count"_s;
    QTest::newRow("bypass") << u"Vis1ble-bypass"_s;
    QTest::newRow("compass_heading") << u"Vis1ble-compass-heading"_s;
    QTest::newRow("keyboard_layout") << u"Vis1ble-keyboard-layout"_s;
    QTest::newRow("author") << u"Vis1ble-author"_s;
    QTest::newRow("authority") << u"Vis1ble-authority"_s;
    QTest::newRow("authorization_type") << u"Vis1ble-authorization-type"_s;
    QTest::newRow("auth_type") << u"Vis1ble-auth-type"_s;
    QTest::newRow("lambda LOG_LEVEL") << u"Vis1ble-lambda-log-level"_s;
    QTest::newRow("public URL with a query")
        << u"https://docs.Vis1ble.example.com/guide?page=2&lang=en"_s;
    QTest::newRow("URL with a port") << u"https://api.Vis1ble.example.com:8443/health"_s;
    QTest::newRow("ECS environment LOG_LEVEL") << u"Vis1ble-ecs-log-level"_s;
    QTest::newRow("ECS image") << u"Vis1ble-app:1.4.2"_s;
    QTest::newRow("Kubernetes env LOG_LEVEL") << u"Vis1ble-k8s-log-level"_s;
    QTest::newRow("PGP public key block") << u"mQINBGVis1blePgpPublicKey"_s;
    QTest::newRow("certificate") << u"MIIDVis1bleCertificate"_s;
    QTest::newRow("google metadata enable-oslogin") << u"Vis1ble-TRUE"_s;
}

// A harmless value next to the secrets is still shown: in `details` and in the findings the gate
// prints (their messages name every string attribute), in `diff` and in `what-if`.
void TestMasking::neighbourShown()
{
    QFETCH(QString, text);
    QString details;
    for (auto it = m_outputs.begin(); it != m_outputs.end(); ++it) {
        if (it.key().startsWith(QLatin1String("details text ")))
            details += it.value();
    }
    QVERIFY(!details.isEmpty());
    QVERIFY2(details.contains(text), qPrintable(text));
    QVERIFY2(m_outputs.value(QStringLiteral("gate")).contains(text), qPrintable(text));
    QVERIFY2(m_outputs.value(QStringLiteral("diff text")).contains(text), qPrintable(text));
    QVERIFY2(m_outputs.value(QStringLiteral("what-if text")).contains(text), qPrintable(text));
}

// A value masked inside (a JSON-encoded string) or whole reads the same on both sides, yet its
// secret changed: the row is a change, not "unchanged".
void TestMasking::maskedInsideStillChanged()
{
    const auto a = sharedAnalysis(fixture(PatternsPlan));
    const auto rowOf = [&a](const QString &address, const QString &path) {
        const int node = a->graph().find(address);
        for (const DiffRow &row : attributeDiff(*a, node, defaultRules())) {
            if (row.path == path)
                return row;
        }
        return DiffRow {};
    };
    const DiffRow ecs = rowOf(
        QStringLiteral("aws_ecs_task_definition.app"), QStringLiteral("container_definitions"));
    QCOMPARE(ecs.path, QStringLiteral("container_definitions"));
    QCOMPARE(ecs.before, ecs.after);
    QVERIFY(ecs.before.contains(QLatin1String(SensitiveText)));
    QVERIFY(ecs.before.contains(QLatin1String("Vis1ble-ecs-log-level")));
    QCOMPARE(ecs.kind, DiffKind::Changed);
    QVERIFY(ecs.forcesReplacement);
    const DiffRow redis = rowOf(QStringLiteral("aws_lambda_function.api"),
        QStringLiteral("environment[0].variables.REDIS_URL"));
    QCOMPARE(redis.before, QLatin1String(SensitiveText));
    QCOMPARE(redis.kind, DiffKind::Changed);
    const DiffRow amqp = rowOf(QStringLiteral("aws_lambda_function.api"),
        QStringLiteral("environment[0].variables.AMQP_URL"));
    QCOMPARE(amqp.before, QLatin1String(SensitiveText));
    QCOMPARE(amqp.kind, DiffKind::Unchanged);
}

void TestMasking::words_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("snake") << u"ssh_key"_s << QStringList {u"ssh"_s, u"key"_s};
    QTest::newRow("kebab") << u"x-api-key"_s << QStringList {u"x"_s, u"api"_s, u"key"_s};
    QTest::newRow("camel") << u"privateKey"_s << QStringList {u"private"_s, u"key"_s};
    QTest::newRow("upper snake") << u"DB_PASS"_s << QStringList {u"db"_s, u"pass"_s};
    QTest::newRow("acronym") << u"XAPIKey"_s << QStringList {u"xapi"_s, u"key"_s};
    QTest::newRow("acronym then word") << u"HTTPAuth"_s << QStringList {u"http"_s, u"auth"_s};
    QTest::newRow("digits") << u"pass2"_s << QStringList {u"pass"_s, u"2"_s};
    QTest::newRow("flatmap") << u"config.0.pass"_s << QStringList {u"config"_s, u"0"_s, u"pass"_s};
    QTest::newRow("one word") << u"passenger"_s << QStringList {u"passenger"_s};
    QTest::newRow("nothing") << u"__"_s << QStringList {};
}

void TestMasking::words()
{
    QFETCH(QString, name);
    QFETCH(QStringList, words);
    QCOMPARE(MaskingRules::words(name), words);
}

void TestMasking::secretNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *name : {"auth", "basic_auth", "master_auth", "proxyAuth", "Authorization",
             "proxy-authorization", "pass", "db_pass", "DB_PASS", "pass2", "privateKey",
             "private-key", "ssh_private_key", "x-api-key", "apiKey", "ssh_key", "sshKey",
             "signing_key", "signingKey", "accessKey", "clientKey", "connectionString", "user_data",
             "user_data_base64", "userData", "user-data", "custom_data", "metadata_startup_script",
             "startup-script", "windows-startup-script-ps1", "auth_key"})
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    for (const char *name : {"passenger_count", "bypass", "compass", "passthrough_behavior",
             "author", "authority", "auth_type", "authorization_type", "authentication_enabled",
             "iam_database_authentication_enabled", "keyboard", "kms_key_id", "hash_key",
             "public_key", "key_name", "user_name", "data", "startup", "script",
             "bypass_policy_lockout_safety_check"})
        QTest::newRow(name) << QString::fromLatin1(name) << false;
}

// The words and endings of resources/masking; the rules' substrings come on top (isSecretName).
void TestMasking::secretNames()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(MaskingRules::shipped().isSecretName(name), secret);
    if (secret)
        QVERIFY(isSecretName(defaultRules(), name));
}

// A short ASCII name is split into words on the stack (isSecretName), any other by words(). A
// character that is no letter or digit only ends a word: the same name with U+00A0 after it
// has the same words, and takes the long way. Names from the words that make the shipped
// secrets, in every case and run together or apart, must be judged alike both ways.
void TestMasking::asciiNamesSplitAsWordsSplitsThem()
{
    const QStringList pieces {QStringLiteral("pass"), QStringLiteral("Pass"),
        QStringLiteral("PASS"), QStringLiteral("word"), QStringLiteral("Private"),
        QStringLiteral("KEY"), QStringLiteral("key"), QStringLiteral("Key"), QStringLiteral("api"),
        QStringLiteral("API"), QStringLiteral("Api"), QStringLiteral("auth"),
        QStringLiteral("Authorization"), QStringLiteral("user"), QStringLiteral("Data"),
        QStringLiteral("s"), QStringLiteral("X"), QStringLiteral("2"), QStringLiteral("v10"),
        QStringLiteral("_"), QStringLiteral("-"), QStringLiteral(" "), QStringLiteral("."),
        QStringLiteral("connection"), QStringLiteral("String")};
    const MaskingRules &rules = MaskingRules::shipped();
    QRandomGenerator random(128);
    int secret = 0, plain = 0;
    for (int n = 0; n < 20000; ++n) {
        QString name;
        const int count = n % 50 == 0 ? 60 : 1 + random.bounded(5); // some past 128 characters
        for (int i = 0; i < count; ++i)
            name += pieces[random.bounded(pieces.size())];
        const bool answer = rules.isSecretName(name);
        QVERIFY2(answer == rules.isSecretName(name + QChar(0xa0)), qPrintable(name));
        (answer ? secret : plain)++;
    }
    QVERIFY(secret > 1000 && plain > 1000);
    for (const char *name : {"xApiKey", "DB_PASSWORD", "APIKey", "apikey", "PASSWORD2", "SSHKey",
             "userData", "basic_auth", "authorizations", "key", "", "_"})
        QCOMPARE(rules.isSecretName(QString::fromLatin1(name)),
            rules.isSecretName(QString::fromLatin1(name) + QChar(0xa0)));
}

void TestMasking::secretTexts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("secret");
    const auto yes = [](const char *name, const char *text) {
        QTest::newRow(name) << QString::fromUtf8(text) << true;
    };
    const auto no = [](const char *name, const char *text) {
        QTest::newRow(name) << QString::fromUtf8(text) << false;
    };
    yes("redis empty user", "redis://:pw@cache:6379");
    yes("postgres user", "postgres://app:pw@db/app");
    yes("password with @", "mysql://app:p@ss@db/app");
    yes("jdbc query", "jdbc:mysql://db/app?user=a&password=x");
    yes("jdbc first parameter", "jdbc:mysql://db/app?password=x");
    yes("jdbc semicolon", "jdbc:sqlserver://db;password=x");
    yes("ado", "Server=db;User Id=a;Password=x;");
    yes("ado first", "Password=x;Server=db");
    yes("odbc spaces", "Driver={x};Uid=a; PWD = x");
    yes("secret parameter", "https://x/cb?client_secret=x");
    yes("api_key parameter", "https://x/v1?api_key=x");
    yes("access_token parameter", "https://x/v1?access_token=x");
    yes("sas sig", "https://a.blob.core.windows.net/c?sv=1&sig=x");
    yes("s3 presigned", "https://b.s3.amazonaws.com/k?X-Amz-Signature=x");
    yes("azure account key", "AccountName=a;AccountKey=x;EndpointSuffix=core.windows.net");
    yes("service bus key", "Endpoint=sb://n/;SharedAccessKeyName=r;SharedAccessKey=x");
    yes("slack", "https://hooks.slack.com/services/T0/B0/x");
    yes("slack workflow", "https://hooks.slack.com/workflows/T0/A0/1/x");
    yes("discord", "https://discord.com/api/webhooks/1/x");
    yes("discordapp", "https://canary.discordapp.com/api/webhooks/1/x");
    yes("teams", "https://contoso.webhook.office.com/webhookb2/x");
    yes("pgp", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nx");
    yes("openssh", "-----BEGIN OPENSSH PRIVATE KEY-----\nx");
    yes("rsa end only", "x\n-----END RSA PRIVATE KEY-----");
    yes("encrypted", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nx");
    no("public url", "https://example.com/docs?page=2&lang=en");
    no("port", "https://example.com:8443/health");
    no("email", "ops@example.com");
    no("mailto", "mailto:ops@example.com");
    no("empty password parameter", "Server=db;Password=;");
    no("password word", "the password is rotated daily");
    no("token words", "token=");
    no("passenger parameter", "https://x/?passenger=2");
    no("public key", "-----BEGIN PUBLIC KEY-----");
    no("pgp public", "-----BEGIN PGP PUBLIC KEY BLOCK-----");
    no("slack page", "https://slack.com/intl/en-gb");
    no("arn", "arn:aws:secretsmanager:us-east-1:1:secret:db-password-AbCdEf");
}

void TestMasking::secretTexts()
{
    QFETCH(QString, text);
    QFETCH(bool, secret);
    QCOMPARE(MaskingRules::shipped().isSecretText(text), secret);
}

// What is compiled in is the file in resources/masking, and it reads without error.
void TestMasking::shippedFileIsCompiledIn()
{
    const QString path = resource(QStringLiteral("masking/default.json"));
    Result<MaskingRules> file = MaskingRules::load(path);
    QVERIFY2(file, qPrintable(errorText(file)));
    QFile compiled(QStringLiteral(":/blastguard/masking/default.json"));
    QVERIFY(compiled.open(QIODevice::ReadOnly));
    QCOMPARE(compiled.readAll(), readAll(path));
    QCOMPARE(file->nameValuePairs(), MaskingRules::shipped().nameValuePairs());
}

// The secret parameters and value patterns are searched as one expression (isSecretText), where
// joining them cannot change what each finds. A pattern that refers to a group, sets an option
// or a verb keeps them apart: the shipped file with a pattern that never matches ("(?!)") is
// searched one pattern at a time. Texts made of pieces of secrets and of plain text must be
// judged alike both ways; and a joinable pattern that does match is found.
void TestMasking::joinedPatternsFindWhatEachFinds()
{
    QFile compiled(QStringLiteral(":/blastguard/masking/default.json"));
    QVERIFY(compiled.open(QIODevice::ReadOnly));
    const QByteArray shipped = compiled.readAll();
    const auto withPattern = [&shipped](const QByteArray &regex) {
        QByteArray bytes = shipped;
        const QByteArray key = R"("secret_value_patterns": [)";
        const qsizetype at = bytes.indexOf(key);
        bytes.insert(at + key.size(), R"({"name": "added", "regex": ")" + regex + R"("},)");
        return MaskingRules::parse(bytes, QStringLiteral("masking.json"));
    };
    const Result<MaskingRules> apart = withPattern(R"((?!))");
    const Result<MaskingRules> joined = withPattern(R"(zz[0-9]+qq)");
    QVERIFY2(apart && joined, qPrintable(errorText(apart) + errorText(joined)));
    const QStringList pieces {QStringLiteral("postgres://app:pw@db/app"), QStringLiteral("://"),
        QStringLiteral("@"), QStringLiteral(":"), QStringLiteral("https://hooks.slack.com/"),
        QStringLiteral("services/"), QStringLiteral("-----BEGIN RSA PRIVATE KEY-----"),
        QStringLiteral("PRIVATE KEY"), QStringLiteral("-----"), QStringLiteral("?"),
        QStringLiteral("&"), QStringLiteral(";"), QStringLiteral("password"), QStringLiteral("Pwd"),
        QStringLiteral("sig"), QStringLiteral(" = "), QStringLiteral("="), QStringLiteral("x"),
        QStringLiteral(" "), QStringLiteral("db-0"), QStringLiteral("discord.com/api/webhooks/"),
        QStringLiteral("https://a.webhook.office.com/webhookb2/"), QStringLiteral("zz12qq")};
    QRandomGenerator random(6);
    int secret = 0, plain = 0;
    for (int n = 0; n < 20000; ++n) {
        QString text;
        for (int i = 1 + random.bounded(4); i > 0; --i)
            text += pieces[random.bounded(pieces.size())];
        const bool shippedAnswer = MaskingRules::shipped().isSecretText(text);
        QVERIFY2(apart->isSecretText(text) == shippedAnswer, qPrintable(text));
        QVERIFY2(joined->isSecretText(text) == (shippedAnswer || text.contains(u"zz12qq")),
            qPrintable(text));
        (shippedAnswer ? secret : plain)++;
    }
    QVERIFY(secret > 1000 && plain > 1000);
}

void TestMasking::strictReading_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const QByteArray head = R"({"schema": "blastguard.masking/v1", "secret_name_words": ["pass"],
 "secret_name_endings": [], "secret_parameters": ["password"], "name_value_pairs": [],
)";
    const QByteArray patterns = R"( "secret_value_patterns": [{"name": "a", "regex": "x"}])";
    QTest::newRow("valid") << head + patterns + "}" << QString();
    QTest::newRow("unknown member") << head + patterns + R"(, "secret_names": []})"
                                    << u"3:58: unknown member \"secret_names\""_s;
    QTest::newRow("bad regex")
        << head + R"( "secret_value_patterns": [{"name": "a", "regex": "(x"}]})"
        << u"3:42: \"secret_value_patterns[0].regex\" is not a regular expression"_s;
    QTest::newRow("unknown pattern member")
        << head + R"( "secret_value_patterns": [{"name": "a", "regex": "x", "flags": "i"}]})"
        << u"3:56: unknown member \"flags\""_s;
    QTest::newRow("two patterns, one name") << head
            + R"( "secret_value_patterns": [{"name": "a", "regex": "x"}, {"name": "a", "regex": "y"}]})"
                                            << u"must be unique"_s;
    QTest::newRow("no word") << QByteArray(head).replace(R"(["pass"])", R"(["pass", "--"])")
            + patterns + "}" << u"1:67: \"secret_name_words[1]\" must be one or more words"_s;
    QTest::newRow("parameter with a space")
        << QByteArray(head).replace(R"(["password"])", R"(["pass word"])") + patterns + "}"
        << u"\"secret_parameters[0]\" must be a parameter name"_s;
    QTest::newRow("no parameters") << QByteArray(head).replace(R"(["password"])", "[]") + patterns
            + "}" << u"secret_parameters"_s;
    QTest::newRow("word not a string") << QByteArray(head).replace(R"(["pass"])", "[1]") + patterns
            + "}" << u"secret_name_words[0]"_s;
    QTest::newRow("missing list") << QByteArray(head).replace(R"("name_value_pairs": [],)", "")
            + patterns + "}" << u"missing member \"name_value_pairs\""_s;
    QTest::newRow("other schema") << QByteArray(head).replace("masking/v1", "masking/v2") + patterns
            + "}" << u"unknown schema"_s;
}

// A masking file is read strictly, every problem named with the file, line and column.
void TestMasking::strictReading()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("masking.json"), json);
    const Result<MaskingRules> read = MaskingRules::load(path);
    if (message.isEmpty()) {
        QVERIFY2(read, qPrintable(errorText(read)));
        return;
    }
    QVERIFY(!read);
    const QString text = read.error().toString();
    QVERIFY2(text.startsWith(path + QLatin1Char(':')), qPrintable(text));
    QVERIFY2(text.contains(message), qPrintable(text));
}

namespace {

// Every path into `value` (members and elements, a few levels down), and one that is missing at
// each level: what a rule's {attr:...} can name.
void pathsOf(const QJsonValue &value, const QStringList &prefix, int depth, QList<QStringList> *out)
{
    out->append(prefix + QStringList {QStringLiteral("no_such_member")});
    if (depth > 6 || out->size() > 400)
        return;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            out->append(prefix + QStringList {it.key()});
            pathsOf(it.value(), prefix + QStringList {it.key()}, depth + 1, out);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size() && i < 4; ++i) {
            out->append(prefix + QStringList {QString::number(i)});
            pathsOf(array.at(i), prefix + QStringList {QString::number(i)}, depth + 1, out);
        }
    }
}

// Every document of the corpus and of the fixtures matching `patterns` that loads, to f(file,
// document), until a check fails.
template<typename F>
void forEachLoaded(const QStringList &patterns, F f)
{
    QStringList files = corpusFiles();
    for (const QString &name : QDir(QStringLiteral(BG_FIXTURES)).entryList(patterns, QDir::Files))
        files.append(fixture(name));
    for (const QString &file : files) {
        const Result<Document> loaded = loadDocument(file);
        if (loaded)
            f(file, loaded.value());
        if (QTest::currentTestFailed())
            return;
    }
}

} // namespace

// maskedValueAt, which masks only the members on a path (the findings' words), finds what
// valueAt finds in the whole masked object, for every resource of the fixtures and the corpus.
void TestMasking::maskedValueAtIsTheMaskedValue()
{
    int checked = 0;
    forEachLoaded({QStringLiteral("plan-*.json")}, [&](const QString &file, const Document &doc) {
        for (const Resource &r : doc.resources) {
            const QJsonValue sensitive = sensitivityOf(doc, r);
            for (const Side side : {Side::Before, Side::After}) {
                const QJsonValue value = decodeSlot(doc, side == Side::After ? r.after : r.before);
                const QJsonValue masked = maskedValues(doc, r, side, defaultRules());
                QList<QStringList> paths;
                pathsOf(value, {}, 0, &paths);
                for (const QStringList &path : paths) {
                    bool wholePresent = false, pathPresent = false;
                    const QJsonValue whole = valueAt(masked, path, &wholePresent);
                    const QJsonValue at
                        = maskedValueAt(value, sensitive, defaultRules(), path, &pathPresent);
                    QVERIFY2(whole == at && wholePresent == pathPresent,
                        qPrintable(file + u' ' + r.id + u' ' + path.join(u'.')));
                    ++checked;
                }
            }
        }
    });
    QVERIFY(checked > 1000);
}

namespace {

Document documentOf(const QByteArray &text)
{
    Document doc;
    doc.bytes = text;
    return doc;
}

JsonSlot wholeSlot(const Document &doc)
{
    return JsonSlot {{0, doc.bytes.size()}};
}

// For each member of the whole decoded object, and one it lacks: SlotMembers finds the same
// value, or finds none where the whole has none; and the masked value at every path through it
// is the same, with the names beside it that masking reads (as NodeValues::shown asks).
void compareMembers(const Document &doc, const JsonSlot &slot, const QString &where)
{
    const QJsonValue whole = decodeSlot(doc, slot);
    SlotMembers members(doc, slot);
    if (!members.readable())
        return;
    QVERIFY2(whole.isObject(), qPrintable(where));
    QStringList names = whole.toObject().keys();
    names.append(QStringLiteral("no_such_member"));
    for (const QString &name : names) {
        const QJsonObject read = members.members({name});
        QVERIFY2(read.contains(name) == whole.toObject().contains(name)
                && read.value(name) == whole.toObject().value(name),
            qPrintable(where + u' ' + name));
    }
    const QJsonValue sensitive = QJsonObject {{QStringLiteral("password"), true}};
    QList<QStringList> paths;
    pathsOf(whole, {}, 0, &paths);
    for (const QStringList &path : paths) {
        if (path.isEmpty())
            continue;
        QStringList asked {path.first()};
        for (const auto &[nameKey, valueKey] : MaskingRules::shipped().nameValuePairs()) {
            if (valueKey == path.first())
                asked.append(nameKey);
        }
        bool wholePresent = false, readPresent = false;
        const QJsonValue a = maskedValueAt(whole, sensitive, defaultRules(), path, &wholePresent);
        const QJsonValue b
            = maskedValueAt(members.members(asked), sensitive, defaultRules(), path, &readPresent);
        QVERIFY2(a == b && wholePresent == readPresent, qPrintable(where + u' ' + path.join(u'.')));
    }
}

} // namespace

// decodeSlot reads true, false, null and strings without escapes itself: the same values
// QJsonDocument makes of them.
void TestMasking::scalarsDecodeAsQJsonDocumentReadsThem()
{
    const QByteArray longString = '"' + QByteArray(MaxDecodedString + 10, 'x') + '"';
    const QList<QByteArray> texts {"true", "false", "null", " true ", "\ttrue\n", "\"\"",
        "\"plain\"", "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", "\"\xef\xbf\xbe\"", "\"a\\\"b\"",
        "\"\\u00e9\"", "\"tab\\t\"", "7", "-0", "1e2", "0.1", "9007199254740993", longString,
        " \"spaced\" "};
    for (const QByteArray &text : texts) {
        const Document doc = documentOf(text);
        const QJsonValue read = decodeSlot(doc, wholeSlot(doc));
        const QByteArray shown = text.size() > 40 ? text.left(40) + "..." : text;
        if (text.size() > MaxDecodedString) {
            QVERIFY2(read.toString().startsWith(QStringLiteral("(a value of ")), shown.constData());
            continue;
        }
        const QJsonValue expected = QJsonDocument::fromJson("[" + text + "]").array().at(0);
        QVERIFY2(!expected.isUndefined(), shown.constData());
        QVERIFY2(read == expected && read.type() == expected.type(), shown.constData());
    }
}

void TestMasking::slotMembersStandForTheWholeObject_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("readable");
    QTest::newRow("flat") << QByteArray(R"({"a":1,"b":true,"c":"x","d":null})") << true;
    QTest::newRow("nested") << QByteArray(
        R"({"tags":{"Name":"n","a.b":"c"},"list":[{"x":[1,2,{"y":"}"}]}],"s":"{[\"]}"})")
                            << true;
    QTest::newRow("pretty") << QByteArray("{\n  \"a\" : [ 1 , 2 ] ,\n  \"b\" : { } \n}\n") << true;
    QTest::newRow("named twice: the last counts")
        << QByteArray(R"({"a":false,"b":1,"a":true})") << true;
    QTest::newRow("named twice, nested") << QByteArray(R"({"a":{"x":1},"a":{"y":2}})") << true;
    QTest::newRow("empty") << QByteArray("{}") << true;
    QTest::newRow("flatmap names") << QByteArray(R"({"tags.%":"1","tags.Name":"n"})") << true;
    QTest::newRow("name and value")
        << QByteArray(R"({"name":"DB_PASSWORD","value":"hunter2","password":"p"})") << true;
    QTest::newRow("long string") << QByteArray(R"({"big":")" + QByteArray(MaxDecodedString + 1, 'y')
        + R"(","small":"s"})") << true;
    QTest::newRow("names past ASCII")
        << QByteArray(R"({"é":1,"e":2,"名前":"x","a b":3,"😀":4})") << true;
    QTest::newRow("escaped name") << QByteArray(R"({"a":1,"\u0061":2})") << false;
    QTest::newRow("a name past MaxDecodedString")
        << QByteArray(R"({"a":1,")" + QByteArray(MaxDecodedString + 1, 'n') + R"(":2})") << false;
    QTest::newRow("nested 100 deep")
        << QByteArray(R"({"a":true,"d":)" + QByteArray(100, '[') + QByteArray(100, ']') + "}")
        << true;
    QTest::newRow("nested past QJsonDocument's limit: decoded whole, to nothing") << QByteArray(
        R"({"a":true,"d":)" + QByteArray(1100, '[') + QByteArray(1100, ']') + "}") << false;
    QTest::newRow("escaped quote in a name") << QByteArray(R"({"a\"b":1})") << false;
    QTest::newRow("escapes in values only") << QByteArray(R"({"a":"\u0061\"","b":["\\"]})") << true;
    QTest::newRow("a list") << QByteArray("[1,2]") << false;
    QTest::newRow("a string") << QByteArray("\"{\\\"a\\\":1}\"") << false;
    QTest::newRow("null") << QByteArray("null") << false;
}

void TestMasking::slotMembersStandForTheWholeObject()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, readable);
    const Document doc = documentOf(text);
    QCOMPARE(SlotMembers(doc, wholeSlot(doc)).readable(), readable);
    compareMembers(doc, wholeSlot(doc), QString::fromUtf8(text.left(60)));
    if (text == R"({"a":false,"b":1,"a":true})") {
        SlotMembers members(doc, wholeSlot(doc));
        QCOMPARE(
            members.members({QStringLiteral("a")}).value(QStringLiteral("a")), QJsonValue(true));
    }
}

// Every resource of the fixtures and the corpus, both sides: as the whole object.
void TestMasking::slotMembersOfEveryResource()
{
    int readable = 0;
    forEachLoaded({QStringLiteral("*.json"), QStringLiteral("*.tfstate")},
        [&](const QString &file, const Document &doc) {
            for (const Resource &r : doc.resources) {
                for (const JsonSlot *slot : {&r.before, &r.after}) {
                    compareMembers(doc, *slot, file + u' ' + r.id);
                    readable += SlotMembers(doc, *slot).readable();
                }
            }
        });
    QVERIFY2(readable > 500, qPrintable(QString::number(readable)));
}

QTEST_GUILESS_MAIN(TestMasking)
#include "tst_masking.moc"
