// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "detailspanel.h"

#include "core/analysis.h"
#include "core/masking.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace bg::ui {

using namespace core;

namespace {

using Flat = std::vector<std::pair<QString, QString>>;

const QString KnownAfterApply = QStringLiteral("(known after apply)");
const QString ToggleUnchangedUrl = QStringLiteral("blastguard:toggle-unchanged");

// flattenAttributes prints an absent or null object as one row with an empty path.
Flat flattenSide(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() ? Flat() : flattenAttributes(value);
}

// One step of a flattened path: a list index ("[3]") or an object key.
struct PathStep {
    bool isIndex = false;
    qint64 index = 0;
    QStringView key;
};

PathStep nextStep(QStringView path, qsizetype &pos)
{
    if (pos < path.size() && path[pos] == u'.')
        ++pos;
    const qsizetype start = pos;
    if (pos + 1 < path.size() && path[pos] == u'[' && path[pos + 1].isDigit()) {
        while (pos < path.size() && path[pos] != u']')
            ++pos;
        ++pos;
        return {true, path.mid(start + 1, pos - start - 2).toLongLong(), {}};
    }
    while (pos < path.size() && path[pos] != u'.'
        && !(path[pos] == u'[' && pos + 1 < path.size() && path[pos + 1].isDigit()))
        ++pos;
    return {false, 0, path.mid(start, pos - start)};
}

// Orders paths as flatten emits them: depth first, keys sorted, list items by index.
int comparePaths(QStringView a, QStringView b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const PathStep s = nextStep(a, i), t = nextStep(b, j);
        if (s.isIndex != t.isIndex)
            return s.isIndex ? -1 : 1;
        if (s.isIndex && s.index != t.index)
            return s.index < t.index ? -1 : 1;
        if (const int c = s.key.compare(t.key); !s.isIndex && c != 0)
            return c;
    }
    return int(i < a.size()) - int(j < b.size());
}

// Pairs the rows of two flattened values by path, in flatten's order. Equal paths are always
// paired, even where a key holding a dot makes the order ambiguous.
std::vector<std::pair<int, int>> mergeOrdered(const Flat &a, const Flat &b)
{
    QHash<QStringView, int> inA, inB;
    for (int i = 0; i < int(a.size()); ++i)
        inA.insert(a[i].first, i);
    for (int j = 0; j < int(b.size()); ++j)
        inB.insert(b[j].first, j);
    std::vector<bool> usedA(a.size(), false), usedB(b.size(), false);
    std::vector<std::pair<int, int>> out;
    out.reserve(std::max(a.size(), b.size()));
    const int na = int(a.size()), nb = int(b.size());
    for (int i = 0, j = 0; i < na || j < nb;) {
        if (i < na && usedA[i]) {
            ++i;
        } else if (j < nb && usedB[j]) {
            ++j;
        } else if (j >= nb || (i < na && comparePaths(a[i].first, b[j].first) <= 0)) {
            const int k = inB.value(a[i].first, -1);
            if (k >= 0)
                usedB[k] = true;
            out.emplace_back(i++, k);
        } else {
            const int k = inA.value(b[j].first, -1);
            if (k >= 0)
                usedA[k] = true;
            out.emplace_back(k, j++);
        }
    }
    return out;
}

QSet<QString> pathsWithValue(const Flat &flat, const QString &value)
{
    QSet<QString> paths;
    for (const auto &[path, v] : flat) {
        if (v == value)
            paths.insert(path);
    }
    return paths;
}

// The nearest of `paths` that is `path` or encloses it ("a.b" and "a" enclose "a.b[0]"), or
// null. A whole value that is unknown or masked stands for everything under it.
const QString *enclosing(const QString &path, const QSet<QString> &paths)
{
    for (qsizetype k = path.size(); k >= 0 && !paths.isEmpty(); --k) {
        if (k == path.size() || k == 0 || path[k] == u'.' || path[k] == u'[') {
            if (auto it = paths.constFind(path.left(k)); it != paths.constEnd())
                return &*it;
        }
    }
    return nullptr;
}

// "a.b[0].c" -> {"a","b","0","c"}, for valueAt. Keys holding dots cannot be told apart; the
// caller treats a failed lookup as "may have changed".
QStringList pathSteps(QStringView path)
{
    QStringList steps;
    for (qsizetype pos = 0; pos < path.size();) {
        const PathStep step = nextStep(path, pos);
        steps.append(step.isIndex ? QString::number(step.index) : step.key.toString());
    }
    return steps;
}

