// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "confirmdialog.h"
#include "core/loader.h"
#include "core/report.h"
#include "core/statediff.h"
#include "detailspanel.h"
#include "exporter.h"
#include "graphview.h"
#include "layoutworker.h"
#include "legendwidget.h"
#include "protectionspanel.h"
#include "replaypanel.h"
#include "resourcemodel.h"
#include "scenariobrowser.h"
#include "summarybanner.h"

#include <QAction>
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
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace bg::ui {

using namespace core;

namespace {

QSizeF measureLabel(const QFontMetricsF &metrics, const QString &label)
{
    const QStringList lines = label.split(QLatin1Char('\n'));
    qreal width = metrics.horizontalAdvance(lines.value(0));
    for (int i = 1; i < lines.size(); ++i)
        width = std::max(width, 0.85 * metrics.horizontalAdvance(lines[i]));
    return {std::max(90.0, width + 24), 44};
}

} // namespace

MainWindow::MainWindow(RuleSet rules, Policy policy, QWidget *parent)
    : QMainWindow(parent)
    , m_rules(std::move(rules))
    , m_policy(std::move(policy))
    , m_pages(new QStackedWidget(this))
    , m_welcome(new ScenarioBrowser(this))
    , m_banner(new SummaryBanner(this))
    , m_graph(new GraphView(this))
    , m_table(new QTableView(this))
    , m_model(new ResourceModel(this))
    , m_proxy(new ResourceFilterProxy(this))
    , m_details(new DetailsPanel(this))
    , m_replay(new ReplayPanel(this))
    , m_story(new QTextBrowser(this))
    , m_protectionsPanel(new ProtectionsPanel(this))
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
    LoadError catalogError;
    m_welcome->setScenarios(bundledScenarios(&catalogError),
        catalogError.message.isEmpty() ? QString() : catalogError.toString());
    connect(m_welcome, &ScenarioBrowser::scenarioChosen, this, &MainWindow::openScenario);
    connect(m_welcome, &ScenarioBrowser::openRequested, this, &MainWindow::open);
    connect(m_welcome, &ScenarioBrowser::compareRequested, this, &MainWindow::compareInteractive);
    m_story->setOpenLinks(false);
    m_protections = ProtectionSet::loadDefault(&catalogError);
    m_protectionsPanel->setCatalog(
        m_protections ? &*m_protections : nullptr, &m_rules, catalogError.toString());
    connect(m_protectionsPanel, &ProtectionsPanel::counterfactualChanged, this,
        [this](std::shared_ptr<const Analysis> analysis, const std::vector<NodeMark> &marks) {
            m_protectionMarks = marks;
            showAnalysis(std::move(analysis), true);
        });
    connect(m_protectionsPanel, &ProtectionsPanel::counterfactualCleared, this, [this] {
        m_protectionMarks.clear();
        showAnalysis(m_protectionsPanel->real(), true);
    });

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
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelLayout);

    createActions();
    createDocks();
    connect(&m_loader, &QFutureWatcher<Loaded>::finished, this, &MainWindow::loadFinished);
    connect(m_layout, &LayoutWorker::finished, this, &MainWindow::layoutFinished);
    connect(m_cancelLayout, &QPushButton::clicked, this, [this] {
        m_layout->cancel();
        m_status->setText(tr("Layout cancelled. The table still lists every resource."));
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
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (!m_syncing && current.isValid())
                selectNode(m_proxy->mapToSource(current).row(), true);
        });

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1500, 950);
    setWelcomeVisible(true);
    updateActions();
}

