// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The guarded confirm: the button enables only with every box ticked, the exact phrase typed
// and a hold passed; any change cancels the hold; Enter never confirms; confirming writes an
// approval bound to this very plan; an errored or unloaded plan can never be approved.
#include "gatetestutils.h"
#include "testutils.h"
#include "ui/confirmdialog.h"
#include "unseentext.h"

#include <QApplication>
#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <map>

using namespace bg::core;
using namespace bg::tests;
using bg::ui::ConfirmDialog;

class TestConfirmDialog : public QObject {
    Q_OBJECT

private slots:
    void showsOneBoxPerKindOfFinding();
    void manyFindingsFewTicks();
    void guard_data();
    void guard();
    void changeDuringHoldCancelsIt();
    void enterNeverConfirms();
    void confirmWritesApproval();
    void noKeyNoApproval();
    void unapprovablePlanNeverEnables_data();
    void unapprovablePlanNeverEnables();
    void unseenCharactersNotShown();
};

namespace {

ConfirmDialog::Signing aliceSigns()
{
    return {shippedPolicy(), TestKeys::get().key(QStringLiteral("alice"))};
}

const QString Incident = QStringLiteral("scenarios/incident/plan.json");

Analysis analysed(const QString &path)
{
    return analyse(mustLoad(path), defaultRules());
}

void tickAll(ConfirmDialog &dialog, bool checked = true)
{
    for (QCheckBox *box : dialog.checkBoxes())
        box->setChecked(checked);
}

void typePhrase(ConfirmDialog &dialog, const QString &text)
{
    dialog.phraseEdit()->clear();
    QTest::keyClicks(dialog.phraseEdit(), text);
}

} // namespace

void TestConfirmDialog::showsOneBoxPerKindOfFinding()
{
    const Analysis a = analysed(resource(Incident));
    ConfirmDialog dialog(a, defaultRules(), QStringLiteral("alice"), aliceSigns());
    QCOMPARE(dialog.phrase(), QStringLiteral("destroy 38 incl. edu-prod"));
    QVERIFY(dialog.blockers().isEmpty());
    // One box per kind (code) of critical finding, then one per warning the gate needs
    // acknowledged (the incident destroys everything in its state: delete-everything).
    const std::vector<Warning> warnings = gateWarnings(a);
    QCOMPARE(warnings.size(), size_t(1));
    QCOMPARE(warnings.front().code, QStringLiteral("delete-everything"));
    std::map<QString, QStringList> byCode;
    for (const Finding &f : a.findings) {
        if (f.severity == Severity::Critical)
            byCode[f.code].append(QStringLiteral("%1 — %2").arg(f.address, f.message.text()));
    }
    QVERIFY2(byCode.size() > 1, "the incident has several kinds of critical finding");
    QCOMPARE(dialog.checkBoxes().size(), qsizetype(byCode.size() + 1));
    // Each kind once: a single finding in its own words, several by count, code and the first
    // addresses, with every finding in the list behind it.
    int lists = 0;
    for (const auto &[code, lines] : byCode) {
        int found = 0;
        for (QCheckBox *box : dialog.checkBoxes()) {
            const QString text = box->text();
            if (lines.size() == 1
                    ? text == lines.first()
                    : text.startsWith(
                        QStringLiteral("%1 findings “%2”: ").arg(lines.size()).arg(code)))
                ++found;
        }
        QVERIFY2(found == 1, qPrintable(code));
        if (lines.size() > 1) {
            ++lists;
            bool listed = false;
            for (QLabel *list : dialog.kindLists()) {
                const QString text = list->text();
                listed = listed
                    || std::all_of(lines.begin(), lines.end(),
                        [&](const QString &line) { return text.contains(line); });
            }
            QVERIFY2(listed, qPrintable(code));
        }
    }
    QCOMPARE(dialog.kindLists().size(), lists);
    // The kind that destroys the database comes first, and names it first.
    QVERIFY2(dialog.checkBoxes().first()->text().contains(QStringLiteral("aws_db_instance")),
        qPrintable(dialog.checkBoxes().first()->text()));
    QVERIFY2(dialog.checkBoxes().last()->text().startsWith(
                 QStringLiteral("Warning delete-everything — ")),
        qPrintable(dialog.checkBoxes().last()->text()));
    QVERIFY(!dialog.isConfirmEnabled());
    for (QPushButton *button : dialog.findChildren<QPushButton *>())
        QVERIFY(!button->isDefault() && !button->autoDefault());
}