// replace_paths as Resource prints them (attr.sub[0]["k"]) in flatten's notation (attr.sub[0].k).
QString flattenNotation(QString path)
{
    static const QRegularExpression key(QStringLiteral("\\[\"((?:[^\"\\\\]|\\\\.)*)\"\\]"));
    return path.replace(key, QStringLiteral(".\\1"));
}

QString cut(const QString &value)
{
    if (value.size() <= DetailsPanel::MaxValueChars)
        return value;
    return value.left(DetailsPanel::MaxValueChars)
        + DetailsPanel::tr("… (%n characters in all)", nullptr, int(value.size()));
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

DetailsPanel::DetailsPanel(QWidget *parent)
    : QWidget(parent)
    , m_browser(new QTextBrowser(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    m_browser->setOpenLinks(false); // the only links are the panel's own
    connect(m_browser, &QTextBrowser::anchorClicked, this, &DetailsPanel::onAnchorClicked);
    clear();
}

DetailsPanel::~DetailsPanel() = default;

void DetailsPanel::setAnalysis(std::shared_ptr<const Analysis> analysis, const RuleSet *rules)
{
    m_analysis = std::move(analysis);
    m_rules = rules;
    clear();
}

void DetailsPanel::showNode(int node)
{
    if (!m_analysis || node < 0 || node >= int(m_analysis->document.resources.size())) {
        clear();
        return;
    }
    m_node = node;
    m_diff = computeDiff(node);
    render();
}

void DetailsPanel::clear()
{
    m_node = -1;
    m_diff.clear();
    m_browser->setHtml(
        QStringLiteral("<p><i>%1</i></p>").arg(esc(tr("Select a resource to see its details."))));
}

void DetailsPanel::setShowUnchanged(bool show)
{
    m_showUnchanged = show;
    if (m_node >= 0)
        render();
}

QString DetailsPanel::toPlainText() const
{
    return m_browser->toPlainText();
}

QString DetailsPanel::toHtml() const
{
    return m_browser->toHtml();
}

void DetailsPanel::onAnchorClicked(const QUrl &url)
{
    if (url.toString() == ToggleUnchangedUrl)
        setShowUnchanged(!m_showUnchanged);
}

std::vector<DetailsPanel::DiffRow> DetailsPanel::computeDiff(int node) const
{
    if (!m_rules)
        return {};
    const Analysis &a = *m_analysis;
    const Document &doc = a.document;
    const Resource &r = doc.resources[node];
    const bool destroyed = a.impact.destroys(node);
    const Flat before = flattenSide(maskedValues(doc, r, Side::Before, *m_rules));
    // A what-if destroys the object as it is now; a state holds one side only.
    const bool oneSide = a.mode == AnalysisMode::WhatIf || !r.after.isPresent();
    Flat after;
    if (!oneSide)
        after = flattenSide(maskedValues(doc, r, Side::After, *m_rules));
    else if (!destroyed)
        after = before;

    // after_unknown: a tree shaped like `after` whose true leaves are known only after apply.
    Flat unknownFlat;
    if (a.mode != AnalysisMode::WhatIf) {
        for (auto &[path, value] : flattenSide(decodeSlot(doc, r.afterUnknown))) {
            if (value == QLatin1String("true"))
                unknownFlat.emplace_back(std::move(path), KnownAfterApply);
        }
    }
    Flat afterAll;
    for (auto [i, j] : mergeOrdered(after, unknownFlat))
        afterAll.push_back(j >= 0 ? unknownFlat[j] : after[i]);

    QSet<QString> replacePaths;
    for (const QString &p : r.replacePaths)
        replacePaths.insert(flattenNotation(p));

    // A row missing on one side may sit under a whole value the other side masks or leaves
    // unknown: it is paired with that value, and the covering row is then dropped.
    const QString sensitive = QString::fromLatin1(SensitiveText);
    const QSet<QString> unknown = pathsWithValue(unknownFlat, KnownAfterApply);
    const QSet<QString> maskedBefore = pathsWithValue(before, sensitive);
    const QSet<QString> maskedAfter = pathsWithValue(after, sensitive);
    QSet<QString> coveredBefore, coveredAfter;
    // Raw values are decoded only to tell whether a secret changed; they never leave here.
    std::optional<std::pair<QJsonValue, QJsonValue>> raw;

    std::vector<DiffRow> rows;
    const auto pairs = mergeOrdered(before, afterAll);
    rows.reserve(pairs.size());
    for (auto [i, j] : pairs) {
        DiffRow row;
        row.path = i >= 0 ? before[i].first : afterAll[j].first;
        row.before = i >= 0 ? before[i].second : QString();
        row.after = j >= 0 ? afterAll[j].second : QString();
        if (row.before.isEmpty()) {
            if (const QString *p = enclosing(row.path, maskedBefore)) {
                row.before = sensitive;
                coveredBefore.insert(*p);
            }
        }
        if (row.after.isEmpty()) {
            if (const QString *p = enclosing(row.path, unknown)) {
                row.after = KnownAfterApply;
                coveredAfter.insert(*p);
            } else if (const QString *p = enclosing(row.path, maskedAfter)) {
                row.after = sensitive;
                coveredAfter.insert(*p);
            }
        }
        if (row.before.isEmpty()) {
            row.change = Change::Added;
        } else if (row.after.isEmpty()) {
            row.change = Change::Removed;
        } else if (row.before != row.after || row.after == KnownAfterApply) {
            row.change = Change::Changed;
        } else if (row.before == sensitive && !oneSide) {
            if (!raw)
                raw.emplace(decodeSlot(doc, r.before), decodeSlot(doc, r.after));
            const QStringList steps = pathSteps(row.path);
            const QJsonValue b = valueAt(raw->first, steps), c = valueAt(raw->second, steps);
            row.change = b.isUndefined() || b != c ? Change::Changed : Change::Unchanged;
        }
        row.forcesReplacement = replacePaths.contains(row.path);
        rows.push_back(std::move(row));
    }
    std::erase_if(rows, [&](const DiffRow &row) {
        return (row.change == Change::Added && coveredAfter.contains(row.path))
            || (row.change == Change::Removed && coveredBefore.contains(row.path));
    });
    return rows;
}

void DetailsPanel::render()
{
    m_browser->setHtml(summaryHtml() + diffHtml());
}

QString DetailsPanel::summaryHtml() const
{
    const Analysis &a = *m_analysis;
    const Resource &r = a.document.resources[m_node];
    const Action action = a.impact.actions[m_node];
    QString html = QStringLiteral("<h2>%1</h2><table cellpadding=\"2\">").arg(esc(r.id));
    const auto field = [&html](const QString &name, const QString &value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(esc(name), esc(value));
    };
    QString actionText = actionName(action);
    if (action == Action::Replace)
        actionText += r.createBeforeDestroy ? tr(" (create before destroy)")
                                            : tr(" (destroy, then create)");
    field(tr("Action"), actionText);
    field(tr("Type"), r.address.type);
    field(tr("Module"), r.address.module.empty() ? tr("(root module)") : r.address.moduleString());
    field(tr("Mode"), r.isData() ? tr("data source") : tr("managed resource"));
    const QString category = a.categories[m_node];
    field(tr("Category"),
        m_rules && m_rules->isDataCategory(category) ? tr("%1 (holds data)").arg(category)
                                                     : category);
    if (!r.provider.isEmpty())
        field(tr("Provider"), r.provider);
    if (!r.previousAddress.isEmpty())
        field(tr("Moved from"), r.previousAddress);
    QStringList flags;
    if (r.tainted)
        flags.append(tr("tainted"));
    if (!r.address.deposed.isEmpty())
        flags.append(tr("deposed object %1").arg(r.address.deposed));
    if (r.importing)
        flags.append(tr("being imported"));
    if (!flags.isEmpty())
        field(tr("Flags"), flags.join(QStringLiteral(", ")));
    html += QStringLiteral("</table>");

    const QStringList &reasons = a.impact.reasons[m_node];
    if (!reasons.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(esc(tr("Why")));
        for (const QString &reason : reasons)
            html += QStringLiteral("<li>%1</li>").arg(esc(reason));
        html += QStringLiteral("</ul>");
    }
    const QStringList chain = a.impact.chain(a.document, m_node);
    if (chain.size() > 1) {
        html += QStringLiteral("<h3>%1</h3><p>%2</p>")
                    .arg(esc(tr("Pulled in by (this → what drags it in)")),
                        esc(chain.join(QStringLiteral(" → "))));
    }
    QString findings;
    for (const Finding &f : a.findings) {
        if (f.node != m_node)
            continue;
        const bool critical = f.severity == Severity::Critical;
        findings += QStringLiteral("<tr><td bgcolor=\"%1\"><b>%2</b></td><td "
                                   "bgcolor=\"%1\">%3%4%5<br/><small>%6</small></td></tr>")
                        .arg(critical ? QStringLiteral("#fde2d8") : QStringLiteral("#f2f2f2"),
                            esc(severityName(f.severity).toUpper()),
                            critical ? QStringLiteral("<b>") : QString(), esc(f.message),
                            critical ? QStringLiteral("</b>") : QString(), esc(f.code));
    }
    if (!findings.isEmpty()) {
        html += QStringLiteral(
            "<h3>%1</h3><table cellpadding=\"4\" cellspacing=\"2\" width=\"100%\">%2</table>")
                    .arg(esc(tr("Findings")), findings);
    }
    return html;
}

QString DetailsPanel::diffHtml() const
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(esc(tr("Attributes")));
    if (!m_rules)
        return html
            + QStringLiteral("<p><i>%1</i></p>")
                  .arg(esc(tr("Values are hidden: no rules to mask secrets with.")));
    if (m_diff.empty())
        return html
            + QStringLiteral("<p><i>%1</i></p>")
                  .arg(esc(tr("The plan records no attribute values.")));

    int unchanged = 0;
    for (const DiffRow &row : m_diff)
        unchanged += row.change == Change::Unchanged;
    const int listed = m_showUnchanged ? int(m_diff.size()) : int(m_diff.size()) - unchanged;
    if (unchanged > 0) {
        const QString state = m_showUnchanged ? tr("shown") : tr("hidden");
        const QString count = unchanged == 1
            ? tr("1 unchanged attribute %1.").arg(state)
            : tr("%1 unchanged attributes %2.").arg(unchanged).arg(state);
        html += QStringLiteral("<p>%1 <a href=\"%2\">%3</a></p>")
                    .arg(esc(count), ToggleUnchangedUrl,
                        esc(m_showUnchanged ? tr("Hide unchanged") : tr("Show all")));
    }
    if (listed == 0)
        return html;
    html += QStringLiteral(
        "<table cellpadding=\"3\" cellspacing=\"0\" width=\"100%\"><tr><th align=\"left\">%1</th>"
        "<th align=\"left\">%2</th><th align=\"left\">%3</th><th align=\"left\">%4</th></tr>")
                .arg(esc(tr("Change")), esc(tr("Attribute")), esc(tr("Before")), esc(tr("After")));
    int shown = 0;
    for (const DiffRow &row : m_diff) {
        if (row.change == Change::Unchanged && !m_showUnchanged)
            continue;
        if (shown++ == MaxRows)
            break;
        // The change is written in words (and a sign) so that colour is never the only cue.
        static const char *const words[] = {QT_TR_NOOP("= unchanged"), QT_TR_NOOP("~ changed"),
            QT_TR_NOOP("+ added"), QT_TR_NOOP("− removed")};
        static const char *const colours[] = {"#ffffff", "#fff4d6", "#dff0fb", "#fbe3dc"};
        QString change = tr(words[int(row.change)]);
        if (row.forcesReplacement)
            change += tr(", forces replacement");
        html += QStringLiteral(
            "<tr bgcolor=\"%1\"><td>%2</td><td><code>%3</code></td><td><code>%4</code></td>"
            "<td><code>%5</code></td></tr>")
                    .arg(QLatin1String(colours[int(row.change)]), esc(change),
                        row.path.isEmpty() ? esc(tr("(the whole value)")) : esc(row.path),
                        row.before.isEmpty() ? QStringLiteral("—") : esc(cut(row.before)),
                        row.after.isEmpty() ? QStringLiteral("—") : esc(cut(row.after)));
    }
    html += QStringLiteral("</table>");
    if (listed > MaxRows)
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(esc(tr("Showing the first %1 of %2 rows.").arg(MaxRows).arg(listed)));
    return html;
}

} // namespace bg::ui
