// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Projects inside one state: which tag names a resource's project, which projects a destroy
// hits, and the policy member that lists the tags (additions may only add to it).
#include "core/gate/policy.h"
#include "core/report/report.h"
#include "core/risk/projects.h"
#include "gatetestutils.h"
#include "testutils.h"

using namespace bg::core;
using namespace bg::tests;

class TestProjects : public QObject {
    Q_OBJECT

private slots:
    void shippedTags();
    void projectOf_data();
    void projectOf();
    void additionAddsTags_data();
    void additionAddsTags();
    void additionRefused_data();
    void additionRefused();
    void sentence_data();
    void sentence();
};

namespace {

QStringList shippedTagsPlus(const QString &tag)
{
    return shippedPolicy().projectTags + QStringList {tag};
}

} // namespace

void TestProjects::shippedTags()
{
    QCOMPARE(shippedPolicy().projectTags,
        (QStringList {QStringLiteral("Project"), QStringLiteral("Application"),
            QStringLiteral("Service"), QStringLiteral("Team"), QStringLiteral("Owner")}));
    QCOMPARE(Policy().projectTags, QStringList()); // only the file names them
    Policy p;
    p.criticalCodes = {QString::fromLatin1(Policy::ProjectCode)};
    QCOMPARE(p.unknownCodes(defaultRules()), QStringList());
}

// Each row: an address of plan-projects.json, the tags, and the project (tag=name), or empty.
void TestProjects::projectOf_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QString>("expected");
    const QStringList tags = shippedPolicy().projectTags;
    QTest::newRow("tags_all") << "aws_ecs_service.web" << tags << "Project=courses";
    QTest::newRow("tags only, no tags_all") << "aws_lb.web" << tags << "Project=courses";
    QTest::newRow("a replace: its before")
        << "aws_ecs_service.labels" << tags << "Project=shipping-labs";
    // Team comes before Owner; a lower-case "project" is another key.
    QTest::newRow("Team, not Project")
        << "aws_iam_role.labels_task" << tags << "Team=shipping-labs";
    QTest::newRow("no tags at all") << "aws_iam_role_policy_attachment.labels_task" << tags << "";
    QTest::newRow("none of the tags") << "aws_cloudwatch_log_group.web" << tags << "";
    QTest::newRow("an added tag") << "aws_cloudwatch_log_group.web"
                                  << shippedTagsPlus(QStringLiteral("CostCenter"))
                                  << "CostCenter=cc-1234";
    QTest::newRow("an added tag comes last")
        << "aws_iam_role.labels_task"
        << QStringList {QStringLiteral("Owner"), QStringLiteral("Team")} << "Owner=alice";
    QTest::newRow("created: no values before") << "aws_ecs_service.newsite" << tags << "";
    QTest::newRow("updated: its before") << "aws_sns_topic.alerts" << tags << "Project=billing";
    QTest::newRow("marked sensitive") << "aws_sqs_queue.jobs" << tags << "";
    QTest::newRow("no tags in the policy") << "aws_ecs_service.web" << QStringList() << "";
}

void TestProjects::projectOf()
{
    QFETCH(QString, address);
    QFETCH(QStringList, tags);
    QFETCH(QString, expected);
    const Document doc = mustLoad(fixture(QStringLiteral("plan-projects.json")));
    const auto r = std::find_if(doc.resources.begin(), doc.resources.end(),
        [&](const Resource &x) { return x.id == address; });
    QVERIFY(r != doc.resources.end());
    const std::optional<ProjectTag> project = bg::core::projectOf(doc, *r, tags);
    QCOMPARE(project ? project->tag + QLatin1Char('=') + project->name : QString(), expected);
}

void TestProjects::additionAddsTags_data()
{
    QTest::addColumn<QByteArray>("tags");
    QTest::newRow("the new tag alone") << QByteArray(R"(["CostCenter"])");
    QTest::newRow("after every tag in force")
        << QByteArray(R"(["Project", "Application", "Service", "Team", "Owner", "CostCenter"])");
}

void TestProjects::additionAddsTags()
{
    QFETCH(QByteArray, tags);
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("costcenter.json"),
        R"({"schema": "blastguard.policy/v1", "projects": {"tags": )" + tags + "}}");
    const Result<Policy> policy = Policy::loadDefaultAnd(path);
    QVERIFY2(policy, qPrintable(errorText(policy)));
    QCOMPARE(policy->projectTags, shippedTagsPlus(QStringLiteral("CostCenter")));
    // The log group, tagged only CostCenter, is now a project of its own.
    const Analysis a
        = analyse(mustLoad(fixture(QStringLiteral("plan-projects.json"))), defaultRules());
    const std::vector<ProjectHit> hits
        = projectsDestroyed(a.document(), a.impact, policy->projectTags);
    QCOMPARE(int(hits.size()), 3);
    QCOMPARE(hits[2].name, QStringLiteral("cc-1234"));
    QCOMPARE(hits[2].tag, QStringLiteral("CostCenter"));
    QCOMPARE(hits[2].count, 1);
    QCOMPARE(projectsSentence(hits),
        QStringLiteral("This destroy hits 3 projects: courses (4 resources), shipping-labs (2) and "
                       "cc-1234 (1)"));
    // Under the shipped tags: courses (4) and shipping-labs (2). The untagged, the
    // CostCenter-only and the sensitive resources count for no project; the updated topic and
    // the created service are not destroyed.
    const std::vector<ProjectHit> shipped
        = projectsDestroyed(a.document(), a.impact, shippedPolicy().projectTags);
    QCOMPARE(int(shipped.size()), 2);
    QCOMPARE(shipped[0].name + QString::number(shipped[0].count), QStringLiteral("courses4"));
    QCOMPARE(a.document().resources[size_t(shipped[0].firstNode)].id,
        QStringLiteral("aws_ecs_service.web"));
    QCOMPARE(shipped[1].name + QString::number(shipped[1].count), QStringLiteral("shipping-labs2"));
}

