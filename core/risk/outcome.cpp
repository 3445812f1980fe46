// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/outcome.h"

#include "core/memory.h"

#include <deque>

namespace bg::core {

QString outcomeName(Outcome outcome)
{
    static const char *const names[]
        = {"none", "destroyed", "data_lost", "data_kept", "refused", "not_reached"};
    return QString::fromLatin1(names[int(outcome)]);
}

namespace {

// Refused (certain before uncertain) wins over kept, kept over lost: a final snapshot keeps
// the data even where the automated backups go.
int rank(const NodeOutcome &o)
{
    switch (o.outcome) {
    case Outcome::Refused:
        return o.certain ? 4 : 3;
    case Outcome::DataKept:
        return 2;
    case Outcome::DataLost:
        return 1;
    default:
        return 0;
    }
}

void take(NodeOutcome &into, const Finding &f, const RuleOutcome &rule)
{
    NodeOutcome o;
    switch (rule.kind) {
    case OutcomeKind::Refused:
        o.outcome = Outcome::Refused;
        o.editWords().refusedBecause = f.outcomeWords.text();
        o.editWords().brief = rule.brief;
        o.certain = rule.certain;
        break;
    case OutcomeKind::DataKept:
        o.outcome = Outcome::DataKept;
        o.editWords().keptIn = f.outcomeWords.text();
        break;
    case OutcomeKind::DataLost:
        o.outcome = Outcome::DataLost;
        o.editWords().lost = f.outcomeWords.text();
        break;
    }
    if (rank(o) > rank(into)) {
        into = std::move(o);
    } else if (o.outcome == into.outcome && o.outcome == Outcome::DataKept
        && !into.keptIn().contains(o.keptIn())) {
        into.editWords().keptIn += QStringLiteral(" and ") + o.keptIn(); // two copies kept
    } else if (o.outcome == into.outcome && o.outcome == Outcome::DataLost
        && into.lost().isEmpty()) {
        into.editWords().lost = o.lost();
    }
}

} // namespace

std::vector<NodeOutcome> applyOutcomes(const Document &doc, const DependencyGraph &graph,
    const Impact &impact, const NodeCategories &categories, const std::vector<Finding> &findings,
    const RuleSet &rules)
{
    const int n = int(doc.resources.size());
    auto out = memory::sizedVector<NodeOutcome>(static_cast<size_t>(n));
    for (const Finding &f : findings) {
        if (f.node < 0 || f.node >= n)
            continue;
        const FindingRule *rule = rules.finding(f.code);
        if (!rule || !rule->outcome)
            continue;
        // A refusal or a kept copy is about a delete: never about an update or a create.
        if (rule->outcome->kind != OutcomeKind::DataLost && !impact.destroys(f.node))
            continue;
        take(out[size_t(f.node)], f, *rule->outcome);
    }
    for (int i = 0; i < n; ++i) {
        NodeOutcome &o = out[size_t(i)];
        if (impact.destroys(i) && o.outcome == Outcome::None)
            o.outcome = rules.isDataCategory(categories[size_t(i)]) ? Outcome::DataLost
                                                                    : Outcome::Destroyed;
    }

    // What a certain refusal leaves unreached: breadth first from every refused node at once,
    // each node visited once in each direction, so linear in nodes and edges. A refused node
    // that waits for another refusal is not reached either.
    std::vector<int> seeds;
    for (int i = 0; i < n; ++i) {
        if (out[size_t(i)].outcome == Outcome::Refused && out[size_t(i)].certain)
            seeds.push_back(i);
    }
    // Walked over vertices, hubs included (graph.h), so that a dependency on every instance of
    // a resource costs one hub, not one edge per pair.
    const int vertices = graph.vertexCount();
    for (const bool towardsDependencies : {true, false}) {
        std::vector<int> origin(size_t(vertices), -1);
        std::vector<bool> visited(size_t(vertices), false);
        std::deque<int> queue;
        for (int seed : seeds) {
            // Destroys wait for their dependents' destroys; creates and updates wait for the
            // object a refused replacement never creates.
            if (towardsDependencies || impact.actions[size_t(seed)] == Action::Replace) {
                origin[size_t(seed)] = seed;
                queue.push_back(seed);
            }
        }
        while (!queue.empty()) {
            const int vertex = queue.front();
            queue.pop_front();
            const auto &next = towardsDependencies ? graph.vertexDependencies(vertex)
                                                   : graph.vertexDependents(vertex);
            for (int other : next) {
                if (visited[size_t(other)])
                    continue;
                visited[size_t(other)] = true;
                origin[size_t(other)] = origin[size_t(vertex)];
                queue.push_back(other);
                if (graph.isHub(other))
                    continue;
                const Action action = impact.actions[size_t(other)];
                const bool waits = towardsDependencies
                    ? impact.destroys(other)
                    : action == Action::Create || action == Action::Update;
                if (waits) {
                    NodeOutcome &o = out[size_t(other)];
                    o = NodeOutcome {};
                    o.outcome = Outcome::NotReached;
                    o.waitsOn = origin[size_t(vertex)];
                }
            }
        }
    }
    return out;
}

} // namespace bg::core
