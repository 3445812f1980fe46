// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/jsonskip_p.h"
#include "core/postmortem/recordfile_p.h"

#include <cstring>
#include <string>
#include <zlib.h>

namespace bg::core::detail {

namespace {

constexpr qint64 ChunkBytes = qint64(1) << 20;

Error problemAt(const QString &path, qint64 line, qint64 column, const QString &message)
{
    return Error {
        path, int(qMin<qint64>(line, INT_MAX)), int(qMin<qint64>(column, INT_MAX)), message};
}

// The file's bytes, inflated when they are gzip's. Reads are bounded by RecordFileCap, both
// what is read and what it inflates to.
class Source {
public:
    ~Source()
    {
        if (m_gzip)
            inflateEnd(&m_zlib);
    }

    Status open(const QString &path)
    {
        Result<std::unique_ptr<files::InputStream>> in
            = files::InputStream::open(path, {RecordFileCap, QStringLiteral("a log file")});
        if (!in)
            return in.error();
        m_in = std::move(*in);
        m_path = m_in->path();
        // The first bytes say whether it is gzip.
        m_raw.resize(size_t(ChunkBytes));
        Result<qint64> n = fill();
        if (!n)
            return n.error();
        if (m_rawEnd >= 2 && uchar(m_raw[0]) == 0x1f && uchar(m_raw[1]) == 0x8b) {
            m_gzip = true;
            std::memset(&m_zlib, 0, sizeof m_zlib);
            // 16 + MAX_WBITS: a gzip header and trailer, not zlib's.
            if (inflateInit2(&m_zlib, 16 + MAX_WBITS) != Z_OK)
                return Error {
                    m_path, 0, 0, QStringLiteral("cannot start to inflate the gzip file")};
        }
        return {};
    }

    bool gzipped() const { return m_gzip; }

    // Up to `room` bytes; 0 at the end.
    Result<qint64> read(char *out, qint64 room)
    {
        if (!m_gzip) {
            if (m_rawPos < m_rawEnd) {
                const qint64 n = qMin(room, m_rawEnd - m_rawPos);
                std::memcpy(out, m_raw.data() + m_rawPos, size_t(n));
                m_rawPos += n;
                return n;
            }
            return m_in->read(out, room);
        }
        for (;;) {
            if (m_rawPos == m_rawEnd && !m_rawDone) {
                Result<qint64> n = fill();
                if (!n)
                    return n.error();
            }
            if (m_rawPos == m_rawEnd && m_streamEnded)
                return qint64(0); // every member ended, nothing follows
            if (m_rawPos == m_rawEnd && m_rawDone) {
                return Error {m_path, 0, 0,
                    QStringLiteral("the gzip file is cut short: it ends inside its compressed "
                                   "data")};
            }
            if (m_streamEnded) {
                // Another gzip member follows (gzip files may be concatenated).
                inflateReset(&m_zlib);
                m_streamEnded = false;
            }
            m_zlib.next_in = reinterpret_cast<Bytef *>(m_raw.data() + m_rawPos);
            m_zlib.avail_in = uInt(m_rawEnd - m_rawPos);
            m_zlib.next_out = reinterpret_cast<Bytef *>(out);
            m_zlib.avail_out = uInt(qMin<qint64>(room, 1 << 30));
            const int status = inflate(&m_zlib, Z_NO_FLUSH);
            const qint64 produced = qint64(qMin<qint64>(room, 1 << 30)) - m_zlib.avail_out;
            m_rawPos = m_rawEnd - m_zlib.avail_in;
            if (status == Z_STREAM_END)
                m_streamEnded = true;
            else if (status != Z_OK && status != Z_BUF_ERROR) {
                return Error {m_path, 0, 0,
                    QStringLiteral("not a valid gzip file: %1")
                        .arg(QString::fromLatin1(m_zlib.msg ? m_zlib.msg : "inflate failed"))};
            }
            m_inflated += produced;
            if (m_inflated > RecordFileCap) {
                return Error {m_path, 0, 0,
                    QStringLiteral("inflates to more than %1, the limit for a log file")
                        .arg(files::byteSize(RecordFileCap))};
            }
            if (produced > 0)
                return produced;
        }
    }

    const QString &path() const { return m_path; }

private:
    Result<qint64> fill()
    {
        Result<qint64> n = m_in->read(m_raw.data(), qint64(m_raw.size()));
        if (!n)
            return n.error();
        m_rawPos = 0;
        m_rawEnd = *n;
        m_rawDone = *n == 0;
        return n;
    }