// Each row: the tags an addition gives, what the error points at (line 2) and part of it.
void TestProjects::additionRefused_data()
{
    QTest::addColumn<QByteArray>("tags");
    QTest::addColumn<QByteArray>("at");
    QTest::addColumn<QString>("why");
    const QByteArray key = "\"tags\"";
    QTest::newRow("empty") << QByteArray("[]") << key
                           << "a policy file can only make the shipped policy stricter: "
                              "\"projects.tags\" is empty, which would clear it";
    QTest::newRow("drops shipped tags")
        << QByteArray(R"(["Project", "Team", "CostCenter"])") << key
        << "it groups resources by the tags Project, Application, Service, Team, Owner, in that "
           "order, and \"projects.tags\" leaves out Application, Service, Owner";
    QTest::newRow("another order")
        << QByteArray(R"(["Owner", "Project", "Application", "Service", "Team"])") << key
        << "\"projects.tags\" puts them in another order or a new tag first";
    QTest::newRow("a new tag first")
        << QByteArray(R"(["CostCenter", "Project", "Application", "Service", "Team", "Owner"])")
        << key << "puts them in another order or a new tag first";
    QTest::newRow("twice") << QByteArray(R"(["CostCenter", "CostCenter"])")
                           << QByteArray("\"CostCenter\"]")
                           << "\"projects.tags[1]\" must be unique: \"CostCenter\" is also in "
                              "\"projects.tags[0]\"";
    QTest::newRow("an empty tag") << QByteArray(R"(["CostCenter", ""])") << QByteArray("\"\"]")
                                  << "\"projects.tags[1]\" must be a non-empty string";
    QTest::newRow("not a list") << QByteArray(R"("CostCenter")") << key
                                << "\"projects.tags\" must be a list of strings";
    QTest::newRow("a typo") << QByteArray(R"(["CostCenter"], "tag": [])") << QByteArray("\"tag\"")
                            << "unknown member \"tag\" in \"projects\" (known here: tags)";
}

void TestProjects::additionRefused()
{
    QFETCH(QByteArray, tags);
    QFETCH(QByteArray, at);
    QFETCH(QString, why);
    QTemporaryDir dir;
    const QByteArray bytes
        = "{\"schema\": \"blastguard.policy/v1\",\n  \"projects\": {\"tags\": " + tags + "}}";
    const QString path = writeBytes(dir, QStringLiteral("lenient.json"), bytes);
    const Result<Policy> policy = Policy::loadDefaultAnd(path);
    QVERIFY(!policy);
    QCOMPARE(policy.error().path, path);
    QCOMPARE(policy.error().line, 2);
    QCOMPARE(pointedAt(bytes, policy.error(), at.size()), at);
    QVERIFY2(policy.error().message.contains(why), qPrintable(policy.error().message));
}

void TestProjects::sentence_data()
{
    QTest::addColumn<QList<int>>("counts"); // project i is "p<i>", with counts[i] resources
    QTest::addColumn<QString>("expected");
    QTest::newRow("one project") << QList<int> {5} << "";
    QTest::newRow("two") << QList<int> {4, 2}
                         << "This destroy hits 2 projects: p0 (4 resources) and p1 (2)";
    QTest::newRow("one resource first")
        << QList<int> {1, 1} << "This destroy hits 2 projects: p0 (1 resource) and p1 (1)";
    QTest::newRow("four")
        << QList<int> {3, 2, 1, 1}
        << "This destroy hits 4 projects: p0 (3 resources), p1 (2), p2 (1) and p3 "
           "(1)";
    QTest::newRow("six: four named") << QList<int> {9, 8, 7, 6, 5,
        4} << "This destroy hits 6 projects: p0 (9 resources), p1 (8), p2 (7), p3 (6) and 2 more";
}

void TestProjects::sentence()
{
    QFETCH(QList<int>, counts);
    QFETCH(QString, expected);
    std::vector<ProjectHit> hits;
    for (int i = 0; i < counts.size(); ++i)
        hits.push_back({QStringLiteral("p%1").arg(i), QStringLiteral("Project"), counts[i], i});
    QCOMPARE(projectsSentence(hits), expected);
}

QTEST_GUILESS_MAIN(TestProjects)
#include "tst_projects.moc"
