// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The one strict JSON reader: a row per check, each asserting the exact message and the line
// and column it points at (a member's key, a list entry, or the object a member is missing
// from), and that the first problem wins.
#include "core/loading/strictjson.h"
#include "testutils.h"

#include <QTemporaryDir>

using namespace bg::core;

class TestStrictJson : public QObject {
    Q_OBJECT
private slots:
    void reads();
    void rejects_data();
    void rejects();
    void fileErrors();
    void numberWords_data();
    void numberWords();
    void names();
};

namespace {

const QString Path = QStringLiteral("test.json");
const QString What = QStringLiteral("a test file");

// The reader every row runs: one of each check, as a reader of a real file would call them.
Status readAll(StrictJson &file)
{
    auto root = file.root();
    if (!root || !file.schema(*root, QStringLiteral("test/v1"))
        || !root->onlyMembers({QStringLiteral("schema"), QStringLiteral("name"),
            QStringLiteral("note"), QStringLiteral("on"), QStringLiteral("hours"),
            QStringLiteral("count"), QStringLiteral("side"), QStringLiteral("tags"),
            QStringLiteral("kinds"), QStringLiteral("items"), QStringLiteral("inner")}))
        return file.status();
    root->string(QStringLiteral("name"), Need::Required);
    root->string(QStringLiteral("note"), Need::Optional, Empty::Allowed);
    root->flag(QStringLiteral("on"), Need::Optional);
    root->number(QStringLiteral("hours"), {0, true}, Need::Optional);
    root->number(QStringLiteral("count"), {1, false, 1e9, true}, Need::Optional);
    root->name(QStringLiteral("side"), {QStringLiteral("before"), QStringLiteral("after")},
        Need::Optional);
    root->strings(QStringLiteral("tags"), Need::Optional);
    root->strings(QStringLiteral("kinds"), Need::Optional, Empty::Refused, Empty::Refused,
        {QStringLiteral("a"), QStringLiteral("b")});
    if (auto inner = root->object(QStringLiteral("inner"), Need::Optional);
        inner && root->contains(QStringLiteral("inner"))) {
        inner->onlyMembers({QStringLiteral("deep"), QStringLiteral("id")});
        if (auto deep = inner->object(QStringLiteral("deep"), Need::Optional))
            deep->flag(QStringLiteral("x"), Need::Required);
    }
    const auto items = root->list(QStringLiteral("items"), Need::Optional, Empty::Refused);
    QHash<QString, bg::core::detail::JsonPath> ids;
    for (qsizetype i = 0; items && i < items->size(); ++i) {
        auto item = file.object(items->at(i), {QStringLiteral("items"), i});
        if (!item)
            break;
        if (const auto id = item->string(QStringLiteral("id"), Need::Required))
            file.unique(*id, item->at(QStringLiteral("id")), ids);
    }
    return file.status();
}

} // namespace

void TestStrictJson::reads()
{
    const QByteArray bytes = R"({"schema": "test/v1", "name": "n", "note": "", "on": true,
 "hours": 0.5, "count": 3, "side": "after", "tags": ["x"], "kinds": ["a", "b"],
 "inner": {"deep": {"x": false}}, "items": [{"id": "p"}, {"id": "q"}]})";
    auto file = StrictJson::parse(bytes, Path, What);
    QVERIFY(file);
    const Status status = readAll(*file);
    QVERIFY2(status, qPrintable(status.ok() ? QString() : status.error().toString()));
    auto root = file->root();
    QCOMPARE(root->number(QStringLiteral("hours"), {0, true}, Need::Required), 0.5);
    QCOMPARE(root->strings(QStringLiteral("kinds"), Need::Required),
        QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(root->string(QStringLiteral("absent"), Need::Optional, Empty::Refused,
                 QStringLiteral("fallback")),
        QStringLiteral("fallback"));
}

