// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "detailspanel.h"

#include "core/estate/breaks.h"
#include "core/risk/analysis.h"
#include "core/risk/attributediff.h"
#include "core/risk/masking.h"
#include "core/risk/nextplan.h"
#include "shown.h"

#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace bg::ui {

using namespace core;

namespace {

const QString ToggleUnchangedUrl = QStringLiteral("blastguard:toggle-unchanged");

QString cut(const QString &value)
{
    if (value.size() <= DetailsPanel::MaxValueChars)
        return value;
    return value.left(DetailsPanel::MaxValueChars)
        + DetailsPanel::tr("… (%n characters in all)", nullptr, int(value.size()));
}

QString esc(const QString &text)
{
    return shownHtml(text);
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
    if (!m_analysis || node < 0 || node >= int(m_analysis->document().resources.size())) {
        clear();
        return;
    }
    m_node = node;
    m_diff = m_rules ? attributeDiff(*m_analysis, node, *m_rules) : std::vector<DiffRow>();
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

void DetailsPanel::render()
{
    m_browser->setHtml(summaryHtml() + diffHtml());
}

QString DetailsPanel::summaryHtml() const
{
    const Analysis &a = *m_analysis;
    const Resource &r = a.document().resources[m_node];
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
    if (a.estate)
        field(tr("Stack"),
            tr("%1 (one of %2 in the estate)").arg(a.estate->stack).arg(a.estate->stackCount));
    field(tr("Module"), r.address.module.empty() ? tr("(root module)") : r.address.moduleString());
    field(tr("Mode"), r.isData() ? tr("data source") : tr("managed resource"));
    const QString category = a.categories[m_node];
    field(tr("Category"),
        m_rules && m_rules->isDataCategory(category) ? tr("%1 (holds data)").arg(category)
                                                     : category);
    if (!r.provider().isEmpty())
        field(tr("Provider"), r.provider());
    if (!r.previousAddress().isEmpty())
        field(tr("Moved from"), r.previousAddress());
    QStringList flags;
    if (r.tainted)
        flags.append(tr("tainted"));
    if (!r.address.deposed.isEmpty())
        flags.append(tr("deposed object %1").arg(r.address.deposed));
    if (r.importing)
        flags.append(tr("being imported"));
    if (!flags.isEmpty())
        field(tr("Flags"), flags.join(QStringLiteral(", ")));
    if (m_rules) {
        for (const NextPlanStep &step : nextPlanOfState(a.document())) {
            if (step.node == m_node && a.mode == AnalysisMode::State)
                field(tr("Next plan"), nextPlanWords(a, step, *m_rules));
        }
    }
    html += QStringLiteral("</table>");
    // The resource identity (Terraform 1.12+), masked as values are; hidden without rules.
    if (m_rules && (r.afterIdentity.range().isValid() || r.beforeIdentity.range().isValid())) {
        const QJsonValue identity = maskedIdentity(a.document(), r,
            r.afterIdentity.range().isValid() ? Side::After : Side::Before, *m_rules);
        html += QStringLiteral("<h3>%1</h3><table cellpadding=\"2\">").arg(esc(tr("Identity")));
        for (const auto &[path, value] : flattenAttributes(identity))
            html += QStringLiteral("<tr><td><code>%1</code></td><td><code>%2</code></td></tr>")
                        .arg(esc(path), esc(cut(value)));
        html += QStringLiteral("</table>");
    }

    if (const QString outcome = a.outcomeSentence(m_node); !outcome.isEmpty())
        html += QStringLiteral("<h3>%1</h3><p><b>%2</b></p>")
                    .arg(esc(tr("What the apply does")), esc(outcome));
    const QStringList reasons = a.impact.reasonsOf(a.document(), m_node);
    if (!reasons.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(esc(tr("Why")));
        for (const QString &reason : reasons)
            html += QStringLiteral("<li>%1</li>").arg(esc(reason));
        html += QStringLiteral("</ul>");
    }
    QStringList chain = a.impact.chain(a.document(), m_node);
    if (chain.size() > MaxChainShown) { // its start, how many are left out, its end
        const int left = int(chain.size()) - MaxChainShown;
        chain = chain.mid(0, MaxChainShown - 1)
            + QStringList {tr("… %1 more …").arg(left), chain.last()};
    }
    if (chain.size() > 1) {
        html += QStringLiteral("<h3>%1</h3><p>%2</p>")
                    .arg(esc(tr("Pulled in by (this → what drags it in)")),
                        esc(chain.join(QStringLiteral(" → "))));
    }
    if (a.estate) {
        // What the apply breaks in other stacks through this resource (no secret ever links).
        QString breaks;
        int count = 0;
        for (const StackBreak &b : a.estate->breaks) {
            if (b.node != m_node)
                continue;
            if (++count <= MaxBreaks)
                breaks += QStringLiteral("<li><b>%1</b>: %2</li>")
                              .arg(esc(b.stack), esc(breakWords(b)));
        }
        if (count > MaxBreaks)
            breaks
                += QStringLiteral("<li><i>%1</i></li>")
                       .arg(esc(
                           tr("and %1 more (the report lists them all)").arg(count - MaxBreaks)));
        if (count > 0)
            html += QStringLiteral("<h3>%1</h3><ul>%2</ul>")
                        .arg(esc(tr("Breaks in other stacks")), breaks);
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
                            critical ? QStringLiteral("<b>") : QString(), esc(f.message.text()),
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
        unchanged += row.kind == DiffKind::Unchanged;
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
        if (row.kind == DiffKind::Unchanged && !m_showUnchanged)
            continue;
        if (shown++ == MaxRows)
            break;
        // The change is written in words (and a sign) so that colour is never the only cue.
        static const char *const words[] = {QT_TR_NOOP("= unchanged"), QT_TR_NOOP("~ changed"),
            QT_TR_NOOP("+ added"), QT_TR_NOOP("− removed")};
        static const char *const colours[] = {"#ffffff", "#fff4d6", "#dff0fb", "#fbe3dc"};
        const int look = int(printedKind(row)); // Unchanged, Changed, Added, Removed
        QString change = tr(words[look]);
        if (row.forcesReplacement)
            change += tr(", forces replacement");
        html += QStringLiteral(
            "<tr bgcolor=\"%1\"><td>%2</td><td><code>%3</code></td><td><code>%4</code></td>"
            "<td><code>%5</code></td></tr>")
                    .arg(QLatin1String(colours[look]), esc(change),
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
