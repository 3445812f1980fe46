// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/review/scenarios.h"

#include <QScrollArea>

namespace bg::ui {

// The welcome screen: what Blastguard answers, how to open a plan, and the bundled teaching
// scenarios, each with its story in one line and its lesson.
class ScenarioBrowser : public QScrollArea {
    Q_OBJECT

public:
    explicit ScenarioBrowser(QWidget *parent = nullptr);
    // Lists the scenarios; a broken catalog is shown as its error, never hidden.
    void setScenarios(const std::vector<core::Scenario> &scenarios, const QString &error);

signals:
    void scenarioChosen(const QString &name);
    void openRequested();
    void compareRequested();

private:
    void recolourCards(); // a theme change (ThemeNotifier) recolours the cards

    QWidget *m_list;
};

} // namespace bg::ui
