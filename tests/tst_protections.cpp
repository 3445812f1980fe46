// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// "What would have saved you": the protection catalog loads strictly; on the incident each
// protection has its pinned effect; on every bundled scenario and every corpus plan, each
// protection alone and all together keep the invariants (same nodes, survivors closed under
// dependencies, removed + remaining == original findings, no finding added); the CLI's saved-by
// says it in words and never shows a secret.
#include "core/gate/policy.h"
#include "core/review/counterfactual.h"
#include "core/review/scenarios.h"
#include "core/review/statediff.h"
#include "core/risk/safety.h"
#include "testutils.h"

#include <QRegularExpression>
#include <QSet>

using namespace bg::core;
using namespace bg::tests;

class TestProtections : public QObject {
    Q_OBJECT
private slots:
    void catalogLoads();
    void loaderErrors_data();
    void loaderErrors();
    void overridesApplyByType();
    void incidentPins_data();
    void incidentPins();
    void allTogetherOnIncident();
    void stoppedByStateLocking_data();
    void stoppedByStateLocking();
    void scenarioInvariants_data();
    void scenarioInvariants();
    void corpusInvariants_data();
    void corpusInvariants();
    void preventDestroyNeedsConfig();
    void cliSavedBy();
    void cliWithErrors_data();
    void cliWithErrors();
    void cliNoSecrets_data();
    void cliNoSecrets();
};

