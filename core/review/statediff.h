// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/report.h"
#include "core/risk/analysis.h"

#include <optional>

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

// A resource the stale state in use lacks: the newer state of the same lineage holds it, so it
// was not destroyed; the stale state forgot it, and it still runs, unmanaged.
struct ForgottenResource {
    QString address;
    QString category;
    bool dataStore = false;
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
    // Under a stale-state warning (the file in use has the lower serial of one lineage): what
    // it lacks is forgotten, not lost. `forgotten` lists it, and the diff report speaks from
    // `staleView`, the old document with nothing destroyed. `lost` keeps marking it deleted:
    // it is what planning from the stale state leaves out (the GUI's replay, saved-by).
    bool stale = false;
    std::vector<ForgottenResource> forgotten;
    std::optional<Analysis> staleView;
};

StateDiff diffStates(Document older, const Document &newer, const RuleSet &rules);
QByteArray renderDiff(const StateDiff &diff, const RuleSet &rules, ReportFormat format);

} // namespace bg::core
