// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QStringList>

class QGraphicsScene;

namespace bg::ui {

// Writes the whole picture to PNG, SVG or PDF, chosen by the file's suffix, whole or not at all
// (core/files.h), never over one of `inputs`.
core::Status exportScene(QGraphicsScene *scene, const QString &path, const QStringList &inputs);

} // namespace bg::ui
