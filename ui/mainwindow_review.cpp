// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window once an analysis is shown: the picture and its marks, selection kept in step
// between graph, table and details, search, what-if, approval and exports.
#include "confirmdialog.h"
#include "core/files.h"
#include "core/report/report.h"
#include "detailspanel.h"
#include "exporter.h"
#include "graphview.h"
#include "layoutworker.h"
#include "mainwindow.h"
#include "protectionspanel.h"
#include "replaypanel.h"
#include "resourcemodel.h"
#include "shown.h"
#include "summarybanner.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLayout>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>

namespace bg::ui {

namespace {

// Above this many resources the table is filled after the first picture is painted (about
// 0.18 s for 50,000 rows); below, at once, so that a small plan's table never blinks empty.
constexpr size_t LargeTable = 5000;

} // namespace

using namespace core;

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

void MainWindow::shownChanged(ReviewController::Change change)
{
    switch (change) {
    case ReviewController::Change::Real:
        showAnalysis(false);
        if (const QStringList targets = m_review->whatIfTargets(); !targets.isEmpty())
            setStatus(tr("What-if: destroying %1. Ctrl+B goes back.")
                          .arg(targets.join(QStringLiteral(", "))));
        break;
    case ReviewController::Change::Counterfactual:
        m_protectionsPanel->showCounterfactual(m_review->counterfactual());
        m_protectionMarks = m_protectionsPanel->marksOf(m_review->counterfactual());
        showAnalysis(true);
        break;
    case ReviewController::Change::ProtectionsOff:
        m_protectionMarks.clear();
        showAnalysis(true);
        break;
    }
}

void MainWindow::showAnalysis(bool counterfactual)
{
    const std::shared_ptr<const Analysis> shown = m_review->shown();
    const RuleSet &rules = m_review->rules();
    if (!counterfactual) {
        m_protectionMarks.clear();
        m_protectionsPanel->setAnalysis(m_review->real());
    }
    m_layoutCache.clear();
    m_banner->setAnalysis(*shown, rules);
    showContext();
    m_replay->setAnalysis(shown, &rules);
    if (shown->document().resources.size() > LargeTable) {
        m_model->setAnalysis(nullptr);
        m_tablePending = shown;
    } else {
        m_model->setAnalysis(shown);
        m_tablePending.reset();
    }
    m_details->setAnalysis(shown, &rules);
    showEstate();
    m_criticalCursor = -1;
    m_currentNode = -1;
    setStatus(tr("%1 resources, %2 dependencies.")
                  .arg(shown->graph().size())
                  .arg(shown->graph().edgeCount()));
    updateActions();
    relayout();
    emit analysisShown();
    // Nothing selected: the first screen shows the whole radius, the critical chains lit
    // (F8 walks the critical nodes one by one).
    m_details->clear();
}

void MainWindow::relayout()
{
    if (!analysis())
        return;
    m_pendingView = buildViewGraph(*analysis(), m_viewOptions, m_graph->labelMeasure());
    // Folding and opening modules back and forth returns to layouts already made.
    QStringList expanded(
        m_viewOptions.expandedModules.begin(), m_viewOptions.expandedModules.end());
    expanded.sort();
    m_pendingKey = QStringLiteral("%1|%2|%3|%4")
                       .arg(m_viewOptions.radiusOnly)
                       .arg(m_viewOptions.collapseModules)
                       .arg(m_viewOptions.maxNodes)
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
    setStatus(tr("Laying out %1 nodes with %2…")
                  .arg(m_pendingView.request.nodes.size())
                  .arg(chooseEngine(int(m_pendingView.request.nodes.size()),
                      int(m_pendingView.request.edges.size()))));
}

void MainWindow::layoutFinished(quint64 id, const LayoutResult &result)
{
    if (id != m_layoutId || !analysis())
        return; // a request that was superseded, or of a file since closed or failed
    m_progress->setVisible(m_review->isLoading());
    m_cancelLayout->setVisible(false);
    if (result.cancelled) {
        fillTable();
        return;
    }
    if (result.error.isEmpty())
        m_layoutCache.insert(m_pendingKey, result);
    if (!result.error.isEmpty()) {
        m_graph->clearGraph(
            tr("The graph could not be laid out: %1\nThe table lists every resource.")
                .arg(result.error));
        setStatus(result.error);
        fillTable();
        emit layoutShown(); // the first screen is this message
        return;
    }
    m_graph->showGraph(analysis(), m_pendingView, result);
    if (layout())
        layout()->activate(); // the docks of this file are in place: fit to the room they leave
    if (m_currentNode >= 0)
        m_graph->selectNode(m_currentNode);
    if (m_viewOptions.maxNodes == ViewOptions::EveryNode)
        m_graph->fit(); // the overview is the point of drawing everything
    else if (m_currentNode >= 0)
        m_graph->fitReadable();
    else
        m_graph->showFirstScreen();
    QStringList notes = m_pendingView.notes;
    notes.prepend(tr("%1 nodes laid out by %2 in %3 s.")
                      .arg(result.nodes.size())
                      .arg(result.engine)
                      .arg(result.seconds, 0, 'f', 2));
    setStatus(notes.join(QLatin1Char(' ')));
    if (m_tablePending) {
        m_graph->viewport()->repaint(); // the picture first, then the rows
        fillTable();
    }
    emit layoutShown();
}

void MainWindow::fillTable()
{
    if (!m_tablePending)
        return;
    if (m_tablePending == analysis())
        m_model->setAnalysis(m_tablePending);
    m_tablePending.reset();
}

void MainWindow::selectNode(int node, bool fromTable)
{
    if (!analysis() || node < 0 || node >= analysis()->graph().size())
        return;
    m_syncing = true;
    m_currentNode = node;
    m_details->showNode(node);
    m_detailsDock->show(); // the details open on a selection
    m_detailsDock->raise();
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
        setStatus(
            tr("%n match(es) in the graph; Enter jumps to the next.", nullptr, int(found.size())));
}

void MainWindow::jumpToCritical(int direction)
{
    const std::shared_ptr<const Analysis> shown = analysis();
    if (!shown)
        return;
    // Databases first, then snapshots, then the rest: the order of what hurts most.
    std::vector<int> nodes;
    for (const QString &category :
        {QStringLiteral("database"), QStringLiteral("snapshot"), QString()}) {
        for (const Finding &f : shown->findings) {
            const bool fits = category.isEmpty() || shown->categories[f.node] == category;
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
    const std::shared_ptr<const Analysis> base = m_review->base();
    if (!base || nodes.empty()) {
        setStatus(
            tr("Select the resources to destroy in the table first (Ctrl+click for several)."));
        return;
    }
    QStringList targets;
    for (int n : nodes)
        targets.append(base->document().resources[n].id);
    m_review->requestWhatIf(targets);
    setStatus(tr("Simulating the destroy of %1…").arg(targets.join(QStringLiteral(", "))));
}

void MainWindow::backToPlan()
{
    m_review->backToBase();
}

void MainWindow::approve()
{
    if (!m_review->isApprovable())
        return;
    // The key that signed last time is offered again (a path, never the key itself).
    QSettings settings;
    const QString keySetting = QStringLiteral("approval/signingKey");
    const ConfirmDialog::Signing signing {
        m_review->policy(), settings.value(keySetting).toString()};
    ConfirmDialog dialog(
        *m_review->base(), m_review->rules(), qEnvironmentVariable("USER"), signing, this);
    if (dialog.exec() == QDialog::Accepted && !dialog.savedPath().isEmpty()) {
        if (!dialog.signingKey().isEmpty())
            settings.setValue(keySetting, dialog.signingKey());
        setStatus(tr("Approval saved to %1").arg(dialog.savedPath()));
    }
}

void MainWindow::updateActions()
{
    const bool has = bool(analysis());
    for (QAction *a : m_needAnalysis)
        a->setEnabled(has);
    m_whatIf->setEnabled(has);
    m_backToPlan->setEnabled(has && analysis() != m_review->base());
    const bool approvable = m_review->isApprovable();
    m_approve->setEnabled(approvable);
    m_approve->setToolTip(approvable
            ? tr("Acknowledge every critical finding and approve this exact plan")
            : tr("Only a plan that loaded without errors can be approved"));
}

Status MainWindow::exportView(const QString &path)
{
    return exportScene(m_graph->scene(), path, m_review->inputs());
}

Status MainWindow::exportReport(const QString &path)
{
    const std::shared_ptr<const Analysis> report = m_review->reportAnalysis();
    if (!report)
        return Error {path, 0, 0, tr("nothing is open")};
    const Analysis &shown = *report;
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    return files::writeFile(path,
        renderReport(shown, m_review->rules(), json ? ReportFormat::Json : ReportFormat::Markdown),
        m_review->inputs() << shown.document().path);
}

void MainWindow::exportViewInteractive()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the View"), QString(),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    if (const Status exported = exportView(path); !exported)
        QMessageBox::warning(this, tr("Export failed"), shownLines(exported.error().toString()));
    else
        setStatus(tr("Exported the view to %1").arg(path));
}

void MainWindow::exportReportInteractive()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the Report"), QString(), tr("Markdown (*.md);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    if (const Status exported = exportReport(path); !exported)
        QMessageBox::warning(this, tr("Export failed"), shownLines(exported.error().toString()));
    else
        setStatus(tr("Exported the report to %1").arg(path));
}

} // namespace bg::ui
