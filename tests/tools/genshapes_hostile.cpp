// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shapes Terraform never writes but a reader is handed: the same few addresses repeated in
// resource_changes (a broken merge, a hostile file), and one value of hundreds of megabytes.
#include "genshapes_detail.h"

#include <algorithm>

namespace bg::tests::gen {

namespace {

struct Fixed {
    const char *module, *type, *name, *index; // index: JSON, or ""
    const char *before; // the object as it is
    const char *updated; // after an in-place update
    const char *created; // after a create or a replace: no id yet
    const char *replacePath;
};

// In address order, as Terraform sorts them.
const Fixed Repeated[] = {
    {"", "aws_db_instance", "main", "",
        R"({"engine":"postgres","id":"db-main","identifier":"main"})",
        R"({"engine":"postgres","id":"db-main","identifier":"main-1"})",
        R"({"engine":"postgres","identifier":"main"})", "identifier"},
    {"", "aws_s3_bucket", "data", "", R"({"bucket":"acme-data","id":"acme-data"})",
        R"({"bucket":"acme-data","id":"acme-data","tags":{"v":"2"}})", R"({"bucket":"acme-data"})",
        "bucket"},
    {"", "aws_security_group", "db", "", R"({"id":"sg-0a1b2c3d","name":"db"})",
        R"({"id":"sg-0a1b2c3d","name":"db","tags":{"v":"2"}})", R"({"name":"db"})", "name"},
    {"module.net", "aws_subnet", "private", "0",
        R"({"cidr_block":"10.0.1.0/24","id":"subnet-0a1b2c"})",
        R"({"cidr_block":"10.0.1.0/24","id":"subnet-0a1b2c","tags":{"v":"2"}})",
        R"({"cidr_block":"10.0.1.0/24"})", "cidr_block"},
    {"module.net", "aws_vpc", "this", "", R"({"cidr_block":"10.0.0.0/16","id":"vpc-0a1b2c"})",
        R"({"cidr_block":"10.0.0.0/16","id":"vpc-0a1b2c","tags":{"v":"2"}})",
        R"({"cidr_block":"10.0.0.0/16"})", "cidr_block"},
};

ShapeInstance instanceOf(const Fixed &f)
{
    ShapeInstance in;
    in.module = f.module;
    in.type = f.type;
    in.name = f.name;
    in.index = f.index;
    in.address = (in.module.empty() ? std::string() : in.module + '.') + in.type + '.' + in.name
        + (in.index.empty() ? std::string() : '[' + in.index + ']');
    return in;
}

ShapeValues valuesOf(const Fixed &f, ShapeAct act)
{
    ShapeValues v;
    v.before = f.before;
    v.after = act == ShapeAct::Update ? f.updated : f.created;
    v.shape = "{}";
    v.unknown = "{\"id\":true}";
    v.replacePath = f.replacePath;
    v.reason = act == ShapeAct::Replace ? "replace_because_cannot_update" : nullptr;
    return v;
}

// The prior_state and the configuration of a set of Fixed instances: root and module.net.
void writePriorState(JsonOut &out, const Fixed *begin, const Fixed *end, ShapeTally &tally)
{
    beginPriorState(out);
    const bool anyModule
        = std::any_of(begin, end, [](const Fixed &f) { return *f.module != '\0'; });
    for (const bool inModule : {false, true}) {
        if (inModule && !anyModule)
            break;
        if (inModule) {
            out.key("child_modules");
            out.beginArray();
            out.beginObject();
        }
        out.key("resources");
        out.beginArray();
        for (const Fixed *f = begin; f != end; ++f) {
            if (inModule != (*f->module != '\0'))
                continue;
            writeStateResource(out, instanceOf(*f), f->before, "{}");
            ++tally.priorManaged;
        }
        out.endArray();
        if (inModule) {
            out.key("address");
            out.string("module.net");
            out.endObject();
            out.endArray();
        }
    }
    endPriorState(out);
}

void writeConfiguration(JsonOut &out, const Fixed *begin, const Fixed *end)
{
    auto block = [&](const Fixed &f) {
        out.raw("{\"address\":" + quote(std::string(f.type) + '.' + f.name)
            + ",\"mode\":\"managed\",\"type\":" + quote(f.type) + ",\"name\":" + quote(f.name)
            + ",\"provider_config_key\":\"aws\",\"expressions\":{},\"schema_version\":0"
            + (*f.index ? ",\"count_expression\":{\"constant_value\":1}" : "") + '}');
    };
    out.key("configuration");
    out.beginObject();
    out.key("provider_config");
    out.raw(R"({"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}})");
    out.key("root_module");
    out.beginObject();
    out.key("resources");
    out.beginArray();
    for (const Fixed *f = begin; f != end; ++f)
        if (*f->module == '\0')
            block(*f);
    out.endArray();
    if (std::none_of(begin, end, [](const Fixed &f) { return *f.module != '\0'; })) {
        out.endObject();
        out.endObject();
        return;
    }
    out.key("module_calls");
    out.beginObject();
    out.key("net");
    out.beginObject();
    out.key("source");
    out.string("./modules/net");
    out.key("module");
    out.beginObject();
    out.key("resources");
    out.beginArray();
    for (const Fixed *f = begin; f != end; ++f)
        if (*f->module != '\0')
            block(*f);
    out.endArray();
    out.endObject();
    out.endObject();
    out.endObject();
    out.endObject();
    out.endObject();
}

} // namespace

