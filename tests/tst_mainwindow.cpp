// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window as a reviewer drives it, on the offscreen platform: opening, the banner,
// selection kept in step between table and graph, what-if, exports, and who may approve.
#include "genplan.h"
#include "testutils.h"
#include "ui/graphitems.h"
#include "ui/graphview.h"
#include "ui/mainwindow.h"
#include "ui/resourcemodel.h"
#include "ui/summarybanner.h"
#include "unseentext.h"
#include "windowtestutils.h"

#include <QAction>
#include <QGraphicsItem>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QXmlStreamReader>
#include <fstream>

using namespace bg::core;
using namespace bg::tests;
using bg::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void opensTheIncident();
    void selectionFollowsTheTable();
    void selectionFollowsTheGraph();
    void whatIf();
    void exports_data();
    void exports();
    void badFileCannotBeApproved();
    void stateCannotBeApproved();
    void unseenCharactersNotShown();
    void largePlanOpensOnTheRadius();
    void layoutsAreCached();
    void drawEveryResource();
    void largeTableFollowsThePicture();
    void longLineDrawsCleanly();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings of the tests stay apart
}

void TestMainWindow::opensTheIncident()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {resource(QStringLiteral("scenarios/incident/plan.json"))});
    QVERIFY(window.analysis());
    const QString headline = window.banner()->headline();
    QVERIFY2(headline.contains(QLatin1String("data loss"))
            && headline.contains(QLatin1String("1 database")),
        qPrintable(headline));
    QCOMPARE(window.tableView()->model()->rowCount(), 38);
    // The table lists the critical resources first.
    for (int row = 0; row < 4; ++row) {
        const int node
            = window.proxy()->mapToSource(window.tableView()->model()->index(row, 0)).row();
        QVERIFY(window.analysis()->criticalNodes()[node]);
    }
    QVERIFY(window.approveAction()->isEnabled());
    // The first screen selects nothing (tst_firstscreen: the whole radius); F8 walks the
    // critical resources, the database first.
    QVERIFY(!window.tableView()->currentIndex().isValid());
    QCOMPARE(window.graphView()->scene()->selectedItems().size(), 0);
    QTest::keyClick(&window, Qt::Key_F8);
    const int current = window.proxy()->mapToSource(window.tableView()->currentIndex()).row();
    QVERIFY(current >= 0);
    QCOMPARE(window.analysis()->document().resources[current].id,
        QStringLiteral("module.database.aws_db_instance.edu"));
    QCOMPARE(window.graphView()->scene()->selectedItems().size(), 1);
}

void TestMainWindow::selectionFollowsTheTable()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {resource(QStringLiteral("scenarios/incident/plan.json"))});
    QTableView *table = window.tableView();
    for (int row : {0, 5, 17, 37}) {
        table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const int node = window.proxy()->mapToSource(table->model()->index(row, 0)).row();
        const auto selected = window.graphView()->scene()->selectedItems();
        QCOMPARE(selected.size(), 1);
        const QRectF expected = selected.first()->sceneBoundingRect();
        QVERIFY(window.graphView()->hasNode(node));
        // The selected item is the node of that row: its tooltip names the resource.
        QVERIFY(selected.first()->toolTip().startsWith(
            window.analysis()->document().resources[node].id));
        QVERIFY(expected.isValid());
    }
}

void TestMainWindow::selectionFollowsTheGraph()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {resource(QStringLiteral("scenarios/incident/plan.json"))});
    const auto items = window.graphView()->scene()->items();
    int checked = 0;
    for (QGraphicsItem *item : items) {
        if (!(item->flags() & QGraphicsItem::ItemIsSelectable))
            continue;
        window.graphView()->scene()->clearSelection();
        item->setSelected(true); // as a click does
        const int node = window.proxy()->mapToSource(window.tableView()->currentIndex()).row();
        QVERIFY(node >= 0);
        QVERIFY2(item->toolTip().startsWith(window.analysis()->document().resources[node].id),
            qPrintable(item->toolTip()));
        if (++checked == 10)
            break;
    }
    QCOMPARE(checked, 10);
}

void TestMainWindow::whatIf()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {fixture(QStringLiteral("state-v4-current.tfstate"))});
    QVERIFY(!window.approveAction()->isEnabled());
    const auto &doc = window.analysis()->document();
    int vpc = -1;
    for (int i = 0; i < int(doc.resources.size()); ++i) {
        if (doc.resources[i].id == QLatin1String("aws_vpc.main"))
            vpc = i;
    }
    QVERIFY(vpc >= 0);
    const QModelIndex index
        = window.proxy()->mapFromSource(window.proxy()->sourceModel()->index(vpc, 0));
    window.tableView()->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy shown(&window, &MainWindow::layoutShown);
    window.whatIfAction()->trigger();
    QVERIFY(shown.wait(Patience));
    QCOMPARE(window.analysis()->mode, AnalysisMode::WhatIf);
    QCOMPARE(window.analysis()->impact.count(Action::Delete), 12); // tests/fixtures/README.md
    QVERIFY(window.banner()->headline().contains(QLatin1String("Would delete")));
    QVERIFY(window.backAction()->isEnabled());
    window.backAction()->trigger();
    QCOMPARE(window.analysis()->mode, AnalysisMode::State);
}

