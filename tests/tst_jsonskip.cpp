// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The scanner's fast pass over the values it leaves in the file (core/loading/jsonskip.cpp):
// it never accepts what nlohmann's parser refuses, and a load gives the same result with it and
// without it (the same error, line and column; or the same elements and byte ranges): on
// generated plans, on those plans broken inside and just after the values it passes over, on
// deep nesting, and on the corpus.
#include "core/loading/jsonelement_p.h"
#include "core/loading/jsonscanner_p.h"
#include "core/loading/jsonskip_p.h"
#include "genplan.h"
#include "genshapes.h"
#include "loadtext.h"
#include "testutils.h"

#include <algorithm>
#include <optional>
#include <random>
#include <sstream>
#include <tuple>

using namespace bg::core;
using namespace bg::core::detail;
using namespace bg::tests;

class TestJsonSkip : public QObject {
    Q_OBJECT
private slots:
    void skipperAccepts_data();
    void skipperAccepts();
    void skipperRefuses_data();
    void skipperRefuses();
    void skipperAgreesWithNlohmann();
    void sameBothWays_data();
    void sameBothWays();
    void elementsBothWays_data();
    void elementsBothWays();
    void awkwardElements_data();
    void awkwardElements();
    void changesReadDirectly_data();
    void changesReadDirectly();
    void stateResourcesReadDirectly_data();
    void stateResourcesReadDirectly();
    void rawResourcesReadDirectly_data();
    void rawResourcesReadDirectly();
    void configurationReadDirectly_data();
    void configurationReadDirectly();
    void generatedShapesBothWays();
    void deepNesting();
    void corpus();
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

namespace {

// What one scan gave, as text to compare.
struct Scan {
    QString error; // "line:column: message", empty when the scan succeeded
    QByteArray elements; // each element handed over: its collection and its JSON
    QByteArray top; // the ScanResult, but for the fast pass's own count
    qint64 skippedFast = 0;
    std::vector<ByteRange> ranges; // every value the elements left in the file
};

void collectRanges(const json &value, std::vector<ByteRange> *ranges)
{
    if (value.is_binary())
        ranges->push_back(rangeOf(value));
    else if (value.is_structured())
        for (const auto &child : value)
            collectRanges(child, ranges);
}

Scan scan(const QByteArray &bytes, JsonSkip skip)
{
    Scan out;
    ScanResult result;
    const Status status = scanJson(
        bytes, QStringLiteral("t.json"), result,
        [&](Collection collection, json &&element) {
            out.elements += QByteArray::number(int(collection)) + ' '
                + QByteArray::fromStdString(element.dump()) + '\n';
            collectRanges(element, &out.ranges);
        },
        skip);
    if (!status) {
        const Error &e = status.error();
        out.error = QStringLiteral("%1:%2: %3").arg(e.line).arg(e.column).arg(e.message);
    }
    out.top = QByteArray::number(result.topIsObject);
    for (const std::string &key : result.topKeys)
        out.top += " key " + QByteArray::fromStdString(key);
    for (const auto &[key, value] : result.topScalars)
        out.top += " scalar " + QByteArray::fromStdString(key + "=" + value.dump());
    for (const auto &[key, isArray] : result.topContainers)
        out.top += " container " + QByteArray::fromStdString(key) + QByteArray::number(isArray);
    out.skippedFast = result.skippedFast;
    return out;
}

// A load's result as text (loadtext.h).
QByteArray loadText(const QByteArray &bytes, JsonSkip skip)
{
    return bg::tests::loadText(
        detail::loadDocumentFromBytes(bytes, QStringLiteral("t.json"), skip));
}

// Empty when both ways agree, else what differs. `broken`, when given, says whether the
// document failed to scan (nlohmann's way).
QString difference(const QByteArray &bytes, const QString &label, bool *broken = nullptr)
{
    const Scan fast = scan(bytes, JsonSkip::Fast), slow = scan(bytes, JsonSkip::Slow);
    if (broken)
        *broken = !slow.error.isEmpty();
    if (slow.skippedFast != 0)
        return label + QStringLiteral(": the slow scan skipped fast");
    if (fast.error != slow.error)
        return label
            + QStringLiteral(": errors differ: fast \"%1\", slow \"%2\"")
                  .arg(fast.error, slow.error);
    if (fast.elements != slow.elements || fast.top != slow.top)
        return label + QStringLiteral(": the elements or the top-level keys differ");
    const QByteArray fastLoad = loadText(bytes, JsonSkip::Fast),
                     slowLoad = loadText(bytes, JsonSkip::Slow);
    if (fastLoad != slowLoad)
        return label
            + QStringLiteral(": loads differ:\nfast %1\nslow %2")
                  .arg(
                      QString::fromUtf8(fastLoad.left(400)), QString::fromUtf8(slowLoad.left(400)));
    return {};
}

QByteArray generatedPlan(int resources, std::uint64_t seed, bool destroy)
{
    std::ostringstream out;
    writePlan(GenOptions {resources, seed, destroy}, out);
    return QByteArray::fromStdString(out.str());
}

// Compact documents of each kind the scanner reads, with values it leaves in the file.
QList<QPair<QString, QByteArray>> baseDocuments()
{
    QList<QPair<QString, QByteArray>> docs = {
        {QStringLiteral("generated 12 seed 1"), generatedPlan(12, 1, false)},
        {QStringLiteral("generated 20 seed 7"), generatedPlan(20, 7, false)},
        {QStringLiteral("generated destroy 10 seed 3"), generatedPlan(10, 3, true)},
        {QStringLiteral("state JSON"),
            R"({"format_version":"1.0","terraform_version":"1.5.0","values":{"outputs":{"o":)"
            R"({"sensitive":false,"value":{"a":[1,2.5,-3e2,"\u00e9\ud83d\ude00"]}}},)"
            R"("root_module":{"resources":[{"address":"a_b.c","mode":"managed","type":"a_b",)"
            R"("name":"c","provider_name":"p","values":{"id":"x","tags":{"k":"v\"\\\/\b\f\n\r\t"},)"
            R"("n":[true,false,null,{},[]],"s":"caf)"
            "\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"
            R"("},"sensitive_values":{"tags":{}}}]}}})"},
        {QStringLiteral("raw state"),
            R"({"version":4,"terraform_version":"1.5.0","serial":3,"lineage":"l","outputs":{"o":)"
            R"({"value":[1,{"x":"y"}],"type":["tuple",["number"]]}},"resources":[{"mode":)"
            R"("managed","type":"a_b","name":"c","provider":"provider[\"p\"]","instances":[{)"
            R"("schema_version":0,"attributes":{"id":"i","list":[[1],[2,[3,{"d":0.000001}]]]},)"
            R"("sensitive_attributes":[]}]}]})"},
        {QStringLiteral("plan with deferred and actions"),
            R"({"format_version":"1.2","resource_changes":[{"address":"a_b.c","mode":"managed",)"
            R"("type":"a_b","name":"c","provider_name":"p","change":{"actions":["update"],)"
            R"("before":{"id":"i","v":[1,2]},"after":{"id":"i","v":[1,3]},"after_unknown":{},)"
            R"("before_sensitive":false,"after_sensitive":{"v":[false,true]}}}],)"
            R"("deferred_changes":[{"reason":"absent_prereq","resource_change":{"address":)"
            R"("a_b.d","mode":"managed","type":"a_b","name":"d","change":{"actions":)"
            R"(["create"],"before":null,"after":{"k":"v"},"after_unknown":{"id":true}}}}],)"
            R"("action_invocations":[{"address":"action.a_b.x","type":"a_b","provider_name":)"
            R"("p","config_values":{"c":[{"d":"e"}]},"config_sensitive":{},"config_unknown":)"
            R"({},"lifecycle_action_trigger":{"triggering_resource_address":"a_b.c",)"
            R"("action_trigger_event":"after_update"}}],"planned_values":{"root_module":{}},)"
            R"("configuration":{"root_module":{"resources":[{"address":"a_b.c","mode":)"
            R"("managed","type":"a_b","name":"c","expressions":{"v":{"constant_value":[1,)"
            R"({"x":"y"}]}}}]}}})"},
    };
    return docs;
}

