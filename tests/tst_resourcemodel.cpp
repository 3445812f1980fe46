// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The resource table: one row per node, roles that say the action in words, filters checked
// against counts computed straight from the Analysis, and a sort that reads critical first.
#include "core/layout/visualstyle.h"
#include "testutils.h"
#include "ui/resourcemodel.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>

using namespace bg::core;
using namespace bg::tests;
using bg::ui::ResourceFilterProxy;
using bg::ui::ResourceModel;

class TestResourceModel : public QObject {
    Q_OBJECT

private slots:
    void incidentRows();
    void roles();
    void toolTipIsEscaped();
    void corpus_data();
    void corpus();
    void reset();
    void filters_data();
    void filters();
    void clearingFilters();
    void defaultSort_data();
    void defaultSort();
    void columnSort_data();
    void columnSort();
};

namespace {

std::shared_ptr<const Analysis> analysed(const QString &path)
{
    return std::make_shared<const Analysis>(analyse(mustLoad(path), defaultRules()));
}

std::shared_ptr<const Analysis> incident()
{
    static const auto a = analysed(resource(QStringLiteral("scenarios/incident/plan.json")));
    return a;
}

std::shared_ptr<const Analysis> analysedText(const QByteArray &json)
{
    Result<Document> r = loadDocumentFromBytes(json, QStringLiteral("inline.json"));
    if (!r.ok())
        qFatal("%s", qPrintable(r.error().toString()));
    return std::make_shared<const Analysis>(analyse(std::move(r.value()), defaultRules()));
}

// The row order a reviewer expects: critical, then action severity, then address.
std::tuple<int, int, QString> readingKey(
    const Analysis &a, const std::vector<bool> &critical, int node)
{
    return {critical[node] ? 0 : 1, ResourceModel::actionSeverityRank(a.impact.actions[node]),
        a.document().resources[node].id.toLower()};
}

} // namespace

void TestResourceModel::incidentRows()
{
    const auto a = incident();
    ResourceModel model;
    QAbstractItemModelTester modelTester(
        &model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ResourceFilterProxy proxy;
    QAbstractItemModelTester proxyTester(
        &proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&model);
    model.setAnalysis(a);
    QCOMPARE(model.rowCount(), int(a->document().resources.size()));
    QVERIFY(model.rowCount() > 30);
    QCOMPARE(model.columnCount(), int(ResourceModel::ColumnCount));
    QCOMPARE(proxy.rowCount(), model.rowCount());
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, ResourceModel::AddressColumn).data().toString(),
            a->document().resources[row].id);
        QCOMPARE(model.index(row, 0).data(Qt::UserRole).toInt(), row);
    }
}

