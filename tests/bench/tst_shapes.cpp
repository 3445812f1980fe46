// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Core against the other shapes of generated plans (tests/tools/genshapes.h), at sizes that
// keep the suite fast: the loader finds what the generator says it wrote, and what it does with
// repeated addresses and a long value is pinned as it is. No timing here; bench_load measures.
#include "core/risk/projects.h"
#include "genshapes.h"
#include "testutils.h"

#include <QSet>
#include <QTemporaryDir>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

using namespace bg::core;
using bg::tests::PlanShape;
using bg::tests::ShapeOptions;
using bg::tests::ShapeTally;

namespace {

constexpr std::uint64_t Seed = 11;
constexpr std::uint64_t LongBytes = 4'000'000; // a few MB: the shape, not the size, is tested

std::string generated(const ShapeOptions &options, ShapeTally *tally = nullptr)
{
    std::ostringstream out;
    const ShapeTally t = bg::tests::writeShape(options, out);
    if (tally)
        *tally = t;
    return out.str();
}

Result<Document> load(const QTemporaryDir &dir, const std::string &text, const char *name)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    std::ofstream(path.toStdString(), std::ios::binary) << text;
    return loadDocument(path);
}

int countAction(const Document &doc, Action action)
{
    return int(std::count_if(doc.resources.begin(), doc.resources.end(),
        [&](const Resource &r) { return r.inChanges && r.action == action; }));
}

// The document's resource_changes entries, per action, against the generator's tally.
void compareCounts(const Document &doc, const ShapeTally &t)
{
    QCOMPARE(countAction(doc, Action::NoOp), t.noOp);
    QCOMPARE(countAction(doc, Action::Create), t.create);
    QCOMPARE(countAction(doc, Action::Update), t.update);
    QCOMPARE(countAction(doc, Action::Delete), t.del);
    QCOMPARE(countAction(doc, Action::Replace), t.replace);
    QCOMPARE(countAction(doc, Action::Read), t.read);
    QCOMPARE(t.noOp + t.create + t.update + t.del + t.replace + t.read, t.changes());
    QCOMPARE(doc.priorManagedCount, t.priorManaged);
}

// The addresses `address` depends on, sorted ("no node ADDRESS" when the graph has none).
QStringList dependencyIds(const Analysis &a, const QString &address)
{
    const int node = a.graph().find(address);
    if (node < 0)
        return {QStringLiteral("no node ") + address};
    QStringList out;
    for (int d : a.graph().dependencies(node))
        out.append(a.document().resources[size_t(d)].id);
    out.sort();
    return out;
}

} // namespace

