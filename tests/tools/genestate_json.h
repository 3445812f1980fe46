// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the estate generator: a small JSON value tree whose strings may name another
// stack's resource, written compact or indented, and walked leaf by leaf with each leaf's path.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bg::tests::estate {

struct Val {
    enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };
    Kind kind = Kind::Null;
    bool sorted = true; // Object: members kept in key order (cty and Go maps write them so)
    std::string text; // String: the value; Bool and Number: the JSON text
    int ref = -1; // String: the index of the Ref it is, in its resource's list
    std::vector<Val> items; // Array
    std::vector<std::pair<std::string, Val>> members; // Object

    static Val null() { return {}; }
    static Val boolean(bool value);
    static Val number(long long value);
    static Val string(std::string value, int ref = -1);
    static Val strings(const std::vector<std::string> &values);
    static Val array(std::vector<Val> items = {});
    static Val object(); // members sorted by key
    static Val record(); // members in the order they are set (envelopes written by hand)

    Val &set(std::string key, Val value); // replaces a member of the same key
    Val &str(std::string key, std::string value)
    {
        return set(std::move(key), string(std::move(value)));
    }
    Val &num(std::string key, long long value) { return set(std::move(key), number(value)); }
    Val &flag(std::string key, bool value) { return set(std::move(key), boolean(value)); }
    Val &nil(std::string key) { return set(std::move(key), null()); }
    Val &push(Val value);
    const Val *get(std::string_view key) const;
    bool isNull() const { return kind == Kind::Null; }
};

// Appends the JSON text: compact when indent is 0, else `indent` spaces a level from `level`.
void write(const Val &value, std::string &out, int indent = 0, int level = 0);
std::string json(const Val &value, int indent = 0);
std::string quoted(std::string_view text); // a JSON string literal

// Every string leaf in document order, with its path: network_configuration[0].subnets[1],
// tags["kubernetes.io/role/elb"] (a key that is not a plain name is bracketed and quoted).
void forEachString(
    const Val &value, const std::function<void(const std::string &path, const Val &leaf)> &fn);

// Every string leaf's text, in order.
void stringLeaves(const Val &value, std::vector<std::string> *out);

// The value's Terraform type as a raw state writes it next to a dynamic value:
// "string", ["tuple", [...]], ["object", {...}].
Val typeOf(const Val &value);

} // namespace bg::tests::estate
