// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile inputs that tst_loader does not already cover. Each must end in a clear error or a
// correct result, with bounded memory and time, never a crash or a hang. Also: secrets never
// appear in any CLI output format, inputs are never modified by any command, and every fixed
// fuzzer crasher in tests/fuzz/regressions is replayed.
#include "core/address.h"
#include "core/gate/approval.h"
#include "core/gate/policy.h"
#include "core/report/report.h"
#include "core/review/review.h"
#include "testutils.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <atomic>
#include <thread>

using namespace bg::core;
using namespace bg::tests;

namespace {

// Peak resident memory of this process so far, in kB (VmHWM), or -1 where /proc is absent.
qint64 peakKb()
{
    return selfStatusKb("VmHWM");
}

// A plan with one deleted resource per (address, index) pair; `after` is raw JSON text.
QByteArray planWith(const QList<QPair<QString, QJsonValue>> &changes)
{
    QJsonArray rcs;
    for (const auto &[address, index] : changes) {
        const QStringList parts = address.section(QLatin1Char('['), 0, 0).split(QLatin1Char('.'));
        QJsonObject rc {{QStringLiteral("address"), address},
            {QStringLiteral("mode"), QStringLiteral("managed")},
            {QStringLiteral("type"), parts.value(parts.size() - 2)},
            {QStringLiteral("name"), parts.value(parts.size() - 1)},
            {QStringLiteral("provider_name"),
                QStringLiteral("registry.terraform.io/hashicorp/aws")},
            {QStringLiteral("change"),
                QJsonObject {{QStringLiteral("actions"), QJsonArray {QStringLiteral("delete")}},
                    {QStringLiteral("before"), QJsonObject {{QStringLiteral("id"), address}}},
                    {QStringLiteral("after"), QJsonValue::Null}}}};
        if (!index.isUndefined())
            rc.insert(QStringLiteral("index"), index);
        rcs.append(rc);
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("format_version"), QStringLiteral("1.2")},
                             {QStringLiteral("terraform_version"), QStringLiteral("1.6.0")},
                             {QStringLiteral("resource_changes"), rcs}})
        .toJson();
}

// Loads, and when it loads analyses and renders every report format: the full path a hostile
// file takes through the CLI. Returns whether it loaded, or why not.
Status loadAndRender(const QByteArray &bytes)
{
    Result<Document> result = loadDocumentFromBytes(bytes, QStringLiteral("hostile.json"));
    if (!result.ok())
        return result.error();
    const Analysis analysis = analyse(std::move(result.value()), defaultRules());
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json})
        if (renderReport(analysis, defaultRules(), format).isEmpty())
            qFatal("empty report");
    return {};
}

} // namespace

class TestHostile : public QObject {
    Q_OBJECT
private slots:
    void hugeString();
    void duplicateKeys();
    void duplicateAddresses();
    void dependencyCyclesTerminate();
    void everyEscapeThroughJsonReport();
    void fileChangingWhileRead();
    void numbersOutOfRange();
    void everyStringInvalidUtf8();
    void fuzzRegressions();
    void placeholdersInAddresses();
    void placeholdersInFileNames();
    void cliSecretsAndInputsUntouched_data();
    void cliSecretsAndInputsUntouched();
};

// A single 256 MB string value: loads (or errors), and peak memory grows by at most 6x the file.
void TestHostile::hugeString()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.json"));
    constexpr qint64 valueSize = 256LL * 1024 * 1024;
    {
        QByteArray plan = planWith({{QStringLiteral("aws_s3_bucket.b"), QJsonValue()}});
        const qsizetype at = plan.indexOf("\"id\"");
        QVERIFY(at > 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(plan.left(at));
        file.write("\"big\": \"");
        const QByteArray chunk(1 << 20, 'A');
        for (qint64 i = 0; i < valueSize / chunk.size(); ++i)
            QCOMPARE(file.write(chunk), chunk.size());
        file.write("\", ");
        file.write(plan.mid(at));
    }
    const qint64 before = peakKb();
    QElapsedTimer timer;
    timer.start();
    {
        Result<Document> result = loadDocument(path);
        if (result.ok()) {
            QCOMPARE(result->resources.size(), size_t(1));
            const Analysis analysis = analyse(std::move(result.value()), defaultRules());
            QVERIFY(!renderReport(analysis, defaultRules(), ReportFormat::Json).isEmpty());
        } else {
            QVERIFY(!result.error().message.isEmpty());
        }
    }
    const qint64 after = peakKb();
    qInfo(
        "256 MB string: %lld ms, peak RSS %lld -> %lld kB", qint64(timer.elapsed()), before, after);
    // Measured here: about 4x (the file's bytes, the parser's copy of the string, and the value
    // decoded to UTF-16 once). The bound is there to catch a copy per stage, not to pin today's
    // number.
    if (before >= 0)
        QVERIFY2(
            after - before <= 5 * valueSize / 1024, "peak memory grew by more than 5x the file");
}

