// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// core/files: every read is of a regular file (or standard input) and bounded; every write is
// atomic and never lands on an input, through a link, or on anything but a regular file.
#include "core/files.h"
#include "core/memory.h"
#include "core/model.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <new>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <thread>
#include <unistd.h>

using namespace bg::core;

class TestFiles : public QObject {
    Q_OBJECT
private slots:
    void readsRegularFiles();
    void refusesWhatIsNotARegularFile_data();
    void refusesWhatIsNotARegularFile();
    void readIsBounded();
    void standardInputIsBounded();
    void standardInputIsReadWhole();
    void writesAtomically();
    void keepsOrSetsTheMode();
    void refusesTargets_data();
    void refusesTargets();
    void failedWriteLeavesNothing();
    void streamsInPieces();
    void abandonedStreamLeavesNothing();
    void sha256();
    void byteSizes_data();
    void byteSizes();
    void largeReadsUseLargePages();
    void heapUsesLargePages();
    void freedFilesLeaveLargePages();
    void largeBlocksStartOnLargePages();
};

namespace {

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

QString make(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// The VmFlags of the mappings /proc/self/smaps lists, for those that `pick` chooses by their
// header line ("start-end perms offset device inode path").
QStringList vmFlags(const std::function<bool(quintptr, quintptr, const QByteArray &)> &pick)
{
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly))
        return {};
    QStringList flags;
    bool picked = false;
    for (const QByteArray &line : smaps.readAll().split('\n')) {
        const int dash = line.indexOf('-'), space = line.indexOf(' ');
        // A mapping's header starts with its address in lower-case hex; a field with its name.
        const bool header = !line.isEmpty()
            && ((line[0] >= '0' && line[0] <= '9') || (line[0] >= 'a' && line[0] <= 'f'));
        if (header && dash > 0 && space > dash) {
            bool ok = false, ok2 = false;
            const quintptr begin = line.left(dash).toULongLong(&ok, 16);
            const quintptr end = line.mid(dash + 1, space - dash - 1).toULongLong(&ok2, 16);
            picked = ok && ok2 && pick(begin, end, line);
        } else if (picked && line.startsWith("VmFlags:")) {
            flags.append(QString::fromLatin1(line.mid(8).trimmed()));
        }
    }
    return flags;
}

bool kernelHasLargePages()
{
    return QFile::exists(QStringLiteral("/sys/kernel/mm/transparent_hugepage/enabled"));
}

QString fifo(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0)
        qFatal("mkfifo %s", qPrintable(path));
    return path;
}

// A character device of our own (the same numbers as /dev/null), so that a broken write could
// never replace the system's /dev/null. Empty when we may not make devices (not root).
QString device(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    if (::mknod(QFile::encodeName(path).constData(), S_IFCHR | 0600, makedev(1, 3)) != 0)
        return {};
    return path;
}

mode_t modeOf(const QString &path)
{
    struct stat st { };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode;
}

QStringList entries(const QTemporaryDir &dir)
{
    return QDir(dir.path())
        .entryList(
            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
}

// Runs `body` with standard input reading from `fd`, then puts standard input back.
template<typename Body>
void withStandardInput(int fd, Body body)
{
    const int saved = ::dup(STDIN_FILENO);
    QVERIFY(saved >= 0);
    QVERIFY(::dup2(fd, STDIN_FILENO) >= 0);
    body();
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
}

} // namespace

void TestFiles::readsRegularFiles()
{
    QTemporaryDir dir;
    const QString plain = make(dir, QStringLiteral("plan.json"), "{\"a\": 1}\n");
    const Result<QByteArray> read = files::readFile(plain, files::documentLimit());
    QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(*read, QByteArray("{\"a\": 1}\n"));

    // A link to a regular file is read as that file: people keep plans behind links.
    const QString link = dir.filePath(QStringLiteral("link.json"));
    QVERIFY(QFile::link(plain, link));
    QCOMPARE(*files::readFile(link, files::documentLimit()), QByteArray("{\"a\": 1}\n"));

    const QString empty = make(dir, QStringLiteral("empty.json"), {});
    const Result<QByteArray> none = files::readFile(empty, files::documentLimit());
    QVERIFY(none);
    QVERIFY(none->isEmpty());

    // Exactly the cap is allowed.
    const QString full = make(dir, QStringLiteral("full.json"), QByteArray(1024, 'x'));
    QVERIFY(files::readFile(full, {1024, QStringLiteral("a test file")}));
}

void TestFiles::refusesWhatIsNotARegularFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << "missing"
                             << "no such file";
    QTest::newRow("directory") << "directory"
                               << "is a directory, not a regular file";
    QTest::newRow("FIFO with no writer") << "fifo"
                                         << "is a FIFO (named pipe), not a regular file";
    QTest::newRow("link to a FIFO") << "fifo-link"
                                    << "is a FIFO (named pipe), not a regular file";
    QTest::newRow("/dev/zero") << "/dev/zero"
                               << "is a character device, not a regular file";
    QTest::newRow("/dev/null") << "/dev/null"
                               << "is a character device, not a regular file";
    QTest::newRow("no name") << ""
                             << "no file named";
}

void TestFiles::refusesWhatIsNotARegularFile()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString path = kind;
    if (kind == QLatin1String("missing"))
        path = dir.filePath(QStringLiteral("absent.json"));
    else if (kind == QLatin1String("directory"))
        path = dir.path();
    else if (kind == QLatin1String("fifo"))
        path = fifo(dir, QStringLiteral("pipe"));
    else if (kind == QLatin1String("fifo-link")) {
        path = dir.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(fifo(dir, QStringLiteral("pipe")), path));
    }
    // Every kind must come back at once: a FIFO with no writer would block a plain open().
    for (const files::ReadLimit &limit :
        {files::documentLimit(), files::approvalLimit(), files::smallFileLimit("a policy")}) {
        const Result<QByteArray> read = files::readFile(path, limit);
        QVERIFY(!read);
        QCOMPARE(read.error().path, path);
        QVERIFY2(read.error().message.contains(message), qPrintable(read.error().toString()));
    }
}

void TestFiles::readIsBounded()
{
    QTemporaryDir dir;
    // A sparse file far over the cap: refused from its size, before a byte is read.
    const QString huge = dir.filePath(QStringLiteral("huge.json"));
    {
        QFile file(huge);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize((qint64(1) << 20) + 1));
    }
    const Result<QByteArray> read = files::readFile(huge, files::smallFileLimit("a policy"));
    QVERIFY(!read);
    QCOMPARE(read.error().toString(),
        huge + QStringLiteral(": is 1048577 bytes, over the limit of 1 MiB for a policy"));
    QVERIFY(files::readFile(huge, files::approvalLimit()));
}

void TestFiles::standardInputIsBounded()
{
    // `gate - < /dev/zero`: standard input that never ends stops one byte past the cap.
    const int zero = ::open("/dev/zero", O_RDONLY | O_CLOEXEC);
    QVERIFY(zero >= 0);
    withStandardInput(zero, [] {
        const Result<QByteArray> read
            = files::readFile(QStringLiteral("-"), files::smallFileLimit("an approval"));
        QVERIFY(!read);
        QCOMPARE(read.error().toString(),
            QStringLiteral("(standard input): is more than that, over the limit of 1 MiB for an "
                           "approval"));
    });
    ::close(zero);
}

void TestFiles::standardInputIsReadWhole()
{
    // A pipe fed in pieces, larger than one read's buffer: every byte arrives, in order.
    int pipeFds[2];
    QVERIFY(::pipe(pipeFds) == 0);
    QByteArray sent;
    for (int i = 0; i < 200000; ++i)
        sent += char('a' + i % 26);
    std::thread writer([&] {
        for (qsizetype at = 0; at < sent.size(); at += 4096)
            (void)!::write(
                pipeFds[1], sent.constData() + at, size_t(qMin<qsizetype>(4096, sent.size() - at)));
        ::close(pipeFds[1]);
    });
    withStandardInput(pipeFds[0], [&] {
        const Result<QByteArray> read
            = files::readFile(QStringLiteral("-"), files::documentLimit());
        QVERIFY(read);
        QCOMPARE(*read, sent);
    });
    writer.join();
    ::close(pipeFds[0]);
}

