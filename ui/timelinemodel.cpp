// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinemodel.h"

#include "core/postmortem/postmortemreport.h"
#include "postmortemtext.h"
#include "theme.h"

#include <QFont>
#include <QGuiApplication>

namespace bg::ui {

using namespace core;

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TimelineModel::setPostmortem(std::shared_ptr<const Postmortem> postmortem)
{
    beginResetModel();
    m_postmortem = std::move(postmortem);
    endResetModel();
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_postmortem ? 0 : int(m_postmortem->timeline.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEntry &e = m_postmortem->timeline[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return timeline::clockText(e.time);
        case MarksColumn:
            return timeline::flagsText(*m_postmortem, index.row());
        case SourceColumn:
            return timelineSourceName(e);
        case WhatColumn:
            return timeline::whatText(e);
        case AddressColumn:
            return timeline::whereText(e);
        case DurationColumn:
            return timeline::durationColumnText(e);
        case ActorColumn:
            return timeline::actorText(e);
        }
        return {};
    case Qt::ToolTipRole:
        return timeline::toolTipText(e);
    case Qt::AccessibleTextRole:
        return timeline::entrySentence(*m_postmortem, index.row());
    case Qt::FontRole:
        if (e.dataLoss || e.outsideTerraform) {
            QFont bold = QGuiApplication::font();
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        if (e.dataLoss && (index.column() == MarksColumn || index.column() == AddressColumn))
            return themeColours().danger;
        return {};
    case NodeRole:
        return e.node;
    case TimeRole:
        return e.time;
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case MarksColumn:
        return tr("Marks");
    case SourceColumn:
        return tr("Source");
    case WhatColumn:
        return tr("What");
    case AddressColumn:
        return tr("Address");
    case DurationColumn:
        return tr("Duration");
    case ActorColumn:
        return tr("Actor (tool)");
    }
    return {};
}

} // namespace bg::ui
