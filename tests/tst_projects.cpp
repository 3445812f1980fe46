// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Projects inside one state: which tag names a resource's project, the critical finding and the
// headline when a destroy hits two or more projects, what the reports and the gate say, and the
// policy member that lists the tags (additions may only add to it).
#include "core/gate/policy.h"
#include "core/loading/jsonpositions_p.h"
#include "core/report/report.h"
#include "core/risk/maskingrules.h"
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
    void twoProjectsAreCritical();
    void reportsAndGateSayIt();
    void oneProjectRaisesNothing();
    void appliedTwiceOrWithoutTags();
    void stateValues();
    void additionAddsTags_data();
    void additionAddsTags();
    void additionRefused_data();
    void additionRefused();
    void sentence_data();
    void sentence();
    void tagsAsTheWholeObjectHasThem_data();
    void tagsAsTheWholeObjectHasThem();
    void sensitiveMarks_data();
    void sensitiveMarks();
    void secretTagNamesNameNoProject();
    void objectMembersWalk();
};

namespace {

const QString Headline = QStringLiteral(
    "This destroy hits 2 projects: courses (4 resources) and shipping-labs (2). Deletes or "
    "replaces 9 resources; no data store among them.");

QStringList shippedTagsPlus(const QString &tag)
{
    return shippedPolicy().projectTags + QStringList {tag};
}

int nodeOf(const Analysis &a, const QString &address)
{
    const std::vector<int> nodes = a.graph().match(address);
    return nodes.size() == 1 ? nodes.front() : -1;
}

Analysis projectsPlan(const Policy &policy)
{
    Analysis a = analyse(mustLoad(fixture(QStringLiteral("plan-projects.json"))), defaultRules());
    applyPolicy(a, policy);
    return a;
}

QStringList boundaryFindings(const Analysis &a)
{
    QStringList out;
    for (const Finding &f : a.findings) {
        if (f.code == QLatin1String(Policy::ProjectCode))
            out.append(f.address);
    }
    return out;
}

// A raw v4 state: a database owned by Application edu, the VPC it shares tagged Project edu,
// and a new site's instance written with attributes_flat, as old Terraform wrote them.
const QByteArray SharedVpcState = R"({
  "version": 4, "terraform_version": "1.5.7", "serial": 12, "lineage": "6f0e1c2a-7b3d-4e5f-9a8b-1c2d3e4f5a6b",
  "outputs": {},
  "resources": [
    {"mode": "managed", "type": "aws_db_instance", "name": "edu",
     "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 2, "sensitive_attributes": [], "dependencies": ["aws_vpc.shared"],
       "attributes": {"id": "db-EDU", "identifier": "edu", "skip_final_snapshot": false,
         "final_snapshot_identifier": "edu-final", "deletion_protection": false,
         "tags": {"Application": "edu"}, "tags_all": {"Application": "edu"}}}]},
    {"mode": "managed", "type": "aws_instance", "name": "site",
     "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 1, "dependencies": ["aws_vpc.shared"],
       "attributes_flat": {"id": "i-0123456789abcdef0", "tags.%": "1", "tags.Project": "newsite"}}]},
    {"mode": "managed", "type": "aws_vpc", "name": "shared",
     "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 1, "sensitive_attributes": [],
       "attributes": {"id": "vpc-0f3a9c2b7d1e4a5b6", "cidr_block": "10.20.0.0/16",
         "tags": {"Project": "edu"}, "tags_all": {"Project": "edu"}}}]}
  ]
})";

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

