// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The awkward shape: the dependencies that made the analysis quadratic until 2026-12-05, each
// written as Terraform writes it (found by a hunt for slow inputs; see the commits of that day).
// Of N resources:
//   null_resource.x[0..N/3)      deletes
//   null_resource.y[0..N/3)      deletes; each depends on null_resource.x (the same module: every
//                                y on every x, Terraform's DestroyEdgeTransformer) and on a
//                                null_resource.gone<i> of its own that is not in the file, and
//                                refers to null_resource.x[count.index] in the configuration
//                                (recorded as "null_resource.x[count.index]", "null_resource.x")
//   aws_instance.l<i>            replaces in a line, each depending on the next: every one is
//                                pulled in by a chain through all those after it
#include "genshapes_detail.h"

#include <algorithm>

namespace bg::tests::gen {

namespace {

constexpr const char *NullProvider = "registry.terraform.io/hashicorp/null";

ShapeInstance instance(const char *type, const std::string &name, int index, const char *provider)
{
    ShapeInstance in;
    in.type = type;
    in.name = name;
    in.provider = provider;
    in.address = std::string(type) + '.' + name;
    if (index >= 0) {
        in.index = std::to_string(index);
        in.address += '[' + in.index + ']';
    }
    return in;
}

ShapeValues values(const std::string &id)
{
    ShapeValues v;
    v.before = "{\"id\":" + quote(id) + ",\"triggers\":null}";
    v.after = "{\"triggers\":null}";
    v.shape = "{}";
    v.unknown = "{\"id\":true}";
    v.replacePath = "triggers";
    v.reason = "replace_because_cannot_update";
    return v;
}

void writeState(JsonOut &out, const ShapeInstance &in, const std::string &values,
    const std::vector<std::string> &dependsOn)
{
    std::string deps;
    for (const std::string &d : dependsOn)
        deps += (deps.empty() ? "" : ",") + quote(d);
    out.raw("{\"address\":" + quote(in.address) + ",\"mode\":\"managed\",\"type\":" + quote(in.type)
        + ",\"name\":" + quote(in.name)
        + (in.index.empty() ? std::string() : ",\"index\":" + in.index)
        + ",\"provider_name\":" + quote(in.provider) + ",\"schema_version\":0,\"values\":" + values
        + ",\"sensitive_values\":{},\"depends_on\":[" + deps + "]}");
}

} // namespace

ShapeTally writeAwkward(const ShapeOptions &options, std::ostream &stream)
{
    const int n = std::max(options.resources, 0);
    const int set = n / 3, line = n - 2 * set;
    ShapeTally tally;
    JsonOut out(stream);
    out.beginObject();
    writeHeader(out, nullptr);
    // resource_changes in Terraform's order: aws_instance before null_resource, l10 before l2.
    const auto lineName = [](int i) {
        return "l" + std::to_string(i);
    };
    std::vector<int> lineOrder(static_cast<size_t>(line));
    for (int i = 0; i < line; ++i)
        lineOrder[size_t(i)] = i;
    std::sort(lineOrder.begin(), lineOrder.end(),
        [&](int a, int b) { return lineName(a) < lineName(b); });
    out.key("resource_changes");
    out.beginArray();
    for (int i : lineOrder) {
        writeChange(out, instance("aws_instance", lineName(i), -1, AwsProvider), ShapeAct::Replace,
            values("i-" + std::to_string(options.seed) + '-' + std::to_string(i)));
        count(tally, ShapeAct::Replace);
    }
    for (const char *name : {"x", "y"}) {
        for (int i = 0; i < set; ++i) {
            writeChange(out, instance("null_resource", name, i, NullProvider), ShapeAct::Delete,
                values(std::to_string(options.seed * 1'000'003 + std::uint64_t(i))));
            count(tally, ShapeAct::Delete);
        }
    }
    out.endArray();
    beginPriorState(out);
    out.key("resources");
    out.beginArray();
    for (int i : lineOrder) {
        const ShapeInstance in = instance("aws_instance", lineName(i), -1, AwsProvider);
        writeState(out, in,
            values("i-" + std::to_string(options.seed) + '-' + std::to_string(i)).before,
            i + 1 < line ? std::vector<std::string> {"aws_instance." + lineName(i + 1)}
                         : std::vector<std::string> {});
        ++tally.priorManaged;
    }
    for (const char *name : {"x", "y"}) {
        for (int i = 0; i < set; ++i) {
            const ShapeInstance in = instance("null_resource", name, i, NullProvider);
            const bool y = name[0] == 'y';
            writeState(out, in,
                values(std::to_string(options.seed * 1'000'003 + std::uint64_t(i))).before,
                y ? std::vector<std::string> {"null_resource.gone" + std::to_string(i),
                    "null_resource.x"}
                  : std::vector<std::string> {});
            ++tally.priorManaged;
        }
    }
    out.endArray();
    endPriorState(out);
    out.key("configuration");
    out.raw(
        R"({"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},"root_module":{"resources":[)"
        R"({"address":"null_resource.x","mode":"managed","type":"null_resource","name":"x","provider_config_key":"null","expressions":{},"schema_version":0,"count_expression":{"constant_value":)"
        + std::to_string(set)
        + R"(}},{"address":"null_resource.y","mode":"managed","type":"null_resource","name":"y","provider_config_key":"null","expressions":{"triggers":{"references":["null_resource.x[count.index]","null_resource.x"]}},"schema_version":0,"count_expression":{"constant_value":)"
        + std::to_string(set) + "}}]}}");
    writeTrailer(out);
    out.endObject();
    out.flush();
    tally.addresses = n;
    tally.bytes = out.bytes();
    return tally;
}

} // namespace bg::tests::gen
