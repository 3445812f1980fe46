// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphview.h"

#include "graphaccessible.h"
#include "graphitems.h"
#include "overviewmap.h"
#include "theme.h"

#include <QAccessible>
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
    // The overview, the keys and dragging move the view: no scroll bars to take the room.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The ground is the scene's, so that exports (scene->render) look like the screen.
    scene->setBackgroundBrush(themeColours().background);
    setAccessibleName(tr("Dependency graph"));
    setFocusPolicy(Qt::StrongFocus);
    connect(scene, &QGraphicsScene::selectionChanged, this, &GraphView::onSelectionChanged);
    m_overview = new OverviewMap(this);
    connect(m_overview, &OverviewMap::moved, this, &GraphView::leaveFirstScreen);
    connect(themeNotifier(), &ThemeNotifier::changed, this, &GraphView::refreshTheme);
    installGraphAccessibility();
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
    m_layout = {};
    m_inRadius.clear();
    m_lossNode.clear();
    m_onFirstScreen = false;
    m_message = message;
    scene()->setSceneRect(QRectF());
    m_overview->setContentRect(QRectF());
    m_overview->invalidate();
    m_overview->place();
    viewport()->update();
}

void GraphView::showGraph(std::shared_ptr<const core::Analysis> analysis,
    const core::ViewGraph &view, const core::LayoutResult &layout)
{
    clearGraph();
    m_analysis = std::move(analysis);
    m_view = view;
    m_layout = layout;
    const std::vector<bool> critical = m_analysis->lossNodes();
    for (const core::LaidOutCluster &c : layout.clusters) {
        if (c.index >= 0 && c.index < int(view.request.clusters.size()) && c.rect.isValid())
            scene()->addItem(new ClusterItem(c.rect, view.request.clusters[c.index].label,
                view.request.clusters[c.index].stack));
    }
    for (size_t ln = 0; ln < view.request.nodes.size() && ln < layout.nodes.size(); ++ln) {
        bool isCritical = false, inRadius = view.isOtherStack(int(ln));
        for (int m : view.members[ln]) {
            isCritical = isCritical || critical[m];
            inRadius = inRadius || m_analysis->impact.destroys(m);
        }
        const core::LayoutNode &drawn = view.request.nodes[ln];
        const bool inModule = drawn.cluster >= 0
            && size_t(drawn.cluster) < view.request.clusters.size()
            && !view.request.clusters[size_t(drawn.cluster)].stack
            && drawn.shape != core::NodeShape::Module;
        auto *item = new NodeItem(int(ln), drawn, layout.nodes[ln], isCritical,
            inModule ? view.request.clusters[size_t(drawn.cluster)].id : QString());
        scene()->addItem(item);
        m_nodes.push_back(item);
        m_inRadius.push_back(inRadius || isCritical);
        m_lossNode.push_back(isCritical);
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
    m_overview->setContentRect(layout.bounds);
    applyMarks();
    emphasiseChain(-1);
    m_overview->invalidate();
    m_overview->place();
}

void GraphView::rebuild()
{
    if (!m_analysis || m_nodes.empty())
        return;
    const int selected = selectedLayoutNode();
    const QTransform zoom = transform();
    const QPointF centre = mapToScene(viewport()->rect().center());
    const std::shared_ptr<const core::Analysis> analysis = m_analysis;
    const core::ViewGraph view = m_view;
    const core::LayoutResult layout = m_layout;
    showGraph(analysis, view, layout);
    setTransform(zoom);
    centerOn(centre);
    if (selected >= 0)
        selectLayoutNode(selected);
}

QRectF GraphView::nodeRect(int layoutNode) const
{
    return layoutNode >= 0 && layoutNode < nodeCount() ? m_nodes[size_t(layoutNode)]->rect()
                                                       : QRectF();
}

int GraphView::selectedLayoutNode() const
{
    const auto selected = scene()->selectedItems();
    auto *item = selected.isEmpty() ? nullptr : qgraphicsitem_cast<NodeItem *>(selected.first());
    return item ? item->layoutNode() : -1;
}

void GraphView::selectLayoutNode(int layoutNode)
{
    if (layoutNode < 0 || layoutNode >= nodeCount())
        return;
    scene()->clearSelection();
    m_nodes[size_t(layoutNode)]->setSelected(true); // onSelectionChanged says it
    ensureVisible(m_nodes[size_t(layoutNode)], 40, 40);
}

namespace {
QRectF unitedRects(const std::vector<NodeItem *> &nodes, const std::vector<bool> &which)
{
    QRectF all;
    for (size_t i = 0; i < nodes.size() && i < which.size(); ++i) {
        if (which[i])
            all = all.united(nodes[i]->rect());
    }
    return all;
}
} // namespace

QRectF GraphView::radiusRect() const
{
    return unitedRects(m_nodes, m_inRadius);
}

QRectF GraphView::criticalRect() const
{
    return unitedRects(m_nodes, m_lossNode);
}

QRectF GraphView::visibleSceneRect() const
{
    return m_overview->visibleSceneRect();
}

void GraphView::showFirstScreen()
{
    if (m_nodes.empty())
        return;
    QRectF target = radiusRect();
    if (target.isEmpty())
        target = scene()->itemsBoundingRect(); // nothing destroyed: the whole picture
    target.adjust(-12, -12, 12, 12);
    const QSizeF room = QSizeF(viewport()->size()) - QSizeF(4, 4);
    auto fitScale = [&](const QRectF &r) {
        return std::min(room.width() / r.width(), room.height() / r.height());
    };
    qreal scale = std::min(1.0, fitScale(target)); // a small plan at its natural size
    QPointF centre = target.center();
    if (scale < MinFirstScreenScale) {
        // Too large to read whole: as much of the radius as fits legibly, around its centre,
        // moved as little as needed to keep the data stores that die on screen; the overview
        // shows the rest.
        scale = MinFirstScreenScale;
        const QRectF critical = criticalRect().adjusted(-20, -20, 20, 20);
        const QSizeF seen = room / scale;
        if (!criticalRect().isEmpty()) {
            const auto keep = [](qreal c, qreal half, qreal low, qreal high) {
                if (high - low > 2 * half) // larger than the view: its middle
                    return (low + high) / 2;
                return std::clamp(c, high - half, low + half);
            };
            centre = QPointF(keep(centre.x(), seen.width() / 2, critical.left(), critical.right()),
                keep(centre.y(), seen.height() / 2, critical.top(), critical.bottom()));
        }
    }
    setTransform(QTransform::fromScale(scale, scale));
    centerOn(centre);
    viewChanged();
    m_onFirstScreen = true; // until the reviewer moves: the window settling keeps it fitted
}

void GraphView::leaveFirstScreen()
{
    m_onFirstScreen = false;
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
    leaveFirstScreen();
    centerOn(item);
    announce(item->layoutNode());
    viewChanged();
}

void GraphView::announce(int layoutNode)
{
    if (!QAccessible::isActive())
        return;
    QAccessibleEvent focus(this, QAccessible::Focus);
    focus.setChild(layoutNode);
    QAccessible::updateAccessibility(&focus);
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
        // Long addresses are cut in the middle when drawn (NodeItem): a box never grows past
        // MaxLabelWidth, so one module path does not stretch its whole rank.
        // 20: the margins; the category's icon, a line and a quarter wide (graphitems.cpp).
        const qreal icon = metrics.height() * 1.25 + 5;
        return QSizeF(
            std::clamp(width + 20, 80.0, MaxLabelWidth + 20) + icon, metrics.height() * 1.85 + 8);
    };
}

