// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Secrets that earlier versions printed, each tried through every command that shows values:
// the secret's text must appear in no output.
//
// The raw state's sensitive_attributes are paths of steps as Terraform 1.x writes them
// ({"type":"get_attr","value":NAME}, {"type":"index","value":{"value":KEY,"type":...}}), the
// form seen in the shared corpus (terraform__show-json-state__sensitive-variables).
#include "testutils.h"

using namespace bg::tests;

class TestMasking : public QObject {
    Q_OBJECT
private slots:
    void parentPathMasksItsSubtree_data();
    void parentPathMasksItsSubtree();
    void afterSensitiveMasksBefore();
};

namespace {

const QByteArray Secret = "postgres-secret-xyz", Plain = "plain-but-inside-q";
const QByteArray SecretKey = "DSN_KEY_NAME_Z"; // a map's keys are as secret as its values

QByteArray rawState(int serial, const QByteArray &sensitivePaths, const QByteArray &dsn)
{
    return R"({"version": 4, "terraform_version": "1.9.8", "serial": )" + QByteArray::number(serial)
        + R"(, "lineage": "4f1d2c3b-aaaa-bbbb-cccc-0123456789ab", "outputs": {},
  "resources": [{"mode": "managed", "type": "aws_lambda_function", "name": "api",
    "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
    "instances": [{"schema_version": 0,
      "attributes": {"function_name": "api", "id": "api",
        "environment": [{"variables": {")"
        + SecretKey + R"(": ")" + dsn + R"(", "MODE": ")" + Plain + QByteArray::number(serial)
        + R"("}}]},
      "sensitive_attributes": )"
        + sensitivePaths + R"(}]}]})";
}

} // namespace

void TestMasking::parentPathMasksItsSubtree_data()
{
    QTest::addColumn<QByteArray>("paths");
    const QByteArray parent = R"([{"type": "get_attr", "value": "environment"}])";
    const QByteArray child = R"([{"type": "get_attr", "value": "environment"},
        {"type": "index", "value": {"value": 0, "type": "number"}},
        {"type": "get_attr", "value": "variables"},
        {"type": "index", "value": {"value": "DSN_KEY_NAME_Z", "type": "string"}}])";
    QTest::newRow("parent first") << "[" + parent + ", " + child + "]";
    QTest::newRow("child first") << "[" + child + ", " + parent + "]";
    QTest::newRow("parent alone") << "[" + parent + "]";
}

// A parent path in sensitive_attributes masks everything under it, its keys included, whatever
// order the paths come in: before, a child path replaced the parent's mark, and `diff` printed
// environment[0].variables.DSN_KEY_NAME_Z and the changed siblings' values.
void TestMasking::parentPathMasksItsSubtree()
{
    QFETCH(QByteArray, paths);
    QTemporaryDir dir;
    const QString older
        = writeBytes(dir, QStringLiteral("old.tfstate"), rawState(7, paths, Secret));
    const QString newer
        = writeBytes(dir, QStringLiteral("new.tfstate"), rawState(8, paths, Secret + "-rotated"));
    const QList<QStringList> commands = {
        {QStringLiteral("report"), newer},
        {QStringLiteral("report"), newer, QStringLiteral("-f"), QStringLiteral("json")},
        {QStringLiteral("what-if"), newer, QStringLiteral("--all"), QStringLiteral("-f"),
            QStringLiteral("markdown")},
        {QStringLiteral("diff"), older, newer},
        {QStringLiteral("diff"), older, newer, QStringLiteral("-f"), QStringLiteral("json")},
        {QStringLiteral("graph"), newer, QStringLiteral("-f"), QStringLiteral("dot")},
    };
    for (const QStringList &args : commands) {
        const Run run = cli(args);
        const QString all = run.out + run.err;
        QVERIFY2(run.code == 0, qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + all));
        QVERIFY2(!all.contains(QLatin1String(Secret)) && !all.contains(QLatin1String(Plain))
                && !all.contains(QLatin1String(SecretKey)),
            qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + all));
    }
}

// A value marked sensitive only in after_sensitive of a replace is secret in `before` too: the
// database's name must not reach the gate's output (its phrase names the database).
void TestMasking::afterSensitiveMasksBefore()
{
    const QByteArray name = "hidden-db-name-77";
    const QByteArray values
        = R"({"identifier": ")" + name + R"(", "engine": "postgres", "skip_final_snapshot": true,
        "delete_automated_backups": true, "deletion_protection": false})";
    const QByteArray plan = R"({"format_version": "1.2", "terraform_version": "1.9.8",
  "resource_changes": [{"address": "aws_db_instance.main", "mode": "managed",
    "type": "aws_db_instance", "name": "main",
    "provider_name": "registry.terraform.io/hashicorp/aws",
    "change": {"actions": ["delete", "create"], "before": )"
        + values + R"(, "after": )" + values + R"(, "after_unknown": {},
      "before_sensitive": {}, "after_sensitive": {"identifier": true},
      "replace_paths": [["engine"]]},
    "action_reason": "replace_because_cannot_update"}],
  "prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [
    {"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance",
     "name": "main", "provider_name": "registry.terraform.io/hashicorp/aws",
     "values": )"
        + values + R"(, "sensitive_values": {}}]}}}})";
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("plan.json"), plan);
    for (const QStringList &args :
        QList<QStringList> {{QStringLiteral("gate"), path}, {QStringLiteral("report"), path},
            {QStringLiteral("report"), path, QStringLiteral("-f"), QStringLiteral("json")},
            {QStringLiteral("report"), path, QStringLiteral("-f"), QStringLiteral("markdown")},
            {QStringLiteral("saved-by"), path}}) {
        const Run run = cli(args);
        const QString all = run.out + run.err;
        QVERIFY2(run.code == 0 || run.code == 3, qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("aws_db_instance.main")), qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String(name)),
            qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + all));
    }
}

QTEST_GUILESS_MAIN(TestMasking)
#include "tst_masking.moc"
