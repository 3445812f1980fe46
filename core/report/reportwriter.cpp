// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/reportwriter.h"

#include "core/risk/masking.h"

namespace bg::core {

QString counted(qsizetype n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

ReportWriter::ReportWriter(bool markdown, const ByteSink *sink)
    : m_md(markdown)
    , m_sink(sink)
{
}

ReportWriter::~ReportWriter()
{
    flush();
}

void ReportWriter::flush()
{
    if (!m_sink || m_out.isEmpty())
        return;
    (*m_sink)(m_out.toUtf8());
    m_out.clear();
}

void ReportWriter::written()
{
    if (m_sink && m_out.size() >= (1 << 15))
        flush();
}

// Every line is one line: text from a plan, a state or a record (a version, an action reason, a
// key) cannot break it, fake another, reorder it or reach the terminal as an escape sequence.
void ReportWriter::heading(const QString &text)
{
    m_out += m_md ? QStringLiteral("\n## %1\n\n").arg(oneLine(text))
                  : QStringLiteral("\n%1\n").arg(oneLine(text));
    written();
}

void ReportWriter::line(const QString &text)
{
    m_out += oneLine(text) + QLatin1Char('\n');
    written();
}

void ReportWriter::item(const QString &text, int number)
{
    const QString bullet = number > 0 ? QStringLiteral("%1. ").arg(number) : QStringLiteral("- ");
    m_out += (m_md ? QString() : QStringLiteral("  ")) + bullet + oneLine(text) + QLatin1Char('\n');
    written();
}

void ReportWriter::detail(const QString &text)
{
    m_out += (m_md ? QStringLiteral("   - ") : QStringLiteral("       ")) + oneLine(text)
        + QLatin1Char('\n');
    written();
}

QString ReportWriter::esc(const QString &text) const
{
    if (!m_md)
        return text;
    QString out;
    for (QChar c : text) {
        if (QStringLiteral("\\`*_[]<>|#").contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString ReportWriter::code(const QString &text) const
{
    if (!m_md)
        return text;
    QString escaped = text;
    escaped.replace(QLatin1Char('`'), QLatin1Char('\''));
    return QLatin1Char('`') + escaped + QLatin1Char('`');
}

QString ReportWriter::strong(const QString &text) const
{
    return m_md ? QStringLiteral("**%1**").arg(text) : text.toUpper();
}

} // namespace bg::core
