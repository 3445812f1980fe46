// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stackspanel.h"

#include "shown.h"
#include "theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

namespace bg::ui {

using namespace core;

StacksPanel::StacksPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);
    layout->addWidget(m_table);
    m_table->setHorizontalHeaderLabels(
        {tr("Stack"), tr("Kind"), tr("Resources"), tr("Broken"), tr("File")});
    m_table->horizontalHeaderItem(BrokenColumn)
        ->setToolTip(tr("Resources of this stack that the run shown breaks"));
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->setAccessibleName(tr("Stacks of the estate"));
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (const QTableWidgetItem *item = m_table->item(row, FileColumn))
            emit stackActivated(item->data(Qt::UserRole).toString());
    });
    clear(tr("No estate open. File ▸ Open Estate reads a folder of states and plans, so that "
             "what a destroy breaks in the other stacks shows."));
}

void StacksPanel::clear(const QString &message)
{
    m_estate.reset();
    m_table->setRowCount(0);
    m_summary->setText(shownLines(message));
}

void StacksPanel::setEstate(
    std::shared_ptr<const Estate> estate, int own, std::shared_ptr<const EstateView> view)
{
    if (!estate) {
        clear(tr("No estate open."));
        return;
    }
    m_estate = std::move(estate);
    std::map<QString, int> broken;
    if (view) {
        for (const auto &[stack, count] : view->stacksHit())
            broken[stack] = count;
    }
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(m_estate->stacks.size()));
    QFont bold = font();
    bold.setBold(true);
    for (int i = 0; i < int(m_estate->stacks.size()); ++i) {
        const Stack &s = m_estate->stacks[size_t(i)];
        const int resources
            = int(std::count_if(s.document->resources.begin(), s.document->resources.end(),
                [](const Resource &r) { return !r.isData() && r.address.deposed.isEmpty(); }));
        const auto hit = broken.find(s.name);
        const int brokenHere = hit == broken.end() ? 0 : hit->second;
        auto *name = new QTableWidgetItem(
            i == own ? tr("%1 (under review)").arg(shown(s.name)) : shown(s.name));
        auto *kind = new QTableWidgetItem(documentKindName(s.document->kind));
        auto *count = new QTableWidgetItem;
        count->setData(Qt::DisplayRole, resources);
        auto *brokenItem = new QTableWidgetItem;
        if (i != own && view)
            brokenItem->setData(Qt::DisplayRole, brokenHere);
        auto *file = new QTableWidgetItem(s.file);
        file->setData(Qt::UserRole, s.file);
        file->setToolTip(tr("Double-click to review this stack inside the estate"));
        for (QTableWidgetItem *item : {name, kind, count, brokenItem, file}) {
            if (i == own || brokenHere > 0)
                item->setFont(bold);
            if (brokenHere > 0)
                item->setBackground(themeColours().crossStackRow);
        }
        m_table->setItem(i, NameColumn, name);
        m_table->setItem(i, KindColumn, kind);
        m_table->setItem(i, ResourcesColumn, count);
        m_table->setItem(i, BrokenColumn, brokenItem);
        m_table->setItem(i, FileColumn, file);
    }
    m_table->setSortingEnabled(true);
    m_table->sortItems(BrokenColumn, Qt::DescendingOrder);
    m_table->resizeColumnsToContents();

    QString summary = tr("Estate %1: %2 stacks, %3 links between them.")
                          .arg(m_estate->roots.join(QStringLiteral(", ")))
                          .arg(m_estate->stacks.size())
                          .arg(m_estate->links.size());
    if (view && !view->breaks.empty())
        summary += QLatin1Char(' ')
            + tr("The run shown breaks %1 resources in %2 other stacks.")
                  .arg(view->brokenCount())
                  .arg(view->stacksHit().size());
    else if (view)
        summary += QLatin1Char(' ') + tr("The run shown breaks nothing in the other stacks.");
    else
        summary += QLatin1Char(' ') + tr("Double-click a stack to review it inside the estate.");
    if (!m_estate->skipped.isEmpty())
        summary += QLatin1Char(' ')
            + tr("%1 files skipped (see the report).").arg(m_estate->skipped.size());
    m_summary->setText(shownLines(summary));
}

QString StacksPanel::summaryText() const
{
    return m_summary->text();
}

} // namespace bg::ui
