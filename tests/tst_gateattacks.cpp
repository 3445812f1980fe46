// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Ways an agent tried to get a destructive plan past `gate` without a person, each now a test
// that must block or reject. (Issue 13's list; the file grows as each attack is closed.)
#include "gatetestutils.h"

using namespace bg::tests;

class TestGateAttacks : public QObject {
    Q_OBJECT
private slots:
    void unreadableActionsAreRejected_data();
    void unreadableActionsAreRejected();
};

// Terraform writes change.actions as one of a few lists of lower-case strings
// (hashicorp/terraform internal/command/jsonplan, plans.Action's String()). A delete spelt any
// other way, or a change without actions, was counted as a no-op and the plan passed.
void TestGateAttacks::unreadableActionsAreRejected_data()
{
    QTest::addColumn<QJsonValue>("actions"); // undefined: the member is removed
    QTest::newRow("capitalised") << QJsonValue(QJsonArray {QStringLiteral("Delete")});
    QTest::newRow("a string, not a list") << QJsonValue(QStringLiteral("delete"));
    // Appended, not braced: clang reads QJsonArray {QJsonArray {...}} as a copy, not a nesting.
    QJsonArray nested;
    nested.append(QJsonArray {QStringLiteral("delete")});
    QTest::newRow("nested") << QJsonValue(nested);
    QTest::newRow("empty") << QJsonValue(QJsonArray {});
    QTest::newRow("null in the list") << QJsonValue(QJsonArray {QJsonValue()});
    QTest::newRow("delete twice") << QJsonValue(
        QJsonArray {QStringLiteral("delete"), QStringLiteral("delete")});
    QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("no actions member") << QJsonValue(QJsonValue::Undefined);
}

void TestGateAttacks::unreadableActionsAreRejected()
{
    QFETCH(QJsonValue, actions);
    QTemporaryDir dir;
    QString address;
    const QString plan = editedCopy(
        dir, QStringLiteral("plan.json"), incident(), [&](QJsonArray &changes) {
            for (qsizetype i = 0; i < changes.size(); ++i) {
                QJsonObject rc = changes[i].toObject();
                if (rc.value(QStringLiteral("type")).toString() != QLatin1String("aws_db_instance"))
                    continue;
                QJsonObject change = rc.value(QStringLiteral("change")).toObject();
                if (actions.isUndefined())
                    change.remove(QStringLiteral("actions"));
                else
                    change.insert(QStringLiteral("actions"), actions);
                rc.insert(QStringLiteral("change"), change);
                changes[i] = rc;
                address = rc.value(QStringLiteral("address")).toString();
                return;
            }
        });
    QVERIFY(!address.isEmpty());

    for (const QString &command : {QStringLiteral("gate"), QStringLiteral("approve")}) {
        QStringList args {command, plan};
        if (command == QLatin1String("approve"))
            args << QStringLiteral("-o") << dir.filePath(QStringLiteral("approval.json"));
        PtySession session; // approve needs a terminal to get as far as reading the plan
        QVERIFY(session.start(args));
        QCOMPARE(session.finish(), 2);
        QVERIFY2(session.seen().contains(address)
                && session.seen().contains(QLatin1String("actions Blastguard cannot read")),
            qPrintable(session.seen()));
    }
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("approval.json"))));

    // The report says so, in every format, and still loads the plan.
    for (const QString &format :
        {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("markdown")}) {
        const Run run = cli({QStringLiteral("report"), plan, QStringLiteral("-f"), format});
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(QLatin1String("unreadable-actions"))
                || run.out.contains(QLatin1String("actions Blastguard cannot read")),
            qPrintable(run.out.left(3000)));
        QVERIFY(run.out.contains(address));
    }
}

QTEST_GUILESS_MAIN(TestGateAttacks)
#include "tst_gateattacks.moc"