// A key written twice: either rejected or read (last or first wins), never a crash.
void TestHostile::duplicateKeys()
{
    const QByteArray plan = planWith({{QStringLiteral("aws_s3_bucket.b"), QJsonValue()}});
    QByteArray twice = plan;
    twice.replace("\"format_version\"", "\"format_version\": \"9.9\", \"format_version\"");
    (void)loadAndRender(twice);
    QByteArray actions = plan;
    actions.replace("\"actions\"", "\"actions\": [\"create\"], \"actions\"");
    (void)loadAndRender(actions);
    QByteArray changes = plan;
    changes.replace("\"resource_changes\"", "\"resource_changes\": 7, \"resource_changes\"");
    (void)loadAndRender(changes);
}

// Two resource_changes with the same address: both are counted (or the file is refused).
void TestHostile::duplicateAddresses()
{
    const QString address = QStringLiteral("aws_s3_bucket.b");
    QString error;
    Result<Document> result = loadDocumentFromBytes(
        planWith({{address, QJsonValue()}, {address, QJsonValue()}}), QStringLiteral("dup.json"));
    if (!result.ok()) {
        QVERIFY(!result.error().message.isEmpty());
        return;
    }
    int counted = 0;
    for (const Resource &r : result->resources)
        counted += r.inChanges && r.address.toString() == address;
    QCOMPARE(counted, 2);
    const Analysis analysis = analyse(std::move(result.value()), defaultRules());
    QCOMPARE(analysis.impact.count(Action::Delete), 2);
    QVERIFY(!renderReport(analysis, defaultRules(), ReportFormat::Json).isEmpty());
}

