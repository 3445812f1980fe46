// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/gate/signedapproval.h"

#include "core/files.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace bg::core {

namespace {

// A signature file is small: an armoured SSH signature is well under 4 KiB.
files::ReadLimit signatureLimit()
{
    return files::smallFileLimit(QStringLiteral("a signature"));
}

// Present means anything at the path, a dangling link included: lstat, not stat.
bool present(const QString &path)
{
    return QFileInfo(path).exists() || QFileInfo(path).isSymLink();
}

} // namespace

QString signaturePath(const QString &recordPath, int n)
{
    return n <= 1 ? recordPath + QStringLiteral(".sig")
                  : recordPath + QStringLiteral(".sig.") + QString::number(n);
}

int SignatureCheck::distinctSigners() const
{
    QSet<QString> keys, principals;
    for (const signing::Signer &s : signers) {
        keys.insert(s.key);
        principals.insert(s.principal);
    }
    return int(std::min(keys.size(), principals.size()));
}

SignatureCheck verifyApprovalSignatures(
    const QString &recordPath, const QByteArray &recordBytes, const QByteArray &allowedSigners)
{
    SignatureCheck check;
    QSet<QString> keys;
    for (int n = 1; n <= MaxSignatures; ++n) {
        const QString path = signaturePath(recordPath, n);
        if (!present(path)) {
            if (n == 1)
                check.problems.append(
                    QStringLiteral("the approval is not signed: %1 is missing").arg(path));
            continue; // a gap is allowed: a co-signature may have been removed
        }
        const Result<QByteArray> signature = files::readFile(path, signatureLimit());
        if (!signature) {
            check.problems.append(signature.error().toString());
            continue;
        }
        const Result<signing::Signer> signer
            = signing::verify(recordBytes, *signature, allowedSigners, path);
        if (!signer) {
            check.problems.append(signer.error().toString());
            continue;
        }
        if (!keys.contains(signer->key)) {
            keys.insert(signer->key);
            check.signers.push_back(*signer);
        }
    }
    return check;
}

Status writeSignedApproval(
    const Approval &approval, const QString &path, const QString &key, const QStringList &inputs)
{
    const QByteArray bytes = approvalBytes(approval);
    const Result<QByteArray> signature = signing::sign(bytes, key);
    if (!signature)
        return signature.error();
    const QStringList all = QStringList(inputs) << approval.planPath << key;
    if (const Status written = files::writeFile(path, bytes, all, 0644); !written)
        return written;
    for (int n = 2; n <= MaxSignatures; ++n) {
        const QString stale = signaturePath(path, n);
        if (present(stale) && ::unlink(QFile::encodeName(stale).constData()) != 0)
            return Error {stale, 0, 0,
                QStringLiteral("cannot remove this co-signature of an earlier record: %1")
                    .arg(QString::fromLocal8Bit(strerror(errno)))};
    }
    return files::writeFile(signaturePath(path, 1), *signature, all, 0644);
}

Result<QString> coSignApproval(const QString &path, const QByteArray &recordBytes,
    const QString &key, const QStringList &inputs)
{
    int free = 0;
    for (int n = 2; n <= MaxSignatures && free == 0; ++n) {
        if (!present(signaturePath(path, n)))
            free = n;
    }
    if (free == 0)
        return Error {path, 0, 0,
            QStringLiteral("already %1 signatures beside this record: no room for another")
                .arg(MaxSignatures)};
    const Result<QByteArray> signature = signing::sign(recordBytes, key);
    if (!signature)
        return signature.error();
    const QString target = signaturePath(path, free);
    if (const Status written
        = files::writeFile(target, *signature, QStringList(inputs) << path << key, 0644);
        !written)
        return written.error();
    return target;
}

} // namespace bg::core
