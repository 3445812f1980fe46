// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "legendwidget.h"

#include "categoryicons.h"
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
    const char *category; // its icon, as the node draws it; empty: none (a folded module)
    const char *text;
};

const Row Rows[] = {
    {NodeShape::Database, Action::Delete, true, "database",
        "Database that loses data: large, bold"},
    {NodeShape::Snapshot, Action::Delete, true, "snapshot", "Snapshot or backup that is lost"},
    {NodeShape::Storage, Action::Replace, false, "storage", "Storage (bucket, volume), replaced"},
    {NodeShape::Key, Action::Delete, false, "key", "Key or secret, deleted"},
    {NodeShape::Box, Action::Delete, false, "network", "Other resource, deleted"},
    {NodeShape::Box, Action::Update, false, "compute", "Updated in place"},
    {NodeShape::Box, Action::Create, false, "identity", "Created"},
    {NodeShape::Box, Action::NoOp, false, "other", "Unchanged"},
    {NodeShape::Data, Action::Read, false, "dns", "Data source (read only; dashed)"},
    {NodeShape::Module, Action::Delete, false, "", "Folded module (double-click)"},
};

// The icons, one per category, as on the nodes (categoryicons.h).
const std::pair<const char *, const char *> Icons[]
    = {{"database", "database"}, {"snapshot", "snapshot, backup"}, {"storage", "storage"},
        {"key", "key, secret"}, {"network", "network"}, {"compute", "compute"},
        {"identity", "identity"}, {"dns", "DNS"}, {"other", "other"}};

} // namespace

LegendWidget::LegendWidget(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Legend"));
    QStringList lines;
    for (const Row &row : Rows)
        lines.append(tr(row.text));
    QStringList icons;
    for (const auto &[category, words] : Icons)
        icons.append(tr(words));
    lines.append(tr("Icons: %1").arg(icons.join(QStringLiteral(", "))));
    setAccessibleDescription(lines.join(QLatin1Char('\n')));
}

// Two columns, so the legend stays short beside the details.
constexpr int RowHeight = 24;
constexpr int ColumnWidth = 330;
constexpr int IconsPerRow = 5;

QSize LegendWidget::sizeHint() const
{
    const int iconRows = (int(std::size(Icons)) + IconsPerRow - 1) / IconsPerRow;
    return {2 * ColumnWidth, ((int(std::size(Rows)) + 3) / 2 + iconRows) * RowHeight + 18};
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
        const QRectF box(at.x(), at.y(), 44, 20);
        const QColor stroke = row.critical
            ? (isDark() ? QColor(Qt::white) : QColor(style::criticalStroke()))
            : QColor(style::actionStroke(row.action));
        p.setPen(QPen(stroke, row.critical ? 3 : (row.action == Action::Delete ? 2 : 1),
            row.shape == NodeShape::Data ? Qt::DashLine : Qt::SolidLine));
        p.setBrush(QColor(row.critical ? style::criticalFill() : style::actionFill(row.action)));
        p.drawPath(shapePath(row.shape, box));
        if (*row.category) {
            p.setRenderHint(QPainter::SmoothPixmapTransform);
            p.drawImage(QRectF(box.left() + 4, box.center().y() - 7, 14, 14),
                categoryIcon(QLatin1String(row.category)));
        }
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
    // The icons, under the shapes.
    const qreal top = 12 + rows * RowHeight;
    const qreal width = 2.0 * ColumnWidth / IconsPerRow;
    int i = 0;
    for (const auto &[category, words] : Icons) {
        const QPointF at(8 + (i % IconsPerRow) * width, top + (i / IconsPerRow) * RowHeight);
        ++i;
        const QRectF icon(at.x(), at.y() + 1, 16, 16);
        p.setPen(Qt::NoPen); // on a pale chip, as on a node, in either theme
        p.setBrush(QColor(style::actionFill(Action::NoOp)));
        p.drawRoundedRect(icon.adjusted(-2, -2, 2, 2), 3, 3);
        p.drawImage(icon, categoryIcon(QLatin1String(category)));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(at.x() + 22, at.y(), width - 26, 18), Qt::AlignVCenter, tr(words));
    }
}

} // namespace bg::ui
