// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Every command and option of blastguard-cli that reads or writes a file, tried as an agent with
// the same shell would try it: an output that is a link or a hard link to an input (the plan,
// the rules, the policy), a FIFO, a device or a directory; an input that is a FIFO with no
// writer, /dev/zero or a directory. Each fails at once with a message that names the file and
// says why, and nothing on disk changes.
#include "gatetestutils.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace bg::tests;

class TestFileIo : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void outputsNeverLandOnInputs_data();
    void outputsNeverLandOnInputs();
    void hardLinkToAnotherFileIsReplacedNotWritten();
    void approveRefusesBeforeAsking_data();
    void approveRefusesBeforeAsking();
    void inputsMustBeRegularFiles_data();
    void inputsMustBeRegularFiles();
    void standardInput();

private:
    QTemporaryDir m_dir;
    QString m_plan, m_state, m_older, m_rules, m_policy;
};

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st { };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode : 0;
}

// Everything under `dir`: names, kinds and contents, to compare before and after a run.
QByteArray snapshot(const QString &dir)
{
    QByteArray all;
    const QStringList names = QDir(dir).entryList(
        QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
    for (const QString &name : names) {
        const QString path = QDir(dir).filePath(name);
        const mode_t mode = modeOf(path);
        all += name.toUtf8() + ' ' + QByteArray::number(uint(mode), 8) + '\n';
        if (S_ISLNK(mode))
            all += QFile::symLinkTarget(path).toUtf8() + '\n';
        else if (S_ISREG(mode))
            all += readAll(path) + '\n';
    }
    return all;
}

// The commands that write with -o, each with its inputs: %plan, %state, %older, %rules,
// %policy stand for the files of the run's folder.
const QList<QStringList> WritingCommands = {
    {QStringLiteral("report"), QStringLiteral("%plan")},
    {QStringLiteral("report"), QStringLiteral("%plan"), QStringLiteral("-f"),
        QStringLiteral("json")},
    {QStringLiteral("what-if"), QStringLiteral("%state"), QStringLiteral("--all")},
    {QStringLiteral("diff"), QStringLiteral("%older"), QStringLiteral("%state")},
    {QStringLiteral("graph"), QStringLiteral("%plan"), QStringLiteral("-f"), QStringLiteral("dot")},
    {QStringLiteral("saved-by"), QStringLiteral("%plan")},
};

} // namespace

void TestFileIo::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto copy = [&](const QString &from, const QString &name) {
        const QString to = m_dir.filePath(name);
        if (!QFile::copy(from, to))
            qFatal("cannot copy %s", qPrintable(from));
        return to;
    };
    m_plan = copy(fixture(QStringLiteral("plan-db-replace.json")), QStringLiteral("plan.json"));
    m_state = copy(
        fixture(QStringLiteral("state-v4-current.tfstate")), QStringLiteral("terraform.tfstate"));
    m_older
        = copy(fixture(QStringLiteral("state-v4-stale.tfstate")), QStringLiteral("older.tfstate"));
    m_rules = writeBytes(m_dir, QStringLiteral("rules.json"),
        R"({"schema":"blastguard.rules/v1","findings":[{"code":"team-ecs","severity":"high",
        "types":["aws_ecs_cluster"],"actions":["delete"],"message":"Deletes {address}."}]})");
    m_policy = writeBytes(m_dir, QStringLiteral("policy.json"),
        R"({"schema":"blastguard.policy/v1","max_approval_age_hours":12})");
}

void TestFileIo::outputsNeverLandOnInputs_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("target"); // how the output is made
    QTest::addColumn<QString>("message");
    const QList<std::pair<const char *, const char *>> targets = {
        {"symlink-plan", "is a symbolic link"},
        {"hardlink-plan", "is the input"},
        {"hardlink-state", "is the input"},
        {"rules", "is the input"},
        {"symlink-rules", "is a symbolic link"},
        {"hardlink-rules", "is the input"},
        {"policy", "is the input"},
        {"hardlink-policy", "is the input"},
        {"fifo", "is a FIFO (named pipe)"},
        {"device", "is a character device"},
        {"directory", "is a directory"},
    };
    for (const QStringList &command : WritingCommands) {
        const QString name = command.first();
        for (const auto &[target, message] : targets) {
            const QString t = QString::fromLatin1(target);
            // Only what the command reads is its input.
            if ((t.endsWith(QLatin1String("state")) && !command.contains(QStringLiteral("%state")))
                || (t.endsWith(QLatin1String("plan")) && !command.contains(QStringLiteral("%plan")))
                || (t.endsWith(QLatin1String("policy"))
                    && (name == QLatin1String("diff") || name == QLatin1String("saved-by"))))
                continue;
            QTest::addRow("%s -> %s", qPrintable(command.join(QLatin1Char(' '))), target)
                << command << t << QString::fromLatin1(message);
        }
    }
}

