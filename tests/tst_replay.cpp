// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The destroy replay (core/replay.h) against the dependency graph's own edges, on every bundled
// scenario, every corpus file and generated plans, as planned and as a full destroy; the
// incident's replay and its Markdown timeline pinned.
#include "core/report/report.h"
#include "core/review/replay.h"
#include "core/review/scenarios.h"
#include "genplan.h"
#include "testutils.h"

#include <QRegularExpression>
#include <fstream>
#include <set>

using namespace bg::core;
using namespace bg::tests;

class TestReplay : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_generated; // "label=path"

private slots:
    void initTestCase();
    void corpusIsPresent();
    void sound_data();
    void sound();
    void incident();
    void incidentMarkdownTimeline();
    void longReplayIsCutButKeepsTheLoss();
    void nothingDestroyedMeansNoReplay();
    void userRulesSayTheLoss_data();
    void userRulesSayTheLoss();
    void lossOfTheWrongTypeIsAnError_data();
    void lossOfTheWrongTypeIsAnError();
};

namespace {

QString md(const Analysis &a)
{
    return QString::fromUtf8(renderReport(a, defaultRules(), ReportFormat::Markdown));
}

// The positions of the steps by node, -1 for a node the replay does not destroy.
std::vector<int> positions(const Analysis &a, const std::vector<ReplayStep> &steps)
{
    std::vector<int> at(size_t(a.graph().size()), -1);
    for (size_t i = 0; i < steps.size(); ++i)
        at[size_t(steps[i].node)] = int(i);
    return at;
}

// Every check that does not depend on which document it is.
void checkReplay(const Analysis &a)
{
    const RuleSet &rules = defaultRules();
    const std::vector<ReplayStep> steps = destroyReplay(a, rules);
    const int n = a.graph().size();
    const auto &resources = a.document().resources;

    // Each destroyed node exactly once, nothing else.
    std::vector<int> seen(size_t(n), 0);
    for (const ReplayStep &s : steps) {
        QVERIFY(s.node >= 0 && s.node < n);
        ++seen[size_t(s.node)];
    }
    for (int i = 0; i < n; ++i) {
        const int expected = actionDestroys(a.impact.actions[size_t(i)]) ? 1 : 0;
        QVERIFY2(seen[size_t(i)] == expected,
            qPrintable(QStringLiteral("%1 appears %2 times")
                           .arg(resources[size_t(i)].id)
                           .arg(seen[size_t(i)])));
    }

    // Every edge "A depends on B", both destroyed: A goes first, in an earlier wave. Also
    // through nodes that are not destroyed (A -> data source -> B). Only nodes in a cycle, or
    // below one, are exempt: Terraform refuses those, and they come last in file order.
    std::vector<int> stuck;
    a.graph().destroyOrder(std::vector<bool>(size_t(n), true), &stuck);
    const std::set<int> cyclic(stuck.begin(), stuck.end());
    const std::vector<int> at = positions(a, steps);
    for (const ReplayStep &s : steps) {
        std::vector<int> todo = a.graph().dependencies(s.node);
        std::set<int> visited;
        while (!todo.empty()) {
            const int b = todo.back();
            todo.pop_back();
            if (!visited.insert(b).second)
                continue;
            if (at[size_t(b)] < 0) {
                const std::vector<int> further = a.graph().dependencies(b);
                todo.insert(todo.end(), further.begin(), further.end());
                continue;
            }
            if (cyclic.count(s.node) && cyclic.count(b))
                continue;
            const ReplayStep &later = steps[size_t(at[size_t(b)])];
            QVERIFY2(at[size_t(s.node)] < at[size_t(b)] && s.wave < later.wave,
                qPrintable(QStringLiteral("%1 (step %2, wave %3) depends on %4 (step %5, wave %6)")
                               .arg(resources[size_t(s.node)].id)
                               .arg(at[size_t(s.node)] + 1)
                               .arg(s.wave)
                               .arg(resources[size_t(b)].id)
                               .arg(at[size_t(b)] + 1)
                               .arg(later.wave)));
        }
    }

    // Waves: from 0, never going back, never skipping one; the counters count.
    const std::vector<bool> lost = a.lossNodes();
    int dataGone = 0, firstLoss = -1;
    for (size_t i = 0; i < steps.size(); ++i) {
        const ReplayStep &s = steps[i];
        const int previous = i == 0 ? 0 : steps[i - 1].wave;
        QVERIFY2(
            s.wave == previous || s.wave == previous + 1, qPrintable(s.sentence(a.document())));
        QCOMPARE(s.goneBefore, int(i));
        QCOMPARE(s.dataGoneBefore, dataGone);
        const NodeOutcome &outcome = a.outcomes[size_t(s.node)];
        const bool happens = outcome.outcome != Outcome::NotReached
            && !(outcome.outcome == Outcome::Refused && outcome.certain);
        dataGone += int(rules.isDataCategory(a.categories[size_t(s.node)]) && happens
            && outcome.outcome != Outcome::Refused);
        QCOMPARE(s.dataLoss, bool(lost[size_t(s.node)]));
        if (s.dataLoss && firstLoss < 0)
            firstLoss = int(i);
        QCOMPARE(s.pointOfNoReturn, firstLoss == int(i));
        const QString prefix = QStringLiteral("Step %1 of %2: %3 %4")
                                   .arg(i + 1)
                                   .arg(steps.size())
                                   .arg(resources[size_t(s.node)].id, s.what);
        QCOMPARE(s.sentence(a.document()), prefix);
        // A step Terraform never carries out says so instead of "deleted".
        if (!happens) {
            QVERIFY2(s.what.startsWith(QLatin1String("refused"))
                    || s.what.startsWith(QLatin1String("not reached")),
                qPrintable(s.what));
            QVERIFY(!s.dataLoss);
            continue;
        }
        QVERIFY(s.what.startsWith(QLatin1String("deleted"))
            || s.what.startsWith(QLatin1String("replaced")));
        QCOMPARE(s.what.startsWith(QLatin1String("replaced")),
            a.impact.actions[size_t(s.node)] == Action::Replace);
        // Words of loss exactly where data is lost: never ahead of the point of no return.
        QCOMPARE(s.loss.isEmpty(), !s.dataLoss);
    }
    if (!steps.empty())
        QCOMPARE(steps.front().wave, 0);
    // One definition of the point of no return.
    QCOMPARE(a.pointOfNoReturn(), firstLoss < 0 ? -1 : steps[size_t(firstLoss)].node);

    // The reports tell the same replay.
    const QString markdown = md(a);
    QVERIFY(markdown.toUtf8().size() <= MarkdownCommentLimit);
    QCOMPARE(markdown.contains(QLatin1String("\n## Destroy replay (")), !steps.empty());
    const QRegularExpression marker(QStringLiteral("^(\\d+)\\. \\*\\*⛔ point of no return: `"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = marker.match(markdown);
    QCOMPARE(match.hasMatch(), firstLoss >= 0);
    if (firstLoss >= 0) {
        QCOMPARE(match.captured(1).toInt(), firstLoss + 1);
        QCOMPARE(markdown.count(QStringLiteral("⛔ point of no return: ")), 1);
    }
    const QString text = QString::fromUtf8(renderReport(a, rules, ReportFormat::Text));
    QCOMPARE(text.contains(QLatin1String("POINT OF NO RETURN")), firstLoss >= 0);
    if (!steps.empty())
        QVERIFY(text.contains(QStringLiteral("Destroyed or replaced (%1)").arg(steps.size())));
}

int stepOf(const Analysis &a, const std::vector<ReplayStep> &steps, const char *address)
{
    const int node = a.graph().find(QLatin1String(address));
    if (node < 0)
        qFatal("no %s in the incident", address);
    for (const ReplayStep &s : steps) {
        if (s.node == node)
            return s.goneBefore + 1;
    }
    qFatal("%s is not destroyed", address);
    return -1;
}

Analysis incidentAnalysis()
{
    return analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
}

// Writes a rules file into `dir` and returns its path.
QString writeRules(const QTemporaryDir &dir, const QString &name, const QByteArray &json)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// A rules file with one finding rule whose "loss" is `value`, or whose "data_category_loss"
// is `value`.
QByteArray rulesWithLoss(bool finding, const QByteArray &value)
{
    if (finding)
        return R"({"schema":"blastguard.rules/v1","findings":[{"code":"mine","severity":"critical",
            "types":["*"],"actions":["delete"],"message":"Gone.","loss":)"
            + value + "}]}";
    return R"({"schema":"blastguard.rules/v1","data_category_loss":)" + value + "}";
}

} // namespace

void TestReplay::initTestCase()
{
    qputenv("BLASTGUARD_DATA_DIR", BG_RESOURCES);
    QVERIFY(m_dir.isValid());
    struct Plan {
        const char *label;
        GenOptions options;
    };
    for (const Plan &p : {Plan {"generated mix 400 seed 1", {400, 1, false}},
             Plan {"generated mix 1500 seed 5", {1500, 5, false}},
             Plan {"generated destroy 400 seed 2", {400, 2, true}},
             Plan {"generated destroy 3000 seed 3", {3000, 3, true}}}) {
        const QString path = m_dir.filePath(QString::fromLatin1(p.label).replace(' ', '-'))
            + QStringLiteral(".json");
        std::ofstream out(path.toStdString(), std::ios::binary);
        writePlan(p.options, out);
        QVERIFY(out.good());
        m_generated.append(QString::fromLatin1(p.label) + QLatin1Char('=') + path);
    }
}

void TestReplay::corpusIsPresent()
{
    BG_REQUIRE_CORPUS();
    QVERIFY(!corpusFiles().isEmpty());
}

void TestReplay::sound_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("fullDestroy");
    QStringList rows;
    const std::vector<Scenario> scenarios = mustHave(bundledScenarios());
    QVERIFY(!scenarios.empty());
    for (const Scenario &s : scenarios) {
        QStringList files = s.files + s.compare;
        files.removeDuplicates();
        for (const QString &file : files)
            rows.append(
                QStringLiteral("scenario %1 %2=%3").arg(s.name, QFileInfo(file).fileName(), file));
    }
    for (const QString &file : corpusFiles())
        rows.append(QFileInfo(file).fileName() + QLatin1Char('=') + file);
    rows += m_generated;
    for (const QString &row : rows) {
        const QString label = row.section(QLatin1Char('='), 0, 0);
        const QString path = row.section(QLatin1Char('='), 1);
        QTest::addRow("%s", qPrintable(label)) << path << false;
        QTest::addRow("%s, full destroy", qPrintable(label)) << path << true;
    }
}

