// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "colour.h"

#include "cli.h"

#include <QTextStream>
#include <unistd.h>

namespace bg::cli {

namespace {
const QString Reset = QStringLiteral("\x1b[0m");
const QString BoldRed = QStringLiteral("\x1b[1;31m");
const QString Red = QStringLiteral("\x1b[31m");
const QString Yellow = QStringLiteral("\x1b[33m");
const QString Green = QStringLiteral("\x1b[32m");
const QString Bold = QStringLiteral("\x1b[1m");
} // namespace

std::optional<ColourMode> colourModeFromName(const QString &name)
{
    if (name == QLatin1String("auto"))
        return ColourMode::Auto;
    if (name == QLatin1String("always"))
        return ColourMode::Always;
    if (name == QLatin1String("never"))
        return ColourMode::Never;
    return std::nullopt;
}

bool wantsColour(ColourMode mode, bool toStdout)
{
    switch (mode) {
    case ColourMode::Always:
        return true;
    case ColourMode::Never:
        return false;
    case ColourMode::Auto:
        break;
    }
    if (!toStdout || !qEnvironmentVariable("NO_COLOR").isEmpty()
        || qEnvironmentVariable("TERM") == QLatin1String("dumb"))
        return false;
    return ::isatty(STDOUT_FILENO) == 1;
}

QString coloured(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    QString section; // the colour of the indented lines under the last heading
    for (QString &line : lines) {
        QString colour;
        if (line.startsWith(QLatin1String("  ")) && !section.isEmpty()) {
            colour = section; // a critical finding, a warning, a reason the gate blocks
        } else {
            section.clear();
            if (line.startsWith(QLatin1String("Critical findings"))) {
                colour = BoldRed;
                section = Red;
            } else if (line.startsWith(QLatin1String("gate: BLOCKED"))) {
                colour = BoldRed;
                section = Red;
            } else if (line.startsWith(QLatin1String("State-safety warnings"))) {
                colour = Yellow;
                section = Yellow;
            } else if (line.startsWith(QLatin1String("DATA LOSS"))
                || line.startsWith(QStringLiteral("⚠"))
                || line.startsWith(QLatin1String("BREAKS"))) {
                colour = BoldRed;
            } else if (line.startsWith(QLatin1String("Warning"))) {
                colour = Yellow;
            } else if (line.startsWith(QLatin1String("gate: PASSED"))
                || line.startsWith(QLatin1String("Destroys nothing"))) {
                colour = Green;
            } else if (line.startsWith(QLatin1String("Blastguard "))) {
                colour = Bold;
            }
        }
        if (!colour.isEmpty() && !line.isEmpty())
            line = colour + line + Reset;
    }
    return lines.join(QLatin1Char('\n'));
}

void printText(const Context &ctx, const QString &text)
{
    QTextStream out(stdout);
    out << (wantsColour(ctx.colour, true) ? coloured(text) : text);
    out.flush();
}

} // namespace bg::cli
