// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the approval-record and policy readers, which only take paths: the bytes are written
// to one file in a private temporary folder and read by readApproval and Policy::load.
// Contract: each returns a value or an error, never a crash or a hang.
#include "core/gate/approval.h"
#include "core/gate/policy.h"

#include <QFile>
#include <QTemporaryDir>
#include <cstdlib>

using namespace bg::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir; // removed at exit
    if (!dir.isValid())
        std::abort();
    const QString path = dir.filePath(QStringLiteral("input.json"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
            std::abort();
    }
    (void)readApproval(path);
    (void)Policy::load(path);
    return 0;
}
