// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The protection catalog (resources/protections/default.json) and its loader.
#include "core/review/protections.h"

#include "core/loading/strictjson.h"
#include "core/resourcelocator.h"
#include "core/risk/safety.h"

#include <QRegularExpression>
#include <array>

namespace bg::core {

namespace {

using detail::JsonPath;
using detail::operator+;

const std::array Effects = {ProtectionEffect::BlocksDelete, ProtectionEffect::KeepsData,
    ProtectionEffect::StopsPlan, ProtectionEffect::StopsOnWarning};

// What a protection sets on the types it covers: blocks-delete and keeps-data.
std::optional<AttributeOverride> setting(
    StrictJson &file, const QJsonValue &value, const JsonPath &at)
{
    auto o = file.object(value, at);
    if (!o
        || !o->onlyMembers(
            {QStringLiteral("types"), QStringLiteral("attribute"), QStringLiteral("value")}))
        return std::nullopt;
    const auto types = o->strings(QStringLiteral("types"), Need::Required, Empty::Refused);
    const auto attribute = o->string(QStringLiteral("attribute"), Need::Required);
    if (!types || !attribute)
        return std::nullopt;
    if (attribute->contains(QLatin1Char('.'))) {
        file.mustBe(o->at(QStringLiteral("attribute")),
            QStringLiteral("a top-level attribute name, not a path"));
        return std::nullopt;
    }
    const QJsonValue v = o->value(QStringLiteral("value"));
    if (!v.isBool() && !v.isDouble() && !v.isString()) {
        file.mustBe(
            o->at(QStringLiteral("value")), QStringLiteral("true, false, a number or a string"));
        return std::nullopt;
    }
    return AttributeOverride {*types, *attribute, v};
}

// The members of one effect. Each effect reads its own members and no other: a member that
// would be ignored is an error, not a silent no-op.
bool effectMembers(StrictJson &file, StrictObject &o, Protection &p)
{
    static const QStringList all = {QStringLiteral("sets"), QStringLiteral("data_stores"),
        QStringLiteral("categories"), QStringLiteral("warnings")};
    const QStringList own = p.effect == ProtectionEffect::StopsPlan
        ? QStringList {QStringLiteral("data_stores"), QStringLiteral("categories")}
        : p.effect == ProtectionEffect::StopsOnWarning ? QStringList {QStringLiteral("warnings")}
                                                       : QStringList {QStringLiteral("sets")};
    for (const QString &key : all) {
        if (o.contains(key) && !own.contains(key))
            return file.fail(o.at(key),
                QStringLiteral("%1 does not apply to effect %2 (it reads %3)")
                    .arg(StrictJson::quoted(o.at(key)), protectionEffectName(p.effect),
                        own.join(QStringLiteral(" or "))));
    }
    switch (p.effect) {
    case ProtectionEffect::BlocksDelete:
    case ProtectionEffect::KeepsData: {
        const auto sets = o.list(QStringLiteral("sets"), Need::Required, Empty::Refused);
        for (qsizetype i = 0; sets && i < sets->size(); ++i) {
            auto s = setting(file, sets->at(i), o.at(QStringLiteral("sets")) + i);
            if (!s)
                return false;
            p.sets.push_back(std::move(*s));
        }
        return sets.has_value();
    }
    case ProtectionEffect::StopsPlan: {
        if (o.contains(QStringLiteral("data_stores")) == o.contains(QStringLiteral("categories")))
            return file.fail(o.path(),
                QStringLiteral("%1 (stops-plan) needs either \"data_stores\": true or "
                               "\"categories\"")
                    .arg(StrictJson::quoted(o.path())));
        if (o.contains(QStringLiteral("data_stores"))) {
            if (o.value(QStringLiteral("data_stores")) != QJsonValue(true))
                return file.mustBe(o.at(QStringLiteral("data_stores")), QStringLiteral("true"));
            p.dataStores = true;
            return true;
        }
        const auto categories = o.strings(QStringLiteral("categories"), Need::Required,
            Empty::Refused, Empty::Refused, categoryNames());
        p.categories = categories.value_or(QStringList());
        return categories.has_value();
    }
    case ProtectionEffect::StopsOnWarning: {
        // A protection naming a code core/safety.cpp never raises could never act.
        const auto warnings = o.strings(QStringLiteral("warnings"), Need::Required, Empty::Refused,
            Empty::Refused, warningCodes());
        p.warnings = warnings.value_or(QStringList());
        return warnings.has_value();
    }
    }
    return true;
}

std::optional<Protection> protection(
    StrictJson &file, const QJsonValue &value, const JsonPath &at, QHash<QString, JsonPath> &ids)
{
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    auto o = file.object(value, at);
    if (!o
        || !o->onlyMembers(
            {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("explanation"),
                QStringLiteral("effect"), QStringLiteral("sets"), QStringLiteral("data_stores"),
                QStringLiteral("categories"), QStringLiteral("warnings")}))
        return std::nullopt;
    const auto id = o->string(QStringLiteral("id"), Need::Required);
    if (!id)
        return std::nullopt;
    if (!idPattern.match(*id).hasMatch()) {
        file.mustBe(o->at(QStringLiteral("id")),
            QStringLiteral("lower-case words joined by '-', e.g. \"deletion-protection\""));
        return std::nullopt;
    }
    if (!file.unique(*id, o->at(QStringLiteral("id")), ids))
        return std::nullopt;
    QStringList effects;
    for (ProtectionEffect e : Effects)
        effects.append(protectionEffectName(e));
    const auto title = o->string(QStringLiteral("title"), Need::Required);
    const auto explanation = o->string(QStringLiteral("explanation"), Need::Required);
    const auto effect = o->name(QStringLiteral("effect"), effects, Need::Required);
    if (!title || !explanation || !effect)
        return std::nullopt;
    Protection p;
    p.id = *id;
    p.title = *title;
    p.explanation = *explanation;
    p.effect = Effects[effects.indexOf(*effect)];
    if (!effectMembers(file, *o, p))
        return std::nullopt;
    return p;
}

} // namespace

QString protectionEffectName(ProtectionEffect effect)
{
    static const char *const names[]
        = {"blocks-delete", "keeps-data", "stops-plan", "stops-on-warning"};
    return QString::fromLatin1(names[int(effect)]);
}

const AttributeOverride *Protection::settingFor(const QString &type) const
{
    for (const AttributeOverride &s : sets) {
        if (std::any_of(s.types.begin(), s.types.end(),
                [&](const QString &glob) { return globMatch(glob, type); }))
            return &s;
    }
    return nullptr;
}

Result<ProtectionSet> ProtectionSet::load(const QString &path)
{
    Result<StrictJson> file
        = StrictJson::read(path, files::smallFileLimit(QStringLiteral("a protections file")));
    if (!file)
        return file.error();
    auto root = file->root(QLatin1String(Schema),
        {QStringLiteral("schema"), QStringLiteral("description"), QStringLiteral("protections")});
    const auto list = root
        ? root->list(QStringLiteral("protections"), Need::Required, Empty::Refused)
        : std::nullopt;
    if (!list)
        return file->error();
    ProtectionSet set;
    QHash<QString, JsonPath> ids;
    for (qsizetype i = 0; i < list->size(); ++i) {
        auto p = protection(*file, list->at(i), {QStringLiteral("protections"), i}, ids);
        if (!p)
            return file->error();
        set.m_protections.push_back(std::move(*p));
    }
    return set;
}

Result<ProtectionSet> ProtectionSet::loadDefault()
{
    return ResourceLocator::load(QStringLiteral("protections/default.json"),
        QStringLiteral("the default protections"), &load);
}

const Protection *ProtectionSet::find(const QString &id) const
{
    for (const Protection &p : m_protections) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

QStringList ProtectionSet::ids() const
{
    QStringList out;
    for (const Protection &p : m_protections)
        out.append(p.id);
    return out;
}

} // namespace bg::core
