// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/estate/linkrules.h"

#include "core/loading/strictjson.h"

#include <QFile>

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
        const auto regex = o->string(QStringLiteral("regex"), Need::Required);
        if (!kind || !regex || !file.unique(*kind, o->at(QStringLiteral("kind")), kinds))
            return file.error();
        QRegularExpression compiled(*regex, QRegularExpression::CaseInsensitiveOption);
        if (!compiled.isValid()) {
            file.fail(o->at(QStringLiteral("regex")),
                QStringLiteral("%1 is not a regular expression: %2 at offset %3")
                    .arg(StrictJson::quoted(o->at(QStringLiteral("regex"))), compiled.errorString())
                    .arg(compiled.patternErrorOffset()));
            return file.error();
        }
        compiled.optimize();
        rules.m_generic.push_back(Generic {*kind, std::move(compiled)});
    }
    return rules;
}

Result<LinkRules> LinkRules::load(const QString &path)
{
    Result<QByteArray> bytes
        = StrictJson::readBytes(path, files::smallFileLimit(QStringLiteral("a links file")));
    if (!bytes)
        return bytes.error();
    return parse(std::move(bytes).value(), path);
}

const LinkRules &LinkRules::shipped()
{
    // Compiled into this binary (core/CMakeLists.txt): read with QFile, not files::readFile.
    static const LinkRules rules = [] {
        QFile file(QStringLiteral(":/blastguard/estate/links.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal(
                "Blastguard was built without its link rules (%s)", qPrintable(file.errorString()));
        Result<LinkRules> read = parse(file.readAll(), file.fileName());
        if (!read)
            qFatal("Blastguard's built-in link rules are broken: %s",
                qPrintable(read.error().toString()));
        return std::move(read).value();
    }();
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
