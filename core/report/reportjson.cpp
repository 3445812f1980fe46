// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/loader.h"
#include "core/report/report.h"
#include "core/report/reportfacts.h"
#include "core/resourcelocator.h"
#include "core/review/replay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bg::core::detail {

QByteArray renderJson(const Analysis &a, const RuleSet &rules)
{
    const Document &doc = a.document();
    QJsonObject summary;
    for (int i = 0; i < ActionCount; ++i)
        summary.insert(actionJsonKey(Action(i)), 0);
    const std::vector<bool> critical = a.criticalNodes();
    QJsonArray resources;
    for (int i = 0; i < int(doc.resources.size()); ++i) {
        const Resource &r = doc.resources[i];
        if (!a.impact.counted(i))
            continue; // known only from prior_state, and left as it is
        const Action action = a.impact.actions[i];
        const QString key = actionJsonKey(action);
        summary.insert(key, summary.value(key).toInt() + 1);
        QJsonObject entry {{QStringLiteral("address"), r.address.instanceString()},
            {QStringLiteral("type"), r.address.type},
            {QStringLiteral("mode"),
                r.isData() ? QStringLiteral("data") : QStringLiteral("managed")},
            {QStringLiteral("action"), actionName(action)},
            {QStringLiteral("category"), a.categories[i]},
            {QStringLiteral("critical"), bool(critical[i])},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(a.impact.reasons[i])}};
        const NodeOutcome &o = a.outcomes[size_t(i)];
        entry.insert(QStringLiteral("outcome"), outcomeName(o.outcome));
        if (o.outcome == Outcome::DataKept)
            entry.insert(QStringLiteral("kept_in"), o.keptIn);
        if (o.outcome == Outcome::Refused) {
            entry.insert(QStringLiteral("refused_because"), o.refusedBecause);
            entry.insert(QStringLiteral("refusal_certain"), o.certain);
        }
        if (o.outcome == Outcome::DataLost && !o.lost.isEmpty())
            entry.insert(QStringLiteral("lost"), o.lost);
        if (o.outcome == Outcome::NotReached && o.waitsOn >= 0)
            entry.insert(QStringLiteral("waits_on"), doc.resources[size_t(o.waitsOn)].id);
        if (!r.address.deposed.isEmpty())
            entry.insert(QStringLiteral("deposed"), r.address.deposed);
        addResourceFacts(a, i, rules, &entry);
        if (a.impact.via[i] >= 0)
            entry.insert(
                QStringLiteral("chain"), QJsonArray::fromStringList(a.impact.chain(doc, i)));
        resources.append(entry);
    }
    summary.insert(QStringLiteral("critical"), a.criticalCount());
    if (!a.projectsHit.empty()) {
        QJsonArray projects;
        for (const ProjectHit &p : a.projectsHit)
            projects.append(QJsonObject {{QStringLiteral("name"), p.name},
                {QStringLiteral("tag"), p.tag}, {QStringLiteral("resources"), p.count}});
        summary.insert(QStringLiteral("projects"), projects);
    }
    QJsonObject outcomes;
    for (int i = 0; i < OutcomeCount; ++i)
        outcomes.insert(outcomeName(Outcome(i)), a.outcomeCount(Outcome(i)));
    summary.insert(QStringLiteral("outcomes"), outcomes);
    QJsonArray stops;
    for (int node : a.stops())
        stops.append(doc.resources[size_t(node)].id);

    QJsonArray findings;
    for (const Finding &f : a.findings) {
        const Address &address = doc.resources[f.node].address;
        QJsonObject finding {{QStringLiteral("severity"), severityName(f.severity)},
            {QStringLiteral("code"), f.code}, {QStringLiteral("address"), address.instanceString()},
            {QStringLiteral("message"), f.message}};
        if (!address.deposed.isEmpty())
            finding.insert(QStringLiteral("deposed"), address.deposed);
        findings.append(finding);
    }
    QJsonArray warnings;
    for (const Warning &w : a.warnings)
        warnings.append(
            QJsonObject {{QStringLiteral("code"), w.code}, {QStringLiteral("message"), w.message}});
    // The destroy order is the replay's (replay.h), the order the text and Markdown tell.
    QJsonArray order;
    QJsonArray replay;
    for (const ReplayStep &step : destroyReplay(a, rules)) {
        order.append(doc.resources[step.node].id);
        replay.append(QJsonObject {{QStringLiteral("step"), step.goneBefore + 1},
            {QStringLiteral("wave"), step.wave + 1},
            {QStringLiteral("address"), doc.resources[step.node].id},
            {QStringLiteral("action"), actionName(a.impact.actions[step.node])},
            {QStringLiteral("data_loss"), step.dataLoss},
            {QStringLiteral("point_of_no_return"), step.pointOfNoReturn},
            {QStringLiteral("sentence"), step.sentence}});
    }

    QJsonObject input {{QStringLiteral("path"), doc.path},
        {QStringLiteral("kind"), documentKindName(doc.kind)},
        {QStringLiteral("sha256"), fileSha256(doc)}};
    if (!doc.formatVersion.isEmpty())
        input.insert(QStringLiteral("format_version"), doc.formatVersion);
    if (!doc.terraformVersion.isEmpty())
        input.insert(QStringLiteral("terraform_version"), doc.terraformVersion);
    if (doc.kind == DocumentKind::RawState) {
        input.insert(QStringLiteral("lineage"), doc.lineage);
        input.insert(QStringLiteral("serial"), doc.serial);
    }
    QJsonObject root {{QStringLiteral("schema"), QStringLiteral("blastguard.report/v1")},
        {QStringLiteral("tool"), QStringLiteral("blastguard %1").arg(toolVersion())},
        {QStringLiteral("mode"),
            a.mode == AnalysisMode::Plan        ? QStringLiteral("plan")
                : a.mode == AnalysisMode::State ? QStringLiteral("state")
                                                : QStringLiteral("what-if")},
        {QStringLiteral("input"), input}, {QStringLiteral("headline"), a.headline(rules)},
        {QStringLiteral("verdict"), a.verdict()}, {QStringLiteral("stops_at"), stops},
        {QStringLiteral("summary"), summary}, {QStringLiteral("resources"), resources},
        {QStringLiteral("findings"), findings}, {QStringLiteral("warnings"), warnings},
        {QStringLiteral("destroy_order"), order}, {QStringLiteral("replay"), replay},
        {QStringLiteral("point_of_no_return"),
            a.pointOfNoReturn() >= 0 ? QJsonValue(doc.resources[a.pointOfNoReturn()].id)
                                     : QJsonValue()},
        {QStringLiteral("graph"),
            QJsonObject {{QStringLiteral("nodes"), a.graph().size()},
                {QStringLiteral("edges"), a.graph().edgeCount()}}},
        {QStringLiteral("notes"), QJsonArray::fromStringList(a.notes)}};
    // Both hashes of a plan read from a saved plan: the JSON's, the saved plan's (approvals
    // bind both).
    if (doc.kind == DocumentKind::Plan)
        root.insert(
            QStringLiteral("plan"), QJsonObject {{QStringLiteral("sha256"), fileSha256(doc)}});
    if (!doc.savedPlanSha256.isEmpty())
        root.insert(QStringLiteral("saved_plan"),
            QJsonObject {{QStringLiteral("sha256"), doc.savedPlanSha256}});
    addFactLists(a, &root);
    addEstateJson(a, &root);
    if (a.mode == AnalysisMode::WhatIf) {
        QJsonArray targets;
        for (int t : a.impact.targets)
            targets.append(doc.resources[t].id);
        root.insert(QStringLiteral("targets"), targets);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace bg::core::detail
