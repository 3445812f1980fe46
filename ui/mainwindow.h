// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/layout/viewgraph.h"
#include "graphitems.h"
#include "reviewcontroller.h"

#include <QHash>
#include <QMainWindow>
#include <memory>

class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTextBrowser;
class QAction;
class QDockWidget;

namespace bg::ui {

class DetailsPanel;
class GraphView;
class LayoutWorker;
class ResourceFilterProxy;
class PostmortemPanel;
class ProtectionsPanel;
class ReplayPanel;
class ResourceModel;
class ScenarioBrowser;
class SummaryBanner;
class StacksPanel;

// The reviewer's window: the summary banner on top, the graph in the middle, the resource
// table and the details beside it. The view of a ReviewController, which holds what is open and
// what is shown; opening, laying out, what-if and the protections all run off the GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // The policy decides what counts as critical, as it does for `blastguard-cli gate`.
    explicit MainWindow(core::RuleSet rules, core::Policy policy = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Plans, states or scenario:NAME. Two states are compared: the first is the state before.
    void openFiles(const QStringList &paths);
    void openScenario(const QString &name);
    // The estate: folders of states and plans read around what is open, so that the picture,
    // the table and the banner say what a destroy breaks in the other stacks. With a file
    // open it is reopened inside them; without, the stacks are listed. Empty: no estate.
    void setEstate(const QStringList &roots);
    QStringList estateRoots() const { return m_estateRoots; }
    void showWelcome();
    std::shared_ptr<const core::Analysis> analysis() const { return m_review->shown(); }
    bool isBusy() const;
    ReviewController *review() const { return m_review; }

    // For tests and tooling: the widgets a user works with.
    GraphView *graphView() const { return m_graph; }
    QTableView *tableView() const { return m_table; }
    ResourceFilterProxy *proxy() const { return m_proxy; }
    SummaryBanner *banner() const { return m_banner; }
    DetailsPanel *details() const { return m_details; }
    ReplayPanel *replay() const { return m_replay; }
    PostmortemPanel *postmortem() const { return m_postmortem; }
    ProtectionsPanel *protections() const { return m_protectionsPanel; }
    StacksPanel *stacks() const { return m_stacks; }
    ScenarioBrowser *welcome() const { return m_welcome; }
    bool isWelcomeShown() const;
    QAction *approveAction() const { return m_approve; }
    QAction *whatIfAction() const { return m_whatIf; }
    QAction *backAction() const { return m_backToPlan; }
    QAction *radiusOnlyAction() const { return m_radiusOnly; }
    QAction *drawAllAction() const { return m_drawAll; }
    QDockWidget *dock(const QString &objectName) const; // "detailsDock", "replayDock", ...

    core::Status exportView(const QString &path);
    core::Status exportReport(const QString &path);

signals:
    void analysisShown();
    void layoutShown();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createDocks();
    void applyDockDefaults(bool scenario);
    void sizeDocks(bool scenario);
    void resetLayout();
    void open();
    void openEstateInteractive();
    void showEstate(); // the stacks list, from what is shown
    QStringList estateRootsFor(const QStringList &paths) const; // the scenario's, or the user's
    void compareInteractive();
    // The postmortem's records (mainwindow_postmortem.cpp): a scenario's, or those the reviewer
    // opened for the file open (File ▸ Open Records).
    void openRecordsInteractive();
    void loadRecords(const QString &applyLog, const QStringList &cloudLogs);
    void loadRecordsOfOpened();
    void showContext();
    void setWelcomeVisible(bool on);
    void opened();
    void openFailed(const QString &error);
    void shownChanged(ReviewController::Change change);
    // A counterfactual keeps the protection switches as they are; anything else resets them.
    void showAnalysis(bool counterfactual);
    void showMarks();
    void relayout();
    void layoutFinished(quint64 id, const core::LayoutResult &result);
    void fillTable(); // the table of a large plan, once its first picture is painted
    void selectNode(int node, bool fromTable);
    void onSearch(const QString &text);
    void jumpToCritical(int direction);
    void simulateDestroy();
    void backToPlan();
    void approve();
    void exportViewInteractive();
    void exportReportInteractive();
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    std::vector<int> selectedNodes() const;
    void updateActions();

    ReviewController *m_review;
    core::ViewOptions m_viewOptions;
    core::ViewGraph m_pendingView;
    quint64 m_layoutId = 0;
    QString m_pendingKey;
    QHash<QString, core::LayoutResult> m_layoutCache; // of the analysis shown, by view options

    QStackedWidget *m_pages;
    QWidget *m_viewer = nullptr;
    QList<QDockWidget *> m_hiddenDocks; // while the welcome page shows
    ScenarioBrowser *m_welcome;
    SummaryBanner *m_banner;
    GraphView *m_graph;
    QTableView *m_table;
    ResourceModel *m_model;
    // A large plan's table waits for its first picture (fillTable): filling 50,000 rows takes
    // longer than the layout. Null when the table shows the analysis shown.
    std::shared_ptr<const core::Analysis> m_tablePending;
    ResourceFilterProxy *m_proxy;
    DetailsPanel *m_details;
    ReplayPanel *m_replay;
    PostmortemPanel *m_postmortem;
    QTextBrowser *m_story;
    ProtectionsPanel *m_protectionsPanel;
    StacksPanel *m_stacks;
    QDockWidget *m_stacksDock = nullptr;
    QStringList m_estateRoots;
    quint64 m_estateListing = 0; // the newest listing read without a file open
    std::vector<NodeMark> m_replayMarks; // per analysis node
    std::vector<NodeMark> m_protectionMarks;
    QDockWidget *m_storyDock = nullptr;
    QDockWidget *m_replayDock = nullptr;
    QDockWidget *m_postmortemDock = nullptr;
    // The records opened for a file with File ▸ Open Records: read again when it reopens.
    QString m_recordsFor;
    QString m_recordsApplyLog;
    QStringList m_recordsCloudLogs;
    QDockWidget *m_resourcesDock = nullptr;
    QDockWidget *m_protectionsDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QMenu *m_panelsMenu = nullptr;
    QByteArray m_defaultLayout;
    LayoutWorker *m_layout;
    QLineEdit *m_search;
    QLabel *m_status; // set through setStatus
    // The status line: plain text, each line shown (shown.h), as it names files and errors.
    void setStatus(const QString &text);
    QProgressBar *m_progress;
    QPushButton *m_cancelLayout;
    QMenu *m_recentMenu = nullptr;
    QAction *m_approve = nullptr;
    QAction *m_whatIf = nullptr;
    QAction *m_backToPlan = nullptr;
    QAction *m_radiusOnly = nullptr;
    QAction *m_collapse = nullptr;
    QAction *m_drawAll = nullptr;
    QList<QAction *> m_needAnalysis;
    int m_criticalCursor = -1;
    int m_currentNode = -1;
    bool m_syncing = false;
};

} // namespace bg::ui
