// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/gate/policy.h"

#include "core/loading/strictjson.h"
#include "core/risk/projects.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace bg::core {

namespace {

// How a file is read: the shipped policy (or a file on its own) replaces the members it gives;
// a user's addition may only make the policy in force stricter.
struct Reading {
    StrictJson &file;
    StrictObject &root;
    const Policy &base;
    bool addition;

    // "a policy file can only add to the shipped policy: "
    QString onlyAdd() const
    {
        return QStringLiteral("a policy file can only make %1 stricter: ")
            .arg(base.sources.words(QStringLiteral("policy")));
    }
};

// The entries of `list` not in `base`, after base's: a list given in an addition is added.
template<typename T>
QList<T> unionOf(const QList<T> &base, const QList<T> &list)
{
    QList<T> out = base;
    for (const T &entry : list) {
        if (!out.contains(entry))
            out.append(entry);
    }
    return out;
}

// An addition's list may not be empty: it would read as clearing the list in force, which
// it cannot do (lists are added to, never replaced).
bool refuseEmpty(const Reading &r, const StrictObject &o, const QString &key, bool empty)
{
    if (!r.addition || !empty)
        return true;
    const detail::JsonPath at = o.at(key);
    return r.file.fail(at,
        r.onlyAdd()
            + QStringLiteral("%1 is empty, which would clear it; a policy file's lists are "
                             "added to the ones in force (leave the member out to add nothing)")
                  .arg(StrictJson::quoted(at)));
}

void readProtected(const Reading &r, Policy &p)
{
    auto o = r.root.object(QStringLiteral("protected"), Need::Optional);
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
        const auto list = o->strings(name, Need::Required, Empty::Allowed, Empty::Refused,
            categories ? categoryNames() : QStringList());
        if (!list || !refuseEmpty(r, *o, name, list->isEmpty()))
            return;
        *target = r.addition ? unionOf(*target, *list) : *list;
    }
}

void readCriticalFindings(const Reading &r, Policy &p)
{
    auto o = r.root.object(QStringLiteral("critical_findings"), Need::Optional);
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
            r.file.fail(o->at(severitiesKey),
                QStringLiteral("%1 must include \"critical\": a policy can add to what needs an "
                               "approval, never take critical findings away")
                    .arg(StrictJson::quoted(o->at(severitiesKey))));
            return;
        }
        // Leaving out a severity in force would read as dropping it.
        if (r.addition) {
            for (Severity s : r.base.criticalSeverities) {
                if (severities.contains(s))
                    continue;
                r.file.fail(o->at(severitiesKey),
                    r.onlyAdd()
                        + QStringLiteral("it counts %1 findings as critical, and %2 leaves %1 "
                                         "out (list every severity in force, and add to them)")
                              .arg(severityName(s), StrictJson::quoted(o->at(severitiesKey))));
                return;
            }
        }
        p.criticalSeverities = r.addition ? unionOf(p.criticalSeverities, severities) : severities;
    }
    if (o->contains(QStringLiteral("codes"))) {
        const auto codes = o->strings(QStringLiteral("codes"), Need::Required);
        if (!codes || !refuseEmpty(r, *o, QStringLiteral("codes"), codes->isEmpty()))
            return;
        p.criticalCodes = r.addition ? unionOf(p.criticalCodes, *codes) : *codes;
    }
}

