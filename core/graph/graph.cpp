// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/graph/graph.h"

#include "core/graph/instanceindex_p.h"
#include "core/graph/references_p.h"
#include "core/memory.h"

#include <QSet>
#include <algorithm>
#include <deque>
#include <unordered_map>

namespace bg::core {

namespace {

QString listSome(const QStringList &items, int most = 5)
{
    QStringList shown = items.mid(0, most);
    QString text = shown.join(QStringLiteral(", "));
    if (items.size() > most)
        text += QStringLiteral(" and %1 more").arg(items.size() - most);
    return text;
}

} // namespace

class GraphBuilder {
public:
    // State dependencies are configuration addresses ("module.app.aws_sg.lb") or, in older
    // files, instance or module addresses. A configuration address reaches every instance of
    // the resource, except from a source in another instance of the same static module
    // (Terraform's DestroyEdgeTransformer, see graph.h).
    static void addStateEdges(const Document &doc, DependencyGraph &g, InstanceIndex &instances,
        std::vector<std::vector<int>> &deps, Hubs &hubs)
    {
        QStringList dangling; // in the order first met, for the warning
        QSet<QString> danglingSeen; // a list's search per dependency was quadratic
        // Each dependency's text parsed once, and the one instance it names when it is an
        // instance's address. The loader hands out one copy of each text (intern), so most are
        // found by where their characters are, without hashing or comparing them (10,000
        // resources of 40 dependencies each: two lookups by text a dependency were a fifth of the
        // report).
        struct Known {
            std::optional<Address> address;
            int instance = -1;
        };
        std::unordered_map<QString, Known> byText; // node-based: a Known never moves
        QHash<const QChar *, const Known *> byData;
        const int n = int(doc.resources.size());
        for (int i = 0; i < n; ++i) {
            const Address &source = doc.resources[i].address;
            const QStringList &dependencies = doc.resources[i].dependencies();
            deps[i].reserve(deps[i].size() + size_t(dependencies.size()));
            for (const QString &dep : dependencies) {
                const Known *&atData = byData[dep.constData()];
                if (!atData) {
                    auto [atText, newText] = byText.try_emplace(dep);
                    if (newText) {
                        const auto instance = g.m_byId.constFind(dep);
                        atText->second = {
                            Address::parse(dep), instance == g.m_byId.constEnd() ? -1 : *instance};
                    }
                    atData = &atText->second;
                }
                const Known &known = *atData;
                bool found = true;
                if (known.instance >= 0)
                    deps[i].push_back(known.instance);
                else
                    found = resolve(g, instances, hubs, i, source, dep, known.address, deps[i]);
                const bool isData = known.address.has_value() && known.address->data;
                if (!found && !isData && !danglingSeen.contains(dep)) {
                    danglingSeen.insert(dep);
                    dangling.append(dep);
                }
            }
        }
        if (!dangling.isEmpty())
            g.m_warnings.append(
                QStringLiteral("%1 recorded dependencies name resources that are not in "
                               "this file: %2")
                    .arg(dangling.size())
                    .arg(listSome(dangling)));
    }

    // `vertices` (sorted, hubs last) with only the widest of the hubs of one resource: they are
    // nested (Hubs), so the others add no edge.
    static void keepWidestHubs(const Hubs &hubs, std::vector<int> &vertices)
    {
        const auto firstHub = std::lower_bound(vertices.begin(), vertices.end(), hubs.nodes);
        if (vertices.end() - firstHub < 2)
            return;
        std::vector<int> kept, sets; // the hubs of groups, and of other sets (kept as they are)
        for (auto it = firstHub; it != vertices.end(); ++it)
            (hubs.nested[size_t(*it - hubs.nodes)] ? kept : sets).push_back(*it);
        const auto key = [&](int vertex) {
            const size_t k = size_t(vertex - hubs.nodes);
            return std::pair<const QString &, int>(hubs.config[k], hubs.depth[k]);
        };
        std::sort(kept.begin(), kept.end(), [&](int a, int b) { return key(a) < key(b); });
        kept.erase(std::unique(kept.begin(), kept.end(),
                       [&](int a, int b) { return key(a).first == key(b).first; }),
            kept.end());
        kept.insert(kept.end(), sets.begin(), sets.end());
        std::sort(kept.begin(), kept.end());
        vertices.erase(firstHub, vertices.end());
        vertices.insert(vertices.end(), kept.begin(), kept.end());
    }

private:
    static bool sameStaticModule(const std::vector<ModuleStep> &a, const QStringList &b)
    {
        return int(a.size()) == b.size() && InstanceIndex::commonCalls(a, b) == b.size();
    }

