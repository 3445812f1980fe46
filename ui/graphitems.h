// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Light QGraphicsItems (not QObjects) for the graph: everything they paint is prepared when
// they are made, so painting allocates nothing and zoomed-out frames skip the text.
#pragma once

#include "core/layout/layout.h"

#include <QBrush>
#include <QFont>
#include <QGraphicsItem>
#include <QImage>
#include <QPainterPath>
#include <QPen>
#include <QStaticText>

namespace bg::ui {

QPainterPath shapePath(core::NodeShape shape, const QRectF &rect);

// What a replay or a "what would have saved you" toggle says about a node, drawn over it.
enum class NodeMark : quint8 {
    None,
    Gone, // already destroyed at this replay step: faded and crossed out
    Current, // destroyed at this replay step
    Saved, // would have survived with the protections switched on
    DataKept, // still destroyed, but its data is kept (a final snapshot, retained backups)
    DataLost, // gone in the postmortem's record, and its data with it: crossed out in red
};

class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    // module: the address of the module box it is drawn in, left out of its title.
    NodeItem(int layoutNode, const core::LayoutNode &node, const QRectF &rect, bool critical,
        const QString &module = {});

    int type() const override { return Type; }
    int layoutNode() const { return m_layoutNode; }
    QRectF rect() const { return m_rect; } // the shape's box, in scene coordinates
    bool isCritical() const { return m_critical; }
    QString text() const { return m_title.text() + QLatin1Char('\n') + m_subtitle.text(); } // as drawn
    QRectF boundingRect() const override;
    QPainterPath shape() const override { return m_path; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    void setEmphasis(bool highlighted, bool dimmed);
    void setMatched(bool matched);
    void setMark(NodeMark mark);
    NodeMark mark() const { return m_mark; }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    int m_layoutNode;
    QRectF m_rect;
    QPainterPath m_path;
    QBrush m_fill;
    QPen m_pen;
    QBrush m_faintFill; // dimmed: faded toward the ground, opaque
    QPen m_faintPen;
    QColor m_faintText;
    QStaticText m_title;
    QStaticText m_subtitle;
    QFont m_titleFont;
    QFont m_subtitleFont;
    qreal m_titleHeight = 16;
    const QImage *m_icon = nullptr; // the category's, shared
    qreal m_iconSize = 0;
    qreal m_textLeft = 8;
    qreal m_textHeight = 30;
    QColor m_overview; // the flat fill when zoomed far out
    bool m_critical;
    bool m_dashed;
    bool m_highlighted = false;
    bool m_dimmed = false;
    bool m_matched = false;
    NodeMark m_mark = NodeMark::None;
};

class EdgeItem : public QGraphicsItem {
public:
    // crossStack: a resource of another stack uses this one (the estate), drawn dashed purple.
    EdgeItem(const core::LaidOutEdge &edge, bool inRadius, bool crossStack = false);
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    void setEmphasis(bool highlighted, bool dimmed);
    int from() const { return m_from; }
    int to() const { return m_to; }

private:
    int m_from, m_to;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QLineF m_chord; // start to tip, drawn when zoomed out
    QRectF m_bounds;
    bool m_inRadius;
    bool m_crossStack;
    bool m_straight = true; // every piece of the path is a line
    bool m_highlighted = false;
    bool m_dimmed = false;
};

class ClusterItem : public QGraphicsItem {
public:
    // stack: a whole stack of the estate, drawn with a strong border and a large label.
    ClusterItem(const QRectF &rect, const QString &label, bool stack = false);
    QString label() const { return m_label.text(); } // as drawn
    QRectF boundingRect() const override { return m_rect.adjusted(-2, -2, 2, 2); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;
    QStaticText m_label;
    QFont m_font;
    bool m_stack;
};

} // namespace bg::ui
