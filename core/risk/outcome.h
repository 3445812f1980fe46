// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the apply really does to each resource, beyond the plan's action: a delete the cloud or
// the provider refuses, data kept somewhere named, data lost for good (by a delete, a replace
// or an in-place update), and what a refusal leaves unreached. The rules say it, as data
// (a finding rule's "outcome", resources/rules/README.md); this file applies it per node.
#pragma once

#include "core/graph/impact.h"
#include "core/risk/categories.h"
#include "core/risk/findings.h"
#include "core/sharedvalue.h"

namespace bg::core {

enum class Outcome : quint8 { None, Destroyed, DataLost, DataKept, Refused, NotReached };
inline constexpr int OutcomeCount = 6;
// "none", "destroyed", "data_lost", "data_kept", "refused", "not_reached"
QString outcomeName(Outcome outcome);

// The words of an outcome. Few nodes have any: the others hold none, so that a node costs 16
// bytes, not 104 (a plan of a million small creates holds a million outcomes).
struct OutcomeWords {
    QString keptIn; // data_kept: where ("final snapshot prod-db-final")
    QString refusedBecause; // refused: why, in words
    QString brief; // refused: the headline's few words ("deletion_protection")
    QString lost; // data_lost: the rule's words, where one says what is lost
};

struct NodeOutcome { // one per node: the small members together
    Outcome outcome = Outcome::None;
    bool certain = true; // refused: false where it depends on what the resource holds
    int waitsOn = -1; // not_reached: the refused node the destroy waits for

    const QString &keptIn() const { return words().keptIn; }
    const QString &refusedBecause() const { return words().refusedBecause; }
    const QString &brief() const { return words().brief; }
    const QString &lost() const { return words().lost; }
    const OutcomeWords &words() const { return m_words.get(); }
    OutcomeWords &editWords() { return m_words.edit(); } // its own copy, made on first edit

private:
    SharedValue<OutcomeWords> m_words;
};

// The outcome of every node, from its action in `impact` and the findings raised on it:
// - a destroy (delete or replace) matched by a rule with a refused outcome is refused; else
//   one with a data_kept outcome keeps its data; else a data store (RuleSet::isDataCategory)
//   or a node with a data_lost rule loses it; else it is destroyed, holding no data;
// - an update or a create with a data_lost rule loses data (a retention set to 0); else none;
// - what Terraform never gets to because a certain refusal fails the apply: every destroyed
//   node the refused one depends on (Terraform destroys dependents first, so their
//   dependencies wait), and every create or update that depends on a refused replacement.
//   Other branches go on, as Terraform's walk does.
std::vector<NodeOutcome> applyOutcomes(const Document &document, const DependencyGraph &graph,
    const Impact &impact, const NodeCategories &categories, const std::vector<Finding> &findings,
    const RuleSet &rules);

} // namespace bg::core
