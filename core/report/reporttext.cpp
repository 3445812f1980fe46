// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The report for people: text for a terminal, Markdown for a review or a postmortem.
#include "core/report/report.h"
#include "core/report/reportfacts.h"
#include "core/report/reportwriter.h"
#include "core/resourcelocator.h"
#include "core/review/replay.h"

#include <QFileInfo>

namespace bg::core::detail {

QByteArray renderText(const Analysis &a, const RuleSet &rules, bool markdown)
{
    QByteArray bytes;
    writeText(a, rules, markdown, [&bytes](QByteArrayView piece) { bytes.append(piece); });
    return bytes;
}

void writeText(const Analysis &a, const RuleSet &rules, bool markdown, const ByteSink &sink)
{
    const Document &doc = a.document();
    ReportWriter w(markdown, &sink);
    const QString title
        = QStringLiteral("Blastguard %1 — %2 (%3)")
              .arg(toolVersion(), QFileInfo(doc.path).fileName(), describeInput(doc));
    w.line(markdown ? QStringLiteral("# ") + title : title);
    w.line();
    const int critical = a.criticalCount();
    const QString headline = a.headline(rules);
    const QString verdict = a.verdict();
    w.line(verdict.isEmpty() ? headline
                             : w.strong(verdict + QLatin1Char(':')) + QLatin1Char(' ') + headline);

    if (!a.warnings.empty()) {
        w.heading(QStringLiteral("State-safety warnings"));
        for (const Warning &warning : a.warnings)
            w.item(w.strong(warning.code) + QStringLiteral(": ") + warning.message);
    }
    if (const QStringList lines = estateLines(a); !lines.isEmpty()) {
        w.heading(QStringLiteral("Other stacks"));
        for (const QString &line : lines)
            w.item(w.esc(line));
    }
    if (critical > 0) {
        w.heading(
            QStringLiteral("Critical findings (%1): each one must be acknowledged before approval")
                .arg(critical));
        int n = 0;
        for (const Finding &f : a.findings) {
            if (f.severity != Severity::Critical)
                continue;
            w.item(w.code(f.address) + QStringLiteral(" — ") + f.message.text(), ++n);
            // Where the apply does not carry the loss out, say so under the finding.
            if (f.node >= 0) {
                const Outcome o = a.outcomes[size_t(f.node)].outcome;
                if (o == Outcome::Refused || o == Outcome::DataKept || o == Outcome::NotReached)
                    w.detail(QStringLiteral("the apply: ") + w.esc(a.outcomeSentence(f.node)));
            }
        }
    }
    if (int(a.findings.size()) > critical) {
        w.heading(QStringLiteral("Other findings (%1)").arg(int(a.findings.size()) - critical));
        for (const Finding &f : a.findings) {
            if (f.severity != Severity::Critical)
                w.item(QStringLiteral("[%1] %2 — %3")
                           .arg(severityName(f.severity), w.code(f.address), f.message.text()));
        }
    }
    w.heading(QStringLiteral("Counts"));
    w.line(a.impact.countsLine());
    if (const QString line = a.outcomesLine(); !line.isEmpty())
        w.line(line);

    // The destroy order is the replay's (replay.h), so every report tells the same sequence.
    const std::vector<ReplayStep> replay = destroyReplay(a, rules);
    if (!replay.empty()) {
        const int waves = replay.back().wave + 1;
        w.heading(
            QStringLiteral("Destroyed or replaced (%1), in destroy order").arg(replay.size()));
        if (waves > 1 && !markdown)
            w.line(QStringLiteral("In %1 waves. A wave is the earliest round a resource can go in "
                                  "(Terraform runs up to 10 operations at once, and may take a "
                                  "later one sooner on another branch).")
                       .arg(waves));
        int n = 0;
        for (const ReplayStep &step : replay) {
            const int node = step.node;
            if (waves > 1 && !markdown && (n == 0 || replay[size_t(n) - 1].wave != step.wave))
                w.line(QStringLiteral(" wave %1").arg(step.wave + 1));
            const Resource &r = doc.resources[node];
            w.item(
                QStringLiteral("%1 %2 (%3)%4%5")
                    .arg(actionName(a.impact.actions[node]), w.code(r.id), a.categories[node],
                        step.dataLoss ? QStringLiteral(" — ") + w.strong(QStringLiteral("critical"))
                                      : QString(),
                        step.pointOfNoReturn ? QStringLiteral(" — ")
                                + w.strong(QStringLiteral(
                                    "point of no return: the first data lost, in this order"))
                                             : QString()),
                ++n);
            for (const QString &reason : a.impact.reasonsOf(a.document(), node))
                w.detail(QStringLiteral("why: ") + w.esc(reason));
            if (step.dataLoss)
                w.detail(QStringLiteral("lost: ") + w.esc(step.loss));
            if (const Outcome o = a.outcomes[size_t(node)].outcome; o == Outcome::Refused
                || o == Outcome::DataKept || o == Outcome::NotReached
                || (o == Outcome::DataLost && !step.dataLoss))
                w.detail(QStringLiteral("outcome: ") + w.esc(a.outcomeSentence(node)));
        }
    }
    // Counted first, then written one by one: the list is never held whole.
    auto isOther = [&a](int i) {
        const Action action = a.impact.actions[i];
        return !a.impact.destroys(i) && action != Action::NoOp && action != Action::Read;
    };
    qsizetype others = 0;
    for (int i = 0; i < int(doc.resources.size()); ++i)
        others += isOther(i) ? 1 : 0;
    if (others > 0) {
        w.heading(QStringLiteral("Other changes (%1)").arg(others));
        for (int i = 0; i < int(doc.resources.size()); ++i) {
            if (!isOther(i))
                continue;
            const QString outcome = a.outcomeSentence(i);
            w.item(QStringLiteral("%1 %2 (%3)%4")
                       .arg(actionName(a.impact.actions[i]), w.code(doc.resources[i].id),
                           a.categories[i],
                           outcome.isEmpty() ? QString() : QStringLiteral(" — ") + w.esc(outcome)));
        }
    }
    for (const FactSection &section : factSections(a, rules)) {
        w.heading(section.heading);
        for (const FactItem &item : section.items)
            w.item(w.code(item.address) + QStringLiteral(" — ") + w.esc(item.words));
        if (section.total > qsizetype(section.items.size()))
            w.line(QStringLiteral("  … and %1 more, not read")
                       .arg(section.total - qsizetype(section.items.size())));
    }
    if (!a.notes.isEmpty()) {
        w.heading(QStringLiteral("Notes"));
        for (const QString &note : a.notes)
            w.item(note);
    }
    w.flush();
}

} // namespace bg::core::detail
