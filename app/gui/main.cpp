// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// blastguard: the desktop reviewer. `blastguard [FILE...]` opens plans and states.
#include "core/gate/policy.h"
#include "core/resourcelocator.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <cstring>

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

} // namespace

int main(int argc, char *argv[])
{
    if (onlyText(argc, argv)) {
        QCoreApplication app(argc, argv);
        name(app);
        QCommandLineParser parser;
        describe(parser);
        parser.process(app);
        return 0;
    }
    QApplication app(argc, argv);
    name(app);
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
    bg::ui::MainWindow window(std::move(*rules), std::move(*policy));
    window.show();
    if (parser.isSet(QStringLiteral("estate")))
        window.setEstate(parser.values(QStringLiteral("estate")));
    window.openFiles(parser.positionalArguments());
    return app.exec();
}
