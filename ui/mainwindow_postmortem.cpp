// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's postmortem: the records of what an apply really did (Terraform's apply log,
// the cloud's audit log), read for a scenario that has them or opened by the reviewer for the
// file open, and shown in the Postmortem panel over the picture.
#include "mainwindow.h"
#include "postmortempanel.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QSettings>

namespace bg::ui {

using namespace core;

void MainWindow::openRecordsInteractive()
{
    if (!m_review->base())
        return;
    const QString dir = QSettings().value(QStringLiteral("lastRecordsDir")).toString();
    const QString applyLog
        = QFileDialog::getOpenFileName(this, tr("Terraform's Apply Log (terraform apply -json)"),
            dir, tr("Apply logs (*.jsonl *.json *.log *.txt);;All files (*)"));
    if (applyLog.isEmpty())
        return;
    const QString folder = QFileInfo(applyLog).absolutePath();
    QSettings().setValue(QStringLiteral("lastRecordsDir"), folder);
    // Optional: cancelled, the postmortem is the apply log alone.
    const QStringList cloudLogs = QFileDialog::getOpenFileNames(this,
        tr("The Cloud's Audit Logs (optional: CloudTrail, Google Cloud, Azure)"), folder,
        tr("Audit logs (*.json *.json.gz *.jsonl *.gz);;All files (*)"));
    m_recordsFor = m_review->path();
    m_recordsApplyLog = applyLog;
    m_recordsCloudLogs = cloudLogs;
    loadRecords(applyLog, cloudLogs);
    m_postmortemDock->show();
    m_postmortemDock->raise();
}

void MainWindow::loadRecords(const QString &applyLog, const QStringList &cloudLogs)
{
    // The records are laid over the file as opened (the base), not over a what-if of it.
    m_postmortem->load({m_review->base(), m_review->rules(), applyLog, cloudLogs});
    setStatus(tr("Reading the records…"));
}

// A scenario brings its records; a file the reviewer opened records for gets them again; any
// other file has none, and the panel says so.
void MainWindow::loadRecordsOfOpened()
{
    const auto &scenario = m_review->scenario();
    if (scenario && (!scenario->applyLog.isEmpty() || !scenario->cloudLogs.isEmpty())
        && scenario->files.contains(m_review->path())) {
        loadRecords(scenario->applyLog, scenario->cloudLogs);
    } else if (!m_recordsFor.isEmpty() && m_recordsFor == m_review->path()) {
        loadRecords(m_recordsApplyLog, m_recordsCloudLogs);
    } else {
        m_recordsFor.clear();
        m_postmortem->clear();
    }
}

} // namespace bg::ui