// "projects": the ownership tags, in order of precedence. An addition's tags come after the
// ones in force: it names only new ones, or all in force first, in their order (naming some reads
// as dropping the others; another order would change which tag names a project).
void readProjects(const Reading &r, Policy &p)
{
    auto o = r.root.object(QStringLiteral("projects"), Need::Optional);
    const QString key = QStringLiteral("tags");
    if (!o || !o->onlyMembers({key}) || !o->contains(key))
        return;
    const auto tags = o->strings(key, Need::Required);
    if (!tags || !refuseEmpty(r, *o, key, tags->isEmpty()))
        return;
    QHash<QString, detail::JsonPath> seen;
    for (qsizetype i = 0; i < tags->size(); ++i) {
        if (!r.file.unique(tags->at(i), detail::operator+(o->at(key), i), seen))
            return;
    }
    if (!r.addition) {
        p.projectTags = *tags;
        return;
    }
    const QStringList &inForce = r.base.projectTags;
    const bool namesSome = std::any_of(
        tags->begin(), tags->end(), [&](const QString &tag) { return inForce.contains(tag); });
    if (namesSome && tags->mid(0, inForce.size()) != inForce) {
        QStringList missing;
        for (const QString &tag : inForce) {
            if (!tags->contains(tag))
                missing.append(tag);
        }
        r.file.fail(o->at(key),
            r.onlyAdd()
                + QStringLiteral("it groups resources by the tags %1, in that order, and %2 %3 "
                                 "(name only new tags, or every tag in force first, in that "
                                 "order, then the new ones)")
                      .arg(inForce.join(QStringLiteral(", ")), StrictJson::quoted(o->at(key)),
                          missing.isEmpty()
                              ? QStringLiteral("puts them in another order or a new tag first")
                              : QStringLiteral("leaves out ")
                                  + missing.join(QStringLiteral(", "))));
        return;
    }
    p.projectTags = unionOf(p.projectTags, *tags);
}

// "estate": {"roots": [absolute folders]}. A relative path would be read from wherever the
// command runs, which the caller chooses. An addition's roots come after those in force.
void readEstateRoots(const Reading &r, Policy &p)
{
    auto o = r.root.object(QStringLiteral("estate"), Need::Optional);
    const QString key = QStringLiteral("roots");
    if (!o || !o->onlyMembers({key}) || !o->contains(key))
        return;
    const auto roots = o->strings(key, Need::Required);
    if (!roots || !refuseEmpty(r, *o, key, roots->isEmpty()))
        return;
    QHash<QString, detail::JsonPath> seen;
    for (qsizetype i = 0; i < roots->size(); ++i) {
        const detail::JsonPath at = detail::operator+(o->at(key), i);
        if (!r.file.unique(roots->at(i), at, seen))
            return;
        if (!roots->at(i).startsWith(QLatin1Char('/'))) {
            r.file.fail(at,
                QStringLiteral("%1 must be an absolute path (/srv/terraform/states), not \"%2\": "
                               "a relative one would be read from wherever the command runs")
                    .arg(StrictJson::quoted(at), roots->at(i)));
            return;
        }
    }
    p.estateRoots = unionOf(p.estateRoots, *roots);
}