void TestReplay::sound()
{
    QFETCH(QString, path);
    QFETCH(bool, fullDestroy);
    Result<Document> loaded = loadDocument(path);
    if (!loaded.ok())
        QSKIP("not a loadable file (tst_loader checks which)");
    const Analysis a = fullDestroy ? analyseWhatIf(std::move(loaded.value()), defaultRules(), {})
                                   : analyse(std::move(loaded.value()), defaultRules());
    checkReplay(a);
}

// What a reader of the incident's postmortem cares about, step by step.
void TestReplay::incident()
{
    const Analysis a = incidentAnalysis();
    const std::vector<ReplayStep> steps = destroyReplay(a, defaultRules());
    QCOMPARE(int(steps.size()), 38);
    QCOMPARE(steps.back().wave + 1, 7);
    auto step = [&](const char *address) {
        return stepOf(a, steps, address);
    };

    // The point of no return: the manual snapshot, step 10 of 38, in the very first wave.
    const int manual = step("module.database.aws_db_snapshot.manual_2026_01");
    QCOMPARE(manual, 10);
    QVERIFY(steps[9].pointOfNoReturn && steps[9].dataLoss);
    QCOMPARE(steps[9].wave, 0);
    QCOMPARE(steps[9].goneBefore, 9);
    QCOMPARE(steps[9].dataGoneBefore, 0);
    QCOMPARE(a.document().resources[size_t(a.pointOfNoReturn())].id,
        QStringLiteral("module.database.aws_db_snapshot.manual_2026_01"));
    std::vector<int> lossSteps;
    for (const ReplayStep &s : steps) {
        if (s.dataLoss)
            lossSteps.push_back(s.goneBefore + 1);
    }
    QCOMPARE(lossSteps, (std::vector<int> {10, 11, 18, 19}));

    // The database: after both snapshots, then its subnet group, its subnets, the VPC last.
    const int db = step("module.database.aws_db_instance.edu");
    QCOMPARE(db, 19);
    QVERIFY(step("module.database.aws_db_snapshot.pre_migration") < db);
    QVERIFY(manual < db);
    QVERIFY(step("aws_ecs_task_definition.edu_platform") < db); // it points at the database
    QVERIFY(db < step("module.database.aws_db_subnet_group.edu"));
    QVERIFY(db < step("aws_security_group.db"));
    for (const char *subnet : {"aws_subnet.private[0]", "aws_subnet.private[1]"})
        QVERIFY(step("module.database.aws_db_subnet_group.edu") < step(subnet));
    QCOMPARE(step("aws_vpc.main"), 38);
    QCOMPARE(steps[18].sentence(a.document()),
        QStringLiteral("Step 19 of 38: module.database.aws_db_instance.edu deleted — the "
                       "database; no final snapshot; its automated backups go with it; its 2 "
                       "snapshots are destroyed too"));
    QCOMPARE(steps[18].dataGoneBefore, 3); // both snapshots and the uploads bucket

    // ECS: the services before the cluster and their task definitions; the load balancer
    // after its listeners and before its subnets; NAT gateway before its address.
    for (const char *service : {"aws_ecs_service.edu_platform", "aws_ecs_service.new_site"}) {
        QVERIFY(step(service) < step("aws_ecs_cluster.main"));
        QCOMPARE(steps[size_t(step(service) - 1)].wave, 0);
    }
    QVERIFY(step("aws_ecs_service.edu_platform") < step("aws_ecs_task_definition.edu_platform"));
    QVERIFY(step("aws_ecs_service.new_site") < step("aws_ecs_task_definition.new_site"));
    for (const char *listener : {"aws_lb_listener.http", "aws_lb_listener.https"})
        QVERIFY(step(listener) < step("aws_lb.main"));
    QVERIFY(step("aws_lb.main") < step("aws_subnet.public[0]"));
    QVERIFY(step("aws_nat_gateway.main") < step("aws_eip.nat"));
    QVERIFY(step("aws_internet_gateway.main") < step("aws_vpc.main"));
    QVERIFY(step("aws_instance.bastion") < step("aws_security_group.bastion"));
}

