// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "impact.h"
#include "rules.h"

namespace bg::core {

// One thing a reviewer must know, in words. Critical findings are data-loss items, and each
// one needs its own acknowledgement before a plan can be approved.
struct Finding {
    Severity severity = Severity::Info;
    QString code;
    int node = -1;
    QString address;
    QString message;
};

// Applies the rules to every node by its action in `impact`. Most severe first, then in
// document order.
std::vector<Finding> evaluateFindings(
    const Document &document, const Impact &impact, const RuleSet &rules);

} // namespace bg::core