void TestFiles::writesAtomically()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.json"));
    QVERIFY(files::writeFile(out, "first", {}));
    QCOMPARE(contents(out), QByteArray("first"));
    QVERIFY(files::writeFile(out, "second, longer", {}));
    QCOMPARE(contents(out), QByteArray("second, longer"));
    // No temporary file is left beside it.
    QCOMPARE(entries(dir), QStringList {QStringLiteral("report.json")});
    // A relative name is written where the process is.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const Status relative = files::writeFile(QStringLiteral("relative.md"), "x", {});
    QDir::setCurrent(previous);
    QVERIFY(relative);
    QCOMPARE(contents(dir.filePath(QStringLiteral("relative.md"))), QByteArray("x"));
}

void TestFiles::keepsOrSetsTheMode()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.md"));
    QVERIFY(files::writeFile(out, "a", {}));
    QCOMPARE(modeOf(out) & 07777, mode_t(0644));
    QVERIFY(QFile::setPermissions(out, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(files::writeFile(out, "b", {}));
    QCOMPARE(modeOf(out) & 07777, mode_t(0600)); // an existing file keeps its mode
    QVERIFY(files::writeFile(out, "c", {}, 0644));
    QCOMPARE(modeOf(out) & 07777, mode_t(0644)); // unless the caller names one
}

void TestFiles::refusesTargets_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("the input itself") << "input"
                                      << "is the input";
    QTest::newRow("the input by another path") << "input-dotted"
                                               << "is the input";
    QTest::newRow("the input through a linked folder") << "input-via-folder"
                                                       << "is the input";
    QTest::newRow("a hard link to the input") << "hardlink"
                                              << "is the input";
    QTest::newRow("a symbolic link to the input") << "symlink"
                                                  << "is a symbolic link";
    QTest::newRow("a symbolic link to another file") << "symlink-other"
                                                     << "is a symbolic link";
    QTest::newRow("a dangling symbolic link") << "symlink-dangling"
                                              << "is a symbolic link";
    QTest::newRow("a FIFO") << "fifo"
                            << "is a FIFO (named pipe)";
    QTest::newRow("a character device") << "device"
                                        << "is a character device";
    QTest::newRow("a directory") << "directory"
                                 << "is a directory";
    QTest::newRow("a missing folder") << "missing-folder"
                                      << "cannot write";
}

// Each refused target: the error names it and says why, and nothing on disk changes.
void TestFiles::refusesTargets()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString input = make(dir, QStringLiteral("plan.json"), "the plan");
    const QString other = make(dir, QStringLiteral("other.json"), "another file");
    QString target = dir.filePath(QStringLiteral("out.json"));
    if (kind == QLatin1String("input"))
        target = input;
    else if (kind == QLatin1String("input-dotted")) {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
        target = dir.path() + QStringLiteral("/./sub/../plan.json");
    } else if (kind == QLatin1String("input-via-folder")) {
        QVERIFY(QFile::link(dir.path(), dir.filePath(QStringLiteral("alias"))));
        target = dir.filePath(QStringLiteral("alias/plan.json"));
    } else if (kind == QLatin1String("hardlink"))
        QVERIFY(::link(QFile::encodeName(input).constData(), QFile::encodeName(target).constData())
            == 0);
    else if (kind == QLatin1String("symlink"))
        QVERIFY(QFile::link(input, target));
    else if (kind == QLatin1String("symlink-other"))
        QVERIFY(QFile::link(other, target));
    else if (kind == QLatin1String("symlink-dangling"))
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("nowhere")), target));
    else if (kind == QLatin1String("fifo"))
        target = fifo(dir, QStringLiteral("out.json"));
    else if (kind == QLatin1String("device")) {
        target = device(dir, QStringLiteral("out.json"));
        if (target.isEmpty())
            QSKIP("cannot make a device node here (not root): the device row needs one");
    } else if (kind == QLatin1String("directory")) {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("out.json")));
    } else if (kind == QLatin1String("missing-folder"))
        target = dir.filePath(QStringLiteral("no/such/folder/out.json"));

    const QStringList before = entries(dir);
    const mode_t targetMode = modeOf(target);
    const Status checked = files::checkWritable(target, {input});
    const Status written = files::writeFile(target, "REPORT", {input});
    QVERIFY(!written);
    QCOMPARE(written.error().path, target);
    QVERIFY2(written.error().message.contains(message), qPrintable(written.error().toString()));
    if (kind != QLatin1String("missing-folder")) { // that one fails only when it writes
        QVERIFY(!checked);
        QCOMPARE(checked.error().toString(), written.error().toString());
    }
    QCOMPARE(contents(input), QByteArray("the plan"));
    QCOMPARE(contents(other), QByteArray("another file"));
    QCOMPARE(entries(dir), before);
    QCOMPARE(modeOf(target), targetMode);
}

