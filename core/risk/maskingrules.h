// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QRegularExpression>
#include <QStringList>
#include <optional>
#include <vector>

namespace bg::core {

// What masking knows beyond Terraform's sensitive marks and the rules' secret_name_patterns:
// attribute names read as words, secret query and connection-string parameters, value patterns,
// and name/value lists. Data in resources/masking/default.json (schema blastguard.masking/v1,
// documented in resources/masking/README.md), compiled into the binary: a data directory cannot
// replace it, so no environment makes Blastguard print what it would mask.
class MaskingRules {
public:
    static constexpr auto Schema = "blastguard.masking/v1";

    // One masking file, read strictly (core/loading/strictjson.h): an unknown member, a wrong
    // type, an empty word, a regular expression that does not compile are errors naming the
    // file, the line and column.
    static Result<MaskingRules> parse(QByteArray bytes, const QString &path);
    static Result<MaskingRules> load(const QString &path);
    // The shipped knowledge, compiled in. A broken shipped file is a defect of the build
    // (tst_masking reads it): the process stops rather than mask less.
    static const MaskingRules &shipped();

    // The name, split into lower-case words (on every character that is not a letter or digit,
    // between a lower-case letter or digit and an upper-case one, before the last capital of a
    // run followed by a lower-case letter, and between letters and digits), holds one of
    // secret_name_words as consecutive words, or ends with one of secret_name_endings.
    bool isSecretName(QStringView name) const;
    // The text holds a secret parameter (?password=, &sig=, ;Pwd=) or matches a value pattern.
    bool isSecretText(const QString &text) const;
    // The member pairs {name member, value member} of name/value lists, in file order.
    const std::vector<std::pair<QString, QString>> &nameValuePairs() const { return m_pairs; }

    // "DB_PASSWORD" -> {"db","password"}; "xApiKey" -> {"x","api","key"}.
    static QStringList words(QStringView name);

private:
    std::vector<QStringList> m_words;
    std::vector<QStringList> m_endings;
    QRegularExpression m_parameters; // built from secret_parameters
    std::vector<QRegularExpression> m_values;
    // m_parameters and m_values as one expression, searched once, where they can be joined
    // without changing what any of them finds; else each is searched on its own.
    std::optional<QRegularExpression> m_anySecret;
    std::vector<std::pair<QString, QString>> m_pairs;
};

} // namespace bg::core
