// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "genestate_json.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace bg::tests::estate {

Val Val::boolean(bool value)
{
    Val v;
    v.kind = Kind::Bool;
    v.text = value ? "true" : "false";
    return v;
}

Val Val::number(long long value)
{
    Val v;
    v.kind = Kind::Number;
    v.text = std::to_string(value);
    return v;
}

Val Val::string(std::string value, int ref)
{
    Val v;
    v.kind = Kind::String;
    v.text = std::move(value);
    v.ref = ref;
    return v;
}

Val Val::strings(const std::vector<std::string> &values)
{
    Val v = array();
    for (const std::string &s : values)
        v.items.push_back(string(s));
    return v;
}

Val Val::array(std::vector<Val> items)
{
    Val v;
    v.kind = Kind::Array;
    v.items = std::move(items);
    return v;
}

Val Val::object()
{
    Val v;
    v.kind = Kind::Object;
    return v;
}

Val Val::record()
{
    Val v = object();
    v.sorted = false;
    return v;
}

Val &Val::set(std::string key, Val value)
{
    if (kind != Kind::Object)
        throw std::logic_error("Val::set on a value that is not an object");
    auto at = members.end();
    if (sorted)
        at = std::lower_bound(members.begin(), members.end(), key,
            [](const auto &member, const std::string &k) { return member.first < k; });
    else
        at = std::find_if(members.begin(), members.end(),
            [&key](const auto &member) { return member.first == key; });
    if (at != members.end() && at->first == key)
        at->second = std::move(value);
    else
        members.insert(sorted ? at : members.end(), {std::move(key), std::move(value)});
    return *this;
}

Val &Val::push(Val value)
{
    if (kind != Kind::Array)
        throw std::logic_error("Val::push on a value that is not an array");
    items.push_back(std::move(value));
    return *this;
}

const Val *Val::get(std::string_view key) const
{
    for (const auto &[k, v] : members) {
        if (k == key)
            return &v;
    }
    return nullptr;
}

std::string quoted(std::string_view text)
{
    static const char *digits = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += digits[(c >> 4) & 0xf];
                out += digits[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

namespace {

void newline(std::string &out, int indent, int level)
{
    if (indent > 0) {
        out += '\n';
        out.append(size_t(indent * level), ' ');
    }
}

bool plainKey(std::string_view key)
{
    if (key.empty() || !(std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_'))
        return false;
    return std::all_of(key.begin(), key.end(),
        [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

void walk(const Val &value, std::string &path,
    const std::function<void(const std::string &, const Val &)> &fn)
{
    if (value.kind == Val::Kind::String) {
        fn(path, value);
    } else if (value.kind == Val::Kind::Array) {
        for (size_t i = 0; i < value.items.size(); ++i) {
            const size_t mark = path.size();
            path += '[' + std::to_string(i) + ']';
            walk(value.items[i], path, fn);
            path.resize(mark);
        }
    } else if (value.kind == Val::Kind::Object) {
        for (const auto &[key, member] : value.members) {
            const size_t mark = path.size();
            if (plainKey(key))
                path += (path.empty() ? "" : ".") + key;
            else
                path += "[" + quoted(key) + "]";
            walk(member, path, fn);
            path.resize(mark);
        }
    }
}

} // namespace

void write(const Val &value, std::string &out, int indent, int level)
{
    switch (value.kind) {
    case Val::Kind::Null:
        out += "null";
        return;
    case Val::Kind::Bool:
    case Val::Kind::Number:
        out += value.text;
        return;
    case Val::Kind::String:
        out += quoted(value.text);
        return;
    case Val::Kind::Array:
        if (value.items.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (size_t i = 0; i < value.items.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(out, indent, level + 1);
            write(value.items[i], out, indent, level + 1);
        }
        newline(out, indent, level);
        out += ']';
        return;
    case Val::Kind::Object:
        if (value.members.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        for (size_t i = 0; i < value.members.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(out, indent, level + 1);
            out += quoted(value.members[i].first);
            out += indent > 0 ? ": " : ":";
            write(value.members[i].second, out, indent, level + 1);
        }
        newline(out, indent, level);
        out += '}';
        return;
    }
}

std::string json(const Val &value, int indent)
{
    std::string out;
    write(value, out, indent, 0);
    return out;
}

void forEachString(
    const Val &value, const std::function<void(const std::string &path, const Val &leaf)> &fn)
{
    std::string path;
    walk(value, path, fn);
}

void stringLeaves(const Val &value, std::vector<std::string> *out)
{
    forEachString(
        value, [out](const std::string &, const Val &leaf) { out->push_back(leaf.text); });
}

Val typeOf(const Val &value)
{
    switch (value.kind) {
    case Val::Kind::Null:
        return Val::string("dynamic");
    case Val::Kind::Bool:
        return Val::string("bool");
    case Val::Kind::Number:
        return Val::string("number");
    case Val::Kind::String:
        return Val::string("string");
    case Val::Kind::Array: {
        Val elements = Val::array();
        for (const Val &item : value.items)
            elements.push(typeOf(item));
        return Val::array({Val::string("tuple"), std::move(elements)});
    }
    case Val::Kind::Object: {
        Val attributes = Val::object();
        for (const auto &[key, member] : value.members)
            attributes.set(key, typeOf(member));
        return Val::array({Val::string("object"), std::move(attributes)});
    }
    }
    return Val::null();
}

} // namespace bg::tests::estate