void TestFileIo::outputsNeverLandOnInputs()
{
    QFETCH(QStringList, command);
    QFETCH(QString, target);
    QFETCH(QString, message);
    QTemporaryDir out;
    const QString output = out.filePath(QStringLiteral("out"));
    const auto native = [](const QString &p) {
        return QFile::encodeName(p);
    };
    const QString of = target.section(QLatin1Char('-'), 1);
    const QString linked = of == QLatin1String("plan") ? m_plan
        : of == QLatin1String("state")                 ? m_state
        : of == QLatin1String("rules")                 ? m_rules
                                                       : m_policy;
    QStringList args = command;
    args.replaceInStrings(QStringLiteral("%plan"), m_plan);
    args.replaceInStrings(QStringLiteral("%state"), m_state);
    args.replaceInStrings(QStringLiteral("%older"), m_older);
    args << QStringLiteral("--rules") << m_rules;
    if (command.first() != QLatin1String("diff") && command.first() != QLatin1String("saved-by"))
        args << QStringLiteral("--policy") << m_policy;
    // %plan and the like in a row's name stand for the run's files.
    QString o = output;
    if (target.startsWith(QLatin1String("symlink-")))
        QVERIFY(QFile::link(linked, output));
    else if (target.startsWith(QLatin1String("hardlink-")))
        QVERIFY(::link(native(linked).constData(), native(output).constData()) == 0);
    else if (target == QLatin1String("rules"))
        o = m_rules;
    else if (target == QLatin1String("policy"))
        o = m_policy;
    else if (target == QLatin1String("fifo"))
        QVERIFY(::mkfifo(native(output).constData(), 0600) == 0);
    else if (target == QLatin1String("device")) {
        // Our own node with /dev/null's numbers: a broken check could not replace the system's.
        if (::mknod(native(output).constData(), S_IFCHR | 0600, makedev(1, 3)) != 0)
            QSKIP("cannot make a device node here (not root)");
    } else if (target == QLatin1String("directory"))
        QVERIFY(QDir(out.path()).mkdir(QStringLiteral("out")));
    args << QStringLiteral("-o") << o;

    const QByteArray inputsBefore = snapshot(m_dir.path()), outBefore = snapshot(out.path());
    const Run run = cli(args);
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.code == 1, qPrintable(QString::number(run.code) + QLatin1Char(' ') + run.err));
    QVERIFY2(run.err.contains(o + QStringLiteral(": ")) && run.err.contains(message),
        qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
    QCOMPARE(snapshot(m_dir.path()), inputsBefore);
    QCOMPARE(snapshot(out.path()), outBefore);
}

// A hard link to a file the run does not read may be the output: the rename gives the name a
// new file, and the other name keeps the old bytes (nothing is written through the link).
void TestFileIo::hardLinkToAnotherFileIsReplacedNotWritten()
{
    QTemporaryDir out;
    const QString other = writeBytes(out, QStringLiteral("notes.md"), "my notes");
    const QString output = out.filePath(QStringLiteral("report.md"));
    QVERIFY(
        ::link(QFile::encodeName(other).constData(), QFile::encodeName(output).constData()) == 0);
    const Run run = cli({QStringLiteral("report"), m_plan, QStringLiteral("-o"), output});
    QCOMPARE(run.code, 0);
    QCOMPARE(readAll(other), QByteArray("my notes"));
    QVERIFY(readAll(output).contains("Replaces 1 database"));
}

void TestFileIo::approveRefusesBeforeAsking_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("the plan") << "plan";
    QTest::newRow("a symbolic link to the plan") << "symlink";
    QTest::newRow("a hard link to the plan") << "hardlink";
    QTest::newRow("the policy") << "policy";
    QTest::newRow("the rules") << "rules";
    QTest::newRow("a FIFO") << "fifo";
}

