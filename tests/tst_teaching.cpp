// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The postmortem and teaching side of the window, on the offscreen platform: the welcome page
// with the bundled scenarios, the lesson first, the destroy replay, and the state diff.
#include "testutils.h"
#include "ui/graphview.h"
#include "ui/protectionspanel.h"
#include "ui/replaypanel.h"
#include "ui/scenariobrowser.h"
#include "ui/summarybanner.h"
#include "windowtestutils.h"

#include <QCheckBox>
#include <QDockWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace bg::core;
using namespace bg::tests;
using bg::ui::MainWindow;
using bg::ui::NodeMark;

class TestTeaching : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void welcomeListsEveryScenario();
    void scenarioOpensOnItsLesson_data();
    void scenarioOpensOnItsLesson();
    void replayFollowsTheDestroyOrder();
    void replayPlaysToTheEnd();
    void stateDiffIsDrawn();
    void protectionsSaveTheDatabase();
};

void TestTeaching::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTeaching::welcomeListsEveryScenario()
{
    MainWindow window(defaultRules());
    window.show();
    QVERIFY(window.isWelcomeShown());
    grabIfAsked(window, QStringLiteral("welcome"));
    const std::vector<Scenario> scenarios = mustHave(bundledScenarios());
    QVERIFY(scenarios.size() >= 7);
    for (const Scenario &s : scenarios)
        QVERIFY2(window.welcome()->findChild<QPushButton *>(QStringLiteral("open-") + s.name),
            qPrintable(s.name));
    // Opening one from its button leaves the welcome page for the scenario.
    QSignalSpy shown(&window, &MainWindow::layoutShown);
    window.welcome()->findChild<QPushButton *>(QStringLiteral("open-incident"))->click();
    QVERIFY(shown.wait(Patience));
    QVERIFY(!window.isWelcomeShown());
    QCOMPARE(window.analysis()->impact.destroyOrder.size(), size_t(38));
    window.showWelcome();
    QVERIFY(window.isWelcomeShown());
}

void TestTeaching::scenarioOpensOnItsLesson_data()
{
    QTest::addColumn<QString>("name");
    for (const Scenario &s : mustHave(bundledScenarios()))
        QTest::newRow(qPrintable(s.name)) << s.name;
}

void TestTeaching::scenarioOpensOnItsLesson()
{
    QFETCH(QString, name);
    const Result<Scenario> scenario = findScenario(name);
    QVERIFY2(scenario, qPrintable(errorText(scenario)));
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:") + name});
    // The first screen says the lesson plainly, above the headline.
    const QString context = window.banner()->context();
    QVERIFY2(context.contains(scenario->lesson), qPrintable(context));
    QVERIFY(window.windowTitle().contains(scenario->title));
    QCOMPARE(window.replay()->stepCount(), int(window.analysis()->impact.destroyOrder.size()));
}

void TestTeaching::replayFollowsTheDestroyOrder()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:incident")});
    const Analysis &a = *window.analysis();
    bg::ui::ReplayPanel *replay = window.replay();
    const int steps = replay->stepCount();
    QCOMPARE(steps, 38);
    std::vector<int> order; // the replay's, by waves
    for (const ReplayStep &s : replay->steps())
        order.push_back(s.node);
    std::vector<int> stepOf(a.graph().size(), -1);
    for (int step = 1; step <= steps; ++step) {
        replay->setStep(step);
        const int node = order[step - 1];
        stepOf[node] = step;
        // Drawn: the node of this step is marked, everything before it is gone, nothing after.
        QCOMPARE(window.graphView()->markOf(node), NodeMark::Current);
        for (int earlier = 0; earlier < step - 1; ++earlier)
            QCOMPARE(window.graphView()->markOf(order[earlier]), NodeMark::Gone);
        for (int later = step; later < steps; ++later)
            QCOMPARE(window.graphView()->markOf(order[later]), NodeMark::None);
        QVERIFY(replay->stepText().contains(QStringLiteral("Step %1 of %2").arg(step).arg(steps)));
        QCOMPARE(replay->stepText().contains(QLatin1String("POINT OF NO RETURN")),
            step == replay->pointOfNoReturnStep());
        if (step == replay->pointOfNoReturnStep())
            grabIfAsked(window, QStringLiteral("replay-point-of-no-return"));
    }
    // Terraform destroys a resource only after everything that depends on it.
    for (int node = 0; node < a.graph().size(); ++node) {
        for (int dependency : a.graph().dependencies(node)) {
            if (stepOf[node] > 0 && stepOf[dependency] > 0)
                QVERIFY2(stepOf[node] < stepOf[dependency],
                    qPrintable(a.document().resources[node].id + QLatin1String(" before ")
                        + a.document().resources[dependency].id));
        }
    }
    // The point of no return is the first step that destroys critical data: the database's
    // snapshots go before the database itself.
    const int noReturn = replay->pointOfNoReturnStep();
    QVERIFY(noReturn > 0);
    const std::vector<bool> critical = a.criticalNodes();
    for (int step = 1; step < noReturn; ++step)
        QVERIFY(!critical[order[step - 1]]);
    QVERIFY(critical[order[noReturn - 1]]);
    replay->setStep(0);
    QCOMPARE(window.graphView()->markOf(order.front()), NodeMark::None);
}

