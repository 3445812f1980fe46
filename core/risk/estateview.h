// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the estate says about one analysis: its stack among the others, and what destroying its
// resources breaks in them (core/estate/breaks.h fills it). Plain values, for the reports.
#pragma once

#include <QStringList>
#include <vector>

namespace bg::core {

// The finding on a destroyed node that other stacks use (core/estate/breaks.h).
inline constexpr auto CrossStackBreakCode = "cross-stack-break";

// One resource of another stack that uses a resource this analysis destroys.
struct StackBreak {
    int node = -1; // the destroyed node of this analysis
    QString stack; // the other stack
    QString address; // its resource
    QString via; // the attribute path that ties them: network_configuration[0].subnets[0]
    QString value; // the value there: subnet-0c1d…
    QString dependsOnStack; // this analysis's stack
    QString dependsOn; // the destroyed node's address
    QString reason; // "identity" or "remote_state"
    QString dataSource; // remote_state: data.terraform_remote_state.network
    QString output; // remote_state: the output's name
};

struct EstateView {
    QString stack; // this document's stack
    QString recognisedBy; // "the same lineage", "named with --stack", ...
    int stackCount = 0; // stacks in the estate, this one included
    QStringList roots;
    QStringList skipped; // files named and skipped, with why
    QStringList notes;
    int linksIn = 0; // links from other stacks to this one's resources
    int linksOut = 0; // links from this one's resources to other stacks
    std::vector<StackBreak> breaks; // by destroyed node, then stack and address

    // The other stacks hit, sorted, and how many distinct resources of each.
    std::vector<std::pair<QString, int>> stacksHit() const;
    int brokenCount() const; // distinct (stack, address) pairs
};

} // namespace bg::core