// 800 databases deleted at once: a handful of ticks, not 800; the record still covers each.
void TestConfirmDialog::manyFindingsFewTicks()
{
    QJsonArray changes;
    constexpr int Databases = 800;
    for (int i = 0; i < Databases; ++i) {
        const QString name = QStringLiteral("db%1").arg(i);
        changes.append(QJsonObject {{"address", "aws_db_instance." + name}, {"mode", "managed"},
            {"type", "aws_db_instance"}, {"name", name},
            {"provider_name", "registry.terraform.io/hashicorp/aws"},
            {"change",
                QJsonObject {{"actions", QJsonArray {"delete"}},
                    {"before",
                        QJsonObject {{"identifier", name}, {"skip_final_snapshot", true},
                            {"delete_automated_backups", true}}},
                    {"after", QJsonValue()}}}});
    }
    const QJsonObject plan {
        {"format_version", "1.2"}, {"terraform_version", "1.9.0"}, {"resource_changes", changes}};
    const auto a = sharedAnalysisOfJson(QJsonDocument(plan).toJson());
    QVERIFY(a->criticalCount() >= Databases);
    ConfirmDialog dialog(*a, defaultRules(), QStringLiteral("alice"), aliceSigns());
    QVERIFY2(
        dialog.checkBoxes().size() <= 6, qPrintable(QString::number(dialog.checkBoxes().size())));
    QVERIFY(dialog.phrase().startsWith(QStringLiteral("destroy 800 incl. ")));
    int listed = 0;
    for (QLabel *list : dialog.kindLists())
        listed += int(list->text().count(QStringLiteral("\n• "))) + 1;
    QCOMPARE(listed, a->criticalCount());
    QTemporaryDir dir;
    dialog.setSavePath(dir.filePath(QStringLiteral("many.approval.json")));
    dialog.setHoldDuration(0);
    tickAll(dialog);
    typePhrase(dialog, dialog.phrase());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isConfirmEnabled(), Patience);
    dialog.confirmButton()->click();
    const Result<Approval, ApprovalError> approval
        = readApproval(dir.filePath(QStringLiteral("many.approval.json")));
    QVERIFY2(approval, qPrintable(errorText(approval)));
    QCOMPARE(int(approval->acknowledged.size()), a->criticalCount());
    QCOMPARE(approval->deleted.size(), Databases);
}

void TestConfirmDialog::guard_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<int>("untick"); // a box left unticked: its index, -1 for none, -2 for the last
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("enables");

    const QString incident = resource(Incident);
    const QString phrase = QStringLiteral("destroy 38 incl. edu-prod");
    QTest::newRow("all ticked, right phrase") << incident << -1 << phrase << true;
    QTest::newRow("spaces around the phrase") << incident << -1 << "  " + phrase + " " << true;
    QTest::newRow("first box unticked") << incident << 0 << phrase << false;
    QTest::newRow("last box unticked") << incident << -2 << phrase << false;
    QTest::newRow("one char off") << incident << -1 << QStringLiteral("destroy 38 incl. edu-prud")
                                  << false;
    QTest::newRow("one char short") << incident << -1 << phrase.chopped(1) << false;
    QTest::newRow("one char more") << incident << -1 << phrase + "d" << false;
    QTest::newRow("extra spaces inside")
        << incident << -1 << QStringLiteral("destroy  38 incl. edu-prod") << false;
    QTest::newRow("different case")
        << incident << -1 << QStringLiteral("Destroy 38 incl. edu-prod") << false;
    QTest::newRow("nothing typed") << incident << -1 << QString() << false;
    const QString safe = fixture(QStringLiteral("plan-safe-updates.json"));
    QTest::newRow("no critical finding, right phrase")
        << safe << -1 << QStringLiteral("apply 3 changes") << true;
    QTest::newRow("no critical finding, no phrase") << safe << -1 << QString() << false;
}

void TestConfirmDialog::guard()
{
    QFETCH(QString, plan);
    QFETCH(int, untick);
    QFETCH(QString, typed);
    QFETCH(bool, enables);
    const Analysis a = analysed(plan);
    ConfirmDialog dialog(a, defaultRules(), QStringLiteral("alice"), aliceSigns());
    QVERIFY(untick < dialog.checkBoxes().size());
    if (!enables) {
        // With no hold at all the button would enable at once; it must not.
        dialog.setHoldDuration(0);
    } else {
        dialog.setHoldDuration(100);
    }
    tickAll(dialog);
    if (untick == -2)
        untick = int(dialog.checkBoxes().size()) - 1;
    if (untick >= 0)
        dialog.checkBoxes()[untick]->setChecked(false);
    typePhrase(dialog, typed);
    QVERIFY(!dialog.isConfirmEnabled()); // never before the hold
    if (enables) {
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isConfirmEnabled(), Patience);
    } else {
        QTest::qWait(200);
        QVERIFY(!dialog.isConfirmEnabled());
        QVERIFY(!dialog.confirmButton()->isEnabled());
    }
}

