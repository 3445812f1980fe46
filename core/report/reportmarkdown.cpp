// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Markdown report, made to be a pull-request comment (GitHub and GitLab): critical
// findings first, a counts table, the destroy replay as a numbered timeline, then one
// collapsible <details> per module. It never grows
// past the byte limit it is given, whatever the plan: what does not fit is cut, and a note at
// the top says exactly what was left out. Text from the plan (addresses, for_each keys, values
// quoted in messages) is escaped, so a plan cannot inject HTML or break the tables.
#include "core/report/report.h"
#include "core/report/reportfacts.h"
#include "core/resourcelocator.h"
#include "core/review/replay.h"
#include "core/risk/masking.h"

#include <QFileInfo>
#include <QLocale>
#include <algorithm>
#include <map>

namespace bg::core::detail {

namespace {

constexpr qsizetype NoteReserve = 1200; // the cut note, its heading and the closing lines
constexpr int MessageClip = 600; // one finding or warning, in characters
constexpr int ReasonClip = 200; // the "why" cell of a row

// Text accumulated with its size in UTF-8 bytes, which is what a comment limit counts (a
// character is never more than its bytes, so a byte limit is also a character limit).
struct Part {
    QString text;
    qsizetype bytes = 0;
    void add(const QString &s)
    {
        text += s;
        bytes += s.toUtf8().size();
    }
};

QString clip(QString s, int max)
{
    s.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s.size() > max ? s.left(max - 1) + QStringLiteral("…") : s;
}

// Prose: HTML, links, code and emphasis from the plan are shown as typed, never interpreted.
// Underscores stay: GitHub and GitLab never read one inside a word (force_destroy) as emphasis.
QString text(const QString &s, int max = MessageClip)
{
    QString out;
    for (const QChar c : clip(s, max)) {
        switch (c.unicode()) {
        case '&':
            out += QStringLiteral("&amp;");
            break;
        case '<':
            out += QStringLiteral("&lt;");
            break;
        case '>':
            out += QStringLiteral("&gt;");
            break;
        case '\\':
        case '`':
        case '*':
        case '[':
        case ']':
        case '|':
            out += QLatin1Char('\\');
            out += c;
            break;
        default:
            out += c;
        }
    }
    return out;
}

// An address as inline code. In a table a pipe must be escaped even inside code.
QString code(const QString &s, bool inTable = false)
{
    QString t = clip(s, 400);
    t.replace(QLatin1Char('`'), QLatin1Char('\''));
    if (inTable)
        t.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    return QLatin1Char('`') + t + QLatin1Char('`');
}

// Inside HTML (<summary>): entities only.
QString html(const QString &s)
{
    return clip(s, 400).toHtmlEscaped();
}

QString number(qsizetype n)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates); // 10,000
    return english.toString(qlonglong(n));
}

QString plural(qsizetype n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(number(n), QLatin1String(n == 1 ? one : many));
}

struct Module {
    QString name; // empty: the root module
    std::vector<int> nodes;
    int critical = 0;
    int destroyed = 0;
};

std::vector<Module> changedByModule(const Analysis &a, const std::vector<bool> &criticalNode)
{
    std::map<QString, Module> byName;
    for (int i = 0; i < int(a.document().resources.size()); ++i) {
        const Action action = a.impact.actions[i];
        if (action == Action::NoOp || action == Action::Read)
            continue;
        Module &m = byName[a.document().resources[i].address.moduleString()];
        m.nodes.push_back(i);
        m.critical += criticalNode[i];
        m.destroyed += a.impact.destroys(i);
    }
    std::vector<Module> modules;
    for (auto &[name, m] : byName) {
        m.name = name;
        std::stable_sort(m.nodes.begin(), m.nodes.end(), [&](int x, int y) {
            if (criticalNode[x] != criticalNode[y])
                return bool(criticalNode[x]);
            return actionSeverity(a.impact.actions[x]) > actionSeverity(a.impact.actions[y]);
        });
        modules.push_back(std::move(m));
    }
    // Where the data loss is comes first, then where most is destroyed.
    std::stable_sort(modules.begin(), modules.end(), [](const Module &x, const Module &y) {
        if ((x.critical > 0) != (y.critical > 0))
            return x.critical > 0;
        return x.destroyed > y.destroyed;
    });
    return modules;
}

