// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "postmortemtimeline.h"

#include <QWidget>
#include <memory>

namespace bg::ui {

// The postmortem on a time axis: each Terraform step a bar from its start to its end, in lanes
// so that steps running together do not hide each other; each cloud call a diamond above them
// (a triangle when no Terraform step made it); data loss in the theme's danger colour; the
// first data loss a labelled line; the cursor a line that a click or a drag moves. Quiet
// stretches are folded (timeline::TimeScale). Only painting and hit-testing live here.
class TimeAxis : public QWidget {
    Q_OBJECT

public:
    explicit TimeAxis(QWidget *parent = nullptr);

    void setPostmortem(std::shared_ptr<const core::Postmortem> postmortem);
    void setCursorTime(qint64 time);
    qint64 cursorTime() const { return m_cursor; }
    void setSelectedEntry(int index);
    const timeline::TimeScale &scale() const { return m_scale; }
    int laneCount() const { return m_laneCount; }
    // Where an entry is drawn (empty when it is not), and the entry at a point (-1: none).
    QRectF entryRect(int index) const;
    int entryAt(const QPointF &point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void entryClicked(int index);
    void cursorDragged(qint64 time);
    void stepRequested(int direction); // the Left and Right keys: the previous or next event

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    // Rows from the top: the legend, the first data loss's label, the calls, then the steps;
    // the clock times under them. In pixels.
    static constexpr int Gutter = 92; // the rows' names
    static constexpr int RightMargin = 18;
    static constexpr int LegendHeight = 18;
    static constexpr int FlagHeight = 16;
    static constexpr int CallRowHeight = 13;
    static constexpr int MaxCallRows = 3;
    static constexpr double MinLanePitch = 3; // a step's lane: its bar and the gap under it
    static constexpr double MaxLanePitch = 14;
    static constexpr int AxisHeight = 24;

    void relayout();
    double xOf(qint64 time) const;
    qint64 timeAt(double x) const;
    QRectF plot() const; // the area the records are drawn in
    void paintLegend(QPainter &painter, const QColor &text);

    std::shared_ptr<const core::Postmortem> m_postmortem;
    timeline::TimeScale m_scale;
    int m_laneCount = 0;
    int m_callRows = 0;
    double m_lanePitch = 10;
    std::vector<QRectF> m_rects; // per entry, in widget coordinates
    qint64 m_cursor = -1;
    int m_selected = -1;
};

} // namespace bg::ui