void TestProjects::twoProjectsAreCritical()
{
    const Analysis a = projectsPlan(shippedPolicy());
    const int web = nodeOf(a, QStringLiteral("aws_ecs_service.web"));
    const int labels = nodeOf(a, QStringLiteral("aws_ecs_service.labels"));
    QVERIFY(web >= 0 && labels >= 0);
    // The untagged, the CostCenter-only and the sensitive resources count for no project; the
    // updated topic and the created service are not destroyed.
    const std::vector<ProjectHit> expected {
        {QStringLiteral("courses"), QStringLiteral("Project"), 4, web},
        {QStringLiteral("shipping-labs"), QStringLiteral("Project"), 2, labels}};
    QCOMPARE(a.projectsHit, expected);
    // One finding per project on its first destroyed node, in the order applyPolicy sorts them.
    QCOMPARE(a.findings.size(), size_t(2));
    QCOMPARE(a.criticalCount(), 2);
    const Finding &first = a.findings[0];
    QCOMPARE(first.severity, Severity::Critical);
    QCOMPARE(first.code, QStringLiteral("project-boundary"));
    QCOMPARE(first.node, labels);
    QCOMPARE(first.message.text(),
        QStringLiteral("This destroy hits 2 projects: courses (4 resources) and shipping-labs (2); "
                       "aws_ecs_service.labels is the first of the 2 of project shipping-labs "
                       "(tag Project)."));
    QCOMPARE(a.findings[1].node, web);
    QCOMPARE(a.findings[1].message.text(),
        QStringLiteral("This destroy hits 2 projects: courses (4 resources) and shipping-labs (2); "
                       "aws_ecs_service.web is the first of the 4 of project courses (tag "
                       "Project)."));
    QCOMPARE(a.headline(defaultRules()), Headline);
    // A boundary needs an approval and loses no data.
    QCOMPARE(a.verdict(), QStringLiteral("NEEDS APPROVAL"));
    QCOMPARE(a.pointOfNoReturn(), -1);
    // Each needs its own acknowledgement in an approval.
    QCOMPARE(int(shippedApproval(a).acknowledged.size()), 2);
}

void TestProjects::reportsAndGateSayIt()
{
    const Analysis a = projectsPlan(shippedPolicy());
    const QJsonObject report
        = QJsonDocument::fromJson(renderReport(a, defaultRules(), ReportFormat::Json)).object();
    QCOMPARE(report.value(QStringLiteral("headline")).toString(), Headline);
    const QJsonObject summary = report.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("critical")).toInt(), 2);
    QCOMPARE(summary.value(QStringLiteral("projects")).toArray(),
        (QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("courses")},
                         {QStringLiteral("tag"), QStringLiteral("Project")},
                         {QStringLiteral("resources"), 4}},
            QJsonObject {{QStringLiteral("name"), QStringLiteral("shipping-labs")},
                {QStringLiteral("tag"), QStringLiteral("Project")},
                {QStringLiteral("resources"), 2}}}));
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json}) {
        const QString text = QString::fromUtf8(renderReport(a, defaultRules(), format));
        QVERIFY2(text.contains(Headline.left(60)), qPrintable(text.left(400)));
        // The sensitive queue's project is never shown.
        QVERIFY(!text.contains(QLatin1String("hush-7f3a")));
    }
    // The gate, as CI runs it: blocked, its summary starting with the headline.
    const Run gate = cli({QStringLiteral("gate"), fixture(QStringLiteral("plan-projects.json"))});
    QCOMPARE(gate.code, 3);
    QVERIFY2(gate.out.contains(QStringLiteral("NEEDS APPROVAL: ") + Headline + QLatin1Char('\n')),
        qPrintable(gate.out));
    QVERIFY2(gate.out.contains(QLatin1String("Critical findings (2)")), qPrintable(gate.out));
    QVERIFY(!gate.out.contains(QLatin1String("hush-7f3a")));
}

void TestProjects::oneProjectRaisesNothing()
{
    // The incident destroys 38 resources, all of project edu (or untagged).
    const Analysis plain = analyse(
        mustLoad(resource(QStringLiteral("scenarios/incident/plan.json"))), defaultRules());
    Analysis a = plain;
    applyPolicy(a, shippedPolicy());
    QVERIFY(a.projectsHit.empty());
    QCOMPARE(boundaryFindings(a), QStringList());
    QCOMPARE(a.headline(defaultRules()), plain.headline(defaultRules()));
    QVERIFY(!a.headline(defaultRules()).startsWith(QLatin1String("This destroy hits")));
    // So is a destroy of one project in a plan that holds two: the courses resources alone.
    Analysis courses = analyseWhatIf(mustLoad(fixture(QStringLiteral("plan-projects.json"))),
        defaultRules(), {QStringLiteral("aws_lb.web"), QStringLiteral("aws_ecs_service.web")});
    applyPolicy(courses, shippedPolicy());
    QVERIFY(courses.projectsHit.empty());
    QCOMPARE(boundaryFindings(courses), QStringList());
}

