// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The details panel: what happens to one resource and why, and its attributes as a masked
// before/after diff. No secret may ever reach the screen, and no address or value is markup.
#include "testutils.h"
#include "ui/detailspanel.h"

#include <QTextBrowser>

using namespace bg::core;
using namespace bg::tests;
using bg::ui::DetailsPanel;

// Declared before the inline JSON below: moc stops reading at raw string literals.
class TestDetailsPanel : public QObject {
    Q_OBJECT

private slots:
    void empty();
    void noSecrets_data();
    void noSecrets();
    void incidentDatabase();
    void replacedEngine();
    void unknownAfterApply();
    void unchangedCollapsed();
    void flags();
    void chain();
    void longChainCut();
    void htmlEscaped();
    void rowCap();
    void noRulesNoValues();
    void identityAndNextPlan();
};

namespace {

QByteArray onePlan(const QByteArray &address, const QByteArray &index, const QByteArray &change)
{
    return R"({"format_version":"1.2","resource_changes":[{"address":)" + address
        + R"(,"type":"aws_s3_bucket","name":"b")"
        + (index.isEmpty() ? QByteArray() : ",\"index\":" + index) + R"(,"change":)" + change
        + "}]}";
}

// The diff row of one attribute as plain text, "~ changed engine "mysql" "mariadb"": each
// table cell is a paragraph of its own, the change first and the path second.
QString rowOf(const QString &text, const QString &path)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 1; i + 2 < lines.size(); ++i) {
        if (lines[i] == path)
            return lines.mid(i - 1, 4).join(QLatin1Char(' '));
    }
    return {};
}

} // namespace

void TestDetailsPanel::empty()
{
    DetailsPanel panel;
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-db-replace.json")));
    panel.setAnalysis(a, &defaultRules());
    QCOMPARE(panel.currentNode(), -1);
    panel.showNode(0);
    QVERIFY(panel.toPlainText().contains(a->document().resources[0].id));
    panel.clear();
    QCOMPARE(panel.currentNode(), -1);
    QVERIFY(!panel.toPlainText().contains(a->document().resources[0].id));
    panel.showNode(999);
    QCOMPARE(panel.currentNode(), -1);
    panel.showNode(-1);
    QCOMPARE(panel.currentNode(), -1);
}

void TestDetailsPanel::noSecrets_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("secrets");
    QTest::newRow("plan-sensitive") << fixture(QStringLiteral("plan-sensitive.json"))
                                    << fixture(QStringLiteral("plan-sensitive.secrets.txt"));
    QTest::newRow("plan-masking-patterns")
        << fixture(QStringLiteral("plan-masking-patterns.json"))
        << fixture(QStringLiteral("plan-masking-patterns.secrets.txt"));
    for (const char *name :
        {"plan-db-replace.json", "plan-no-config-delete.json", "plan-safe-updates.json",
            "plan-deposed.json", "plan-keys-secrets.json", "plan-missing-state.json"})
        QTest::newRow(name) << fixture(QLatin1String(name)) << QString();
    for (const char *name : {"state-v4-current.tfstate", "state-v4-stale.tfstate",
             "state-v4-foreign.tfstate", "state-show.json"})
        QTest::newRow(name) << fixture(QLatin1String(name))
                            << fixture(QStringLiteral("state-secrets.txt"));
}

