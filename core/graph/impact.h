// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/graph/graph.h"

#include <memory>
#include <vector>

namespace bg::core {

// Per node, the reasons in words. A large plan's nodes mostly have none (creates, no-ops): each
// keeps a pointer, 8 bytes, not a 24-byte list. edit() makes the node's list. Read them with
// Impact::reasonsOf: a list may hold a mark where the dependency chain is told, in words only
// when it is read.
class NodeReasons {
public:
    NodeReasons() = default;
    NodeReasons(const NodeReasons &other) { *this = other; }
    NodeReasons(NodeReasons &&) noexcept = default;
    NodeReasons &operator=(const NodeReasons &other);
    NodeReasons &operator=(NodeReasons &&) noexcept = default;

    void resize(size_t n) { m_lists.resize(n); }
    size_t size() const { return m_lists.size(); }
    const QStringList &list(size_t node) const; // as stored, marks and all
    QStringList &edit(size_t node);

private:
    memory::LargeVector<std::unique_ptr<QStringList>> m_lists; // null: no reasons
};

// What a plan (or a simulated destroy) does to each node, and why.
struct Impact {
    std::vector<Action> actions; // per node
    std::vector<int> via; // per node: the destroyed node that drags it in, or -1
    NodeReasons reasons; // per node: read them with reasonsOf
    std::vector<int> destroyOrder; // the destroyed nodes, in Terraform's destroy order
    std::vector<int> targets; // what-if only: the nodes chosen to destroy
    // Per node, set by planImpact only: known only from the plan's prior_state
    // (Resource::priorOnly), left as it is, and in none of the plan's counts and lists. A
    // simulated destroy (what-if, loss) counts every node.
    std::vector<bool> priorOnly;

    bool destroys(int node) const { return actionDestroys(actions[node]); }
    bool counted(int node) const
    {
        return priorOnly.empty() || !priorOnly[size_t(node)]
            || actions[size_t(node)] != Action::NoOp;
    }
    int countedNodes() const;
    // node, via[node], via[via[node]]... as addresses: the chain that pulls a node in.
    QStringList chain(const Document &document, int node) const;
    // For every node, how many addresses its chain has and the node it ends at: one pass.
    struct ChainEnds {
        memory::LargeVector<int> length, last;
    };
    ChainEnds chainEnds() const;
    ChainEnds ends; // chainEnds() of `via` as it is now: whoever changes `via` sets it again

    // Adds to the node's reasons "depends on X, which is destroyed (node → … → X)", told from
    // `via` and `ends` when the reasons are read: 670 bytes a replaced node in a line of
    // replacements, a third of an awkward plan's nodes, are not kept.
    void addDependencyReason(int node);
    // The node's reasons in words; the chain as `via` says now (none where it leads nowhere).
    QStringList reasonsOf(const Document &document, int node) const;
    // The chain of at most `most` addresses (at least 2): a longer one gives its first most - 1
    // and its last (ends.length says how long it is). Every chain of a line of 20,000
    // replacements in full was gigabytes.
    QStringList chain(const Document &document, int node, int most, const ChainEnds &ends) const;
    // The nodes of that chain, in order, each given to `visit`: what a writer that streams the
    // addresses reads, with no list made (a report of 10,000 chains of 20 made 200,000 copies).
    template<typename Visit>
    void forEachInChain(int node, int most, const ChainEnds &ends, Visit visit) const
    {
        const int length = ends.length[size_t(node)];
        int n = node;
        for (int k = 0; k < length && (length <= most || k < most - 1); ++k, n = via[size_t(n)])
            visit(n);
        if (length > most)
            visit(ends.last[size_t(node)]);
    }
    int count(Action action) const;
    // "3 delete, 1 replace, 0 create, ...", every action class in a fixed order.
    QString countsLine() const;
};

// The plan's own blast radius: every change with its action class and its reason
// (action_reason, replace_paths, or the dependency chain to another destroyed node).
Impact planImpact(const Document &document, const DependencyGraph &graph);

// What `terraform destroy -target=X` would take for each target: the targets and everything
// that transitively depends on them, each with the chain that pulls it in. Data sources are
// walked through but never destroyed. Linear in nodes and edges.
Impact whatIfImpact(
    const Document &document, const DependencyGraph &graph, const std::vector<int> &targets);

// Every managed node destroyed (terraform destroy).
Impact fullDestroyImpact(const Document &document, const DependencyGraph &graph);

// Exactly these nodes destroyed (what a state diff found lost), with chains among them.
Impact lossImpact(
    const Document &document, const DependencyGraph &graph, const std::vector<int> &lost);

// Words for Terraform's action_reason codes.
QString describeActionReason(const QString &reason);

} // namespace bg::core
