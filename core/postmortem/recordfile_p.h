// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: the records of a log file, one at a time, without holding the file. A
// CloudTrail export may hold millions of events; an apply log thousands of lines.
//
// Three layouts, told apart by the file's first bytes (after white space and a UTF-8 BOM):
//   {"Records": [ {...}, ... ]}   as CloudTrail delivers its files (also "records", as Azure's
//                                 exports to storage write them, and "Events", as
//                                 `aws cloudtrail lookup-events` prints them)
//   [ {...}, ... ]                a JSON array, as `gcloud logging read --format=json` and
//                                 `az monitor activity-log list` print
//   {...}\n{...}\n                one record per line (JSON Lines): `terraform apply -json`,
//                                 CloudTrail Lake and Athena exports
// A file that starts with gzip's magic bytes (1f 8b) is inflated as it is read: CloudTrail
// delivers .json.gz. Both the file and what it inflates to are bounded (RecordFileCap).
#pragma once

#include "core/files.h"
#include "core/postmortem/records.h"

#include <QByteArrayView>
#include <functional>
#include <vector>

namespace bg::core::detail {

// The most a log file may hold, and the most it may inflate to: 4 GiB (a million CloudTrail
// events are about 1.5 GB).
inline constexpr qint64 RecordFileCap = qint64(4) << 30;
// The most one record may hold: 16 MiB. A longer one is named and skipped.
inline constexpr qint64 RecordCap = qint64(16) << 20;

enum class RecordLayout : quint8 { Lines, Array, Wrapped };

struct RawRecord {
    QByteArrayView bytes; // valid during the call only
    qint64 line = 0; // 1-based, where its first byte is
    qint64 column = 0; // 1-based, in bytes
};

struct RecordFileFacts {
    RecordLayout layout = RecordLayout::Lines;
    bool gzipped = false;
    qint64 records = 0; // handed to `each`
    bool complete = true; // false when the file broke off (the last problem says where)
};

// Calls `each` for every record of `path` in order. A record that cannot be cut out (over
// RecordCap) is added to `problems`, named by its line, and skipped; the caller parses each
// record and names its own bad ones. The result is an error only when the file cannot be
// opened (missing, not a regular file, over the cap). When it breaks off later (its structure
// breaks where no later record can be found: an array left open, a missing comma between
// records, a gzip stream cut short, a failed read), the records before the break have been
// handed on, the break is the last of `problems`, and the facts say it is not complete.
// With `linesOnly`, the file is read as one record per line whatever it starts with.
Result<RecordFileFacts> readRecordFile(const QString &path, bool linesOnly, Problems *problems,
    const std::function<void(const RawRecord &)> &each);

} // namespace bg::core::detail