void TestReplay::incidentMarkdownTimeline()
{
    const QString markdown = md(incidentAnalysis());
    const qsizetype section
        = markdown.indexOf(QLatin1String("\n## Destroy replay (38 steps in 7 waves)\n"));
    QVERIFY2(section > 0, qPrintable(markdown));
    QVERIFY(section > markdown.indexOf(QLatin1String("\n## Counts\n")));
    QVERIFY(!markdown.contains(QLatin1String("Cut to fit")));
    // Waves are the earliest rounds, not barriers Terraform observes.
    QVERIFY(markdown.contains(
        QLatin1String("A wave is the earliest round a resource can go in (Terraform runs up to 10 "
                      "operations at once, and may take a later one sooner on another branch)")));
    QVERIFY(markdown.contains(QLatin1String("the first step that loses data in this order")));
    QVERIFY(!markdown.contains(QLatin1String("one before it is gone")));
    const QString text
        = QString::fromUtf8(renderReport(incidentAnalysis(), defaultRules(), ReportFormat::Text));
    QVERIFY(text.contains(QLatin1String("In 7 waves. A wave is the earliest round a resource can "
                                        "go in (Terraform runs up to 10 operations at once")));
    QVERIFY(text.contains(QLatin1String("POINT OF NO RETURN: THE FIRST DATA LOST, IN THIS ORDER")));
    QVERIFY(!text.contains(QLatin1String("one before it is gone")));
    QVERIFY(markdown.contains(
        QStringLiteral("\n1. `aws_ecs_service.edu_platform` deleted (compute) · wave 1\n")));
    QVERIFY(markdown.contains(
        QStringLiteral("\n10. **⛔ point of no return: `module.database.aws_db_snapshot."
                       "manual_2026_01` deleted — a snapshot: the restore point it holds** · "
                       "**data loss** · wave 1\n")));
    QVERIFY(markdown.contains(
        QStringLiteral("\n19. `module.database.aws_db_instance.edu` deleted — the database; no "
                       "final snapshot; its automated backups go with it; its 2 snapshots are "
                       "destroyed too · **data loss** · wave 3\n")));
    QVERIFY(markdown.contains(QStringLiteral("\n38. `aws_vpc.main` deleted (network) · wave 7\n")));
    // Every step is there, numbered in order.
    for (int i = 1; i <= 38; ++i)
        QVERIFY2(
            markdown.contains(QStringLiteral("\n%1. ").arg(i)), qPrintable(QString::number(i)));
}