MainWindow::~MainWindow()
{
    m_loader.waitForFinished();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *openAction = file->addAction(tr("&Open…"), this, &MainWindow::open);
    openAction->setShortcut(QKeySequence::Open);
    file->addAction(tr("Compare Two &States…"), this, &MainWindow::compareInteractive);
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

    QMenu *review = menuBar()->addMenu(tr("&Review"));
    m_whatIf = review->addAction(tr("&Simulate Destroy of Selection"),
        QKeySequence(Qt::CTRL | Qt::Key_D), this, &MainWindow::simulateDestroy);
    m_backToPlan = review->addAction(
        tr("&Back to the File"), QKeySequence(Qt::CTRL | Qt::Key_B), this, &MainWindow::backToPlan);
    review->addSeparator();
    m_approve = review->addAction(tr("&Approve This Plan…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this, &MainWindow::approve);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addAction(openAction);
    bar->addSeparator();
    bar->addActions({zoomIn, zoomOut, fit, m_radiusOnly, m_collapse});
    bar->addSeparator();
    m_search->setPlaceholderText(tr("Find a resource (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(320);
    bar->addWidget(m_search);
    bar->addActions({prevCritical, nextCritical});
    bar->addSeparator();
    bar->addActions({m_whatIf, m_backToPlan, m_approve});
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::onSearch);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        const std::vector<int> found = m_graph->search(m_search->text());
        if (!found.empty())
            selectNode(found[(++m_criticalCursor) % found.size()], false);
    });
    m_needAnalysis = {exportView, exportReport, zoomIn, zoomOut, fit, find, nextCritical,
        prevCritical, m_radiusOnly, m_collapse};
}

void MainWindow::createDocks()
{
    auto dock = [this](const QString &title, const QString &name, QWidget *widget,
                    Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        return d;
    };
    m_replayDock = dock(
        tr("Destroy Replay"), QStringLiteral("replayDock"), m_replay, Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_replayDock,
        dock(tr("What Would Have Saved You"), QStringLiteral("protectionsDock"), m_protectionsPanel,
            Qt::BottomDockWidgetArea));
    tabifyDockWidget(m_replayDock,
        dock(tr("Resources"), QStringLiteral("resourcesDock"), m_table, Qt::BottomDockWidgetArea));
    m_storyDock
        = dock(tr("Scenario"), QStringLiteral("storyDock"), m_story, Qt::RightDockWidgetArea);
    m_storyDock->setVisible(false);
    dock(tr("Details"), QStringLiteral("detailsDock"), m_details, Qt::RightDockWidgetArea);
    dock(tr("Legend"), QStringLiteral("legendDock"), new LegendWidget(this),
        Qt::RightDockWidgetArea);
}

bool MainWindow::isBusy() const
{
    return m_loader.isRunning() || m_layout->isBusy();
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
    if (paths.isEmpty() || m_loader.isRunning())
        return;
    if (paths.size() == 1 && isScenarioArgument(paths.first())) {
        openScenario(paths.first().section(QLatin1Char(':'), 1));
        return;
    }
    if (!m_scenario || !m_scenario->files.contains(paths.first()))
        m_scenario.reset();
    QSettings().setValue(QStringLiteral("lastDir"), QFileInfo(paths.first()).absolutePath());
    m_status->setText(tr("Reading %1…").arg(QFileInfo(paths.first()).fileName()));
    m_progress->setVisible(true);
    m_loader.setFuture(QtConcurrent::run(&MainWindow::load, paths, m_rules, m_policy));
}

// Off the GUI thread. A plan and a state may come together: the plan is what gets reviewed.
// Two states and no plan are a state diff, the first being the state before.
MainWindow::Loaded MainWindow::load(
    const QStringList &paths, const RuleSet &rules, const Policy &policy)
{
    std::vector<LoadResult> results;
    for (const QString &path : paths.mid(0, 2)) {
        results.push_back(loadDocument(path));
        if (!results.back().ok())
            return {path, nullptr, results.back().error->toString(), {}};
    }
    Loaded loaded {paths.first(), nullptr, {}, {}};
    const auto isPlan = [](const LoadResult &r) {
        return r.document.kind == DocumentKind::Plan;
    };
    if (results.size() == 2 && !isPlan(results[0]) && !isPlan(results[1])) {
        StateDiff diff = diffStates(std::move(results[0].document), results[1].document, rules);
        loaded.context
            = tr("State diff: %1 → %2. Lost %3, added %4, changed %5. Lineage and "
                 "serial: %6.")
                  .arg(QFileInfo(paths[0]).fileName(), QFileInfo(paths[1]).fileName())
                  .arg(diff.lost.impact.destroyOrder.size())
                  .arg(diff.added.size())
                  .arg(diff.changed.size())
                  .arg(diff.warnings.empty() ? diff.lineageVerdict : tr("see the warning below"));
        diff.lost.warnings.insert(
            diff.lost.warnings.begin(), diff.warnings.begin(), diff.warnings.end());
        loaded.analysis = std::make_shared<Analysis>(std::move(diff.lost));
    } else {
        const auto plan = std::find_if(results.begin(), results.end(), isPlan);
        LoadResult &chosen = plan != results.end() ? *plan : results.front();
        loaded.path = chosen.document.path;
        loaded.analysis = std::make_shared<Analysis>(analyse(std::move(chosen.document), rules));
    }
    applyPolicy(*loaded.analysis, policy);
    return loaded;
}

void MainWindow::openScenario(const QString &name)
{
    LoadError error;
    const std::optional<Scenario> scenario = findScenario(name, &error);
    if (!scenario) {
        m_status->setText(error.toString());
        QMessageBox::warning(this, tr("No such scenario"), error.toString());
        return;
    }
    m_scenario = scenario;
    QFile story(QFileInfo(scenario->files.first()).dir().filePath(QStringLiteral("story.md")));
    m_story->setMarkdown(
        story.open(QIODevice::ReadOnly) ? QString::fromUtf8(story.readAll()) : scenario->summary);
    openFiles(
        scenario->compare.isEmpty() ? QStringList {scenario->files.first()} : scenario->compare);
}

// The replay's marks over the protections' marks: a step of the replay says what is gone now.
void MainWindow::showMarks()
{
    std::vector<NodeMark> marks = m_protectionMarks;
    marks.resize(std::max(marks.size(), m_replayMarks.size()), NodeMark::None);
    for (size_t i = 0; i < m_replayMarks.size(); ++i) {
        if (m_replayMarks[i] != NodeMark::None)
            marks[i] = m_replayMarks[i];
    }
    m_graph->setMarks(std::move(marks));
}

void MainWindow::showWelcome()
{
    m_replay->play(false);
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
    if (m_scenario)
        parts.append(tr("Scenario: %1. Lesson: %2").arg(m_scenario->title, m_scenario->lesson));
    if (!m_loadedContext.isEmpty())
        parts.append(m_loadedContext);
    if (const QStringList on = m_protectionsPanel->checkedTitles(); !on.isEmpty())
        parts.append(tr("As if these had been in place: %1. The real run is unchanged; switch "
                        "them off in “What Would Have Saved You”.")
                         .arg(on.join(QStringLiteral(", "))));
    m_banner->setContext(parts.join(QLatin1Char('\n')));
    m_storyDock->setVisible(bool(m_scenario));
    if (m_scenario) { // a postmortem: the story and the replay come first
        m_storyDock->raise();
        m_replayDock->raise();
    }
}

void MainWindow::loadFinished()
{
    m_progress->setVisible(false);
    const Loaded loaded = m_loader.result();
    setWelcomeVisible(false);
    if (!loaded.analysis) {
        m_status->setText(loaded.error);
        m_banner->setMessage(
            tr("Could not open this file — nothing is shown and nothing can be approved.\n%1")
                .arg(loaded.error),
            true);
        m_base.reset();
        m_analysis.reset();
        m_loadedContext.clear();
        showContext();
        m_replay->setAnalysis(nullptr, nullptr);
        m_model->setAnalysis(nullptr);
        m_details->clear();
        m_graph->clearGraph(loaded.error);
        updateActions();
        return;
    }
    if (!m_scenario)
        addRecent(loaded.path);
    setWindowTitle(tr("%1 — Blastguard")
                       .arg(m_scenario ? m_scenario->title : QFileInfo(loaded.path).fileName()));
    m_loadedContext = loaded.context;
    m_base = loaded.analysis;
    m_viewOptions = {};
    m_radiusOnly->setChecked(false);
    m_collapse->setChecked(false);
    showAnalysis(m_base);
}

void MainWindow::showAnalysis(std::shared_ptr<const Analysis> analysis, bool counterfactual)
{
    m_analysis = std::move(analysis);
    if (!counterfactual) {
        m_protectionMarks.clear();
        m_protectionsPanel->setAnalysis(m_analysis);
    }
    m_layoutCache.clear();
    m_banner->setAnalysis(*m_analysis, m_rules);
    showContext();
    m_replay->setAnalysis(m_analysis, &m_rules);
    m_model->setAnalysis(m_analysis);
    m_details->setAnalysis(m_analysis, &m_rules);
    m_criticalCursor = -1;
    m_currentNode = -1;
    m_status->setText(tr("%1 resources, %2 dependencies.")
                          .arg(m_analysis->graph.size())
                          .arg(m_analysis->graph.edgeCount()));
    updateActions();
    relayout();
    emit analysisShown();
    jumpToCritical(1);
}

void MainWindow::relayout()
{
    if (!m_analysis)
        return;
    QFont bold = m_graph->font();
    bold.setBold(true); // critical labels are bold: measure for the wider one
    const QFontMetricsF metrics(bold);
    m_pendingView = buildViewGraph(*m_analysis, m_viewOptions,
        [&metrics](const QString &label) { return measureLabel(metrics, label); });
    // Folding and opening modules back and forth returns to layouts already made.
    QStringList expanded(
        m_viewOptions.expandedModules.begin(), m_viewOptions.expandedModules.end());
    expanded.sort();
    m_pendingKey = QStringLiteral("%1|%2|%3")
                       .arg(m_viewOptions.radiusOnly)
                       .arg(m_viewOptions.collapseModules)
                       .arg(expanded.join(QLatin1Char('\n')));
    if (auto cached = m_layoutCache.constFind(m_pendingKey); cached != m_layoutCache.constEnd()) {
        m_layout->cancel();
        m_layoutId = 0;
        layoutFinished(0, *cached);
        return;
    }
    m_layoutId = m_layout->request(m_pendingView.request);
    m_progress->setVisible(true);
    m_cancelLayout->setVisible(true);
    m_status->setText(tr("Laying out %1 nodes with %2…")
                          .arg(m_pendingView.request.nodes.size())
                          .arg(chooseEngine(int(m_pendingView.request.nodes.size()),
                              int(m_pendingView.request.edges.size()))));
}

void MainWindow::layoutFinished(quint64 id, const LayoutResult &result)
{
    if (id != m_layoutId)
        return; // a request that was superseded
    m_progress->setVisible(m_loader.isRunning());
    m_cancelLayout->setVisible(false);
    if (result.cancelled)
        return;
    if (result.error.isEmpty())
        m_layoutCache.insert(m_pendingKey, result);
    if (!result.error.isEmpty()) {
        m_graph->clearGraph(
            tr("The graph could not be laid out: %1\nThe table lists every resource.")
                .arg(result.error));
        m_status->setText(result.error);
        return;
    }
    m_graph->showGraph(m_analysis, m_pendingView, result);
    if (m_currentNode >= 0)
        m_graph->selectNode(m_currentNode);
    m_graph->fitReadable();
    QStringList notes = m_pendingView.notes;
    notes.prepend(tr("%1 nodes laid out by %2 in %3 s.")
                      .arg(result.nodes.size())
                      .arg(result.engine)
                      .arg(result.seconds, 0, 'f', 2));
    m_status->setText(notes.join(QLatin1Char(' ')));
    emit layoutShown();
}

void MainWindow::selectNode(int node, bool fromTable)
{
    if (!m_analysis || node < 0 || node >= m_analysis->graph.size())
        return;
    m_syncing = true;
    m_currentNode = node;
    m_details->showNode(node);
    m_graph->selectNode(node);
    if (!fromTable) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(node, 0));
        if (index.isValid()) {
            m_table->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->scrollTo(index);
        }
    }
    m_syncing = false;
}