void TestResourceModel::roles()
{
    const auto a = incident();
    ResourceModel model;
    model.setAnalysis(a);
    const int db = a->graph().find(QStringLiteral("module.database.aws_db_instance.edu"));
    QVERIFY(db >= 0);
    const auto cell = [&](int column, int role) {
        return model.index(db, column).data(role);
    };
    QCOMPARE(cell(ResourceModel::CriticalColumn, Qt::DisplayRole).toString(),
        QStringLiteral("CRITICAL"));
    QCOMPARE(
        cell(ResourceModel::ActionColumn, Qt::DisplayRole).toString(), QStringLiteral("delete"));
    QCOMPARE(cell(ResourceModel::TypeColumn, Qt::DisplayRole).toString(),
        QStringLiteral("aws_db_instance"));
    QCOMPARE(cell(ResourceModel::CategoryColumn, Qt::DisplayRole).toString(),
        QStringLiteral("database"));
    QCOMPARE(cell(ResourceModel::ModuleColumn, Qt::DisplayRole).toString(),
        QStringLiteral("module.database"));
    const int findings = int(std::count_if(
        a->findings.begin(), a->findings.end(), [&](const Finding &f) { return f.node == db; }));
    QVERIFY(findings >= 3);
    QCOMPARE(cell(ResourceModel::FindingsColumn, Qt::DisplayRole).toInt(), findings);
    QCOMPARE(cell(ResourceModel::WhyColumn, Qt::DisplayRole).toString(),
        a->impact.reasonsOf(a->document(), db).value(0));
    QCOMPARE(cell(0, ResourceModel::ActionRole).toInt(), int(Action::Delete));
    QCOMPARE(cell(0, ResourceModel::CriticalRole).toBool(), true);
    QCOMPARE(cell(0, ResourceModel::DestroysRole).toBool(), true);
    QCOMPARE(cell(0, ResourceModel::CategoryRole).toString(), QStringLiteral("database"));
    QCOMPARE(cell(0, Qt::FontRole).value<QFont>().bold(), true);
    QCOMPARE(cell(ResourceModel::AddressColumn, Qt::BackgroundRole).value<QColor>(),
        QColor(style::actionFill(Action::Delete)));
    QVERIFY(cell(ResourceModel::AddressColumn, Qt::ForegroundRole).value<QColor>().isValid());
    const QString tip = cell(ResourceModel::AddressColumn, Qt::ToolTipRole).toString();
    for (const QString &reason : a->impact.reasonsOf(a->document(), db))
        QVERIFY2(tip.contains(reason.toHtmlEscaped()), qPrintable(reason));
    for (const Finding &f : a->findings) {
        if (f.node == db)
            QVERIFY2(tip.contains(f.message.text().toHtmlEscaped()), qPrintable(f.message.text()));
    }

    // A non-critical row carries no marker and no bold font.
    const std::vector<bool> critical = a->criticalNodes();
    const auto calm = std::find(critical.begin(), critical.end(), false);
    QVERIFY(calm != critical.end());
    const int row = int(calm - critical.begin());
    QVERIFY(model.index(row, ResourceModel::CriticalColumn).data().toString().isEmpty());
    QVERIFY(!model.index(row, 0).data(Qt::FontRole).value<QFont>().bold());

    // Replacements say which way round they happen.
    ResourceModel cbd;
    cbd.setAnalysis(analysed(fixture(QStringLiteral("plan-cbd-replace.json"))));
    QStringList actions;
    for (int r = 0; r < cbd.rowCount(); ++r)
        actions.append(cbd.index(r, ResourceModel::ActionColumn).data().toString());
    QVERIFY2(actions.contains(QStringLiteral("replace (create before destroy)")),
        qPrintable(actions.join(u',')));
}

void TestResourceModel::toolTipIsEscaped()
{
    const auto a = analysedText(
        R"({"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.b[\"<b>&x\"]",
        "type":"aws_s3_bucket","name":"b","index":"<b>&x","change":{"actions":["delete"],"before":{"bucket":"x"},"after":null}}]})");
    ResourceModel model;
    model.setAnalysis(a);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ResourceModel::AddressColumn).data().toString(),
        QStringLiteral("aws_s3_bucket.b[\"<b>&x\"]"));
    const QString tip = model.index(0, 0).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;&amp;x")), qPrintable(tip));
    QVERIFY(!tip.contains(QStringLiteral("<b>&x")));
}

