// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled scenarios: every one loads, tells its lesson and replays its destroy in an order
// that respects every dependency; the known ones pin their findings, warnings and counts.
// Scenarios added later (or written independently) get the generic checks only.
#include "core/scenarios.h"
#include "core/statediff.h"
#include "testutils.h"

#include <QProcess>
#include <map>

using namespace bg::core;
using namespace bg::tests;

namespace {

struct Expected {
    QString counts; // Impact::countsLine() of the first file
    QStringList critical; // "code address", sorted
    QStringList warnings; // codes, sorted
};

// The pins, one per scenario of ours. Counts are delete/replace/create/update/read/no-op/forget.
const std::map<QString, Expected> &pins()
{
    static const std::map<QString, Expected> p = {
        {QStringLiteral("incident"),
            {QStringLiteral("38 delete, 0 replace, 0 create, 0 update, 0 read, 0 no-op, 0 forget"),
                {QStringLiteral("aws-rds-automated-backups-deleted "
                                "module.database.aws_db_instance.edu"),
                    QStringLiteral("aws-rds-no-final-snapshot module.database.aws_db_instance.edu"),
                    QStringLiteral("aws-s3-force-destroy aws_s3_bucket.uploads"),
                    QStringLiteral("data-database-destroyed module.database.aws_db_instance.edu"),
                    QStringLiteral("data-snapshot-destroyed "
                                   "module.database.aws_db_snapshot.manual_2026_01"),
                    QStringLiteral("data-snapshot-destroyed "
                                   "module.database.aws_db_snapshot.pre_migration")},
                {QStringLiteral("delete-everything")}}},
        {QStringLiteral("missing-state"),
            {QStringLiteral("0 delete, 0 replace, 25 create, 0 update, 0 read, 0 no-op, 0 forget"),
                {}, {QStringLiteral("missing-state")}}},
        {QStringLiteral("db-replacement"),
            {QStringLiteral("0 delete, 1 replace, 0 create, 1 update, 0 read, 1 no-op, 0 forget"),
                {QStringLiteral("aws-rds-automated-backups-deleted aws_db_instance.ledger"),
                    QStringLiteral("aws-rds-no-final-snapshot aws_db_instance.ledger"),
                    QStringLiteral("data-database-destroyed aws_db_instance.ledger"),
                    QStringLiteral("data-replaced-by-attribute aws_db_instance.ledger")},
                {}}},
        {QStringLiteral("force-destroy-bucket"),
            {QStringLiteral("4 delete, 0 replace, 0 create, 0 update, 0 read, 0 no-op, 0 forget"),
                {QStringLiteral("aws-s3-force-destroy aws_s3_bucket.media"),
                    QStringLiteral("gcp-storage-force-destroy google_storage_bucket.exports")},
                {QStringLiteral("delete-everything")}}},
        {QStringLiteral("safe-updates"),
            {QStringLiteral("0 delete, 0 replace, 0 create, 3 update, 0 read, 2 no-op, 0 forget"),
                {}, {}}},
        {QStringLiteral("stale-state"),
            {QStringLiteral("0 delete, 0 replace, 0 create, 0 update, 0 read, 12 no-op, 0 forget"),
                {}, {}}},
    };
    return p;
}

std::vector<Scenario> scenarios()
{
    LoadError error;
    std::vector<Scenario> all = bundledScenarios(&error);
    if (all.empty())
        qFatal("no bundled scenarios: %s", qPrintable(error.toString()));
    return all;
}

Scenario scenario(const QString &name)
{
    LoadError error;
    auto s = findScenario(name, &error);
    if (!s)
        qFatal("%s", qPrintable(error.toString()));
    return *s;
}

} // namespace