// A destroy of 3,000 resources does not fit: the section is cut, says so, and still shows the
// point of no return and the data-loss steps with their true numbers.
void TestReplay::longReplayIsCutButKeepsTheLoss()
{
    const QString path = m_generated.last().section(QLatin1Char('='), 1);
    const Analysis a = analyse(mustLoad(path), defaultRules());
    const std::vector<ReplayStep> steps = destroyReplay(a, defaultRules());
    QCOMPARE(int(steps.size()), 3000);
    const QString markdown = md(a);
    QVERIFY(markdown.toUtf8().size() <= MarkdownCommentLimit);
    QVERIFY(markdown.contains(QRegularExpression(
        QStringLiteral("Not shown: [^\\n]*[0-9,]+ of 3,000 destroy replay steps"))));
    const qsizetype start = markdown.indexOf(QLatin1String("\n## Destroy replay (3,000 steps"));
    QVERIFY(start > 0);
    const qsizetype end = markdown.indexOf(QLatin1String("\n## "), start + 4);
    const QString section = markdown.mid(start, end - start);
    QVERIFY(section.toUtf8().size() <= MarkdownCommentLimit * 15 / 100);
    QVERIFY(section.contains(QLatin1String(" cut to fit; ")));
    int shownLoss = 0, totalLoss = 0;
    for (const ReplayStep &s : steps) {
        totalLoss += int(s.dataLoss);
        const QString line = QStringLiteral("\n%1. ").arg(s.goneBefore + 1)
            + (s.pointOfNoReturn ? QStringLiteral("**⛔ point of no return: ") : QString())
            + QLatin1Char('`') + a.document().resources[size_t(s.node)].id + QLatin1Char('`');
        if (s.pointOfNoReturn)
            QVERIFY2(section.contains(line), qPrintable(line));
        shownLoss += int(s.dataLoss && section.contains(line));
    }
    QVERIFY(totalLoss > 0);
    qInfo("%d of %d data-loss steps shown", shownLoss, totalLoss);
    // Each cut run says how many of its steps lose data; together, exactly those not shown.
    int cutLoss = 0;
    const QRegularExpression lose(QStringLiteral("; ([0-9]+) of them lose data\\.\\*"));
    for (auto it = lose.globalMatch(section); it.hasNext();)
        cutLoss += it.next().captured(1).toInt();
    QCOMPARE(cutLoss, totalLoss - shownLoss);
}

