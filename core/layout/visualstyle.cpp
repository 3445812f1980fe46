// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/layout/visualstyle.h"

namespace bg::core::style {

QString actionFill(Action action)
{
    switch (action) {
    case Action::Delete:
        return QStringLiteral("#f4b8a6"); // light vermilion
    case Action::Replace:
        return QStringLiteral("#f6d8a8"); // light orange
    case Action::Create:
        return QStringLiteral("#bfe3f5"); // light sky blue
    case Action::Update:
        return QStringLiteral("#c9ece0"); // light bluish green
    case Action::Forget:
        return QStringLiteral("#e6d6ea"); // light reddish purple
    case Action::Read:
    case Action::NoOp:
        return QStringLiteral("#f2f2f2");
    }
    return QStringLiteral("#f2f2f2");
}

QString actionStroke(Action action)
{
    switch (action) {
    case Action::Delete:
        return QStringLiteral("#d55e00");
    case Action::Replace:
        return QStringLiteral("#e69f00");
    case Action::Create:
        return QStringLiteral("#0072b2");
    case Action::Update:
        return QStringLiteral("#009e73");
    case Action::Forget:
        return QStringLiteral("#cc79a7");
    case Action::Read:
    case Action::NoOp:
        return QStringLiteral("#8c8c8c");
    }
    return QStringLiteral("#8c8c8c");
}

QString criticalStroke()
{
    return QStringLiteral("#000000");
}

QString criticalFill()
{
    return QStringLiteral("#ee7a4c");
}

QString crossStackStroke()
{
    return QStringLiteral("#cc79a7");
}

QString crossStackFill()
{
    return QStringLiteral("#f6e3ee");
}

NodeShape shapeFor(const QString &category, bool isData)
{
    if (isData)
        return NodeShape::Data;
    if (category == QLatin1String("database"))
        return NodeShape::Database;
    if (category == QLatin1String("snapshot"))
        return NodeShape::Snapshot;
    if (category == QLatin1String("storage"))
        return NodeShape::Storage;
    if (category == QLatin1String("key"))
        return NodeShape::Key;
    return NodeShape::Box;
}

QString shapeName(NodeShape shape)
{
    switch (shape) {
    case NodeShape::Database:
        return QStringLiteral("cylinder");
    case NodeShape::Snapshot:
        return QStringLiteral("folder");
    case NodeShape::Storage:
        return QStringLiteral("box3d");
    case NodeShape::Key:
        return QStringLiteral("hexagon");
    case NodeShape::Data:
        return QStringLiteral("ellipse");
    case NodeShape::Module:
        return QStringLiteral("tab");
    case NodeShape::Box:
        return QStringLiteral("box");
    }
    return QStringLiteral("box");
}

QString categoryGlyph(const QString &category)
{
    if (category == QLatin1String("database"))
        return QStringLiteral("DATABASE");
    if (category == QLatin1String("snapshot"))
        return QStringLiteral("SNAPSHOT");
    if (category == QLatin1String("storage"))
        return QStringLiteral("STORAGE");
    if (category == QLatin1String("key"))
        return QStringLiteral("KEY");
    return {};
}

} // namespace bg::core::style
