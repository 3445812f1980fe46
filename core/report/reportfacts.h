// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Facts a report lists beside the changes: what a state's next plan does to its tainted and
// deposed objects, the plan's deferred changes and the actions its apply runs.
#pragma once

#include "core/risk/analysis.h"

#include <QJsonObject>

namespace bg::core::detail {

struct FactItem {
    QString address;
    QString words; // plain text, after the address
};

struct FactSection {
    QString heading; // with the count
    std::vector<FactItem> items; // at most the first MaxListedEntries
    qsizetype total = 0;
};

// The sections that have something to say, in report order.
std::vector<FactSection> factSections(const Analysis &analysis, const RuleSet &rules);

// "its count or for_each is not known yet" for "instance_count_unknown"; Terraform's reason
// values are the DeferredReason constants of internal/command/jsonplan/plan.go.
QString deferredReasonWords(const QString &reason);

// JSON: resources[i]'s status, next_plan and masked identity; top-level deferred[],
// action_invocations[] and next_plan[].
void addResourceFacts(
    const Analysis &analysis, int node, const RuleSet &rules, QJsonObject *resource);
void addFactLists(const Analysis &analysis, QJsonObject *root);

// The estate (reportestate.cpp): plain-text lines saying which stack this is and what its
// destroys break in the others; empty without an estate. JSON: top-level breaks[] and estate.
QStringList estateLines(const Analysis &analysis);
void addEstateJson(const Analysis &analysis, QJsonObject *root);

} // namespace bg::core::detail
