// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The window's frame: actions, docks, opening files and scenarios, the welcome page. What is
// shown once an analysis is there (graph, selection, what-if, approval, exports) is in
// mainwindow_review.cpp.
#include "mainwindow.h"

#include "core/files.h"
#include "core/loading/loader.h"
#include "core/review/scenarios.h"
#include "detailspanel.h"
#include "graphview.h"
#include "layoutworker.h"
#include "legendwidget.h"
#include "postmortempanel.h"
#include "protectionspanel.h"
#include "replaypanel.h"
#include "resourcemodel.h"
#include "scenariobrowser.h"
#include "shown.h"
#include "stackspanel.h"
#include "summarybanner.h"
#include "theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace bg::ui {

using namespace core;

namespace {

// A panel of the strip under the picture. The strip is as tall as the largest size hint and
// minimum of its panels (the dock area is sized from them when it first fills, and resizeDocks
// cannot move a tabbed group's edge in Qt 6.4): this host asks for a low strip and scrolls a
// panel that needs more; the reviewer can still drag the strip taller.
class StripHost : public QScrollArea {
public:
    // height: what the panel asks for; the postmortem's axis and list need more than 88.
    StripHost(QWidget *panel, QWidget *parent, int height = 88)
        : QScrollArea(parent)
        , m_height(height)
    {
        setWidget(panel);
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
    }
    QSize sizeHint() const override { return {QScrollArea::sizeHint().width(), m_height}; }
    QSize minimumSizeHint() const override { return {QScrollArea::minimumSizeHint().width(), 60}; }

private:
    int m_height;
};

// The resources table scrolls itself: it only needs a lower size hint.
class StripTable : public QTableView {
public:
    using QTableView::QTableView;
    QSize sizeHint() const override { return {QTableView::sizeHint().width(), 88}; }
};

} // namespace

