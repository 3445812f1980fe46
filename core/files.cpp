// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/files.h"

#include "core/memory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace bg::core::files {

namespace {

Error failure(const QString &path, const QString &message)
{
    return Error {path, 0, 0, message};
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// What a file that is not a regular file is, in words.
QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a directory");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO (named pipe)");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISLNK(mode))
        return QStringLiteral("a symbolic link");
    return QStringLiteral("not a regular file");
}

QString tooLarge(qint64 size, const ReadLimit &limit)
{
    // Just over the cap, the rounded size would read as the cap itself: give the bytes.
    const QString shown = size < 0  ? QStringLiteral("more than that")
        : size < 2 * limit.maxBytes ? QStringLiteral("%1 bytes").arg(size)
                                    : byteSize(size);
    return QStringLiteral("is %1, over the limit of %2 for %3")
        .arg(shown, byteSize(limit.maxBytes), limit.what);
}

class Descriptor {
public:
    explicit Descriptor(int fd)
        : m_fd(fd)
    {
    }
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    int get() const { return m_fd; }
    void release() { m_fd = -1; }

private:
    int m_fd;
};

// Reads from `fd` until its end into `bytes`, which holds `expected` bytes' room to begin with;
// fails past `limit.maxBytes`. Interrupted reads are retried.
Result<QByteArray> readBounded(int fd, const QString &path, qint64 expected, const ReadLimit &limit)
{
    QByteArray bytes(qMin(expected, limit.maxBytes + 1), Qt::Uninitialized);
    // The read writes every byte of it: a large one may as well be in 2 MiB pages.
    memory::adviseLargePages(bytes.data(), bytes.size());
    qint64 used = 0;
    for (;;) {
        if (used == bytes.size()) {
            if (used > limit.maxBytes)
                return failure(path, tooLarge(-1, limit));
            // Grow by at most the cap, and one byte past it to see whether there is more.
            const qint64 room = qMax<qint64>(qMin<qint64>(used, 1 << 20), 1 << 16);
            bytes.resize(qMin(used + room, limit.maxBytes + 1));
        }
        const ssize_t n = ::read(fd, bytes.data() + used, size_t(bytes.size() - used));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return failure(path, QStringLiteral("cannot read: %1").arg(systemError(errno)));
        }
        if (n == 0)
            break;
        used += n;
        if (used > limit.maxBytes)
            return failure(path, tooLarge(-1, limit));
    }
    bytes.truncate(used);
    memory::readInput(used);
    return bytes;
}

struct Identity {
    dev_t device = 0;
    ino_t inode = 0;
};

bool sameFile(const Identity &a, const Identity &b)
{
    return a.device == b.device && a.inode == b.inode;
}

// The identity of `path` after links, when it exists.
std::optional<Identity> identityOf(const QString &path)
{
    struct stat st { };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return Identity {st.st_dev, st.st_ino};
}

} // namespace

ReadLimit documentLimit()
{
    return {DocumentCap, QStringLiteral("a plan or state")};
}

ReadLimit smallFileLimit(const QString &what)
{
    return {SmallFileCap, what};
}

ReadLimit approvalLimit()
{
    return {ApprovalCap, QStringLiteral("an approval")};
}

bool isStandardStream(const QString &path)
{
    return path == QLatin1String("-");
}

QString byteSize(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    const char *units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    const bool whole = value == double(qint64(value));
    return QStringLiteral("%1 %2").arg(
        QString::number(value, 'f', whole ? 0 : 1), QLatin1String(units[unit]));
}