    std::unique_ptr<files::InputStream> m_in;
    QString m_path;
    std::string m_raw;
    qint64 m_rawPos = 0;
    qint64 m_rawEnd = 0;
    bool m_rawDone = false;
    bool m_gzip = false;
    bool m_streamEnded = false;
    z_stream m_zlib {};
    qint64 m_inflated = 0;
};

// Where the records start, when the text at `at` is {"Records": [ (or "records", or "Events"
// as `aws cloudtrail lookup-events` prints): just past the '['; else -1.
qsizetype wrappedStart(const std::string &text, qsizetype at)
{
    auto skip = [&](qsizetype i) {
        while (i < qsizetype(text.size()) && isSpace(text[size_t(i)]))
            ++i;
        return i;
    };
    if (at >= qsizetype(text.size()) || text[size_t(at)] != '{')
        return -1;
    qsizetype i = skip(at + 1);
    for (const char *key : {"\"Records\"", "\"records\"", "\"Events\""}) {
        const qsizetype length = qsizetype(std::strlen(key));
        if (text.compare(size_t(i), size_t(length), key) == 0) {
            qsizetype j = skip(i + length);
            if (j < qsizetype(text.size()) && text[size_t(j)] == ':') {
                j = skip(j + 1);
                if (j < qsizetype(text.size()) && text[size_t(j)] == '[')
                    return j + 1;
            }
        }
    }
    return -1;
}

class Splitter {
public:
    Splitter(
        const QString &path, Problems *problems, const std::function<void(const RawRecord &)> &each)
        : m_path(path)
        , m_problems(problems)
        , m_each(each)
    {
    }

    Result<RecordFileFacts> run(Source &source, bool linesOnly)
    {
        m_facts.gzipped = source.gzipped();
        // Enough of the start to see the layout.
        bool ended = false;
        while (!ended && m_buffer.size() < 4096) {
            Result<bool> more = readMore(source);
            if (!more)
                return broken(more.error());
            ended = !*more;
        }
        qsizetype start = 0;
        if (m_buffer.compare(0, 3, "\xEF\xBB\xBF") == 0)
            start = 3;
        while (start < qsizetype(m_buffer.size()) && isSpace(m_buffer[size_t(start)]))
            ++start;
        if (!linesOnly && start < qsizetype(m_buffer.size())) {
            const qsizetype wrapped = wrappedStart(m_buffer, start);
            if (wrapped >= 0) {
                m_facts.layout = RecordLayout::Wrapped;
                m_depth = 2;
                advanceTo(wrapped);
            } else if (m_buffer[size_t(start)] == '[') {
                m_facts.layout = RecordLayout::Array;
                m_depth = 1;
                advanceTo(start + 1);
            }
        }
        for (;;) {
            const bool done
                = m_facts.layout == RecordLayout::Lines ? scanLines(ended) : scanArray();
            if (!m_fatal.message.isEmpty())
                return broken(m_fatal);
            if (done)
                break;
            if (ended) {
                if (m_facts.layout != RecordLayout::Lines) {
                    return broken(problemAt(m_path, m_recordLine ? m_recordLine : m_line,
                        m_recordLine ? m_recordColumn : 0,
                        m_recordStart >= 0 || m_skipping
                            ? QStringLiteral("the file ends inside this record: it is cut short")
                            : QStringLiteral("the file ends before the list of records is "
                                             "closed: it is cut short")));
                }
                break;
            }
            compact();
            Result<bool> more = readMore(source);
            if (!more)
                return broken(more.error());
            ended = !*more;
        }
        return m_facts;
    }

private:
    // The file breaks off here: the problem is kept, what was read stands.
    RecordFileFacts broken(const Error &error)
    {
        m_problems->add(error, true);
        m_facts.complete = false;
        return m_facts;
    }

    Result<bool> readMore(Source &source)
    {
        const size_t had = m_buffer.size();
        m_buffer.resize(had + size_t(ChunkBytes));
        Result<qint64> n = source.read(m_buffer.data() + had, ChunkBytes);
        if (!n)
            return n.error();
        m_buffer.resize(had + size_t(*n));
        return *n > 0;
    }

    // Drops what no record still needs.
    void compact()
    {
        const qsizetype keep = m_recordStart >= 0 ? m_recordStart : m_pos;
        if (keep == 0)
            return;
        m_buffer.erase(0, size_t(keep));
        m_offset += keep;
        m_pos -= keep;
        if (m_recordStart >= 0)
            m_recordStart -= keep;
    }

    // Moves the scan to `to`, counting lines on the way.
    void advanceTo(qsizetype to)
    {
        for (; m_pos < to; ++m_pos) {
            if (m_buffer[size_t(m_pos)] == '\n') {
                ++m_line;
                m_lineStart = m_offset + m_pos + 1;
            }
        }
    }

    qint64 column(qsizetype at) const { return m_offset + at - m_lineStart + 1; }

    void hand(qsizetype begin, qsizetype end, qint64 line, qint64 column)
    {
        ++m_facts.records;
        m_each(RawRecord {QByteArrayView(m_buffer.data() + begin, end - begin), line, column});
    }

    void tooLong(qint64 line)
    {
        m_problems->add(problemAt(m_path, line, 1,
            QStringLiteral("this record is longer than %1; skipped")
                .arg(files::byteSize(RecordCap))));
    }

