// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/risk/masking.h"

#include <QString>
#include <QStringList>

namespace bg::ui {

// Text read from a plan, a state, an approval or a record, as a widget shows it: each character
// that acts unseen (core::actsUnseen: a bidirectional override, a zero-width or tag character, a
// line break) replaced by U+FFFD, as the reports do, so that no address or value on the screen a
// person approves from can be made to read as another. Use it for such text only: the text the
// program writes keeps its line breaks.
inline QString shown(const QString &text)
{
    return core::oneLine(text);
}

// The same for text of several lines: each line shown, the line breaks kept.
inline QString shownLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = shown(line);
    return lines.join(QLatin1Char('\n'));
}

// The same as shown, escaped for a rich-text widget: markup in the text shows literally.
inline QString shownHtml(const QString &text)
{
    return core::oneLine(text).toHtmlEscaped();
}

} // namespace bg::ui
