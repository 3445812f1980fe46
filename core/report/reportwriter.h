// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/jsonstream.h"

#include <QByteArray>
#include <QString>

namespace bg::core {

// "1 resource", "3 resources": `n` and the noun that agrees with it.
QString counted(qsizetype n, const char *one, const char *many);

// The lines of a report for people, as plain text for a terminal or as Markdown. Shared by the
// report (reporttext.cpp) and the CLI's saved-by, so that both lay out headings and lists alike.
class ReportWriter {
public:
    // With a sink, what is written goes to it every few kilobytes, and at flush(); bytes()
    // then holds only what is not yet flushed.
    explicit ReportWriter(bool markdown, const ByteSink *sink = nullptr);
    ~ReportWriter();

    // "\n## text\n\n" in Markdown, "\ntext\n" in text.
    void heading(const QString &text);
    void line(const QString &text = {});
    // A list item; numbered from 1 when `number` is positive.
    void item(const QString &text, int number = 0);
    // A line under the last item.
    void detail(const QString &text);

    // Markdown: with what could be read as markup escaped. Text: as it is.
    QString esc(const QString &text) const;
    // Markdown: inline code, with backquotes made quotes. Text: as it is.
    QString code(const QString &text) const;
    // Markdown: bold. Text: in capitals.
    QString strong(const QString &text) const;

    QByteArray bytes() const { return m_out.toUtf8(); }
    void flush();

private:
    void written();

    bool m_md;
    const ByteSink *m_sink;
    QString m_out;
};

} // namespace bg::core
