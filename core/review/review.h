// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/estate/surround.h"
#include "core/gate/policy.h"
#include "core/risk/analysis.h"

#include <memory>

namespace bg::core {

// What a reviewer opened, analysed and ready to show.
struct Review {
    QString path; // the file the view is about
    std::shared_ptr<Analysis> analysis; // null when a file failed to load, and then:
    Error error; // names the file, the line and the column where known
    QString context; // what the view is, when it is not simply the file (a state diff)
    QStringList inputs; // every file read for it: an export may overwrite none of them
    EstateContext estate; // the estate around it, when one was given
};

// Opens one or two files for review, with the policy applied. A plan and a state may come
// together: the plan is what gets reviewed. Two states and no plan are a state diff, the first
// being the state before; its lineage/serial warnings lead the analysis's warnings.
// With estate roots, the analysis is reviewed inside that estate (core/estate/surround.h):
// `stackName` names its stack, else it is recognised; a root that cannot be read fails the open.
Review openForReview(const QStringList &paths, const RuleSet &rules, const Policy &policy,
    const EstateOptions &estate = {}, const QString &stackName = {});

} // namespace bg::core
