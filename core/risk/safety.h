// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/graph/impact.h"
#include "core/risk/rules.h"

namespace bg::core {

// A state-safety warning: the signs that the state behind a plan is missing, stale or foreign.
struct Warning {
    QString code;
    QString message;
};

// The warning codes, each spelled only here: the functions below raise them, and whoever tests
// for one (approval, the protection catalog) names it by these.
inline constexpr QLatin1String ErroredPlanCode("errored-plan");
inline constexpr QLatin1String MissingStateCode("missing-state");
inline constexpr QLatin1String DeleteEverythingCode("delete-everything");
inline constexpr QLatin1String StaleStateCode("stale-state");
inline constexpr QLatin1String ForeignStateCode("foreign-state");
inline constexpr QLatin1String UnreadableActionsCode("unreadable-actions");
inline constexpr QLatin1String IncompletePlanCode("incomplete-plan");
inline constexpr QLatin1String ProvisionersCode("provisioners");
inline constexpr QLatin1String DivergedStateCode("diverged-state");
// All of them, in the order above.
const QStringList &warningCodes();

// missing-state (mass create over an empty prior state), delete-everything, errored-plan,
// unreadable-actions (changes whose actions could not be read), incomplete-plan (-target or
// deferred changes: the plan covers only part of the configuration).
std::vector<Warning> planWarnings(const Document &plan, const Impact &impact, const RuleSet &rules);

// The resource changes whose actions (or whole entry) could not be read, each of which may be a
// delete: the unreadable entries' places, then the addresses of changes with unreadable actions.
QStringList unreadableChanges(const Document &plan);

// Two raw states of, supposedly, the same infrastructure: stale-state (same lineage, the one
// in use has the lower serial) or foreign-state (different lineages). `older` is the state
// that came first (before the incident), `current` the one in use now.
std::vector<Warning> lineageWarnings(const Document &older, const Document &current);

} // namespace bg::core
