// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Driving the main window in the UI suites: open, then wait for the picture.
#pragma once

#include "testutils.h"
#include "ui/mainwindow.h"

#include <QSignalSpy>
#include <QTest>

namespace bg::tests {

// Opens `paths` (files or scenario:NAME) and returns once the layout is on screen.
inline void openAndWait(bg::ui::MainWindow &window, const QStringList &paths)
{
    QSignalSpy shown(&window, &bg::ui::MainWindow::layoutShown);
    window.openFiles(paths);
    QVERIFY(shown.wait(Patience));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), Patience);
}

// With BLASTGUARD_TEST_GRAB=DIR set, saves the window as DIR/NAME.png: how the screenshots of
// states reached only by driving the window (a replay step, a toggle) are made and looked at.
inline void grabIfAsked(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("BLASTGUARD_TEST_GRAB");
    if (dir.isEmpty())
        return;
    QTest::qWait(100); // let pending layouts settle: labels that just grew a line
    window.grab().save(dir + QLatin1Char('/') + name + QLatin1String(".png"));
}

} // namespace bg::tests