MainWindow::MainWindow(RuleSet rules, Policy policy, QWidget *parent)
    : QMainWindow(parent)
    , m_review(new ReviewController(std::move(rules), std::move(policy), this))
    , m_pages(new QStackedWidget(this))
    , m_welcome(new ScenarioBrowser(this))
    , m_banner(new SummaryBanner(this))
    , m_graph(new GraphView(this))
    , m_table(new StripTable(this))
    , m_model(new ResourceModel(this))
    , m_proxy(new ResourceFilterProxy(this))
    , m_details(new DetailsPanel(this))
    , m_replay(new ReplayPanel(this))
    , m_postmortem(new PostmortemPanel(this))
    , m_story(new QTextBrowser(this))
    , m_protectionsPanel(new ProtectionsPanel(this))
    , m_stacks(new StacksPanel(this))
    , m_layout(new LayoutWorker(this))
    , m_search(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancelLayout(new QPushButton(tr("Cancel layout"), this))
{
    setWindowTitle(tr("Blastguard"));
    setAcceptDrops(true);
    m_viewer = new QWidget(this);
    auto *layout = new QVBoxLayout(m_viewer);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_banner);
    layout->addWidget(m_graph, 1);
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_viewer);
    setCentralWidget(m_pages);
    const Result<std::vector<Scenario>> scenarios = bundledScenarios();
    m_welcome->setScenarios(scenarios ? *scenarios : std::vector<Scenario>(),
        scenarios ? QString() : scenarios.error().toString());
    connect(m_welcome, &ScenarioBrowser::scenarioChosen, this, &MainWindow::openScenario);
    connect(m_welcome, &ScenarioBrowser::openRequested, this, &MainWindow::open);
    connect(m_welcome, &ScenarioBrowser::compareRequested, this, &MainWindow::compareInteractive);
    m_story->setOpenLinks(false);
    m_protectionsPanel->setCatalog(
        m_review->protectionSet(), &m_review->rules(), m_review->catalogError());
    connect(m_protectionsPanel, &ProtectionsPanel::switchesChanged, m_review,
        &ReviewController::requestProtections);
    connect(m_review, &ReviewController::opened, this, &MainWindow::opened);
    connect(m_review, &ReviewController::openFailed, this, &MainWindow::openFailed);
    connect(m_review, &ReviewController::shownChanged, this, &MainWindow::shownChanged);

    m_proxy->setSourceModel(m_model);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_table->resizeColumnsToContents();
        for (int c = 0; c < m_model->columnCount(); ++c)
            m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 420));
    });
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ResourceModel::CriticalColumn, Qt::AscendingOrder); // critical rows first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Resources"));
    m_graph->clearGraph(tr("Open a plan or state: File ▸ Open (Ctrl+O), drop a file here, or name "
                           "it on the command line."));

    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    m_cancelLayout->setVisible(false);
    m_status->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelLayout);

    createActions();
    createDocks();
    connect(m_layout, &LayoutWorker::finished, this, &MainWindow::layoutFinished);
    connect(m_cancelLayout, &QPushButton::clicked, this, [this] {
        m_layout->cancel();
        setStatus(tr("Layout cancelled. The table still lists every resource."));
    });
    connect(m_graph, &GraphView::nodeClicked, this, [this](int node) { selectNode(node, false); });
    connect(m_graph, &GraphView::moduleOpened, this, [this](const QString &module) {
        m_viewOptions.expandedModules.insert(module);
        relayout();
    });
    connect(m_replay, &ReplayPanel::marksChanged, this, [this](const std::vector<NodeMark> &marks) {
        m_replayMarks = marks;
        showMarks();
    });
    connect(
        m_replay, &ReplayPanel::nodeReached, this, [this](int node) { selectNode(node, false); });
    // The record's replay marks the same picture: whichever replay moved last is shown.
    connect(m_postmortem, &PostmortemPanel::marksChanged, this,
        [this](const std::vector<NodeMark> &marks) {
            m_replayMarks = marks;
            showMarks();
        });
    connect(m_postmortem, &PostmortemPanel::nodeSelected, this,
        [this](int node) { selectNode(node, false); });
    connect(m_stacks, &StacksPanel::stackActivated, this, [this](const QString &file) {
        if (m_estateRoots.isEmpty())
            m_estateRoots = m_review->estateRoots(); // a scenario's: it stays open
        openFiles({file});
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (!m_syncing && current.isValid())
                selectNode(m_proxy->mapToSource(current).row(), true);
        });

    m_defaultLayout = saveState(); // View ▸ Reset Layout returns here
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1500, 950);
    setWelcomeVisible(true);
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::setStatus(const QString &text)
{
    m_status->setText(shownLines(text));
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *openAction = file->addAction(tr("&Open…"), this, &MainWindow::open);
    openAction->setShortcut(QKeySequence::Open);
    file->addAction(tr("Compare Two &States…"), this, &MainWindow::compareInteractive);
    QAction *records
        = file->addAction(tr("Open Rec&ords…"), this, &MainWindow::openRecordsInteractive);
    records->setToolTip(tr("Lay Terraform's apply log (terraform apply -json) and the cloud's "
                           "audit log over the file open: the postmortem"));
    file->addAction(tr("Open &Estate…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
        &MainWindow::openEstateInteractive);
    QAction *closeEstate = file->addAction(tr("C&lose Estate"), this, [this] { setEstate({}); });
    connect(file, &QMenu::aboutToShow, closeEstate,
        [this, closeEstate] { closeEstate->setEnabled(!m_estateRoots.isEmpty()); });
    file->addAction(tr("Scenarios and &Welcome"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W),
        this, &MainWindow::showWelcome);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction *exportView = file->addAction(
        tr("Export &View (PNG, SVG, PDF)…"), this, &MainWindow::exportViewInteractive);
    QAction *exportReport = file->addAction(
        tr("Export &Report (Markdown, JSON)…"), this, &MainWindow::exportReportInteractive);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *zoomIn = view->addAction(
        tr("Zoom &In"), QKeySequence::ZoomIn, this, [this] { m_graph->zoomBy(1.25); });
    QAction *zoomOut = view->addAction(
        tr("Zoom &Out"), QKeySequence::ZoomOut, this, [this] { m_graph->zoomBy(0.8); });
    QAction *fit
        = view->addAction(tr("&Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), m_graph, &GraphView::fit);
    view->addSeparator();
    m_radiusOnly = view->addAction(tr("Blast Radius &Only"));
    m_radiusOnly->setCheckable(true);
    connect(m_radiusOnly, &QAction::toggled, this, [this](bool on) {
        m_viewOptions.radiusOnly = on;
        relayout();
    });
    m_drawAll = view->addAction(tr("Draw &Every Resource"));
    m_drawAll->setCheckable(true);
    m_drawAll->setToolTip(tr("Lift the 500-node bound: every resource is drawn, each module "
                             "laid out as one block (an overview of the whole plan)"));
    connect(m_drawAll, &QAction::toggled, this, [this](bool on) {
        m_viewOptions.maxNodes = on ? ViewOptions::EveryNode : ViewOptions {}.maxNodes;
        relayout();
    });
    m_collapse = view->addAction(tr("Fold &Modules"));
    m_collapse->setCheckable(true);
    connect(m_collapse, &QAction::toggled, this, [this](bool on) {
        m_viewOptions.collapseModules = on;
        m_viewOptions.expandedModules.clear();
        relayout();
    });
    QAction *find = view->addAction(tr("&Find"), QKeySequence::Find, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    QAction *nextCritical = view->addAction(
        tr("&Next Critical"), QKeySequence(Qt::Key_F8), this, [this] { jumpToCritical(1); });
    QAction *prevCritical = view->addAction(tr("&Previous Critical"),
        QKeySequence(Qt::SHIFT | Qt::Key_F8), this, [this] { jumpToCritical(-1); });
    view->addSeparator();
    m_panelsMenu = view->addMenu(tr("&Panels"));
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    for (const auto &[choice, label] : {std::pair {Theme::System, tr("&System")},
             std::pair {Theme::Light, tr("&Light")}, std::pair {Theme::Dark, tr("&Dark")}}) {
        QAction *a = theme->addAction(label);
        a->setCheckable(true);
        a->setChecked(choice == currentTheme());
        a->setData(themeName(choice));
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [choice = choice] { applyTheme(choice); });
    }
    connect(theme, &QMenu::aboutToShow, theme, [theme] {
        for (QAction *a : theme->actions())
            a->setChecked(a->data().toString() == themeName(currentTheme()));
    });
    view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);

    QMenu *review = menuBar()->addMenu(tr("&Review"));
    m_whatIf = review->addAction(tr("&Simulate Destroy of Selection"),
        QKeySequence(Qt::CTRL | Qt::Key_D), this, &MainWindow::simulateDestroy);
    m_backToPlan = review->addAction(
        tr("&Back to the File"), QKeySequence(Qt::CTRL | Qt::Key_B), this, &MainWindow::backToPlan);
    review->addSeparator();
    m_approve = review->addAction(tr("&Approve This Plan…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this, &MainWindow::approve);

    // Short words on the toolbar, so that it fits a laptop's screen; the menus say them whole.
    zoomIn->setIconText(tr("Zoom +"));
    zoomOut->setIconText(tr("Zoom −"));
    m_radiusOnly->setIconText(tr("Radius Only"));
    m_drawAll->setIconText(tr("Draw All"));
    prevCritical->setIconText(tr("◀ Critical"));
    nextCritical->setIconText(tr("Critical ▶"));
    m_whatIf->setIconText(tr("What-if Destroy"));
    m_backToPlan->setIconText(tr("Back"));
    m_approve->setIconText(tr("Approve…"));
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addAction(openAction);
    bar->addSeparator();
    bar->addActions({zoomIn, zoomOut, fit, m_radiusOnly, m_collapse, m_drawAll});
    bar->addSeparator();
    m_search->setPlaceholderText(tr("Find a resource (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(320);
    m_search->setMinimumWidth(160);
    bar->addWidget(m_search);
    bar->addActions({prevCritical, nextCritical});
    bar->addSeparator();
    bar->addActions({m_whatIf, m_backToPlan, m_approve});
    bar->addSeparator();
    // The legend: a popover, so the picture keeps the room.
    auto *legendButton = new QToolButton(bar);
    legendButton->setText(tr("Legend"));
    legendButton->setToolTip(tr("What the shapes, colours and lines mean"));
    legendButton->setPopupMode(QToolButton::InstantPopup);
    auto *legendMenu = new QMenu(legendButton);
    auto *legendAction = new QWidgetAction(legendMenu);
    legendAction->setDefaultWidget(new LegendWidget(legendMenu));
    legendMenu->addAction(legendAction);
    legendButton->setMenu(legendMenu);
    bar->addWidget(legendButton);
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::onSearch);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        const std::vector<int> found = m_graph->search(m_search->text());
        if (!found.empty())
            selectNode(found[(++m_criticalCursor) % found.size()], false);
    });
    m_needAnalysis = {records, exportView, exportReport, zoomIn, zoomOut, fit, find, nextCritical,
        prevCritical, m_radiusOnly, m_collapse, m_drawAll};
}

void MainWindow::createDocks()
{
    // The graph has most of the window: one strip below (the resources, and on demand the
    // replay, the protections and the stacks, tabbed) and one column on the right (the story
    // of a scenario, the details of a selection). Which open depends on what is opened
    // (applyDockDefaults); View ▸ Panels opens any of them.
    auto dock = [this](const QString &title, const QString &name, QWidget *widget,
                    Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        m_panelsMenu->addAction(d->toggleViewAction());
        return d;
    };
    m_resourcesDock
        = dock(tr("Resources"), QStringLiteral("resourcesDock"), m_table, Qt::BottomDockWidgetArea);
    m_replayDock = dock(tr("Destroy Replay"), QStringLiteral("replayDock"),
        new StripHost(m_replay, this), Qt::BottomDockWidgetArea);
    m_postmortemDock = dock(tr("Postmortem"), QStringLiteral("postmortemDock"),
        new StripHost(m_postmortem, this, 380), Qt::BottomDockWidgetArea);
    m_protectionsDock = dock(tr("What Would Have Saved You"), QStringLiteral("protectionsDock"),
        new StripHost(m_protectionsPanel, this), Qt::BottomDockWidgetArea);
    m_stacksDock = dock(tr("Stacks"), QStringLiteral("stacksDock"), new StripHost(m_stacks, this),
        Qt::BottomDockWidgetArea);
    for (QDockWidget *d : {m_replayDock, m_postmortemDock, m_protectionsDock, m_stacksDock})
        tabifyDockWidget(m_resourcesDock, d);
    m_storyDock
        = dock(tr("Scenario"), QStringLiteral("storyDock"), m_story, Qt::RightDockWidgetArea);
    m_detailsDock
        = dock(tr("Details"), QStringLiteral("detailsDock"), m_details, Qt::RightDockWidgetArea);
    for (QDockWidget *d : {m_replayDock, m_postmortemDock, m_protectionsDock, m_stacksDock,
             m_storyDock, m_detailsDock})
        d->hide();
    m_resourcesDock->raise();
    resizeDocks({m_detailsDock}, {380}, Qt::Horizontal);
}

// What opens with a file: a scenario its story and its replay; a plan or a state only the
// resources (the details open on a selection, the stacks with an estate). Never an empty
// panel: the replay only where a scenario destroys something.
void MainWindow::applyDockDefaults(bool scenario)
{
    // The replay and the protections only where something is destroyed: never an empty panel.
    const std::shared_ptr<const Analysis> shown = m_review->shown();
    const bool destroys = shown && !shown->impact.destroyOrder.empty();
    m_storyDock->setVisible(scenario);
    m_replayDock->setVisible(scenario && destroys);
    m_protectionsDock->setVisible(scenario && destroys);
    // The postmortem wherever there are records (or words on why they could not be read).
    const bool records = m_postmortem->isLoading() || m_postmortem->hasRecords()
        || !m_postmortem->unreadable().empty();
    m_postmortemDock->setVisible(records);
    m_detailsDock->setVisible(false);
    m_resourcesDock->show();
    if (records)
        m_postmortemDock->raise();
    if (scenario) {
        m_storyDock->raise();
        if (!records)
            m_replayDock->raise();
    } else if (!records) {
        m_resourcesDock->raise();
    }
    // The strip below and the column beside stay narrow: the picture is the point. Once the
    // docks just shown are in the layout (it takes them on its next pass).
    QTimer::singleShot(0, this, [this, scenario] { sizeDocks(scenario); });
}

void MainWindow::sizeDocks(bool scenario)
{
    // The strip below takes its height from its panels' size hints (StripHost).
    if (scenario && m_storyDock->isVisible())
        resizeDocks({m_storyDock}, {std::clamp(width() / 4, 280, 440)}, Qt::Horizontal);
    // The postmortem's axis and list need more than the strip's usual height; the graph keeps
    // most of the window all the same (the first screen holds the radius legibly).
    if (m_postmortemDock->isVisible())
        resizeDocks({m_postmortemDock}, {std::clamp(height() * 28 / 100, 200, 360)}, Qt::Vertical);
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultLayout);
    QSettings().remove(QStringLiteral("window/state"));
    if (analysis())
        applyDockDefaults(bool(m_review->scenario()));
    showEstate();
    m_graph->showFirstScreen();
}

QDockWidget *MainWindow::dock(const QString &objectName) const
{
    return findChild<QDockWidget *>(objectName);
}

bool MainWindow::isBusy() const
{
    return m_review->isBusy() || m_layout->isBusy();
}

void MainWindow::open()
{
    const QString dir = QSettings().value(QStringLiteral("lastDir")).toString();
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open a Plan or State"), dir,
        tr("Plans and states (*.json *.tfstate *.tfstate.backup);;All files (*)"));
    if (!paths.isEmpty())
        openFiles(paths);
}

void MainWindow::openFiles(const QStringList &paths)
{
    if (paths.isEmpty() || m_review->isLoading())
        return;
    if (paths.size() == 1 && isScenarioArgument(paths.first())) {
        openScenario(paths.first().section(QLatin1Char(':'), 1));
        return;
    }
    if (const auto &scenario = m_review->scenario();
        scenario && !scenario->files.contains(paths.first()))
        m_review->setScenario(std::nullopt);
    QSettings().setValue(QStringLiteral("lastDir"), QFileInfo(paths.first()).absolutePath());
    setStatus(tr("Reading %1…").arg(QFileInfo(paths.first()).fileName()));
    m_progress->setVisible(true);
    m_review->open(paths, estateRootsFor(paths));
}

void MainWindow::openScenario(const QString &name)
{
    if (m_review->isLoading())
        return; // one opening at a time: the scenario must not label another file
    const Result<Scenario> scenario = findScenario(name);
    if (!scenario) {
        setStatus(scenario.error().toString());
        QMessageBox::warning(this, tr("No such scenario"), shownLines(scenario.error().toString()));
        return;
    }
    m_review->setScenario(*scenario);
    const Result<QByteArray> story
        = files::readFile(scenario->story, files::smallFileLimit(QStringLiteral("a story")));
    m_story->setMarkdown(story ? QString::fromUtf8(*story) : scenario->summary);
    openFiles(
        scenario->compare.isEmpty() ? QStringList {scenario->files.first()} : scenario->compare);
}

void MainWindow::showWelcome()
{
    m_replay->play(false);
    m_postmortem->play(false);
    setWelcomeVisible(true);
}

// The welcome page has the whole window; the docks come back as they were when a file opens.
void MainWindow::setWelcomeVisible(bool on)
{
    if (on == isWelcomeShown() && !m_hiddenDocks.isEmpty() == on)
        return;
    if (on) {
        for (QDockWidget *dock : findChildren<QDockWidget *>()) {
            if (!dock->isHidden()) {
                m_hiddenDocks.append(dock);
                dock->hide();
            }
        }
    } else {
        for (QDockWidget *dock : std::as_const(m_hiddenDocks))
            dock->show();
        m_hiddenDocks.clear();
    }
    m_pages->setCurrentWidget(on ? static_cast<QWidget *>(m_welcome) : m_viewer);
}

bool MainWindow::isWelcomeShown() const
{
    return m_pages->currentWidget() == m_welcome;
}

void MainWindow::compareInteractive()
{
    const QString dir = QSettings().value(QStringLiteral("lastDir")).toString();
    const QString filter = tr("States (*.tfstate *.tfstate.backup *.json);;All files (*)");
    const QString before = QFileDialog::getOpenFileName(this, tr("The State Before"), dir, filter);
    if (before.isEmpty())
        return;
    const QString after = QFileDialog::getOpenFileName(
        this, tr("The State After"), QFileInfo(before).absolutePath(), filter);
    if (!after.isEmpty())
        openFiles({before, after});
}

// The line above the headline: the scenario's lesson, or what a state diff compares.
void MainWindow::showContext()
{
    QStringList parts;
    if (const auto &scenario = m_review->scenario())
        parts.append(tr("Scenario: %1. Lesson: %2").arg(scenario->title, scenario->lesson));
    if (!m_review->context().isEmpty())
        parts.append(m_review->context());
    if (const auto shown = m_review->shown(); shown && shown->estate) {
        const EstateView &e = *shown->estate;
        QString line = tr("Estate: stack %1, one of %2 — %3.")
                           .arg(e.stack)
                           .arg(e.stackCount)
                           .arg(e.recognisedBy);
        QStringList hit;
        for (const auto &[stack, count] : e.stacksHit())
            hit.append(tr("%1 (%2)").arg(stack).arg(count));
        line += QLatin1Char(' ')
            + (hit.isEmpty() ? tr("Nothing in the other stacks uses what this run destroys.")
                             : tr("Other stacks hit: %1.").arg(hit.join(QStringLiteral(", "))));
        parts.append(line);
    }
    if (const QStringList on = m_protectionsPanel->checkedTitles(); !on.isEmpty())
        parts.append(tr("As if these had been in place: %1. The real run is unchanged; switch "
                        "them off in “What Would Have Saved You”.")
                         .arg(on.join(QStringLiteral(", "))));
    m_banner->setContext(parts.join(QLatin1Char('\n')));
}

void MainWindow::openFailed(const QString &error)
{
    m_layout->cancel(); // the picture of what was open before must not come back
    m_layoutId = 0;
    m_cancelLayout->setVisible(false);
    m_progress->setVisible(false);
    setWelcomeVisible(false);
    setStatus(error);
    m_banner->setMessage(
        tr("Could not open this file — nothing is shown and nothing can be approved.\n%1")
            .arg(error),
        true);
    showContext();
    m_replay->setAnalysis(nullptr, nullptr);
    m_postmortem->clear();
    m_protectionMarks.clear();
    m_protectionsPanel->setAnalysis(nullptr);
    m_model->setAnalysis(nullptr);
    m_details->clear();
    m_graph->clearGraph(error);
    updateActions();
}

void MainWindow::opened()
{
    m_progress->setVisible(false);
    setWelcomeVisible(false);
    const auto &scenario = m_review->scenario();
    if (!scenario)
        addRecent(m_review->path());
    setWindowTitle(
        tr("%1 — Blastguard")
            .arg(shown(scenario ? scenario->title : QFileInfo(m_review->path()).fileName())));
    m_viewOptions = {};
    for (QAction *option : {m_radiusOnly, m_collapse, m_drawAll}) {
        const QSignalBlocker blocker(option); // one layout, of the new analysis
        option->setChecked(false);
    }
    // Before the docks: the postmortem's panel shows while it reads.
    loadRecordsOfOpened();
    // A postmortem opens on its story and its replay; a plan on its resources.
    applyDockDefaults(bool(scenario));
    showAnalysis(false);
    if (m_postmortemDock->isVisible())
        m_postmortemDock->raise(); // over the stacks that showAnalysis may have raised
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    settings.setValue(QStringLiteral("recentFiles"), recent.mid(0, 10));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openFiles({path}); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (QDockWidget *dock : std::as_const(m_hiddenDocks))
        dock->show(); // remember the docks as the viewer has them, not as the welcome page
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    openFiles(paths);
}

} // namespace bg::ui