// Positions in [begin, end) where `bytes` holds one of `chars`.
std::vector<qsizetype> positionsOf(
    const QByteArray &bytes, qsizetype begin, qsizetype end, const char *chars)
{
    std::vector<qsizetype> at;
    for (qsizetype i = begin; i < end; ++i)
        if (std::strchr(chars, bytes[i]) && bytes[i] != '\0')
            at.push_back(i);
    return at;
}

// Documents made from `base` by breaking (or changing without breaking) one of the values the
// scan passes over, or the text just after one.
QList<QPair<QString, QByteArray>> mutations(
    const QByteArray &base, const std::vector<ByteRange> &ranges, std::mt19937 &random)
{
    QList<QPair<QString, QByteArray>> out;
    const auto pick = [&](auto size) {
        return std::uniform_int_distribution<qsizetype>(0, qsizetype(size) - 1)(random);
    };
    const auto add = [&](const QString &what, qsizetype at, QByteArray doc) {
        out.append({QStringLiteral("%1 at %2").arg(what).arg(at), std::move(doc)});
    };
    for (const ByteRange &range : ranges) {
        const qsizetype b = range.begin, e = range.end;
        const bool isArray = base[b] == '[';
        // A value first in the container.
        const QByteArray value = insertedValues()[pick(insertedValues().size())];
        add(QStringLiteral("value %1").arg(QString::fromLatin1(value.toPercentEncoding())), b + 1,
            QByteArray(base).insert(b + 1, (isArray ? QByteArray() : "\"zz\":") + value + ','));
        // Text at the start of a string: just past an opening quote.
        std::vector<qsizetype> strings;
        for (qsizetype i = b + 1; i + 1 < e; ++i)
            if (base[i] == '"' && std::strchr(":,[{", base[i - 1]))
                strings.push_back(i + 1);
        if (!strings.empty()) {
            const QByteArray text = insertedInStrings()[pick(insertedInStrings().size())];
            const qsizetype at = strings[size_t(pick(strings.size()))];
            add(QStringLiteral("string text %1").arg(QString::fromLatin1(text.toPercentEncoding())),
                at, QByteArray(base).insert(at, text));
        }
        // The grammar broken somewhere inside.
        const qsizetype inside = b + 1 + pick(e - b - 1);
        add(QStringLiteral("truncated"), inside, base.left(inside));
        add(QStringLiteral("byte %1 put").arg(int(random() % 256)), inside,
            QByteArray(base).insert(inside, char(random() % 256)));
        add(QStringLiteral("byte removed"), inside, QByteArray(base).remove(inside, 1));
        if (const auto commas = positionsOf(base, b, e, ","); !commas.empty()) {
            const qsizetype at = commas[size_t(pick(commas.size()))];
            add(QStringLiteral("comma removed"), at, QByteArray(base).remove(at, 1));
            add(QStringLiteral("NUL after a comma"), at + 1, QByteArray(base).insert(at + 1, '\0'));
        }
        const auto closings = positionsOf(base, b + 1, e, "}]");
        const qsizetype closing = closings[size_t(pick(closings.size()))];
        add(QStringLiteral("trailing comma"), closing, QByteArray(base).insert(closing, ','));
        add(QStringLiteral("bracket swapped"), closing,
            QByteArray(base).replace(closing, 1, base[closing] == '}' ? "]" : "}"));
        if (const auto colons = positionsOf(base, b, e, ":"); !colons.empty()) {
            const qsizetype at = colons[size_t(pick(colons.size()))];
            add(QStringLiteral("colon removed"), at, QByteArray(base).remove(at, 1));
        }
        // Just after the value: errors whose position counts the bytes skipped before.
        add(QStringLiteral("junk after"), e, QByteArray(base).insert(e, '@'));
        add(QStringLiteral("truncated after"), e, base.left(e));
        add(QStringLiteral("comma after"), e, QByteArray(base).insert(e, ','));
        add(QStringLiteral("1e999 after"), e, QByteArray(base).insert(e, ",\"zz\":1e999"));
    }
    return out;
}

