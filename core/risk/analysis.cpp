// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/analysis.h"

#include "core/review/replay.h"
#include "core/risk/nextplan.h"

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
    settleOutcomes(a, rules);
    if (a.mode == AnalysisMode::Plan)
        a.warnings = planWarnings(a.document(), a.impact, rules);
}

bool answered(Outcome outcome)
{
    return outcome == Outcome::Refused || outcome == Outcome::DataKept
        || outcome == Outcome::NotReached;
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

int Analysis::outcomeCount(Outcome outcome) const
{
    return int(std::count_if(outcomes.begin(), outcomes.end(),
        [outcome](const NodeOutcome &o) { return o.outcome == outcome; }));
}

int Analysis::pointOfNoReturn() const
{
    const std::vector<bool> lost = lossNodes();
    for (int node : replayOrder(*this).nodes) {
        if (lost[node])
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

std::vector<bool> Analysis::lossNodes() const
{
    // A project boundary needs an acknowledgement, and loses nothing itself.
    std::vector<bool> lost(document().resources.size(), false);
    for (const Finding &f : findings) {
        if (f.severity == Severity::Critical && f.node >= 0
            && f.code != QLatin1String(ProjectBoundaryCode))
            lost[size_t(f.node)] = true;
    }
    for (size_t i = 0; i < lost.size() && i < outcomes.size(); ++i)
        lost[i] = lost[i] && !answered(outcomes[i].outcome);
    return lost;
}

std::vector<int> Analysis::stops() const
{
    std::vector<int> out;
    for (int node : replayOrder(*this).nodes) {
        const NodeOutcome &o = outcomes[size_t(node)];
        if (o.outcome == Outcome::Refused && o.certain)
            out.push_back(node);
    }
    return out;
}

QString Analysis::verdict() const
{
    bool lost = outcomeCount(Outcome::DataLost) > 0;
    for (const Finding &f : findings) {
        if (f.severity == Severity::Critical
            && (f.node < 0 || outcomes[size_t(f.node)].outcome == Outcome::None
                || outcomes[size_t(f.node)].outcome == Outcome::DataLost))
            lost = true;
    }
    if (lost)
        return QStringLiteral("DATA LOSS");
    if (!stops().empty())
        return QStringLiteral("APPLY FAILS");
    if (criticalCount() > 0)
        return QStringLiteral("NEEDS APPROVAL");
    return {};
}

QString Analysis::firstCritical(const RuleSet &rules) const
{
    // A critical finding the apply really carries out first; else a lesser finding whose rule
    // says data is lost (a data volume that goes with its instance). The projects hit are the
    // headline's own sentence, and so are the other stacks broken: their findings are not told
    // again here.
    const auto told = [this](const Finding &f) {
        return (!projectsHit.empty() && f.code == QLatin1String(ProjectBoundaryCode))
            || (estate && !estate->breaks.empty() && f.code == QLatin1String(CrossStackBreakCode));
    };
    const Finding *first = nullptr;
    for (const Finding &f : findings) {
        if (f.severity == Severity::Critical && !told(f)
            && (f.node < 0 || !answered(outcomes[size_t(f.node)].outcome))) {
            first = &f;
            break;
        }
    }
    for (const Finding &f : findings) {
        if (first)
            break;
        const FindingRule *rule = rules.finding(f.code);
        if (f.node >= 0 && rule && rule->outcome && rule->outcome->kind == OutcomeKind::DataLost
            && outcomes[size_t(f.node)].outcome == Outcome::DataLost)
            first = &f;
    }
    if (!first)
        return {};
    const FindingRule *rule = rules.finding(first->code);
    const QString loss = rule && rule->loss && !rule->loss->isEmpty() ? *rule->loss
        : !first->outcomeWords.isEmpty()                              ? first->outcomeWords.text()
                                                                      : first->code;
    const int others = criticalCount() - int(first->severity == Severity::Critical)
        - int(std::count_if(findings.begin(), findings.end(), told));
    return QStringLiteral("%1 — %2%3")
        .arg(first->address, loss,
            others > 0 ? QStringLiteral(" (and %1 more critical finding%2)")
                             .arg(others)
                             .arg(others == 1 ? QString() : QStringLiteral("s"))
                       : QString());
}

QString Analysis::outcomeSentence(int node) const
{
    const NodeOutcome &o = outcomes[size_t(node)];
    switch (o.outcome) {
    case Outcome::Refused:
        return o.certain
            ? QStringLiteral("refused — %1; the apply fails here").arg(o.refusedBecause())
            : QStringLiteral("refused if not empty — %1").arg(o.refusedBecause());
    case Outcome::DataKept:
        return QStringLiteral("data kept in %1").arg(o.keptIn());
    case Outcome::NotReached:
        return QStringLiteral("not reached — waits for %1, which is refused")
            .arg(o.waitsOn >= 0 ? document().resources[size_t(o.waitsOn)].id : QString());
    case Outcome::DataLost:
        return o.lost().isEmpty() ? QStringLiteral("data lost for good")
                                  : QStringLiteral("data lost for good: %1").arg(o.lost());
    default:
        return {};
    }
}

QString Analysis::outcomesLine() const
{
    QStringList parts;
    for (Outcome o : {Outcome::DataLost, Outcome::DataKept, Outcome::Refused, Outcome::NotReached,
             Outcome::Destroyed}) {
        if (const int n = outcomeCount(o))
            parts.append(QStringLiteral("%1 %2").arg(n).arg(
                outcomeName(o).replace(QLatin1Char('_'), QLatin1Char(' '))));
    }
    return parts.isEmpty() ? QString()
                           : QStringLiteral("Outcomes: ") + parts.join(QStringLiteral(", "));
}

namespace {

QString joinAnd(const QStringList &parts)
{
    if (parts.size() <= 1)
        return parts.value(0);
    return parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ")
        + parts.last();
}

// "; the apply stops at ADDRESS (deletion_protection)" and how many more refusals.
QString stopClause(const Analysis &a)
{
    const std::vector<int> stops = a.stops();
    if (stops.empty())
        return {};
    const NodeOutcome &o = a.outcomes[size_t(stops.front())];
    QString clause = QStringLiteral("; the apply stops at %1 (%2)")
                         .arg(a.document().resources[size_t(stops.front())].id, o.brief());
    if (stops.size() > 1)
        clause += QStringLiteral(" and at %1 more refused delete%2")
                      .arg(stops.size() - 1)
                      .arg(stops.size() == 2 ? QString() : QStringLiteral("s"));
    return clause;
}

} // namespace

QString Analysis::headline(const RuleSet &rules) const
{
    const QString projects = projectsSentence(projectsHit);
    QString base = projects.isEmpty() ? destroysLine(rules)
                                      : projects + QStringLiteral(". ") + destroysLine(rules);
    const QString breaks = breaksSentence();
    if (breaks.isEmpty())
        return base;
    return base + (base.endsWith(QLatin1Char('.')) ? QStringLiteral(" ") : QStringLiteral(". "))
        + breaks;
}

QString Analysis::breaksSentence() const
{
    if (!estate || estate->breaks.empty())
        return {};
    const auto hit = estate->stacksHit();
    QStringList names;
    for (const auto &[stack, count] : hit)
        names.append(QStringLiteral("%1 (%2)").arg(stack).arg(count));
    const int broken = estate->brokenCount();
    return QStringLiteral("It breaks %1 in %2: %3.")
        .arg(plural(broken, QStringLiteral("resource"), QStringLiteral("resources")),
            plural(int(hit.size()), QStringLiteral("other stack"), QStringLiteral("other stacks")),
            names.join(QStringLiteral(", ")));
}

QString Analysis::destroysLine(const RuleSet &rules) const
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
    int destroyed = 0, otherData = 0, lost = 0, kept = 0, refused = 0, maybeRefused = 0,
        notReached = 0, undone = 0;
    QString keptIn, maybeBrief;
    for (size_t i = 0; i < categories.size(); ++i) {
        if (!impact.destroys(int(i)))
            continue;
        ++destroyed;
        const NodeOutcome &o = outcomes[i];
        undone += int(
            (o.outcome == Outcome::Refused && o.certain) || o.outcome == Outcome::NotReached);
        const bool dataStore = rules.isDataCategory(categories[i]);
        if (dataStore)
            ++dataHits[categories[i]];
        else if (o.outcome == Outcome::DataLost || o.outcome == Outcome::DataKept)
            ++otherData;
        else
            continue;
        switch (o.outcome) {
        case Outcome::DataLost:
            ++lost;
            break;
        case Outcome::DataKept:
            if (kept++ == 0)
                keptIn = o.keptIn();
            break;
        case Outcome::Refused:
            if (o.certain) {
                ++refused;
            } else if (maybeRefused++ == 0) {
                maybeBrief = o.brief();
            }
            break;
        case Outcome::NotReached:
            ++notReached;
            break;
        default:
            break;
        }
    }
    QString stop = stopClause(*this);
    // Data lost by an in-place change (a retention set to 0), beside whatever is destroyed.
    int inPlace = 0, firstInPlace = -1;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        if (outcomes[i].outcome == Outcome::DataLost && !impact.destroys(int(i)) && inPlace++ == 0)
            firstInPlace = int(i);
    }
    if (destroyed > 0 && inPlace > 0) {
        const NodeOutcome &o = outcomes[size_t(firstInPlace)];
        stop += QStringLiteral("; in place, loses %1 of %2%3")
                    .arg(o.lost().isEmpty() ? QStringLiteral("the data") : o.lost(),
                        document().resources[size_t(firstInPlace)].id,
                        inPlace > 1 ? QStringLiteral(" (and data of %1 more)").arg(inPlace - 1)
                                    : QString());
    }
    if (destroyed == 0) {
        if (mode == AnalysisMode::State) {
            // What the next plan does to tainted and deposed objects (nextplan.h).
            const QString next = nextPlanSummary(*this, rules);
            return next.isEmpty()
                ? QStringLiteral("A state: nothing is destroyed until you simulate a destroy.")
                : QStringLiteral("A state: nothing is destroyed until you simulate a destroy; but "
                                 "the next plan %1.")
                      .arg(next);
        }
        // Nothing destroyed, yet data may be lost: a retention set to 0 in place, or a data
        // store deleted outside Terraform that the plan creates again, empty. Say so, never
        // "DATA LOSS: nothing".
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
    if (otherData > 0)
        parts.append(plural(otherData, QStringLiteral("other resource holding data"),
            QStringLiteral("other resources holding data")));
    const int replaced = impact.count(Action::Replace);
    QString verb = replaced == 0 ? QStringLiteral("Deletes")
        : replaced == destroyed  ? QStringLiteral("Replaces")
                                 : QStringLiteral("Deletes or replaces");
    if (mode == AnalysisMode::WhatIf)
        verb = QStringLiteral("Would delete");
    QString total = QStringLiteral("%1 of %2 resources destroyed")
                        .arg(destroyed - undone)
                        .arg(impact.countedNodes());
    if (undone > 0)
        total += QStringLiteral("; %1 planned destroy%2 never happen%3")
                     .arg(undone)
                     .arg(undone == 1 ? QString() : QStringLiteral("s"))
                     .arg(undone == 1 ? QStringLiteral("s") : QString());
    if (parts.isEmpty()) {
        const QString critical = firstCritical(rules);
        return QStringLiteral("%1 %2; no data store among them%3%4.")
            .arg(verb, plural(destroyed, QStringLiteral("resource"), QStringLiteral("resources")),
                critical.isEmpty() ? QString() : QStringLiteral(", but ") + critical, stop);
    }
    QStringList fates;
    if (lost > 0 && lost < lost + kept + refused + maybeRefused + notReached)
        fates.append(QStringLiteral("%1 lost for good").arg(lost));
    if (kept > 0)
        fates.append(kept == 1 ? QStringLiteral("1 kept in %1").arg(keptIn)
                               : QStringLiteral("%1 kept (the first in %2)").arg(kept).arg(keptIn));
    if (refused > 0)
        fates.append(QStringLiteral("%1 refused").arg(refused));
    if (maybeRefused > 0)
        fates.append(
            QStringLiteral("%1 refused if not empty (%2)").arg(maybeRefused).arg(maybeBrief));
    if (notReached > 0)
        fates.append(QStringLiteral("%1 not reached").arg(notReached));
    const QString verdictWords
        = lost > 0 ? QStringLiteral("data loss") : QStringLiteral("no data lost");
    return QStringLiteral("%1 %2 — %3%4%5 (%6)")
        .arg(verb, joinAnd(parts), verdictWords,
            fates.isEmpty() ? QString() : QStringLiteral(": ") + fates.join(QStringLiteral(", ")),
            stop, total);
}

void settleOutcomes(Analysis &a, const RuleSet &rules)
{
    a.outcomes = applyOutcomes(a.document(), a.graph(), a.impact, a.categories, a.findings, rules);
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
