// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bg-genestate --stacks N --resources M --seed S -o DIR
// Writes a generated estate into DIR and the links it designed into DIR.expected.json; see
// genestate.h.
#include "genestate.h"

#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

namespace {

int usage(const char *why)
{
    std::cerr << "bg-genestate: " << why << "\n"
              << "usage: bg-genestate [--stacks N] [--resources M] [--seed S] -o DIR\n"
              << "  (defaults: 30 stacks, 3000 resources, seed 1; DIR must be empty or absent)\n";
    return 2;
}

bool number(const char *text, unsigned long long *out)
{
    char *end = nullptr;
    *out = std::strtoull(text, &end, 10);
    return *text != '\0' && *text != '-' && end && *end == '\0';
}

} // namespace

int main(int argc, char **argv)
{
    bg::tests::EstateOptions options;
    std::string output;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        unsigned long long n = 0;
        if (arg == "--stacks" && hasValue) {
            if (!number(argv[++i], &n) || n > 100000)
                return usage("--stacks takes a whole number up to 100000");
            options.stacks = int(n);
        } else if (arg == "--resources" && hasValue) {
            if (!number(argv[++i], &n) || n > 10'000'000)
                return usage("--resources takes a whole number up to 10000000");
            options.resources = int(n);
        } else if (arg == "--seed" && hasValue) {
            if (!number(argv[++i], &n))
                return usage("--seed takes a whole number");
            options.seed = n;
        } else if ((arg == "-o" || arg == "--output") && hasValue) {
            output = argv[++i];
        } else if (arg == "-h" || arg == "--help") {
            usage("writes a generated estate");
            return 0;
        } else {
            return usage(("unknown or incomplete argument: " + arg).c_str());
        }
    }
    if (output.empty())
        return usage("-o DIR is required");
    try {
        const bg::tests::EstateTally tally = bg::tests::writeEstate(options, output);
        int remote = 0;
        for (const auto &l : tally.links)
            remote += l.reason == "remote_state";
        std::cerr << "bg-genestate: " << tally.stacks.size() << " stacks, " << tally.managed
                  << " managed resources, " << tally.stackBytes << " bytes in stack files; "
                  << tally.links.size() << " links (" << remote << " through remote state) in "
                  << output << ".expected.json\n";
    } catch (const std::exception &error) {
        std::cerr << "bg-genestate: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
