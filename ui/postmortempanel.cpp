// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "postmortempanel.h"

#include "postmortemtext.h"
#include "shown.h"
#include "theme.h"
#include "timeaxis.h"
#include "timelinemodel.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace bg::ui {

using namespace core;
using timeline::TimeScale;

namespace {

constexpr int SliderSteps = 10000; // the slider moves along the axis's scale, folds and all
constexpr int PlayTick = 40; // ms

// Two lines of wrapped words, without a height for each width: with one, the strip's scroll area
// makes the panel as tall as every part's preferred height, and the axis runs off the bottom.
class TwoLineLabel : public QLabel {
public:
    using QLabel::QLabel;
    bool hasHeightForWidth() const override { return false; }
    QSize sizeHint() const override { return {QLabel::sizeHint().width(), twoLines()}; }
    QSize minimumSizeHint() const override { return {80, twoLines()}; }

private:
    int twoLines() const { return 2 * fontMetrics().lineSpacing() + 2; }
};

} // namespace

PostmortemPanel::PostmortemPanel(QWidget *parent)
    : QWidget(parent)
    , m_axis(new TimeAxis(this))
    , m_model(new TimelineModel(this))
    , m_table(new QTableView(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_playButton(new QPushButton(this))
    , m_firstLossButton(new QPushButton(tr("First Data Loss"), this))
    , m_cursorLabel(new TwoLineLabel(this))
    , m_summaryLabel(new QLabel(this))
    , m_problemsLabel(new QLabel(this))
    , m_goneLabel(new QLabel(this))
{
    auto *start = new QPushButton(tr("|◀ Start"), this);
    auto *back = new QPushButton(tr("◀ Event"), this);
    auto *forward = new QPushButton(tr("Event ▶"), this);
    start->setToolTip(tr("Back to the first record"));
    back->setToolTip(tr("The previous moment something happened"));
    forward->setToolTip(tr("The next moment something happened"));
    m_firstLossButton->setToolTip(tr("The first call or step that lost data"));
    m_slider->setRange(0, SliderSteps);
    m_slider->setPageStep(SliderSteps / 50);
    m_slider->setAccessibleName(tr("Postmortem time"));
    for (QLabel *label : {m_cursorLabel, m_summaryLabel, m_problemsLabel}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_cursorLabel->setTextFormat(Qt::RichText);
    m_cursorLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_summaryLabel->setTextFormat(Qt::RichText);
    m_problemsLabel->setTextFormat(Qt::PlainText);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Timeline of the records"));
    m_table->setMinimumHeight(60);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {start, back, m_playButton, forward, m_firstLossButton})
        buttons->addWidget(b);
    buttons->addWidget(m_slider, 1);
    buttons->addWidget(m_goneLabel);
    auto *list = new QWidget(this);
    // The list gives way to the axis in a low strip: its words wrap, and would ask for more.
    list->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    // The summary and the disagreements scroll in a few lines of their own: in a low strip the
    // table keeps the rest, so that more than one row of the timeline shows.
    auto *words = new QWidget;
    auto *wordsLayout = new QVBoxLayout(words);
    wordsLayout->setContentsMargins(0, 0, 0, 0);
    wordsLayout->addWidget(m_summaryLabel);
    wordsLayout->addWidget(m_problemsLabel);
    wordsLayout->addStretch(1);
    auto *wordsArea = new QScrollArea(list);
    wordsArea->setWidget(words);
    wordsArea->setWidgetResizable(true);
    wordsArea->setFrameShape(QFrame::NoFrame);
    wordsArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    wordsArea->setMaximumHeight(fontMetrics().lineSpacing() * 4 + 4);
    listLayout->addWidget(wordsArea);
    listLayout->addWidget(m_table, 1);
    // The axis beside the list, both as tall as the strip; the reviewer drags the line between.
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_axis);
    splitter->addWidget(list);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({3000, 2000}); // in proportion
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_cursorLabel);
    layout->addWidget(splitter, 1);

    m_timer.setInterval(PlayTick);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // Real time scaled along the axis: the whole of it in m_playSeconds.
        const TimeScale &scale = m_axis->scale();
        const double at = scale.position(m_cursor) + PlayTick / (1000.0 * m_playSeconds);
        setCursorTime(scale.time(at));
        if (at >= 1.0)
            play(false);
    });
    connect(m_slider, &QSlider::valueChanged, this,
        [this](int value) { setCursorTime(m_axis->scale().time(double(value) / SliderSteps)); });
    connect(start, &QPushButton::clicked, this, [this] { setCursorTime(m_axis->scale().first()); });
    connect(back, &QPushButton::clicked, this, [this] { stepEvent(-1); });
    connect(forward, &QPushButton::clicked, this, [this] { stepEvent(1); });
    connect(m_playButton, &QPushButton::clicked, this, [this] { play(!isPlaying()); });
    connect(m_firstLossButton, &QPushButton::clicked, this, [this] {
        if (m_postmortem && m_postmortem->firstDataLoss >= 0)
            setCursorTime(m_postmortem->timeline[size_t(m_postmortem->firstDataLoss)].time);
    });
    connect(m_axis, &TimeAxis::cursorDragged, this, &PostmortemPanel::setCursorTime);
    connect(m_axis, &TimeAxis::stepRequested, this, &PostmortemPanel::stepEvent);
    connect(m_axis, &TimeAxis::entryClicked, this, &PostmortemPanel::selectEntry);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid())
                selectEntry(current.row());
        });
    connect(themeNotifier(), &ThemeNotifier::changed, this, [this] {
        showSummary();
        updateCursor();
    });
    clear();
}

