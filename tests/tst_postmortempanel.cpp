// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The postmortem panel (ui/postmortempanel.h) on the incident's own records: the timeline's
// rows, the time axis's lanes and scale, the graph's marks at the cursor, selection, and what a
// log that cannot be read says; its helpers (ui/postmortemtimeline.h) on their own.
#include "core/review/scenarios.h"
#include "testutils.h"
#include "ui/graphview.h"
#include "ui/mainwindow.h"
#include "ui/postmortempanel.h"
#include "ui/postmortemtext.h"
#include "ui/timeaxis.h"
#include "ui/timelinemodel.h"
#include "windowtestutils.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace bg::core;
using namespace bg::tests;
using namespace bg::ui;

class TestPostmortemPanel : public QObject {
    Q_OBJECT

    Scenario m_incident;
    std::shared_ptr<const Analysis> m_analysis;
    QTemporaryDir m_dir;

    // Loads `apply` and `cloud` over the incident's plan and waits for the result.
    void load(PostmortemPanel &panel, const QString &apply, const QStringList &cloud)
    {
        QSignalSpy loaded(&panel, &PostmortemPanel::loaded);
        panel.load({m_analysis, defaultRules(), apply, cloud});
        QVERIFY(panel.isLoading());
        QVERIFY(loaded.wait(Patience));
        QVERIFY(!panel.isLoading());
    }
    int node(const QString &address) const { return m_analysis->graph().find(address); }

private slots:
    void initTestCase();
    void scaleFoldsTheQuietAndKeepsOrder();
    void assignLanes_data();
    void assignLanes();
    void incidentRows();
    void lanesNeverOverlap();
    void firstDataLossMarksTheSnapshotLost();
    void endMarksEverythingGone();
    void stepsAndPlay();
    void clickSelectsTheNode();
    void unreadableLogSaysWhy();
    void windowOpensTheScenariosRecords();
};

void TestPostmortemPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_incident = mustHave(findScenario(QStringLiteral("incident")));
    QVERIFY(!m_incident.applyLog.isEmpty());
    m_analysis = sharedAnalysis(m_incident.files.constFirst());
}

void TestPostmortemPanel::scaleFoldsTheQuietAndKeepsOrder()
{
    const Postmortem pm
        = timeline::load({m_analysis, defaultRules(), m_incident.applyLog, m_incident.cloudLogs})
              .postmortem;
    const timeline::TimeScale scale(pm.timeline);
    // The CLI's cleanup at 09:18-09:20, then 19 quiet minutes before Terraform starts: folded.
    int folds = 0;
    for (const auto &s : scale.segments())
        folds += s.folded ? 1 : 0;
    QCOMPARE(folds, 1);
    QCOMPARE(scale.position(scale.first()), 0.0);
    QCOMPARE(scale.position(scale.last()), 1.0);
    double before = -1;
    for (qint64 t = scale.first(); t <= scale.last(); t += 997) {
        const double at = scale.position(t);
        QVERIFY(at >= before);
        before = at;
        QVERIFY(qAbs(scale.time(at) - t) <= 1); // the inverse, to the millisecond
    }
    // The ticks fall on round UTC times and are never closer than asked.
    const auto ticks = timeline::ticks(scale, 0.08);
    QVERIFY(ticks.size() >= 3);
    for (size_t i = 1; i < ticks.size(); ++i)
        QVERIFY(scale.position(ticks[i].time) - scale.position(ticks[i - 1].time) >= 0.08);
    QCOMPARE(timeline::clockText(pm.timeline.front().time), QStringLiteral("09:18:41"));
}

void TestPostmortemPanel::assignLanes_data()
{
    QTest::addColumn<QList<double>>("bounds"); // from, to, from, to...
    QTest::addColumn<QList<int>>("lanes");
    QTest::newRow("apart") << QList<double> {0, 1, 2, 3} << QList<int> {0, 0};
    QTest::newRow("touching") << QList<double> {0, 1, 1, 2} << QList<int> {0, 1};
    QTest::newRow("nested") << QList<double> {0, 10, 2, 3, 4, 5} << QList<int> {0, 1, 1};
    QTest::newRow("same instant") << QList<double> {5, 5, 5, 5, 5, 5} << QList<int> {0, 1, 2};
    QTest::newRow("out of order") << QList<double> {4, 6, 0, 5} << QList<int> {1, 0};
}