void TestMainWindow::exports_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"view.png", "view.svg", "view.pdf", "report.md", "report.json"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestMainWindow::exports()
{
    QFETCH(QString, name);
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {resource(QStringLiteral("scenarios/incident/plan.json"))});
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    const Status exported = name.startsWith(QLatin1String("view")) ? window.exportView(path)
                                                                   : window.exportReport(path);
    QVERIFY2(exported, qPrintable(errorText(exported)));
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.size() > 1000);
    if (name.endsWith(QLatin1String(".png"))) {
        const QImage image = QImage::fromData(bytes, "PNG");
        QVERIFY(!image.isNull() && image.width() > 200);
    } else if (name.endsWith(QLatin1String(".svg"))) {
        QXmlStreamReader xml(bytes);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(bytes.contains("<svg"));
    } else if (name.endsWith(QLatin1String(".pdf"))) {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    } else if (name.endsWith(QLatin1String(".json"))) {
        QCOMPARE(QJsonDocument::fromJson(bytes).object().value(QStringLiteral("schema")).toString(),
            QStringLiteral("blastguard.report/v1"));
    } else {
        QVERIFY(bytes.startsWith("# Blastguard"));
    }
}

void TestMainWindow::badFileCannotBeApproved()
{
    MainWindow window(defaultRules());
    window.show();
    window.openFiles({fixture(QStringLiteral("bad-truncated.json"))});
    QTRY_VERIFY_WITH_TIMEOUT(
        window.banner()->headline().contains(QLatin1String("bad-truncated.json")), Patience);
    QVERIFY(window.banner()->headline().contains(QLatin1String("30:74")));
    QVERIFY(!window.analysis());
    QVERIFY(!window.approveAction()->isEnabled());
}

void TestMainWindow::stateCannotBeApproved()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {fixture(QStringLiteral("state-show.json"))});
    QVERIFY(window.analysis());
    QVERIFY(!window.approveAction()->isEnabled());
}

// A plan's text cannot make what the window shows read as something else: no bidirectional
// override, zero-width character or line break from the file reaches a widget, the table, the
// details of each resource, the picture or the window's title (shown.h).
void TestMainWindow::unseenCharactersNotShown()
{
    QTemporaryDir dir;
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {writeUnseenPlan(dir)});
    QVERIFY(window.analysis());
    QCOMPARE(window.analysis()->criticalCount() > 0, true);
    UnseenCheck check;
    const auto checkWidgets = [&] {
        check.widgets(window);
        for (QGraphicsItem *item : window.graphView()->scene()->items()) {
            check.text(item->toolTip(), "picture tooltip");
            if (auto *node = dynamic_cast<bg::ui::NodeItem *>(item))
                check.text(node->text(), "node");
            if (auto *cluster = dynamic_cast<bg::ui::ClusterItem *>(item))
                check.text(cluster->label(), "module box");
        }
    };
    QTableView *table = window.tableView();
    QCOMPARE(table->model()->rowCount(), 2);
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        checkWidgets();
    }
    QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(QLatin1Char('\n'))));
    // What was checked holds the text, its characters replaced: the check saw it. (Addresses
    // show a key escaped, as Terraform writes it; an action reason is shown as it is.)
    const QString shownKey
        = bg::core::oneLine(QStringLiteral("replace_because_cannot_update") + unseenText());
    bool seen = false;
    for (QWidget *w : window.findChildren<QWidget *>()) {
        if (auto *text = qobject_cast<QTextEdit *>(w))
            seen = seen || text->toPlainText().contains(shownKey);
    }
    QVERIFY2(seen, "the details show the reason, its unseen characters replaced");
    QVERIFY(check.texts > 100);
}

void TestMainWindow::largePlanOpensOnTheRadius()
{
    // The shared corpus's largest plan (300 resources) must draw without freezing; its view
    // is bounded however big the plan.
    const QString path = corpusDir()
        + QStringLiteral("/terraform-plan-comment__basic-7-create-hundreds__plan.json");
    if (corpusDir().isEmpty())
        QSKIP("The shared corpus is absent.");
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {path});
    QCOMPARE(window.tableView()->model()->rowCount(), 300);
    QVERIFY(int(window.graphView()->viewGraph().request.nodes.size()) <= ViewOptions().maxNodes);
}

