// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: the instances of a configuration resource, scoped to module instances.
#pragma once

#include "core/model.h"

#include <QHash>

namespace bg::core {

// Terraform records and references resources by configuration address (module.app.aws_sg.lb,
// no instance keys). A resource inside module.app["x"] can only reach the module.app["x"]
// copy of a sibling: modules see each other only through their parent. So the instances a
// source depends on are those that share its keys for the module calls both sit in. Grouping
// once per (resource, depth) keeps this linear instead of instances × instances.
class InstanceIndex {
public:
    InstanceIndex(const Document &document, const QHash<QString, std::vector<int>> &byConfig);

    // Instances of `configString` whose first `common` module steps equal the source's.
    const std::vector<int> &scoped(
        const QString &configString, const std::vector<ModuleStep> &source, int common);

    // How many leading module calls two paths share, by call name.
    static int commonCalls(const std::vector<ModuleStep> &a, const QStringList &b);

private:
    const Document &m_document;
    const QHash<QString, std::vector<int>> &m_byConfig;
    // (config, depth) -> prefix -> nodes
    QHash<std::pair<QString, int>, QHash<QString, std::vector<int>>> m_groups;
};

} // namespace bg::core
