// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/postmortem/postmortemreport.h"

#include "core/report/reportwriter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bg::core {

namespace {

// Markdown's timeline stops here, with a note: the whole is in text and JSON.
constexpr int MarkdownRows = 400;

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject detailsObject(const std::vector<std::pair<QString, QString>> &details)
{
    QJsonObject object;
    for (const auto &[name, json] : details) {
        const QJsonDocument parsed
            = QJsonDocument::fromJson(QByteArray("[") + json.toUtf8() + QByteArray("]"));
        object.insert(name, parsed.isArray() ? parsed.array().at(0) : QJsonValue(json));
    }
    return object;
}

QJsonObject entryJson(const Postmortem &p, const TimelineEntry &e)
{
    QJsonObject o;
    o.insert(QStringLiteral("time"), timestampText(e.time));
    if (e.end >= 0) {
        o.insert(QStringLiteral("end"), timestampText(e.end));
        o.insert(QStringLiteral("duration_seconds"), e.durationSeconds());
    }
    o.insert(QStringLiteral("source"), timelineSourceName(e));
    o.insert(QStringLiteral("address"), orNull(e.address));
    o.insert(QStringLiteral("action"), e.action);
    o.insert(QStringLiteral("event"), e.event);
    o.insert(QStringLiteral("actor"), orNull(e.actor));
    o.insert(QStringLiteral("tool"), e.tool);
    o.insert(QStringLiteral("data_loss"), e.dataLoss);
    o.insert(QStringLiteral("outcome"), e.outcome);
    o.insert(QStringLiteral("identity"), orNull(e.identity));
    o.insert(QStringLiteral("details"), detailsObject(e.details));
    if (e.source == RecordSource::Cloud) {
        o.insert(QStringLiteral("outside_terraform"), e.outsideTerraform);
        o.insert(QStringLiteral("step_time"),
            e.step >= 0 ? QJsonValue(timestampText(p.timeline[size_t(e.step)].time))
                        : QJsonValue(QJsonValue::Null));
    }
    o.insert(QStringLiteral("file"), QFileInfo(e.file).fileName());
    o.insert(QStringLiteral("line"), e.line);
    return o;
}

QJsonObject errorJson(const Error &error)
{
    QJsonObject o;
    o.insert(QStringLiteral("file"), error.path);
    o.insert(QStringLiteral("line"), error.line);
    o.insert(QStringLiteral("column"), error.column);
    o.insert(QStringLiteral("message"), recordText(error.message));
    return o;
}

QByteArray renderJson(const Postmortem &p)
{
    QJsonObject root;
    root.insert(QStringLiteral("schema"), QStringLiteral("blastguard.postmortem/v1"));
    root.insert(QStringLiteral("input"), p.input);
    QJsonObject log;
    log.insert(QStringLiteral("file"), orNull(p.applyLog));
    log.insert(QStringLiteral("tool"), orNull(p.tool));
    log.insert(QStringLiteral("version"), orNull(p.version));
    log.insert(QStringLiteral("operation"), orNull(p.operation));
    log.insert(QStringLiteral("summary"), orNull(p.summary));
    root.insert(QStringLiteral("apply_log"), log);
    QJsonObject cloud;
    cloud.insert(QStringLiteral("files"), QJsonArray::fromStringList(p.cloudFiles));
    cloud.insert(QStringLiteral("records"), p.cloudRecords);
    cloud.insert(QStringLiteral("known_calls"), p.cloudKnown);
    cloud.insert(QStringLiteral("unrecognised"), p.cloudUnrecognised);
    cloud.insert(QStringLiteral("duplicates"), p.duplicates);
    cloud.insert(QStringLiteral("complete"), p.cloudComplete);
    root.insert(QStringLiteral("cloud_logs"), cloud);
    QJsonObject scope;
    scope.insert(QStringLiteral("accounts"), QJsonArray::fromStringList(p.accounts));
    scope.insert(QStringLiteral("regions"), QJsonArray::fromStringList(p.regions));
    root.insert(QStringLiteral("scope"), scope);
    QJsonArray timeline;
    for (const TimelineEntry &e : p.timeline)
        timeline.append(entryJson(p, e));
    const PostmortemSummary sum = summarize(p);
    const auto time = [](qint64 t) {
        return t >= 0 ? QJsonValue(timestampText(t)) : QJsonValue(QJsonValue::Null);
    };
    root.insert(QStringLiteral("summary"),
        QJsonObject {{QStringLiteral("apply_start"), time(sum.applyStart)},
            {QStringLiteral("apply_end"), time(sum.applyEnd)}, {QStringLiteral("steps"), sum.steps},
            {QStringLiteral("completed"), sum.completed}, {QStringLiteral("errored"), sum.errored},
            {QStringLiteral("outside_terraform"), sum.outside},
            {QStringLiteral("outside_first"), time(sum.outsideFirst)},
            {QStringLiteral("outside_last"), time(sum.outsideLast)},
            {QStringLiteral("outside_actors"), QJsonArray::fromStringList(sum.outsideActors)},
            {QStringLiteral("data_lost"), QJsonArray::fromStringList(sum.dataLost)}});
    root.insert(QStringLiteral("timeline"), timeline);
    QJsonArray outside;
    for (int i : p.outside) {
        const TimelineEntry &e = p.timeline[size_t(i)];
        QJsonObject o;
        o.insert(QStringLiteral("time"), timestampText(e.time));
        o.insert(QStringLiteral("event"), e.event);
        o.insert(QStringLiteral("action"), e.action);
        o.insert(QStringLiteral("actor"), orNull(e.actor));
        o.insert(QStringLiteral("tool"), e.tool);
        o.insert(QStringLiteral("address"), orNull(e.address));
        o.insert(QStringLiteral("identity"), orNull(e.identity));
        o.insert(QStringLiteral("data_loss"), e.dataLoss);
        o.insert(QStringLiteral("outcome"), e.outcome);
        o.insert(QStringLiteral("details"), detailsObject(e.details));
        outside.append(o);
    }
    root.insert(QStringLiteral("outside_terraform"), outside);
    if (p.firstDataLoss >= 0) {
        const TimelineEntry &e = p.timeline[size_t(p.firstDataLoss)];
        QJsonObject first;
        first.insert(QStringLiteral("time"), timestampText(e.time));
        first.insert(QStringLiteral("address"), orNull(e.address));
        first.insert(QStringLiteral("source"), timelineSourceName(e));
        first.insert(QStringLiteral("event"), e.event);
        first.insert(QStringLiteral("identity"), orNull(e.identity));
        root.insert(QStringLiteral("first_data_loss"), first);
    } else {
        root.insert(QStringLiteral("first_data_loss"), QJsonValue::Null);
    }
    QJsonArray disagreements;
    for (const Disagreement &d : p.disagreements) {
        QJsonObject o;
        o.insert(QStringLiteral("kind"), d.kind);
        o.insert(QStringLiteral("address"), orNull(d.address));
        o.insert(QStringLiteral("message"), d.message);
        disagreements.append(o);
    }
    root.insert(QStringLiteral("disagreements"), disagreements);
    QJsonArray terraformErrors;
    for (const Postmortem::Diagnostic &d : p.diagnostics) {
        terraformErrors.append(QJsonObject {
            {QStringLiteral("time"),
                d.time >= 0 ? QJsonValue(timestampText(d.time)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("address"), orNull(d.address)}, {QStringLiteral("summary"), d.summary},
            {QStringLiteral("line"), d.line}});
    }
    root.insert(QStringLiteral("terraform_errors"), terraformErrors);
    QJsonArray apart;
    for (const CloudEvent &e : p.otherScope) {
        QJsonObject o;
        o.insert(QStringLiteral("time"), timestampText(e.time));
        o.insert(QStringLiteral("event"), e.name);
        o.insert(QStringLiteral("account"), orNull(e.account));
        o.insert(QStringLiteral("region"), orNull(e.region));
        o.insert(QStringLiteral("actor"), orNull(e.actor));
        o.insert(QStringLiteral("identity"),
            e.identities.empty() ? QJsonValue(QJsonValue::Null)
                                 : QJsonValue(e.identities.front().first));
        o.insert(QStringLiteral("file"), QFileInfo(e.file).fileName());
        o.insert(QStringLiteral("line"), e.line);
        apart.append(o);
    }
    root.insert(QStringLiteral("other_scope"), apart);
    QJsonArray errors;
    for (const Error &e : p.errors)
        errors.append(errorJson(e));
    root.insert(QStringLiteral("errors"), errors);
    root.insert(QStringLiteral("errors_not_listed"), p.errors.unlisted);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

// "by ARN (aws-cli)", "by terraform", "" when neither is known.
QString byWhom(const TimelineEntry &e)
{
    if (e.actor.isEmpty())
        return e.tool == QLatin1String("unknown") ? QString() : QStringLiteral("by %1").arg(e.tool);
    return QStringLiteral("by %1 (%2)").arg(e.actor, e.tool);
}

QString detailsText(const TimelineEntry &e)
{
    QStringList parts;
    for (const auto &[name, value] : e.details)
        parts.append(QStringLiteral("%1: %2").arg(name, value));
    return parts.join(QStringLiteral(", "));
}

// What a timeline line says after the time.
QString entryWords(const ReportWriter &w, const Postmortem &p, const TimelineEntry &e)
{
    QString words;
    if (e.source == RecordSource::Terraform) {
        words = QStringLiteral("%1 %2 %3 — %4")
                    .arg(timelineSourceName(e), e.action, w.code(e.address), e.outcome);
    } else {
        const QString target = !e.address.isEmpty() ? w.code(e.address)
            : e.identity.isEmpty()
            ? QStringLiteral("(no resource named)")
            : QStringLiteral("%1 (not in the %2)").arg(w.code(e.identity), p.inputKind);
        words = QStringLiteral("%1 %2 %3 — %4")
                    .arg(timelineSourceName(e), w.esc(e.event), target, e.outcome);
    }
    const QString who = byWhom(e);
    if (!who.isEmpty())
        words += QLatin1Char(' ') + w.esc(who);
    if (e.dataLoss)
        words += QLatin1Char(' ') + w.strong(QStringLiteral("data loss"));
    if (e.source == RecordSource::Cloud && e.outsideTerraform)
        words += QLatin1Char(' ') + w.strong(QStringLiteral("outside Terraform"));
    return words;
}

QByteArray renderPeople(const Postmortem &p, bool markdown)
{
    ReportWriter w(markdown);
    w.line(markdown
            ? QStringLiteral("# Postmortem of %1").arg(w.code(QFileInfo(p.input).fileName()))
            : QStringLiteral("Postmortem of %1").arg(p.input));
    w.line();
    if (!p.applyLog.isEmpty()) {
        QString what
            = QStringLiteral("Apply log: %1 — %2 %3")
                  .arg(w.code(QFileInfo(p.applyLog).fileName()), p.tool,
                      p.version.isEmpty() ? QStringLiteral("(version not given)") : p.version);
        if (!p.operation.isEmpty())
            what += QStringLiteral(", %1").arg(p.operation);
        if (!p.summary.isEmpty())
            what += QStringLiteral(": \"%1\"").arg(w.esc(p.summary));
        w.line(what);
    }
    if (!p.cloudFiles.isEmpty()) {
        QStringList names;
        for (const QString &f : p.cloudFiles)
            names.append(w.code(QFileInfo(f).fileName()));
        w.line(
            QStringLiteral("Cloud records: %1 — %2 read, %3 a catalog knows (deletes and "
                           "changes to retention or protection)")
                .arg(names.join(QStringLiteral(", ")), counted(p.cloudRecords, "record", "records"),
                    counted(p.cloudKnown, "call", "calls")));
        if (p.cloudUnrecognised > 0 || p.duplicates > 0) {
            QStringList also;
            if (p.cloudUnrecognised > 0)
                also.append(QStringLiteral("%1 in no format Blastguard reads (not CloudTrail, "
                                           "Google Cloud or Azure records)")
                                .arg(counted(p.cloudUnrecognised, "record", "records")));
            if (p.duplicates > 0)
                also.append(QStringLiteral("%1 given twice, read once")
                                .arg(counted(p.duplicates, "call", "calls")));
            w.line(QStringLiteral("Of those: %1.").arg(also.join(QStringLiteral("; "))));
        }
    }
    if (!p.accounts.isEmpty() || !p.regions.isEmpty()) {
        w.line(
            QStringLiteral("The %1's scope: %2%3")
                .arg(p.inputKind,
                    p.accounts.isEmpty()
                        ? QString()
                        : QStringLiteral("account %1").arg(p.accounts.join(QStringLiteral(", "))),
                    p.regions.isEmpty()
                        ? QString()
                        : QStringLiteral("%1region %2")
                              .arg(p.accounts.isEmpty() ? QString() : QStringLiteral(", "),
                                  p.regions.join(QStringLiteral(", ")))));
    }

    const PostmortemSummary sum = summarize(p);
    w.heading(QStringLiteral("In short"));
    if (sum.steps > 0) {
        w.item(QStringLiteral("%1 %2 ran from %3 to %4 (%5): %6, %7 completed, %8 errored.")
                   .arg(p.tool, p.operation.isEmpty() ? QStringLiteral("apply") : p.operation,
                       timestampText(sum.applyStart), timestampText(sum.applyEnd),
                       durationText((sum.applyEnd - sum.applyStart) / 1000.0),
                       counted(sum.steps, "step", "steps"))
                   .arg(sum.completed)
                   .arg(sum.errored));
    } else if (!p.applyLog.isEmpty()) {
        w.item(QStringLiteral("The apply log holds no step."));
    }
    if (sum.outside > 0) {
        QString when = QStringLiteral("from %1 to %2")
                           .arg(timestampText(sum.outsideFirst), timestampText(sum.outsideLast));
        if (sum.steps > 0 && sum.outsideLast < sum.applyStart) {
            when += QStringLiteral(", %1 before the apply started")
                        .arg(durationText((sum.applyStart - sum.outsideLast) / 1000.0));
        }
        w.item(QStringLiteral("%1 outside Terraform, %2, by %3.")
                   .arg(counted(sum.outside, "call", "calls"), when,
                       w.esc(sum.outsideActors.join(QStringLiteral(", ")))));
    }
    if (!sum.dataLost.isEmpty()) {
        QStringList named;
        for (const QString &what : sum.dataLost)
            named.append(w.code(what));
        w.item(QStringLiteral("Data lost: %1: %2.")
                   .arg(counted(sum.dataLost.size(), "resource", "resources"),
                       named.join(QStringLiteral(", "))));
    } else {
        w.item(QStringLiteral("No record shows stored data deleted."));
    }

    w.heading(QStringLiteral("First data loss"));
    if (p.firstDataLoss >= 0) {
        const TimelineEntry &e = p.timeline[size_t(p.firstDataLoss)];
        w.line(QStringLiteral("%1 %2 — %3")
                   .arg(w.strong(timestampText(e.time)),
                       e.address.isEmpty() ? w.code(e.identity) : w.code(e.address),
                       e.source == RecordSource::Terraform
                           ? QStringLiteral("%1's %2, in the apply log").arg(p.tool, e.action)
                           : QStringLiteral("%1 %2").arg(w.esc(e.event), w.esc(byWhom(e)))));
        if (!e.actor.isEmpty() && e.source == RecordSource::Terraform)
            w.line(QStringLiteral("Acting as %1.").arg(w.esc(e.actor)));
    } else {
        w.line(QStringLiteral("None: no record shows stored data deleted."));
    }

    w.heading(p.cloudFiles.isEmpty()
            ? QStringLiteral("Deletes and changes outside Terraform")
            : QStringLiteral("Deletes and changes outside Terraform (%1)").arg(p.outside.size()));
    if (p.cloudFiles.isEmpty()) {
        w.line(QStringLiteral("Not known: no cloud record was given (--cloudtrail), and only the "
                              "cloud's record shows what else deleted."));
    } else if (!p.cloudComplete || p.cloudRecords == 0) {
        w.line(QStringLiteral("Not known in full: the cloud's record could not be read to its "
                              "end (see Not read)."));
    } else if (p.outside.empty()) {
        w.line(QStringLiteral("None: every delete the cloud's record shows was Terraform's."));
    }
    for (int i : p.outside) {
        const TimelineEntry &e = p.timeline[size_t(i)];
        w.item(QStringLiteral("%1 %2").arg(timestampText(e.time), entryWords(w, p, e)));
        if (!e.details.empty())
            w.detail(w.esc(detailsText(e)));
    }

    if (!p.diagnostics.empty()) {
        w.heading(QStringLiteral("Terraform's errors (%1)").arg(p.diagnostics.size()));
        for (const Postmortem::Diagnostic &d : p.diagnostics) {
            w.item(QStringLiteral("%1%2%3").arg(
                d.time >= 0 ? timestampText(d.time) + QLatin1Char(' ') : QString(),
                d.address.isEmpty() ? QString() : w.code(d.address) + QStringLiteral(": "),
                w.esc(d.summary)));
        }
    }

    w.heading(
        QStringLiteral("Where the record and the model disagree (%1)").arg(p.disagreements.size()));
    if (p.disagreements.empty())
        w.line(QStringLiteral("Nowhere: the record follows the plan and its order."));
    for (const Disagreement &d : p.disagreements)
        w.item(w.esc(d.message));

    if (!p.otherScope.empty()) {
        w.heading(QStringLiteral("Kept apart: %1 in other accounts or regions")
                      .arg(counted(qsizetype(p.otherScope.size()), "call", "calls")));
        for (const CloudEvent &e : p.otherScope) {
            w.item(QStringLiteral("%1 %2 in account %3, region %4%5")
                       .arg(timestampText(e.time), w.esc(e.name),
                           w.esc(e.account.isEmpty() ? QStringLiteral("?") : e.account),
                           w.esc(e.region.isEmpty() ? QStringLiteral("?") : e.region),
                           e.actor.isEmpty() ? QString()
                                             : QStringLiteral(" by %1").arg(w.esc(e.actor))));
        }
    }

    w.heading(QStringLiteral("Timeline (UTC)"));
    int rows = 0;
    for (const TimelineEntry &e : p.timeline) {
        if (markdown && ++rows > MarkdownRows) {
            w.line(QStringLiteral("… and %1 more: the text and JSON reports hold them all.")
                       .arg(qsizetype(p.timeline.size()) - MarkdownRows));
            break;
        }
        w.item(QStringLiteral("%1 %2").arg(timestampText(e.time), entryWords(w, p, e)));
        if (!e.details.empty())
            w.detail(w.esc(detailsText(e)));
    }
    if (p.timeline.empty())
        w.line(QStringLiteral("Nothing: the records hold no step and no known call."));

    if (!p.errors.empty()) {
        w.heading(QStringLiteral("Not read (%1)").arg(qint64(p.errors.size()) + p.errors.unlisted));
        for (const Error &e : p.errors)
            w.item(w.esc(recordText(e.toString())));
        if (p.errors.unlisted > 0)
            w.item(QStringLiteral("and %1 more, not listed").arg(p.errors.unlisted));
    }
    w.flush();
    return w.bytes();
}

} // namespace

QString timelineSourceName(const TimelineEntry &entry)
{
    return entry.source == RecordSource::Terraform ? QStringLiteral("terraform")
                                                   : recordFormatName(entry.format);
}

QByteArray renderPostmortem(const Postmortem &postmortem, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Json:
        return renderJson(postmortem);
    case ReportFormat::Markdown:
        return renderPeople(postmortem, true);
    case ReportFormat::Text:
        break;
    }
    return renderPeople(postmortem, false);
}

} // namespace bg::core
