// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The small shape: the large for_each sets of leaf resources that make plans of a million
// entries (DNS records, IAM bindings), each instance a few attributes. Terraform's own keys
// make even so tiny an instance ~490 bytes of resource_changes and ~330 of prior_state.
//   root:               aws_iam_user_policy_attachment.this["u1"..]   20%
//                       aws_route53_record.this["k1"..]               30%
//                       google_project_iam_member.this["m1"..]        25%
//   module.dns["zoneZ"] aws_route53_record.r["k1"..]                  the rest, over 1-8 zones
// Written in Terraform's order (by address, so "k1" < "k10" < "k2"), twice: resource_changes,
// then the instances that exist in prior_state. planned_values is left out: no reader under
// measurement uses it, and it would add a third copy of every instance to the file.
#include "genshapes_detail.h"

#include <algorithm>

namespace bg::tests::gen {

namespace {

struct Block {
    const char *type, *name, *keyPrefix, *provider;
    int schemaVersion;
    bool updatable; // every argument of the others forces a replacement
    const char *replacePath;
};

constexpr Block Attachments {
    "aws_iam_user_policy_attachment", "this", "u", AwsProvider, 0, false, "policy_arn"};
constexpr Block Records {"aws_route53_record", "this", "k", AwsProvider, 2, true, "name"};
constexpr Block Members {
    "google_project_iam_member", "this", "m", GoogleProvider, 0, false, "role"};
constexpr Block ZoneRecords {
    "aws_route53_record", "r", "k", AwsProvider, 2, true, "name"}; // in module.dns

struct Sizing {
    int attachments = 0, records = 0, members = 0;
    std::vector<int> zones; // instances per module.dns instance
};

Sizing sizeFor(int n)
{
    Sizing s;
    s.attachments = int(std::int64_t(n) * 20 / 100);
    s.records = int(std::int64_t(n) * 30 / 100);
    s.members = int(std::int64_t(n) * 25 / 100);
    s.zones = zoneSizes(n - s.attachments - s.records - s.members);
    return s;
}

// The attributes of one instance: tiny, alphabetical, as the providers' schemas order them.
// h: the address's hash, for the values that differ between instances.
ShapeValues valuesFor(const Block &b, const std::string &key, std::uint64_t h, ShapeAct act)
{
    ShapeValues v;
    if (b.type == std::string_view("aws_route53_record")) {
        const std::string records = "[\"10." + std::to_string(h % 256) + '.'
            + std::to_string((h >> 8) % 256) + '.' + std::to_string((h >> 16) % 256) + "\"]";
        auto object = [&](bool id, const std::string &name, int ttl) {
            return std::string("{") + (id ? "\"id\":" + quote(name + "_A") + ',' : "") + "\"name\":"
                + quote(name) + ",\"records\":" + records + ",\"ttl\":" + std::to_string(ttl) + '}';
        };
        v.before = object(true, key, 300);
        v.after = act == ShapeAct::Update ? object(true, key, 60)
            : act == ShapeAct::Replace    ? object(false, key + "-v2", 300)
                                          : object(false, key, 300);
        v.shape = "{\"records\":[false]}";
        v.unknown = "{\"id\":true,\"records\":[false]}";
    } else if (b.type == std::string_view("aws_iam_user_policy_attachment")) {
        auto object = [&](bool id, const char *policy) {
            return std::string("{") + (id ? "\"id\":" + quote(key + "-" + hex(h, 8)) + ',' : "")
                + "\"policy_arn\":\"arn:aws:iam::aws:policy/" + policy + "\",\"user\":" + quote(key)
                + '}';
        };
        v.before = object(true, "ReadOnlyAccess");
        v.after = object(false, act == ShapeAct::Replace ? "ViewOnlyAccess" : "ReadOnlyAccess");
        v.shape = "{}";
        v.unknown = "{\"id\":true}";
    } else {
        auto object = [&](bool etag, const char *role) {
            return std::string("{") + (etag ? "\"etag\":" + quote("BwY" + hex(h, 6)) + ',' : "")
                + "\"member\":" + quote("user:" + key + "@acme.io") + ",\"role\":\"roles/" + role
                + "\"}";
        };
        v.before = object(true, "viewer");
        v.after = object(false, act == ShapeAct::Replace ? "editor" : "viewer");
        v.shape = "{}";
        v.unknown = "{\"etag\":true}";
    }
    v.replacePath = b.replacePath;
    if (act == ShapeAct::Delete)
        v.reason = "delete_because_each_key"; // the key left the for_each set
    else if (act == ShapeAct::Replace)
        v.reason = "replace_because_cannot_update";
    return v;
}

std::string prefixOf(const Block &b, const std::string &module)
{
    return (module.empty() ? std::string() : module + '.') + b.type + '.' + b.name + '[';
}

std::string keyOf(const Block &b, int k)
{
    return b.keyPrefix + std::to_string(k);
}

// One module instance's instances of one block, in address order.
template<typename F>
void forInstances(const Block &b, const std::string &module, int n, std::uint64_t seed, F f)
{
    ShapeInstance in;
    in.module = module;
    in.type = b.type;
    in.name = b.name;
    in.provider = b.provider;
    in.schemaVersion = b.schemaVersion;
    const std::string prefix = prefixOf(b, module);
    inKeyOrder(n, [&](int k) {
        const std::string key = keyOf(b, k);
        in.index = quote(key);
        in.address = prefix + in.index + ']';
        const ShapeAct act = drawAction(in.address, seed, b.updatable);
        f(in, act, valuesFor(b, key, hash(in.address, seed), act));
    });
}

const char *const Configuration
    = R"({"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"},)"
      R"("google":{"name":"google","full_name":"registry.terraform.io/hashicorp/google"}},)"
      R"("root_module":{"resources":[)"
      R"({"address":"aws_iam_user_policy_attachment.this","mode":"managed",)"
      R"("type":"aws_iam_user_policy_attachment","name":"this","provider_config_key":"aws",)"
      R"("expressions":{"policy_arn":{"constant_value":"arn:aws:iam::aws:policy/ReadOnlyAccess"},)"
      R"("user":{"references":["each.key"]}},"schema_version":0,)"
      R"("for_each_expression":{"references":["local.users"]}},)"
      R"({"address":"aws_route53_record.this","mode":"managed","type":"aws_route53_record",)"
      R"("name":"this","provider_config_key":"aws","expressions":{"name":{"references":)"
      R"(["each.key"]},"records":{"references":["each.value"]},"ttl":{"constant_value":300},)"
      R"("type":{"constant_value":"A"},"zone_id":{"references":["var.zone_id"]}},)"
      R"("schema_version":2,"for_each_expression":{"references":["local.records"]}},)"
      R"({"address":"google_project_iam_member.this","mode":"managed",)"
      R"("type":"google_project_iam_member","name":"this","provider_config_key":"google",)"
      R"("expressions":{"member":{"references":["each.value"]},"project":{"references":)"
      R"(["var.project"]},"role":{"constant_value":"roles/viewer"}},"schema_version":0,)"
      R"("for_each_expression":{"references":["local.members"]}}],)"
      R"("module_calls":{"dns":{"source":"./modules/dns","expressions":{"records":)"
      R"({"references":["each.value"]},"zone":{"references":["each.key"]}},)"
      R"("for_each_expression":{"references":["local.zones"]},"module":{"resources":[)"
      R"({"address":"aws_route53_record.r","mode":"managed","type":"aws_route53_record",)"
      R"("name":"r","provider_config_key":"aws","expressions":{"name":{"references":)"
      R"(["each.key"]},"records":{"references":["each.value"]},"ttl":{"constant_value":300},)"
      R"("type":{"constant_value":"A"},"zone_id":{"references":["var.zone"]}},)"
      R"("schema_version":2,"for_each_expression":{"references":["var.records"]}}],)"
      R"("variables":{"records":{},"zone":{}}}}},)"
      R"("variables":{"environment":{"default":"prod"},"project":{"default":"acme-prod"},)"
      R"("zone_id":{}}}})";

} // namespace

ShapeTally writeSmall(const ShapeOptions &options, std::ostream &stream)
{
    const Sizing s = sizeFor(std::max(options.resources, 0));
    const std::uint64_t seed = options.seed;
    ShapeTally tally;
    JsonOut out(stream);
    auto eachRoot = [&](auto f) {
        forInstances(Attachments, "", s.attachments, seed, f);
        forInstances(Records, "", s.records, seed, f);
        forInstances(Members, "", s.members, seed, f);
    };
    auto eachZone = [&](int z, auto f) {
        forInstances(ZoneRecords, zoneModule(z), s.zones[size_t(z)], seed, f);
    };

    out.beginObject();
    writeHeader(out,
        R"({"environment":{"value":"prod"},"project":{"value":"acme-prod"},"zone_id":{"value":")"
        "Z04ACME7QX3N\"}}");
    out.key("resource_changes");
    out.beginArray();
    auto change = [&](const ShapeInstance &in, ShapeAct act, const ShapeValues &v) {
        writeChange(out, in, act, v);
        count(tally, act);
    };
    eachRoot(change);
    for (int z = 0; z < int(s.zones.size()); ++z)
        eachZone(z, change);
    out.endArray();

