// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/analysis.h"

#include "core/review/replay.h"

#include <map>

namespace bg::core {

namespace {

Analysis prepare(Document document, const RuleSet &rules, AnalysisMode mode)
{
    auto shared = std::make_shared<AnalysedDocument>();
    shared->document = std::move(document);
    shared->graph = DependencyGraph::build(shared->document);
    Analysis a;
    a.mode = mode;
    a.shared = std::move(shared);
    a.categories.reserve(a.document().resources.size());
    for (const Resource &r : a.document().resources)
        a.categories.push_back(rules.category(r.address.type));
    a.notes = a.document().notes + a.graph().warnings();
    return a;
}

void evaluate(Analysis &a, const RuleSet &rules)
{
    a.findings = evaluateFindings(a.document(), a.impact, rules);
    if (a.mode == AnalysisMode::Plan)
        a.warnings = planWarnings(a.document(), a.impact, rules);
}

Analysis whatIf(Analysis a, const RuleSet &rules, const QStringList &targets, QStringList *unknown)
{
    if (targets.isEmpty()) {
        a.impact = fullDestroyImpact(a.document(), a.graph());
    } else {
        std::vector<int> nodes;
        for (const QString &t : targets) {
            const std::vector<int> matched = a.graph().match(t);
            if (matched.empty() && unknown)
                unknown->append(t);
            nodes.insert(nodes.end(), matched.begin(), matched.end());
        }
        a.impact = whatIfImpact(a.document(), a.graph(), nodes);
    }
    evaluate(a, rules);
    return a;
}

QString plural(int n, const QString &singular, const QString &pluralForm)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? singular : pluralForm);
}

} // namespace

// One empty document for every analysis made without one, so that document() is always valid.
Analysis::Analysis()
{
    static const auto empty = std::make_shared<const AnalysedDocument>();
    shared = empty;
}

int Analysis::criticalCount() const
{
    return int(std::count_if(findings.begin(), findings.end(),
        [](const Finding &f) { return f.severity == Severity::Critical; }));
}

int Analysis::pointOfNoReturn() const
{
    const std::vector<bool> critical = criticalNodes();
    for (int node : replayOrder(*this).nodes) {
        if (critical[node])
            return node;
    }
    return -1;
}

std::vector<bool> Analysis::criticalNodes() const
{
    std::vector<bool> critical(document().resources.size(), false);
    for (const Finding &f : findings) {
        if (f.severity == Severity::Critical && f.node >= 0)
            critical[f.node] = true;
    }
    return critical;
}

QString Analysis::firstCritical(const RuleSet &rules) const
{
    for (const Finding &f : findings) {
        if (f.severity != Severity::Critical)
            continue;
        const FindingRule *rule = rules.finding(f.code);
        const QString loss = rule && rule->loss && !rule->loss->isEmpty() ? *rule->loss : f.code;
        const int others = criticalCount() - 1;
        return QStringLiteral("%1 — %2%3")
            .arg(f.address, loss,
                others > 0 ? QStringLiteral(" (and %1 more critical finding%2)")
                                 .arg(others)
                                 .arg(others == 1 ? QString() : QStringLiteral("s"))
                           : QString());
    }
    return {};
}

QString Analysis::headline(const RuleSet &rules) const
{
    static const std::map<QString, std::pair<QString, QString>> nouns = {
        {QStringLiteral("database"), {QStringLiteral("database"), QStringLiteral("databases")}},
        {QStringLiteral("snapshot"), {QStringLiteral("snapshot"), QStringLiteral("snapshots")}},
        {QStringLiteral("storage"),
            {QStringLiteral("storage resource"), QStringLiteral("storage resources")}},
        {QStringLiteral("key"),
            {QStringLiteral("key or secret"), QStringLiteral("keys or secrets")}},
    };
    std::map<QString, int> dataHits;
    int destroyed = 0;
    for (size_t i = 0; i < categories.size(); ++i) {
        if (!impact.destroys(int(i)))
            continue;
        ++destroyed;
        if (rules.isDataCategory(categories[i]))
            ++dataHits[categories[i]];
    }
    if (destroyed == 0) {
        if (mode == AnalysisMode::State)
            return QStringLiteral("A state: nothing is destroyed until you simulate a destroy.");
        // Nothing destroyed, yet data may be lost already (a data store deleted outside
        // Terraform that the plan creates again, empty): say so, never "DATA LOSS: nothing".
        if (const QString critical = firstCritical(rules); !critical.isEmpty())
            return QStringLiteral("Destroys nothing itself, but %1.").arg(critical);
        return QStringLiteral("Destroys nothing.");
    }
    QStringList parts;
    for (const QString &category : {QStringLiteral("database"), QStringLiteral("snapshot"),
             QStringLiteral("storage"), QStringLiteral("key")}) {
        if (int n = dataHits[category]) {
            const auto &[one, many] = nouns.at(category);
            parts.append(plural(n, one, many));
        }
    }
    for (const auto &[category, n] : dataHits) {
        if (!nouns.count(category))
            parts.append(plural(n, category + QStringLiteral(" resource"),
                category + QStringLiteral(" resources")));
    }
    const int replaced = impact.count(Action::Replace);
    QString verb = replaced == 0 ? QStringLiteral("Deletes")
        : replaced == destroyed  ? QStringLiteral("Replaces")
                                 : QStringLiteral("Deletes or replaces");
    if (mode == AnalysisMode::WhatIf)
        verb = QStringLiteral("Would delete");
    const QString total
        = QStringLiteral("%1 of %2 resources destroyed").arg(destroyed).arg(impact.countedNodes());
    if (parts.isEmpty()) {
        const QString critical = firstCritical(rules);
        return QStringLiteral("%1 %2; no data store among them%3.")
            .arg(verb, plural(destroyed, QStringLiteral("resource"), QStringLiteral("resources")),
                critical.isEmpty() ? QString() : QStringLiteral(", but ") + critical);
    }
    QString list = parts.size() == 1 ? parts[0]
                                     : parts.mid(0, parts.size() - 1).join(QStringLiteral(", "))
            + QStringLiteral(" and ") + parts.last();
    return QStringLiteral("%1 %2 — data loss (%3)").arg(verb, list, total);
}

Analysis analyse(Document document, const RuleSet &rules)
{
    const bool isPlan = document.kind == DocumentKind::Plan;
    Analysis a
        = prepare(std::move(document), rules, isPlan ? AnalysisMode::Plan : AnalysisMode::State);
    if (isPlan) {
        a.impact = planImpact(a.document(), a.graph());
    } else {
        a.impact = whatIfImpact(a.document(), a.graph(), {});
    }
    evaluate(a, rules);
    return a;
}

Analysis analyseLoss(Document document, const RuleSet &rules, const std::vector<int> &lost)
{
    Analysis a = prepare(std::move(document), rules, AnalysisMode::WhatIf);
    a.impact = lossImpact(a.document(), a.graph(), lost);
    evaluate(a, rules);
    return a;
}

Analysis analyseWhatIf(
    Document document, const RuleSet &rules, const QStringList &targets, QStringList *unknown)
{
    return whatIf(
        prepare(std::move(document), rules, AnalysisMode::WhatIf), rules, targets, unknown);
}

Analysis analyseWhatIf(
    const Analysis &base, const RuleSet &rules, const QStringList &targets, QStringList *unknown)
{
    Analysis a;
    a.mode = AnalysisMode::WhatIf;
    a.shared = base.shared;
    a.categories = base.categories;
    a.notes = base.notes;
    return whatIf(std::move(a), rules, targets, unknown);
}

} // namespace bg::core
