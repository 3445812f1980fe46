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
    void malformedPlansAreRejected_data();
    void malformedPlansAreRejected();
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

// Found by an independent attack: plan JSON that terraform show -json never writes, read so that
// a delete of the database vanished and the gate passed. Each is now an input error (2): the
// plan cannot be told apart from one that deletes. (JSON written by hand can still say anything,
// an empty plan included: SECURITY.md.)
void TestGateAttacks::malformedPlansAreRejected_data()
{
    QTest::addColumn<QByteArray>("plan");
    QTest::addColumn<QString>("message");
    const QByteArray source = readAll(fixture(QStringLiteral("plan-db-replace.json")));
    QVERIFY(source.contains("\"actions\": ["));
    QByteArray dupActions = source;
    dupActions.replace(dupActions.indexOf("\"actions\": ["), 0, "\"actions\": [\"no-op\"], ");
    QTest::newRow("actions named twice, the last a delete")
        << dupActions << "the member \"actions\" appears twice in one object";
    QByteArray dupTop = source;
    dupTop.replace(dupTop.indexOf("\"resource_changes\""), 0, "\"resource_changes\": [], ");
    QTest::newRow("resource_changes named twice")
        << dupTop << "the member \"resource_changes\" appears twice in one object";
    QByteArray dupErrored = source;
    dupErrored.replace(dupErrored.indexOf('{'), 1, "{\"errored\": true, \"errored\": false, ");
    QTest::newRow("errored true, then false")
        << dupErrored << "the member \"errored\" appears twice in one object";

    const QJsonObject root = QJsonDocument::fromJson(source).object();
    const QJsonArray changes = root.value(QStringLiteral("resource_changes")).toArray();
    const auto edited = [&](const std::function<void(QJsonObject &)> &edit) {
        QJsonObject copy = root;
        edit(copy);
        return QJsonDocument(copy).toJson();
    };
    QTest::newRow("resource_changes an object") << edited([&](QJsonObject &o) {
        QJsonObject byIndex;
        for (qsizetype i = 0; i < changes.size(); ++i)
            byIndex.insert(QString::number(i), changes[i]);
        o.insert(QStringLiteral("resource_changes"), byIndex);
    }) << "resource_changes is not a list";
    QTest::newRow("resource_changes null") << edited([](QJsonObject &o) {
        o.insert(QStringLiteral("resource_changes"), QJsonValue());
    }) << "resource_changes is not a list";
    QTest::newRow("an entry with no usable address") << edited([&](QJsonObject &o) {
        QJsonArray list = changes;
        QJsonObject first = list[0].toObject();
        first.insert(QStringLiteral("address"), QStringLiteral("%%%"));
        first.insert(QStringLiteral("type"), QString());
        list[0] = first;
        o.insert(QStringLiteral("resource_changes"), list);
    }) << "actions Blastguard cannot read (resource_changes[0])";
    QTest::newRow("an entry whose type disagrees with its address") << edited([&](QJsonObject &o) {
        QJsonArray list = changes;
        QJsonObject first = list[0].toObject();
        first.insert(QStringLiteral("type"), QStringLiteral("aws_cloudwatch_log_group"));
        list[0] = first;
        o.insert(QStringLiteral("resource_changes"), list);
    }) << "actions Blastguard cannot read (resource_changes[0])";
    QTest::newRow("an entry nested in a list")
        << edited([&](QJsonObject &o) {
               QJsonArray list = changes;
               QJsonArray inner;
               inner.append(changes[0]);
               list.append(inner);
               o.insert(QStringLiteral("resource_changes"), list);
           })
        << QStringLiteral("actions Blastguard cannot read (resource_changes[%1])")
               .arg(changes.size());
}

void TestGateAttacks::malformedPlansAreRejected()
{
    QFETCH(QByteArray, plan);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("plan.json"), plan);
    const Run run = cli({QStringLiteral("gate"), path});
    QVERIFY2(run.code == 2, qPrintable(QString::number(run.code) + run.out + run.err));
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY2(run.err.startsWith(QStringLiteral("blastguard-cli: ") + path), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestGateAttacks)
#include "tst_gateattacks.moc"
