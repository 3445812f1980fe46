// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy.h"

#include "jsonpositions.h"
#include "loader.h"
#include "resourcelocator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace bg::core {

namespace {

// Reads a policy file strictly. QJsonDocument gives no positions for values, so an error about
// a value points at its key, found by following the keys of its path (jsonpositions.h): the
// message names the field exactly, the position is a pointer to it.
class StrictReader {
public:
    StrictReader(const QString &path, const QByteArray &bytes)
        : m_path(path)
        , m_bytes(bytes)
    {
    }
    bool failed() const { return m_error.has_value(); }
    LoadError error() const { return *m_error; }

    void fail(const QStringList &keys, const QString &message)
    {
        if (m_error)
            return;
        LoadError error {m_path, 0, 0, message};
        detail::jsonPathPosition(
            m_bytes, detail::JsonPath(keys.begin(), keys.end()), &error.line, &error.column);
        m_error = error;
    }
    // Every key of `o` must be one of `allowed`.
    void onlyKeys(const QJsonObject &o, const QStringList &prefix, const QStringList &allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!allowed.contains(it.key())) {
                const QString where = (prefix + QStringList {it.key()}).join(QLatin1Char('.'));
                fail(prefix + QStringList {it.key()},
                    QStringLiteral("unknown field \"%1\" (known here: %2)")
                        .arg(where, allowed.join(QStringLiteral(", "))));
            }
        }
    }
    // A list of non-empty strings at `keys` (the last key within `o`).
    QStringList strings(const QJsonObject &o, const QStringList &keys)
    {
        const QString where = keys.join(QLatin1Char('.'));
        const QJsonValue v = o.value(keys.last());
        if (!v.isArray()) {
            fail(keys, QStringLiteral("\"%1\" must be a list of strings").arg(where));
            return {};
        }
        QStringList out;
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isString() || a[i].toString().trimmed().isEmpty()) {
                fail(keys,
                    QStringLiteral("\"%1[%2]\" must be a non-empty string")
                        .arg(where, QString::number(i)));
                return {};
            }
            out.append(a[i].toString());
        }
        return out;
    }

private:
    QString m_path;
    const QByteArray &m_bytes;
    std::optional<LoadError> m_error;
};

void readProtected(StrictReader &r, const QJsonObject &root, Policy &p)
{
    const QString key = QStringLiteral("protected");
    if (!root.contains(key))
        return;
    if (!root.value(key).isObject())
        return r.fail({key}, QStringLiteral("\"protected\" must be an object"));
    const QJsonObject o = root.value(key).toObject();
    r.onlyKeys(o, {key},
        {QStringLiteral("categories"), QStringLiteral("types"), QStringLiteral("addresses")});
    if (o.contains(QStringLiteral("categories"))) {
        p.protectedCategories = r.strings(o, {key, QStringLiteral("categories")});
        for (const QString &c : std::as_const(p.protectedCategories)) {
            if (!categoryNames().contains(c))
                r.fail({key, QStringLiteral("categories")},
                    QStringLiteral(
                        "unknown category \"%1\" in \"protected.categories\" (known: %2)")
                        .arg(c, categoryNames().join(QStringLiteral(", "))));
        }
    }
    if (o.contains(QStringLiteral("types")))
        p.protectedTypes = r.strings(o, {key, QStringLiteral("types")});
    if (o.contains(QStringLiteral("addresses")))
        p.protectedAddresses = r.strings(o, {key, QStringLiteral("addresses")});
}

