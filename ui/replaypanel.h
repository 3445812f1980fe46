// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/review/replay.h"
#include "graphitems.h"

#include <QTimer>
#include <QWidget>
#include <memory>

class QLabel;
class QListWidget;
class QPushButton;
class QSlider;

namespace bg::ui {

// The postmortem replay: steps through the destroy in Terraform's order with a slider and
// play/pause, says at each step what is already gone, and marks the point of no return (the
// first deletion that loses data). Step 0 is "before the destroy"; step k has k nodes gone.
class ReplayPanel : public QWidget {
    Q_OBJECT

public:
    explicit ReplayPanel(QWidget *parent = nullptr);

    void setAnalysis(std::shared_ptr<const core::Analysis> analysis, const core::RuleSet *rules);
    void setStep(int step);
    int step() const;
    const std::vector<core::ReplayStep> &steps() const { return m_steps; }
    int stepCount() const { return int(m_steps.size()); }
    int pointOfNoReturnStep() const; // 1-based, 0 when nothing critical is destroyed
    bool isPlaying() const { return m_timer.isActive(); }
    void play(bool on);
    void setStepInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    QString stepText() const;

signals:
    // Per analysis node; empty at step 0 (nothing is marked before the destroy starts).
    void marksChanged(const std::vector<bg::ui::NodeMark> &marks);
    void nodeReached(int node); // the node destroyed at the step now shown

private:
    void update();

    std::shared_ptr<const core::Analysis> m_analysis;
    const core::RuleSet *m_rules = nullptr;
    std::vector<core::ReplayStep> m_steps;
    QTimer m_timer;
    QSlider *m_slider;
    QPushButton *m_playButton;
    QPushButton *m_noReturnButton;
    QLabel *m_stepLabel;
    QLabel *m_goneLabel;
    QListWidget *m_gone;
};

} // namespace bg::ui
