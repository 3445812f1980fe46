// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/nextplan.h"

#include "core/risk/analysis.h"

#include <map>

namespace bg::core {

std::vector<NextPlanStep> nextPlanOfState(const Document &document)
{
    std::vector<NextPlanStep> steps;
    if (document.kind == DocumentKind::Plan)
        return steps;
    for (int i = 0; i < int(document.resources.size()); ++i) {
        const Resource &r = document.resources[size_t(i)];
        if (r.isData())
            continue;
        if (!r.address.deposed.isEmpty())
            steps.push_back({i, Action::Delete});
        else if (r.tainted)
            steps.push_back({i, Action::Replace});
    }
    return steps;
}

namespace {

// The noun of a category, as the headline counts it: data stores by name, anything else as a
// plain resource or object.
QString noun(const QString &category, const QString &other, int n)
{
    static const std::map<QString, std::pair<const char *, const char *>> nouns = {
        {QStringLiteral("database"), {"database", "databases"}},
        {QStringLiteral("snapshot"), {"snapshot", "snapshots"}},
        {QStringLiteral("storage"), {"storage resource", "storage resources"}},
        {QStringLiteral("key"), {"key or secret", "keys or secrets"}},
    };
    const auto it = nouns.find(category);
    if (it == nouns.end())
        return n == 1 ? other : other + QLatin1Char('s');
    return QLatin1String(n == 1 ? it->second.first : it->second.second);
}

QString group(const Analysis &a, const RuleSet &rules, const std::vector<int> &nodes,
    const char *adjective, const QString &other)
{
    // Data stores first, by category, then the rest together.
    std::map<QString, std::vector<int>> byCategory;
    std::vector<int> rest;
    for (int node : nodes) {
        const QString &category = a.categories[size_t(node)];
        if (rules.isDataCategory(category))
            byCategory[category].push_back(node);
        else
            rest.push_back(node);
    }
    QStringList parts;
    const auto add = [&](const QString &category, const std::vector<int> &members) {
        QStringList ids;
        for (size_t i = 0; i < members.size() && i < 3; ++i)
            ids.append(a.document().resources[size_t(members[i])].id);
        if (members.size() > 3)
            ids.append(QStringLiteral("…"));
        const int n = int(members.size());
        parts.append(QStringLiteral("%1 %2 %3 (%4)")
                         .arg(QString::number(n), QLatin1String(adjective),
                             noun(category, other, n), ids.join(QStringLiteral(", "))));
    };
    for (const auto &[category, members] : byCategory)
        add(category, members);
    if (!rest.empty())
        add(QString(), rest);
    return parts.size() <= 1 ? parts.join(QString())
                             : parts.mid(0, parts.size() - 1).join(QStringLiteral(", "))
            + QStringLiteral(" and ") + parts.last();
}

} // namespace

QString nextPlanSummary(const Analysis &a, const RuleSet &rules)
{
    std::vector<int> tainted, deposed;
    for (const NextPlanStep &step : nextPlanOfState(a.document()))
        (step.action == Action::Replace ? tainted : deposed).push_back(step.node);
    QStringList clauses;
    if (!tainted.empty())
        clauses.append(QStringLiteral("replaces ")
            + group(a, rules, tainted, "tainted", QStringLiteral("resource")));
    if (!deposed.empty())
        clauses.append(QStringLiteral("deletes ")
            + group(a, rules, deposed, "deposed", QStringLiteral("object")));
    return clauses.join(QStringLiteral(" and "));
}

QString nextPlanWords(const Analysis &a, const NextPlanStep &step, const RuleSet &rules)
{
    const QString &category = a.categories[size_t(step.node)];
    QString words = step.action == Action::Replace
        ? QStringLiteral("replaced (replace_because_tainted): it is marked tainted (a create or "
                         "update that partly failed, or terraform taint), and a tainted object "
                         "must be replaced")
        : QStringLiteral("deleted: a deposed object is the old object a create_before_destroy "
                         "replace set aside and has not destroyed yet; destroying it is the only "
                         "thing Terraform does with it");
    if (rules.isDataCategory(category))
        words += QStringLiteral("; a %1: what it holds goes with it unless it is kept elsewhere")
                     .arg(category);
    return words;
}

} // namespace bg::core
