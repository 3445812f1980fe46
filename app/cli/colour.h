// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// --color auto|always|never for the text the CLI prints: the headline and the critical lines
// stand out on a terminal. auto (the default) colours only a terminal, and never when NO_COLOR
// is set (https://no-color.org) or TERM is "dumb"; always colours wherever the text goes;
// never does not. JSON, Markdown, SVG and DOT are never coloured.
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace bg::cli {

struct Context;

enum class ColourMode { Auto, Always, Never };
std::optional<ColourMode> colourModeFromName(const QString &name);

// Whether text written to standard output (toStdout) or to a file gets colour under `mode`.
bool wantsColour(ColourMode mode, bool toStdout);

// The same text with ANSI SGR codes: the headline (DATA LOSS, BLOCKED) bold red, critical
// findings red, warnings yellow, PASSED and "Destroys nothing" green. Only whole lines are
// wrapped; the words are unchanged.
QString coloured(const QString &text);

// Prints `text` to standard output, coloured when the run's --color says so.
void printText(const Context &ctx, const QString &text);

} // namespace bg::cli
