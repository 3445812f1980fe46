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
// or hovering lights up the chain that pulls it into the radius; with nothing selected, the
// chains of the critical nodes are lit and the rest muted. Zoom with the wheel or the actions,
// pan by dragging or with the overview in the corner; the arrow keys move the selection from
// node to node along the edges. Search highlights and jumps. Repaints itself in the theme.
class OverviewMap;

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
    // The first screen: the whole blast radius (what is destroyed or replaced, what loses data,
    // the other stacks it breaks) fitted when its text stays legible at MinFirstScreenScale;
    // else the critical nodes at that scale, the overview showing the rest.
    void showFirstScreen();
    static constexpr qreal MinFirstScreenScale = 0.34;
    bool isOnFirstScreen() const { return m_onFirstScreen; }
    void leaveFirstScreen(); // the reviewer zoomed, panned or selected: no more refitting
    QRectF radiusRect() const; // scene rectangle of the radius's drawn nodes
    QRectF criticalRect() const; // of the nodes that lose data
    QRectF visibleSceneRect() const;
    OverviewMap *overview() const { return m_overview; }

    // Drawn nodes, for keyboard navigation, accessibility and tests.
    int nodeCount() const { return int(m_nodes.size()); }
    QRectF nodeRect(int layoutNode) const; // scene coordinates
    int selectedLayoutNode() const; // -1 when none
    void selectLayoutNode(int layoutNode); // as a click does
    // Address, action and outcome in words: the node's accessible name.
    QString describe(int layoutNode) const;
    // Along the edges: the neighbour of the selected node that lies most in `direction`
    // (Qt::Key_Left/Right/Up/Down); -1 when none. With nothing selected: the first critical.
    int neighbourTowards(int key) const;
    static constexpr qreal MinReadableScale = 0.8;
    static constexpr qreal MaxLabelWidth = 230; // points; longer addresses are elided
    const core::ViewGraph &viewGraph() const { return m_view; }

signals:
    void nodeClicked(int node); // an analysis node
    void moduleOpened(const QString &module); // a folded module was double-clicked

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void onSelectionChanged();
    void rebuild(); // the same picture again, in the theme now in force
    void refreshTheme(); // the palette changed: draw again when its darkness did
    void announce(int layoutNode); // tells a screen reader the selection moved there
    void viewChanged(); // zoom or pan: the overview follows
    void emphasiseChain(int layoutNode); // -1: the chains of every node that loses data
    void chainOf(int layoutNode, std::vector<bool> &onChain) const;
    void applyEmphasis(const std::vector<bool> &onChain, bool any);
    void applyMarks();
    // The analysis node a layout node stands for: its first member, or for another stack's
    // node the first node of this analysis it uses; -1 when none.
    int analysisNodeOf(int layoutNode) const;

    std::shared_ptr<const core::Analysis> m_analysis;
    core::ViewGraph m_view;
    std::vector<NodeItem *> m_nodes;
    std::vector<EdgeItem *> m_edges;
    std::vector<NodeMark> m_marks; // per analysis node
    core::LayoutResult m_layout; // of what is shown: a theme change draws it again
    std::vector<bool> m_inRadius, m_lossNode; // per layout node
    OverviewMap *m_overview = nullptr;
    bool m_onFirstScreen = false;
    QString m_message;
    bool m_syncing = false;
};

} // namespace bg::ui
