// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for tst_gate: running blastguard-cli, writing approvals (correct ones and every kind
// of wrong one), editing copies of plans, and driving a program on a pseudo-terminal.
#pragma once

#include "core/gate/approval.h"
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
    TamperedSet
};

// An approval of `plan` as the desktop app or `approve` writes it (under `policy`, the
// default-equivalent Policy() when null), then spoilt as `kind` says. Returns its path.
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
    applyPolicy(a, policy ? *policy : Policy());
    Approval approval
        = approvalFor(a, QStringLiteral("alice"), confirmationPhrase(a, defaultRules()));
    switch (kind) {
    case DropAcknowledgement:
        if (approval.acknowledged.empty())
            qFatal("nothing to drop");
        approval.acknowledged.pop_back();
        break;
    case Expired:
        approval.time = approval.time.addSecs(-25 * 3600);
        break;
    case Future:
        approval.time = approval.time.addSecs(2 * 3600);
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
    if (const core::Status written = writeApproval(approval, path); !written)
        qFatal("%s", qPrintable(written.error().toString()));
    if (kind == NoSha || kind == UnknownSchema) {
        QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
        if (kind == NoSha)
            root.insert(QStringLiteral("plan"), QJsonObject {{QStringLiteral("path"), plan}});
        else
            root.insert(QStringLiteral("schema"), QStringLiteral("blastguard.approval/v2"));
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
