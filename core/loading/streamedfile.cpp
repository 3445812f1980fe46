// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/streamedfile_p.h"
#include "core/memory.h"

#include <algorithm>
#include <system_error>

namespace bg::core::detail {

Result<std::unique_ptr<StreamedFile>> StreamedFile::open(const QString &path, StreamOptions options)
{
    Result<std::unique_ptr<files::InputStream>> in
        = files::InputStream::open(path, files::documentLimit());
    if (!in)
        return in.error();
    std::unique_ptr<StreamedFile> file(new StreamedFile);
    file->m_path = path;
    file->m_size = std::max<qint64>(0, (*in)->size());
    file->m_in = std::move(*in);
    file->m_options = std::move(options);
    file->m_options.piece = std::max<qint64>(1, file->m_options.piece);
    return file;
}

StreamedFile::~StreamedFile()
{
    (void)finish(true);
}

void StreamedFile::start()
{
    // Room for the file, address space until written; written whole, so in 2 MiB pages.
    m_bytes = QByteArray(m_size, Qt::Uninitialized);
    memory::adviseLargePages(m_bytes.data(), m_bytes.size());
    memory::readInput(m_size);
    for (qint64 i = 0; m_options.poison && i < m_size; ++i)
        m_bytes[i] = "\"}]"[i % 3];
    try {
        m_thread = std::thread([this] { run(); });
    } catch (const std::system_error &) {
        m_options.ahead = m_size; // no thread to be had: read it all now
        run();
    }
}

void StreamedFile::run()
{
    // Nothing is allocated here but an error (a thread that allocates gets an arena of its own
    // from glibc, memory touched for the whole run).
    // Written by this thread alone; the scan reads what m_available says is written.
    char *data = const_cast<char *>(m_bytes.constData());
    qint64 at = 0;
    while (at < m_size) {
        bool stop = false;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_stop || at < m_wanted || mayRead(at); });
            stop = m_stop;
        }
        if (stop)
            return end(std::nullopt);
        const Result<qint64> read = m_in->read(data + at, std::min(m_options.piece, m_size - at));
        if (!read)
            return end(read.error());
        if (*read == 0)
            return end(Error {m_path, 0, 0,
                QStringLiteral("shrank while it was read, from %1 bytes to %2: it is being "
                               "written or replaced; open it again once it is whole")
                    .arg(m_size)
                    .arg(at)});
        m_sha.add(QByteArrayView(data + at, *read));
        at += *read;
        {
            std::lock_guard lock(m_mutex);
            m_available.store(at, std::memory_order_release);
        }
        m_changed.notify_all();
        if (m_options.afterPiece)
            m_options.afterPiece(at);
    }
    // The size it had when opened, and not a byte more.
    char more = 0;
    const Result<qint64> read = m_in->read(&more, 1);
    if (!read)
        return end(read.error());
    if (*read > 0)
        return end(Error {m_path, 0, 0,
            QStringLiteral("grew while it was read, past the %1 bytes it had when opened: it is "
                           "being written or replaced; open it again once it is whole")
                .arg(m_size)});
    m_complete = true;
    end(std::nullopt);
}

void StreamedFile::end(std::optional<Error> failure)
{
    {
        std::lock_guard lock(m_mutex);
        m_failure = std::move(failure);
        m_ended = true;
    }
    m_changed.notify_all();
}

qint64 StreamedFile::waitFor(qint64 offset, qint64 thenTo)
{
    offset = std::min(offset, m_size);
    if (available() >= offset)
        return available();
    std::unique_lock lock(m_mutex);
    m_wanted = std::max({m_wanted, offset, thenTo});
    m_changed.notify_all();
    m_changed.wait(lock, [&] { return m_ended || available() >= offset; });
    return available();
}

bool StreamedFile::mayRead(qint64 at) const
{
    return at + std::min(m_options.piece, m_size - at) <= m_passed + m_options.ahead;
}

void StreamedFile::passed(qint64 offset)
{
    bool wakes = false;
    {
        std::lock_guard lock(m_mutex);
        if (offset > m_passed) {
            // Woken once its next piece fits `ahead` of the scan, not at every element the scan
            // passes (a wake for each of 100,000 tiny resources was a third more time).
            const bool waiting = !mayRead(available());
            m_passed = offset;
            wakes = waiting && mayRead(available());
        }
    }
    if (wakes)
        m_changed.notify_all();
}

Result<QString> StreamedFile::finish(bool stop)
{
    if (stop) {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
    if (m_failure)
        return *m_failure;
    if (m_complete && m_sha256.isEmpty())
        m_sha256 = m_sha.hex();
    return m_sha256;
}

} // namespace bg::core::detail
