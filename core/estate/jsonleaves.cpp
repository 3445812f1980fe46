// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/estate/jsonleaves_p.h"

#include <QRegularExpression>

namespace bg::core::detail {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// From the opening quote at `at`: the index of the closing quote, or -1. *escaped when a
// backslash was seen.
qsizetype stringEnd(QByteArrayView json, qsizetype at, bool *escaped)
{
    *escaped = false;
    for (qsizetype i = at + 1; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '\\') {
            *escaped = true;
            ++i;
        } else if (c == '"') {
            return i;
        }
    }
    return -1;
}

} // namespace

void forEachStringLeaf(QByteArrayView json, const std::function<bool(const JsonLeaf &)> &leaf)
{
    std::vector<LeafStep> path;
    // Whether the next string in an object is a key.
    std::vector<bool> expectKey;
    qsizetype i = 0;
    const qsizetype n = json.size();
    while (i < n) {
        const char c = json[i];
        if (isSpace(c) || c == ':') {
            ++i;
            continue;
        }
        if (c == ',') {
            if (!path.empty()) {
                if (path.back().inArray)
                    ++path.back().index;
                else
                    expectKey.back() = true;
            }
            ++i;
            continue;
        }
        if (c == '{' || c == '[') {
            path.push_back({c == '[', 0, {}});
            expectKey.push_back(c == '{');
            ++i;
            continue;
        }
        if (c == '}' || c == ']') {
            if (path.empty())
                return;
            path.pop_back();
            expectKey.pop_back();
            ++i;
            continue;
        }
        if (c == '"') {
            bool escaped = false;
            const qsizetype end = stringEnd(json, i, &escaped);
            if (end < 0)
                return;
            const QByteArrayView raw = json.sliced(i + 1, end - i - 1);
            if (!expectKey.empty() && expectKey.back()) {
                path.back().key = raw;
                expectKey.back() = false;
            } else if (!leaf({path, raw, escaped})) {
                return;
            }
            i = end + 1;
            continue;
        }
        // A number, true, false or null: skip to the next delimiter.
        while (i < n && json[i] != ',' && json[i] != '}' && json[i] != ']' && !isSpace(json[i]))
            ++i;
    }
}

QString leafPath(const std::vector<LeafStep> &path)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*$"));
    QString out;
    for (const LeafStep &step : path) {
        if (step.inArray) {
            out += QLatin1Char('[') + QString::number(step.index) + QLatin1Char(']');
            continue;
        }
        const QString key = QString::fromUtf8(step.key);
        if (plain.match(key).hasMatch())
            out += (out.isEmpty() ? QString() : QStringLiteral(".")) + key;
        else
            out += QStringLiteral("[\"") + key + QStringLiteral("\"]");
    }
    return out;
}

QByteArrayView topLevelString(QByteArrayView object, QByteArrayView key)
{
    QByteArrayView found;
    forEachStringLeaf(object, [&](const JsonLeaf &leaf) {
        if (leaf.path.size() == 1 && !leaf.path[0].inArray && leaf.path[0].key == key
            && !leaf.escaped) {
            found = leaf.raw;
            return false;
        }
        return true;
    });
    return found;
}

} // namespace bg::core::detail
