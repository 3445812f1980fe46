// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

namespace bg::ui {

// The icon of a resource category (resources/icons/categories/CATEGORY.svg, embedded), drawn
// once at 64x64 and kept: painting a node draws this image, never the SVG. A category without
// an icon gets "other"'s. The same images in the graph and in the legend.
const QImage &categoryIcon(const QString &category);
QStringList iconCategories(); // the categories that have an icon of their own

} // namespace bg::ui
