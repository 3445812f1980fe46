// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "postmortemtext.h"

#include "postmortemtimeline.h"
#include "shown.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QTimeZone>

namespace bg::ui::timeline {

using namespace core;

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("PostmortemText", text, nullptr, n);
}

} // namespace

QString clockText(qint64 time)
{
    return QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc())
        .toString(QStringLiteral("HH:mm:ss"));
}

QString whatText(const TimelineEntry &entry)
{
    return entry.isStep() ? entry.action : entry.event;
}

QString whereText(const TimelineEntry &entry)
{
    if (!entry.address.isEmpty())
        return entry.address;
    if (!entry.identity.isEmpty())
        return entry.identity + QStringLiteral(" (not in the plan)");
    return QStringLiteral("—");
}

QString actorText(const TimelineEntry &entry)
{
    if (entry.actor.isEmpty())
        return entry.tool.isEmpty() ? QStringLiteral("an unknown actor") : entry.tool;
    return entry.tool.isEmpty() ? entry.actor
                                : QStringLiteral("%1 (%2)").arg(entry.actor, entry.tool);
}

QString durationColumnText(const TimelineEntry &entry)
{
    const double seconds = entry.durationSeconds();
    return seconds >= 0 ? durationText(seconds) : QString();
}

QString flagsText(const Postmortem &postmortem, int index)
{
    const TimelineEntry &e = postmortem.timeline[size_t(index)];
    QStringList flags;
    if (index == postmortem.firstDataLoss)
        flags << QStringLiteral("FIRST DATA LOSS");
    else if (e.dataLoss)
        flags << QStringLiteral("DATA LOSS");
    if (e.outsideTerraform)
        flags << QStringLiteral("OUTSIDE TERRAFORM");
    if (!e.isStep() && !e.succeeded)
        flags << QStringLiteral("FAILED");
    if (e.isStep() && e.event == QLatin1String("apply_errored"))
        flags << QStringLiteral("ERRORED");
    else if (e.isStep() && e.end < 0)
        flags << QStringLiteral("NO END IN THE LOG");
    return flags.join(QStringLiteral(" · "));
}

QString entrySentence(const Postmortem &postmortem, int index)
{
    const TimelineEntry &e = postmortem.timeline[size_t(index)];
    QString text = clockText(e.time) + QStringLiteral(" UTC — ");
    if (e.isStep()) {
        static const QHash<QString, QString> done {
            {QStringLiteral("delete"), QStringLiteral("deleted")},
            {QStringLiteral("create"), QStringLiteral("created")},
            {QStringLiteral("update"), QStringLiteral("updated")},
            {QStringLiteral("replace"), QStringLiteral("replaced")},
            {QStringLiteral("read"), QStringLiteral("read")}};
        const QString verb = e.succeeded ? done.value(e.action, e.action + QStringLiteral(" done"))
            : e.end >= 0                 ? e.action + QStringLiteral(" errored")
                                         : e.action + QStringLiteral(" started");
        text += QStringLiteral("%1 %2 by %3").arg(whereText(e), verb, actorText(e));
        if (e.end >= 0)
            text += QStringLiteral(", ") + durationText(e.durationSeconds());
        if (!e.succeeded)
            text += QStringLiteral(" — ") + e.outcome;
    } else {
        text += QStringLiteral("%1 on %2 by %3").arg(e.event, whereText(e), actorText(e));
        if (!e.succeeded)
            text += QStringLiteral(" — ") + e.outcome;
    }
    if (index == postmortem.firstDataLoss)
        text += QStringLiteral(" — FIRST DATA LOSS");
    else if (e.dataLoss)
        text += QStringLiteral(" — DATA LOSS");
    if (e.outsideTerraform)
        text += QStringLiteral(" — OUTSIDE TERRAFORM");
    return text;
}

QString cursorHtml(const Postmortem &postmortem, qint64 time, const QColor &danger)
{
    const int at = entryAt(postmortem.timeline, time);
    if (at < 0)
        return tr("<b>%1 UTC</b> — before the first record.").arg(clockText(time));
    QString sentence = shownHtml(entrySentence(postmortem, at));
    const int timeEnd = sentence.indexOf(QStringLiteral(" UTC"));
    sentence.insert(timeEnd + 4, QStringLiteral("</b>"));
    sentence.prepend(QStringLiteral("<b>"));
    // FIRST DATA LOSS holds DATA LOSS: the one that is there, then OUTSIDE TERRAFORM.
    bool loss = false;
    for (const QString &word : {QStringLiteral("FIRST DATA LOSS"), QStringLiteral("DATA LOSS"),
             QStringLiteral("OUTSIDE TERRAFORM")}) {
        const QString marked = QStringLiteral(" — ") + word;
        if ((loss && word == QLatin1String("DATA LOSS"))
            || (!sentence.endsWith(marked) && !sentence.contains(marked + QStringLiteral(" — "))))
            continue;
        sentence.replace(
            marked, QStringLiteral(" — <b style='color:%1'>%2</b>").arg(danger.name(), word));
        loss = loss || word.endsWith(QLatin1String("DATA LOSS"));
    }
    const TimelineEntry &e = postmortem.timeline[size_t(at)];
    const qint64 reached = e.end >= 0 && e.end <= time ? e.end : e.time;
    return clockText(reached) == clockText(time)
        ? sentence
        : tr("<b>%1 UTC</b> · last: %2").arg(clockText(time), sentence);
}

