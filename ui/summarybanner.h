// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace bg::core {
struct Analysis;
class RuleSet;
} // namespace bg::core

namespace bg::ui {

// The first thing a reviewer reads: what dies, in words, with the counts by action and the
// state-safety warnings. Red and loud when data is lost; calm otherwise.
class SummaryBanner : public QFrame {
    Q_OBJECT

public:
    explicit SummaryBanner(QWidget *parent = nullptr);
    void setAnalysis(const core::Analysis &analysis, const core::RuleSet &rules);
    void setMessage(const QString &text, bool error);
    // A line above the headline that says what is shown (a scenario's lesson, a state diff);
    // kept until replaced, empty hides it.
    void setContext(const QString &text);
    QString context() const;
    QString headline() const;
    enum class Tone { Info, Calm, Loud, Error };
    Tone tone() const { return m_tone; }

private:
    void setTone(Tone tone); // the ground, border and text colours of the theme in force
    QLabel *m_context;
    QLabel *m_headline;
    QLabel *m_counts;
    QLabel *m_warnings;
    Tone m_tone = Tone::Info;
};

} // namespace bg::ui
