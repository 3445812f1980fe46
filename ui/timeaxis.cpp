// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeaxis.h"

#include "postmortemtext.h"
#include "theme.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QToolTip>

namespace bg::ui {

using namespace core;

TimeAxis::TimeAxis(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAccessibleName(tr("Time axis of the postmortem"));
    setAccessibleDescription(tr("Left and Right step from event to event; the list beside it says "
                                "the same in words."));
    connect(themeNotifier(), &ThemeNotifier::changed, this, qOverload<>(&QWidget::update));
}

void TimeAxis::setPostmortem(std::shared_ptr<const Postmortem> postmortem)
{
    m_postmortem = std::move(postmortem);
    m_scale = m_postmortem ? timeline::TimeScale(m_postmortem->timeline) : timeline::TimeScale();
    m_cursor = m_scale.first();
    m_selected = -1;
    relayout();
    updateGeometry();
    update();
}

void TimeAxis::setCursorTime(qint64 time)
{
    if (time != m_cursor) {
        m_cursor = time;
        update();
    }
}

void TimeAxis::setSelectedEntry(int index)
{
    if (index != m_selected) {
        m_selected = index;
        update();
    }
}

QSize TimeAxis::sizeHint() const
{
    return {560, minimumSizeHint().height() + int(m_laneCount * (10 - MinLanePitch))};
}

QSize TimeAxis::minimumSizeHint() const
{
    const int calls = std::max(m_callRows, 1) * CallRowHeight;
    const int lanes = int(std::max(m_laneCount, 1) * MinLanePitch);
    return {Gutter + 280, LegendHeight + FlagHeight + calls + 8 + lanes + AxisHeight};
}

QRectF TimeAxis::plot() const
{
    return QRectF(Gutter, LegendHeight + FlagHeight, width() - Gutter - RightMargin,
        height() - LegendHeight - FlagHeight - AxisHeight);
}

double TimeAxis::xOf(qint64 time) const
{
    const QRectF p = plot();
    return p.left() + m_scale.position(time) * p.width();
}

qint64 TimeAxis::timeAt(double x) const
{
    const QRectF p = plot();
    return m_scale.time((x - p.left()) / std::max(1.0, p.width()));
}

void TimeAxis::resizeEvent(QResizeEvent *)
{
    relayout();
}

// Where each entry goes at this width. Calls close enough to touch are stacked in rows (up to
// three; more share the last), so that a burst in one second stays countable; steps whose bars
// would touch (a bar is at least 3 pixels wide) go in separate lanes.
void TimeAxis::relayout()
{
    m_rects.assign(m_postmortem ? m_postmortem->timeline.size() : 0, QRectF());
    m_laneCount = 0;
    m_callRows = 0;
    if (!m_postmortem || m_scale.isEmpty())
        return;
    const auto &entries = m_postmortem->timeline;
    std::vector<std::pair<double, double>> calls;
    std::vector<int> callIndex;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].source == RecordSource::Cloud && entries[i].time >= 0) {
            const double x = xOf(entries[i].time);
            calls.emplace_back(x - 6, x + 6);
            callIndex.push_back(int(i));
        }
    }
    const std::vector<int> rows = timeline::assignLanes(calls);
    m_callRows = 0;
    const double top = plot().top();
    for (size_t k = 0; k < calls.size(); ++k) {
        const int row = std::min(rows[k], MaxCallRows - 1);
        m_callRows = std::max(m_callRows, row + 1);
        m_rects[callIndex[k]] = QRectF(calls[k].first + 1, top + row * CallRowHeight, 10, 10);
    }
    std::vector<std::pair<double, double>> steps;
    std::vector<int> stepIndex;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].source == RecordSource::Terraform && entries[i].time >= 0) {
            const double x0 = xOf(entries[i].time);
            const double x1 = std::max(xOf(std::max(entries[i].time, entries[i].end)), x0 + 3);
            steps.emplace_back(x0, x1 + 1); // a pixel between bars in a lane
            stepIndex.push_back(int(i));
        }
    }
    const std::vector<int> lanes = timeline::assignLanes(steps);
    m_laneCount = lanes.empty() ? 0 : *std::max_element(lanes.begin(), lanes.end()) + 1;
    // The steps' lanes share the height left, within bounds.
    const double lanesTop = top + std::max(m_callRows, 1) * CallRowHeight + 8;
    m_lanePitch = std::clamp(
        (plot().bottom() - 2 - lanesTop) / std::max(m_laneCount, 1), MinLanePitch, MaxLanePitch);
    const double bar = std::max(3.0, m_lanePitch * 0.7);
    for (size_t k = 0; k < steps.size(); ++k) {
        m_rects[stepIndex[k]] = QRectF(steps[k].first, lanesTop + lanes[k] * m_lanePitch,
            steps[k].second - 1 - steps[k].first, bar);
    }
    updateGeometry();
}

QRectF TimeAxis::entryRect(int index) const
{
    return index >= 0 && index < int(m_rects.size()) ? m_rects[size_t(index)] : QRectF();
}

int TimeAxis::entryAt(const QPointF &point) const
{
    // Calls are drawn over steps: look at them first.
    for (const RecordSource source : {RecordSource::Cloud, RecordSource::Terraform}) {
        for (int i = int(m_rects.size()) - 1; i >= 0; --i) {
            if (m_postmortem->timeline[size_t(i)].source == source
                && m_rects[size_t(i)].adjusted(-2, -2, 2, 2).contains(point))
                return i;
        }
    }
    return -1;
}

bool TimeAxis::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = entryAt(help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(),
                timeline::toolTipText(m_postmortem->timeline[size_t(i)]), this,
                m_rects[size_t(i)].toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void TimeAxis::mousePressEvent(QMouseEvent *event)
{
    if (m_scale.isEmpty())
        return;
    const int i = entryAt(event->position());
    if (i >= 0) {
        emit entryClicked(i);
        return;
    }
    if (event->button() == Qt::LeftButton)
        emit cursorDragged(timeAt(event->position().x()));
}

void TimeAxis::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_scale.isEmpty() && (event->buttons() & Qt::LeftButton))
        emit cursorDragged(timeAt(event->position().x()));
}

void TimeAxis::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right)
        emit stepRequested(event->key() == Qt::Key_Left ? -1 : 1);
    else
        QWidget::keyPressEvent(event);
}

} // namespace bg::ui
