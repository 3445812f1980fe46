// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "files.h"
#include "model.h"

#include <QJsonDocument>
#include <optional>

namespace bg::core {

struct LoadResult {
    Document document;
    std::optional<LoadError> error;
    bool ok() const { return !error.has_value(); }
};

// Reads a plan (terraform/tofu show -json PLANFILE), a state JSON (show -json) or a raw
// terraform.tfstate (version 3 or 4). The kind is detected from the content. The file is only
// read, never written. Every failure comes back as an error naming the file.
LoadResult loadDocument(const QString &path);
LoadResult loadDocumentFromBytes(QByteArray bytes, const QString &path);

// SHA-256 of the file's bytes as they were on disk, lower-case hex.
QString fileSha256(const Document &document);

namespace detail {

// One of Blastguard's own small JSON files (a policy, the protections, an approval, a scenario
// manifest), read whole and parsed as it is, with no encoding repaired.
struct JsonFile {
    QByteArray bytes;
    QJsonDocument document;
    std::optional<LoadError> error; // names the file
    bool unreadable = false; // the error is that the file could not be opened, not its JSON
};

// The error says "CANNOT_READ: why" with no position when the file cannot be opened, and
// "MALFORMED: why" at the line and column where the JSON parser stopped.
// At most 1 MiB is read (core/files.h), or `limit` when given.
JsonFile readJsonFile(const QString &path, const QString &cannotRead, const QString &malformed,
    const std::optional<files::ReadLimit> &limit = std::nullopt);

// Byte offset -> 1-based line and column (in bytes).
void lineAndColumn(const QByteArray &bytes, qint64 offset, int *line, int *column);

} // namespace detail

} // namespace bg::core
