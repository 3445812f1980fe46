// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/gate/signing.h"

#include "core/files.h"

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace bg::core::signing {

namespace {

QString &programOverride()
{
    static QString program;
    return program;
}

// ssh-keygen's environment: nothing of the caller's but what signing with an agent or a
// hardware key needs. No PATH lookups happen: the program is named by its full path.
QProcessEnvironment environment(bool forSigning)
{
    const QProcessEnvironment caller = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    if (forSigning) {
        for (const char *name : {"HOME", "SSH_AUTH_SOCK", "DISPLAY", "SSH_ASKPASS"}) {
            const QString key = QLatin1String(name);
            if (caller.contains(key))
                env.insert(key, caller.value(key));
        }
    }
    return env;
}

struct Ran {
    int code = -1;
    QByteArray out;
    QString failure; // set when the program could not run or did not finish
};

Ran run(const QStringList &args, const QByteArray &input, bool forSigning, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment(forSigning));
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (forSigning) // a passphrase or a touch is asked on the terminal, not through us
        process.setInputChannelMode(QProcess::ForwardedInputChannel);
    process.start(sshKeygen(), args);
    Ran ran;
    if (!process.waitForStarted(timeoutMs)) {
        ran.failure = QStringLiteral("cannot run %1: %2").arg(sshKeygen(), process.errorString());
        return ran;
    }
    if (!forSigning) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        ran.failure = QStringLiteral("%1 did not finish in %2 seconds")
                          .arg(sshKeygen(), QString::number(timeoutMs / 1000));
        return ran;
    }
    ran.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    ran.out = process.readAll();
    return ran;
}

// The last line ssh-keygen said, as the reason of a failure.
QString lastLine(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.constLast()).trimmed();
}

Result<QString> writeTemporary(
    const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    if (const Status written = files::writeFile(path, bytes, {}, 0600); !written)
        return written.error();
    return path;
}

} // namespace

QString sshKeygen()
{
    return programOverride().isEmpty() ? QStringLiteral("/usr/bin/ssh-keygen") : programOverride();
}

void setSshKeygenForTests(const QString &program)
{
    programOverride() = program;
}

Result<QByteArray> sign(const QByteArray &bytes, const QString &key)
{
    QTemporaryDir dir; // mode 0700: no other user sees what is signed before it is signed
    if (!dir.isValid())
        return Error {key, 0, 0, QStringLiteral("cannot make a private temporary folder")};
    const Result<QString> record = writeTemporary(dir, QStringLiteral("record"), bytes);
    if (!record)
        return record.error();
    const Ran ran = run({QStringLiteral("-Y"), QStringLiteral("sign"), QStringLiteral("-n"),
                            QLatin1String(Namespace), QStringLiteral("-f"), key, *record},
        {}, true, 300000);
    if (!ran.failure.isEmpty())
        return Error {key, 0, 0, ran.failure};
    if (ran.code != 0)
        return Error {key, 0, 0,
            QStringLiteral("ssh-keygen could not sign with this key: %1").arg(lastLine(ran.out))};
    Result<QByteArray> signature = files::readFile(
        *record + QStringLiteral(".sig"), files::smallFileLimit(QStringLiteral("a signature")));
    if (!signature)
        return Error {key, 0, 0, signature.error().message};
    return signature;
}

Result<Signer> verify(const QByteArray &bytes, const QByteArray &signature,
    const QByteArray &allowedSigners, const QString &what)
{
    auto fail = [&](const QString &message) {
        return Error {what, 0, 0, message};
    };
    if (!signature.startsWith("-----BEGIN SSH SIGNATURE-----"))
        return fail(QStringLiteral("not an SSH signature (no \"-----BEGIN SSH SIGNATURE-----\")"));
    // ssh-keygen reads files by name: private copies, so that nothing can change them between
    // the check and the use, and the bytes verified are the bytes the caller parsed.
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(QStringLiteral("cannot make a private temporary folder"));
    const Result<QString> sig = writeTemporary(dir, QStringLiteral("record.sig"), signature);
    const Result<QString> signers
        = writeTemporary(dir, QStringLiteral("allowed_signers"), allowedSigners);
    if (!sig || !signers)
        return (!sig ? sig : signers).error();

    const Ran found = run({QStringLiteral("-Y"), QStringLiteral("find-principals"),
                              QStringLiteral("-s"), *sig, QStringLiteral("-f"), *signers},
        {}, false, 60000);
    if (!found.failure.isEmpty())
        return fail(found.failure);
    if (found.code != 0)
        return fail(QStringLiteral("signed by a key that no line of the allowed signers names"));
    static const QRegularExpression good(
        QStringLiteral("^Good \"([^\"]*)\" signature for (.*) with (.+)$"),
        QRegularExpression::MultilineOption);
    QString last;
    for (const QByteArray &line : found.out.split('\n')) {
        const QString principal = QString::fromUtf8(line).trimmed();
        if (principal.isEmpty())
            continue;
        const Ran verified
            = run({QStringLiteral("-Y"), QStringLiteral("verify"), QStringLiteral("-f"), *signers,
                      QStringLiteral("-I"), principal, QStringLiteral("-n"),
                      QLatin1String(Namespace), QStringLiteral("-s"), *sig},
                bytes, false, 60000);
        if (!verified.failure.isEmpty())
            return fail(verified.failure);
        const QRegularExpressionMatch m = good.match(QString::fromUtf8(verified.out));
        if (verified.code == 0 && m.hasMatch() && m.captured(1) == QLatin1String(Namespace)
            && m.captured(2) == principal)
            return Signer {principal, m.captured(3).trimmed()};
        last = lastLine(verified.out);
    }
    return fail(QStringLiteral("the signature does not verify: %1")
                    .arg(last.isEmpty() ? QStringLiteral("no allowed signer matched") : last));
}

} // namespace bg::core::signing
