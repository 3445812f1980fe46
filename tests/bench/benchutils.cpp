// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchutils.h"

#include "core/loading/loader.h"

#include <cstdio>

namespace bg::bench {

std::shared_ptr<const core::Analysis> analyseForBench(const char *file, int *status)
{
    const core::Result<core::RuleSet> rules = core::RuleSet::loadDefault();
    if (!rules) {
        std::fprintf(
            stderr, "bench_load: default rules: %s\n", qPrintable(rules.error().toString()));
        *status = 3;
        return nullptr;
    }
    core::Result<core::Document> loaded = core::loadDocument(QString::fromLocal8Bit(file));
    if (!loaded.ok()) {
        std::fprintf(stderr, "bench_load: %s\n", qPrintable(loaded.error().toString()));
        *status = 4;
        return nullptr;
    }
    return std::make_shared<const core::Analysis>(core::analyse(std::move(loaded.value()), *rules));
}

void preferOffscreen()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

} // namespace bg::bench
