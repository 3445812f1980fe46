// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The version alone in this file: its define is set for this file only, so a version bump
// rebuilds one file, not the whole core.
#include "core/resourcelocator.h"

namespace bg::core {

QString toolVersion()
{
    return QStringLiteral(BLASTGUARD_VERSION);
}

} // namespace bg::core
