// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled scenarios: every one loads, tells its lesson and replays its destroy in an order
// that respects every dependency; the known ones pin their findings, warnings and counts.
// Scenarios added later (or written independently) get the generic checks only.
#include "core/review/replay.h"
#include "core/review/scenarios.h"
#include "core/review/statediff.h"
#include "testutils.h"

#include <QProcess>
#include <map>

using namespace bg::core;
using namespace bg::tests;

namespace {

struct Expected {
    QString counts; // Impact::countsLine() of the first file
    QStringList critical; // "code address", sorted
    QStringList others; // "severity code" of the other findings, sorted, each once
    QStringList warnings; // codes, sorted
    QString headline;
    QString noReturn; // the replay's point of no return, empty when nothing critical goes
    QString lesson; // how the lesson shown first in the text and Markdown reports begins
};

QString countsOf(int del, int replace, int create, int update, int noOp)
{
    return QStringLiteral("%1 delete, %2 replace, %3 create, %4 update, 0 read, %5 no-op, 0 forget")
        .arg(del)
        .arg(replace)
        .arg(create)
        .arg(update)
        .arg(noOp);
}

// The pins, one per scenario of ours.
const std::map<QString, Expected> &pins()
{
    static const QString db = QStringLiteral("module.database.aws_db_instance.edu");
    static const std::map<QString, Expected> p = {
        {QStringLiteral("incident"),
            {countsOf(38, 0, 0, 0, 0),
                {QStringLiteral("aws-rds-automated-backups-deleted ") + db,
                    QStringLiteral("aws-rds-no-final-snapshot ") + db,
                    QStringLiteral("aws-s3-force-destroy aws_s3_bucket.uploads"),
                    QStringLiteral("data-database-destroyed ") + db,
                    QStringLiteral("data-snapshot-destroyed "
                                   "module.database.aws_db_snapshot.manual_2026_01"),
                    QStringLiteral("data-snapshot-destroyed "
                                   "module.database.aws_db_snapshot.pre_migration")},
                {QStringLiteral("high aws-rds-deletion-protection-off"),
                    QStringLiteral("high data-storage-destroyed"),
                    QStringLiteral("medium aws-instance-root-volume-deleted")},
                {QStringLiteral("delete-everything")},
                QStringLiteral("Deletes 1 database, 2 snapshots and 1 storage resource — data loss "
                               "(38 of 38 resources destroyed)"),
                QStringLiteral("module.database.aws_db_snapshot.manual_2026_01"),
                QStringLiteral("Never run destroy against a state you cannot vouch for")}},
        {QStringLiteral("missing-state"),
            {countsOf(0, 0, 25, 0, 0), {}, {}, {QStringLiteral("missing-state")},
                QStringLiteral("Destroys nothing."), {},
                QStringLiteral("A plan that creates everything on a stack that exists")}},
        {QStringLiteral("db-replacement"),
            {countsOf(0, 1, 0, 1, 1),
                {QStringLiteral("aws-rds-automated-backups-deleted aws_db_instance.ledger"),
                    QStringLiteral("aws-rds-no-final-snapshot aws_db_instance.ledger"),
                    QStringLiteral("data-database-destroyed aws_db_instance.ledger"),
                    QStringLiteral("data-replaced-by-attribute aws_db_instance.ledger")},
                {QStringLiteral("high aws-rds-deletion-protection-off")}, {},
                QStringLiteral("Replaces 1 database — data loss (1 of 3 resources destroyed)"),
                QStringLiteral("aws_db_instance.ledger"),
                QStringLiteral("Read \"must be replaced\" on a database as \"deletes all its "
                               "data\"")}},
        {QStringLiteral("force-destroy-bucket"),
            {countsOf(4, 0, 0, 0, 0),
                {QStringLiteral("aws-s3-force-destroy aws_s3_bucket.media"),
                    QStringLiteral("gcp-storage-force-destroy google_storage_bucket.exports")},
                {QStringLiteral("high data-storage-destroyed"),
                    QStringLiteral("medium aws-s3-versioning-removed")},
                {QStringLiteral("delete-everything")},
                QStringLiteral("Deletes 3 storage resources — data loss (4 of 4 resources "
                               "destroyed)"),
                QStringLiteral("google_storage_bucket.exports"),
                QStringLiteral("force_destroy = true turns deleting a bucket into deleting all "
                               "of its data")}},
        {QStringLiteral("safe-updates"),
            {countsOf(0, 0, 0, 3, 2), {}, {}, {}, QStringLiteral("Destroys nothing."), {},
                QStringLiteral("A plan that only updates in place loses no data")}},
        {QStringLiteral("shared-vpc"),
            {countsOf(15, 0, 0, 0, 0), {}, {}, {QStringLiteral("delete-everything")},
                QStringLiteral("Deletes 15 resources; no data store among them."), {},
                QStringLiteral("A destroy is only as safe as what other stacks build on it")}},
        {QStringLiteral("stale-state"),
            {countsOf(0, 0, 0, 0, 12), {}, {}, {},
                QStringLiteral("A state: nothing is destroyed until you simulate a destroy."), {},
                QStringLiteral("Check lineage and serial before you trust a state")}},
    };
    return p;
}

std::vector<Scenario> scenarios()
{
    std::vector<Scenario> all = mustHave(bundledScenarios());
    if (all.empty())
        qFatal("no bundled scenarios");
    return all;
}

Scenario scenario(const QString &name)
{
    return mustHave(findScenario(name));
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
            const Result<Document> loaded = loadDocument(file);
            QVERIFY2(loaded.ok(), qPrintable(file + errorText(loaded)));
            // The replay, as planned and as a full destroy: every destroyed node once, before
            // each destroyed node it depends on (tst_replay checks this in depth).
            for (bool fullDestroy : {false, true}) {
                const Analysis a = fullDestroy ? analyseWhatIf(loaded.value(), defaultRules(), {})
                                               : analyse(loaded.value(), defaultRules());
                const std::vector<ReplayStep> replay = destroyReplay(a, defaultRules());
                QCOMPARE(replay.size(), a.impact.destroyOrder.size());
                std::vector<int> position(size_t(a.graph().size()), -1);
                for (size_t i = 0; i < replay.size(); ++i)
                    position[size_t(replay[i].node)] = int(i);
                for (const ReplayStep &step : replay) {
                    for (int dep : a.graph().dependencies(step.node)) {
                        if (position[size_t(dep)] >= 0)
                            QVERIFY2(position[size_t(dep)] > position[size_t(step.node)],
                                qPrintable(a.document().resources[size_t(step.node)].id
                                    + QStringLiteral(" is destroyed after its dependency ")
                                    + a.document().resources[size_t(dep)].id));
                    }
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
        QVERIFY2(
            a.document().notes.isEmpty(), qPrintable(a.document().notes.join(QLatin1Char('\n'))));
        QVERIFY2(a.graph().warnings().isEmpty(),
            qPrintable(a.graph().warnings().join(QLatin1Char('\n'))));
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
        QStringList others;
        for (const Finding &f : a.findings) {
            const QString entry = severityName(f.severity) + QLatin1Char(' ') + f.code;
            if (f.severity != Severity::Critical && !others.contains(entry))
                others.append(entry);
        }
        others.sort();
        QCOMPARE(others, expected.others);
        QCOMPARE(a.headline(defaultRules()), expected.headline);
        // The replay's point of no return: the step it marks, and the analysis agrees.
        QString marked;
        for (const ReplayStep &step : destroyReplay(a, defaultRules())) {
            if (step.pointOfNoReturn)
                marked = a.document().resources[size_t(step.node)].id;
        }
        QCOMPARE(marked, expected.noReturn);
        QCOMPARE(a.pointOfNoReturn() < 0 ? QString()
                                         : a.document().resources[size_t(a.pointOfNoReturn())].id,
            expected.noReturn);
    }

    // The lesson is the first thing read, in the text and in the Markdown report.
    void lessonComesFirst_data() { pinned_data(); }

    void lessonComesFirst()
    {
        QFETCH(QString, name);
        const Scenario s = scenario(name);
        QVERIFY2(s.lesson.startsWith(pins().at(name).lesson), qPrintable(s.lesson));
        const QString argument = QStringLiteral("scenario:") + name;
        const Run text = cli({QStringLiteral("report"), argument});
        QVERIFY2(text.code == 0, qPrintable(text.err));
        QVERIFY2(
            text.out.startsWith(QStringLiteral("Lesson: ") + s.lesson + QStringLiteral("\n\n")),
            qPrintable(text.out.left(300)));
        const Run markdown = cli({QStringLiteral("report"), argument, QStringLiteral("--format"),
            QStringLiteral("markdown")});
        QVERIFY2(markdown.code == 0, qPrintable(markdown.err));
        QVERIFY2(markdown.out.startsWith(QStringLiteral("**Lesson:** ") + s.lesson
                     + QStringLiteral("\n\n# Blastguard")),
            qPrintable(markdown.out.left(300)));
        // The replay's timeline is there exactly when something is destroyed.
        QCOMPARE(markdown.out.contains(QLatin1String("\n## Destroy replay (")),
            !pins().at(name).counts.startsWith(QLatin1String("0 delete, 0 replace")));
        const QString noReturn = pins().at(name).noReturn;
        QCOMPARE(
            markdown.out.contains(QStringLiteral("**⛔ point of no return: `%1`").arg(noReturn)),
            !noReturn.isEmpty());
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
            lost.append(diff.lost.document().resources[size_t(node)].id);
        QVERIFY(lost.contains(QStringLiteral("module.database.aws_db_snapshot.pre_migration")));
        QVERIFY(lost.contains(QStringLiteral("module.database.aws_db_snapshot.manual_2026_01")));
        // Its replay: what the stale state forgot, the snapshots first of all.
        QCOMPARE(diff.lost.document().resources[size_t(diff.lost.pointOfNoReturn())].id,
            QStringLiteral("module.database.aws_db_snapshot.manual_2026_01"));
    }

    void resolveInput()
    {
        QCOMPARE(mustHave(bg::core::resolveInput(QStringLiteral("scenario:incident"))),
            QFileInfo(resource(QStringLiteral("scenarios/incident/plan.json"))).absoluteFilePath());
        QCOMPARE(mustHave(bg::core::resolveInput(QStringLiteral("some/plan.json"))),
            QStringLiteral("some/plan.json"));
        const Result<QString> unknown = bg::core::resolveInput(QStringLiteral("scenario:no-such"));
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.contains(QStringLiteral("no-such")));
        QVERIFY(!findScenario(QStringLiteral("no-such")));
    }

    // Manifests are read strictly: unknown members, a name that is not the folder's, a missing
    // file or an escaping path are errors naming the manifest. A folder without one is skipped.
    void strictManifest_data()
    {
        QTest::addColumn<QByteArray>("manifest");
        QTest::addColumn<QString>("why"); // the whole message; empty: the manifest is fine
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        const QByteArray head = R"({"schema":"blastguard.scenario/v1","name":"demo","title":"T",)"
                                R"("summary":"S","lesson":"L",)"
                                "\n";
        QTest::addRow("ok") << head + R"("files":["plan.json"]})" << QString() << 0 << 0;
        QTest::addRow("byte-order mark, CRLF")
            << QByteArray("\xEF\xBB\xBF") + head + QByteArray("\r\n\"files\":[\"plan.json\"]}\r\n")
            << QString() << 0 << 0;
        QTest::addRow("unknown member")
            << head + R"("files":["plan.json"],"extra":1})"
            << QStringLiteral("unknown member \"extra\" (known here: schema, name, title, summary, "
                              "lesson, files, compare, estate)")
            << 2 << 23;
        QTest::addRow("missing file")
            << head + R"("files":["gone.json"]})"
            << QStringLiteral("\"files[0]\" names gone.json, which does not exist") << 2 << 10;
        QTest::addRow("escaping path")
            << head + R"("files":["../x/plan.json"]})"
            << QStringLiteral("\"files[0]\" must be a path relative to the scenario's folder") << 2
            << 10;
        QTest::addRow("one compare")
            << head + R"("files":["plan.json"],"compare":["plan.json"]})"
            << QStringLiteral("\"compare\" must be a list of exactly two files: old, new") << 2
            << 23;
        QTest::addRow("estate") << head + R"("files":["plan.json"],"estate":"stacks/"})"
                                << QString() << 0 << 0;
        QTest::addRow("missing estate")
            << head + R"("files":["plan.json"],"estate":"gone"})"
            << QStringLiteral("\"estate\" names gone, which does not exist") << 2 << 23;
        QTest::addRow("estate is a file")
            << head + R"("files":["plan.json"],"estate":"plan.json"})"
            << QStringLiteral("\"estate\" names plan.json, which does not exist as a folder") << 2
            << 23;
        QTest::addRow("escaping estate")
            << head + R"("files":["plan.json"],"estate":"../other"})"
            << QStringLiteral("\"estate\" must be a path relative to the scenario's folder") << 2
            << 23;
        QTest::addRow("empty estate")
            << head + R"("files":["plan.json"],"estate":""})"
            << QStringLiteral("\"estate\" must be a non-empty string") << 2 << 23;
        QTest::addRow("name is not the folder's")
            << QByteArray(head).replace("\"demo\"", "\"other\"") + R"("files":["plan.json"]})"
            << QStringLiteral("\"name\" must be the folder's name, \"demo\" (not \"other\")") << 1
            << 36;
        QTest::addRow("wrong schema")
            << QByteArray(R"({"schema":"x","name":"demo"})")
            << QStringLiteral("unknown schema \"x\" (this version reads blastguard.scenario/v1)")
            << 1 << 2;
        QTest::addRow("malformed")
            << QByteArray("{\"schema\":") << QStringLiteral("not valid JSON: unterminated object")
            << 1 << 10;
        QTest::addRow("no lesson")
            << QByteArray(R"({"schema":"blastguard.scenario/v1","name":"demo","title":"T",)"
                          R"("summary":"S","files":["plan.json"]})")
            << QStringLiteral("missing member \"lesson\"") << 1 << 1;
    }

    void strictManifest()
    {
        QFETCH(QByteArray, manifest);
        QFETCH(QString, why);
        QFETCH(int, line);
        QFETCH(int, column);
        QTemporaryDir data;
        QVERIFY(QDir(data.path()).mkpath(QStringLiteral("scenarios/demo")));
        QVERIFY(QDir(data.path()).mkpath(QStringLiteral("scenarios/not-a-scenario")));
        QVERIFY(QDir(data.path()).mkpath(QStringLiteral("scenarios/demo/stacks")));
        writeBytes(data, QStringLiteral("scenarios/demo/plan.json"), "{}");
        const QString path
            = writeBytes(data, QStringLiteral("scenarios/demo/scenario.json"), manifest);
        const QByteArray saved = qgetenv("BLASTGUARD_DATA_DIR");
        qputenv("BLASTGUARD_DATA_DIR", data.path().toUtf8());
        const Result<std::vector<Scenario>> found = bundledScenarios();
        qputenv("BLASTGUARD_DATA_DIR", saved);
        if (why.isEmpty()) {
            QVERIFY2(found, qPrintable(errorText(found)));
            QCOMPARE(int(found->size()), 1);
            QCOMPARE(found->front().name, QStringLiteral("demo"));
            // The estate, when named, is the folder's absolute path; empty otherwise.
            QCOMPARE(QFileInfo(found->front().estate).canonicalFilePath(),
                manifest.contains("\"estate\"")
                    ? QFileInfo(QFileInfo(path).absolutePath() + QStringLiteral("/stacks"))
                          .canonicalFilePath()
                    : QString());
            QCOMPARE(found->front().estate.isEmpty(), !manifest.contains("\"estate\""));
            return;
        }
        QVERIFY(!found);
        const Error &error = found.error();
        QCOMPARE(QFileInfo(error.path).canonicalFilePath(), QFileInfo(path).canonicalFilePath());
        QCOMPARE(error.message, why);
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
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

    // The words each scenario exists to teach, as a reader of its reports sees them.
    void acceptanceWords()
    {
        const Run incident = cli({QStringLiteral("report"), QStringLiteral("scenario:incident")});
        QVERIFY2(incident.code == 0, qPrintable(incident.err));
        for (const char *words :
            {"module.database.aws_db_instance.edu", "\"edu-prod\"", "DATA LOSS: Deletes 1 database",
                "no final snapshot is taken", "its automated backups go with it",
                "its 2 snapshots are destroyed too", "POINT OF NO RETURN"})
            QVERIFY2(incident.out.contains(QLatin1String(words)), words);
        QVERIFY(!incident.out.contains(QStringLiteral("edu-Pr0d-pg-Zq7x4Mv2Lr9"))); // masked

        const Run missing
            = cli({QStringLiteral("report"), QStringLiteral("scenario:missing-state")});
        QCOMPARE(missing.code, 0);
        QVERIFY2(missing.out.contains(QLatin1String("State-safety warnings"))
                && missing.out.contains(QLatin1String("MISSING-STATE: ")),
            qPrintable(missing.out));
        const Run stale = cli({QStringLiteral("diff"), QStringLiteral("scenario:stale-state")});
        QCOMPARE(stale.code, 0);
        QVERIFY2(stale.out.contains(QLatin1String("stale-state: Stale state restored")),
            qPrintable(stale.out));

        const Run safe = cli({QStringLiteral("report"), QStringLiteral("scenario:safe-updates")});
        QCOMPARE(safe.code, 0);
        QVERIFY(!safe.out.contains(QLatin1String("DATA LOSS")));
        QVERIFY(!safe.out.contains(QLatin1String("Critical findings")));
        QCOMPARE(analyse(mustLoad(scenario(QStringLiteral("safe-updates")).files.constFirst()),
                     defaultRules())
                     .criticalCount(),
            0);
    }

    // A scenario written elsewhere, built the same way (a folder with scenario.json, its plan
    // or states and a story.md), in a data directory of its own: listed, loaded, reported.
    void independentScenario()
    {
        QTemporaryDir data;
        const QDir root(data.path());
        QVERIFY(root.mkpath(QStringLiteral("scenarios/zz-replaced-db")));
        QVERIFY(root.mkpath(QStringLiteral("scenarios/zz-state-pair/states")));
        const auto manifest = [](const char *name, const char *files) {
            return QByteArray("{\n  \"schema\": \"blastguard.scenario/v1\",\n  \"name\": \"") + name
                + "\",\n  \"title\": \"Written elsewhere\",\n  \"summary\": \"A summary.\",\n"
                  "  \"lesson\": \"A lesson of its own.\",\n  "
                + files + "\n}\n";
        };
        writeBytes(data, QStringLiteral("scenarios/zz-replaced-db/scenario.json"),
            manifest("zz-replaced-db", "\"files\": [\"./plan.json\"]"));
        writeBytes(data, QStringLiteral("scenarios/zz-replaced-db/plan.json"),
            readAll(resource(QStringLiteral("scenarios/db-replacement/plan.json"))));
        writeBytes(data, QStringLiteral("scenarios/zz-replaced-db/story.md"), "# A story\n");
        writeBytes(data, QStringLiteral("scenarios/zz-state-pair/scenario.json"),
            manifest("zz-state-pair",
                "\"files\": [\"states/old.tfstate\"],\n  \"compare\": [\"states/new.tfstate\", "
                "\"states/old.tfstate\"]"));
        writeBytes(data, QStringLiteral("scenarios/zz-state-pair/states/old.tfstate"),
            readAll(resource(QStringLiteral("scenarios/stale-state/restored.tfstate"))));
        writeBytes(data, QStringLiteral("scenarios/zz-state-pair/states/new.tfstate"),
            readAll(resource(QStringLiteral("scenarios/stale-state/latest.tfstate"))));
        writeBytes(data, QStringLiteral("scenarios/zz-state-pair/story.md"), "# A story\n");

        const QByteArray saved = qgetenv("BLASTGUARD_DATA_DIR");
        qputenv("BLASTGUARD_DATA_DIR", data.path().toUtf8());
        const auto restore = qScopeGuard([&] { qputenv("BLASTGUARD_DATA_DIR", saved); });
        const std::vector<Scenario> found = mustHave(bundledScenarios());
        QCOMPARE(found.size(), size_t(2));
        QCOMPARE(found[0].name, QStringLiteral("zz-replaced-db"));
        QCOMPARE(found[1].compare.size(), 2);
        for (const Scenario &s : found) {
            for (const QString &file : s.files + s.compare)
                QVERIFY2(loadDocument(file).ok(), qPrintable(file));
        }
        const Analysis a = analyse(mustLoad(found[0].files.constFirst()), defaultRules());
        QCOMPARE(a.criticalCount(), 4); // the rules come from the usual place
        QCOMPARE(int(destroyReplay(a, defaultRules()).size()), 1);

        // The command line, run as a user runs it, with this data directory.
        const Run list = cli({QStringLiteral("scenarios")});
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.contains(QStringLiteral("zz-replaced-db — Written elsewhere"))
                && list.out.contains(QStringLiteral("zz-state-pair — Written elsewhere")),
            qPrintable(list.out));
        const Run report = cli({QStringLiteral("report"), QStringLiteral("scenario:zz-replaced-db"),
            QStringLiteral("--format"), QStringLiteral("markdown")});
        QVERIFY2(report.code == 0, qPrintable(report.err));
        QVERIFY(report.out.startsWith(QLatin1String("**Lesson:** A lesson of its own.\n\n")));
        QVERIFY(report.out.contains(
            QStringLiteral("1. **⛔ point of no return: `aws_db_instance.ledger` replaced — ")));
        const Run diff = cli({QStringLiteral("diff"), QStringLiteral("scenario:zz-state-pair")});
        QVERIFY2(diff.code == 0, qPrintable(diff.err));
        QVERIFY(diff.out.startsWith(QLatin1String("Lesson: A lesson of its own.")));
        QVERIFY(diff.out.contains(QLatin1String("stale-state")));
        // The catalog is the first data directory's: the bundled ones are not mixed in.
        QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("scenario:incident")}).code, 2);
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