void TestMainWindow::layoutsAreCached()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {fixture(QStringLiteral("plan-db-replace.json"))});
    QCOMPARE(window.graphView()->viewGraph().request.nodes.size(), size_t(3));
    QSignalSpy shown(&window, &MainWindow::layoutShown);
    window.radiusOnlyAction()->setChecked(true);
    QVERIFY(shown.wait(Patience)); // a new view: laid out on the worker
    QCOMPARE(window.graphView()->viewGraph().request.nodes.size(), size_t(1));
    shown.clear();
    window.radiusOnlyAction()->setChecked(false);
    QCOMPARE(shown.size(), 1); // back to a view already laid out: shown at once, from the cache
    QCOMPARE(window.graphView()->viewGraph().request.nodes.size(), size_t(3));
}

void TestMainWindow::drawEveryResource()
{
    // A generated plan of 1,500: bounded by default, every resource with the action on.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("generated.json"));
    {
        std::ofstream out(path.toStdString());
        bg::tests::writePlan({1500, 3, false}, out);
    }
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {path});
    const int resources = window.analysis()->graph().size();
    QVERIFY(resources >= 1500);
    QVERIFY(int(window.graphView()->viewGraph().request.nodes.size()) <= ViewOptions().maxNodes);
    QSignalSpy shown(&window, &MainWindow::layoutShown);
    window.drawAllAction()->setChecked(true);
    QVERIFY(shown.wait(Patience));
    QCOMPARE(int(window.graphView()->viewGraph().request.nodes.size()), resources);
    for (int node = 0; node < resources; ++node)
        QVERIFY(window.graphView()->hasNode(node));
    // Back to the bounded view, from the cache.
    shown.clear();
    window.drawAllAction()->setChecked(false);
    QCOMPARE(shown.size(), 1);
    QVERIFY(int(window.graphView()->viewGraph().request.nodes.size()) <= ViewOptions().maxNodes);
}

void TestMainWindow::largeTableFollowsThePicture()
{
    // Over 5,000 resources the table is filled once the first picture is painted (50,000 rows
    // take longer than the layout); then it holds every resource, after a what-if too.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("large.json"));
    {
        std::ofstream out(path.toStdString());
        bg::tests::writePlan({6000, 5, false}, out);
    }
    MainWindow window(defaultRules());
    window.show();
    const QAbstractItemModel *rows = window.proxy()->sourceModel();
    int rowsWhenShown = -1;
    connect(
        &window, &MainWindow::analysisShown, &window, [&] { rowsWhenShown = rows->rowCount(); });
    openAndWait(window, {path});
    QCOMPARE(rowsWhenShown, 0);
    const int resources = window.analysis()->graph().size();
    QVERIFY(resources > 6000);
    QCOMPARE(rows->rowCount(), resources);
    QVERIFY(window.graphView()->viewGraph().request.nodes.size() > 0);

    rowsWhenShown = -1;
    window.tableView()->selectionModel()->select(window.proxy()->index(0, 0),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy shown(&window, &MainWindow::layoutShown);
    window.whatIfAction()->trigger();
    QVERIFY(shown.wait(Patience));
    QCOMPARE(window.analysis()->mode, AnalysisMode::WhatIf);
    QCOMPARE(rowsWhenShown, 0);
    QCOMPARE(rows->rowCount(), resources);
}

// A line of 600 replacements, each depending on the next, is drawn 500 nodes wide: its overview
// map is under a pixel high. Painting it on a null pixmap warned once per item (36,000 lines on
// a line of 20,000); the window now draws it without a word from QPainter.
void TestMainWindow::longLineDrawsCleanly()
{
    constexpr int Line = 600;
    QByteArray changes, prior;
    for (int i = 0; i < Line; ++i) {
        const QByteArray address = "aws_instance.r" + QByteArray::number(i);
        changes += R"({"address":")" + address
            + R"(","mode":"managed","type":"aws_instance","name":"r)" + QByteArray::number(i)
            + R"(","change":{"actions":["delete","create"],"before":{},"after":{}}},)";
        prior += R"({"address":")" + address
            + R"(","mode":"managed","type":"aws_instance","name":"r)" + QByteArray::number(i)
            + R"(","values":{},"depends_on":[)"
            + (i + 1 < Line ? R"("aws_instance.r)" + QByteArray::number(i + 1) + '"' : QByteArray())
            + "]},";
    }
    changes.chop(1);
    prior.chop(1);
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("line.json"),
        R"({"format_version":"1.2","resource_changes":[)" + changes
            + R"(],"prior_state":{"values":{"root_module":{"resources":[)" + prior + "]}}}}");
    QTest::failOnWarning(QRegularExpression(QStringLiteral("^QPainter")));
    MainWindow window(defaultRules());
    window.resize(1366, 768);
    window.show();
    openAndWait(window, {path});
    QVERIFY(window.analysis());
    QCOMPARE(window.analysis()->impact.count(Action::Replace), Line);
    QVERIFY(!window.grab().isNull());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
