// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/replay.h"

#include <QHash>
#include <algorithm>
#include <array>
#include <deque>

namespace bg::core {

namespace {

// What a data store's loss means, by category, as the rules say it; a category they give no
// words for gets a generic one.
QString categoryWords(const RuleSet &rules, const QString &category)
{
    const QString words = rules.dataCategoryLoss(category);
    return words.isEmpty() ? QStringLiteral("a data store (%1)").arg(category) : words;
}

// Short words for a critical finding, from its rule's "loss" (empty: the category already says
// it all). A finding whose rule has none (a user's rule, or one the engine raises itself) is
// told by the first sentence of its message.
QString findingWords(const RuleSet &rules, const Finding &f)
{
    if (const FindingRule *rule = rules.finding(f.code); rule && rule->loss)
        return *rule->loss;
    QString first = f.message.text().section(QStringLiteral(". "), 0, 0).simplified();
    if (first.endsWith(QLatin1Char('.')))
        first.chop(1);
    return first.size() > 160 ? first.left(159) + QStringLiteral("…") : first;
}

QString lossInWords(
    const Analysis &a, const RuleSet &rules, int node, const std::vector<const Finding *> &critical)
{
    // Words of loss only where a critical finding says data is lost: a data store whose delete
    // loses nothing (an S3 bucket without force_destroy refuses to go while it holds objects)
    // reads like any other resource, so the words never run ahead of the point of no return.
    const QString &category = a.categories[size_t(node)];
    if (critical.empty())
        return {};
    QStringList parts;
    if (rules.isDataCategory(category))
        parts.append(categoryWords(rules, category));
    else
        parts.append(QStringLiteral("(%1)").arg(category));
    for (const Finding *f : critical) {
        const QString words = findingWords(rules, *f);
        if (!words.isEmpty() && !parts.contains(words))
            parts.append(words);
    }
    // "Every backup of it": snapshots taken of this store that the same destroy takes.
    int snapshots = 0;
    for (int dependent : a.graph().dependents(node)) {
        snapshots += int(a.impact.destroys(dependent)
            && a.categories[size_t(dependent)] == QLatin1String("snapshot"));
    }
    if (snapshots > 0 && category != QLatin1String("snapshot"))
        parts.append(snapshots == 1
                ? QStringLiteral("its snapshot is destroyed too")
                : QStringLiteral("its %1 snapshots are destroyed too").arg(snapshots));
    return parts.join(QStringLiteral("; "));
}

} // namespace

QString ReplayStep::sentence(const Document &document) const
{
    QString out;
    sentencePieces(document, [&out](std::initializer_list<QStringView> pieces) {
        for (QStringView piece : pieces)
            out += piece;
    });
    return out;
}

ReplayOrder replayOrder(const Analysis &a)
{
    // Kahn's algorithm over every node, like DependencyGraph::destroyOrder, carrying each
    // node's wave down to what it depends on: a node waits for all its dependents.
    if (a.impact.destroyOrder.empty())
        return {}; // nothing destroyed: no waves to count
    const int n = a.graph().size();
    const int all = a.graph().vertexCount(); // hubs too: they carry a wave, add none
    std::vector<int> pending(size_t(all), 0);
    std::vector<int> wave(size_t(all), 0);
    std::deque<int> ready;
    for (int v = 0; v < all; ++v) {
        pending[size_t(v)] = int(a.graph().vertexDependents(v).size());
        if (pending[size_t(v)] == 0)
            ready.push_back(v);
    }
    std::vector<bool> done(size_t(n), false);
    int last = -1; // the highest wave of a destroyed node
    while (!ready.empty()) {
        const int vertex = ready.front();
        ready.pop_front();
        const bool destroyed = vertex < n && a.impact.destroys(vertex);
        if (vertex < n)
            done[size_t(vertex)] = true;
        if (destroyed)
            last = std::max(last, wave[size_t(vertex)]);
        for (int dep : a.graph().vertexDependencies(vertex)) {
            wave[size_t(dep)] = std::max(wave[size_t(dep)], wave[size_t(vertex)] + int(destroyed));
            if (--pending[size_t(dep)] == 0)
                ready.push_back(dep);
        }
    }
    for (int i = 0; i < n; ++i) {
        if (!done[size_t(i)])
            wave[size_t(i)] = last + 1; // in a cycle, or below one
    }
    ReplayOrder order;
    order.nodes = a.impact.destroyOrder;
    std::stable_sort(order.nodes.begin(), order.nodes.end(),
        [&](int x, int y) { return wave[size_t(x)] < wave[size_t(y)]; });
    // Dense: a wave with no destroyed node in it (possible only after a cycle) is skipped.
    int previous = -1, dense = -1;
    order.waves.reserve(order.nodes.size());
    for (int node : order.nodes) {
        if (wave[size_t(node)] != previous) {
            previous = wave[size_t(node)];
            ++dense;
        }
        order.waves.push_back(dense);
    }
    return order;
}

std::vector<ReplayStep> destroyReplay(const Analysis &a, const RuleSet &rules)
{
    std::vector<ReplayStep> steps;
    steps.reserve(a.impact.destroyOrder.size());
    forEachReplayStep(a, rules, [&steps](ReplayStep &&step) { steps.push_back(std::move(step)); });
    return steps;
}

void forEachReplayStep(
    const Analysis &a, const RuleSet &rules, const std::function<void(ReplayStep &&)> &visit)
{
    const ReplayOrder order = replayOrder(a);
    const std::vector<bool> critical = a.lossNodes();
    // The critical findings by node, in their order within a node (a list by node would cost
    // 24 bytes a node, and most nodes have none).
    std::vector<const Finding *> findings;
    for (const Finding &f : a.findings) {
        if (f.severity == Severity::Critical && f.node >= 0
            && f.code != QLatin1String(ProjectBoundaryCode)) // a boundary loses nothing
            findings.push_back(&f);
    }
    std::stable_sort(findings.begin(), findings.end(),
        [](const Finding *f, const Finding *g) { return f->node < g->node; });
    const auto findingsOf = [&](int node) {
        const auto from = std::lower_bound(findings.begin(), findings.end(), node,
            [](const Finding *f, int n) { return f->node < n; });
        const auto to = std::upper_bound(
            from, findings.end(), node, [](int n, const Finding *f) { return n < f->node; });
        return std::vector<const Finding *>(from, to);
    };
    std::array<QHash<QString, QString>, 2> plainWhats; // "deleted (network)", by category
    const auto plainWhat = [&](bool replaced, const QString &category) -> const QString & {
        QString &what = plainWhats[size_t(replaced)][category];
        if (what.isEmpty())
            what = (replaced ? QStringLiteral("replaced (") : QStringLiteral("deleted ("))
                + category + QLatin1Char(')');
        return what;
    };
    const int noReturn = a.pointOfNoReturn();
    const int total = int(order.nodes.size());
    int dataGone = 0;
    for (int i = 0; i < total; ++i) {
        const int node = order.nodes[size_t(i)];
        ReplayStep step;
        step.node = node;
        step.wave = order.waves[size_t(i)];
        step.dataLoss = critical[size_t(node)];
        step.pointOfNoReturn = node == noReturn;
        step.goneBefore = i;
        step.total = total;
        step.dataGoneBefore = dataGone;
        const Outcome outcome = a.outcomes[size_t(node)].outcome;
        // A refused or unreached step loses nothing, and a kept one keeps its data: their
        // critical findings are not what happens.
        step.loss = outcome == Outcome::Refused || outcome == Outcome::NotReached
                || outcome == Outcome::DataKept
            ? QString()
            : lossInWords(a, rules, node, findingsOf(node));
        const bool replaced = a.impact.actions[size_t(node)] == Action::Replace;
        const QString verb = replaced ? QStringLiteral("replaced") : QStringLiteral("deleted");
        const bool certain = a.outcomes[size_t(node)].certain;
        if ((outcome == Outcome::Refused && certain) || outcome == Outcome::NotReached)
            step.what = a.outcomeSentence(node);
        else if (outcome == Outcome::Refused) // it goes if empty, else it stays with its data
            step.what = QStringLiteral("%1 if empty — %2").arg(verb, a.outcomeSentence(node));
        else if (outcome == Outcome::DataKept)
            step.what = QStringLiteral("%1 — %2").arg(verb, a.outcomeSentence(node));
        else if (!step.loss.isEmpty())
            step.what = verb + QStringLiteral(" — ") + step.loss;
        else // most steps: one string per action and category, shared
            step.what = plainWhat(replaced, a.categories[size_t(node)]);
        dataGone += int(rules.isDataCategory(a.categories[size_t(node)])
            && outcome != Outcome::Refused && outcome != Outcome::NotReached);
        visit(std::move(step));
    }
}

} // namespace bg::core
