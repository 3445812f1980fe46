// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/scenarios.h"

#include "core/loading/strictjson.h"
#include "core/resourcelocator.h"

#include <QDir>
#include <QFileInfo>

namespace bg::core {

namespace {

using detail::operator+;

const char *const Schema = "blastguard.scenario/v1";
const char *const Prefix = "scenario:";

// One path of a manifest: relative, inside the scenario's folder, and present as a file (or,
// with `folder`, as a folder). Its absolute path, or nullopt after failing the manifest.
std::optional<QString> readPath(StrictJson &file, const detail::JsonPath &at, const QString &rel,
    const QDir &dir, bool folder = false)
{
    if (QDir::isAbsolutePath(rel) || QDir::cleanPath(rel).startsWith(QLatin1String(".."))) {
        file.mustBe(at, QStringLiteral("a path relative to the scenario's folder"));
        return std::nullopt;
    }
    const QFileInfo info(dir.filePath(rel));
    if (folder ? !info.isDir() : !info.isFile()) {
        file.fail(at,
            QStringLiteral("%1 names %2, which does not exist%3")
                .arg(StrictJson::quoted(at), rel,
                    folder && info.exists() ? QStringLiteral(" as a folder") : QString()));
        return std::nullopt;
    }
    return folder ? QDir::cleanPath(info.absoluteFilePath()) : info.absoluteFilePath();
}

// A file list member: each path relative, inside the scenario's folder, and present.
std::optional<QStringList> readFiles(
    StrictJson &file, StrictObject &root, const QString &member, const QDir &dir, Need need)
{
    const auto list = root.strings(member, need, Empty::Refused);
    if (!list)
        return std::nullopt;
    QStringList out;
    for (qsizetype i = 0; i < list->size(); ++i) {
        const std::optional<QString> path = readPath(file, root.at(member) + i, list->at(i), dir);
        if (!path)
            return std::nullopt;
        out.append(*path);
    }
    return out;
}

// Reads one manifest strictly: the schema, exactly the known members, every string non-empty,
// the name equal to the folder's, every file present, and the estate's folder when it names
// one.
Result<Scenario> readManifest(const QString &path)
{
    Result<StrictJson> file
        = StrictJson::read(path, files::smallFileLimit(QStringLiteral("a scenario manifest")));
    if (!file)
        return file.error();
    auto root = file->root(QLatin1String(Schema),
        {QStringLiteral("schema"), QStringLiteral("name"), QStringLiteral("title"),
            QStringLiteral("summary"), QStringLiteral("lesson"), QStringLiteral("files"),
            QStringLiteral("compare"), QStringLiteral("estate"), QStringLiteral("apply_log"),
            QStringLiteral("cloud_logs")});
    if (!root)
        return file->error();
    Scenario s;
    for (auto [key, target] : {std::pair {"name", &s.name}, std::pair {"title", &s.title},
             std::pair {"summary", &s.summary}, std::pair {"lesson", &s.lesson}}) {
        const auto text = root->string(QLatin1String(key), Need::Required);
        if (!text)
            return file->error();
        *target = *text;
    }
    const QDir dir = QFileInfo(path).absoluteDir();
    if (s.name != dir.dirName()) {
        file->mustBe(root->at(QStringLiteral("name")),
            QStringLiteral("the folder's name, \"%1\" (not \"%2\")").arg(dir.dirName(), s.name));
        return file->error();
    }
    const auto files = readFiles(*file, *root, QStringLiteral("files"), dir, Need::Required);
    const auto compare = files
        ? readFiles(*file, *root, QStringLiteral("compare"), dir, Need::Optional)
        : std::nullopt;
    if (!compare)
        return file->error();
    if (!compare->isEmpty() && compare->size() != 2) {
        file->mustBe(root->at(QStringLiteral("compare")),
            QStringLiteral("a list of exactly two files: old, new"));
        return file->error();
    }
    // The estate: a folder whose states and plans are read together with the first file.
    const auto estate = root->string(QStringLiteral("estate"), Need::Optional);
    if (!estate)
        return file->error();
    if (!estate->isEmpty()) {
        const std::optional<QString> folder
            = readPath(*file, root->at(QStringLiteral("estate")), *estate, dir, true);
        if (!folder)
            return file->error();
        s.estate = *folder;
    }
    // The records of what really happened (the postmortem): Terraform's apply log and the
    // cloud's audit logs.
    const auto applyLog = root->string(QStringLiteral("apply_log"), Need::Optional);
    if (!applyLog)
        return file->error();
    if (!applyLog->isEmpty()) {
        const std::optional<QString> log
            = readPath(*file, root->at(QStringLiteral("apply_log")), *applyLog, dir);
        if (!log)
            return file->error();
        s.applyLog = *log;
    }
    const auto cloudLogs
        = readFiles(*file, *root, QStringLiteral("cloud_logs"), dir, Need::Optional);
    if (!cloudLogs)
        return file->error();
    s.cloudLogs = *cloudLogs;
    s.files = *files;
    s.compare = *compare;
    if (const QString story = dir.filePath(QStringLiteral("story.md")); QFileInfo(story).isFile())
        s.story = story;
    return s;
}

} // namespace

Result<std::vector<Scenario>> bundledScenarios()
{
    const Result<QString> root = ResourceLocator::require(
        QStringLiteral("scenarios"), QStringLiteral("the scenarios folder"));
    if (!root)
        return root.error();
    std::vector<Scenario> scenarios;
    const QDir dir(*root);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString manifest = dir.filePath(name + QStringLiteral("/scenario.json"));
        if (!QFileInfo::exists(manifest))
            continue;
        Result<Scenario> scenario = readManifest(manifest);
        if (!scenario)
            return scenario.error();
        scenarios.push_back(std::move(scenario).value());
    }
    return scenarios;
}

Result<Scenario> findScenario(const QString &name)
{
    Result<std::vector<Scenario>> all = bundledScenarios();
    if (!all)
        return all.error();
    QStringList names;
    for (Scenario &s : *all) {
        if (s.name == name)
            return std::move(s);
        names.append(s.name);
    }
    return Error {QLatin1String(Prefix) + name, 0, 0,
        QStringLiteral("no bundled scenario \"%1\" (there are: %2)")
            .arg(name, names.join(QStringLiteral(", ")))};
}

bool isScenarioArgument(const QString &argument)
{
    return argument.startsWith(QLatin1String(Prefix));
}

Result<QString> resolveInput(const QString &argument)
{
    if (!isScenarioArgument(argument))
        return argument;
    const Result<Scenario> scenario = findScenario(argument.mid(int(qstrlen(Prefix))));
    if (!scenario)
        return scenario.error();
    return scenario->files.constFirst();
}

} // namespace bg::core