// Every object and array in `doc` (as bracket pairs outside strings), outermost first.
std::vector<ByteRange> containerRanges(const QByteArray &doc)
{
    std::vector<ByteRange> ranges;
    std::vector<size_t> open; // indices into ranges
    bool inString = false;
    for (qsizetype i = 0; i < doc.size(); ++i) {
        const char c = doc[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            open.push_back(ranges.size());
            ranges.push_back({i, -1});
        } else if ((c == '}' || c == ']') && !open.empty()) {
            ranges[open.back()].end = i + 1;
            open.pop_back();
        }
    }
    return ranges;
}

// The value of a top-level member the scan passes over whole (no range kept), found by name.
std::optional<ByteRange> topLevelValue(const QByteArray &doc, const QByteArray &key)
{
    const qsizetype at = doc.indexOf('"' + key + "\":");
    const qsizetype begin = at + key.size() + 3;
    if (at < 0 || begin >= doc.size() || (doc[begin] != '{' && doc[begin] != '['))
        return std::nullopt;
    std::string stack;
    const char *end = doc.constData() + doc.size();
    const char *close = skipContainer(doc.constData() + begin + 1, end, doc[begin] == '[', &stack);
    if (!close)
        return std::nullopt;
    return ByteRange {begin, close - doc.constData() + 1};
}

const QByteArray DeepPrefix = R"({"format_version":"1.2","resource_changes":[{"address":"a_b.c",)"
                              R"("mode":"managed","type":"a_b","name":"c","change":{"actions":)"
                              R"(["create"],"before":null,"after":)";
const QByteArray DeepSuffix = R"(,"after_unknown":{}}}],"planned_values":{"root_module":{}}})";

// One row per base document, each with its own seed: a failure names its document. (QtTest's
// watchdog times the whole function, not a row: tests/CMakeLists.txt sets it aside.)
void baseDocumentRows()
{
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<int>("seed");
    int seed = 0;
    for (const auto &[label, base] : baseDocuments())
        QTest::newRow(qPrintable(label)) << base << ++seed;
}

// Mutations of `base` at a sample of `candidates`, in `rounds` rounds: each must scan and load
// the same both ways. Most break the document; some must not (valid values put in).
void mutateBothWays(const QByteArray &base, std::vector<ByteRange> candidates, int rounds,
    std::mt19937 &random, const QString &label)
{
    int documents = 0, failed = 0;
    for (int round = 0; round < rounds; ++round) {
        // A sample of the values, so that large documents take seconds, not minutes.
        std::shuffle(candidates.begin(), candidates.end(), random);
        const std::vector<ByteRange> sample(candidates.begin(),
            candidates.begin() + std::min<qsizetype>(25, qsizetype(candidates.size())));
        for (const auto &[what, doc] : mutations(base, sample, random)) {
            bool broken = false;
            const QString problem = difference(doc, label + QStringLiteral(", ") + what, &broken);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            ++documents;
            failed += broken;
        }
    }
    QVERIFY2(failed > documents / 2 && failed < documents,
        qPrintable(label + QStringLiteral(": %1 of %2 failed").arg(failed).arg(documents)));
}

} // namespace

void TestJsonSkip::sameBothWays_data()
{
    baseDocumentRows();
}

void TestJsonSkip::sameBothWays()
{
    QFETCH(QByteArray, base);
    QFETCH(int, seed);
    const QString label = QString::fromUtf8(QTest::currentDataTag());
    std::mt19937 random(seed);
    const Scan slow = scan(base, JsonSkip::Slow);
    QVERIFY2(slow.error.isEmpty(), qPrintable(label + QStringLiteral(": ") + slow.error));
    QVERIFY2(!slow.ranges.empty(), qPrintable(label));
    QVERIFY2(scan(base, JsonSkip::Fast).skippedFast > 0, qPrintable(label));
    const QString problem = difference(base, label);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    std::vector<ByteRange> candidates = slow.ranges;
    for (const char *key : {"planned_values", "output_changes", "variables", "checks"})
        if (auto range = topLevelValue(base, key))
            candidates.push_back(*range);
    mutateBothWays(base, candidates, repeats(3, 1), random, label);
}

// The elements the scan hands over are built without nlohmann's lexer (jsonelement.cpp) when
// the scan is fast: the same elements and errors as nlohmann's, on the documents above broken
// or changed anywhere (in member names, numbers, strings, brackets), not only in the values
// left in the file.
void TestJsonSkip::elementsBothWays_data()
{
    baseDocumentRows();
}

void TestJsonSkip::elementsBothWays()
{
    QFETCH(QByteArray, base);
    QFETCH(int, seed);
    const QString label = QString::fromUtf8(QTest::currentDataTag());
    std::mt19937 random(100 + seed);
    // Most of a compact document is its elements, and the fast scan reads them itself.
    const Scan fast = scan(base, JsonSkip::Fast);
    QVERIFY2(fast.skippedFast > base.size() / 2,
        qPrintable(label + QStringLiteral(": %1 of %2").arg(fast.skippedFast).arg(base.size())));
    std::vector<ByteRange> candidates;
    for (const ByteRange &range : containerRanges(base))
        if (range.end > range.begin + 1)
            candidates.push_back(range);
    mutateBothWays(base, candidates, repeats(2, 1), random, label);
}