void MainWindow::onSearch(const QString &text)
{
    m_proxy->setText(text);
    const std::vector<int> found = m_graph->search(text);
    m_criticalCursor = -1;
    if (!text.isEmpty())
        m_status->setText(
            tr("%n match(es) in the graph; Enter jumps to the next.", nullptr, int(found.size())));
}

void MainWindow::jumpToCritical(int direction)
{
    if (!m_analysis)
        return;
    // Databases first, then snapshots, then the rest: the order of what hurts most.
    std::vector<int> nodes;
    for (const QString &category :
        {QStringLiteral("database"), QStringLiteral("snapshot"), QString()}) {
        for (const Finding &f : m_analysis->findings) {
            const bool fits = category.isEmpty() || m_analysis->categories[f.node] == category;
            if (f.severity == Severity::Critical && fits
                && std::find(nodes.begin(), nodes.end(), f.node) == nodes.end())
                nodes.push_back(f.node);
        }
    }
    if (nodes.empty())
        return;
    const int n = int(nodes.size());
    m_criticalCursor = ((m_criticalCursor + direction) % n + n) % n;
    selectNode(nodes[m_criticalCursor], false);
}

std::vector<int> MainWindow::selectedNodes() const
{
    std::vector<int> nodes;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        nodes.push_back(m_proxy->mapToSource(index).row());
    return nodes;
}

