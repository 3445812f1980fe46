// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/report.h"
#include "core/risk/analysis.h"

namespace bg::core {

struct AttributeChange {
    QString path;
    QString before; // masked
    QString after; // masked
};

struct ResourceChangeSummary {
    QString address;
    QString category;
    std::vector<AttributeChange> attributes;
};

// What happened between two states of one infrastructure: what was lost (with the data-loss
// findings, in destroy order), what was added, what changed, and the lineage/serial verdict.
struct StateDiff {
    Analysis lost; // the old document, its lost resources marked as deleted
    QString newPath;
    QString newDescription;
    QStringList added;
    std::vector<ResourceChangeSummary> changed;
    std::vector<Warning> warnings;
    QString lineageVerdict; // in words, when there is no warning
};

StateDiff diffStates(Document older, const Document &newer, const RuleSet &rules);
QByteArray renderDiff(const StateDiff &diff, const RuleSet &rules, ReportFormat format);

} // namespace bg::core