// Values in an element that the builder reads itself, or leaves to nlohmann (numbers other
// than 64-bit integers), member names with escapes, and a member named twice: the same result
// both ways.
void TestJsonSkip::awkwardElements_data()
{
    QTest::addColumn<QByteArray>("member");
    QTest::addColumn<bool>("loads");
    const QList<QPair<QByteArray, bool>> members = {{R"("index":0)", true}, {R"("index":-0)", true},
        {R"("index":-5)", true}, {R"("index":18446744073709551615)", true},
        {R"("index":18446744073709551616)", true}, {R"("index":-9223372036854775808)", true},
        {R"("index":-9223372036854775809)", true}, {R"("index":1.5)", true},
        {R"("index":1e2)", true}, {R"("index":1e999)", false}, {R"("index":01)", false},
        {R"("index":-)", false},
        {R"("index":"caf\u00e9 \ud83d\ude00 \u0000 \"\\\/\b\f\n\r\t")", true},
        {"\"index\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"", true}, {R"("ind\u0065x":"k")", true},
        {R"("n\u0000":1)", true}, {R"("index":"\ud800")", false}, {"\"index\":\"\xC0\x80\"", false},
        {R"("address":"x")", false}, {R"("a\u0064dress":"x")", false},
        {R"("x":[1,[2,{"y":null}],true,false])", true}, {R"("x":[1,])", false},
        {R"("x":{"y":1,"y":2})", false}, {R"("x" : { } , "z" : [ ])", true},
        {"\"x\":\t\r\n1", true}, {R"("x":tru)", false}, {R"("x":nul)", false}};
    for (const auto &[member, loads] : members)
        QTest::newRow(member.constData()) << member << loads;
}

void TestJsonSkip::awkwardElements()
{
    QFETCH(const QByteArray, member);
    QFETCH(const bool, loads);
    const QByteArray doc = R"({"format_version":"1.2","resource_changes":[{"address":"a_b.c",)"
                           R"("mode":"managed","type":"a_b","name":"c",)"
        + member
        + R"(,"change":{"actions":["create"],"before":null,"after":{"k":"v"},)"
          R"("after_unknown":{}}}],"planned_values":{"root_module":{}}})";
    const Scan slow = scan(doc, JsonSkip::Slow);
    QCOMPARE(slow.error.isEmpty(), loads);
    const QString problem = difference(doc, QString::fromUtf8(member));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// A resource change is read straight from its bytes (ElementBuilder::readChange) unless it holds
// what the reader leaves to build(): the same load both ways whichever reads it, and the
// ordinary changes are read directly.
// `count` scalar members no reader takes, each after a comma.
QByteArray manyMembers(int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += ",\"m" + QByteArray::number(i) + "\":" + QByteArray::number(i);
    return out;
}

void TestJsonSkip::changesReadDirectly_data()
{
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<bool>("direct");
    QTest::addColumn<bool>("loads");
    const QByteArray head = R"({"address":"a_b.c","mode":"managed","type":"a_b","name":"c",)"
                            R"("provider_name":"registry.terraform.io/hashicorp/a",)";
    const auto change = [&](const QByteArray &members) {
        return head + R"("change":{)" + members + "}}";
    };
    const QByteArray plain = R"("actions":["create"],"before":null,"after":{"k":"v"},)"
                             R"("after_unknown":{"id":true})";
    const struct {
        const char *name;
        QByteArray element;
        bool direct, loads;
    } rows[] = {
        {"plain", change(plain), true, true},
        {"replace", change(R"("actions":["delete","create"],"before":{"a":1},"after":{"a":2})"),
            true, true},
        {"create before destroy", change(R"("actions":["create","delete"])"), true, true},
        {"forget", change(R"("actions":["create","forget"])"), true, true},
        {"no actions", change(R"("before":null)"), true, true},
        {"actions empty", change(R"("actions":[ ])"), true, true},
        {"actions a string", change(R"("actions":"delete")"), true, true},
        {"actions nested", change(R"("actions":[["delete"]])"), false, true},
        {"actions trailing comma", change(R"("actions":["create",])"), false, false},
        {"actions unclosed", change(R"("actions":["create")"), false, false},
        {"scalars left in the file",
            change(R"("actions":["update"],"before":"s","after":7,)"
                   R"("after_unknown":true,"before_sensitive":false)"),
            true, true},
        {"a float left to nlohmann", change(R"("actions":["update"],"before":1.5)"), false, true},
        {"duplicate inside a value left in the file",
            change(R"("actions":["update"],"before":{"a":1,"a":2})"), true, true},
        {"identities", change(plain + R"(,"before_identity":{"id":"x"},"after_identity":null)"),
            true, true},
        {"importing null", change(plain + R"(,"importing":null)"), true, true},
        {"importing an object", change(plain + R"(,"importing":{"id":"i-1"})"), true, true},
        {"importing an empty object", change(plain + R"(,"importing":{ })"), true, true},
        {"importing an identity", change(plain + R"(,"importing":{"identity":{"id":"i"}})"), true,
            true},
        {"importing a list", change(plain + R"(,"importing":[1,{"a":[]}])"), true, true},
        {"importing a duplicate deeper",
            change(plain + R"(,"importing":{"identity":{"id":"a","id":"b"}})"), false, false},
        {"importing a member twice", change(plain + R"(,"importing":{"id":"a","id":"b"})"), false,
            false},
        {"importing unclosed", change(plain + R"(,"importing":{"id":"a")"), false, false},
        {"replace_paths", change(plain + R"(,"replace_paths":[["a"],["b",0,"k"]])"), true, true},
        {"replace_paths empty", change(plain + R"(,"replace_paths":[[],[ ]])"), true, true},
        {"replace_paths of strings", change(plain + R"(,"replace_paths":["a",1])"), true, true},
        {"replace_paths deeper", change(plain + R"(,"replace_paths":[[["a"]]])"), true, true},
        {"replace_paths with an object", change(plain + R"(,"replace_paths":[[{"a":1}]])"), true,
            true},
        {"replace_paths with a float", change(plain + R"(,"replace_paths":[[1.5]])"), false, true},
        {"replace_paths nested 300 deep",
            change(plain + ",\"replace_paths\":" + QByteArray(300, '[') + QByteArray(300, ']')),
            false, false},
        {"replace_paths nested 254 deep",
            change(plain + ",\"replace_paths\":" + QByteArray(254, '[') + QByteArray(254, ']')),
            true, true},
        {"replace_paths nested 255 deep",
            change(plain + ",\"replace_paths\":" + QByteArray(255, '[') + QByteArray(255, ']')),
            true, true},
        {"replace_paths nested 256 deep",
            change(plain + ",\"replace_paths\":" + QByteArray(256, '[') + QByteArray(256, ']')),
            false, false},
        {"replace_paths nested 257 deep",
            change(plain + ",\"replace_paths\":" + QByteArray(257, '[') + QByteArray(257, ']')),
            false, false},
        {"replace_paths trailing comma", change(plain + R"(,"replace_paths":[["a"],])"), false,
            false},
        {"replace_paths a string", change(plain + R"(,"replace_paths":"a")"), true, true},
        {"generated_config", change(plain + R"(,"generated_config":"x = 1\n")"), true, true},
        {"another object", change(plain + R"(,"x":{"y":1})"), false, true},
        {"a duplicate inside another object", change(plain + R"(,"x":{"y":1,"y":2})"), false,
            false},
        {"a change member twice", change(R"("before":null,"before":null)"), false, false},
        {"a member twice", head + R"("mode":"data","change":{}})", false, false},
        {"change twice", change(plain).chopped(1) + R"(,"change":{}})", false, false},
        {"change not an object", head + R"("change":[]})", false, true},
        {"change null", head + R"("change":null})", false, true},
        {"change empty", head + R"("change":{ }})", true, true},
        {"64 members", change(plain).chopped(1) + manyMembers(58) + "}", true, true},
        {"65 members", change(plain).chopped(1) + manyMembers(59) + "}", false, true},
        {"10,000 members", change(plain).chopped(1) + manyMembers(10000) + "}", false, true},
        {"empty", "{}", true, true},
        {"whitespace",
            " { \"address\" : \"a_b.c\" ,\t\"change\" :\n{ \"actions\" : [ \"delete\" ]"
            " , \"before\" : { } } } ",
            true, true},
        {"escapes",
            head.chopped(1) + R"(,"action_reason":"replace_because_t\u0061inted",)"
                + R"("previous_address":"a_b.\"d\"","ch\u0061nge":{"actions":["\u0064elete"]}})",
            true, true},
        {"deposed", head + R"("deposed":"00000001","change":{"actions":["delete"]}})", true, true},
        {"an index", head + R"("index":3,"change":{}})", true, true},
        {"an index object", head + R"("index":{},"change":{}})", false, true},
        {"a trailing comma", head + R"("change":{},})", false, false},
        {"a member without a value", head + R"("change":})", false, false},
        {"disagreeing type", R"({"address":"a_b.c","type":"x_y","change":{}})", true, true},
        {"unparsable address", R"({"address":"a b","type":"a_b","name":"c","change":{}})", true,
            true},
    };
    for (const auto &row : rows)
        QTest::newRow(row.name) << row.element << row.direct << row.loads;
}

