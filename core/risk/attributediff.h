// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model.h"
#include "core/risk/rules.h"

#include <QDebug>
#include <vector>

namespace bg::core {

struct Analysis;

inline constexpr auto KnownAfterApplyText = "(known after apply)";

// In this order: the printers index their words by it.
enum class DiffKind : quint8 { Unchanged, Changed, Added, Removed, UnknownAfterApply };
QString diffKindName(DiffKind kind); // "unchanged", "changed", "added", "removed", "unknown"

// One attribute of a resource, before and after. The texts are masked (core/masking.h):
// whatever masking hides reads "(sensitive)" and nothing else of it is ever in a row.
struct DiffRow {
    QString path; // flattened: a.b[0].c; empty for a whole scalar value
    QString before; // printed JSON, "(sensitive)" or empty when absent
    QString after; // the same, or "(known after apply)"
    // UnknownAfterApply: `after` is known only once applied (`before` may be empty: a create).
    // A masked value that changed is Changed although both texts read "(sensitive)".
    DiffKind kind = DiffKind::Unchanged;
    bool beforeMasked = false;
    bool afterMasked = false;
    bool forcesReplacement = false; // the path is in the plan's replace_paths

    bool operator==(const DiffRow &) const = default;
};
QDebug operator<<(QDebug debug, const DiffRow &row);

// The row as Terraform words it: a value known only after apply is added on a create and
// changed otherwise. Never UnknownAfterApply. What the details panel and the CLI print.
DiffKind printedKind(const DiffRow &row);

// Where the after side of a resource comes from.
enum class AfterSide : quint8 {
    Planned, // the plan's `after` and `after_unknown`
    Kept, // nothing happens to the object: after is before (a state; a what-if that spares it)
    Gone, // a what-if destroys it: there is no after
};

// The attribute diff of `resource`, in flatten's order (depth first, keys sorted, list items by
// index). A row missing on one side but under a whole value the other side masks or leaves
// unknown pairs with that value, and the enclosing row is dropped. Raw values are decoded only
// to tell whether a masked value changed; they never reach a row. Deterministic.
std::vector<DiffRow> attributeDiff(
    const Document &document, const Resource &resource, const RuleSet &rules, AfterSide side);

// The diff of a node as the analysis sees it: a what-if keeps or destroys the object as it is
// now, a plan applies its change, a state keeps its object.
std::vector<DiffRow> attributeDiff(const Analysis &analysis, int node, const RuleSet &rules);

} // namespace bg::core