ShapeTally writeDuplicates(const ShapeOptions &options, std::ostream &stream)
{
    const int n = std::max(options.resources, 0);
    const int distinct = std::min(n, int(std::size(Repeated)));
    ShapeTally tally;
    JsonOut out(stream);
    out.beginObject();
    writeHeader(out, R"({"environment":{"value":"prod"}})");
    out.key("resource_changes");
    out.beginArray();
    // Round robin, as files concatenated entry by entry would repeat them.
    for (int i = 0; i < n; ++i) {
        const Fixed &f = Repeated[i % distinct];
        const ShapeInstance in = instanceOf(f);
        const ShapeAct act = drawAction(in.address + '#' + std::to_string(i), options.seed, true);
        writeChange(out, in, act, valuesOf(f, act));
        count(tally, act);
    }
    out.endArray();
    writePriorState(out, Repeated, Repeated + distinct, tally);
    writeConfiguration(out, Repeated, Repeated + distinct);
    writeTrailer(out);
    out.endObject();
    out.flush();
    tally.addresses = distinct;
    tally.bytes = out.bytes();
    return tally;
}

namespace {

// The ordinary company of the long value, in address order; the database is the first.
const Fixed Ordinary[] = {
    {"", "aws_db_instance", "legacy", "", "", "", "", nullptr},
    {"", "aws_db_subnet_group", "legacy", "",
        R"({"id":"legacy","name":"legacy","subnet_ids":["subnet-0a1b2c"]})", "", "", nullptr},
    {"", "aws_s3_bucket", "logs", "", R"({"bucket":"acme-logs","id":"acme-logs"})",
        R"({"bucket":"acme-logs","id":"acme-logs","tags":{"v":"2"}})", "", nullptr},
    {"", "aws_security_group", "db", "", R"({"id":"sg-0a1b2c3d","name":"db"})", "", "", nullptr},
    {"", "aws_vpc", "main", "", R"({"cidr_block":"10.0.0.0/16","id":"vpc-0a1b2c"})", "", "",
        nullptr},
};

// Streams `bytes` characters of [a-z0-9-], from a 64 KiB block drawn once from the seed.
void writeLongValue(JsonOut &out, std::uint64_t bytes, std::uint64_t seed)
{
    static constexpr std::string_view Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-";
    Rng rng(hash("long-string", seed));
    std::string block(64 * 1024, ' ');
    for (char &c : block)
        c = Alphabet[size_t(rng.below(int(Alphabet.size())))];
    out.beginString();
    for (std::uint64_t left = bytes; left > 0;) {
        const size_t piece = size_t(std::min<std::uint64_t>(left, block.size()));
        out.stringPiece(std::string_view(block).substr(0, piece));
        left -= piece;
    }
    out.endString();
}

} // namespace

ShapeTally writeLongString(const ShapeOptions &options, std::ostream &stream)
{
    ShapeTally tally;
    JsonOut out(stream);
    out.beginObject();
    writeHeader(out, R"({"environment":{"value":"prod"}})");
    out.key("resource_changes");
    out.beginArray();
    for (const Fixed &f : Ordinary) {
        const bool database = &f == &Ordinary[0];
        const ShapeAct act = database ? ShapeAct::Delete
            : *f.updated != '\0'      ? ShapeAct::Update
                                      : ShapeAct::NoOp;
        ShapeValues v = valuesOf(f, act);
        if (database) {
            // The identifier has nothing to do with the address: it is the value that is long.
            v.writeBefore = [&](JsonOut &o) {
                o.beginObject();
                o.key("allocated_storage");
                o.number(100);
                o.key("deletion_protection");
                o.boolean(false);
                o.key("engine");
                o.string("postgres");
                o.key("id");
                o.string("db-legacy");
                o.key("identifier");
                writeLongValue(o, options.stringBytes, options.seed);
                o.key("instance_class");
                o.string("db.t3.large");
                o.key("skip_final_snapshot");
                o.boolean(true);
                o.endObject();
            };
        }
        writeChange(out, instanceOf(f), act, v);
        count(tally, act);
    }
    out.endArray();
    // Terraform would write the database in prior_state too, with the same long value: it is
    // left out there so that the file holds the value once, and its size is the value's plus a
    // few KB.
    writePriorState(out, Ordinary + 1, std::end(Ordinary), tally);
    writeConfiguration(out, Ordinary, std::end(Ordinary));
    writeTrailer(out);
    out.endObject();
    out.flush();
    static_assert(std::size(Ordinary) == LongStringResources);
    tally.addresses = int(std::size(Ordinary));
    tally.longestString = options.stringBytes;
    tally.bytes = out.bytes();
    return tally;
}

} // namespace bg::tests::gen
