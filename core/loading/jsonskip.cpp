// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Every rule below restates one of nlohmann 3.11.2's (/usr/include/nlohmann/detail/input/
// lexer.hpp and parser.hpp): whatever this accepts, they accept, and the other way round. Where
// they would refuse the text it answers nullptr, and they read the text themselves to say why.
// A rule added later that does not match theirs exactly must answer nullptr, never accept.
#include "core/loading/jsonskip_p.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bg::core::detail {

namespace {

using Byte = unsigned char;

// The bytes a string holds as they are: not '"', not '\\', not a control character (the lexer
// refuses U+0000..U+001F unescaped), not the start of a multi-byte UTF-8 sequence.
constexpr std::array<bool, 256> PlainInString = [] {
    std::array<bool, 256> plain {};
    for (int c = 0x20; c < 0x80; ++c)
        plain[size_t(c)] = c != '"' && c != '\\';
    return plain;
}();

#ifndef __SSE2__
constexpr std::uint64_t Ones = 0x0101010101010101ull;
constexpr std::uint64_t Highs = 0x8080808080808080ull;

// Whether any of the 8 bytes in v needs a closer look: the classic "has a byte less than n"
// and "has a zero byte" word tricks. Exact as a yes/no over the word, whatever the byte order.
bool hasSpecial(std::uint64_t v)
{
    const std::uint64_t control = (v - Ones * 0x20) & ~v & Highs;
    const std::uint64_t q = v ^ (Ones * '"'), b = v ^ (Ones * '\\');
    const std::uint64_t quote = (q - Ones) & ~q & Highs;
    const std::uint64_t backslash = (b - Ones) & ~b & Highs;
    return (control | quote | backslash | (v & Highs)) != 0;
}
#endif

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The four hex digits of a \u escape at p (lexer.hpp get_codepoint); -1 if they are not.
int hex4(const char *p, const char *end)
{
    if (end - p < 4)
        return -1;
    int value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

// An escape at p (on the backslash), as scan_string takes them: past it, or nullptr.
const char *skipEscape(const char *p, const char *end)
{
    if (end - p < 2)
        return nullptr;
    switch (p[1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        return p + 2;
    case 'u':
        break;
    default:
        return nullptr;
    }
    const int first = hex4(p + 2, end);
    if (first < 0 || (first >= 0xDC00 && first <= 0xDFFF)) // a low surrogate alone
        return nullptr;
    if (first < 0xD800 || first > 0xDBFF)
        return p + 6;
    // A high surrogate: a low one must follow at once, as another \u escape.
    if (end - p < 12 || p[6] != '\\' || p[7] != 'u')
        return nullptr;
    const int second = hex4(p + 8, end);
    return second >= 0xDC00 && second <= 0xDFFF ? p + 12 : nullptr;
}

bool inRange(const char *p, Byte low, Byte high)
{
    return Byte(*p) >= low && Byte(*p) <= high;
}

// A multi-byte UTF-8 sequence at p, with the ranges scan_string allows for each lead byte
// (no overlong forms, no surrogates, nothing past U+10FFFF): past it, or nullptr.
const char *skipUtf8(const char *p, const char *end)
{
    const Byte lead = Byte(*p);
    Byte secondLow = 0x80, secondHigh = 0xBF;
    int length;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            secondLow = 0xA0;
        else if (lead == 0xED)
            secondHigh = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            secondLow = 0x90;
        else if (lead == 0xF4)
            secondHigh = 0x8F;
    } else {
        return nullptr; // 80..C1 and F5..FF never start a character
    }
    if (end - p < length || !inRange(p + 1, secondLow, secondHigh))
        return nullptr;
    for (int i = 2; i < length; ++i)
        if (!inRange(p + i, 0x80, 0xBF))
            return nullptr;
    return p + length;
}

} // namespace

// A string whose opening quote is just before p: past its closing quote, or nullptr. The hot
// path: sixteen bytes at a time (eight without SSE2) while none of them is special.
const char *skipString(const char *p, const char *end)
{
    for (;;) {
#ifdef __SSE2__
        // Sixteen bytes at a time (SSE2, in every x86-64), and the first special one among them
        // found at once: read as signed bytes, those below 0x20 are the control characters and
        // every byte from 0x80 on.
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(0x20);
        while (end - p >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            const __m128i special
                = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                    _mm_cmplt_epi8(v, space));
            if (const int mask = _mm_movemask_epi8(special)) {
                p += __builtin_ctz(unsigned(mask));
                break;
            }
            p += 16;
        }
#else
        std::uint64_t word;
        while (end - p >= 8) {
            std::memcpy(&word, p, 8);
            if (hasSpecial(word))
                break;
            p += 8;
        }
#endif
        while (p < end && PlainInString[Byte(*p)])
            ++p;
        if (p == end)
            return nullptr; // no closing quote
        const Byte c = Byte(*p);
        if (c == '"')
            return p + 1;
        if (c == '\\')
            p = skipEscape(p, end);
        else if (c >= 0x80)
            p = skipUtf8(p, end);
        else
            return nullptr; // a control character, NUL included
        if (!p)
            return nullptr;
    }
}

