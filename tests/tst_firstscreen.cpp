// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The first screen (issue 16): the whole blast radius fitted where it stays legible, the data
// stores on screen either way; docks by kind of file; the overview; light and dark; keyboard
// navigation along the edges and a name per node for screen readers; `--screenshot`.
#include "core/review/scenarios.h"
#include "testutils.h"
#include "tools/genplan.h"
#include "ui/categoryicons.h"
#include "ui/graphitems.h"
#include "ui/graphview.h"
#include "ui/legendwidget.h"
#include "ui/mainwindow.h"
#include "ui/overviewmap.h"
#include "ui/resourcemodel.h"
#include "ui/summarybanner.h"
#include "ui/theme.h"
#include "windowtestutils.h"

#include <QAccessible>
#include <QDockWidget>
#include <QGraphicsScene>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <fstream>

using namespace bg::core;
using namespace bg::tests;
using bg::ui::GraphView;
using bg::ui::MainWindow;

class TestFirstScreen : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void fittedViewHoldsTheRadius_data();
    void fittedViewHoldsTheRadius();
    void largeRadiusOpensOnTheDataStores();
    void docksByKindOfFile();
    void themeSwitchRepaints();
    void keyboardFollowsEdges();
    void accessibleNamePerNode();
    void legendMatchesThePicture();
    void screenshotCommand_data();
    void screenshotCommand();
    void screenshotRefusesBadInput();
};

void TestFirstScreen::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

namespace {

// The generator's plan of `resources`, all destroyed: a radius too large to read whole.
QString writeGenerated(const QTemporaryDir &dir, int resources)
{
    const QString path = dir.filePath(QStringLiteral("generated-%1.json").arg(resources));
    std::ofstream out(path.toStdString());
    writePlan({resources, 7, true}, out);
    return path;
}

// The drawn nodes within the radius's rectangle (which holds every node that loses data) that
// the view does not show.
QStringList offScreen(const GraphView &view)
{
    const QRectF seen = view.visibleSceneRect().adjusted(-1, -1, 1, 1);
    const QRectF radius = view.radiusRect();
    QStringList missing;
    for (int ln = 0; ln < view.nodeCount(); ++ln) {
        if (!seen.contains(view.nodeRect(ln)) && radius.contains(view.nodeRect(ln)))
            missing.append(
                view.viewGraph().request.nodes[size_t(ln)].label.section(QLatin1Char('\n'), 0, 0));
    }
    return missing;
}

} // namespace

void TestFirstScreen::fittedViewHoldsTheRadius_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QSize>("size");
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
        const QString at = QStringLiteral(" %1x%2").arg(size.width()).arg(size.height());
        for (const char *scenario : {"incident", "db-replacement", "missing-state"})
            QTest::newRow(qPrintable(QLatin1String(scenario) + at))
                << QStringLiteral("scenario:") + QLatin1String(scenario) << size;
        for (const char *plan :
            {"plan-modules.json", "plan-targeted-destroy.json", "plan-keys-secrets.json"})
            QTest::newRow(qPrintable(QLatin1String(plan) + at))
                << fixture(QLatin1String(plan)) << size;
    }
}

void TestFirstScreen::fittedViewHoldsTheRadius()
{
    QFETCH(QString, file);
    QFETCH(QSize, size);
    MainWindow window(defaultRules());
    window.resize(size);
    window.show();
    openAndWait(window, {file});
    QTest::qWait(50); // the docks of this kind of file settle; the first screen follows them
    GraphView *view = window.graphView();
    QVERIFY(view->nodeCount() > 0);
    QVERIFY(view->isOnFirstScreen());
    const qreal scale = view->transform().m11();
    QVERIFY2(scale >= GraphView::MinFirstScreenScale - 1e-9, qPrintable(QString::number(scale)));
    // These radii are at most 40 nodes: all of it, legibly, on the first screen.
    const QStringList missing = offScreen(*view);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    // The graph has most of the window.
    const QSize graph = view->viewport()->size();
    QVERIFY2(graph.width() * graph.height() * 2 >= size.width() * size.height() * 0.6,
        qPrintable(QStringLiteral("%1x%2").arg(graph.width()).arg(graph.height())));
    grabIfAsked(
        window, QStringLiteral("first-%1-%2").arg(QFileInfo(file).baseName()).arg(size.width()));
}

