// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model.h"

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

} // namespace bg::core
