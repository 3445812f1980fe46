// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "summarybanner.h"

#include "core/risk/analysis.h"
#include "shown.h"
#include "theme.h"

#include <QLabel>
#include <QVBoxLayout>

namespace bg::ui {

using namespace core;

SummaryBanner::SummaryBanner(QWidget *parent)
    : QFrame(parent)
    , m_context(new QLabel(this))
    , m_headline(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_warnings(new QLabel(this))
{
    setObjectName(QStringLiteral("summaryBanner"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(4);
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headline->setTextFormat(Qt::PlainText); // it shows file names and errors
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::RichText);
    m_context->setWordWrap(true);
    m_context->setTextFormat(Qt::PlainText);
    m_context->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_context->setVisible(false);
    layout->addWidget(m_context);
    layout->addWidget(m_headline);
    layout->addWidget(m_counts);
    layout->addWidget(m_warnings);
    setMessage(tr("Open a plan or a state (File ▸ Open, or drop a file here)."), false);
    // A widget with a style sheet hears no palette change: the theme says it.
    connect(themeNotifier(), &ThemeNotifier::changed, this, [this] { setTone(m_tone); });
}

void SummaryBanner::setMessage(const QString &text, bool error)
{
    m_headline->setText(shownLines(text));
    m_counts->clear();
    m_warnings->clear();
    m_warnings->setVisible(false);
    setTone(error ? Tone::Error : Tone::Info);
}

void SummaryBanner::setTone(Tone tone)
{
    m_tone = tone;
    const ThemeColours &c = themeColours();
    const bool loud = tone == Tone::Loud || tone == Tone::Error;
    const QColor fill = loud ? c.loudFill : tone == Tone::Calm ? c.calmFill : c.infoFill;
    const QColor border = loud ? c.loudBorder : tone == Tone::Calm ? c.calmBorder : c.infoBorder;
    const QString sheet = QStringLiteral(
        "#summaryBanner { background: %1; border: %2px solid %3; } "
        "#summaryBanner QLabel { color: %4; background: transparent; border: none; }")
                              .arg(fill.name())
                              .arg(loud ? 2 : 1)
                              .arg(border.name(), c.bannerText.name());
    if (styleSheet() != sheet)
        setStyleSheet(sheet);
    const QString context
        = QStringLiteral("color: %1; font-weight: bold;").arg(c.contextText.name());
    if (m_context->styleSheet() != context)
        m_context->setStyleSheet(context);
}

void SummaryBanner::setAnalysis(const Analysis &a, const RuleSet &rules)
{
    const int critical = a.criticalCount();
    const QString headline = a.headline(rules);
    const QString verdict = a.verdict();
    m_headline->setText(
        shown(verdict.isEmpty() ? headline : QStringLiteral("⚠ %1: %2").arg(verdict, headline)));
    QStringList counts;
    for (Action action : {Action::Delete, Action::Replace, Action::Create, Action::Update,
             Action::Read, Action::NoOp, Action::Forget}) {
        if (int n = a.impact.count(action))
            counts.append(QStringLiteral("%1 %2").arg(n).arg(actionName(action)));
    }
    if (const QString outcomes = a.outcomesLine(); !outcomes.isEmpty())
        counts.append(shownHtml(outcomes));
    if (critical > 0)
        counts.prepend(tr("<b>%n critical finding(s) to acknowledge</b>", nullptr, critical));
    m_counts->setText(counts.join(QStringLiteral(" · ")));
    QStringList warnings;
    for (const Warning &w : a.warnings)
        warnings.append(
            QStringLiteral("<b>%1</b>: %2").arg(shownHtml(w.code), shownHtml(w.message)));
    m_warnings->setText(warnings.join(QStringLiteral("<br>")));
    m_warnings->setVisible(!warnings.isEmpty());
    const bool loud = critical > 0 || !a.warnings.empty();
    setTone(loud ? Tone::Loud : Tone::Calm);
}

void SummaryBanner::setContext(const QString &text)
{
    m_context->setText(shownLines(text));
    m_context->setVisible(!text.isEmpty());
}

QString SummaryBanner::context() const
{
    return m_context->text();
}

QString SummaryBanner::headline() const
{
    return m_headline->text();
}

} // namespace bg::ui
