// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_load's second measurement of every row: the command line a pipeline runs,
// `blastguard-cli report --format json FILE` (and `gate FILE` for the shape rows), each run its
// own process with stdout to /dev/null, against jq's time and the file's size.
#pragma once

#include "bench_row.h"

#include <string>
#include <vector>

namespace bg::bench {

void measureCli(Row &row, const std::string &file, bool gate, int cpuLimit);

// The CLI's table; `baseline` is the plan of 0 resources (the fixed cost).
void printCliTable(const std::vector<Row> &rows, const Row &baseline);

// The targets for the cost per resource, PASS/MISS: a million small or tiny resources, any
// plan of 10,000, and linear growth of the small and the tiny shapes.
void printCliTargets(const std::vector<Row> &rows, const Row &baseline);

} // namespace bg::bench
