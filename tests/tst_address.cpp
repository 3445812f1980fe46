// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Address parsing and printing against Terraform's own quoting (addrs.toHCLQuotedString,
// addrs/instance_key_test.go) and against every resource address in the shared corpus.
#include "core/address.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using bg::core::Address;
using bg::core::InstanceKey;
using bg::core::ModuleStep;

namespace {

// Source literals are UTF-8; raw strings keep Terraform's backslashes readable.
QString utf8(const char *s)
{
    return QString::fromUtf8(s);
}

// A compact spelling of a key for table columns: "" none, "i:3" count, "s:text" for_each.
QString keyCode(const InstanceKey &k)
{
    switch (k.kind) {
    case InstanceKey::Kind::None:
        return {};
    case InstanceKey::Kind::Int:
        return QStringLiteral("i:%1").arg(k.number);
    case InstanceKey::Kind::String:
        return QStringLiteral("s:") + k.text;
    }
    return {};
}

// Module steps as "name|keyCode", e.g. {"a|i:0", "b|s:x"}.
QStringList moduleCodes(const std::vector<ModuleStep> &module)
{
    QStringList out;
    for (const ModuleStep &step : module)
        out << step.name + u'|' + keyCode(step.key);
    return out;
}

QString corpusDir()
{
    const QString env = qEnvironmentVariable("BLASTGUARD_CORPUS");
    if (!env.isEmpty())
        return env;
#ifdef BG_DEFAULT_CORPUS
    return QStringLiteral(BG_DEFAULT_CORPUS);
#else
    return {};
#endif
}

// One resource entry of the corpus, with the fields Terraform wrote next to its address.
struct CorpusResource {
    QString file;
    QJsonObject entry;
    bool fullFields; // resource_changes: module_address and index are reliable too
};

void collectValuesModule(const QString &file, const QJsonObject &module,
    QList<CorpusResource> *resources, QStringList *modules)
{
    for (const QJsonValue &r : module.value(u"resources").toArray())
        if (r.toObject().value(u"address").isString())
            resources->append({file, r.toObject(), false});
    for (const QJsonValue &c : module.value(u"child_modules").toArray()) {
        // child_modules[].address is a module address, not a resource address.
        if (c.toObject().value(u"address").isString())
            modules->append(c.toObject().value(u"address").toString());
        collectValuesModule(file, c.toObject(), resources, modules);
    }
}

void collectValues(const QString &file, const QJsonValue &values, QList<CorpusResource> *resources,
    QStringList *modules)
{
    collectValuesModule(
        file, values.toObject().value(u"root_module").toObject(), resources, modules);
}

} // namespace

class TestAddress : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void lenientInput_data();
    void lenientInput();
    void fields_data();
    void fields();
    void rejects_data();
    void rejects();
    void terraformKeyStrings_data();
    void terraformKeyStrings();
    void derivedStrings_data();
    void derivedStrings();
    void parseModule_data();
    void parseModule();
    void parseModuleRejects_data();
    void parseModuleRejects();
    void randomKeys();
    void everyCharacterQuotedAsGoQuotesIt();
    void corpus();
    void manyAddresses();
};

