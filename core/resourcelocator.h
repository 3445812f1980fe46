// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace bg::core {

// Finds the data files (rules, scenarios) wherever Blastguard runs from: $BLASTGUARD_DATA_DIR,
// the installed data directory next to the binary (../share/blastguard), the system data
// directories, then the source tree it was built from.
namespace ResourceLocator {
QStringList searchPath();
QString find(const QString &relativePath); // empty when not found
} // namespace ResourceLocator

QString toolVersion();

} // namespace bg::core