QString toolTipText(const TimelineEntry &entry)
{
    QStringList lines;
    QString when = timestampText(entry.time);
    if (entry.end >= 0)
        when += QStringLiteral(" → %1 (%2)")
                    .arg(timestampText(entry.end), durationText(entry.durationSeconds()));
    lines << when << whereText(entry);
    lines << QStringLiteral("Event: %1 (%2)").arg(entry.event, entry.action);
    lines << QStringLiteral("Actor: %1")
                 .arg(entry.actor.isEmpty() ? QStringLiteral("—") : entry.actor);
    lines
        << QStringLiteral("Tool: %1").arg(entry.tool.isEmpty() ? QStringLiteral("—") : entry.tool);
    lines << QStringLiteral("Outcome: %1").arg(entry.outcome);
    for (const auto &[name, value] : entry.details)
        lines << QStringLiteral("%1: %2").arg(name, value);
    if (!entry.file.isEmpty())
        lines << QStringLiteral("From %1:%2").arg(entry.file).arg(entry.line);
    if (entry.dataLoss)
        lines << QStringLiteral("DATA LOSS");
    if (entry.outsideTerraform)
        lines << QStringLiteral("OUTSIDE TERRAFORM: no Terraform step of this log made this call");
    return lines.join(QLatin1Char('\n'));
}

QString recordsText(const Postmortem &pm)
{
    QStringList files;
    if (!pm.applyLog.isEmpty())
        files << tr("Apply log %1: %2 %3, %4")
                     .arg(pm.applyLog, pm.tool, pm.version,
                         pm.summary.isEmpty() ? pm.operation : pm.summary);
    if (!pm.cloudFiles.isEmpty())
        files << tr("Audit logs %1: %2 records read, %3 calls a catalog knows")
                     .arg(pm.cloudFiles.join(QStringLiteral(", ")))
                     .arg(pm.cloudRecords)
                     .arg(pm.cloudKnown);
    return files.join(QLatin1Char('\n'));
}

QString summaryHtml(const Postmortem &pm, int unreadable, const QColor &danger)
{
    QStringList names;
    if (!pm.applyLog.isEmpty())
        names << QFileInfo(pm.applyLog).fileName();
    for (const QString &f : pm.cloudFiles)
        names << QFileInfo(f).fileName();
    int steps = 0;
    for (const TimelineEntry &e : pm.timeline)
        steps += e.isStep() ? 1 : 0;
    QStringList parts {tr("<b>%n record(s) on the timeline</b>", int(pm.timeline.size()))
        + tr(" (%1 Terraform steps, %2 cloud calls)").arg(steps).arg(pm.timeline.size() - steps)};
    parts << (pm.outside.empty()
            ? tr("no call outside Terraform")
            : QStringLiteral("<b style='color:%1'>%2</b>")
                  .arg(danger.name(), tr("%n call(s) OUTSIDE TERRAFORM", int(pm.outside.size()))));
    parts << tr("%n disagreement(s) with the model", int(pm.disagreements.size()));
    parts << tr("%n kept apart (other accounts or regions)", int(pm.otherScope.size()));
    parts << tr("%n not read",
        int(std::min<qint64>(qint64(pm.errors.size()) + pm.errors.unlisted, INT_MAX)) + unreadable);
    QString html
        = (names.isEmpty() ? tr("No record could be read.")
                           : shownHtml(names.join(QStringLiteral(", "))) + QLatin1Char(':'))
        + QLatin1Char(' ') + parts.join(QStringLiteral(" · "));
    for (const Disagreement &d : pm.disagreements)
        html += QStringLiteral("<br>⚑ ") + shownHtml(d.message);
    return html;
}

QString problemsText(const std::vector<Error> &unreadable, const Postmortem *postmortem)
{
    // Whole files first (nothing of them was read), then lines; a long list is cut.
    QStringList lines;
    for (const Error &e : unreadable)
        lines << tr("Could not read %1").arg(recordText(e.toString()));
    constexpr size_t Shown = 5;
    const Problems none;
    const Problems &errors = postmortem ? postmortem->errors : none;
    for (size_t i = 0; i < errors.size() && i < Shown; ++i)
        lines << tr("Skipped %1").arg(recordText(errors[i].toString()));
    const qint64 more
        = qint64(errors.size()) - qint64(std::min(errors.size(), Shown)) + errors.unlisted;
    if (more > 0)
        lines << tr("… and %n more line(s) not read", int(std::min<qint64>(more, INT_MAX)));
    return lines.join(QLatin1Char('\n'));
}

} // namespace bg::ui::timeline