class TestShapes : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static void entryRows()
    {
        QTest::addColumn<int>("entries");
        for (int n : {0, 1, 7, 99, 101, 250, 5000})
            QTest::addRow("%d", n) << n;
    }

    // A generated plan of `shape`, as its tally says and loaded clean: a plan of format 1.2 with
    // a Terraform version and no notes.
    void loadShape(
        PlanShape shape, int entries, ShapeTally *t, std::optional<Result<Document>> *loaded)
    {
        const std::string text = generated({shape, entries, Seed}, t);
        QCOMPARE(t->bytes, std::uint64_t(text.size()));
        QCOMPARE(t->managed, entries);
        loaded->emplace(load(m_dir, text, "shape.json"));
        QVERIFY2((*loaded)->ok(), qPrintable(bg::tests::errorText(**loaded)));
        const Document &doc = ***loaded;
        QCOMPARE(doc.kind, DocumentKind::Plan);
        QCOMPARE(doc.formatVersion, QStringLiteral("1.2"));
        QVERIFY(!doc.terraformVersion.isEmpty());
        QVERIFY2(doc.notes.isEmpty(), qPrintable(doc.notes.join(QLatin1Char('\n'))));
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void smallMatchesTheTally_data() { entryRows(); }

    void smallMatchesTheTally()
    {
        QFETCH(int, entries);
        ShapeTally t;
        std::optional<Result<Document>> loaded;
        loadShape(PlanShape::Small, entries, &t, &loaded);
        if (QTest::currentTestFailed())
            return;
        const Document &doc = **loaded;
        QCOMPARE(int(doc.resources.size()), entries); // prior_state holds nothing else
        QSet<QString> ids;
        for (const Resource &r : doc.resources)
            ids.insert(r.id);
        QCOMPARE(int(ids.size()), t.addresses);
        compareCounts(doc, t);

        const Analysis a = analyse(std::move(**loaded), bg::tests::defaultRules());
        QCOMPARE(a.impact.count(Action::Delete), t.del);
        QCOMPARE(a.impact.count(Action::Replace), t.replace);
        QCOMPARE(a.impact.count(Action::NoOp), t.noOp);
    }

    void smallIsRealistic()
    {
        constexpr int N = 5000;
        ShapeTally t;
        const nlohmann::json plan
            = nlohmann::json::parse(generated({PlanShape::Small, N, Seed}, &t));
        // Mostly no-op, ~5% deleted, and some of every other change.
        QVERIFY(t.noOp > N * 8 / 10);
        QVERIFY(t.del > N * 3 / 100 && t.del < N * 7 / 100);
        QVERIFY(t.create > 0 && t.update > 0 && t.replace > 0);
        // Terraform's order (by address), for_each keys, and some instances in a module.
        const auto &changes = plan["resource_changes"];
        int inModule = 0;
        for (size_t i = 0; i < changes.size(); ++i) {
            const std::string address = changes[i]["address"];
            if (i > 0)
                QVERIFY2(changes[i - 1]["address"].get<std::string>() < address, address.c_str());
            QVERIFY2(changes[i]["index"].is_string(), address.c_str());
            inModule += changes[i].contains("module_address");
        }
        QVERIFY(inModule > 0);
        QVERIFY(plan["configuration"]["root_module"]["module_calls"].contains("dns"));
        QCOMPARE(int(plan["prior_state"]["values"]["root_module"]["child_modules"].size()), 8);
    }

    void tinyMatchesTheTally_data() { entryRows(); }

    void tinyMatchesTheTally()
    {
        QFETCH(int, entries);
        ShapeTally t;
        std::optional<Result<Document>> loaded;
        loadShape(PlanShape::Tiny, entries, &t, &loaded);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(t.create, entries); // a fresh for_each set: every entry a create
        QCOMPARE(t.priorManaged, 0);
        const Document &doc = **loaded;
        QCOMPARE(int(doc.resources.size()), entries); // no prior_state
        QSet<QString> ids;
        for (const Resource &r : doc.resources) {
            ids.insert(r.id);
            QVERIFY2(r.inChanges && r.action == Action::Create, qPrintable(r.id));
        }
        QCOMPARE(int(ids.size()), t.addresses);
        compareCounts(doc, t);

        const Analysis a = analyse(std::move(**loaded), bg::tests::defaultRules());
        QCOMPARE(a.impact.count(Action::Create), entries);
        QCOMPARE(a.impact.count(Action::Delete), 0);
        QCOMPARE(a.impact.count(Action::Replace), 0);
    }

    void tinyIsMinimal()
    {
        constexpr int N = 5000;
        ShapeTally t;
        const std::string text = generated({PlanShape::Tiny, N, Seed}, &t);
        const nlohmann::json plan = nlohmann::json::parse(text);
        // Only what Terraform writes for a fresh set: no prior_state, no variables.
        QVERIFY(!plan.contains("prior_state"));
        QVERIFY(!plan.contains("variables"));
        QVERIFY(plan["configuration"]["root_module"]["module_calls"].contains("dns"));
        const auto &changes = plan["resource_changes"];
        QCOMPARE(int(changes.size()), N);
        // Every entry a create of one or two attributes, only its id unknown; in Terraform's
        // order (the root module first, then by module and address), with for_each keys.
        std::pair<std::string, std::string> previous;
        int inModule = 0;
        for (size_t i = 0; i < changes.size(); ++i) {
            const auto &e = changes[i];
            const std::string address = e["address"];
            const auto &c = e["change"];
            QVERIFY2(c["actions"] == nlohmann::json::array({"create"}), address.c_str());
            QVERIFY2(c["before"].is_null(), address.c_str());
            QVERIFY2(c["after"].is_object(), address.c_str());
            QVERIFY2(c["after"].size() >= 1 && c["after"].size() <= 2, address.c_str());
            QVERIFY2(c["after_unknown"] == nlohmann::json({{"id", true}}), address.c_str());
            QVERIFY2(c["before_sensitive"] == false, address.c_str());
            QVERIFY2(c["after_sensitive"] == nlohmann::json::object(), address.c_str());
            QVERIFY2(!e.contains("action_reason"), address.c_str());
            QVERIFY2(e["index"].is_string(), address.c_str());
            std::pair<std::string, std::string> key {e.value("module_address", ""), address};
            if (i > 0)
                QVERIFY2(previous < key, address.c_str());
            previous = key;
            inModule += e.contains("module_address");
        }
        QVERIFY(inModule > 0);
        // The smallest entries Terraform writes: a third to a half of the small shape's.
        const double perResource = double(t.bytes) / N;
        QVERIFY2(perResource > 250 && perResource < 400, qPrintable(QString::number(perResource)));
    }

    void duplicatesLoadAsTheyAre()
    {
        constexpr int N = 1000;
        ShapeTally t;
        const std::string text = generated({PlanShape::Duplicates, N, Seed}, &t);
        QCOMPARE(t.managed, N);
        QCOMPARE(t.addresses, 5);
        Result<Document> loaded = load(m_dir, text, "duplicates.json");
        QVERIFY2(loaded.ok(), qPrintable(bg::tests::errorText(loaded)));
        // As it is now: every entry is a resource of its own, the repeats included.
        QCOMPARE(int(loaded->resources.size()), N);
        QSet<QString> ids;
        for (const Resource &r : loaded->resources)
            ids.insert(r.id);
        QCOMPARE(int(ids.size()), t.addresses);
        compareCounts(*loaded, t);

        const Analysis a = analyse(std::move(*loaded), bg::tests::defaultRules());
        QCOMPARE(a.graph().size(), N);
        QCOMPARE(a.impact.count(Action::Delete), t.del);
        // A search by address finds one of the repeats: the last one written.
        const QString vpc = QStringLiteral("module.net.aws_vpc.this");
        int last = -1;
        for (int i = 0; i < N; ++i)
            if (a.document().resources[size_t(i)].id == vpc)
                last = i;
        QVERIFY(last >= 0);
        QCOMPARE(a.graph().find(vpc), last);
    }

    // What each of the awkward shape's parts becomes: one hub for the count set (the state's
    // dependency and the count.index reference share it), a warning naming the dependencies
    // that are not in the file, and a line whose first is pulled in by all the others.
    void awkwardShapeAnalysed()
    {
        constexpr int N = 3000, Set = N / 3, Line = N - 2 * Set;
        ShapeTally t;
        const std::string text = generated({PlanShape::Awkward, N, Seed}, &t);
        QCOMPARE(t.managed, N);
        QCOMPARE(t.priorManaged, N);
        Result<Document> loaded = load(m_dir, text, "awkward.json");
        QVERIFY2(loaded.ok(), qPrintable(bg::tests::errorText(loaded)));
        QCOMPARE(int(loaded->resources.size()), N);
        compareCounts(*loaded, t);
        const Analysis a = analyse(std::move(*loaded), bg::tests::defaultRules());
        QCOMPARE(a.graph().vertexCount() - a.graph().size(), 1);
        QCOMPARE(a.graph().edgeCount(), qint64(Set) * Set + (Line - 1));
        QCOMPARE(int(a.graph()
                         .dependencies(a.graph().find(QStringLiteral("null_resource.y[7]")))
                         .size()),
            Set);
        QVERIFY(a.graph()
                    .warnings()
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("%1 recorded dependencies name resources that are "
                                             "not in this file")
                                  .arg(Set)));
        const int first = a.graph().find(QStringLiteral("aws_instance.l0"));
        QCOMPARE(a.impact.chain(a.document(), first).size(), Line);
        QCOMPARE(a.impact.count(Action::Replace), Line);
        QCOMPARE(a.impact.count(Action::Delete), 2 * Set);
    }

    // The modules shape's services: every instance destroyed, one project per service (and the
    // root's), a function that reads its own alarms and queue through its module, and the
    // fanout topic that reads every output of every service through one hub per service.
    void modulesShapeAnalysed()
    {
        constexpr int N = 1000, Services = (N - 2) / 25, Resources = Services * 25 + 2;
        ShapeTally t;
        const std::string text = generated({PlanShape::Modules, N, Seed}, &t);
        QCOMPARE(t.managed, Resources);
        QCOMPARE(t.del, Resources);
        QCOMPARE(t.priorManaged, Resources);
        Result<Document> loaded = load(m_dir, text, "modules.json");
        QVERIFY2(loaded.ok(), qPrintable(bg::tests::errorText(loaded)));
        QCOMPARE(int(loaded->resources.size()), Resources);
        compareCounts(*loaded, t);
        QVERIFY(loaded->configuration);
        const Analysis a = analyse(std::move(*loaded), bg::tests::defaultRules());
        QVERIFY2(a.graph().warnings().isEmpty(), qPrintable(a.graph().warnings().join('\n')));
        QCOMPARE(int(projectsDestroyed(a.document(), a.impact, {QStringLiteral("Project")}).size()),
            Services + 1);
        const auto dependencies = [&](const QString &address) {
            return dependencyIds(a, address);
        };
        const QString s7 = QStringLiteral("module.svc[\"s7\"]");
        QStringList expected
            = {s7 + QStringLiteral(".aws_sqs_queue.q2"), QStringLiteral("aws_iam_role.svc")};
        for (int i = 0; i < 5; ++i)
            expected.append(
                s7 + QStringLiteral(".module.alarms.aws_cloudwatch_metric_alarm.a%1").arg(i));
        expected.sort();
        QCOMPARE(dependencies(s7 + QStringLiteral(".aws_lambda_function.f2")), expected);
        // The fanout reads every queue and alarm of every service, not the functions or topics.
        QCOMPARE(int(dependencies(QStringLiteral("aws_sns_topic.fanout")).size()), Services * 15);
    }

    // The calls shape's queues: every resource of a call waits for every resource of the three
    // calls its depends_on names (what their outputs read: here every resource, through the
    // output arns; and every resource inside the calling module waits, as
    // ReferenceResolver::moduleDependsOn says), its topic also for the main queue of the call
    // before through var.upstream, and the fanout topic for every call's main queue through
    // its output queue_arn.
    void callsShapeAnalysed()
    {
        constexpr int N = 401, Calls = (N - 1) / 4, Resources = Calls * 4 + 1;
        ShapeTally t;
        const std::string text = generated({PlanShape::Calls, N, Seed}, &t);
        QCOMPARE(t.managed, Resources);
        QCOMPARE(t.del, Resources);
        QCOMPARE(t.priorManaged, Resources);
        Result<Document> loaded = load(m_dir, text, "calls.json");
        QVERIFY2(loaded.ok(), qPrintable(bg::tests::errorText(loaded)));
        compareCounts(*loaded, t);
        QVERIFY(loaded->configuration);
        QCOMPARE(int(loaded->configuration->calls.size()), Calls);
        const Analysis a = analyse(std::move(*loaded), bg::tests::defaultRules());
        QVERIFY2(a.graph().warnings().isEmpty(), qPrintable(a.graph().warnings().join('\n')));
        const auto dependencies = [&](const QString &address) {
            return dependencyIds(a, address);
        };
        const auto call = [](int k) {
            return QStringLiteral("module.c%1").arg(k, 5, 10, QLatin1Char('0'));
        };
        const QStringList locals = {QStringLiteral("aws_cloudwatch_metric_alarm.depth"),
            QStringLiteral("aws_sns_topic.alerts"), QStringLiteral("aws_sqs_queue.dlq"),
            QStringLiteral("aws_sqs_queue.main")};
        const auto everyResourceOf = [&](int from, int to) {
            QStringList out;
            for (int k = std::max(from, 0); k <= to; ++k) {
                for (const QString &local : locals)
                    out.append(call(k) + QLatin1Char('.') + local);
            }
            return out;
        };
        for (int k : {0, 1, 2, 3, 57, Calls - 1}) {
            const QStringList before = everyResourceOf(k - 3, k - 1);
            const QString in = call(k) + QLatin1Char('.');
            const auto expect = [&](QStringList extra) {
                extra += before;
                extra.sort();
                return extra;
            };
            QCOMPARE(dependencies(in + locals[2]), expect({}));
            QCOMPARE(dependencies(in + locals[3]), expect({in + locals[2]}));
            QCOMPARE(dependencies(in + locals[0]), expect({in + locals[1], in + locals[3]}));
            // The topic's upstream is the previous call's main queue, already among `before`.
            QCOMPARE(dependencies(in + locals[1]), expect({}));
        }
        QStringList mains;
        for (int k = 0; k < Calls; ++k)
            mains.append(call(k) + QStringLiteral(".aws_sqs_queue.main"));
        mains.sort();
        QCOMPARE(dependencies(QStringLiteral("aws_sns_topic.fanout")), mains);
        // Destroyed the other way round: the fanout first, the last call before the first.
        const std::vector<int> &order = a.impact.destroyOrder;
        QCOMPARE(int(order.size()), Resources);
        QCOMPARE(a.document().resources[size_t(order.front())].id,
            QStringLiteral("aws_sns_topic.fanout"));
        const auto position = [&](const QString &address) {
            return int(
                std::find(order.begin(), order.end(), a.graph().find(address)) - order.begin());
        };
        QVERIFY(position(call(Calls - 1) + QStringLiteral(".aws_sqs_queue.dlq"))
            < position(call(Calls - 2) + QStringLiteral(".aws_cloudwatch_metric_alarm.depth")));
    }

    // The data shape's stores, each a delete with every attribute its provider writes: a
    // finding for each flag the generator drew, as many as the file holds (read apart with
    // nlohmann), and one data-loss finding per store.
    void dataShapeAnalysed()
    {
        constexpr int N = 2000;
        ShapeTally t;
        const std::string text = generated({PlanShape::Data, N, Seed}, &t);
        QCOMPARE(t.managed, N);
        QCOMPARE(t.del, N);
        QCOMPARE(t.priorManaged, N);
        const nlohmann::json plan = nlohmann::json::parse(text);
        QHash<QString, int> expected;
        for (const nlohmann::json &change : plan["resource_changes"]) {
            const nlohmann::json &before = change["change"]["before"];
            const std::string type = change["type"];
            if (type == "aws_db_instance") {
                QCOMPARE(int(before.size()), 66); // the provider's attributes, as in the corpus
                expected[before["deletion_protection"] == true
                        ? QStringLiteral("aws-rds-deletion-protection-refuses")
                        : QStringLiteral("aws-rds-deletion-protection-off")]++;
                if (before["skip_final_snapshot"] == true)
                    expected[QStringLiteral("aws-rds-no-final-snapshot")]++;
                expected[QStringLiteral("data-database-destroyed")]++;
            } else if (type == "aws_s3_bucket") {
                QCOMPARE(int(before.size()), 25);
                expected[before["force_destroy"] == true
                        ? QStringLiteral("aws-s3-force-destroy")
                        : QStringLiteral("aws-s3-bucket-not-empty-refused")]++;
            } else {
                QCOMPARE(type, std::string("aws_ebs_volume"));
                QCOMPARE(int(before.size()), 14);
            }
        }
        QVERIFY(expected.value(QStringLiteral("aws-rds-deletion-protection-refuses")) > N / 40);
        QVERIFY(expected.value(QStringLiteral("aws-s3-force-destroy")) > N / 10);
        Result<Document> loaded = load(m_dir, text, "data.json");
        QVERIFY2(loaded.ok(), qPrintable(bg::tests::errorText(loaded)));
        compareCounts(*loaded, t);
        const Analysis a = analyse(std::move(*loaded), bg::tests::defaultRules());
        QCOMPARE(a.impact.count(Action::Delete), N);
        QHash<QString, int> found;
        for (const Finding &f : a.findings)
            found[f.code]++;
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QCOMPARE(found.value(it.key()), it.value());
    }

    void longStringLoads()
    {
        ShapeTally t;
        const std::string text = generated({PlanShape::LongString, 0, Seed, false, LongBytes}, &t);
        QCOMPARE(t.longestString, LongBytes);
        QVERIFY(text.size() > LongBytes && text.size() < LongBytes + 16 * 1024);
        QCOMPARE(t.managed, bg::tests::LongStringResources);
        QCOMPARE(t.del, 1);
        Result<Document> loaded = load(m_dir, text, "long-string.json");
        QVERIFY2(loaded.ok(), qPrintable(bg::tests::errorText(loaded)));
        QCOMPARE(int(loaded->resources.size()), t.changes());
        compareCounts(*loaded, t);
        const Resource &db = loaded->resources.front();
        QCOMPARE(db.id, QStringLiteral("aws_db_instance.legacy"));
        QCOMPARE(db.action, Action::Delete);
        QVERIFY(db.before.range().end - db.before.range().begin > qint64(LongBytes));

        const Analysis a = analyse(std::move(*loaded), bg::tests::defaultRules());
        QCOMPARE(a.impact.count(Action::Delete), 1);
    }

    void everyShapeIsJson_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<int>("entries");
        QTest::newRow("mixed") << int(PlanShape::Mixed) << 120;
        QTest::newRow("small") << int(PlanShape::Small) << 1234;
        QTest::newRow("tiny") << int(PlanShape::Tiny) << 1234;
        QTest::newRow("duplicates") << int(PlanShape::Duplicates) << 777;
        QTest::newRow("long-string") << int(PlanShape::LongString) << 0;
        QTest::newRow("awkward") << int(PlanShape::Awkward) << 999;
        QTest::newRow("data") << int(PlanShape::Data) << 321;
        QTest::newRow("modules") << int(PlanShape::Modules) << 555;
        QTest::newRow("calls") << int(PlanShape::Calls) << 401;
    }

    void everyShapeIsJson()
    {
        QFETCH(int, shape);
        QFETCH(int, entries);
        ShapeOptions options {PlanShape(shape), entries, Seed, false, 100'000};
        ShapeTally t;
        const std::string text = generated(options, &t);
        nlohmann::json plan;
        try {
            plan = nlohmann::json::parse(text);
        } catch (const nlohmann::json::exception &error) {
            QFAIL(error.what());
        }
        QCOMPARE(int(plan["resource_changes"].size()), t.changes());
        // A fresh for_each set has no state, so its plan has no prior_state.
        QCOMPARE(plan.contains("prior_state"), PlanShape(shape) != PlanShape::Tiny);
        QVERIFY(plan.contains("configuration"));
        QVERIFY(plan["format_version"] == "1.2");
        // The same options give the same bytes; another seed another plan.
        QVERIFY(text == generated(options));
        options.seed = Seed + 1;
        QVERIFY(text != generated(options));
    }

    void namesRoundTrip()
    {
        for (PlanShape s : {PlanShape::Mixed, PlanShape::Small, PlanShape::Tiny,
                 PlanShape::Duplicates, PlanShape::LongString, PlanShape::Awkward, PlanShape::Data,
                 PlanShape::Modules, PlanShape::Calls})
            QVERIFY(bg::tests::planShapeFromName(bg::tests::planShapeName(s)) == s);
        QVERIFY(!bg::tests::planShapeFromName("large"));
    }
};

QTEST_GUILESS_MAIN(TestShapes)
#include "tst_shapes.moc"