void PostmortemPanel::load(timeline::Request request)
{
    const quint64 id = ++m_request;
    m_loading = true;
    m_nodes = request.analysis ? int(request.analysis->document().resources.size()) : 0;
    play(false);
    m_cursorLabel->setText(tr("Reading the records…"));
    auto *watcher = new QFutureWatcher<timeline::Loaded>(this);
    connect(watcher, &QFutureWatcher<timeline::Loaded>::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        if (id != m_request)
            return; // superseded by a newer load or a clear
        m_loading = false;
        showLoaded(watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run([request = std::move(request)] { return timeline::load(request); }));
}

void PostmortemPanel::clear(const QString &message)
{
    ++m_request; // drops a load in flight
    m_loading = false;
    play(false);
    m_postmortem.reset();
    m_unreadable.clear();
    m_model->setPostmortem(nullptr);
    m_axis->setPostmortem(nullptr);
    m_cursor = -1;
    m_goneLabel->clear();
    m_summaryLabel->clear();
    m_problemsLabel->setVisible(false);
    m_cursorLabel->setText(message.isEmpty()
            ? tr("Open a scenario with records, or File ▸ Open Records… to lay Terraform's "
                 "apply log and the cloud's audit log over the plan.")
            : shownHtml(message));
    for (QWidget *w : std::initializer_list<QWidget *> {m_slider, m_playButton, m_firstLossButton})
        w->setEnabled(false);
    m_playButton->setText(tr("▶ Play"));
    m_marks.clear();
    emit marksChanged(m_marks);
}

void PostmortemPanel::showLoaded(timeline::Loaded result)
{
    m_postmortem = std::make_shared<const Postmortem>(std::move(result.postmortem));
    m_unreadable = std::move(result.unreadable);
    m_model->setPostmortem(m_postmortem);
    m_axis->setPostmortem(m_postmortem);
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 460));
    const bool any = hasRecords();
    m_slider->setEnabled(any);
    m_playButton->setEnabled(any);
    m_firstLossButton->setEnabled(m_postmortem->firstDataLoss >= 0);
    showSummary();
    m_cursor = -2; // so that the first setCursorTime always marks
    setCursorTime(m_axis->scale().first());
    emit loaded();
}

