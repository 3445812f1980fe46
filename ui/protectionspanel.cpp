// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protectionspanel.h"

#include "shown.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bg::ui {

using namespace core;

namespace {

QString escaped(const QString &text)
{
    return shownHtml(text);
}

QString addressList(const Analysis &a, const std::vector<int> &nodes)
{
    QString html = QStringLiteral("<ul>");
    for (int node : nodes)
        html += QStringLiteral("<li>%1 <i>(%2)</i></li>")
                    .arg(escaped(a.document().resources[node].id), escaped(a.categories[node]));
    return html + QStringLiteral("</ul>");
}

} // namespace

ProtectionsPanel::ProtectionsPanel(QWidget *parent)
    : QWidget(parent)
    , m_switches(new QWidget(this))
    , m_text(new QTextBrowser(this))
{
    auto *intro = new QLabel(tr("Switch on the protections that were missing: the run is "
                                "re-evaluated as if they had been in place."),
        this);
    intro->setWordWrap(true);
    new QVBoxLayout(m_switches);
    m_switches->layout()->setContentsMargins(0, 0, 0, 0);
    m_text->setAccessibleName(tr("What the protections change"));
    auto *columns = new QHBoxLayout;
    columns->addWidget(m_switches, 0, Qt::AlignTop);
    columns->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(columns, 1);
}

void ProtectionsPanel::setCatalog(
    const ProtectionSet *set, const RuleSet *rules, const QString &error)
{
    m_set = set;
    m_rules = rules;
    qDeleteAll(m_boxes);
    m_boxes.clear();
    if (!set) {
        m_text->setPlainText(tr("The protections could not be read: %1").arg(error));
        return;
    }
    for (const Protection &p : set->all()) {
        auto *box = new QCheckBox(p.title, m_switches);
        box->setObjectName(p.id);
        box->setToolTip(p.explanation);
        m_switches->layout()->addWidget(box);
        m_boxes.push_back(box);
        connect(box, &QCheckBox::toggled, this, [this] {
            if (checkedIds().isEmpty())
                showIntro();
            emit switchesChanged(checkedIds());
        });
    }
    setAnalysis(m_real);
}

void ProtectionsPanel::setAnalysis(std::shared_ptr<const Analysis> real)
{
    m_real = std::move(real);
    for (QCheckBox *box : m_boxes) {
        const QSignalBlocker blocker(box);
        box->setChecked(false);
        box->setEnabled(bool(m_real));
    }
    showIntro();
}

void ProtectionsPanel::showIntro()
{
    if (m_set)
        m_text->setHtml(m_real && m_real->impact.destroyOrder.empty()
                ? tr("<p>Nothing is destroyed: there is nothing to save.</p>")
                : tr("<p>Switch on a protection to see what it would have saved.</p>"));
}

void ProtectionsPanel::setChecked(const QString &id, bool on)
{
    for (QCheckBox *box : m_boxes) {
        if (box->objectName() == id)
            box->setChecked(on);
    }
}

QStringList ProtectionsPanel::checkedIds() const
{
    return checked(&QObject::objectName);
}

QStringList ProtectionsPanel::checkedTitles() const
{
    return checked(&QAbstractButton::text);
}

QStringList ProtectionsPanel::checked(QString (QCheckBox::*property)() const) const
{
    QStringList values;
    for (QCheckBox *box : m_boxes) {
        if (box->isChecked())
            values.append((box->*property)());
    }
    return values;
}

QString ProtectionsPanel::resultText() const
{
    return m_text->toPlainText();
}

void ProtectionsPanel::showCounterfactual(const Counterfactual &cf)
{
    if (!m_real || !cf.analysis || !m_rules)
        return;
    const Analysis &real = *m_real;
    const Analysis &saved = *cf.analysis;
    QString html;
    if (cf.runStopped)
        html += tr("<h3>The run would have stopped: nothing is destroyed.</h3><p>%1</p>")
                    .arg(escaped(cf.stopReason));
    else
        html += tr("<h3>%1</h3>").arg(escaped(saved.headline(*m_rules)));
    html += QStringLiteral("<ul>");
    for (const QString &effect : cf.effects)
        html += QStringLiteral("<li>%1</li>").arg(escaped(effect));
    html += QStringLiteral("</ul>");
    if (!cf.survivors.empty())
        html += tr("<p><b>Would survive (%1 of %2 destroyed):</b></p>")
                    .arg(cf.survivors.size())
                    .arg(real.impact.destroyOrder.size())
            + addressList(real, cf.survivors);
    if (!cf.dataKept.empty())
        html += tr("<p><b>Still destroyed, data kept (%1):</b></p>").arg(cf.dataKept.size())
            + addressList(real, cf.dataKept);
    if (!cf.removed.empty()) {
        html += tr("<p><b>Findings that disappear (%1):</b></p><ul>").arg(cf.removed.size());
        for (const Finding &f : cf.removed)
            html += QStringLiteral("<li><b>%1</b> %2</li>")
                        .arg(escaped(severityName(f.severity)), escaped(f.message.text()));
        html += QStringLiteral("</ul>");
    }
    html += tr("<p>Critical findings left: %1 of %2.</p>")
                .arg(saved.criticalCount())
                .arg(real.criticalCount());
    m_text->setHtml(html);
}

std::vector<NodeMark> ProtectionsPanel::marksOf(const Counterfactual &cf) const
{
    std::vector<NodeMark> marks(m_real ? m_real->document().resources.size() : 0, NodeMark::None);
    for (int node : cf.survivors)
        marks[node] = NodeMark::Saved;
    for (int node : cf.dataKept)
        marks[node] = NodeMark::DataKept;
    return marks;
}

} // namespace bg::ui