namespace {

const ProtectionSet &catalog()
{
    static const ProtectionSet set
        = mustHave(ProtectionSet::load(resource(QStringLiteral("protections/default.json"))));
    return set;
}

// The run a scenario shows: its plan, or what was lost between its two states (with the
// lineage warnings), as `saved-by` runs it.
Analysis analysisOf(const QStringList &files)
{
    if (files.size() == 2) {
        StateDiff diff = diffStates(mustLoad(files[0]), mustLoad(files[1]), defaultRules());
        diff.lost.warnings.insert(
            diff.lost.warnings.end(), diff.warnings.begin(), diff.warnings.end());
        return std::move(diff.lost);
    }
    Document doc = mustLoad(files[0]);
    if (doc.kind == DocumentKind::Plan)
        return analyse(std::move(doc), defaultRules());
    return analyseWhatIf(std::move(doc), defaultRules(), {});
}

Analysis incident()
{
    return analysisOf({resource(QStringLiteral("scenarios/incident/plan.json"))});
}

QString key(const Finding &f)
{
    return f.code + QLatin1Char(' ') + f.address;
}

QStringList keys(const std::vector<Finding> &findings)
{
    QStringList out;
    for (const Finding &f : findings)
        out.append(key(f));
    out.sort();
    return out;
}

QStringList addresses(const Analysis &a, const std::vector<int> &nodes)
{
    QStringList out;
    for (int i : nodes)
        out.append(a.document().resources[i].id);
    out.sort();
    return out;
}

// The invariants every counterfactual keeps, whatever the input and the protections.
void checkInvariants(const Analysis &actual, const Counterfactual &cf, const QStringList &ids)
{
    QVERIFY(cf.analysis);
    const Analysis &after = *cf.analysis;
    const int n = int(actual.document().resources.size());
    QCOMPARE(int(after.document().resources.size()), n);
    QCOMPARE(int(after.impact.actions.size()), n);
    QCOMPARE(after.graph().size(), actual.graph().size());
    for (int i = 0; i < n; ++i)
        QCOMPARE(after.document().resources[i].id, actual.document().resources[i].id);
    QCOMPARE(cf.effects.size(), cf.applied.size());
    QStringList inCatalogOrder;
    for (const Protection &p : catalog().all()) {
        if (ids.contains(p.id))
            inCatalogOrder.append(p.id);
    }
    QCOMPARE(cf.applied, inCatalogOrder);

    // Survivors: destroyed in reality, not here; closed under dependencies.
    std::vector<bool> survivor(n, false);
    for (int s : cf.survivors) {
        QVERIFY(actual.impact.destroys(s));
        QVERIFY(!after.impact.destroys(s));
        survivor[s] = true;
    }
    for (int s : cf.survivors) {
        for (int d : actual.graph().dependencies(s)) {
            if (actual.impact.destroys(d))
                QVERIFY2(survivor[d],
                    qPrintable(QStringLiteral("%1 survives but %2, which it depends on, does not")
                                   .arg(actual.document().resources[s].id,
                                       actual.document().resources[d].id)));
        }
    }
    // Nothing is destroyed that was not, and the order is the real one without the survivors.
    std::vector<int> expectedOrder;
    for (int i : actual.impact.destroyOrder) {
        if (!survivor[i])
            expectedOrder.push_back(i);
    }
    QCOMPARE(after.impact.destroyOrder, expectedOrder);
    QCOMPARE(int(cf.survivors.size() + after.impact.destroyOrder.size()),
        int(actual.impact.destroyOrder.size()));
    QCOMPARE(after.impact.count(Action::Delete) + after.impact.count(Action::Replace),
        int(after.impact.destroyOrder.size()));
    for (int i = 0; i < n; ++i) {
        if (after.impact.destroys(i))
            QCOMPARE(after.impact.actions[i], actual.impact.actions[i]);
        const int via = after.impact.via[i];
        QVERIFY(via < 0 || after.impact.destroys(via));
    }
    for (int k : cf.dataKept)
        QVERIFY(after.impact.destroys(k));
    if (cf.runStopped) {
        QVERIFY(!cf.stopReason.isEmpty());
        QVERIFY(after.impact.destroyOrder.empty());
    }

    // Findings: re-evaluated, never added but to say where the data is now kept (a final
    // snapshot named); removed + remaining == original.
    static const RuleSet rules = *RuleSet::loadDefault();
    const QStringList original = keys(actual.findings);
    QStringList remaining;
    for (const Finding &f : after.findings) {
        const FindingRule *rule = rules.finding(f.code);
        if (original.contains(key(f)))
            remaining.append(key(f));
        else
            QVERIFY2(rule && rule->outcome && rule->outcome->kind == OutcomeKind::DataKept
                    && f.severity == Severity::Info,
                qPrintable(QStringLiteral("a protection added %1").arg(key(f))));
    }
    remaining.sort();
    QStringList both = remaining + keys(cf.removed);
    both.sort();
    QCOMPARE(both, original);

    // An effect names only codes of findings that did disappear, and data is kept only where
    // a finding on the node did.
    QSet<QString> removedCodes, removedAddresses;
    for (const Finding &f : cf.removed) {
        removedCodes.insert(f.code);
        removedAddresses.insert(f.address);
    }
    for (const Finding &f : actual.findings) {
        const QRegularExpression named(
            QStringLiteral("(?<![\\w-])%1(?![\\w-])").arg(QRegularExpression::escape(f.code)));
        for (const QString &effect : cf.effects)
            QVERIFY2(removedCodes.contains(f.code) || !effect.contains(named),
                qPrintable(QStringLiteral("names %1, still raised: %2").arg(f.code, effect)));
    }
    for (int k : cf.dataKept)
        QVERIFY2(removedAddresses.contains(actual.document().resources[k].id),
            qPrintable(actual.document().resources[k].id));
}

// The default policy applied, as the CLI and the GUI do; with `everything`, it also protects
// every resource type, so that each destroyed node carries a finding no rule raises.
Analysis withPolicy(Analysis a, bool everything = false)
{
    Policy policy = mustHave(Policy::loadDefault());
    if (everything)
        policy.protectedTypes = {QStringLiteral("*")};
    applyPolicy(a, policy);
    return a;
}

} // namespace

void TestProtections::catalogLoads()
{
    QCOMPARE(catalog().ids(),
        QStringList({QStringLiteral("deletion-protection"), QStringLiteral("final-snapshot"),
            QStringLiteral("retain-automated-backups"), QStringLiteral("prevent-destroy"),
            QStringLiteral("state-locking")}));
    for (const Protection &p : catalog().all()) {
        QVERIFY(!p.title.isEmpty());
        QVERIFY(!p.explanation.isEmpty());
    }
    const Protection *dp = catalog().find(QStringLiteral("deletion-protection"));
    QVERIFY(dp);
    QCOMPARE(dp->effect, ProtectionEffect::BlocksDelete);
    QCOMPARE(dp->settingFor(QStringLiteral("aws_dynamodb_table"))->attribute,
        QStringLiteral("deletion_protection_enabled"));
    QCOMPARE(dp->settingFor(QStringLiteral("aws_lb"))->attribute,
        QStringLiteral("enable_deletion_protection"));
    QVERIFY(!dp->settingFor(QStringLiteral("aws_s3_bucket")));
    QCOMPARE(catalog().find(QStringLiteral("state-locking"))->warnings,
        QStringList({QStringLiteral("missing-state"), QStringLiteral("stale-state"),
            QStringLiteral("foreign-state")}));
    QVERIFY(catalog().find(QStringLiteral("prevent-destroy"))->dataStores);
    QVERIFY(!catalog().find(QStringLiteral("no-such-protection")));

    // Found like the rules: by ResourceLocator (the test runs from the build tree).
    const Result<ProtectionSet> found = ProtectionSet::loadDefault();
    QVERIFY2(found, qPrintable(errorText(found)));
    QCOMPARE(found->ids(), catalog().ids());
}

