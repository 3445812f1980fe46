// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// core/signing: SSH signatures over approval records, with throwaway keys made by the test.
#include "core/gate/signing.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace bg::core;
using bg::core::signing::setSshKeygenForTests;
using bg::core::signing::Signer;

class TestSigning : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void signsAndVerifies();
    void refuses_data();
    void refuses();
    void missingProgramFailsClosed();

private:
    QString key(const QString &name) const { return m_dir.filePath(name); }
    QByteArray publicKey(const QString &name) const;
    QByteArray signWith(const QString &name, const QByteArray &bytes, const char *ns) const;

    QTemporaryDir m_dir;
};

namespace {

const QByteArray Record = "{\"schema\": \"blastguard.approval/v2\", \"plan\": \"...\"}\n";

bool makeKey(const QString &path, const QString &comment)
{
    return QProcess::execute(QStringLiteral("/usr/bin/ssh-keygen"),
               {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                   QStringLiteral("-N"), QString(), QStringLiteral("-C"), comment,
                   QStringLiteral("-f"), path})
        == 0;
}

} // namespace

void TestSigning::initTestCase()
{
    if (!QFile::exists(QStringLiteral("/usr/bin/ssh-keygen")))
        QSKIP("ssh-keygen (openssh-client) is not installed: signing cannot be tested");
    QVERIFY(makeKey(key(QStringLiteral("alice")), QStringLiteral("alice")));
    QVERIFY(makeKey(key(QStringLiteral("bob")), QStringLiteral("bob")));
}

void TestSigning::cleanup()
{
    setSshKeygenForTests({});
}

QByteArray TestSigning::publicKey(const QString &name) const
{
    QFile file(key(name) + QStringLiteral(".pub"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = file.readAll().trimmed().split(' ');
    return parts.size() >= 2 ? parts[0] + ' ' + parts[1] : QByteArray();
}

// A signature made by ssh-keygen itself, in any namespace: what an attacker could make.
QByteArray TestSigning::signWith(const QString &name, const QByteArray &bytes, const char *ns) const
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("record"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    file.close();
    QProcess::execute(QStringLiteral("/usr/bin/ssh-keygen"),
        {QStringLiteral("-q"), QStringLiteral("-Y"), QStringLiteral("sign"), QStringLiteral("-n"),
            QLatin1String(ns), QStringLiteral("-f"), key(name), path});
    QFile sig(path + QStringLiteral(".sig"));
    return sig.open(QIODevice::ReadOnly) ? sig.readAll() : QByteArray();
}

void TestSigning::signsAndVerifies()
{
    const Result<QByteArray> signature = signing::sign(Record, key(QStringLiteral("alice")));
    QVERIFY2(signature, qPrintable(signature ? QString() : signature.error().toString()));
    QVERIFY(signature->startsWith("-----BEGIN SSH SIGNATURE-----"));
    const QByteArray allowed = "alice@example.com namespaces=\"blastguard-approval\" "
        + publicKey(QStringLiteral("alice")) + "\nbob@example.com "
        + publicKey(QStringLiteral("bob")) + "\n";
    const Result<Signer> signer
        = signing::verify(Record, *signature, allowed, QStringLiteral("a.sig"));
    QVERIFY2(signer, qPrintable(signer ? QString() : signer.error().toString()));
    QCOMPARE(signer->principal, QStringLiteral("alice@example.com"));
    QVERIFY2(signer->key.startsWith(QLatin1String("ED25519 key SHA256:")), qPrintable(signer->key));

    // A signature made with ssh-keygen by hand, in the right namespace, is as good.
    const Result<Signer> bob
        = signing::verify(Record, signWith(QStringLiteral("bob"), Record, signing::Namespace),
            allowed, QStringLiteral("b.sig"));
    QVERIFY(bob);
    QCOMPARE(bob->principal, QStringLiteral("bob@example.com"));
}

void TestSigning::refuses_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("record changed after signing") << "changed"
                                                  << "does not verify";
    QTest::newRow("another namespace (git's)") << "namespace"
                                               << "does not verify";
    QTest::newRow("a key nobody allowed") << "stranger"
                                          << "no line of the allowed signers";
    QTest::newRow("allowed for git only") << "git-only"
                                          << "does not verify";
    QTest::newRow("empty allowed signers") << "no-signers"
                                           << "no line of the allowed signers";
    QTest::newRow("not a signature") << "garbage"
                                     << "not an SSH signature";
    QTest::newRow("a signature cut short") << "truncated"
                                           << "";
}

void TestSigning::refuses()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QByteArray bytes = Record;
    QByteArray signature = signWith(QStringLiteral("alice"), Record, signing::Namespace);
    QByteArray allowed
        = "alice namespaces=\"blastguard-approval\" " + publicKey(QStringLiteral("alice")) + "\n";
    if (kind == QLatin1String("changed"))
        bytes.replace("...", "..!");
    else if (kind == QLatin1String("namespace"))
        signature = signWith(QStringLiteral("alice"), Record, "git");
    else if (kind == QLatin1String("stranger"))
        signature = signWith(QStringLiteral("bob"), Record, signing::Namespace);
    else if (kind == QLatin1String("git-only"))
        allowed = "alice namespaces=\"git\" " + publicKey(QStringLiteral("alice")) + "\n";
    else if (kind == QLatin1String("no-signers"))
        allowed.clear();
    else if (kind == QLatin1String("garbage"))
        signature = "this is not a signature";
    else if (kind == QLatin1String("truncated"))
        signature.truncate(signature.size() / 2);
    QVERIFY(!signature.isEmpty());
    const Result<Signer> signer
        = signing::verify(bytes, signature, allowed, QStringLiteral("x.sig"));
    QVERIFY2(!signer, qPrintable(kind));
    QCOMPARE(signer.error().path, QStringLiteral("x.sig"));
    QVERIFY2(signer.error().message.contains(message), qPrintable(signer.error().toString()));
}

void TestSigning::missingProgramFailsClosed()
{
    const QByteArray signature = signWith(QStringLiteral("alice"), Record, signing::Namespace);
    setSshKeygenForTests(QStringLiteral("/nonexistent/ssh-keygen"));
    const Result<Signer> signer = signing::verify(Record, signature,
        "alice " + publicKey(QStringLiteral("alice")) + "\n", QStringLiteral("x.sig"));
    QVERIFY(!signer);
    QVERIFY2(signer.error().message.contains(QLatin1String("cannot run /nonexistent/ssh-keygen")),
        qPrintable(signer.error().toString()));
    QVERIFY(!signing::sign(Record, key(QStringLiteral("alice"))));
}

QTEST_GUILESS_MAIN(TestSigning)
#include "tst_signing.moc"
