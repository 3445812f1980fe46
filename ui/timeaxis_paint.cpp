// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The time axis's painting: what relayout() placed, in the theme's colours, with a legend that
// names every mark and shape.
#include "postmortemtext.h"
#include "theme.h"
#include "timeaxis.h"

#include <QPainter>
#include <QPainterPath>

namespace bg::ui {

using namespace core;

namespace {

QColor stepColour()
{
    return isDark() ? QColor(0x56, 0xb4, 0xe9) : QColor(0x00, 0x72, 0xb2); // Okabe–Ito blue
}

QColor outsideColour()
{
    return QColor(0xcc, 0x79, 0xa7); // Okabe–Ito reddish purple: not the danger red
}

QPainterPath diamond(const QRectF &r)
{
    QPainterPath p;
    p.moveTo(r.center().x(), r.top());
    p.lineTo(r.right(), r.center().y());
    p.lineTo(r.center().x(), r.bottom());
    p.lineTo(r.left(), r.center().y());
    p.closeSubpath();
    return p;
}

QPainterPath triangle(const QRectF &r) // pointing down: a call from outside, into the plan
{
    QPainterPath p;
    p.moveTo(r.topLeft());
    p.lineTo(r.topRight());
    p.lineTo(r.center().x(), r.bottom());
    p.closeSubpath();
    return p;
}

} // namespace

void TimeAxis::paintLegend(QPainter &painter, const QColor &text)
{
    const ThemeColours &theme = themeColours();
    double x = Gutter;
    const double y = 4;
    auto label = [&](const QString &words) {
        painter.setPen(text);
        const QRectF r(x, 0, painter.fontMetrics().horizontalAdvance(words) + 2, LegendHeight);
        painter.drawText(r, Qt::AlignVCenter | Qt::AlignLeft, words);
        x += r.width() + 16;
    };
    painter.fillRect(QRectF(x, y + 3, 18, 8), stepColour());
    x += 22;
    label(tr("Terraform step (start to end)"));
    painter.setPen(text);
    painter.setBrush(text);
    painter.drawPath(diamond(QRectF(x, y + 1, 11, 11)));
    x += 15;
    label(tr("cloud call"));
    painter.setPen(QPen(text, 1.5));
    painter.setBrush(outsideColour());
    painter.drawPath(triangle(QRectF(x, y + 1, 12, 11)));
    x += 16;
    label(tr("call outside Terraform"));
    painter.fillRect(QRectF(x, y + 2, 10, 10), theme.danger);
    x += 14;
    label(tr("data loss"));
    painter.setPen(QPen(theme.danger, 2, Qt::DashLine));
    painter.drawLine(QPointF(x + 4, 2), QPointF(x + 4, LegendHeight - 2));
    x += 12;
    label(tr("first data loss"));
    painter.setPen(QPen(text, 2));
    painter.drawLine(QPointF(x + 4, 2), QPointF(x + 4, LegendHeight - 2));
    x += 12;
    label(tr("cursor"));
}

void TimeAxis::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const ThemeColours &theme = themeColours();
    const QColor text = palette().windowText().color();
    QColor faint = palette().mid().color();
    painter.fillRect(rect(), palette().base());
    if (!m_postmortem || m_scale.isEmpty()) {
        painter.setPen(theme.message);
        painter.drawText(rect(), Qt::AlignCenter, tr("No records to lay on the axis."));
        return;
    }
    paintLegend(painter, text);
    const QRectF p = plot();
    const double axisY = p.bottom() + 2;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    painter.setFont(small);

    // Folded stretches: hatched, with how long nothing happened.
    for (const timeline::TimeScale::Segment &s : m_scale.segments()) {
        if (!s.folded)
            continue;
        const QRectF r(xOf(s.from), p.top(), xOf(s.to) - xOf(s.from), p.height());
        painter.fillRect(r, QBrush(faint, Qt::BDiagPattern));
        const QString words = tr("%1\nquiet").arg(durationText(double(s.to - s.from) / 1000));
        QRectF box = painter.fontMetrics().boundingRect(QRect(), Qt::AlignCenter, words);
        box.adjust(-3, -1, 3, 1);
        box.moveCenter(r.center());
        painter.fillRect(box, palette().base());
        painter.setPen(text);
        painter.drawText(box, Qt::AlignCenter, words);
    }
    // Clock times, with a faint line up through the records.
    faint.setAlpha(110);
    for (const timeline::Tick &tick : timeline::ticks(m_scale, 90.0 / std::max(1.0, p.width()))) {
        const double x = xOf(tick.time);
        painter.setPen(faint);
        painter.drawLine(QPointF(x, p.top()), QPointF(x, axisY));
        painter.setPen(text);
        painter.drawLine(QPointF(x, axisY), QPointF(x, axisY + 4));
        painter.drawText(QRectF(x - 40, axisY + 4, 80, AxisHeight - 6),
            Qt::AlignHCenter | Qt::AlignTop, tick.label);
    }
    painter.setPen(text);
    painter.drawLine(QPointF(p.left(), axisY), QPointF(p.right(), axisY));
    painter.drawText(QRectF(4, axisY + 4, Gutter - 8, AxisHeight - 6), Qt::AlignRight, tr("UTC"));

