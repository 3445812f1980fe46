// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model.h"

#include <QHash>
#include <vector>

namespace bg::core {

// "Depends on" edges between the resources of one document, node i being resources[i].
// Edges come from the state's dependencies/depends_on and from the plan configuration's
// references, resolved through module calls and outputs and expanded to every instance.
// Dangling references and cycles are tolerated and reported as warnings.
class DependencyGraph {
public:
    static DependencyGraph build(const Document &document);

    int size() const { return int(m_dependencies.size()); }
    const std::vector<int> &dependencies(int node) const { return m_dependencies[node]; }
    const std::vector<int> &dependents(int node) const { return m_dependents[node]; }
    int edgeCount() const { return m_edgeCount; }
    const QStringList &warnings() const { return m_warnings; }

    // The node with this exact address (deposed objects included), or -1.
    int find(const QString &address) const { return m_byId.value(address, -1); }
    // Every node an address names: an instance, all instances of a resource ("aws_x.y" or
    // "module.m[0].aws_x.y"), an unexpanded configuration address, or a whole module.
    std::vector<int> match(const QString &address) const;

    // The included nodes in the order Terraform destroys them: every node before everything
    // it depends on. Nodes caught in a cycle come last, in document order.
    std::vector<int> destroyOrder(
        const std::vector<bool> &include, std::vector<int> *stuck = nullptr) const;

private:
    friend class GraphBuilder;
    std::vector<std::vector<int>> m_dependencies;
    std::vector<std::vector<int>> m_dependents;
    QHash<QString, int> m_byId;
    QHash<QString, std::vector<int>> m_byResource; // resourceString() -> nodes
    QHash<QString, std::vector<int>> m_byConfig; // configString() -> nodes
    QHash<QString, std::vector<int>> m_byModule; // every module instance path -> nodes inside
    QStringList m_warnings;
    int m_edgeCount = 0;
};

} // namespace bg::core