void TestAddress::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    const auto row = [](const char *name, const char *text) {
        QTest::newRow(name) << utf8(text);
    };
    row("plain", "aws_instance.web");
    row("count 0", "aws_instance.web[0]");
    row("count 3", "aws_instance.web[3]");
    row("count max", "aws_instance.web[9223372036854775807]");
    row("string key", R"(aws_instance.web["x"])");
    row("empty key", R"(aws_instance.web[""])");
    row("digit string key", R"(aws_instance.web["0"])");
    row("data", "data.aws_ami.ubuntu");
    row("data count", "data.aws_ami.ubuntu[1]");
    row("data each", R"(data.aws_ami.ubuntu["k"])");
    row("module", "module.a.aws_instance.web");
    row("nested keyed modules", R"(module.a[0].module.b["x"].aws_instance.web[3])");
    row("deep data", "module.a.module.b.module.c.data.aws_caller_identity.current");
    row("module named data", "module.data.aws_instance.web");
    row("data type named data", "module.a.data.data.data");
    row("resource named data", "aws_instance.data");
    row("module-like type", "module.modules.module_x.y");
    row("underscore names", "_private._x");
    row("dashes", "terraform_data.foo-bar");
    row("dashes everywhere", "module.s3-bucket-1.aws-thing.my-name--x");
    row("non-ASCII name", "aws_instance.café");
    row("dots in key", R"(aws_instance.web["example.com"])");
    row("brackets in key", R"(aws_instance.web["a[0].b]"])");
    row("space in key", R"(aws_instance.web["with space"])");
    row("quotes in key", R"(aws_instance.web["say \"hi\""])");
    row("backslashes in key", R"(aws_instance.web["C:\\temp\\x"])");
    row("literal \\n in key", R"(aws_instance.web["\\r\\n"])");
    row("interpolation", R"(aws_instance.web["$${var.x}"])");
    row("template directive", R"(aws_instance.web["%%{ if x }y%%{ endif }"])");
    row("lone $ and %", R"(aws_instance.web["$x %y $ % {} $$"])");
    row("tripled $", R"(aws_instance.web["$$${"])");
    row("trailing $", R"(aws_instance.web["cost$"])");
    row("newline tab cr", R"(aws_instance.web["line1\nline2\tcol\r"])");
    row("controls", R"(aws_instance.web["\u0000\u001b\u007f"])");
    row("nbsp is not printable to Go", R"(aws_instance.web["nb\u00a0sp"])");
    row("zero width space", R"(aws_instance.web["zw\u200bsp"])");
    row("line separator", R"(aws_instance.web["\u2028"])");
    row("astral private use", R"(aws_instance.web["\U000f0000"])");
    row("latin-1", R"(aws_instance.web["café"])");
    row("CJK", R"(aws_instance.web["日本"])");
    row("emoji", R"(aws_instance.web["😀"])");
    row("combining mark", "aws_instance.web[\"e\xcc\x81\"]");
    row("deposed", "aws_instance.web (deposed object 1a2b3c4d)");
    row("deposed keyed in module",
        R"(module.a[0].aws_instance.web["k"] (deposed object 00000001))");
    row("corpus-like", R"(module.github["terraform-plan-summary"].github_branch.main)");
    row("mixed deep", R"(module.a["x"].module.b[2].module.c["y.z"].null_resource.n[10])");
}

void TestAddress::roundTrip()
{
    QFETCH(QString, text);
    QString error;
    const auto a = Address::parse(text, &error);
    QVERIFY2(a, qPrintable(error));
    QCOMPARE(a->toString(), text);
    QVERIFY(Address::parse(a->toString()) == a);
}

// What a user may type that Terraform would print differently: JSON-style escapes, upper-case
// hex, surrogate pairs and undoubled template introducers are read, then printed canonically.
void TestAddress::lenientInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    const auto row = [](const char *name, const char *text, const char *canonical) {
        QTest::newRow(name) << utf8(text) << utf8(canonical);
    };
    row("\\u quote", R"(a.b["a\u0022b"])", R"(a.b["a\"b"])");
    row("\\u letter", R"(a.b["\u0041"])", R"(a.b["A"])");
    row("\\u lower", R"(a.b["\u00e9"])", R"(a.b["é"])");
    row("\\u upper", R"(a.b["\u00E9"])", R"(a.b["é"])");
    row("surrogate pair", R"(a.b["\uD83D\uDE00"])", R"(a.b["😀"])");
    row("\\U", R"(a.b["\U0001F600"])", R"(a.b["😀"])");
    row("undoubled ${", R"(a.b["${x}"])", R"(a.b["$${x}"])");
    row("undoubled %{", R"(a.b["%{x}"])", R"(a.b["%%{x}"])");
    row("upper hex escape", R"(a.b["\u00A0"])", R"(a.b["\u00a0"])");
    row("upper \\U escape", R"(a.b["\U000F0000"])", R"(a.b["\U000f0000"])");
    row("raw tab", "a.b[\"x\ty\"]", R"(a.b["x\ty"])");
}