void TestFirstScreen::largeRadiusOpensOnTheDataStores()
{
    // A destroy of 400 generated resources is too large to read whole at 1366x768: the first
    // screen keeps every data store that dies on screen when they fit, and the overview shows
    // the rest.
    QTemporaryDir dir;
    MainWindow window(defaultRules());
    window.resize(1366, 768);
    window.show();
    openAndWait(window, {writeGenerated(dir, 400)});
    QTest::qWait(50);
    GraphView *view = window.graphView();
    QVERIFY(view->nodeCount() > 100);
    QCOMPARE(view->transform().m11(), GraphView::MinFirstScreenScale);
    QVERIFY(view->overview()->isVisible());
    const QRectF seen = view->visibleSceneRect();
    QVERIFY(seen.intersects(view->criticalRect()));
    if (view->criticalRect().width() <= seen.width()
        && view->criticalRect().height() <= seen.height())
        QVERIFY(seen.adjusted(-1, -1, 1, 1).contains(view->criticalRect()));
    // The overview moves the view: a click on its far corner brings that corner into view.
    bg::ui::OverviewMap *map = view->overview();
    const QRectF mapRect = map->mapRect();
    const QPointF before = seen.center();
    QTest::mouseClick(map, Qt::LeftButton, {}, (mapRect.bottomRight() - QPointF(3, 3)).toPoint());
    const QPointF after = view->visibleSceneRect().center();
    QVERIFY2(after.x() > before.x() || after.y() > before.y(),
        qPrintable(QStringLiteral("%1,%2 -> %3,%4")
                       .arg(before.x())
                       .arg(before.y())
                       .arg(after.x())
                       .arg(after.y())));
    QVERIFY(!view->isOnFirstScreen()); // moved: a resize no longer refits
}

void TestFirstScreen::docksByKindOfFile()
{
    MainWindow window(defaultRules());
    window.resize(1366, 768);
    window.show();
    const auto shown = [&](const char *name) {
        QDockWidget *dock = window.dock(QLatin1String(name));
        return dock && dock->isVisible();
    };
    // A plain plan: the picture and the resources; no empty replay, no story, no details yet.
    openAndWait(window, {fixture(QStringLiteral("plan-db-replace.json"))});
    QVERIFY(shown("resourcesDock"));
    QVERIFY(!shown("replayDock"));
    QVERIFY(!shown("protectionsDock"));
    QVERIFY(!shown("storyDock"));
    QVERIFY(!shown("detailsDock"));
    QVERIFY(!shown("stacksDock"));
    // A selection opens the details.
    QTest::keyClick(&window, Qt::Key_F8);
    QTRY_VERIFY_WITH_TIMEOUT(shown("detailsDock"), Patience);
    // A scenario: its story, its replay and the protections.
    openAndWait(window, {QStringLiteral("scenario:incident")});
    QVERIFY(shown("storyDock"));
    QVERIFY(shown("replayDock"));
    QVERIFY(!shown("detailsDock"));
    // Back to a plain plan: the scenario's panels close again.
    openAndWait(window, {fixture(QStringLiteral("plan-modules.json"))});
    QVERIFY(!shown("storyDock"));
    QVERIFY(!shown("replayDock"));
    // View > Panels opens any of them on demand.
    window.dock(QStringLiteral("replayDock"))->toggleViewAction()->trigger();
    QVERIFY(shown("replayDock"));
}

void TestFirstScreen::themeSwitchRepaints()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:incident")});
    GraphView *view = window.graphView();
    const auto criticalPen = [&] {
        for (QGraphicsItem *item : view->scene()->items()) {
            auto *node = qgraphicsitem_cast<bg::ui::NodeItem *>(item);
            if (node && node->isCritical())
                return node;
        }
        return static_cast<bg::ui::NodeItem *>(nullptr);
    };
    const QColor lightGround = view->scene()->backgroundBrush().color();
    const QString lightBanner = window.banner()->styleSheet();
    QVERIFY(lightGround.lightness() > 200);
    bg::ui::applyTheme(bg::ui::Theme::Dark);
    QTRY_VERIFY_WITH_TIMEOUT(view->scene()->backgroundBrush().color().lightness() < 60, Patience);
    QVERIFY(bg::ui::isDark());
    QVERIFY(window.banner()->styleSheet() != lightBanner);
    QVERIFY2(window.banner()->styleSheet().contains(bg::ui::themeColoursFor(true).loudFill.name()),
        qPrintable(window.banner()->styleSheet()));
    QVERIFY(criticalPen());
    QCOMPARE(view->nodeCount(), 38); // the same picture, drawn again
    grabIfAsked(window, QStringLiteral("theme-dark"));
    bg::ui::applyTheme(bg::ui::Theme::Light);
    QTRY_VERIFY_WITH_TIMEOUT(view->scene()->backgroundBrush().color().lightness() > 200, Patience);
    QVERIFY(window.banner()->styleSheet().contains(bg::ui::themeColoursFor(false).loudFill.name()));
    bg::ui::applyTheme(bg::ui::Theme::System);
}

