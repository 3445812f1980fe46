// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Approval records signed with SSH signatures (core/gate/signing.h). The signatures sit beside
// the record: FILE.sig for the first signer, FILE.sig.2 ... FILE.sig.16 for co-signers (the
// two-person rule: a policy's approvals_required). Each signs the record's exact bytes.
#pragma once

#include "core/gate/approval.h"
#include "core/gate/signing.h"

namespace bg::core {

inline constexpr int MaxSignatures = 16;

// FILE.sig for n == 1, FILE.sig.N for the co-signatures.
QString signaturePath(const QString &recordPath, int n);

struct SignatureCheck {
    std::vector<signing::Signer> signers; // every valid signature, one per distinct key
    QStringList problems; // a missing first signature, any signature that does not verify
    // Signers distinct by key and by principal: one person with two listed keys, or one key
    // listed under two names, counts once.
    int distinctSigners() const;
};

// Verifies every signature beside `recordPath` over `recordBytes` (the bytes the gate read and
// parsed, never read again) against `allowedSigners`, an OpenSSH allowed_signers file's text.
SignatureCheck verifyApprovalSignatures(
    const QString &recordPath, const QByteArray &recordBytes, const QByteArray &allowedSigners);

// Signs `approval` with `key` and writes the record and FILE.sig (signing first: nothing is
// written when signing fails). Co-signatures of an older record at `path` are removed: they
// signed other bytes.
Status writeSignedApproval(
    const Approval &approval, const QString &path, const QString &key, const QStringList &inputs);

// Signs the record already at `path`, whose bytes are `recordBytes` (as read and checked), as
// one more signer: writes the first free FILE.sig.N. Returns the signature's path.
Result<QString> coSignApproval(const QString &path, const QByteArray &recordBytes,
    const QString &key, const QStringList &inputs);

} // namespace bg::core
