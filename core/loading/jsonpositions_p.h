// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: where a value sits in one of Blastguard's own small JSON files (rules,
// policy), so that a strict reader's error can give a line and column, and where a member sits in
// a value a plan or state left in its bytes. QJsonDocument gives no positions, so the bytes are
// walked again along a path of member keys and list indexes.
#pragma once

#include "core/model.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>
#include <variant>
#include <vector>

namespace bg::core::detail {

// One step into a JSON value: an object member's key, or a list index (from 0).
using JsonStep = std::variant<QString, qsizetype>;
using JsonPath = std::vector<JsonStep>;

// The path one step further: {"findings"} + 2 + "code".
inline JsonPath operator+(JsonPath path, const JsonStep &step)
{
    path.push_back(step);
    return path;
}

// The byte offset in `bytes` of the last step of `path`: the opening quote of the member's key,
// or the first byte of the list element. -1 when the path is not in the file (a member that is
// absent, an index past the end, a step into a value of another kind) or `path` is empty.
//
// `bytes` must be JSON that QJsonDocument has already parsed without error: the walk follows the
// structure (a key found belongs to the object the path leads to, never to one nested in it or
// beside it) but does not validate. A key is compared as it is written in the file, so a key
// spelt with escapes ("\u0061") is not found. With a key twice in one object, the first counts.
qsizetype jsonPathOffset(const QByteArray &bytes, const JsonPath &path);

// One member of an object: its name as written between its quotes, and where its value is.
struct JsonMember {
    QByteArrayView name;
    ByteRange value;
};

// The members of the object `bytes` holds (JSON the loader has parsed, as above), in order, in
// one walk. nullopt where `bytes` holds no object, where a member's name holds an escape
// (QJsonDocument reads "\u0061" as "a", so such an object's members are not known by their
// names as written), and where a member nests `deepest` containers deep or more (QJsonDocument
// refuses the whole past 1024). Names point into `bytes`.
std::optional<std::vector<JsonMember>> jsonObjectMembers(const QByteArray &bytes, int deepest);

// The 1-based line and column (in bytes) of jsonPathOffset(bytes, path). Returns false and
// leaves `line` and `column` alone when the path is not in the file.
bool jsonPathPosition(const QByteArray &bytes, const JsonPath &path, int *line, int *column);

// `bytes` (valid JSON, as above) with every string longer than `limit` bytes replaced by a short
// one that says its size and a fingerprint (FNV-1a, 64 bits, of its bytes as written), so that
// two different long values still differ; nullopt when there is none, and nothing is copied.
// The long strings' bytes are read once and never copied.
std::optional<QByteArray> withoutLongStrings(QByteArrayView bytes, qsizetype limit);

} // namespace bg::core::detail