void TestFirstScreen::keyboardFollowsEdges()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:incident")});
    GraphView *view = window.graphView();
    view->setFocus();
    // Nothing selected: an arrow selects the first node that loses data.
    QTest::keyClick(view, Qt::Key_Right);
    int at = view->selectedLayoutNode();
    QVERIFY(at >= 0);
    QVERIFY(view->criticalRect().contains(view->nodeRect(at)));
    const auto &edges = view->viewGraph().request.edges;
    const auto joined = [&](int a, int b) {
        return std::any_of(edges.begin(), edges.end(), [&](const LayoutEdge &e) {
            return (e.from == a && e.to == b) || (e.from == b && e.to == a);
        });
    };
    int moves = 0;
    int stuck = 0; // keys that had nowhere to go
    for (int step = 0; step < 8; ++step) {
        for (int key : {Qt::Key_Right, Qt::Key_Down, Qt::Key_Up, Qt::Key_Left}) {
            const int expected = view->neighbourTowards(key);
            QTest::keyClick(view, Qt::Key(key));
            const int now = view->selectedLayoutNode();
            if (expected < 0) {
                QCOMPARE(now, at); // nowhere to go that way: it stays
                ++stuck;
                continue;
            }
            QCOMPARE(now, expected);
            QVERIFY2(joined(at, now), "the selection moves along an edge");
            // In the direction of the key.
            const QPointF d = view->nodeRect(now).center() - view->nodeRect(at).center();
            if (key == Qt::Key_Right)
                QVERIFY(d.x() > 0);
            if (key == Qt::Key_Left)
                QVERIFY(d.x() < 0);
            if (key == Qt::Key_Down)
                QVERIFY(d.y() > 0);
            if (key == Qt::Key_Up)
                QVERIFY(d.y() < 0);
            at = now;
            ++moves;
            break;
        }
    }
    QVERIFY2(stuck > 0 || moves == 8, "a key with no neighbour that way was tried");
    QVERIFY2(moves >= 6, qPrintable(QString::number(moves)));
    // The table and the details follow the keyboard as they follow a click.
    const int row = window.proxy()->mapToSource(window.tableView()->currentIndex()).row();
    QVERIFY(view->hasNode(row));
    QCOMPARE(view->viewGraph().layoutNodeOf[size_t(row)], at);
    QTest::keyClick(view, Qt::Key_Escape);
    QCOMPARE(view->selectedLayoutNode(), -1);
}

void TestFirstScreen::accessibleNamePerNode()
{
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:incident")});
    GraphView *view = window.graphView();
    QAccessibleInterface *graph = QAccessible::queryAccessibleInterface(view);
    QVERIFY(graph);
    QVERIFY(graph->childCount() >= view->nodeCount());
    int database = -1;
    for (int i = 0; i < view->nodeCount(); ++i) {
        QAccessibleInterface *node = graph->child(i);
        QVERIFY(node && node->isValid());
        const QString name = node->text(QAccessible::Name);
        const QString address
            = view->viewGraph().request.nodes[size_t(i)].label.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(name.startsWith(address), qPrintable(name));
        QVERIFY2(name.contains(QLatin1String(", delete")), qPrintable(name));
        QCOMPARE(graph->indexOfChild(node), i);
        if (address == QLatin1String("module.database.aws_db_instance.edu"))
            database = i;
    }
    QVERIFY(database >= 0);
    const QString name = graph->child(database)->text(QAccessible::Name);
    QVERIFY2(name.contains(QLatin1String("database")) && name.contains(QLatin1String("data lost")),
        qPrintable(name));
    view->selectLayoutNode(database);
    QCOMPARE(graph->focusChild(), graph->child(database));
    QVERIFY(graph->child(database)->state().selected);
}

void TestFirstScreen::legendMatchesThePicture()
{
    // Every category the rules know has an icon of its own, drawn the same on the nodes and in
    // the legend (one function: categoryIcon).
    const QImage &other = bg::ui::categoryIcon(QStringLiteral("other"));
    QVERIFY(!other.isNull());
    for (const QString &category : bg::core::categoryNames()) {
        const QImage &icon = bg::ui::categoryIcon(category);
        QVERIFY2(!icon.isNull(), qPrintable(category));
        QVERIFY2(&icon != &other || category == QLatin1String("other"), qPrintable(category));
        int inked = 0;
        for (int y = 0; y < icon.height(); ++y)
            for (int x = 0; x < icon.width(); ++x)
                inked += qAlpha(icon.pixel(x, y)) > 0;
        QVERIFY2(inked > 150, qPrintable(category + QStringLiteral(": %1").arg(inked)));
    }
    QVERIFY(&bg::ui::categoryIcon(QStringLiteral("no-such-category")) == &other);
    // The nodes carry their category's icon.
    MainWindow window(defaultRules());
    window.show();
    openAndWait(window, {QStringLiteral("scenario:incident")});
    const auto &nodes = window.graphView()->viewGraph().request.nodes;
    QVERIFY(std::any_of(nodes.begin(), nodes.end(),
        [](const LayoutNode &n) { return n.category == QLatin1String("database"); }));
    bg::ui::LegendWidget legend;
    legend.resize(legend.sizeHint());
    QVERIFY2(legend.accessibleDescription().contains(QLatin1String("Icons: database")),
        qPrintable(legend.accessibleDescription()));
    grabIfAsked(legend, QStringLiteral("legend"));
}

