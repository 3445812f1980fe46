// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/postmortem/postmortem.h"

#include <QAbstractTableModel>
#include <memory>

namespace bg::ui {

// The postmortem's timeline as a table, one row per call or step, by time. A row that lost
// data or came from outside Terraform says so in words (the Marks column) as well as in colour
// and weight, so that it reads without colour.
class TimelineModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        MarksColumn,
        SourceColumn,
        WhatColumn,
        AddressColumn,
        DurationColumn,
        ActorColumn,
        ColumnCount
    };
    static constexpr int NodeRole = Qt::UserRole + 1; // the analysis node, -1 when none
    static constexpr int TimeRole = Qt::UserRole + 2; // ms since 1970 UTC (qint64)

    explicit TimelineModel(QObject *parent = nullptr);

    void setPostmortem(std::shared_ptr<const core::Postmortem> postmortem);
    const core::Postmortem *postmortem() const { return m_postmortem.get(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const core::Postmortem> m_postmortem;
};

} // namespace bg::ui