void TestResourceModel::corpus_data()
{
    BG_REQUIRE_CORPUS();
    QTest::addColumn<QString>("path");
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestResourceModel::corpus()
{
    QFETCH(QString, path);
    Result<Document> loaded = loadDocument(path);
    if (!loaded.ok())
        QSKIP("not loadable; the loader tests cover why");
    const auto a
        = std::make_shared<const Analysis>(analyse(std::move(loaded.value()), defaultRules()));
    ResourceModel model;
    QAbstractItemModelTester modelTester(
        &model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ResourceFilterProxy proxy;
    QAbstractItemModelTester proxyTester(
        &proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&model);
    model.setAnalysis(a);
    QCOMPARE(model.rowCount(), int(a->document().resources.size()));
    proxy.setDestroyedOnly(true);
    QCOMPARE(proxy.rowCount(),
        int(std::count_if(a->impact.actions.begin(), a->impact.actions.end(), actionDestroys)));
    proxy.setText(QStringLiteral("a"));
    proxy.clearFilters();
    QCOMPARE(proxy.rowCount(), model.rowCount());
}

void TestResourceModel::reset()
{
    ResourceModel model;
    QAbstractItemModelTester modelTester(
        &model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ResourceFilterProxy proxy;
    QAbstractItemModelTester proxyTester(
        &proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&model);
    proxy.setCriticalOnly(true);
    QCOMPARE(model.rowCount(), 0);
    model.setAnalysis(incident());
    const std::vector<bool> incidentCritical = incident()->criticalNodes();
    QCOMPARE(
        proxy.rowCount(), int(std::count(incidentCritical.begin(), incidentCritical.end(), true)));
    const auto other = analysed(fixture(QStringLiteral("plan-db-replace.json")));
    model.setAnalysis(other);
    QCOMPARE(model.rowCount(), int(other->document().resources.size()));
    const std::vector<bool> critical = other->criticalNodes();
    QCOMPARE(proxy.rowCount(), int(std::count(critical.begin(), critical.end(), true)));
    model.setAnalysis(nullptr);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(proxy.rowCount(), 0);
}

void TestResourceModel::filters_data()
{
    QTest::addColumn<int>("action"); // -1: any
    QTest::addColumn<bool>("destroyedOnly");
    QTest::addColumn<QString>("category");
    QTest::addColumn<bool>("criticalOnly");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << -1 << false << QString() << false << QString();
    QTest::newRow("action delete")
        << int(Action::Delete) << false << QString() << false << QString();
    QTest::newRow("action create (none)")
        << int(Action::Create) << false << QString() << false << QString();
    QTest::newRow("destroyed only") << -1 << true << QString() << false << QString();
    QTest::newRow("category database")
        << -1 << false << QStringLiteral("database") << false << QString();
    QTest::newRow("critical only") << -1 << false << QString() << true << QString();
    QTest::newRow("text edu") << -1 << false << QString() << false << QStringLiteral("edu");
    QTest::newRow("text EDU, any case")
        << -1 << false << QString() << false << QStringLiteral("EDU");
    QTest::newRow("text module.data")
        << -1 << false << QString() << false << QStringLiteral("module.data");
    QTest::newRow("text matches nothing")
        << -1 << false << QString() << false << QStringLiteral("no-such-thing");
    QTest::newRow("delete + database")
        << int(Action::Delete) << false << QStringLiteral("database") << false << QString();
    QTest::newRow("critical + snapshot")
        << -1 << false << QStringLiteral("snapshot") << true << QString();
    QTest::newRow("destroyed + text + critical")
        << -1 << true << QString() << true << QStringLiteral("edu");
    QTest::newRow("all five") << int(Action::Delete) << true << QStringLiteral("database") << true
                              << QStringLiteral("edu");
}

void TestResourceModel::filters()
{
    QFETCH(int, action);
    QFETCH(bool, destroyedOnly);
    QFETCH(QString, category);
    QFETCH(bool, criticalOnly);
    QFETCH(QString, text);
    const auto a = incident();
    ResourceModel model;
    model.setAnalysis(a);
    ResourceFilterProxy proxy;
    QAbstractItemModelTester proxyTester(
        &proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&model);
    proxy.setActionFilter(action < 0 ? std::nullopt : std::optional<Action>(Action(action)));
    proxy.setDestroyedOnly(destroyedOnly);
    proxy.setCategoryFilter(category);
    proxy.setCriticalOnly(criticalOnly);
    proxy.setText(text);

    // The same predicate, computed from the Analysis alone.
    const std::vector<bool> critical = a->criticalNodes();
    QSet<int> expected;
    for (int i = 0; i < int(a->document().resources.size()); ++i) {
        const Resource &r = a->document().resources[i];
        const bool textHit = text.isEmpty() || [&] {
            for (const QString &s :
                {r.id, r.address.type, a->categories[i], r.address.moduleString()})
                if (s.contains(text, Qt::CaseInsensitive))
                    return true;
            return false;
        }();
        if ((action < 0 || int(a->impact.actions[i]) == action)
            && (!destroyedOnly || a->impact.destroys(i))
            && (category.isEmpty() || a->categories[i] == category)
            && (!criticalOnly || critical[i]) && textHit)
            expected.insert(i);
    }
    QSet<int> shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown.insert(proxy.index(row, 0).data(Qt::UserRole).toInt());
    QCOMPARE(proxy.rowCount(), int(expected.size()));
    QCOMPARE(shown, expected);
    // The incident has hits for every filter but the deliberately empty ones.
    if (!QByteArray(QTest::currentDataTag()).contains("none)")
        && text != QLatin1String("no-such-thing"))
        QVERIFY(!expected.isEmpty());
}

void TestResourceModel::clearingFilters()
{
    ResourceModel model;
    model.setAnalysis(incident());
    ResourceFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setActionFilter(Action::Delete);
    proxy.setCategoryFilter(QStringLiteral("database"));
    proxy.setCriticalOnly(true);
    proxy.setText(QStringLiteral("edu"));
    QVERIFY(proxy.rowCount() < model.rowCount());
    proxy.setText({});
    proxy.setCriticalOnly(false);
    proxy.setCategoryFilter({});
    proxy.setActionFilter(std::nullopt);
    QCOMPARE(proxy.rowCount(), model.rowCount());
    proxy.setDestroyedOnly(true);
    proxy.setCategoryFilter(QStringLiteral("snapshot"));
    QVERIFY(proxy.rowCount() < model.rowCount());
    proxy.clearFilters();
    QCOMPARE(proxy.rowCount(), model.rowCount());
    QVERIFY(!proxy.destroyedOnly() && proxy.categoryFilter().isEmpty() && !proxy.actionFilter());
}

void TestResourceModel::defaultSort_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("incident") << resource(QStringLiteral("scenarios/incident/plan.json"));
    QTest::newRow("db-replace") << fixture(QStringLiteral("plan-db-replace.json"));
    QTest::newRow("deposed") << fixture(QStringLiteral("plan-deposed.json"));
    QTest::newRow("no-config-delete") << fixture(QStringLiteral("plan-no-config-delete.json"));
    QTest::newRow("safe-updates") << fixture(QStringLiteral("plan-safe-updates.json"));
}

void TestResourceModel::defaultSort()
{
    QFETCH(QString, path);
    const auto a = analysed(path);
    ResourceModel model;
    model.setAnalysis(a);
    ResourceFilterProxy proxy;
    proxy.setSourceModel(&model);
    const std::vector<bool> critical = a->criticalNodes();
    const int criticalCount = int(std::count(critical.begin(), critical.end(), true));
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const int node = proxy.index(row, 0).data(Qt::UserRole).toInt();
        QCOMPARE(bool(critical[node]), row < criticalCount);
        if (row > 0) {
            const int previous = proxy.index(row - 1, 0).data(Qt::UserRole).toInt();
            QVERIFY2(readingKey(*a, critical, previous) <= readingKey(*a, critical, node),
                qPrintable(a->document().resources[previous].id + QStringLiteral(" before ")
                    + a->document().resources[node].id));
        }
    }
}

void TestResourceModel::columnSort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    for (int column = 0; column < ResourceModel::ColumnCount; ++column) {
        const QByteArray name
            = ResourceModel().headerData(column, Qt::Horizontal).toString().toUtf8();
        QTest::newRow(name + " ascending") << column << int(Qt::AscendingOrder);
        QTest::newRow(name + " descending") << column << int(Qt::DescendingOrder);
    }
}

