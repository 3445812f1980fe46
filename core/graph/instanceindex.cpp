// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/graph/instanceindex_p.h"

namespace bg::core {

namespace {

QString prefixOf(const std::vector<ModuleStep> &module, int common)
{
    return moduleToString(module, size_t(common)); // as a size: a negative count takes all
}

} // namespace

InstanceIndex::InstanceIndex(
    const Document &document, const QHash<QString, std::vector<int>> &byConfig)
    : m_document(document)
    , m_byConfig(byConfig)
{
}

int InstanceIndex::commonCalls(const std::vector<ModuleStep> &a, const QStringList &b)
{
    int common = 0;
    while (common < int(a.size()) && common < b.size() && a[common].name == b[common])
        ++common;
    return common;
}

const std::vector<int> &InstanceIndex::scoped(
    const QString &configString, const std::vector<ModuleStep> &source, int common)
{
    static const std::vector<int> none;
    if (common == 0) {
        auto all = m_byConfig.constFind(configString);
        return all == m_byConfig.constEnd() ? none : *all;
    }
    const std::pair<QString, int> key {configString, common};
    auto it = m_groups.find(key);
    if (it == m_groups.end()) {
        QHash<QString, std::vector<int>> groups;
        for (int node : m_byConfig.value(configString))
            groups[prefixOf(m_document.resources[node].address.module, common)].push_back(node);
        it = m_groups.emplace(key, std::move(groups)).first;
    }
    auto group = it->second.constFind(prefixOf(source, common));
    return group == it->second.constEnd() ? none : *group;
}

} // namespace bg::core
