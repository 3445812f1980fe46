// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/jsonstream.h"

#include "core/risk/masking.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <charconv>
#include <cmath>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bg::core {

namespace {
constexpr qsizetype FlushAt = 1 << 16;

// The most a UTF-16 unit (or a pair) takes written: two \uXXXX escapes.
constexpr qsizetype MostPerUnit = 12;
// Pieces of a long text are written this many units at a time.
constexpr qsizetype Piece = 1024;

// \uXXXX for one UTF-16 unit, at `at`; returns the end.
char *unicodeEscape(char *at, char16_t c)
{
    static const char hex[] = "0123456789abcdef";
    const char u[] = {'\\', 'u', hex[c >> 12], hex[(c >> 8) & 15], hex[(c >> 4) & 15], hex[c & 15]};
    std::memcpy(at, u, sizeof u);
    return at + sizeof u;
}

// Where p[0, n) first holds a byte JSON escapes (a control character, '"' or '\\'), else n.
// Sixteen bytes at a time with SSE2: most of what goes through here (every key) has none.
qsizetype firstEscaped(const char *p, qsizetype n)
{
    qsizetype i = 0;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        // unsigned v >= 0x20 exactly where max(v, 0x20) is v
        const int printable = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, space), v));
        const int escaped = _mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        if (const int found = escaped | (~printable & 0xffff); found != 0)
            return i + __builtin_ctz(unsigned(found));
    }
#endif
    for (; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(p[i]);
        if (c < 0x20 || c == '"' || c == '\\')
            return i;
    }
    return n;
}

// One byte JSON escapes (firstEscaped), escaped, at `at`; returns the end.
char *escapedByte(char *at, unsigned char c)
{
    char letter = 0;
    switch (c) {
    case '"':
        letter = '"';
        break;
    case '\\':
        letter = '\\';
        break;
    case '\b':
        letter = 'b';
        break;
    case '\f':
        letter = 'f';
        break;
    case '\n':
        letter = 'n';
        break;
    case '\r':
        letter = 'r';
        break;
    case '\t':
        letter = 't';
        break;
    default:
        return unicodeEscape(at, c);
    }
    at[0] = '\\';
    at[1] = letter;
    return at + 2;
}

// p[0, n) (at most Piece bytes) escaped, at `at`, which has room for MostPerUnit bytes each;
// returns the end.
char *escapedBytes(char *at, const char *p, qsizetype n)
{
    for (qsizetype plain = 0;;) {
        const qsizetype i = plain + firstEscaped(p + plain, n - plain);
        std::memcpy(at, p + plain, size_t(i - plain));
        at += i - plain;
        if (i == n)
            return at;
        at = escapedByte(at, static_cast<unsigned char>(p[i]));
        plain = i + 1;
    }
}

// n in decimal, at `at` (room for 24 bytes); returns the end.
char *decimal(char *at, qint64 n)
{
    return std::to_chars(at, at + 24, n).ptr;
}

// Printable ASCII other than '"' and '\\': written as it is, one byte.
bool isPlain(char16_t c)
{
    return c >= 0x20 && c < 0x80 && c != u'"' && c != u'\\';
}

// Narrows the plain units at the start of [p, p + n) into `out`; returns how many.
qsizetype narrowPlain(const char16_t *p, qsizetype n, char *out)
{
    qsizetype i = 0;
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi16(0x20);
    const __m128i last = _mm_set1_epi16(0x5f); // 0x7f - 0x20
    const __m128i quote = _mm_set1_epi16('"');
    const __m128i backslash = _mm_set1_epi16('\\');
    for (; i + 8 <= n; i += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        // v - 0x20, read as signed, lies in [0, 0x5f] exactly when 0x20 <= v < 0x80.
        const __m128i shifted = _mm_sub_epi16(v, space);
        const __m128i outside = _mm_or_si128(
            _mm_cmplt_epi16(shifted, _mm_setzero_si128()), _mm_cmpgt_epi16(shifted, last));
        const __m128i escaped
            = _mm_or_si128(_mm_cmpeq_epi16(v, quote), _mm_cmpeq_epi16(v, backslash));
        if (_mm_movemask_epi8(_mm_or_si128(outside, escaped)) != 0)
            break;
        _mm_storel_epi64(reinterpret_cast<__m128i *>(out + i), _mm_packus_epi16(v, v));
    }
#endif
    for (; i < n && isPlain(p[i]); ++i)
        out[i] = char(p[i]);
    return i;
}

// Writes the unit at p[i], which is not plain (isPlain), with the low surrogate after it where
// it begins a pair; returns the index after what it wrote. A lone surrogate is written as
// \\uXXXX, as Qt's own writer does. A C1 control, a line or paragraph separator, a
// bidirectional override, a zero-width space or a tag character: JSON allows them raw, but a
// reader would not see them (and a terminal may act on one), so they are escaped as a C0
// control character is.
qsizetype encodeOne(char *&at, const char16_t *p, qsizetype n, qsizetype i)
{
    const char16_t c = p[i];
    if (c < 0x80) {
        at = escapedByte(at, static_cast<unsigned char>(c));
        return i + 1;
    }
    if (actsUnseen(c) || (QChar::isSurrogate(c) && !QChar::isHighSurrogate(c))) {
        at = unicodeEscape(at, c);
        return i + 1;
    }
    if (c < 0x800) {
        *at++ = char(0xc0 | (c >> 6));
        *at++ = char(0x80 | (c & 0x3f));
        return i + 1;
    }
    if (QChar::isHighSurrogate(c)) {
        if (i + 1 >= n || !QChar::isLowSurrogate(p[i + 1])) {
            at = unicodeEscape(at, c);
            return i + 1;
        }
        const char32_t u = QChar::surrogateToUcs4(c, p[i + 1]);
        if (actsUnseen(u)) {
            at = unicodeEscape(unicodeEscape(at, c), p[i + 1]);
            return i + 2;
        }
        *at++ = char(0xf0 | (u >> 18));
        *at++ = char(0x80 | ((u >> 12) & 0x3f));
        *at++ = char(0x80 | ((u >> 6) & 0x3f));
        *at++ = char(0x80 | (u & 0x3f));
        return i + 2;
    }
    *at++ = char(0xe0 | (c >> 12));
    *at++ = char(0x80 | ((c >> 6) & 0x3f));
    *at++ = char(0x80 | (c & 0x3f));
    return i + 1;
}
} // namespace

