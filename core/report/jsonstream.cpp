// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/jsonstream.h"

#include "core/risk/masking.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <charconv>
#include <cmath>

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

void appendEscaped(std::string &out, const char *p, qsizetype n)
{
    qsizetype plain = 0; // start of the run not yet copied
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(p[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(p + plain, size_t(i - plain));
        plain = i + 1;
        switch (c) {
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
    out.append(p + plain, size_t(n - plain));
}

void appendNumber(std::string &out, qint64 n)
{
    char digits[24];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, end);
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
    // UTF-16 to UTF-8 in one pass, escaped where JSON needs it; a lone surrogate is written as
    // \uXXXX, as Qt's own writer does.
    char chunk[1024];
    int used = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (used > int(sizeof chunk) - 8) {
            appendEscaped(m_buffer, chunk, used);
            used = 0;
        }
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            chunk[used++] = char(c);
        } else if (actsUnseen(c)) {
            // A C1 control, a line or paragraph separator, a bidirectional override, a
            // zero-width space: JSON allows them raw, but a reader would not see them (and a
            // terminal may act on one), so they are escaped as a C0 control character is.
            appendEscaped(m_buffer, chunk, used);
            used = 0;
            appendUnicodeEscape(m_buffer, c);
        } else if (c < 0x800) {
            chunk[used++] = char(0xc0 | (c >> 6));
            chunk[used++] = char(0x80 | (c & 0x3f));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n
            && QChar::isLowSurrogate(text[i + 1].unicode())) {
            const char32_t u = QChar::surrogateToUcs4(c, text[i + 1].unicode());
            if (actsUnseen(u)) { // a tag character
                appendEscaped(m_buffer, chunk, used);
                used = 0;
                appendUnicodeEscape(m_buffer, c);
                appendUnicodeEscape(m_buffer, text[++i].unicode());
                continue;
            }
            ++i;
            chunk[used++] = char(0xf0 | (u >> 18));
            chunk[used++] = char(0x80 | ((u >> 12) & 0x3f));
            chunk[used++] = char(0x80 | ((u >> 6) & 0x3f));
            chunk[used++] = char(0x80 | (u & 0x3f));
        } else if (QChar::isSurrogate(c)) {
            appendEscaped(m_buffer, chunk, used);
            used = 0;
            appendUnicodeEscape(m_buffer, c);
        } else {
            chunk[used++] = char(0xe0 | (c >> 12));
            chunk[used++] = char(0x80 | ((c >> 6) & 0x3f));
            chunk[used++] = char(0x80 | (c & 0x3f));
        }
    }
    appendEscaped(m_buffer, chunk, used);
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