void TestFiles::failedWriteLeavesNothing()
{
    if (::geteuid() == 0)
        QSKIP("running as root: a read-only folder does not stop root from writing");
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    const Status written = files::writeFile(dir.filePath(QStringLiteral("out.json")), "x", {});
    QFile::setPermissions(
        dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(!written);
    QVERIFY(written.error().message.startsWith(QLatin1String("cannot write: ")));
    QCOMPARE(entries(dir), QStringList());
}

void TestFiles::streamsInPieces()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.json"));
    QVERIFY(files::writeFile(out, "old", {}));
    auto file = files::OutputFile::open(out, {});
    QVERIFY(file);
    QByteArray expected;
    // Small pieces, pieces that fill the buffer, and one far larger than it.
    for (int i = 0; i < 5000; ++i) {
        const QByteArray piece = QByteArray::number(i) + QByteArray(i % 97, 'x') + '\n';
        (*file)->write(piece);
        expected += piece;
    }
    const QByteArray large(3 << 20, 'L');
    (*file)->write(large);
    expected += large;
    (*file)->write("end");
    expected += "end";
    // Until the commit the target is untouched and the pieces are in no named file.
    QCOMPARE(contents(out), QByteArray("old"));
    QCOMPARE(entries(dir), QStringList {QStringLiteral("report.json")});
    QVERIFY((*file)->commit());
    QCOMPARE(contents(out), expected);
    QCOMPARE(entries(dir), QStringList {QStringLiteral("report.json")});
    QVERIFY(!(*file)->commit()); // once only
}

void TestFiles::abandonedStreamLeavesNothing()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.json"));
    QVERIFY(files::writeFile(out, "kept", {}));
    {
        auto file = files::OutputFile::open(out, {});
        QVERIFY(file);
        (*file)->write(QByteArray(1 << 20, 'x'));
    } // destroyed without a commit: a run that failed half-way
    QCOMPARE(contents(out), QByteArray("kept"));
    QCOMPARE(entries(dir), QStringList {QStringLiteral("report.json")});
    // The checks writeFile makes are made at open: an input is refused before any byte.
    const auto refused = files::OutputFile::open(out, {out});
    QVERIFY(!refused);
    QCOMPARE(contents(out), QByteArray("kept"));
}

void TestFiles::sha256()
{
    // FIPS 180-2's examples, and Qt's own hash of a larger text, which Nettle's must equal.
    QCOMPARE(files::sha256Hex(""),
        QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(files::sha256Hex("abc"),
        QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QByteArray large(3 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < large.size(); ++i)
        large[i] = char((i * 7919) >> 3);
    QCOMPARE(files::sha256Hex(large),
        QString::fromLatin1(QCryptographicHash::hash(large, QCryptographicHash::Sha256).toHex()));
}

void TestFiles::byteSizes_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("bytes") << qint64(512) << "512 B";
    QTest::newRow("KiB") << qint64(1024) << "1 KiB";
    QTest::newRow("fraction") << qint64(1536) << "1.5 KiB";
    QTest::newRow("MiB") << (qint64(1) << 20) << "1 MiB";
    QTest::newRow("GiB") << (qint64(14) << 30) << "14 GiB";
}

void TestFiles::byteSizes()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(files::byteSize(bytes), text);
}