void TestResourceModel::columnSort()
{
    QFETCH(int, column);
    QFETCH(int, order);
    const auto a = analysed(fixture(QStringLiteral("plan-deposed.json")));
    ResourceModel model;
    model.setAnalysis(a);
    ResourceFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(column, Qt::SortOrder(order));
    const auto key = [&](int row) {
        return proxy.index(row, column).data(ResourceModel::SortRole);
    };
    for (int row = 1; row < proxy.rowCount(); ++row) {
        const QVariant l = key(row - 1), r = key(row);
        const int c = l.typeId() == QMetaType::Int
            ? (l.toInt() > r.toInt()) - (l.toInt() < r.toInt())
            : QString::compare(l.toString(), r.toString(), Qt::CaseInsensitive);
        QVERIFY2(order == Qt::AscendingOrder ? c <= 0 : c >= 0,
            qPrintable(l.toString() + u' ' + r.toString()));
    }
    if (column == ResourceModel::ActionColumn && order == Qt::AscendingOrder) {
        // delete, then replace, then the rest.
        QCOMPARE(
            proxy.index(0, column).data(ResourceModel::ActionRole).toInt(), int(Action::Delete));
        QCOMPARE(proxy.index(proxy.rowCount() - 1, column).data(ResourceModel::ActionRole).toInt(),
            int(Action::Replace));
    }
}

QTEST_MAIN(TestResourceModel)
#include "tst_resourcemodel.moc"
