// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/review/protections.h"

#include <memory>

namespace bg::core {

// The analysis re-evaluated as if protections had been in place. A plain value for the CLI and
// the GUI; `analysis` has the same node indices as the input, so that nodes map 1:1.
struct Counterfactual {
    QStringList applied; // ids, in catalog order (unknown ids are left out)
    bool runStopped = false;
    QString stopReason; // in words, names the resource or the warning
    std::vector<int> survivors; // destroyed or replaced in reality, survive here; destroy order
    std::vector<int> dataKept; // still destroyed, but their data is kept; destroy order
    std::vector<Finding> removed; // findings of the real run no longer raised, in their order
    QStringList effects; // per applied protection: what it did, or why it did nothing
    std::shared_ptr<const Analysis> analysis; // survivors no longer destroyed, findings re-run
};

// Re-runs `actual` with the protections `ids`. Stopping protections dominate (nothing is
// applied: every change becomes a no-op); otherwise the blocked nodes of every blocks-delete
// protection survive with everything they depend on, and the findings are re-evaluated by the
// rules with every protection's attribute overrides. A protection never adds a finding.
Counterfactual whatWouldHaveSaved(
    const Analysis &actual, const RuleSet &rules, const ProtectionSet &set, const QStringList &ids);

} // namespace bg::core
