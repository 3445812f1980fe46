// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/rules.h"

#include "core/asciitext.h"
#include "core/risk/rulesreader_p.h"

#include <algorithm>
#include <array>

namespace bg::core {

QString severityName(Severity severity)
{
    static const char *const names[] = {"info", "low", "medium", "high", "critical"};
    return QString::fromLatin1(names[int(severity)]);
}

std::optional<Severity> severityFromName(const QString &name)
{
    for (Severity s :
        {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
        if (severityName(s) == name)
            return s;
    }
    return std::nullopt;
}

const QStringList &severityNames()
{
    static const QStringList names = [] {
        QStringList out;
        for (Severity s :
            {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
            out.append(severityName(s));
        return out;
    }();
    return names;
}

QString outcomeKindName(OutcomeKind kind)
{
    static const char *const names[] = {"refused", "data_kept", "data_lost"};
    return QString::fromLatin1(names[int(kind)]);
}

const QStringList &categoryNames()
{
    static const QStringList names
        = {QStringLiteral("database"), QStringLiteral("snapshot"), QStringLiteral("storage"),
            QStringLiteral("key"), QStringLiteral("network"), QStringLiteral("compute"),
            QStringLiteral("identity"), QStringLiteral("dns"), QStringLiteral("other")};
    return names;
}

bool globMatch(QStringView pattern, QStringView text)
{
    // '*' matches any run of characters; iterative with one backtrack point.
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

Result<RuleSet> RuleSet::load(const QString &path)
{
    Result<StrictJson> file
        = StrictJson::read(path, files::smallFileLimit(QStringLiteral("a rules file")));
    if (!file)
        return file.error();
    Result<RuleSet> rules = detail::RulesReader::read(*file);
    if (rules)
        rules->m_sources.add(path, file->bytes());
    return rules;
}

Result<RuleSet> RuleSet::loadDefault()
{
    const QString name = QStringLiteral("rules/default.json");
    Result<QByteArray> bytes = shipped::bytes(name);
    if (!bytes)
        return bytes.error();
    Result<StrictJson> file
        = StrictJson::parse(*bytes, shipped::path(name), QStringLiteral("a rules file"));
    if (!file)
        return file.error();
    Result<RuleSet> rules = detail::RulesReader::read(*file);
    if (rules)
        rules->m_sources.add(QString(), *bytes);
    return rules;
}

Result<RuleSet> RuleSet::loadDefaultAnd(const QStringList &additions)
{
    Result<RuleSet> rules = loadDefault();
    for (const QString &path : additions) {
        if (!rules || path.isEmpty())
            continue;
        if (const Status added = rules->addFile(path); !added)
            return added.error();
    }
    return rules;
}

Result<RuleSet> RuleSet::loadDefaultAnd(const QString &addition)
{
    return loadDefaultAnd(QStringList {addition});
}

Status RuleSet::addFile(const QString &path)
{
    Result<StrictJson> file
        = StrictJson::read(path, files::smallFileLimit(QStringLiteral("a rules file")));
    if (!file)
        return file.error();
    Result<RuleSet> addition = detail::RulesReader::read(*file);
    if (!addition)
        return addition.error();
    if (!detail::RulesReader::onlyAdds(*file, *addition, *this))
        return file->error();
    addition->m_sources.add(path, file->bytes());
    merge(*addition);
    return {};
}

void RuleSet::merge(const RuleSet &other)
{
    for (auto it = other.m_exactCategories.begin(); it != other.m_exactCategories.end(); ++it)
        m_exactCategories.insert(it.key(), it.value());
    // After this set's globs: an addition's glob classifies only the types this set leaves in
    // "other", never moves one out of the category this set gives it.
    m_globCategories.insert(
        m_globCategories.end(), other.m_globCategories.begin(), other.m_globCategories.end());
    for (const QString &c : other.m_dataCategories) {
        if (!m_dataCategories.contains(c))
            m_dataCategories.append(c);
    }
    for (auto it = other.m_dataCategoryLoss.begin(); it != other.m_dataCategoryLoss.end(); ++it)
        m_dataCategoryLoss.insert(it.key(), it.value());
    m_secretPatterns += other.m_secretPatterns;
    for (const FindingRule &rule : other.m_findings) {
        auto same = std::find_if(m_findings.begin(), m_findings.end(),
            [&](const FindingRule &r) { return r.code == rule.code; });
        if (same != m_findings.end())
            *same = rule;
        else
            m_findings.push_back(rule);
    }
    // Only what the other file sets: a user file without "safety" keeps the default's values.
    if (other.m_missingStateMinCreates)
        m_missingStateMinCreates = other.m_missingStateMinCreates;
    m_sources.append(other.m_sources);
    m_categoryCache.clear();
}

QString RuleSet::category(const QString &type) const
{
    if (auto it = m_exactCategories.constFind(type); it != m_exactCategories.constEnd())
        return *it;
    if (auto it = m_categoryCache.constFind(type); it != m_categoryCache.constEnd())
        return *it;
    QString found = QStringLiteral("other");
    for (const auto &[glob, category] : m_globCategories) {
        if (globMatch(glob, type)) {
            found = category;
            break;
        }
    }
    m_categoryCache.insert(type, found);
    return found;
}

const FindingRule *RuleSet::finding(const QString &code) const
{
    auto it = std::find_if(
        m_findings.begin(), m_findings.end(), [&](const FindingRule &r) { return r.code == code; });
    return it == m_findings.end() ? nullptr : &*it;
}

bool RuleSet::isSecretName(QStringView attributeName) const
{
    // Qt's case-insensitive search folds the case of each character at each place it tries.
    // Where the name and a pattern are both ASCII, both are lowered once and searched as they
    // are: the same answer, as an ASCII letter's case folding is its lower case. Anything else
    // (a name or pattern with a character that folds to ASCII, KELVIN SIGN to k) is Qt's.
    std::array<char16_t, 128> name, pattern;
    const bool nameAscii = asciiLower(attributeName, name);
    const QStringView lowered(name.data(), nameAscii ? attributeName.size() : 0);
    for (const QString &p : m_secretPatterns) {
        const bool found = nameAscii && asciiLower(p, pattern)
            ? lowered.contains(QStringView(pattern.data(), p.size()))
            : attributeName.contains(p, Qt::CaseInsensitive);
        if (found)
            return true;
    }
    return false;
}

} // namespace bg::core