void readCriticalFindings(StrictReader &r, const QJsonObject &root, Policy &p)
{
    const QString key = QStringLiteral("critical_findings");
    if (!root.contains(key))
        return;
    if (!root.value(key).isObject())
        return r.fail({key}, QStringLiteral("\"critical_findings\" must be an object"));
    const QJsonObject o = root.value(key).toObject();
    r.onlyKeys(o, {key}, {QStringLiteral("severities"), QStringLiteral("codes")});
    if (o.contains(QStringLiteral("severities"))) {
        QList<Severity> severities;
        for (const QString &name : r.strings(o, {key, QStringLiteral("severities")})) {
            const auto s = severityFromName(name);
            if (!s)
                r.fail({key, QStringLiteral("severities")},
                    QStringLiteral("unknown severity \"%1\" in \"critical_findings.severities\" "
                                   "(info, low, medium, high or critical)")
                        .arg(name));
            else if (!severities.contains(*s))
                severities.append(*s);
        }
        // A policy adds to what blocks; it never lets a critical finding through unapproved.
        if (!r.failed() && !severities.contains(Severity::Critical))
            r.fail({key, QStringLiteral("severities")},
                QStringLiteral(
                    "\"critical_findings.severities\" must include \"critical\": a policy can add "
                    "to what needs an approval, never take critical findings away"));
        p.criticalSeverities = severities;
    }
    if (o.contains(QStringLiteral("codes")))
        p.criticalCodes = r.strings(o, {key, QStringLiteral("codes")});
}

// "30 hours", "1.5 hours", "3.2 days": one decimal at most.
QString hours(double h)
{
    const bool days = h >= 48;
    const double value = std::round((days ? h / 24 : h) * 10) / 10;
    const QString number = QString::number(value, 'f', value == std::floor(value) ? 0 : 1);
    return number
        + (days              ? QStringLiteral(" days")
                : value == 1 ? QStringLiteral(" hour")
                             : QStringLiteral(" hours"));
}

} // namespace

std::optional<Policy> Policy::load(const QString &path, LoadError *error, const Policy &base)
{
    auto fail = [&](const LoadError &e) -> std::optional<Policy> {
        if (error)
            *error = e;
        return std::nullopt;
    };
    const detail::JsonFile file = detail::readJsonFile(
        path, QStringLiteral("cannot read the policy"), QStringLiteral("malformed policy"));
    if (file.error)
        return fail(*file.error);
    if (!file.document.isObject())
        return fail({path, 1, 1, QStringLiteral("a policy must be a JSON object")});

    const QJsonObject root = file.document.object();
    StrictReader r(path, file.bytes);
    const QJsonValue schema = root.value(QStringLiteral("schema"));
    if (!schema.isString())
        r.fail({QStringLiteral("schema")},
            QStringLiteral("not a policy: \"schema\" must be \"%1\"").arg(QLatin1String(Schema)));
    else if (schema.toString() != QLatin1String(Schema))
        r.fail({QStringLiteral("schema")},
            QStringLiteral("unknown policy schema \"%1\" (this version reads %2)")
                .arg(schema.toString(), QLatin1String(Schema)));
    r.onlyKeys(root, {},
        {QStringLiteral("schema"), QStringLiteral("description"), QStringLiteral("protected"),
            QStringLiteral("critical_findings"), QStringLiteral("max_approval_age_hours")});
    if (root.contains(QStringLiteral("description"))
        && !root.value(QStringLiteral("description")).isString())
        r.fail({QStringLiteral("description")}, QStringLiteral("\"description\" must be a string"));

    Policy p = base;
    readProtected(r, root, p);
    readCriticalFindings(r, root, p);
    const QString age = QStringLiteral("max_approval_age_hours");
    if (root.contains(age)) {
        const QJsonValue v = root.value(age);
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() <= 0)
            r.fail({age},
                QStringLiteral(
                    "\"max_approval_age_hours\" must be a number of hours greater than 0"));
        else
            p.maxApprovalAgeHours = v.toDouble();
    }
    if (r.failed())
        return fail(r.error());
    p.sources.append(path);
    return p;
}

std::optional<Policy> Policy::load(const QString &path, LoadError *error)
{
    return load(path, error, Policy());
}

std::optional<Policy> Policy::loadDefault(LoadError *error)
{
    const QString path = ResourceLocator::find(QStringLiteral("policy/default.json"));
    if (path.isEmpty()) {
        if (error)
            *error = LoadError {QStringLiteral("policy/default.json"), 0, 0,
                QStringLiteral("the default policy was not found; looked in %1")
                    .arg(ResourceLocator::searchPath().join(QStringLiteral(", ")))};
        return std::nullopt;
    }
    return load(path, error);
}