void TestProjects::appliedTwiceOrWithoutTags()
{
    Analysis a = projectsPlan(shippedPolicy());
    applyPolicy(a, shippedPolicy()); // never twice
    QCOMPARE(boundaryFindings(a),
        (QStringList {
            QStringLiteral("aws_ecs_service.labels"), QStringLiteral("aws_ecs_service.web")}));
    applyPolicy(a, Policy()); // a policy without project tags
    QVERIFY(a.projectsHit.empty());
    QCOMPARE(boundaryFindings(a), QStringList());
    QVERIFY(!a.headline(defaultRules()).startsWith(QLatin1String("This destroy hits")));
}

void TestProjects::stateValues()
{
    const Result<Document> doc
        = loadDocumentFromBytes(SharedVpcState, QStringLiteral("vpc.tfstate"));
    QVERIFY2(doc, qPrintable(errorText(doc)));
    Analysis full = analyseWhatIf(*doc, defaultRules(), {});
    applyPolicy(full, shippedPolicy());
    const std::vector<ProjectHit> expected {
        {QStringLiteral("edu"), QStringLiteral("Application"), 2,
            nodeOf(full, QStringLiteral("aws_db_instance.edu"))},
        {QStringLiteral("newsite"), QStringLiteral("Project"), 1,
            nodeOf(full, QStringLiteral("aws_instance.site"))}};
    QCOMPARE(full.projectsHit, expected);
    QVERIFY2(full.headline(defaultRules())
                 .startsWith(QLatin1String(
                     "This destroy hits 2 projects: edu (2 resources) and newsite (1). Would "
                     "delete 1 database")),
        qPrintable(full.headline(defaultRules())));
    QVERIFY(std::any_of(full.findings.begin(), full.findings.end(), [](const Finding &f) {
        return f.code == QLatin1String("project-boundary")
            && f.message.text().endsWith(QLatin1String(
                "aws_instance.site is the only resource of project newsite (tag Project)."));
    }));
    // Destroying the site alone hits one project.
    Analysis site = analyseWhatIf(*doc, defaultRules(), {QStringLiteral("aws_instance.site")});
    applyPolicy(site, shippedPolicy());
    QVERIFY(site.projectsHit.empty());
}

// An addition's tags come after the ones in force, listed alone or after all of them.
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
    const Analysis a = projectsPlan(*policy);
    QCOMPARE(int(a.projectsHit.size()), 3);
    QCOMPARE(a.projectsHit[2].name, QStringLiteral("cc-1234"));
    QCOMPARE(a.projectsHit[2].tag, QStringLiteral("CostCenter"));
    QCOMPARE(a.projectsHit[2].count, 1);
    QCOMPARE(boundaryFindings(a),
        (QStringList {QStringLiteral("aws_cloudwatch_log_group.web"),
            QStringLiteral("aws_ecs_service.labels"), QStringLiteral("aws_ecs_service.web")}));
    QVERIFY(a.headline(defaultRules())
                .startsWith(QLatin1String("This destroy hits 3 projects: courses (4 resources), "
                                          "shipping-labs (2) and cc-1234 (1). Deletes")));
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

// A plan that deletes one queue whose object was `before`; `more` adds members to its change.
namespace {

QByteArray queueDeleted(const QByteArray &before, const QByteArray &more = {})
{
    return R"({"format_version":"1.2","terraform_version":"1.9.0",)"
           R"("resource_changes":[{"address":"aws_sqs_queue.q","mode":"managed",)"
           R"("type":"aws_sqs_queue","name":"q","provider_name":"aws",)"
           R"("change":{"actions":["delete"],"before":)"
        + before + R"(,"after":null)" + (more.isEmpty() ? QByteArray() : ',' + more) + "}}]}";
}

} // namespace