// "terraform": the program `apply` runs, named by its absolute path, never looked up on a PATH.
// An addition may name one where none is in force, never change the one in force.
void readTerraformProgram(const Reading &r, Policy &p)
{
    const QString key = QStringLiteral("terraform");
    if (!r.root.contains(key))
        return;
    const auto program = r.root.string(key, Need::Required);
    if (!program)
        return;
    if (!program->startsWith(QLatin1Char('/'))) {
        r.file.fail(r.root.at(key),
            QStringLiteral("%1 must be an absolute path (/usr/bin/terraform), not \"%2\": a "
                           "program name would be looked up on a PATH")
                .arg(StrictJson::quoted(r.root.at(key)), *program));
        return;
    }
    if (r.addition && !r.base.terraformProgram.isEmpty() && *program != r.base.terraformProgram) {
        r.file.fail(r.root.at(key),
            r.onlyAdd()
                + QStringLiteral("it runs %1, and %2 names another program")
                      .arg(r.base.terraformProgram, StrictJson::quoted(r.root.at(key))));
        return;
    }
    p.terraformProgram = *program;
    p.terraformNamedBy = r.file.path();
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

void readApprovalAge(const Reading &r, Policy &p)
{
    const QString key = QStringLiteral("max_approval_age_hours");
    if (!r.root.contains(key))
        return;
    const auto age = r.root.number(key, {0, true}, Need::Required);
    if (!age)
        return;
    if (r.addition && r.base.maxApprovalAgeHours > 0 && *age > r.base.maxApprovalAgeHours) {
        r.file.fail(r.root.at(key),
            r.onlyAdd()
                + QStringLiteral("an approval is valid for at most %1 there, and %2 makes it %3 "
                                 "(it may only be shortened)")
                      .arg(hours(r.base.maxApprovalAgeHours), StrictJson::quoted(r.root.at(key)),
                          QString::number(*age) + QStringLiteral(" hours")));
        return;
    }
    p.maxApprovalAgeHours = *age;
}

// require_signed_approval, allowed_signers and approvals_required: what a signed approval must
// carry. Read here; the gate's approval check enforces them.
void readSigning(const Reading &r, Policy &p)
{
    const QString requireKey = QStringLiteral("require_signed_approval");
    if (r.root.contains(requireKey)) {
        const auto require = r.root.flag(requireKey, Need::Required);
        if (!require)
            return;
        if (r.addition && r.base.requireSignedApproval && !*require) {
            r.file.fail(r.root.at(requireKey),
                r.onlyAdd()
                    + QStringLiteral("it requires a signed approval, and %1 is false")
                          .arg(StrictJson::quoted(r.root.at(requireKey))));
            return;
        }
        p.requireSignedApproval = *require;
    }
    const QString signersKey = QStringLiteral("allowed_signers");
    if (r.root.contains(signersKey)) {
        const auto signers = r.root.string(signersKey, Need::Required);
        if (!signers)
            return;
        const QString &path = r.file.path();
        if (QDir::isRelativePath(*signers) && files::isStandardStream(path)) {
            r.file.fail(r.root.at(signersKey),
                QStringLiteral("%1 must be an absolute path in a policy read from standard input "
                               "(a relative one is relative to the policy file's folder)")
                    .arg(StrictJson::quoted(r.root.at(signersKey))));
            return;
        }
        const QString named
            = QDir::cleanPath(QFileInfo(path).absoluteDir().absoluteFilePath(*signers));
        // Who may sign, once a policy says it, is not a later file's to change: that would
        // name other signers just as --allowed-signers cannot.
        if (r.addition && !r.base.allowedSigners.isEmpty() && named != r.base.allowedSigners) {
            r.file.fail(r.root.at(signersKey),
                r.onlyAdd()
                    + QStringLiteral("its allowed signers are %1, and %2 names %3")
                          .arg(r.base.allowedSigners, StrictJson::quoted(r.root.at(signersKey)),
                              named));
            return;
        }
        p.allowedSigners = named;
    }
    const QString countKey = QStringLiteral("approvals_required");
    if (r.root.contains(countKey)) {
        const auto count = r.root.number(countKey, {1, false, 1000, true}, Need::Required);
        if (!count)
            return;
        if (r.addition && int(*count) < r.base.approvalsRequired) {
            r.file.fail(r.root.at(countKey),
                r.onlyAdd()
                    + QStringLiteral("a critical plan needs %1 approvals there, and %2 asks for "
                                     "%3 (it may only be raised)")
                          .arg(r.base.approvalsRequired)
                          .arg(StrictJson::quoted(r.root.at(countKey)))
                          .arg(int(*count)));
            return;
        }
        p.approvalsRequired = int(*count);
    }
}

Result<Policy> read(StrictJson &file, const Policy &base, bool addition)
{
    auto root = file.root(QLatin1String(Policy::Schema),
        {QStringLiteral("schema"), QStringLiteral("description"), QStringLiteral("protected"),
            QStringLiteral("critical_findings"), QStringLiteral("max_approval_age_hours"),
            QStringLiteral("require_signed_approval"), QStringLiteral("allowed_signers"),
            QStringLiteral("approvals_required"), QStringLiteral("terraform"),
            QStringLiteral("projects"), QStringLiteral("estate")});
    if (!root)
        return file.error();
    root->string(QStringLiteral("description"), Need::Optional, Empty::Allowed);

    Policy p = base;
    const Reading r {file, *root, base, addition};
    readProtected(r, p);
    readCriticalFindings(r, p);
    readProjects(r, p);
    readEstateRoots(r, p);
    readApprovalAge(r, p);
    readSigning(r, p);
    readTerraformProgram(r, p);
    if (!file.ok())
        return file.error();
    return p;
}

} // namespace

