// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// postmortem PLAN_OR_STATE --apply-log LOG [--cloudtrail FILE...]: what really happened, from
// the records, laid over the plan (core/postmortem/postmortem.h).
#include "cli.h"
#include "core/files.h"
#include "core/postmortem/postmortemreport.h"
#include "core/review/scenarios.h"

namespace bg::cli {

using namespace core;

int postmortem(Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(QStringLiteral("postmortem takes one plan or state file"), UsageError);
    const auto format = reportFormat(ctx);
    if (!format)
        return UsageError;
    QString applyLog = ctx.option("apply-log");
    QStringList cloudLogs = ctx.parser.values(QStringLiteral("cloudtrail"));
    // A scenario brings its own records, unless others are named.
    if (!ctx.scenario.isEmpty() && applyLog.isEmpty() && cloudLogs.isEmpty()) {
        const Result<Scenario> scenario = findScenario(ctx.scenario);
        if (!scenario)
            return fail(scenario.error().toString(), InputError);
        applyLog = scenario->applyLog;
        cloudLogs = scenario->cloudLogs;
    }
    if (applyLog.isEmpty() && cloudLogs.isEmpty()) {
        return fail(QStringLiteral("postmortem needs the records: --apply-log LOG (terraform apply "
                                   "-json), --cloudtrail FILE, or both"),
            UsageError);
    }
    if (files::isStandardStream(applyLog) && cloudLogs.contains(QStringLiteral("-")))
        return fail(QStringLiteral("only one record can be read from standard input"), UsageError);
    auto doc = load(ctx, args[0]);
    if (!doc)
        return InputError;
    std::optional<ApplyLog> log;
    if (!applyLog.isEmpty()) {
        ctx.inputs.append(applyLog);
        Result<ApplyLog> read = readApplyLog(applyLog);
        if (!read)
            return fail(read.error().toString(), InputError);
        log = std::move(*read);
    }
    std::optional<CloudLog> cloud;
    if (!cloudLogs.isEmpty()) {
        ctx.inputs += cloudLogs;
        Result<CloudLog> read = readCloudLogs(cloudLogs);
        if (!read)
            return fail(read.error().toString(), InputError);
        // Nothing read at all: the postmortem would say "none" of what it cannot know.
        if (read->records == 0) {
            return fail(QStringLiteral("%1: no record could be read%2")
                            .arg(cloudLogs.join(QStringLiteral(", ")),
                                read->problems.empty() ? QString()
                                                       : QStringLiteral(" (%1)").arg(recordText(
                                                           read->problems.front().toString()))),
                InputError);
        }
        cloud = std::move(*read);
    }
    // A state is read as what a destroy of it does; a plan as itself.
    Analysis analysis = doc->kind == DocumentKind::Plan
        ? analysed(ctx, std::move(*doc))
        : analyseWhatIf(std::move(*doc), ctx.rules, {});
    const Postmortem result
        = buildPostmortem(analysis, ctx.rules, log ? &*log : nullptr, cloud ? &*cloud : nullptr);
    const int code = writeOutput(ctx, renderPostmortem(result, *format));
    leaveAtExit(ctx, std::move(analysis));
    return code;
}

} // namespace bg::cli