// Each row: the catalog, the whole message, and what its line and column point at.
void TestProtections::loaderErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QByteArray>("at");
    const QByteArray head = R"({"schema":"blastguard.protections/v1","protections":[)";
    const QByteArray ok = R"({"id":"a","title":"t","explanation":"e","effect":"stops-plan",
        "data_stores":true})";
    const QByteArray start = R"({"id":"a","title":"t","explanation":"e",)";
    QTest::newRow("not json") << QByteArray("{\"schema\": ")
                              << QStringLiteral("not valid JSON: unterminated object")
                              << QByteArray(" ");
    QTest::newRow("rules schema")
        << QByteArray(R"({"schema":"blastguard.rules/v1","protections":[]})")
        << QStringLiteral("unknown schema \"blastguard.rules/v1\" (this version reads "
                          "blastguard.protections/v1)")
        << QByteArray(R"("schema")");
    QTest::newRow("no schema") << QByteArray(R"({"protections":[]})")
                               << QStringLiteral("not a protections file: \"schema\" must be "
                                                 "\"blastguard.protections/v1\"")
                               << QByteArray(R"({"protections")");
    QTest::newRow("unknown root member")
        << head + ok + R"(],"extra":1})"
        << QStringLiteral("unknown member \"extra\" (known here: schema, description, protections)")
        << QByteArray(R"("extra")");
    QTest::newRow("empty list") << head + "]}"
                                << QStringLiteral("\"protections\" must be a non-empty list")
                                << QByteArray(R"("protections")");
    QTest::newRow("unknown member")
        << head + start + R"("effect":"stops-plan","data_stores":true,
            "effekt":"x"}]})"
        << QStringLiteral("unknown member \"effekt\" in \"protections[0]\" (known here: id, title, "
                          "explanation, effect, sets, data_stores, categories, warnings)")
        << QByteArray(R"("effekt")");
    QTest::newRow("unknown effect")
        << head + start + R"("effect":"saves-all"}]})"
        << QStringLiteral("\"protections[0].effect\" must be one of blocks-delete, keeps-data, "
                          "stops-plan, stops-on-warning (not \"saves-all\")")
        << QByteArray(R"("effect")");
    QTest::newRow("member of another effect")
        << head + start + R"("effect":"stops-plan","data_stores":true,
            "warnings":["missing-state"]}]})"
        << QStringLiteral("\"protections[0].warnings\" does not apply to effect stops-plan (it "
                          "reads data_stores or categories)")
        << QByteArray(R"("warnings")");
    QTest::newRow("unknown warning")
        << head + start + R"("effect":"stops-on-warning",
            "warnings":["missing-sate"]}]})"
        << QStringLiteral("\"protections[0].warnings[0]\" must be one of %1 (not \"missing-sate\")")
               .arg(warningCodes().join(QStringLiteral(", ")))
        << QByteArray(R"("missing-sate")");
    QTest::newRow("unknown category")
        << head + start + R"("effect":"stops-plan",
            "categories":["databse"]}]})"
        << QStringLiteral("\"protections[0].categories[0]\" must be one of %1 (not \"databse\")")
               .arg(categoryNames().join(QStringLiteral(", ")))
        << QByteArray(R"("databse")");
    QTest::newRow("duplicate id")
        << head + ok + ",\n" + ok + "]}"
        << QStringLiteral(
               "\"protections[1].id\" must be unique: \"a\" is also in \"protections[0].id\"")
        << QByteArray(
               "\"id\":\"a\",\"title\":\"t\",\"explanation\":\"e\",\"effect\":\"stops-plan\",\n"
               "        \"data_stores\":true}]}");
    QTest::newRow("bad id")
        << head + R"({"id":"Deletion Protection","title":"t","explanation":"e"}]})"
        << QStringLiteral("\"protections[0].id\" must be lower-case words joined by '-', e.g. "
                          "\"deletion-protection\"")
        << QByteArray(R"("id")");
    QTest::newRow("no title") << head + R"({"id":"a","explanation":"e","effect":"stops-plan"}]})"
                              << QStringLiteral("missing member \"title\" in \"protections[0]\"")
                              << QByteArray(R"({"id":"a")");
    QTest::newRow("no sets") << head + start + R"("effect":"blocks-delete"}]})"
                             << QStringLiteral("missing member \"sets\" in \"protections[0]\"")
                             << QByteArray(R"({"id":"a")");
    QTest::newRow("attribute path")
        << head + start + R"("effect":"keeps-data",
            "sets":[{"types":["aws_x"],"attribute":"settings.0.x","value":true}]}]})"
        << QStringLiteral("\"protections[0].sets[0].attribute\" must be a top-level attribute "
                          "name, not a path")
        << QByteArray(R"("attribute")");
    QTest::newRow("null value")
        << head + start + R"("effect":"keeps-data",
            "sets":[{"types":["aws_x"],"attribute":"x","value":null}]}]})"
        << QStringLiteral(
               "\"protections[0].sets[0].value\" must be true, false, a number or a string")
        << QByteArray(R"("value")");
    QTest::newRow("empty types")
        << head + start + R"("effect":"keeps-data",
            "sets":[{"types":[],"attribute":"x","value":true}]}]})"
        << QStringLiteral("\"protections[0].sets[0].types\" must be a non-empty list of strings")
        << QByteArray(R"("types")");
    QTest::newRow("stops-plan without scope")
        << head + start + R"("effect":"stops-plan"}]})"
        << QStringLiteral("\"protections[0]\" (stops-plan) needs either \"data_stores\": true or "
                          "\"categories\"")
        << QByteArray(R"({"id":"a")");
}

