// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bg-genplan --resources N --seed S [--destroy] [--shape SHAPE] [--string-bytes S] -o FILE
// Writes a realistic `terraform show -json` plan of N managed resources (genplan.h), or of
// another shape: small, tiny, duplicates, long-string (genshapes.h).
#include "genshapes.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

namespace {

int usage(const char *why)
{
    std::cerr
        << "bg-genplan: " << why << "\n"
        << "usage: bg-genplan --resources N --seed S [--destroy] -o FILE   (FILE '-' = stdout)\n"
        << "         [--shape mixed|small|tiny|duplicates|long-string|awkward|data|modules|calls] "
           "[--string-bytes S]\n"
        << "  mixed (default): the estate of genplan.h, 1-3 KB per resource; --destroy: all "
           "deleted\n"
        << "  small: N tiny for_each instances; tiny: N creates of a fresh for_each set, no "
           "prior_state;\n  duplicates: N entries over 5 addresses;\n"
        << "  awkward: N resources whose dependencies were quadratic; data: N data stores "
           "destroyed,\n  each with every attribute its provider writes; modules: N resources of "
           "services in\n"
           "  modules, read through variables and outputs, all destroyed; calls: N resources in "
           "one-queue\n  module calls that wait for each other, all destroyed;\n"
        << "  long-string: 5 resources, one database's identifier S bytes long (default "
           "200000000; N is not used)\n";
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
    bg::tests::ShapeOptions options;
    std::string output;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        unsigned long long n = 0;
        if (arg == "--resources" && hasValue) {
            if (!number(argv[++i], &n) || n > 10'000'000)
                return usage("--resources takes a whole number up to 10000000");
            options.resources = int(n);
        } else if (arg == "--seed" && hasValue) {
            if (!number(argv[++i], &n))
                return usage("--seed takes a whole number");
            options.seed = n;
        } else if (arg == "--shape" && hasValue) {
            const auto shape = bg::tests::planShapeFromName(argv[++i]);
            if (!shape)
                return usage(
                    "--shape takes mixed, small, tiny, duplicates, long-string, awkward, data, "
                    "modules or calls");
            options.shape = *shape;
        } else if (arg == "--string-bytes" && hasValue) {
            if (!number(argv[++i], &n) || n > (1ULL << 40))
                return usage("--string-bytes takes a whole number of bytes");
            options.stringBytes = n;
        } else if (arg == "--destroy") {
            options.destroy = true;
        } else if ((arg == "-o" || arg == "--output") && hasValue) {
            output = argv[++i];
        } else if (arg == "-h" || arg == "--help") {
            usage("writes a generated plan");
            return 0;
        } else {
            return usage(("unknown or incomplete argument: " + arg).c_str());
        }
    }
    if (output.empty())
        return usage("-o FILE is required");
    if (options.destroy && options.shape != bg::tests::PlanShape::Mixed)
        return usage("--destroy is for the mixed shape only");

    bg::tests::ShapeTally tally;
    if (output == "-") {
        tally = bg::tests::writeShape(options, std::cout);
    } else {
        std::ofstream file(output, std::ios::binary | std::ios::trunc);
        if (!file)
            return usage(("cannot write " + output).c_str());
        tally = bg::tests::writeShape(options, file);
        file.close();
        if (!file)
            return usage(("write failed: " + output).c_str());
    }
    std::cerr << "bg-genplan: " << tally.bytes << " bytes, " << tally.changes()
              << " resource changes (" << tally.managed << " managed, " << tally.dataReads
              << " deferred data reads): no-op " << tally.noOp << ", create " << tally.create
              << ", read " << tally.read << ", update " << tally.update << ", delete " << tally.del
              << ", replace " << tally.replace << "; " << tally.addresses << " addresses";
    if (options.shape != bg::tests::PlanShape::Mixed)
        std::cerr << ", " << tally.priorManaged << " in prior_state";
    if (tally.longestString > 0)
        std::cerr << ", a string of " << tally.longestString << " bytes";
    std::cerr << "\n";
    return 0;
}