void TestReplay::nothingDestroyedMeansNoReplay()
{
    for (const char *name : {"safe-updates", "missing-state"}) {
        const Analysis a = analyse(
            mustLoad(resource(QStringLiteral("scenarios/%1/plan.json").arg(QLatin1String(name)))),
            defaultRules());
        QVERIFY(destroyReplay(a, defaultRules()).empty());
        QCOMPARE(a.pointOfNoReturn(), -1);
        QVERIFY(!md(a).contains(QLatin1String("Destroy replay")));
    }
}

// A user's rules file (what --rules merges) gives the replay its words: a finding's "loss",
// "" for nothing, none for the first sentence of its message; and a data category's words.
void TestReplay::userRulesSayTheLoss_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QString>("loss");
    const QByteArray noFinalSnapshot
        = R"({"code":"aws-rds-no-final-snapshot","severity":"critical","types":["aws_db_instance"],
        "actions":["delete","replace"],"when":[{"attribute":"skip_final_snapshot","equals":true}],
        "message":"Skips the final snapshot of {address}. Nothing is kept."LOSS})";
    auto rules = [&](const char *loss, const char *categories = "") {
        return R"({"schema":"blastguard.rules/v1",)" + QByteArray(categories) + R"("findings":[)"
            + QByteArray(noFinalSnapshot).replace("LOSS", loss) + "]}";
    };
    const QString rest
        = QStringLiteral("its automated backups go with it; its 2 snapshots are destroyed too");
    QTest::newRow("finding words") << rules(R"(,"loss":"no last snapshot taken")")
                                   << "the database; no last snapshot taken; " + rest;
    QTest::newRow("finding adds nothing") << rules(R"(,"loss":"")") << "the database; " + rest;
    QTest::newRow("finding without words")
        << rules("")
        << "the database; Skips the final snapshot of module.database.aws_db_instance.edu; " + rest;
    QTest::newRow("category words") << rules(R"(,"loss":"no last snapshot taken")",
        R"("data_category_loss":{"database":"the ledger of record"},)")
                                    << "the ledger of record; no last snapshot taken; " + rest;
}

