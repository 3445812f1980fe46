// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewmap.h"

#include "theme.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QMouseEvent>
#include <QPainter>

namespace bg::ui {

namespace {
constexpr int Longest = 180; // the map's longer side, in pixels
constexpr int Margin = 10; // from the view's corner
} // namespace

OverviewMap::OverviewMap(QGraphicsView *view)
    : QWidget(view)
    , m_view(view)
{
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Overview"));
    setAccessibleDescription(
        tr("The whole graph, small; the rectangle is what the view shows. Click to move there."));
    setToolTip(tr("Overview: click or drag to move the view"));
    hide();
}

void OverviewMap::invalidate()
{
    m_dirty = true;
    update();
}

QRectF OverviewMap::mapRect() const
{
    const QRectF scene = m_view->sceneRect();
    if (scene.isEmpty())
        return {};
    const qreal scale = std::min((width() - 8) / scene.width(), (height() - 8) / scene.height());
    const QSizeF size = scene.size() * scale;
    return {QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size};
}

QRectF OverviewMap::visibleSceneRect() const
{
    return m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
}

void OverviewMap::place()
{
    const QRectF scene = m_view->sceneRect();
    QRectF content = m_content.isEmpty() ? scene : m_content;
    // Edges that bow a little past the view do not call for a map over the picture.
    content.adjust(content.width() * 0.04, content.height() * 0.04, -content.width() * 0.04,
        -content.height() * 0.04);
    const bool larger = !scene.isEmpty() && m_view->scene() && !m_view->scene()->items().isEmpty()
        && !visibleSceneRect().adjusted(-2, -2, 2, 2).contains(content);
    if (larger) {
        const qreal aspect = scene.width() / scene.height();
        const QSize size = aspect >= 1 ? QSize(Longest, std::max(60, int(Longest / aspect)))
                                       : QSize(std::max(60, int(Longest * aspect)), Longest);
        const QRect viewport = m_view->viewport()->geometry();
        const QRect wanted(viewport.right() - size.width() - Margin,
            viewport.bottom() - size.height() - Margin, size.width(), size.height());
        if (wanted.size() != this->size())
            m_dirty = true;
        setGeometry(wanted);
    }
    // Never over more than a third of a small view.
    const QSize view = m_view->viewport()->size();
    setVisible(larger && width() * 3 <= view.width() * 2 && height() * 3 <= view.height() * 2);
    update();
}

void OverviewMap::moveViewTo(const QPointF &widgetPoint)
{
    const QRectF map = mapRect();
    if (map.isEmpty())
        return;
    const QRectF scene = m_view->sceneRect();
    const QPointF at(scene.left() + (widgetPoint.x() - map.left()) / map.width() * scene.width(),
        scene.top() + (widgetPoint.y() - map.top()) / map.height() * scene.height());
    m_view->centerOn(at);
    emit moved();
}

void OverviewMap::paintEvent(QPaintEvent *)
{
    const ThemeColours &colours = themeColours();
    QPainter p(this);
    const QRectF map = mapRect();
    const qreal dpr = devicePixelRatioF();
    if (m_dirty || m_picture.isNull()) {
        // At least a pixel each way: the map of a long line of nodes (a chain of replacements
        // drawn 500 wide) is under a pixel high, and painting on a null pixmap warned once per
        // item, tens of thousands of lines.
        m_picture = QPixmap((map.size() * dpr).toSize().expandedTo(QSize(1, 1)));
        m_picture.setDevicePixelRatio(dpr);
        m_picture.fill(colours.background);
        if (m_view->scene() && !map.isEmpty()) {
            QPainter render(&m_picture);
            render.setRenderHint(QPainter::Antialiasing);
            m_view->scene()->render(&render, QRectF(QPointF(), map.size()), m_view->sceneRect());
        }
        m_dirty = false;
    }
    p.fillRect(rect(), colours.background);
    p.drawPixmap(map.topLeft(), m_picture);
    p.setPen(QPen(colours.clusterBorder, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));
    // The visible rectangle, in scene coordinates mapped onto the map.
    const QRectF scene = m_view->sceneRect();
    const QRectF seen = visibleSceneRect().intersected(scene);
    if (!seen.isEmpty()) {
        const auto x = [&](qreal v) {
            return map.left() + (v - scene.left()) / scene.width() * map.width();
        };
        const auto y = [&](qreal v) {
            return map.top() + (v - scene.top()) / scene.height() * map.height();
        };
        const QRectF box(
            QPointF(x(seen.left()), y(seen.top())), QPointF(x(seen.right()), y(seen.bottom())));
        QColor fill = colours.chainEdge;
        fill.setAlpha(40);
        p.setBrush(fill);
        p.setPen(QPen(colours.chainEdge, 2));
        p.drawRect(box);
    }
}

void OverviewMap::mousePressEvent(QMouseEvent *event)
{
    moveViewTo(event->position());
    event->accept();
}

void OverviewMap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        moveViewTo(event->position());
    event->accept();
}

} // namespace bg::ui