// A plan read whole is a buffer of its own; the kernel is asked to back its aligned interior
// with 2 MiB pages ("hg" in the mapping's VmFlags), and the bytes are the file's.
void TestFiles::largeReadsUseLargePages()
{
    QTemporaryDir dir;
    QByteArray bytes(6 << 20, 'x');
    for (int i = 0; i < bytes.size(); i += 4093)
        bytes[i] = char('a' + i % 26);
    const QString path = make(dir, QStringLiteral("large.json"), bytes);
    const Result<QByteArray> read = files::readFile(path, files::documentLimit());
    QVERIFY(read);
    QCOMPARE(read->size(), bytes.size());
    QVERIFY(*read == bytes);
    if (!kernelHasLargePages())
        QSKIP("this kernel has no transparent huge pages");
    const quintptr middle = quintptr(read->constData()) + quintptr(3 << 20);
    const QStringList flags = vmFlags([&](quintptr begin, quintptr end, const QByteArray &) {
        return begin <= middle && middle < end;
    });
    QCOMPARE(flags.size(), 1);
    QVERIFY2(flags.constFirst().split(QLatin1Char(' ')).contains(QLatin1String("hg")),
        qPrintable(flags.constFirst()));

    // A large vector made by sizedVector is advised before it is written: value-initialised.
    const std::vector<std::vector<int>> lists
        = memory::sizedVector<std::vector<int>>(size_t(8 << 20) / sizeof(std::vector<int>));
    QVERIFY(std::all_of(lists.begin(), lists.end(), [](const auto &l) { return l.empty(); }));
    const quintptr inside = quintptr(lists.data()) + quintptr(4 << 20);
    const QStringList listFlags = vmFlags([&](quintptr begin, quintptr end, const QByteArray &) {
        return begin <= inside && inside < end;
    });
    QCOMPARE(listFlags.size(), 1);
    QVERIFY2(listFlags.constFirst().split(QLatin1Char(' ')).contains(QLatin1String("hg")),
        qPrintable(listFlags.constFirst()));

    // A small file is left as it is.
    const Result<QByteArray> small = files::readFile(
        make(dir, QStringLiteral("small.json"), QByteArray(1 << 20, 'y')), files::documentLimit());
    QVERIFY(small);
    QCOMPARE(small->size(), 1 << 20);
}

// A document's resources sit in blocks that start on a 2 MiB boundary, advised whole: the
// 2 MiB pages at a block's ends were faulted 4 KiB at a time when it started anywhere.
void TestFiles::largeBlocksStartOnLargePages()
{
    ResourceList resources;
    const size_t n = size_t(5 << 20) / sizeof(Resource);
    resources.reserve(n);
    QCOMPARE(quintptr(resources.data()) % quintptr(2 << 20), quintptr(0));
    for (size_t i = 0; i < n; ++i)
        resources.emplace_back().id = QString::number(i);
    QCOMPARE(resources.back().id, QString::number(n - 1));
    QCOMPARE(resources.front().id, QStringLiteral("0"));
    // A small one is an ordinary block, and works as one.
    void *small = memory::allocateBlock(100);
    QVERIFY(small);
    std::memset(small, 1, 100);
    memory::releaseBlock(small, 100);
    // A size that would wrap round when made whole 2 MiB pages is refused, not made small.
    QVERIFY_THROWS_EXCEPTION(std::bad_alloc, memory::allocateBlock(SIZE_MAX - 100));
    if (!kernelHasLargePages())
        QSKIP("this kernel has no transparent huge pages");
    const quintptr first = quintptr(resources.data());
    const QStringList flags = vmFlags([&](quintptr begin, quintptr end, const QByteArray &) {
        return begin <= first && first < end;
    });
    QCOMPARE(flags.size(), 1);
    QVERIFY2(flags.constFirst().split(QLatin1Char(' ')).contains(QLatin1String("hg")),
        qPrintable(flags.constFirst()));
}

