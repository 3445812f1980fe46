// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QSize>
#include <QStringList>

namespace bg::ui {

class MainWindow;

// `blastguard --screenshot OUT.png --size WxH FILE`: the window's first screen, as a reviewer
// sees it when the file has opened and its picture is laid out, written as a PNG of exactly
// `size` pixels (times the device pixel ratio). No file: the welcome page.
struct ScreenshotRequest {
    QString out;
    QSize size; // logical pixels
    QStringList files; // as `blastguard FILE...` takes them (scenario:NAME too)
    QStringList estate;
    int timeoutMs = 120000;
};

// "1366x768" -> the size; an error in words otherwise (at least 640x400, at most 7680x4320).
core::Result<QSize> parseScreenSize(const QString &text);

// Opens the request's files in `window`, waits for the first screen and writes the image. An
// error (a file that does not open, a layout that does not finish in time, an output that
// cannot be written) names the file and writes nothing.
core::Status takeScreenshot(MainWindow &window, const ScreenshotRequest &request);

} // namespace bg::ui
