// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What this accepts is what skipContainer accepts (jsonskip.cpp, which restates nlohmann
// 3.11.2's lexer and parser), less what it declines to read itself; what it builds is what the
// scanner's handler builds from nlohmann's events (jsonscanner.cpp). tst_jsonskip compares the
// two on generated plans, broken ones, deep ones and the corpus.
#include "core/loading/jsonelement_p.h"
#include "core/loading/jsonskip_p.h"

#include <cstring>
#include <limits>

namespace bg::core::detail {

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return (c | 0x20) - 'a' + 10; // skipString checked that it is a hex digit
}

int hex4(const char *p)
{
    return (hexDigit(p[0]) << 12) | (hexDigit(p[1]) << 8) | (hexDigit(p[2]) << 4) | hexDigit(p[3]);
}

// As nlohmann's scan_string writes a \u escape's code point: UTF-8, U+0000 as a NUL byte.
char *writeCodePoint(char *at, std::uint32_t c)
{
    if (c < 0x80) {
        *at++ = char(c);
    } else if (c < 0x800) {
        *at++ = char(0xC0 | (c >> 6));
        *at++ = char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *at++ = char(0xE0 | (c >> 12));
        *at++ = char(0x80 | ((c >> 6) & 0x3F));
        *at++ = char(0x80 | (c & 0x3F));
    } else {
        *at++ = char(0xF0 | (c >> 18));
        *at++ = char(0x80 | ((c >> 12) & 0x3F));
        *at++ = char(0x80 | ((c >> 6) & 0x3F));
        *at++ = char(0x80 | (c & 0x3F));
    }
    return at;
}

// The text between `p` and `end` (a string's inside that skipString accepted), escapes undone.
// It is never longer than its escaped text (six bytes of \uXXXX make at most three, twelve of a
// pair four): written in place, then cut to length (appended a byte at a time, a report of
// 10,000 \u-escaped Cyrillic and CJK keys took 0.086 s, 0.079 so).
void unescape(const char *p, const char *end, std::string &out)
{
    out.resize(size_t(end - p));
    char *const start = out.data();
    char *at = start;
    for (;;) {
        const char *slash = static_cast<const char *>(std::memchr(p, '\\', size_t(end - p)));
        const char *const stop = slash ? slash : end;
        std::memcpy(at, p, size_t(stop - p));
        at += stop - p;
        if (!slash)
            break;
        p = slash + 2;
        switch (slash[1]) {
        case 'b':
            *at++ = '\b';
            break;
        case 'f':
            *at++ = '\f';
            break;
        case 'n':
            *at++ = '\n';
            break;
        case 'r':
            *at++ = '\r';
            break;
        case 't':
            *at++ = '\t';
            break;
        case 'u': {
            std::uint32_t c = std::uint32_t(hex4(slash + 2));
            p = slash + 6;
            if (c >= 0xD800 && c <= 0xDBFF) { // the low surrogate follows: skipString checked
                c = 0x10000 + ((c - 0xD800) << 10) + (std::uint32_t(hex4(p + 2)) - 0xDC00);
                p += 6;
            }
            at = writeCodePoint(at, c);
            break;
        }
        default: // '"', '\\', '/'
            *at++ = slash[1];
        }
    }
    out.resize(size_t(at - start));
}

const char *literal(const char *p, const char *end, const char *word, size_t length)
{
    return size_t(end - p) >= length && std::memcmp(p, word, length) == 0 ? p + length : nullptr;
}

} // namespace

// A string at `from`, just past its opening quote: its text into `out`, and past its closing
// quote; or nullptr.
const char *ElementBuilder::string(const char *from, std::string &out) const
{
    const char *close = skipString(from, m_end);
    if (close)
        unescape(from, close - 1, out);
    return close;
}