JsonStream::JsonStream(const ByteSink &sink)
    : m_sink(sink)
{
    m_buffer.resize(size_t(FlushAt + Piece * MostPerUnit + 64));
}

JsonStream::~JsonStream()
{
    flush();
}

void JsonStream::flush()
{
    if (m_used > 0)
        m_sink(QByteArrayView(m_buffer.data(), m_used));
    m_used = 0;
}

char *JsonStream::roomAfterFlush(qsizetype n)
{
    flush();
    if (n > qsizetype(m_buffer.size()))
        m_buffer.resize(size_t(n));
    return m_buffer.data();
}

void JsonStream::indent(int level)
{
    char *at = room(qsizetype(level) * 4);
    std::memset(at, ' ', size_t(level) * 4);
    made(qsizetype(level) * 4);
}

void JsonStream::beforeValue()
{
    if (m_used >= FlushAt)
        flush();
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_open.empty())
        return;
    if (m_open.back().values++ > 0)
        put(",\n", 2);
    indent(int(m_open.size()));
}

void JsonStream::key(QByteArrayView name)
{
    beforeValue();
    put('"');
    for (qsizetype from = 0; from < name.size(); from += Piece) {
        const qsizetype n = std::min(name.size() - from, Piece);
        char *at = room(n * MostPerUnit);
        made(escapedBytes(at, name.data() + from, n) - at);
    }
    put("\": ", 3);
    m_afterKey = true;
}

void JsonStream::open(char bracket)
{
    beforeValue();
    char *at = room(2);
    at[0] = bracket;
    at[1] = '\n';
    made(2);
    m_open.push_back({0, bracket == '{' ? '}' : ']'});
}

void JsonStream::beginObject()
{
    open('{');
}

void JsonStream::beginArray()
{
    open('[');
}

void JsonStream::end()
{
    const Open closing = m_open.back();
    m_open.pop_back();
    if (closing.values > 0)
        put('\n');
    indent(int(m_open.size()));
    put(closing.closer);
    if (m_open.empty())
        put('\n');
}

void JsonStream::string(QStringView text)
{
    beforeValue();
    quoted(text);
}

void JsonStream::key(QStringView name)
{
    beforeValue();
    quoted(name);
    put(": ", 2);
    m_afterKey = true;
}

void JsonStream::string(std::initializer_list<QStringView> pieces)
{
    beforeValue();
    put('"');
    for (QStringView piece : pieces)
        unquoted(piece);
    put('"');
}

void JsonStream::quoted(QStringView text)
{
    put('"');
    unquoted(text);
    put('"');
}

void JsonStream::unquoted(QStringView text)
{
    // UTF-16 to UTF-8 in one pass, escaped where JSON needs it, a piece at a time written where
    // it goes. Runs of plain ASCII (most of a report) are narrowed eight units at a time; each
    // other unit is written on its own.
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const qsizetype end = std::min(n, i + Piece);
        char *const start = room((end - i) * MostPerUnit);
        char *at = start;
        while (i < end) {
            const qsizetype plain = narrowPlain(p + i, end - i, at);
            at += plain;
            i += plain;
            if (i < end)
                i = encodeOne(at, p, n, i); // a pair may end one past `end`: room for it
        }
        made(at - start);
    }
}

void JsonStream::number(qint64 n)
{
    beforeValue();
    char *at = room(24);
    made(decimal(at, n) - at);
}

void JsonStream::boolean(bool b)
{
    beforeValue();
    if (b)
        put("true", 4);
    else
        put("false", 5);
}

void JsonStream::null()
{
    beforeValue();
    put("null", 4);
}

void JsonStream::stringList(const QStringList &list)
{
    beginArray();
    for (const QString &s : list)
        string(s);
    end();
}

void JsonStream::writeObject(const QJsonObject &o)
{
    beginObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        key(QStringView(it.key()));
        value(it.value());
    }
    end();
}

void JsonStream::writeArray(const QJsonArray &a)
{
    beginArray();
    for (const QJsonValue &v : a)
        value(v);
    end();
}

void JsonStream::value(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        null();
        return;
    case QJsonValue::Bool:
        boolean(v.toBool());
        return;
    case QJsonValue::Double: {
        // As QJsonDocument writes numbers: whole ones as integers, others shortest.
        const double d = v.toDouble();
        beforeValue();
        if (const qint64 whole = v.toInteger(1); whole == v.toInteger(2)) {
            char *at = room(24);
            made(decimal(at, whole) - at);
        } else if (std::isfinite(d)) {
            const QByteArray shortest = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
            put(shortest.constData(), shortest.size());
        } else {
            put("null", 4);
        }
        return;
    }
    case QJsonValue::String:
        string(v.toString());
        return;
    case QJsonValue::Array:
        writeArray(v.toArray());
        return;
    case QJsonValue::Object:
        writeObject(v.toObject());
        return;
    }
}

} // namespace bg::core
