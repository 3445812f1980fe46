// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// One document reviewed inside its estate: the CLI's --estate and the GUI's File ▸ Open Estate
// both come here, so the two read, recognise and link an estate the same way.
#pragma once

#include "core/estate/estate.h"
#include "core/risk/analysis.h"

#include <memory>

namespace bg::core {

struct EstateContext {
    std::shared_ptr<const Estate> estate; // linked, with the reviewed document as one stack
    int stack = -1; // the reviewed document's stack
    QString recognisedBy; // "same lineage", "named with --stack", ...
    QStringList files; // every stack file read: what no export may overwrite

    explicit operator bool() const { return estate != nullptr; }
};

// Reads the estate of `options`, finds the stack `analysis` reviews (named `ownName`, else
// recognised by file, lineage or content; one that matches nothing is added, named after its
// folder), puts the analysis's own document in its place, links the stacks, and applies the
// breaks to `analysis` (core/estate/breaks.h). An error when a root cannot be listed.
Result<EstateContext> surroundWithEstate(
    Analysis &analysis, const EstateOptions &options, QString ownName, const RuleSet &rules);

// Reads and links an estate on its own (the GUI's list of stacks before a plan is open).
Result<std::shared_ptr<const Estate>> readLinkedEstate(
    const EstateOptions &options, const RuleSet &rules);

// The same estate around another analysis of the same document (a what-if of it).
void applyEstateContext(Analysis &analysis, const EstateContext &context);

} // namespace bg::core
