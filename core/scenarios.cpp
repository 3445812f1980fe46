// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenarios.h"

#include "loader.h"
#include "resourcelocator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace bg::core {

namespace {

const char *const Schema = "blastguard.scenario/v1";
const char *const Prefix = "scenario:";

// A file list member: relative, inside the scenario's folder, and present.
bool readFiles(
    const QJsonValue &value, const QDir &dir, const QString &member, QStringList *out, QString *why)
{
    if (!value.isArray() || value.toArray().isEmpty()) {
        *why = QStringLiteral("\"%1\" must be a non-empty array of relative paths").arg(member);
        return false;
    }
    for (const QJsonValue &v : value.toArray()) {
        const QString rel = v.toString();
        if (!v.isString() || rel.isEmpty() || QDir::isAbsolutePath(rel)
            || QDir::cleanPath(rel).startsWith(QLatin1String(".."))) {
            *why = QStringLiteral("\"%1\" must hold paths relative to the scenario's folder")
                       .arg(member);
            return false;
        }
        const QFileInfo info(dir.filePath(rel));
        if (!info.isFile()) {
            *why = QStringLiteral("\"%1\" names %2, which does not exist").arg(member, rel);
            return false;
        }
        out->append(info.absoluteFilePath());
    }
    return true;
}

// Reads one manifest strictly: the schema, exactly the known members, every string non-empty,
// the name equal to the folder's, and every file present.
std::optional<Scenario> readManifest(const QString &path, LoadError *error)
{
    auto fail = [&](int line, int column, const QString &message) -> std::optional<Scenario> {
        *error = {path, line, column, message};
        return std::nullopt;
    };
    const detail::JsonFile file = detail::readJsonFile(path,
        QStringLiteral("cannot read the scenario"), QStringLiteral("malformed scenario manifest"));
    if (file.error)
        return fail(file.error->line, file.error->column, file.error->message);
    if (!file.document.isObject())
        return fail(1, 1, QStringLiteral("a scenario manifest must be a JSON object"));
    const QJsonObject root = file.document.object();
    if (root.value(QStringLiteral("schema")).toString() != QLatin1String(Schema))
        return fail(0, 0,
            QStringLiteral("not a scenario manifest: \"schema\" must be \"%1\"")
                .arg(QLatin1String(Schema)));
    static const QStringList known = {QStringLiteral("schema"), QStringLiteral("name"),
        QStringLiteral("title"), QStringLiteral("summary"), QStringLiteral("lesson"),
        QStringLiteral("files"), QStringLiteral("compare")};
    for (const QString &key : root.keys()) {
        if (!known.contains(key))
            return fail(0, 0, QStringLiteral("unknown member \"%1\"").arg(key));
    }
    Scenario s;
    for (auto [key, target] : {std::pair {"name", &s.name}, std::pair {"title", &s.title},
             std::pair {"summary", &s.summary}, std::pair {"lesson", &s.lesson}}) {
        const QJsonValue v = root.value(QLatin1String(key));
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return fail(0, 0, QStringLiteral("\"%1\" must be a non-empty string").arg(QLatin1String(key)));
        *target = v.toString();
    }
    const QDir dir = QFileInfo(path).absoluteDir();
    if (s.name != dir.dirName())
        return fail(0, 0,
            QStringLiteral("\"name\" is \"%1\" but the folder is \"%2\"")
                .arg(s.name, dir.dirName()));
    QString why;
    if (!readFiles(
            root.value(QStringLiteral("files")), dir, QStringLiteral("files"), &s.files, &why))
        return fail(0, 0, why);
    if (const QString story = dir.filePath(QStringLiteral("story.md")); QFileInfo(story).isFile())
        s.story = story;
    if (root.contains(QStringLiteral("compare"))) {
        if (!readFiles(root.value(QStringLiteral("compare")), dir, QStringLiteral("compare"),
                &s.compare, &why))
            return fail(0, 0, why);
        if (s.compare.size() != 2)
            return fail(0, 0, QStringLiteral("\"compare\" must name exactly two files: old, new"));
    }
    return s;
}

} // namespace

std::vector<Scenario> bundledScenarios(LoadError *error)
{
    LoadError ignored;
    LoadError &err = error ? *error : ignored;
    const QString root = ResourceLocator::find(QStringLiteral("scenarios"));
    if (root.isEmpty()) {
        err = {QStringLiteral("scenarios"), 0, 0,
            QStringLiteral("no scenarios folder in %1")
                .arg(ResourceLocator::searchPath().join(QStringLiteral(", ")))};
        return {};
    }
    std::vector<Scenario> scenarios;
    const QDir dir(root);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString manifest = dir.filePath(name + QStringLiteral("/scenario.json"));
        if (!QFileInfo::exists(manifest))
            continue;
        auto scenario = readManifest(manifest, &err);
        if (!scenario)
            return {};
        scenarios.push_back(std::move(*scenario));
    }
    return scenarios;
}

std::optional<Scenario> findScenario(const QString &name, LoadError *error)
{
    LoadError ignored;
    LoadError &err = error ? *error : ignored;
    err = {};
    std::vector<Scenario> all = bundledScenarios(&err);
    if (all.empty() && !err.message.isEmpty())
        return std::nullopt;
    QStringList names;
    for (Scenario &s : all) {
        if (s.name == name)
            return std::move(s);
        names.append(s.name);
    }
    err = {QLatin1String(Prefix) + name, 0, 0,
        QStringLiteral("no bundled scenario \"%1\" (there are: %2)")
            .arg(name, names.join(QStringLiteral(", ")))};
    return std::nullopt;
}

bool isScenarioArgument(const QString &argument)
{
    return argument.startsWith(QLatin1String(Prefix));
}

QString resolveInput(const QString &argument, LoadError *error)
{
    if (!isScenarioArgument(argument))
        return argument;
    const auto scenario = findScenario(argument.mid(int(qstrlen(Prefix))), error);
    return scenario ? scenario->files.constFirst() : QString();
}

} // namespace bg::core
