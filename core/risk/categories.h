// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>
#include <vector>

namespace bg::core {

// The rules' category of every node ("database", "network", or empty), read like a vector of
// strings. The categories are a closed set (rulesreader.cpp checks every rule's against it), so
// a node keeps a 2-byte number, not a 24-byte string: a plan of a million small resources holds
// a million of them.
class NodeCategories {
public:
    void reserve(size_t n) { m_index.reserve(n); }
    void push_back(const QString &category)
    {
        size_t i = 0;
        while (i < m_names.size() && m_names[i] != category)
            ++i;
        if (i == m_names.size())
            m_names.push_back(category);
        m_index.push_back(quint16(i));
    }
    size_t size() const { return m_index.size(); }
    const QString &operator[](size_t node) const { return m_names[m_index[node]]; }

private:
    std::vector<quint16> m_index; // per node, into m_names
    std::vector<QString> m_names; // each category once: as many as the rules have
};

} // namespace bg::core
