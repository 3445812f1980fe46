// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model.h"
#include "core/risk/rules.h"

#include <vector>

namespace bg::core {

struct Analysis;

// What the next plan from a state does to the objects the state itself marks (hashicorp/
// terraform): a tainted current object is "in an unrecoverable bad state ... a tainted object
// must be replaced" (internal/states/instance_object.go, ObjectTainted), which the plan shows as
// a replace with action_reason replace_because_tainted (internal/terraform/
// node_resource_abstract_instance.go); for a deposed object "the only valid operation ... is to
// destroy them" (internal/terraform/node_resource_destroy_deposed.go).
struct NextPlanStep {
    int node = -1;
    Action action = Action::NoOp; // Replace (tainted) or Delete (deposed)
};

// The steps for a state's objects, in document order; empty for a plan.
std::vector<NextPlanStep> nextPlanOfState(const Document &document);

// "replaces 1 tainted database (aws_db_instance.db) and deletes 1 deposed object
// (aws_instance.web (deposed object 4f1c9a2e))"; empty when there is nothing to say.
QString nextPlanSummary(const Analysis &analysis, const RuleSet &rules);

// One step in words: "replaced (replace_because_tainted): the object is tainted ...".
QString nextPlanWords(const Analysis &analysis, const NextPlanStep &step, const RuleSet &rules);

} // namespace bg::core
