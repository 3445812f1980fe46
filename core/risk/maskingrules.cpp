// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/maskingrules.h"

#include "core/asciitext.h"
#include "core/loading/datafile_p.h"
#include "core/loading/strictjson.h"

#include <algorithm>
#include <array>

namespace bg::core {

namespace {

using detail::JsonPath;
using detail::operator+;

// Each entry of a list of words, split into words; an entry with no word is an error.
std::optional<std::vector<QStringList>> wordLists(
    StrictJson &file, StrictObject &root, const QString &key)
{
    const auto entries = root.strings(key, Need::Required, Empty::Allowed);
    if (!entries)
        return std::nullopt;
    std::vector<QStringList> out;
    for (qsizetype i = 0; i < entries->size(); ++i) {
        const QStringList words = MaskingRules::words(entries->at(i));
        if (words.isEmpty()) {
            file.mustBe(root.at(key) + i, QStringLiteral("one or more words of letters or digits"));
            return std::nullopt;
        }
        out.push_back(words);
    }
    return out;
}

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber();
}

// The parameters' expression and the value patterns as one, a text searched once instead of once
// for each (six searches of every value shown were 2% of a report on 10,000 deleted
// databases). Joined as alternatives, each finds what it finds alone, unless it refers to a
// group by number or name, sets an option or a verb, or quotes to its end: a pattern with
// "(?", "(*", "\Q", "\E", "\g", "\k" or "\1" to "\9" leaves them all to be searched one by one
// (nullopt). The parameters' expression is made here of escaped names.
std::optional<QRegularExpression> joined(
    const QRegularExpression &parameters, const std::vector<QRegularExpression> &values)
{
    static const QRegularExpression unjoinable(QStringLiteral(R"(\(\?|\(\*|\\[QEgk1-9])"));
    QStringList alternatives {parameters.pattern()};
    for (const QRegularExpression &value : values) {
        if (value.pattern().contains(unjoinable))
            return std::nullopt;
        alternatives.append(value.pattern());
    }
    QRegularExpression all(QStringLiteral("(?:%1)").arg(alternatives.join(QStringLiteral(")|(?:"))),
        QRegularExpression::CaseInsensitiveOption);
    if (!all.isValid())
        return std::nullopt;
    all.optimize();
    return all;
}

// words() of an ASCII name of at most AsciiRoom characters, made on the stack: each word a view
// of `lowered`, the name in lower case. False, with nothing made, for any other name.
constexpr size_t AsciiRoom = 128;
using AsciiWords = std::array<QStringView, AsciiRoom>; // a word is one character or more

bool asciiWords(
    QStringView name, std::array<char16_t, AsciiRoom> &lowered, AsciiWords &out, qsizetype *count)
{
    if (!asciiLower(name, lowered))
        return false;
    const auto upper = [](char16_t c) {
        return c >= u'A' && c <= u'Z';
    };
    const auto lower = [](char16_t c) {
        return c >= u'a' && c <= u'z';
    };
    const auto digit = [](char16_t c) {
        return c >= u'0' && c <= u'9';
    };
    const char16_t *p = name.utf16();
    const qsizetype n = name.size();
    qsizetype words = 0, start = -1; // start: where the word being read began, -1 between words
    const auto flush = [&](qsizetype end) {
        if (start >= 0)
            out[size_t(words++)] = QStringView(lowered.data() + start, end - start);
        start = -1;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i];
        if (!upper(c) && !lower(c) && !digit(c)) {
            flush(i);
            continue;
        }
        if (start >= 0) { // as words() splits: the character before is a letter or digit
            const char16_t previous = p[i - 1];
            const bool next = i + 1 < n && lower(p[i + 1]);
            if ((upper(c) && (lower(previous) || digit(previous)))
                || (upper(c) && upper(previous) && next) || (digit(c) != digit(previous)))
                flush(i);
        }
        if (start < 0)
            start = i;
    }
    flush(n);
    *count = words;
    return true;
}

// The words hold one of `sequences` as consecutive words (or, `atEnd`, as their last words).
template<typename Words>
bool holdsSequence(
    const std::vector<QStringList> &sequences, const Words &split, qsizetype count, bool atEnd)
{
    const auto holdsAt = [&split](const QStringList &sequence, qsizetype at) {
        for (qsizetype k = 0; k < sequence.size(); ++k) {
            if (split[size_t(at + k)] != sequence[k])
                return false;
        }
        return true;
    };
    for (const QStringList &sequence : sequences) {
        for (qsizetype at = atEnd ? count - sequence.size() : 0;
             at >= 0 && at + sequence.size() <= count; ++at) {
            if (holdsAt(sequence, at))
                return true;
        }
    }
    return false;
}

} // namespace

QStringList MaskingRules::words(QStringView name)
{
    QStringList out;
    QString current;
    const auto flush = [&] {
        if (!current.isEmpty())
            out.append(current.toLower());
        current.clear();
    };
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        if (!isWordCharacter(c)) {
            flush();
            continue;
        }
        if (!current.isEmpty()) {
            const QChar previous = name[i - 1];
            const bool next = i + 1 < name.size() && name[i + 1].isLower();
            if ((c.isUpper() && (previous.isLower() || previous.isDigit()))
                || (c.isUpper() && previous.isUpper() && next)
                || (c.isDigit() != previous.isDigit()))
                flush();
        }
        current.append(c);
    }
    flush();
    return out;
}