// A tag Terraform marked sensitive (the tag, or the whole map, on either side) names no
// project, however the mark is spelt; a mark on another tag or attribute leaves it.
void TestProjects::sensitiveMarks_data()
{
    QTest::addColumn<QByteArray>("beforeSensitive");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QByteArray("{}") << "Project=a";
    QTest::newRow("false") << QByteArray("false") << "Project=a";
    QTest::newRow("the tag") << QByteArray(R"({"tags":{"Project":true}})") << QString();
    QTest::newRow("the whole map") << QByteArray(R"({"tags":true})") << QString();
    QTest::newRow("the map spelt with an escape")
        << QByteArray(R"({"t\u0061gs":{"Project":true}})") << QString();
    QTest::newRow("the tag spelt with an escape")
        << QByteArray(R"({"tags":{"Pr\u006fject":true}})") << QString();
    QTest::newRow("another tag") << QByteArray(R"({"tags":{"Owner":true}})") << "Project=a";
    QTest::newRow("another attribute") << QByteArray(R"({"name":true})") << "Project=a";
}

void TestProjects::sensitiveMarks()
{
    QFETCH(QByteArray, beforeSensitive);
    QFETCH(QString, expected);
    const Result<Document> doc = loadDocumentFromBytes(
        queueDeleted(R"({"id":"x","tags":{"Project":"a"}})",
            R"("before_sensitive":)" + beforeSensitive + R"(,"after_sensitive":false)"),
        QStringLiteral("marks.json"));
    QVERIFY2(doc, qPrintable(errorText(doc)));
    const std::optional<ProjectTag> project
        = bg::core::projectOf(*doc, doc->resources.front(), shippedPolicy().projectTags);
    QCOMPARE(project ? project->tag + QLatin1Char('=') + project->name : QString(), expected);
}

// A tag whose name looks like a secret's (the masking rules', asked only once a value of it is
// met) never names a project, though the policy lists it first; the next tag does.
void TestProjects::secretTagNamesNameNoProject()
{
    const QStringList tags {QStringLiteral("api_key"), QStringLiteral("Project")};
    QVERIFY(MaskingRules::shipped().isSecretName(tags.front()));
    const Result<Document> doc
        = loadDocumentFromBytes(queueDeleted(R"({"id":"x","tags":{"api_key":"k-1","Project":"a"}})",
                                    R"("before_sensitive":{},"after_sensitive":false)"),
            QStringLiteral("secret-tag.json"));
    QVERIFY2(doc, qPrintable(errorText(doc)));
    const std::optional<ProjectTag> project
        = bg::core::projectOf(*doc, doc->resources.front(), tags);
    QCOMPARE(project ? project->tag + QLatin1Char('=') + project->name : QString(), "Project=a");
    const std::optional<ProjectTag> alone
        = bg::core::projectOf(*doc, doc->resources.front(), tags.first(1));
    QVERIFY(!alone);
}

