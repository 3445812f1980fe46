// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/files.h"
#include "core/model.h"

namespace bg::core {

// Reads a plan (terraform/tofu show -json PLANFILE), a state JSON (show -json) or a raw
// terraform.tfstate (version 3 or 4). The kind is detected from the content. The file is only
// read, never written; one of 2 MiB or more is read on another thread while it is scanned,
// never whole in memory, and fails to load if it grows or shrinks meanwhile. Every failure
// comes back as an error naming the file.
Result<Document> loadDocument(const QString &path);
Result<Document> loadDocumentFromBytes(QByteArray bytes, const QString &path);

// SHA-256 of the file's bytes as they were on disk, lower-case hex.
QString fileSha256(const Document &document);

namespace detail {

// The line breaks of pages handed back to the kernel while the file was read (they read as
// zeros now): how many, and the offset of the last. An error past them still says its line.
struct LineBreaksGone {
    qint64 count = 0;
    qint64 last = -1;
};

// Byte offset -> 1-based line and column (in bytes), counting those `gone` too.
void lineAndColumn(const QByteArray &bytes, qint64 offset, int *line, int *column,
    const LineBreaksGone *gone = nullptr);

// How the scan reads the elements it hands over and passes over the large values it keeps only
// as byte ranges. Fast: a reader and a validator of its own (jsonelement_p.h, jsonskip_p.h),
// with nlohmann's parser reading whatever they are unsure of. Slow: nlohmann's parser reads
// every byte. The result is the same, error positions included; Slow is there for the tests
// and the fuzzer that compare the two.
enum class JsonSkip { Fast, Slow };
Result<Document> loadDocumentFromBytes(QByteArray bytes, const QString &path, JsonSkip skip);

class StreamedFile;
// The file read on another thread while it is scanned (streamedfile_p.h): what loadDocument
// does with a file of UnreadPages::MinimumFile or more. The same document, SHA-256 and errors
// as loadDocumentFromBytes on the same bytes, or the read's own error (it grew, it shrank).
Result<Document> loadStreamed(StreamedFile &file, const QString &path, JsonSkip skip);

} // namespace detail

} // namespace bg::core
