// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The tiny shape: the smallest plan Terraform writes for a fresh for_each set of hundreds of
// thousands of instances. Every instance is a create with `before` null, an `after` of one or
// two attributes and only `id` unknown; there is no prior_state (jsonplan leaves it out when
// the state is empty) and the configuration is the resource blocks and one module call.
// Terraform's own keys are most of each entry: ~320-390 bytes of resource_changes per instance.
//   root:               aws_route53_record.this["k1"..]          40%  name
//                       google_project_iam_member.this["m1"..]   30%  member, role (of 3)
//                       null_resource.this["n1"..]               20%  triggers (null)
//   module.dns["zoneZ"] aws_route53_record.r["k1"..]             the rest, over 1-8 zones
// Written in Terraform's order (the root module first, then by module, type, name and key, so
// "k1" < "k10" < "k2"). planned_values is left out, as in the small shape: no reader under
// measurement uses it, and it would add a second copy of every instance to the file.
#include "genshapes_detail.h"

#include <algorithm>

namespace bg::tests::gen {

namespace {

constexpr const char *NullProvider = "registry.terraform.io/hashicorp/null";

enum class Kind : std::uint8_t { Record, Member, Null };

struct Block {
    const char *type, *name, *keyPrefix, *provider;
    Kind kind;
};

constexpr Block Records {"aws_route53_record", "this", "k", AwsProvider, Kind::Record};
constexpr Block Members {"google_project_iam_member", "this", "m", GoogleProvider, Kind::Member};
constexpr Block Nulls {"null_resource", "this", "n", NullProvider, Kind::Null};
constexpr Block ZoneRecords {
    "aws_route53_record", "r", "k", AwsProvider, Kind::Record}; // in module.dns

struct Sizing {
    int records = 0, members = 0, nulls = 0;
    std::vector<int> zones; // instances per module.dns instance
};

Sizing sizeFor(int n)
{
    Sizing s;
    s.records = int(std::int64_t(n) * 40 / 100);
    s.members = int(std::int64_t(n) * 30 / 100);
    s.nulls = int(std::int64_t(n) * 20 / 100);
    s.zones = zoneSizes(n - s.records - s.members - s.nulls);
    return s;
}

// The planned value of one created instance: its one or two configured attributes, in the
// schema's (alphabetical) order, and `id` unknown. The providers' other attributes are left
// out (a real record's after also has type, ttl, zone_id and fqdn, the member's project and
// etag): the shape is the least a create can be. h: the address's hash (the role).
ShapeValues valuesFor(const Block &b, const std::string &key, std::uint64_t h)
{
    static constexpr const char *Roles[] = {"viewer", "browser", "editor"};
    ShapeValues v;
    switch (b.kind) {
    case Kind::Record:
        v.after = "{\"name\":" + quote(key) + '}';
        break;
    case Kind::Member:
        v.after = "{\"member\":" + quote("user:" + key + "@acme.io") + ",\"role\":\"roles/"
            + Roles[h % 3] + "\"}";
        break;
    case Kind::Null:
        v.after = "{\"triggers\":null}";
        break;
    }
    v.shape = "{}";
    v.unknown = "{\"id\":true}";
    return v;
}

// One module instance's instances of one block, in address order, each a create.
void writeBlock(JsonOut &out, ShapeTally &tally, const Block &b, const std::string &module, int n,
    std::uint64_t seed)
{
    ShapeInstance in;
    in.module = module;
    in.type = b.type;
    in.name = b.name;
    in.provider = b.provider;
    const std::string prefix
        = (module.empty() ? std::string() : module + '.') + b.type + '.' + b.name + '[';
    inKeyOrder(n, [&](int k) {
        const std::string key = b.keyPrefix + std::to_string(k);
        in.index = quote(key);
        in.address = prefix + in.index + ']';
        writeChange(out, in, ShapeAct::Create, valuesFor(b, key, hash(in.address, seed)));
        count(tally, ShapeAct::Create);
    });
}

const char *const Configuration
    = R"({"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"},)"
      R"("google":{"name":"google","full_name":"registry.terraform.io/hashicorp/google"},)"
      R"("null":{"name":"null","full_name":"registry.terraform.io/hashicorp/null"}},)"
      R"("root_module":{"resources":[)"
      R"({"address":"aws_route53_record.this","mode":"managed","type":"aws_route53_record",)"
      R"("name":"this","provider_config_key":"aws","expressions":{"name":{"references":)"
      R"(["each.key"]}},"schema_version":2,"for_each_expression":{"references":["local.records"]}},)"
      R"({"address":"google_project_iam_member.this","mode":"managed",)"
      R"("type":"google_project_iam_member","name":"this","provider_config_key":"google",)"
      R"("expressions":{"member":{"references":["each.value"]},"role":{"references":)"
      R"(["each.value"]}},"schema_version":0,"for_each_expression":{"references":)"
      R"(["local.members"]}},)"
      R"({"address":"null_resource.this","mode":"managed","type":"null_resource","name":"this",)"
      R"("provider_config_key":"null","schema_version":0,"for_each_expression":{"references":)"
      R"(["local.items"]}}],)"
      R"("module_calls":{"dns":{"source":"./modules/dns","expressions":{"records":)"
      R"({"references":["each.value"]}},"for_each_expression":{"references":["local.zones"]},)"
      R"("module":{"resources":[)"
      R"({"address":"aws_route53_record.r","mode":"managed","type":"aws_route53_record",)"
      R"("name":"r","provider_config_key":"aws","expressions":{"name":{"references":)"
      R"(["each.key"]}},"schema_version":2,"for_each_expression":{"references":["var.records"]}}],)"
      R"("variables":{"records":{}}}}}}})";

} // namespace

ShapeTally writeTiny(const ShapeOptions &options, std::ostream &stream)
{
    const Sizing s = sizeFor(std::max(options.resources, 0));
    ShapeTally tally;
    JsonOut out(stream);
    out.beginObject();
    writeHeader(out, nullptr); // no variables: jsonplan leaves the member out
    out.key("resource_changes");
    out.beginArray();
    writeBlock(out, tally, Records, "", s.records, options.seed);
    writeBlock(out, tally, Members, "", s.members, options.seed);
    writeBlock(out, tally, Nulls, "", s.nulls, options.seed);
    for (int z = 0; z < int(s.zones.size()); ++z)
        writeBlock(out, tally, ZoneRecords, zoneModule(z), s.zones[size_t(z)], options.seed);
    out.endArray();
    endShape(out, Configuration, &tally); // every address once: one per instance
    return tally;
}

} // namespace bg::tests::gen
