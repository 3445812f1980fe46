// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the plan/state loader on arbitrary bytes. Contract: loadDocumentFromBytes either
// returns an error or a document; a document is then analysed with the shipped default rules
// and rendered as a JSON report. Any crash, sanitizer report, hang or runaway allocation is a bug,
// and so is any difference between the fast scan and nlohmann's reading of every byte.
#include "core/loading/loader.h"
#include "core/report/report.h"
#include "core/risk/analysis.h"
#include "core/risk/rules.h"
#include "tests/loadtext.h"

#include <cstdio>
#include <cstdlib>

using namespace bg::core;

static const RuleSet &rules()
{
    static const RuleSet loaded = [] {
        Result<RuleSet> r = RuleSet::load(QStringLiteral(BG_RESOURCES "/rules/default.json"));
        if (!r) {
            std::fprintf(stderr, "default rules: %s\n", qPrintable(r.error().toString()));
            std::abort();
        }
        return std::move(r).value();
    }();
    return loaded;
}

// What a load gave, to compare the fast scan (its own reading of the elements, the changes and
// the values left in the file) with nlohmann's reading of every byte (tests/loadtext.h).
static QByteArray outcome(const Result<Document> &loaded)
{
    return bg::tests::loadText(loaded);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const RuleSet &r = rules();
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Document> slow
        = detail::loadDocumentFromBytes(bytes, QStringLiteral("fuzz.json"), detail::JsonSkip::Slow);
    Result<Document> result = loadDocumentFromBytes(std::move(bytes), QStringLiteral("fuzz.json"));
    if (outcome(result) != outcome(slow)) {
        std::fprintf(stderr, "the fast and the slow scan differ:\n%s\n---\n%s\n",
            outcome(result).left(2000).constData(), outcome(slow).left(2000).constData());
        std::abort();
    }
    if (!result.ok())
        return 0;
    const Analysis analysis = analyse(std::move(result.value()), r);
    const QByteArray report = renderReport(analysis, r, ReportFormat::Json);
    if (report.isEmpty())
        std::abort(); // a loaded document always has a report, even an empty one
    return 0;
}
