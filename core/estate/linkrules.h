// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <vector>

namespace bg::core {

// What links two stacks and what never does: data in resources/estate/links.json (schema
// blastguard.links/v1, documented in resources/estate/README.md), compiled into the binary.
class LinkRules {
public:
    static constexpr auto Schema = "blastguard.links/v1";

    struct Generic {
        QString kind; // "region", "cidr", ... for the notes and the tests
        QRegularExpression pattern;
    };

    // One links file, read strictly (core/loading/strictjson.h).
    static Result<LinkRules> parse(QByteArray bytes, const QString &path);
    static Result<LinkRules> load(const QString &path);
    // The shipped file, compiled in; a broken one stops the process (tst_estate reads it).
    static const LinkRules &shipped();

    // Top-level attributes whose value is a resource's identity ("id", "arn", "self_link").
    const QStringList &identityAttributes() const { return m_identityAttributes; }
    // Data source types never read as users of another stack's identities by value (their
    // values are looked-up copies of the remote outputs: terraform_remote_state).
    bool isRemoteStateType(QStringView type) const { return type == m_remoteStateType; }
    // The kind of generic value `value` is ("shorter than 8 characters", "region", ...), or
    // empty when it may link two stacks.
    QString genericKind(const QString &value) const;
    int minLength() const { return m_minLength; }
    // Resource types that own no cloud object, whose ids are random or derived (ignored_types,
    // globs): never an identity.
    bool isIgnoredType(const QString &type) const;
    const std::vector<Generic> &generic() const { return m_generic; }

private:
    QStringList m_identityAttributes;
    QString m_remoteStateType;
    int m_minLength = 8;
    std::vector<Generic> m_generic;
    QSet<QString> m_values; // lower case
    std::vector<QRegularExpression> m_ignoredTypes;
};

} // namespace bg::core
