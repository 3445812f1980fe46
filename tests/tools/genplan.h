// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A deterministic generator of large, realistic `terraform show -json` plans (format 1.2,
// Terraform 1.5.x) of an AWS estate, for benchmarks and scale tests. Plain C++20 and the
// standard library only, so it can be linked anywhere.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace bg::tests {

struct GenOptions {
    int resources
        = 1000; // managed resource instances in resource_changes (exactly, for any N >= 0)
    std::uint64_t seed = 1; // same options and seed -> byte-identical output
    bool destroy = false; // like `terraform plan -destroy`: every managed instance ["delete"]
};

// What writePlan wrote, for tests to check a reader against.
struct GenTally {
    int managed = 0; // managed instances in resource_changes (== GenOptions::resources)
    int dataReads = 0; // data sources in resource_changes (reads deferred to apply)
    int changes() const { return managed + dataReads; }

    // resource_changes entries per action class. A replace is either order of delete+create.
    int noOp = 0, create = 0, read = 0, update = 0, del = 0, replace = 0;

    // Configuration address ("module.app.module.db.aws_db_instance.this") -> the configuration
    // addresses it depends on, transitively, exactly as written to the prior state's depends_on
    // (Terraform's ConfigResource strings: module path without instance keys). An instance of
    // X may depend on any instance of each of these, and on nothing else.
    std::map<std::string, std::set<std::string>> dependsOn;

    // Every value the plan marks sensitive (before_sensitive/after_sensitive/sensitive_values),
    // e.g. database passwords. None may ever show up in a report.
    std::vector<std::string> secrets;

    std::uint64_t bytes = 0; // bytes written
};

// Streams the plan to `out` (compact JSON, one line, like terraform show -json). Never holds
// the document in memory: a few hundred bytes per resource instance for bookkeeping.
GenTally writePlan(const GenOptions &options, std::ostream &out);

} // namespace bg::tests