void TestDetailsPanel::noSecrets()
{
    QFETCH(QString, path);
    QFETCH(QString, secrets);
    QStringList needles {QStringLiteral("S3cr3t")};
    if (!secrets.isEmpty()) {
        for (const QString &line :
            QString::fromUtf8(readAll(secrets)).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            needles.append(line.trimmed());
        QVERIFY(needles.size() > 2);
    }
    const auto plan = sharedAnalysis(path);
    // A state shows only when simulated as a destroy; a what-if must be masked the same way.
    const auto whatIf
        = std::make_shared<const Analysis>(analyseWhatIf(mustLoad(path), defaultRules(), {}));
    DetailsPanel panel;
    for (const auto &a : {plan, whatIf}) {
        panel.setAnalysis(a, &defaultRules());
        for (bool all : {false, true}) {
            panel.setShowUnchanged(all);
            for (int node = 0; node < int(a->document().resources.size()); ++node) {
                panel.showNode(node);
                const QString text = panel.toPlainText(), html = panel.toHtml();
                QVERIFY(text.contains(a->document().resources[node].id));
                for (const QString &secret : needles) {
                    QVERIFY2(!text.contains(secret), qPrintable(a->document().resources[node].id));
                    QVERIFY2(!html.contains(secret) && !html.contains(secret.toHtmlEscaped()),
                        qPrintable(a->document().resources[node].id));
                }
            }
        }
    }
}

void TestDetailsPanel::incidentDatabase()
{
    const auto a = sharedAnalysis(resource(QStringLiteral("scenarios/incident/plan.json")));
    const int db = a->graph().find(QStringLiteral("module.database.aws_db_instance.edu"));
    QVERIFY(db >= 0);
    DetailsPanel panel;
    panel.setAnalysis(a, &defaultRules());
    panel.showNode(db);
    const QString text = panel.toPlainText();
    QVERIFY(text.contains(QStringLiteral("module.database.aws_db_instance.edu")));
    QVERIFY(text.contains(QStringLiteral("aws_db_instance")));
    QVERIFY(text.contains(QStringLiteral("delete")));
    QVERIFY(text.contains(QStringLiteral("database")));
    QVERIFY(text.contains(QStringLiteral("managed resource")));
    QVERIFY(text.contains(QStringLiteral("registry.terraform.io/hashicorp/aws"))); // provider
    QVERIFY(text.contains(QStringLiteral("skip_final_snapshot")));
    QVERIFY(text.contains(QStringLiteral("CRITICAL")));
    for (const QString &reason : a->impact.reasonsOf(a->document(), db))
        QVERIFY2(text.contains(reason), qPrintable(reason));
    int findings = 0;
    for (const Finding &f : a->findings) {
        if (f.node == db) {
            ++findings;
            QVERIFY2(text.contains(f.message.text()), qPrintable(f.message.text()));
            QVERIFY(text.contains(f.code));
        }
    }
    QVERIFY(findings >= 3);
    // Deleted: every attribute goes, the password among them, masked.
    const QString password = rowOf(text, QStringLiteral("password"));
    QVERIFY2(password.contains(QStringLiteral("removed"))
            && password.contains(QStringLiteral("(sensitive)")),
        qPrintable(password));
    QVERIFY(!text.contains(QStringLiteral("edu-Pr0d-pg-Zq7x4Mv2Lr9")));
    QVERIFY(rowOf(text, QStringLiteral("skip_final_snapshot")).contains(QStringLiteral("true")));
}

void TestDetailsPanel::replacedEngine()
{
    // The row's words: the change, then "forces replacement"; before left of after.
    // (Which rows there are is core's, tested in tst_attributediff.)
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-db-replace.json")));
    const int db = a->graph().find(QStringLiteral("aws_db_instance.orders"));
    DetailsPanel panel;
    panel.setAnalysis(a, &defaultRules());
    panel.showNode(db);
    const QString text = panel.toPlainText();
    QVERIFY(text.contains(QStringLiteral("replace (destroy, then create)")));
    QCOMPARE(rowOf(text, QStringLiteral("engine")),
        QStringLiteral("~ changed, forces replacement engine \"mysql\" \"mariadb\""));
}

void TestDetailsPanel::unknownAfterApply()
{
    // A value known only after apply reads as Terraform prints it: added on a create, changed
    // on an update, in the attribute order.
    const auto created = sharedAnalysisOfJson(
        onePlan(R"("aws_s3_bucket.b")", {}, R"({"actions":["create"],"before":null,
        "after":{"bucket":"b"},"after_unknown":{"arn":true}})"));
    DetailsPanel panel;
    panel.setAnalysis(created, &defaultRules());
    panel.showNode(0);
    QString text = panel.toPlainText();
    QCOMPARE(
        rowOf(text, QStringLiteral("arn")), QStringLiteral("+ added arn — (known after apply)"));
    QVERIFY(text.indexOf(QStringLiteral("\narn\n")) < text.indexOf(QStringLiteral("\nbucket\n")));
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-db-replace.json")));
    panel.setAnalysis(a, &defaultRules());
    panel.showNode(a->graph().find(QStringLiteral("aws_db_instance.orders")));
    text = panel.toPlainText();
    QVERIFY2(
        rowOf(text, QStringLiteral("endpoint")).startsWith(QStringLiteral("~ changed endpoint")),
        qPrintable(rowOf(text, QStringLiteral("endpoint"))));
    QVERIFY(
        rowOf(text, QStringLiteral("endpoint")).endsWith(QStringLiteral("(known after apply)")));
}

void TestDetailsPanel::unchangedCollapsed()
{
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-safe-updates.json")));
    const int vpc = a->graph().find(QStringLiteral("aws_vpc.main"));
    QVERIFY(vpc >= 0);
    DetailsPanel panel;
    panel.setAnalysis(a, &defaultRules());
    panel.showNode(vpc);
    QString text = panel.toPlainText();
    QVERIFY2(text.contains(QStringLiteral("unchanged attributes hidden")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("changed")));
    QVERIFY(!text.contains(QStringLiteral("= unchanged")));
    const int collapsedLength = int(text.size());
    // The link in the panel toggles it, like the setter.
    emit panel.browser()->anchorClicked(QUrl(QStringLiteral("blastguard:toggle-unchanged")));
    QVERIFY(panel.showUnchanged());
    text = panel.toPlainText();
    QVERIFY(text.contains(QStringLiteral("= unchanged")));
    QVERIFY(text.size() > collapsedLength);
    panel.setShowUnchanged(false);
    QVERIFY(!panel.toPlainText().contains(QStringLiteral("= unchanged")));
}

void TestDetailsPanel::flags()
{
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-deposed.json")));
    DetailsPanel panel;
    panel.setAnalysis(a, &defaultRules());
    panel.showNode(a->graph().find(QStringLiteral("aws_db_instance.analytics")));
    QVERIFY(panel.toPlainText().contains(QStringLiteral("tainted")));
    for (int node = 0; node < int(a->document().resources.size()); ++node) {
        const Resource &r = a->document().resources[node];
        panel.showNode(node);
        if (!r.address.deposed.isEmpty())
            QVERIFY(panel.toPlainText().contains(
                QStringLiteral("deposed object ") + r.address.deposed));
        if (r.createBeforeDestroy)
            QVERIFY(
                panel.toPlainText().contains(QStringLiteral("replace (create before destroy)")));
    }
    // A moved resource names where it was.
    const auto moved = sharedAnalysisOfJson(onePlan(R"("aws_s3_bucket.b")", {},
        R"({"actions":["no-op"],"before":{"bucket":"b"},"after":{"bucket":"b"}},"previous_address":"aws_s3_bucket.old")"));
    panel.setAnalysis(moved, &defaultRules());
    panel.showNode(0);
    QVERIFY2(panel.toPlainText().contains(QStringLiteral("aws_s3_bucket.old")),
        qPrintable(panel.toPlainText()));
}

void TestDetailsPanel::chain()
{
    const auto a = std::make_shared<const Analysis>(
        analyseWhatIf(mustLoad(fixture(QStringLiteral("state-v4-current.tfstate"))), defaultRules(),
            {QStringLiteral("aws_vpc.main")}));
    DetailsPanel panel;
    panel.setAnalysis(a, &defaultRules());
    int chained = 0;
    for (int node = 0; node < int(a->document().resources.size()); ++node) {
        const QStringList chain = a->impact.chain(a->document(), node);
        panel.showNode(node);
        if (chain.size() < 2) {
            QVERIFY(!panel.toPlainText().contains(QStringLiteral("Pulled in by")));
            continue;
        }
        ++chained;
        QVERIFY(panel.toPlainText().contains(chain.join(QStringLiteral(" → "))));
    }
    QVERIFY(chained >= 10);
}

// A chain longer than MaxChainShown: its start, how many are left out, its end.
void TestDetailsPanel::longChainCut()
{
    constexpr int Line = 30;
    QByteArray changes, prior;
    for (int i = 0; i < Line; ++i) {
        const QByteArray n = QByteArray::number(i);
        changes += R"({"address":"aws_instance.r)" + n
            + R"(","mode":"managed","type":"aws_instance","name":"r)" + n
            + R"(","change":{"actions":["delete","create"],"before":{},"after":{}}},)";
        prior += R"({"address":"aws_instance.r)" + n
            + R"(","mode":"managed","type":"aws_instance","name":"r)" + n
            + R"(","values":{},"depends_on":[)"
            + (i + 1 < Line ? R"("aws_instance.r)" + QByteArray::number(i + 1) + '"' : QByteArray())
            + "]},";
    }
    changes.chop(1);
    prior.chop(1);
    const auto a = sharedAnalysisOfJson(R"({"format_version":"1.2","resource_changes":[)" + changes
        + R"(],"prior_state":{"values":{"root_module":{"resources":[)" + prior + "]}}}}");
    QVERIFY(a);
    DetailsPanel panel;
    panel.setAnalysis(a, &defaultRules());
    panel.showNode(a->graph().find(QStringLiteral("aws_instance.r0")));
    QStringList shown;
    for (int i = 0; i < DetailsPanel::MaxChainShown - 1; ++i)
        shown.append(QStringLiteral("aws_instance.r%1").arg(i));
    shown << QStringLiteral("… %1 more …").arg(Line - DetailsPanel::MaxChainShown)
          << QStringLiteral("aws_instance.r%1").arg(Line - 1);
    const QString text = panel.toPlainText();
    QVERIFY2(text.contains(shown.join(QStringLiteral(" → "))), qPrintable(text));
}