void TestPostmortemPanel::assignLanes()
{
    QFETCH(QList<double>, bounds);
    QFETCH(QList<int>, lanes);
    std::vector<std::pair<double, double>> intervals;
    for (qsizetype i = 0; i + 1 < bounds.size(); i += 2)
        intervals.emplace_back(bounds[i], bounds[i + 1]);
    const std::vector<int> got = timeline::assignLanes(intervals);
    QCOMPARE(QList<int>(got.begin(), got.end()), lanes);
}

void TestPostmortemPanel::incidentRows()
{
    PostmortemPanel panel;
    load(panel, m_incident.applyLog, m_incident.cloudLogs);
    QVERIFY(panel.hasRecords());
    QAbstractItemModelTester tester(panel.model());
    // As core lays them (tst_postmortem): 38 Terraform steps and 40 calls.
    QCOMPARE(panel.model()->rowCount(), 78);
    QCOMPARE(panel.table()->model()->rowCount(), 78);
    const auto &pm = *panel.postmortem();
    QCOMPARE(int(pm.timeline.size()), 78);
    QVERIFY(panel.problemsText().isEmpty());
    QVERIFY(panel.summaryText().contains(QStringLiteral("OUTSIDE TERRAFORM")));
    QVERIFY(panel.summaryText().contains(QStringLiteral("1 disagreement")));
    // Rows that lost data or came from outside Terraform say so in words, not colour alone.
    int outside = 0;
    for (int row = 0; row < 78; ++row) {
        const QString marks
            = panel.model()->index(row, TimelineModel::MarksColumn).data().toString();
        const TimelineEntry &e = pm.timeline[size_t(row)];
        QCOMPARE(marks.contains(QStringLiteral("DATA LOSS")), e.dataLoss);
        QCOMPARE(marks.contains(QStringLiteral("OUTSIDE TERRAFORM")), e.outsideTerraform);
        outside += e.outsideTerraform ? 1 : 0;
        QCOMPARE(panel.model()->index(row, 0).data(TimelineModel::NodeRole).toInt(), e.node);
    }
    QCOMPARE(outside, 3);
    QCOMPARE(panel.model()->index(pm.firstDataLoss, TimelineModel::MarksColumn).data().toString(),
        QStringLiteral("FIRST DATA LOSS"));
    // The database's row, as the issue writes it.
    const int db = node(QStringLiteral("module.database.aws_db_instance.edu"));
    for (int row = 0; row < 78; ++row) {
        const TimelineEntry &e = pm.timeline[size_t(row)];
        if (e.node != db || e.source != RecordSource::Terraform)
            continue;
        const QString sentence = timeline::entrySentence(pm, row);
        QVERIFY2(sentence.startsWith(QStringLiteral(
                     "09:41:27 UTC — module.database.aws_db_instance.edu deleted by arn:aws:sts")),
            qPrintable(sentence));
        QVERIFY2(sentence.endsWith(QStringLiteral("(terraform), 4m53s — DATA LOSS")),
            qPrintable(sentence));
        QCOMPARE(panel.model()->index(row, TimelineModel::DurationColumn).data().toString(),
            QStringLiteral("4m53s"));
    }
}

void TestPostmortemPanel::lanesNeverOverlap()
{
    PostmortemPanel panel;
    panel.resize(1500, 420);
    load(panel, m_incident.applyLog, m_incident.cloudLogs);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    for (const int width : {1500, 700}) { // lanes are laid out at each width
        panel.resize(width, 420);
        QTest::qWait(20);
        const TimeAxis *axis = panel.axis();
        QVERIFY(axis->laneCount() >= 2);
        const auto &entries = panel.postmortem()->timeline;
        for (size_t i = 0; i < entries.size(); ++i) {
            const QRectF a = axis->entryRect(int(i));
            QVERIFY(!a.isNull());
            if (entries[i].source != RecordSource::Terraform)
                continue;
            for (size_t j = i + 1; j < entries.size(); ++j) {
                if (entries[j].source == RecordSource::Terraform)
                    QVERIFY2(!a.intersects(axis->entryRect(int(j))),
                        qPrintable(QStringLiteral("%1 and %2 at width %3")
                                       .arg(entries[i].address, entries[j].address)
                                       .arg(width)));
            }
        }
    }
}

