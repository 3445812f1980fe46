// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The visual language, shared by the GUI and Graphviz's own renderer (the CLI). Colours come
// from the Okabe–Ito palette, which stays distinct for colour-blind readers; nothing relies
// on colour alone: shapes mark data stores and the labels say the action in words.
#pragma once

#include "core/layout/layout.h"
#include "core/model.h"

namespace bg::core::style {

QString actionFill(Action action); // "#rrggbb"
QString actionStroke(Action action);
QString criticalStroke();
QString criticalFill(); // darker than any action fill, so data loss stands out in greyscale too
// Another stack's resources that a destroy here breaks, and the edges to them: Okabe–Ito's
// reddish purple, drawn dashed (not colour alone).
QString crossStackStroke();
QString crossStackFill();
NodeShape shapeFor(const QString &category, bool isData);
QString shapeName(NodeShape shape); // Graphviz's name: "cylinder", "folder", "box3d", ...
QString categoryGlyph(
    const QString &category); // a short word drawn on data-store nodes: "DB", "SNAP"

} // namespace bg::core::style
