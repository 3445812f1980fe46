// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/gate/policy.h"

#include "core/loading/strictjson.h"
#include "core/resourcelocator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace bg::core {

namespace {

// Each member the file gives replaces the base's; the lists are members of their own.
void readProtected(StrictObject &root, Policy &p)
{
    auto o = root.object(QStringLiteral("protected"), Need::Optional);
    if (!o
        || !o->onlyMembers(
            {QStringLiteral("categories"), QStringLiteral("types"), QStringLiteral("addresses")}))
        return;
    for (auto [key, target] :
        {std::pair {"categories", &p.protectedCategories}, std::pair {"types", &p.protectedTypes},
            std::pair {"addresses", &p.protectedAddresses}}) {
        const QString name = QLatin1String(key);
        if (!o->contains(name))
            continue;
        const bool categories = target == &p.protectedCategories;
        if (auto list = o->strings(name, Need::Required, Empty::Allowed, Empty::Refused,
                categories ? categoryNames() : QStringList()))
            *target = *list;
    }
}

void readCriticalFindings(StrictJson &file, StrictObject &root, Policy &p)
{
    auto o = root.object(QStringLiteral("critical_findings"), Need::Optional);
    if (!o || !o->onlyMembers({QStringLiteral("severities"), QStringLiteral("codes")}))
        return;
    const QString severitiesKey = QStringLiteral("severities");
    if (o->contains(severitiesKey)) {
        const auto names = o->strings(
            severitiesKey, Need::Required, Empty::Allowed, Empty::Refused, severityNames());
        if (!names)
            return;
        QList<Severity> severities;
        for (const QString &name : *names) {
            if (!severities.contains(*severityFromName(name)))
                severities.append(*severityFromName(name));
        }
        // A policy adds to what blocks; it never lets a critical finding through unapproved.
        if (!severities.contains(Severity::Critical)) {
            file.fail(o->at(severitiesKey),
                QStringLiteral("%1 must include \"critical\": a policy can add to what needs an "
                               "approval, never take critical findings away")
                    .arg(StrictJson::quoted(o->at(severitiesKey))));
            return;
        }
        p.criticalSeverities = severities;
    }
    if (o->contains(QStringLiteral("codes"))) {
        if (auto codes = o->strings(QStringLiteral("codes"), Need::Required))
            p.criticalCodes = *codes;
    }
}

// "terraform": the program `apply` runs, named by its absolute path, never looked up on a PATH.
void readTerraformProgram(StrictJson &file, StrictObject &root, Policy &p)
{
    const QString key = QStringLiteral("terraform");
    if (!root.contains(key))
        return;
    const auto program = root.string(key, Need::Required);
    if (!program)
        return;
    if (!program->startsWith(QLatin1Char('/'))) {
        file.fail(root.at(key),
            QStringLiteral("%1 must be an absolute path (/usr/bin/terraform), not \"%2\": a "
                           "program name would be looked up on a PATH")
                .arg(StrictJson::quoted(root.at(key)), *program));
        return;
    }
    p.terraformProgram = *program;
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

Result<Policy> Policy::load(const QString &path, const Policy &base)
{
    Result<StrictJson> file
        = StrictJson::read(path, files::smallFileLimit(QStringLiteral("a policy")));
    if (!file)
        return file.error();
    auto root = file->root(QLatin1String(Schema),
        {QStringLiteral("schema"), QStringLiteral("description"), QStringLiteral("protected"),
            QStringLiteral("critical_findings"), QStringLiteral("max_approval_age_hours"),
            QStringLiteral("terraform")});
    if (!root)
        return file->error();
    root->string(QStringLiteral("description"), Need::Optional, Empty::Allowed);

    Policy p = base;
    readProtected(*root, p);
    readCriticalFindings(*file, *root, p);
    if (root->contains(QStringLiteral("max_approval_age_hours"))) {
        if (auto hours
            = root->number(QStringLiteral("max_approval_age_hours"), {0, true}, Need::Required))
            p.maxApprovalAgeHours = *hours;
    }
    readTerraformProgram(*file, *root, p);
    if (!file->ok())
        return file->error();
    p.sources.append(path);
    return p;
}

Result<Policy> Policy::load(const QString &path)
{
    return load(path, Policy());
}

Result<Policy> Policy::loadDefault()
{
    return ResourceLocator::load(QStringLiteral("policy/default.json"),
        QStringLiteral("the default policy"), [](const QString &path) { return load(path); });
}

Result<Policy> Policy::loadDefaultAnd(const QString &path)
{
    Result<Policy> policy = loadDefault();
    if (!policy || path.isEmpty())
        return policy;
    return load(path, *policy);
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
