// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The commands that describe a file: report, what-if, diff and graph.
#include "cli.h"
#include "colour.h"
#include "core/files.h"
#include "core/layout/viewgraph.h"
#include "core/loading/loader.h"
#include "core/report/report.h"
#include "core/review/statediff.h"

#include <QFileInfo>
#include <QTextStream>
#include <cstdio>

namespace bg::cli {

using namespace core;

std::optional<ReportFormat> reportFormat(const Context &ctx)
{
    const QString name = ctx.isSet("format") ? ctx.option("format") : QStringLiteral("text");
    const auto format = reportFormatFrom(name);
    if (!format)
        fail(
            QStringLiteral("unknown format \"%1\" (text, markdown or json)").arg(name), UsageError);
    return format;
}

namespace {

// A scenario's report starts with its lesson, so that it is the first thing read. Only text
// and markdown: JSON stays blastguard.report/v1 as it is.
QByteArray withLesson(const Context &ctx, ReportFormat format, const QByteArray &bytes)
{
    if (ctx.lesson.isEmpty() || format == ReportFormat::Json)
        return bytes;
    const QString line = format == ReportFormat::Markdown
        ? QStringLiteral("**Lesson:** %1\n\n").arg(ctx.lesson)
        : QStringLiteral("Lesson: %1\n\n").arg(ctx.lesson);
    return line.toUtf8() + bytes;
}

// What `produce` gives the sink goes to --output (standard output without one) as it is made:
// through files::OutputFile, so a failed run leaves no half-written file. A target that may not
// be written (an input, a link, a FIFO, a device) is a usage error; a write that fails is an
// input/output error. Text may be coloured (--color): on a terminal by default, anywhere when
// asked; coloured text is gathered whole first, since colouring reads it whole.
int writeStreamed(Context &ctx, const std::function<void(const ByteSink &)> &produce)
{
    const QString output
        = ctx.option("output").isEmpty() ? QStringLiteral("-") : ctx.option("output");
    if (const Status writable = files::checkWritable(output, ctx.inputs); !writable)
        return fail(writable.error().toString(), UsageError);
    Result<std::unique_ptr<files::OutputFile>> file = files::OutputFile::open(output, ctx.inputs);
    if (!file)
        return fail(file.error().toString(), InputError);
    files::OutputFile &out = **file;
    if (ctx.textOutput && wantsColour(ctx.colour, files::isStandardStream(output))) {
        QByteArray whole;
        produce([&whole](QByteArrayView piece) { whole.append(piece); });
        out.write(coloured(QString::fromUtf8(whole)).toUtf8());
    } else {
        produce([&out](QByteArrayView piece) { out.write(piece); });
    }
    if (const Status written = out.commit(); !written)
        return fail(written.error().toString(), InputError);
    return Ok;
}

// The report goes to its output as it is made (core's writeReport), never whole in memory.
int writeReportOutput(Context &ctx, const Analysis &a, ReportFormat format)
{
    return writeStreamed(ctx, [&](const ByteSink &sink) {
        sink(withLesson(ctx, format, {}));
        writeReport(a, ctx.rules, format, sink);
    });
}

} // namespace

int fail(const QString &message, int code)
{
    QTextStream(stderr) << "blastguard-cli: " << message << Qt::endl;
    return code;
}

int writeOutput(Context &ctx, const QByteArray &bytes)
{
    return writeStreamed(ctx, [&bytes](const ByteSink &sink) { sink(bytes); });
}

int oneNode(const Analysis &a, const QString &address, const QString &what, const QString &pickOne)
{
    int node = a.graph().find(address);
    if (node >= 0)
        return node;
    const std::vector<int> matched = a.graph().match(address);
    if (matched.size() == 1)
        return matched.front();
    if (matched.empty()) {
        fail(QStringLiteral("%1: %2: no resource matches %3").arg(a.document().path, what, address),
            InputError);
    } else {
        QStringList some;
        for (size_t i = 0; i < matched.size() && i < 3; ++i)
            some.append(a.document().resources[matched[i]].id);
        fail(QStringLiteral("%1: %2: %3 names %4 resources; %5, e.g. %6")
                 .arg(a.document().path, what, address, QString::number(matched.size()), pickOne,
                     some.join(QStringLiteral(", "))),
            InputError);
    }
    return -1;
}

Analysis analysed(const Context &ctx, Document document)
{
    Analysis a = analyse(std::move(document), ctx.rules);
    applyPolicy(a, ctx.policy);
    return a;
}

int report(Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(QStringLiteral("report takes one plan or state file"), UsageError);
    const auto format = reportFormat(ctx);
    if (!format)
        return UsageError;
    auto doc = load(ctx, args[0]);
    if (!doc)
        return InputError;
    Analysis a = analysed(ctx, std::move(*doc));
    if (const int code = applyEstateOption(ctx, a); code != Ok)
        return code;
    const int code = writeReportOutput(ctx, a, *format);
    leaveAtExit(ctx, std::move(a));
    return code;
}

int whatIf(Context &ctx, const QStringList &args)
{
    if (args.isEmpty())
        return fail(QStringLiteral("what-if takes a state (or plan) file"), UsageError);
    const auto format = reportFormat(ctx);
    if (!format)
        return UsageError;
    const QStringList targets = ctx.parser.values(QStringLiteral("destroy")) + args.mid(1);
    if (targets.isEmpty() != ctx.isSet("all"))
        return fail(
            QStringLiteral("what-if needs either --destroy ADDRESS... or --all"), UsageError);
    auto doc = load(ctx, args[0]);
    if (!doc)
        return InputError;
    QStringList unknown;
    Analysis analysis = analyseWhatIf(std::move(*doc), ctx.rules, targets, &unknown);
    if (!unknown.isEmpty())
        return fail(QStringLiteral("%1: no resource matches %2")
                        .arg(args[0], unknown.join(QStringLiteral(", "))),
            InputError);
    applyPolicy(analysis, ctx.policy);
    if (const int code = applyEstateOption(ctx, analysis); code != Ok)
        return code;
    const int code = writeReportOutput(ctx, analysis, *format);
    leaveAtExit(ctx, std::move(analysis));
    return code;
}

int diff(Context &ctx, const QStringList &args)
{
    if (args.size() != 2)
        return fail(QStringLiteral("diff takes two state files: OLD_STATE NEW_STATE"), UsageError);
    const auto format = reportFormat(ctx);
    if (!format)
        return UsageError;
    auto older = load(ctx, args[0]);
    if (!older)
        return InputError;
    auto newer = load(ctx, args[1]);
    if (!newer)
        return InputError;
    for (const Document *d : {&*older, &*newer}) {
        if (d->kind == DocumentKind::Plan)
            return fail(QStringLiteral("%1: diff compares states; this is a plan").arg(d->path),
                InputError);
    }
    StateDiff changes = diffStates(std::move(*older), *newer, ctx.rules);
    const int code
        = writeOutput(ctx, withLesson(ctx, *format, renderDiff(changes, ctx.rules, *format)));
    leaveAtExit(ctx, std::move(changes));
    leaveAtExit(ctx, std::move(*newer));
    return code;
}

int graph(Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(QStringLiteral("graph takes one plan or state file"), UsageError);
    const QString format = ctx.isSet("format") ? ctx.option("format") : QStringLiteral("svg");
    if (format != QLatin1String("svg") && format != QLatin1String("dot"))
        return fail(
            QStringLiteral("unknown graph format \"%1\" (svg or dot)").arg(format), UsageError);
    auto doc = load(ctx, args[0]);
    if (!doc)
        return InputError;
    Analysis a = analysed(ctx, std::move(*doc));
    const auto leaving = [&](int code) { // a bounded picture of a plan read whole
        leaveAtExit(ctx, std::move(a));
        return code;
    };
    // The GUI's bounds (ViewOptions' defaults): past maxNodes the blast radius first, then
    // modules folded, then only the most telling nodes, so Graphviz never gets an unbounded graph.
    ViewOptions options;
    if (ctx.isSet("focus")) {
        options.focus = oneNode(
            a, ctx.option("focus"), QStringLiteral("--focus"), QStringLiteral("focus on one"));
        if (options.focus < 0)
            return leaving(InputError);
    }
    const ViewGraph view = buildViewGraph(a, options);
    for (QString note : view.notes) // the view's words are the GUI's, which has a table
        QTextStream(stderr) << "blastguard-cli: note: "
                            << note.replace(QLatin1String("the table lists"),
                                   QLatin1String("`report` lists"))
                            << Qt::endl;
    const Result<QByteArray> out = renderGraph(view.request, format);
    if (!out)
        return leaving(
            fail(QStringLiteral("%1: %2").arg(args[0], out.error().message), InputError));
    return leaving(writeOutput(ctx, *out));
}

} // namespace bg::cli
