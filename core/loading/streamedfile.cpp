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
    if (qEnvironmentVariableIsSet("BG_AHEAD"))
        file->m_options.ahead = qEnvironmentVariableIntValue("BG_AHEAD") << 10; // TEMP
    if (qEnvironmentVariableIsSet("BG_PIECE"))
        file->m_options.piece = qEnvironmentVariableIntValue("BG_PIECE") << 10; // TEMP
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
    files::Sha256 sha;
    // Written by this thread alone; the scan reads what m_available says is written.
    char *data = const_cast<char *>(m_bytes.constData());
    qint64 at = 0;
    while (at < m_size) {
        bool stop = false;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock,
                [&] { return m_stop || at < std::max(m_passed + m_options.ahead, m_wanted); });
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
        sha.add(QByteArrayView(data + at, *read));
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
    m_sha256 = sha.hex();
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

qint64 StreamedFile::waitFor(qint64 offset)
{
    offset = std::min(offset, m_size);
    if (available() >= offset)
        return available();
    std::unique_lock lock(m_mutex);
    m_wanted = std::max(m_wanted, offset);
    m_changed.notify_all();
    m_changed.wait(lock, [&] { return m_ended || available() >= offset; });
    return available();
}

void StreamedFile::passed(qint64 offset)
{
    bool wakes = false;
    {
        std::lock_guard lock(m_mutex);
        if (offset > m_passed) {
            // The read waits only when it is `ahead` past this: wake it when it may go on.
            wakes = available() >= m_passed + m_options.ahead;
            m_passed = offset;
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
    return m_sha256;
}

} // namespace bg::core::detail
