// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The shapes' entry point and what they write alike: a resource_changes entry and a prior_state
// resource in Terraform's layout (internal/command/jsonplan and jsonstate), header and trailer.
#include "genshapes.h"

#include "genshapes_detail.h"

#include <algorithm>

namespace bg::tests {

using namespace gen;

std::optional<PlanShape> planShapeFromName(std::string_view name)
{
    for (PlanShape s : {PlanShape::Mixed, PlanShape::Small, PlanShape::Tiny, PlanShape::Duplicates,
             PlanShape::LongString, PlanShape::Awkward, PlanShape::Data, PlanShape::Modules,
             PlanShape::Calls})
        if (name == planShapeName(s))
            return s;
    return std::nullopt;
}

const char *planShapeName(PlanShape shape)
{
    switch (shape) {
    case PlanShape::Mixed:
        return "mixed";
    case PlanShape::Small:
        return "small";
    case PlanShape::Tiny:
        return "tiny";
    case PlanShape::Duplicates:
        return "duplicates";
    case PlanShape::LongString:
        return "long-string";
    case PlanShape::Awkward:
        return "awkward";
    case PlanShape::Data:
        return "data";
    case PlanShape::Modules:
        return "modules";
    case PlanShape::Calls:
        return "calls";
    }
    return "?";
}

ShapeTally writeShape(const ShapeOptions &options, std::ostream &out)
{
    switch (options.shape) {
    case PlanShape::Small:
        return writeSmall(options, out);
    case PlanShape::Tiny:
        return writeTiny(options, out);
    case PlanShape::Duplicates:
        return writeDuplicates(options, out);
    case PlanShape::LongString:
        return writeLongString(options, out);
    case PlanShape::Awkward:
        return writeAwkward(options, out);
    case PlanShape::Data:
        return writeData(options, out);
    case PlanShape::Modules:
        return writeModules(options, out);
    case PlanShape::Calls:
        return writeCalls(options, out);
    case PlanShape::Mixed:
        break;
    }
    ShapeTally tally;
    static_cast<GenTally &>(tally)
        = writePlan({options.resources, options.seed, options.destroy}, out);
    tally.addresses = tally.changes(); // genplan never repeats an address
    return tally;
}

namespace gen {

ShapeInstance shapeInstance(const std::string &module, const char *type, const std::string &name)
{
    ShapeInstance in;
    in.module = module;
    in.type = type;
    in.name = name;
    in.address = (module.empty() ? std::string() : module + '.') + type + '.' + name;
    return in;
}

std::string referencePair(const std::string &address, const char *attribute)
{
    return quote(address + '.' + attribute) + ',' + quote(address);
}

ShapeAct drawAction(std::string_view what, std::uint64_t seed, bool updatable)
{
    const double u = Rng(hash(what, seed ^ 0x7368617065ULL)).unit(); // "shape"
    if (u < 0.05)
        return ShapeAct::Delete;
    if (u < 0.09)
        return ShapeAct::Create;
    if (u < 0.13)
        return updatable ? ShapeAct::Update : ShapeAct::NoOp;
    if (u < 0.14)
        return ShapeAct::Replace;
    return ShapeAct::NoOp;
}

std::vector<int> zoneSizes(int n)
{
    std::vector<int> sizes;
    const int zones = std::clamp(n / 100, 1, MaxZones);
    for (int z = 0; z < zones; ++z)
        sizes.push_back(n / zones + (z < n % zones ? 1 : 0));
    return sizes;
}

std::string zoneModule(int z)
{
    return "module.dns[\"zone" + std::to_string(z + 1) + "\"]";
}

// The members that name an instance, as resource_changes (with module_address) and the
// state's resources (without) write them.
void writeNaming(JsonOut &out, const ShapeInstance &in, bool moduleAddress)
{
    out.key("address");
    out.string(in.address);
    if (moduleAddress && !in.module.empty()) {
        out.key("module_address");
        out.string(in.module);
    }
    out.key("mode");
    out.raw("\"managed\"");
    out.key("type");
    out.string(in.type);
    out.key("name");
    out.string(in.name);
    if (!in.index.empty()) {
        out.key("index");
        out.raw(in.index);
    }
    out.key("provider_name");
    out.string(in.provider);
}

void writeChange(JsonOut &out, const ShapeInstance &in, ShapeAct act, const ShapeValues &v)
{
    out.beginObject();
    writeNaming(out, in, true);
    out.key("change");
    out.beginObject();
    const bool hasBefore = act != ShapeAct::Create, hasAfter = act != ShapeAct::Delete;
    const bool unknowns = act == ShapeAct::Create || act == ShapeAct::Replace;
    out.key("actions");
    switch (act) {
    case ShapeAct::NoOp:
        out.raw("[\"no-op\"]");
        break;
    case ShapeAct::Create:
        out.raw("[\"create\"]");
        break;
    case ShapeAct::Update:
        out.raw("[\"update\"]");
        break;
    case ShapeAct::Delete:
        out.raw("[\"delete\"]");
        break;
    case ShapeAct::Replace:
        out.raw("[\"delete\",\"create\"]");
        break;
    }
    out.key("before");
    if (hasBefore && v.writeBefore)
        v.writeBefore(out);
    else
        out.raw(hasBefore ? v.before : "null");
    out.key("after");
    out.raw(!hasAfter ? std::string("null") : act == ShapeAct::NoOp ? v.before : v.after);
    out.key("after_unknown");
    out.raw(!hasAfter ? std::string("{}") : unknowns ? v.unknown : v.shape);
    out.key("before_sensitive");
    out.raw(hasBefore ? v.shape : "false");
    out.key("after_sensitive");
    out.raw(hasAfter ? v.shape : "false");
    if (act == ShapeAct::Replace && v.replacePath) {
        out.key("replace_paths");
        out.raw("[[" + quote(v.replacePath) + "]]");
    }
    out.endObject();
    if (v.reason) {
        out.key("action_reason");
        out.string(v.reason);
    }
    out.endObject();
}

void writeStateResource(
    JsonOut &out, const ShapeInstance &in, const std::string &values, const std::string &sensitive)
{
    out.beginObject();
    writeNaming(out, in, false);
    out.key("schema_version");
    out.number(in.schemaVersion);
    out.key("values");
    out.raw(values);
    out.key("sensitive_values");
    out.raw(sensitive);
    out.endObject();
}

void writeHeader(JsonOut &out, const char *variables)
{
    out.key("format_version");
    out.string("1.2");
    out.key("terraform_version");
    out.string(ShapeTerraformVersion);
    if (variables) {
        out.key("variables");
        out.raw(variables);
    }
}

void writeTrailer(JsonOut &out)
{
    out.key("timestamp");
    out.string("2026-01-15T09:30:00Z");
    out.key("applyable");
    out.boolean(true);
    out.key("complete");
    out.boolean(true);
    out.key("errored");
    out.boolean(false);
}

void endShape(JsonOut &out, const char *configuration, ShapeTally *tally)
{
    out.key("configuration");
    out.raw(configuration);
    writeTrailer(out);
    out.endObject();
    out.flush();
    tally->addresses = tally->managed;
    tally->bytes = out.bytes();
}

void beginPriorState(JsonOut &out)
{
    out.key("prior_state");
    out.beginObject();
    out.key("format_version");
    out.string("1.0");
    out.key("terraform_version");
    out.string(ShapeTerraformVersion);
    out.key("values");
    out.beginObject();
    out.key("root_module");
    out.beginObject();
}

void endPriorState(JsonOut &out)
{
    out.endObject(); // root_module
    out.endObject(); // values
    out.endObject(); // prior_state
}

void count(ShapeTally &tally, ShapeAct act)
{
    ++tally.managed;
    switch (act) {
    case ShapeAct::NoOp:
        ++tally.noOp;
        break;
    case ShapeAct::Create:
        ++tally.create;
        break;
    case ShapeAct::Update:
        ++tally.update;
        break;
    case ShapeAct::Delete:
        ++tally.del;
        break;
    case ShapeAct::Replace:
        ++tally.replace;
        break;
    }
}

} // namespace gen

} // namespace bg::tests
