// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/loader.h"
#include "core/report/jsonstream.h"
#include "core/report/report.h"
#include "core/report/reportfacts.h"
#include "core/resourcelocator.h"
#include "core/review/replay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>

namespace bg::core::detail {

namespace {

// A resource's chain lists up to this many addresses; a longer one its first 19 and its last,
// and chain_length says how long it is (each of a line of 20,000 deletes listing the whole line
// after it wrote gigabytes).
constexpr int MaxListedChain = 20;

// One resource of resources[], its members in key order (as QJsonObject would sort them).
void writeResource(JsonStream &out, const Analysis &a, int i, bool critical, const RuleSet &rules)
{
    const Document &doc = a.document();
    const Impact::ChainEnds &ends = a.impact.ends;
    const Resource &r = doc.resources[size_t(i)];
    const Action action = a.impact.actions[i];
    const NodeOutcome &o = a.outcomes[size_t(i)];
    QJsonObject facts; // status, next_plan, identity: few resources have any
    addResourceFacts(a, i, rules, &facts);
    out.beginObject();
    out.key("action");
    out.string(actionName(action));
    out.key("address");
    out.string(r.address.deposed.isEmpty() ? r.id : r.address.instanceString());
    out.key("category");
    out.string(a.categories[i]);
    if (a.impact.via[i] >= 0) {
        out.key("chain");
        out.beginArray();
        a.impact.forEachInChain(
            i, MaxListedChain, ends, [&](int n) { out.string(doc.resources[size_t(n)].id); });
        out.end();
        if (ends.length[size_t(i)] > MaxListedChain) {
            out.key("chain_length");
            out.number(ends.length[size_t(i)]);
        }
    }
    out.key("critical");
    out.boolean(critical);
    if (!r.address.deposed.isEmpty()) {
        out.key("deposed");
        out.string(r.address.deposed);
    }
    if (facts.contains(QLatin1String("identity"))) {
        out.key("identity");
        out.value(facts.value(QLatin1String("identity")));
    }
    if (o.outcome == Outcome::DataKept) {
        out.key("kept_in");
        out.string(o.keptIn());
    }
    if (o.outcome == Outcome::DataLost && !o.lost().isEmpty()) {
        out.key("lost");
        out.string(o.lost());
    }
    out.key("mode");
    out.string(r.isData() ? QStringLiteral("data") : QStringLiteral("managed"));
    if (facts.contains(QLatin1String("next_plan"))) {
        out.key("next_plan");
        out.value(facts.value(QLatin1String("next_plan")));
    }
    out.key("outcome");
    out.string(outcomeName(o.outcome));
    out.key("reasons");
    out.stringList(a.impact.reasonsOf(a.document(), i));
    if (o.outcome == Outcome::Refused) {
        out.key("refusal_certain");
        out.boolean(o.certain);
        out.key("refused_because");
        out.string(o.refusedBecause());
    }
    if (facts.contains(QLatin1String("status"))) {
        out.key("status");
        out.value(facts.value(QLatin1String("status")));
    }
    out.key("type");
    out.string(r.address.type);
    if (o.outcome == Outcome::NotReached && o.waitsOn >= 0) {
        out.key("waits_on");
        out.string(doc.resources[size_t(o.waitsOn)].id);
    }
    out.end();
}

} // namespace

// The report is written as it is made: the large lists (resources, findings, the destroy
// order and the replay) go to the sink one entry at a time and are never held whole; the rest
// is small and built the usual way.
void writeJson(const Analysis &a, const RuleSet &rules, const ByteSink &sink)
{
    const Document &doc = a.document();
    QJsonObject summary;
    std::array<int, ActionCount> byAction {};
    for (int i = 0; i < int(doc.resources.size()); ++i)
        if (a.impact.counted(i)) // not when known only from prior_state, and left as it is
            ++byAction[size_t(a.impact.actions[i])];
    for (int i = 0; i < ActionCount; ++i)
        summary.insert(actionJsonKey(Action(i)), byAction[size_t(i)]);
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

    QJsonArray warnings;
    for (const Warning &w : a.warnings)
        warnings.append(
            QJsonObject {{QStringLiteral("code"), w.code}, {QStringLiteral("message"), w.message}});
    const QString sha256 = fileSha256(doc); // once: hashing a large plan takes a while
    QJsonObject input {{QStringLiteral("path"), doc.path},
        {QStringLiteral("kind"), documentKindName(doc.kind)}, {QStringLiteral("sha256"), sha256}};
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
        {QStringLiteral("summary"), summary}, {QStringLiteral("warnings"), warnings},
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
        root.insert(QStringLiteral("plan"), QJsonObject {{QStringLiteral("sha256"), sha256}});
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
    // The large lists take their places among the members, in key order.
    const QString streamed[] = {QStringLiteral("destroy_order"), QStringLiteral("findings"),
        QStringLiteral("replay"), QStringLiteral("resources")};
    for (const QString &key : streamed)
        root.insert(key, QJsonValue());

    // The replay's steps are written as they are made, never held together.
    const std::vector<bool> critical = a.criticalNodes();
    JsonStream out(sink);
    out.beginObject();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QByteArray key = it.key().toUtf8();
        out.key(key);
        if (key == "destroy_order") { // the replay's order (replay.h), as text and Markdown tell
            out.beginArray();
            for (int node : replayOrder(a).nodes)
                out.string(doc.resources[node].id);
            out.end();
        } else if (key == "findings") {
            out.beginArray();
            for (const Finding &f : a.findings) {
                const Resource &r = doc.resources[f.node];
                const Address &address = r.address;
                out.beginObject();
                out.key("address");
                out.string(address.deposed.isEmpty() ? r.id : address.instanceString());
                out.key("code");
                out.string(f.code);
                if (!address.deposed.isEmpty()) {
                    out.key("deposed");
                    out.string(address.deposed);
                }
                out.key("message");
                out.string(f.message.text());
                out.key("severity");
                out.string(severityName(f.severity));
                out.end();
            }
            out.end();
        } else if (key == "replay") {
            out.beginArray();
            forEachReplayStep(a, rules, [&](ReplayStep &&step) {
                out.beginObject();
                out.key("action");
                out.string(actionName(a.impact.actions[step.node]));
                out.key("address");
                out.string(doc.resources[step.node].id);
                out.key("data_loss");
                out.boolean(step.dataLoss);
                out.key("point_of_no_return");
                out.boolean(step.pointOfNoReturn);
                out.key("sentence");
                step.sentencePieces(
                    doc, [&out](std::initializer_list<QStringView> pieces) { out.string(pieces); });
                out.key("step");
                out.number(step.goneBefore + 1);
                out.key("wave");
                out.number(step.wave + 1);
                out.end();
            });
            out.end();
        } else if (key == "resources") {
            out.beginArray();
            for (int i = 0; i < int(doc.resources.size()); ++i)
                if (a.impact.counted(i))
                    writeResource(out, a, i, critical[size_t(i)], rules);
            out.end();
        } else {
            out.value(it.value());
        }
    }
    out.end();
}

QByteArray renderJson(const Analysis &a, const RuleSet &rules)
{
    QByteArray bytes;
    writeJson(a, rules, [&bytes](QByteArrayView piece) { bytes.append(piece); });
    return bytes;
}

} // namespace bg::core::detail
