// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rules.h"

#include <QJsonDocument>

namespace bg::core::detail {

// The strict reader of blastguard.rules/v1 files, behind RuleSet::load (a friend of RuleSet).
class RulesReader {
public:
    // Reads a rules file already parsed: `bytes` are the file's, for the line and column of a
    // mistake. A member it does not know, a value of the wrong type or an unknown name is an
    // error, never a silent default; the first one wins. Its message names the place in words
    // ("finding 12 (aws-rds-no-final-snapshot)"), its line and column point at the member's key.
    static std::optional<RuleSet> read(const QString &path, const QByteArray &bytes,
        const QJsonDocument &document, LoadError *error);
};

} // namespace bg::core::detail
