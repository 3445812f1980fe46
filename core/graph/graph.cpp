// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/graph/graph.h"

#include "core/graph/instanceindex_p.h"
#include "core/graph/references_p.h"

#include <algorithm>
#include <deque>

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
    // files, instance or module addresses. Each resolves, per source, within the module
    // instances the source and the dependency share (see InstanceIndex).
    static void addStateEdges(const Document &doc, DependencyGraph &g, InstanceIndex &instances,
        std::vector<std::vector<int>> &deps)
    {
        QStringList dangling;
        QHash<QString, std::optional<Address>> parsed;
        for (int i = 0; i < int(doc.resources.size()); ++i) {
            const Address &source = doc.resources[i].address;
            for (const QString &dep : doc.resources[i].dependencies) {
                auto cached = parsed.find(dep);
                if (cached == parsed.end())
                    cached = parsed.insert(dep, Address::parse(dep));
                const std::vector<int> targets = resolve(g, instances, source, dep, *cached);
                deps[i].insert(deps[i].end(), targets.begin(), targets.end());
                const bool isData = cached->has_value() && (*cached)->data;
                if (targets.empty() && !isData && !dangling.contains(dep))
                    dangling.append(dep);
            }
        }
        if (!dangling.isEmpty())
            g.m_warnings.append(
                QStringLiteral("%1 recorded dependencies name resources that are not in "
                               "this file: %2")
                    .arg(dangling.size())
                    .arg(listSome(dangling)));
    }

private:
    static std::vector<int> resolve(const DependencyGraph &g, InstanceIndex &instances,
        const Address &source, const QString &dep, const std::optional<Address> &address)
    {
        if (auto it = g.m_byId.constFind(dep); it != g.m_byId.constEnd())
            return {*it};
        if (!address)
            return g.match(dep); // a module address, from old states
        const bool keyed = !address->key.isNone()
            || std::any_of(address->module.begin(), address->module.end(),
                [](const ModuleStep &s) { return !s.key.isNone(); });
        if (keyed)
            return g.match(dep);
        QStringList calls;
        for (const ModuleStep &step : address->module)
            calls.append(step.name);
        return instances.scoped(address->configString(), source.module,
            InstanceIndex::commonCalls(source.module, calls));
    }
};

DependencyGraph DependencyGraph::build(const Document &doc)
{
    DependencyGraph g;
    const int n = int(doc.resources.size());
    g.m_dependencies.resize(n);
    g.m_dependents.resize(n);
    g.m_byId.reserve(n);
    for (int i = 0; i < n; ++i) {
        const Address &a = doc.resources[i].address;
        g.m_byId.insert(doc.resources[i].id, i);
        g.m_byResource[a.resourceString()].push_back(i);
        g.m_byConfig[a.configString()].push_back(i);
        for (size_t depth = 1; depth <= a.module.size(); ++depth)
            g.m_byModule[moduleToString({a.module.begin(), a.module.begin() + depth})].push_back(i);
    }
    std::vector<std::vector<int>> deps(n);
    InstanceIndex instances(doc, g.m_byConfig);
    GraphBuilder::addStateEdges(doc, g, instances, deps);
    if (doc.configuration) {
        ReferenceResolver resolver(doc, instances);
        resolver.addEdges(deps);
        g.m_warnings += resolver.warnings();
    }
    // A deposed object hangs on whatever its current object depends on.
    for (int i = 0; i < n; ++i) {
        const Resource &r = doc.resources[i];
        if (r.address.deposed.isEmpty())
            continue;
        const int current = g.m_byId.value(r.address.instanceString(), -1);
        if (current < 0)
            continue;
        for (int d : deps[current]) {
            if (d != current)
                deps[i].push_back(d);
        }
    }
    for (int i = 0; i < n; ++i) {
        auto &d = deps[i];
        std::sort(d.begin(), d.end());
        d.erase(std::unique(d.begin(), d.end()), d.end());
        d.erase(std::remove(d.begin(), d.end(), i), d.end()); // a self-reference is no edge
        for (int target : d)
            g.m_dependents[target].push_back(i);
        g.m_edgeCount += int(d.size());
        g.m_dependencies[i] = std::move(d);
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

std::vector<int> DependencyGraph::match(const QString &address) const
{
    if (auto it = m_byId.constFind(address); it != m_byId.constEnd())
        return {*it};
    if (auto it = m_byResource.constFind(address); it != m_byResource.constEnd())
        return *it;
    if (auto it = m_byConfig.constFind(address); it != m_byConfig.constEnd())
        return *it;
    // A whole module ("module.a" or "module.a[0].module.b"): everything inside it.
    if (!address.startsWith(QLatin1String("module.")) || !Address::parseModule(address))
        return {};
    return m_byModule.value(address);
}

std::vector<int> DependencyGraph::destroyOrder(
    const std::vector<bool> &include, std::vector<int> *stuck) const
{
    // Kahn's algorithm over "is depended on by": a node is ready once all its dependents
    // have gone. Linear in nodes and edges.
    const int n = size();
    std::vector<int> pending(n, 0);
    for (int i = 0; i < n; ++i)
        pending[i] = int(m_dependents[i].size());
    std::deque<int> ready;
    for (int i = 0; i < n; ++i) {
        if (pending[i] == 0)
            ready.push_back(i);
    }
    std::vector<int> order;
    std::vector<bool> done(n, false);
    while (!ready.empty()) {
        const int node = ready.front();
        ready.pop_front();
        done[node] = true;
        if (include[node])
            order.push_back(node);
        for (int dep : m_dependencies[node]) {
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