    // One record per line. True at the end of the file's text.
    bool scanLines(bool ended)
    {
        const char *data = m_buffer.data();
        const qsizetype size = qsizetype(m_buffer.size());
        for (;;) {
            const void *found = std::memchr(data + m_pos, '\n', size_t(size - m_pos));
            const qsizetype newline
                = found ? qsizetype(static_cast<const char *>(found) - data) : -1;
            if (newline < 0 && !ended) {
                // The line goes on in the next chunk; a line past the cap is skipped to its end.
                if (!m_skipping && size - m_pos > RecordCap) {
                    tooLong(m_line);
                    m_skipping = true;
                }
                if (m_skipping)
                    m_pos = size;
                return false;
            }
            const qsizetype end = newline < 0 ? size : newline;
            if (!m_skipping) {
                qsizetype begin = m_pos;
                if (m_line == 1 && m_offset == 0 && m_buffer.compare(0, 3, "\xEF\xBB\xBF") == 0
                    && begin == 0)
                    begin = 3;
                qsizetype last = end;
                while (last > begin && isSpace(data[last - 1]))
                    --last;
                qsizetype first = begin;
                while (first < last && isSpace(data[first]))
                    ++first;
                if (end - m_pos > RecordCap)
                    tooLong(m_line);
                else if (first < last)
                    hand(first, last, m_line, first - m_pos + 1);
            }
            m_skipping = false;
            if (newline < 0) {
                m_pos = size;
                return true;
            }
            m_pos = newline + 1;
            ++m_line;
            m_lineStart = m_offset + m_pos;
        }
    }

    void fatal(qsizetype at, const QString &message)
    {
        m_fatal = problemAt(m_path, m_line, column(at), message);
    }

    // Records in a list; true once the list is closed (what follows it is not read).
    bool scanArray()
    {
        const char *data = m_buffer.data();
        const qsizetype size = qsizetype(m_buffer.size());
        const int base = m_facts.layout == RecordLayout::Wrapped ? 2 : 1;
        for (; m_pos < size; ++m_pos) {
            const char c = data[m_pos];
            if (c == '\n') {
                ++m_line;
                m_lineStart = m_offset + m_pos + 1;
            }
            if (m_inRecord) {
                if (!m_skipping && m_pos - m_recordStart > RecordCap) {
                    tooLong(m_recordLine);
                    m_skipping = true;
                    m_recordStart = -1;
                }
                if (m_inString) {
                    if (m_escaped)
                        m_escaped = false;
                    else if (c == '\\')
                        m_escaped = true;
                    else if (c == '"')
                        m_inString = false;
                    continue;
                }
                if (c == '"') {
                    m_inString = true;
                } else if (c == '{' || c == '[') {
                    ++m_depth;
                } else if (c == '}' || c == ']') {
                    if (--m_depth == base) {
                        if (!m_skipping)
                            hand(m_recordStart, m_pos + 1, m_recordLine, m_recordColumn);
                        m_inRecord = false;
                        m_skipping = false;
                        m_recordStart = -1;
                        m_recordLine = 0;
                        m_afterRecord = true;
                    }
                }
                continue;
            }
            if (isSpace(c))
                continue;
            if (c == ',') {
                if (!m_afterRecord) {
                    fatal(m_pos, QStringLiteral("a ',' where a record should be"));
                    return true;
                }
                m_afterRecord = false;
                continue;
            }
            if (c == ']') {
                ++m_pos;
                return true;
            }
            if (m_afterRecord) {
                fatal(m_pos, QStringLiteral("a ',' or ']' should follow the record before this"));
                return true;
            }
            if (c != '{') {
                fatal(m_pos, QStringLiteral("each record must be a JSON object"));
                return true;
            }
            m_inRecord = true;
            m_depth = base + 1;
            m_recordStart = m_pos;
            m_recordLine = m_line;
            m_recordColumn = column(m_pos);
        }
        return false;
    }

    QString m_path;
    Problems *m_problems;
    const std::function<void(const RawRecord &)> &m_each;
    RecordFileFacts m_facts;
    Error m_fatal;
    std::string m_buffer;
    qint64 m_offset = 0; // the file offset (inflated) of m_buffer[0]
    qsizetype m_pos = 0; // the scan, in m_buffer
    qint64 m_line = 1;
    qint64 m_lineStart = 0; // file offset of the line's first byte
    // The record being cut out (a list's layouts).
    bool m_inRecord = false;
    bool m_inString = false;
    bool m_escaped = false;
    bool m_afterRecord = false;
    bool m_skipping = false; // the record (or line) is too long and is passed over
    int m_depth = 0;
    qsizetype m_recordStart = -1;
    qint64 m_recordLine = 0;
    qint64 m_recordColumn = 0;
};

} // namespace

Result<RecordFileFacts> readRecordFile(const QString &path, bool linesOnly, Problems *problems,
    const std::function<void(const RawRecord &)> &each)
{
    Source source;
    if (Status opened = source.open(path); !opened)
        return opened.error();
    Splitter splitter(source.path(), problems, each);
    return splitter.run(source, linesOnly);
}

} // namespace bg::core::detail
