// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QGraphicsScene;

namespace bg::ui {

// Writes the whole picture to PNG, SVG or PDF, chosen by the file's suffix. Files are
// written whole or not at all (QSaveFile for PNG and SVG, a temporary for PDF).
bool exportScene(QGraphicsScene *scene, const QString &path, QString *error);

// Writes bytes atomically.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error);

} // namespace bg::ui
