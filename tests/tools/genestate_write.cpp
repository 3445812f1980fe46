// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// One stack's file as Terraform writes it: a raw state (version 4, indented), the JSON of a
// state or of a plan (`terraform show -json`, compact).
#include "genestate_write.h"

#include <algorithm>

namespace bg::tests::estate {

namespace {

constexpr const char *Timestamp = "2026-01-15T09:30:00Z";

bool isRemoteState(const Res &r)
{
    return r.data && r.type == "terraform_remote_state";
}

std::string providerName(const Res &r)
{
    return isRemoteState(r) ? "terraform.io/builtin/terraform" : AwsProvider;
}

// Document order: data sources first, then by type, name and instance key.
std::vector<const Res *> ordered(const Build &b)
{
    std::vector<const Res *> out;
    for (const Res &r : b.resources)
        out.push_back(&r);
    std::stable_sort(out.begin(), out.end(), [](const Res *x, const Res *y) {
        if (x->data != y->data)
            return x->data;
        if (x->type != y->type)
            return x->type < y->type;
        if (x->name != y->name)
            return x->name < y->name;
        if (x->key.kind == Val::Kind::Number && y->key.kind == Val::Kind::Number)
            return std::stoll(x->key.text) < std::stoll(y->key.text);
        return x->key.text < y->key.text;
    });
    return out;
}

Val sensitiveObject(const Res &r)
{
    Val v = Val::object();
    for (const std::string &name : r.sensitive)
        v.flag(name, true);
    return v;
}

// A raw state keeps a dynamically typed attribute with its type: {"value": ..., "type": ...}
// (terraform_remote_state's config, defaults and outputs).
Val rawAttributes(const Res &r)
{
    if (!isRemoteState(r))
        return r.attrs;
    Val out = r.attrs;
    for (auto &[key, value] : out.members) {
        if ((key == "config" || key == "outputs") && !value.isNull())
            value = Val::record().set("value", value).set("type", typeOf(value));
    }
    return out;
}

Val outputsOf(const Build &b, bool raw)
{
    Val outputs = Val::object();
    for (const Output &o : b.outputs) {
        Val entry = Val::record();
        if (!raw)
            entry.flag("sensitive", o.sensitive);
        entry.set("value", o.value);
        entry.set("type", typeOf(o.value));
        if (raw && o.sensitive)
            entry.flag("sensitive", true);
        outputs.set(o.name, std::move(entry));
    }
    return outputs;
}

// A resource of a state's or plan's `values`.
Val stateResource(const Res &r, const StackPlan &s)
{
    Val v = Val::record();
    v.str("address", r.address());
    v.str("mode", r.data ? "data" : "managed");
    v.str("type", r.type);
    v.str("name", r.name);
    if (!r.key.isNull())
        v.set("index", r.key);
    v.str("provider_name", providerName(r));
    v.num("schema_version", r.schemaVersion);
    v.set("values", r.attrs);
    v.set("sensitive_values", sensitiveObject(r));
    if (!r.identity.isNull()) {
        v.num("identity_schema_version", 0);
        v.set("identity", r.identity);
    }
    if (!r.dependencies.empty())
        v.set("depends_on", Val::strings(r.dependencies));
    (void)s;
    return v;
}

Val rootModule(const Build &b, bool managedOnly)
{
    Val resources = Val::array();
    for (const Res *r : ordered(b))
        if (!managedOnly || !r->data)
            resources.push(stateResource(*r, b.stack));
    return Val::record().set("resources", std::move(resources));
}

} // namespace

std::string rawState(const Build &b, const std::string &lineage, int serial)
{
    Val state = Val::record();
    state.num("version", 4);
    state.str("terraform_version", b.stack.terraformVersion);
    state.num("serial", serial);
    state.str("lineage", lineage);
    state.set("outputs", outputsOf(b, true));
    Val resources = Val::array();
    const std::vector<const Res *> all = ordered(b);
    for (size_t i = 0; i < all.size();) {
        const Res &first = *all[i];
        Val resource = Val::record();
        resource.str("mode", first.data ? "data" : "managed");
        resource.str("type", first.type);
        resource.str("name", first.name);
        resource.str("provider", "provider[\"" + providerName(first) + "\"]");
        Val instances = Val::array();
        for (; i < all.size() && all[i]->data == first.data && all[i]->type == first.type
             && all[i]->name == first.name;
             ++i) {
            const Res &r = *all[i];
            Val instance = Val::record();
            if (!r.key.isNull())
                instance.set("index_key", r.key);
            instance.num("schema_version", r.schemaVersion);
            instance.set("attributes", rawAttributes(r));
            Val sensitive = Val::array();
            for (const std::string &name : r.sensitive)
                sensitive.push(
                    Val::array({Val::record().str("type", "get_attr").str("value", name)}));
            instance.set("sensitive_attributes", std::move(sensitive));
            if (!r.identity.isNull()) {
                instance.num("identity_schema_version", 0);
                instance.set("identity", r.identity);
            }
            if (!r.data)
                instance.str("private", "eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==");
            if (!r.dependencies.empty())
                instance.set("dependencies", Val::strings(r.dependencies));
            instances.push(std::move(instance));
        }
        resource.set("instances", std::move(instances));
        resources.push(std::move(resource));
    }
    state.set("resources", std::move(resources));
    state.nil("check_results");
    return json(state, 2) + '\n';
}

std::string stateJson(const Build &b)
{
    Val values = Val::record();
    values.set("outputs", outputsOf(b, false));
    values.set("root_module", rootModule(b, false));
    Val doc = Val::record();
    doc.str("format_version", "1.0");
    doc.str("terraform_version", b.stack.terraformVersion);
    doc.set("values", std::move(values));
    return json(doc) + '\n';
}

std::string planJson(const Build &b)
{
    Val planned = Val::record();
    planned.set("outputs", outputsOf(b, false));
    planned.set("root_module", rootModule(b, true));
    Val changes = Val::array();
    for (const Res *r : ordered(b)) {
        if (r->data)
            continue; // read during the plan: only in prior_state
        Val change = Val::record();
        change.set("actions", Val::strings({"no-op"}));
        change.set("before", r->attrs);
        change.set("after", r->attrs);
        change.set("after_unknown", Val::object());
        change.set("before_sensitive", sensitiveObject(*r));
        change.set("after_sensitive", sensitiveObject(*r));
        if (!r->identity.isNull()) {
            change.set("before_identity", r->identity);
            change.set("after_identity", r->identity);
        }
        Val rc = Val::record();
        rc.str("address", r->address());
        rc.str("mode", "managed");
        rc.str("type", r->type);
        rc.str("name", r->name);
        if (!r->key.isNull())
            rc.set("index", r->key);
        rc.str("provider_name", providerName(*r));
        rc.set("change", std::move(change));
        changes.push(std::move(rc));
    }
    Val outputChanges = Val::object();
    for (const Output &o : b.outputs)
        outputChanges.set(o.name,
            Val::record()
                .set("actions", Val::strings({"no-op"}))
                .set("before", o.value)
                .set("after", o.value)
                .flag("after_unknown", false)
                .flag("before_sensitive", false)
                .flag("after_sensitive", false));
    Val priorValues = Val::record();
    priorValues.set("outputs", outputsOf(b, false));
    priorValues.set("root_module", rootModule(b, false));
    Val prior = Val::record();
    prior.str("format_version", "1.0");
    prior.str("terraform_version", b.stack.terraformVersion);
    prior.set("values", std::move(priorValues));
    Val config = Val::record();
    config.set("provider_config",
        Val::object().set("aws", Val::record().str("name", "aws").str("full_name", AwsProvider)));
    config.set("root_module", Val::object());

    Val doc = Val::record();
    doc.str("format_version", "1.2");
    doc.str("terraform_version", b.stack.terraformVersion);
    doc.set("planned_values", std::move(planned));
    doc.set("resource_changes", std::move(changes));
    doc.set("output_changes", std::move(outputChanges));
    doc.set("prior_state", std::move(prior));
    doc.set("configuration", std::move(config));
    doc.str("timestamp", Timestamp);
    doc.flag("applyable", false);
    doc.flag("complete", true);
    doc.flag("errored", false);
    return json(doc) + '\n';
}

std::string backendSettings(const StackPlan &s, const std::string &lineage)
{
    Val config = Val::object();
    config.str("bucket", "acme-terraform-state");
    config.str("dynamodb_table", "acme-terraform-locks");
    config.flag("encrypt", true);
    config.str("key", s.name + "/terraform.tfstate");
    config.str("region", "eu-west-1");
    Val doc = Val::record();
    doc.num("version", 3);
    doc.num("serial", 1);
    doc.str("lineage", lineage);
    doc.set("backend",
        Val::record().str("type", "s3").set("config", std::move(config)).num("hash", 2745123391LL));
    doc.set("modules",
        Val::array({Val::record()
                        .set("path", Val::strings({"root"}))
                        .set("outputs", Val::object())
                        .set("resources", Val::object())
                        .set("depends_on", Val::array())}));
    return json(doc, 4) + '\n';
}

} // namespace bg::tests::estate
