// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/address.h"

#include "core/unicodeblocks.h"

#include <algorithm>
#include <limits>

// The grammar is that of Terraform's addrs.ParseAbsResourceInstanceStr, which reads an address
// as an HCL traversal: "module.NAME[KEY]" steps ("module" is reserved, so no resource type has
// that name), then a leading "data" is the data mode, then TYPE.NAME and at most one key.
// Quoting is addrs.toHCLQuotedString. It is a hand-written scanner because the loader parses
// every address of a plan (tens of thousands); only error paths format text.

namespace bg::core {

namespace {

constexpr QStringView kDeposedPrefix = u" (deposed object ";

bool isAsciiDigit(char32_t c)
{
    return c >= '0' && c <= '9';
}
bool isAsciiLetter(char32_t c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

// HCL identifiers: a letter or '_', then letters, digits, '_' and '-'. HCL takes Unicode letters
// too, so non-ASCII names are read the same way.
bool isIdentChar(char32_t c, bool first)
{
    if (c < 0x80)
        return isAsciiLetter(c) || c == '_' || (!first && (isAsciiDigit(c) || c == '-'));
    return QChar::isLetter(c) || (!first && (QChar::isNumber(c) || QChar::isMark(c)));
}

// Go's unicode.IsPrint, which decides what toHCLQuotedString escapes: letters, marks, numbers,
// punctuation, symbols and the ASCII space. Unlike QChar::isPrint, non-ASCII spaces (U+00A0,
// U+2028) and format characters (U+200B, U+FEFF) are not printable and get escaped.
bool printableCategory(char32_t c)
{
    const auto cat = QChar::category(c);
    return cat <= QChar::Number_Other || cat >= QChar::Letter_Uppercase;
}
bool goIsPrint(char32_t c)
{
    // Latin-1, in a block with controls: all but the controls, DEL, the no-break space and the
    // soft hyphen.
    if (c < 0x100)
        return (c >= 0x20 && c < 0x7f) || (c > 0xa0 && c != 0xad);
    return UnicodeBlocks<printableCategory>::holds(c);
}

// The code point at s[i]; *len is 2 for a surrogate pair, else 1 (a lone surrogate is itself).
char32_t codePointAt(QStringView s, qsizetype i, qsizetype *len)
{
    const char16_t c = s[i].unicode();
    *len = QChar::isHighSurrogate(c) && i + 1 < s.size() && s[i + 1].isLowSurrogate() ? 2 : 1;
    return *len == 2 ? QChar::surrogateToUcs4(c, s[i + 1].unicode()) : c;
}

// HCL's one-letter escapes, as {character, letter after the backslash}.
constexpr char16_t kEscapes[][2]
    = {{'\n', 'n'}, {'\r', 'r'}, {'\t', 't'}, {'"', '"'}, {'\\', '\\'}};

// escapeSwap(c, 0) is the letter that escapes c, escapeSwap(letter, 1) the character; 0 if none.
char16_t escapeSwap(char16_t c, int from)
{
    for (const auto &e : kEscapes)
        if (e[from] == c)
            return e[1 - from];
    return 0;
}

int hexValue(char16_t c)
{
    if (isAsciiDigit(c))
        return c - '0';
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

// toHCLQuotedString: \n \r \t \" \\ escaped; "${" and "%{" doubled so that HCL does not read a
// template; code points Go deems unprintable as lowercase \uXXXX or \UXXXXXXXX; the rest raw.
void appendQuoted(QString &out, QStringView s)
{
    // Printable ASCII but what is escaped or may be doubled ('"', '\\', '$', '%'), as most keys
    // are: written as it is, without a character-by-character walk.
    if (std::all_of(s.begin(), s.end(), [](QChar c) {
            const char16_t u = c.unicode();
            return u >= 0x20 && u < 0x7f && u != u'"' && u != u'\\' && u != u'$' && u != u'%';
        })) {
        out += u'"';
        out += s;
        out += u'"';
        return;
    }
    out += u'"';
    // What is written as it is goes in runs, each appended once.
    qsizetype run = 0;
    const auto endRun = [&](qsizetype at) {
        out += s.sliced(run, at - run);
    };
    for (qsizetype i = 0, len = 1; i < s.size(); i += len) {
        const char16_t c = s[i].unicode();
        len = 1;
        if (const char16_t letter = escapeSwap(c, 0)) {
            endRun(i);
            run = i + 1;
            out += u'\\';
            out += QChar(letter);
            continue;
        }
        if (c == '$' || c == '%') {
            if (i + 1 < s.size() && s[i + 1] == u'{') {
                endRun(i);
                run = i + 1;
                out += QChar(c);
                out += QChar(c);
            }
            continue;
        }
        const char32_t cp = codePointAt(s, i, &len);
        if (goIsPrint(cp))
            continue;
        endRun(i);
        run = i + len;
        out += QStringLiteral("\\%1%2")
                   .arg(QChar(cp < 0x10000 ? u'u' : u'U'))
                   .arg(uint(cp), cp < 0x10000 ? 4 : 8, 16, QLatin1Char('0'));
    }
    endRun(s.size());
    out += u'"';
}

void appendKey(QString &out, const InstanceKey &key)
{
    if (key.kind == InstanceKey::Kind::None)
        return;
    out += u'[';
    if (key.kind == InstanceKey::Kind::Int)
        out += QString::number(key.number);
    else
        appendQuoted(out, key.text);
    out += u']';
}

void appendModule(QString &out, const std::vector<ModuleStep> &module, bool withKeys,
    size_t steps = std::numeric_limits<size_t>::max())
{
    bool first = true;
    for (const ModuleStep &step : module) {
        if (steps-- == 0)
            break;
        out += first ? QStringView(u"module.") : QStringView(u".module.");
        first = false;
        out += step.name;
        if (withKeys)
            appendKey(out, step.key);
    }
}

QString moduleText(const std::vector<ModuleStep> &module, bool withKeys)
{
    QString out;
    appendModule(out, module, withKeys);
    return out;
}

// The addresses are built in one string each, not from the pieces' own strings: the loader, the
// graph and the reports make them for every resource.
void appendLocal(QString &out, const Address &a)
{
    if (a.data)
        out += u"data.";
    out += a.type;
    out += u'.';
    out += a.name;
}

// A key's length as appendKey writes it, when its text needs no escape.
qsizetype keyLength(const InstanceKey &key)
{
    switch (key.kind) {
    case InstanceKey::Kind::None:
        return 0;
    case InstanceKey::Kind::Int: {
        qsizetype digits = key.number < 0 ? 2 : 1;
        for (quint64 n = key.number < 0 ? 0 - quint64(key.number) : quint64(key.number); n >= 10;
             n /= 10)
            ++digits;
        return digits + 2;
    }
    case InstanceKey::Kind::String:
        return key.text.size() + 4;
    }
    return 0;
}

// An address's length, exact unless a key needs escapes: the string is built without growing,
// and keeps no spare room.
qsizetype localLength(const Address &a)
{
    return (a.data ? 5 : 0) + a.type.size() + 1 + a.name.size();
}
qsizetype addressLength(const Address &a, bool withKeys)
{
    qsizetype n = localLength(a);
    for (const ModuleStep &step : a.module)
        n += 8 + step.name.size() + (withKeys ? keyLength(step.key) : 0);
    return n;
}

// What follows the resource's address in toString(): its key, and the deposed suffix.
qsizetype endLength(const Address &a)
{
    return keyLength(a.key)
        + (a.deposed.isEmpty() ? 0 : kDeposedPrefix.size() + a.deposed.size() + 1);
}
void appendEnd(QString &out, const Address &a)
{
    appendKey(out, a.key);
    if (!a.deposed.isEmpty()) {
        out += kDeposedPrefix;
        out += a.deposed;
        out += u')';
    }
}

QString resourceText(const Address &a, bool withKeys, qsizetype extra)
{
    QString out;
    out.reserve(addressLength(a, withKeys) + extra);
    appendModule(out, a.module, withKeys);
    if (!a.module.empty())
        out += u'.';
    appendLocal(out, a);
    return out;
}

// A cursor over the text. A method that returns false has written "<what> at offset N" to
// *error (N counts UTF-16 code units from the start of the text, 0-based).
struct Scanner {
    QStringView s;
    QString *error;
    qsizetype pos = 0;

    bool atEnd() const { return pos >= s.size(); }
    bool at(char16_t c) const { return pos < s.size() && s[pos] == c; }
    bool eat(char16_t c) { return at(c) ? (++pos, true) : false; }
    bool fail(const QString &what, qsizetype where = -1) const
    {
        if (error)
            *error = QStringLiteral("%1 at offset %2")
                         .arg(what, QString::number(where < 0 ? pos : where));
        return false;
    }
    bool fail(const char *what, qsizetype where = -1) const
    {
        return fail(QString::fromUtf8(what), where);
    }

    // True when the next word is exactly "module" (not "module_x" or "modules").
    bool atModuleKeyword() const
    {
        return s.sliced(pos).startsWith(u"module")
            && (pos + 6 == s.size() || !isIdentChar(s[pos + 6].unicode(), false));
    }

    bool identifier(QString *out, const char *what)
    {
        const qsizetype start = pos;
        qsizetype len;
        if (atEnd() || !isIdentChar(codePointAt(s, pos, &len), true))
            return fail(QStringLiteral("expected ") + QLatin1String(what));
        for (pos += len; !atEnd() && isIdentChar(codePointAt(s, pos, &len), false);)
            pos += len;
        *out = s.sliced(start, pos - start).toString();
        return true;
    }

    // "[N]" or "[\"...\"]", pos at '['. Integers must be canonical (no sign, no leading zero,
    // 64 bits) as Terraform only writes them so.
    bool key(InstanceKey *out)
    {
        const qsizetype open = pos++;
        if (at(u'"')) {
            QString text;
            if (!quoted(&text))
                return false;
            *out = InstanceKey::fromString(std::move(text));
        } else if (!atEnd() && isAsciiDigit(s[pos].unicode())) {
            const qsizetype start = pos;
            while (!atEnd() && isAsciiDigit(s[pos].unicode()))
                ++pos;
            bool ok = false;
            const qint64 n = s.sliced(start, pos - start).toLongLong(&ok);
            if (!ok)
                return fail("integer instance key is too large", start);
            if (s[start] == u'0' && pos - start > 1)
                return fail("integer instance key has a leading zero", start);
            *out = InstanceKey::fromInt(n);
        } else if (!atEnd()) {
            return fail("instance key must be a non-negative integer or a quoted string");
        }
        if (eat(u']'))
            return true;
        return atEnd() ? fail("unterminated '['", open)
                       : fail("expected ']' after the instance key");
    }

    // An HCL quoted string, pos at '"'. Reads Terraform's escapes and what a user may type from
    // JSON: \" \\ \n \r \t \uXXXX (a \uD83D\uDE00 pair joins by itself in UTF-16), \UXXXXXXXX,
    // doubled "$${" and "%%{", and an undoubled "${" or "%{" as literal text.
    bool quoted(QString *out)
    {
        const qsizetype open = pos++;
        QString text;
        for (qsizetype run = pos; !atEnd();) { // s[run, pos) is literal text not yet copied
            const char16_t c = s[pos].unicode();
            if (c == '"') {
                text += s.sliced(run, pos++ - run);
                *out = std::move(text);
                return true;
            }
            if (c == '\n' || c == '\r')
                return fail("raw line break in a quoted key (Terraform writes \\n)");
            if ((c == '$' || c == '%') && pos + 2 < s.size() && s[pos + 1] == c
                && s[pos + 2] == u'{') {
                text += s.sliced(run, pos + 1 - run); // one of the doubled pair
                run = pos += 2; // the '{' starts the next literal run
                continue;
            }
            if (c != '\\') {
                ++pos;
                continue;
            }
            text += s.sliced(run, pos - run);
            const qsizetype esc = pos++;
            if (atEnd())
                break;
            const char16_t e = s[pos++].unicode();
            if (const char16_t plain = escapeSwap(e, 1)) {
                text += QChar(plain);
            } else if (e == 'u' || e == 'U') {
                const int digits = e == 'u' ? 4 : 8;
                char32_t cp = 0;
                for (int i = 0; i < digits; ++i, ++pos) {
                    const int h = atEnd() ? -1 : hexValue(s[pos].unicode());
                    if (h < 0)
                        return fail(QStringLiteral("bad escape: \\%1 needs %2 hex digits")
                                        .arg(QChar(e))
                                        .arg(digits),
                            esc);
                    cp = cp * 16 + char32_t(h);
                }
                if (cp > 0x10FFFF)
                    return fail("bad escape: beyond the last Unicode code point", esc);
                text += QStringView(QChar::fromUcs4(cp));
            } else {
                return fail(QStringLiteral("bad escape \\%1").arg(QChar(e)), esc);
            }
            run = pos;
        }
        return fail("unterminated quoted key", open);
    }

    // "module.NAME[KEY]" steps, each with the '.' after it, until a word other than "module".
    bool modulePath(std::vector<ModuleStep> *out)
    {
        // One allocation for a deep path, not one per doubling: the steps are about as many
        // as the "module." in the text (a key may hold more; the room is only a hint).
        if (atModuleKeyword())
            out->reserve(size_t(s.count(u"module.")));
        while (!atEnd() && atModuleKeyword()) {
            pos += 6;
            if (!eat(u'.'))
                return fail("expected '.' and a module name after \"module\"");
            ModuleStep step;
            if (!identifier(&step.name, "a module name after \"module.\"")
                || (at(u'[') && !key(&step.key)))
                return false;
            out->push_back(std::move(step));
            if (!atEnd() && !eat(u'.'))
                return fail("expected '.' after the module step");
        }
        return true;
    }

    // After the module path: [data.]TYPE.NAME[KEY][ (deposed object KEY)], then the end.
    bool resource(Address *a)
    {
        if (atEnd()) // "module.a", or "module.a." with nothing after the dot
            return fail(s.endsWith(u'.')
                    ? QStringLiteral("expected a resource type")
                    : QStringLiteral("expected '.' and a resource after the module path"));
        // Terraform reads a leading "data" as the data mode, so "data.x" is a data source that
        // lacks its name, never a managed resource of type "data".
        if (!identifier(&a->type, "a resource type"))
            return false;
        if (a->type == u"data") {
            a->data = true;
            if (!eat(u'.'))
                return fail("expected '.' and a data source type after \"data\"");
            if (!identifier(&a->type, "a data source type"))
                return false;
        }
        if (!eat(u'.'))
            return fail("expected '.' and a resource name");
        if (!identifier(&a->name, "a resource name") || (at(u'[') && !key(&a->key)))
            return false;
        // Deposed keys are opaque: 8 hex digits from NewDeposedKey, "00000001" in states
        // upgraded from v3. Any run of ASCII letters and digits is taken.
        if (s.sliced(pos).startsWith(kDeposedPrefix)) {
            const qsizetype start = pos += kDeposedPrefix.size();
            while (!atEnd() && (isAsciiLetter(s[pos].unicode()) || isAsciiDigit(s[pos].unicode())))
                ++pos;
            if (pos == start)
                return fail("expected a deposed object key");
            a->deposed = s.sliced(start, pos - start).toString();
            if (!eat(u')'))
                return fail("expected ')' after the deposed object key");
        }
        return atEnd() || fail(QStringLiteral("unexpected '%1' after the address").arg(s[pos]));
    }
};

} // namespace

QString InstanceKey::toString() const
{
    QString out;
    appendKey(out, *this);
    return out;
}

QString moduleToString(const std::vector<ModuleStep> &module)
{
    return moduleText(module, true);
}

QString moduleToString(const std::vector<ModuleStep> &module, size_t steps)
{
    QString out;
    appendModule(out, module, true, steps);
    return out;
}

QString Address::localString() const
{
    QString out;
    appendLocal(out, *this);
    return out;
}

QString Address::moduleString() const
{
    return moduleText(module, true);
}

QString Address::resourceString() const
{
    return resourceText(*this, true, 0);
}

QString Address::configString() const
{
    return resourceText(*this, false, 0);
}

QString Address::instanceString() const
{
    QString out = resourceText(*this, true, keyLength(key));
    appendKey(out, key);
    return out;
}

QString Address::toString() const
{
    QString out = resourceText(*this, true, endLength(*this));
    appendEnd(out, *this);
    return out;
}

QString Address::toStringAfter(QStringView modulePrefix) const
{
    QString out;
    out.reserve(modulePrefix.size() + localLength(*this) + endLength(*this));
    out += modulePrefix;
    appendLocal(out, *this);
    appendEnd(out, *this);
    return out;
}

std::optional<Address> Address::parse(QStringView text, QString *error)
{
    Scanner sc {text, error};
    Address a;
    if (text.isEmpty()) {
        sc.fail("empty address");
        return std::nullopt;
    }
    if (!sc.modulePath(&a.module) || !sc.resource(&a))
        return std::nullopt;
    return a;
}

std::optional<std::vector<ModuleStep>> Address::parseModule(QStringView text, QString *error)
{
    Scanner sc {text, error};
    std::vector<ModuleStep> module;
    if (!sc.modulePath(&module))
        return std::nullopt;
    if (!sc.atEnd() || text.endsWith(u'.')) { // a resource, or "module.a." with nothing after
        sc.fail("expected \"module\"");
        return std::nullopt;
    }
    return module;
}

} // namespace bg::core
