// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/risk/analysis.h"

#include <QDateTime>

namespace bg::core {

// What the gate enforces beyond the risk rules: resources nobody may destroy without an
// approval, which findings need one, and how long an approval stays valid. Data, not code:
// resources/policy/default.json (schema blastguard.policy/v1), and a user's file on top.
//
// A policy can only make the gate stricter than the rules: severity critical always counts,
// and the codes and severities it lists are added to that, never taken away.
struct Policy {
    static constexpr auto Schema = "blastguard.policy/v1";
    static constexpr auto ProtectedCode = "policy-protected";

    QStringList protectedCategories; // rule categories: "database", "network", ...
    QStringList protectedTypes; // globs over resource types: "aws_db_*"
    QStringList protectedAddresses; // globs over addresses: "module.prod.*"
    QList<Severity> criticalSeverities {Severity::Critical};
    QStringList criticalCodes; // finding codes that count as critical whatever their severity
    double maxApprovalAgeHours = 0; // 0: no limit (only Policy{} in code; a file needs > 0)
    // "terraform": the program `blastguard-cli apply` runs, an absolute path. Empty: terraform,
    // then tofu, in /usr/local/bin, /usr/bin and /bin (never the caller's PATH).
    QString terraformProgram;
    QStringList sources; // the files this policy was read from, in order

    // Reads `path` over `base`: every field the file gives replaces the base's, the others
    // keep it (protected.categories, .types and .addresses are fields of their own). Strict:
    // an unknown key, a wrong type, an unknown severity or schema is an error that names the
    // file, and the line and column of the key where it can. Never a silent default.
    static Result<Policy> load(const QString &path, const Policy &base);
    static Result<Policy> load(const QString &path);
    // resources/policy/default.json, found by ResourceLocator.
    static Result<Policy> loadDefault();
    // The default policy with the user's file at `path` over it; the default alone when `path`
    // is empty.
    static Result<Policy> loadDefaultAnd(const QString &path);

    // Codes the policy names that no rule (nor the policy itself) can raise: most likely a
    // typo, which would otherwise silently count for nothing. Empty when all are known.
    QStringList unknownCodes(const RuleSet &rules) const;

    bool countsAsCritical(const Finding &finding) const;
    // The pattern or category that protects this resource, in words; empty when none does.
    QString protection(const Resource &resource, const QString &category) const;
};

// Puts the analysis under the policy: every destroyed (deleted or replaced) protected resource
// gets a critical `policy-protected` finding, and every finding the policy counts as critical
// is raised to critical. Afterwards Severity::Critical means "needs an acknowledgement" for
// the reports, the GUI, approvalFor and approvalMismatches alike. Findings stay most severe
// first, then in document order.
void applyPolicy(Analysis &analysis, const Policy &policy);

// Why the approval is too old (or dated in the future) under the policy; empty when it is not.
QStringList approvalAgeMismatches(
    const QDateTime &approvedAt, const Policy &policy, const QDateTime &now);

} // namespace bg::core