void MainWindow::simulateDestroy()
{
    const std::vector<int> nodes = selectedNodes();
    if (!m_base || nodes.empty()) {
        m_status->setText(
            tr("Select the resources to destroy in the table first (Ctrl+click for several)."));
        return;
    }
    QStringList targets;
    for (int n : nodes)
        targets.append(m_base->document.resources[n].id);
    auto whatIf = std::make_shared<Analysis>(analyseWhatIf(m_base->document, m_rules, targets));
    applyPolicy(*whatIf, m_policy);
    showAnalysis(whatIf);
    m_status->setText(
        tr("What-if: destroying %1. Ctrl+B goes back.").arg(targets.join(QStringLiteral(", "))));
}

void MainWindow::backToPlan()
{
    if (m_base && m_analysis != m_base)
        showAnalysis(m_base);
}

void MainWindow::approve()
{
    if (!m_analysis || m_analysis != m_base || m_base->mode != AnalysisMode::Plan)
        return;
    ConfirmDialog dialog(*m_base, m_rules, qEnvironmentVariable("USER"), this);
    if (dialog.exec() == QDialog::Accepted && !dialog.savedPath().isEmpty())
        m_status->setText(tr("Approval saved to %1").arg(dialog.savedPath()));
}

void MainWindow::updateActions()
{
    const bool has = bool(m_analysis);
    for (QAction *a : m_needAnalysis)
        a->setEnabled(has);
    m_whatIf->setEnabled(has);
    m_backToPlan->setEnabled(has && m_analysis != m_base);
    const bool approvable = has && m_analysis == m_base && m_base->mode == AnalysisMode::Plan
        && !m_base->document.errored;
    m_approve->setEnabled(approvable);
    m_approve->setToolTip(approvable
            ? tr("Acknowledge every critical finding and approve this exact plan")
            : tr("Only a plan that loaded without errors can be approved"));
}

bool MainWindow::exportView(const QString &path, QString *error)
{
    return exportScene(m_graph->scene(), path, error);
}

bool MainWindow::exportReport(const QString &path, QString *error)
{
    if (!m_analysis) {
        if (error)
            *error = tr("nothing is open");
        return false;
    }
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    if (QFileInfo(path).absoluteFilePath()
        == QFileInfo(m_analysis->document.path).absoluteFilePath()) {
        if (error)
            *error = tr("%1 is the input file; it is never overwritten").arg(path);
        return false;
    }
    return writeFileAtomically(path,
        renderReport(*m_analysis, m_rules, json ? ReportFormat::Json : ReportFormat::Markdown),
        error);
}

void MainWindow::exportViewInteractive()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the View"), QString(),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !exportView(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else if (!path.isEmpty())
        m_status->setText(tr("Exported the view to %1").arg(path));
}

void MainWindow::exportReportInteractive()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the Report"), QString(), tr("Markdown (*.md);;JSON (*.json)"));
    QString error;
    if (!path.isEmpty() && !exportReport(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else if (!path.isEmpty())
        m_status->setText(tr("Exported the report to %1").arg(path));
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
