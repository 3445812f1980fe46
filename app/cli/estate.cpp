// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate: `estate DIR...`, and --estate DIR around report, what-if, gate and approve.
#include "cli.h"
#include "core/estate/breaks.h"
#include "core/estate/surround.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bg::cli {

using namespace core;

namespace {

// --stack NAME=FILE adds a named stack; --stack NAME names the document's own stack.
bool stackOptions(const Context &ctx, EstateOptions *options, QString *ownName)
{
    for (const QString &value : ctx.parser.values(QStringLiteral("stack"))) {
        const qsizetype eq = value.indexOf(QLatin1Char('='));
        if (eq == 0 || value.trimmed().isEmpty()) {
            fail(QStringLiteral("--stack \"%1\": give NAME or NAME=FILE").arg(value), UsageError);
            return false;
        }
        if (eq < 0) {
            if (!ownName || !ownName->isEmpty()) {
                fail(QStringLiteral("--stack %1: name the file too (NAME=FILE)").arg(value),
                    UsageError);
                return false;
            }
            *ownName = value;
            continue;
        }
        options->named.emplace_back(value.left(eq), value.mid(eq + 1));
    }
    return true;
}

std::optional<Estate> readAndLink(Context &ctx, const EstateOptions &options)
{
    Result<Estate> estate = readEstate(options);
    if (!estate) {
        fail(estate.error().toString(), InputError);
        return std::nullopt;
    }
    for (const Stack &s : estate->stacks)
        ctx.inputs.append(s.file);
    return std::move(estate).value();
}

int managedCount(const Document &d)
{
    return int(std::count_if(d.resources.begin(), d.resources.end(),
        [](const Resource &r) { return !r.isData() && r.address.deposed.isEmpty(); }));
}

QJsonObject linkJson(const Estate &e, const StackLink &l)
{
    QJsonObject o {{QStringLiteral("stack"), e.stacks[size_t(l.stack)].name},
        {QStringLiteral("address"), e.stacks[size_t(l.stack)].node(l.node).id},
        {QStringLiteral("via"), l.via}, {QStringLiteral("value"), l.value},
        {QStringLiteral("depends_on_stack"), e.stacks[size_t(l.dependsOnStack)].name},
        {QStringLiteral("depends_on"), e.stacks[size_t(l.dependsOnStack)].node(l.dependsOnNode).id},
        {QStringLiteral("reason"), linkReasonName(l.reason)}};
    if (!l.dataSource.isEmpty()) {
        o.insert(QStringLiteral("data_source"), l.dataSource);
        o.insert(QStringLiteral("output"), l.output);
    }
    return o;
}

QByteArray estateJson(const Estate &e)
{
    QJsonArray stacks, links, shared, remote;
    for (const Stack &s : e.stacks)
        stacks.append(
            QJsonObject {{QStringLiteral("name"), s.name}, {QStringLiteral("file"), s.file},
                {QStringLiteral("kind"), documentKindName(s.document->kind)},
                {QStringLiteral("resources"), managedCount(*s.document)}});
    for (const StackLink &l : e.links)
        links.append(linkJson(e, l));
    for (const StackLink &l : e.sharedLinks)
        shared.append(linkJson(e, l));
    for (const RemoteStateLink &r : e.remoteStates) {
        QJsonObject o {{QStringLiteral("stack"), e.stacks[size_t(r.stack)].name},
            {QStringLiteral("data_source"), e.stacks[size_t(r.stack)].node(r.node).id},
            {QStringLiteral("reads_stack"),
                r.readsStack >= 0 ? QJsonValue(e.stacks[size_t(r.readsStack)].name) : QJsonValue()},
            {QStringLiteral("outputs"), QJsonArray::fromStringList(r.outputs)}};
        if (!r.note.isEmpty())
            o.insert(QStringLiteral("note"), r.note);
        remote.append(o);
    }
    return QJsonDocument(
        QJsonObject {{QStringLiteral("roots"), QJsonArray::fromStringList(e.roots)},
            {QStringLiteral("stacks"), stacks}, {QStringLiteral("links"), links},
            {QStringLiteral("shared_links"), shared}, {QStringLiteral("remote_states"), remote},
            {QStringLiteral("skipped"), QJsonArray::fromStringList(e.skipped)},
            {QStringLiteral("notes"), QJsonArray::fromStringList(e.notes)}})
        .toJson(QJsonDocument::Indented);
}

QByteArray estateText(const Estate &e)
{
    QString out;
    int resources = 0;
    for (const Stack &s : e.stacks)
        resources += managedCount(*s.document);
    out += QStringLiteral("Estate: %1 — %2 stacks, %3 resources, %4 links between stacks\n")
               .arg(e.roots.join(QStringLiteral(", ")))
               .arg(e.stacks.size())
               .arg(resources)
               .arg(e.links.size());
    out += QStringLiteral("\nStacks:\n");
    for (const Stack &s : e.stacks)
        out += QStringLiteral("  %1 — %2, %3 resources: %4\n")
                   .arg(s.name, documentKindName(s.document->kind))
                   .arg(managedCount(*s.document))
                   .arg(s.file);
    if (!e.links.empty())
        out += QStringLiteral("\nLinks (a resource uses another stack's):\n");
    // "  platform: aws_lb.web uses vpc-0f3a… (vpc_id) of network: aws_vpc.main"
    const auto linkLine = [&e](const StackLink &l, const QString &of) {
        const Stack &from = e.stacks[size_t(l.stack)];
        const Stack &to = e.stacks[size_t(l.dependsOnStack)];
        QString line = QStringLiteral("  %1: %2 uses %3 (%4) %5 %6: %7")
                           .arg(from.name, from.node(l.node).id, shortValue(l.value), l.via, of,
                               to.name, to.node(l.dependsOnNode).id);
        if (!l.dataSource.isEmpty())
            line += QStringLiteral(", read through %1 (output %2)").arg(l.dataSource, l.output);
        return line + QLatin1Char('\n');
    };
    for (const StackLink &l : e.links)
        out += linkLine(l, QStringLiteral("of"));
    if (!e.sharedLinks.empty())
        out += QStringLiteral("\nIds held in several stacks (each holder's destroy breaks the "
                              "user):\n");
    for (const StackLink &l : e.sharedLinks)
        out += linkLine(l, QStringLiteral("held by"));
    if (!e.remoteStates.empty())
        out += QStringLiteral("\nRemote states:\n");
    for (const RemoteStateLink &r : e.remoteStates) {
        const Stack &s = e.stacks[size_t(r.stack)];
        const QString source = s.node(r.node).id;
        out += r.readsStack >= 0 ? QStringLiteral("  %1: %2 reads stack %3 (outputs %4)\n")
                                       .arg(s.name, source, e.stacks[size_t(r.readsStack)].name,
                                           r.outputs.join(QStringLiteral(", ")))
                                 : QStringLiteral("  %1: %2 reads no stack of the estate: %3\n")
                                       .arg(s.name, source, r.note);
    }
    if (!e.skipped.isEmpty())
        out += QStringLiteral("\nSkipped:\n  ") + e.skipped.join(QStringLiteral("\n  "))
            + QLatin1Char('\n');
    if (!e.notes.isEmpty())
        out += QStringLiteral("\nNotes:\n  ") + e.notes.join(QStringLiteral("\n  "))
            + QLatin1Char('\n');
    return out.toUtf8();
}

} // namespace

