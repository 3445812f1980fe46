// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/reportfacts.h"

#include "core/risk/masking.h"
#include "core/risk/nextplan.h"

#include <QJsonArray>

namespace bg::core::detail {

QString deferredReasonWords(const QString &reason)
{
    // internal/command/jsonplan/plan.go: DeferredReason* and the provider protocol's reasons
    // they come from (providers.DeferredReason*).
    if (reason == QLatin1String("instance_count_unknown"))
        return QStringLiteral("its count or for_each is not known yet");
    if (reason == QLatin1String("resource_config_unknown"))
        return QStringLiteral("its configuration holds values not known yet");
    if (reason == QLatin1String("provider_config_unknown"))
        return QStringLiteral("its provider's configuration is not known yet");
    if (reason == QLatin1String("absent_prereq"))
        return QStringLiteral("something it needs does not exist yet");
    if (reason == QLatin1String("deferred_prereq"))
        return QStringLiteral("something it depends on was deferred too");
    if (reason == QLatin1String("excluded"))
        return QStringLiteral("it was excluded from this run");
    if (reason == QLatin1String("not_included"))
        return QStringLiteral("it was not included in this run");
    return QStringLiteral("for a reason Terraform did not name");
}

namespace {

QString deferredAction(const DeferredChange &d)
{
    return d.action ? actionName(*d.action) : QStringLiteral("unknown action");
}

QString deferredAddress(const DeferredChange &d)
{
    return d.deposed.isEmpty() ? d.address
                               : QStringLiteral("%1 (deposed object %2)").arg(d.address, d.deposed);
}

} // namespace

std::vector<FactSection> factSections(const Analysis &a, const RuleSet &rules)
{
    const Document &doc = a.document();
    std::vector<FactSection> sections;
    if (a.mode == AnalysisMode::State) {
        const std::vector<NextPlanStep> steps = nextPlanOfState(doc);
        if (!steps.empty()) {
            FactSection s;
            s.total = qsizetype(steps.size());
            s.heading = QStringLiteral("What the next plan does to this state (%1)").arg(s.total);
            for (const NextPlanStep &step : steps)
                s.items.push_back(
                    {doc.resources[size_t(step.node)].id, nextPlanWords(a, step, rules)});
            sections.push_back(std::move(s));
        }
    }
    if (doc.deferredTotal > 0) {
        FactSection s;
        s.total = doc.deferredTotal;
        s.heading = QStringLiteral("Deferred (not applied in this run) (%1)").arg(s.total);
        for (const DeferredChange &d : doc.deferred)
            s.items.push_back({deferredAddress(d),
                QStringLiteral("%1, deferred because %2 (%3)")
                    .arg(deferredAction(d), deferredReasonWords(d.reason),
                        d.reason.isEmpty() ? QStringLiteral("no reason given") : d.reason)});
        sections.push_back(std::move(s));
    }
    if (doc.actionInvocationsTotal > 0) {
        FactSection s;
        s.total = doc.actionInvocationsTotal;
        s.heading = QStringLiteral("Actions this apply runs (%1)").arg(s.total);
        for (const ActionInvocation &ai : doc.actionInvocations) {
            QString words = ai.type.isEmpty() ? QStringLiteral("action") : ai.type;
            if (ai.lifecycle)
                words
                    += QStringLiteral(", triggered by %1 of %2")
                           .arg(ai.event.isEmpty() ? QStringLiteral("an event") : ai.event,
                               ai.resource.isEmpty() ? QStringLiteral("a resource") : ai.resource);
            else
                words += ai.resource.isEmpty()
                    ? QStringLiteral(", invoked directly (-invoke)")
                    : QStringLiteral(", invoked directly (-invoke) for %1").arg(ai.resource);
            s.items.push_back({ai.address, words});
        }
        sections.push_back(std::move(s));
    }
    return sections;
}

void addResourceFacts(const Analysis &a, int node, const RuleSet &rules, QJsonObject *entry)
{
    const Resource &r = a.document().resources[size_t(node)];
    if (r.tainted)
        entry->insert(QStringLiteral("status"), QStringLiteral("tainted"));
    if (a.mode == AnalysisMode::State && !r.isData()) {
        if (!r.address.deposed.isEmpty())
            entry->insert(QStringLiteral("next_plan"), QStringLiteral("delete"));
        else if (r.tainted)
            entry->insert(QStringLiteral("next_plan"), QStringLiteral("replace"));
    }
    // The identity the object has after the change, else before it (a delete, a state).
    const bool after = r.afterIdentity.range().isValid();
    if (after || r.beforeIdentity.range().isValid())
        entry->insert(QStringLiteral("identity"),
            shownValues(
                maskedIdentity(a.document(), r, after ? Side::After : Side::Before, rules)));
}

void addFactLists(const Analysis &a, QJsonObject *root)
{
    const Document &doc = a.document();
    QJsonArray deferred;
    for (const DeferredChange &d : doc.deferred) {
        QJsonObject o {{QStringLiteral("address"), d.address},
            {QStringLiteral("action"),
                d.action ? actionName(*d.action) : QStringLiteral("unknown")},
            {QStringLiteral("reason"), d.reason}};
        if (!d.deposed.isEmpty())
            o.insert(QStringLiteral("deposed"), d.deposed);
        deferred.append(o);
    }
    root->insert(QStringLiteral("deferred"), deferred);
    root->insert(QStringLiteral("deferred_total"), doc.deferredTotal);
    QJsonArray actions;
    for (const ActionInvocation &ai : doc.actionInvocations) {
        QJsonObject o {{QStringLiteral("address"), ai.address}, {QStringLiteral("type"), ai.type},
            {QStringLiteral("trigger"),
                ai.lifecycle ? QStringLiteral("lifecycle") : QStringLiteral("invoke")}};
        if (!ai.provider.isEmpty())
            o.insert(QStringLiteral("provider_name"), ai.provider);
        if (!ai.resource.isEmpty())
            o.insert(QStringLiteral("resource"), ai.resource);
        if (!ai.event.isEmpty())
            o.insert(QStringLiteral("event"), ai.event);
        actions.append(o);
    }
    root->insert(QStringLiteral("action_invocations"), actions);
    root->insert(QStringLiteral("action_invocations_total"), doc.actionInvocationsTotal);
    QJsonArray next;
    if (a.mode == AnalysisMode::State) {
        for (const NextPlanStep &step : nextPlanOfState(doc)) {
            const Resource &r = doc.resources[size_t(step.node)];
            QJsonObject o {{QStringLiteral("address"), r.address.instanceString()},
                {QStringLiteral("action"), actionName(step.action)},
                {QStringLiteral("because"),
                    step.action == Action::Replace ? QStringLiteral("tainted")
                                                   : QStringLiteral("deposed")}};
            if (!r.address.deposed.isEmpty())
                o.insert(QStringLiteral("deposed"), r.address.deposed);
            next.append(o);
        }
    }
    root->insert(QStringLiteral("next_plan"), next);
}

} // namespace bg::core::detail
