// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/estate: every string value inside a JSON value the loader left in the file,
// found without building it. Linking an estate reads every attribute of every resource once.
#pragma once

#include <QByteArrayView>
#include <QString>
#include <functional>
#include <vector>

namespace bg::core::detail {

// Where a leaf sits: one step per container around it.
struct LeafStep {
    bool inArray = false;
    int index = 0; // in an array
    QByteArrayView key; // in an object: the member's name as written (escapes not undone)
};

struct JsonLeaf {
    const std::vector<LeafStep> &path;
    QByteArrayView raw; // the string's bytes between its quotes, escapes not undone
    bool escaped = false; // raw holds a backslash: compare it decoded, or not at all
};

// Calls `leaf` for every string inside `json` (an object, an array or a lone string), in order.
// Iterative: no recursion, no depth limit. The bytes were checked by the loader; anything
// malformed ends the walk early, never reads past the end. `leaf` returns false to stop.
void forEachStringLeaf(QByteArrayView json, const std::function<bool(const JsonLeaf &)> &leaf);

// The path in the words reports use: network_configuration[0].subnets[1], tags["Name tag"].
QString leafPath(const std::vector<LeafStep> &path);

// The top-level member `key` of an object, if it is a string without escapes.
QByteArrayView topLevelString(QByteArrayView object, QByteArrayView key);

} // namespace bg::core::detail
