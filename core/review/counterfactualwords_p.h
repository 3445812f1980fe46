// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to counterfactual.cpp: the plain-language sentences of a counterfactual (each
// protection's effect, why it does nothing, why the run stops). The computation that decides
// them stays in counterfactual.cpp and hands its results in.
#pragma once

#include "core/review/counterfactual.h"

#include <vector>

namespace bg::core::detail {

// What the effect sentences read: the real run, the rules, the counterfactual so far and its
// re-evaluated analysis.
struct Context {
    const Analysis &actual;
    const RuleSet &rules;
    const Counterfactual &cf;
    const Analysis &result;
    QString stopper; // the title of the protection that stopped the run
};

// "deletion_protection = true": the setting of `p` on this node, which it covers.
QString settingOn(const Analysis &a, const Protection &p, int node);

// Why Terraform cannot honour a lifecycle block (prevent_destroy) for this node, as a clause;
// empty when it can. Terraform reads the block from the resource's configuration: a resource
// deleted because its block or its module is gone has none, and a deposed object is destroyed
// whatever the block says.
QString outsideLifecycle(const Resource &r);

// Why a stopping protection stops this run, as a clause; empty when it does not. `covered`:
// the destroyed nodes a stops-plan protection's rule names that Terraform can protect, in
// destroy order.
QString stopReason(
    const Analysis &a, const RuleSet &rules, const Protection &p, std::vector<int> covered);

// A blocks-delete protection: what its settings on `blocked` (the destroyed nodes they cover,
// in destroy order) save, with the `deps` further resources those depend on; or why it does
// nothing.
QString blocksDeleteEffect(
    const Context &c, const Protection &p, std::vector<int> blocked, int deps);

// A keeps-data protection covering `covered` (destroyed nodes, in destroy order): whose data it
// keeps (`kept`) and which findings (`codes`) no longer hold; or why it does nothing.
QString keepsDataEffect(const Context &c, const Protection &p, const std::vector<int> &covered,
    const std::vector<int> &kept, const QStringList &codes);

// A stopping protection: the run stopped for `reason` (empty when it does not stop), and the
// nodes it names that Terraform cannot protect (`outside`, in destroy order).
QString stopEffect(
    const Context &c, const Protection &p, const QString &reason, const std::vector<int> &outside);

} // namespace bg::core::detail
