// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/configsource.h"

#include "core/files.h"

#include <QFile>
#include <QtEndian>

// Q_INIT_RESOURCE must be called from the global namespace. The resource is compiled into an
// object library that CMake links into each program (qt_add_resources on a static library);
// naming its initializer here also makes the link fail loudly, not the run, if it ever is not.
static void initShippedResources()
{
    Q_INIT_RESOURCE(blastguard_shipped);
}

namespace bg::core {

QString ConfigSource::name() const
{
    return isShipped() ? QStringLiteral("shipped") : path;
}

void ConfigSources::add(const QString &path, const QByteArray &bytes)
{
    m_files.append({path, files::sha256Hex(bytes)});
    char length[8];
    qToBigEndian(quint64(bytes.size()), length);
    m_hashed.append(length, sizeof length);
    m_hashed.append(bytes);
}

void ConfigSources::append(const ConfigSources &other)
{
    m_files += other.m_files;
    m_hashed += other.m_hashed;
}

QString ConfigSources::fingerprint() const
{
    return files::sha256Hex(m_hashed);
}

QString ConfigSources::describe() const
{
    QStringList parts;
    for (const ConfigSource &file : m_files)
        parts.append(QStringLiteral("%1 (sha256 %2)").arg(file.name(), file.sha256));
    if (parts.isEmpty())
        parts.append(QStringLiteral("none"));
    return QStringLiteral("%1; fingerprint %2")
        .arg(parts.join(QStringLiteral(" + ")), fingerprint());
}

QString ConfigSources::words(const QString &what) const
{
    QStringList parts;
    for (const ConfigSource &file : m_files)
        parts.append(file.isShipped() ? QStringLiteral("the shipped %1").arg(what) : file.path);
    return parts.isEmpty() ? QStringLiteral("the %1 in force").arg(what)
                           : parts.join(QStringLiteral(" + "));
}

namespace shipped {

QString path(const QString &relativePath)
{
    return QStringLiteral(":/blastguard/") + relativePath;
}

Result<QByteArray> bytes(const QString &relativePath)
{
    static const bool initialised = [] {
        initShippedResources();
        return true;
    }();
    Q_UNUSED(initialised);
    // Not files::readFile: an embedded resource is not a file on disk (no links, no devices).
    QFile file(path(relativePath));
    if (!file.open(QIODevice::ReadOnly))
        return Error {path(relativePath), 0, 0,
            QStringLiteral("this build of Blastguard has no embedded %1 (a packaging error)")
                .arg(relativePath)};
    return file.readAll();
}

} // namespace shipped

} // namespace bg::core