namespace {

// `path` opened for reading, when it is a regular file within the cap: the descriptor (to be
// closed by the caller) and the file's size.
Result<std::pair<int, qint64>> openRegular(const QString &path, const ReadLimit &limit)
{
    if (path.isEmpty())
        return failure(path, QStringLiteral("no file named"));
    // O_NONBLOCK: opening a FIFO with no writer returns at once (and is refused below) instead
    // of waiting forever. O_NOCTTY: a terminal device never becomes our controlling terminal.
    Descriptor fd(
        ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT)
            return failure(path, QStringLiteral("no such file"));
        return failure(path, QStringLiteral("cannot read: %1").arg(systemError(errno)));
    }
    struct stat st { };
    if (::fstat(fd.get(), &st) != 0)
        return failure(path, QStringLiteral("cannot read: %1").arg(systemError(errno)));
    if (!S_ISREG(st.st_mode)) {
        return failure(path,
            QStringLiteral("is %1, not a regular file; Blastguard reads only regular files, "
                           "or - for standard input")
                .arg(kindOf(st.st_mode)));
    }
    if (st.st_size > limit.maxBytes)
        return failure(path, tooLarge(st.st_size, limit));
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0)
        ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
    const int kept = fd.get();
    fd.release();
    return std::pair<int, qint64> {kept, qint64(st.st_size)};
}

} // namespace

Result<QByteArray> readFile(const QString &path, const ReadLimit &limit)
{
    Result<std::unique_ptr<InputStream>> in = InputStream::open(path, limit);
    if (!in)
        return in.error();
    return (*in)->readAll();
}

Result<QByteArray> readStart(const QString &path, qint64 n, const ReadLimit &limit)
{
    Result<std::unique_ptr<InputStream>> in = InputStream::open(path, limit);
    if (!in)
        return in.error();
    QByteArray start(std::min(n, limit.maxBytes), Qt::Uninitialized);
    qint64 used = 0;
    while (used < start.size()) {
        const Result<qint64> read = (*in)->read(start.data() + used, start.size() - used);
        if (!read)
            return read.error();
        if (*read == 0)
            break;
        used += *read;
    }
    start.truncate(used);
    return start;
}

Result<std::unique_ptr<InputStream>> InputStream::open(const QString &path, const ReadLimit &limit)
{
    std::unique_ptr<InputStream> stream(new InputStream);
    stream->m_limit = limit;
    if (isStandardStream(path)) {
        stream->m_path = QStringLiteral("(standard input)");
        stream->m_fd = STDIN_FILENO;
        return stream;
    }
    Result<std::pair<int, qint64>> opened = openRegular(path, limit);
    if (!opened)
        return opened.error();
    stream->m_path = path;
    stream->m_fd = opened->first;
    stream->m_owned = true;
    stream->m_size = opened->second;
    return stream;
}

InputStream::~InputStream()
{
    if (m_owned && m_fd >= 0)
        ::close(m_fd);
}

Result<QByteArray> InputStream::readAll()
{
    // A regular file in one exact allocation, with a byte of room to see the end without growing
    // (growing would reserve up to twice the file); one that grows while it is read is still
    // bounded by the cap. A pipe, a terminal or a redirected file: read to the end, never past
    // the cap.
    const qint64 expected = m_size >= 0 ? m_size - m_read + 1 : qint64(1) << 16;
    Result<QByteArray> bytes
        = readBounded(m_fd, m_path, expected, {m_limit.maxBytes - m_read, m_limit.what});
    if (bytes)
        m_read += bytes->size();
    return bytes;
}

Result<qint64> InputStream::read(char *into, qint64 room)
{
    for (;;) {
        // One byte past the cap is asked for, to see that there is more.
        const qint64 allowed = qMin(room, m_limit.maxBytes + 1 - m_read);
        if (allowed <= 0)
            return failure(m_path, tooLarge(-1, m_limit));
        const ssize_t n = ::read(m_fd, into, size_t(allowed));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return failure(m_path, QStringLiteral("cannot read: %1").arg(systemError(errno)));
        }
        m_read += n;
        if (m_read > m_limit.maxBytes)
            return failure(m_path, tooLarge(-1, m_limit));
        return qint64(n);
    }
}

