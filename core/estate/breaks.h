// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The cross-stack radius: what an analysis destroys, broken in the estate's other stacks.
#pragma once

#include "core/estate/estate.h"
#include "core/risk/analysis.h"

namespace bg::core {

// Puts the estate around `analysis`, whose document is stack `stack` of the linked `estate`:
// every link from another stack to a node the apply really destroys (deleted or replaced, not
// refused for certain, not left unreached) is a break, and each such node gets a critical
// `cross-stack-break` finding naming what it breaks, so the gate blocks it until approved.
// Findings stay most severe first, then in document order.
void applyEstate(Analysis &analysis, const Estate &estate, int stack, const QString &recognisedBy);

// "aws_ecs_service.web uses subnet-0c1d2e3f4a5b… (network_configuration[0].subnets[0]) of
// aws_subnet.private[0]", or through a remote state: "... read through
// data.terraform_remote_state.network (output private_subnet_ids)".
QString breakWords(const StackBreak &b);
// Per other stack: "breaks 3 resources in stack platform: WORDS; WORDS; and 1 more".
QStringList breakLines(const EstateView &view, int perStack = 5);
// A value cut for a sentence: whole up to 24 characters, else its first 20 and "…".
QString shortValue(const QString &value);

} // namespace bg::core
