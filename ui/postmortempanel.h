// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graphitems.h"
#include "postmortemtimeline.h"

#include <QTimer>
#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QSlider;
class QTableView;

namespace bg::ui {

class TimeAxis;
class TimelineModel;

// The postmortem from the record: what the apply log and the cloud's audit log say happened,
// on a time axis with a cursor that a slider, play/pause and the event buttons move. At the
// cursor the graph is marked as the record has it (marksChanged, as the destroy replay does):
// gone once Terraform's delete completed or a cloud call deleted it, lost with its data, being
// destroyed while a step runs. Below, the timeline as a table. Reading the records runs on the
// thread pool (load); what cannot be read is said in the panel, file and line.
class PostmortemPanel : public QWidget {
    Q_OBJECT

public:
    explicit PostmortemPanel(QWidget *parent = nullptr);

    // Reads the records and lays them over the analysis; loaded() says when. A newer load (or a
    // clear) drops the result of an older one.
    void load(timeline::Request request);
    void clear(const QString &message = {});
    bool isLoading() const { return m_loading; }
    bool hasRecords() const { return m_postmortem && !m_postmortem->timeline.empty(); }
    std::shared_ptr<const core::Postmortem> postmortem() const { return m_postmortem; }
    const std::vector<core::Error> &unreadable() const { return m_unreadable; }

    qint64 cursorTime() const { return m_cursor; }
    void setCursorTime(qint64 time);
    void stepEvent(int direction); // to the next (1) or previous (-1) moment something happens
    void play(bool on);
    bool isPlaying() const { return m_timer.isActive(); }
    void setPlaySeconds(double seconds) { m_playSeconds = seconds; } // the whole axis; ~20 s
    const std::vector<NodeMark> &marks() const { return m_marks; }

    // For tests and tooling.
    TimeAxis *axis() const { return m_axis; }
    QTableView *table() const { return m_table; }
    TimelineModel *model() const { return m_model; }
    QString cursorText() const;
    QString summaryText() const;
    QString problemsText() const;

signals:
    void loaded();
    void marksChanged(const std::vector<bg::ui::NodeMark> &marks);
    void nodeSelected(int node); // a step or call of a node clicked on the axis or in the list

private:
    void showLoaded(timeline::Loaded result);
    void showSummary();
    void updateCursor();
    void selectEntry(int index);

    std::shared_ptr<const core::Postmortem> m_postmortem;
    std::vector<core::Error> m_unreadable;
    std::vector<NodeMark> m_marks;
    int m_nodes = 0;
    qint64 m_cursor = -1;
    quint64 m_request = 0;
    bool m_loading = false;
    double m_playSeconds = 20;
    QTimer m_timer;
    TimeAxis *m_axis;
    TimelineModel *m_model;
    QTableView *m_table;
    QSlider *m_slider;
    QPushButton *m_playButton;
    QPushButton *m_firstLossButton;
    QLabel *m_cursorLabel;
    QLabel *m_summaryLabel;
    QLabel *m_problemsLabel;
    QLabel *m_goneLabel; // beside the slider: how much is gone at the cursor
};

} // namespace bg::ui
