// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model.h"

#include <QHash>
#include <span>
#include <vector>

namespace bg::core {

// Lists of vertices, one per vertex, in one array: 8 bytes a vertex and 4 an edge, where a
// vector per vertex cost 24 bytes even when empty (a plan of a million resources mostly is).
class Adjacency {
public:
    Adjacency() = default;
    explicit Adjacency(const std::vector<std::vector<int>> &lists);
    // `lists` lists of members: list k holds, in order, every i that ids[starts[i],
    // starts[i + 1]) names k (each at most once).
    static Adjacency ofMembers(int lists, std::span<const int> ids, std::span<const int> starts);
    std::span<const int> operator[](int vertex) const
    {
        const auto v = size_t(vertex);
        return {m_targets.data() + m_starts[v], m_targets.data() + m_starts[v + 1]};
    }
    int size() const { return m_starts.empty() ? 0 : int(m_starts.size() - 1); }

private:
    memory::LargeVector<qsizetype> m_starts; // list v is m_targets[m_starts[v], m_starts[v + 1])
    memory::LargeVector<int> m_targets;
};

// "Depends on" edges between the resources of one document, node i being resources[i].
// Edges come from the state's dependencies/depends_on and from the plan configuration's
// references, resolved through module calls and outputs and expanded to every instance.
// Dangling references and cycles are warnings.
//
// A recorded dependency is a configuration address, and Terraform's DestroyEdgeTransformer
// (internal/terraform/transform_destroy_edge.go) connects it to every instance of that
// resource, skipping only pairs in different instances of the same static module
// (graphNodesAreResourceInstancesInDifferentInstancesOfSameModule). Connecting every source
// to every instance would be quadratic, so such an edge goes through a hub: one extra vertex
// that depends on all of the instances a group of sources reaches: every instance of the
// configuration address, or (from the same instance of the same static module, and for a
// configuration reference such as aws_x.y[count.index]) those in the source's own module
// instance when there are more than a few, or any other set of more than a few: a whole module
// or a keyed instance's resources (old states), a deposed object's dependencies taken from its
// current object (instanceindex_p.h). Vertices [0, size()) are the nodes, [size(),
// vertexCount()) the hubs; a hub never depends on a hub.
class DependencyGraph {
public:
    static DependencyGraph build(const Document &document);

    int size() const { return m_nodes; }
    int vertexCount() const { return m_out.size(); }
    bool isHub(int vertex) const { return vertex >= m_nodes; }
    // Direct edges between vertices, hubs included: what a vertex depends on, and what
    // depends on it. Linear algorithms walk these.
    std::span<const int> vertexDependencies(int vertex) const { return m_out[vertex]; }
    std::span<const int> vertexDependents(int vertex) const { return m_in[vertex]; }
    // Node to node, hubs expanded: sorted, no duplicates, no self. As large as Terraform's own
    // edges; for drawing and checking, not for walking the whole graph.
    std::vector<int> dependencies(int node) const;
    std::vector<int> dependents(int node) const;
    // The same nodes handed to `visit` one by one, without a list: unsorted, a node again where
    // two hubs hold it, and `node` itself where a hub holds it.
    template<typename Visit>
    void forEachDependency(int node, Visit &&visit) const
    {
        forEachThroughHubs(m_out[node], m_out, visit);
    }
    template<typename Visit>
    void forEachDependent(int node, Visit &&visit) const
    {
        forEachThroughHubs(m_in[node], m_in, visit);
    }
    // Distinct node-to-node edges, hubs expanded.
    qint64 edgeCount() const { return m_edgeCount; }
    const QStringList &warnings() const { return m_warnings; }

    // The node with this exact address (deposed objects included), or -1.
    int find(const QString &address) const { return m_byId.value(address, -1); }
    // Every node an address names: an instance, all instances of a resource ("aws_x.y" or
    // "module.m[0].aws_x.y"), an unexpanded configuration address, or a whole module. A module
    // address whose last call has no key ("module.svc", "module.a[0].module.b") names every
    // instance of that call, as Terraform's ModuleInstance.TargetContains does
    // (internal/addrs/module_instance.go); earlier steps match their keys exactly.
    std::vector<int> match(const QString &address) const;

    // The included nodes in the order Terraform destroys them: every node before everything
    // it depends on. Nodes caught in a cycle come last, in document order.
    std::vector<int> destroyOrder(
        const std::vector<bool> &include, std::vector<int> *stuck = nullptr) const;

private:
    // Each of `vertices` that is a node, and in a hub's place its members (a hub never depends
    // on a hub): `edges` is m_out or m_in, the direction walked.
    template<typename Visit>
    void forEachThroughHubs(
        std::span<const int> vertices, const Adjacency &edges, Visit &visit) const
    {
        for (int v : vertices) {
            if (!isHub(v)) {
                visit(v);
                continue;
            }
            for (int member : edges[v])
                visit(member);
        }
    }

    friend class GraphBuilder;
    // match() but for one exact address: the list it names, kept in this graph (empty: none).
    std::span<const int> matchList(const QString &address) const;
    int m_nodes = 0;
    Adjacency m_out; // per vertex: what it depends on, sorted
    Adjacency m_in; // per vertex: what depends on it
    QHash<QString, int> m_byId;
    QHash<QString, std::vector<int>> m_byResource; // resourceString() -> nodes
    QHash<QString, std::vector<int>> m_byConfig; // configString() -> nodes
    // The module tree, each node once: (parent instance or -1, call name) -> call, (call, key)
    // -> instance, and the nodes inside each. (Keyed by each path in full, a module path D
    // steps deep cost D squared per resource: 5,000 resources 100 deep took 2.6 GB.)
    struct KeyedCall {
        int call;
        InstanceKey key;
        bool operator==(const KeyedCall &) const = default;
        friend size_t qHash(const KeyedCall &k, size_t seed)
        {
            return k.key.kind == InstanceKey::Kind::String
                ? qHashMulti(seed, k.call, k.key.text)
                : qHashMulti(seed, k.call, int(k.key.kind), k.key.number);
        }
    };
    QHash<std::pair<int, QString>, int> m_calls;
    QHash<KeyedCall, int> m_instances;
    Adjacency m_callNodes, m_instanceNodes; // by call, by instance
    QStringList m_warnings;
    qint64 m_edgeCount = 0;
};

} // namespace bg::core
