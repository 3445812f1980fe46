// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// dot lays the parts of a graph that nothing joins one under another (left to right ranks):
// hundreds of folded modules with no edge between them become one column, thousands of points
// tall, and a picture fitted to the window shows labels too small to read. Graphviz can pack
// the parts itself (pack, packmode), but Debian 12's 2.42 crashes doing so with clusters (tried,
// packmode=array: five test programs segfaulted and two more failed), and its polyomino packing
// (packmode=graph) took the 50,000-resource plan's first screen from 0.04 s to 0.60 s. So the
// parts are moved here, after the layout, into columns of about the window's shape; each part
// keeps dot's drawing.
#include "core/layout/layoutblocks_p.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bg::core::detail {

namespace {

struct Part {
    QRectF box; // everything drawn for it: nodes, edges, clusters
    QPointF shift;
};

int root(std::vector<int> &parent, int i)
{
    while (parent[size_t(i)] != i) {
        parent[size_t(i)] = parent[size_t(parent[size_t(i)])];
        i = parent[size_t(i)];
    }
    return i;
}

void unite(std::vector<int> &parent, int a, int b)
{
    a = root(parent, a);
    b = root(parent, b);
    if (a != b)
        parent[size_t(std::max(a, b))] = std::min(a, b);
}

} // namespace

bool packComponents(
    const LayoutRequest &request, const std::vector<int> &clusterParent, LayoutResult &result)
{
    const int n = int(result.nodes.size());
    const int clusterCount = int(result.clusters.size());
    if (n < 2 || n != int(request.nodes.size()) || clusterCount != int(clusterParent.size())
        || result.bounds.height() <= TallRatio * result.bounds.width())
        return false;
    // Parts: nodes joined by an edge or by an outermost cluster around both.
    std::vector<int> parent(static_cast<size_t>(n));
    std::iota(parent.begin(), parent.end(), 0);
    std::vector<int> clusterNode(size_t(clusterCount), -1); // a node inside each cluster
    for (int i = 0; i < n; ++i) {
        int c = request.nodes[size_t(i)].cluster;
        for (int steps = 0; c >= 0 && c < clusterCount && steps <= clusterCount; ++steps) {
            if (clusterNode[size_t(c)] >= 0)
                unite(parent, i, clusterNode[size_t(c)]);
            else
                clusterNode[size_t(c)] = i;
            c = clusterParent[size_t(c)];
        }
    }
    for (const LaidOutEdge &e : result.edges) {
        if (e.from >= 0 && e.from < n && e.to >= 0 && e.to < n)
            unite(parent, e.from, e.to);
    }
    // A cluster drawn with no node inside it belongs to no part: leave the picture as it is.
    for (int c = 0; c < clusterCount; ++c) {
        if (clusterNode[size_t(c)] < 0 && !result.clusters[size_t(c)].rect.isNull())
            return false;
    }
    std::vector<int> partOf(size_t(n), -1);
    std::vector<Part> parts;
    for (int i = 0; i < n; ++i) {
        const int r = root(parent, i);
        if (partOf[size_t(r)] < 0) {
            partOf[size_t(r)] = int(parts.size());
            parts.push_back({result.nodes[size_t(r)], {}});
        }
        partOf[size_t(i)] = partOf[size_t(r)];
        parts[size_t(partOf[size_t(i)])].box |= result.nodes[size_t(i)];
    }
    if (parts.size() < 2)
        return false;
    for (const LaidOutEdge &e : result.edges) {
        if (e.from < 0 || e.from >= n)
            continue;
        QRectF &box = parts[size_t(partOf[size_t(e.from)])].box;
        for (const QPointF &p : e.points)
            box |= QRectF(p, QSizeF(0.01, 0.01));
        if (e.hasArrow)
            box |= QRectF(e.arrowTip, QSizeF(0.01, 0.01));
    }
    for (int c = 0; c < clusterCount; ++c) {
        if (clusterNode[size_t(c)] >= 0 && !result.clusters[size_t(c)].rect.isNull())
            parts[size_t(partOf[size_t(clusterNode[size_t(c)])])].box
                |= result.clusters[size_t(c)].rect;
    }
    // Columns in dot's order (top to bottom), each about as tall as a picture WideRatio times
    // as wide as it is tall would be, and never less than the tallest part.
    std::vector<int> order(parts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [&](int a, int b) { return parts[size_t(a)].box.top() < parts[size_t(b)].box.top(); });
    double area = 0, tallest = 0, left = parts[0].box.left(), top = parts[0].box.top();
    for (const Part &p : parts) {
        area += (p.box.width() + ColumnGap) * (p.box.height() + RowGap);
        tallest = std::max(tallest, p.box.height());
        left = std::min(left, p.box.left());
        top = std::min(top, p.box.top());
    }
    const double columnHeight = std::max(tallest, std::sqrt(area / WideRatio));
    double x = left, y = top, columnWidth = 0, right = 0, bottom = 0;
    for (int k : order) {
        Part &p = parts[size_t(k)];
        if (y > top && y + p.box.height() > top + columnHeight) {
            x += columnWidth + ColumnGap;
            y = top;
            columnWidth = 0;
        }
        p.shift = QPointF(x, y) - p.box.topLeft();
        columnWidth = std::max(columnWidth, p.box.width());
        right = std::max(right, x + p.box.width());
        bottom = std::max(bottom, y + p.box.height());
        y += p.box.height() + RowGap;
    }
    for (int i = 0; i < n; ++i)
        result.nodes[size_t(i)].translate(parts[size_t(partOf[size_t(i)])].shift);
    for (LaidOutEdge &e : result.edges) {
        if (e.from < 0 || e.from >= n)
            continue;
        const QPointF shift = parts[size_t(partOf[size_t(e.from)])].shift;
        for (QPointF &p : e.points)
            p += shift;
        e.arrowTip += shift;
    }
    for (int c = 0; c < clusterCount; ++c) {
        if (clusterNode[size_t(c)] >= 0 && !result.clusters[size_t(c)].rect.isNull())
            result.clusters[size_t(c)].rect.translate(
                parts[size_t(partOf[size_t(clusterNode[size_t(c)])])].shift);
    }
    // The same margins as dot's bounds had around the drawing.
    result.bounds = QRectF(0, 0, right + left, bottom + top);
    return true;
}

} // namespace bg::core::detail
