// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes Address::parse on arbitrary UTF-8. Contract: parse either fails or yields an address
// whose toString() parses back to an equal address (the round trip address.h promises).
#include "core/address.h"

#include <cstdio>
#include <cstdlib>

using namespace bg::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<Address> parsed = Address::parse(text);
    if (!parsed)
        return 0;
    const QString printed = parsed->toString();
    QString error;
    const std::optional<Address> again = Address::parse(printed, &error);
    if (!again || !(*again == *parsed)) {
        std::fprintf(stderr, "round trip broken:\n  input:   %s\n  printed: %s\n  error:   %s\n",
            text.toUtf8().constData(), printed.toUtf8().constData(), error.toUtf8().constData());
        std::abort();
    }
    (void)Address::parseModule(text);
    return 0;
}
