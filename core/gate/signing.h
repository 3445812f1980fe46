// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// SSH signatures over approval records, the mechanism git uses for signed commits:
// `ssh-keygen -Y sign` with the namespace "blastguard-approval", verified against an OpenSSH
// allowed_signers file. ssh-keygen is the one program Blastguard runs for this; it is always
// /usr/bin/ssh-keygen, never one found on PATH, and its environment is not the caller's.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace bg::core::signing {

inline constexpr char Namespace[] = "blastguard-approval";

// The ssh-keygen that signs and verifies: /usr/bin/ssh-keygen. Tests may name another with
// setSshKeygenForTests; nothing else can.
QString sshKeygen();
void setSshKeygenForTests(const QString &program);

// Signs `bytes` with `key` (a private key file, or a public key whose private half is in
// ssh-agent or on a FIDO token, which may ask for a touch or a passphrase on the terminal).
// Returns the armoured signature ("-----BEGIN SSH SIGNATURE-----...").
Result<QByteArray> sign(const QByteArray &bytes, const QString &key);

// Who signed, as the allowed_signers file names them.
struct Signer {
    QString principal; // as written in allowed_signers, e.g. "alice@example.com"
    QString key; // "ED25519 key SHA256:..." as ssh-keygen reports it
};

// Verifies `signature` over exactly `bytes` in the namespace above, against the allowed
// signers in `allowedSigners` (the file's contents, in OpenSSH's allowed_signers format).
// Fails on a signature of other bytes, another namespace, a key no line allows, a broken
// signature, and when ssh-keygen cannot be run. `what` names the signature in errors.
Result<Signer> verify(const QByteArray &bytes, const QByteArray &signature,
    const QByteArray &allowedSigners, const QString &what);

} // namespace bg::core::signing