Result<Policy> Policy::load(const QString &path, const Policy &base)
{
    Result<StrictJson> file
        = StrictJson::read(path, files::smallFileLimit(QStringLiteral("a policy")));
    if (!file)
        return file.error();
    Result<Policy> p = read(*file, base, true);
    if (p)
        p->sources.add(path, file->bytes());
    return p;
}

Result<Policy> Policy::load(const QString &path)
{
    Result<StrictJson> file
        = StrictJson::read(path, files::smallFileLimit(QStringLiteral("a policy")));
    if (!file)
        return file.error();
    Result<Policy> p = read(*file, Policy(), false);
    if (p)
        p->sources.add(path, file->bytes());
    return p;
}

Result<Policy> Policy::loadDefault()
{
    const QString name = QStringLiteral("policy/default.json");
    Result<QByteArray> bytes = shipped::bytes(name);
    if (!bytes)
        return bytes.error();
    Result<StrictJson> file
        = StrictJson::parse(*bytes, shipped::path(name), QStringLiteral("a policy"));
    if (!file)
        return file.error();
    Result<Policy> p = read(*file, Policy(), false);
    if (p)
        p->sources.add(QString(), *bytes);
    return p;
}

Result<Policy> Policy::loadDefaultAnd(const QStringList &additions)
{
    Result<Policy> policy = loadDefault();
    for (const QString &path : additions) {
        if (!policy || path.isEmpty())
            continue;
        policy = load(path, *policy);
    }
    return policy;
}

Result<Policy> Policy::loadDefaultAnd(const QString &addition)
{
    return loadDefaultAnd(QStringList {addition});
}

QStringList Policy::unknownCodes(const RuleSet &rules) const
{
    QStringList unknown;
    for (const QString &code : criticalCodes) {
        // cross-stack-break: raised by the estate (core/estate/breaks.h), always critical.
        const bool known = code == QLatin1String(ProtectedCode)
            || code == QLatin1String(ProjectCode) || code == QLatin1String("cross-stack-break")
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
    // The two addresses are made only where a pattern asks (the shipped policy has none): they
    // were two strings built for every destroyed resource of every plan.
    if (!protectedAddresses.isEmpty()) {
        const QString instance = r.address.instanceString();
        const QString config = r.address.configString();
        for (const QString &glob : protectedAddresses) {
            if (globMatch(glob, instance) || globMatch(glob, config))
                return QStringLiteral("address pattern %1").arg(glob);
        }
    }
    for (const QString &glob : protectedTypes) {
        if (globMatch(glob, r.address.type))
            return QStringLiteral("type pattern %1").arg(glob);
    }
    if (protectedCategories.contains(category))
        return QStringLiteral("category %1").arg(category);
    return {};
}

namespace {

// One critical finding per project when the destroy hits two or more: on the project's first
// destroyed node, where a reviewer meets it first.
void raiseProjectBoundaries(Analysis &a, const Policy &policy)
{
    // Applied before: worked out again, never twice.
    std::erase_if(
        a.findings, [](const Finding &f) { return f.code == QLatin1String(Policy::ProjectCode); });
    a.projectsHit = projectsDestroyed(a.document(), a.impact, policy.projectTags);
    if (a.projectsHit.size() < 2) {
        a.projectsHit.clear();
        return;
    }
    const QString hits = projectsSentence(a.projectsHit);
    for (const ProjectHit &p : a.projectsHit) {
        const QString &address = a.document().resources[size_t(p.firstNode)].id;
        const QString which = p.count == 1 ? QStringLiteral("the only resource")
                                           : QStringLiteral("the first of the %1").arg(p.count);
        a.findings.push_back(
            {Severity::Critical, p.firstNode, QLatin1String(Policy::ProjectCode), address,
                QStringLiteral("%1; %2 is %3 of project %4 (tag %5).")
                    .arg(hits, address, which, p.name, p.tag),
                QString()});
    }
}

} // namespace

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
        a.findings.push_back({Severity::Critical, i, QLatin1String(Policy::ProtectedCode), r.id,
            QStringLiteral("%1 is protected by the policy (%2), and this plan %3: "
                           "destroying a protected resource needs a reviewer's approval.")
                .arg(r.id, why, verb),
            QString()});
    }
    raiseProjectBoundaries(a, policy);
    sortFindings(a.findings);
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
