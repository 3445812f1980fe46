// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The review without widgets (ui/reviewcontroller.h): opening, what-if, the protections'
// switches, results through signals, superseded requests dropped, and the event loop serving
// while a 10,000-resource what-if or counterfactual runs. Durations are logged, never asserted.
#include "genplan.h"
#include "testutils.h"
#include "ui/reviewcontroller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <fstream>

using namespace bg::core;
using namespace bg::tests;
using bg::ui::ReviewController;

Q_DECLARE_METATYPE(ReviewController::Change)

class TestReviewController : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void opens();
    void whatIfAndProtections();
    void supersededResultsAreDropped();
    void openFailure();
    void largePlanKeepsTheEventLoopServing();

private:
    QTemporaryDir m_dir;
};

namespace {

const QString Database = QStringLiteral("module.database.aws_db_instance.edu");

QString incident()
{
    return resource(QStringLiteral("scenarios/incident/plan.json"));
}

void openAndWait(ReviewController &review, const QString &path)
{
    QSignalSpy opened(&review, &ReviewController::opened);
    QVERIFY(review.open({path}));
    QVERIFY(opened.wait(Patience));
}

} // namespace

void TestReviewController::initTestCase()
{
    qRegisterMetaType<ReviewController::Change>();
    QVERIFY(m_dir.isValid());
}

void TestReviewController::opens()
{
    ReviewController review(defaultRules());
    QVERIFY(review.protectionSet());
    QVERIFY(!review.shown());
    openAndWait(review, incident());
    QVERIFY(review.base());
    QCOMPARE(review.shown(), review.base());
    QCOMPARE(review.real(), review.base());
    QCOMPARE(review.path(), incident());
    QVERIFY(review.inputs().contains(incident()));
    QVERIFY(review.isApprovable());
    QCOMPARE(review.reportAnalysis(), review.base());
}

void TestReviewController::whatIfAndProtections()
{
    ReviewController review(defaultRules());
    openAndWait(review, fixture(QStringLiteral("state-v4-current.tfstate")));
    const auto base = review.base();
    QSignalSpy shown(&review, &ReviewController::shownChanged);
    QSignalSpy finished(&review, &ReviewController::requestFinished);

    // The request returns before its result: nothing has changed until the event loop runs.
    const quint64 whatIf = review.requestWhatIf({QStringLiteral("aws_vpc.main")});
    QVERIFY(whatIf > 0);
    QVERIFY(review.isBusy());
    QCOMPARE(finished.size(), 0);
    QCOMPARE(review.shown(), base);
    QVERIFY(finished.wait(Patience));
    QCOMPARE(finished.takeFirst().at(0).toULongLong(), whatIf);
    QCOMPARE(
        shown.takeFirst().at(0).value<ReviewController::Change>(), ReviewController::Change::Real);
    QCOMPARE(review.shown()->mode, AnalysisMode::WhatIf);
    QCOMPARE(review.shown()->impact.count(Action::Delete), 12); // tests/fixtures/README.md
    QVERIFY(review.shown()->shared == base->shared); // the document is shared, not copied
    QCOMPARE(review.whatIfTargets(), QStringList {QStringLiteral("aws_vpc.main")});
    QCOMPARE(review.real(), review.shown());
    QVERIFY(!review.isApprovable());
    review.backToBase();
    QCOMPARE(review.shown(), base);
    QVERIFY(review.whatIfTargets().isEmpty());

    // A protection switch on the incident: the database survives; the real run is untouched.
    openAndWait(review, incident());
    const auto real = review.real();
    const int db = real->graph().find(Database);
    shown.clear();
    finished.clear();
    const QStringList ids {QStringLiteral("deletion-protection")};
    const quint64 protections = review.requestProtections(ids);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(review.shown(), real);
    QVERIFY(finished.wait(Patience));
    QCOMPARE(finished.takeFirst().at(0).toULongLong(), protections);
    QCOMPARE(shown.takeFirst().at(0).value<ReviewController::Change>(),
        ReviewController::Change::Counterfactual);
    QCOMPARE(review.protectionIds(), ids);
    QCOMPARE(review.counterfactual().applied, ids);
    QVERIFY(review.shown() != real);
    QVERIFY(!review.shown()->impact.destroys(db));
    QVERIFY(real->impact.destroys(db));
    QCOMPARE(review.reportAnalysis(), real); // a report is of the real run
    QVERIFY(!review.isApprovable());

    // Every switch off: the real run again, at once.
    QCOMPARE(review.requestProtections({}), quint64(0));
    QCOMPARE(shown.takeFirst().at(0).value<ReviewController::Change>(),
        ReviewController::Change::ProtectionsOff);
    QCOMPARE(review.shown(), real);
    QVERIFY(review.isApprovable());
}