void TestProtections::loaderErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QFETCH(QByteArray, at);
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("protections.json"), json);
    const Result<ProtectionSet> loaded = ProtectionSet::load(path);
    QVERIFY(!loaded);
    const Error &error = loaded.error();
    QCOMPARE(error.path, path);
    QCOMPARE(error.message, expected);
    QVERIFY2(error.line > 0 && error.column > 0, qPrintable(error.toString()));
    QCOMPARE(pointedAt(json, error, at.size()), at);
    // Missing file.
    const Result<ProtectionSet> absent
        = ProtectionSet::load(dir.filePath(QStringLiteral("absent.json")));
    QVERIFY(!absent);
    QCOMPARE(
        absent.error().message, QStringLiteral("cannot read a protections file: no such file"));
}

void TestProtections::overridesApplyByType()
{
    const Analysis a = incident();
    const QString code = QStringLiteral("aws-rds-no-final-snapshot");
    auto raised = [&](const std::vector<AttributeOverride> &overrides) {
        const auto findings = evaluateFindings(a.document(), a.impact, defaultRules(), overrides);
        return std::any_of(
            findings.begin(), findings.end(), [&](const Finding &f) { return f.code == code; });
    };
    QVERIFY(raised({}));
    QVERIFY(raised({{{QStringLiteral("aws_rds_cluster")}, QStringLiteral("skip_final_snapshot"),
        QJsonValue(false)}}));
    QVERIFY(!raised({{{QStringLiteral("aws_db_*")}, QStringLiteral("skip_final_snapshot"),
        QJsonValue(false)}}));
    // No overrides: exactly the analysis' own findings.
    QCOMPARE(keys(evaluateFindings(a.document(), a.impact, defaultRules())), keys(a.findings));
}

