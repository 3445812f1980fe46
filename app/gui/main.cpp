// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// blastguard: the desktop reviewer. `blastguard [FILE...]` opens plans and states.
#include "ui/mainwindow.h"

#include "core/resourcelocator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("blastguard"));
    QApplication::setOrganizationName(QStringLiteral("Blastguard"));
    QApplication::setApplicationDisplayName(QStringLiteral("Blastguard"));
    QApplication::setApplicationVersion(bg::core::toolVersion());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Shows what a Terraform or OpenTofu plan would destroy, "
                                                    "and which data it loses."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Plans or states to open."),
                                 QStringLiteral("[FILE...]"));
    parser.addOption({QStringLiteral("rules"), QStringLiteral("Add the risk rules in FILE to the defaults."),
                      QStringLiteral("FILE")});
    parser.process(app);

    bg::core::LoadError error;
    auto rules = bg::core::RuleSet::loadDefault(&error);
    if (rules && parser.isSet(QStringLiteral("rules"))) {
        auto extra = bg::core::RuleSet::load(parser.value(QStringLiteral("rules")), &error);
        if (extra)
            rules->merge(*extra);
        else
            rules.reset();
    }
    if (!rules) {
        QMessageBox::critical(nullptr, QStringLiteral("Blastguard"), error.toString());
        return 2;
    }
    bg::ui::MainWindow window(std::move(*rules));
    window.show();
    window.openFiles(parser.positionalArguments());
    return app.exec();
}
