// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "exporter.h"

#include "core/files.h"

#include <QBuffer>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace bg::ui {

core::Status exportScene(QGraphicsScene *scene, const QString &path, const QStringList &inputs)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QRectF source = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty())
        return core::Error {path, 0, 0, QStringLiteral("there is no picture to export")};
    QByteArray bytes;
    if (suffix == QLatin1String("png")) {
        // Large graphs are scaled down to stay within a sane image size.
        const qreal scale = std::min(2.0, 16000.0 / std::max(source.width(), source.height()));
        QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32);
        image.fill(scene->backgroundBrush().style() == Qt::NoBrush
                ? QColor(Qt::white)
                : scene->backgroundBrush().color()); // the scene paints its own ground too
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene->render(&painter, QRectF(), source);
        painter.end();
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QBuffer buffer(&bytes);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(QStringLiteral("Blastguard blast radius"));
        QPainter painter(&svg);
        scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    } else if (suffix == QLatin1String("pdf")) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter pdf(&buffer);
        pdf.setTitle(QStringLiteral("Blastguard blast radius"));
        pdf.setPageSize(QPageSize(source.size(), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&pdf);
        scene->render(&painter, QRectF(), source);
    } else {
        return core::Error {path, 0, 0, QStringLiteral("choose .png, .svg or .pdf")};
    }
    return core::files::writeFile(path, bytes, inputs);
}

} // namespace bg::ui
