// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the GUI-measuring children of bench_load share.
#pragma once

#include "core/risk/analysis.h"

#include <memory>

namespace bg::bench {

// Loads and analyses FILE with the default rules (untimed). On failure it prints why and sets
// *status to the child's exit code (3: the rules, 4: the file) and returns null.
std::shared_ptr<const core::Analysis> analyseForBench(const char *file, int *status);

// Makes the offscreen platform the default, before the QApplication exists.
void preferOffscreen();

} // namespace bg::bench
