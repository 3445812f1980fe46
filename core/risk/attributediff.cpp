// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The attribute diff of one resource: flattening both sides, pairing their paths, and deciding
// what masking and "known after apply" cover. Every value shown went through maskedValues.
#include "core/risk/attributediff.h"

#include "core/risk/analysis.h"
#include "core/risk/masking.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <optional>

namespace bg::core {

namespace {

using Flat = std::vector<std::pair<QString, QString>>;

// flattenAttributes prints an absent or null object as one row with an empty path.
Flat flattenSide(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() ? Flat() : flattenAttributes(value);
}

// One step of a flattened path: a list index ("[3]") or an object key.
struct PathStep {
    bool isIndex = false;
    qint64 index = 0;
    QStringView key;
};

PathStep nextStep(QStringView path, qsizetype &pos)
{
    if (pos < path.size() && path[pos] == u'.')
        ++pos;
    const qsizetype start = pos;
    if (pos + 1 < path.size() && path[pos] == u'[' && path[pos + 1].isDigit()) {
        while (pos < path.size() && path[pos] != u']')
            ++pos;
        ++pos;
        return {true, path.mid(start + 1, pos - start - 2).toLongLong(), {}};
    }
    while (pos < path.size() && path[pos] != u'.'
        && !(path[pos] == u'[' && pos + 1 < path.size() && path[pos + 1].isDigit()))
        ++pos;
    return {false, 0, path.mid(start, pos - start)};
}

// Orders paths as flatten emits them: depth first, keys sorted, list items by index.
int comparePaths(QStringView a, QStringView b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const PathStep s = nextStep(a, i), t = nextStep(b, j);
        if (s.isIndex != t.isIndex)
            return s.isIndex ? -1 : 1;
        if (s.isIndex && s.index != t.index)
            return s.index < t.index ? -1 : 1;
        if (const int c = s.key.compare(t.key); !s.isIndex && c != 0)
            return c;
    }
    return int(i < a.size()) - int(j < b.size());
}

// Pairs the rows of two flattened values by path, in flatten's order. Equal paths are always
// paired, even where a key holding a dot makes the order ambiguous.
std::vector<std::pair<int, int>> mergeOrdered(const Flat &a, const Flat &b)
{
    QHash<QStringView, int> inA, inB;
    for (int i = 0; i < int(a.size()); ++i)
        inA.insert(a[i].first, i);
    for (int j = 0; j < int(b.size()); ++j)
        inB.insert(b[j].first, j);
    std::vector<bool> usedA(a.size(), false), usedB(b.size(), false);
    std::vector<std::pair<int, int>> out;
    out.reserve(std::max(a.size(), b.size()));
    const int na = int(a.size()), nb = int(b.size());
    for (int i = 0, j = 0; i < na || j < nb;) {
        if (i < na && usedA[i]) {
            ++i;
        } else if (j < nb && usedB[j]) {
            ++j;
        } else if (j >= nb || (i < na && comparePaths(a[i].first, b[j].first) <= 0)) {
            const int k = inB.value(a[i].first, -1);
            if (k >= 0)
                usedB[k] = true;
            out.emplace_back(i++, k);
        } else {
            const int k = inA.value(b[j].first, -1);
            if (k >= 0)
                usedA[k] = true;
            out.emplace_back(k, j++);
        }
    }
    return out;
}

QSet<QString> pathsWithValue(const Flat &flat, const QString &value)
{
    QSet<QString> paths;
    for (const auto &[path, v] : flat) {
        if (v == value)
            paths.insert(path);
    }
    return paths;
}

// The nearest of `paths` that is `path` or encloses it ("a.b" and "a" enclose "a.b[0]"), or
// null. A whole value that is unknown or masked stands for everything under it.
const QString *enclosing(const QString &path, const QSet<QString> &paths)
{
    for (qsizetype k = path.size(); k >= 0 && !paths.isEmpty(); --k) {
        if (k == path.size() || k == 0 || path[k] == u'.' || path[k] == u'[') {
            if (auto it = paths.constFind(path.left(k)); it != paths.constEnd())
                return &*it;
        }
    }
    return nullptr;
}

// "a.b[0].c" -> {"a","b","0","c"}, for valueAt. Keys holding dots cannot be told apart; the
// caller treats a failed lookup as "may have changed".
QStringList pathSteps(QStringView path)
{
    QStringList steps;
    for (qsizetype pos = 0; pos < path.size();) {
        const PathStep step = nextStep(path, pos);
        steps.append(step.isIndex ? QString::number(step.index) : step.key.toString());
    }
    return steps;
}

// replace_paths as Resource prints them (attr.sub[0]["k"]) in flatten's notation (attr.sub[0].k).
QString flattenNotation(QString path)
{
    static const QRegularExpression key(QStringLiteral("\\[\"((?:[^\"\\\\]|\\\\.)*)\"\\]"));
    return path.replace(key, QStringLiteral(".\\1"));
}

} // namespace

QString diffKindName(DiffKind kind)
{
    switch (kind) {
    case DiffKind::Unchanged:
        return QStringLiteral("unchanged");
    case DiffKind::Changed:
        return QStringLiteral("changed");
    case DiffKind::Added:
        return QStringLiteral("added");
    case DiffKind::Removed:
        return QStringLiteral("removed");
    case DiffKind::UnknownAfterApply:
        return QStringLiteral("unknown");
    }
    return {};
}

