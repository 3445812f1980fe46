// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/layout/layoutblocks_p.h"

#include <QLineF>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace bg::core::detail {

namespace {

constexpr int MaxRowsPerColumn = 12; // a longer column of a block wraps into the next one
constexpr double ArrowLength = 10; // as Graphviz draws it

// Where the ray from the centre of `box` towards `towards` leaves the box.
QPointF leaveBox(const QRectF &box, const QPointF &towards)
{
    const QPointF c = box.center(), d = towards - c;
    const double tx = d.x() != 0 ? box.width() / 2 / std::abs(d.x()) : 1e300;
    const double ty = d.y() != 0 ? box.height() / 2 / std::abs(d.y()) : 1e300;
    const double t = std::min({tx, ty, 1.0});
    return c + d * t;
}

} // namespace

QSizeF boxSize(const LayoutNode &node)
{
    return node.size.isEmpty() ? QSizeF(54, 36) : node.size;
}

std::vector<int> outermostCluster(const LayoutRequest &request)
{
    const int clusterCount = int(request.clusters.size());
    std::vector<int> outer;
    for (const LayoutNode &node : request.nodes) {
        int c = node.cluster >= 0 && node.cluster < clusterCount ? node.cluster : -1;
        for (int steps = 0; c >= 0 && steps < clusterCount; ++steps) {
            const int p = request.clusters[size_t(c)].parent;
            if (p < 0 || p >= clusterCount || p == c)
                break;
            c = p;
        }
        outer.push_back(c);
    }
    return outer;
}

void arrange(Block &block, const LayoutRequest &request, const std::vector<int> &local,
    const std::vector<std::vector<int>> &out, double padding)
{
    const size_t n = block.members.size();
    std::vector<int> column(n, 0), indegree(n, 0);
    std::vector<std::vector<int>> in(n);
    for (size_t i = 0; i < n; ++i) {
        for (int to : out[size_t(block.members[i])]) {
            if (local[size_t(to)] >= 0) {
                ++indegree[size_t(local[size_t(to)])];
                in[size_t(local[size_t(to)])].push_back(int(i));
            }
        }
    }
    std::vector<int> queue; // Kahn's order; nodes on a cycle keep column 0
    for (size_t i = 0; i < n; ++i)
        if (indegree[i] == 0)
            queue.push_back(int(i));
    for (size_t q = 0; q < queue.size(); ++q) {
        const int i = queue[q];
        for (int to : out[size_t(block.members[size_t(i)])]) {
            const int t = local[size_t(to)];
            if (t < 0)
                continue;
            column[size_t(t)] = std::max(column[size_t(t)], column[size_t(i)] + 1);
            if (--indegree[size_t(t)] == 0)
                queue.push_back(t);
        }
    }
    const int columns = n ? *std::max_element(column.begin(), column.end()) + 1 : 0;
    std::vector<std::vector<int>> byColumn(static_cast<size_t>(columns));
    for (size_t i = 0; i < n; ++i)
        byColumn[size_t(column[i])].push_back(int(i));
    std::vector<double> row(n, 0);
    block.offsets.assign(n, QPointF());
    double x = padding, height = 0;
    for (std::vector<int> &members : byColumn) {
        std::vector<double> key(members.size());
        for (size_t k = 0; k < members.size(); ++k) {
            const auto &preds = in[size_t(members[k])];
            double sum = 0;
            for (int p : preds)
                sum += row[size_t(p)];
            key[k] = preds.empty() ? double(k) : sum / double(preds.size());
        }
        std::vector<size_t> order(members.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(
            order.begin(), order.end(), [&](size_t a, size_t b) { return key[a] < key[b]; });
        for (size_t start = 0; start < order.size(); start += MaxRowsPerColumn) {
            double y = padding, width = 0;
            for (size_t k = start; k < std::min(order.size(), start + MaxRowsPerColumn); ++k) {
                const int i = members[order[k]];
                const QSizeF size = boxSize(request.nodes[size_t(block.members[size_t(i)])]);
                row[size_t(i)] = double(k);
                block.offsets[size_t(i)] = QPointF(x, y);
                y += size.height() + RowGap;
                width = std::max(width, size.width());
            }
            height = std::max(height, y - RowGap);
            x += width + ColumnGap;
        }
    }
    block.size = QSizeF(x - ColumnGap + padding, height + padding);
}

LaidOutEdge straightEdge(const LayoutEdge &edge, const QRectF &from, const QRectF &to)
{
    LaidOutEdge out {edge.from, edge.to, {}, true, leaveBox(to, from.center())};
    const QPointF start = leaveBox(from, to.center());
    const QLineF line(start, out.arrowTip);
    const QPointF base
        = line.length() > ArrowLength ? line.pointAt(1 - ArrowLength / line.length()) : start;
    const QPointF step = (base - start) / 3;
    out.points = {start, start + step, start + 2 * step, base};
    return out;
}

} // namespace bg::core::detail
