// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The destroy replayed step by step, as plain values: for the GUI's replay slider and for the
// reports' destroy-order lists and timelines.
#pragma once

#include "analysis.h"

namespace bg::core {

// Terraform walks the destroy graph in parallel: a node goes as soon as everything that
// depends on it has gone. So the replay is told in waves. A node's wave is the number of
// destroyed nodes on the longest chain of dependents above it (the chain may pass through
// nodes that are not destroyed, such as data sources or updates, which add no wave): wave 0
// goes first, and everything in one wave can go at the same moment. The steps are numbered in
// wave order, and within a wave in the order of Impact::destroyOrder; every order Terraform
// may take is a reordering within waves. Nodes caught in a dependency cycle (which Terraform
// refuses) form one last wave, in file order.
struct ReplayStep {
    int node = -1; // the analysis node destroyed at this step (deleted, or replaced)
    int wave = 0; // 0-based; steps of one wave have no dependency between them
    bool dataLoss = false; // a critical data loss (Analysis::criticalNodes)
    bool pointOfNoReturn = false; // the first data-loss step (Analysis::pointOfNoReturn)
    int goneBefore = 0; // steps before this one (nodes already gone in the replay)
    int dataGoneBefore = 0; // data stores (RuleSet::isDataCategory) among them
    // What is lost, in words: "the database; no final snapshot; its automated backups go with
    // it". Empty for a node that holds no data and has no critical finding.
    QString loss;
    // What happens, after the address: "deleted — " and the loss, or "replaced (network)".
    QString what;
    // "Step 12 of 38: module.database.aws_db_instance.edu deleted — the database; ...". Plain
    // words from the category and the node's critical findings; findings are already masked,
    // so no secret value can appear.
    QString sentence;
};

// The destroyed nodes in replay order, and the wave of each (same length, same order).
struct ReplayOrder {
    std::vector<int> nodes;
    std::vector<int> waves;
    int waveCount() const { return waves.empty() ? 0 : waves.back() + 1; }
};
ReplayOrder replayOrder(const Analysis &analysis);

// Every destroyed node once, in replay order. Empty when nothing is destroyed.
std::vector<ReplayStep> destroyReplay(const Analysis &analysis, const RuleSet &rules);

} // namespace bg::core
