// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/jsonstream.h"

#include "core/risk/masking.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <charconv>
#include <cmath>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bg::core {

namespace {
constexpr qsizetype FlushAt = 1 << 16;

// \uXXXX for one UTF-16 unit.
void appendUnicodeEscape(std::string &out, char16_t c)
{
    static const char hex[] = "0123456789abcdef";
    const char u[] = {'\\', 'u', hex[c >> 12], hex[(c >> 8) & 15], hex[(c >> 4) & 15], hex[c & 15]};
    out.append(u, 6);
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

void appendEscaped(std::string &out, const char *p, qsizetype n)
{
    qsizetype plain = 0; // start of the run not yet copied
    for (;;) {
        const qsizetype i = plain + firstEscaped(p + plain, n - plain);
        out.append(p + plain, size_t(i - plain));
        if (i == n)
            return;
        plain = i + 1;
        switch (const unsigned char c = static_cast<unsigned char>(p[i])) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default:
            appendUnicodeEscape(out, c);
        }
    }
}

void appendNumber(std::string &out, qint64 n)
{
    char digits[24];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, end);
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
qsizetype encodeOne(std::string &out, const char16_t *p, qsizetype n, qsizetype i)
{
    const char16_t c = p[i];
    if (c < 0x80) {
        const char byte = char(c);
        appendEscaped(out, &byte, 1);
        return i + 1;
    }
    if (actsUnseen(c) || (QChar::isSurrogate(c) && !QChar::isHighSurrogate(c))) {
        appendUnicodeEscape(out, c);
        return i + 1;
    }
    if (c < 0x800) {
        const char bytes[] = {char(0xc0 | (c >> 6)), char(0x80 | (c & 0x3f))};
        out.append(bytes, 2);
        return i + 1;
    }
    if (QChar::isHighSurrogate(c)) {
        if (i + 1 >= n || !QChar::isLowSurrogate(p[i + 1])) {
            appendUnicodeEscape(out, c);
            return i + 1;
        }
        const char32_t u = QChar::surrogateToUcs4(c, p[i + 1]);
        if (actsUnseen(u)) {
            appendUnicodeEscape(out, c);
            appendUnicodeEscape(out, p[i + 1]);
            return i + 2;
        }
        const char bytes[] = {char(0xf0 | (u >> 18)), char(0x80 | ((u >> 12) & 0x3f)),
            char(0x80 | ((u >> 6) & 0x3f)), char(0x80 | (u & 0x3f))};
        out.append(bytes, 4);
        return i + 2;
    }
    const char bytes[]
        = {char(0xe0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3f)), char(0x80 | (c & 0x3f))};
    out.append(bytes, 3);
    return i + 1;
}
} // namespace

JsonStream::JsonStream(const ByteSink &sink)
    : m_sink(sink)
{
    m_buffer.reserve(FlushAt + 4096);
}

JsonStream::~JsonStream()
{
    flush();
}

void JsonStream::flush()
{
    if (!m_buffer.empty())
        m_sink(QByteArrayView(m_buffer.data(), qsizetype(m_buffer.size())));
    m_buffer.clear();
}

void JsonStream::indent(int level)
{
    m_buffer.append(size_t(level) * 4, ' ');
}

void JsonStream::beforeValue()
{
    if (qsizetype(m_buffer.size()) >= FlushAt)
        flush();
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_open.empty())
        return;
    if (m_open.back().values++ > 0)
        m_buffer.append(",\n", 2);
    indent(int(m_open.size()));
}

void JsonStream::key(QByteArrayView name)
{
    beforeValue();
    m_buffer.push_back('"');
    appendEscaped(m_buffer, name.data(), name.size());
    m_buffer.append("\": ", 3);
    m_afterKey = true;
}

void JsonStream::open(char bracket)
{
    beforeValue();
    m_buffer.push_back(bracket);
    m_buffer.push_back('\n');
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
        m_buffer.push_back('\n');
    indent(int(m_open.size()));
    m_buffer.push_back(closing.closer);
    if (m_open.empty())
        m_buffer.push_back('\n');
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
    m_buffer.append(": ", 2);
    m_afterKey = true;
}

void JsonStream::quoted(QStringView text)
{
    m_buffer.push_back('"');
    // UTF-16 to UTF-8 in one pass, escaped where JSON needs it. Runs of plain ASCII (most of a
    // report) are narrowed eight units at a time; each other unit is written on its own.
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    char chunk[1024];
    qsizetype i = 0;
    while (i < n) {
        const qsizetype plain = narrowPlain(p + i, std::min<qsizetype>(n - i, sizeof chunk), chunk);
        m_buffer.append(chunk, size_t(plain));
        i += plain;
        if (i < n && !isPlain(p[i]))
            i = encodeOne(m_buffer, p, n, i);
    }
    m_buffer.push_back('"');
}

void JsonStream::number(qint64 n)
{
    beforeValue();
    appendNumber(m_buffer, n);
}

void JsonStream::boolean(bool b)
{
    beforeValue();
    m_buffer.append(b ? "true" : "false");
}

void JsonStream::null()
{
    beforeValue();
    m_buffer.append("null", 4);
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
        if (const qint64 whole = v.toInteger(1); whole == v.toInteger(2))
            appendNumber(m_buffer, whole);
        else if (std::isfinite(d))
            m_buffer.append(
                QByteArray::number(d, 'g', QLocale::FloatingPointShortest).toStdString());
        else
            m_buffer.append("null", 4);
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