// A value other than an object or an array at `from`: past it, or nullptr.
const char *ElementBuilder::scalar(const char *from, json &out)
{
    const char *p = nullptr;
    switch (*from) {
    case '"':
        if ((p = string(from + 1, m_text)))
            out = std::move(m_text);
        return p;
    case 't':
        if ((p = literal(from, m_end, "true", 4)))
            out = true;
        return p;
    case 'f':
        if ((p = literal(from, m_end, "false", 5)))
            out = false;
        return p;
    case 'n':
        if ((p = literal(from, m_end, "null", 4)))
            out = nullptr;
        return p;
    default:
        break;
    }
    if (*from != '-' && (*from < '0' || *from > '9'))
        return nullptr;
    if (!(p = skipNumber(from, m_end)))
        return nullptr;
    // An integer, read as scan_number_done does: strtoull, or strtoll for a negative one, and
    // a double when it does not fit; that and any fraction or exponent are left to nlohmann.
    const bool negative = *from == '-';
    std::uint64_t magnitude = 0;
    for (const char *d = from + negative; d < p; ++d) {
        if (*d < '0' || *d > '9')
            return nullptr; // '.', 'e' or 'E'
        const std::uint64_t digit = std::uint64_t(*d - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
            return nullptr;
        magnitude = magnitude * 10 + digit;
    }
    if (!negative) {
        out = json::number_unsigned_t(magnitude);
    } else {
        constexpr std::uint64_t Least = std::uint64_t(1) << 63; // -INT64_MIN
        if (magnitude > Least)
            return nullptr;
        out = magnitude == Least ? std::numeric_limits<json::number_integer_t>::min()
                                 : -json::number_integer_t(magnitude);
    }
    return p;
}

const char *ElementBuilder::build(const char *p, bool isArray, Collection collection, json &out)
{
    out = isArray ? json::array() : json::object();
    m_stack.assign(1, &out);
    bool opened = true; // just past an opening bracket: the container may close at once
    for (;;) {
        p = skipSpace(p, m_end);
        if (p == m_end)
            return nullptr;
        json &parent = *m_stack.back();
        const bool inObject = parent.is_object();
        if (!(opened && *p == (inObject ? '}' : ']'))) {
            // A member: in an object, its name and the colon first.
            json *slot = nullptr;
            if (inObject) {
                if (*p != '"' || !(p = string(p + 1, m_key)))
                    return nullptr;
                p = skipSpace(p, m_end);
                if (p == m_end || *p != ':')
                    return nullptr;
                p = skipSpace(p + 1, m_end);
                if (p == m_end)
                    return nullptr;
                const auto [member, made]
                    = parent.get_ref<json::object_t &>().try_emplace(m_key, nullptr);
                if (!made)
                    return nullptr; // the handler refuses it, with nlohmann's position
                slot = &member->second;
            } else {
                slot = &parent.get_ref<json::array_t &>().emplace_back();
            }
            if (*p == '{' || *p == '[') {
                const bool childIsArray = *p == '[';
                const int depth = m_depthBase + int(m_stack.size());
                if (depth > MaxBuildDepth)
                    return nullptr;
                if (inObject && m_depthBase == 0 && isLeftInFile(collection, depth, m_key)) {
                    const char *close
                        = skipContainer(p + 1, m_end, childIsArray, &m_skipStack, MaxValueDepth);
                    if (!close)
                        return nullptr;
                    *slot = rangeValue(p - m_base, close + 1 - m_base);
                    p = skipSpace(close + 1, m_end);
                } else {
                    *slot = childIsArray ? json::array() : json::object();
                    m_stack.push_back(slot);
                    ++p;
                    opened = true;
                    continue;
                }
            } else {
                if (!(p = scalar(p, *slot)))
                    return nullptr;
                p = skipSpace(p, m_end);
            }
        }
        // After a value (or at an empty container's closing bracket): a comma and the next
        // member, or closing brackets. No comma before a closing bracket, as in parser.hpp.
        for (;;) {
            if (p == m_end)
                return nullptr;
            if (*p == ',') {
                ++p;
                opened = false;
                break;
            }
            if (*p != (m_stack.back()->is_object() ? '}' : ']'))
                return nullptr;
            m_stack.pop_back();
            if (m_stack.empty())
                return p;
            p = skipSpace(p + 1, m_end);
        }
    }
}

const char *ElementBuilder::scalarInto(const char *from, json &out)
{
    if (*from == '"') {
        if (!out.is_string())
            out = std::string();
        return string(from + 1, out.get_ref<std::string &>()); // its room kept for the next
    }
    return scalar(from, out);
}

template<typename F>
const char *ElementBuilder::members(const char *p, std::vector<std::string> &seen, F &&member)
{
    size_t named = 0; // names seen, in seen's first strings (kept for their room)
    p = skipSpace(p, m_end);
    if (p == m_end)
        return nullptr;
    if (*p == '}')
        return p;
    for (;;) {
        if (*p != '"' || !(p = string(p + 1, m_key)))
            return nullptr;
        for (size_t i = 0; i < named; ++i) {
            if (seen[i] == m_key)
                return nullptr; // build() gives up on it too, and the handler refuses it
        }
        // Checked one by one against each other, the names must stay few: an object of a
        // million members would take hours. build(), whose map checks them, reads such a one.
        if (named == MaxReadMembers)
            return nullptr;
        if (named == seen.size())
            seen.emplace_back();
        seen[named++].assign(m_key);
        p = skipSpace(p, m_end);
        if (p == m_end || *p != ':')
            return nullptr;
        p = skipSpace(p + 1, m_end);
        if (p == m_end || !(p = member(p)))
            return nullptr;
        p = skipSpace(p, m_end);
        if (p == m_end)
            return nullptr;
        if (*p == '}')
            return p;
        if (*p != ',')
            return nullptr;
        p = skipSpace(p + 1, m_end); // no '}' after a comma: the next member's '"' is checked
        if (p == m_end)
            return nullptr;
    }
}

const char *ElementBuilder::scalarList(const char *p, json &list)
{
    if (!list.is_array())
        list = json::array();
    json::array_t &items = list.get_ref<json::array_t &>();
    size_t count = 0; // items kept for their room
    p = elements(p, [&](const char *at) {
        if (count == items.size())
            items.emplace_back();
        return scalarInto(at, items[count++]);
    });
    if (p)
        items.resize(count);
    return p;
}

const char *ElementBuilder::builtValue(const char *p, int depth, json &value)
{
    m_depthBase = depth;
    const char *close = build(p + 1, *p == '[', Collection::Change, value);
    m_depthBase = 0;
    return close ? close + 1 : nullptr;
}

const char *ElementBuilder::leftInFile(const char *p, SlotMember &slot, json &value)
{
    if (*p != '{' && *p != '[') {
        slot.value = &value;
        return scalarInto(p, value);
    }
    const char *close = skipContainer(p + 1, m_end, *p == '[', &m_skipStack, MaxValueDepth);
    if (!close)
        return nullptr;
    slot.range = ByteRange {p - m_base, close + 1 - m_base};
    return close + 1;
}

size_t ElementBuilder::keyIndex(std::span<const std::string_view> names) const
{
    size_t i = 0;
    while (i < names.size() && m_key != names[i])
        ++i;
    return i;
}

const char *ElementBuilder::listOrScalar(const char *p, json &value)
{
    return *p == '[' ? scalarList(p, value) : scalarInto(p, value);
}

const char *ElementBuilder::namedScalar(const char *p, std::span<const std::string_view> names,
    std::span<const json **const> members, json *values)
{
    if (const size_t i = keyIndex(names); i < names.size()) {
        *members[i] = &values[i];
        return scalarInto(p, values[i]);
    }
    return scalarInto(p, m_scratch); // a member none of the readers takes
}

namespace {

bool isContainer(const char *p)
{
    return *p == '{' || *p == '[';
}

} // namespace

const char *ElementBuilder::readChange(const char *from, ChangeMembers &out)
{
    out = ChangeMembers();
    static constexpr std::string_view outer[] = {"address", "mode", "type", "name", "index",
        "module_address", "deposed", "provider_name", "action_reason", "previous_address"};
    const json **outerMembers[]
        = {&out.where.address, &out.where.mode, &out.where.type, &out.where.name, &out.where.index,
            &out.where.module, &out.deposed, &out.provider, &out.reason, &out.previous};
    static constexpr std::string_view left[] = {"before", "after", "after_unknown",
        "before_sensitive", "after_sensitive", "before_identity", "after_identity"};
    SlotMember *slotMembers[] = {&out.before, &out.after, &out.afterUnknown, &out.beforeSensitive,
        &out.afterSensitive, &out.beforeIdentity, &out.afterIdentity};
    static_assert(std::size(outer) + std::size(left) + 2 <= MemberValues);
    json *const actions = &m_values[std::size(outer) + std::size(left)];
    json *const replacePaths = actions + 1;

    const auto changeMember = [&](const char *p) -> const char * {
        if (const size_t i = keyIndex(left); i < std::size(left))
            return leftInFile(p, *slotMembers[i], m_values[std::size(outer) + i]);
        if (m_key == "actions") {
            out.actions = actions;
            return listOrScalar(p, *actions);
        }
        // Two levels down (the element, its change), as build() would build them
        if (m_key == "replace_paths") {
            out.replacePaths = replacePaths;
            return isContainer(p) ? builtValue(p, 2, *replacePaths) : scalarInto(p, *replacePaths);
        }
        if (m_key == "importing") {
            out.importing = true; // only its presence counts, but it is read as build() would
            return isContainer(p) ? builtValue(p, 2, m_scratch) : scalarInto(p, m_scratch);
        }
        return isContainer(p) ? nullptr : scalarInto(p, m_scratch); // build() reads containers
    };

    const auto outerMember = [&](const char *p) -> const char * {
        if (m_key == "change") {
            if (*p != '{')
                return nullptr;
            const char *close = members(p + 1, m_seenInner, changeMember);
            return close ? close + 1 : nullptr;
        }
        return isContainer(p) ? nullptr : namedScalar(p, outer, outerMembers, m_values);
    };
    return members(from, m_seenOuter, outerMember);
}

const char *ElementBuilder::readStateResource(const char *from, StateMembers &out)
{
    out = StateMembers();
    static constexpr std::string_view names[] = {"address", "mode", "type", "name", "index",
        "module_address", "deposed_key", "provider_name", "tainted"};
    const json **nameMembers[]
        = {&out.where.address, &out.where.mode, &out.where.type, &out.where.name, &out.where.index,
            &out.where.module, &out.deposed, &out.provider, &out.tainted};
    static constexpr std::string_view left[] = {"values", "sensitive_values", "identity"};
    SlotMember *slotMembers[] = {&out.values, &out.sensitive, &out.identity};
    static_assert(std::size(names) + std::size(left) + 1 <= MemberValues);
    json *const dependsOn = &m_values[std::size(names) + std::size(left)];

    const auto member = [&](const char *p) -> const char * {
        if (const size_t i = keyIndex(left); i < std::size(left))
            return leftInFile(p, *slotMembers[i], m_values[std::size(names) + i]);
        if (m_key == "depends_on") {
            out.dependsOn = dependsOn;
            return listOrScalar(p, *dependsOn);
        }
        return isContainer(p) ? nullptr : namedScalar(p, names, nameMembers, m_values);
    };
    return members(from, m_seenOuter, member);
}

const char *ElementBuilder::readRawResource(const char *from, RawMembers &out)
{
    out.module = out.mode = out.type = out.name = out.provider = nullptr;
    out.instances.clear();
    static constexpr std::string_view names[] = {"module", "mode", "type", "name", "provider"};
    const json **nameMembers[] = {&out.module, &out.mode, &out.type, &out.name, &out.provider};
    static_assert(std::size(names) <= MemberValues);
    static constexpr std::string_view scalars[] = {"index_key", "deposed", "status"};
    static constexpr std::string_view lists[]
        = {"sensitive_attributes", "dependencies", "depends_on"};
    static constexpr std::string_view left[] = {"attributes", "attributes_flat", "identity"};
    static_assert(std::size(scalars) + std::size(lists) + std::size(left) == InstanceValueCount);

    InstanceMembers *instance = nullptr; // the one being read
    json *values = nullptr; // its values
    const auto instanceMember = [&](const char *p) -> const char * {
        const json **scalarMembers[] = {&instance->indexKey, &instance->deposed, &instance->status};
        const json **listMembers[]
            = {&instance->sensitive, &instance->dependencies, &instance->dependsOn};
        SlotMember *slotMembers[]
            = {&instance->attributes, &instance->attributesFlat, &instance->identity};
        if (const size_t i = keyIndex(left); i < std::size(left))
            return leftInFile(p, *slotMembers[i], values[6 + i]);
        if (const size_t i = keyIndex(lists); i < std::size(lists)) {
            *listMembers[i] = &values[3 + i];
            // sensitive_attributes holds paths of steps: built whole, three levels down (the
            // element, its instances, the instance), as build() would build it
            if (i == 0 && isContainer(p))
                return builtValue(p, 3, values[3]);
            return listOrScalar(p, values[3 + i]);
        }
        // schema_version, private, create_before_destroy... are scalars no one reads
        return isContainer(p) ? nullptr : namedScalar(p, scalars, scalarMembers, values);
    };

    // The instances: objects are read, other scalars are not instances, a list gives up.
    const auto instanceEntry = [&](const char *p) -> const char * {
        if (*p == '[')
            return nullptr;
        if (*p != '{')
            return scalarInto(p, m_scratch);
        const size_t n = out.instances.size();
        if (n == m_instanceValues.size())
            m_instanceValues.emplace_back();
        values = m_instanceValues[n].values;
        instance = &out.instances.emplace_back();
        const char *close = members(p + 1, m_seenInner, instanceMember);
        return close ? close + 1 : nullptr;
    };

    const auto member = [&](const char *p) -> const char * {
        if (m_key == "instances") {
            if (*p == '[')
                return elements(p, instanceEntry);
            out.instances.clear(); // not a list: no instances
        }
        return isContainer(p) ? nullptr : namedScalar(p, names, nameMembers, m_values);
    };
    return members(from, m_seenOuter, member);
}

} // namespace bg::core::detail
