// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <atomic>
#include <vector>

namespace bg::core {

// How a node is drawn. Data stores get shapes of their own, so the picture reads without
// colour: a cylinder for a database, a folder for a snapshot, a box3d for storage.
enum class NodeShape : quint8 { Box, Database, Snapshot, Storage, Key, Data, Module };

struct LayoutNode {
    QString id;
    QString label; // for Graphviz's own renderer (SVG/DOT); the GUI draws its own text
    QSizeF size; // points, measured by the caller (the GUI with QFontMetricsF)
    NodeShape shape = NodeShape::Box;
    int cluster = -1; // index into LayoutRequest::clusters, or -1
    QString fillColor; // "#rrggbb", for Graphviz's renderer
    QString penColor;
    double penWidth = 1.0;
    bool dashed = false;
    QString category; // the rules' category ("database", "network", ...): the GUI's icon
};

struct LayoutEdge {
    int from = -1; // depends on
    int to = -1;
    bool highlighted = false;
    bool crossStack = false; // a resource of another stack uses this one (the estate)
};

struct LayoutCluster {
    QString id;
    QString label;
    int parent = -1; // index of the enclosing cluster, or -1
    bool stack = false; // a whole stack of the estate: drawn larger than a module
};

// A graph to lay out: plain values, so it crosses threads and never exposes Graphviz.
struct LayoutRequest {
    std::vector<LayoutNode> nodes;
    std::vector<LayoutEdge> edges;
    std::vector<LayoutCluster> clusters;
    QString engine; // "dot", "sfdp", ...; empty: chosen by size (dot only while small)
    QString rankdir = QStringLiteral("LR");
};

struct LaidOutEdge {
    int from = -1;
    int to = -1;
    std::vector<QPointF> points; // cubic bezier: 3k+1 points, scene coordinates
    bool hasArrow = false;
    QPointF arrowTip; // where the arrow head points, scene coordinates
};

struct LaidOutCluster {
    int index = -1;
    QRectF rect; // scene coordinates
};

// The layout in scene coordinates: y grows downwards, (0,0) is the top-left of the bounds.
struct LayoutResult {
    QRectF bounds;
    std::vector<QRectF> nodes; // per request node
    std::vector<LaidOutEdge> edges;
    std::vector<LaidOutCluster> clusters;
    QString engine;
    double seconds = 0;
    QString error; // empty on success
    bool cancelled = false;
};

// Graphviz's y axis points up: a point in graph coordinates -> scene coordinates.
QPointF graphvizToScene(const QPointF &point, const QRectF &graphBounds);

// The engine chosen for a graph of this size when the request names none.
QString chooseEngine(int nodes, int edges);

// Lays the graph out with Graphviz (cgraph/gvc). Safe to call from any thread: every
// Graphviz call is serialised under one mutex and one GVC_t serves the whole process.
// When *cancel becomes true the call returns as soon as Graphviz lets it, marked cancelled.
LayoutResult layoutGraph(const LayoutRequest &request, const std::atomic_bool *cancel = nullptr);

// Graphviz's own renderer, for the CLI: "svg" or "dot" (text), styled from the request.
Result<QByteArray> renderGraph(const LayoutRequest &request, const QString &format);

} // namespace bg::core
