// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the shape generators (genshapes.h): one resource instance written as a
// resource_changes entry or as a prior_state resource, from small JSON texts.
#pragma once

#include "genplan_detail.h"
#include "genshapes.h"

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

namespace bg::tests::gen {

inline constexpr const char *ShapeTerraformVersion = "1.9.8";
inline constexpr const char *AwsProvider = "registry.terraform.io/hashicorp/aws";
inline constexpr const char *GoogleProvider = "registry.terraform.io/hashicorp/google";

enum class ShapeAct : std::uint8_t { NoOp, Create, Update, Delete, Replace };

// Mostly no-op, ~5% delete, ~4% create, a few replaces; `updatable` types take ~4% updates
// (the rest of those draws stay no-op). A function of (seed, what) alone.
ShapeAct drawAction(std::string_view what, std::uint64_t seed, bool updatable);

struct ShapeInstance {
    std::string address; // module.dns["zone1"].aws_route53_record.r["k12"]
    std::string module; // module.dns["zone1"], or "" in the root
    std::string type, name;
    std::string index; // the JSON of the instance key ("\"k12\""), or "" without one
    const char *provider = AwsProvider;
    int schemaVersion = 0;
};

// The object texts of one instance; the sensitivity and unknown maps as Terraform writes them
// (a list attribute as [false, ...] in both).
struct ShapeValues {
    std::string before; // prior value (no-op, update, delete, replace)
    std::string after; // planned value, computed attributes left out on create/replace
    std::string shape; // {} or {"records":[false]}: sensitivity, and after_unknown when known
    std::string unknown; // after_unknown on create/replace: {"id":true,...}
    const char *replacePath = nullptr; // the attribute whose change forces the replace
    const char *reason = nullptr; // action_reason, when Terraform gives one
    std::function<void(JsonOut &)> writeBefore; // in place of `before`, for a value too long
};

// Calls f(k) for k = 1..n in the order of their decimal text (1, 10, 100, 11, ..., 2, ...):
// the order of the addresses ["k1"] < ["k10"] < ["k2"], since '"' sorts before any digit.
// An f that returns bool stops the walk by returning false.
template<typename F>
void inKeyOrder(int n, F f)
{
    std::int64_t k = 1;
    for (int done = 0; done < n; ++done) {
        if constexpr (std::is_same_v<decltype(f(1)), bool>) {
            if (!f(int(k)))
                return;
        } else {
            f(int(k));
        }
        if (k * 10 <= n) {
            k *= 10;
            continue;
        }
        while (k % 10 == 9 || k + 1 > n)
            k /= 10;
        ++k;
    }
}

// A for_each set of module.dns instances ("zone1".."zone8", one digit so that they sort as
// numbers): n instances of a block inside it spread over one zone per 100, at most 8.
inline constexpr int MaxZones = 8;
std::vector<int> zoneSizes(int n); // instances per zone, at least one zone
std::string zoneModule(int z); // module.dns["zone<z+1>"]

void writeChange(JsonOut &out, const ShapeInstance &in, ShapeAct act, const ShapeValues &v);
void writeStateResource(
    JsonOut &out, const ShapeInstance &in, const std::string &values, const std::string &sensitive);
// format_version, terraform_version, and variables unless nullptr (a plan without variables)
void writeHeader(JsonOut &out, const char *variables);
void writeTrailer(JsonOut &out); // timestamp, applyable, complete, errored
// The plan's end: its configuration, the trailer, the closing brace; the tally's bytes, and its
// addresses as many as its managed instances (a shape that writes no address twice).
void endShape(JsonOut &out, const char *configuration, ShapeTally *tally);
// "prior_state": {format_version, terraform_version, "values": {"root_module": { ... }}}
void beginPriorState(JsonOut &out);
void endPriorState(JsonOut &out);
void count(ShapeTally &tally, ShapeAct act);
// An instance of TYPE.NAME in `module` ("" for the root), without a key.
ShapeInstance shapeInstance(const std::string &module, const char *type, const std::string &name);
// "ADDRESS.ATTRIBUTE","ADDRESS": what Terraform lists for one use of ADDRESS.ATTRIBUTE.
std::string referencePair(const std::string &address, const char *attribute);

ShapeTally writeSmall(const ShapeOptions &options, std::ostream &out);
ShapeTally writeTiny(const ShapeOptions &options, std::ostream &out);
ShapeTally writeDuplicates(const ShapeOptions &options, std::ostream &out);
ShapeTally writeLongString(const ShapeOptions &options, std::ostream &out);
ShapeTally writeAwkward(const ShapeOptions &options, std::ostream &out);
ShapeTally writeData(const ShapeOptions &options, std::ostream &out);
ShapeTally writeModules(const ShapeOptions &options, std::ostream &out);
ShapeTally writeCalls(const ShapeOptions &options, std::ostream &out);

} // namespace bg::tests::gen
