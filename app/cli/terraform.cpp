// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "terraform.h"

#include "core/files.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace bg::cli {

using namespace core;

namespace {
const QString FixedPath = QStringLiteral("/usr/local/bin:/usr/bin:/bin");

} // namespace

bool isExecutableFile(const QString &path)
{
    struct stat st { };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode)
        && ::access(QFile::encodeName(path).constData(), X_OK) == 0;
}

// The terraform to run and where it was found, or the error.
Result<QString> findTerraform(const Policy &policy, QString *from)
{
    if (!policy.terraformProgram.isEmpty()) {
        const QString &source = policy.terraformNamedBy;
        *from = QStringLiteral("named by the policy %1").arg(source);
        if (!isExecutableFile(policy.terraformProgram))
            return Error {source, 0, 0,
                QStringLiteral("\"terraform\" names %1, which is not an executable file")
                    .arg(policy.terraformProgram)};
        return policy.terraformProgram;
    }
    for (const char *name : {"terraform", "tofu"}) {
        for (const QString &folder : FixedPath.split(QLatin1Char(':'))) {
            const QString candidate = QDir(folder).filePath(QLatin1String(name));
            if (isExecutableFile(candidate)) {
                *from = QStringLiteral("found on %1").arg(FixedPath);
                return candidate;
            }
        }
    }
    return Error {QString(), 0, 0,
        QStringLiteral("neither terraform nor tofu is installed in %1; install one there, or name "
                       "it in a policy (\"terraform\": \"/path/to/terraform\")")
            .arg(FixedPath)};
}

Result<QString> findTerraformOnPath(QString *from)
{
    if (const QString named = qEnvironmentVariable("BLASTGUARD_TERRAFORM"); !named.isEmpty()) {
        *from = QStringLiteral("named by BLASTGUARD_TERRAFORM");
        if (!isExecutableFile(named))
            return Error {QString(), 0, 0,
                QStringLiteral("BLASTGUARD_TERRAFORM names %1, which is not an executable file")
                    .arg(named)};
        return named;
    }
    for (const char *name : {"terraform", "tofu"}) {
        const QString found = QStandardPaths::findExecutable(QLatin1String(name));
        if (!found.isEmpty()) {
            *from = QStringLiteral("found on PATH");
            return found;
        }
    }
    return Error {QString(), 0, 0,
        QStringLiteral(
            "neither terraform nor tofu is on PATH (BLASTGUARD_TERRAFORM may name one)")};
}

QProcessEnvironment terraformEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key == QLatin1String("TF_CLI_ARGS") || key.startsWith(QLatin1String("TF_CLI_ARGS_"))
            || key == QLatin1String("TF_REATTACH_PROVIDERS")
            || key == QLatin1String("TF_CLI_CONFIG_FILE")
            || key == QLatin1String("TERRAFORM_CONFIG"))
            env.remove(key);
    }
    env.insert(QStringLiteral("PATH"), FixedPath);
    return env;
}

int runTerraform(const QString &program, const QStringList &args, QByteArray *out, qint64 cap,
    QString *failure, const RunOptions &options)
{
    SignalsWaitForChild waitForChild;
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    process.setProcessEnvironment(terraformEnvironment());
    process.setWorkingDirectory(
        options.workingDirectory.isEmpty() ? QDir::currentPath() : options.workingDirectory);
    process.setProcessChannelMode(
        out ? QProcess::ForwardedErrorChannel : QProcess::ForwardedChannels);
    if (!out)
        process.setInputChannelMode(QProcess::ForwardedInputChannel);
    process.start();
    if (!process.waitForStarted(-1)) {
        *failure = QStringLiteral("cannot run %1: %2").arg(program, process.errorString());
        return -1;
    }
    QElapsedTimer clock;
    clock.start();
    const auto left = [&] {
        return options.timeoutMs < 0
            ? -1
            : int(std::max<qint64>(1, options.timeoutMs - clock.elapsed()));
    };
    const auto timedOut = [&] {
        return options.timeoutMs >= 0 && clock.elapsed() >= options.timeoutMs;
    };
    if (out) {
        process.closeWriteChannel();
        while (!timedOut() && process.state() == QProcess::Running) {
            if (!process.waitForReadyRead(left()) && process.state() == QProcess::Running)
                continue; // no output yet: until the time is up

            out->append(process.readAllStandardOutput());
            if (out->size() > cap) {
                process.kill();
                process.waitForFinished(-1);
                *failure = QStringLiteral("%1 %2 wrote more than %3")
                               .arg(program, args.constFirst(), files::byteSize(cap));
                return -1;
            }
        }
    }
    if (!process.waitForFinished(left()) || timedOut()) {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(-1);
            *failure
                = QStringLiteral("%1 %2 did not finish within %3 s and was stopped")
                      .arg(program, args.constFirst(), QString::number(options.timeoutMs / 1000));
            return -1;
        }
    }
    if (out)
        out->append(process.readAllStandardOutput());
    if (process.exitStatus() != QProcess::NormalExit) {
        *failure = QStringLiteral("%1 %2 was killed or crashed").arg(program, args.constFirst());
        return -1;
    }
    return process.exitCode();
}

} // namespace bg::cli
