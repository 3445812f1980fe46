// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/jsonstream.h"
#include "core/risk/analysis.h"

#include <optional>

namespace bg::core {

enum class ReportFormat : quint8 { Text, Markdown, Json };
inline constexpr qsizetype MarkdownCommentLimit = 65000;
std::optional<ReportFormat> reportFormatFrom(const QString &name);

// The report of one analysis. Text is for a person at a terminal: critical findings first,
// in words, then the counts, then the list. Markdown is a pull-request comment: critical
// findings first, a counts table, collapsible details per module, never more than
// MarkdownCommentLimit bytes (GitHub takes 65,536 characters), with a note of what was cut.
// JSON follows schema blastguard.report/v1.
// No attribute value appears in any of them except through masking.
QByteArray renderReport(const Analysis &analysis, const RuleSet &rules, ReportFormat format);
// The same report, given to `sink` piece by piece as it is made: text and JSON are never held
// whole in memory (Markdown is, under its limit).
void writeReport(
    const Analysis &analysis, const RuleSet &rules, ReportFormat format, const ByteSink &sink);

namespace detail {
QByteArray renderText(const Analysis &analysis, const RuleSet &rules, bool markdown);
void writeText(const Analysis &analysis, const RuleSet &rules, bool markdown, const ByteSink &sink);
QByteArray renderJson(const Analysis &analysis, const RuleSet &rules);
void writeJson(const Analysis &analysis, const RuleSet &rules, const ByteSink &sink);
QByteArray renderMarkdown(const Analysis &analysis, const RuleSet &rules, qsizetype limit);
QString describeInput(const Document &document);
} // namespace detail

} // namespace bg::core
