// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "legendwidget.h"

#include "core/layout/visualstyle.h"
#include "graphitems.h"
#include "theme.h"

#include <QPainter>

namespace bg::ui {

using namespace core;

namespace {

struct Row {
    NodeShape shape;
    Action action;
    bool critical;
    const char *text;
};

const Row Rows[] = {
    {NodeShape::Database, Action::Delete, true, "Database that loses data: larger, orange, bold"},
    {NodeShape::Snapshot, Action::Delete, true, "Snapshot or backup that is lost"},
    {NodeShape::Storage, Action::Replace, false, "Storage (bucket, volume), replaced"},
    {NodeShape::Key, Action::Delete, false, "Key or secret, deleted"},
    {NodeShape::Box, Action::Delete, false, "Other resource, deleted"},
    {NodeShape::Box, Action::Update, false, "Updated in place"},
    {NodeShape::Box, Action::Create, false, "Created"},
    {NodeShape::Box, Action::NoOp, false, "Unchanged"},
    {NodeShape::Data, Action::Read, false, "Data source (read only; dashed)"},
    {NodeShape::Module, Action::Delete, false, "Folded module (double-click)"},
};

} // namespace

LegendWidget::LegendWidget(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Legend"));
    QStringList lines;
    for (const Row &row : Rows)
        lines.append(tr(row.text));
    setAccessibleDescription(lines.join(QLatin1Char('\n')));
}

// Two columns, so the legend stays short beside the details.
constexpr int RowHeight = 24;
constexpr int ColumnWidth = 300;

QSize LegendWidget::sizeHint() const
{
    return {2 * ColumnWidth, (int(std::size(Rows)) + 3) / 2 * RowHeight + 12};
}

void LegendWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int rows = (int(std::size(Rows)) + 3) / 2;
    int index = 0;
    auto cell = [&](int i) {
        return QPointF(8 + (i / rows) * ColumnWidth, 6 + (i % rows) * RowHeight);
    };
    for (const Row &row : Rows) {
        const QPointF at = cell(index++);
        const QRectF box(at.x(), at.y(), 44, 18);
        const QColor stroke = row.critical
            ? (isDark() ? QColor(Qt::white) : QColor(style::criticalStroke()))
            : QColor(style::actionStroke(row.action));
        p.setPen(QPen(stroke, row.critical ? 3 : (row.action == Action::Delete ? 2 : 1),
            row.shape == NodeShape::Data ? Qt::DashLine : Qt::SolidLine));
        p.setBrush(QColor(row.critical ? style::criticalFill() : style::actionFill(row.action)));
        p.drawPath(shapePath(row.shape, box));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(
            QRectF(at.x() + 52, at.y(), ColumnWidth - 60, 18), Qt::AlignVCenter, tr(row.text));
    }
    for (bool radius : {true, false}) {
        const QPointF at = cell(index++);
        // As the graph draws them (graphitems.cpp, edgeStyle).
        p.setPen(radius ? QPen(themeColours().radiusEdge, 2.4)
                        : QPen(themeColours().edge, 1.2, Qt::DashLine));
        p.drawLine(QPointF(at.x() + 2, at.y() + 9), QPointF(at.x() + 44, at.y() + 9));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(at.x() + 52, at.y(), ColumnWidth - 60, 18), Qt::AlignVCenter,
            radius ? tr("Dependency inside the blast radius")
                   : tr("Other dependency (arrow: depends on)"));
    }
}

} // namespace bg::ui