void TestProtections::incidentPins_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("stopped");
    QTest::addColumn<QStringList>("survivors"); // sorted; empty with stopped: all 38
    QTest::addColumn<QStringList>("dataKept");
    QTest::addColumn<QStringList>("removed"); // "code address", sorted
    QTest::addColumn<QString>("effect"); // a phrase of the effect sentence
    const QString db = QStringLiteral("module.database.aws_db_instance.edu");
    QTest::newRow("deletion-protection")
        << QStringLiteral("deletion-protection") << false
        << QStringList({QStringLiteral("aws_lb.main"), QStringLiteral("aws_security_group.alb"),
               QStringLiteral("aws_security_group.bastion"),
               QStringLiteral("aws_security_group.db"), QStringLiteral("aws_security_group.ecs"),
               QStringLiteral("aws_subnet.private[0]"), QStringLiteral("aws_subnet.private[1]"),
               QStringLiteral("aws_subnet.public[0]"), QStringLiteral("aws_subnet.public[1]"),
               QStringLiteral("aws_vpc.main"), db,
               QStringLiteral("module.database.aws_db_subnet_group.edu")})
        << QStringList()
        << QStringList({QStringLiteral("aws-rds-automated-backups-deleted ") + db,
               QStringLiteral("aws-rds-deletion-protection-off ") + db,
               QStringLiteral("aws-rds-no-final-snapshot ") + db,
               QStringLiteral("data-database-destroyed ") + db})
        << QStringLiteral("deletion_protection = true on the database %1 and "
                          "enable_deletion_protection = true on aws_lb.main would have saved "
                          "them and 10 resources they depend on")
               .arg(db);
    QTest::newRow("final-snapshot")
        << QStringLiteral("final-snapshot") << false << QStringList() << QStringList({db})
        << QStringList({QStringLiteral("aws-rds-no-final-snapshot ") + db})
        << QStringLiteral("is still destroyed, but the data is kept");
    QTest::newRow("retain-automated-backups")
        << QStringLiteral("retain-automated-backups") << false << QStringList() << QStringList({db})
        << QStringList({QStringLiteral("aws-rds-automated-backups-deleted ") + db})
        << QStringLiteral("aws-rds-automated-backups-deleted no longer holds");
    QTest::newRow("prevent-destroy")
        << QStringLiteral("prevent-destroy") << true << QStringList() << QStringList()
        << keys(incident().findings)
        << QStringLiteral("`terraform plan` fails with \"Instance cannot be destroyed\" on the "
                          "database %1 and on 3 more data stores")
               .arg(db);
    // The incident plan alone raises delete-everything only: a stale state shows when two states
    // are compared, so state locking has nothing to act on here.
    QTest::newRow("state-locking")
        << QStringLiteral("state-locking") << false << QStringList() << QStringList()
        << QStringList() << QStringLiteral("raises none of the warnings it answers");
}

void TestProtections::incidentPins()
{
    QFETCH(QString, id);
    QFETCH(bool, stopped);
    QFETCH(QStringList, survivors);
    QFETCH(QStringList, dataKept);
    QFETCH(QStringList, removed);
    QFETCH(QString, effect);
    const Analysis actual = incident();
    QCOMPARE(int(actual.impact.destroyOrder.size()), 38);
    const Counterfactual cf = whatWouldHaveSaved(actual, defaultRules(), catalog(), {id});
    checkInvariants(actual, cf, {id});
    QCOMPARE(cf.runStopped, stopped);
    if (stopped) {
        QCOMPARE(int(cf.survivors.size()), 38);
        QCOMPARE(cf.analysis->headline(defaultRules()), QStringLiteral("Destroys nothing."));
        QVERIFY(cf.analysis->findings.empty());
    } else {
        QCOMPARE(addresses(actual, cf.survivors), survivors);
    }
    QCOMPARE(addresses(actual, cf.dataKept), dataKept);
    QCOMPARE(keys(cf.removed), removed);
    QCOMPARE(cf.effects.size(), 1);
    QVERIFY2(cf.effects[0].contains(effect), qPrintable(cf.effects[0]));
    // The database is still destroyed unless deletion protection or a stop saved it.
    const int db = actual.graph().find(QStringLiteral("module.database.aws_db_instance.edu"));
    QCOMPARE(
        cf.analysis->impact.destroys(db), !stopped && id != QLatin1String("deletion-protection"));
    // The snapshots depend on the database and are destroyed before it is tried.
    if (id == QLatin1String("deletion-protection"))
        QVERIFY(cf.analysis->impact.destroys(
            actual.graph().find(QStringLiteral("module.database.aws_db_snapshot.pre_migration"))));
}

void TestProtections::allTogetherOnIncident()
{
    const Analysis actual = incident();
    const Counterfactual all
        = whatWouldHaveSaved(actual, defaultRules(), catalog(), catalog().ids());
    checkInvariants(actual, all, catalog().ids());
    QVERIFY(all.runStopped); // prevent_destroy dominates
    QVERIFY(all.stopReason.contains(QLatin1String("Instance cannot be destroyed")));
    QCOMPARE(int(all.survivors.size()), 38);
    QCOMPARE(all.effects.size(), 5);
    QVERIFY(all.effects[0].startsWith(QLatin1String("Moot here")));
    // Without the stop: deletion protection, a final snapshot and retained backups together.
    const QStringList three = {QStringLiteral("retain-automated-backups"),
        QStringLiteral("deletion-protection"), QStringLiteral("final-snapshot")};
    const Counterfactual cf = whatWouldHaveSaved(actual, defaultRules(), catalog(), three);
    checkInvariants(actual, cf, three);
    QVERIFY(!cf.runStopped);
    QCOMPARE(int(cf.survivors.size()), 12);
    QVERIFY(cf.dataKept.empty()); // the database survives: its data needs no snapshot
    QVERIFY(cf.effects[1].startsWith(QLatin1String("Moot here: every resource it covers")));
}

