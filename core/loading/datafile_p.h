// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the small data files of resources/ (masking, estate links) share: a regular expression
// member, the user's file read through the one bounded reader, and the shipped copy compiled
// into the binary.
#pragma once

#include "core/files.h"
#include "core/loading/strictjson.h"

#include <QRegularExpression>
#include <optional>

namespace bg::core::detail {

// The string member `key` of `o` as a case-insensitive, optimised regular expression; when it
// is missing or not one, `file` fails at the member and the result is empty.
std::optional<QRegularExpression> regexMember(
    StrictJson &file, StrictObject &o, const QString &key);

// A shipped data file's bytes (a Qt resource compiled into this binary); a build without it
// stops with `what` named.
QByteArray shippedBytes(const QString &resource, const char *what);

// The user's data file at `path`, read bounded by the small-file limit for `what`, then parsed.
template<typename Parse>
auto loadDataFile(const QString &path, const QString &what, Parse parse)
    -> decltype(parse(QByteArray(), path))
{
    Result<QByteArray> bytes = StrictJson::readBytes(path, files::smallFileLimit(what));
    if (!bytes)
        return bytes.error();
    return parse(std::move(bytes).value(), path);
}

// The shipped data file, parsed; broken, the build stops with `what` named.
template<typename Parse>
auto shippedDataFile(const QString &resource, const char *what, Parse parse)
{
    auto read = parse(shippedBytes(resource, what), resource);
    if (!read)
        qFatal(
            "Blastguard's built-in %s are broken: %s", what, qPrintable(read.error().toString()));
    return std::move(read).value();
}

} // namespace bg::core::detail