void TestFirstScreen::screenshotCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QSize>("expected");
    QTest::newRow("incident 1366x768") << QStringList {QStringLiteral("--size"),
        QStringLiteral("1366x768"), QStringLiteral("scenario:incident")}
                                       << QSize(1366, 768);
    QTest::newRow("plan 1920x1080 dark") << QStringList {QStringLiteral("--size"),
        QStringLiteral("1920x1080"), QStringLiteral("--theme"), QStringLiteral("dark"),
        fixture(QStringLiteral("plan-db-replace.json"))}
                                         << QSize(1920, 1080);
    QTest::newRow("welcome, default size") << QStringList() << QSize(1366, 768);
    // An estate and no file: the welcome page with the stacks, at once (no first screen to wait
    // for).
    QTest::newRow("estate, no file") << QStringList {QStringLiteral("--estate"),
        resource(QStringLiteral("scenarios/shared-vpc/stacks"))}
                                     << QSize(1366, 768);
    QTest::newRow("2x device pixel ratio")
        << QStringList {QStringLiteral("--size"), QStringLiteral("1600x1000"),
               QStringLiteral("--scale"), QStringLiteral("2"), QStringLiteral("scenario:incident")}
        << QSize(1600, 1000);
}

void TestFirstScreen::screenshotCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QSize, expected);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("shot.png"));
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // it renders offscreen by itself
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(BG_GUI), QStringList {QStringLiteral("--screenshot"), out} + args);
    QVERIFY(gui.waitForFinished(Patience));
    QCOMPARE(gui.exitCode(), 0);
    const QImage image(out);
    QVERIFY2(!image.isNull(), qPrintable(gui.readAllStandardError()));
    QCOMPARE(image.size(), expected);
    // Not a blank image: the banner and the picture are drawn.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 17)
        for (int x = 0; x < image.width(); x += 13)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    // The user's settings are untouched: no layout, no recent file saved.
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("config/Blastguard/blastguard.conf"))));
}

void TestFirstScreen::screenshotRefusesBadInput()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("shot.png"));
    const auto run = [&](const QStringList &args) {
        QProcess gui;
        gui.start(QStringLiteral(BG_GUI), QStringList {QStringLiteral("--screenshot"), out} + args);
        gui.waitForFinished(Patience);
        return std::pair {gui.exitCode(), QString::fromUtf8(gui.readAllStandardError())};
    };
    for (const QStringList &args : {QStringList {QStringLiteral("--size"), QStringLiteral("big")},
             QStringList {QStringLiteral("--size"), QStringLiteral("100x100")},
             QStringList {QStringLiteral("--theme"), QStringLiteral("purple")},
             QStringList {QStringLiteral("--scale"), QStringLiteral("9")},
             QStringList {fixture(QStringLiteral("bad-truncated.json"))},
             QStringList {dir.filePath(QStringLiteral("no-such-plan.json"))}}) {
        const auto [code, err] = run(args);
        QVERIFY2(code == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + err));
        QVERIFY2(err.contains(QLatin1String("blastguard: ")), qPrintable(err));
        QVERIFY2(!QFileInfo::exists(out), qPrintable(args.join(QLatin1Char(' '))));
    }
    // The error names the file, and where.
    const auto [code, err] = run({fixture(QStringLiteral("bad-truncated.json"))});
    QCOMPARE(code, 2);
    QVERIFY2(
        err.contains(QLatin1String("bad-truncated.json")) && err.contains(QLatin1String("30:74")),
        qPrintable(err));
    // Never over an input.
    const QString plan = dir.filePath(QStringLiteral("plan.json"));
    QFile::copy(fixture(QStringLiteral("plan-db-replace.json")), plan);
    const QByteArray before = readAll(plan);
    QProcess gui;
    gui.start(QStringLiteral(BG_GUI), {QStringLiteral("--screenshot"), plan, plan});
    QVERIFY(gui.waitForFinished(Patience));
    QCOMPARE(gui.exitCode(), 2);
    QCOMPARE(readAll(plan), before);
}

QTEST_MAIN(TestFirstScreen)
#include "tst_firstscreen.moc"
