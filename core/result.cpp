// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/result.h"

namespace bg::core {

QString Error::toString() const
{
    if (path.isEmpty())
        return message;
    QString where = path;
    if (line > 0)
        where += QStringLiteral(":%1:%2").arg(line).arg(column);
    return where + QStringLiteral(": ") + message;
}

} // namespace bg::core
