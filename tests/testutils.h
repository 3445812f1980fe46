// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the test suites: where the fixtures and the shared corpus are, and small helpers.
#pragma once

#include "core/loading/loader.h"
#include "core/memory.h"
#include "core/risk/analysis.h"
#include "core/risk/rules.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

namespace bg::tests {

// How long a test waits for something that will happen (a process to end, a signal, a window
// to settle), in ms: only a hang should take that long. Ten minutes, so that no machine is too
// slow, however loaded or sanitized; ctest's timeout (tests/CMakeLists.txt) is the one limit.
// A wait for something that must not happen keeps its own short time.
inline constexpr int Patience = 600'000;

// Built with a sanitizer (packaging/sanitize.sh), where a suite runs 5 to 15 times slower:
// core/memory.h's detection, the one the project has.
#ifdef BG_SANITIZER_ALLOCATOR
inline constexpr bool Sanitized = true;
#else
inline constexpr bool Sanitized = false;
#endif

// How many times to repeat a randomised trial: `full` in the ordinary build, `sanitized` under
// the sanitizers. Only for loops that repeat the same trial on new random draws (a kill's
// moment, a mutation's place): the ordinary build, in the same CI run, does them all, and the
// sanitizers still see every path once or more.
constexpr int repeats(int full, int sanitized)
{
    return Sanitized ? sanitized : full;
}

// One kB figure of this process's /proc/self/status ("VmHWM", "VmSize"), or -1 where /proc or
// the field is absent.
inline qint64 selfStatusKb(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// The shared corpus of real plans: $BLASTGUARD_CORPUS, else ../shared/corpus beside the
// checkout. Empty when absent; corpus-driven tests then QSKIP with a message.
inline QString corpusDir()
{
    QString dir = qEnvironmentVariable("BLASTGUARD_CORPUS");
    if (dir.isEmpty())
        dir = QStringLiteral(BG_DEFAULT_CORPUS);
    return QDir(dir).exists() ? dir : QString();
}

inline QStringList corpusFiles()
{
    const QString dir = corpusDir();
    if (dir.isEmpty())
        return {};
    QStringList files;
    for (const QString &name : QDir(dir).entryList(
             {QStringLiteral("*.json"), QStringLiteral("*.tfstate")}, QDir::Files, QDir::Name))
        files.append(QDir(dir).filePath(name));
    return files;
}

#define BG_REQUIRE_CORPUS()                                                                        \
    do {                                                                                           \
        if (bg::tests::corpusDir().isEmpty())                                                      \
            QSKIP("The shared corpus is absent (set BLASTGUARD_CORPUS or put it at "               \
                  "../shared/corpus); "                                                            \
                  "only the project's own fixtures were tested.");                                 \
    } while (0)

inline QString fixture(const QString &name)
{
    return QStringLiteral(BG_FIXTURES "/") + name;
}

inline QString resource(const QString &name)
{
    return QStringLiteral(BG_RESOURCES "/") + name;
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// "" for a success, else the error in words: the message of a QVERIFY2 on a Result.
template<typename R>
QString errorText(const R &result)
{
    return result ? QString() : result.error().toString();
}

// The value of a Result that must hold one; ends the run with its error otherwise.
template<typename T, typename E>
T mustHave(core::Result<T, E> result)
{
    if (!result)
        qFatal("%s", qPrintable(result.error().toString()));
    return std::move(result).value();
}

inline const core::RuleSet &defaultRules()
{
    static const core::RuleSet rules
        = mustHave(core::RuleSet::load(resource(QStringLiteral("rules/default.json"))));
    return rules;
}

// Loads a file that must load; fails the calling test otherwise.
inline core::Document mustLoad(const QString &path)
{
    return mustHave(core::loadDocument(path));
}

// A file, or plan JSON given inline, analysed under the default rules and shared as the window
// holds it. Fails the calling test when it does not load.
inline std::shared_ptr<const core::Analysis> sharedAnalysis(const QString &path)
{
    return std::make_shared<const core::Analysis>(core::analyse(mustLoad(path), defaultRules()));
}

inline std::shared_ptr<const core::Analysis> sharedAnalysisOfJson(const QByteArray &json)
{
    core::Result<core::Document> r
        = core::loadDocumentFromBytes(json, QStringLiteral("inline.json"));
    if (!r.ok())
        qFatal("%s", qPrintable(r.error().toString()));
    return std::make_shared<const core::Analysis>(
        core::analyse(std::move(r).value(), defaultRules()));
}

// blastguard-cli run as a user runs it.
struct Run {
    int code = -1;
    QProcess::ExitStatus status = QProcess::NormalExit;
    QString out;
    QString err;
};

inline Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(BG_CLI), args);
    if (!p.waitForFinished(Patience))
        qFatal("blastguard-cli did not finish: %s", qPrintable(args.join(QLatin1Char(' '))));
    return {p.exitCode(), p.exitStatus(), QString::fromUtf8(p.readAllStandardOutput()),
        QString::fromUtf8(p.readAllStandardError())};
}

// The byte offset of a 1-based line and column (in bytes): where an Error points.
inline qsizetype offsetOf(const QByteArray &bytes, int line, int column)
{
    qsizetype at = 0;
    for (int l = 1; l < line && at >= 0; ++l)
        at = bytes.indexOf('\n', at) + 1;
    return at + column - 1;
}

// The `size` bytes an Error's line and column point at in `bytes` ("" when it has no position).
inline QByteArray pointedAt(const QByteArray &bytes, const core::Error &error, qsizetype size)
{
    return error.line > 0 ? bytes.mid(offsetOf(bytes, error.line, error.column), size)
                          : QByteArray();
}

// Test inputs made on the fly, in a temporary folder.
inline QString writeBytes(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// A copy of a plan with its resource_changes edited through Qt's own JSON parser.
inline QString editedCopy(const QTemporaryDir &dir, const QString &name, const QString &source,
    const std::function<void(QJsonArray &changes)> &edit)
{
    QJsonObject root = QJsonDocument::fromJson(readAll(source)).object();
    QJsonArray changes = root.value(QStringLiteral("resource_changes")).toArray();
    edit(changes);
    root.insert(QStringLiteral("resource_changes"), changes);
    return writeBytes(dir, name, QJsonDocument(root).toJson());
}

// Sets the actions of the first change whose actions are `from`; returns its address.
inline QString setActions(QJsonArray &changes, const QJsonArray &from, const QJsonArray &to)
{
    for (qsizetype i = 0; i < changes.size(); ++i) {
        QJsonObject rc = changes[i].toObject();
        QJsonObject change = rc.value(QStringLiteral("change")).toObject();
        if (change.value(QStringLiteral("actions")).toArray() != from)
            continue;
        change.insert(QStringLiteral("actions"), to);
        rc.insert(QStringLiteral("change"), change);
        changes[i] = rc;
        return rc.value(QStringLiteral("address")).toString();
    }
    qFatal("no change with these actions");
    return {};
}

} // namespace bg::tests
