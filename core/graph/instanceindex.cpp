// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/graph/instanceindex_p.h"

namespace bg::core {

namespace {

const std::vector<int> NoNodes;

} // namespace

InstanceIndex::InstanceIndex(const QHash<QString, std::vector<int>> &byConfig,
    std::vector<int> instances, std::vector<int> starts)
    : m_byConfig(byConfig)
    , m_instances(std::move(instances))
    , m_starts(std::move(starts))
{
}

int InstanceIndex::commonCalls(const std::vector<ModuleStep> &a, const QStringList &b)
{
    int common = 0;
    while (common < int(a.size()) && common < b.size() && a[common].name == b[common])
        ++common;
    return common;
}

int InstanceIndex::prefixOf(int node, int common) const
{
    if (common <= 0)
        return -1;
    const int first = m_starts[size_t(node)], steps = m_starts[size_t(node) + 1] - first;
    return common <= steps ? m_instances[size_t(first + common - 1)] : -2;
}

const std::vector<int> &InstanceIndex::Groups::of(int prefix) const
{
    if (m_all)
        return *m_all;
    if (!m_byPrefix)
        return NoNodes;
    const auto group = m_byPrefix->find(prefix);
    return group == m_byPrefix->end() ? NoNodes : group->second;
}

InstanceIndex::Groups InstanceIndex::groups(const QString &configString, int common)
{
    Groups out;
    if (common <= 0) {
        const auto all = m_byConfig.constFind(configString);
        out.m_all = all == m_byConfig.constEnd() ? &NoNodes : &*all;
        return out;
    }
    auto key = std::make_pair(configString, common);
    auto it = m_groups.find(key);
    if (it == m_groups.end()) {
        std::unordered_map<int, std::vector<int>> groups;
        if (const auto all = m_byConfig.constFind(configString); all != m_byConfig.constEnd()) {
            for (int node : *all)
                groups[prefixOf(node, common)].push_back(node);
        }
        it = m_groups.emplace(std::move(key), std::move(groups)).first;
    }
    out.m_byPrefix = &it->second;
    return out;
}

} // namespace bg::core
