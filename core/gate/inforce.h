// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the gate decided under, in words every gate and approve run prints: the rules and the
// policy in force, each file they were read from with its SHA-256, and their fingerprints
// (core/configsource.h defines them):
//   Rules in force: shipped (sha256 ab12…) + /path/extra.json (sha256 …); fingerprint …
//   Policy in force: shipped (sha256 …); fingerprint …; an approval is valid for 24 hours
#pragma once

#include "core/gate/policy.h"

namespace bg::core {

QString rulesInForce(const RuleSet &rules); // one line, no newline
QString policyInForce(const Policy &policy); // one line, no newline
// Both lines, each ending with a newline.
QString inForceLines(const RuleSet &rules, const Policy &policy);

} // namespace bg::core