void TestConfirmDialog::changeDuringHoldCancelsIt()
{
    const Analysis a = analysed(resource(Incident));
    ConfirmDialog dialog(a, defaultRules(), QStringLiteral("alice"), aliceSigns());
    dialog.setHoldDuration(300);
    tickAll(dialog);
    typePhrase(dialog, dialog.phrase());
    QVERIFY(!dialog.isConfirmEnabled());
    // Ticked then unticked during the hold: stays disabled however long one waits.
    dialog.checkBoxes().last()->setChecked(false);
    QTest::qWait(900);
    QVERIFY(!dialog.isConfirmEnabled());

    // Everything back in place: a new hold, then enabled.
    dialog.checkBoxes().last()->setChecked(true);
    QVERIFY(!dialog.isConfirmEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isConfirmEnabled(), Patience);

    // Any change once enabled disables it again, even one that is undone at once.
    QTest::keyClick(dialog.phraseEdit(), Qt::Key_Backspace);
    QVERIFY(!dialog.isConfirmEnabled());
    QTest::keyClick(dialog.phraseEdit(), Qt::Key_D);
    QVERIFY(!dialog.isConfirmEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isConfirmEnabled(), Patience);
    dialog.checkBoxes().first()->setChecked(false);
    QVERIFY(!dialog.isConfirmEnabled());
}

void TestConfirmDialog::enterNeverConfirms()
{
    const Analysis a = analysed(resource(Incident));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("approval.json"));
    ConfirmDialog dialog(a, defaultRules(), QStringLiteral("alice"), aliceSigns());
    dialog.setSavePath(out);
    dialog.setHoldDuration(0);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto pressEnterEverywhere = [&] {
        for (int i = 0; i < 20; ++i) {
            QTest::keyClick(dialog.phraseEdit(), Qt::Key_Return);
            QTest::keyClick(dialog.phraseEdit(), Qt::Key_Enter, Qt::KeypadModifier);
            QTest::keyClick(&dialog, Qt::Key_Return);
            QTest::keyClick(&dialog, Qt::Key_Enter);
            QTest::keyClick(dialog.confirmButton(), Qt::Key_Return);
            if (!dialog.checkBoxes().isEmpty())
                QTest::keyClick(dialog.checkBoxes().first(), Qt::Key_Return);
        }
        QCoreApplication::processEvents();
    };
    pressEnterEverywhere(); // nothing in place
    tickAll(dialog);
    typePhrase(dialog, dialog.phrase());
    QVERIFY(dialog.isConfirmEnabled());
    dialog.confirmButton()->setFocus();
    pressEnterEverywhere(); // everything in place, button enabled: still only a click confirms

    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!QFileInfo::exists(out));
    QVERIFY(dialog.savedPath().isEmpty());
    for (QPushButton *button : dialog.findChildren<QPushButton *>())
        QVERIFY(!button->isDefault());
}

void TestConfirmDialog::confirmWritesApproval()
{
    const Analysis a = analysed(resource(Incident));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("incident.approval.json"));
    ConfirmDialog dialog(a, defaultRules(), QStringLiteral("alice"), aliceSigns());
    dialog.setSavePath(out);
    dialog.setHoldDuration(100);
    QSignalSpy saved(&dialog, &ConfirmDialog::approvalSaved);
    dialog.show();
    tickAll(dialog);
    typePhrase(dialog, dialog.phrase());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isConfirmEnabled(), Patience);
    QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);

    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.savedPath(), out);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.first().first().toString(), out);
    const Result<Approval, ApprovalError> approval = readApproval(out);
    QVERIFY2(approval, qPrintable(errorText(approval)));
    QCOMPARE(shippedMismatches(*approval, a), QStringList());
    QCOMPARE(approval->planSha256, fileSha256(a.document()));
    QCOMPARE(approval->deleted.size(), 38);
    QCOMPARE(approval->phrase, dialog.phrase());
    QCOMPARE(approval->approver, QStringLiteral("alice"));
    QCOMPARE(int(approval->acknowledged.size()), a.criticalCount());
    QCOMPARE(int(approval->acknowledgedWarnings.size()), 1);
    // Signed by alice's key, over the record's very bytes; the gate accepts it.
    const SignatureCheck check
        = verifyApprovalSignatures(out, approval->bytes, readAll(TestKeys::get().allowedSigners()));
    QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(QLatin1Char('\n'))));
    QCOMPARE(check.distinctSigners(), 1);
    QCOMPARE(check.signers.front().principal, QStringLiteral("alice@example.com"));
    const Run gate
        = cli(QStringList {QStringLiteral("gate"), resource(Incident)} + approvalArgs(out));
    QVERIFY2(gate.code == 0, qPrintable(gate.out + gate.err));
}