    // The rows' names.
    const auto &entries = m_postmortem->timeline;
    painter.drawText(QRectF(4, p.top() - 2, Gutter - 10, CallRowHeight + 2),
        Qt::AlignRight | Qt::AlignVCenter, tr("Cloud calls"));
    if (m_laneCount > 0)
        painter.drawText(
            QRectF(4, p.top() + std::max(m_callRows, 1) * CallRowHeight + 6, Gutter - 10, 14),
            Qt::AlignRight | Qt::AlignVCenter, tr("Terraform"));

    // Steps, then calls over them.
    for (size_t i = 0; i < entries.size(); ++i) {
        const TimelineEntry &e = entries[i];
        if (e.source != RecordSource::Terraform || m_rects[i].isNull())
            continue;
        const QColor fill = e.dataLoss ? theme.danger : stepColour();
        const bool failed = !e.succeeded;
        painter.setPen(failed ? QPen(fill, 1.5, Qt::DashLine) : Qt::NoPen);
        painter.setBrush(failed ? QBrush(fill, Qt::BDiagPattern) : QBrush(fill));
        painter.drawRoundedRect(m_rects[i], 2, 2);
    }
    for (size_t i = 0; i < entries.size(); ++i) {
        const TimelineEntry &e = entries[i];
        if (e.source != RecordSource::Cloud || m_rects[i].isNull())
            continue;
        const bool failed = !e.succeeded;
        const QColor fill = e.dataLoss ? theme.danger : e.outsideTerraform ? outsideColour() : text;
        painter.setPen(QPen(e.outsideTerraform ? text : fill, e.outsideTerraform ? 1.5 : 1));
        painter.setBrush(failed ? QBrush(Qt::NoBrush) : QBrush(fill));
        painter.drawPath(e.outsideTerraform ? triangle(m_rects[i]) : diamond(m_rects[i]));
    }
    if (m_selected >= 0 && m_selected < int(m_rects.size()) && !m_rects[m_selected].isNull()) {
        painter.setPen(QPen(palette().highlight().color(), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(m_rects[m_selected].adjusted(-2, -2, 2, 2));
    }

    // The first data loss: a dashed line and its time and address above the records.
    if (const int first = m_postmortem->firstDataLoss; first >= 0) {
        const TimelineEntry &e = entries[size_t(first)];
        const double x = xOf(e.time);
        painter.setPen(QPen(theme.danger, 2, Qt::DashLine));
        painter.drawLine(QPointF(x, LegendHeight + 2), QPointF(x, axisY));
        QFont bold = small;
        bold.setBold(true);
        painter.setFont(bold);
        const QString label = tr("First data loss %1 — %2")
                                  .arg(timeline::clockText(e.time), timeline::whereText(e));
        const double w = painter.fontMetrics().horizontalAdvance(label) + 8;
        const bool right = x + 6 + w <= width();
        painter.setPen(theme.danger);
        painter.drawText(QRectF(right ? x + 6 : x - 6 - w, LegendHeight, w, FlagHeight),
            Qt::AlignVCenter | (right ? Qt::AlignLeft : Qt::AlignRight), label);
        painter.setFont(small);
    }
    // The cursor, with a handle on the axis.
    if (m_cursor >= 0) {
        const double x = xOf(m_cursor);
        const QColor c = text; // the highlight is too close to the steps' blue
        painter.setPen(QPen(c, 2));
        painter.drawLine(QPointF(x, p.top() - 4), QPointF(x, axisY));
        painter.setBrush(c);
        painter.drawPath(triangle(QRectF(x - 6, p.top() - 10, 12, 8)));
    }
    if (hasFocus()) {
        painter.setPen(QPen(palette().highlight().color(), 1, Qt::DotLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));
    }
}

} // namespace bg::ui
