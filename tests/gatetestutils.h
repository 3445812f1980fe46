// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for tst_gate: running blastguard-cli, writing approvals (correct ones and every kind
// of wrong one), editing copies of plans, and driving a program on a pseudo-terminal.
#pragma once

#include "core/gate/signedapproval.h"
#include "testutils.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bg::tests {

inline QString incident()
{
    return resource(QStringLiteral("scenarios/incident/plan.json"));
}

// The reasons the gate listed after "gate: BLOCKED", one per line.
inline QStringList reasonLines(const QString &out)
{
    QStringList reasons;
    bool inReasons = false;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        inReasons = inReasons || line.startsWith(QLatin1String("gate: BLOCKED"));
        if (inReasons && line.startsWith(QLatin1String("  - ")))
            reasons.append(line.mid(4));
    }
    return reasons;
}

// A copy with one letter changed inside a description: it still parses, only its bytes differ.
inline QString oneByteChanged(const QTemporaryDir &dir, const QString &plan)
{
    QByteArray bytes = readAll(plan);
    const auto letter = QRegularExpression(QStringLiteral("\"description\": \"([A-Za-z])"))
                            .match(QString::fromLatin1(bytes));
    if (!letter.hasMatch())
        qFatal("no description to change in %s", qPrintable(plan));
    const qsizetype at = letter.capturedStart(1);
    bytes[at] = bytes[at] == 'x' ? 'y' : 'x';
    return writeBytes(dir, QStringLiteral("one-byte-") + QFileInfo(plan).fileName(), bytes);
}

// Throwaway SSH keys made once per test program: alice and bob are allowed signers (namespace
// blastguard-approval), mallory is not. Fatal when ssh-keygen cannot make them: a gate test
// without signatures would test nothing.
class TestKeys {
public:
    static const TestKeys &get()
    {
        static const TestKeys keys;
        return keys;
    }
    QString key(const QString &name) const { return m_dir.filePath(name); }
    QString allowedSigners() const { return m_dir.filePath(QStringLiteral("allowed_signers")); }

private:
    TestKeys()
    {
        QByteArray allowed;
        for (const char *name : {"alice", "bob", "mallory"}) {
            const QString path = key(QLatin1String(name));
            if (QProcess::execute(QStringLiteral("/usr/bin/ssh-keygen"),
                    {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                        QStringLiteral("-N"), QString(), QStringLiteral("-C"), QLatin1String(name),
                        QStringLiteral("-f"), path})
                != 0)
                qFatal("ssh-keygen could not make a test key (is openssh-client installed?)");
            if (QByteArray(name) != "mallory")
                allowed += QByteArray(name) + "@example.com namespaces=\"blastguard-approval\" "
                    + readAll(path + QStringLiteral(".pub"));
        }
        writeBytes(m_dir, QStringLiteral("allowed_signers"), allowed);
    }
    QTemporaryDir m_dir;
};

// The shipped policy, as the programs read it.
inline const core::Policy &shippedPolicy()
{
    static const core::Policy policy = *core::Policy::loadDefault();
    return policy;
}

// The approval alice would give for `a` under the shipped rules and policy.
inline core::Approval shippedApproval(const core::Analysis &a)
{
    using namespace core;
    return approvalFor(a, QStringLiteral("alice"), confirmationPhrase(a, defaultRules()),
        inForce(defaultRules(), shippedPolicy()), shippedPolicy());
}

// Why `approval` does not cover `a` now, under the shipped rules and policy.
inline QStringList shippedMismatches(const core::Approval &approval, const core::Analysis &a)
{
    return core::approvalMismatches(approval, a, shippedPolicy(),
        core::inForce(defaultRules(), shippedPolicy()), QDateTime::currentDateTimeUtc());
}

// --approval PATH --allowed-signers (alice and bob).
inline QStringList approvalArgs(const QString &path)
{
    return {QStringLiteral("--approval"), path, QStringLiteral("--allowed-signers"),
        TestKeys::get().allowedSigners()};
}

enum ApprovalKind {
    NoApproval,
    Correct,
    DropAcknowledgement,
    Expired,
    Future,
    Malformed,
    NoSha,
    UnknownSchema,
    MissingFile,
    Directory,
    TamperedSha,
    TamperedSet,
    Unsigned, // a correct record with no signature beside it
    WrongKey, // signed by mallory, whom the allowed signers do not name
    ChangedAfterSigning, // signed, then one byte of the record changed
    WrongNamespace, // signed by alice with ssh-keygen in the namespace "git"
    SignatureOfAnother // alice's signature of another record, copied beside this one
};

