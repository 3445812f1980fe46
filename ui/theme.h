// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Light and dark: the application's palette and the colours the picture, the banner and the
// panels draw with. The graph's node fills (visualstyle.h) are the same in both: pale Okabe–Ito
// tints with black text read on either background; what changes is the ground around them.
#pragma once

#include <QColor>
#include <QObject>
#include <QString>
#include <optional>

namespace bg::ui {

enum class Theme { System, Light, Dark };

QString themeName(Theme theme); // "system", "light", "dark"
std::optional<Theme> themeFromName(const QString &name);

// Applies the theme to the whole application (Fusion with a light or a dark palette; System:
// the palette and style the application started with) and remembers the choice in the
// settings. Widgets that draw with themeColours() repaint on ThemeNotifier::changed.
void applyTheme(Theme theme);
Theme currentTheme();
// The theme saved by the last applyTheme (View ▸ Theme), System when none.
Theme savedTheme();
// The palette in force is dark (whatever chose it: applyTheme or the desktop).
bool isDark();

// The one place that hears the application's palette change (applyTheme's or the desktop's)
// and says so: widgets with style sheets hear no palette change of their own.
class ThemeNotifier : public QObject {
    Q_OBJECT
public:
    ThemeNotifier();
    bool eventFilter(QObject *watched, QEvent *event) override;
signals:
    void changed();
};
ThemeNotifier *themeNotifier(); // made, and listening, on first use (after QApplication)

struct ThemeColours {
    QColor background; // the graph's ground
    QColor message; // text drawn on the ground (an empty view's message)
    QColor edge; // a dependency outside the radius
    QColor radiusEdge; // inside the blast radius
    QColor chainEdge; // the emphasised chain
    QColor clusterBorder, clusterFill, clusterText, clusterOverviewFill;
    QColor stackBorder, stackFill, stackText;
    QColor crossStackRow; // the stacks list's row for a stack this run breaks
    // The banner: its ground and border when loud (data loss), calm, or an error; its text.
    QColor loudFill, loudBorder, calmFill, calmBorder, infoFill, infoBorder, bannerText,
        contextText;
    QColor cardFill, cardBorder; // the welcome page's scenario cards
    QColor danger; // red words (the confirm dialog's headline)
};
const ThemeColours &themeColours(); // of the palette in force
const ThemeColours &themeColoursFor(bool dark);

} // namespace bg::ui
