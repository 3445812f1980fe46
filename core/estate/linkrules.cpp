// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/estate/linkrules.h"

#include "core/loading/datafile_p.h"
#include "core/loading/strictjson.h"

namespace bg::core {

using detail::JsonPath;
using detail::operator+;

namespace {

QRegularExpression globExpression(const QString &glob)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(
        QRegularExpression::escape(glob).replace(QStringLiteral("\\*"), QStringLiteral(".*"))));
}

} // namespace

Result<LinkRules> LinkRules::parse(QByteArray bytes, const QString &path)
{
    Result<StrictJson> parsed
        = StrictJson::parse(std::move(bytes), path, QStringLiteral("a links file"));
    if (!parsed)
        return parsed.error();
    StrictJson &file = *parsed;
    auto root = file.root(QLatin1String(Schema),
        {QStringLiteral("schema"), QStringLiteral("description"),
            QStringLiteral("identity_attributes"), QStringLiteral("ignored_types"),
            QStringLiteral("remote_state_type"), QStringLiteral("min_length"),
            QStringLiteral("generic_values"), QStringLiteral("generic_patterns")});
    if (!root || !root->string(QStringLiteral("description"), Need::Optional, Empty::Allowed))
        return file.error();

    LinkRules rules;
    const auto identity
        = root->strings(QStringLiteral("identity_attributes"), Need::Required, Empty::Refused);
    const auto ignored
        = root->strings(QStringLiteral("ignored_types"), Need::Required, Empty::Allowed);
    const auto remoteState = root->string(QStringLiteral("remote_state_type"), Need::Required);
    const auto minLength = root->number(
        QStringLiteral("min_length"), NumberRange {1, false, 1000, true}, Need::Required);
    const auto values
        = root->strings(QStringLiteral("generic_values"), Need::Required, Empty::Allowed);
    if (!identity || !ignored || !remoteState || !minLength || !values)
        return file.error();
    rules.m_identityAttributes = *identity;
    for (const QString &glob : *ignored)
        rules.m_ignoredTypes.push_back(globExpression(glob));
    rules.m_remoteStateType = *remoteState;
    rules.m_minLength = int(*minLength);
    for (const QString &value : *values)
        rules.m_values.insert(value.toLower());

    const QString patternsKey = QStringLiteral("generic_patterns");
    const auto patterns = root->list(patternsKey, Need::Required, Empty::Allowed);
    if (!patterns)
        return file.error();
    QHash<QString, JsonPath> kinds;
    for (qsizetype i = 0; i < patterns->size(); ++i) {
        auto o = file.object(patterns->at(i), root->at(patternsKey) + i);
        if (!o || !o->onlyMembers({QStringLiteral("kind"), QStringLiteral("regex")}))
            return file.error();
        const auto kind = o->string(QStringLiteral("kind"), Need::Required);
        auto compiled
            = kind ? detail::regexMember(file, *o, QStringLiteral("regex")) : std::nullopt;
        if (!compiled || !file.unique(*kind, o->at(QStringLiteral("kind")), kinds))
            return file.error();
        rules.m_generic.push_back(Generic {*kind, std::move(*compiled)});
    }
    return rules;
}

Result<LinkRules> LinkRules::load(const QString &path)
{
    return detail::loadDataFile(path, QStringLiteral("a links file"), &parse);
}

const LinkRules &LinkRules::shipped()
{
    static const LinkRules rules = detail::shippedDataFile(
        QStringLiteral(":/blastguard/estate/links.json"), "link rules", &parse);
    return rules;
}

bool LinkRules::isIgnoredType(const QString &type) const
{
    return std::any_of(m_ignoredTypes.begin(), m_ignoredTypes.end(),
        [&type](const QRegularExpression &glob) { return glob.match(type).hasMatch(); });
}

QString LinkRules::genericKind(const QString &value) const
{
    if (value.size() < m_minLength)
        return QStringLiteral("shorter than %1 characters").arg(m_minLength);
    if (m_values.contains(value.toLower()))
        return QStringLiteral("generic word");
    for (const Generic &g : m_generic) {
        if (g.pattern.match(value).hasMatch())
            return g.kind;
    }
    return {};
}

} // namespace bg::core