// depends_on cycles (a -> b -> a) and self-references (c -> c) in a raw state: the what-if
// closure terminates and takes the whole cycle.
void TestHostile::dependencyCyclesTerminate()
{
    auto resource = [](const QString &name, const QStringList &deps) {
        return QJsonObject {{QStringLiteral("mode"), QStringLiteral("managed")},
            {QStringLiteral("type"), QStringLiteral("aws_instance")},
            {QStringLiteral("name"), name},
            {QStringLiteral("provider"),
                QStringLiteral("provider[\"registry.terraform.io/hashicorp/aws\"]")},
            {QStringLiteral("instances"),
                QJsonArray {QJsonObject {{QStringLiteral("schema_version"), 0},
                    {QStringLiteral("attributes"), QJsonObject {{QStringLiteral("id"), name}}},
                    {QStringLiteral("dependencies"), QJsonArray::fromStringList(deps)}}}}};
    };
    const QJsonObject state {{QStringLiteral("version"), 4},
        {QStringLiteral("terraform_version"), QStringLiteral("1.5.7")},
        {QStringLiteral("serial"), 1}, {QStringLiteral("lineage"), QStringLiteral("x")},
        {QStringLiteral("resources"),
            QJsonArray {resource(QStringLiteral("a"), {QStringLiteral("aws_instance.b")}),
                resource(QStringLiteral("b"), {QStringLiteral("aws_instance.a")}),
                resource(QStringLiteral("c"), {QStringLiteral("aws_instance.c")}),
                resource(QStringLiteral("d"),
                    {QStringLiteral("aws_instance.d"), QStringLiteral("aws_instance.a")})}}};
    Result<Document> result
        = loadDocumentFromBytes(QJsonDocument(state).toJson(), QStringLiteral("terraform.tfstate"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
    QElapsedTimer timer;
    timer.start();
    QStringList unknown;
    const Analysis whatIf = analyseWhatIf(
        result.value(), defaultRules(), {QStringLiteral("aws_instance.b")}, &unknown);
    QVERIFY(unknown.isEmpty());
    // b is destroyed; a depends on b, so a goes; d depends on a (and itself), so d goes.
    QCOMPARE(whatIf.impact.destroyOrder.size(), size_t(3));
    const Analysis self = analyseWhatIf(
        std::move(result.value()), defaultRules(), {QStringLiteral("aws_instance.c")});
    QCOMPARE(self.impact.destroyOrder.size(), size_t(1));
    QVERIFY(!renderReport(self, defaultRules(), ReportFormat::Json).isEmpty());
    qInfo(
        "cycles and self-references: %lld ms", qint64(timer.elapsed())); // a hang: ctest's timeout
}

// for_each keys with quotes, backslashes, ${, newlines, NUL and emoji come out of the JSON
// report as exactly the address Terraform prints (or the file is refused with an error).
void TestHostile::everyEscapeThroughJsonReport()
{
    const QStringList keys {QStringLiteral("a\"b"), QStringLiteral("back\\slash"),
        QStringLiteral("${var.x}"), QStringLiteral("%{if}"), QStringLiteral("line\nbreak\ttab"),
        QStringLiteral("nul") + QChar(0) + QStringLiteral("x"), QStringLiteral("emoji 🙂 é 中"),
        QStringLiteral("\u2028\u2029"), QStringLiteral("]")};
    for (const QString &key : keys) {
        const QString address
            = QStringLiteral("aws_s3_bucket.b") + InstanceKey::fromString(key).toString();
        const QByteArray plan = planWith({{address, key}});
        Result<Document> result = loadDocumentFromBytes(plan, QStringLiteral("escapes.json"));
        if (!result.ok()) {
            QVERIFY(!result.error().message.isEmpty());
            continue;
        }
        QCOMPARE(result->resources.size(), size_t(1));
        QCOMPARE(result->resources.front().address.key.text, key);
        const Analysis analysis = analyse(std::move(result.value()), defaultRules());
        const QByteArray json = renderReport(analysis, defaultRules(), ReportFormat::Json);
        QJsonParseError parseError;
        const QJsonDocument report = QJsonDocument::fromJson(json, &parseError);
        QVERIFY2(!report.isNull(), qPrintable(parseError.errorString()));
        QVERIFY2(json.contains(QJsonDocument(QJsonArray {address})
                                   .toJson(QJsonDocument::Compact)
                                   .mid(1)
                                   .chopped(1))
                || QString::fromUtf8(json).contains(address),
            qPrintable(address));
        const std::optional<Address> parsed = Address::parse(address);
        QVERIFY(parsed);
        QCOMPARE(parsed->key.text, key);
    }
}

// A writer appends to the file while loadDocument reads it: the load ends in an error or a
// document, never a crash or a hang.
void TestHostile::fileChangingWhileRead()
{
    QTemporaryDir dir;
    const QByteArray plan = readAll(fixture(QStringLiteral("plan-modules.json")));
    QVERIFY(!plan.isEmpty());
    // Rounds alternate the junk: spaces (the scan runs to the end) and letters (an error).
    for (int round = 0; round < repeats(5, 2); ++round) {
        const QString path = writeBytes(dir, QStringLiteral("growing.json"), plan);
        std::atomic<bool> stop {false};
        std::thread writer([&] {
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
                return;
            const QByteArray junk(4096, round % 2 ? ' ' : 'x');
            while (!stop.load()) {
                file.write(junk);
                file.flush();
                // Shrink too (a truncated read), past 16 MiB: large enough for reads in
                // several chunks and for 2 MiB pages, small enough to take seconds.
                if (file.size() > 16 * 1024 * 1024)
                    file.resize(plan.size() / 2);
            }
        });
        for (int i = 0; i < 10; ++i) {
            Result<Document> result = loadDocument(path);
            QVERIFY(result.ok() || !result.error().message.isEmpty());
        }
        stop = true;
        writer.join();
    }
}

// Numbers beyond double and qint64 in every numeric slot: an error or a document.
void TestHostile::numbersOutOfRange()
{
    const QList<QByteArray> numbers {"1e999", "-1e999", "99999999999999999999999999",
        "-9223372036854775809", "1e-999", "0.0000000000000000000000000000001e-400",
        "123456789012345678901234567890.5e300"};
    for (const QByteArray &n : numbers) {
        // count index, resource values, format/state version, serial.
        QByteArray plan = planWith({{QStringLiteral("aws_instance.x[0]"), 0}});
        plan.replace("\"index\": 0", "\"index\": " + n);
        plan.replace("\"id\": \"aws_instance.x[0]\"", "\"size\": " + n + ", \"id\": \"x\"");
        (void)loadAndRender(plan);
        QByteArray versioned = plan;
        versioned.replace("\"format_version\": \"1.2\"", "\"format_version\": " + n);
        (void)loadAndRender(versioned);
        const QByteArray state = "{\"version\": " + n + ", \"serial\": " + n
            + ", \"lineage\": \"l\", \"resources\": [{\"mode\": \"managed\", \"type\": \"t\", "
              "\"name\": \"n\", \"provider\": \"p\", \"instances\": [{\"index_key\": "
            + n + ", \"schema_version\": " + n + ", \"attributes\": {\"v\": " + n + "}}]}]}";
        (void)loadAndRender(state);
        QByteArray state4 = state;
        state4.replace("\"version\": " + n, "\"version\": 4");
        (void)loadAndRender(state4);
    }
}

// Every string of a real plan replaced by escaped invalid UTF-16/UTF-8 (lone surrogates,
// overlong-looking escapes): an error or a document, and every report renders.
void TestHostile::everyStringInvalidUtf8()
{
    const QString source
        = QString::fromUtf8(readAll(fixture(QStringLiteral("plan-sensitive.json"))));
    QVERIFY(!source.isEmpty());
    static const QRegularExpression string(QStringLiteral(R"("(?:[^"\\]|\\.)*")"));
    for (const QString &replacement : {QStringLiteral(R"("\ud800")"),
             QStringLiteral(R"("\udfff\ud800x")"), QStringLiteral(R"("\u0000\uffff\ufffe")")}) {
        QString hostile = source;
        hostile.replace(string, replacement);
        if (const Status loaded = loadAndRender(hostile.toUtf8()); !loaded)
            QVERIFY(!loaded.error().message.isEmpty());
    }
    // Raw invalid UTF-8 bytes inside every string (tst_loader covers one file-level case).
    QByteArray raw = source.toUtf8();
    raw.replace(QByteArray(": \""), QByteArray(": \"\xc0\xaf\xed\xa0\x80\xff"));
    (void)loadAndRender(raw);
}

// Every file in tests/fuzz/regressions (crashers found by .ci/fuzz.sh, fixed) is fed to every
// reader again: loader-* to the loader, address-* to the parser, everything else to the
// approval and policy readers too.
void TestHostile::fuzzRegressions()
{
    const QString folder = QStringLiteral(BG_FIXTURES "/../fuzz/regressions");
    QDirIterator it(folder, QDir::Files);
    int n = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(QLatin1String("README.md")))
            continue;
        const QByteArray bytes = readAll(path);
        ++n;
        (void)loadAndRender(bytes);
        if (const auto a = Address::parse(QString::fromUtf8(bytes)))
            QCOMPARE(Address::parse(a->toString()), a);
        (void)readApproval(path);
        (void)Policy::load(path);
    }
    qInfo("%d fuzz regressions replayed", n);
}

// Keys that look like QString::arg() placeholders reach every report and saved-by verbatim:
// no later .arg() substitutes into them, and no %N is left unfilled.
void TestHostile::placeholdersInAddresses()
{
    const QStringList addresses {QStringLiteral("aws_db_instance.x[\"%1x\"]"),
        QStringLiteral("aws_db_instance.x[\"%2 %9\"]"),
        QStringLiteral("aws_s3_bucket.b[\"%1%2\"]")};
    QList<QPair<QString, QJsonValue>> changes;
    for (const QString &address : addresses)
        changes.append({address, Address::parse(address)->key.text});
    QTemporaryDir dir;
    const QString path = writeBytes(dir, QStringLiteral("placeholders.json"), planWith(changes));
    // The output with every address taken out holds no %N: none was substituted, none left.
    const auto check = [&](const QString &output, const QString &what) {
        QString rest = output;
        for (const QString &address : addresses) {
            const QString asJson = QString::fromUtf8(QJsonDocument(QJsonArray {address})
                                                         .toJson(QJsonDocument::Compact)
                                                         .mid(2)
                                                         .chopped(2));
            QVERIFY2(rest.contains(address) || rest.contains(asJson),
                qPrintable(
                    what + QStringLiteral(" lacks ") + address + QLatin1Char('\n') + output));
            rest.remove(address);
            rest.remove(asJson);
            QString markdown = address;
            markdown.replace(QLatin1Char('['), QLatin1String("\\["))
                .replace(QLatin1Char(']'), QLatin1String("\\]"));
            rest.remove(markdown);
            rest.remove(markdown.replace(QLatin1Char('_'), QLatin1String("\\_")));
        }
        static const QRegularExpression placeholder(QStringLiteral("%\\d"));
        for (const QString &line : rest.split(QLatin1Char('\n')))
            QVERIFY2(!line.contains(placeholder),
                qPrintable(what + QStringLiteral(" has a stray %N: ") + line));
    };
    const Analysis analysis = analyse(mustLoad(path), defaultRules());
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json}) {
        check(QString::fromUtf8(renderReport(analysis, defaultRules(), format)),
            QStringLiteral("report %1").arg(int(format)));
        if (QTest::currentTestFailed())
            return;
    }
    for (const char *format : {"text", "markdown", "json"}) {
        for (const QString &with : {QString(), QStringLiteral("prevent-destroy")}) {
            QStringList args {QStringLiteral("saved-by"), path, QStringLiteral("--format"),
                QLatin1String(format)};
            if (!with.isEmpty())
                args << QStringLiteral("--with") << with;
            const Run run = cli(args);
            QVERIFY2(run.code >= 0 && run.code <= 3, qPrintable(run.err));
            check(run.out, args.join(QLatin1Char(' ')));
            if (QTest::currentTestFailed())
                return;
        }
    }
}

// File names are the user's text too: a state diff's context line names both verbatim.
void TestHostile::placeholdersInFileNames()
{
    QTemporaryDir dir;
    const QString older = dir.filePath(QStringLiteral("%1 old %3.tfstate"));
    const QString newer = dir.filePath(QStringLiteral("%2 new %9.tfstate"));
    QVERIFY(QFile::copy(fixture(QStringLiteral("state-v4-stale.tfstate")), older));
    QVERIFY(QFile::copy(fixture(QStringLiteral("state-v4-current.tfstate")), newer));
    const Review review = openForReview({older, newer}, defaultRules(), Policy {});
    QVERIFY2(review.analysis, qPrintable(review.error.toString()));
    QVERIFY2(review.context.startsWith(
                 QStringLiteral("State diff: %1 old %3.tfstate → %2 new %9.tfstate. Lost ")),
        qPrintable(review.context));
}

void TestHostile::cliSecretsAndInputsUntouched_data()
{
    QTest::addColumn<QStringList>("args"); // %IN and %IN2 are the inputs, %OUT an output file
    QTest::addColumn<QStringList>("inputs");
    const QString plan = fixture(QStringLiteral("plan-sensitive.json"));
    const QStringList states {fixture(QStringLiteral("state-show.json")),
        fixture(QStringLiteral("state-v4-current.tfstate")),
        fixture(QStringLiteral("state-v4-stale.tfstate")),
        resource(QStringLiteral("scenarios/stale-state/latest.tfstate")),
        resource(QStringLiteral("scenarios/stale-state/restored.tfstate"))};
    QStringList documents {plan};
    documents += states;
    for (const QString &in : documents) {
        const QString name = QFileInfo(in).fileName();
        for (const char *format : {"text", "markdown", "json"}) {
            QTest::addRow("report %s %s", format, qPrintable(name)) << QStringList {
                QStringLiteral("report"), QStringLiteral("--format"), QLatin1String(format),
                QStringLiteral("%IN")} << QStringList {in};
            QTest::addRow("report -o %s %s", format, qPrintable(name)) << QStringList {
                QStringLiteral("report"), QStringLiteral("--format"), QLatin1String(format),
                QStringLiteral("-o"), QStringLiteral("%OUT"),
                QStringLiteral("%IN")} << QStringList {in};
        }
        for (const char *format : {"svg", "dot"}) {
            QTest::addRow("graph %s %s", format, qPrintable(name)) << QStringList {
                QStringLiteral("graph"), QStringLiteral("--format"), QLatin1String(format),
                QStringLiteral("%IN")} << QStringList {in};
            QTest::addRow("graph -o %s %s", format, qPrintable(name)) << QStringList {
                QStringLiteral("graph"), QStringLiteral("--format"), QLatin1String(format),
                QStringLiteral("-o"), QStringLiteral("%OUT"),
                QStringLiteral("%IN")} << QStringList {in};
        }
        QTest::addRow("report -o onto the input %s", qPrintable(name)) << QStringList {
            QStringLiteral("report"), QStringLiteral("-o"), QStringLiteral("%IN"),
            QStringLiteral("%IN")} << QStringList {in};
        QTest::addRow("gate %s", qPrintable(name))
            << QStringList {QStringLiteral("gate"), QStringLiteral("%IN")} << QStringList {in};
    }
    for (const QString &in : states) {
        const QString name = QFileInfo(in).fileName();
        for (const char *format : {"text", "markdown", "json"})
            QTest::addRow("what-if --all %s %s", format, qPrintable(name)) << QStringList {
                QStringLiteral("what-if"), QStringLiteral("--all"), QStringLiteral("--format"),
                QLatin1String(format), QStringLiteral("%IN")} << QStringList {in};
    }
    for (qsizetype i = 0; i + 1 < states.size(); ++i)
        for (const char *format : {"text", "markdown", "json"})
            QTest::addRow("diff %s %s %s", format, qPrintable(QFileInfo(states[i]).fileName()),
                qPrintable(QFileInfo(states[i + 1]).fileName()))
                << QStringList {QStringLiteral("diff"), QStringLiteral("--format"),
                       QLatin1String(format), QStringLiteral("%IN"), QStringLiteral("%IN2")}
                << QStringList {states[i], states[i + 1]};
}

// No line of the secrets lists appears in stdout, stderr or the output file of any command, in
// any format; the CLI ends normally (no signal) with a documented exit code; and every input's
// bytes and modification time are unchanged afterwards (also when -o names the input itself).
void TestHostile::cliSecretsAndInputsUntouched()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, inputs);
    QStringList secrets;
    for (const char *list : {"plan-sensitive.secrets.txt", "state-secrets.txt"})
        for (const QByteArray &line : readAll(fixture(QLatin1String(list))).split('\n'))
            if (!line.trimmed().isEmpty())
                secrets.append(QString::fromUtf8(line.trimmed()));
    QVERIFY(secrets.size() >= 4);

    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    QList<QByteArray> bytesBefore;
    QList<QDateTime> timesBefore;
    for (const QString &in : inputs) {
        bytesBefore.append(readAll(in));
        timesBefore.append(QFileInfo(in).lastModified());
        QVERIFY(!bytesBefore.last().isEmpty());
    }
    for (QString &arg : args) {
        if (arg == QLatin1String("%IN"))
            arg = inputs.value(0);
        else if (arg == QLatin1String("%IN2"))
            arg = inputs.value(1);
        else if (arg == QLatin1String("%OUT"))
            arg = out;
    }
    QProcess cli;
    cli.setWorkingDirectory(dir.path());
    cli.start(QStringLiteral(BG_CLI), args);
    QVERIFY(cli.waitForFinished(Patience));
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    const QByteArray stdErr = cli.readAllStandardError();
    const QByteArray all = cli.readAllStandardOutput() + stdErr + readAll(out);
    QVERIFY2(QList<int>({0, 1, 2, 3}).contains(cli.exitCode()),
        qPrintable(QString::number(cli.exitCode()) + QString::fromUtf8(stdErr)));
    QVERIFY(!all.isEmpty());
    for (const QString &secret : secrets)
        QVERIFY2(!all.contains(secret.toUtf8()), qPrintable(QStringLiteral("leaked: ") + secret));
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        QCOMPARE(readAll(inputs[i]), bytesBefore[i]);
        QCOMPARE(QFileInfo(inputs[i]).lastModified(), timesBefore[i]);
    }
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
