// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The protection catalog (resources/protections/default.json) and its loader.
#include "protections.h"

#include "loader.h"
#include "resourcelocator.h"
#include "safety.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace bg::core {

namespace {

std::optional<ProtectionEffect> effectFrom(const QString &name)
{
    for (auto e : {ProtectionEffect::BlocksDelete, ProtectionEffect::KeepsData,
             ProtectionEffect::StopsPlan, ProtectionEffect::StopsOnWarning}) {
        if (protectionEffectName(e) == name)
            return e;
    }
    return std::nullopt;
}

// Reads one catalog strictly; the first problem wins and names where it is.
class CatalogReader {
public:
    QString problem;

    bool onlyMembers(const QJsonObject &o, const QString &where, const QStringList &allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!allowed.contains(it.key()))
                return fail(QStringLiteral("%1: unknown member \"%2\" (known here: %3)")
                                .arg(where, it.key(), allowed.join(QStringLiteral(", "))));
        }
        return true;
    }
    bool text(const QJsonObject &o, const QString &key, const QString &where, QString *out)
    {
        const QJsonValue v = o.value(key);
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return fail(QStringLiteral("%1: \"%2\" must be a non-empty string").arg(where, key));
        *out = v.toString();
        return true;
    }
    bool strings(const QJsonObject &o, const QString &key, const QString &where, QStringList *out)
    {
        const QJsonValue v = o.value(key);
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.isEmpty())
            return fail(
                QStringLiteral("%1: \"%2\" must be a non-empty list of strings").arg(where, key));
        for (const QJsonValue &s : a) {
            if (!s.isString() || s.toString().trimmed().isEmpty())
                return fail(QStringLiteral("%1: \"%2\" holds an empty or non-string entry")
                                .arg(where, key));
            out->append(s.toString());
        }
        return true;
    }
    // Every one of `values` is in `known`; `what` names one ("category").
    bool allKnown(
        const QStringList &values, const QStringList &known, const QString &where, const char *what)
    {
        for (const QString &v : values) {
            if (!known.contains(v))
                return fail(
                    QStringLiteral("%1: unknown %2 \"%3\" (known: %4)")
                        .arg(where, QLatin1String(what), v, known.join(QStringLiteral(", "))));
        }
        return true;
    }
    bool fail(const QString &message)
    {
        if (problem.isEmpty())
            problem = message;
        return false;
    }

    bool setting(const QJsonObject &o, const QString &where, AttributeOverride *out)
    {
        if (!onlyMembers(o, where,
                {QStringLiteral("types"), QStringLiteral("attribute"), QStringLiteral("value")})
            || !strings(o, QStringLiteral("types"), where, &out->types)
            || !text(o, QStringLiteral("attribute"), where, &out->attribute))
            return false;
        if (out->attribute.contains(QLatin1Char('.')))
            return fail(
                QStringLiteral("%1: \"attribute\" must be a top-level attribute name, not a path")
                    .arg(where));
        const QJsonValue value = o.value(QStringLiteral("value"));
        if (!value.isBool() && !value.isDouble() && !value.isString())
            return fail(QStringLiteral("%1: \"value\" must be true, false, a number or a string")
                            .arg(where));
        out->value = value;
        return true;
    }

    bool protection(const QJsonObject &o, const QString &where, Protection *p)
    {
        // The members one effect or another reads.
        static const QStringList effectMembers
            = {QStringLiteral("sets"), QStringLiteral("data_stores"), QStringLiteral("categories"),
                QStringLiteral("warnings")};
        QString effect;
        if (!onlyMembers(o, where,
                QStringList {QStringLiteral("id"), QStringLiteral("title"),
                    QStringLiteral("explanation"), QStringLiteral("effect")}
                    + effectMembers)
            || !text(o, QStringLiteral("title"), where, &p->title)
            || !text(o, QStringLiteral("explanation"), where, &p->explanation)
            || !text(o, QStringLiteral("effect"), where, &effect))
            return false;
        const auto e = effectFrom(effect);
        if (!e)
            return fail(QStringLiteral("%1: unknown effect \"%2\" (blocks-delete, keeps-data, "
                                       "stops-plan or stops-on-warning)")
                            .arg(where, effect));
        p->effect = *e;
        // Each effect reads its own members and no other: a member that would be ignored is
        // an error, not a silent no-op.
        QStringList own;
        switch (p->effect) {
        case ProtectionEffect::BlocksDelete:
        case ProtectionEffect::KeepsData:
            own = {QStringLiteral("sets")};
            break;
        case ProtectionEffect::StopsPlan:
            own = {QStringLiteral("data_stores"), QStringLiteral("categories")};
            break;
        case ProtectionEffect::StopsOnWarning:
            own = {QStringLiteral("warnings")};
            break;
        }
        for (const QString &key : effectMembers) {
            if (o.contains(key) && !own.contains(key))
                return fail(QStringLiteral("%1: \"%2\" does not apply to effect %3 (it reads %4)")
                                .arg(where, key, effect, own.join(QStringLiteral(" or "))));
        }
        switch (p->effect) {
        case ProtectionEffect::BlocksDelete:
        case ProtectionEffect::KeepsData: {
            const QJsonArray sets = o.value(QStringLiteral("sets")).toArray();
            if (!o.value(QStringLiteral("sets")).isArray() || sets.isEmpty())
                return fail(QStringLiteral("%1: \"sets\" must be a non-empty list").arg(where));
            for (qsizetype i = 0; i < sets.size(); ++i) {
                const QString at = QStringLiteral("%1, sets[%2]").arg(where, QString::number(i));
                if (!sets[i].isObject())
                    return fail(QStringLiteral("%1: must be an object").arg(at));
                AttributeOverride setting;
                if (!this->setting(sets[i].toObject(), at, &setting))
                    return false;
                p->sets.push_back(std::move(setting));
            }
            return true;
        }
        case ProtectionEffect::StopsPlan:
            if (o.contains(QStringLiteral("data_stores"))
                == o.contains(QStringLiteral("categories")))
                return fail(QStringLiteral("%1: stops-plan needs either \"data_stores\": true or "
                                           "\"categories\"")
                                .arg(where));
            if (o.contains(QStringLiteral("data_stores"))) {
                if (o.value(QStringLiteral("data_stores")) != QJsonValue(true))
                    return fail(QStringLiteral("%1: \"data_stores\" can only be true").arg(where));
                p->dataStores = true;
                return true;
            }
            return strings(o, QStringLiteral("categories"), where, &p->categories)
                && allKnown(p->categories, categoryNames(), where, "category");
        case ProtectionEffect::StopsOnWarning:
            // A protection naming a code core/safety.cpp never raises could never act.
            return strings(o, QStringLiteral("warnings"), where, &p->warnings)
                && allKnown(p->warnings, warningCodes(), where, "warning code");
        }
        return true;
    }
};

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