void TestAddress::lenientInput()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QString error;
    const auto a = Address::parse(text, &error);
    QVERIFY2(a, qPrintable(error));
    QCOMPARE(a->toString(), canonical);
}

void TestAddress::fields_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("module");
    QTest::addColumn<bool>("data");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("deposed");
    QTest::newRow("root") << utf8("aws_instance.web") << QStringList() << false
                          << utf8("aws_instance") << utf8("web") << QString() << QString();
    QTest::newRow("nested") << utf8(R"(module.a[0].module.b["x"].aws_instance.web[3])")
                            << QStringList {"a|i:0", "b|s:x"} << false << utf8("aws_instance")
                            << utf8("web") << utf8("i:3") << QString();
    QTest::newRow("data in module")
        << utf8(R"(module.m.data.aws_ami.u["k"])") << QStringList {"m|"} << true << utf8("aws_ami")
        << utf8("u") << utf8("s:k") << QString();
    QTest::newRow("module named data") << utf8("module.data.data.x.y") << QStringList {"data|"}
                                       << true << utf8("x") << utf8("y") << QString() << QString();
    QTest::newRow("deposed") << utf8("aws_instance.web[2] (deposed object 1a2b3c4d)")
                             << QStringList() << false << utf8("aws_instance") << utf8("web")
                             << utf8("i:2") << utf8("1a2b3c4d");
    QTest::newRow("escapes") << utf8(R"(a.b["q\"b\\c\nd\te"])") << QStringList() << false
                             << utf8("a") << utf8("b") << utf8("s:q\"b\\c\nd\te") << QString();
    QTest::newRow("undoubling") << utf8(R"(a.b["$${x}%%{y}$$"])") << QStringList() << false
                                << utf8("a") << utf8("b") << utf8("s:${x}%{y}$$") << QString();
    QTest::newRow("string zero is not int zero")
        << utf8(R"(a.b["0"])") << QStringList() << false << utf8("a") << utf8("b") << utf8("s:0")
        << QString();
    QTest::newRow("escaped astral")
        << utf8(R"(a.b["\U000f0000"])") << QStringList() << false << utf8("a") << utf8("b")
        << (utf8("s:") + QChar(0xDB80) + QChar(0xDC00)) << QString();
    QTest::newRow("unicode key") << utf8(R"(module.m["日本"].a.b["café"])")
                                 << QStringList {utf8("m|s:日本")} << false << utf8("a")
                                 << utf8("b") << utf8("s:café") << QString();
}

void TestAddress::fields()
{
    QFETCH(QString, text);
    QFETCH(QStringList, module);
    QFETCH(bool, data);
    QFETCH(QString, type);
    QFETCH(QString, name);
    QFETCH(QString, key);
    QFETCH(QString, deposed);
    QString error;
    const auto a = Address::parse(text, &error);
    QVERIFY2(a, qPrintable(error));
    QCOMPARE(moduleCodes(a->module), module);
    QCOMPARE(a->data, data);
    QCOMPARE(a->type, type);
    QCOMPARE(a->name, name);
    QCOMPARE(keyCode(a->key), key);
    QCOMPARE(a->deposed, deposed);
}

