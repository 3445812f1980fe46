// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the postmortem's readers, which only take paths: the bytes are written to one file in
// a private temporary folder and read as an apply log and as a cloud log (gzip when they start
// with its magic bytes), then laid over the incident's plan and written as every report.
// Contract: a value or an error, never a crash, a hang or unbounded memory.
#include "core/loading/loader.h"
#include "core/postmortem/postmortemreport.h"
#include "core/risk/rules.h"

#include <QFile>
#include <QTemporaryDir>
#include <cstdlib>

using namespace bg::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir; // removed at exit
    static const RuleSet rules = [] {
        Result<RuleSet> r = RuleSet::load(QStringLiteral(BG_RESOURCES "/rules/default.json"));
        if (!r)
            std::abort();
        return *r;
    }();
    static const Analysis analysis = [] {
        Result<Document> d = loadDocument(QStringLiteral(BG_RESOURCES "/scenarios/incident/plan.json"));
        if (!d)
            std::abort();
        return analyse(std::move(*d), rules);
    }();
    if (!dir.isValid())
        std::abort();
    const QString path = dir.filePath(QStringLiteral("records"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
            std::abort();
    }
    Result<ApplyLog> log = readApplyLog(path);
    Result<CloudLog> cloud = readCloudLogs({path});
    const Postmortem p = buildPostmortem(
        analysis, rules, log ? &*log : nullptr, cloud ? &*cloud : nullptr);
    for (const ReportFormat format : {ReportFormat::Text, ReportFormat::Markdown, ReportFormat::Json})
        (void)renderPostmortem(p, format);
    return 0;
}
