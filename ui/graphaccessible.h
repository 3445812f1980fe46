// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QAccessibleInterface;
class QObject;
class QString;

namespace bg::ui {

// Screen readers see the graph as a list of its drawn nodes, each named by its address, action
// and outcome (GraphView::describe), the selected one focused. Installed once per application.
void installGraphAccessibility();
QAccessibleInterface *graphAccessibleFactory(const QString &className, QObject *object);

} // namespace bg::ui