void TestProjects::tagsAsTheWholeObjectHasThem_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tags") << QByteArray(R"({"id":"x","tags":{"Project":"a"}})") << "Project=a";
    QTest::newRow("tags named twice: the last, as QJsonDocument reads it")
        << QByteArray(R"({"tags":{"Project":"a"},"id":"x","tags":{"Project":"b"}})") << "Project=b";
    QTest::newRow("a tag named twice in the map")
        << QByteArray(R"({"tags":{"Project":"a","Project":"b"}})") << "Project=b";
    QTest::newRow("tags_all first")
        << QByteArray(R"({"tags":{"Project":"d"},"tags_all":{"Project":"c"}})") << "Project=c";
    QTest::newRow("tags spelt with an escape")
        << QByteArray(R"({"t\u0061gs":{"Project":"e"}})") << "Project=e";
    QTest::newRow("the tag spelt with an escape")
        << QByteArray(R"({"tags":{"Pr\u006fject":"f"}})") << "Project=f";
    QTest::newRow("no tags") << QByteArray(R"({"id":"x","name":"tags"})") << QString();
    QTest::newRow("tags named only in a value")
        << QByteArray(R"({"id":"x","description":"tags: {\"Project\": \"z\"}"})") << QString();
    QTest::newRow("tags of no project's name")
        << QByteArray(R"({"id":"x","tags":{"Name":"web-1","env":"prod"}})") << QString();
    QTest::newRow("a project's name only as a tag's value")
        << QByteArray(R"({"id":"x","tags":{"Name":"Project"}})") << QString();
    QTest::newRow("the fifth name")
        << QByteArray(R"({"id":"x","tags":{"Name":"n","Owner":"o"}})") << "Owner=o";
    QTest::newRow("no member at all") << QByteArray("{}") << QString();
    QTest::newRow("null") << QByteArray("null") << QString();
    const QByteArray deep = QByteArray(400, '[') + QByteArray(400, ']');
    QTest::newRow("400 levels beside it")
        << QByteArray(R"({"deep":)" + deep + R"(,"tags":{"Project":"g"}})") << "Project=g";
    // Past MaxValueDepth the plan is refused: Qt's reader gives up on the whole at 1,024.
    const QByteArray deeper = QByteArray(1100, '[') + QByteArray(1100, ']');
    QTest::newRow("1,100 levels beside it: refused")
        << QByteArray(R"({"deeper":)" + deeper + R"(,"tags":{"Project":"h"}})") << "refused";
}

// projectOf reads tags_all and tags a member at a time (SlotMembers): what the whole object,
// as the details and the findings decode it, has under those names.
void TestProjects::tagsAsTheWholeObjectHasThem()
{
    QFETCH(QByteArray, before);
    QFETCH(QString, expected);
    const Result<Document> doc
        = loadDocumentFromBytes(queueDeleted(before), QStringLiteral("tags.json"));
    if (expected == QLatin1String("refused")) {
        QVERIFY(!doc);
        QVERIFY2(doc.error().message.contains(QStringLiteral("nested more than")),
            qPrintable(errorText(doc)));
        return;
    }
    QVERIFY2(doc, qPrintable(errorText(doc)));
    const std::optional<ProjectTag> project
        = bg::core::projectOf(*doc, doc->resources.front(), shippedPolicy().projectTags);
    QCOMPARE(project ? project->tag + QLatin1Char('=') + project->name : QString(), expected);
}

// The walk over an object's members: each name as written and its value's range, stepping over
// strings whose quotes are escaped; no walk where a name has an escape, or past the depth asked.
void TestProjects::objectMembersWalk()
{
    const QByteArray escapes = R"({"k": "v\\", "tags": "t\"\\\"", "n" : [1, {"}": "]"}], "x":7 })";
    const auto members = detail::jsonObjectMembers(escapes, 10);
    QVERIFY(members);
    QCOMPARE(members->size(), size_t(4));
    const auto text = [&](size_t i) {
        const ByteRange r = (*members)[i].value;
        return escapes.mid(r.begin, r.end - r.begin);
    };
    QCOMPARE((*members)[1].name, QByteArrayView("tags"));
    QCOMPARE(text(1), QByteArray(R"("t\"\\\"")"));
    QCOMPARE(text(2), QByteArray(R"([1, {"}": "]"}])"));
    QCOMPARE(text(3), QByteArray("7"));
    QVERIFY(!detail::jsonObjectMembers(escapes, 2)); // the list nests two deep
    QVERIFY(!detail::jsonObjectMembers(R"({"k\"": 1})", 10));
    QVERIFY(!detail::jsonObjectMembers(R"(["tags", 1])", 10));
    QVERIFY(detail::jsonObjectMembers(R"(  { }  )", 10)->empty());
}

QTEST_GUILESS_MAIN(TestProjects)
#include "tst_projects.moc"
