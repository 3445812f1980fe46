// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/layout/layout.h"
#include "core/risk/analysis.h"

#include <QSet>
#include <functional>

namespace bg::core {

// What the picture shows. Graphviz's dot is superlinear, so a view never hands it an
// unbounded graph: large plans open on the blast radius, modules collapse into one node each
// (expandable), and what still does not fit is cut, with a note that says so.
struct ViewOptions {
    bool radiusOnly = false; // only what is destroyed, replaced or critical
    bool collapseModules = false; // every module not in expandedModules becomes one node
    QSet<QString> expandedModules; // module instance addresses shown open
    // At most this many drawn nodes; EveryNode draws every resource (opt-in: sfdp, seconds).
    static constexpr int EveryNode = 1 << 30;
    int maxNodes = 500;
    int focus = -1; // analysis node: show only its radius and what pulls it in
    // The estate (an analysis with one): this stack is one cluster, and each other stack it
    // breaks another, with at most this many of its resources drawn (the rest fold into one).
    int maxPerStack = 12;
    int maxStacks = 8; // other stacks drawn; the rest fold into one node
};

struct ViewGraph {
    LayoutRequest request;
    std::vector<int> layoutNodeOf; // per analysis node: its layout node, or -1 when hidden
    std::vector<std::vector<int>> members; // per layout node: the analysis nodes it stands for
    std::vector<QString> collapsedModule; // per layout node: the module it stands for, or empty
    // Per layout node: the estate's breaks it stands for (indexes into the analysis's
    // estate->breaks), empty for this analysis's own nodes. A node of another stack has no
    // members: it is one of that stack's resources, or several folded ("12 more resources").
    std::vector<std::vector<int>> breaks;
    bool isOtherStack(int layoutNode) const
    {
        return layoutNode >= 0 && size_t(layoutNode) < breaks.size()
            && !breaks[size_t(layoutNode)].empty();
    }
    QStringList notes; // what was left out or folded, in words
};

// A node whose data is lost is drawn this much larger, its text too: on a first screen fitted
// to the whole blast radius, the data stores are what must stay legible.
constexpr double CriticalScale = 1.8;

// Size of a label in points; the GUI measures with its fonts, the CLI estimates.
using MeasureLabel = std::function<QSizeF(const QString &label)>;
QSizeF estimateLabelSize(const QString &label);

ViewGraph buildViewGraph(const Analysis &analysis, const ViewOptions &options,
    const MeasureLabel &measure = estimateLabelSize);

// The text on a node: its address, then the action and, for data stores, what it is.
QString nodeLabel(const Analysis &analysis, int node);

} // namespace bg::core
