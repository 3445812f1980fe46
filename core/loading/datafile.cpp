// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/datafile_p.h"

#include <QFile>

namespace bg::core::detail {

std::optional<QRegularExpression> regexMember(StrictJson &file, StrictObject &o, const QString &key)
{
    const auto regex = o.string(key, Need::Required);
    if (!regex)
        return std::nullopt;
    QRegularExpression compiled(*regex, QRegularExpression::CaseInsensitiveOption);
    if (!compiled.isValid()) {
        file.fail(o.at(key),
            QStringLiteral("%1 is not a regular expression: %2 at offset %3")
                .arg(StrictJson::quoted(o.at(key)), compiled.errorString())
                .arg(compiled.patternErrorOffset()));
        return std::nullopt;
    }
    compiled.optimize();
    return compiled;
}

QByteArray shippedBytes(const QString &resource, const char *what)
{
    // Compiled into this binary (core/CMakeLists.txt), not a file any user can reach: read
    // with QFile, not files::readFile.
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("Blastguard was built without its %s (%s)", what, qPrintable(file.errorString()));
    return file.readAll();
}

} // namespace bg::core::detail