void TestJsonSkip::changesReadDirectly()
{
    QFETCH(const QByteArray, element);
    QFETCH(const bool, direct);
    QFETCH(const bool, loads);
    // The element alone, to the reader: it reads it or gives up, as expected.
    const qsizetype open = element.indexOf('{');
    ElementBuilder builder(element.constData(), element.constData() + element.size());
    ChangeMembers members;
    const char *close = builder.readChange(element.constData() + open + 1, members);
    QCOMPARE(close != nullptr, direct);
    if (close)
        QCOMPARE(close - element.constData(), element.lastIndexOf('}'));
    // In a plan, both ways: the same load, or the same error.
    const QByteArray doc = R"({"format_version":"1.2","resource_changes":[)" + element
        + R"(,{"address":"x_y.z","change":{"actions":["delete"],"before":{"q":1}}}],)"
          R"("planned_values":{"root_module":{}}})";
    QCOMPARE(scan(doc, JsonSkip::Slow).error.isEmpty(), loads);
    const QString problem = difference(doc, QString::fromUtf8(QTest::currentDataTag()));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// A values-representation resource (a state JSON's, a plan's prior_state's) is read straight from
// its bytes (ElementBuilder::readStateResource) unless it holds what the reader leaves to
// build(): the same load both ways, in a state and in a plan's prior_state.
void TestJsonSkip::stateResourcesReadDirectly_data()
{
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<bool>("direct");
    QTest::addColumn<bool>("loads");
    const QByteArray head = R"({"address":"a_b.c","mode":"managed","type":"a_b","name":"c",)"
                            R"("provider_name":"registry.terraform.io/hashicorp/a",)";
    const auto resource = [&](const QByteArray &members) {
        return head + members + "}";
    };
    const QByteArray plain = R"("schema_version":0,"values":{"id":"x"},"sensitive_values":{})";
    const struct {
        const char *name;
        QByteArray element;
        bool direct, loads;
    } rows[] = {
        {"plain", resource(plain), true, true},
        {"a data source",
            R"({"address":"data.a_b.c","mode":"data","type":"a_b","name":"c",)"
            R"("values":{"id":"x"}})",
            true, true},
        {"depends_on", resource(plain + R"(,"depends_on":["a_b.d","module.m.x_y.z"])"), true, true},
        {"depends_on empty", resource(plain + R"(,"depends_on":[])"), true, true},
        {"depends_on a string", resource(plain + R"(,"depends_on":"a_b.d")"), true, true},
        {"depends_on nested", resource(plain + R"(,"depends_on":[["a_b.d"]])"), false, true},
        {"depends_on trailing comma", resource(plain + R"(,"depends_on":["a_b.d",])"), false,
            false},
        {"tainted", resource(plain + R"(,"tainted":true)"), true, true},
        {"tainted a string", resource(plain + R"(,"tainted":"yes")"), true, true},
        {"deposed", resource(plain + R"(,"deposed_key":"00000001")"), true, true},
        {"values a string", resource(R"("values":"s","sensitive_values":null)"), true, true},
        {"values a float", resource(R"("values":1.5)"), false, true},
        {"values with a duplicate inside", resource(R"("values":{"a":1,"a":2})"), true, true},
        {"identity", resource(plain + R"(,"identity":{"id":"x"},"identity_schema_version":0)"),
            true, true},
        {"another object", resource(plain + R"(,"x":{"y":1})"), false, true},
        {"a duplicate inside another object", resource(plain + R"(,"x":{"y":1,"y":2})"), false,
            false},
        {"values twice", resource(plain + R"(,"values":{})"), false, false},
        {"an index",
            R"({"address":"a_b.c[0]","mode":"managed","type":"a_b","name":"c",)"
            R"("index":0,"values":{}})",
            true, true},
        {"an index disagreeing",
            R"({"address":"a_b.c[0]","mode":"managed","type":"a_b",)"
            R"("name":"c","index":5,"values":{}})",
            true, true},
        {"an index object", resource(R"("index":{},"values":{})"), false, true},
        {"a trailing comma", resource(plain + ","), false, false},
        {"empty", "{}", true, true},
        {"escapes", R"({"a\u0064dress":"a_b.\"c\"","type":"a_b","values":{}})", true, true},
    };
    for (const auto &row : rows)
        QTest::newRow(row.name) << row.element << row.direct << row.loads;
}

