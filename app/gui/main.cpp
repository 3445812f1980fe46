// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// blastguard: the desktop reviewer. `blastguard [FILE...]` opens plans and states.
#include "core/gate/policy.h"
#include "core/memory.h"
#include "core/resourcelocator.h"
#include "ui/mainwindow.h"
#include "ui/screenshot.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>
#include <cstdio>
#include <cstring>
#include <optional>

namespace {

void describe(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QStringLiteral("Shows what a Terraform or OpenTofu plan would destroy, "
                       "and which data it loses."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"),
        QStringLiteral("Plans or states to open, or scenario:NAME (a bundled scenario)."),
        QStringLiteral("[FILE...|scenario:NAME]"));
    parser.addOption({QStringLiteral("rules"),
        QStringLiteral("Add the risk rules in FILE to the shipped ones; it can only add "
                       "(repeatable)."),
        QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("estate"),
        QStringLiteral("Review the files inside the estate of states and plans in DIR "
                       "(repeatable): what their destroys break in the other stacks."),
        QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("screenshot"),
        QStringLiteral("Render the first screen of FILE offscreen into OUT.png and exit (0, or 2 "
                       "with a message); with --size and --theme."),
        QStringLiteral("OUT.png")});
    parser.addOption({QStringLiteral("size"),
        QStringLiteral("The screenshot's size in pixels (default 1366x768)."),
        QStringLiteral("WxH")});
    parser.addOption({QStringLiteral("scale"),
        QStringLiteral("The screenshot's device pixel ratio, 1 to 3 (2: a HiDPI screen; the image "
                       "is then twice --size)."),
        QStringLiteral("F")});
    parser.addOption({QStringLiteral("theme"),
        QStringLiteral("light, dark or system (default: as chosen in View > Theme)."),
        QStringLiteral("THEME")});
    parser.addOption({QStringLiteral("policy"),
        QStringLiteral("Add the gate policy in FILE to the shipped one; it can only make the "
                       "guarded confirm stricter (repeatable)."),
        QStringLiteral("FILE")});
}

// --help and --version answer on a terminal, with no display needed.
bool onlyText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"-h", "--help", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

void name(QCoreApplication &app)
{
    app.setApplicationName(QStringLiteral("blastguard"));
    app.setOrganizationName(QStringLiteral("Blastguard"));
    app.setApplicationVersion(bg::core::toolVersion());
}

// The value after `option` on the command line, before Qt parses it (the platform and the
// scale must be set before QApplication exists).
QByteArray earlyValue(int argc, char *argv[], const char *option)
{
    const size_t length = std::strlen(option);
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], option) == 0 && i + 1 < argc)
            return argv[i + 1];
        if (std::strncmp(argv[i], option, length) == 0 && argv[i][length] == '=')
            return argv[i] + length + 1;
    }
    return {};
}

int fail(const QString &message)
{
    std::fprintf(stderr, "blastguard: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    bg::core::memory::useLargePages(); // first: before anything large is allocated
    if (onlyText(argc, argv)) {
        QCoreApplication app(argc, argv);
        name(app);
        QCommandLineParser parser;
        describe(parser);
        parser.process(app);
        return 0;
    }
    // A screenshot renders offscreen, whatever display there is, and never touches the user's
    // settings (layout, recent files, theme).
    const bool screenshot = !earlyValue(argc, argv, "--screenshot").isEmpty();
    std::optional<QTemporaryDir> screenshotSettings;
    if (screenshot) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        const QByteArray scale = earlyValue(argc, argv, "--scale");
        bool ok = true;
        const double factor = scale.isEmpty() ? 1.0 : scale.toDouble(&ok);
        if (!ok || factor < 1 || factor > 3) {
            std::fprintf(
                stderr, "blastguard: --scale %s: give a number from 1 to 3\n", scale.constData());
            return 2;
        }
        qputenv("QT_SCALE_FACTOR", QByteArray::number(factor));
    }
    QApplication app(argc, argv);
    name(app);
    if (screenshot) {
        screenshotSettings.emplace();
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, screenshotSettings->path());
    }
    QApplication::setApplicationDisplayName(QStringLiteral("Blastguard"));
    QGuiApplication::setDesktopFileName(QStringLiteral("blastguard"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("blastguard")));

    QCommandLineParser parser;
    describe(parser);
    parser.process(app);

    // The shipped rules and policy (embedded), then the user's additions, as the CLI reads them.
    auto rules = bg::core::RuleSet::loadDefaultAnd(parser.values(QStringLiteral("rules")));
    auto policy = bg::core::Policy::loadDefaultAnd(parser.values(QStringLiteral("policy")));
    if (!rules || !policy) {
        const bg::core::Error &error = rules ? policy.error() : rules.error();
        QMessageBox::critical(nullptr, QStringLiteral("Blastguard"), error.toString());
        return 2;
    }
    std::optional<bg::ui::Theme> theme = bg::ui::savedTheme();
    if (parser.isSet(QStringLiteral("theme"))) {
        theme = bg::ui::themeFromName(parser.value(QStringLiteral("theme")));
        if (!theme)
            return fail(QStringLiteral("--theme %1: choose light, dark or system")
                            .arg(parser.value(QStringLiteral("theme"))));
    }
    if (*theme != bg::ui::Theme::System)
        bg::ui::applyTheme(*theme);
    bg::ui::MainWindow window(std::move(*rules), std::move(*policy));
    if (screenshot) {
        bg::ui::ScreenshotRequest request;
        request.out = parser.value(QStringLiteral("screenshot"));
        const auto size = bg::ui::parseScreenSize(parser.isSet(QStringLiteral("size"))
                ? parser.value(QStringLiteral("size"))
                : QStringLiteral("1366x768"));
        if (!size)
            return fail(size.error().toString());
        const double factor = qEnvironmentVariable("QT_SCALE_FACTOR").toDouble();
        request.size = factor > 1
            ? QSize(qRound(size->width() / factor), qRound(size->height() / factor))
            : *size;
        request.files = parser.positionalArguments();
        request.estate = parser.values(QStringLiteral("estate"));
        if (const bg::core::Status taken = bg::ui::takeScreenshot(window, request); !taken)
            return fail(taken.error().toString());
        return 0;
    }
    window.show();
    if (parser.isSet(QStringLiteral("estate")))
        window.setEstate(parser.values(QStringLiteral("estate")));
    window.openFiles(parser.positionalArguments());
    return app.exec();
}