// Each malformed input fails, with a message naming the offset where the problem starts.
void TestAddress::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("offset");
    const auto row = [](const char *name, const char *text, int offset) {
        QTest::newRow(name) << utf8(text) << offset;
    };
    row("empty", "", 0);
    row("leading space", " aws_instance.web", 0);
    row("leading dot", ".aws_instance.web", 0);
    row("type starts with digit", "1aws.web", 0);
    row("type only", "aws_instance", 12);
    row("missing name", "aws_instance.", 13);
    row("double dot", "aws_instance..web", 13);
    row("name starts with dash", "aws_instance.-web", 13);
    row("trailing garbage", "aws_instance.web extra", 16);
    row("extra attribute", "aws_instance.web.extra", 16);
    row("space before key", "aws_instance.web [0]", 16);
    row("two keys", "aws_instance.web[0][1]", 19);
    row("extra bracket", R"(aws_instance.web["a"]])", 21);
    row("unterminated [", "aws_instance.web[", 16);
    row("unterminated [0", "aws_instance.web[0", 16);
    row("unterminated string", R"(aws_instance.web["a)", 17);
    row("string without ]", R"(aws_instance.web["a")", 16);
    row("backslash at end", R"(aws_instance.web["a\)", 17);
    row("raw newline in string", "aws_instance.web[\"a\nb\"]", 19);
    row("empty key", "aws_instance.web[]", 17);
    row("bare word key", "aws_instance.web[abc]", 17);
    row("single quotes", "aws_instance.web['a']", 17);
    row("negative key", "aws_instance.web[-1]", 17);
    row("fractional key", "aws_instance.web[1.5]", 18);
    row("leading zero", "aws_instance.web[01]", 17);
    row("key overflow", "aws_instance.web[9223372036854775808]", 17);
    row("bad escape", R"(aws_instance.web["\q"])", 18);
    row("short \\u", R"(aws_instance.web["\u12"])", 18);
    row("short \\U", R"(aws_instance.web["\U0001F6"])", 18);
    row("\\U out of range", R"(aws_instance.web["\U00110000"])", 18);
    row("module alone", "module", 6);
    row("module dot", "module.", 7);
    row("module without resource", "module.a", 8);
    row("module trailing dot", "module.a.module.b.", 18);
    row("module key then garbage", "module.a[0]x.aws.b", 11);
    row("module then module", "module.a.module", 15);
    row("data alone", "data", 4);
    row("data without name", "data.aws_ami", 12);
    row("empty deposed key", "aws_instance.web (deposed object )", 33);
    row("unterminated deposed", "aws_instance.web (deposed object abc", 36);
    row("text after deposed", "aws_instance.web (deposed object abc) x", 37);
}

void TestAddress::rejects()
{
    QFETCH(QString, text);
    QFETCH(int, offset);
    QString error;
    QVERIFY(!Address::parse(text, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.endsWith(QStringLiteral(" at offset %1").arg(offset)), qPrintable(error));
    QVERIFY(!Address::parse(text)); // a null error pointer is fine
}

// The cases of Terraform's TestInstanceKeyString (internal/addrs/instance_key_test.go).
void TestAddress::terraformKeyStrings_data()
{
    QTest::addColumn<InstanceKey>("key");
    QTest::addColumn<QString>("text");
    const auto s = [](const char *k) {
        return InstanceKey::fromString(utf8(k));
    };
    QTest::newRow("none") << InstanceKey() << QString();
    QTest::newRow("0") << InstanceKey::fromInt(0) << utf8("[0]");
    QTest::newRow("5") << InstanceKey::fromInt(5) << utf8("[5]");
    QTest::newRow("empty") << s("") << utf8(R"([""])");
    QTest::newRow("hi") << s("hi") << utf8(R"(["hi"])");
    QTest::newRow("\"0\"") << s("0") << utf8(R"(["0"])");
    QTest::newRow("quote") << s("\"") << utf8(R"(["\""])");
    QTest::newRow("escapes") << s(R"(\r\n)") << utf8(R"(["\\r\\n"])");
    QTest::newRow("${") << s("${hello}") << utf8(R"(["$${hello}"])");
    QTest::newRow("%{") << s("%{ for something in something }%{ endfor }")
                        << utf8(R"(["%%{ for something in something }%%{ endfor }"])");
    QTest::newRow("$") << s("$hello") << utf8(R"(["$hello"])");
    QTest::newRow("%") << s("%hello") << utf8(R"(["%hello"])");
    // Printable ASCII is written raw but for '"' and '\\' (no '{' follows '$' or '%' here);
    // DEL, a control character to Go, is escaped.
    QString printable, written;
    for (char16_t c = 0x20; c < 0x7f; ++c) {
        printable += QChar(c);
        written += c == u'"' || c == u'\\' ? QStringLiteral("\\") + QChar(c) : QString(QChar(c));
    }
    QTest::newRow("printable ASCII")
        << InstanceKey::fromString(printable) << QStringLiteral("[\"%1\"]").arg(written);
    QTest::newRow("DEL") << InstanceKey::fromString(QStringLiteral("a\x7f"))
                         << utf8(R"(["a\u007f"])");
}

