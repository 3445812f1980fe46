// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The graph without a mouse: the arrow keys move the selection from node to node along the
// drawn edges, Enter opens a folded module, Escape clears the selection; and each node's words
// for a screen reader.
#include "core/risk/outcome.h"
#include "graphview.h"
#include "shown.h"

#include <QKeyEvent>
#include <QScrollBar>
#include <cmath>

namespace bg::ui {

using namespace core;

QString GraphView::describe(int layoutNode) const
{
    if (!m_analysis || layoutNode < 0 || size_t(layoutNode) >= m_view.request.nodes.size())
        return {};
    const LayoutNode &drawn = m_view.request.nodes[size_t(layoutNode)];
    const std::vector<int> &members = m_view.members[size_t(layoutNode)];
    if (members.size() != 1) // a folded module, another stack's resources: its label says it
        return shown(QString(drawn.label).replace(QLatin1Char('\n'), QStringLiteral(", ")));
    const int node = members.front();
    const Analysis &a = *m_analysis;
    QStringList words {
        shown(a.document().resources[size_t(node)].id), actionName(a.impact.actions[size_t(node)])};
    if (!a.categories[size_t(node)].isEmpty()
        && a.categories[size_t(node)] != QLatin1String("other"))
        words.append(a.categories[size_t(node)]);
    if (size_t(node) < a.outcomes.size()) {
        const NodeOutcome &o = a.outcomes[size_t(node)];
        switch (o.outcome) {
        case Outcome::DataLost:
            words.append(tr("data lost for good"));
            break;
        case Outcome::DataKept:
            words.append(
                o.keptIn().isEmpty() ? tr("data kept") : tr("data kept in %1").arg(o.keptIn()));
            break;
        case Outcome::Refused:
            words.append(o.brief().isEmpty() ? tr("refused by the cloud")
                                             : tr("refused: %1").arg(o.brief()));
            break;
        case Outcome::NotReached:
            words.append(tr("not reached: the apply fails before it"));
            break;
        case Outcome::Destroyed:
            words.append(tr("destroyed, holds no data"));
            break;
        case Outcome::None:
            break;
        }
    }
    return words.join(QStringLiteral(", "));
}

int GraphView::neighbourTowards(int key) const
{
    const int from = selectedLayoutNode();
    if (from < 0) { // the first critical node, else the first drawn
        for (size_t ln = 0; ln < m_lossNode.size(); ++ln) {
            if (m_lossNode[ln])
                return int(ln);
        }
        return m_nodes.empty() ? -1 : 0;
    }
    QPointF direction;
    switch (key) {
    case Qt::Key_Left:
        direction = {-1, 0};
        break;
    case Qt::Key_Right:
        direction = {1, 0};
        break;
    case Qt::Key_Up:
        direction = {0, -1};
        break;
    case Qt::Key_Down:
        direction = {0, 1};
        break;
    default:
        return -1;
    }
    const QPointF origin = nodeRect(from).center();
    int best = -1;
    qreal bestScore = 0;
    for (const EdgeItem *edge : m_edges) {
        const int other = edge->from() == from ? edge->to()
            : edge->to() == from               ? edge->from()
                                               : -1;
        if (other < 0 || other == from)
            continue;
        const QPointF d = nodeRect(other).center() - origin;
        const qreal length = std::hypot(d.x(), d.y());
        if (length < 1)
            continue;
        // Most in the direction, then nearest: the cosine weighs more than the distance.
        const qreal cosine = (d.x() * direction.x() + d.y() * direction.y()) / length;
        if (cosine < 0.3)
            continue;
        const qreal score = cosine * 2 - length / 5000;
        if (best < 0 || score > bestScore) {
            best = other;
            bestScore = score;
        }
    }
    return best;
}

void GraphView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (event->modifiers() == Qt::NoModifier) {
            const int next = neighbourTowards(event->key());
            if (next >= 0) {
                leaveFirstScreen();
                selectLayoutNode(next);
                event->accept();
                return;
            }
            event->accept(); // no neighbour that way: stay, rather than scroll away
            return;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter: {
        const int selected = selectedLayoutNode();
        if (selected >= 0 && !m_view.collapsedModule[size_t(selected)].isEmpty()) {
            emit moduleOpened(m_view.collapsedModule[size_t(selected)]);
            event->accept();
            return;
        }
        break;
    }
    case Qt::Key_Escape:
        if (selectedLayoutNode() >= 0) {
            scene()->clearSelection();
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

} // namespace bg::ui