// approve refuses a bad -o before it asks the person anything, and writes nothing.
void TestFileIo::approveRefusesBeforeAsking()
{
    QFETCH(QString, target);
    QTemporaryDir out;
    QString o = out.filePath(QStringLiteral("approval.json"));
    const QByteArray plan = QFile::encodeName(m_plan), native = QFile::encodeName(o);
    if (target == QLatin1String("plan"))
        o = m_plan;
    else if (target == QLatin1String("policy"))
        o = m_policy;
    else if (target == QLatin1String("rules"))
        o = m_rules;
    else if (target == QLatin1String("symlink"))
        QVERIFY(QFile::link(m_plan, o));
    else if (target == QLatin1String("hardlink"))
        QVERIFY(::link(plan.constData(), native.constData()) == 0);
    else if (target == QLatin1String("fifo"))
        QVERIFY(::mkfifo(native.constData(), 0600) == 0);
    const QByteArray inputsBefore = snapshot(m_dir.path()), outBefore = snapshot(out.path());
    PtySession session;
    QVERIFY(session.start({QStringLiteral("approve"), m_plan, QStringLiteral("--rules"), m_rules,
        QStringLiteral("--policy"), m_policy, QStringLiteral("-o"), o}));
    QCOMPARE(session.finish(), 1);
    QVERIFY2(session.seen().contains(o + QStringLiteral(": ")), qPrintable(session.seen()));
    QVERIFY2(!session.seen().contains(QLatin1String("Acknowledge")), qPrintable(session.seen()));
    QCOMPARE(snapshot(m_dir.path()), inputsBefore);
    QCOMPARE(snapshot(out.path()), outBefore);
}

void TestFileIo::inputsMustBeRegularFiles_data()
{
    QTest::addColumn<QString>("option"); // "" for the plan itself
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    for (const char *option : {"", "--rules", "--policy", "--approval"}) {
        // A missing or unreadable approval blocks (3); every other unreadable input is 2.
        const int code = QByteArray(option) == "--approval" ? 3 : 2;
        QTest::addRow("%s FIFO", option) << option << "fifo" << code << "is a FIFO (named pipe)";
        QTest::addRow("%s /dev/zero", option)
            << option << "/dev/zero" << code << "is a character device";
        QTest::addRow("%s directory", option) << option << "directory" << code << "is a directory";
    }
}

// gate (the command that matters most) with each of its inputs replaced: it fails at once.
void TestFileIo::inputsMustBeRegularFiles()
{
    QFETCH(QString, option);
    QFETCH(QString, kind);
    QFETCH(int, code);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString path = kind;
    if (kind == QLatin1String("fifo")) {
        path = dir.filePath(QStringLiteral("pipe"));
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    } else if (kind == QLatin1String("directory"))
        path = dir.path();
    QStringList args {QStringLiteral("gate"), option.isEmpty() ? path : m_plan};
    if (!option.isEmpty())
        args << option << path;
    const Run run = cli(args);
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.code == code, qPrintable(QString::number(run.code) + run.out + run.err));
    QVERIFY2(
        (run.out + run.err).contains(path + QStringLiteral(": ")), qPrintable(run.out + run.err));
    QVERIFY2((run.out + run.err).contains(message), qPrintable(run.out + run.err));
}

void TestFileIo::standardInput()
{
    // `blastguard-cli report - < plan.json` reads the plan from standard input.
    QProcess p;
    p.setStandardInputFile(m_plan);
    p.start(QStringLiteral(BG_CLI), {QStringLiteral("report"), QStringLiteral("-")});
    QVERIFY(p.waitForFinished(Patience));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().contains("Replaces 1 database"));

    // ...and refuses standard input that never ends, one byte past the cap.
    QProcess zero;
    zero.setStandardInputFile(QStringLiteral("/dev/zero"));
    zero.start(QStringLiteral(BG_CLI),
        {QStringLiteral("gate"), m_plan, QStringLiteral("--policy"), QStringLiteral("-")});
    QVERIFY(zero.waitForFinished(Patience));
    QCOMPARE(zero.exitCode(), 2);
    const QString err = QString::fromUtf8(zero.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("over the limit of 1 MiB")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestFileIo)
#include "tst_fileio.moc"
