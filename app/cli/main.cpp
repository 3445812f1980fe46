// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// blastguard-cli: the headless reports, the graph, and the gate that stands between a plan and
// `terraform apply`. Exit codes: 0 ok, 1 usage error, 2 input error, 3 gate blocked, 4 (apply)
// terraform apply failed.
#include "cli.h"
#include "core/memory.h"
#include "core/resourcelocator.h"
#include "core/review/scenarios.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdio>
#include <cstdlib>
#include <map>

using namespace bg::core;
using namespace bg::cli;
using namespace Qt::StringLiterals;

namespace {

const char *const Usage = R"(Commands:
  report PLAN_OR_STATE          what the plan destroys and which data it loses
                                (--format text|markdown|json; markdown fits a
                                pull-request comment)
  what-if STATE --destroy ADDRESS...
                                what `terraform destroy -target` would take
                                (--all: a full destroy)
  details PLAN_OR_STATE ADDRESS one resource's attributes before and after,
                                secrets masked (--format text|json)
  diff OLD_STATE NEW_STATE      what was lost, added and changed between two states
  graph PLAN_OR_STATE [--format svg|dot] [--focus ADDRESS]
                                the blast radius drawn by Graphviz (default svg)
  gate PLAN [--approval FILE --allowed-signers FILE]
                                exit 0 only when the plan has no critical finding
                                and no state-safety warning under the policy, or
                                a signed approval covers this very plan;
                                otherwise exit 3 and every reason why
  approve PLAN -o FILE --key KEY [--cosign]
                                approve a plan at a terminal (a person, not a
                                script: stdin and stdout must be a terminal) and
                                sign the record with an SSH key (FILE.sig);
                                --cosign adds a signature to FILE (FILE.sig.N)
  apply PLANFILE --approval FILE --allowed-signers SIGNERS [-- TERRAFORM_ARGS]
                                the guarded apply of a saved plan (terraform
                                plan -out): a private copy is shown as JSON,
                                gated, checked unchanged and only then applied
                                with terraform apply (exit 4: terraform failed)
  saved-by PLAN_OR_STATE [--with ID[,ID...]]
                                what would have saved you: the run again with
                                each protection (deletion_protection, a final
                                snapshot, retained backups, prevent_destroy,
                                state locking) alone, then all together; a
                                state is run as a full destroy, OLD_STATE
                                NEW_STATE as what was lost between them
  estate DIR... [--format text|json]
                                the stacks (states and plans) found in the
                                folders and the links between them
  --estate DIR (report, what-if, gate, approve)
                                what the destroys break in the estate's other
                                stacks; --stack NAME names the file's own stack
  postmortem PLAN_OR_STATE --apply-log LOG [--cloudtrail FILE...]
                                what really happened, from the records: the
                                apply log (terraform apply -json) and the
                                cloud's audit logs (CloudTrail, also .json.gz
                                and one event a line; Google Cloud audit logs;
                                Azure activity logs) laid over the plan: the
                                timeline, the first data loss, the deletes
                                outside Terraform, where the record and the
                                model disagree (--format text|markdown|json)
  scenarios [--format json]     the bundled teaching scenarios; every command
                                takes scenario:NAME in place of a file
                                (diff and saved-by scenario:NAME compare its
                                state pair)

Exit codes: 0 ok, 1 usage error, 2 input error, 3 gate blocked (or not approved),
4 terraform apply failed (apply).)";

