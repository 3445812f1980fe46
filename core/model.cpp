// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model.h"

namespace bg::core {

QString actionName(Action action)
{
    static const char *const names[] = {"no-op", "create", "read", "update", "delete", "replace", "forget"};
    return QString::fromLatin1(names[int(action)]);
}

QString actionJsonKey(Action action)
{
    return action == Action::NoOp ? QStringLiteral("no_op") : actionName(action);
}

bool actionDestroys(Action action)
{
    return action == Action::Delete || action == Action::Replace;
}

QString documentKindName(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Plan:
        return QStringLiteral("plan");
    case DocumentKind::StateJson:
        return QStringLiteral("state");
    case DocumentKind::RawState:
        return QStringLiteral("raw state");
    }
    return {};
}

} // namespace bg::core
