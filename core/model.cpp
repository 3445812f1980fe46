// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model.h"

namespace bg::core {

void Resource::setDependencies(QStringList dependencies)
{
    if (!dependencies.isEmpty() || !detail().dependencies.isEmpty())
        editDetail().dependencies = std::move(dependencies);
}

QString actionName(Action action)
{
    static const char *const names[]
        = {"no-op", "create", "read", "update", "delete", "replace", "forget"};
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

int actionSeverity(Action action)
{
    switch (action) {
    case Action::Delete:
        return 6;
    case Action::Replace:
        return 5;
    case Action::Forget:
        return 4;
    case Action::Update:
        return 3;
    case Action::Create:
        return 2;
    case Action::Read:
        return 1;
    case Action::NoOp:
        return 0;
    }
    return 0;
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