// Which options each command reads; any other one given is a usage error, so that nothing a
// user typed is silently ignored.
const std::map<QString, QStringList> CommandOptions = {
    {QStringLiteral("report"),
        {u"format"_s, u"output"_s, u"rules"_s, u"policy"_s, u"estate"_s, u"stack"_s, u"color"_s}},
    {QStringLiteral("what-if"),
        {u"format"_s, u"output"_s, u"rules"_s, u"policy"_s, u"destroy"_s, u"all"_s, u"estate"_s,
            u"stack"_s, u"color"_s}},
    {QStringLiteral("estate"), {u"format"_s, u"output"_s, u"rules"_s, u"stack"_s, u"color"_s}},
    {QStringLiteral("diff"), {u"format"_s, u"output"_s, u"rules"_s, u"color"_s}},
    {QStringLiteral("details"), {u"format"_s, u"output"_s, u"rules"_s, u"color"_s}},
    {QStringLiteral("graph"), {u"format"_s, u"output"_s, u"rules"_s, u"policy"_s, u"focus"_s}},
    {QStringLiteral("gate"),
        {u"approval"_s, u"allowed-signers"_s, u"rules"_s, u"policy"_s, u"estate"_s, u"stack"_s,
            u"color"_s}},
    {QStringLiteral("approve"),
        {u"output"_s, u"key"_s, u"cosign"_s, u"rules"_s, u"policy"_s, u"estate"_s, u"stack"_s}},
    {QStringLiteral("apply"), {u"approval"_s, u"allowed-signers"_s, u"rules"_s, u"policy"_s}},
    {QStringLiteral("saved-by"), {u"format"_s, u"output"_s, u"rules"_s, u"with"_s, u"color"_s}},
    {QStringLiteral("scenarios"), {u"format"_s}},
    {QStringLiteral("postmortem"),
        {u"format"_s, u"output"_s, u"rules"_s, u"apply-log"_s, u"cloudtrail"_s}},
};

// `scenarios`: name — title — summary, one a line; --format json gives an array of objects
// (with an "estate" folder only where the scenario has one).
int listScenarios(const QCommandLineParser &parser, const QStringList &args)
{
    if (!args.isEmpty())
        return fail(QStringLiteral("scenarios takes no arguments"), UsageError);
    const QString format = parser.isSet(QStringLiteral("format"))
        ? parser.value(QStringLiteral("format"))
        : QStringLiteral("text");
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return fail(QStringLiteral("unknown format \"%1\" (text or json)").arg(format), UsageError);
    const Result<std::vector<Scenario>> bundled = bundledScenarios();
    if (!bundled)
        return fail(bundled.error().toString(), InputError);
    const std::vector<Scenario> &scenarios = *bundled;
    if (scenarios.empty())
        return fail(QStringLiteral("no bundled scenarios"), InputError);
    QTextStream out(stdout);
    if (format == QLatin1String("json")) {
        QJsonArray array;
        for (const Scenario &s : scenarios) {
            QJsonObject object {{QStringLiteral("name"), s.name},
                {QStringLiteral("title"), s.title}, {QStringLiteral("summary"), s.summary},
                {QStringLiteral("lesson"), s.lesson},
                {QStringLiteral("files"), QJsonArray::fromStringList(s.files)},
                {QStringLiteral("compare"), QJsonArray::fromStringList(s.compare)}};
            if (!s.estate.isEmpty())
                object.insert(QStringLiteral("estate"), s.estate);
            array.append(object);
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Ok;
    }
    for (const Scenario &s : scenarios)
        out << s.name << QStringLiteral(" — ") << s.title << QStringLiteral(" — ") << s.summary
            << Qt::endl;
    return Ok;
}

// The one place where scenario:NAME becomes files: the first argument (diff, saved-by: every
// argument) is resolved; `diff scenario:NAME` or `saved-by scenario:NAME` alone takes the
// scenario's compare pair. *lesson is the
// scenario's lesson, for the report to start with. False after printing why (exit 2).
bool resolveScenarioArguments(
    const QString &command, QStringList *args, QString *lesson, QString *estate)
{
    const bool pairs = command == QLatin1String("diff") || command == QLatin1String("saved-by");
    for (qsizetype i = 0; i < args->size() && (pairs || i == 0); ++i) {
        const QString argument = args->at(i);
        if (!isScenarioArgument(argument))
            continue;
        const Result<Scenario> scenario = findScenario(argument.mid(9));
        if (!scenario) {
            fail(scenario.error().toString(), InputError);
            return false;
        }
        if (lesson->isEmpty())
            *lesson = scenario->lesson;
        if (estate->isEmpty())
            *estate = scenario->estate;
        if (pairs && args->size() == 1 && !scenario->compare.isEmpty()) {
            *args = scenario->compare;
            return true;
        }
        (*args)[i] = scenario->files.constFirst();
    }
    return true;
}

int dispatch(bg::cli::Context &ctx, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("report"))
        return report(ctx, args);
    if (command == QLatin1String("what-if"))
        return whatIf(ctx, args);
    if (command == QLatin1String("diff"))
        return diff(ctx, args);
    if (command == QLatin1String("graph"))
        return graph(ctx, args);
    if (command == QLatin1String("gate"))
        return gate(ctx, args);
    if (command == QLatin1String("saved-by"))
        return savedBy(ctx, args);
    if (command == QLatin1String("details"))
        return details(ctx, args);
    if (command == QLatin1String("estate"))
        return estate(ctx, args);
    if (command == QLatin1String("apply"))
        return apply(ctx, args);
    if (command == QLatin1String("postmortem"))
        return postmortem(ctx, args);
    return approve(ctx, args);
}

} // namespace

