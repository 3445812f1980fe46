// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: the instances of a configuration resource, scoped to module instances.
#pragma once

#include "core/model.h"

#include <QHash>
#include <map>
#include <unordered_map>

namespace bg::core {

// Terraform records and references resources by configuration address (module.app.aws_sg.lb,
// no instance keys). A resource inside module.app["x"] can only reach the module.app["x"]
// copy of a sibling: modules see each other only through their parent. So the instances a
// source depends on are those that share its keys for the module calls both sit in. Grouping
// once per (resource, depth) keeps this linear instead of instances × instances.
class InstanceIndex {
public:
    InstanceIndex(const Document &document, const QHash<QString, std::vector<int>> &byConfig);

    // Instances of `configString` whose first `common` module steps equal the source's. The
    // list stays where it is while the index lives (a hub is known by it).
    const std::vector<int> &scoped(
        const QString &configString, const std::vector<ModuleStep> &source, int common);

    // How many leading module calls two paths share, by call name.
    static int commonCalls(const std::vector<ModuleStep> &a, const QStringList &b);

private:
    const Document &m_document;
    const QHash<QString, std::vector<int>> &m_byConfig;
    // (config, depth) -> prefix -> nodes; a map, so that a group never moves
    std::map<std::pair<QString, int>, QHash<QString, std::vector<int>>> m_groups;
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
    bool reachSet(
        const void *key, const std::vector<int> &set, size_t direct, std::vector<int> &out)
    {
        return reachHub(key, set, direct, out, QString(), -1, false);
    }

private:
    bool reachHub(const void *key, const std::vector<int> &set, size_t direct,
        std::vector<int> &out, const QString &configString, int common, bool isGroup)
    {
        if (set.size() <= direct) {
            out.insert(out.end(), set.begin(), set.end());
            return !set.empty();
        }
        auto [hub, added] = byGroup.try_emplace(key, int(members.size()));
        if (added) {
            members.push_back(set);
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
