// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QStringList>

namespace bg::core {

// Finds the teaching data (the bundled scenarios, the protection catalog that saved-by and the
// protections panel use) wherever Blastguard runs from: $BLASTGUARD_DATA_DIR, the installed data
// directory next to the binary (../share/blastguard), the system data directories, then the
// source tree it was built from.
//
// Never the rules or the policy the gate enforces: those are embedded in the binary
// (core/configsource.h), so a data directory, whoever controls it, cannot change a verdict.
namespace ResourceLocator {
QStringList searchPath();
QString find(const QString &relativePath); // empty when not found
// find(), or the error "WHAT was not found; looked in DIR, DIR..." naming `relativePath`.
Result<QString> require(const QString &relativePath, const QString &what);
// The shipped file at `relativePath` read by `load` (a loader taking a path and returning a
// Result), or require()'s error.
template<typename Load>
auto load(const QString &relativePath, const QString &what, Load load) -> decltype(load(QString()))
{
    Result<QString> path = require(relativePath, what);
    if (!path)
        return path.error();
    return load(*path);
}
} // namespace ResourceLocator

QString toolVersion();

} // namespace bg::core