int main(int argc, char *argv[])
{
    bg::core::memory::useLargePages(); // first: before anything large is allocated
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("blastguard-cli"));
    QCoreApplication::setApplicationVersion(toolVersion());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Shows what a Terraform or OpenTofu plan would destroy, and which data it loses.\n\n")
        + QLatin1String(Usage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
        QStringLiteral(
            "report, what-if, diff, details, graph, gate, approve, apply, saved-by, estate, "
            "postmortem or scenarios"));
    parser.addPositionalArgument(
        QStringLiteral("files"), QStringLiteral("the input files"), QStringLiteral("FILE..."));
    parser.addOptions({
        {{QStringLiteral("f"), QStringLiteral("format")},
            QStringLiteral("report, what-if, diff, saved-by, postmortem: text, markdown or json "
                           "(default text). details: "
                           "text or json. graph: svg or dot (default svg)."),
            QStringLiteral("format")},
        {{QStringLiteral("o"), QStringLiteral("output")},
            QStringLiteral("Write to FILE instead of standard output."), QStringLiteral("FILE")},
        {QStringLiteral("rules"),
            QStringLiteral("Add the risk rules in FILE to the shipped ones; it can only add "
                           "(repeatable)."),
            QStringLiteral("FILE")},
        {QStringLiteral("policy"),
            QStringLiteral("Add the gate policy in FILE to the shipped one (protected resources, "
                           "which findings need an approval, its maximum age); it can only make "
                           "the gate stricter (repeatable)."),
            QStringLiteral("FILE")},
        {QStringLiteral("approval"),
            QStringLiteral(
                "gate: the approval record to check (written by approve or the desktop app)."),
            QStringLiteral("FILE")},
        {QStringLiteral("allowed-signers"),
            QStringLiteral("gate, apply: the OpenSSH allowed_signers file that says whose "
                           "signatures count (namespace blastguard-approval)."),
            QStringLiteral("FILE")},
        {QStringLiteral("key"),
            QStringLiteral("approve: the SSH key that signs the approval (ssh-keygen -Y sign)."),
            QStringLiteral("KEY")},
        {QStringLiteral("cosign"),
            QStringLiteral("approve: add your signature to the approval already in -o FILE.")},
        {QStringLiteral("destroy"), QStringLiteral("what-if: the address to destroy (repeatable)."),
            QStringLiteral("ADDRESS")},
        {QStringLiteral("all"), QStringLiteral("what-if: destroy everything.")},
        {QStringLiteral("with"),
            QStringLiteral("saved-by: only these protections, together (ids, comma-separated)."),
            QStringLiteral("ID[,ID...]")},
        {QStringLiteral("estate"),
            QStringLiteral("report, what-if, gate, approve: read the stacks in DIR (recursively) "
                           "and name what the destroys break in them (repeatable)."),
            QStringLiteral("DIR")},
        {QStringLiteral("stack"),
            QStringLiteral("With --estate or estate: NAME=FILE adds FILE as stack NAME; NAME alone "
                           "says which stack the file under review is (repeatable)."),
            QStringLiteral("NAME[=FILE]")},
        {QStringLiteral("color"),
            QStringLiteral("report, what-if, diff, saved-by, details, estate, gate: colour the "
                           "text: auto (only on a terminal, not with NO_COLOR set), always or "
                           "never."),
            QStringLiteral("WHEN")},
        {QStringLiteral("apply-log"),
            QStringLiteral("postmortem: the apply's log, as terraform apply -json (or destroy "
                           "-json) wrote it."),
            QStringLiteral("LOG")},
        {QStringLiteral("cloudtrail"),
            QStringLiteral("postmortem: the cloud's audit log: CloudTrail files ({\"Records\": "
                           "[...]}, .json.gz, one event a line), Google Cloud audit logs, Azure "
                           "activity logs (repeatable)."),
            QStringLiteral("FILE")},
        {QStringLiteral("focus"),
            QStringLiteral("graph: draw only this resource's radius and what pulls it in."),
            QStringLiteral("ADDRESS")},
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
    const auto allowed = CommandOptions.find(command);
    if (allowed == CommandOptions.end()) {
        fail(QStringLiteral("unknown command \"%1\"").arg(command), UsageError);
        parser.showHelp(UsageError);
    }
    for (const QString &name : parser.optionNames()) {
        const QString canonical = name == QLatin1String("f") ? QStringLiteral("format")
            : name == QLatin1String("o")                     ? QStringLiteral("output")
                                                             : name;
        if (!allowed->second.contains(canonical))
            return fail(
                QStringLiteral("%1 does not take --%2").arg(command, canonical), UsageError);
    }

    if (command == QLatin1String("scenarios"))
        return listScenarios(parser, args);
    QString lesson, scenarioEstate;
    const QString scenarioName = !args.isEmpty() && isScenarioArgument(args.constFirst())
        ? args.constFirst().mid(9)
        : QString();
    // apply takes a saved binary plan, which no scenario is.
    if (command != QLatin1String("apply")
        && !resolveScenarioArguments(command, &args, &lesson, &scenarioEstate))
        return InputError;

    Context ctx {parser, {}, {}, {}, lesson, scenarioEstate, false, ColourMode::Auto, false, {},
        scenarioName, {}};
    for (const char *option : {"rules", "policy", "allowed-signers"})
        ctx.inputs += parser.values(QLatin1String(option));
    // The shipped rules and policy (embedded in the binary), then the user's files in the order
    // given, each of which can only add to them. Malformed, or an attempt to loosen them, is an
    // input error (exit 2) naming the file, never a silent default.
    Result<RuleSet> rules = RuleSet::loadDefaultAnd(parser.values(QStringLiteral("rules")));
    if (!rules)
        return fail(rules.error().toString(), InputError);
    ctx.rules = std::move(*rules);
    Result<Policy> policy = Policy::loadDefaultAnd(parser.values(QStringLiteral("policy")));
    if (!policy)
        return fail(policy.error().toString(), InputError);
    if (const QStringList unknown = policy->unknownCodes(ctx.rules); !unknown.isEmpty())
        return fail(QStringLiteral("%1: critical_findings.codes names %2, which no rule raises")
                        .arg(policy->sources.files().constLast().name(),
                            unknown.join(QStringLiteral(", "))),
            InputError);
    ctx.policy = std::move(*policy);
    ctx.fixedTerraform = command == QLatin1String("gate") || command == QLatin1String("approve")
        || command == QLatin1String("apply");
    const QString format = parser.value(QStringLiteral("format"));
    ctx.textOutput = (format.isEmpty() || format == QLatin1String("text"))
        && QStringList {QStringLiteral("report"), QStringLiteral("what-if"), QStringLiteral("diff"),
            QStringLiteral("saved-by"), QStringLiteral("details"), QStringLiteral("estate")}
               .contains(command);
    if (parser.isSet(QStringLiteral("color"))) {
        const auto mode = colourModeFromName(parser.value(QStringLiteral("color")));
        if (!mode)
            return fail(QStringLiteral("--color %1: choose auto, always or never")
                            .arg(parser.value(QStringLiteral("color"))),
                UsageError);
        ctx.colour = *mode;
    }

    // Memory that runs out is an error that says so (exit 2: a gate blocks), not an abort.
    try {
        const int code = dispatch(ctx, command, args);
#ifndef BG_SANITIZER_ALLOCATOR
        // What the command left (leaveAtExit) goes back to the system whole: its output is
        // written and committed, and stdio's buffers are flushed here.
        if (!ctx.leftAtExit.empty()) {
            std::fflush(nullptr);
            std::_Exit(code);
        }
#endif
        return code;
    } catch (const std::bad_alloc &) {
        return fail(QStringLiteral("not enough memory for %1").arg(command), InputError);
    }
}
