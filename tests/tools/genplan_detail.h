// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the plan generator: randomness, JSON text, and attribute payloads.
#pragma once

#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bg::tests::gen {

// mt19937_64 is specified bit for bit by the standard; its distributions are not. Every draw
// goes through these few functions so that a seed gives the same plan on every platform.
class Rng {
public:
    explicit Rng(std::uint64_t seed)
        : m_engine(seed)
    {
    }
    std::uint64_t next() { return m_engine(); }
    // [0, n). Plain modulo: the bias is below n / 2^64, far under anything a plan can show.
    int below(int n) { return n <= 1 ? 0 : int(next() % std::uint64_t(n)); }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1), 53 bits
    bool chance(double p) { return unit() < p; }
    template<typename T>
    const T &pick(const std::vector<T> &items)
    {
        return items[size_t(below(int(items.size())))];
    }

private:
    std::mt19937_64 m_engine;
};

std::uint64_t mix(std::uint64_t x); // splitmix64 finaliser
std::uint64_t hash(std::string_view text, std::uint64_t seed); // FNV-1a, then mixed with the seed
std::string hex(std::uint64_t value, int digits); // lower-case, zero-padded, at most 16
std::string quote(std::string_view text); // a JSON string literal

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Builds one JSON object as text (nested blocks, policy documents).
class Obj {
public:
    Obj &raw(std::string_view key, std::string_view json);
    Obj &str(std::string_view key, std::string_view value) { return raw(key, quote(value)); }
    Obj &num(std::string_view key, long long value) { return raw(key, std::to_string(value)); }
    Obj &flag(std::string_view key, bool value) { return raw(key, value ? "true" : "false"); }
    Obj &null(std::string_view key) { return raw(key, "null"); }
    Obj &strs(std::string_view key, const std::vector<std::string> &values);
    std::string done() const { return m_text + '}'; }

private:
    std::string m_text = "{";
};

std::string jsonArray(const std::vector<std::string> &jsonValues);
std::string jsonStrings(const std::vector<std::string> &values);
std::string jsonMap(const Pairs &entries);

// One top-level attribute of a resource object.
struct Attr {
    std::string key;
    std::string json; // the value as JSON text
    std::string
        shape; // the value's shape in sensitivity/unknown maps: {} [false,..] [{},..], or empty
    bool computed = false; // known only after apply: left out of `after` on create/replace
    bool sensitive = false; // true in before_sensitive/after_sensitive/sensitive_values
};

// A resource object, attribute by attribute, in the provider schema's (alphabetical) order.
class Values {
public:
    std::vector<Attr> attrs;

    Values &raw(std::string key, std::string json, std::string shape = {}, bool computed = false);
    Values &str(std::string key, std::string_view value, bool computed = false)
    {
        return raw(std::move(key), quote(value), {}, computed);
    }
    Values &num(std::string key, long long value, bool computed = false)
    {
        return raw(std::move(key), std::to_string(value), {}, computed);
    }
    Values &flag(std::string key, bool value)
    {
        return raw(std::move(key), value ? "true" : "false");
    }
    Values &null(std::string key) { return raw(std::move(key), "null"); }
    Values &strs(std::string key, const std::vector<std::string> &values, bool computed = false);
    Values &blocks(std::string key, const std::vector<std::string> &objects, bool computed = false);
    Values &map(std::string key, const Pairs &entries);
    Values &secret(std::string key, std::string_view value);
};

// Which object of a resource instance is being written.
enum class Variant : std::uint8_t {
    Before, // as it exists (prior state, and before/after of a no-op)
    Update, // after an in-place update: tags changed
    Replace, // after a replace: the replace path changed, computed attributes unknown
    Create, // after a create: computed attributes unknown
};

// Everything the payload of one instance depends on. The payload is a pure function of this.
struct ValueCtx {
    std::string type, name;
    bool data = false;
    std::string key; // "" none, "3" count index, "\"k\"" for_each key (as in the address)
    int index = -1; // count index, or -1
    std::string address; // the instance
    std::string module; // its module instance, "" in the root
    std::string parent; // the module instance that called `module`
    std::string service; // for_each key of the enclosing module.app, or ""
    int shard = -1; // count index of the enclosing module.shard, or -1
    std::uint64_t seed = 0;
    Variant variant = Variant::Before;

    std::string at(std::string_view local) const
    {
        return module.empty() ? std::string(local) : module + '.' + std::string(local);
    }
};

// The instance's attributes for ctx.variant (Update and Replace applied by the caller's rules
// below, so that every variant draws the same random numbers).
Values valuesFor(const ValueCtx &ctx);

// The attribute whose change forces a replacement of this type, or nullptr when the
// generator never replaces it. Also says whether the type is replaced create-before-destroy.
const char *replacePathFor(std::string_view type, bool *createBeforeDestroy);

// Schema version per type, as the AWS provider 5.x reports it.
int schemaVersionFor(std::string_view type);

// Streams compact JSON, tracking commas. Buffered; flushes every 1 MiB.
class JsonOut {
public:
    explicit JsonOut(std::ostream &out)
        : m_out(out)
    {
        m_buffer.reserve(BufferSize + 64 * 1024);
    }
    ~JsonOut() { flush(); }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(std::string_view key);
    void string(std::string_view value);
    void raw(std::string_view json); // one complete JSON value
    void number(long long value) { raw(std::to_string(value)); }
    void boolean(bool value) { raw(value ? "true" : "false"); }
    void null() { raw("null"); }
    // A string value in pieces, so that a long one is never whole in memory (genshapes.h's
    // long-string). The pieces are written as they are: they must need no escaping.
    void beginString()
    {
        separate();
        m_buffer += '"';
    }
    void stringPiece(std::string_view plain)
    {
        m_buffer += plain;
        spill();
    }
    void endString()
    {
        m_buffer += '"';
        spill();
    }

    void flush();
    std::uint64_t bytes() const { return m_written + m_buffer.size(); }

private:
    static constexpr size_t BufferSize = 1 << 20;
    void separate();
    void open(char c);
    void close(char c);
    void spill()
    {
        if (m_buffer.size() >= BufferSize)
            flush();
    }

    std::ostream &m_out;
    std::string m_buffer;
    std::vector<bool> m_first; // per open container: nothing written in it yet
    bool m_afterKey = false;
    std::uint64_t m_written = 0;
};

} // namespace bg::tests::gen
