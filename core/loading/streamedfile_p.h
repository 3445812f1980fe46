// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: a large plan read on another thread while this one scans it, so that the
// file is never whole in memory. The reading thread hashes each piece as it reads it; the scan
// reads no byte before it is read and hashed (ReadFrontier), and the pages it has passed go
// back to the kernel (unreadbytes_p.h) while the read runs a few MiB ahead of it. The bytes
// scanned are the bytes hashed: one buffer, written once.
#pragma once

#include "core/files.h"

#include <QByteArray>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace bg::core::detail {

// How far a file being read is read, for the scan that follows the read.
class ReadFrontier {
public:
    // How many of the file's first bytes are read (and hashed): the scan reads none past them.
    virtual qint64 available() const = 0;
    // Blocks until the first `offset` bytes are read, or the read has ended (the file's end,
    // a failure, a stop): how many are. The read goes on to `thenTo` meanwhile, when it is more.
    virtual qint64 waitFor(qint64 offset, qint64 thenTo = 0) = 0;
    // The scan is done with the bytes before `offset`: the read may go on past them.
    virtual void passed(qint64 offset) = 0;

protected:
    ~ReadFrontier() = default;
};

struct StreamOptions {
    qint64 piece = qint64(1) << 20; // one read() and one hash step
    // How far the read runs ahead of what the scan has passed (unless the scan waits further:
    // a value longer than this is read whole before the scan moves past it).
    qint64 ahead = qint64(6) << 20;
    // For the tests: called on the reading thread after each piece with how far it has read.
    std::function<void(qint64)> afterPiece;
    // For the tests: the buffer is filled with quotes and closing brackets before the read, so
    // that a scan that looked past what is read would read JSON, not zeros, and go wrong.
    bool poison = false;
};

class StreamedFile final : public ReadFrontier {
public:
    // Opens `path` with readFile's checks (a regular file within the document cap, or "-",
    // standard input, of size 0 here): nothing is read yet.
    static Result<std::unique_ptr<StreamedFile>> open(
        const QString &path, StreamOptions options = {});
    ~StreamedFile(); // stops the read and waits for it
    StreamedFile(const StreamedFile &) = delete;
    StreamedFile &operator=(const StreamedFile &) = delete;

    qint64 size() const { return m_size; } // as the file was when opened
    // The buffer the file is read into, size() bytes, written front to back as the read goes.
    // It lives as long as this: the scan may share it, and hand back its pages behind it.
    const QByteArray &bytes() const { return m_bytes; }

    // Makes room for the file (bytes()) and starts the read on another thread (on this one,
    // all of it, when no thread can be had). Once only.
    void start();
    // Instead of start(): the file read whole on this thread, from the descriptor open() opened,
    // as files::readFile reads it (for a file too small to gain by the streamed read).
    Result<QByteArray> readWhole() { return m_in->readAll(); }

    qint64 available() const override { return m_available.load(std::memory_order_acquire); }
    qint64 waitFor(qint64 offset, qint64 thenTo = 0) override;
    void passed(qint64 offset) override;
    // How far the read is hashed: as far as it is read.
    const std::atomic<qint64> *hashed() const { return &m_available; }

    // Waits for the read to end (with `stop`, stops it first): the file's SHA-256, or why the
    // read failed (it could not read, or the file grew or shrank while it was read); stopped
    // before the end without a failure, an empty string.
    Result<QString> finish(bool stop = false);

private:
    StreamedFile() = default;
    void run();
    void end(std::optional<Error> failure);
    // Whether the piece at `at` is within `ahead` of what the scan has passed (under m_mutex).
    bool mayRead(qint64 at) const;

    QString m_path;
    std::unique_ptr<files::InputStream> m_in;
    StreamOptions m_options;
    QByteArray m_bytes;
    qint64 m_size = 0;
    std::atomic<qint64> m_available {0};

    std::mutex m_mutex;
    std::condition_variable m_changed;
    qint64 m_passed = 0; // the scan's, under m_mutex
    qint64 m_wanted = 0; // what the scan waits for, under m_mutex
    bool m_stop = false;
    bool m_ended = false; // under m_mutex
    std::optional<Error> m_failure; // set before m_ended
    files::Sha256 m_sha; // of what is read, by the reading thread
    bool m_complete = false; // read to its end, and the end checked
    QString m_sha256;
    std::thread m_thread;
};

} // namespace bg::core::detail
