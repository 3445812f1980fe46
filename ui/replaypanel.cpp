// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaypanel.h"

#include "shown.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

namespace bg::ui {

using namespace core;

ReplayPanel::ReplayPanel(QWidget *parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_playButton(new QPushButton(this))
    , m_noReturnButton(new QPushButton(tr("Point of No Return"), this))
    , m_stepLabel(new QLabel(this))
    , m_goneLabel(new QLabel(this))
    , m_gone(new QListWidget(this))
{
    auto *start = new QPushButton(tr("|◀ Start"), this);
    auto *back = new QPushButton(tr("◀ Step"), this);
    auto *forward = new QPushButton(tr("Step ▶"), this);
    start->setToolTip(tr("Back to before the destroy"));
    m_noReturnButton->setToolTip(tr("The first deletion that loses data"));
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setPageStep(5);
    m_slider->setAccessibleName(tr("Replay step"));
    m_stepLabel->setWordWrap(true);
    m_stepLabel->setTextFormat(Qt::RichText);
    m_stepLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_goneLabel->setWordWrap(true);
    m_gone->setAccessibleName(tr("Already gone"));
    m_gone->setUniformItemSizes(true);
    m_gone->setMinimumHeight(0);
    m_gone->setVisible(false);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {start, back, m_playButton, forward, m_noReturnButton})
        buttons->addWidget(b);
    buttons->addWidget(m_slider, 1); // one row: the strip under the picture stays low
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(buttons);
    layout->addWidget(m_stepLabel);
    layout->addWidget(m_goneLabel);
    layout->addWidget(m_gone, 1);
    layout->addStretch(0);

    m_timer.setInterval(700);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (step() >= stepCount())
            play(false);
        else
            setStep(step() + 1);
    });
    connect(m_slider, &QSlider::valueChanged, this, &ReplayPanel::update);
    connect(start, &QPushButton::clicked, this, [this] { setStep(0); });
    connect(back, &QPushButton::clicked, this, [this] { setStep(step() - 1); });
    connect(forward, &QPushButton::clicked, this, [this] { setStep(step() + 1); });
    connect(m_playButton, &QPushButton::clicked, this, [this] { play(!isPlaying()); });
    connect(
        m_noReturnButton, &QPushButton::clicked, this, [this] { setStep(pointOfNoReturnStep()); });
    setAnalysis(nullptr, nullptr);
}

void ReplayPanel::setAnalysis(std::shared_ptr<const Analysis> analysis, const RuleSet *rules)
{
    m_timer.stop();
    m_analysis = std::move(analysis);
    m_rules = rules;
    m_steps
        = m_analysis && m_rules ? destroyReplay(*m_analysis, *m_rules) : std::vector<ReplayStep> {};
    const QSignalBlocker blocker(m_slider);
    m_slider->setRange(0, stepCount());
    m_slider->setTickInterval(std::max(1, stepCount() / 20));
    m_slider->setValue(0);
    update();
}

int ReplayPanel::step() const
{
    return m_slider->value();
}

void ReplayPanel::setStep(int step)
{
    m_slider->setValue(std::clamp(step, 0, stepCount()));
}

int ReplayPanel::pointOfNoReturnStep() const
{
    for (size_t i = 0; i < m_steps.size(); ++i) {
        if (m_steps[i].pointOfNoReturn)
            return int(i) + 1;
    }
    return 0;
}

void ReplayPanel::play(bool on)
{
    if (on && step() >= stepCount())
        setStep(0); // play again from the start
    if (on && stepCount() > 0)
        m_timer.start();
    else
        m_timer.stop();
    m_playButton->setText(isPlaying() ? tr("❚❚ Pause") : tr("▶ Play"));
}

QString ReplayPanel::stepText() const
{
    return m_stepLabel->text();
}

void ReplayPanel::update()
{
    const int current = step();
    const int count = stepCount();
    m_playButton->setText(isPlaying() ? tr("❚❚ Pause") : tr("▶ Play"));
    m_playButton->setEnabled(count > 0);
    m_slider->setEnabled(count > 0);
    const int noReturn = pointOfNoReturnStep();
    m_noReturnButton->setEnabled(noReturn > 0);

    if (count == 0) {
        m_stepLabel->setText(m_analysis ? tr("Nothing is destroyed: there is nothing to replay.")
                                        : tr("Open a plan or a scenario to replay its destroy."));
    } else if (current == 0) {
        m_stepLabel->setText(noReturn > 0
                ? tr("Before the destroy: %n resource(s) will go, in Terraform's order. Data is "
                     "lost for good at step %1.",
                    nullptr, count)
                      .arg(noReturn)
                : tr("Before the destroy: %n resource(s) will go, in Terraform's order. None of "
                     "them is a critical data loss.",
                    nullptr, count));
    } else {
        const ReplayStep &s = m_steps[current - 1];
        // A wave is the earliest round a resource can go in (Terraform runs up to 10 operations
        // at once, and may take a later one sooner on another branch).
        QString text
            = tr("<b>Step %1 of %2</b> (wave %3 of %4): %5 %6")
                  .arg(current)
                  .arg(count)
                  .arg(s.wave + 1)
                  .arg(m_steps.back().wave + 1)
                  .arg(shownHtml(m_analysis->document().resources[s.node].id), shownHtml(s.what));
        if (s.pointOfNoReturn)
            text += tr("<br><span style='color:#b03000'><b>POINT OF NO RETURN.</b></span> "
                       "From here on the data cannot be brought back by applying again.");
        else if (noReturn > 0 && current > noReturn)
            text += tr("<br>Past the point of no return (step %1).").arg(noReturn);
        m_stepLabel->setText(text);
    }

    // What is gone so far, newest first: the list a postmortem reads aloud.
    m_gone->clear();
    int data = 0;
    std::vector<NodeMark> marks;
    if (current > 0) {
        marks.assign(m_analysis->document().resources.size(), NodeMark::None);
        for (int i = 0; i < current; ++i) {
            const ReplayStep &s = m_steps[i];
            marks[s.node] = i + 1 == current ? NodeMark::Current : NodeMark::Gone;
            data += m_rules->isDataCategory(m_analysis->categories[s.node]) ? 1 : 0;
        }
        // Newest first, and a bounded list: a 10,000-step replay stays smooth while it plays.
        constexpr int Shown = 200;
        for (int i = current - 1; i >= std::max(0, current - Shown); --i) {
            const ReplayStep &s = m_steps[i];
            auto *item = new QListWidgetItem(
                QStringLiteral("%1. %2 %3%4")
                    .arg(i + 1)
                    .arg(shown(m_analysis->document().resources[s.node].id), shown(s.what),
                        s.pointOfNoReturn ? tr("   ◀ POINT OF NO RETURN") : QString()),
                m_gone);
            if (s.dataLoss) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
        }
        if (current > Shown)
            m_gone->addItem(tr("… and %n earlier step(s)", nullptr, current - Shown));
    }
    m_gone->setVisible(m_gone->count() > 0); // never an empty list
    m_goneLabel->setVisible(current > 0);
    m_goneLabel->setText(current == 0 ? QString()
                                      : tr("Gone so far: %1 of %2 resources, %3 of them data "
                                           "stores.")
                                            .arg(current)
                                            .arg(count)
                                            .arg(data));
    emit marksChanged(marks);
    if (current > 0)
        emit nodeReached(m_steps[current - 1].node);
}

} // namespace bg::ui
