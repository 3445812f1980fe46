// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The fast pass over the values the scanner leaves in the file (core/loading/jsonskip.cpp): it
// never accepts what nlohmann's parser refuses, and never doubts what it accepts.
#include "core/loading/jsonskip_p.h"

#include <QTest>
#include <nlohmann/json.hpp>
#include <random>

using namespace bg::core::detail;
using json = nlohmann::json;

class TestJsonSkip : public QObject {
    Q_OBJECT
private slots:
    void skipperAccepts_data();
    void skipperAccepts();
    void skipperRefuses_data();
    void skipperRefuses();
    void skipperAgreesWithNlohmann();
};

namespace {

QByteArray repeated(const char *text, int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += text;
    return out;
}

// Values put first in a container the scan passes over: the valid ones must still load as
// before, the invalid ones fail with nlohmann's own error.
const QList<QByteArray> &insertedValues()
{
    static const QList<QByteArray> values = {"1e5", "1E-3", "-0", "0.5e+10", "1e-999", "1.5e308",
        "-1.7976931348623157e308", "1" + QByteArray(300, '0'), "1" + QByteArray(300, '0') + ".5",
        "true", "false", "null", "[]", "{}", "[[[]],{}]", " \t\r\n 1 \t\r\n ", "\"\"", "0", "-1",
        "18446744073709551616", "-9223372036854775809", "1e999", "-1e999", "1E+400",
        "1" + QByteArray(400, '0'), QByteArray(309, '9'), "1" + QByteArray(400, '0') + ".0", "01",
        "1.", ".5", "-", "+1", "1e", "1e+", "1.e5", "-a", "tru", "nul", "fals", "True", "NaN",
        "Infinity", "'a'", "\"a", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{1:2}",
        "[1 2]", "}", "]", "[}", "{]", QByteArray("\0", 1), QByteArray("1") + '\0' + '2',
        "\"\\u0000\"", "/* c */1", QByteArray("\xEF\xBB\xBF") + '1'};
    return values;
}

// Put inside a string the scan passes over.
const QList<QByteArray> &insertedInStrings()
{
    static const QList<QByteArray> texts = {"\\u00e9", "\\ud83d\\ude00", "\\uDBFF\\uDFFF",
        "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "\xEE\x80\x80",
        "\xED\x9F\xBF", "\\\"\\\\\\/\\b\\f\\n\\r\\t", "\\u0000", repeated("abcdefgh", 40), "\\x",
        "\\U0041", "\\ud800x", "\\ud800\\u0041", "\\ud800\\n", "\\ud800", "\\udc00", "\\u12g4",
        "\\u12", "\\", "\xC0\x80", "\xC1\xBF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xF5\x80\x80\x80", "\xE2\x82", "\xE0\x80\x80", "\xF0\x80\x80\x80", "\xF0\x9F\x98", "\x80",
        "\xBF", "\xFE", "\xFF", "\x01", "\x1F", "\x7F", "\n", "\t", QByteArray("\0", 1),
        repeated("abcdefg", 9) + "\x02"};
    return texts;
}

} // namespace

void TestJsonSkip::skipperAccepts_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char *text :
        {"[]", "{}", "[ ]", "{ \t\r\n}", "[1,-2,3.5,-0.25e-3,1E+2,0]", "[true,false,null]",
            R"({"a":{"b":[{"c":"d"}]},"e":""})", R"(["\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t\u0000"])",
            "[\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF\"]",
            R"(["a string longer than eight bytes, so the word loop runs", "x"])",
            R"({"dup":1,"dup":2})", // the scan ignores keys inside what it skips
            "[[[[[[[[[[]]]]]]]]]]", "[1e-999, 1.5e308]"})
        QTest::newRow(text) << QByteArray(text);
}

void TestJsonSkip::skipperAccepts()
{
    QFETCH(const QByteArray, text); // const: text[0] must not detach it
    std::string stack;
    const char *end = text.constData() + text.size();
    const char *close = skipContainer(text.constData() + 1, end, text[0] == '[', &stack);
    QCOMPARE(close, end - 1);
}

void TestJsonSkip::skipperRefuses_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const QByteArray &text : QList<QByteArray> {"[", "[1", "[1,]", "[,1]", "{\"a\":1,}",
             "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[-]", "[+1]", "[.5]", "[1e]", "[1e999]",
             "[-1e999]", "[" + QByteArray(309, '9') + "]", "[tru]", "[nul]", "[True]", "[NaN]",
             "[\"\\x\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"\\u12g4\"]",
             "[\"\xC0\x80\"]", "[\"\xED\xA0\x80\"]", "[\"\xF4\x90\x80\x80\"]", "[\"\xE2\x82\"]",
             "[\"\x80\"]", "[\"\x01\"]", "[\"a\nb\"]", QByteArray("[\"\0\"]", 5),
             QByteArray("[1,\0]", 5), "[}", "{]", "[1 2]", "[\"unclosed]"})
        QTest::newRow(text.toPercentEncoding().constData()) << text;
}

void TestJsonSkip::skipperRefuses()
{
    QFETCH(const QByteArray, text);
    std::string stack;
    QVERIFY(!skipContainer(
        text.constData() + 1, text.constData() + text.size(), text[0] == '[', &stack));
    QVERIFY(!json::accept(text.toStdString()));
}

// Random text from pieces of JSON, valid and not, and then some random bytes changed: whenever
// the skipper takes it, nlohmann takes it too, up to the same closing bracket; and whenever
// nlohmann takes it, so does the skipper (it is never unsure of valid text, so falling back
// costs time only on files that fail to load).
void TestJsonSkip::skipperAgreesWithNlohmann()
{
    std::mt19937 random(20260101);
    const QList<QByteArray> pieces = insertedValues() + insertedInStrings()
        + QList<QByteArray> {"[", "]", "{", "}", ",", ":", "\"", "\"k\":", " ", "\\", "1", "e"};
    int accepted = 0;
    std::string stack;
    for (int round = 0; round < 200000; ++round) {
        QByteArray text = "[";
        const int count = 1 + int(random() % 6);
        for (int i = 0; i < count; ++i)
            text += pieces[qsizetype(random() % pieces.size())];
        if (random() % 4 == 0) // not the opening bracket: the skipper starts past it
            text[1 + qsizetype(random() % (text.size() - 1))] = char(random() % 256);
        text += ']';
        const char *begin = text.constData(), *end = begin + text.size();
        const char *close = skipContainer(begin + 1, end, true, &stack);
        // (nlohmann takes a NUL byte for the end of the text: "[]\0]" is "[]" to it.)
        if (json::accept(begin, end))
            QVERIFY2(close, text.toPercentEncoding().constData());
        if (!close)
            continue;
        ++accepted;
        QVERIFY2(json::accept(begin, close + 1), text.toPercentEncoding().constData());
    }
    QVERIFY2(accepted > 1000, qPrintable(QString::number(accepted)));
}

QTEST_GUILESS_MAIN(TestJsonSkip)
#include "tst_jsonskip.moc"