void PostmortemPanel::showSummary()
{
    if (!m_postmortem)
        return;
    m_summaryLabel->setToolTip(shownLines(timeline::recordsText(*m_postmortem)));
    m_summaryLabel->setText(
        timeline::summaryHtml(*m_postmortem, int(m_unreadable.size()), themeColours().danger));
    const QString problems = problemsText();
    m_problemsLabel->setText(problems);
    m_problemsLabel->setVisible(!problems.isEmpty());
    m_problemsLabel->setStyleSheet(QStringLiteral("color: %1").arg(themeColours().danger.name()));
}

QString PostmortemPanel::problemsText() const
{
    return timeline::problemsText(m_unreadable, m_postmortem.get());
}

QString PostmortemPanel::summaryText() const
{
    return m_summaryLabel->text();
}

QString PostmortemPanel::cursorText() const
{
    return m_cursorLabel->text();
}

void PostmortemPanel::setCursorTime(qint64 time)
{
    const TimeScale &scale = m_axis->scale();
    if (scale.isEmpty())
        return;
    time = std::clamp(time, scale.first(), scale.last());
    if (time == m_cursor)
        return;
    m_cursor = time;
    {
        const QSignalBlocker blocker(m_slider);
        m_slider->setValue(int(std::lround(scale.position(time) * SliderSteps)));
    }
    m_axis->setCursorTime(time);
    updateCursor();
}

void PostmortemPanel::stepEvent(int direction)
{
    const std::vector<qint64> times
        = m_postmortem ? timeline::eventTimes(m_postmortem->timeline) : std::vector<qint64> {};
    if (times.empty())
        return;
    if (direction > 0) {
        const auto next = std::upper_bound(times.begin(), times.end(), m_cursor);
        setCursorTime(next == times.end() ? times.back() : *next);
    } else {
        const auto at = std::lower_bound(times.begin(), times.end(), m_cursor);
        setCursorTime(at == times.begin() ? times.front() : *std::prev(at));
    }
}

void PostmortemPanel::play(bool on)
{
    const TimeScale &scale = m_axis->scale();
    if (on && m_cursor >= scale.last())
        setCursorTime(scale.first()); // play again from the start
    if (on && hasRecords())
        m_timer.start();
    else
        m_timer.stop();
    m_playButton->setText(isPlaying() ? tr("❚❚ Pause") : tr("▶ Play"));
}

void PostmortemPanel::updateCursor()
{
    if (!m_postmortem || m_cursor < 0)
        return;
    const auto &entries = m_postmortem->timeline;
    std::vector<NodeMark> marks = timeline::marksAt(entries, m_cursor, m_nodes);
    int gone = 0;
    int lost = 0;
    for (NodeMark m : marks) {
        gone += m == NodeMark::Gone || m == NodeMark::DataLost ? 1 : 0;
        lost += m == NodeMark::DataLost ? 1 : 0;
    }
    m_goneLabel->setText(
        tr("Gone: %1 of %2 · with their data: %3").arg(gone).arg(m_nodes).arg(lost));
    m_cursorLabel->setText(timeline::cursorHtml(*m_postmortem, m_cursor, themeColours().danger));
    if (marks != m_marks) {
        m_marks = std::move(marks);
        emit marksChanged(m_marks);
    }
}

void PostmortemPanel::selectEntry(int index)
{
    if (!m_postmortem || index < 0 || index >= int(m_postmortem->timeline.size()))
        return;
    m_axis->setSelectedEntry(index);
    const QModelIndex row = m_model->index(index, 0);
    if (m_table->currentIndex().row() != index) {
        // Back here through currentRowChanged, which then finds the row current.
        m_table->selectionModel()->setCurrentIndex(
            row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(row);
        return;
    }
    if (const int node = m_postmortem->timeline[size_t(index)].node; node >= 0)
        emit nodeSelected(node);
}

} // namespace bg::ui