void TestProtections::stoppedByStateLocking_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("warning");
    QTest::addColumn<int>("survivors");
    QTest::newRow("missing-state")
        << QStringList {resource(QStringLiteral("scenarios/missing-state/plan.json"))}
        << QStringLiteral("missing-state") << 0;
    QTest::newRow("stale-state") << QStringList {resource(QStringLiteral(
                                                     "scenarios/stale-state/latest.tfstate")),
        resource(QStringLiteral("scenarios/stale-state/restored.tfstate"))}
                                 << QStringLiteral("stale-state") << 4;
    QTest::newRow("foreign-state")
        << QStringList {fixture(QStringLiteral("state-v4-current.tfstate")),
               fixture(QStringLiteral("state-v4-foreign.tfstate"))}
        << QStringLiteral("foreign-state") << -1;
}

void TestProtections::stoppedByStateLocking()
{
    QFETCH(QStringList, files);
    QFETCH(QString, warning);
    QFETCH(int, survivors);
    const Analysis actual = analysisOf(files);
    const QStringList ids = {QStringLiteral("state-locking")};
    const Counterfactual cf = whatWouldHaveSaved(actual, defaultRules(), catalog(), ids);
    checkInvariants(actual, cf, ids);
    QVERIFY(cf.runStopped);
    QVERIFY2(cf.stopReason.contains(warning), qPrintable(cf.stopReason));
    QCOMPARE(cf.survivors.size(), actual.impact.destroyOrder.size());
    if (survivors >= 0)
        QCOMPARE(int(cf.survivors.size()), survivors);
    // Nothing is applied: the creates of the missing-state plan do not happen either.
    for (Action a : cf.analysis->impact.actions)
        QVERIFY(a == Action::NoOp || a == Action::Read);
    QVERIFY(cf.analysis->findings.empty());
    // The warnings describe the plan and its state: they stay.
    QCOMPARE(cf.analysis->warnings.size(), actual.warnings.size());
}

void TestProtections::scenarioInvariants_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<int>("policy"); // 0 none, 1 the default, 2 the default protecting all
    const std::vector<Scenario> scenarios = mustHave(bundledScenarios());
    QVERIFY(!scenarios.empty());
    for (int policy : {0, 1, 2}) {
        const QString suffix = QStringList {
            QString(), QStringLiteral(" +policy"), QStringLiteral(" +protect-all")}[policy];
        for (const Scenario &s : scenarios) {
            const QStringList files = s.compare.isEmpty() ? QStringList {s.files[0]} : s.compare;
            for (const QString &id : catalog().ids())
                QTest::newRow(qPrintable(s.name + QLatin1Char('/') + id + suffix))
                    << files << QStringList {id} << policy;
            QTest::newRow(qPrintable(s.name + QStringLiteral("/all") + suffix))
                << files << catalog().ids() << policy;
        }
    }
}

void TestProtections::scenarioInvariants()
{
    QFETCH(QStringList, files);
    QFETCH(QStringList, ids);
    QFETCH(int, policy);
    const Analysis actual
        = policy == 0 ? analysisOf(files) : withPolicy(analysisOf(files), policy == 2);
    checkInvariants(actual, whatWouldHaveSaved(actual, defaultRules(), catalog(), ids), ids);
}

void TestProtections::corpusInvariants_data()
{
    QTest::addColumn<QString>("path");
    BG_REQUIRE_CORPUS();
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestProtections::corpusInvariants()
{
    QFETCH(QString, path);
    Result<Document> loaded = loadDocument(path);
    if (!loaded.ok())
        QSKIP("not a plan or state Blastguard reads (the corpus keeps some on purpose)");
    Document doc = std::move(loaded.value());
    const Analysis actual = doc.kind == DocumentKind::Plan
        ? analyse(std::move(doc), defaultRules())
        : analyseWhatIf(std::move(doc), defaultRules(), {});
    for (const Analysis &a : {actual, withPolicy(actual), withPolicy(actual, true)}) {
        for (const QString &id : catalog().ids()) {
            checkInvariants(a, whatWouldHaveSaved(a, defaultRules(), catalog(), {id}), {id});
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("with %1").arg(id)));
        }
        checkInvariants(
            a, whatWouldHaveSaved(a, defaultRules(), catalog(), catalog().ids()), catalog().ids());
        if (QTest::currentTestFailed())
            return;
    }
}

