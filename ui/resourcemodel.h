// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QFont>
#include <QSortFilterProxyModel>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace bg::core {
struct Analysis;
} // namespace bg::core

namespace bg::ui {

// The resources of one analysis as a table: row i is node i. Every string a view asks for is
// computed once in setAnalysis, so data() stays cheap for tens of thousands of rows.
// Colour is never the only cue: the Action column says the action in words and critical rows
// carry a "CRITICAL" marker.
class ResourceModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        CriticalColumn,
        ActionColumn,
        AddressColumn,
        TypeColumn,
        CategoryColumn,
        ModuleColumn,
        FindingsColumn,
        WhyColumn,
        BreaksColumn, // the estate: other stacks' resources it breaks, "platform (3)"
        ColumnCount
    };
    // Qt::UserRole holds the node index.
    enum Role {
        ActionRole = Qt::UserRole + 1, // int(core::Action)
        CriticalRole, // bool: at least one critical finding
        CategoryRole, // QString
        DestroysRole, // bool: delete or replace
        SortRole, // per column; ascending order is the meaningful one
        SearchTextRole, // address, type, category and module, one per line
    };

    explicit ResourceModel(QObject *parent = nullptr);
    ~ResourceModel() override;

    // Null shows nothing. The analysis is shared, never copied; it must not change while set.
    void setAnalysis(std::shared_ptr<const core::Analysis> analysis);
    const std::shared_ptr<const core::Analysis> &analysis() const { return m_analysis; }

    // 0 for delete ... 6 for no-op: the order in which a reviewer reads actions.
    static int actionSeverityRank(core::Action action);

    // One row, typed, for ResourceFilterProxy: filtering and sorting tens of thousands of rows
    // on every keystroke cannot afford a QVariant per cell and per comparison.
    struct Row {
        QString actionText; // "replace (create before destroy)"
        QString address;
        QString type;
        QString category;
        QString module;
        QString why;
        QString breaks; // "platform (3), courses (1)"; empty without an estate
        int broken = 0; // other stacks' resources it breaks
        QString toolTip; // rich text, escaped
        QString searchText; // address, type, category, module and stacks broken, one per line
        QString searchKey; // searchText case-folded: a plain contains() finds case-insensitively
        int findings = 0;
        core::Action action = core::Action::NoOp;
        bool critical = false;
        bool destroys = false;
    };
    const Row &row(int row) const { return m_rows[size_t(row)]; }
    // Compares two rows on a column as SortRole does: -1, 0 or 1.
    int compareRows(int left, int right, int column, Qt::CaseSensitivity cs) const;
    // A row's place in the reading order (critical, action severity, address, row), computed
    // once in setAnalysis: the tie-break of every sort.
    int readingRank(int row) const { return m_readingRank[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant sortValue(const Row &row, int column) const;

    std::shared_ptr<const core::Analysis> m_analysis;
    std::vector<Row> m_rows;
    std::vector<int> m_readingRank;
    std::array<QColor, core::ActionCount> m_fill; // row backgrounds
    std::array<QColor, core::ActionCount> m_stroke; // swatches in the Action column
    QColor m_text; // dark: the fills are light whatever the palette
    QFont m_boldFont;
};

// Filters and sorts a ResourceModel. Every filter narrows (they combine with AND); an unset
// filter lets everything through. The default order puts critical rows first, then actions
// by severity, then addresses; ties on any sorted column fall back to that same order.
// On a ResourceModel it reads the rows typed (no QVariant), which keeps a filter change on
// 10,000 rows well under 100 ms (tests/bench: bench_load's latency table); on any other
// source model it reads the roles.
class ResourceFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit ResourceFilterProxy(QObject *parent = nullptr);

    void setActionFilter(std::optional<core::Action> action);
    void setDestroyedOnly(bool destroyedOnly); // delete or replace
    void setCategoryFilter(const QString &category); // empty: every category
    void setCriticalOnly(bool criticalOnly);
    void setText(const QString &text); // case-insensitive substring of address/type/category/module
    void setSourceModel(QAbstractItemModel *model) override;
    void clearFilters();

    std::optional<core::Action> actionFilter() const { return m_action; }
    bool destroyedOnly() const { return m_destroyedOnly; }
    QString categoryFilter() const { return m_category; }
    bool criticalOnly() const { return m_criticalOnly; }
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter();

    std::optional<core::Action> m_action;
    bool m_destroyedOnly = false;
    QString m_category;
    bool m_criticalOnly = false;
    QString m_text;
    QString m_textKey; // m_text case-folded
    ResourceModel *m_resources = nullptr; // the source when it is one: the typed fast path
};

} // namespace bg::ui
