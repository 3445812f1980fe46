// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/resourcelocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bg::core {

QStringList ResourceLocator::searchPath()
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("BLASTGUARD_DATA_DIR");
    if (!env.isEmpty())
        dirs.append(env);
    const QString appDir
        = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    // Run from the build tree: the source tree's data, never an older installed copy.
    const bool inBuildTree
        = !appDir.isEmpty() && appDir.startsWith(QStringLiteral(BLASTGUARD_BINARY_DIR));
    if (inBuildTree)
        dirs.append(QStringLiteral(BLASTGUARD_SOURCE_RESOURCES));
    if (!appDir.isEmpty())
        dirs.append(QDir(appDir).filePath(QStringLiteral("../" BLASTGUARD_INSTALL_DATADIR)));
    for (const QString &dir :
        QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        dirs.append(QDir(dir).filePath(QStringLiteral("blastguard")));
    if (!inBuildTree)
        dirs.append(QStringLiteral(BLASTGUARD_SOURCE_RESOURCES));
    return dirs;
}

QString ResourceLocator::find(const QString &relativePath)
{
    for (const QString &dir : searchPath()) {
        const QFileInfo candidate(QDir(dir).filePath(relativePath));
        if (candidate.exists())
            return candidate.canonicalFilePath();
    }
    return {};
}

Result<QString> ResourceLocator::require(const QString &relativePath, const QString &what)
{
    QString path = find(relativePath);
    if (path.isEmpty())
        return Error {relativePath, 0, 0,
            QStringLiteral("%1 was not found; looked in %2")
                .arg(what, searchPath().join(QStringLiteral(", ")))};
    return path;
}

} // namespace bg::core