void TestJsonSkip::stateResourcesReadDirectly()
{
    QFETCH(const QByteArray, element);
    QFETCH(const bool, direct);
    QFETCH(const bool, loads);
    ElementBuilder builder(element.constData(), element.constData() + element.size());
    StateMembers members;
    const char *close = builder.readStateResource(element.constData() + 1, members);
    QCOMPARE(close != nullptr, direct);
    if (close)
        QCOMPARE(close - element.constData(), element.size() - 1);
    const QByteArray other = R"({"address":"x_y.z","mode":"managed","type":"x_y","name":"z",)"
                             R"("values":{"q":1}})";
    const QByteArray state = R"({"format_version":"1.0","terraform_version":"1.9.8","values":)"
                             R"({"root_module":{"resources":[)"
        + element + ',' + other + "]}}}";
    const QByteArray plan = R"({"format_version":"1.2","resource_changes":[{"address":"x_y.z",)"
                            R"("change":{"actions":["delete"],"before":{"q":1}}}],)"
                            R"("prior_state":{"values":{"root_module":{"resources":[)"
        + element + ',' + other + "]}}}}";
    for (const QByteArray &doc : {state, plan}) {
        QCOMPARE(scan(doc, JsonSkip::Slow).error.isEmpty(), loads);
        const QString problem = difference(doc, QString::fromUtf8(QTest::currentDataTag()));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

// A raw state v4 resource (terraform.tfstate's resources[*]) and its instances are read straight
// from their bytes (ElementBuilder::readRawResource) unless they hold what the reader leaves to
// build(): the same load both ways.
void TestJsonSkip::rawResourcesReadDirectly_data()
{
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<bool>("direct");
    QTest::addColumn<bool>("loads");
    const QByteArray head = R"({"mode":"managed","type":"aws_route53_record","name":"r",)"
                            R"("provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",)";
    const auto resource = [&](const QByteArray &instances) {
        return head + R"("instances":[)" + instances + "]}";
    };
    const QByteArray one
        = R"({"index_key":"a","schema_version":2,"attributes":{"id":"Z1","ttl":300},)"
          R"("sensitive_attributes":[],"private":"eyJ9","dependencies":["aws_route53_zone.z"]})";
    const struct {
        const char *name;
        QByteArray element;
        bool direct, loads;
    } rows[] = {
        {"one instance", resource(one), true, true},
        {"three instances",
            resource(one + ',' + QByteArray(one).replace(R"("a")", R"("b")") + ','
                + QByteArray(one).replace(R"("a")", "7")),
            true, true},
        {"no instances", resource(""), true, true},
        {"instances not a list", head + R"("instances":"x"})", true, true},
        {"instances an object", head + R"("instances":{}})", false, true},
        {"a scalar among the instances", resource(one + ",3,null"), true, true},
        {"a list among the instances", resource(one + ",[]"), false, true},
        {"deposed and tainted",
            resource(R"({"deposed":"00000001","status":"tainted",)"
                     R"("attributes":{"id":"x"}})"),
            true, true},
        {"attributes_flat", resource(R"({"attributes_flat":{"id":"x"}})"), true, true},
        {"attributes and attributes_flat",
            resource(R"({"attributes_flat":{"id":"y"},)"
                     R"("attributes":{"id":"x"}})"),
            true, true},
        {"attributes a string", resource(R"({"attributes":"x"})"), true, true},
        {"attributes a float", resource(R"({"attributes":1.5})"), false, true},
        {"identity",
            resource(R"({"attributes":{},"identity":{"id":"x"},)"
                     R"("identity_schema_version":0})"),
            true, true},
        {"sensitive paths",
            resource(R"({"attributes":{"password":"p"},)"
                     R"("sensitive_attributes":[[{"type":"get_attr",)"
                     R"("value":"password"}]]})"),
            true, true},
        {"sensitive index paths",
            resource(R"({"attributes":{"l":["a","b"]},)"
                     R"("sensitive_attributes":[[{"type":"get_attr",)"
                     R"("value":"l"},{"type":"index","value":)"
                     R"({"value":1,"type":"number"}}]]})"),
            true, true},
        {"a duplicate in a sensitive path",
            resource(R"({"attributes":{},)"
                     R"("sensitive_attributes":[[{"type":"a",)"
                     R"("type":"b"}]]})"),
            false, false},
        {"sensitive scalars", resource(R"({"attributes":{},"sensitive_attributes":[1,"a"]})"), true,
            true},
        {"depends_on, legacy", resource(R"({"attributes":{},"depends_on":["aws_x.y.*"]})"), true,
            true},
        {"dependencies nested", resource(R"({"attributes":{},"dependencies":[["a"]]})"), false,
            true},
        {"a module",
            R"({"module":"module.m[\"k\"]","mode":"data","type":"a_b","name":"c",)"
            R"("instances":[{"attributes":{}}]})",
            true, true},
        {"an unreadable module",
            R"({"module":"module.","mode":"managed","type":"a_b",)"
            R"("name":"c","instances":[{"attributes":{}}]})",
            true, true},
        {"no mode", R"({"type":"a_b","name":"c","instances":[{"attributes":{}}]})", true, true},
        {"each", head + R"("each":"map","instances":[]})", true, true},
        {"another object in an instance", resource(R"({"attributes":{},"x":{"y":1}})"), false,
            true},
        {"a duplicate in an instance",
            resource(R"({"attributes":{},"private":"a",)"
                     R"("private":"b"})"),
            false, false},
        {"instances twice", resource(one).chopped(1) + R"(,"instances":[]})", false, false},
        {"a trailing comma in the instances", resource(one + ","), false, false},
        {"an instance unclosed", resource(R"({"attributes":{})"), false, false},
    };
    for (const auto &row : rows)
        QTest::newRow(row.name) << row.element << row.direct << row.loads;
}

void TestJsonSkip::rawResourcesReadDirectly()
{
    QFETCH(const QByteArray, element);
    QFETCH(const bool, direct);
    QFETCH(const bool, loads);
    ElementBuilder builder(element.constData(), element.constData() + element.size());
    RawMembers members;
    const char *close = builder.readRawResource(element.constData() + 1, members);
    QCOMPARE(close != nullptr, direct);
    if (close)
        QCOMPARE(close - element.constData(), element.size() - 1);
    const QByteArray state = R"({"version":4,"terraform_version":"1.9.5","serial":3,)"
                             R"("lineage":"l","outputs":{},"resources":[)"
        + element
        + R"(,{"mode":"managed","type":"x_y","name":"z","instances":[{"attributes":{"q":1}}]}]})";
    QCOMPARE(scan(state, JsonSkip::Slow).error.isEmpty(), loads);
    const QString problem = difference(state, QString::fromUtf8(QTest::currentDataTag()));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// Whole generated plans of every shape, thousands of resources each: the same load both ways
// (the member readers read nearly all of them), field by field.
// A configuration is read straight from its bytes (ElementBuilder::readConfiguration) into
// the module tree configurationFrom makes of the built element, unless it holds what build()
// gives up on: the same load both ways, the same module tree, the same errors.
void TestJsonSkip::configurationReadDirectly_data()
{
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<bool>("direct");
    QTest::addColumn<bool>("loads");
    const auto module = [](const QByteArray &members) {
        return R"({"provider_config":{"a":{"name":"a","expressions":{"r":{"constant_value":1}}}},)"
               R"("root_module":{)"
            + members + "}}";
    };
    const QByteArray resource
        = R"({"address":"a_b.c","mode":"managed","type":"a_b","name":"c","provider_config_key":)"
          R"("a","expressions":{"z":{"references":["var.z"]},"a":{"references":["a_b.d.id",)"
          R"("a_b.d"]},"blk":[{"m":{"references":["local.m"]},"b":{"constant_value":{"x":[1]}}}],)"
          R"("n":{"constant_value":"v"}},"schema_version":0,"count_expression":{"references":)"
          R"(["var.n"]},"depends_on":["a_b.e","module.m"],"provisioners":[{"type":"local-exec",)"
          R"("expressions":{"command":{"references":["self.id"]}}},7,{"expressions":{}}]})";
    const QByteArray calls
        = R"("module_calls":{"zz":{"source":"./z","expressions":{"y":{"references":["a_b.c"]},)"
          R"("x":{"constant_value":3},"constant_value":{"references":["q"]}},"for_each_expression":)"
          R"({"references":["var.set"]},"depends_on":["a_b.c"],"module":{"resources":[],)"
          R"("outputs":{"o":{"expression":{"references":["a_b.k.id"]}}}}},"aa":{"source":"./a"},)"
          R"("constant_value":{"source":"./c","module":{"resources":[{"type":"t","name":"n"}]}},)"
          R"("s":"not a call"})";
    const QByteArray outputs
        = R"("outputs":{"b":{"expression":{"references":["a_b.c.id"]},"depends_on":["a_b.e"]},)"
          R"("a":{"expression":{"constant_value":1},"sensitive":true},"constant_value":)"
          R"({"expression":{"references":["x"]}},"c":5,"d":{"expression":"text"}})";
    const QByteArray variables
        = R"("variables":{"v":{"default":{"k":["a","b"],"n":{"deep":[1,2,3]}},"description":"d"}})";
    QByteArray deepCalls, deepClose;
    for (int i = 0; i < 70; ++i) {
        deepCalls += R"("module_calls":{"m":{"module":{"resources":[{"type":"t","name":"n)"
            + QByteArray::number(i) + R"("}],)";
        deepClose += "}}}";
    }
    QByteArray deepBlock = R"({"references":["x.deep"]})";
    for (int i = 0; i < 70; ++i)
        deepBlock = R"({"b":[)" + deepBlock + "]}";
    const struct {
        const char *name;
        QByteArray element;
        bool direct, loads;
    } rows[] = {
        {"empty root module", module(""), true, true},
        {"no root module", R"({"provider_config":{}})", true, true},
        {"root module not an object", R"({"root_module":[1,2]})", true, true},
        {"resources, calls, outputs and variables",
            module(R"("resources":[)" + resource
                + R"(,"x",{"mode":"data","type":"d","name":)"
                  R"("e"}],)"
                + calls + "," + outputs + "," + variables),
            true, true},
        {"members in any order",
            module(outputs + "," + variables + "," + calls + R"(,"resources":[)" + resource + "]"),
            true, true},
        {"resources not a list", module(R"("resources":{"a":1})"), true, true},
        {"type not a string", module(R"("resources":[{"type":["t"],"name":"n"}])"), true, true},
        {"references not a list",
            module(R"("resources":[{"type":"t","name":"n","expressions":{"a":{"references":)"
                   R"("x"}}}])"),
            true, true},
        {"modules past the deepest followed", module(deepCalls + R"("outputs":{})" + deepClose),
            true, true},
        {"blocks past the deepest walked",
            module(
                R"("resources":[{"type":"t","name":"n","expressions":{"a":)" + deepBlock + "}}]"),
            true, true},
        {"escapes in names",
            module(R"("resources":[{"type":"t\u0041","name":"n\"q","expressions":{"a":)"
                   R"({"references":["\u00e9.x"]}}}],"outputs":{"\u00e9":{}})"),
            true, true},
        {"a float left to nlohmann", module(R"("variables":{"v":{"default":1.5}})"), false, true},
        {"a float in a constant value",
            module(R"("outputs":{"o":{"expression":)"
                   R"({"constant_value":[0.5]}}})"),
            true, true},
        {"duplicate member in an output",
            module(R"("outputs":{"o":{"expression":{},"expression":{}}})"), false, false},
        {"duplicate module call", module(R"("module_calls":{"m":{},"m":{}})"), false, false},
        {"duplicate in a variable", module(R"("variables":{"v":{"a":1,"a":2}})"), false, false},
        {"duplicate inside a constant value",
            module(R"("outputs":{"o":{"expression":{"constant_value":{"a":1,"a":2}}}})"), true,
            true},
        {"trailing comma", module(R"("outputs":{"o":{},})"), false, false},
        {"unclosed", module(R"("outputs":{"o":{"expression":{"references":["x")"), false, false},
    };
    for (const auto &row : rows)
        QTest::newRow(row.name) << row.element << row.direct << row.loads;
}