// A data store deleted because its resource block is gone has no lifecycle block left for
// Terraform to honour: prevent_destroy does not stop that run, and says why.
void TestProtections::preventDestroyNeedsConfig()
{
    const QString plan = fixture(QStringLiteral("plan-no-config-delete.json"));
    const Analysis actual = analysisOf({plan});
    QVERIFY(!actual.impact.destroyOrder.empty());
    const QStringList ids {QStringLiteral("prevent-destroy")};
    const Counterfactual cf = whatWouldHaveSaved(actual, defaultRules(), catalog(), ids);
    checkInvariants(actual, cf, ids);
    QVERIFY(!cf.runStopped);
    QVERIFY(cf.survivors.empty());
    QVERIFY2(cf.effects.value(0).contains(QLatin1String("its resource block is gone from the "
                                                        "configuration")),
        qPrintable(cf.effects.value(0)));

    const Run run = cli({QStringLiteral("saved-by"), plan, QStringLiteral("--with"), ids[0]});
    QCOMPARE(run.code, 0);
    QVERIFY2(!run.out.contains(QLatin1String("The run stops")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("Terraform honours prevent_destroy only from the "
                                            "lifecycle block")),
        qPrintable(run.out));

    // The same deletes as deposed objects, still in the configuration: Terraform destroys a
    // deposed object whatever the lifecycle block says.
    QTemporaryDir dir;
    const QString deposed
        = editedCopy(dir, QStringLiteral("deposed.json"), plan, [](QJsonArray &changes) {
              for (qsizetype i = 0; i < changes.size(); ++i) {
                  QJsonObject rc = changes[i].toObject();
                  if (!rc.contains(QStringLiteral("action_reason")))
                      continue;
                  rc.remove(QStringLiteral("action_reason"));
                  rc.insert(QStringLiteral("deposed"), QStringLiteral("0a1b2c3d"));
                  changes[i] = rc;
              }
          });
    const Analysis old = analysisOf({deposed});
    QVERIFY(!old.impact.destroyOrder.empty());
    const Counterfactual cfOld = whatWouldHaveSaved(old, defaultRules(), catalog(), ids);
    checkInvariants(old, cfOld, ids);
    QVERIFY(!cfOld.runStopped);
    QVERIFY2(cfOld.effects.value(0).contains(QLatin1String("it is a deposed object")),
        qPrintable(cfOld.effects.value(0)));
}

void TestProtections::cliSavedBy()
{
    const Run text = cli({QStringLiteral("saved-by"), QStringLiteral("scenario:incident")});
    QCOMPARE(text.code, 0);
    QVERIFY2(text.err.isEmpty(), qPrintable(text.err));
    for (const char *phrase : {"In reality: Deletes 1 database, 2 snapshots and 1 storage resource",
             "deletion_protection = true on the database module.database.aws_db_instance.edu",
             "would have saved them and 10 resources they depend on",
             "Destroyed, data kept: module.database.aws_db_instance.edu",
             "All five together: the run stops, because `terraform plan` fails",
             "raises none of the warnings it answers"})
        QVERIFY2(text.out.contains(QLatin1String(phrase)), phrase);

    const Run json = cli({QStringLiteral("saved-by"), QStringLiteral("scenario:incident"),
        QStringLiteral("--with"), QStringLiteral("deletion-protection"), QStringLiteral("--format"),
        QStringLiteral("json")});
    QCOMPARE(json.code, 0);
    const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(
        root.value(QStringLiteral("schema")).toString(), QStringLiteral("blastguard.saved-by/v1"));
    const QJsonArray sections = root.value(QStringLiteral("counterfactuals")).toArray();
    QCOMPARE(sections.size(), 1);
    QCOMPARE(sections[0].toObject().value(QStringLiteral("survivors")).toArray().size(), 12);
    QCOMPARE(root.value(QStringLiteral("actual")).toObject().value(QStringLiteral("critical")),
        QJsonValue(6));

    const Run md = cli({QStringLiteral("saved-by"), QStringLiteral("scenario:stale-state"),
        QStringLiteral("--with"), QStringLiteral("state-locking,final-snapshot"),
        QStringLiteral("--format"), QStringLiteral("markdown")});
    QCOMPARE(md.code, 0);
    QVERIFY(md.out.startsWith(QLatin1String("# What would have saved you")));
    QVERIFY(md.out.contains(QLatin1String("## These two together")));
    QVERIFY(md.out.contains(QLatin1String("stale-state")));

    // One protection named twice is one protection, not "these two together".
    const Run once = cli({QStringLiteral("saved-by"), QStringLiteral("scenario:incident"),
        QStringLiteral("--with"), QStringLiteral("final-snapshot")});
    const Run twice = cli({QStringLiteral("saved-by"), QStringLiteral("scenario:incident"),
        QStringLiteral("--with"), QStringLiteral("final-snapshot, final-snapshot"),
        QStringLiteral("--with"), QStringLiteral("final-snapshot")});
    QCOMPARE(once.code, 0);
    QCOMPARE(twice.code, 0);
    QVERIFY2(!twice.out.contains(QLatin1String("together")), qPrintable(twice.out));
    QCOMPARE(twice.out, once.out);
}

