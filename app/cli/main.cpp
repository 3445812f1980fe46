// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// blastguard-cli: the headless reports. Exit codes: 0 ok, 1 usage error, 2 input error.
#include "core/analysis.h"
#include "core/loader.h"
#include "core/report.h"
#include "core/resourcelocator.h"
#include "core/statediff.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

using namespace bg::core;

namespace {

enum ExitCode { Ok = 0, UsageError = 1, InputError = 2 };

const char *const Usage = R"(Commands:
  report PLAN_OR_STATE          what the plan destroys and which data it loses
  what-if STATE --destroy ADDRESS...
                                what `terraform destroy -target` would take
                                (--all: a full destroy)
  diff OLD_STATE NEW_STATE      what was lost, added and changed between two states)";

int fail(const QString &message, int code)
{
    QTextStream(stderr) << "blastguard-cli: " << message << Qt::endl;
    return code;
}

struct Context {
    QCommandLineParser &parser;
    RuleSet rules;
    ReportFormat format = ReportFormat::Text;
    QStringList inputs;
};

int writeOutput(const Context &ctx, const QByteArray &bytes)
{
    const QString output = ctx.parser.value(QStringLiteral("output"));
    if (output.isEmpty() || output == QLatin1String("-")) {
        fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        fflush(stdout);
        return Ok;
    }
    const QString target = QFileInfo(output).absoluteFilePath();
    for (const QString &input : ctx.inputs) {
        if (QFileInfo(input).absoluteFilePath() == target)
            return fail(QStringLiteral("%1: refusing to write the report over an input file").arg(output), UsageError);
    }
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(QStringLiteral("%1: cannot write: %2").arg(output, file.errorString()), InputError);
    return Ok;
}

std::optional<Document> load(Context &ctx, const QString &path)
{
    ctx.inputs.append(path);
    LoadResult result = loadDocument(path);
    if (!result.ok()) {
        fail(result.error->toString(), InputError);
        return std::nullopt;
    }
    return std::move(result.document);
}

int report(Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(QStringLiteral("report takes one plan or state file"), UsageError);
    auto doc = load(ctx, args[0]);
    if (!doc)
        return InputError;
    return writeOutput(ctx, renderReport(analyse(std::move(*doc), ctx.rules), ctx.rules, ctx.format));
}

int whatIf(Context &ctx, const QStringList &args)
{
    if (args.isEmpty())
        return fail(QStringLiteral("what-if takes a state (or plan) file"), UsageError);
    QStringList targets = ctx.parser.values(QStringLiteral("destroy")) + args.mid(1);
    const bool all = ctx.parser.isSet(QStringLiteral("all"));
    if (targets.isEmpty() != all)
        return fail(QStringLiteral("what-if needs either --destroy ADDRESS... or --all"), UsageError);
    auto doc = load(ctx, args[0]);
    if (!doc)
        return InputError;
    QStringList unknown;
    Analysis analysis = analyseWhatIf(std::move(*doc), ctx.rules, targets, &unknown);
    if (!unknown.isEmpty())
        return fail(QStringLiteral("%1: no resource matches %2").arg(args[0], unknown.join(QStringLiteral(", "))),
                    InputError);
    return writeOutput(ctx, renderReport(analysis, ctx.rules, ctx.format));
}

int diff(Context &ctx, const QStringList &args)
{
    if (args.size() != 2)
        return fail(QStringLiteral("diff takes two state files: OLD_STATE NEW_STATE"), UsageError);
    auto older = load(ctx, args[0]);
    if (!older)
        return InputError;
    auto newer = load(ctx, args[1]);
    if (!newer)
        return InputError;
    for (const Document *d : {&*older, &*newer}) {
        if (d->kind == DocumentKind::Plan)
            return fail(QStringLiteral("%1: diff compares states; this is a plan").arg(d->path), InputError);
    }
    return writeOutput(ctx, renderDiff(diffStates(std::move(*older), *newer, ctx.rules), ctx.rules, ctx.format));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("blastguard-cli"));
    QCoreApplication::setApplicationVersion(toolVersion());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shows what a Terraform or OpenTofu plan would destroy, and which data it loses.\n\n")
        + QLatin1String(Usage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("report, what-if or diff"));
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("the input files"), QStringLiteral("FILE..."));
    parser.addOptions({
        {{QStringLiteral("f"), QStringLiteral("format")}, QStringLiteral("text, markdown or json (default text)."),
         QStringLiteral("format"), QStringLiteral("text")},
        {{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Write to FILE instead of standard output."),
         QStringLiteral("FILE")},
        {QStringLiteral("rules"), QStringLiteral("Add the risk rules in FILE to the defaults."), QStringLiteral("FILE")},
        {QStringLiteral("destroy"), QStringLiteral("what-if: the address to destroy (repeatable)."),
         QStringLiteral("ADDRESS")},
        {QStringLiteral("all"), QStringLiteral("what-if: destroy everything.")},
    });
    if (!parser.parse(QCoreApplication::arguments())) {
        fail(parser.errorText(), UsageError);
        parser.showHelp(UsageError);
    }
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(Ok);

    QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        parser.showHelp(UsageError);
    const QString command = args.takeFirst();

    Context ctx{parser, {}, ReportFormat::Text, {}};
    const auto format = reportFormatFrom(parser.value(QStringLiteral("format")));
    if (!format)
        return fail(QStringLiteral("unknown format \"%1\" (text, markdown or json)").arg(parser.value(QStringLiteral("format"))),
                    UsageError);
    ctx.format = *format;

    LoadError error;
    auto rules = RuleSet::loadDefault(&error);
    if (!rules)
        return fail(error.toString(), InputError);
    ctx.rules = std::move(*rules);
    if (parser.isSet(QStringLiteral("rules"))) {
        auto extra = RuleSet::load(parser.value(QStringLiteral("rules")), &error);
        if (!extra)
            return fail(error.toString(), InputError);
        ctx.rules.merge(*extra);
    }

    if (command == QLatin1String("report"))
        return report(ctx, args);
    if (command == QLatin1String("what-if"))
        return whatIf(ctx, args);
    if (command == QLatin1String("diff"))
        return diff(ctx, args);
    fail(QStringLiteral("unknown command \"%1\"").arg(command), UsageError);
    parser.showHelp(UsageError);
}