Result<MaskingRules> MaskingRules::parse(QByteArray bytes, const QString &path)
{
    Result<StrictJson> parsed
        = StrictJson::parse(std::move(bytes), path, QStringLiteral("a masking file"));
    if (!parsed)
        return parsed.error();
    StrictJson &file = *parsed;
    auto root = file.root(QLatin1String(Schema),
        {QStringLiteral("schema"), QStringLiteral("description"),
            QStringLiteral("secret_name_words"), QStringLiteral("secret_name_endings"),
            QStringLiteral("secret_parameters"), QStringLiteral("secret_value_patterns"),
            QStringLiteral("name_value_pairs")});
    if (!root || !root->string(QStringLiteral("description"), Need::Optional, Empty::Allowed))
        return file.error();

    MaskingRules rules;
    auto words = wordLists(file, *root, QStringLiteral("secret_name_words"));
    if (!words)
        return file.error();
    rules.m_words = std::move(*words);
    auto endings = wordLists(file, *root, QStringLiteral("secret_name_endings"));
    if (!endings)
        return file.error();
    rules.m_endings = std::move(*endings);

    // A parameter is NAME=VALUE after the start of the text, "?", "&" or ";", with optional
    // white space around "=" (ODBC writes "Pwd = x"); an empty value is no secret.
    const QString parametersKey = QStringLiteral("secret_parameters");
    const auto parameters = root->strings(parametersKey, Need::Required, Empty::Refused);
    if (!parameters)
        return file.error();
    static const QRegularExpression parameterName(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    QStringList alternatives;
    for (qsizetype i = 0; i < parameters->size(); ++i) {
        if (!parameterName.match(parameters->at(i)).hasMatch()) {
            file.mustBe(root->at(parametersKey) + i,
                QStringLiteral("a parameter name of letters, digits, \"_\", \".\" and \"-\""));
            return file.error();
        }
        alternatives.append(QRegularExpression::escape(parameters->at(i)));
    }
    rules.m_parameters = QRegularExpression(
        QStringLiteral("(?:^|[?&;])\\s*(?:%1)\\s*=\\s*[^\\s&;]").arg(alternatives.join(u'|')),
        QRegularExpression::CaseInsensitiveOption);

    const QString patternsKey = QStringLiteral("secret_value_patterns");
    const auto patterns = root->list(patternsKey, Need::Required, Empty::Refused);
    if (!patterns)
        return file.error();
    QHash<QString, JsonPath> names;
    for (qsizetype i = 0; i < patterns->size(); ++i) {
        const JsonPath at = root->at(patternsKey) + i;
        auto o = file.object(patterns->at(i), at);
        if (!o || !o->onlyMembers({QStringLiteral("name"), QStringLiteral("regex")}))
            return file.error();
        const auto name = o->string(QStringLiteral("name"), Need::Required);
        auto compiled
            = name ? detail::regexMember(file, *o, QStringLiteral("regex")) : std::nullopt;
        if (!compiled || !file.unique(*name, o->at(QStringLiteral("name")), names))
            return file.error();
        rules.m_values.push_back(std::move(*compiled));
    }
    rules.m_anySecret = joined(rules.m_parameters, rules.m_values);

    const QString pairsKey = QStringLiteral("name_value_pairs");
    const auto pairs = root->list(pairsKey, Need::Required, Empty::Allowed);
    if (!pairs)
        return file.error();
    for (qsizetype i = 0; i < pairs->size(); ++i) {
        auto o = file.object(pairs->at(i), root->at(pairsKey) + i);
        if (!o || !o->onlyMembers({QStringLiteral("name"), QStringLiteral("value")}))
            return file.error();
        const auto name = o->string(QStringLiteral("name"), Need::Required);
        const auto value = o->string(QStringLiteral("value"), Need::Required);
        if (!name || !value)
            return file.error();
        rules.m_pairs.emplace_back(*name, *value);
    }
    return rules;
}

Result<MaskingRules> MaskingRules::load(const QString &path)
{
    return detail::loadDataFile(path, QStringLiteral("a masking file"), &parse);
}

const MaskingRules &MaskingRules::shipped()
{
    static const MaskingRules rules = detail::shippedDataFile(
        QStringLiteral(":/blastguard/masking/default.json"), "masking rules", &parse);
    return rules;
}

bool MaskingRules::isSecretName(QStringView name) const
{
    if (m_words.empty() && m_endings.empty())
        return false;
    // Most names are short and ASCII: split without a list of strings made for them (a rule's
    // words ask about a name for every resource they are filled in for).
    std::array<char16_t, AsciiRoom> lowered;
    AsciiWords ascii;
    if (qsizetype count = 0; asciiWords(name, lowered, ascii, &count))
        return holdsSequence(m_words, ascii, count, false)
            || holdsSequence(m_endings, ascii, count, true);
    const QStringList split = words(name);
    return holdsSequence(m_words, split, split.size(), false)
        || holdsSequence(m_endings, split, split.size(), true);
}

bool MaskingRules::isSecretText(const QString &text) const
{
    if (m_anySecret)
        return text.contains(*m_anySecret);
    if (m_parameters.isValid() && !m_parameters.pattern().isEmpty() && text.contains(m_parameters))
        return true;
    return std::any_of(m_values.begin(), m_values.end(),
        [&text](const QRegularExpression &pattern) { return text.contains(pattern); });
}

} // namespace bg::core
