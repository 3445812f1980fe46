// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/estateview.h"

#include <map>
#include <set>

namespace bg::core {

std::vector<std::pair<QString, int>> EstateView::stacksHit() const
{
    std::map<QString, std::set<QString>> resources;
    for (const StackBreak &b : breaks)
        resources[b.stack].insert(b.address);
    std::vector<std::pair<QString, int>> out;
    for (const auto &[stack, addresses] : resources)
        out.emplace_back(stack, int(addresses.size()));
    return out;
}

int EstateView::brokenCount() const
{
    int n = 0;
    for (const auto &[stack, count] : stacksHit())
        n += count;
    return n;
}

} // namespace bg::core
