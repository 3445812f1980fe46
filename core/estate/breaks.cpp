// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/estate/breaks.h"

#include "core/risk/masking.h"

#include <algorithm>
#include <map>

namespace bg::core {

namespace {

bool reallyDestroyed(const Analysis &a, int node)
{
    if (!a.impact.destroys(node))
        return false;
    const NodeOutcome &o = a.outcomes[size_t(node)];
    return !(o.outcome == Outcome::Refused && o.certain) && o.outcome != Outcome::NotReached;
}

} // namespace

QString shortValue(const QString &value)
{
    return value.size() <= 24 ? value : value.left(20) + QStringLiteral("…");
}

QString breakWords(const StackBreak &b)
{
    QString words = QStringLiteral("%1 uses %2 (%3) of %4")
                        .arg(b.address, shortValue(b.value), b.via, b.dependsOn);
    if (!b.dataSource.isEmpty())
        words += QStringLiteral(", read through %1 (output %2)").arg(b.dataSource, b.output);
    if (b.reason == QLatin1String("shared_identity"))
        words += QStringLiteral(" (an id that several stacks hold)");
    return words;
}

QStringList breakLines(const EstateView &view, int perStack)
{
    std::map<QString, std::vector<const StackBreak *>> byStack;
    for (const StackBreak &b : view.breaks)
        byStack[b.stack].push_back(&b);
    QStringList lines;
    for (const auto &[stack, breaks] : byStack) {
        QStringList addresses;
        QStringList words;
        for (const StackBreak *b : breaks) {
            if (!addresses.contains(b->address))
                addresses.append(b->address);
            if (words.size() < perStack)
                words.append(breakWords(*b));
        }
        QString line = QStringLiteral("breaks %1 %2 in stack %3: %4")
                           .arg(addresses.size())
                           .arg(addresses.size() == 1 ? QStringLiteral("resource")
                                                      : QStringLiteral("resources"),
                               stack, words.join(QStringLiteral("; ")));
        if (qsizetype(breaks.size()) > perStack)
            line += QStringLiteral("; and %1 more").arg(qsizetype(breaks.size()) - perStack);
        lines.append(line);
    }
    return lines;
}

void applyEstate(Analysis &a, const Estate &estate, int stack, const QString &recognisedBy)
{
    auto view = std::make_shared<EstateView>();
    view->stack = estate.stacks[size_t(stack)].name;
    view->recognisedBy = recognisedBy;
    view->stackCount = int(estate.stacks.size());
    view->roots = estate.roots;
    view->skipped = estate.skipped;
    view->notes = estate.notes;
    const int nodes = int(a.document().resources.size());
    std::vector<const StackLink *> all;
    for (const auto *list : {&estate.links, &estate.sharedLinks})
        for (const StackLink &link : *list)
            all.push_back(&link);
    for (const StackLink *l : all) {
        const StackLink &link = *l;
        const bool shared = link.reason == LinkReason::SharedIdentity;
        if (link.stack == stack && !shared)
            ++view->linksOut;
        if (link.dependsOnStack != stack)
            continue;
        view->linksIn += !shared;
        if (link.dependsOnNode < 0 || link.dependsOnNode >= nodes
            || !reallyDestroyed(a, link.dependsOnNode))
            continue;
        const Stack &other = estate.stacks[size_t(link.stack)];
        StackBreak b;
        b.node = link.dependsOnNode;
        b.stack = other.name;
        b.address = other.node(link.node).id;
        b.via = link.via;
        b.value = shownValue(link.value); // an identifier of megabytes is cut for every output
        b.dependsOnStack = view->stack;
        b.dependsOn = a.document().resources[size_t(link.dependsOnNode)].id;
        b.reason = linkReasonName(link.reason);
        b.dataSource = link.dataSource;
        b.output = link.output;
        view->breaks.push_back(std::move(b));
    }
    std::stable_sort(
        view->breaks.begin(), view->breaks.end(), [](const StackBreak &x, const StackBreak &y) {
            return std::tie(x.node, x.stack, x.address) < std::tie(y.node, y.stack, y.address);
        });

    // One critical finding per destroyed node that breaks something elsewhere.
    for (size_t i = 0; i < view->breaks.size();) {
        size_t j = i;
        while (j < view->breaks.size() && view->breaks[j].node == view->breaks[i].node)
            ++j;
        EstateView one;
        one.breaks.assign(view->breaks.begin() + qsizetype(i), view->breaks.begin() + qsizetype(j));
        const int node = view->breaks[i].node;
        const QString &address = a.document().resources[size_t(node)].id;
        const QString verb = a.mode == AnalysisMode::WhatIf     ? QStringLiteral("Destroying")
            : a.impact.actions[size_t(node)] == Action::Replace ? QStringLiteral("Replacing")
                                                                : QStringLiteral("Deleting");
        a.findings.push_back({Severity::Critical, node, QLatin1String(CrossStackBreakCode), address,
            QStringLiteral("%1 %2 %3 (stacks are applied apart: nothing in this plan updates "
                           "them).")
                .arg(verb, address, breakLines(one, 3).join(QStringLiteral("; it "))),
            QString()});
        i = j;
    }
    std::stable_sort(a.findings.begin(), a.findings.end(), [](const Finding &x, const Finding &y) {
        if (x.severity != y.severity)
            return x.severity > y.severity;
        return x.node < y.node;
    });
    a.estate = std::move(view);
}

} // namespace bg::core