void TestReplay::userRulesSayTheLoss()
{
    QFETCH(QByteArray, rules);
    QFETCH(QString, loss);
    const Result<RuleSet> user
        = RuleSet::load(writeRules(m_dir, QStringLiteral("user.json"), rules));
    QVERIFY2(user, qPrintable(errorText(user)));
    RuleSet merged = defaultRules();
    merged.merge(*user);
    const Analysis a
        = analyse(mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), merged);
    const std::vector<ReplayStep> steps = destroyReplay(a, merged);
    const int db = stepOf(a, steps, "module.database.aws_db_instance.edu");
    QCOMPARE(steps[size_t(db - 1)].loss, loss);
    QCOMPARE(steps[size_t(db - 1)].sentence(a.document()),
        QStringLiteral("Step 19 of 38: module.database.aws_db_instance.edu deleted — ") + loss);
    // The reports tell the same step the same way.
    QVERIFY(QString::fromUtf8(renderReport(a, merged, ReportFormat::Json))
                .contains(QStringLiteral("deleted — ") + loss));
}

// The loss words are optional, but a wrong type is an error naming the file and the rule.
void TestReplay::lossOfTheWrongTypeIsAnError_data()
{
    QTest::addColumn<bool>("finding");
    QTest::addColumn<QByteArray>("wrong");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<QString>("error");
    const QString notString = QStringLiteral("\"findings[0].loss\" must be a string");
    QTest::newRow("finding: a number")
        << true << QByteArray("3") << QByteArray(R"("")") << notString;
    QTest::newRow("finding: null")
        << true << QByteArray("null") << QByteArray(R"("x")") << notString;
    QTest::newRow("finding: a list") << true << QByteArray(R"(["no final snapshot"])")
                                     << QByteArray(R"("no final snapshot")") << notString;
    const QString notWords
        = QStringLiteral("\"data_category_loss.database\" must be a non-empty string");
    QTest::newRow("category: a list")
        << false << QByteArray(R"(["the database"])") << QByteArray(R"({"database":"x"})")
        << QStringLiteral("\"data_category_loss\" must be an object");
    QTest::newRow("category: a number") << false << QByteArray(R"({"database":1})")
                                        << QByteArray(R"({"database":"x"})") << notWords;
    QTest::newRow("category: empty")
        << false << QByteArray(R"({"snapshot":"a snapshot","database":""})")
        << QByteArray(R"({"snapshot":"a snapshot","database":"x"})") << notWords;
}

void TestReplay::lossOfTheWrongTypeIsAnError()
{
    QFETCH(bool, finding);
    QFETCH(QByteArray, wrong);
    QFETCH(QByteArray, right);
    QFETCH(QString, error);
    const QString path
        = writeRules(m_dir, QStringLiteral("wrong-loss.json"), rulesWithLoss(finding, wrong));
    const Result<RuleSet> wrongRules = RuleSet::load(path);
    QVERIFY(!wrongRules);
    const Error &e = wrongRules.error();
    QCOMPARE(e.path, path);
    QCOMPARE(e.message, error);
    QVERIFY2(e.line > 0 && e.column > 0, qPrintable(e.toString()));
    QVERIFY2(e.toString().contains(path), qPrintable(e.toString()));

    const QString fixed
        = writeRules(m_dir, QStringLiteral("right-loss.json"), rulesWithLoss(finding, right));
    const Result<RuleSet> rightRules = RuleSet::load(fixed);
    QVERIFY2(rightRules, qPrintable(errorText(rightRules)));
}

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
