// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the gate's configuration (the risk rules, the policy) was read from, and its fingerprint.
//
// The shipped rules and policy are embedded in the binary (Qt resources, built from
// resources/rules/default.json and resources/policy/default.json), so no data directory and no
// file on disk can replace them; a user's files can only add to them (resources/rules/README.md,
// resources/policy/README.md).
//
// The fingerprint of a configuration in force is the lowercase hex SHA-256 over its sources in
// order (the shipped file first, then each addition as given), each source contributing its
// length in bytes as an unsigned 64-bit big-endian integer followed by its bytes. The length
// prefix keeps "A then B" apart from any other split of the same bytes. Each source also has the
// plain SHA-256 of its own bytes, so that `sha256sum FILE` can be compared with it.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace bg::core {

struct ConfigSource {
    QString path; // the file as given; empty for the shipped file embedded in the binary
    QString sha256; // lowercase hex SHA-256 of its bytes
    bool isShipped() const { return path.isEmpty(); }
    // "shipped" or the path.
    QString name() const;
};

class ConfigSources {
public:
    // `path` empty: the shipped file.
    void add(const QString &path, const QByteArray &bytes);
    // `other`'s sources after these (the fingerprint is then that of all of them, in order).
    void append(const ConfigSources &other);
    const QList<ConfigSource> &files() const { return m_files; }
    bool isEmpty() const { return m_files.isEmpty(); }
    // See above. With no source: the SHA-256 of nothing (a configuration built in code).
    QString fingerprint() const;
    // "shipped (sha256 ab12…) + /path/extra.json (sha256 …); fingerprint …", full hashes.
    QString describe() const;
    // "the shipped rules", "the shipped rules + a.json": what an addition is checked against.
    QString words(const QString &what) const;

private:
    QList<ConfigSource> m_files;
    QByteArray m_hashed; // the fingerprint's input so far
};

namespace shipped {
// The bytes of a file embedded from resources/ ("rules/default.json"), or an error saying the
// binary was built without it.
Result<QByteArray> bytes(const QString &relativePath);
// The name an embedded file is read under in messages: ":/blastguard/rules/default.json".
QString path(const QString &relativePath);
} // namespace shipped

} // namespace bg::core
