// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "categoryicons.h"

#include <QHash>
#include <QPainter>
#include <QSvgRenderer>

namespace bg::ui {

QStringList iconCategories()
{
    return {QStringLiteral("database"), QStringLiteral("snapshot"), QStringLiteral("storage"),
        QStringLiteral("key"), QStringLiteral("network"), QStringLiteral("compute"),
        QStringLiteral("identity"), QStringLiteral("dns"), QStringLiteral("other")};
}

const QImage &categoryIcon(const QString &category)
{
    static const QHash<QString, QImage> icons = [] {
        QHash<QString, QImage> all;
        for (const QString &name : iconCategories()) {
            QImage image(64, 64, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QSvgRenderer svg(QStringLiteral(":/blastguard/icons/categories/%1.svg").arg(name));
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            svg.render(&painter, QRectF(0, 0, 64, 64));
            all.insert(name, image);
        }
        return all;
    }();
    auto found = icons.constFind(category);
    if (found == icons.constEnd())
        found = icons.constFind(QStringLiteral("other"));
    return *found; // a reference into the table, never a copy
}

} // namespace bg::ui
