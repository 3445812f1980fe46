// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshot.h"

#include "core/files.h"
#include "mainwindow.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QEventLoop>
#include <QImage>
#include <QPixmap>
#include <QRegularExpression>
#include <QTimer>

namespace bg::ui {

core::Result<QSize> parseScreenSize(const QString &text)
{
    static const QRegularExpression form(QStringLiteral("^(\\d{3,4})x(\\d{3,4})$"));
    const QRegularExpressionMatch m = form.match(text.trimmed());
    const QSize size = m.hasMatch() ? QSize(m.captured(1).toInt(), m.captured(2).toInt()) : QSize();
    if (!size.isValid() || size.width() < 640 || size.height() < 400 || size.width() > 7680
        || size.height() > 4320)
        return core::Error {QString(), 0, 0,
            QStringLiteral("--size %1: give WIDTHxHEIGHT in pixels, from 640x400 to 7680x4320 "
                           "(1366x768, 1920x1080)")
                .arg(text)};
    return size;
}

core::Status takeScreenshot(MainWindow &window, const ScreenshotRequest &request)
{
    if (const core::Status writable = core::files::checkWritable(request.out, request.files);
        !writable)
        return writable;
    window.resize(request.size);
    window.show();
    if (!request.estate.isEmpty())
        window.setEstate(request.estate); // with no file: the welcome page and the stacks
    QString error;
    if (!request.files.isEmpty()) {
        QEventLoop loop;
        const auto failed = [&](const QString &why) {
            error = why;
            loop.quit();
        };
        QObject::connect(&window, &MainWindow::layoutShown, &loop, &QEventLoop::quit);
        QObject::connect(window.review(), &ReviewController::openFailed, &loop, failed);
        QTimer::singleShot(request.timeoutMs, &loop, [&] {
            failed(QStringLiteral("the first screen was not ready within %1 s")
                       .arg(request.timeoutMs / 1000));
        });
        window.openFiles(request.files);
        if (error.isEmpty()) // not already failed, before the loop could run
            loop.exec();
    }
    if (!error.isEmpty())
        return core::Error {request.files.value(0), 0, 0, error};
    // Let the docks, the banner and the picture settle and paint once.
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (window.size() != request.size)
        return core::Error {request.out, 0, 0,
            QStringLiteral("the window cannot be %1x%2 (it is %3x%4: its panels need more room)")
                .arg(request.size.width())
                .arg(request.size.height())
                .arg(window.width())
                .arg(window.height())};
    const QImage image = window.grab().toImage();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (image.isNull() || !image.save(&buffer, "PNG"))
        return core::Error {request.out, 0, 0, QStringLiteral("the window could not be drawn")};
    return core::files::writeFile(request.out, bytes, request.files);
}

} // namespace bg::ui
