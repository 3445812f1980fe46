// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The re-evaluation of an analysis as if the protections of the catalog had been in place.
#include "core/review/counterfactual.h"

#include "core/review/counterfactualwords_p.h"

#include <QSet>
#include <algorithm>
#include <deque>

namespace bg::core {

using detail::Context;

namespace {

QString findingKey(const Finding &f)
{
    return f.code + QLatin1Char('\n') + QString::number(f.node);
}

// The destroyed nodes Terraform reaches only after `from` are gone: everything they depend on,
// transitively. Data sources are walked through, never counted (as whatIfImpact does).
struct Closure {
    std::vector<bool> in;
    std::vector<int> parent; // the node that holds it back
    int size = 0;
};

Closure closureOf(const Analysis &a, const std::vector<int> &from)
{
    const int all = a.graph().vertexCount(); // hubs are walked through, like data sources
    Closure c {std::vector<bool>(all, false), std::vector<int>(all, -1)};
    std::vector<bool> seen(all, false);
    std::deque<int> queue;
    for (int b : from) {
        if (!seen[b]) {
            seen[b] = c.in[b] = true;
            ++c.size;
            queue.push_back(b);
        }
    }
    while (!queue.empty()) {
        const int node = queue.front();
        queue.pop_front();
        for (int d : a.graph().vertexDependencies(node)) {
            const bool hub = a.graph().isHub(d);
            const bool destroyed = !hub && a.impact.destroys(d);
            if (seen[d] || (!destroyed && !hub && !a.document().resources[d].isData()))
                continue;
            seen[d] = true;
            c.parent[d] = c.parent[node] >= 0 && !c.in[node] ? c.parent[node] : node;
            if (destroyed) {
                c.in[d] = true;
                ++c.size;
            }
            queue.push_back(d);
        }
    }
    return c;
}

// The destroyed nodes the settings of a blocks-delete or keeps-data protection cover, in
// destroy order.
std::vector<int> coveredBy(const Analysis &a, const Protection &p)
{
    std::vector<int> out;
    for (int i : a.impact.destroyOrder) {
        if (p.settingFor(a.document().resources[i].address.type))
            out.push_back(i);
    }
    return out;
}

// The destroyed nodes a stops-plan protection's rule names, in destroy order: `lifecycle` true
// for those Terraform can protect, false for those it cannot (outsideLifecycle).
std::vector<int> stopsPlanNames(
    const Analysis &a, const RuleSet &rules, const Protection &p, bool lifecycle)
{
    std::vector<int> out;
    for (int i : a.impact.destroyOrder) {
        const QString &c = a.categories[i];
        if ((p.dataStores ? rules.isDataCategory(c) : p.categories.contains(c))
            && detail::outsideLifecycle(a.document().resources[i]).isEmpty() == lifecycle)
            out.push_back(i);
    }
    return out;
}

} // namespace

Counterfactual whatWouldHaveSaved(
    const Analysis &actual, const RuleSet &rules, const ProtectionSet &set, const QStringList &ids)
{
    Counterfactual cf;
    std::vector<const Protection *> applied;
    for (const Protection &p : set.all()) {
        if (ids.contains(p.id)) {
            applied.push_back(&p);
            cf.applied.append(p.id);
        }
    }
    const int n = int(actual.document().resources.size());
    std::vector<QString> stops;
    QString stopper;
    for (const Protection *p : applied) {
        stops.push_back(
            detail::stopReason(actual, rules, *p, stopsPlanNames(actual, rules, *p, true)));
        if (!stops.back().isEmpty() && !cf.runStopped) {
            cf.runStopped = true;
            cf.stopReason = stops.back();
            stopper = p->title;
        }
    }

    auto result = std::make_shared<Analysis>(actual);
    Impact &impact = result->impact;
    std::vector<bool> survives(n, false);
    std::vector<AttributeOverride> overrides;
    if (cf.runStopped) {
        // Nothing is applied: every change becomes a no-op, and every destroyed node survives.
        for (int i = 0; i < n; ++i) {
            if (impact.actions[i] == Action::NoOp || impact.actions[i] == Action::Read)
                continue;
            survives[i] = impact.destroys(i);
            impact.actions[i] = Action::NoOp;
            impact.reasons.edit(size_t(i)) = QStringList {
                QStringLiteral("%1: nothing is applied, because %2")
                    .arg(survives[i] ? QStringLiteral("survives") : QStringLiteral("not applied"),
                        cf.stopReason)};
        }
    } else {
        std::vector<int> blocked;
        std::vector<bool> isBlocked(n, false);
        for (const Protection *p : applied) {
            if (p->effect == ProtectionEffect::BlocksDelete
                || p->effect == ProtectionEffect::KeepsData)
                overrides.insert(overrides.end(), p->sets.begin(), p->sets.end());
            if (p->effect != ProtectionEffect::BlocksDelete)
                continue;
            for (int i : coveredBy(actual, *p)) {
                if (!isBlocked[i]) {
                    isBlocked[i] = true;
                    blocked.push_back(i);
                    impact.reasons.edit(size_t(i)) = QStringList {
                        QStringLiteral("survives: the provider refuses to delete it (%1)")
                            .arg(detail::settingOn(actual, *p, i))};
                }
            }
        }
        const Closure closure = closureOf(actual, blocked);
        for (int i = 0; i < n; ++i) {
            if (!closure.in[i])
                continue;
            survives[i] = true;
            impact.actions[i] = Action::NoOp;
            if (!isBlocked[i])
                impact.reasons.edit(size_t(i)) = QStringList {
                    QStringLiteral("survives: %1 depends on it and is never deleted, so Terraform "
                                   "never gets to it")
                        .arg(actual.document().resources[closure.parent[i]].id)};
        }
    }
    // A chain through a survivor no longer explains anything: point at another destroyed
    // dependency, or at nothing.
    for (int i = 0; i < n; ++i) {
        int &via = impact.via[i];
        if (!impact.destroys(i)) {
            via = -1;
        } else if (via >= 0 && survives[via]) {
            const auto &deps = result->graph().dependencies(i);
            auto other
                = std::find_if(deps.begin(), deps.end(), [&](int d) { return impact.destroys(d); });
            via = other == deps.end() ? -1 : *other;
        }
    }
    impact.ends = impact.chainEnds(); // the chains in the reasons follow
    impact.destroyOrder.clear();
    for (int i : actual.impact.destroyOrder)
        (survives[i] ? cf.survivors : impact.destroyOrder).push_back(i);

    // Findings: what the rules raise now, compared by (code, node). A finding no rule raises (a
    // policy's) stays as long as its node's action is unchanged.
    const std::vector<Finding> now = evaluateFindings(result->document(), impact, rules, overrides);
    QSet<QString> nowKeys, actualKeys, ruleCodes;
    for (const Finding &f : now)
        nowKeys.insert(findingKey(f));
    for (const FindingRule &rule : rules.findings())
        ruleCodes.insert(rule.code);
    result->findings.clear();
    for (const Finding &f : actual.findings) {
        actualKeys.insert(findingKey(f));
        bool keep = nowKeys.contains(findingKey(f));
        if (!keep && !ruleCodes.contains(f.code))
            keep = f.node < 0 ? !cf.runStopped
                              : impact.actions[f.node] == actual.impact.actions[f.node];
        (keep ? result->findings : cf.removed).push_back(f);
    }
    // New findings: only a rule telling where the data is now kept (a final snapshot a
    // protection names); the tests hold every protection to it.
    for (const Finding &f : now) {
        if (!actualKeys.contains(findingKey(f)))
            result->findings.push_back(f);
    }
    std::stable_sort(result->findings.begin(), result->findings.end(),
        [](const Finding &a, const Finding &b) { return a.severity > b.severity; });

    // Data kept, per keeps-data protection: the findings it alone removes from nodes that are
    // still destroyed. Only a rule's finding that did disappear counts: one no rule raises (a
    // policy's) is no data-loss finding a setting can answer.
    QSet<QString> removedKeys;
    for (const Finding &f : cf.removed)
        removedKeys.insert(findingKey(f));
    const Context context {actual, rules, cf, *result, stopper};
    std::vector<bool> kept(n, false);
    for (size_t k = 0; k < applied.size(); ++k) {
        const Protection &p = *applied[k];
        if (p.effect == ProtectionEffect::BlocksDelete) {
            const std::vector<int> blocked = coveredBy(actual, p);
            const int deps = closureOf(actual, blocked).size - int(blocked.size());
            cf.effects.append(detail::blocksDeleteEffect(context, p, blocked, deps));
        } else if (p.effect == ProtectionEffect::KeepsData) {
            std::vector<int> keptHere;
            QStringList codes;
            if (!cf.runStopped) {
                QSet<QString> alone;
                for (const Finding &f : evaluateFindings(result->document(), impact, rules, p.sets))
                    alone.insert(findingKey(f));
                for (const Finding &f : actual.findings) {
                    if (f.node < 0 || !impact.destroys(f.node) || alone.contains(findingKey(f))
                        || !ruleCodes.contains(f.code) || !removedKeys.contains(findingKey(f))
                        || !p.settingFor(actual.document().resources[f.node].address.type))
                        continue;
                    if (std::find(keptHere.begin(), keptHere.end(), f.node) == keptHere.end())
                        keptHere.push_back(f.node);
                    if (!codes.contains(f.code))
                        codes.append(f.code);
                    kept[f.node] = true;
                }
            }
            cf.effects.append(
                detail::keepsDataEffect(context, p, coveredBy(actual, p), keptHere, codes));
        } else {
            cf.effects.append(
                detail::stopEffect(context, p, stops[k], stopsPlanNames(actual, rules, p, false)));
        }
    }
    for (int i : impact.destroyOrder) {
        if (kept[i]) {
            cf.dataKept.push_back(i);
            impact.reasons.edit(size_t(i)).append(
                QStringLiteral("destroyed, but its data is kept (a protection answers its "
                               "data-loss findings)"));
        }
    }
    settleOutcomes(*result, rules);
    cf.analysis = std::move(result);
    return cf;
}

} // namespace bg::core
