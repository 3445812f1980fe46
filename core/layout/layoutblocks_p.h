// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The geometry of the two-level layout of large graphs (layout.cpp's layoutInBlocks), without
// Graphviz: blocks arranged as dot would rank them, and straight edges between boxes.
#pragma once

#include "core/layout/layout.h"

namespace bg::core::detail {

constexpr double ColumnGap = 40, RowGap = 14; // points between boxes set side by side

// Graphviz's own box for a node: the requested size, or its default.
QSizeF boxSize(const LayoutNode &node);

// The outermost cluster of each node, or -1; a cyclic chain of parents ends where it repeats.
std::vector<int> outermostCluster(const LayoutRequest &request);

// A block: some nodes arranged as dot would rank them left to right (a node left of what it
// depends on), without dot's crossing reduction: columns by longest path, each ordered by the
// mean row of its nodes' predecessors, a long column wrapped. offsets: top-left per member.
struct Block {
    std::vector<int> members;
    std::vector<QPointF> offsets;
    QSizeF size;
};

// Arranges `block.members` (request nodes); local[node] is its index in the block or -1, and
// out[node] what it depends on.
void arrange(Block &block, const LayoutRequest &request, const std::vector<int> &local,
    const std::vector<std::vector<int>> &out, double padding);

// A straight edge between two spread-out boxes, as Graphviz would give it: a cubic from the
// outline of `from` to the base of the arrow, and the tip on the outline of `to`.
LaidOutEdge straightEdge(const LayoutEdge &edge, const QRectF &from, const QRectF &to);

// A dot layout more than TallRatio times as tall as it is wide, of parts nothing joins (no edge,
// no cluster around them both), rearranged (layoutpack.cpp): the parts, each drawn as dot drew
// it, in columns in dot's order, making a picture about WideRatio times as wide as it is tall.
// clusterParent: each cluster's parent as the graph was built (-1 for a top-level one). True
// when it moved anything.
constexpr double TallRatio = 2.0;
constexpr double WideRatio = 2.0;
bool packComponents(
    const LayoutRequest &request, const std::vector<int> &clusterParent, LayoutResult &result);

} // namespace bg::core::detail
