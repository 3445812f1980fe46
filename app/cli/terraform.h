// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Running terraform (or tofu) from the CLI: which program, in what environment, in a private
// folder, with a bounded output and a time limit. The guarded apply and the saved plans that
// report, gate and the rest read (`terraform show -json PLANFILE`) share it.
#pragma once

#include "core/gate/policy.h"
#include "core/result.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QString>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace bg::cli {

// The folder this run works in, made with mode 0700 and removed with everything in it when the
// run ends.
class PrivateFolder {
public:
    // /tmp/PREFIX-XXXXXX: "blastguard-apply" for the guarded apply, "blastguard-show" for a
    // saved plan shown for reading.
    explicit PrivateFolder(const char *prefix)
        : m_prefix(prefix)
    {
    }
    ~PrivateFolder()
    {
        if (!m_path.isEmpty())
            QDir(m_path).removeRecursively();
    }
    PrivateFolder(const PrivateFolder &) = delete;
    PrivateFolder &operator=(const PrivateFolder &) = delete;

    core::Status create()
    {
        QByteArray pattern = QByteArray("/tmp/") + m_prefix + "-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr)
            return core::Error {QStringLiteral("/tmp"), 0, 0,
                QStringLiteral("cannot make a private folder: %1")
                    .arg(QString::fromLocal8Bit(std::strerror(errno)))};
        m_path = QFile::decodeName(pattern);
        struct stat st { };
        if (::lstat(pattern.constData(), &st) != 0 || !S_ISDIR(st.st_mode)
            || st.st_uid != ::geteuid() || (st.st_mode & 07777) != 0700)
            return core::Error {m_path, 0, 0,
                QStringLiteral("is not a folder of ours with mode 0700 right after mkdtemp")};
        return {};
    }
    QString filePath(const QString &name) const { return QDir(m_path).filePath(name); }

private:
    const char *m_prefix;
    QString m_path;
};

// While terraform runs, Ctrl+C reaches it (it shares our process group) and it stops cleanly;
// this process waits for it and then cleans up instead of dying first. A handler, not SIG_IGN:
// handlers are reset on exec, so terraform gets its signals as usual.
class SignalsWaitForChild {
public:
    SignalsWaitForChild()
    {
        struct sigaction action { };
        action.sa_handler = [](int) {
        };
        action.sa_flags = SA_RESTART;
        sigemptyset(&action.sa_mask);
        for (int i = 0; i < 3; ++i)
            ::sigaction(Signals[i], &action, &m_previous[i]);
    }
    ~SignalsWaitForChild()
    {
        for (int i = 0; i < 3; ++i)
            ::sigaction(Signals[i], &m_previous[i], nullptr);
    }
    SignalsWaitForChild(const SignalsWaitForChild &) = delete;
    SignalsWaitForChild &operator=(const SignalsWaitForChild &) = delete;

private:
    static constexpr int Signals[3] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction m_previous[3] {};
};

// The terraform the gate, approve and apply run, and where it was found: the absolute path
// the policy names ("terraform"), else terraform then tofu in /usr/local/bin, /usr/bin or /bin.
// Never the caller's PATH or an environment variable.
core::Result<QString> findTerraform(const core::Policy &policy, QString *from);
// The terraform the reading commands (report, what-if, details, graph...) run to show a saved
// plan: $BLASTGUARD_TERRAFORM (a path), else terraform then tofu on the caller's PATH.
core::Result<QString> findTerraformOnPath(QString *from);

// The caller's environment without what changes what terraform does behind the command line
// (TF_CLI_ARGS*, TF_REATTACH_PROVIDERS, TF_CLI_CONFIG_FILE, TERRAFORM_CONFIG), PATH fixed.
QProcessEnvironment terraformEnvironment();

struct RunOptions {
    QString workingDirectory; // empty: the caller's
    int timeoutMs = -1; // -1: none
};
// Runs terraform with `args`. With `out`, its standard output is collected there, at most `cap`
// bytes (more fails); without, it goes to ours. Its standard error is always ours. Returns its
// exit code, or -1 after setting *failure (could not start, killed, too much output, too slow).
int runTerraform(const QString &program, const QStringList &args, QByteArray *out, qint64 cap,
    QString *failure, const RunOptions &options = {});

} // namespace bg::cli
