// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/gate/policy.h"
#include "core/risk/analysis.h"

#include <QDateTime>

namespace bg::core {

// What a reviewer acknowledged, bound to one exact plan: its SHA-256, its set of deleted and
// replaced addresses, every critical finding and state-safety warning, the rules and policy in
// force (their fingerprints), a time, an expiry and a random nonce. Written by `approve` and
// the GUI's guarded confirm and signed with SSH (core/gate/signedapproval.h); checked by `gate`.
struct Approval {
    static constexpr auto Schema = "blastguard.approval/v2";

    QString planPath;
    QString planSha256;
    // The saved plan (terraform plan -out) the JSON was shown from, when the reviewer approved
    // one: its SHA-256. The gate then takes only that saved plan, or its JSON shown by apply.
    QString savedPlanSha256;
    QStringList deleted; // sorted
    QStringList replaced; // sorted
    struct Acknowledgement {
        QString code;
        QString address; // empty for a warning
        QString message;
        bool operator==(const Acknowledgement &) const = default;
    };
    std::vector<Acknowledgement> acknowledged; // critical findings
    std::vector<Acknowledgement> acknowledgedWarnings; // gate warnings (gateWarnings())
    QString rulesFingerprint; // SHA-256 of the rules in force
    QString policyFingerprint; // SHA-256 of the policy in force
    QString phrase; // what the reviewer typed
    QString approver; // who ran the program; informational: the signature says who approved
    QDateTime time; // UTC
    QDateTime expires; // UTC
    QString nonce; // 32 random hex digits: no two records are the same bytes
    QString toolVersion;
    QByteArray bytes; // the record as read (readApproval) or written (approvalBytes)
};

// The fingerprints of the rules and policy in force, which an approval binds.
struct InForce {
    QString rules;
    QString policy;
};
// The fingerprints of `rules` and `policy` (core/configsource.h says how they are made).
inline InForce inForce(const RuleSet &rules, const Policy &policy)
{
    return {rules.fingerprint(), policy.fingerprint()};
}

// The state-safety warnings that block the gate unless a signed approval acknowledges each by
// name: missing-state, stale-state, foreign-state, delete-everything, incomplete-plan,
// provisioners.
const QStringList &gateWarningCodes();
std::vector<Warning> gateWarnings(const Analysis &analysis);
// True when the gate needs an approval for this analysis: a critical finding or a gate warning.
bool needsApproval(const Analysis &analysis);

// The approval a reviewer would give for this analysis, acknowledging every critical finding
// and gate warning, under the rules and policy in force; it expires after the policy's maximum
// age (24 hours when the policy sets none).
Approval approvalFor(const Analysis &analysis, const QString &approver, const QString &phrase,
    const InForce &inForce, const Policy &policy);

// Dates `approval` now (whole milliseconds, UTC), valid as long from now as it was from its
// old time: for when the reviewer finishes, after the questions.
void dateNow(Approval &approval);

// The phrase the reviewer must type: it names what dies, e.g. "destroy 47 incl. edu-prod".
// The name comes from masked values; pass the rules the analysis was made with so that their
// secret names mask it too. Without rules, the shipped default rules are used.
QString confirmationPhrase(const Analysis &analysis, const RuleSet &rules);

// The record's bytes as written: indented JSON, members in a fixed order.
QByteArray approvalBytes(const Approval &approval);
// Atomic write (files::writeFile) of approvalBytes(): a reader sees the old file or the whole
// new one, never half. Never over the plan or any of `inputs`, never through a link or onto a
// FIFO or device. Unsigned: core/gate/signedapproval.h signs.
Status writeApproval(const Approval &approval, const QString &path, const QStringList &inputs = {});

// Why a record could not be read, for the gate's words: a missing or unreadable file, broken
// JSON or a missing or mistyped member, or a record of another schema version.
enum class ApprovalProblem : quint8 { Unreadable, Malformed, UnknownSchema };
struct ApprovalError : Error {
    ApprovalProblem problem = ApprovalProblem::Malformed;
};
// The record at `path`, read strictly (core/strictjson.h) within files::approvalLimit().
Result<Approval, ApprovalError> readApproval(const QString &path);

// Why no approval can cover this analysis, whatever it says: not a plan, not loaded, errored.
QStringList planBlockers(const Analysis &analysis);

// Why this approval does not cover this analysis; empty when it does: this very plan (SHA-256,
// destroy sets, every critical finding and gate warning acknowledged), the same rules and
// policy (fingerprints), planBlockers(), not expired at `now` (its own expiry, and the
// policy's maximum age), not dated in the future. Signatures are checked apart
// (core/gate/signedapproval.h).
QStringList approvalMismatches(const Approval &approval, const Analysis &analysis,
    const Policy &policy, const InForce &inForce, const QDateTime &now);

} // namespace bg::core
