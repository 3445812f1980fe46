// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphaccessible.h"

#include "graphview.h"

#include <QAccessibleWidget>
#include <QPointer>
#include <unordered_map>

namespace bg::ui {

namespace {

// One drawn node. It holds the view and the node's index only: after a new picture the index
// may name another node, and an index past the end makes it invalid.
class NodeAccessible : public QAccessibleInterface {
public:
    NodeAccessible(GraphView *view, int layoutNode)
        : m_view(view)
        , m_node(layoutNode)
    {
    }
    bool isValid() const override { return m_view && m_node < m_view->nodeCount(); }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override
    {
        return m_view && m_view->window() ? m_view->window()->windowHandle() : nullptr;
    }
    QAccessibleInterface *parent() const override
    {
        return m_view ? QAccessible::queryAccessibleInterface(m_view.data()) : nullptr;
    }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QString text(QAccessible::Text t) const override
    {
        if (!isValid())
            return {};
        return t == QAccessible::Name ? m_view->describe(m_node) : QString();
    }
    void setText(QAccessible::Text, const QString &) override { }
    QRect rect() const override
    {
        if (!isValid())
            return {};
        const QRect inView = m_view->mapFromScene(m_view->nodeRect(m_node)).boundingRect();
        return QRect(m_view->viewport()->mapToGlobal(inView.topLeft()), inView.size());
    }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override
    {
        QAccessible::State s;
        s.selectable = true;
        s.focusable = true;
        if (isValid() && m_view->selectedLayoutNode() == m_node) {
            s.selected = true;
            s.focused = m_view->hasFocus();
        }
        if (isValid() && !m_view->visibleSceneRect().intersects(m_view->nodeRect(m_node)))
            s.offscreen = true;
        return s;
    }
    int node() const { return m_node; }

private:
    QPointer<GraphView> m_view;
    int m_node;
};

class GraphAccessible : public QAccessibleWidget {
public:
    explicit GraphAccessible(GraphView *view)
        : QAccessibleWidget(view, QAccessible::List)
    {
    }
    ~GraphAccessible() override
    {
        for (const auto &[node, id] : m_children)
            QAccessible::deleteAccessibleInterface(id);
    }
    GraphView *view() const { return static_cast<GraphView *>(widget()); }
    // The overview (a child widget) comes after the nodes.
    int childCount() const override
    {
        return view()->nodeCount() + QAccessibleWidget::childCount();
    }
    QAccessibleInterface *child(int index) const override
    {
        const int nodes = view()->nodeCount();
        if (index < 0)
            return nullptr;
        if (index >= nodes)
            return QAccessibleWidget::child(index - nodes);
        auto found = m_children.find(index);
        if (found == m_children.end()) {
            const QAccessible::Id id
                = QAccessible::registerAccessibleInterface(new NodeAccessible(view(), index));
            found = m_children.emplace(index, id).first;
        }
        return QAccessible::accessibleInterface(found->second);
    }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        if (auto *node = dynamic_cast<const NodeAccessible *>(child))
            return node->node();
        const int widgetIndex = QAccessibleWidget::indexOfChild(child);
        return widgetIndex < 0 ? -1 : view()->nodeCount() + widgetIndex;
    }
    QAccessibleInterface *focusChild() const override
    {
        const int selected = view()->selectedLayoutNode();
        return selected >= 0 ? child(selected) : nullptr;
    }

private:
    mutable std::unordered_map<int, QAccessible::Id> m_children;
};

} // namespace

QAccessibleInterface *graphAccessibleFactory(const QString &className, QObject *object)
{
    if (className == QLatin1String("bg::ui::GraphView") && object && object->isWidgetType())
        return new GraphAccessible(static_cast<GraphView *>(object));
    return nullptr;
}

void installGraphAccessibility()
{
    static const bool installed = [] {
        QAccessible::installFactory(graphAccessibleFactory);
        return true;
    }();
    (void)installed;
}

} // namespace bg::ui
