// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the plan/state loader on arbitrary bytes. Contract: loadDocumentFromBytes either
// returns an error or a document; a document is then analysed with the shipped default rules
// and rendered as a JSON report. Any crash, sanitizer report, hang or runaway allocation is a bug,
// and so is any difference between the fast scan, nlohmann's reading of every byte, and the
// fast scan of the same bytes read from a file while it is scanned, in 1 to 64 pieces of any
// size (core/loading/streamedfile_p.h).
#include "core/loading/loader.h"
#include "core/loading/streamedfile_p.h"
#include "core/report/report.h"
#include "core/risk/analysis.h"
#include "core/risk/rules.h"
#include "tests/loadtext.h"

#include <QDir>
#include <QFile>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

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

// The input as a file, for the streamed load: one per process, in the temporary folder.
static const QString &scratch()
{
    static const QString path
        = QDir::temp().filePath(QStringLiteral("bg-fuzz-loader-%1.json").arg(::getpid()));
    return path;
}

// Removed when the fuzzer exits.
static const struct ScratchRemoval {
    ~ScratchRemoval() { QFile::remove(scratch()); }
} scratchRemoval;

static Result<Document> streamed(const QByteArray &bytes, qint64 piece)
{
    QFile file(scratch());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(scratch()));
        std::abort();
    }
    file.close();
    detail::StreamOptions options;
    options.piece = piece;
    options.ahead = 0; // read only as the scan waits for it
    options.poison = true;
    Result<std::unique_ptr<detail::StreamedFile>> opened
        = detail::StreamedFile::open(scratch(), std::move(options));
    if (!opened)
        return opened.error();
    return detail::loadStreamed(**opened, scratch(), detail::JsonSkip::Fast);
}

static void same(const Result<Document> &a, const Result<Document> &b, const char *what)
{
    if (outcome(a) != outcome(b)) {
        std::fprintf(stderr, "%s differ:\n%s\n---\n%s\n", what, outcome(a).left(2000).constData(),
            outcome(b).left(2000).constData());
        std::abort();
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const RuleSet &r = rules();
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Document> slow
        = detail::loadDocumentFromBytes(bytes, scratch(), detail::JsonSkip::Slow);
    // At most 64 pieces an input: each piece is the scan waiting for the reading thread.
    const qint64 pieces = 1 + (size > 0 ? data[size / 2] % 64 : 0);
    same(streamed(bytes, std::max<qint64>(1, qint64(size) / pieces)), slow,
        "the streamed and the slow scan");
    Result<Document> result = loadDocumentFromBytes(std::move(bytes), scratch());
    same(result, slow, "the fast and the slow scan");
    if (!result.ok())
        return 0;
    const Analysis analysis = analyse(std::move(result.value()), r);
    const QByteArray report = renderReport(analysis, r, ReportFormat::Json);
    if (report.isEmpty())
        std::abort(); // a loaded document always has a report, even an empty one
    return 0;
}
