// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The one strict reader of Blastguard's own JSON files: rules, policy, protections, approvals,
// scenario manifests, and every reader still to come. A reader states what a file holds (these
// members, this type, these names); anything else is an error with the file, the line and
// column, and one wording everywhere:
//   FILE:LINE:COL: unknown member "x" in "protected" (known here: addresses, categories, types)
//   FILE:LINE:COL: missing member "sha256" in "plan"
//   FILE:LINE:COL: "max_approval_age_hours" must be a number greater than 0
//   FILE:LINE:COL: "protected.categories[0]" must be one of database, network (not "databse")
// A value is named by its path from the top ("findings[2].when[0].side", indexes from 0). The
// position is the member's key, a list entry's first byte, or for a missing member the object
// that lacks it (jsonpositions.h). The first problem wins: later checks record nothing.
#pragma once

#include "core/files.h"
#include "core/loading/jsonpositions_p.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <limits>
#include <optional>

namespace bg::core {

// Whether an absent member is an error (Required) or stands for a fallback (Optional).
enum class Need : quint8 { Optional, Required };
// Whether "" (a string, after trimming white space) or [] (a list) is a value.
enum class Empty : quint8 { Refused, Allowed };

// The numbers a member may hold, and their words: "a number greater than 0", "a whole number
// from 1 to 1000000000".
struct NumberRange {
    double min = -std::numeric_limits<double>::infinity();
    bool minExcluded = false; // min itself is not allowed
    double max = std::numeric_limits<double>::infinity();
    bool whole = false;
    QString words() const;
};

class StrictObject;

class StrictJson {
public:
    // The file's bytes: files::readFile within `limit`, its error reworded as "cannot read
    // LIMIT.WHAT: why" ("cannot read a policy: no such file"), with no position.
    static Result<QByteArray> readBytes(const QString &path, const files::ReadLimit &limit);
    // Parses `bytes` from `path`; `what` names the kind of file in messages ("a policy"). A parse
    // error is "not valid JSON: why" at the parser's line and column.
    static Result<StrictJson> parse(QByteArray bytes, const QString &path, const QString &what);
    // readBytes, then parse with limit.what.
    static Result<StrictJson> read(const QString &path, const files::ReadLimit &limit);

    const QString &path() const { return m_path; }
    const QByteArray &bytes() const { return m_bytes; }
    const QJsonDocument &document() const { return m_document; }

    // The top-level object; records "WHAT must be a JSON object" otherwise.
    std::optional<StrictObject> root();
    // root(), of `schema` (see schema()), with no member but `members`.
    std::optional<StrictObject> root(const QString &schema, const QStringList &members);
    // `value` at `at` (a list entry) as an object; records "\"AT\" must be an object" otherwise.
    std::optional<StrictObject> object(const QJsonValue &value, const detail::JsonPath &at);
    // The "schema" member of `root` is `schema`: else "not WHAT: \"schema\" must be \"SCHEMA\""
    // (absent or not a string) or "unknown schema \"S\" (this version reads SCHEMA)".
    bool schema(const StrictObject &root, const QString &schema);

    // Records an error at `at` unless one is recorded: the message as given. Always false, to
    // return from a check.
    bool fail(const detail::JsonPath &at, const QString &message);
    // fail(at, "\"AT\" must be WORDS").
    bool mustBe(const detail::JsonPath &at, const QString &words);
    // `value` at `at` is the first of its kind among the values `seen` holds (value -> place):
    // else "\"AT\" must be unique: \"VALUE\" is also in \"FIRST\"". Adds it to `seen`.
    bool unique(
        const QString &value, const detail::JsonPath &at, QHash<QString, detail::JsonPath> &seen);

    bool ok() const { return !m_error.has_value(); }
    // The first problem; only when !ok().
    const Error &error() const { return *m_error; }
    // Done, or the first problem.
    Status status() const;

    // A path in words: {"findings", 2, "code"} -> "findings[2].code"; the top is "".
    static QString name(const detail::JsonPath &path);
    // name() in double quotes.
    static QString quoted(const detail::JsonPath &path);

private:
    QString m_path;
    QString m_what;
    QByteArray m_bytes;
    QJsonDocument m_document;
    std::optional<Error> m_error;
};

// One object of a StrictJson file and its place in it. Its checks record the first problem in
// the file; each returns the value read, or nullopt after a problem. An absent Optional member
// reads as the fallback given.
class StrictObject {
public:
    StrictObject(StrictJson &file, QJsonObject object, detail::JsonPath path)
        : m_file(&file)
        , m_object(std::move(object))
        , m_path(std::move(path))
    {
    }
    const QJsonObject &json() const { return m_object; }
    const detail::JsonPath &path() const { return m_path; }
    // The path of the member `key`.
    detail::JsonPath at(const QString &key) const;
    bool contains(const QString &key) const { return m_object.contains(key); }
    QJsonValue value(const QString &key) const { return m_object.value(key); }

    // Every member is one of `known`: "unknown member \"K\" in \"PATH\" (known here: ...)".
    bool onlyMembers(const QStringList &known);
    // A string; with Empty::Refused a non-empty one.
    std::optional<QString> string(
        const QString &key, Need need, Empty empty = Empty::Refused, const QString &fallback = {});
    std::optional<bool> flag(const QString &key, Need need, bool fallback = false);
    std::optional<double> number(
        const QString &key, const NumberRange &range, Need need, double fallback = 0);
    // One of `names`: "\"KEY\" must be one of a, b, c (not \"x\")".
    std::optional<QString> name(
        const QString &key, const QStringList &names, Need need, const QString &fallback = {});
    // A list of strings, each one of `names` when they are given. `list` says whether [] is a
    // value, `entries` whether "" is. Absent and Optional: empty.
    std::optional<QStringList> strings(const QString &key, Need need, Empty list = Empty::Allowed,
        Empty entries = Empty::Refused, const QStringList &names = {});
    // A list of anything (the caller reads each entry). Absent and Optional: empty.
    std::optional<QJsonArray> list(const QString &key, Need need, Empty list = Empty::Allowed);
    // An object. Absent and Optional: an empty one, whose Required members are then missing:
    // check contains() first when the object may be absent but its members may not.
    std::optional<StrictObject> object(const QString &key, Need need);

private:
    // For an absent `key`: true when it may be absent (Optional), else records it as missing.
    bool mayBeAbsent(const QString &key, Need need);

    StrictJson *m_file;
    QJsonObject m_object;
    detail::JsonPath m_path;
};

} // namespace bg::core
