// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPixmap>
#include <QWidget>

class QGraphicsView;

namespace bg::ui {

// The overview of a graph larger than its view, in the view's corner: the whole picture small,
// the visible rectangle drawn on it; a click or a drag moves the view there. The picture is
// rendered once per change (invalidate()), so panning and zooming repaint only the rectangle.
class OverviewMap : public QWidget {
    Q_OBJECT

public:
    explicit OverviewMap(QGraphicsView *view);

    void invalidate(); // the scene changed: render it again when next shown
    // What is drawn (the scene rectangle less its margins): the map shows itself when the view
    // does not show all of it.
    void setContentRect(const QRectF &rect) { m_content = rect; }
    void place(); // follows the view's size and shows itself only when the graph is larger
    QRectF visibleSceneRect() const; // what the view shows, in scene coordinates
    QRectF mapRect() const; // where the scene is drawn, in this widget's coordinates
    void moveViewTo(const QPointF &widgetPoint); // centres the view on that point of the map

signals:
    void moved(); // the reviewer moved the view with the map

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QGraphicsView *m_view;
    QPixmap m_picture;
    QRectF m_content;
    bool m_dirty = true;
};

} // namespace bg::ui