// An approval of `plan` as the desktop app or `approve` writes it (under `policy`, the
// shipped policy when null, and the shipped rules), signed by alice, then spoilt as `kind`
// says. Returns its path.
inline QString writeApprovalFile(const QTemporaryDir &dir, const QString &plan, ApprovalKind kind,
    const std::function<void(core::Approval &)> &edit = {}, const core::Policy *policy = nullptr)
{
    using namespace core;
    const QString path = dir.filePath(QStringLiteral("approval.json"));
    if (kind == MissingFile)
        return dir.filePath(QStringLiteral("absent.json"));
    if (kind == Directory)
        return dir.path();
    if (kind == Malformed)
        return writeBytes(dir, QStringLiteral("approval.json"), "{\n  \"schema\": oops\n}\n");
    Analysis a = analyse(mustLoad(plan), defaultRules());
    const Policy inForcePolicy = policy ? *policy : *Policy::loadDefault();
    applyPolicy(a, inForcePolicy);
    Approval approval
        = approvalFor(a, QStringLiteral("alice"), confirmationPhrase(a, defaultRules()),
            inForce(defaultRules(), inForcePolicy), inForcePolicy);
    switch (kind) {
    case DropAcknowledgement:
        if (approval.acknowledged.empty())
            qFatal("nothing to drop");
        approval.acknowledged.pop_back();
        break;
    case Expired: // made 25 hours ago, and expired an hour ago
        approval.time = approval.time.addSecs(-25 * 3600);
        approval.expires = approval.time.addSecs(24 * 3600);
        break;
    case Future:
        approval.time = approval.time.addSecs(2 * 3600);
        approval.expires = approval.time.addSecs(24 * 3600);
        break;
    case TamperedSha:
        approval.planSha256 = QString(64, QLatin1Char('0'));
        break;
    case TamperedSet:
        if (approval.deleted.isEmpty())
            qFatal("nothing deleted");
        approval.deleted.removeLast();
        break;
    default:
        break;
    }
    if (edit)
        edit(approval);
    const TestKeys &keys = TestKeys::get();
    const QString signer = keys.key(QLatin1String(kind == WrongKey ? "mallory" : "alice"));
    const core::Status written = kind == Unsigned ? writeApproval(approval, path)
                                                  : writeSignedApproval(approval, path, signer, {});
    if (!written)
        qFatal("%s", qPrintable(written.error().toString()));
    if (kind == ChangedAfterSigning) {
        QByteArray bytes = readAll(path);
        bytes.replace("\"phrase\": \"", "\"phrase\": \" ");
        writeBytes(dir, QStringLiteral("approval.json"), bytes);
    } else if (kind == WrongNamespace) {
        QFile::remove(signaturePath(path, 1));
        QProcess::execute(QStringLiteral("/usr/bin/ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-Y"), QStringLiteral("sign"),
                QStringLiteral("-n"), QStringLiteral("git"), QStringLiteral("-f"), signer, path});
    } else if (kind == SignatureOfAnother) {
        Approval other = approval;
        other.phrase = QStringLiteral("another record");
        const QString otherPath = dir.filePath(QStringLiteral("other.json"));
        if (!writeSignedApproval(other, otherPath, signer, {}))
            qFatal("could not sign the other record");
        QFile::remove(signaturePath(path, 1));
        QFile::copy(signaturePath(otherPath, 1), signaturePath(path, 1));
    }
    if (kind == NoSha || kind == UnknownSchema) {
        QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
        if (kind == NoSha)
            root.insert(QStringLiteral("plan"), QJsonObject {{QStringLiteral("path"), plan}});
        else
            root.insert(QStringLiteral("schema"), QStringLiteral("blastguard.approval/v3"));
        writeBytes(dir, QStringLiteral("approval.json"), QJsonDocument(root).toJson());
    }
    return path;
}

// blastguard-cli on a pseudo-terminal, as a person at a terminal runs it: stdin and stdout
// are the terminal (or stdout /dev/null, to prove both must be one).
class PtySession {
public:
    ~PtySession()
    {
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
        if (m_fd >= 0)
            close(m_fd);
    }
    bool start(const QStringList &args, bool stdoutToNull = false)
    {
        std::vector<QByteArray> bytes {QByteArray(BG_CLI)};
        for (const QString &a : args)
            bytes.push_back(a.toUtf8());
        std::vector<char *> argv;
        for (QByteArray &b : bytes)
            argv.push_back(b.data());
        argv.push_back(nullptr);
        m_pid = forkpty(&m_fd, nullptr, nullptr, nullptr);
        if (m_pid == 0) {
            if (stdoutToNull) {
                const int null = open("/dev/null", O_WRONLY);
                dup2(null, STDOUT_FILENO);
            }
            execv(argv[0], argv.data());
            _exit(127);
        }
        return m_pid > 0;
    }
    // Reads until `text` appears after what earlier calls consumed.
    bool waitFor(const QByteArray &text, int ms = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            const qsizetype at = m_seen.indexOf(text, m_from);
            if (at >= 0) {
                m_from = at + text.size();
                return true;
            }
            if (!readSome(int(ms - timer.elapsed())))
                return false;
        }
    }
    void send(const QByteArray &line)
    {
        (void)!write(m_fd, (line + "\n").constData(), size_t(line.size() + 1));
    }
    // Reads to the end and returns the exit code (-1 when it did not end in time).
    int finish(int ms = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        while (readSome(int(ms - timer.elapsed()))) { }
        int status = 0;
        pid_t ended = 0;
        for (int i = 0; i < 100 && (ended = waitpid(m_pid, &status, WNOHANG)) == 0; ++i)
            usleep(50000);
        if (ended != m_pid)
            return -1; // still running: the destructor kills it
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    QString seen() const { return QString::fromUtf8(m_seen); }

private:
    bool readSome(int ms)
    {
        if (ms <= 0)
            return false;
        pollfd p {m_fd, POLLIN, 0};
        if (poll(&p, 1, ms) <= 0)
            return false;
        char buffer[4096];
        const ssize_t n = read(m_fd, buffer, sizeof buffer);
        if (n <= 0)
            return false; // EIO: the program ended and closed the terminal
        m_seen.append(buffer, n);
        return true;
    }

    pid_t m_pid = -1;
    int m_fd = -1;
    QByteArray m_seen;
    qsizetype m_from = 0;
};

} // namespace bg::tests
