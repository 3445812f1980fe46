// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate row of bench_load (issue 15): a generated estate (tests/tools/genestate.h) read
// and linked by Blastguard (readEstate + linkEstate, in a child: bench_measure --estate DIR)
// against one `jq -c . FILE...` process over the same stack files.
//   time:   Blastguard <= 3 x jq
//   memory: Blastguard's peak RSS <= 2 x the files' total size
#pragma once

#include <cstdint>
#include <string>

namespace bg::bench {

struct EstateBenchOptions {
    int stacks = 200;
    int resources = 100000;
    std::uint64_t seed = 1;
};

// Generates the estate in DIR/estate-SxR (in a forked child), measures, prints the row.
void benchEstate(const EstateBenchOptions &options, const std::string &dir, bool keep, bool haveJq,
    int cpuLimit);

} // namespace bg::bench
