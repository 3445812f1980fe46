// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled scenarios: every one loads, tells its lesson and replays its destroy in an order
// that respects every dependency; the known ones pin their findings, warnings and counts.
// Scenarios added later (or written independently) get the generic checks only.
#include "core/review/replay.h"
#include "core/review/scenarios.h"
#include "core/review/statediff.h"
#include "testutils.h"

#include <QDirIterator>
#include <QProcess>
#include <functional>
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

// Every string leaf of `value`, with its path: a.b[0].c.
void stringLeaves(const QJsonValue &value, const QString &path,
    const std::function<void(const QString &, const QString &)> &visit)
{
    if (value.isString()) {
        visit(path, value.toString());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            stringLeaves(array[i], path + QStringLiteral("[%1]").arg(i), visit);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            stringLeaves(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key(), visit);
    }
}

// A raw state's instances by address, each with its attributes and dependencies.
struct RawInstance {
    QJsonObject attributes;
    QJsonArray dependencies;
    bool managed = true;
};

std::map<QString, RawInstance> rawInstances(const QString &file)
{
    std::map<QString, RawInstance> out;
    const QJsonObject root = QJsonDocument::fromJson(readAll(file)).object();
    for (const QJsonValue &r : root.value(QStringLiteral("resources")).toArray()) {
        const QJsonObject resource = r.toObject();
        const bool managed
            = resource.value(QStringLiteral("mode")).toString() == QLatin1String("managed");
        const QString base = (managed ? QString() : QStringLiteral("data."))
            + resource.value(QStringLiteral("type")).toString() + u'.'
            + resource.value(QStringLiteral("name")).toString();
        for (const QJsonValue &i : resource.value(QStringLiteral("instances")).toArray()) {
            const QJsonObject instance = i.toObject();
            const QJsonValue key = instance.value(QStringLiteral("index_key"));
            const QString address
                = key.isUndefined() ? base : base + QStringLiteral("[%1]").arg(key.toInt());
            out[address] = {instance.value(QStringLiteral("attributes")).toObject(),
                instance.value(QStringLiteral("dependencies")).toArray(), managed};
        }
    }
    return out;
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

    // shared-vpc: the destroy plan of a network stack, and an estate of both stacks' raw states.
    // The data is what the estate's linking is tried on, so it is pinned here: the plan is the
    // network state's content, the platform reads the network's outputs through
    // terraform_remote_state, and its attribute values name exactly these network resources by
    // ID; the two stacks also share generic values (region, CIDR, zone, account, tags) that
    // must never link them.
    void sharedVpcEstate()
    {
        const Scenario s = scenario(QStringLiteral("shared-vpc"));
        const QString stacks = resource(QStringLiteral("scenarios/shared-vpc/stacks"));
        QCOMPARE(QFileInfo(s.estate).canonicalFilePath(), QFileInfo(stacks).canonicalFilePath());
        for (const Scenario &other : scenarios())
            QCOMPARE(other.estate.isEmpty(), other.name != QLatin1String("shared-vpc"));
        const QString network = stacks + QStringLiteral("/network/terraform.tfstate");
        const QString platform = stacks + QStringLiteral("/platform/terraform.tfstate");
        QStringList found;
        for (QDirIterator it(s.estate, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
            found.append(QDir(s.estate).relativeFilePath(it.next()));
        found.sort();
        QCOMPARE(found,
            QStringList({QStringLiteral("network/terraform.tfstate"),
                QStringLiteral("platform/terraform.tfstate")}));
        const Document networkState = mustLoad(network);
        const Document platformState = mustLoad(platform);
        for (const Document *d : {&networkState, &platformState})
            QVERIFY2(d->notes.isEmpty(), qPrintable(d->notes.join(u'\n')));
        QVERIFY(!networkState.lineage.isEmpty() && !platformState.lineage.isEmpty());
        QVERIFY(networkState.lineage != platformState.lineage);

        // The plan's prior state is the network state, object for object.
        const QJsonObject plan = QJsonDocument::fromJson(readAll(s.files.constFirst())).object();
        const QJsonObject prior = plan.value(QStringLiteral("prior_state"))
                                      .toObject()
                                      .value(QStringLiteral("values"))
                                      .toObject();
        const std::map<QString, RawInstance> net = rawInstances(network);
        QStringList priorAddresses;
        for (const QJsonValue &r : prior.value(QStringLiteral("root_module"))
                                       .toObject()
                                       .value(QStringLiteral("resources"))
                                       .toArray()) {
            const QJsonObject resource = r.toObject();
            const QString address = resource.value(QStringLiteral("address")).toString();
            priorAddresses.append(address);
            QVERIFY2(net.count(address), qPrintable(address));
            QCOMPARE(
                resource.value(QStringLiteral("values")).toObject(), net.at(address).attributes);
            QCOMPARE(resource.value(QStringLiteral("depends_on")).toArray(),
                net.at(address).dependencies);
        }
        QCOMPARE(priorAddresses.size(), qsizetype(net.size()));
        const QJsonObject netRoot = QJsonDocument::fromJson(readAll(network)).object();
        const QJsonObject netOutputs = netRoot.value(QStringLiteral("outputs")).toObject();
        QJsonObject outputValues;
        for (auto it = netOutputs.begin(); it != netOutputs.end(); ++it) {
            outputValues.insert(it.key(), it.value().toObject().value(QStringLiteral("value")));
            QCOMPARE(prior.value(QStringLiteral("outputs"))
                         .toObject()
                         .value(it.key())
                         .toObject()
                         .value(QStringLiteral("value")),
                it.value().toObject().value(QStringLiteral("value")));
        }
        QCOMPARE(outputValues.keys(),
            QStringList(
                {QStringLiteral("db_security_group_id"), QStringLiteral("private_subnet_ids"),
                    QStringLiteral("public_subnet_ids"), QStringLiteral("vpc_id")}));

        // The platform's terraform_remote_state recorded every one of the network's outputs.
        const std::map<QString, RawInstance> plat = rawInstances(platform);
        const QString remote = QStringLiteral("data.terraform_remote_state.network");
        QVERIFY(plat.count(remote));
        const QJsonObject remoteState = plat.at(remote).attributes;
        QCOMPARE(remoteState.value(QStringLiteral("backend")).toString(), QStringLiteral("s3"));
        QCOMPARE(remoteState.value(QStringLiteral("outputs"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toObject(),
            outputValues);

        // The links: a platform value equal to a network managed resource's id or ARN.
        std::map<QString, QString> identities; // value → network address
        for (const auto &[address, instance] : net) {
            if (!instance.managed)
                continue;
            for (const char *key : {"id", "arn"})
                identities[instance.attributes.value(QLatin1String(key)).toString()] = address;
        }
        identities.erase(QString());
        QStringList links;
        for (const auto &entry : plat) {
            // Named copies: clang does not let a lambda capture a structured binding.
            const QString &address = entry.first;
            const auto &instance = entry.second;
            stringLeaves(
                instance.attributes, QString(), [&](const QString &path, const QString &v) {
                    if (const auto it = identities.find(v); it != identities.end())
                        links.append(address + u' ' + path + QStringLiteral(" = ") + v
                            + QStringLiteral(" -> ") + it->second);
                });
            if (address != remote && !instance.dependencies.isEmpty()
                && std::any_of(links.cbegin(), links.cend(),
                    [&](const QString &l) { return l.startsWith(address + u' '); }))
                QVERIFY2(instance.dependencies.contains(remote), qPrintable(address));
        }
        links.sort();
        const QString vpc = QStringLiteral("vpc-0f3a8c21d94b7e615 -> aws_vpc.main");
        const QString pub0 = QStringLiteral("subnet-0c7e21a9f4d3b8516 -> aws_subnet.public[0]");
        const QString pub1 = QStringLiteral("subnet-05b9d3e8a1c64f270 -> aws_subnet.public[1]");
        const QString priv0 = QStringLiteral("subnet-0e4a6f2c91b7d8353 -> aws_subnet.private[0]");
        const QString priv1 = QStringLiteral("subnet-09d1c5b7e3f2a6481 -> aws_subnet.private[1]");
        const QString dbSg = QStringLiteral("sg-0c2f8a6e4b91d3075 -> aws_security_group.db");
        QStringList expected = {
            QStringLiteral("aws_db_instance.main vpc_security_group_ids[0] = ") + dbSg,
            QStringLiteral("aws_db_subnet_group.main subnet_ids[0] = ") + priv0,
            QStringLiteral("aws_db_subnet_group.main subnet_ids[1] = ") + priv1,
            QStringLiteral("aws_db_subnet_group.main vpc_id = ") + vpc,
            QStringLiteral("aws_ecs_service.web network_configuration[0].subnets[0] = ") + priv0,
            QStringLiteral("aws_ecs_service.web network_configuration[0].subnets[1] = ") + priv1,
            QStringLiteral("aws_lb.web subnet_mapping[0].subnet_id = ") + pub0,
            QStringLiteral("aws_lb.web subnet_mapping[1].subnet_id = ") + pub1,
            QStringLiteral("aws_lb.web subnets[0] = ") + pub0,
            QStringLiteral("aws_lb.web subnets[1] = ") + pub1,
            QStringLiteral("aws_lb.web vpc_id = ") + vpc,
            QStringLiteral("aws_lb_target_group.web vpc_id = ") + vpc,
            QStringLiteral("aws_security_group.alb vpc_id = ") + vpc,
            QStringLiteral("aws_security_group.service vpc_id = ") + vpc,
            remote + QStringLiteral(" outputs.value.db_security_group_id = ") + dbSg,
            remote + QStringLiteral(" outputs.value.private_subnet_ids[0] = ") + priv0,
            remote + QStringLiteral(" outputs.value.private_subnet_ids[1] = ") + priv1,
            remote + QStringLiteral(" outputs.value.public_subnet_ids[0] = ") + pub0,
            remote + QStringLiteral(" outputs.value.public_subnet_ids[1] = ") + pub1,
            remote + QStringLiteral(" outputs.value.vpc_id = ") + vpc,
        };
        expected.sort();
        QCOMPARE(links, expected);

        // The generic values both stacks hold, none of which is a link.
        QSet<QString> networkValues;
        for (const auto &[address, instance] : net)
            stringLeaves(instance.attributes, QString(),
                [&](const QString &, const QString &v) { networkValues.insert(v); });
        QSet<QString> platformValues;
        for (const auto &[address, instance] : plat)
            stringLeaves(instance.attributes, QString(),
                [&](const QString &, const QString &v) { platformValues.insert(v); });
        for (const char *generic : {"eu-west-1", "eu-west-1a", "10.0.0.0/16", "0.0.0.0/0",
                 "318457962041", "prod", "terraform", "available", "tcp"}) {
            QVERIFY2(networkValues.contains(QLatin1String(generic))
                    && platformValues.contains(QLatin1String(generic)),
                generic);
            QVERIFY(!identities.count(QLatin1String(generic)));
        }
        // The one trap among the IDs: the availability-zones data source's id is the region.
        QCOMPARE(net.at(QStringLiteral("data.aws_availability_zones.available"))
                     .attributes.value(QStringLiteral("id"))
                     .toString(),
            QStringLiteral("eu-west-1"));
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
                              "lesson, files, compare, estate, apply_log, cloud_logs)")
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
            QCOMPARE(array[qsizetype(i)].toObject().value(QStringLiteral("estate")).toString(),
                all[i].estate);
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