void TestAddress::terraformKeyStrings()
{
    QFETCH(InstanceKey, key);
    QFETCH(QString, text);
    QCOMPARE(key.toString(), text);
}

void TestAddress::derivedStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("module");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("instance");
    QTest::newRow("root") << utf8("aws_instance.web") << utf8("aws_instance.web")
                          << utf8("aws_instance.web") << QString() << utf8("aws_instance.web")
                          << utf8("aws_instance.web");
    QTest::newRow("root keyed") << utf8("aws_instance.web[1]") << utf8("aws_instance.web")
                                << utf8("aws_instance.web") << QString() << utf8("aws_instance.web")
                                << utf8("aws_instance.web[1]");
    QTest::newRow("nested") << utf8(R"(module.a[0].module.b["x"].aws_instance.web[3])")
                            << utf8("module.a.module.b.aws_instance.web")
                            << utf8(R"(module.a[0].module.b["x"].aws_instance.web)")
                            << utf8(R"(module.a[0].module.b["x"])") << utf8("aws_instance.web")
                            << utf8(R"(module.a[0].module.b["x"].aws_instance.web[3])");
    QTest::newRow("data deposed") << utf8(
        R"(module.m["k"].data.aws_ami.u["q"] (deposed object 0000abcd))")
                                  << utf8("module.m.data.aws_ami.u")
                                  << utf8(R"(module.m["k"].data.aws_ami.u)")
                                  << utf8(R"(module.m["k"])") << utf8("data.aws_ami.u")
                                  << utf8(R"(module.m["k"].data.aws_ami.u["q"])");
}

void TestAddress::derivedStrings()
{
    QFETCH(QString, text);
    QString error;
    const auto a = Address::parse(text, &error);
    QVERIFY2(a, qPrintable(error));
    QTEST(a->configString(), "config");
    QTEST(a->resourceString(), "resource");
    QTEST(a->moduleString(), "module");
    QTEST(bg::core::moduleToString(a->module), "module");
    QTEST(a->localString(), "local");
    QTEST(a->instanceString(), "instance");
}

void TestAddress::parseModule_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("steps");
    QTest::newRow("root") << QString() << QStringList();
    QTest::newRow("one") << utf8("module.a") << QStringList {"a|"};
    QTest::newRow("count") << utf8("module.a[0]") << QStringList {"a|i:0"};
    QTest::newRow("nested") << utf8(R"(module.a["k"].module.b[0])")
                            << QStringList {"a|s:k", "b|i:0"};
    QTest::newRow("named data") << utf8(R"(module.a["x.y"].module.data)")
                                << QStringList {"a|s:x.y", "data|"};
}

void TestAddress::parseModule()
{
    QFETCH(QString, text);
    QFETCH(QStringList, steps);
    QString error;
    const auto module = Address::parseModule(text, &error);
    QVERIFY2(module, qPrintable(error));
    QCOMPARE(moduleCodes(*module), steps);
    QCOMPARE(bg::core::moduleToString(*module), text);
}

void TestAddress::parseModuleRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("keyword only") << utf8("module");
    QTest::newRow("no name") << utf8("module.");
    QTest::newRow("trailing dot") << utf8("module.a.");
    QTest::newRow("resource") << utf8("aws_instance.web");
    QTest::newRow("module and resource") << utf8("module.a.aws_instance.web");
    QTest::newRow("unterminated key") << utf8("module.a[");
    QTest::newRow("garbage after key") << utf8("module.a[0]x");
    QTest::newRow("space") << utf8(" module.a");
}

void TestAddress::parseModuleRejects()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!Address::parseModule(text, &error));
    QVERIFY2(error.contains(u"at offset"), qPrintable(error));
}