Status checkWritable(const QString &path, const QStringList &inputs)
{
    if (isStandardStream(path))
        return {};
    if (path.isEmpty())
        return failure(path, QStringLiteral("no file named to write"));
    const QByteArray native = QFile::encodeName(path);
    struct stat st { };
    const bool exists = ::lstat(native.constData(), &st) == 0;
    if (!exists && errno != ENOENT)
        return failure(path, QStringLiteral("cannot write: %1").arg(systemError(errno)));
    if (exists && S_ISLNK(st.st_mode))
        return failure(path,
            QStringLiteral("is a symbolic link; Blastguard never writes through a link (name "
                           "the file itself, or a new one)"));
    if (exists && !S_ISREG(st.st_mode))
        return failure(path,
            QStringLiteral("is %1; Blastguard writes only to a regular file or a new name")
                .arg(kindOf(st.st_mode)));

    const Identity target {st.st_dev, st.st_ino};
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString canonicalFolder = QFileInfo(QFileInfo(path).absolutePath()).canonicalFilePath();
    const QString canonical = canonicalFolder.isEmpty()
        ? QString()
        : QDir(canonicalFolder).filePath(QFileInfo(path).fileName());
    for (const QString &input : inputs) {
        if (input.isEmpty() || isStandardStream(input))
            continue;
        const QFileInfo in(input);
        const auto id = identityOf(input);
        const bool samePath = in.absoluteFilePath() == absolute
            || (!canonical.isEmpty() && in.canonicalFilePath() == canonical);
        if (samePath || (exists && id && sameFile(*id, target))) {
            return failure(path,
                QStringLiteral("is the input %1 (the same file); Blastguard never writes over "
                               "an input: choose another file")
                    .arg(input));
        }
    }
    return {};
}

namespace {
constexpr qsizetype OutputBuffer = 1 << 18;
}

Result<std::unique_ptr<OutputFile>> OutputFile::open(
    const QString &path, const QStringList &inputs, int mode)
{
    std::unique_ptr<OutputFile> out(new OutputFile);
    out->m_path = path;
    out->m_inputs = inputs;
    out->m_buffer.reserve(OutputBuffer);
    if (isStandardStream(path)) {
        out->m_stdout = true;
        return out;
    }
    if (Status checked = checkWritable(path, inputs); !checked)
        return checked.error();
    const QFileInfo info(path);
    struct stat st { };
    if (mode < 0) {
        const bool exists
            = ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode);
        mode = exists ? int(st.st_mode & 07777) : 0644; // an existing file keeps its mode
    }
    out->m_mode = mode;
    // The bytes go to an unnamed file (O_TMPFILE) that gets a name only once it is complete and
    // synced, so a process killed half-way leaves nothing behind; a named temporary file where
    // the file system has no unnamed ones.
    const QString folderPath = info.absolutePath();
    out->m_folder = QFile::encodeName(folderPath);
    out->m_pattern
        = QDir(folderPath).filePath(QStringLiteral(".%1.blastguard-").arg(info.fileName()));
    int fd = ::open(out->m_folder.constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    out->m_unnamed = fd >= 0;
    if (!out->m_unnamed) {
        out->m_temporary = QFile::encodeName(out->m_pattern + QStringLiteral("XXXXXX"));
        fd = ::mkstemp(out->m_temporary.data()); // O_CREAT | O_EXCL, mode 0600
    }
    if (fd < 0) {
        out->m_temporary.clear();
        return failure(path, QStringLiteral("cannot write: %1").arg(systemError(errno)));
    }
    out->m_fd = fd;
    return out;
}

OutputFile::~OutputFile()
{
    if (!m_done && !m_temporary.isEmpty())
        ::unlink(m_temporary.constData());
    if (m_fd >= 0)
        ::close(m_fd);
}

void OutputFile::write(QByteArrayView bytes)
{
    if (m_error || m_done)
        return;
    if (m_buffer.size() + bytes.size() <= OutputBuffer) {
        m_buffer.append(bytes);
        return;
    }
    if (!flush())
        return;
    if (bytes.size() < OutputBuffer)
        m_buffer.append(bytes);
    else
        writeRaw(bytes); // a large piece goes out as it is, never copied
}

bool OutputFile::flush()
{
    const bool ok = writeRaw(m_buffer);
    m_buffer.resize(0);
    return ok;
}