// useLargePages grows the heap by a step and advises it: some part of the heap is then marked.
void TestFiles::heapUsesLargePages()
{
#ifdef BG_SANITIZER_ALLOCATOR
    QSKIP("a sanitizer's allocator has no heap of glibc's to advise");
#else
    if (!kernelHasLargePages())
        QSKIP("this kernel has no transparent huge pages");
    const auto heapFlags = [] {
        return vmFlags(
            [](quintptr, quintptr, const QByteArray &header) { return header.endsWith("[heap]"); });
    };
    const auto marked = [](const QStringList &flags) {
        return std::count_if(flags.begin(), flags.end(), [](const QString &f) {
            return f.split(QLatin1Char(' ')).contains(QLatin1String("hg"));
        });
    };
    const auto before = marked(heapFlags());
    memory::useLargePages();
    const QStringList after = heapFlags();
    QVERIFY2(marked(after) > before, qPrintable(after.join(QLatin1String(" | "))));
    // Past the first step the heap grows unadvised, until keepHeapAdvised finds the new stretch.
    std::vector<std::unique_ptr<char[]>> past;
    for (int i = 0; i < 900; ++i) // 900 blocks of 100 KiB, below glibc's mmap threshold
        past.emplace_back(new char[100 << 10]);
    const auto grown = marked(heapFlags());
    memory::keepHeapAdvised();
    const QStringList advised = heapFlags();
    QVERIFY2(marked(advised) > grown, qPrintable(advised.join(QLatin1String(" | "))));
    // The heap still works, in and past the advised stretch.
    std::vector<std::unique_ptr<char[]>> blocks;
    for (int i = 0; i < 2000; ++i) {
        blocks.emplace_back(new char[64 << 10]);
        blocks.back()[0] = char(i);
        blocks.back()[(64 << 10) - 1] = char(i);
    }
    for (int i = 0; i < 2000; ++i)
        QVERIFY(blocks[size_t(i)][0] == char(i) && blocks[size_t(i)][(64 << 10) - 1] == char(i));
#endif
}

// A plan's bytes go back in whole 2 MiB pages (largePageFloor, largePageCeil); once they are
// gone, memory of 16 MiB and more is marked for 4 KiB pages before it is freed
// (leaveLargePages), less is left as it is.
void TestFiles::freedFilesLeaveLargePages()
{
    constexpr qint64 Large = qint64(2) << 20;
    const size_t size = size_t(24) << 20;
    char *block = static_cast<char *>(memory::allocateBlock(size)); // on a 2 MiB boundary
    QCOMPARE(quintptr(block) % quintptr(Large), quintptr(0));
    const char *data = block + 4096; // one 4 KiB page into a 2 MiB one
    QCOMPARE(memory::largePageFloor(data, 0), 0); // none at or before it
    QCOMPARE(memory::largePageFloor(data, Large - 4096 - 1), 0);
    QCOMPARE(memory::largePageFloor(data, Large - 4096), Large - 4096);
    QCOMPARE(memory::largePageFloor(data, 3 * Large), 3 * Large - 4096);
    QCOMPARE(memory::largePageCeil(data, 0, 20 << 20), Large - 4096);
    QCOMPARE(memory::largePageCeil(data, Large - 4096, 20 << 20), Large - 4096);
    QCOMPARE(memory::largePageCeil(data, Large - 4095, 20 << 20), 2 * Large - 4096);
    QCOMPARE(memory::largePageCeil(data, 19 << 20, 20 << 20), (20 << 20) - 4096);
    QCOMPARE(memory::largePageCeil(data, 19 << 20, 19 << 20), 19 << 20); // never past the size
    QCOMPARE(memory::largePageFloor(block, Large), Large);
    QCOMPARE(memory::largePageCeil(block, 0, Large), 0);

    if (!kernelHasLargePages()) {
        memory::releaseBlock(block, size);
        QSKIP("this kernel has no transparent huge pages");
    }
    const auto flagsAt = [](const char *at) {
        const QStringList flags = vmFlags([&](quintptr begin, quintptr end, const QByteArray &) {
            return begin <= quintptr(at) && quintptr(at) < end;
        });
        return flags.size() == 1 ? flags.constFirst().split(QLatin1Char(' ')) : QStringList();
    };
    memory::leaveLargePages(block, qint64(15) << 20); // less than 16 MiB: left as it is
    QVERIFY(!flagsAt(block + Large).contains(QLatin1String("nh")));
    memory::leaveLargePages(data, qint64(size) - 4096);
    // The whole 2 MiB pages inside: not the first (it begins before `data`), the next ones yes
    QVERIFY(!flagsAt(block).contains(QLatin1String("nh")));
    QVERIFY2(flagsAt(block + Large).contains(QLatin1String("nh")),
        qPrintable(flagsAt(block + Large).join(QLatin1Char(' '))));
    QVERIFY(flagsAt(block + size - 1).contains(QLatin1String("nh")));
    std::memset(block, 7, size); // still memory, as it was
    QCOMPARE(block[size - 1], char(7));
    memory::releaseBlock(block, size);
}

QTEST_GUILESS_MAIN(TestFiles)
#include "tst_files.moc"
