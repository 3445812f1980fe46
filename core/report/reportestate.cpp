// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate in a report: which stack this is, and what its destroys break in the others.
#include "core/estate/breaks.h"
#include "core/report/reportfacts.h"

#include <QJsonArray>

namespace bg::core::detail {

namespace {
constexpr qsizetype MaxSkippedListed = 10;
}

QStringList estateLines(const Analysis &a)
{
    if (!a.estate)
        return {};
    const EstateView &e = *a.estate;
    QStringList lines;
    lines.append(QStringLiteral("This is stack %1 (%2) of an estate of %3 stacks in %4; %5 "
                                "link%6 from other stacks to it.")
                     .arg(e.stack, e.recognisedBy)
                     .arg(e.stackCount)
                     .arg(e.roots.join(QStringLiteral(", ")))
                     .arg(e.linksIn)
                     .arg(e.linksIn == 1 ? QString() : QStringLiteral("s")));
    if (e.breaks.empty())
        lines.append(QStringLiteral("What it destroys breaks nothing in the other stacks."));
    for (const QString &line : breakLines(e, 8))
        lines.append(QStringLiteral("It ") + line);
    for (qsizetype i = 0; i < e.skipped.size() && i < MaxSkippedListed; ++i)
        lines.append(QStringLiteral("Skipped: ") + e.skipped[i]);
    if (e.skipped.size() > MaxSkippedListed)
        lines.append(
            QStringLiteral("Skipped: %1 more files").arg(e.skipped.size() - MaxSkippedListed));
    return lines;
}

void addEstateJson(const Analysis &a, QJsonObject *root)
{
    if (!a.estate)
        return;
    const EstateView &e = *a.estate;
    QJsonArray breaks;
    for (const StackBreak &b : e.breaks) {
        QJsonObject o {{QStringLiteral("stack"), b.stack}, {QStringLiteral("address"), b.address},
            {QStringLiteral("via"), b.via}, {QStringLiteral("value"), b.value},
            {QStringLiteral("depends_on_stack"), b.dependsOnStack},
            {QStringLiteral("depends_on"), b.dependsOn}, {QStringLiteral("reason"), b.reason}};
        if (!b.dataSource.isEmpty()) {
            o.insert(QStringLiteral("data_source"), b.dataSource);
            o.insert(QStringLiteral("output"), b.output);
        }
        breaks.append(o);
    }
    QJsonArray hit;
    for (const auto &[stack, count] : e.stacksHit())
        hit.append(
            QJsonObject {{QStringLiteral("stack"), stack}, {QStringLiteral("resources"), count}});
    root->insert(QStringLiteral("breaks"), breaks);
    root->insert(QStringLiteral("estate"),
        QJsonObject {{QStringLiteral("stack"), e.stack},
            {QStringLiteral("recognised_by"), e.recognisedBy},
            {QStringLiteral("stacks"), e.stackCount},
            {QStringLiteral("roots"), QJsonArray::fromStringList(e.roots)},
            {QStringLiteral("links_in"), e.linksIn}, {QStringLiteral("links_out"), e.linksOut},
            {QStringLiteral("stacks_hit"), hit},
            {QStringLiteral("skipped"), QJsonArray::fromStringList(e.skipped)},
            {QStringLiteral("notes"), QJsonArray::fromStringList(e.notes)}});
}

} // namespace bg::core::detail
