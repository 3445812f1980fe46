// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: the instances of a configuration resource, scoped to module instances.
#pragma once

#include "core/model.h"

#include <QHash>
#include <span>
#include <unordered_map>

namespace bg::core {

// Terraform records and references resources by configuration address (module.app.aws_sg.lb,
// no instance keys). A resource inside module.app["x"] can only reach the module.app["x"]
// copy of a sibling: modules see each other only through their parent. So the instances a
// source depends on are those that share its keys for the module calls both sit in. Grouping
// once per (resource, depth) keeps this linear instead of instances × instances.
class InstanceIndex {
public:
    // `instances` holds, for node i, the module instance it sits in after each of its module
    // steps (one id per distinct instance path, as DependencyGraph numbers them), from
    // `instances[starts[i]]` to `instances[starts[i + 1]]`.
    InstanceIndex(const QHash<QString, std::vector<int>> &byConfig, std::vector<int> instances,
        std::vector<int> starts);

    // The instances of one configuration address grouped by their first `common` module
    // steps: looked up once for all of a resource's sources.
    class Groups {
    public:
        // The instances whose first `common` steps are `source`'s (prefixOf).
        const std::vector<int> &of(int prefix) const;

    private:
        friend class InstanceIndex;
        const std::vector<int> *m_all = nullptr; // common == 0: every instance
        const std::unordered_map<int, std::vector<int>> *m_byPrefix = nullptr;
    };
    Groups groups(const QString &configString, int common);

    // The module instance node `node` sits in after its first `common` steps (-1 for none: the
    // root; -2 where it has fewer steps).
    int prefixOf(int node, int common) const;

    // Instances of `configString` whose first `common` module steps equal node `source`'s. The
    // list stays where it is while the index lives (a hub is known by it).
    const std::vector<int> &scoped(const QString &configString, int source, int common)
    {
        return groups(configString, common).of(prefixOf(source, common));
    }

    // How many leading module calls two paths share, by call name.
    static int commonCalls(const std::vector<ModuleStep> &a, const QStringList &b);

private:
    const QHash<QString, std::vector<int>> &m_byConfig;
    std::vector<int> m_instances, m_starts;
    struct KeyHash {
        size_t operator()(const std::pair<QString, int> &k) const
        {
            return qHash(k.first, size_t(k.second));
        }
    };
    // (config, depth) -> module instance -> nodes; node-based maps, so that a group never moves
    std::unordered_map<std::pair<QString, int>, std::unordered_map<int, std::vector<int>>, KeyHash>
        m_groups;
};

// The hubs of a graph being built (graph.h): one vertex that depends on a whole group of
// instances (InstanceIndex::scoped), so that the sources that share the group cost one edge
// each instead of one per instance. All of one source's groups of one resource are nested (each
// is scoped to a prefix of the source's own module path), so the widest stands for the others.
struct Hubs {
    int nodes = 0; // hub k is vertex nodes + k
    std::unordered_map<const void *, int> byGroup;
    std::vector<std::vector<int>> members;
    std::vector<QString> config; // the configuration address of each hub's instances
    std::vector<int> depth; // how many module steps its group shares with its sources
    // False for a hub of any set (a whole module, a deposed object's dependencies): it may
    // overlap the others, so the edges of a source that reaches one are counted one by one.
    std::vector<bool> nested;

    // Appends to `out` the vertex or vertices a source reaches `group` by: its instances when
    // there are at most `direct` of them, else the group's hub. False when the group is empty.
    bool reach(const std::vector<int> &group, const QString &configString, int common,
        size_t direct, std::vector<int> &out)
    {
        return reachHub(&group, group, direct, out, configString, common, true);
    }

    // The same for any set of nodes, known by `key` (where it is kept while the graph is built):
    // its own hub once it has more than `direct` members. `set` is sorted, without repeats.
    bool reachSet(const void *key, std::span<const int> set, size_t direct, std::vector<int> &out)
    {
        return reachHub(key, set, direct, out, QString(), -1, false);
    }

private:
    bool reachHub(const void *key, std::span<const int> set, size_t direct, std::vector<int> &out,
        const QString &configString, int common, bool isGroup)
    {
        if (set.size() <= direct) {
            out.insert(out.end(), set.begin(), set.end());
            return !set.empty();
        }
        auto [hub, added] = byGroup.try_emplace(key, int(members.size()));
        if (added) {
            members.emplace_back(set.begin(), set.end());
            config.push_back(configString);
            depth.push_back(common);
            nested.push_back(isGroup);
        }
        out.push_back(nodes + hub->second);
        return true;
    }
};

// Up to this many instances of a group in the source's own module instance are edges of their
// own; more go through a hub. (Every instance of a resource in another module always does.)
inline constexpr size_t MaxDirectInstances = 8;

} // namespace bg::core