class TestScenarios : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The source tree's scenarios, whatever the test binary's location.
        qputenv("BLASTGUARD_DATA_DIR", BG_RESOURCES);
    }

    void everyScenario_data()
    {
        QTest::addColumn<QString>("name");
        for (const Scenario &s : scenarios())
            QTest::addRow("%s", qPrintable(s.name)) << s.name;
    }

    // Generic: what every scenario must satisfy, ours or not.
    void everyScenario()
    {
        QFETCH(QString, name);
        const Scenario s = scenario(name);
        QVERIFY(!s.title.isEmpty() && !s.summary.isEmpty() && !s.lesson.isEmpty());
        QVERIFY(!s.files.isEmpty());
        const QString dir = QFileInfo(s.files.constFirst()).absolutePath();
        QVERIFY2(QFileInfo::exists(dir + QStringLiteral("/story.md")), qPrintable(dir));
        for (const QString &file : s.files + s.compare) {
            const LoadResult loaded = loadDocument(file);
            QVERIFY2(loaded.ok(), qPrintable(loaded.error ? loaded.error->toString() : file));
            const Analysis a = analyse(loaded.document, defaultRules());
            // The replay order: every destroyed node before each destroyed node it depends on.
            std::vector<int> position(size_t(a.graph.size()), -1);
            for (size_t i = 0; i < a.impact.destroyOrder.size(); ++i)
                position[size_t(a.impact.destroyOrder[i])] = int(i);
            for (int node : a.impact.destroyOrder) {
                for (int dep : a.graph.dependencies(node)) {
                    if (position[size_t(dep)] >= 0)
                        QVERIFY2(position[size_t(dep)] > position[size_t(node)],
                            qPrintable(a.document.resources[size_t(node)].id
                                + QStringLiteral(" is destroyed after its dependency ")
                                + a.document.resources[size_t(dep)].id));
                }
            }
        }
        if (!s.compare.isEmpty())
            QCOMPARE(s.compare.size(), 2);
    }

    void pinned_data()
    {
        QTest::addColumn<QString>("name");
        for (const auto &[name, expected] : pins())
            QTest::addRow("%s", qPrintable(name)) << name;
    }

    void pinned()
    {
        QFETCH(QString, name);
        const Expected &expected = pins().at(name);
        const Analysis a = analyse(mustLoad(scenario(name).files.constFirst()), defaultRules());
        // Ours are clean: nothing tolerated by the loader, no dangling reference or cycle.
        QVERIFY2(a.document.notes.isEmpty(), qPrintable(a.document.notes.join(QLatin1Char('\n'))));
        QVERIFY2(
            a.graph.warnings().isEmpty(), qPrintable(a.graph.warnings().join(QLatin1Char('\n'))));
        QCOMPARE(a.impact.countsLine(), expected.counts);
        QStringList critical;
        for (const Finding &f : a.findings) {
            if (f.severity == Severity::Critical)
                critical.append(f.code + QLatin1Char(' ') + f.address);
        }
        critical.sort();
        QCOMPARE(critical, expected.critical);
        QCOMPARE(a.criticalCount(), int(expected.critical.size()));
        QStringList warnings;
        for (const Warning &w : a.warnings)
            warnings.append(w.code);
        warnings.sort();
        QCOMPARE(warnings, expected.warnings);
    }

    void incidentReplayOrder()
    {
        const Analysis a = analyse(
            mustLoad(scenario(QStringLiteral("incident")).files.constFirst()), defaultRules());
        QCOMPARE(int(a.impact.destroyOrder.size()), 38);
        auto at = [&](const char *address) {
            const int node = a.graph.find(QLatin1String(address));
            const auto &order = a.impact.destroyOrder;
            return int(std::find(order.begin(), order.end(), node) - order.begin());
        };
        const int db = at("module.database.aws_db_instance.edu");
        QVERIFY(at("module.database.aws_db_snapshot.pre_migration") < db);
        QVERIFY(at("module.database.aws_db_snapshot.manual_2026_01") < db);
        QVERIFY(at("aws_ecs_task_definition.edu_platform") < db);
        QVERIFY(db < at("aws_security_group.db"));
        QVERIFY(db < at("module.database.aws_db_subnet_group.edu"));
        QCOMPARE(at("aws_vpc.main"), 37);
    }

    void staleStatePair()
    {
        const Scenario s = scenario(QStringLiteral("stale-state"));
        QCOMPARE(s.compare.size(), 2);
        const Document older = mustLoad(s.compare[0]);
        const Document current = mustLoad(s.compare[1]);
        QCOMPARE(older.lineage, current.lineage);
        QVERIFY(older.serial > current.serial);
        // The one in use is the stale one: it is also the scenario's file to open.
        QCOMPARE(s.files.constFirst(), s.compare[1]);
        const std::vector<Warning> lineage = lineageWarnings(older, current);
        QCOMPARE(int(lineage.size()), 1);
        QCOMPARE(lineage.front().code, QStringLiteral("stale-state"));
        const StateDiff diff = diffStates(older, current, defaultRules());
        QStringList codes;
        for (const Warning &w : diff.warnings)
            codes.append(w.code);
        QVERIFY2(codes.contains(QStringLiteral("stale-state")), qPrintable(codes.join(',')));
        QStringList lost;
        for (int node : diff.lost.impact.destroyOrder)
            lost.append(diff.lost.document.resources[size_t(node)].id);
        QVERIFY(lost.contains(QStringLiteral("module.database.aws_db_snapshot.pre_migration")));
        QVERIFY(lost.contains(QStringLiteral("module.database.aws_db_snapshot.manual_2026_01")));
    }

    void resolveInput()
    {
        LoadError error;
        QCOMPARE(bg::core::resolveInput(QStringLiteral("scenario:incident"), &error),
            QFileInfo(resource(QStringLiteral("scenarios/incident/plan.json"))).absoluteFilePath());
        QCOMPARE(bg::core::resolveInput(QStringLiteral("some/plan.json"), &error),
            QStringLiteral("some/plan.json"));
        error = {};
        QVERIFY(bg::core::resolveInput(QStringLiteral("scenario:no-such"), &error).isEmpty());
        QVERIFY(error.message.contains(QStringLiteral("no-such")));
        QVERIFY(!findScenario(QStringLiteral("no-such"), nullptr));
    }

    // Manifests are read strictly: unknown members, a name that is not the folder's, a missing
    // file or an escaping path are errors naming the manifest. A folder without one is skipped.
    void strictManifest_data()
    {
        QTest::addColumn<QByteArray>("manifest");
        QTest::addColumn<QString>("why");
        const QByteArray head = R"({"schema":"blastguard.scenario/v1","name":"demo","title":"T",)"
                                R"("summary":"S","lesson":"L",)";
        QTest::addRow("ok") << head + R"("files":["plan.json"]})" << QString();
        QTest::addRow("unknown member")
            << head + R"("files":["plan.json"],"extra":1})" << QStringLiteral("extra");
        QTest::addRow("missing file")
            << head + R"("files":["gone.json"]})" << QStringLiteral("gone.json");
        QTest::addRow("escaping path")
            << head + R"("files":["../x/plan.json"]})" << QStringLiteral("relative");
        QTest::addRow("one compare") << head + R"("files":["plan.json"],"compare":["plan.json"]})"
                                     << QStringLiteral("exactly two");
        QTest::addRow("wrong schema")
            << QByteArray(R"({"schema":"x","name":"demo"})") << QStringLiteral("schema");
        QTest::addRow("malformed") << QByteArray("{\"schema\":") << QStringLiteral("malformed");
        QTest::addRow("no lesson")
            << QByteArray(R"({"schema":"blastguard.scenario/v1","name":"demo","title":"T",)"
                          R"("summary":"S","files":["plan.json"]})")
            << QStringLiteral("lesson");
    }

    void strictManifest()
    {
        QFETCH(QByteArray, manifest);
        QFETCH(QString, why);
        QTemporaryDir data;
        QVERIFY(QDir(data.path()).mkpath(QStringLiteral("scenarios/demo")));
        QVERIFY(QDir(data.path()).mkpath(QStringLiteral("scenarios/not-a-scenario")));
        writeBytes(data, QStringLiteral("scenarios/demo/plan.json"), "{}");
        const QString path
            = writeBytes(data, QStringLiteral("scenarios/demo/scenario.json"), manifest);
        const QByteArray saved = qgetenv("BLASTGUARD_DATA_DIR");
        qputenv("BLASTGUARD_DATA_DIR", data.path().toUtf8());
        LoadError error;
        const std::vector<Scenario> found = bundledScenarios(&error);
        qputenv("BLASTGUARD_DATA_DIR", saved);
        if (why.isEmpty()) {
            QCOMPARE(int(found.size()), 1);
            QCOMPARE(found.front().name, QStringLiteral("demo"));
            return;
        }
        QVERIFY(found.empty());
        QCOMPARE(QFileInfo(error.path).canonicalFilePath(), QFileInfo(path).canonicalFilePath());
        QVERIFY2(error.message.contains(why), qPrintable(error.toString()));
    }

    void cliListsScenarios()
    {
        const Run text = cli({QStringLiteral("scenarios")});
        QCOMPARE(text.code, 0);
        const Run json = cli(
            {QStringLiteral("scenarios"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.code, 0);
        const QJsonArray array = QJsonDocument::fromJson(json.out.toUtf8()).array();
        const std::vector<Scenario> all = scenarios();
        QCOMPARE(array.size(), qsizetype(all.size()));
        for (size_t i = 0; i < all.size(); ++i) {
            QVERIFY2(text.out.contains(all[i].name + QStringLiteral(" — ") + all[i].title),
                qPrintable(all[i].name));
            QCOMPARE(array[qsizetype(i)].toObject().value(QStringLiteral("name")).toString(),
                all[i].name);
        }
    }

    void cliReportsIncident()
    {
        const Run run = cli({QStringLiteral("report"), QStringLiteral("scenario:incident")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(run.out.startsWith(QStringLiteral("Lesson: ")));
        QVERIFY(run.out.contains(QStringLiteral("module.database.aws_db_instance.edu")));
        QVERIFY(run.out.contains(QStringLiteral("edu-prod")));
        QVERIFY(run.out.contains(QStringLiteral("no final snapshot is taken")));
        QVERIFY(run.out.contains(QStringLiteral("automated backups")));
        QVERIFY(!run.out.contains(QStringLiteral("edu-Pr0d-pg-Zq7x4Mv2Lr9")));
    }

    void cliDiffUsesComparePair()
    {
        const Run run = cli({QStringLiteral("diff"), QStringLiteral("scenario:stale-state")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(run.out.startsWith(QStringLiteral("Lesson: ")));
        QVERIFY(run.out.contains(QStringLiteral("stale-state")));
        const Run unknown = cli({QStringLiteral("report"), QStringLiteral("scenario:no-such")});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("no-such")));
        const Run json = cli({QStringLiteral("report"), QStringLiteral("scenario:safe-updates"),
            QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.code, 0);
        QVERIFY(QJsonDocument::fromJson(json.out.toUtf8()).isObject());
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