void TestDetailsPanel::htmlEscaped()
{
    const auto a = sharedAnalysisOfJson(onePlan(R"("aws_s3_bucket.b[\"<b>&'\\\"x\"]")",
        R"("<b>&'\"x")",
        R"({"actions":["update"],"before":{"bucket":"<i>old</i>","tags":{"<k>":"a&b"}},"after":{"bucket":"<script>alert(1)</script>","tags":{"<k>":"a&b"}}})"));
    DetailsPanel panel;
    panel.setAnalysis(a, &defaultRules());
    panel.setShowUnchanged(true);
    panel.showNode(0);
    const QString text = panel.toPlainText(), html = panel.toHtml();
    QVERIFY2(text.contains(QStringLiteral("aws_s3_bucket.b[\"<b>&'\\\"x\"]")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("\"<i>old</i>\"")));
    QVERIFY(text.contains(QStringLiteral("<script>alert(1)</script>")));
    QVERIFY(text.contains(QStringLiteral("tags.<k>")));
    QVERIFY(text.contains(QStringLiteral("\"a&b\"")));
    QVERIFY(!html.contains(QStringLiteral("<script>")) && !html.contains(QStringLiteral("<b>&")));
    QVERIFY(html.contains(QStringLiteral("&lt;script&gt;")));
}