// Quoting and unquoting are inverses: keys built at random from the characters Terraform treats
// specially survive toString and parse, as module keys and as resource keys.
void TestAddress::randomKeys()
{
    const QStringList pieces = {utf8("a"), utf8(" "), utf8("."), utf8("["), utf8("]"), utf8("{"),
        utf8("}"), utf8("$"), utf8("%"), utf8("$${"), utf8("\""), utf8("\\"), utf8("\\u0041"),
        utf8("\n"), utf8("\r"), utf8("\t"), QString(QChar(0)), utf8("\x7f"), utf8("\u00a0"),
        utf8("\u200b"), utf8("\u2028"), utf8("é"), utf8("日"), utf8("😀"), utf8("\U000F0000")};
    QRandomGenerator rng(20260101);
    for (int i = 0; i < 5000; ++i) {
        QString key;
        for (int n = rng.bounded(8); n > 0; --n)
            key += pieces[rng.bounded(int(pieces.size()))];
        Address a;
        a.module = {{utf8("m"), InstanceKey::fromString(key)}};
        a.type = utf8("t");
        a.name = utf8("n");
        a.key = InstanceKey::fromString(key);
        const QString text = a.toString();
        QString error;
        const auto back = Address::parse(text, &error);
        QVERIFY2(back, qPrintable(text + QStringLiteral(": ") + error));
        QVERIFY2(*back == a, qPrintable(text));
    }
}

// A key holding every code point of the Basic Multilingual Plane, 256 at a time: each is
// written raw where Go's unicode.IsPrint holds (letters, marks, numbers, punctuation, symbols,
// the ASCII space), else escaped, as toHCLQuotedString does; and the address parses back.
void TestAddress::everyCharacterQuotedAsGoQuotesIt()
{
    const auto quotedAsGo = [](char16_t c) {
        switch (c) {
        case u'\n':
            return utf8("\\n");
        case u'\r':
            return utf8("\\r");
        case u'\t':
            return utf8("\\t");
        case u'"':
            return utf8("\\\"");
        case u'\\':
            return utf8("\\\\");
        default:
            break;
        }
        const QChar::Category cat = QChar::category(char32_t(c));
        const bool print = c < 0x80 ? c >= 0x20 && c < 0x7f
                                    : cat <= QChar::Number_Other || cat >= QChar::Letter_Uppercase;
        return print ? QString(QChar(c))
                     : QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
    };
    for (char32_t block = 0; block < 0x10000; block += 0x100) {
        QString key;
        QString expected;
        for (char32_t c = block; c < block + 0x100; ++c) {
            if (QChar::isSurrogate(c))
                continue; // a lone surrogate is no text (no "{" follows "$" or "%" here)
            key += QChar(char16_t(c));
            expected += quotedAsGo(char16_t(c));
        }
        Address a;
        a.type = utf8("t");
        a.name = utf8("n");
        a.key = InstanceKey::fromString(key);
        const QString text = a.toString();
        QCOMPARE(text, utf8("t.n[\"") + expected + utf8("\"]"));
        QString error;
        const auto back = Address::parse(text, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == a);
    }
}

