// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/report.h"

#include "core/risk/masking.h"

namespace bg::core {

std::optional<ReportFormat> reportFormatFrom(const QString &name)
{
    if (name == QLatin1String("text"))
        return ReportFormat::Text;
    if (name == QLatin1String("markdown") || name == QLatin1String("md"))
        return ReportFormat::Markdown;
    if (name == QLatin1String("json"))
        return ReportFormat::Json;
    return std::nullopt;
}

QByteArray renderReport(const Analysis &analysis, const RuleSet &rules, ReportFormat format)
{
    QByteArray bytes;
    writeReport(analysis, rules, format, [&bytes](QByteArrayView piece) { bytes.append(piece); });
    return bytes;
}

void writeReport(
    const Analysis &analysis, const RuleSet &rules, ReportFormat format, const ByteSink &sink)
{
    switch (format) {
    case ReportFormat::Text:
        detail::writeText(analysis, rules, false, sink);
        return;
    case ReportFormat::Markdown:
        sink(detail::renderMarkdown(analysis, rules, MarkdownCommentLimit));
        return;
    case ReportFormat::Json:
        detail::writeJson(analysis, rules, sink);
        return;
    }
}

QString detail::describeInput(const Document &doc)
{
    QStringList parts {documentKindName(doc.kind)};
    if (doc.kind == DocumentKind::RawState) {
        parts.append(QStringLiteral("version %1").arg(doc.stateVersion));
        if (doc.serial >= 0)
            parts.append(QStringLiteral("serial %1").arg(doc.serial));
    } else if (!doc.formatVersion.isEmpty()) {
        parts.append(QStringLiteral("format %1").arg(doc.formatVersion));
    }
    if (!doc.terraformVersion.isEmpty())
        parts.append(QStringLiteral("Terraform %1").arg(doc.terraformVersion));
    if (!doc.savedPlanSha256.isEmpty())
        parts.append(
            QStringLiteral("shown from the saved plan %1").arg(doc.savedPlanSha256.left(12)));
    return oneLine(parts.join(QStringLiteral(", "))); // the versions are the file's own text
}

} // namespace bg::core