void TestPostmortemPanel::firstDataLossMarksTheSnapshotLost()
{
    PostmortemPanel panel;
    load(panel, m_incident.applyLog, m_incident.cloudLogs);
    const Postmortem &pm = *panel.postmortem();
    QVERIFY(pm.firstDataLoss >= 0);
    const TimelineEntry &first = pm.timeline[size_t(pm.firstDataLoss)];
    QCOMPARE(first.address, QStringLiteral("module.database.aws_db_snapshot.manual_2026_01"));
    QSignalSpy marks(&panel, &PostmortemPanel::marksChanged);
    panel.setCursorTime(first.time - 1);
    const int snapshot = node(first.address);
    QVERIFY(panel.marks().empty() || panel.marks()[size_t(snapshot)] == NodeMark::None);
    panel.setCursorTime(first.time);
    QVERIFY(!marks.isEmpty());
    const auto shown = marks.last().at(0).value<std::vector<NodeMark>>();
    QCOMPARE(int(shown.size()), m_analysis->graph().size());
    QCOMPARE(shown[size_t(snapshot)], NodeMark::DataLost);
    // The rule added to the listener by the CLI was gone twenty minutes before.
    QCOMPARE(shown[size_t(node(QStringLiteral("aws_lb_listener_rule.new_site")))], NodeMark::Gone);
    QCOMPARE(
        shown[size_t(node(QStringLiteral("module.database.aws_db_instance.edu")))], NodeMark::None);
    QVERIFY(panel.cursorText().contains(QStringLiteral("FIRST DATA LOSS")));
    // The database is lost from the call that deleted it (its backups with it), while
    // Terraform still waits for it; a step still running without a call yet is being destroyed.
    panel.setCursorTime(first.time + 4 * 60 * 1000);
    QCOMPARE(panel.marks()[size_t(node(QStringLiteral("module.database.aws_db_instance.edu")))],
        NodeMark::DataLost);
    const int gateway = node(QStringLiteral("aws_internet_gateway.main"));
    for (const TimelineEntry &e : pm.timeline) {
        if (e.node == gateway && e.source == RecordSource::Terraform) {
            panel.setCursorTime(e.time + 1000);
            QCOMPARE(panel.marks()[size_t(gateway)], NodeMark::Current);
            panel.setCursorTime(e.end);
            QCOMPARE(panel.marks()[size_t(gateway)], NodeMark::Gone);
        }
    }
}

void TestPostmortemPanel::endMarksEverythingGone()
{
    PostmortemPanel panel;
    load(panel, m_incident.applyLog, m_incident.cloudLogs);
    panel.setCursorTime(panel.axis()->scale().last());
    const std::vector<NodeMark> &marks = panel.marks();
    QCOMPARE(int(marks.size()), 38);
    int lost = 0;
    for (NodeMark m : marks) {
        QVERIFY(m == NodeMark::Gone || m == NodeMark::DataLost);
        lost += m == NodeMark::DataLost ? 1 : 0;
    }
    QCOMPARE(lost, 4); // the database, its two snapshots and the uploads bucket
    QCOMPARE(panel.axis()->cursorTime(), panel.axis()->scale().last());
}

void TestPostmortemPanel::stepsAndPlay()
{
    PostmortemPanel panel;
    load(panel, m_incident.applyLog, m_incident.cloudLogs);
    const std::vector<qint64> times = timeline::eventTimes(panel.postmortem()->timeline);
    QCOMPARE(panel.cursorTime(), times.front());
    panel.stepEvent(1);
    QCOMPARE(panel.cursorTime(), times[1]);
    panel.stepEvent(-1);
    panel.stepEvent(-1); // stays at the first
    QCOMPARE(panel.cursorTime(), times.front());
    panel.setPlaySeconds(0.3);
    panel.play(true);
    QVERIFY(panel.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isPlaying(), Patience);
    QCOMPARE(panel.cursorTime(), times.back());
}

