// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphview.h"

#include "graphitems.h"

#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <set>

namespace bg::ui {

GraphView::GraphView(QWidget *parent)
    : QGraphicsView(parent)
{
    auto *scene = new QGraphicsScene(this);
    // A static picture: the BSP index answers "what is here" fast even at 10,000 items.
    scene->setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setScene(scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setBackgroundBrush(Qt::white);
    setAccessibleName(tr("Dependency graph"));
    connect(scene, &QGraphicsScene::selectionChanged, this, &GraphView::onSelectionChanged);
}

GraphView::~GraphView()
{
    // The scene deletes its items after this: their selection changes must not reach us.
    disconnect(scene(), nullptr, this, nullptr);
}

void GraphView::clearGraph(const QString &message)
{
    m_syncing = true;
    scene()->clear();
    m_syncing = false;
    m_nodes.clear();
    m_edges.clear();
    m_view = {};
    m_message = message;
    scene()->setSceneRect(QRectF());
    viewport()->update();
}

void GraphView::showGraph(std::shared_ptr<const core::Analysis> analysis,
    const core::ViewGraph &view, const core::LayoutResult &layout)
{
    clearGraph();
    m_analysis = std::move(analysis);
    m_view = view;
    const std::vector<bool> critical = m_analysis->lossNodes();
    for (const core::LaidOutCluster &c : layout.clusters) {
        if (c.index >= 0 && c.index < int(view.request.clusters.size()) && c.rect.isValid())
            scene()->addItem(new ClusterItem(c.rect, view.request.clusters[c.index].label,
                view.request.clusters[c.index].stack));
    }
    for (size_t ln = 0; ln < view.request.nodes.size() && ln < layout.nodes.size(); ++ln) {
        bool isCritical = false;
        for (int m : view.members[ln])
            isCritical = isCritical || critical[m];
        auto *item = new NodeItem(int(ln), view.request.nodes[ln], layout.nodes[ln], isCritical);
        scene()->addItem(item);
        m_nodes.push_back(item);
    }
    // The request says which edges run inside the radius (both ends destroyed).
    std::set<std::pair<int, int>> radiusEdges, crossStackEdges;
    for (const core::LayoutEdge &e : view.request.edges) {
        if (e.highlighted)
            radiusEdges.emplace(e.from, e.to);
        if (e.crossStack)
            crossStackEdges.emplace(e.from, e.to);
    }
    for (const core::LaidOutEdge &e : layout.edges) {
        auto *item = new EdgeItem(
            e, radiusEdges.count({e.from, e.to}) > 0, crossStackEdges.count({e.from, e.to}) > 0);
        scene()->addItem(item);
        m_edges.push_back(item);
    }
    scene()->setSceneRect(layout.bounds.adjusted(-40, -40, 40, 40));
    applyMarks();
}

void GraphView::setMarks(std::vector<NodeMark> marks)
{
    m_marks = std::move(marks);
    applyMarks();
}

NodeMark GraphView::markOf(int node) const
{
    return hasNode(node) ? m_nodes[m_view.layoutNodeOf[node]]->mark() : NodeMark::None;
}

void GraphView::applyMarks()
{
    for (NodeItem *item : m_nodes) {
        if (m_view.members[item->layoutNode()].empty())
            continue; // another stack's: a replay or a protection says nothing of it
        NodeMark mark = NodeMark::None;
        bool allGone = true;
        for (int m : m_view.members[item->layoutNode()]) {
            const NodeMark own = m < int(m_marks.size()) ? m_marks[m] : NodeMark::None;
            allGone = allGone && own == NodeMark::Gone;
            if (own != NodeMark::Gone && own > mark)
                mark = own;
        }
        item->setMark(
            mark == NodeMark::None && allGone && !m_marks.empty() ? NodeMark::Gone : mark);
    }
}

bool GraphView::hasNode(int node) const
{
    return node >= 0 && node < int(m_view.layoutNodeOf.size()) && m_view.layoutNodeOf[node] >= 0;
}

void GraphView::selectNode(int node)
{
    if (!hasNode(node))
        return;
    NodeItem *item = m_nodes[m_view.layoutNodeOf[node]];
    m_syncing = true;
    scene()->clearSelection();
    item->setSelected(true);
    m_syncing = false;
    emphasiseChain(item->layoutNode());
    centerOn(item);
}

std::vector<int> GraphView::search(const QString &text)
{
    std::vector<int> found;
    for (NodeItem *item : m_nodes) {
        bool match = false;
        if (!text.isEmpty()) {
            for (int m : m_view.members[item->layoutNode()]) {
                if (m_analysis->document().resources[m].id.contains(text, Qt::CaseInsensitive)) {
                    match = true;
                    found.push_back(m);
                }
            }
        }
        item->setMatched(match);
    }
    return found;
}

void GraphView::hoverNode(int layoutNode)
{
    if (layoutNode >= 0) {
        emphasiseChain(layoutNode);
        return;
    }
    const auto selected = scene()->selectedItems();
    auto *item = selected.isEmpty() ? nullptr : qgraphicsitem_cast<NodeItem *>(selected.first());
    emphasiseChain(item ? item->layoutNode() : -1);
}

core::MeasureLabel GraphView::labelMeasure() const
{
    QFont bold = font();
    bold.setBold(true);
    return [metrics = QFontMetricsF(bold)](const QString &label) {
        const QStringList lines = label.split(QLatin1Char('\n'));
        qreal width = metrics.horizontalAdvance(lines.value(0));
        for (int i = 1; i < lines.size(); ++i)
            width = std::max(width, 0.85 * metrics.horizontalAdvance(lines[i]));
        return QSizeF(std::max(90.0, width + 24), 44);
    };
}

void GraphView::zoomBy(qreal factor)
{
    const qreal current = transform().m11();
    if ((factor > 1 && current > 8) || (factor < 1 && current < 0.01))
        return;
    scale(factor, factor);
}

void GraphView::fit()
{
    if (!scene()->items().isEmpty())
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    // Never so far in that a small graph fills the screen with giant boxes.
    if (transform().m11() > 1.5)
        setTransform(QTransform::fromScale(1.5, 1.5));
}

void GraphView::fitReadable()
{
    // The whole picture when its text stays readable; else readable text around the selection.
    fit();
    if (transform().m11() < MinReadableScale) {
        setTransform(QTransform::fromScale(MinReadableScale, MinReadableScale));
        const auto selected = scene()->selectedItems();
        if (!selected.isEmpty())
            centerOn(selected.first());
    }
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    zoomBy(event->angleDelta().y() > 0 ? 1.2 : 1 / 1.2);
    event->accept();
}

void GraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (auto *item = qgraphicsitem_cast<NodeItem *>(itemAt(event->pos()))) {
        const QString module = m_view.collapsedModule[item->layoutNode()];
        if (!module.isEmpty()) {
            emit moduleOpened(module);
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void GraphView::drawBackground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawBackground(painter, rect);
    if (m_nodes.empty() && !m_message.isEmpty()) {
        painter->save();
        painter->resetTransform();
        painter->setPen(QColor(0x55, 0x55, 0x55));
        painter->drawText(viewport()->rect(), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        painter->restore();
    }
}

void GraphView::onSelectionChanged()
{
    if (m_syncing)
        return;
    const auto selected = scene()->selectedItems();
    auto *item = selected.isEmpty() ? nullptr : qgraphicsitem_cast<NodeItem *>(selected.first());
    emphasiseChain(item ? item->layoutNode() : -1);
    if (item) {
        const int node = analysisNodeOf(item->layoutNode());
        if (node >= 0)
            emit nodeClicked(node);
    }
}

int GraphView::analysisNodeOf(int layoutNode) const
{
    // Another stack's node stands for the first node of this analysis it uses.
    if (layoutNode < 0 || size_t(layoutNode) >= m_view.members.size())
        return -1;
    if (!m_view.members[size_t(layoutNode)].empty())
        return m_view.members[size_t(layoutNode)].front();
    if (m_view.isOtherStack(layoutNode) && m_analysis && m_analysis->estate)
        return m_analysis->estate->breaks[size_t(m_view.breaks[size_t(layoutNode)].front())].node;
    return -1;
}

void GraphView::emphasiseChain(int layoutNode)
{
    // The chain that pulls the node into the radius: node -> via -> via ..., as drawn nodes.
    std::vector<bool> onChain(m_nodes.size(), false);
    if (layoutNode >= 0) {
        onChain[layoutNode] = true;
        std::vector<int> members = m_view.members[layoutNode];
        if (m_view.isOtherStack(layoutNode) && m_analysis->estate) {
            // Another stack's node: the nodes it uses here, and what pulls them in.
            for (int b : m_view.breaks[size_t(layoutNode)]) {
                const int n = m_analysis->estate->breaks[size_t(b)].node;
                members.push_back(n);
            }
        }
        for (int m : members) {
            if (m_view.layoutNodeOf[size_t(m)] >= 0)
                onChain[m_view.layoutNodeOf[size_t(m)]] = true;
            for (const QString &id : m_analysis->impact.chain(m_analysis->document(), m)) {
                const int ln = m_view.layoutNodeOf[m_analysis->graph().find(id)];
                if (ln >= 0)
                    onChain[ln] = true;
            }
        }
        // And the other stacks' resources that use the selected ones.
        const std::vector<int> &own = m_view.members[size_t(layoutNode)];
        for (size_t ln = 0; m_analysis->estate && !own.empty() && ln < m_view.breaks.size(); ++ln) {
            for (int b : m_view.breaks[ln]) {
                const int used = m_analysis->estate->breaks[size_t(b)].node;
                if (std::find(own.begin(), own.end(), used) != own.end())
                    onChain[ln] = true;
            }
        }
    }
    const bool any = layoutNode >= 0 && std::count(onChain.begin(), onChain.end(), true) > 1;
    for (NodeItem *item : m_nodes)
        item->setEmphasis(any && onChain[item->layoutNode()], any && !onChain[item->layoutNode()]);
    for (EdgeItem *edge : m_edges) {
        const bool on = any && onChain[edge->from()] && onChain[edge->to()];
        edge->setEmphasis(on, any && !on);
    }
}

} // namespace bg::ui
