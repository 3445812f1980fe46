// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The one way Blastguard reads and writes files, for the CLI and the GUI alike.
//
// Reads take regular files only (or "-", standard input), up to a cap per kind of file, and
// never more than the cap: a FIFO, a device or a directory fails at once with a message that
// says what it is, and /dev/zero cannot make a read grow.
//
// Writes are atomic (a temporary file beside the target, written, fsynced, renamed over it, the
// folder fsynced) and refuse: a target that is a symbolic link, a FIFO, a device, a directory or
// anything else that is not a regular file; and a target that is one of the inputs, by path or
// by device and inode (a hard link), whatever name it is given. The rename replaces the name,
// so even a target swapped between the check and the rename is never written through.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QStringList>
#include <atomic>
#include <memory>

namespace bg::core::files {

// How much of one kind of file is read at most.
struct ReadLimit {
    qint64 maxBytes;
    QString what; // the kind, for messages: "a plan or state", "an approval"
};
inline constexpr qint64 DocumentCap = qint64(1) << 30; // plans and states: 1 GiB
inline constexpr qint64 SmallFileCap = qint64(1) << 20; // policies, rules, manifests: 1 MiB
// An approval lists every address it covers and every finding it acknowledges: 6.3 MiB for a
// 10,000-resource destroy. 64 MiB covers 100,000 and is still a bound.
inline constexpr qint64 ApprovalCap = qint64(64) << 20;
ReadLimit documentLimit(); // 1 GiB, "a plan or state"
ReadLimit smallFileLimit(const QString &what); // 1 MiB: "a policy", "a rules file", ...
ReadLimit approvalLimit(); // 64 MiB, "an approval"

// "-" names standard input, for reading and writing.
bool isStandardStream(const QString &path);

// The whole file, or the error naming it ("no such file", "is a FIFO (named pipe), not a regular
// file...", "is 3.2 MiB, over the limit of 1 MiB for an approval", "cannot read: Permission
// denied").
// Standard input is read to its end, or to one byte past the cap and then refused.
Result<QByteArray> readFile(const QString &path, const ReadLimit &limit);
// The first `n` bytes of a regular file (fewer where it is shorter), with readFile's checks: what
// kind of file it is, before it is read whole.
Result<QByteArray> readStart(const QString &path, qint64 n, const ReadLimit &limit);

// A file read in pieces, with readFile's checks: a regular file (or "-"), never more than the
// cap. For records too large to hold whole (a CloudTrail export of a million events).
class InputStream {
public:
    static Result<std::unique_ptr<InputStream>> open(const QString &path, const ReadLimit &limit);
    ~InputStream();
    InputStream(const InputStream &) = delete;
    InputStream &operator=(const InputStream &) = delete;

    // Up to `room` bytes into `into`: how many, 0 at the end. An error (naming the file) when the
    // read fails or goes past the cap.
    Result<qint64> read(char *into, qint64 room);
    // The rest of the file, to its end, as readFile reads it (readFile is open and readAll).
    Result<QByteArray> readAll();
    // The file's name, or "(standard input)".
    const QString &path() const { return m_path; }
    // The regular file's size when it was opened (it may change while it is read); -1 for
    // standard input.
    qint64 size() const { return m_size; }

private:
    InputStream() = default;
    QString m_path;
    ReadLimit m_limit;
    int m_fd = -1;
    bool m_owned = false;
    qint64 m_read = 0;
    qint64 m_size = -1;
};

// Writes `bytes` to `path` as described above; "-" writes to standard output. `inputs` are the
// files this run read (plans, states, rules, policy, approval...): the target may be none of
// them. With `mode` (e.g. 0644) the file gets that mode; without, a new file is rw-r--r-- and
// an existing one keeps its mode.
Status writeFile(
    const QString &path, const QByteArray &bytes, const QStringList &inputs, int mode = -1);

// A file written as it is made, with the same checks and the same atomic replacement as
// writeFile: what is written goes to the unnamed (or hidden) temporary file beside the target,
// and only commit() gives it the target's name. Destroyed without a commit, it leaves nothing.
// Writes are buffered; the first failure is kept and reported by commit().
class OutputFile {
public:
    static Result<std::unique_ptr<OutputFile>> open(
        const QString &path, const QStringList &inputs, int mode = -1);
    ~OutputFile();
    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    void write(QByteArrayView bytes);
    Status commit();

private:
    OutputFile() = default;
    bool flush();
    bool writeRaw(QByteArrayView bytes);

    QString m_path;
    QStringList m_inputs;
    bool m_stdout = false;
    int m_fd = -1;
    int m_mode = 0644;
    bool m_unnamed = false;
    QByteArray m_temporary; // the temporary file's name, once it has one
    QByteArray m_folder;
    QString m_pattern;
    QByteArray m_buffer;
    int m_error = 0; // errno of the first failed write
    bool m_done = false;
};

// The error writeFile would give for `path` before writing anything: lets a command refuse a bad
// -o before it does its work. The final check is writeFile's own.
Status checkWritable(const QString &path, const QStringList &inputs);

// The SHA-256 of `bytes`, in lowercase hex. Nettle's, which uses the CPU's SHA instructions
// where it has them: 0.13 s on a 225 MB plan where Qt's took 0.90 s (OpenSSL's libcrypto was
// as fast, 0.12 s, but its start-up added 3 MB to every run); the gate and every report hash
// the whole plan.
QString sha256Hex(QByteArrayView bytes);
// The same, read a few MiB at a time, `*hashed` set to how many bytes have been read so far
// after each (another thread may hand back pages the hash is done with: loading/unreadbytes_p.h).
QString sha256Hex(QByteArrayView bytes, std::atomic<qint64> *hashed);

// The same, for bytes that come a piece at a time (a file hashed as it is read).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    void add(QByteArrayView bytes);
    QString hex(); // of everything added; ends it

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

// "512 B", "3.2 KiB", "14.7 GiB"
QString byteSize(qint64 bytes);

} // namespace bg::core::files
