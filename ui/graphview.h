// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/layout/viewgraph.h"
#include "core/risk/analysis.h"
#include "graphitems.h"

#include <QGraphicsView>
#include <memory>

namespace bg::ui {

// The blast radius drawn from core's Graphviz layout. Click a node for its details; selecting
// or hovering lights up the chain that pulls it into the radius. Zoom with the wheel or the
// actions, pan by dragging; search highlights and jumps.
class GraphView : public QGraphicsView {
    Q_OBJECT

public:
    explicit GraphView(QWidget *parent = nullptr);
    ~GraphView() override;

    void showGraph(std::shared_ptr<const core::Analysis> analysis, const core::ViewGraph &view,
        const core::LayoutResult &layout);
    void clearGraph(const QString &message = {});

    // Analysis node -> selects its drawn node (or the module that holds it) and centres it.
    void selectNode(int node);
    // Highlights every drawn node whose address contains text; returns their analysis nodes.
    std::vector<int> search(const QString &text);
    bool hasNode(int node) const;

    // Marks per analysis node (replay, "what would have saved you"); empty clears them. They
    // stay across re-layouts until replaced. A folded module shows its members' strongest mark,
    // and "gone" only when every member is gone.
    void setMarks(std::vector<NodeMark> marks);
    NodeMark markOf(int node) const; // as drawn: the mark of the node's drawn item

    // A drawn node under the pointer (-1 when it leaves): its chain lights up meanwhile.
    void hoverNode(int layoutNode);

    // How the view measures a node's label for the layout: its font in bold (critical labels
    // are bold, so every box fits the wider one), the second line a little smaller.
    core::MeasureLabel labelMeasure() const;

    void zoomBy(qreal factor);
    void fit();
    void fitReadable();
    static constexpr qreal MinReadableScale = 0.8;
    const core::ViewGraph &viewGraph() const { return m_view; }

signals:
    void nodeClicked(int node); // an analysis node
    void moduleOpened(const QString &module); // a folded module was double-clicked

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void onSelectionChanged();
    void emphasiseChain(int layoutNode);
    void applyMarks();
    // The analysis node a layout node stands for: its first member, or for another stack's
    // node the first node of this analysis it uses; -1 when none.
    int analysisNodeOf(int layoutNode) const;

    std::shared_ptr<const core::Analysis> m_analysis;
    core::ViewGraph m_view;
    std::vector<NodeItem *> m_nodes;
    std::vector<EdgeItem *> m_edges;
    std::vector<NodeMark> m_marks; // per analysis node
    QString m_message;
    bool m_syncing = false;
};

} // namespace bg::ui
