// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/layout/viewestate_p.h"
#include "core/layout/visualstyle.h"

#include <QHash>
#include <algorithm>
#include <set>

namespace bg::core::detail {

namespace {

struct OtherStack {
    QString name;
    QStringList addresses; // broken, in the order the breaks list them
    QHash<QString, std::vector<int>> breaksOf; // by address
};

LayoutNode otherNode(
    const QString &id, const QString &label, int cluster, const MeasureLabel &measure)
{
    LayoutNode node;
    node.id = id;
    node.label = label;
    node.cluster = cluster;
    node.fillColor = style::crossStackFill();
    node.penColor = style::crossStackStroke();
    node.penWidth = 2.0;
    node.dashed = true;
    node.size = measure(label);
    return node;
}

} // namespace

void addEstateToView(
    const Analysis &a, const ViewOptions &options, ViewGraph &view, const MeasureLabel &measure)
{
    view.breaks.resize(view.members.size());
    if (!a.estate)
        return;
    const EstateView &estate = *a.estate;

    // This stack: one cluster around everything drawn so far.
    const int own = int(view.request.clusters.size());
    for (LayoutCluster &c : view.request.clusters) {
        if (c.parent < 0)
            c.parent = own;
    }
    for (LayoutNode &n : view.request.nodes) {
        if (n.cluster < 0)
            n.cluster = own;
    }
    view.request.clusters.push_back({QStringLiteral("stack ") + estate.stack,
        QStringLiteral("stack %1 — under review").arg(estate.stack), -1, true});

    // The other stacks hit, through drawn nodes only.
    std::vector<OtherStack> stacks;
    QHash<QString, int> stackIndex;
    int hidden = 0;
    for (size_t i = 0; i < estate.breaks.size(); ++i) {
        const StackBreak &b = estate.breaks[i];
        if (b.node < 0 || size_t(b.node) >= view.layoutNodeOf.size()
            || view.layoutNodeOf[size_t(b.node)] < 0) {
            ++hidden;
            continue;
        }
        auto it = stackIndex.constFind(b.stack);
        if (it == stackIndex.constEnd()) {
            it = stackIndex.insert(b.stack, int(stacks.size()));
            stacks.push_back({b.stack, {}, {}});
        }
        OtherStack &s = stacks[size_t(*it)];
        std::vector<int> &of = s.breaksOf[b.address];
        if (of.empty())
            s.addresses.append(b.address);
        of.push_back(int(i));
    }
    if (hidden > 0)
        view.notes.append(QStringLiteral("%1 links from other stacks lead to resources not drawn "
                                         "here; the table and the report list them all.")
                              .arg(hidden));
    // The stacks with most broken first; those past the bound fold into one node.
    std::stable_sort(stacks.begin(), stacks.end(), [](const OtherStack &x, const OtherStack &y) {
        return x.addresses.size() > y.addresses.size();
    });

    std::set<std::pair<int, int>> edges;
    const auto addNode = [&](LayoutNode node, std::vector<int> breaks) {
        const int ln = int(view.request.nodes.size());
        for (int b : breaks) {
            const int to = view.layoutNodeOf[size_t(estate.breaks[size_t(b)].node)];
            if (edges.emplace(ln, to).second) {
                LayoutEdge edge;
                edge.from = ln;
                edge.to = to;
                edge.crossStack = true;
                view.request.edges.push_back(edge);
            }
        }
        view.request.nodes.push_back(std::move(node));
        view.members.emplace_back();
        view.collapsedModule.emplace_back();
        view.breaks.push_back(std::move(breaks));
    };
    const int perStack = std::max(1, options.maxPerStack);
    std::vector<int> foldedStacks;
    int foldedResources = 0;
    for (size_t si = 0; si < stacks.size(); ++si) {
        OtherStack &s = stacks[si]; // breaksOf[]: a reference, not a copy
        if (int(si) >= std::max(1, options.maxStacks)) {
            foldedResources += int(s.addresses.size());
            for (const QString &address : s.addresses)
                foldedStacks.insert(
                    foldedStacks.end(), s.breaksOf[address].begin(), s.breaksOf[address].end());
            continue;
        }
        const int cluster = int(view.request.clusters.size());
        view.request.clusters.push_back({QStringLiteral("stack ") + s.name,
            QStringLiteral("stack %1 — %2 %3 broken")
                .arg(s.name)
                .arg(s.addresses.size())
                .arg(s.addresses.size() == 1 ? QStringLiteral("resource")
                                             : QStringLiteral("resources")),
            -1, true});
        const int drawn
            = int(s.addresses.size()) <= perStack ? int(s.addresses.size()) : perStack - 1;
        for (int k = 0; k < drawn; ++k) {
            const QString &address = s.addresses[k];
            addNode(otherNode(s.name + QLatin1Char(':') + address,
                        address + QStringLiteral("\nBROKEN · stack ") + s.name, cluster, measure),
                s.breaksOf[address]);
        }
        if (drawn < int(s.addresses.size())) {
            std::vector<int> rest;
            for (int k = drawn; k < int(s.addresses.size()); ++k)
                rest.insert(rest.end(), s.breaksOf[s.addresses[k]].begin(),
                    s.breaksOf[s.addresses[k]].end());
            const int more = int(s.addresses.size()) - drawn;
            addNode(
                otherNode(s.name + QStringLiteral(":more"),
                    QStringLiteral("%1 more resources\nBROKEN · stack %2").arg(more).arg(s.name),
                    cluster, measure),
                std::move(rest));
            view.notes.append(QStringLiteral("Stack %1: %2 of its %3 broken resources are folded "
                                             "into one node.")
                                  .arg(s.name)
                                  .arg(more)
                                  .arg(s.addresses.size()));
        }
    }
    if (!foldedStacks.empty()) {
        const int count = int(stacks.size()) - std::max(1, options.maxStacks);
        addNode(otherNode(QStringLiteral("stacks:more"),
                    QStringLiteral("%1 more stacks\n%2 resources BROKEN")
                        .arg(count)
                        .arg(foldedResources),
                    -1, measure),
            std::move(foldedStacks));
        view.notes.append(
            QStringLiteral("%1 more stacks broken are folded into one node.").arg(count));
    }
}

} // namespace bg::core::detail
