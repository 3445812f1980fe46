// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A large plan is read on another thread while it is scanned (core/loading/streamedfile_p.h):
// the scan reads no byte before the read has it, and waits where it needs more. Loaded that way,
// in pieces of any size and however far the read runs ahead, every fixture, every corpus file,
// generated plans of every shape and broken files give the same document, the same SHA-256 and
// the same errors, line and column, as the file read whole. A file that grows or shrinks while
// it is read fails to load, and a load that fails early stops the read.
#include "core/loading/jsonscanner_p.h"
#include "core/loading/loader.h"
#include "core/loading/streamedfile_p.h"
#include "core/loading/unreadbytes_p.h"
#include "genplan.h"
#include "genshapes.h"
#include "loadtext.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <atomic>
#include <sstream>

using namespace bg::core;
using namespace bg::core::detail;
using namespace bg::tests;

class TestStreamedLoad : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fixturesAndCorpus();
    void brokenFiles();
    void largePlans_data();
    void largePlans();
    void loadDocumentStreamsLargeFiles();
    void fileChangesWhileRead_data();
    void fileChangesWhileRead();
    void earlyErrorStopsTheRead();

private:
    QTemporaryDir m_dir;
};

namespace {

QString errorText(const Result<Document> &loaded)
{
    return loaded ? QStringLiteral("loaded") : loaded.error().toString();
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Loaded whole from a copy nothing else holds (its pages may go back, as loadDocument's do).
Result<Document> loadWhole(const QByteArray &bytes, const QString &path, JsonSkip skip)
{
    return detail::loadDocumentFromBytes(QByteArray(bytes.constData(), bytes.size()), path, skip);
}

Result<Document> loadStreamedFrom(const QString &path, StreamOptions options, JsonSkip skip)
{
    options.poison = true;
    Result<std::unique_ptr<StreamedFile>> file = StreamedFile::open(path, std::move(options));
    if (!file)
        return file.error();
    return detail::loadStreamed(**file, path, skip);
}

// The same load, streamed and whole: the same text (errors included) and the same SHA-256.
// `kept`: how many bytes the streamed document keeps (its values alone, packed, where it
// compacted: Document::keptSize), with the file as read where it had to be converted.
QString difference(const QString &path, const QByteArray &bytes, StreamOptions options,
    JsonSkip skip = JsonSkip::Fast, qsizetype *kept = nullptr)
{
    const QString setting = QStringLiteral(" (pieces of %1, %2 ahead, %3)")
                                .arg(options.piece)
                                .arg(options.ahead)
                                .arg(skip == JsonSkip::Fast ? "fast" : "slow");
    const Result<Document> whole = loadWhole(bytes, path, skip);
    const Result<Document> streamed = loadStreamedFrom(path, std::move(options), skip);
    if (loadText(streamed) != loadText(whole))
        return path + setting + QStringLiteral(": streamed ") + errorText(streamed)
            + QStringLiteral(", whole ") + errorText(whole);
    if (streamed && fileSha256(*streamed) != sha256(bytes))
        return path + setting + QStringLiteral(": another SHA-256");
    if (kept)
        *kept = streamed ? streamed->keptSize() + streamed->original.size() : -1;
    return {};
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// `text` as UTF-16, little-endian with a mark or big-endian without, as Windows shells write it.
QByteArray utf16(const QByteArray &text, bool littleEndian)
{
    QByteArray out = littleEndian ? QByteArray("\xFF\xFE") : QByteArray();
    for (const QChar c : QString::fromUtf8(text)) {
        const char low = char(c.unicode() & 0xFF), high = char(c.unicode() >> 8);
        out.append(littleEndian ? low : high).append(littleEndian ? high : low);
    }
    return out;
}

// `plan` with a member of CJK text and emoji (units in pairs in UTF-16) first in each non-empty
// `after` object: more bytes in UTF-8 than in UTF-16.
QByteArray widened(const QByteArray &plan)
{
    const QByteArray member = QStringLiteral("\"\u8bf4\u660e\":\"%1\U0001F600\",")
                                  .arg(QString(40, QChar(0x6570)))
                                  .toUtf8();
    const QByteArray after("\"after\":{");
    QByteArray out;
    qsizetype from = 0;
    for (qsizetype at = plan.indexOf(after); at >= 0; at = plan.indexOf(after, from)) {
        out += plan.mid(from, at + after.size() - from);
        from = at + after.size();
        if (plan.at(from) != '}')
            out += member;
    }
    return out + plan.mid(from);
}

QByteArray shapePlan(PlanShape shape, int resources, bool destroy = false)
{
    std::ostringstream out;
    ShapeOptions options;
    options.shape = shape;
    options.resources = resources;
    options.seed = 11;
    options.destroy = destroy;
    options.stringBytes = 20'000'000;
    writeShape(options, out);
    return QByteArray::fromStdString(out.str());
}

// Settings that put the ends of pieces everywhere: about 300 pieces a file (one byte each in a
// small one) with nothing read ahead but what the scan waits for, and an odd size.
std::vector<StreamOptions> settingsFor(qint64 size)
{
    std::vector<StreamOptions> settings(2);
    settings[0].piece = std::max<qint64>(1, size / 300) | 1;
    settings[0].ahead = 0;
    settings[1].piece = 4099;
    settings[1].ahead = 64 << 10;
    return settings;
}

} // namespace

void TestStreamedLoad::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestStreamedLoad::fixturesAndCorpus()
{
    QStringList files;
    for (const QString &name :
        QDir(QStringLiteral(BG_FIXTURES))
            .entryList(
                {QStringLiteral("*.json"), QStringLiteral("*.tfstate")}, QDir::Files, QDir::Name))
        files.append(fixture(name));
    for (QDirIterator it(resource(QStringLiteral("scenarios")),
             {QStringLiteral("*.json"), QStringLiteral("*.tfstate")}, QDir::Files,
             QDirIterator::Subdirectories);
         it.hasNext();)
        files.append(it.next());
    QVERIFY(files.size() > 40);
    const QStringList corpus = corpusFiles();
    if (corpus.isEmpty())
        qWarning("The shared corpus is absent (set BLASTGUARD_CORPUS or put it at "
                 "../shared/corpus): only the project's own files were streamed.");
    files += corpus;
    int loaded = 0;
    for (const QString &file : files) {
        const QByteArray bytes = readAll(file);
        for (StreamOptions &options : settingsFor(bytes.size())) {
            const QString problem = difference(file, bytes, options);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        // nlohmann reading every byte through the read's frontier
        const QString problem
            = difference(file, bytes, settingsFor(bytes.size())[0], JsonSkip::Slow);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        loaded += bool(loadWhole(bytes, file, JsonSkip::Fast));
    }
    QVERIFY(loaded > files.size() / 2);
}

// Cut short and with a byte changed, anywhere: the same error, line and column.
void TestStreamedLoad::brokenFiles()
{
    const QByteArray plans[] = {readAll(fixture(QStringLiteral("plan-modules.json"))),
        readAll(fixture(QStringLiteral("plan-db-replace.json"))), shapePlan(PlanShape::Awkward, 40),
        shapePlan(PlanShape::Small, 60, true),
        utf16(readAll(fixture(QStringLiteral("plan-modules.json"))), true),
        utf16(shapePlan(PlanShape::Awkward, 30), false)};
    const QString path = m_dir.filePath(QStringLiteral("broken.json"));
    int errors = 0;
    for (const QByteArray &plan : plans) {
        QVERIFY(plan.size() > 2000);
        for (int i = 1; i <= 12; ++i) {
            const qsizetype at = plan.size() * i / 13;
            for (const QByteArray &broken : {plan.left(at), QByteArray(plan).replace(at, 1, "}"),
                     QByteArray(plan).replace(at, 1, "\\")}) {
                QVERIFY(!writeFile(path, broken).isEmpty());
                errors += !loadWhole(broken, path, JsonSkip::Fast);
                for (StreamOptions &options : settingsFor(broken.size())) {
                    const QString problem = difference(path, broken, options);
                    QVERIFY2(problem.isEmpty(), qPrintable(problem));
                }
            }
        }
    }
    QVERIFY(errors > 100);
}

void TestStreamedLoad::largePlans_data()
{
    QTest::addColumn<QByteArray>("plan");
    QTest::addColumn<qint64>("piece");
    QTest::addColumn<qint64>("ahead");
    QTest::newRow("mixed, odd pieces")
        << shapePlan(PlanShape::Mixed, 4000) << qint64(65537) << qint64(0);
    QTest::newRow("full destroy") << shapePlan(PlanShape::Mixed, 7000, true) << qint64(40961)
                                  << qint64(1 << 20);
    QByteArray pretty = shapePlan(PlanShape::Mixed, 4000);
    pretty.replace(",\"", ",\n  \"");
    QTest::newRow("pretty-printed") << pretty << qint64(65537) << qint64(100000);
    QTest::newRow("a 20 MB string")
        << shapePlan(PlanShape::LongString, 0) << qint64(65537) << qint64(0);
    QTest::newRow("data stores") << shapePlan(PlanShape::Data, 6000) << qint64(65537)
                                 << qint64(1 << 20);
    QTest::newRow("duplicate addresses")
        << shapePlan(PlanShape::Duplicates, 70000) << qint64(65537) << qint64(1 << 20);
    // An editor's UTF-8 byte order mark: the file is still streamed and compacted.
    QTest::newRow("byte order mark")
        << QByteArray("\xEF\xBB\xBF") + shapePlan(PlanShape::Mixed, 4000) << qint64(65537)
        << qint64(0);
    // PowerShell's UTF-16: converted as it is read, the file as read going back behind.
    QTest::newRow("UTF-16") << utf16(shapePlan(PlanShape::Mixed, 3000), true) << qint64(65537)
                            << qint64(0);
    QTest::newRow("UTF-16, big-endian, no mark")
        << utf16(shapePlan(PlanShape::Awkward, 14000), false) << qint64(40961) << qint64(1 << 20);
    // Text outside ASCII: CJK takes 3 bytes in UTF-8 for 2 in UTF-16, so the text converted
    // grows past the room reserved for it; pairs of units straddle the conversion's chunks.
    QTest::newRow("UTF-16, CJK and pairs of units")
        << utf16(widened(shapePlan(PlanShape::Mixed, 3000)), true) << qint64(65537)
        << qint64(1 << 20);
    QTest::newRow("small resources")
        << shapePlan(PlanShape::Small, 40000) << qint64(65537) << qint64(1 << 20);
    // About 3 MB: streamed and compacted too (from UnreadPages::MinimumFile, 2 MiB, on)
    QTest::newRow("3 MB") << shapePlan(PlanShape::Small, 4000) << qint64(65537) << qint64(1 << 20);
}

// Plans of UnreadPages::MinimumFile and more: their values move out of the file as the scan
// keeps them, and its pages go back behind the scan while the read runs ahead.
void TestStreamedLoad::largePlans()
{
    QFETCH(QByteArray, plan);
    QFETCH(qint64, piece);
    QFETCH(qint64, ahead);
    QVERIFY(plan.size() > UnreadPages::MinimumFile);
    const QString path = writeFile(m_dir.filePath(QStringLiteral("large.json")), plan);
    QVERIFY(!path.isEmpty());
    StreamOptions options;
    options.piece = piece;
    options.ahead = ahead;
    qsizetype kept = -1;
    const QString problem = difference(path, plan, options, JsonSkip::Fast, &kept);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(kept >= 0 && kept < plan.size()); // its values alone: compacted
}

// From UnreadPages::MinimumFile (2 MiB) on, loadDocument streams a file and keeps its values
// alone; below, it keeps the file.
void TestStreamedLoad::loadDocumentStreamsLargeFiles()
{
    for (const int resources : {4000, 300}) {
        const QByteArray plan = shapePlan(PlanShape::Mixed, resources);
        const QString path = writeFile(m_dir.filePath(QStringLiteral("plan.json")), plan);
        const Result<Document> loaded = loadDocument(path);
        QVERIFY2(loaded, qPrintable(errorText(loaded)));
        QCOMPARE(loadText(loaded), loadText(loadWhole(plan, path, JsonSkip::Fast)));
        QCOMPARE(fileSha256(*loaded), sha256(plan));
        const bool streamed = plan.size() >= UnreadPages::MinimumFile;
        QVERIFY2(streamed == (resources == 4000), qPrintable(QString::number(plan.size())));
        QCOMPARE(loaded->bytes.isEmpty(), streamed);
        QCOMPARE(bool(loaded->packed), streamed);
    }
    // About 3 MB: streamed since the pages go back in whole 2 MiB pages (from 16 MiB before)
    const QByteArray small = shapePlan(PlanShape::Small, 4000);
    QVERIFY(small.size() > UnreadPages::MinimumFile && small.size() < (16 << 20));
    const QString path = writeFile(m_dir.filePath(QStringLiteral("small.json")), small);
    const Result<Document> loaded = loadDocument(path);
    QVERIFY2(loaded, qPrintable(errorText(loaded)));
    QVERIFY(loaded->bytes.isEmpty() && loaded->packed);
    QCOMPARE(loadText(loaded), loadText(loadWhole(small, path, JsonSkip::Fast)));
}

void TestStreamedLoad::fileChangesWhileRead_data()
{
    QTest::addColumn<bool>("grows");
    QTest::addColumn<QString>("reason");
    QTest::newRow("cut short") << false << QStringLiteral("shrank while it was read");
    QTest::newRow("written on") << true << QStringLiteral("grew while it was read");
}

// The file is cut, or written on, once its first piece is read: the load fails with the read's
// reason, naming the file, whatever the scan made of the bytes it had.
void TestStreamedLoad::fileChangesWhileRead()
{
    QFETCH(bool, grows);
    QFETCH(QString, reason);
    const QByteArray plan = shapePlan(PlanShape::Small, 20000);
    const QString path = writeFile(m_dir.filePath(QStringLiteral("changes.json")), plan);
    StreamOptions options;
    options.piece = 1 << 16;
    std::atomic<bool> changed {false}; // on the reading thread: checked here after
    options.afterPiece = [&](qint64 at) {
        if (at != options.piece)
            return;
        QFile file(path);
        changed
            = grows ? file.open(QIODevice::Append) && file.write("\n\n") == 2 : file.resize(100000);
    };
    const Result<Document> loaded = loadStreamedFrom(path, options, JsonSkip::Fast);
    QVERIFY(changed);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().message.contains(reason), qPrintable(errorText(loaded)));
    QCOMPARE(loaded.error().path, path);
}

// A file broken near its start: the error comes without the rest being read. The read never
// runs more than `ahead` past what the scan has passed, nor past what the scan waits for (the
// first 64 KiB, to see what the file is), so this holds whatever the threads' timing.
void TestStreamedLoad::earlyErrorStopsTheRead()
{
    QByteArray plan = shapePlan(PlanShape::Mixed, 4000);
    plan.insert(plan.indexOf(',') + 1, "@");
    const QString path = writeFile(m_dir.filePath(QStringLiteral("early.json")), plan);
    StreamOptions options;
    options.piece = 1 << 16;
    options.ahead = 1 << 20;
    std::atomic<qint64> read {0};
    options.afterPiece = [&](qint64 at) {
        read = at;
    };
    const Result<Document> loaded = loadStreamedFrom(path, options, JsonSkip::Fast);
    QVERIFY(!loaded);
    QCOMPARE(errorText(loaded), errorText(loadWhole(plan, path, JsonSkip::Fast)));
    QVERIFY2(read <= options.ahead + options.piece,
        qPrintable(QStringLiteral("%1 of %2").arg(read).arg(plan.size())));
}

QTEST_GUILESS_MAIN(TestStreamedLoad)
#include "tst_streamedload.moc"
