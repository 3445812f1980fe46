// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Plans of other shapes than genplan.h's estate, for measuring the cost per resource where the
// resources are not 1-3 KB each (bench_load's shape rows, tst_shapes):
//   small:       N tiny for_each instances (DNS records, IAM bindings), ~490 bytes of
//                resource_changes each, a realistic mix of actions, prior_state and configuration
//   tiny:        N creates of a fresh for_each set (DNS records, IAM bindings, null_resources),
//                one or two attributes each and no prior_state: the smallest entries (~320-390
//                bytes) Terraform writes
//   duplicates:  N resource_changes entries (~360 bytes each) over 5 addresses, as a hostile or
//                broken file repeats them
//   long-string: a few resources, one a deleted aws_db_instance whose before.identifier is one
//                string of stringBytes bytes
//   awkward:     N resources whose dependencies made the analysis quadratic: a count set on
//                another in one module, dangling dependencies, a count.index reference, and a
//                line of replacements each pulled in by all those after it
//   data:        N data stores destroyed (databases, buckets, volumes), each with every attribute
//                its provider writes (~1-2.3 KB), in resource_changes and prior_state: the plan
//                the rules read most of
//   modules:     services in a for_each module with a module inside (genshapes_modules.cpp)
//   calls:       one small module block per call, each waiting for the calls before it through
//                depends_on and a variable (genshapes_calls.cpp)
// Plain C++20, deterministic from the seed, streamed: nothing is kept per resource.
#pragma once

#include "genplan.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

namespace bg::tests {

enum class PlanShape : std::uint8_t {
    Mixed,
    Small,
    Duplicates,
    LongString,
    Tiny,
    Awkward,
    Data,
    Modules,
    Calls
};

inline constexpr int LongStringResources = 5; // the long-string shape's managed instances

std::optional<PlanShape> planShapeFromName(std::string_view name); // "mixed", "long-string", ...
const char *planShapeName(PlanShape shape);

struct ShapeOptions {
    PlanShape shape = PlanShape::Mixed;
    // resource_changes entries (small, tiny, duplicates), managed instances (mixed); long-string
    // writes its own few resources and ignores it
    int resources = 1000;
    std::uint64_t seed = 1;
    bool destroy = false; // mixed only: genplan's full destroy
    std::uint64_t stringBytes = 200'000'000; // long-string: the length of the one long value
};

// GenTally's counts are per resource_changes entry, so a duplicated address counts every time.
struct ShapeTally : GenTally {
    int addresses = 0; // distinct addresses in resource_changes
    int priorManaged = 0; // managed instances in prior_state (none in tiny)
    std::uint64_t longestString = 0; // bytes of the longest string value written
};

ShapeTally writeShape(const ShapeOptions &options, std::ostream &out);

} // namespace bg::tests