bool OutputFile::writeRaw(QByteArrayView bytes)
{
    if (m_error)
        return false;
    if (m_stdout) {
        errno = 0;
        if (std::fwrite(bytes.data(), 1, size_t(bytes.size()), stdout) != size_t(bytes.size()))
            m_error = errno ? errno : EIO;
        return !m_error;
    }
    qint64 done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_fd, bytes.data() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_error = n < 0 ? errno : ENOSPC;
            return false;
        }
        done += n;
    }
    return true;
}

Status OutputFile::commit()
{
    if (m_done)
        return failure(m_path, QStringLiteral("cannot write: already written"));
    const QString shown = m_stdout ? QStringLiteral("(standard output)") : m_path;
    auto abandon = [&](int error) -> Status {
        m_done = true;
        if (!m_temporary.isEmpty())
            ::unlink(m_temporary.constData());
        return failure(shown, QStringLiteral("cannot write: %1").arg(systemError(error)));
    };
    if (!flush())
        return abandon(m_error);
    if (m_stdout) {
        m_done = true;
        if (std::fflush(stdout) != 0)
            return failure(shown, QStringLiteral("cannot write: %1").arg(systemError(errno)));
        return {};
    }
    if (::fchmod(m_fd, mode_t(m_mode)) != 0 || ::fsync(m_fd) != 0)
        return abandon(errno);
    if (m_unnamed) {
        const QByteArray self = "/proc/self/fd/" + QByteArray::number(m_fd);
        for (int attempt = 0; m_temporary.isEmpty(); ++attempt) {
            QString suffix;
            for (int i = 0; i < 6; ++i)
                suffix += QLatin1Char(
                    "abcdefghijklmnopqrstuvwxyz0123456789"[QRandomGenerator::global()->bounded(
                        36)]);
            const QByteArray name = QFile::encodeName(m_pattern + suffix);
            if (::linkat(AT_FDCWD, self.constData(), AT_FDCWD, name.constData(), AT_SYMLINK_FOLLOW)
                == 0)
                m_temporary = name;
            else if (errno != EEXIST || attempt > 100)
                return abandon(errno);
        }
    }
    // The final check, then the rename: rename() replaces the name, it never follows a link.
    if (Status checked = checkWritable(m_path, m_inputs); !checked) {
        m_done = true;
        ::unlink(m_temporary.constData());
        return checked;
    }
    if (::rename(m_temporary.constData(), QFile::encodeName(m_path).constData()) != 0)
        return abandon(errno);
    m_done = true;
    // The rename itself is durable once the folder is synced.
    Descriptor folder(::open(m_folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder.get() >= 0)
        ::fsync(folder.get());
    return {};
}

QString sha256Hex(QByteArrayView bytes)
{
    return sha256Hex(bytes, nullptr);
}

struct Sha256::Context {
    sha256_ctx nettle;
};

Sha256::Sha256()
    : m_context(std::make_unique<Context>())
{
    sha256_init(&m_context->nettle);
}

Sha256::~Sha256() = default;

void Sha256::add(QByteArrayView bytes)
{
    sha256_update(
        &m_context->nettle, size_t(bytes.size()), reinterpret_cast<const uint8_t *>(bytes.data()));
}

QString Sha256::hex()
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&m_context->nettle, SHA256_DIGEST_SIZE, digest);
    return QString::fromLatin1(
        QByteArray::fromRawData(reinterpret_cast<const char *>(digest), SHA256_DIGEST_SIZE)
            .toHex());
}

QString sha256Hex(QByteArrayView bytes, std::atomic<qint64> *hashed)
{
    constexpr qsizetype Step = qsizetype(4) << 20;
    Sha256 sha;
    for (qsizetype done = 0; done < bytes.size();) {
        const qsizetype n = hashed ? std::min(Step, bytes.size() - done) : bytes.size();
        sha.add(bytes.sliced(done, n));
        done += n;
        if (hashed)
            hashed->store(done, std::memory_order_release);
    }
    return sha.hex();
}

Status writeFile(const QString &path, const QByteArray &bytes, const QStringList &inputs, int mode)
{
    Result<std::unique_ptr<OutputFile>> out = OutputFile::open(path, inputs, mode);
    if (!out)
        return out.error();
    (*out)->write(bytes);
    return (*out)->commit();
}

} // namespace bg::core::files
