// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/jsonpositions_p.h"
#include "core/loading/loader.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace bg::core::detail {

namespace {

// A walk over the bytes that skips every value off the path.
class Locator {
public:
    explicit Locator(const QByteArray &bytes)
        : m_bytes(bytes)
    {
    }
    qsizetype find(const JsonPath &steps)
    {
        m_at = 0;
        qsizetype found = -1;
        for (const JsonStep &step : steps) {
            space();
            const char open = std::holds_alternative<QString>(step) ? '{' : '[';
            if (peek() != open)
                return -1;
            ++m_at;
            found = std::holds_alternative<QString>(step) ? member(std::get<QString>(step))
                                                          : element(std::get<qsizetype>(step));
            if (found < 0)
                return -1;
        }
        return found;
    }
    std::optional<std::vector<JsonMember>> objectMembers(int deepest)
    {
        m_at = 0;
        m_deepest = 0;
        space();
        if (peek() != '{')
            return std::nullopt;
        ++m_at;
        std::vector<JsonMember> members;
        for (space(); peek() == '"'; space()) {
            const qsizetype keyAt = m_at;
            skip();
            const QByteArrayView key = view(keyAt);
            if (key.size() < 2 || key.contains('\\'))
                return std::nullopt;
            space();
            ++m_at; // ':'
            space();
            const qsizetype begin = m_at;
            skip();
            if (m_deepest >= deepest)
                return std::nullopt;
            members.push_back(
                {key.sliced(1, key.size() - 2), {begin, std::min(m_at, m_bytes.size())}});
            space();
            if (peek() == ',')
                ++m_at;
        }
        return members;
    }

private:
    char peek() const { return m_at < m_bytes.size() ? m_bytes[m_at] : '\0'; }
    // The bytes from `from` to the walk's position (within the bytes), without a copy.
    QByteArrayView view(qsizetype from) const
    {
        const qsizetype end = std::min(m_at, m_bytes.size());
        return QByteArrayView(m_bytes).sliced(from, std::max<qsizetype>(0, end - from));
    }
    void space()
    {
        while (m_at < m_bytes.size() && std::isspace(uchar(m_bytes[m_at])))
            ++m_at;
    }
    // Just after the opening brace: leaves m_at on the member's value.
    qsizetype member(const QString &key)
    {
        const QByteArray quoted = '"' + key.toUtf8() + '"';
        for (space(); peek() == '"'; space()) {
            const qsizetype keyAt = m_at;
            skip();
            const bool match = view(keyAt) == quoted;
            space();
            ++m_at; // ':'
            space();
            if (match)
                return keyAt;
            skip();
            space();
            if (peek() == ',')
                ++m_at;
        }
        return -1;
    }
    // Just after the opening bracket: leaves m_at on the element.
    qsizetype element(qsizetype index)
    {
        for (qsizetype i = 0;; ++i) {
            space();
            if (peek() == ']' || peek() == '\0')
                return -1;
            if (i == index)
                return m_at;
            skip();
            space();
            if (peek() == ',')
                ++m_at;
        }
    }
    // Past one value, whatever it is.
    void skip()
    {
        int depth = 0;
        do {
            const char c = peek();
            if (c == '"') {
                skipString();
            } else if (c == '{' || c == '[') {
                m_deepest = std::max(m_deepest, ++depth);
                ++m_at;
            } else if (c == '}' || c == ']') {
                --depth;
                ++m_at;
            } else if (depth > 0) {
                ++m_at;
            } else {
                while (m_at < m_bytes.size() && !std::strchr(",}] \t\r\n", m_bytes[m_at]))
                    ++m_at;
            }
        } while (depth > 0 && m_at < m_bytes.size());
    }

    // From an opening quote to just past its closing one. Quotes are found with memchr; one
    // after an odd run of backslashes is escaped. Where no closing quote is found, the walk
    // goes on byte by byte, as it always did.
    void skipString()
    {
        const char *p = m_bytes.constData();
        const qsizetype n = m_bytes.size();
        const qsizetype start = m_at;
        qsizetype at = start + 1;
        while (at < n) {
            const void *q = std::memchr(p + at, '"', size_t(n - at));
            if (!q)
                break;
            const qsizetype quote = static_cast<const char *>(q) - p;
            qsizetype backslashes = 0;
            while (quote - 1 - backslashes > start && p[quote - 1 - backslashes] == '\\')
                ++backslashes;
            if (backslashes % 2 == 0) {
                m_at = quote + 1;
                return;
            }
            at = quote + 1;
        }
        for (++m_at; m_at < n && p[m_at] != '"'; ++m_at) {
            if (p[m_at] == '\\')
                ++m_at;
        }
        ++m_at;
    }

    const QByteArray &m_bytes;
    qsizetype m_at = 0;
    int m_deepest = 0; // the deepest nesting skip() has passed through
};

} // namespace

qsizetype jsonPathOffset(const QByteArray &bytes, const JsonPath &path)
{
    return Locator(bytes).find(path);
}

std::optional<std::vector<JsonMember>> jsonObjectMembers(const QByteArray &bytes, int deepest)
{
    return Locator(bytes).objectMembers(deepest);
}

bool jsonPathPosition(const QByteArray &bytes, const JsonPath &path, int *line, int *column)
{
    const qsizetype offset = jsonPathOffset(bytes, path);
    if (offset < 0)
        return false;
    lineAndColumn(bytes, offset, line, column);
    return true;
}

std::optional<QByteArray> withoutLongStrings(QByteArrayView bytes, qsizetype limit)
{
    std::optional<QByteArray> out;
    const char *p = bytes.data();
    const qsizetype n = bytes.size();
    qsizetype copied = 0; // bytes[0, copied) are in *out already
    qsizetype i = 0;
    while (i < n) {
        const char *quote = static_cast<const char *>(std::memchr(p + i, '"', size_t(n - i)));
        if (!quote)
            break;
        const qsizetype start = quote - p; // the opening quote
        qsizetype j = start + 1;
        for (;;) { // to the closing quote, stepping over escapes
            const char *q = static_cast<const char *>(std::memchr(p + j, '"', size_t(n - j)));
            if (!q)
                return out; // not JSON after all: left as it is
            qsizetype k = q - p;
            qsizetype backslashes = 0;
            while (k - 1 - backslashes > start && p[k - 1 - backslashes] == '\\')
                ++backslashes;
            j = k + 1;
            if (backslashes % 2 == 0)
                break;
        }
        const qsizetype length = j - start - 2; // between the quotes, as written
        if (length > limit) {
            if (!out)
                out.emplace().reserve(qMin<qsizetype>(n, 1 << 16));
            out->append(p + copied, start - copied);
            quint64 hash = 14695981039346656037ull;
            for (qsizetype b = start + 1; b < j - 1; ++b)
                hash = (hash ^ quint8(p[b])) * 1099511628211ull;
            out->append("\"(a value of " + QByteArray::number(length) + " bytes, too long to show; "
                + "fingerprint " + QByteArray::number(hash, 16) + ")\"");
            copied = j;
        }
        i = j;
    }
    if (out)
        out->append(p + copied, n - copied);
    return out;
}

} // namespace bg::core::detail