void TestStrictJson::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    const QByteArray head = "{\"schema\": \"test/v1\",\n \"name\": \"n\",\n ";
    QTest::newRow("malformed") << QByteArray("{\n \"schema\": }")
                               << "not valid JSON: object is missing after a comma" << 2 << 12;
    QTest::newRow("not an object")
        << QByteArray("  [1]") << "a test file must be a JSON object" << 1 << 3;
    QTest::newRow("no schema") << QByteArray("{}")
                               << "not a test file: \"schema\" must be \"test/v1\"" << 1 << 1;
    QTest::newRow("other schema") << QByteArray("{\n \"schema\": \"test/v2\"}")
                                  << "unknown schema \"test/v2\" (this version reads test/v1)" << 2
                                  << 2;
    QTest::newRow("unknown member")
        << head + "\"nmae\": 1}"
        << "unknown member \"nmae\" (known here: schema, name, note, on, hours, count, side, "
           "tags, kinds, items, inner)"
        << 3 << 2;
    QTest::newRow("unknown nested member")
        << head + "\"inner\": {\"id\": 1,\n   \"dep\": {}}}"
        << "unknown member \"dep\" in \"inner\" (known here: deep, id)" << 4 << 4;
    QTest::newRow("missing member")
        << QByteArray("{\"schema\": \"test/v1\"}") << "missing member \"name\"" << 1 << 1;
    QTest::newRow("missing nested member") << head + "\"inner\": {\n   \"deep\": {}}}"
                                           << "missing member \"x\" in \"inner.deep\"" << 4 << 4;
    QTest::newRow("string, wrong type") << head.left(22) + " \"name\": 7}"
                                        << "\"name\" must be a non-empty string" << 2 << 2;
    QTest::newRow("empty string") << head.left(22) + " \"name\": \"  \"}"
                                  << "\"name\" must be a non-empty string" << 2 << 2;
    QTest::newRow("string, may be empty") << head + "\"note\": null}"
                                          << "\"note\" must be a string" << 3 << 2;
    QTest::newRow("bool") << head + "\"on\": \"yes\"}"
                          << "\"on\" must be true or false" << 3 << 2;
    QTest::newRow("number, wrong type") << head + "\"hours\": \"24\"}"
                                        << "\"hours\" must be a number greater than 0" << 3 << 2;
    QTest::newRow("number, out of range") << head + "\"hours\": 0}"
                                          << "\"hours\" must be a number greater than 0" << 3 << 2;
    QTest::newRow("whole number, a fraction")
        << head + "\"count\": 1.5}"
        << "\"count\" must be a whole number from 1 to 1000000000" << 3 << 2;
    QTest::newRow("whole number, too big")
        << head + "\"count\": 1e10}"
        << "\"count\" must be a whole number from 1 to 1000000000" << 3 << 2;
    QTest::newRow("name, unknown")
        << head + "\"side\": \"aftr\"}"
        << "\"side\" must be one of before, after (not \"aftr\")" << 3 << 2;
    QTest::newRow("name, wrong type") << head + "\"side\": true}"
                                      << "\"side\" must be one of before, after" << 3 << 2;
    QTest::newRow("list of strings, wrong type") << head + "\"tags\": \"x\"}"
                                                 << "\"tags\" must be a list of strings" << 3 << 2;
    QTest::newRow("list of strings, empty entry")
        << head + "\"tags\": [\"x\",\n   \"\"]}"
        << "\"tags[1]\" must be a non-empty string" << 4 << 4;
    QTest::newRow("list of strings, not a string")
        << head + "\"tags\": [\"x\", 3]}"
        << "\"tags[1]\" must be a non-empty string" << 3 << 16;
    QTest::newRow("non-empty list, empty")
        << head + "\"kinds\": []}"
        << "\"kinds\" must be a non-empty list of strings" << 3 << 2;
    QTest::newRow("list of names, unknown")
        << head + "\"kinds\": [\"a\", \"c\"]}"
        << "\"kinds[1]\" must be one of a, b (not \"c\")" << 3 << 17;
    QTest::newRow("object, wrong type") << head + "\"inner\": []}"
                                        << "\"inner\" must be an object" << 3 << 2;
    QTest::newRow("nested object, wrong type") << head + "\"inner\": {\"deep\": 1}}"
                                               << "\"inner.deep\" must be an object" << 3 << 12;
    QTest::newRow("list, wrong type") << head + "\"items\": {}}"
                                      << "\"items\" must be a non-empty list" << 3 << 2;
    QTest::newRow("list entry, not an object") << head + "\"items\": [{\"id\": \"p\"}, 7]}"
                                               << "\"items[1]\" must be an object" << 3 << 25;
    // The position follows the path: not the same key in an object before it.
    QTest::newRow("nested path position") << head + "\"items\": [{\"id\": \"p\"},\n   {\"id\": 7}]}"
                                          << "\"items[1].id\" must be a non-empty string" << 4 << 5;
    QTest::newRow("duplicate") << head + "\"items\": [{\"id\": \"p\"},\n   {\"id\": \"p\"}]}"
                               << "\"items[1].id\" must be unique: \"p\" is also in \"items[0].id\""
                               << 4 << 5;
    QTest::newRow("the first problem wins") << head + "\"on\": 1, \"hours\": -1, \"side\": 2}"
                                            << "\"on\" must be true or false" << 3 << 2;
}