QStringList Policy::unknownCodes(const RuleSet &rules) const
{
    QStringList unknown;
    for (const QString &code : criticalCodes) {
        const bool known = code == QLatin1String(ProtectedCode)
            || std::any_of(rules.findings().begin(), rules.findings().end(),
                [&](const FindingRule &rule) { return rule.code == code; });
        if (!known)
            unknown.append(code);
    }
    return unknown;
}

bool Policy::countsAsCritical(const Finding &finding) const
{
    return finding.severity == Severity::Critical || criticalSeverities.contains(finding.severity)
        || criticalCodes.contains(finding.code);
}

QString Policy::protection(const Resource &r, const QString &category) const
{
    // An address pattern matches the instance address (module.app["a"].aws_x.y[0]) or the
    // configuration address without keys (module.app.aws_x.y), so `module.prod.*` covers
    // every instance of module prod.
    const QString instance = r.address.instanceString();
    const QString config = r.address.configString();
    for (const QString &glob : protectedAddresses) {
        if (globMatch(glob, instance) || globMatch(glob, config))
            return QStringLiteral("address pattern %1").arg(glob);
    }
    for (const QString &glob : protectedTypes) {
        if (globMatch(glob, r.address.type))
            return QStringLiteral("type pattern %1").arg(glob);
    }
    if (protectedCategories.contains(category))
        return QStringLiteral("category %1").arg(category);
    return {};
}

void applyPolicy(Analysis &a, const Policy &policy)
{
    for (Finding &f : a.findings) {
        if (f.severity != Severity::Critical && policy.countsAsCritical(f)) {
            f.severity = Severity::Critical;
            f.message += QStringLiteral(" (The policy counts this finding as critical.)");
        }
    }
    std::vector<bool> done(a.document().resources.size(), false);
    for (const Finding &f : a.findings) {
        if (f.code == QLatin1String(Policy::ProtectedCode) && f.node >= 0)
            done[f.node] = true; // applied before: never twice
    }
    for (int i = 0; i < int(a.document().resources.size()); ++i) {
        if (done[i] || !a.impact.destroys(i))
            continue;
        const Resource &r = a.document().resources[i];
        const QString why = policy.protection(r, a.categories[i]);
        if (why.isEmpty())
            continue;
        const bool replaced = a.impact.actions[i] == Action::Replace;
        const QString verb = a.mode == AnalysisMode::WhatIf ? QStringLiteral("would destroy it")
            : replaced ? QStringLiteral("replaces it, destroying the object that exists now")
                       : QStringLiteral("deletes it");
        a.findings.push_back({Severity::Critical, QLatin1String(Policy::ProtectedCode), i, r.id,
            QStringLiteral("%1 is protected by the policy (%2), and this plan %3: "
                           "destroying a protected resource needs a reviewer's approval.")
                .arg(r.id, why, verb)});
    }
    std::stable_sort(a.findings.begin(), a.findings.end(), [](const Finding &x, const Finding &y) {
        if (x.severity != y.severity)
            return x.severity > y.severity;
        return x.node < y.node;
    });
}

QStringList approvalAgeMismatches(
    const QDateTime &approvedAt, const Policy &policy, const QDateTime &now)
{
    if (!approvedAt.isValid())
        return {QStringLiteral("the approval has no valid time")};
    constexpr qint64 ClockSkewSeconds = 300;
    const qint64 age = approvedAt.secsTo(now);
    const QString when = approvedAt.toUTC().toString(Qt::ISODate);
    if (age < -ClockSkewSeconds)
        return {QStringLiteral(
            "the approval is dated in the future (%1, now %2): a wrong clock or an edited record")
                    .arg(when, now.toUTC().toString(Qt::ISODate))};
    if (policy.maxApprovalAgeHours > 0 && double(age) > policy.maxApprovalAgeHours * 3600.0)
        return {QStringLiteral(
            "the approval expired: it was given at %1, %2 ago, and the policy accepts approvals "
            "at most %3 old")
                    .arg(when, hours(double(age) / 3600.0), hours(policy.maxApprovalAgeHours))};
    return {};
}

} // namespace bg::core