void TestTeaching::replayPlaysToTheEnd()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:incident")});
    bg::ui::ReplayPanel *replay = window.replay();
    replay->setStepInterval(5);
    replay->play(true);
    QVERIFY(replay->isPlaying());
    QTRY_COMPARE_WITH_TIMEOUT(replay->step(), replay->stepCount(), Patience);
    QTRY_VERIFY_WITH_TIMEOUT(!replay->isPlaying(), Patience);
    // Pausing holds the step; playing again from the end starts over.
    replay->setStep(3);
    replay->play(true);
    replay->play(false);
    const int held = replay->step();
    QTest::qWait(50);
    QCOMPARE(replay->step(), held);
}

void TestTeaching::stateDiffIsDrawn()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:stale-state")});
    const Analysis &a = *window.analysis();
    // The restored state is older than the latest: what only the latest has is lost.
    QVERIFY(!a.impact.destroyOrder.empty());
    QVERIFY(std::any_of(a.warnings.begin(), a.warnings.end(),
        [](const Warning &w) { return w.code == QLatin1String("stale-state"); }));
    QVERIFY2(window.banner()->context().contains(QLatin1String("State diff")),
        qPrintable(window.banner()->context()));
    for (int node : a.impact.destroyOrder)
        QVERIFY(window.graphView()->hasNode(node));
    QVERIFY(!window.approveAction()->isEnabled());
    grabIfAsked(window, QStringLiteral("state-diff"));
}

void TestTeaching::protectionsSaveTheDatabase()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:incident")});
    const std::shared_ptr<const Analysis> real = window.analysis();
    const int db = real->graph().find(QStringLiteral("module.database.aws_db_instance.edu"));
    QVERIFY(db >= 0 && real->impact.destroys(db));
    bg::ui::ProtectionsPanel *panel = window.protections();

    // deletion_protection: the database survives, drawn as saved; the real run is untouched.
    window.findChild<QDockWidget *>(QStringLiteral("protectionsDock"))->raise();
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), Patience);
    QSignalSpy shown(&window, &MainWindow::layoutShown);
    panel->setChecked(QStringLiteral("deletion-protection"), true);
    QVERIFY(shown.wait(Patience));
    QVERIFY(panel->isVisible()); // the switches stay in front while they are used
    QVERIFY(window.analysis() != real);
    QVERIFY(!window.analysis()->impact.destroys(db));
    QCOMPARE(window.graphView()->markOf(db), NodeMark::Saved);
    QVERIFY(window.analysis()->criticalCount() < real->criticalCount());
    QVERIFY(window.banner()->context().contains(QLatin1String("deletion_protection = true")));
    QVERIFY2(panel->resultText().contains(QLatin1String("module.database.aws_db_instance.edu")),
        qPrintable(panel->resultText()));
    QVERIFY(!window.approveAction()->isEnabled()); // a counterfactual is never approved
    QVERIFY(real->impact.destroys(db));
    grabIfAsked(window, QStringLiteral("saved-by-deletion-protection"));
    // An exported report is the real run's: a report cannot say "as if".
    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("report.json"));
    QVERIFY(window.exportReport(exported).ok());
    const QJsonObject summary = QJsonDocument::fromJson(readAll(exported))
                                    .object()
                                    .value(QStringLiteral("summary"))
                                    .toObject();
    QCOMPARE(summary.value(QStringLiteral("delete")).toInt(), 38);

    // prevent_destroy on data stores stops the whole run.
    panel->setChecked(QStringLiteral("prevent-destroy"), true);
    QVERIFY(shown.wait(Patience));
    QVERIFY(window.analysis()->impact.destroyOrder.empty());
    QVERIFY(panel->resultText().contains(QLatin1String("stopped")));

    // Every switch off: back to the real run, which can be approved again.
    panel->setChecked(QStringLiteral("prevent-destroy"), false);
    panel->setChecked(QStringLiteral("deletion-protection"), false);
    QTRY_COMPARE_WITH_TIMEOUT(window.analysis(), real, Patience);
    QCOMPARE(window.graphView()->markOf(db), NodeMark::None);
    QVERIFY(window.approveAction()->isEnabled());

    // A file that fails to open leaves nothing to switch protections on.
    window.openFiles({fixture(QStringLiteral("bad-truncated.json"))});
    QTRY_VERIFY_WITH_TIMEOUT(
        window.banner()->headline().startsWith(QLatin1String("Could not open")), Patience);
    QVERIFY(!window.analysis());
    QVERIFY(panel->checkedIds().isEmpty());
    const auto boxes = panel->findChildren<QCheckBox *>();
    QVERIFY(!boxes.isEmpty());
    for (QCheckBox *box : boxes)
        QVERIFY(!box->isEnabled());
}

QTEST_MAIN(TestTeaching)
#include "tst_teaching.moc"