QString moduleSummary(const Analysis &a, const Module &m)
{
    int counts[ActionCount] = {};
    for (int node : m.nodes)
        ++counts[int(a.impact.actions[node])];
    QStringList parts;
    for (Action action :
        {Action::Delete, Action::Replace, Action::Forget, Action::Update, Action::Create}) {
        if (counts[int(action)])
            parts.append(QStringLiteral("%1 %2").arg(counts[int(action)]).arg(actionName(action)));
    }
    QString s = QStringLiteral("<summary><code>%1</code> — %2")
                    .arg(m.name.isEmpty() ? QStringLiteral("(root module)") : html(m.name),
                        parts.join(QStringLiteral(", ")));
    if (m.critical > 0)
        s += QStringLiteral(" · <b>%1 critical</b>").arg(m.critical);
    return s + QStringLiteral("</summary>\n\n");
}

QString row(const Analysis &a, int node, bool critical)
{
    const Resource &r = a.document().resources[node];
    const QString action = actionName(a.impact.actions[node]);
    QString category = text(a.categories[node]);
    if (critical)
        category += QStringLiteral(" · **critical**");
    if (const Outcome o = a.outcomes[size_t(node)].outcome;
        o != Outcome::None && o != Outcome::Destroyed)
        category += QStringLiteral(" · %1").arg(o == Outcome::DataLost && !a.impact.destroys(node)
                ? text(a.outcomeSentence(node), ReasonClip) // lost in place: say what
                : outcomeName(o).replace(QLatin1Char('_'), QLatin1Char(' ')));
    return QStringLiteral("| %1 | %2 | %3 | %4 |\n")
        .arg(a.impact.destroys(node) ? QStringLiteral("**%1**").arg(action) : action,
            code(r.id, true), category,
            text(a.impact.reasonsOf(a.document(), node).join(QStringLiteral("; ")), ReasonClip));
}