    // Appends the vertices `dep` leads to; false when it names nothing in this file. `dep` is
    // not one instance's address (addStateEdges has looked it up).
    static bool resolve(const DependencyGraph &g, InstanceIndex &instances, Hubs &hubs,
        int sourceNode, const Address &source, const QString &dep,
        const std::optional<Address> &address, std::vector<int> &out)
    {
        // Every instance an address names, through the hub of that list when it is long.
        const auto matched = [&] {
            const std::span<const int> list = g.matchList(dep);
            return !list.empty() && hubs.reachSet(list.data(), list, MaxDirectInstances, out);
        };
        if (!address)
            return matched(); // a module address, from old states
        const bool keyed = !address->key.isNone()
            || std::any_of(address->module.begin(), address->module.end(),
                [](const ModuleStep &s) { return !s.key.isNone(); });
        if (keyed)
            return matched();
        QStringList calls;
        for (const ModuleStep &step : address->module)
            calls.append(step.name);
        const QString config = address->configString();
        // Same static module: only the instances in the source's own module instance.
        if (sameStaticModule(source.module, calls)) {
            const int depth = int(calls.size());
            return hubs.reach(instances.scoped(config, sourceNode, depth), config, depth,
                MaxDirectInstances, out);
        }
        return hubs.reach(instances.scoped(config, sourceNode, 0), config, 0, 1, out);
    }
};

Adjacency::Adjacency(const std::vector<std::vector<int>> &lists)
{
    m_starts.reserve(lists.size() + 1); // LargeVectors: advised as they are made
    m_starts.push_back(0);
    for (const std::vector<int> &list : lists)
        m_starts.push_back(m_starts.back() + qsizetype(list.size()));
    m_targets.reserve(size_t(m_starts.back()));
    for (const std::vector<int> &list : lists)
        m_targets.insert(m_targets.end(), list.begin(), list.end());
}

Adjacency Adjacency::ofMembers(int lists, std::span<const int> ids, std::span<const int> starts)
{
    Adjacency a;
    a.m_starts.assign(size_t(lists) + 1, 0);
    for (int id : ids)
        ++a.m_starts[size_t(id) + 1];
    for (size_t k = 0; k < size_t(lists); ++k)
        a.m_starts[k + 1] += a.m_starts[k];
    a.m_targets.resize(ids.size());
    std::vector<qsizetype> next(a.m_starts.begin(), a.m_starts.end() - 1);
    for (size_t i = 0; i + 1 < starts.size(); ++i)
        for (int s = starts[i]; s < starts[i + 1]; ++s)
            a.m_targets[size_t(next[size_t(ids[size_t(s)])]++)] = int(i);
    return a;
}

DependencyGraph DependencyGraph::build(const Document &doc)
{
    DependencyGraph g;
    const int n = int(doc.resources.size());
    g.m_nodes = n;
    g.m_byId.reserve(n);
    // Each node's module instances, one per step (InstanceIndex groups nodes by them).
    std::vector<int> callPaths, instancePaths, instanceStarts {0};
    instanceStarts.reserve(size_t(n) + 1);
    const std::vector<ModuleStep> *previous = nullptr; // the node before, and its first step
    int previousStart = 0;
    for (int i = 0; i < n; ++i) {
        memory::keepHeapAdvised(); // the indexes grow the heap as loading did
        const Address &a = doc.resources[i].address;
        g.m_byId.insert(doc.resources[i].id, i);
        // An address without keys is its own resource and configuration address: the keys
        // share the id's text instead of holding a copy of it (the mixed 10,000-resource plan:
        // the heap's peak 75.2 MB to 74.4).
        QString resource = a.resourceString(), config = a.configString();
        if (resource == doc.resources[i].id)
            resource = doc.resources[i].id;
        if (config == resource)
            config = resource;
        g.m_byResource[resource].push_back(i);
        g.m_byConfig[config].push_back(i);
        // Each module instance on the way, and its call (the step without its key). The steps
        // the node shares with the one before it (Terraform writes a plan's resources sorted by
        // address) are that node's; the others are looked up in the tree.
        const int start = int(instancePaths.size());
        size_t step = 0;
        if (previous) {
            while (step < a.module.size() && step < previous->size()
                && a.module[step] == (*previous)[step]) {
                const int from = previousStart + int(step++);
                callPaths.push_back(callPaths[size_t(from)]);
                instancePaths.push_back(instancePaths[size_t(from)]);
            }
        }
        const auto idOf = [](auto &ids, auto key) {
            auto it = ids.constFind(key);
            if (it == ids.constEnd())
                it = ids.insert(std::move(key), int(ids.size()));
            return *it;
        };
        int instance = step ? instancePaths.back() : -1;
        for (; step < a.module.size(); ++step) {
            const ModuleStep &s = a.module[step];
            const int call = idOf(g.m_calls, std::pair(instance, s.name));
            instance = idOf(g.m_instances, KeyedCall {call, s.key});
            callPaths.push_back(call);
            instancePaths.push_back(instance);
        }
        instanceStarts.push_back(int(instancePaths.size()));
        previous = &a.module;
        previousStart = start;
    }
    g.m_callNodes = Adjacency::ofMembers(int(g.m_calls.size()), callPaths, instanceStarts);
    std::vector<int>().swap(callPaths);
    g.m_instanceNodes
        = Adjacency::ofMembers(int(g.m_instances.size()), instancePaths, instanceStarts);
    auto deps = memory::sizedVector<std::vector<int>>(size_t(n));
    Hubs hubs;
    hubs.nodes = n;
    InstanceIndex instances(g.m_byConfig, std::move(instancePaths), std::move(instanceStarts));
    GraphBuilder::addStateEdges(doc, g, instances, deps, hubs);
    if (doc.configuration) {
        ReferenceResolver resolver(doc, instances);
        resolver.addEdges(deps, hubs);
        g.m_warnings += resolver.warnings();
    }
    // A deposed object hangs on whatever its current object depends on: its hubs, and the nodes
    // it reaches directly through one more hub that all its deposed objects share (copied into
    // each, thousands of deposed objects of one instance were their product).
    std::unordered_map<int, std::vector<int>> currentNodes; // current -> its nodes, sorted
    for (int i = 0; i < n; ++i) {
        const Resource &r = doc.resources[i];
        if (r.address.deposed.isEmpty())
            continue;
        const int current = g.m_byId.value(r.address.instanceString(), -1);
        if (current < 0)
            continue;
        auto [nodes, added] = currentNodes.try_emplace(current);
        if (added) {
            for (int d : deps[current])
                if (d < n && d != current)
                    nodes->second.push_back(d);
            std::sort(nodes->second.begin(), nodes->second.end());
            nodes->second.erase(
                std::unique(nodes->second.begin(), nodes->second.end()), nodes->second.end());
        }
        const bool self = std::binary_search(nodes->second.begin(), nodes->second.end(), i);
        if (self)
            deps[i].insert(deps[i].end(), nodes->second.begin(), nodes->second.end());
        else
            hubs.reachSet(&deps[current], nodes->second, MaxDirectInstances, deps[i]);
        for (int d : deps[current])
            if (d >= n)
                deps[i].push_back(d);
    }
    const int h = int(hubs.members.size());
    deps.resize(size_t(n) + size_t(h));
    for (int i = 0; i < n; ++i) {
        auto &d = deps[i];
        std::sort(d.begin(), d.end());
        d.erase(std::unique(d.begin(), d.end()), d.end());
        d.erase(std::remove(d.begin(), d.end(), i), d.end()); // a self-reference is no edge
        GraphBuilder::keepWidestHubs(hubs, d);
    }
    // The hubs each node is in: those of its own resource, at most one per depth.
    auto hubsOfNode = memory::sizedVector<std::vector<int>>(size_t(n));
    for (int k = 0; k < h; ++k) {
        for (int member : hubs.members[k])
            hubsOfNode[member].push_back(n + k);
        deps[n + k] = std::move(hubs.members[k]);
    }
    g.m_out = Adjacency(deps);
    std::vector<std::vector<int>>().swap(deps);
    {
        auto dependents = memory::sizedVector<std::vector<int>>(size_t(n) + size_t(h));
        for (int v = 0; v < n + h; ++v) {
            for (int target : g.m_out[v])
                dependents[target].push_back(v);
        }
        g.m_in = Adjacency(dependents);
    }
    // Distinct node-to-node edges: the direct ones, plus every hub's members, less the
    // members also reached directly. The hubs of groups a node reaches never overlap: they hold
    // different resources (keepWidestHubs left one hub per resource); a node that reaches the
    // hub of any other set has its nodes counted one by one.
    std::vector<int> stamp; // of the last source counted one by one
    for (int i = 0; i < n; ++i) {
        const auto &out = g.m_out[i];
        const auto firstHub = std::lower_bound(out.begin(), out.end(), n);
        if (std::any_of(
                firstHub, out.end(), [&](int hub) { return !hubs.nested[size_t(hub - n)]; })) {
            // A hub of any set may overlap the others: each node reached once.
            stamp.resize(size_t(n), -1);
            stamp[size_t(i)] = i;
            const auto reach = [&](int node) {
                if (stamp[size_t(node)] != i) {
                    stamp[size_t(node)] = i;
                    ++g.m_edgeCount;
                }
            };
            for (auto it = out.begin(); it != firstHub; ++it)
                reach(*it);
            for (auto hub = firstHub; hub != out.end(); ++hub)
                for (int member : g.m_out[*hub])
                    reach(member);
            continue;
        }
        qint64 count = firstHub - out.begin();
        for (auto hub = firstHub; hub != out.end(); ++hub)
            count += qint64(g.m_out[*hub].size());
        auto viaHub = [&](int node) {
            return std::any_of(hubsOfNode[node].begin(), hubsOfNode[node].end(),
                [&](int hub) { return std::binary_search(firstHub, out.end(), hub); });
        };
        for (auto it = out.begin(); it != firstHub; ++it)
            count -= viaHub(*it);
        count -= viaHub(i);
        g.m_edgeCount += count;
    }
    std::vector<int> stuck;
    g.destroyOrder(std::vector<bool>(n, true), &stuck);
    if (!stuck.empty()) {
        QStringList names;
        for (int i : stuck)
            names.append(doc.resources[i].id);
        g.m_warnings.append(
            QStringLiteral("Dependency cycle among %1 resources (%2); they are destroyed "
                           "in file order.")
                .arg(stuck.size())
                .arg(listSome(names)));
    }
    return g;
}

namespace {

// What `forEach` hands out, sorted, without duplicates and without `self`.
template<typename ForEach>
std::vector<int> sortedNodes(ForEach forEach, int self)
{
    std::vector<int> out;
    forEach([&out](int v) { out.push_back(v); });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.erase(std::remove(out.begin(), out.end(), self), out.end());
    return out;
}

} // namespace

std::vector<int> DependencyGraph::dependencies(int node) const
{
    return sortedNodes([&](auto &&visit) { forEachDependency(node, visit); }, node);
}

std::vector<int> DependencyGraph::dependents(int node) const
{
    return sortedNodes([&](auto &&visit) { forEachDependent(node, visit); }, node);
}

std::vector<int> DependencyGraph::match(const QString &address) const
{
    if (auto it = m_byId.constFind(address); it != m_byId.constEnd())
        return {*it};
    const std::span<const int> list = matchList(address);
    return {list.begin(), list.end()};
}

std::span<const int> DependencyGraph::matchList(const QString &address) const
{
    if (auto it = m_byResource.constFind(address); it != m_byResource.constEnd())
        return *it;
    if (auto it = m_byConfig.constFind(address); it != m_byConfig.constEnd())
        return *it;
    // A whole module ("module.a" or "module.a[0].module.b"): everything inside it.
    if (!address.startsWith(QLatin1String("module.")))
        return {};
    const auto module = Address::parseModule(address);
    if (!module || module->empty())
        return {};
    // Down the module tree: every step an instance, but a last one without a key (a call).
    int instance = -1;
    for (size_t s = 0; s < module->size(); ++s) {
        const ModuleStep &step = (*module)[s];
        const int call = m_calls.value({instance, step.name}, -1);
        if (call < 0)
            return {};
        if (s + 1 == module->size() && step.key.isNone())
            return m_callNodes[call];
        instance = m_instances.value({call, step.key}, -1);
        if (instance < 0)
            return {};
    }
    return m_instanceNodes[instance];
}

std::vector<int> DependencyGraph::destroyOrder(
    const std::vector<bool> &include, std::vector<int> *stuck) const
{
    // Kahn's algorithm over "is depended on by", hubs included: a vertex is ready once all
    // its dependents have gone. Linear in vertices and edges.
    const int n = size();
    const int all = vertexCount();
    memory::LargeVector<int> pending(size_t(all), 0);
    std::deque<int> ready;
    for (int v = 0; v < all; ++v) {
        pending[v] = int(m_in[v].size());
        if (pending[v] == 0)
            ready.push_back(v);
    }
    std::vector<int> order;
    std::vector<bool> done(n, false);
    while (!ready.empty()) {
        const int vertex = ready.front();
        ready.pop_front();
        if (vertex < n) {
            done[vertex] = true;
            if (include[vertex])
                order.push_back(vertex);
        }
        for (int dep : m_out[vertex]) {
            if (--pending[dep] == 0)
                ready.push_back(dep);
        }
    }
    for (int i = 0; i < n; ++i) {
        if (!done[i] && include[i]) {
            order.push_back(i);
            if (stuck)
                stuck->push_back(i);
        }
    }
    return order;
}

} // namespace bg::core
