// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: passes over the inside of a JSON object or array without building anything,
// for the large values the scanner only keeps as byte ranges. nlohmann's lexer copies every
// string it reads, even those nobody wants: on a large plan most of the load time.
#pragma once

#include <string>

namespace bg::core::detail {

// JSON's white space, as nlohmann's lexer skips it (lexer.hpp, skip_whitespace).
inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// `p` past any white space, never past `end`.
inline const char *skipSpace(const char *p, const char *end)
{
    while (p < end && isSpace(*p))
        ++p;
    return p;
}

// `from` is just past the '{' (isArray false) or '[' (true) of a container, `end` the end of
// the text. Returns where the bracket closing it is, when the text between is JSON that
// nlohmann's parser (3.11) accepts: the grammar, strings as its lexer checks them (escapes,
// surrogate pairs, control characters, UTF-8), numbers it reads as finite. Returns nullptr
// otherwise, and may when in doubt: the caller then lets nlohmann read the text, which reports
// the problem as it always has. As written it is never in doubt of text nlohmann accepts
// (tst_jsonskip checks both ways), so that fallback costs time only on files that fail to
// load. Never recurses: `stack` holds the open containers (kept by the caller so that its
// memory is reused), however deep they nest; past `deepest` of them open at once (the
// container itself counts), it returns nullptr as well.
const char *skipContainer(const char *from, const char *end, bool isArray, std::string *stack,
    size_t deepest = std::string::npos);

// The same rules for one string, `from` just past its opening quote: past its closing quote,
// or nullptr. And for one number at `from`: past it, or nullptr.
const char *skipString(const char *from, const char *end);
const char *skipNumber(const char *from, const char *end);

} // namespace bg::core::detail