DiffKind printedKind(const DiffRow &row)
{
    if (row.kind != DiffKind::UnknownAfterApply)
        return row.kind;
    return row.before.isEmpty() ? DiffKind::Added : DiffKind::Changed;
}

QDebug operator<<(QDebug debug, const DiffRow &row)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "DiffRow(" << row.path << ", " << row.before << " -> " << row.after << ", "
                    << diffKindName(row.kind) << (row.beforeMasked ? ", before masked" : "")
                    << (row.afterMasked ? ", after masked" : "")
                    << (row.forcesReplacement ? ", forces replacement" : "") << ')';
    return debug;
}

std::vector<DiffRow> attributeDiff(
    const Document &doc, const Resource &r, const RuleSet &rules, AfterSide side)
{
    const Flat before = flattenSide(maskedValues(doc, r, Side::Before, rules));
    Flat after;
    if (side == AfterSide::Planned)
        after = flattenSide(maskedValues(doc, r, Side::After, rules));
    else if (side == AfterSide::Kept)
        after = before;

    // after_unknown: a tree shaped like `after` whose true leaves are known only after apply.
    const QString knownAfterApply = QString::fromLatin1(KnownAfterApplyText);
    Flat unknownFlat;
    if (side == AfterSide::Planned) {
        for (auto &[path, value] : flattenSide(decodeSlot(doc, r.afterUnknown))) {
            if (value == QLatin1String("true"))
                unknownFlat.emplace_back(std::move(path), knownAfterApply);
        }
    }
    Flat afterAll;
    for (auto [i, j] : mergeOrdered(after, unknownFlat))
        afterAll.push_back(j >= 0 ? unknownFlat[j] : after[i]);

    QSet<QString> replacePaths;
    for (const QString &p : r.replacePaths())
        replacePaths.insert(flattenNotation(p));

    // A row missing on one side may sit under a whole value the other side masks or leaves
    // unknown: it is paired with that value, and the covering row is then dropped.
    const QString sensitive = QString::fromLatin1(SensitiveText);
    const QSet<QString> unknown = pathsWithValue(unknownFlat, knownAfterApply);
    const QSet<QString> maskedBefore = pathsWithValue(before, sensitive);
    const QSet<QString> maskedAfter = pathsWithValue(after, sensitive);
    QSet<QString> coveredBefore, coveredAfter;
    // Raw values are decoded only to tell whether a secret changed; they never leave here.
    std::optional<std::pair<QJsonValue, QJsonValue>> raw;

    std::vector<DiffRow> rows;
    const auto pairs = mergeOrdered(before, afterAll);
    rows.reserve(pairs.size());
    for (auto [i, j] : pairs) {
        DiffRow row;
        row.path = i >= 0 ? before[i].first : afterAll[j].first;
        row.before = i >= 0 ? before[i].second : QString();
        row.after = j >= 0 ? afterAll[j].second : QString();
        if (row.before.isEmpty()) {
            if (const QString *p = enclosing(row.path, maskedBefore)) {
                row.before = sensitive;
                coveredBefore.insert(*p);
            }
        }
        if (row.after.isEmpty()) {
            if (const QString *p = enclosing(row.path, unknown)) {
                row.after = knownAfterApply;
                coveredAfter.insert(*p);
            } else if (const QString *p = enclosing(row.path, maskedAfter)) {
                row.after = sensitive;
                coveredAfter.insert(*p);
            }
        }
        if (row.after == knownAfterApply) {
            row.kind = DiffKind::UnknownAfterApply;
        } else if (row.before.isEmpty()) {
            row.kind = DiffKind::Added;
        } else if (row.after.isEmpty()) {
            row.kind = DiffKind::Removed;
        } else if (row.before != row.after) {
            row.kind = DiffKind::Changed;
        } else if (row.before.contains(sensitive) && side == AfterSide::Planned) {
            // Masked whole or inside (a JSON-encoded string): the real values tell a change.
            if (!raw)
                raw.emplace(decodeSlot(doc, r.before), decodeSlot(doc, r.after));
            const QStringList steps = pathSteps(row.path);
            const QJsonValue b = valueAt(raw->first, steps), c = valueAt(raw->second, steps);
            row.kind = b.isUndefined() || b != c ? DiffKind::Changed : DiffKind::Unchanged;
        }
        row.beforeMasked = row.before == sensitive;
        row.afterMasked = row.after == sensitive;
        row.forcesReplacement = replacePaths.contains(row.path);
        rows.push_back(std::move(row));
    }
    std::erase_if(rows, [&](const DiffRow &row) {
        return (row.before.isEmpty() && coveredAfter.contains(row.path))
            || (row.after.isEmpty() && coveredBefore.contains(row.path));
    });
    return rows;
}

std::vector<DiffRow> attributeDiff(const Analysis &a, int node, const RuleSet &rules)
{
    const Resource &r = a.document().resources[size_t(node)];
    // A what-if destroys the object as it is now; a state holds one side only.
    AfterSide side = AfterSide::Planned;
    if (a.mode == AnalysisMode::WhatIf || !r.after.isPresent())
        side = a.impact.destroys(node) ? AfterSide::Gone : AfterSide::Kept;
    return attributeDiff(a.document(), r, rules, side);
}

} // namespace bg::core