void GraphView::zoomBy(qreal factor)
{
    const qreal current = transform().m11();
    if ((factor > 1 && current > 8) || (factor < 1 && current < 0.01))
        return;
    scale(factor, factor);
    leaveFirstScreen();
    viewChanged();
}

void GraphView::viewChanged()
{
    m_overview->place();
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_onFirstScreen)
        showFirstScreen();
    viewChanged();
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    leaveFirstScreen();
    QGraphicsView::mousePressEvent(event);
}

void GraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    m_overview->update();
}

void GraphView::refreshTheme()
{
    if (scene()->backgroundBrush().color() == themeColours().background)
        return; // drawn in this theme already
    scene()->setBackgroundBrush(themeColours().background);
    rebuild(); // items made their pens for the old theme
    m_overview->invalidate();
}

void GraphView::fit()
{
    leaveFirstScreen();
    if (!scene()->items().isEmpty())
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    // Never so far in that a small graph fills the screen with giant boxes.
    if (transform().m11() > 1.5)
        setTransform(QTransform::fromScale(1.5, 1.5));
    viewChanged();
}

void GraphView::fitReadable()
{
    leaveFirstScreen();
    // The whole picture when its text stays readable; else readable text around the selection.
    fit();
    if (transform().m11() < MinReadableScale) {
        setTransform(QTransform::fromScale(MinReadableScale, MinReadableScale));
        const auto selected = scene()->selectedItems();
        if (!selected.isEmpty())
            centerOn(selected.first());
    }
    viewChanged();
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
        painter->setPen(themeColours().message);
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
        announce(item->layoutNode());
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
    // Nothing selected: the chains of every node that loses data, so that the first screen
    // says what dies and why, the rest muted.
    if (layoutNode < 0) {
        std::vector<bool> onChain(m_nodes.size(), false);
        for (size_t ln = 0; ln < m_lossNode.size(); ++ln) {
            if (m_lossNode[ln])
                chainOf(int(ln), onChain);
        }
        applyEmphasis(onChain, std::count(onChain.begin(), onChain.end(), true) > 0);
        return;
    }
    std::vector<bool> onChain(m_nodes.size(), false);
    chainOf(layoutNode, onChain);
    applyEmphasis(onChain, std::count(onChain.begin(), onChain.end(), true) > 1);
}

void GraphView::chainOf(int layoutNode, std::vector<bool> &onChain) const
{
    // The chain that pulls the node into the radius: node -> via -> via ..., as drawn nodes.
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
}

void GraphView::applyEmphasis(const std::vector<bool> &onChain, bool any)
{
    for (NodeItem *item : m_nodes)
        item->setEmphasis(any && onChain[item->layoutNode()], any && !onChain[item->layoutNode()]);
    for (EdgeItem *edge : m_edges) {
        const bool on = any && onChain[edge->from()] && onChain[edge->to()];
        edge->setEmphasis(on, any && !on);
    }
}

} // namespace bg::ui