// Every resource address Terraform wrote into the corpus parses, prints back byte for byte and
// agrees with the mode/type/name/index/module_address fields written next to it.
void TestAddress::corpus()
{
    const QString dir = corpusDir();
    if (dir.isEmpty() || !QDir(dir).exists())
        QSKIP(qPrintable(
            QStringLiteral("corpus directory \"%1\" is absent; set BLASTGUARD_CORPUS").arg(dir)));
    QList<CorpusResource> resources;
    QStringList modules;
    int files = 0;
    QDirIterator it(dir, {QStringLiteral("*.json"), QStringLiteral("*.tfstate")}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
        if (!doc.isObject())
            continue; // e.g. the UTF-16 plan, which QJsonDocument cannot read
        ++files;
        const QString name = it.fileName();
        const QJsonObject root = doc.object();
        for (const auto section : {u"resource_changes", u"resource_drift"})
            for (const QJsonValue &rc : root.value(section).toArray())
                if (rc.toObject().value(u"address").isString())
                    resources.append({name, rc.toObject(), true});
        collectValues(name, root.value(u"planned_values"), &resources, &modules);
        collectValues(name, root.value(u"values"), &resources, &modules);
        collectValues(
            name, root.value(u"prior_state").toObject().value(u"values"), &resources, &modules);
        // Raw v4 state: resources[].module is a module instance address.
        for (const QJsonValue &r : root.value(u"resources").toArray())
            if (r.toObject().value(u"module").isString())
                modules.append(r.toObject().value(u"module").toString());
    }
    QVERIFY2(!resources.isEmpty(), "the corpus holds no resource addresses");

    for (const CorpusResource &r : std::as_const(resources)) {
        const QString text = r.entry.value(u"address").toString();
        const QString where = r.file + QStringLiteral(": ") + text;
        QString error;
        const auto a = Address::parse(text, &error);
        QVERIFY2(a, qPrintable(where + QStringLiteral(": ") + error));
        QVERIFY2(a->toString() == text,
            qPrintable(where + QStringLiteral(" printed as ") + a->toString()));
        QVERIFY2(a->type == r.entry.value(u"type").toString(), qPrintable(where));
        QVERIFY2(a->name == r.entry.value(u"name").toString(), qPrintable(where));
        QVERIFY2(a->data == (r.entry.value(u"mode").toString() == u"data"), qPrintable(where));
        if (!r.fullFields)
            continue; // values of Terraform 0.12 drop the key from some addresses
        QVERIFY2(
            a->moduleString() == r.entry.value(u"module_address").toString(), qPrintable(where));
        const QJsonValue index = r.entry.value(u"index");
        const InstanceKey want = index.isString() ? InstanceKey::fromString(index.toString())
            : index.isDouble()                    ? InstanceKey::fromInt(index.toInteger())
                                                  : InstanceKey();
        QVERIFY2(a->key == want, qPrintable(where));
        // A deposed object keeps its key beside the address; Terraform prints them together.
        if (const QString deposed = r.entry.value(u"deposed").toString(); !deposed.isEmpty()) {
            Address withDeposed = *a;
            withDeposed.deposed = deposed;
            QVERIFY2(Address::parse(withDeposed.toString()) == withDeposed, qPrintable(where));
        }
    }
    for (const QString &text : std::as_const(modules)) {
        QString error;
        const auto module = Address::parseModule(text, &error);
        QVERIFY2(module, qPrintable(text + QStringLiteral(": ") + error));
        QCOMPARE(bg::core::moduleToString(*module), text);
    }
    qInfo("%d corpus files, %lld resource and %lld module addresses", files,
        qlonglong(resources.size()), qlonglong(modules.size()));
}

// The loader parses every address of a plan: 50,000 of four kinds all parse. The time is
// printed, not asserted (the benchmark measures); quadratic work would show as a hang, which
// ctest's timeout catches.
void TestAddress::manyAddresses()
{
    QStringList texts;
    for (int i = 0; i < 50000; ++i) {
        switch (i % 4) {
        case 0:
            texts << QStringLiteral("aws_instance.web[%1]").arg(i);
            break;
        case 1:
            texts << QStringLiteral(R"(module.a["k%1"].module.b[2].aws_s3_bucket.x)").arg(i);
            break;
        case 2:
            texts << QStringLiteral("module.m.data.aws_iam_policy_document.p%1").arg(i);
            break;
        case 3:
            texts << QStringLiteral(R"(local_file.f["dir/file %1.txt"])").arg(i);
            break;
        }
    }
    QElapsedTimer timer;
    timer.start();
    qsizetype ok = 0;
    for (const QString &t : std::as_const(texts))
        ok += Address::parse(t).has_value();
    const qint64 ms = timer.elapsed();
    QCOMPARE(ok, texts.size());
    qInfo("parsed %lld addresses in %lld ms", qlonglong(texts.size()), qlonglong(ms));
}

QTEST_GUILESS_MAIN(TestAddress)
#include "tst_address.moc"
