// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/risk/analysis.h"
#include "core/risk/projects.h"

#include <QDateTime>

namespace bg::core {

// What the gate enforces beyond the risk rules: resources nobody may destroy without an
// approval, which findings need one, how long an approval stays valid, and who must sign it.
// Data, not code: the shipped policy (resources/policy/default.json, schema
// blastguard.policy/v1, embedded in the binary) and a user's files on top, which can only make
// it stricter (resources/policy/README.md says what each member may do).
//
// A policy can only make the gate stricter than the rules: severity critical always counts,
// and the codes and severities it lists are added to that, never taken away.
struct Policy {
    static constexpr auto Schema = "blastguard.policy/v1";
    static constexpr auto ProtectedCode = "policy-protected";
    static constexpr auto ProjectCode = ProjectBoundaryCode;

    QStringList protectedCategories; // rule categories: "database", "network", ...
    QStringList protectedTypes; // globs over resource types: "aws_db_*"
    QStringList protectedAddresses; // globs over addresses: "module.prod.*"
    QList<Severity> criticalSeverities {Severity::Critical};
    QStringList criticalCodes; // finding codes that count as critical whatever their severity
    // Ownership tags, first first: the first a resource carries names its project
    // (core/risk/projects.h). Empty: no projects.
    QStringList projectTags;
    // "estate": folders of other stacks' states and plans (absolute paths) that every report,
    // what-if, gate and approve reads around the plan, as if given with --estate: what a destroy
    // breaks in them is critical. A folder that cannot be read fails the command (closed).
    QStringList estateRoots;
    double maxApprovalAgeHours = 0; // 0: no limit (only Policy{} in code; a file needs > 0)
    bool requireSignedApproval = true; // an approval must carry a valid signature
    QString allowedSigners; // absolute path of an OpenSSH allowed_signers file; empty: none named
    int approvalsRequired = 1; // distinct signers a critical plan needs
    // "terraform": the program `blastguard-cli apply` runs, an absolute path. Empty: terraform,
    // then tofu, in /usr/local/bin, /usr/bin and /bin (never the caller's PATH).
    QString terraformProgram;
    QString terraformNamedBy; // the policy file that named terraformProgram
    ConfigSources sources; // the files this policy was read from, in order

    // Lowercase hex SHA-256 of what is in force (core/configsource.h says how).
    QString fingerprint() const { return sources.fingerprint(); }

    // Reads the user's file at `path` as an addition to `base`, the policy in force: its lists
    // are added to the base's, its numbers and flags may only be stricter. Anything that would
    // loosen the base (an empty list, a severity left out, a longer approval age, fewer
    // approvals, unsigned approvals) is an error naming the file, the line and column of the
    // member, and why. Strict as every reader: an unknown key, a wrong type, an unknown severity
    // or schema is an error too. Never a silent default.
    static Result<Policy> load(const QString &path, const Policy &base);
    // The file at `path` on its own, as the shipped policy is read: every member it gives
    // replaces Policy{}'s. Not the policy in force; for tools and tests.
    static Result<Policy> load(const QString &path);
    // The shipped policy, as embedded in the binary when it was built. No data directory and no
    // file on disk replaces it.
    static Result<Policy> loadDefault();
    // The policy in force: the shipped policy, then each addition in order. An empty path adds
    // nothing.
    static Result<Policy> loadDefaultAnd(const QStringList &additions);
    static Result<Policy> loadDefaultAnd(const QString &addition);

    // Codes the policy names that no rule (nor the policy itself) can raise: most likely a
    // typo, which would otherwise silently count for nothing. Empty when all are known.
    QStringList unknownCodes(const RuleSet &rules) const;

    bool countsAsCritical(const Finding &finding) const;
    // The pattern or category that protects this resource, in words; empty when none does.
    QString protection(const Resource &resource, const QString &category) const;
};

// Puts the analysis under the policy: every destroyed (deleted or replaced) protected resource
// gets a critical `policy-protected` finding; when the destroy hits two or more projects (by
// the policy's project tags), each gets a critical `project-boundary` finding on its first
// destroyed node, and Analysis::projectsHit names them; every finding the policy counts as
// critical is raised to critical. Afterwards Severity::Critical means "needs an acknowledgement"
// for the reports, the GUI, approvalFor and approvalMismatches alike. Findings stay most severe
// first, then in document order.
void applyPolicy(Analysis &analysis, const Policy &policy);

// Why the approval is too old (or dated in the future) under the policy; empty when it is not.
QStringList approvalAgeMismatches(
    const QDateTime &approvedAt, const Policy &policy, const QDateTime &now);

} // namespace bg::core