void TestJsonSkip::configurationReadDirectly()
{
    QFETCH(const QByteArray, element);
    QFETCH(const bool, direct);
    QFETCH(const bool, loads);
    ElementBuilder builder(element.constData(), element.constData() + element.size());
    std::shared_ptr<ConfigModule> module;
    const char *close = builder.readConfiguration(element.constData() + 1, module);
    QCOMPARE(close != nullptr, direct);
    if (close)
        QCOMPARE(close - element.constData(), element.size() - 1);
    const QByteArray doc = R"({"format_version":"1.2","resource_changes":[{"address":"a_b.c",)"
                           R"("change":{"actions":["delete"],"before":{"q":1}}}],"configuration":)"
        + element + "}";
    QCOMPARE(scan(doc, JsonSkip::Slow).error.isEmpty(), loads);
    const QString problem = difference(doc, QString::fromUtf8(QTest::currentDataTag()));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Read directly, the tree is the one the slow scan's configurationFrom makes (in the loads
    // difference() compares); here, that it was read at all.
    if (close)
        QCOMPARE(bool(module), element.contains("\"root_module\""));
}

void TestJsonSkip::generatedShapesBothWays()
{
    const struct {
        PlanShape shape;
        int resources;
        bool destroy;
    } plans[] = {{PlanShape::Small, 3000, false}, {PlanShape::Tiny, 3000, false},
        {PlanShape::Duplicates, 2000, false}, {PlanShape::Mixed, 300, false},
        {PlanShape::Mixed, 300, true}};
    for (const auto &plan : plans) {
        std::ostringstream out;
        writeShape(ShapeOptions {plan.shape, plan.resources, 5, plan.destroy, 1000}, out);
        const QByteArray doc = QByteArray::fromStdString(out.str());
        const QString label = QString::fromLatin1(planShapeName(plan.shape))
            + (plan.destroy ? QStringLiteral(" destroy") : QString());
        const QString problem = difference(doc, label);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(loadText(doc, JsonSkip::Fast).count('\n') > plan.resources, qPrintable(label));
    }
}

