// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window and the estate: File ▸ Open Estate, the Stacks list beside the plan, and the
// file under review reopened inside the estate (core/estate/surround.h does the reading).
#include "core/estate/surround.h"
#include "mainwindow.h"
#include "stackspanel.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLabel>
#include <QProgressBar>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

namespace bg::ui {

using namespace core;

namespace {

struct Listing {
    std::shared_ptr<const Estate> estate;
    QString error;
};

} // namespace

void MainWindow::openEstateInteractive()
{
    const QString start
        = m_estateRoots.value(0, QSettings().value(QStringLiteral("lastEstate")).toString());
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open an Estate: a Folder of States and Plans"), start);
    if (dir.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("lastEstate"), dir);
    setEstate({dir});
}

QStringList MainWindow::estateRootsFor(const QStringList &paths) const
{
    // A scenario with stacks beside its plan brings them, as `report scenario:NAME` does.
    if (const auto &scenario = m_review->scenario(); scenario && !scenario->estate.isEmpty()
        && !paths.isEmpty() && scenario->files.contains(paths.first()))
        return {scenario->estate};
    return m_estateRoots;
}

void MainWindow::setEstate(const QStringList &roots)
{
    m_estateRoots = roots;
    ++m_estateListing; // a listing still being read is dropped when it arrives
    if (!m_review->openedPaths().isEmpty() && !m_review->isLoading()) {
        // Reopened inside the estate (or outside it, when closed): what-ifs start again.
        const QStringList paths = m_review->openedPaths();
        setStatus(roots.isEmpty()
                ? tr("Closing the estate…")
                : tr("Reading the estate %1…").arg(roots.join(QStringLiteral(", "))));
        m_progress->setVisible(true);
        m_review->open(paths, estateRootsFor(paths));
        return;
    }
    if (roots.isEmpty()) {
        m_stacks->clear(tr("No estate open."));
        return;
    }
    // Nothing open: list the stacks, so that one can be picked for review.
    const quint64 id = m_estateListing;
    auto *watcher = new QFutureWatcher<Listing>(this);
    connect(watcher, &QFutureWatcher<Listing>::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        // Superseded, or a file opened meanwhile (its own estate is listed when it opens).
        if (id != m_estateListing || m_review->isLoading() || !m_review->openedPaths().isEmpty())
            return;
        m_progress->setVisible(false);
        const Listing listing = watcher->result();
        if (!listing.estate) {
            m_stacks->clear(tr("Could not read the estate: %1").arg(listing.error));
            setStatus(listing.error);
            return;
        }
        m_stacks->setEstate(listing.estate, -1, nullptr);
        setStatus(tr("Estate: %1 stacks. Double-click one in Stacks to review it.")
                      .arg(listing.estate->stacks.size()));
        m_stacksDock->show();
        m_stacksDock->raise();
    });
    setStatus(tr("Reading the estate %1…").arg(roots.join(QStringLiteral(", "))));
    m_progress->setVisible(true);
    EstateOptions options;
    options.roots = roots;
    watcher->setFuture(QtConcurrent::run([options, rules = m_review->rules()] {
        Result<std::shared_ptr<const Estate>> read = readLinkedEstate(options, rules);
        return read ? Listing {*read, {}} : Listing {nullptr, read.error().toString()};
    }));
}

void MainWindow::showEstate()
{
    const EstateContext &context = m_review->estate();
    const auto shown = m_review->shown();
    if (!context) {
        m_stacks->clear(tr("No estate open. File ▸ Open Estate reads a folder of states and "
                           "plans, so that what a destroy breaks in the other stacks shows."));
        return;
    }
    m_stacks->setEstate(context.estate, context.stack, shown ? shown->estate : nullptr);
    if (shown && shown->estate && !shown->estate->breaks.empty()) {
        m_stacksDock->show();
        m_stacksDock->raise(); // a scenario's replay comes forward after this (opened())
    }
}

} // namespace bg::ui
