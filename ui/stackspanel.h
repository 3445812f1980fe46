// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/estate/estate.h"
#include "core/risk/estateview.h"

#include <QWidget>
#include <memory>

class QLabel;
class QTableWidget;

namespace bg::ui {

// The estate beside the plan: every stack found (its name, kind, resources and file), the one
// under review marked, and for the others how many of their resources the shown run breaks.
// Activating a stack asks for its file to be reviewed inside the same estate.
class StacksPanel : public QWidget {
    Q_OBJECT

public:
    enum Column { NameColumn, KindColumn, ResourcesColumn, BrokenColumn, FileColumn, ColumnCount };

    explicit StacksPanel(QWidget *parent = nullptr);

    // `own`: the stack under review, or -1 (an estate open on its own). `view`: the shown run's
    // estate (what it breaks), or null.
    void setEstate(std::shared_ptr<const core::Estate> estate, int own,
        std::shared_ptr<const core::EstateView> view);
    void clear(const QString &message);
    QTableWidget *table() const { return m_table; }
    QString summaryText() const; // the line above the table

signals:
    void stackActivated(const QString &file);

private:
    QLabel *m_summary;
    QTableWidget *m_table;
    std::shared_ptr<const core::Estate> m_estate;
};

} // namespace bg::ui
