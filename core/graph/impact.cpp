// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/graph/impact.h"

#include <algorithm>
#include <deque>

namespace bg::core {

namespace {

// Once the actions and `via` are final: Terraform's destroy order, and the chains' ends that
// the reasons and the JSON report tell the chains from.
void settle(Impact &impact, const DependencyGraph &graph)
{
    std::vector<bool> destroyed(impact.actions.size());
    for (size_t i = 0; i < destroyed.size(); ++i)
        destroyed[i] = actionDestroys(impact.actions[i]);
    impact.destroyOrder = graph.destroyOrder(destroyed);
    impact.ends = impact.chainEnds();
}

std::vector<bool> priorOnlyNodes(const Document &doc)
{
    std::vector<bool> out(doc.resources.size(), false);
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = doc.resources[i].priorOnly;
    return out;
}

// Whether some member of each hub is destroyed: a hub stands for all its members.
std::vector<bool> destroyedHubs(const Impact &impact, const DependencyGraph &graph)
{
    std::vector<bool> hubs(size_t(graph.vertexCount() - graph.size()), false);
    for (int h = graph.size(); h < graph.vertexCount(); ++h) {
        const auto &members = graph.vertexDependencies(h);
        hubs[size_t(h - graph.size())] = std::any_of(
            members.begin(), members.end(), [&](int m) { return impact.destroys(m); });
    }
    return hubs;
}

// A destroyed node is dragged in by a destroyed dependency. Walk outwards from the roots
// (destroyed nodes with no destroyed dependency) so that each chain is a shortest one. Hubs
// are walked through (each once), never chain links. Linear in vertices and edges.
void linkChains(Impact &impact, const DependencyGraph &graph)
{
    const int n = graph.size();
    const std::vector<bool> hubDestroyed = destroyedHubs(impact, graph);
    auto destroyedVertex = [&](int v) {
        return graph.isHub(v) ? bool(hubDestroyed[size_t(v - n)]) : impact.destroys(v);
    };
    impact.via.assign(n, -1);
    std::vector<bool> hubSeen(hubDestroyed.size(), false);
    std::deque<int> queue;
    for (int i = 0; i < n; ++i) {
        if (!impact.destroys(i))
            continue;
        const auto &deps = graph.vertexDependencies(i);
        if (std::none_of(deps.begin(), deps.end(), destroyedVertex)) {
            queue.push_back(i);
            impact.via[i] = -2; // visited root
        }
    }
    auto reach = [&](int dependent, int node) {
        if (dependent != node && impact.destroys(dependent) && impact.via[dependent] == -1) {
            impact.via[dependent] = node;
            queue.push_back(dependent);
        }
    };
    while (!queue.empty()) {
        const int node = queue.front();
        queue.pop_front();
        for (int dependent : graph.vertexDependents(node)) {
            if (!graph.isHub(dependent)) {
                reach(dependent, node);
            } else if (!hubSeen[size_t(dependent - n)]) {
                hubSeen[size_t(dependent - n)] = true;
                for (int source : graph.vertexDependents(dependent))
                    reach(source, node);
            }
        }
    }
    for (int i = 0; i < n; ++i) {
        if (impact.via[i] == -2)
            impact.via[i] = -1;
        if (impact.destroys(i) && impact.via[i] == -1) {
            // Only inside a cycle of destroyed nodes: any destroyed dependency explains it, the
            // first in file order (the first dependencies() lists), found without listing them
            // (each node of a ring through a module output of 500 listed 500).
            graph.forEachDependency(i, [&](int d) {
                if (d != i && impact.destroys(d) && (impact.via[i] < 0 || d < impact.via[i]))
                    impact.via[i] = d;
            });
        }
    }
}

// A reason's chain: up to this many addresses, else its start, how many are left out, its end.
constexpr int MaxReasonChain = 12;

// What addDependencyReason stores: one shared string, told apart by its data's address.
const QString &dependencyMark()
{
    static const QString mark = QStringLiteral("\u0001dependency chain");
    return mark;
}

bool isDependencyMark(const QString &reason)
{
    return reason.constData() == dependencyMark().constData();
}

QString dependencyReason(const Document &doc, const Impact &impact, int node)
{
    const int cause = impact.via[node];
    const int length = impact.ends.length[size_t(node)];
    QStringList chain = impact.chain(doc, node, MaxReasonChain, impact.ends);
    if (length > MaxReasonChain)
        chain.insert(chain.size() - 1, QStringLiteral("… %1 more …").arg(length - MaxReasonChain));
    return QStringLiteral("depends on %1, which is %2 (%3)")
        .arg(doc.resources[cause].id,
            impact.actions[cause] == Action::Replace ? QStringLiteral("replaced")
                                                     : QStringLiteral("destroyed"),
            chain.join(QStringLiteral(" → ")));
}

} // namespace

QString describeActionReason(const QString &reason)
{
    static const QHash<QString, QString> words = {
        {QStringLiteral("replace_because_tainted"),
            QStringLiteral("the object is tainted, so Terraform replaces it")},
        {QStringLiteral("replace_because_cannot_update"),
            QStringLiteral("a changed attribute cannot be updated in place")},
        {QStringLiteral("replace_by_request"),
            QStringLiteral("replacement was requested (-replace)")},
        {QStringLiteral("replace_by_triggers"), QStringLiteral("replace_triggered_by fired")},
        {QStringLiteral("delete_because_no_resource_config"),
            QStringLiteral("it is no longer in the configuration")},
        {QStringLiteral("delete_because_wrong_repetition"),
            QStringLiteral("count/for_each was added or removed")},
        {QStringLiteral("delete_because_count_index"),
            QStringLiteral("its count index is beyond the new count")},
        {QStringLiteral("delete_because_each_key"),
            QStringLiteral("its for_each key is no longer in the map")},
        {QStringLiteral("delete_because_no_module"),
            QStringLiteral("its module is no longer in the configuration")},
        {QStringLiteral("delete_because_no_move_target"),
            QStringLiteral("its moved block has no target")},
        {QStringLiteral("read_because_config_unknown"),
            QStringLiteral("its configuration is unknown until apply")},
        {QStringLiteral("read_because_dependency_pending"),
            QStringLiteral("a dependency has pending changes")},
        {QStringLiteral("read_because_check_nested"),
            QStringLiteral("it is read inside a check block")},
    };
    const QString text = words.value(reason);
    return text.isEmpty() ? reason : text + QStringLiteral(" (") + reason + QLatin1Char(')');
}

QStringList Impact::chain(const Document &document, int node) const
{
    QStringList out;
    std::vector<bool> seen(via.size(), false);
    for (int n = node; n >= 0 && !seen[n]; n = via[n]) {
        seen[n] = true;
        out.append(document.resources[n].id);
    }
    return out;
}

Impact::ChainEnds Impact::chainEnds() const
{
    // chain() stops where it comes back: via links form a forest but for a cycle among
    // destroyed nodes (linkChains). A node's chain is itself and its successor's, or, on a
    // cycle, the whole cycle from it: the walk from each unseen node marks its path, closes
    // any cycle it meets, then fills the path backwards.
    const size_t n = via.size();
    ChainEnds ends {memory::LargeVector<int>(n, 0), memory::LargeVector<int>(n, -1)};
    enum : char { Unseen, OnPath, Done };
    std::vector<char> state(n, Unseen);
    std::vector<int> path;
    for (size_t start = 0; start < n; ++start) {
        path.clear();
        int v = int(start);
        while (v >= 0 && state[size_t(v)] == Unseen) {
            state[size_t(v)] = OnPath;
            path.push_back(v);
            v = via[size_t(v)];
        }
        if (v >= 0 && state[size_t(v)] == OnPath) {
            const size_t first = size_t(std::find(path.begin(), path.end(), v) - path.begin());
            const size_t cycle = path.size() - first;
            for (size_t j = first; j < path.size(); ++j) {
                const int u = path[j];
                ends.length[size_t(u)] = int(cycle);
                ends.last[size_t(u)] = path[first + (j - first + cycle - 1) % cycle];
                state[size_t(u)] = Done;
            }
            path.resize(first);
        }
        for (auto it = path.rbegin(); it != path.rend(); ++it) {
            const int u = *it, next = via[size_t(u)];
            ends.length[size_t(u)] = next < 0 ? 1 : 1 + ends.length[size_t(next)];
            ends.last[size_t(u)] = next < 0 ? u : ends.last[size_t(next)];
            state[size_t(u)] = Done;
        }
    }
    return ends;
}

QStringList Impact::chain(const Document &document, int node, int most, const ChainEnds &ends) const
{
    QStringList out;
    forEachInChain(node, most, ends, [&](int n) { out.append(document.resources[size_t(n)].id); });
    return out;
}

int Impact::count(Action action) const
{
    int n = 0;
    for (size_t i = 0; i < actions.size(); ++i)
        n += actions[i] == action && counted(int(i));
    return n;
}

int Impact::countedNodes() const
{
    int n = 0;
    for (size_t i = 0; i < actions.size(); ++i)
        n += counted(int(i));
    return n;
}

QString Impact::countsLine() const
{
    static const Action order[] = {Action::Delete, Action::Replace, Action::Create, Action::Update,
        Action::Read, Action::NoOp, Action::Forget};
    QStringList parts;
    for (Action action : order)
        parts.append(QStringLiteral("%1 %2").arg(count(action)).arg(actionName(action)));
    return parts.join(QStringLiteral(", "));
}

NodeReasons &NodeReasons::operator=(const NodeReasons &other)
{
    if (this == &other)
        return *this;
    m_lists.clear();
    m_lists.resize(other.m_lists.size());
    for (size_t i = 0; i < m_lists.size(); ++i)
        if (other.m_lists[i])
            m_lists[i] = std::make_unique<QStringList>(*other.m_lists[i]);
    return *this;
}

void Impact::addDependencyReason(int node)
{
    reasons.edit(size_t(node)).append(dependencyMark());
}

QStringList Impact::reasonsOf(const Document &document, int node) const
{
    const QStringList &stored = reasons.list(size_t(node));
    if (std::none_of(stored.begin(), stored.end(), isDependencyMark))
        return stored;
    const bool chained = via[size_t(node)] >= 0 && size_t(node) < ends.length.size()
        && ends.length[size_t(node)] > 0;
    QStringList out;
    for (const QString &reason : stored) {
        if (!isDependencyMark(reason))
            out.append(reason);
        else if (chained)
            out.append(dependencyReason(document, *this, node));
    }
    return out;
}

const QStringList &NodeReasons::list(size_t node) const
{
    static const QStringList none;
    const std::unique_ptr<QStringList> &list = m_lists[node];
    return list ? *list : none;
}

QStringList &NodeReasons::edit(size_t node)
{
    std::unique_ptr<QStringList> &list = m_lists[node];
    if (!list)
        list = std::make_unique<QStringList>();
    return *list;
}

Impact planImpact(const Document &doc, const DependencyGraph &graph)
{
    const int n = int(doc.resources.size());
    Impact impact;
    impact.actions.resize(n);
    impact.reasons.resize(n);
    impact.priorOnly = priorOnlyNodes(doc);
    for (int i = 0; i < n; ++i)
        impact.actions[i] = doc.resources[i].action;

    linkChains(impact, graph);
    QHash<QString, QString> described; // one text for each reason, shared by its nodes
    // A node's only reason, as a list shared by the nodes with that one alone: a list of its own
    // for each was 0.7 MB on 10,000 deleted databases.
    QHash<QString, QStringList> alone;
    for (int i = 0; i < n; ++i) {
        const Resource &r = doc.resources[i];
        QStringList reasons;
        if (const QString &reason = r.actionReason(); !reason.isEmpty()) {
            auto it = described.constFind(reason);
            if (it == described.constEnd())
                it = described.insert(reason, describeActionReason(reason));
            reasons.append(*it);
        } else if (r.action == Action::Delete) {
            reasons.append(QStringLiteral("the plan deletes it"));
        }
        for (const QString &path : r.replacePaths())
            reasons.append(QStringLiteral("a change to %1 forces replacement").arg(path));
        // A chain explains a replacement; a delete is the plan's own decision.
        if (impact.via[i] >= 0 && r.action == Action::Replace)
            reasons.append(dependencyMark());
        if (r.action == Action::Forget)
            reasons.append(QStringLiteral("removed from the state only; the real object is kept"));
        if (!r.address.deposed.isEmpty())
            reasons.append(
                QStringLiteral("a deposed object left by an earlier create-before-destroy"));
        if (r.priorOnly)
            reasons.append(QStringLiteral("known only from prior_state: this plan has no change "
                                          "for it (-target or refresh-only), so it is left as it "
                                          "is"));
        if (reasons.size() == 1) { // most often "the plan deletes it": one list for them all
            auto it = alone.constFind(reasons.front());
            if (it == alone.constEnd())
                it = alone.insert(reasons.front(), reasons);
            impact.reasons.edit(size_t(i)) = *it;
        } else if (!reasons.isEmpty()) {
            impact.reasons.edit(size_t(i)) = std::move(reasons);
        }
    }
    settle(impact, graph);
    return impact;
}

Impact whatIfImpact(
    const Document &doc, const DependencyGraph &graph, const std::vector<int> &targets)
{
    const int n = int(doc.resources.size());
    Impact impact;
    impact.actions.assign(n, Action::NoOp);
    impact.via.assign(n, -1);
    impact.reasons.resize(n);
    impact.priorOnly.assign(n, false); // a simulation counts every node
    impact.targets = targets;
    std::vector<bool> seen(size_t(graph.vertexCount()), false);
    std::deque<int> queue;
    for (int t : targets) {
        if (t >= 0 && t < n && !seen[t]) {
            seen[t] = true;
            queue.push_back(t);
        }
    }
    while (!queue.empty()) {
        const int node = queue.front();
        queue.pop_front();
        // Data sources are read, never destroyed; what a plan only creates does not exist yet.
        const Resource &r = doc.resources[node];
        if (!r.isData() && !(r.inChanges && r.action == Action::Create))
            impact.actions[node] = Action::Delete;
        // Through a hub (every instance of a configuration address) to what depends on it,
        // each hub once.
        for (int dependent : graph.vertexDependents(node)) {
            if (seen[dependent])
                continue;
            seen[dependent] = true;
            if (!graph.isHub(dependent)) {
                impact.via[dependent] = node;
                queue.push_back(dependent);
                continue;
            }
            for (int source : graph.vertexDependents(dependent)) {
                if (!seen[source]) {
                    seen[source] = true;
                    impact.via[source] = node;
                    queue.push_back(source);
                }
            }
        }
    }
    // A chain may pass through a data source; point at the nearest destroyed node instead.
    for (int i = 0; i < n; ++i) {
        int v = impact.via[i];
        while (v >= 0 && !impact.destroys(v))
            v = impact.via[v];
        impact.via[i] = v;
    }
    for (int t : targets) {
        if (t >= 0 && t < n && impact.destroys(t))
            impact.reasons.edit(size_t(t)).append(QStringLiteral("chosen to destroy"));
    }
    for (int i = 0; i < n; ++i) {
        if (impact.destroys(i) && impact.via[i] >= 0 && impact.reasons.list(size_t(i)).isEmpty())
            impact.addDependencyReason(i);
    }
    settle(impact, graph);
    return impact;
}

Impact fullDestroyImpact(const Document &doc, const DependencyGraph &graph)
{
    std::vector<int> all;
    for (int i = 0; i < int(doc.resources.size()); ++i) {
        if (!doc.resources[i].isData())
            all.push_back(i);
    }
    Impact impact = whatIfImpact(doc, graph, all);
    for (int i : all)
        impact.reasons.edit(size_t(i)) = QStringList {QStringLiteral("everything is destroyed")};
    return impact;
}

Impact lossImpact(const Document &doc, const DependencyGraph &graph, const std::vector<int> &lost)
{
    const int n = int(doc.resources.size());
    Impact impact;
    impact.actions.assign(n, Action::NoOp);
    impact.reasons.resize(n);
    impact.priorOnly.assign(n, false); // a simulation counts every node
    for (int node : lost) {
        if (!doc.resources[node].isData()) {
            impact.actions[node] = Action::Delete;
            impact.reasons.edit(size_t(node))
                .append(QStringLiteral("in the old state, gone from the new one"));
        }
    }
    linkChains(impact, graph);
    settle(impact, graph);
    return impact;
}

} // namespace bg::core