// A value left in the file may nest MaxValueDepth levels (the value itself counting), and is
// read fast to there; one level more and the file is refused, the same error both ways, as is
// one 100,000 deep. A container passed over whole (planned_values) is not held to it.
void TestJsonSkip::deepNesting()
{
    const auto arrays = [](int depth) {
        return QByteArray(depth, '[') + QByteArray(depth, ']');
    };
    const auto objects = [](int depth) {
        return repeated("{\"a\":", depth) + "1" + QByteArray(depth, '}');
    };
    for (const auto &[label, value, loads] : std::vector<std::tuple<QString, QByteArray, bool>> {
             {QStringLiteral("arrays at the limit"), arrays(MaxValueDepth), true},
             {QStringLiteral("objects at the limit"), objects(MaxValueDepth), true},
             {QStringLiteral("arrays one past it"), arrays(MaxValueDepth + 1), false},
             {QStringLiteral("objects one past it"), objects(MaxValueDepth + 1), false},
             {QStringLiteral("arrays 100,000 deep"), arrays(100000), false},
             {QStringLiteral("objects 100,000 deep"), objects(100000), false}}) {
        const QByteArray doc = DeepPrefix + value + DeepSuffix;
        QString problem = difference(doc, label);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const Scan fast = scan(doc, JsonSkip::Fast);
        if (loads) {
            QVERIFY2(fast.skippedFast >= value.size() - 2, qPrintable(label));
            QVERIFY(loadText(doc, JsonSkip::Fast).startsWith('0')); // a plan
        } else {
            QVERIFY2(fast.error.contains(QStringLiteral("nested more than 512 levels deep")),
                qPrintable(label + u' ' + fast.error));
        }
        // One closing bracket short: nlohmann's error, or the depth's, both ways.
        const QByteArray broken = DeepPrefix + value.chopped(1) + DeepSuffix;
        QVERIFY(!scan(broken, JsonSkip::Fast).error.isEmpty());
        problem = difference(broken, label + QStringLiteral(" broken"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    // planned_values is passed over whole, however deep.
    const QByteArray planned = R"({"format_version":"1.2","planned_values":{"deep":)" + arrays(2000)
        + R"(},"resource_changes":[]})";
    QVERIFY2(scan(planned, JsonSkip::Fast).error.isEmpty(), "planned_values");
    QVERIFY(difference(planned, QStringLiteral("planned_values")).isEmpty());
}

void TestJsonSkip::corpus()
{
    BG_REQUIRE_CORPUS();
    const QStringList files = corpusFiles();
    QVERIFY(!files.isEmpty());
    for (const QString &file : files) {
        const QByteArray bytes = readAll(file);
        const QByteArray fast = loadText(bytes, JsonSkip::Fast);
        QVERIFY2(fast == loadText(bytes, JsonSkip::Slow), qPrintable(file));
        // The scan itself, over the text it reads (UTF-16 files converted).
        const Result<Document> loaded = detail::loadDocumentFromBytes(bytes, file, JsonSkip::Slow);
        if (!loaded)
            continue;
        const QString problem = difference(loaded.value().bytes, file);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

QTEST_GUILESS_MAIN(TestJsonSkip)
#include "tst_jsonskip.moc"
