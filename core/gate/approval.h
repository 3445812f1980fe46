// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/gate/policy.h"
#include "core/risk/analysis.h"

#include <QDateTime>

namespace bg::core {

// What a reviewer acknowledged, bound to one exact plan: its SHA-256 and its set of deleted
// and replaced addresses. Written by the GUI's guarded confirm; checked by `gate`.
struct Approval {
    static constexpr auto Schema = "blastguard.approval/v1";

    QString planPath;
    QString planSha256;
    QStringList deleted; // sorted
    QStringList replaced; // sorted
    struct Acknowledgement {
        QString code;
        QString address;
        QString message;
        bool operator==(const Acknowledgement &) const = default;
    };
    std::vector<Acknowledgement> acknowledged;
    QString phrase; // what the reviewer typed
    QString approver;
    QDateTime time; // UTC
    QString toolVersion;
};

// The approval a reviewer would give for this analysis, acknowledging every critical finding.
Approval approvalFor(const Analysis &analysis, const QString &approver, const QString &phrase);

// The phrase the reviewer must type: it names what dies, e.g. "destroy 47 incl. edu-prod".
// The name comes from masked values; pass the rules the analysis was made with so that their
// secret names mask it too. Without rules, the shipped default rules are used.
QString confirmationPhrase(const Analysis &analysis, const RuleSet &rules);

// Atomic write (files::writeFile): a reader sees the old file or the whole new one, never half,
// and a crash of the machine cannot leave half either. Never over the plan or any of `inputs`,
// never through a link or onto a FIFO or device.
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

// Why this approval does not cover this analysis; empty when it does. This very plan (SHA-256,
// destroy sets, every critical finding acknowledged) and planBlockers(); no age limit, but a
// record dated in the future fails.
QStringList approvalMismatches(const Approval &approval, const Analysis &analysis);
// The same, and the policy's checks on the approval itself: its age at `now`.
QStringList approvalMismatches(
    const Approval &approval, const Analysis &analysis, const Policy &policy, const QDateTime &now);

} // namespace bg::core