// The destroy replay as a numbered timeline, within `room` bytes. What must be seen is kept
// first (the point of no return, then every data-loss step, in order), then the earliest other
// steps. A run of steps left out is one line saying so; each run of kept steps is its own list
// starting at its own number, so every number stays the step's true number.
Part replayTimeline(const Analysis &a, const RuleSet &rules, qsizetype room, qsizetype *cutSteps)
{
    Part part;
    const std::vector<ReplayStep> steps = destroyReplay(a, rules);
    *cutSteps = 0;
    if (steps.empty())
        return part;
    const int waves = steps.back().wave + 1;
    part.add(
        QStringLiteral("\n## Destroy replay (%1 in %2)\n\n")
            .arg(plural(qsizetype(steps.size()), "step", "steps"), plural(waves, "wave", "waves")));
    part.add(QStringLiteral("One order Terraform may destroy in. A wave is the earliest round a "
                            "resource can go in (Terraform runs up to 10 operations at once, and "
                            "may take a later one sooner on another branch). **⛔ point of no "
                            "return** marks the first step that loses data in this order.\n\n"));
    std::vector<QString> lines(steps.size());
    std::vector<qsizetype> sizes(steps.size());
    for (size_t i = 0; i < steps.size(); ++i) {
        const ReplayStep &s = steps[i];
        QString what = code(a.document().resources[size_t(s.node)].id) + QLatin1Char(' ')
            + text(s.what, ReasonClip);
        if (s.pointOfNoReturn)
            what = QStringLiteral("**⛔ point of no return: %1**").arg(what);
        lines[i] = QStringLiteral("%1. %2%3 · wave %4\n")
                       .arg(QString::number(i + 1), what,
                           s.dataLoss ? QStringLiteral(" · **data loss**") : QString(),
                           QString::number(s.wave + 1));
        sizes[i] = lines[i].toUtf8().size();
    }
    // Which steps fit. A kept step whose predecessor is not kept opens a gap line (at most 80
    // bytes); one more is reserved for a gap at the end. An over-estimate, never an under-.
    constexpr qsizetype GapLine = 80;
    std::vector<bool> keep(steps.size(), false);
    qsizetype used = part.bytes + GapLine;
    for (int pass = 0; pass < 3; ++pass) {
        for (size_t i = 0; i < steps.size(); ++i) {
            const bool wanted = pass == 0 ? steps[i].pointOfNoReturn
                : pass == 1               ? steps[i].dataLoss
                                          : true;
            const qsizetype cost = sizes[i] + (i > 0 && !keep[i - 1] ? GapLine : 0);
            if (keep[i] || !wanted || used + cost > room)
                continue;
            keep[i] = true;
            used += cost;
        }
    }
    for (size_t i = 0; i < steps.size();) {
        if (keep[i]) {
            part.add(lines[i++]);
            continue;
        }
        size_t end = i;
        int lost = 0;
        for (; end < steps.size() && !keep[end]; ++end)
            lost += int(steps[end].dataLoss);
        *cutSteps += qsizetype(end - i);
        const QString which = end - i == 1 ? QStringLiteral("step %1").arg(i + 1)
                                           : QStringLiteral("steps %1–%2").arg(i + 1).arg(end);
        part.add(QStringLiteral("%1*… %2 cut to fit; %3.*\n\n")
                     .arg(i > 0 ? QStringLiteral("\n") : QString(), which,
                         lost == 0 ? QStringLiteral("no data loss among them")
                                   : QStringLiteral("%1 of them lose data").arg(lost)));
        i = end;
    }
    return part;
}
} // namespace