std::optional<ProtectionSet> ProtectionSet::load(const QString &path, LoadError *error)
{
    auto fail = [&](const QString &message, int line = 0, int column = 0) {
        if (error)
            *error = LoadError {path, line, column, message};
        return std::nullopt;
    };
    const detail::JsonFile file
        = detail::readJsonFile(path, QStringLiteral("cannot read the protections"),
            QStringLiteral("malformed protections file"));
    if (file.error)
        return fail(file.error->message, file.error->line, file.error->column);
    const QJsonObject root = file.document.object();
    if (!file.document.isObject() || root.value(QStringLiteral("schema")) != QLatin1String(Schema))
        return fail(QStringLiteral("not a protections file: \"schema\" must be \"%1\"")
                        .arg(QLatin1String(Schema)));
    CatalogReader r;
    if (!r.onlyMembers(root, QStringLiteral("the file"),
            {QStringLiteral("schema"), QStringLiteral("description"),
                QStringLiteral("protections")}))
        return fail(r.problem);
    const QJsonArray list = root.value(QStringLiteral("protections")).toArray();
    if (list.isEmpty())
        return fail(QStringLiteral("\"protections\" must be a non-empty list"));

    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    ProtectionSet set;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list[i].toObject();
        Protection p;
        p.id = o.value(QStringLiteral("id")).toString();
        const QString where = QStringLiteral("protection %1 (%2)").arg(i + 1).arg(p.id);
        if (!list[i].isObject())
            return fail(QStringLiteral("protection %1: must be an object").arg(i + 1));
        if (!idPattern.match(p.id).hasMatch())
            return fail(where
                + QStringLiteral(": \"id\" must be lower-case words joined by '-', "
                                 "e.g. \"deletion-protection\""));
        if (set.find(p.id))
            return fail(where + QStringLiteral(": the id \"%1\" is used twice").arg(p.id));
        if (!r.protection(o, where, &p))
            return fail(r.problem);
        set.m_protections.push_back(std::move(p));
    }
    return set;
}

std::optional<ProtectionSet> ProtectionSet::loadDefault(LoadError *error)
{
    const QString path = ResourceLocator::find(QStringLiteral("protections/default.json"));
    if (path.isEmpty()) {
        if (error)
            *error = LoadError {QStringLiteral("protections/default.json"), 0, 0,
                QStringLiteral("the default protections were not found; looked in %1")
                    .arg(ResourceLocator::searchPath().join(QStringLiteral(", ")))};
        return std::nullopt;
    }
    return load(path, error);
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