void TestProtections::cliWithErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QString incidentArg = QStringLiteral("scenario:incident");
    QTest::newRow("unknown id") << QStringList {QStringLiteral("saved-by"), incidentArg,
        QStringLiteral("--with"), QStringLiteral("deletion-protection,seatbelts")}
                                << 1 << QStringLiteral("unknown protection \"seatbelts\"");
    QTest::newRow("empty --with") << QStringList {QStringLiteral("saved-by"), incidentArg,
        QStringLiteral("--with"), QStringLiteral(",")}
                                  << 1 << QStringLiteral("--with needs at least one protection id");
    QTest::newRow("no file") << QStringList {QStringLiteral("saved-by")} << 1
                             << QStringLiteral("saved-by takes");
    QTest::newRow("bad format") << QStringList {QStringLiteral("saved-by"), incidentArg,
        QStringLiteral("--format"), QStringLiteral("svg")}
                                << 1 << QStringLiteral("unknown format \"svg\"");
    QTest::newRow("--with elsewhere") << QStringList {QStringLiteral("report"), incidentArg,
        QStringLiteral("--with"), QStringLiteral("final-snapshot")}
                                      << 1 << QStringLiteral("report does not take --with");
    QTest::newRow("unreadable") << QStringList {QStringLiteral("saved-by"),
        fixture(QStringLiteral("bad-truncated.json"))}
                                << 2 << QStringLiteral("bad-truncated.json");
    QTest::newRow("plan in a pair") << QStringList {QStringLiteral("saved-by"),
        fixture(QStringLiteral("state-v4-current.tfstate")),
        fixture(QStringLiteral("plan-db-replace.json"))}
                                    << 2 << QStringLiteral("compares states; this is a plan");
}

void TestProtections::cliWithErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run run = cli(args);
    QCOMPARE(run.status, QProcess::NormalExit);
    QCOMPARE(run.code, code);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void TestProtections::cliNoSecrets_data()
{
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QString>("secrets");
    QTest::newRow("incident") << QStringList {QStringLiteral("scenario:incident")}
                              << fixture(QStringLiteral("incident.secrets.txt"));
    QTest::newRow("plan-sensitive") << QStringList {fixture(QStringLiteral("plan-sensitive.json"))}
                                    << fixture(QStringLiteral("plan-sensitive.secrets.txt"));
    QTest::newRow("state pair") << QStringList {fixture(QStringLiteral("state-v4-current.tfstate")),
        fixture(QStringLiteral("state-v4-stale.tfstate"))}
                                << fixture(QStringLiteral("state-secrets.txt"));
}

void TestProtections::cliNoSecrets()
{
    QFETCH(QStringList, inputs);
    QFETCH(QString, secrets);
    QStringList listed;
    for (const QByteArray &line : readAll(secrets).split('\n')) {
        if (!line.trimmed().isEmpty())
            listed.append(QString::fromUtf8(line.trimmed()));
    }
    QVERIFY(!listed.isEmpty());
    for (const char *format : {"text", "markdown", "json"}) {
        const Run run = cli(QStringList {QStringLiteral("saved-by")} + inputs
            + QStringList {QStringLiteral("--format"), QLatin1String(format)});
        QCOMPARE(run.code, 0);
        for (const QString &secret : listed)
            QVERIFY2(!run.out.contains(secret) && !run.err.contains(secret),
                qPrintable(
                    QStringLiteral("saved-by --format %1 shows \"%2\"").arg(format, secret)));
    }
}

QTEST_GUILESS_MAIN(TestProtections)
#include "tst_protections.moc"