void TestReviewController::supersededResultsAreDropped()
{
    ReviewController review(defaultRules());
    openAndWait(review, incident());
    QSignalSpy finished(&review, &ReviewController::requestFinished);
    QSignalSpy dropped(&review, &ReviewController::requestDropped);
    const quint64 first = review.requestWhatIf({Database});
    const quint64 second = review.requestWhatIf({});
    QVERIFY(second > first);
    QVERIFY(finished.wait(Patience));
    QTRY_COMPARE_WITH_TIMEOUT(dropped.size(), 1, Patience);
    QCOMPARE(dropped.first().at(0).toULongLong(), first);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toULongLong(), second);
    QVERIFY(review.whatIfTargets().isEmpty()); // the full destroy, not the first request
    QCOMPARE(review.shown()->impact.destroyOrder.size(),
        review.base()->document().resources.size()
            - std::count_if(review.base()->document().resources.begin(),
                review.base()->document().resources.end(),
                [](const Resource &r) { return r.isData(); }));

    // Back to the file while a counterfactual runs: it never lands.
    finished.clear();
    dropped.clear();
    const quint64 protections = review.requestProtections({QStringLiteral("deletion-protection")});
    review.backToBase();
    QCOMPARE(review.shown(), review.base());
    QTRY_COMPARE_WITH_TIMEOUT(dropped.size(), 1, Patience);
    QCOMPARE(dropped.first().at(0).toULongLong(), protections);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(review.shown(), review.base());
    QVERIFY(review.protectionIds().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!review.isBusy(), Patience);
}

void TestReviewController::openFailure()
{
    ReviewController review(defaultRules());
    openAndWait(review, incident());
    QSignalSpy failed(&review, &ReviewController::openFailed);
    QVERIFY(review.open({fixture(QStringLiteral("bad-truncated.json"))}));
    QVERIFY(!review.open({incident()})); // one opening at a time
    QVERIFY(failed.wait(Patience));
    QVERIFY(failed.first().at(0).toString().contains(QLatin1String("bad-truncated.json")));
    QVERIFY(!review.shown() && !review.base() && !review.real());
    QVERIFY(review.inputs().isEmpty());
    QCOMPARE(review.requestWhatIf({Database}), quint64(0));
    QVERIFY(!review.isApprovable());
}

void TestReviewController::largePlanKeepsTheEventLoopServing()
{
    const QString path = m_dir.filePath(QStringLiteral("generated-10k.json"));
    {
        std::ofstream out(path.toStdString());
        writePlan({10000, 7, false}, out);
    }
    ReviewController review(defaultRules());
    openAndWait(review, path);
    const auto base = review.base();
    QVERIFY(base->document().resources.size() >= 10000);

    // A zero timer counts the turns of the event loop; the result records how many had passed
    // when it arrived. Run on the GUI thread, the job would leave none.
    int turns = 0;
    QTimer tick;
    tick.setInterval(0);
    connect(&tick, &QTimer::timeout, this, [&turns] { ++turns; });
    int turnsAtResult = -1;
    connect(&review, &ReviewController::requestFinished, this, [&] { turnsAtResult = turns; });
    QSignalSpy finished(&review, &ReviewController::requestFinished);
    const QStringList full; // a full destroy: the largest what-if there is
    QElapsedTimer timer;

    tick.start();
    timer.start();
    review.requestWhatIf(full);
    const qint64 requestMs = timer.elapsed();
    QVERIFY(finished.wait(Patience));
    const qint64 whatIfMs = timer.elapsed();
    tick.stop();
    QVERIFY2(turnsAtResult > 0, "the event loop did not turn while the what-if ran");
    QCOMPARE(review.shown()->mode, AnalysisMode::WhatIf);
    const int whatIfTurns = turnsAtResult;

    turns = 0;
    turnsAtResult = -1;
    finished.clear();
    tick.start();
    timer.restart();
    review.requestProtections({QStringLiteral("deletion-protection")});
    const qint64 switchMs = timer.elapsed();
    QVERIFY(finished.wait(Patience));
    const qint64 counterfactualMs = timer.elapsed();
    tick.stop();
    QVERIFY2(turnsAtResult > 0, "the event loop did not turn while the counterfactual ran");
    QCOMPARE(review.counterfactual().applied, QStringList {QStringLiteral("deletion-protection")});

    // The same work as the window did it before, on the GUI thread: a what-if on a copy of the
    // document (graph rebuilt), and a counterfactual on a deep copy of document and graph.
    timer.restart();
    Analysis before = analyseWhatIf(base->document(), defaultRules(), full);
    const qint64 oldWhatIfMs = timer.elapsed();
    timer.restart();
    Analysis shared = analyseWhatIf(*base, defaultRules(), full);
    const qint64 sharedWhatIfMs = timer.elapsed();
    QCOMPARE(shared.impact.destroyOrder, before.impact.destroyOrder);
    const Analysis &real = *review.real();
    timer.restart();
    Analysis copied = real;
    copied.shared = std::make_shared<const AnalysedDocument>(*real.shared);
    const qint64 deepCopyMs = timer.elapsed();
    timer.restart();
    whatWouldHaveSaved(
        copied, defaultRules(), *review.protectionSet(), {QStringLiteral("deletion-protection")});
    const qint64 cfMs = timer.elapsed();
    qInfo("10,000 resources (%d nodes): what-if, GUI thread blocked %lld ms in the request, "
          "result after %lld ms and %d event-loop turns; protection switch, blocked %lld ms, "
          "result after %lld ms and %d turns",
        base->graph().size(), requestMs, whatIfMs, whatIfTurns, switchMs, counterfactualMs,
        turnsAtResult);
    qInfo("before, all on the GUI thread: what-if on a copied document %lld ms (on the shared "
          "one: %lld ms); protection switch: %lld ms deep copy + %lld ms re-evaluation",
        oldWhatIfMs, sharedWhatIfMs, deepCopyMs, cfMs);
}

QTEST_GUILESS_MAIN(TestReviewController)
#include "tst_reviewcontroller.moc"
