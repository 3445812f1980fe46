// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/graph/graph.h"
#include "core/graph/impact.h"
#include "core/risk/estateview.h"
#include "core/risk/findings.h"
#include "core/risk/outcome.h"
#include "core/risk/projects.h"
#include "core/risk/safety.h"

#include <memory>

namespace bg::core {

enum class AnalysisMode : quint8 { Plan, State, WhatIf };

// A document and its dependency graph, immutable once built. Every analysis of the same file
// (the plan, a what-if, a counterfactual) shares one, so that none of them copies a
// 10,000-resource document, and any thread may read it.
struct AnalysedDocument {
    Document document;
    DependencyGraph graph;
};

// Everything known about one document: the graph, what happens to each node, the findings
// and the warnings. A plain value: the GUI, the CLI and the reports all read this. Copying it
// copies the per-node results, never the document or the graph.
struct Analysis {
    AnalysisMode mode = AnalysisMode::Plan;
    std::shared_ptr<const AnalysedDocument> shared; // never null
    Impact impact;
    NodeCategories categories; // per node
    std::vector<Finding> findings;
    std::vector<NodeOutcome> outcomes; // per node: what the apply really does (outcome.h)
    std::vector<Warning> warnings; // state safety
    // The projects the destroy hits (projects.h), most resources first, when it hits two or
    // more; else empty. applyPolicy sets it, by the policy's project tags.
    std::vector<ProjectHit> projectsHit;
    QStringList notes; // what the loader and the graph tolerated
    // The estate around this document, when one was given (core/estate/breaks.h): what its
    // destroys break in other stacks. Null without one.
    std::shared_ptr<const EstateView> estate;

    Analysis();
    const Document &document() const { return shared->document; }
    const DependencyGraph &graph() const { return shared->graph; }

    int criticalCount() const;
    int outcomeCount(Outcome outcome) const;
    // The first node, in the replay's order (replay.h: by wave, then destroy order), whose
    // loss is a critical data loss (lossNodes): from that step on the destroy cannot be undone
    // by re-applying. -1 when nothing critical is lost. The replay marks this same node.
    int pointOfNoReturn() const;
    // Nodes with a critical finding: each needs an acknowledgement at the gate, whatever the
    // apply does to it.
    std::vector<bool> criticalNodes() const;
    // Nodes with a critical finding whose data the apply really loses: not refused, not kept
    // elsewhere, not left unreached by a refusal. A project-boundary finding loses no data.
    std::vector<bool> lossNodes() const;
    // The refusals that fail the apply (certain, and reached), in the replay's order.
    std::vector<int> stops() const;
    // The word before the headline: "DATA LOSS" (data is lost, or a critical finding says so
    // where no refusal or copy answers it), "APPLY FAILS" (a refusal stops it and nothing is
    // lost), "NEEDS APPROVAL" (critical findings, nothing lost), or empty.
    QString verdict() const;
    // What the apply does to a node, in words, after its action: "refused — deletion_protection
    // is on: ...; the apply stops here", "data kept in final snapshot prod-db-final", "not
    // reached — waits for aws_db_instance.db, which is refused", "data lost for good". Empty
    // for none and destroyed.
    QString outcomeSentence(int node) const;
    // "Outcomes: 2 data lost, 1 data kept, 1 refused, 3 not reached, 30 destroyed": every
    // outcome but none that occurs, in a fixed order; empty when none occurs.
    QString outcomesLine() const;
    // "ADDRESS — what it loses (and N more critical findings)" for the first critical finding,
    // by its rule's loss words; empty without one. The headline's words where nothing it
    // destroys is a data store. The projects' findings are left to the headline's sentence.
    QString firstCritical(const RuleSet &rules) const;
    // "Deletes 1 database and 3 snapshots — data loss", or what the plan does instead. When
    // the destroy hits two or more projects (projectsHit), they come first: "This destroy hits
    // 2 projects: courses (4 resources) and shipping-labs (2). Deletes ...".
    QString headline(const RuleSet &rules) const;
    // The headline without the projects and without what it breaks in other stacks.
    QString destroysLine(const RuleSet &rules) const;
    // "It breaks 3 resources in 1 other stack: platform (3)." Empty without breaks.
    QString breaksSentence() const;
};

// Works out `outcomes` from the impact and the findings (outcome.h). Every analysis made here
// has them; call again after changing the impact or the findings.
void settleOutcomes(Analysis &analysis, const RuleSet &rules);

// A plan: its own changes. A state: nothing changes (use analyseWhatIf to simulate).
Analysis analyse(Document document, const RuleSet &rules);

// Simulates `terraform destroy -target=...` for each address (instance, resource, module or
// configuration address); an empty list means a full destroy. Unknown addresses are
// returned in *unknown.
Analysis analyseWhatIf(Document document, const RuleSet &rules, const QStringList &targets,
    QStringList *unknown = nullptr);
// The same on the document and graph of `base` (analysed under the same rules), shared
// rather than copied or rebuilt.
Analysis analyseWhatIf(const Analysis &base, const RuleSet &rules, const QStringList &targets,
    QStringList *unknown = nullptr);

// The old document of a state diff, with exactly the lost nodes deleted.
Analysis analyseLoss(Document document, const RuleSet &rules, const std::vector<int> &lost);

} // namespace bg::core
