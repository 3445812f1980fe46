// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: one record of a log parsed, and values found in it by path.
#pragma once

#include "core/postmortem/recordfile_p.h"

#include <QStringList>
#include <nlohmann/json.hpp>

namespace bg::core::detail {

// No log record nests deeper than this; a deeper one is named and skipped.
inline constexpr int MaxRecordDepth = 256;

// Parses one record. On failure, `problem` names the file, the line and the column in the file
// and why, without quoting the text (which may hold a secret), and the result is false.
bool parseRecord(const RawRecord &record, const QString &path, nlohmann::json *out, Error *problem);

// The values at `path` (steps as cloudevents.h writes them: names, and "[]" for every entry of
// a list) in `root`; none when the path is not there.
std::vector<const nlohmann::json *> valuesAt(const nlohmann::json &root, const QStringList &path);
// The first string at `path`, or "".
QString stringAt(const nlohmann::json &root, const QStringList &path);
QString stringAt(const nlohmann::json &root, std::initializer_list<const char *> path);
// A value in words for a report: a string as itself, anything else as compact JSON.
QString valueText(const nlohmann::json &value);

} // namespace bg::core::detail
