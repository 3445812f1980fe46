// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The re-evaluation of an analysis as if the protections of the catalog had been in place.
#include "counterfactual.h"

#include "reportwriter.h"

#include <QSet>
#include <algorithm>
#include <deque>

namespace bg::core {

namespace {

// "A", "A and B", "A, B and C", "A, B, C and 4 more".
QString listed(const QStringList &items, qsizetype shown = 3)
{
    if (items.size() <= 1)
        return items.value(0);
    if (items.size() > shown)
        return items.mid(0, shown).join(QStringLiteral(", "))
            + QStringLiteral(" and %1 more").arg(items.size() - shown);
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ")
        + items.last();
}

// "the database", "the snapshot"...: what a data store is called; empty for other kinds.
QString noun(const Analysis &a, const RuleSet &rules, int node)
{
    static const QHash<QString, QString> nouns = {
        {QStringLiteral("database"), QStringLiteral("the database")},
        {QStringLiteral("snapshot"), QStringLiteral("the snapshot")},
        {QStringLiteral("storage"), QStringLiteral("the storage resource")},
        {QStringLiteral("key"), QStringLiteral("the key or secret")},
    };
    const QString &category = a.categories[node];
    if (!rules.isDataCategory(category))
        return {};
    return nouns.value(category, QStringLiteral("the %1 resource").arg(category));
}

// "the database module.db.aws_db_instance.main"; other kinds by their address alone.
QString named(const Analysis &a, const RuleSet &rules, int node)
{
    const QString kind = noun(a, rules, node);
    const QString &id = a.document.resources[node].id;
    return kind.isEmpty() ? id : kind + QLatin1Char(' ') + id;
}

QString setting(const AttributeOverride &s)
{
    const QJsonValue &v = s.value;
    const QString value = v.isBool()
        ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
        : v.isDouble() ? QString::number(v.toDouble())
                       : QLatin1Char('"') + v.toString() + QLatin1Char('"');
    return s.attribute + QStringLiteral(" = ") + value;
}

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
    const int n = a.graph.size();
    Closure c {std::vector<bool>(n, false), std::vector<int>(n, -1)};
    std::vector<bool> seen(n, false);
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
        for (int d : a.graph.dependencies(node)) {
            const bool destroyed = a.impact.destroys(d);
            if (seen[d] || (!destroyed && !a.document.resources[d].isData()))
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

// "deletion_protection = true": the setting of `p` on this node, which it covers.
QString settingOn(const Analysis &a, const Protection &p, int node)
{
    return setting(*p.settingFor(a.document.resources[node].address.type));
}

// The destroyed nodes the settings of a blocks-delete or keeps-data protection cover, in
// destroy order.
std::vector<int> coveredBy(const Analysis &a, const Protection &p)
{
    std::vector<int> out;
    for (int i : a.impact.destroyOrder) {
        if (p.settingFor(a.document.resources[i].address.type))
            out.push_back(i);
    }
    return out;
}

// Name a database first: it is what the reader fears for.
void databasesFirst(const Analysis &a, std::vector<int> *nodes)
{
    std::stable_partition(nodes->begin(), nodes->end(),
        [&](int i) { return a.categories[i] == QLatin1String("database"); });
}

// Why Terraform cannot honour a lifecycle block (prevent_destroy) for this node, as a clause;
// empty when it can. Terraform reads the block from the resource's configuration: a resource
// deleted because its block or its module is gone has none, and a deposed object is destroyed
// whatever the block says.
QString outsideLifecycle(const Resource &r)
{
    if (!r.address.deposed.isEmpty())
        return QStringLiteral("it is a deposed object, which Terraform destroys whatever the "
                              "lifecycle block says");
    if (r.actionReason == QLatin1String("delete_because_no_resource_config"))
        return QStringLiteral("its resource block is gone from the configuration, and the "
                              "lifecycle block with it");
    if (r.actionReason == QLatin1String("delete_because_no_module"))
        return QStringLiteral("its module is gone from the configuration, and the lifecycle "
                              "block with it");
    return {};
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
            && outsideLifecycle(a.document.resources[i]).isEmpty() == lifecycle)
            out.push_back(i);
    }
    return out;
}

// Why a stopping protection stops this run, as a clause; empty when it does not.
QString stopReason(const Analysis &a, const RuleSet &rules, const Protection &p)
{
    if (p.effect == ProtectionEffect::StopsPlan) {
        std::vector<int> covered = stopsPlanNames(a, rules, p, true);
        if (covered.empty())
            return {};
        databasesFirst(a, &covered);
        QString what = named(a, rules, covered.front());
        if (covered.size() > 1)
            what += QStringLiteral(" and on %1")
                        .arg(p.dataStores
                                ? counted(qsizetype(covered.size()) - 1, "more data store",
                                    "more data stores")
                                : counted(qsizetype(covered.size()) - 1, "more resource it covers",
                                    "more resources it covers"));
        return QStringLiteral("`terraform plan` fails with \"Instance cannot be destroyed\" on %1")
            .arg(what);
    }
    if (p.effect == ProtectionEffect::StopsOnWarning) {
        for (const Warning &w : a.warnings) {
            if (p.warnings.contains(w.code))
                return QStringLiteral("the analysis raises the %1 warning, which %2 rules out")
                    .arg(w.code, p.title);
        }
    }
    return {};
}

struct Context {
    const Analysis &actual;
    const RuleSet &rules;
    const Counterfactual &cf;
    const Analysis &result;
    QString stopper; // the title of the protection that stopped the run
};

// Why a blocks-delete or keeps-data protection covering `covered` does nothing here; empty
// when it acts.
QString idleReason(const Context &c, const std::vector<int> &covered)
{
    if (covered.empty())
        return QStringLiteral("No resource this run destroys has this setting, so it changes "
                              "nothing here.");
    if (c.cf.runStopped)
        return QStringLiteral("Moot here: the run stops before any delete (%1).").arg(c.stopper);
    return {};
}

QString blocksDeleteEffect(const Context &c, const Protection &p)
{
    std::vector<int> blocked = coveredBy(c.actual, p);
    if (QString idle = idleReason(c, blocked); !idle.isEmpty())
        return idle;
    databasesFirst(c.actual, &blocked);
    QStringList on;
    for (int i : blocked)
        on.append(settingOn(c.actual, p, i) + QStringLiteral(" on ")
            + (blocked.size() == 1 ? c.actual.document.resources[i].id
                                   : named(c.actual, c.rules, i)));
    const int deps = closureOf(c.actual, blocked).size - int(blocked.size());
    const bool one = blocked.size() == 1;
    QString saved = one ? noun(c.actual, c.rules, blocked[0]) : QStringLiteral("them");
    if (saved.isEmpty())
        saved = QStringLiteral("it");
    QString text = QStringLiteral("%1 would have saved %2").arg(listed(on, 2), saved);
    if (deps > 0)
        text += QStringLiteral(" and %1 %2 on")
                    .arg(counted(deps, "resource", "resources"),
                        one ? QStringLiteral("it depends") : QStringLiteral("they depend"));
    return text
        + QStringLiteral(": the provider refuses the delete, and Terraform never destroys what a "
                         "refused resource depends on.");
}

QString keepsDataEffect(
    const Context &c, const Protection &p, const std::vector<int> &kept, const QStringList &codes)
{
    const std::vector<int> covered = coveredBy(c.actual, p);
    if (QString idle = idleReason(c, covered); !idle.isEmpty())
        return idle;
    if (std::none_of(
            covered.begin(), covered.end(), [&](int i) { return c.result.impact.destroys(i); }))
        return QStringLiteral("Moot here: every resource it covers survives anyway.");
    if (kept.empty())
        return QStringLiteral("The resources it covers raise no finding it answers (their data "
                              "was kept already, or nothing flags its loss), so it changes "
                              "nothing here.");
    QStringList names;
    for (int i : kept)
        names.append(named(c.actual, c.rules, i));
    return QStringLiteral("With %1, %2 %3 still destroyed, but the data is kept: %4 no longer %5.")
        .arg(p.title, listed(names),
            kept.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"), listed(codes, 4),
            codes.size() == 1 ? QStringLiteral("holds") : QStringLiteral("hold"));
}

// " It cannot protect X (why): ..." for the nodes a stops-plan protection names but Terraform
// cannot protect; empty when there are none. `lead` is "It cannot" or "On its own it would not".
QString beyondLifecycle(const Context &c, const Protection &p, const QString &lead)
{
    if (p.effect != ProtectionEffect::StopsPlan)
        return {};
    QStringList why;
    for (int i : stopsPlanNames(c.actual, c.rules, p, false))
        why.append(QStringLiteral("%1 (%2)").arg(
            named(c.actual, c.rules, i), outsideLifecycle(c.actual.document.resources[i])));
    if (why.isEmpty())
        return {};
    return QStringLiteral(" %1 protect %2: Terraform honours prevent_destroy only from the "
                          "lifecycle block of a resource still in the configuration.")
        .arg(lead, listed(why, 3));
}

QString stopEffect(const Context &c, const Protection &p, const QString &reason)
{
    if (!reason.isEmpty()) {
        const int n = int(c.actual.impact.destroyOrder.size());
        return QStringLiteral("The run stops, because %1: nothing is applied, %2.%3")
            .arg(reason,
                n == 0 ? QStringLiteral("though nothing was going to be destroyed")
                       : QStringLiteral("so all %1 destroyed resources survive").arg(n),
                beyondLifecycle(c, p, QStringLiteral("On its own it would not")));
    }
    const QString beyond = beyondLifecycle(c, p, QStringLiteral("It cannot"));
    if (p.effect == ProtectionEffect::StopsPlan)
        return beyond.isEmpty()
            ? QStringLiteral("This run destroys no resource it covers, so it changes nothing here.")
            : QStringLiteral("It changes nothing here.") + beyond;
    return QStringLiteral("This analysis raises none of the warnings it answers (%1), so it "
                          "changes nothing here.")
        .arg(p.warnings.join(QStringLiteral(", ")));
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
    const int n = int(actual.document.resources.size());
    std::vector<QString> stops;
    QString stopper;
    for (const Protection *p : applied) {
        stops.push_back(stopReason(actual, rules, *p));
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
            impact.reasons[i] = QStringList {
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
                    impact.reasons[i] = QStringList {
                        QStringLiteral("survives: the provider refuses to delete it (%1)")
                            .arg(settingOn(actual, *p, i))};
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
                impact.reasons[i] = QStringList {
                    QStringLiteral("survives: %1 depends on it and is never deleted, so Terraform "
                                   "never gets to it")
                        .arg(actual.document.resources[closure.parent[i]].id)};
        }
    }
    // A chain through a survivor no longer explains anything: point at another destroyed
    // dependency, or at nothing.
    for (int i = 0; i < n; ++i) {
        int &via = impact.via[i];
        if (!impact.destroys(i)) {
            via = -1;
        } else if (via >= 0 && survives[via]) {
            const auto &deps = result->graph.dependencies(i);
            auto other
                = std::find_if(deps.begin(), deps.end(), [&](int d) { return impact.destroys(d); });
            via = other == deps.end() ? -1 : *other;
        }
    }
    impact.destroyOrder.clear();
    for (int i : actual.impact.destroyOrder)
        (survives[i] ? cf.survivors : impact.destroyOrder).push_back(i);

    // Findings: what the rules raise now, compared by (code, node). A finding no rule raises (a
    // policy's) stays as long as its node's action is unchanged.
    const std::vector<Finding> now = evaluateFindings(result->document, impact, rules, overrides);
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
    for (const Finding &f : now) { // never expected: the tests hold every protection to it
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
            cf.effects.append(blocksDeleteEffect(context, p));
        } else if (p.effect == ProtectionEffect::KeepsData) {
            std::vector<int> keptHere;
            QStringList codes;
            if (!cf.runStopped) {
                QSet<QString> alone;
                for (const Finding &f : evaluateFindings(result->document, impact, rules, p.sets))
                    alone.insert(findingKey(f));
                for (const Finding &f : actual.findings) {
                    if (f.node < 0 || !impact.destroys(f.node) || alone.contains(findingKey(f))
                        || !ruleCodes.contains(f.code) || !removedKeys.contains(findingKey(f))
                        || !p.settingFor(actual.document.resources[f.node].address.type))
                        continue;
                    if (std::find(keptHere.begin(), keptHere.end(), f.node) == keptHere.end())
                        keptHere.push_back(f.node);
                    if (!codes.contains(f.code))
                        codes.append(f.code);
                    kept[f.node] = true;
                }
            }
            cf.effects.append(keepsDataEffect(context, p, keptHere, codes));
        } else {
            cf.effects.append(stopEffect(context, p, stops[k]));
        }
    }
    for (int i : impact.destroyOrder) {
        if (kept[i]) {
            cf.dataKept.push_back(i);
            impact.reasons[i].append(
                QStringLiteral("destroyed, but its data is kept (a protection answers its "
                               "data-loss findings)"));
        }
    }
    cf.analysis = std::move(result);
    return cf;
}

} // namespace bg::core