void TestStrictJson::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    auto file = StrictJson::parse(bytes, Path, What);
    const Status status = file ? readAll(*file) : Status(file.error());
    QVERIFY(!status);
    QCOMPARE(status.error().message, message);
    QCOMPARE(status.error().path, Path);
    QCOMPARE(status.error().line, line);
    QCOMPARE(status.error().column, column);
    QCOMPARE(status.error().toString(),
        QStringLiteral("%1:%2:%3: %4").arg(Path).arg(line).arg(column).arg(message));
}

void TestStrictJson::fileErrors()
{
    QTemporaryDir dir;
    const files::ReadLimit limit {16, What};
    const auto absent = StrictJson::read(dir.filePath(QStringLiteral("absent.json")), limit);
    QVERIFY(!absent);
    QCOMPARE(absent.error().message, QStringLiteral("cannot read a test file: no such file"));
    QCOMPARE(absent.error().line, 0);
    const auto directory = StrictJson::read(dir.path(), limit);
    QVERIFY(!directory);
    QVERIFY2(directory.error().message.startsWith(
                 QLatin1String("cannot read a test file: is a directory, not a regular file")),
        qPrintable(directory.error().message));
    const QString big = dir.filePath(QStringLiteral("big.json"));
    QFile file(big);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(QByteArray(17, ' ')) == 17);
    file.close();
    const auto tooBig = StrictJson::read(big, limit);
    QVERIFY(!tooBig);
    QCOMPARE(tooBig.error().message,
        QStringLiteral(
            "cannot read a test file: is 17 bytes, over the limit of 16 B for a test file"));
}

void TestStrictJson::numberWords_data()
{
    QTest::addColumn<double>("min");
    QTest::addColumn<bool>("minExcluded");
    QTest::addColumn<double>("max");
    QTest::addColumn<bool>("whole");
    QTest::addColumn<QString>("words");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("any") << -inf << false << inf << false << "a number";
    QTest::newRow("greater than") << 0.0 << true << inf << false << "a number greater than 0";
    QTest::newRow("at least") << 1.0 << false << inf << true << "a whole number of at least 1";
    QTest::newRow("from to") << 1.0 << false << 10.0 << true << "a whole number from 1 to 10";
    QTest::newRow("greater than, at most")
        << 0.0 << true << 2.5 << false << "a number greater than 0 and at most 2.5";
    QTest::newRow("at most") << -inf << false << 3.0 << false << "a number of at most 3";
}

void TestStrictJson::numberWords()
{
    QFETCH(double, min);
    QFETCH(bool, minExcluded);
    QFETCH(double, max);
    QFETCH(bool, whole);
    QFETCH(QString, words);
    QCOMPARE((NumberRange {min, minExcluded, max, whole}.words()), words);
}

void TestStrictJson::names()
{
    using bg::core::detail::JsonPath;
    QCOMPARE(StrictJson::name({}), QString());
    QCOMPARE(StrictJson::name(JsonPath {QStringLiteral("a"), qsizetype(2), QStringLiteral("b")}),
        QStringLiteral("a[2].b"));
    QCOMPARE(StrictJson::quoted(JsonPath {qsizetype(0)}), QStringLiteral("\"[0]\""));
}

QTEST_GUILESS_MAIN(TestStrictJson)
#include "tst_strictjson.moc"
