// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model.h"
#include "core/risk/rules.h"

#include <QJsonValue>

namespace bg::core {

inline constexpr auto SensitiveText = "(sensitive)";

enum class Side : quint8 { Before, After };

// The attribute name looks like a secret's: the rules' secret_name_patterns (substrings) or the
// shipped masking words (resources/masking: "db_pass", "privateKey", "x-api-key", "basic_auth").
bool isSecretName(const RuleSet &rules, QStringView name);

// Decodes one JSON value kept in the file. Null when absent or undecodable.
QJsonValue decodeSlot(const Document &document, const JsonSlot &slot);
// The same for a value's text.
QJsonValue decodeText(QByteArrayView text);

// The object before or after the change with every secret replaced by "(sensitive)": values
// Terraform marked sensitive (before_sensitive/after_sensitive, sensitive_values,
// sensitive_attributes), attributes whose name looks like a secret (isSecretName), values of
// name/value list entries named like one, and text that is a secret by its form
// (resources/masking/README.md), also inside JSON-encoded strings.
// Nothing else in core shows attribute values; every output goes through this.
QJsonValue maskedValues(
    const Document &document, const Resource &resource, Side side, const RuleSet &rules);

// The sensitivity marks of both sides as one (before_sensitive and after_sensitive, or
// sensitive_values): what maskedValues masks as marked, on either side.
QJsonValue sensitivityOf(const Document &document, const Resource &resource);

// valueAt(masked, path, present) where `masked` is what maskedValues makes of `value` (the side's
// decodeSlot) under `sensitive` (sensitivityOf): only the members on the path are looked at,
// and only the value at its end is masked whole.
QJsonValue maskedValueAt(const QJsonValue &value, const QJsonValue &sensitive, const RuleSet &rules,
    const QStringList &path, bool *present);

// The resource identity (Terraform 1.12+) before or after the change (a state's is `before`),
// masked as values are: names and forms of secrets. Null when there is none.
QJsonValue maskedIdentity(
    const Document &document, const Resource &resource, Side side, const RuleSet &rules);

// A string decoded from a plan or state is at most this long (bytes as written); a longer one
// reads "(a value of N bytes, too long to show; fingerprint F)" (detail::withoutLongStrings).
inline constexpr qsizetype MaxDecodedString = 64 * 1024;
// A value shown in a line (a report, a finding, the details, the gate) is at most this long.
inline constexpr qsizetype MaxShownChars = 240;
// `text` when it is short; else its start, an ellipsis and its length in characters.
QString shownValue(const QString &text);
// A character a reader does not see but a terminal, a log viewer or a browser acts on: a control
// character, a line or paragraph separator (a new line to some viewers), a format character (a
// bidirectional override or isolate, a zero-width space, a tag character). Text from a plan, an
// approval or a record could use one to fake a line of output or reorder what a reader sees.
bool actsUnseen(char32_t c);
// `text` for one line of output: each character that acts unseen, line breaks included,
// replaced by U+FFFD.
QString oneLine(const QString &text);
// `value` with every string in it cut as shownValue cuts it.
QJsonValue shownValues(const QJsonValue &value);

// One attribute of a masked object for display, "(unknown)" when missing.
QString displayAttribute(const QJsonValue &masked, const QStringList &path);
// The same for a value already looked up (valueAt): "(unknown)" when not present.
QString displayValue(const QJsonValue &value, bool present);

// Flattens a masked value into "path = value" lines: a.b[0].c = "x".
std::vector<std::pair<QString, QString>> flattenAttributes(const QJsonValue &masked);

// Looks up a path (object keys, or list indices as numbers) in a decoded value.
QJsonValue valueAt(const QJsonValue &root, const QStringList &path, bool *present = nullptr);
// The same, from path[from] on (the steps before it taken already).
QJsonValue valueAt(const QJsonValue &root, const QStringList &path, qsizetype from, bool *present);

} // namespace bg::core