    beginPriorState(out);
    auto prior = [&](const ShapeInstance &in, ShapeAct act, const ShapeValues &v) {
        if (act == ShapeAct::Create)
            return; // created by this plan: not in the state yet
        writeStateResource(out, in, v.before, v.shape);
        ++tally.priorManaged;
    };
    out.key("resources");
    out.beginArray();
    eachRoot(prior);
    out.endArray();
    out.key("child_modules");
    out.beginArray();
    for (int z = 0; z < int(s.zones.size()); ++z) {
        if (s.zones[size_t(z)] == 0)
            continue;
        // jsonstate writes a module instance only for the resources it has, so one whose every
        // instance is created by this plan is not there; the one-instance zones of tiny plans
        // can be that.
        const std::string prefix = prefixOf(ZoneRecords, zoneModule(z));
        bool any = false;
        inKeyOrder(s.zones[size_t(z)], [&](int k) {
            const std::string address = prefix + quote(keyOf(ZoneRecords, k)) + ']';
            any = drawAction(address, seed, ZoneRecords.updatable) != ShapeAct::Create;
            return !any;
        });
        if (!any)
            continue;
        out.beginObject();
        out.key("resources");
        out.beginArray();
        eachZone(z, prior);
        out.endArray();
        out.key("address");
        out.string(zoneModule(z));
        out.endObject();
    }
    out.endArray();
    endPriorState(out);

    endShape(out, Configuration, &tally); // every address once: one per instance
    return tally;
}

} // namespace bg::tests::gen
