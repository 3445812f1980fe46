// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `saved-by`: what would have saved you. The analysis re-run with each protection of the
// catalog alone, then all of them together (or only the ones --with names).
#include "cli.h"
#include "core/report/report.h"
#include "core/report/reportwriter.h"
#include "core/review/counterfactual.h"
#include "core/review/statediff.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bg::cli {

using namespace core;

namespace {

constexpr qsizetype MaxListed = 12;

QString spelled(qsizetype n)
{
    static const char *const words[]
        = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
    return n >= 0 && n <= 10 ? QLatin1String(words[n]) : QString::number(n);
}

struct Section {
    QString title; // a protection's HCL, or "All five together"
    bool isHcl = false;
    Counterfactual cf;
    QString lead;
};

// "Deletes 1 database — data loss (3 of 9 resources destroyed); 4 critical findings".
QString outcome(const Analysis &a, const RuleSet &rules)
{
    QString headline = a.headline(rules);
    if (headline.endsWith(QLatin1Char('.')))
        headline.chop(1);
    return headline + QStringLiteral("; ")
        + counted(a.criticalCount(), "critical finding", "critical findings");
}

QStringList addresses(const Analysis &a, const std::vector<int> &nodes)
{
    QStringList out;
    for (int i : nodes)
        out.append(a.document().resources[i].id);
    return out;
}

QString some(const ReportWriter &o, const QStringList &items)
{
    QStringList shown;
    for (qsizetype i = 0; i < items.size() && i < MaxListed; ++i)
        shown.append(o.code(items[i]));
    QString text = shown.join(QStringLiteral(", "));
    if (items.size() > MaxListed)
        text += QStringLiteral(" and %1 more").arg(items.size() - MaxListed);
    return text;
}

int criticalRemoved(const Counterfactual &cf)
{
    return int(std::count_if(cf.removed.begin(), cf.removed.end(),
        [](const Finding &f) { return f.severity == Severity::Critical; }));
}

// "All five together: ...": the outcome of a combination in one sentence.
QString combinedLead(const Analysis &actual, const Counterfactual &cf, const QString &label)
{
    const qsizetype destroyed = qsizetype(actual.impact.destroyOrder.size());
    const int critical = actual.criticalCount();
    if (cf.runStopped && destroyed == 0)
        return QStringLiteral("%1: the run stops, because %2; nothing was going to be destroyed.")
            .arg(label, cf.stopReason);
    if (cf.runStopped)
        return QStringLiteral("%1: the run stops, because %2. All %3 destroyed resources survive, "
                              "and %4 of %5 critical findings disappear.")
            .arg(label, cf.stopReason, QString::number(destroyed),
                QString::number(criticalRemoved(cf)), QString::number(critical));
    QString kept;
    if (!cf.dataKept.empty())
        kept = QStringLiteral(", %1 of the rest %2 their data")
                   .arg(cf.dataKept.size())
                   .arg(cf.dataKept.size() == 1 ? QStringLiteral("keeps") : QStringLiteral("keep"));
    return QStringLiteral("%1: %2 of %3 destroyed resources survive%4, and %5 of %6 critical "
                          "findings disappear.")
        .arg(label, QString::number(cf.survivors.size()), QString::number(destroyed), kept,
            QString::number(criticalRemoved(cf)), QString::number(critical));
}

void writeSection(ReportWriter &o, const Analysis &actual, const RuleSet &rules, const Section &s)
{
    const Analysis &after = *s.cf.analysis;
    o.heading(s.isHcl ? o.code(s.title) : s.title);
    o.line(o.esc(s.lead));
    if (s.cf.effects.size() > 1 || s.lead != s.cf.effects.value(0)) {
        o.line();
        for (qsizetype k = 0; k < s.cf.effects.size(); ++k)
            o.item(o.code(s.cf.applied[k]) + QStringLiteral(": ") + o.esc(s.cf.effects[k]));
    }
    o.line();
    const qsizetype destroyed = qsizetype(actual.impact.destroyOrder.size());
    if (!s.cf.survivors.empty()) {
        std::vector<int> shown = s.cf.survivors; // data stores first: they are what was at stake
        std::stable_partition(shown.begin(), shown.end(),
            [&](int i) { return rules.isDataCategory(actual.categories[i]); });
        o.item(QStringLiteral("Survive (%1 of %2 destroyed): %3")
                   .arg(s.cf.survivors.size())
                   .arg(destroyed)
                   .arg(some(o, addresses(actual, shown))));
    }
    if (!s.cf.dataKept.empty())
        o.item(QStringLiteral("Destroyed, data kept: %1")
                   .arg(some(o, addresses(actual, s.cf.dataKept))));
    QStringList gone;
    for (const Finding &f : s.cf.removed) {
        if (f.severity == Severity::Critical)
            gone.append(o.code(f.code) + QStringLiteral(" on ") + o.code(f.address));
    }
    const int others = int(s.cf.removed.size()) - int(gone.size());
    if (!gone.isEmpty() || others > 0)
        o.item(QStringLiteral("Findings that disappear: %1%2")
                   .arg(gone.isEmpty()
                           ? QStringLiteral("no critical one")
                           : QStringLiteral("%1 of %2 critical (%3)")
                                 .arg(gone.size())
                                 .arg(actual.criticalCount())
                                 .arg(gone.mid(0, MaxListed).join(QStringLiteral("; "))
                                     + (gone.size() > MaxListed ? QStringLiteral("; and %1 more")
                                                                      .arg(gone.size() - MaxListed)
                                                                : QString())),
                       others > 0 ? QStringLiteral(", and %1")
                                        .arg(counted(others, "less severe one", "less severe ones"))
                                  : QString()));
    o.item(QStringLiteral("Then: %1.").arg(o.esc(outcome(after, rules))));
}

// Text, or Markdown with what could be read as markup escaped. Every value shown is an address,
// a rule's code, a masked finding message or the catalog's own words.
QByteArray renderText(const Context &ctx, const Analysis &actual, const std::vector<Section> &all,
    const QString &note, bool markdown)
{
    ReportWriter o(markdown);
    const QString title = QStringLiteral("What would have saved you — %1 (%2)")
                              .arg(QFileInfo(actual.document().path).fileName(),
                                  detail::describeInput(actual.document()));
    o.line(markdown ? QStringLiteral("# ") + o.esc(title) : title);
    o.line();
    if (!ctx.lesson.isEmpty())
        o.line((markdown ? QStringLiteral("**Lesson:** ") : QStringLiteral("Lesson: "))
            + o.esc(ctx.lesson) + QLatin1Char('\n'));
    o.line(QStringLiteral("In reality: %1.").arg(o.esc(outcome(actual, ctx.rules))));
    if (!note.isEmpty())
        o.line(o.esc(note));
    for (const Warning &w : actual.warnings)
        o.line(QStringLiteral("Warning %1: %2").arg(o.code(w.code), o.esc(w.message)));
    for (const Section &s : all)
        writeSection(o, actual, ctx.rules, s);
    return o.bytes();
}

QByteArray renderJson(const Analysis &actual, const RuleSet &rules, const std::vector<Section> &all)
{
    QJsonArray sections;
    for (const Section &s : all) {
        const Analysis &after = *s.cf.analysis;
        QJsonArray removed;
        for (const Finding &f : s.cf.removed)
            removed.append(QJsonObject {{QStringLiteral("severity"), severityName(f.severity)},
                {QStringLiteral("code"), f.code}, {QStringLiteral("address"), f.address},
                {QStringLiteral("message"), f.message.text()}});
        sections.append(QJsonObject {
            {QStringLiteral("protections"), QJsonArray::fromStringList(s.cf.applied)},
            {QStringLiteral("summary"), s.lead},
            {QStringLiteral("run_stopped"), s.cf.runStopped},
            {QStringLiteral("stop_reason"),
                s.cf.runStopped ? QJsonValue(s.cf.stopReason) : QJsonValue()},
            {QStringLiteral("effects"), QJsonArray::fromStringList(s.cf.effects)},
            {QStringLiteral("survivors"),
                QJsonArray::fromStringList(addresses(actual, s.cf.survivors))},
            {QStringLiteral("data_kept"),
                QJsonArray::fromStringList(addresses(actual, s.cf.dataKept))},
            {QStringLiteral("removed_findings"), removed},
            {QStringLiteral("headline"), after.headline(rules)},
            {QStringLiteral("destroyed"), int(after.impact.destroyOrder.size())},
            {QStringLiteral("critical"), after.criticalCount()},
        });
    }
    const QJsonObject root {{QStringLiteral("schema"), QStringLiteral("blastguard.saved-by/v1")},
        {QStringLiteral("input"), actual.document().path},
        {QStringLiteral("actual"),
            QJsonObject {{QStringLiteral("headline"), actual.headline(rules)},
                {QStringLiteral("destroyed"), int(actual.impact.destroyOrder.size())},
                {QStringLiteral("critical"), actual.criticalCount()}}},
        {QStringLiteral("counterfactuals"), sections}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

// The analysis to re-run: a plan as it is; a state as `terraform destroy` of everything; two
// states as what was lost between them, with their lineage warnings.
std::optional<Analysis> actualRun(Context &ctx, const QStringList &args)
{
    auto first = load(ctx, args[0]);
    if (!first)
        return std::nullopt;
    if (args.size() == 1) {
        if (first->kind == DocumentKind::Plan)
            return analyse(std::move(*first), ctx.rules);
        return analyseWhatIf(std::move(*first), ctx.rules, {});
    }
    auto second = load(ctx, args[1]);
    if (!second)
        return std::nullopt;
    for (const Document *d : {&*first, &*second}) {
        if (d->kind == DocumentKind::Plan) {
            fail(QStringLiteral("%1: saved-by OLD_STATE NEW_STATE compares states; this is a plan")
                     .arg(d->path),
                InputError);
            return std::nullopt;
        }
    }
    StateDiff diff = diffStates(std::move(*first), *second, ctx.rules);
    diff.lost.warnings.insert(diff.lost.warnings.end(), diff.warnings.begin(), diff.warnings.end());
    return std::move(diff.lost);
}

} // namespace

int savedBy(Context &ctx, const QStringList &args)
{
    if (args.isEmpty() || args.size() > 2)
        return fail(QStringLiteral("saved-by takes a plan or state file (or OLD_STATE NEW_STATE)"),
            UsageError);
    const auto format = reportFormat(ctx);
    if (!format)
        return UsageError;
    const Result<ProtectionSet> catalog = ProtectionSet::loadDefault();
    if (!catalog)
        return fail(catalog.error().toString(), InputError);
    QStringList chosen;
    for (const QString &value : ctx.parser.values(QStringLiteral("with"))) {
        for (const QString &id : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!catalog->find(id.trimmed()))
                return fail(QStringLiteral("--with: unknown protection \"%1\" (known: %2)")
                                .arg(id.trimmed(), catalog->ids().join(QStringLiteral(", "))),
                    UsageError);
            if (!chosen.contains(id.trimmed())) // "a,a" names one protection
                chosen.append(id.trimmed());
        }
    }
    if (ctx.isSet("with") && chosen.isEmpty())
        return fail(QStringLiteral("--with needs at least one protection id"), UsageError);

    std::optional<Analysis> actual = actualRun(ctx, args);
    if (!actual)
        return InputError;
    QString note;
    if (args.size() == 2)
        note = QStringLiteral("Two states: the run is what was lost between them (%1 → %2).")
                   .arg(QFileInfo(args[0]).fileName(), QFileInfo(args[1]).fileName());
    else if (actual->document().kind != DocumentKind::Plan)
        note = QStringLiteral("A state: the run is `terraform destroy` of everything in it.");
    std::vector<Section> sections;
    auto add = [&](const QStringList &ids, const QString &label, bool single) {
        Counterfactual cf = whatWouldHaveSaved(*actual, ctx.rules, *catalog, ids);
        QString lead = single ? cf.effects.value(0) : combinedLead(*actual, cf, label);
        sections.push_back({label, single, std::move(cf), lead});
    };
    if (chosen.isEmpty()) {
        for (const Protection &p : catalog->all())
            add({p.id}, p.title, true);
        if (catalog->all().size() > 1)
            add(catalog->ids(),
                QStringLiteral("All %1 together").arg(spelled(qsizetype(catalog->all().size()))),
                false);
    } else if (chosen.size() == 1) {
        add(chosen, catalog->find(chosen[0])->title, true);
    } else {
        add(chosen, QStringLiteral("These %1 together").arg(spelled(chosen.size())), false);
    }
    const QByteArray out = *format == ReportFormat::Json
        ? renderJson(*actual, ctx.rules, sections)
        : renderText(ctx, *actual, sections, note, *format == ReportFormat::Markdown);
    const int code = writeOutput(ctx, out);
    leaveAtExit(ctx, std::move(sections));
    leaveAtExit(ctx, std::move(*actual));
    return code;
}

} // namespace bg::cli