int estate(Context &ctx, const QStringList &args)
{
    if (args.isEmpty())
        return fail(QStringLiteral("estate takes one or more folders"), UsageError);
    const QString format = ctx.isSet("format") ? ctx.option("format") : QStringLiteral("text");
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return fail(QStringLiteral("unknown format \"%1\" (text or json)").arg(format), UsageError);
    EstateOptions options;
    options.roots = args;
    if (!stackOptions(ctx, &options, nullptr))
        return UsageError;
    auto estate = readAndLink(ctx, options);
    if (!estate)
        return InputError;
    linkEstate(*estate, LinkRules::shipped(), ctx.rules);
    const int code = writeOutput(
        ctx, format == QLatin1String("json") ? estateJson(*estate) : estateText(*estate));
    leaveAtExit(ctx, std::move(*estate));
    return code;
}

int applyEstateOption(Context &ctx, Analysis &analysis)
{
    QStringList roots = ctx.parser.values(QStringLiteral("estate"));
    // The policy's estate is read whatever the command line says: an agent leaving out
    // --estate does not make the other stacks disappear.
    for (const QString &root : ctx.policy.estateRoots) {
        if (!roots.contains(root))
            roots.append(root);
    }
    if (roots.isEmpty() && !ctx.scenarioEstate.isEmpty())
        roots.append(ctx.scenarioEstate); // scenario:NAME with stacks beside its plan
    if (roots.isEmpty()) {
        if (ctx.isSet("stack")) {
            return fail(QStringLiteral("--stack needs --estate DIR"), UsageError);
        }
        return Ok;
    }
    EstateOptions options;
    options.roots = roots;
    QString ownName;
    if (!stackOptions(ctx, &options, &ownName))
        return UsageError;
    Result<EstateContext> context = surroundWithEstate(analysis, options, ownName, ctx.rules);
    if (!context) {
        fail(context.error().toString(), InputError);
        return InputError;
    }
    for (const QString &file : context->files) {
        if (!ctx.inputs.contains(file))
            ctx.inputs.append(file);
    }
    return Ok;
}

} // namespace bg::cli