QByteArray renderMarkdown(const Analysis &a, const RuleSet &rules, qsizetype limit)
{
    const Document &doc = a.document();
    const qsizetype budget = std::max<qsizetype>(limit - NoteReserve, 2000);
    const int critical = a.criticalCount();
    const std::vector<bool> criticalNode = a.criticalNodes();
    QStringList cut; // what was left out, in words

    Part head;
    head.add(QStringLiteral("# Blastguard %1 — %2 (%3)\n\n")
                 .arg(toolVersion(), text(QFileInfo(doc.path).fileName(), 200),
                     text(describeInput(doc))));
    const QString headline = text(a.headline(rules));
    const QString verdict = a.verdict();
    head.add((verdict.isEmpty() ? headline : QStringLiteral("**%1:** ").arg(verdict) + headline)
        + QStringLiteral("\n"));

    // The counts table and the warnings are always whole (a warning is clipped, never dropped).
    Part counts;
    counts.add(QStringLiteral("\n## Counts\n\n| action | resources |\n|:--|--:|\n"));
    for (Action action : {Action::Delete, Action::Replace, Action::Create, Action::Update,
             Action::Read, Action::NoOp, Action::Forget})
        counts.add(QStringLiteral("| %1 | %2 |\n")
                       .arg(actionName(action), number(a.impact.count(action))));
    counts.add(QStringLiteral("| **critical findings** | **%1** |\n").arg(number(critical)));
    if (const QString line = a.outcomesLine(); !line.isEmpty())
        counts.add(QStringLiteral("\n%1\n").arg(text(line)));
    Part warnings;
    if (!a.warnings.empty()) {
        warnings.add(QStringLiteral("\n## State-safety warnings\n\n"));
        for (const Warning &w : a.warnings)
            warnings.add(QStringLiteral("- **%1**: %2\n").arg(text(w.code, 80), text(w.message)));
    }
    if (const QStringList lines = estateLines(a); !lines.isEmpty()) {
        warnings.add(QStringLiteral("\n## Other stacks\n\n"));
        for (const QString &line : lines)
            warnings.add(QStringLiteral("- %1\n").arg(text(line)));
    }
    qsizetype used = head.bytes + counts.bytes + warnings.bytes;

    // Critical findings may take up to about half the comment, the destroy replay a seventh,
    // other findings what is left of 85%; the rest goes to the modules.
    Part criticalPart;
    if (critical > 0) {
        criticalPart.add(QStringLiteral(
            "\n## Critical findings (%1): each one must be acknowledged before approval\n\n")
                             .arg(number(critical)));
        int shown = 0;
        for (const Finding &f : a.findings) {
            if (f.severity != Severity::Critical)
                continue;
            QString item = QStringLiteral("%1. %2 — %3\n")
                               .arg(shown + 1)
                               .arg(code(f.address), text(f.message.text()));
            if (f.node >= 0) {
                const Outcome o = a.outcomes[size_t(f.node)].outcome;
                if (o == Outcome::Refused || o == Outcome::DataKept || o == Outcome::NotReached)
                    item += QStringLiteral("   *The apply: %1.*\n")
                                .arg(text(a.outcomeSentence(f.node)));
            }
            if (used + criticalPart.bytes + item.toUtf8().size() > budget * 55 / 100)
                break;
            criticalPart.add(item);
            ++shown;
        }
        if (shown < critical) {
            cut.append(QStringLiteral("%1 of %2 critical findings")
                           .arg(number(critical - shown), number(critical)));
            criticalPart.add(QStringLiteral(
                "\n*… and %1 more critical findings, cut (see the note at the top).*\n")
                                 .arg(number(critical - shown)));
        }
    }
    used += criticalPart.bytes;

    // The destroy replay: up to about a seventh of the comment.
    qsizetype replayCut = 0;
    const Part replayPart = replayTimeline(a, rules, budget * 15 / 100, &replayCut);
    if (replayCut > 0)
        cut.append(QStringLiteral("%1 of %2 destroy replay steps")
                       .arg(number(replayCut), number(qsizetype(a.impact.destroyOrder.size()))));
    used += replayPart.bytes;

    Part othersPart;
    const qsizetype others = qsizetype(a.findings.size()) - critical;
    if (others > 0) {
        othersPart.add(QStringLiteral("\n## Other findings (%1)\n\n").arg(number(others)));
        qsizetype shown = 0;
        for (const Finding &f : a.findings) {
            if (f.severity == Severity::Critical)
                continue;
            const QString item
                = QStringLiteral("- [%1] %2 — %3\n")
                      .arg(severityName(f.severity), code(f.address), text(f.message.text()));
            if (used + othersPart.bytes + item.toUtf8().size() > budget * 85 / 100)
                break;
            othersPart.add(item);
            ++shown;
        }
        if (shown < others)
            cut.append(QStringLiteral("%1 of %2 other findings")
                           .arg(number(others - shown), number(others)));
    }
    used += othersPart.bytes;

    // Tainted and deposed objects of a state, deferred changes, actions: up to 30 of each.
    Part facts;
    for (const FactSection &section : factSections(a, rules)) {
        facts.add(QStringLiteral("\n## %1\n\n").arg(text(section.heading)));
        qsizetype shown = 0;
        for (const FactItem &item : section.items) {
            if (shown == 30)
                break;
            facts.add(QStringLiteral("- %1 — %2\n")
                          .arg(code(item.address), text(item.words, ReasonClip)));
            ++shown;
        }
        if (shown < section.total) {
            facts.add(QStringLiteral("- … and %1 more\n").arg(number(section.total - shown)));
            cut.append(QStringLiteral("%1 of %2 in \"%3\"")
                           .arg(number(section.total - shown), number(section.total),
                               text(section.heading, 80)));
        }
    }
    used += facts.bytes;

    Part notes;
    if (!a.notes.isEmpty()) {
        notes.add(QStringLiteral("\n## Notes\n\n"));
        qsizetype shown = 0;
        for (const QString &note : a.notes) {
            const QString item = QStringLiteral("- %1\n").arg(text(note, 300));
            if (notes.bytes + item.toUtf8().size() > 3000)
                break;
            notes.add(item);
            ++shown;
        }
        if (shown < a.notes.size())
            cut.append(QStringLiteral("%1 of %2 notes")
                           .arg(number(a.notes.size() - shown), number(a.notes.size())));
    }
    used += notes.bytes;

    // One <details> per module; a module that does not fit whole keeps the rows that do.
    Part modulesPart;
    const std::vector<Module> modules = changedByModule(a, criticalNode);
    qsizetype changed = 0;
    for (const Module &m : modules)
        changed += qsizetype(m.nodes.size());
    qsizetype modulesLeft = 0, rowsLeft = 0, partial = 0;
    if (!modules.empty()) {
        modulesPart.add(QStringLiteral("\n## Changes by module (%1 in %2)\n\n")
                            .arg(plural(changed, "resource", "resources"),
                                plural(qsizetype(modules.size()), "module", "modules")));
        const QString tableHead
            = QStringLiteral("| action | resource | category | why |\n|:--|:--|:--|:--|\n");
        const QString close = QStringLiteral("\n</details>\n\n");
        for (const Module &m : modules) {
            Part block;
            block.add(QStringLiteral("<details>") + moduleSummary(a, m) + tableHead);
            const qsizetype room
                = budget - used - modulesPart.bytes - qsizetype(close.size()) - 120;
            if (block.bytes >= room) {
                ++modulesLeft;
                rowsLeft += qsizetype(m.nodes.size());
                continue;
            }
            size_t shown = 0;
            for (int node : m.nodes) {
                const QString r = row(a, node, criticalNode[node]);
                if (block.bytes + r.toUtf8().size() > room)
                    break;
                block.add(r);
                ++shown;
            }
            if (shown == 0) {
                ++modulesLeft;
                rowsLeft += qsizetype(m.nodes.size());
                continue;
            }
            if (shown < m.nodes.size()) {
                ++partial;
                rowsLeft += qsizetype(m.nodes.size() - shown);
                block.add(QStringLiteral("| … | %1 more in this module, cut | | |\n")
                              .arg(number(qsizetype(m.nodes.size() - shown))));
            }
            block.add(close);
            modulesPart.add(block.text);
        }
        if (modulesLeft > 0 || partial > 0) {
            QString what = QStringLiteral("%1 of %2 changed resources")
                               .arg(number(rowsLeft), number(changed));
            if (modulesLeft > 0)
                what += QStringLiteral(" (%1 not listed at all)")
                            .arg(plural(modulesLeft, "module", "modules"));
            cut.append(what);
        }
    }

    Part out;
    out.add(head.text);
    if (!cut.isEmpty()) {
        out.add(QStringLiteral(
            "\n> **Cut to fit a pull-request comment (at most %1 characters).** Not shown: %2. "
            "Every count in this report is complete; `blastguard-cli report %3 --format text` (or "
            "`json`) lists everything.\n")
                    .arg(number(limit), cut.join(QStringLiteral("; ")),
                        text(QFileInfo(doc.path).fileName(), 120)));
    }
    out.add(criticalPart.text);
    out.add(warnings.text);
    out.add(counts.text);
    out.add(replayPart.text);
    out.add(othersPart.text);
    out.add(facts.text);
    out.add(modulesPart.text);
    out.add(notes.text);
    // The lines are the report's own (text from the plan was put on one line as it was added);
    // nothing in them that acts unseen reaches the comment: no bidirectional override, no
    // zero-width or separator character, no escape sequence (oneLine, each replaced by U+FFFD).
    QStringList lines = out.text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = oneLine(line);
    QByteArray bytes = lines.join(QLatin1Char('\n')).toUtf8();
    if (bytes.size() > limit) { // never expected: the parts were measured; kept as a hard bound
        bytes.truncate(limit - 64);
        bytes.truncate(bytes.lastIndexOf('\n') + 1);
        bytes += "\n*(cut: the report reached its size limit)*\n";
    }
    return bytes;
}

} // namespace bg::core::detail