// Under a policy that requires signed approvals (the shipped one), nothing is saved without a
// key: the button stays disabled and says why.
void TestConfirmDialog::noKeyNoApproval()
{
    const Analysis a = analysed(resource(Incident));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("incident.approval.json"));
    ConfirmDialog dialog(a, defaultRules(), QStringLiteral("alice"), {shippedPolicy(), {}});
    dialog.setSavePath(out);
    dialog.setHoldDuration(0);
    dialog.show();
    tickAll(dialog);
    typePhrase(dialog, dialog.phrase());
    QCoreApplication::processEvents();
    QVERIFY(!dialog.isConfirmEnabled());
    bool said = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        said = said || label->text().contains(QLatin1String("no SSH key to sign with"));
    QVERIFY(said);
    QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
    QVERIFY(!QFileInfo::exists(out));
    // Naming the key enables it.
    dialog.keyEdit()->setText(TestKeys::get().key(QStringLiteral("alice")));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isConfirmEnabled(), Patience);
}

void TestConfirmDialog::unapprovablePlanNeverEnables_data()
{
    QTest::addColumn<QString>("plan"); // empty: a plan that failed to load
    QTest::addColumn<QString>("why");

    static QTemporaryDir dir;
    for (const QString &name :
        {QStringLiteral("plan-db-replace.json"), QStringLiteral("plan-safe-updates.json")}) {
        QJsonObject root = QJsonDocument::fromJson(readAll(fixture(name))).object();
        root.insert(QStringLiteral("errored"), true);
        const QString path = dir.filePath(name);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write(QJsonDocument(root).toJson()) > 0);
        QTest::newRow(qPrintable("errored " + name)) << path << "errored";
    }
    QTest::newRow("did not load") << QString() << "did not load";
    QTest::newRow("a state, not a plan")
        << fixture(QStringLiteral("state-v4-current.tfstate")) << "not a plan";
}

void TestConfirmDialog::unapprovablePlanNeverEnables()
{
    QFETCH(QString, plan);
    QFETCH(QString, why);
    const Analysis a = plan.isEmpty() ? Analysis() : analysed(plan);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("approval.json"));
    ConfirmDialog dialog(a, defaultRules(), QStringLiteral("alice"), aliceSigns());
    dialog.setSavePath(out);
    dialog.setHoldDuration(0);
    QVERIFY2(!dialog.blockers().filter(why).isEmpty(),
        qPrintable(dialog.blockers().join(QLatin1Char('\n'))));
    dialog.show();
    tickAll(dialog);
    dialog.phraseEdit()->setText(dialog.phrase());
    QTest::qWait(200);
    QVERIFY(!dialog.isConfirmEnabled());
    dialog.confirmButton()->click(); // disabled: does nothing
    QTest::keyClick(&dialog, Qt::Key_Return);
    QVERIFY(!QFileInfo::exists(out));
    QVERIFY(dialog.savedPath().isEmpty());
}

QTEST_MAIN(TestConfirmDialog)
#include "tst_confirmdialog.moc"

// The dialog a person approves from shows no character of the plan that acts unseen (a
// bidirectional override could make one address read as another), and its phrase holds none, so
// that it can be typed: the plan is still approved, by what can be seen (shown.h).
void TestConfirmDialog::unseenCharactersNotShown()
{
    QTemporaryDir dir;
    const Analysis a = analysed(writeUnseenPlan(dir));
    QVERIFY(a.criticalCount() > 0);
    ConfirmDialog dialog(a, defaultRules(), QStringLiteral("alice"), aliceSigns());
    UnseenCheck check;
    check.text(dialog.phrase(), "phrase");
    check.widgets(dialog);
    QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(QLatin1Char('\n'))));
    QVERIFY(check.texts > 20);
    // The labels hold the findings' text, its characters replaced: the check saw it.
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel *label) {
        return label->text().contains(QStringLiteral("gate: PASSED"));
    }));
    QVERIFY2(dialog.phrase().startsWith(QStringLiteral("destroy 2 incl. ")),
        qPrintable(dialog.phrase()));
    dialog.setSavePath(dir.filePath(QStringLiteral("unseen.approval.json")));
    dialog.setHoldDuration(0);
    tickAll(dialog);
    typePhrase(dialog, dialog.phrase());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isConfirmEnabled(), Patience);
}