namespace {

// What nlohmann does with the number's text (lexer.hpp scan_number_done, std::strtod for a
// double; parser.hpp refuses it when the result is not finite), in the same locale.
bool finiteAsNlohmannReadsIt(const char *begin, const char *end)
{
    const std::string text(begin, end);
    return std::isfinite(std::strtod(text.c_str(), nullptr));
}

} // namespace

// A number at p, by scan_number's state machine: past it, or nullptr.
const char *skipNumber(const char *p, const char *end)
{
    const char *const begin = p;
    if (*p == '-')
        ++p;
    const char *const integer = p;
    if (p == end || !isDigit(*p))
        return nullptr;
    if (*p == '0')
        ++p; // a leading zero ends the integer part: "01" is 0 then an unexpected 1
    else
        while (p < end && isDigit(*p))
            ++p;
    const std::ptrdiff_t integerDigits = p - integer;
    if (p < end && *p == '.') {
        ++p;
        if (p == end || !isDigit(*p))
            return nullptr;
        while (p < end && isDigit(*p))
            ++p;
    }
    bool exponent = false;
    if (p < end && (*p == 'e' || *p == 'E')) {
        exponent = true;
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        if (p == end || !isDigit(*p))
            return nullptr;
        while (p < end && isDigit(*p))
            ++p;
    }
    // Below 10^308 without an exponent, whatever strtod makes of it is finite (DBL_MAX is
    // about 1.8e308); otherwise ask strtod as nlohmann does.
    if ((exponent || integerDigits > 308) && !finiteAsNlohmannReadsIt(begin, p))
        return nullptr;
    return p;
}

namespace {

const char *skipWord(const char *p, const char *end, const char *word, std::ptrdiff_t length)
{
    return end - p >= length && std::memcmp(p, word, size_t(length)) == 0 ? p + length : nullptr;
}

// A value other than an object or an array at p: past it, or nullptr.
const char *skipScalar(const char *p, const char *end)
{
    switch (*p) {
    case '"':
        return skipString(p + 1, end);
    case 't':
        return skipWord(p, end, "true", 4);
    case 'f':
        return skipWord(p, end, "false", 5);
    case 'n':
        return skipWord(p, end, "null", 4);
    default:
        return *p == '-' || isDigit(*p) ? skipNumber(p, end) : nullptr;
    }
}

} // namespace

const char *skipContainer(
    const char *p, const char *end, bool isArray, std::string *stack, size_t deepest)
{
    // The closing bracket each open container waits for, innermost last.
    stack->assign(1, isArray ? ']' : '}');
    bool opened = true; // just past an opening bracket: the container may close at once
    for (;;) {
        p = skipSpace(p, end);
        if (p == end)
            return nullptr;
        if (!(opened && *p == stack->back())) {
            // A member: in an object, its key and the colon first.
            if (stack->back() == '}') {
                if (*p != '"' || !(p = skipString(p + 1, end)))
                    return nullptr;
                p = skipSpace(p, end);
                if (p == end || *p != ':')
                    return nullptr;
                p = skipSpace(p + 1, end);
                if (p == end)
                    return nullptr;
            }
            if (*p == '{' || *p == '[') {
                stack->push_back(*p == '{' ? '}' : ']');
                if (stack->size() > deepest)
                    return nullptr; // the handler refuses it, where nlohmann reads it
                ++p;
                opened = true;
                continue;
            }
            if (!(p = skipScalar(p, end)))
                return nullptr;
            p = skipSpace(p, end);
        }
        // After a value (or at an empty container's closing bracket): a comma and the next
        // member, or closing brackets. No comma before a closing bracket, as in parser.hpp.
        for (;;) {
            if (p == end)
                return nullptr;
            if (*p == ',') {
                ++p;
                opened = false;
                break;
            }
            if (*p != stack->back())
                return nullptr;
            stack->pop_back();
            if (stack->empty())
                return p;
            p = skipSpace(p + 1, end);
        }
    }
}

} // namespace bg::core::detail