void TestPostmortemPanel::clickSelectsTheNode()
{
    PostmortemPanel panel;
    panel.resize(1500, 420);
    load(panel, m_incident.applyLog, m_incident.cloudLogs);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const auto &entries = panel.postmortem()->timeline;
    const int db = node(QStringLiteral("module.database.aws_db_instance.edu"));
    int step = -1;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].node == db && entries[i].source == RecordSource::Terraform)
            step = int(i);
    }
    QVERIFY(step >= 0);
    QSignalSpy selected(&panel, &PostmortemPanel::nodeSelected);
    const QPoint at = panel.axis()->entryRect(step).center().toPoint();
    QCOMPARE(panel.axis()->entryAt(at), step);
    QTest::mouseClick(panel.axis(), Qt::LeftButton, {}, at);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.last().at(0).toInt(), db);
    QCOMPARE(panel.table()->currentIndex().row(), step);
    // And from the list: a row of the snapshot.
    const int snapshot = panel.postmortem()->firstDataLoss;
    panel.table()->setCurrentIndex(panel.model()->index(snapshot, 0));
    QCOMPARE(selected.last().at(0).toInt(), entries[size_t(snapshot)].node);
    // A click on the empty axis moves the cursor instead.
    QSignalSpy clicked(panel.axis(), &TimeAxis::cursorDragged);
    QTest::mouseClick(panel.axis(), Qt::LeftButton, {},
        QPoint(panel.axis()->width() - 30, panel.axis()->height() - 40));
    QCOMPARE(clicked.size(), 1);
}

void TestPostmortemPanel::unreadableLogSaysWhy()
{
    PostmortemPanel panel;
    const QString missing = m_dir.filePath(QStringLiteral("no-such-apply.jsonl"));
    load(panel, missing, m_incident.cloudLogs);
    QCOMPARE(int(panel.unreadable().size()), 1);
    QVERIFY2(panel.problemsText().contains(missing), qPrintable(panel.problemsText()));
    QVERIFY(panel.hasRecords()); // the cloud's records are still read
    // A malformed line is named by its line; the rest is read.
    QByteArray log = readAll(m_incident.applyLog);
    const qsizetype third = log.indexOf('\n', log.indexOf('\n') + 1) + 1;
    log.insert(third, "{not json\n");
    const QString bad = writeBytes(m_dir, QStringLiteral("bad.jsonl"), log);
    load(panel, bad, {});
    QVERIFY2(panel.problemsText().contains(QStringLiteral("bad.jsonl:3")),
        qPrintable(panel.problemsText()));
    QCOMPARE(panel.model()->rowCount(), 38);
}

void TestPostmortemPanel::windowOpensTheScenariosRecords()
{
    MainWindow window(defaultRules());
    window.resize(1500, 950);
    window.show();
    QSignalSpy loaded(window.postmortem(), &PostmortemPanel::loaded);
    openAndWait(window, {QStringLiteral("scenario:incident")});
    QVERIFY(loaded.size() == 1 || loaded.wait(Patience));
    QCOMPARE(window.postmortem()->model()->rowCount(), 78);
    QTRY_VERIFY_WITH_TIMEOUT(window.dock(QStringLiteral("postmortemDock"))->isVisible(), Patience);
    // The panel's marks reach the picture, as the replay's do: here as the database goes.
    PostmortemPanel *panel = window.postmortem();
    for (const TimelineEntry &e : panel->postmortem()->timeline) {
        if (e.event == QLatin1String("DeleteDBInstance"))
            panel->setCursorTime(e.time);
    }
    const int db = node(QStringLiteral("module.database.aws_db_instance.edu"));
    QCOMPARE(window.graphView()->markOf(db), NodeMark::DataLost);
    QCOMPARE(window.graphView()->markOf(node(QStringLiteral("aws_vpc.main"))), NodeMark::None);
    grabIfAsked(window, QStringLiteral("postmortem"));
    panel->setCursorTime(panel->axis()->scale().last());
    QCOMPARE(window.graphView()->markOf(node(QStringLiteral("aws_vpc.main"))), NodeMark::Gone);
    // A selection in the panel selects the node in the window, as the replay's does.
    const int snapshot = window.postmortem()->postmortem()->firstDataLoss;
    window.postmortem()->table()->setCurrentIndex(window.postmortem()->model()->index(snapshot, 0));
    QTRY_VERIFY_WITH_TIMEOUT(window.dock(QStringLiteral("detailsDock"))->isVisible(), Patience);
    // Another file, without records: no panel.
    const Scenario other = mustHave(findScenario(QStringLiteral("db-replacement")));
    QVERIFY(other.applyLog.isEmpty() && other.cloudLogs.isEmpty());
    openAndWait(window, {other.files.constFirst()});
    QVERIFY(!window.postmortem()->hasRecords());
    QVERIFY(!window.dock(QStringLiteral("postmortemDock"))->isVisible());
}

QTEST_MAIN(TestPostmortemPanel)
#include "tst_postmortempanel.moc"
