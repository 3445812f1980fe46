// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariobrowser.h"

#include "theme.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bg::ui {

namespace {

QLabel *text(const QString &content, QWidget *parent, qreal scale = 1.0, bool bold = false)
{
    auto *label = new QLabel(content, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(bold);
    label->setFont(font);
    return label;
}

} // namespace

namespace {
QString cardStyle()
{
    return QStringLiteral("#scenarioCard { background: %1; border: 1px solid %2; "
                          "border-radius: 6px; }")
        .arg(themeColours().cardFill.name(), themeColours().cardBorder.name());
}
} // namespace

void ScenarioBrowser::recolourCards()
{
    const QString style = cardStyle();
    for (QFrame *card : findChildren<QFrame *>(QStringLiteral("scenarioCard"))) {
        if (card->styleSheet() != style)
            card->setStyleSheet(style);
    }
}

ScenarioBrowser::ScenarioBrowser(QWidget *parent)
    : QScrollArea(parent)
    , m_list(new QWidget)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    connect(themeNotifier(), &ThemeNotifier::changed, this, &ScenarioBrowser::recolourCards);
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("welcomePage"));
    page->setMaximumWidth(980);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(10);
    layout->addWidget(text(tr("What do we lose if we apply this?"), page, 1.8, true));
    layout->addWidget(text(tr("Open a Terraform or OpenTofu plan (terraform show -json PLAN) or a "
                              "state. Blastguard draws what would be destroyed, names the "
                              "databases, snapshots and buckets whose data goes with it, and "
                              "lets you approve only the exact plan you reviewed."),
        page));
    auto *buttons = new QHBoxLayout;
    auto *open = new QPushButton(tr("Open a Plan or State…"), page);
    auto *compare = new QPushButton(tr("Compare Two States…"), page);
    open->setDefault(true);
    buttons->addWidget(open);
    buttons->addWidget(compare);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addSpacing(12);
    layout->addWidget(text(tr("Learn from incidents"), page, 1.35, true));
    layout->addWidget(text(tr("Each scenario is shaped exactly like Terraform's own output. Open "
                              "one, read its lesson, replay the destroy step by step, and switch "
                              "on the protections that would have saved the data."),
        page));
    new QVBoxLayout(m_list);
    m_list->layout()->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addStretch(1);

    auto *outer = new QWidget;
    auto *centre = new QHBoxLayout(outer);
    centre->addStretch(1);
    centre->addWidget(page, 100);
    centre->addStretch(1);
    setWidget(outer);
    connect(open, &QPushButton::clicked, this, &ScenarioBrowser::openRequested);
    connect(compare, &QPushButton::clicked, this, &ScenarioBrowser::compareRequested);
}

void ScenarioBrowser::setScenarios(
    const std::vector<core::Scenario> &scenarios, const QString &error)
{
    QLayout *layout = m_list->layout();
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!error.isEmpty())
        layout->addWidget(
            text(tr("The bundled scenarios could not be read: %1").arg(error), m_list));
    // The incident Blastguard was made for leads; the rest keep the catalog's order.
    std::vector<core::Scenario> ordered = scenarios;
    std::stable_partition(ordered.begin(), ordered.end(),
        [](const core::Scenario &s) { return s.name == QLatin1String("incident"); });
    for (const core::Scenario &s : ordered) {
        auto *card = new QFrame(m_list);
        card->setObjectName(QStringLiteral("scenarioCard"));
        card->setStyleSheet(cardStyle());
        auto *row = new QHBoxLayout(card);
        auto *words = new QVBoxLayout;
        words->addWidget(text(s.title, card, 1.15, true));
        words->addWidget(text(s.summary, card));
        QLabel *lesson = text(tr("Lesson: %1").arg(s.lesson), card);
        QFont italic = lesson->font();
        italic.setItalic(true);
        lesson->setFont(italic);
        words->addWidget(lesson);
        row->addLayout(words, 1);
        auto *button = new QPushButton(tr("Open"), card);
        button->setAccessibleName(tr("Open the scenario %1").arg(s.title));
        button->setObjectName(QStringLiteral("open-") + s.name);
        row->addWidget(button, 0, Qt::AlignVCenter);
        connect(button, &QPushButton::clicked, this,
            [this, name = s.name] { emit scenarioChosen(name); });
        layout->addWidget(card);
    }
}

} // namespace bg::ui
