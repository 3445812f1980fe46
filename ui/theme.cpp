// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QApplication>
#include <QEvent>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace bg::ui {

namespace {

const char *const SettingKey = "view/theme";

struct Start {
    QPalette palette;
    QString style;
};

// What the application had before any theme was applied: System goes back to it.
Start &start()
{
    static Start s = [] {
        Start first;
        first.palette = QApplication::palette();
        first.style = QApplication::style() ? QApplication::style()->name() : QString();
        return first;
    }();
    return s;
}

Theme &current()
{
    static Theme theme = Theme::System;
    return theme;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x80, 0x80));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x40));
    p.setColor(QPalette::Mid, QColor(0x25, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7c, 0xb7, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

ThemeColours lightColours()
{
    ThemeColours c;
    c.background = Qt::white;
    c.message = QColor(0x55, 0x55, 0x55);
    c.edge = QColor(0x8a, 0x8a, 0x8a);
    c.radiusEdge = QColor(0xd5, 0x5e, 0x00);
    c.chainEdge = QColor(0xb8, 0x6e, 0x00);
    c.clusterBorder = QColor(0x9a, 0xa7, 0xb3);
    c.clusterFill = QColor(0xf5, 0xf8, 0xfa, 160);
    c.clusterText = QColor(0x44, 0x55, 0x66);
    c.clusterOverviewFill = QColor(0xf7, 0xf9, 0xfb);
    c.stackBorder = QColor(0x6a, 0x5a, 0x8c);
    c.stackFill = QColor(0xfb, 0xf9, 0xfd);
    c.stackText = QColor(0x3c, 0x2f, 0x5a);
    c.crossStackRow = QColor(0xf6, 0xe3, 0xee);
    c.loudFill = QColor(0xfd, 0xe2, 0xd8);
    c.loudBorder = QColor(0xd5, 0x5e, 0x00);
    c.calmFill = QColor(0xe3, 0xf2, 0xea);
    c.calmBorder = QColor(0x00, 0x9e, 0x73);
    c.infoFill = QColor(0xee, 0xf3, 0xf7);
    c.infoBorder = QColor(0xb8, 0xc7, 0xd3);
    c.bannerText = QColor(0x1a, 0x1a, 0x1a);
    c.contextText = QColor(0x0b, 0x3d, 0x66);
    c.cardFill = QColor(0xf6, 0xf8, 0xfa);
    c.cardBorder = QColor(0xc9, 0xd1, 0xd9);
    c.danger = QColor(0xb3, 0x26, 0x1e);
    return c;
}

ThemeColours darkColours()
{
    ThemeColours c;
    c.background = QColor(0x1e, 0x1f, 0x22);
    c.message = QColor(0xb0, 0xb0, 0xb0);
    c.edge = QColor(0x9a, 0x9a, 0x9a);
    c.radiusEdge = QColor(0xf0, 0x7a, 0x2a);
    c.chainEdge = QColor(0xff, 0xc1, 0x4d);
    c.clusterBorder = QColor(0x6b, 0x77, 0x82);
    c.clusterFill = QColor(0x2a, 0x2e, 0x33, 200);
    c.clusterText = QColor(0xb8, 0xc4, 0xd0);
    c.clusterOverviewFill = QColor(0x27, 0x2a, 0x2e);
    c.stackBorder = QColor(0xb0, 0x9c, 0xd8);
    c.stackFill = QColor(0x26, 0x23, 0x2d);
    c.stackText = QColor(0xd8, 0xcc, 0xf2);
    c.crossStackRow = QColor(0x4a, 0x2a, 0x3d);
    c.loudFill = QColor(0x4a, 0x22, 0x16);
    c.loudBorder = QColor(0xf0, 0x7a, 0x2a);
    c.calmFill = QColor(0x16, 0x3a, 0x2c);
    c.calmBorder = QColor(0x2b, 0xc4, 0x96);
    c.infoFill = QColor(0x25, 0x2c, 0x33);
    c.infoBorder = QColor(0x4c, 0x5c, 0x6a);
    c.bannerText = QColor(0xf2, 0xf2, 0xf2);
    c.contextText = QColor(0x9c, 0xcb, 0xf5);
    c.cardFill = QColor(0x2f, 0x33, 0x38);
    c.cardBorder = QColor(0x4a, 0x50, 0x57);
    c.danger = QColor(0xff, 0x8a, 0x80);
    return c;
}

} // namespace

ThemeNotifier *themeNotifier()
{
    static ThemeNotifier notifier;
    return &notifier;
}

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<Theme> themeFromName(const QString &name)
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark}) {
        if (name == themeName(t))
            return t;
    }
    return std::nullopt;
}

void applyTheme(Theme theme)
{
    themeNotifier(); // listening before the palette changes
    const Start &s = start();
    current() = theme;
    QSettings().setValue(QLatin1String(SettingKey), themeName(theme));
    if (theme == Theme::System) {
        if (!s.style.isEmpty() && QApplication::style()->name() != s.style)
            QApplication::setStyle(s.style);
        QApplication::setPalette(s.palette); // the notifier hears it
        return;
    }
    if (QApplication::style()->name() != QLatin1String("fusion"))
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(
        theme == Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

Theme currentTheme()
{
    return current();
}

Theme savedTheme()
{
    return themeFromName(QSettings().value(QLatin1String(SettingKey)).toString())
        .value_or(Theme::System);
}

namespace {

bool paletteIsDark()
{
    const QPalette p = QApplication::palette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

// Cached: painting asks it per item; the notifier refreshes it when the palette changes.
bool &dark()
{
    static bool d = paletteIsDark();
    return d;
}

} // namespace

bool isDark()
{
    return dark();
}

ThemeNotifier::ThemeNotifier()
{
    dark() = paletteIsDark();
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
}

bool ThemeNotifier::eventFilter(QObject *watched, QEvent *event)
{
    // applyTheme's palette and the desktop's (a system switch to dark) both arrive here.
    if (watched == QCoreApplication::instance()
        && event->type() == QEvent::ApplicationPaletteChange) {
        dark() = paletteIsDark();
        emit changed();
    }
    return false;
}

const ThemeColours &themeColoursFor(bool darkOnes)
{
    static const ThemeColours light = lightColours(), darkSet = darkColours();
    return darkOnes ? darkSet : light;
}

const ThemeColours &themeColours()
{
    return themeColoursFor(isDark());
}

} // namespace bg::ui