void TestDetailsPanel::rowCap()
{
    QByteArray attributes;
    for (int i = 0; i < 2000; ++i)
        attributes += (i ? "," : "") + QByteArray("\"attr_")
            + QByteArray::number(i).rightJustified(4, '0') + "\":" + QByteArray::number(i);
    const auto a = sharedAnalysisOfJson(onePlan(R"("aws_s3_bucket.b")", {},
        R"({"actions":["create"],"before":null,"after":{)" + attributes + "}}"));
    DetailsPanel panel;
    panel.setAnalysis(a, &defaultRules());
    panel.showNode(0);
    const QString text = panel.toPlainText();
    QVERIFY(text.contains(QStringLiteral("Showing the first 500 of 2000 rows.")));
    QVERIFY(!rowOf(text, QStringLiteral("attr_0499")).isEmpty());
    QVERIFY(rowOf(text, QStringLiteral("attr_0500")).isEmpty());
}

void TestDetailsPanel::noRulesNoValues()
{
    const auto a = sharedAnalysis(fixture(QStringLiteral("plan-sensitive.json")));
    DetailsPanel panel;
    panel.setAnalysis(a, nullptr);
    panel.showNode(0);
    QVERIFY(panel.toPlainText().contains(a->document().resources[0].id));
    QVERIFY(panel.toPlainText().contains(QStringLiteral("Values are hidden")));
}

// The resource identity (Terraform 1.12+) shows masked; in a state, a tainted or deposed
// object says what the next plan does to it. Without rules, no identity value shows.
void TestDetailsPanel::identityAndNextPlan()
{
    const auto plan = sharedAnalysis(fixture(QStringLiteral("plan-deferred-actions.json")));
    DetailsPanel panel;
    panel.setAnalysis(plan, &defaultRules());
    panel.showNode(plan->graph().find(QStringLiteral("aws_instance.web")));
    QString text = panel.toPlainText();
    QVERIFY2(
        text.contains(QStringLiteral("Identity\naccount_id\n\"210987654321\"")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("region\n\"us-east-1\"")));
    QVERIFY(!text.contains(QStringLiteral("Next plan")));

    const auto state = sharedAnalysis(fixture(QStringLiteral("state-v4-tainted.tfstate")));
    panel.setAnalysis(state, &defaultRules());
    panel.showNode(state->graph().find(QStringLiteral("aws_db_instance.db")));
    text = panel.toPlainText();
    QVERIFY2(text.contains(QStringLiteral("Next plan\nreplaced (replace_because_tainted)")),
        qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("Identity")));
    panel.showNode(
        state->graph().find(QStringLiteral("aws_instance.web (deposed object 4f1c9a2e)")));
    text = panel.toPlainText();
    QVERIFY2(
        text.contains(QStringLiteral("Next plan\ndeleted: a deposed object")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("\"i-07e3b9d1f5a2c4680\"")));
    panel.showNode(state->graph().find(QStringLiteral("aws_instance.web")));
    QVERIFY(!panel.toPlainText().contains(QStringLiteral("Next plan")));

    panel.setAnalysis(state, nullptr);
    panel.showNode(state->graph().find(QStringLiteral("aws_instance.web")));
    QVERIFY(!panel.toPlainText().contains(QStringLiteral("i-0c7a2e5f9b1d34860")));
}

QTEST_MAIN(TestDetailsPanel)
#include "tst_detailspanel.moc"
