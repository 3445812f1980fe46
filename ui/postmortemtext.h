// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The postmortem's words, without widgets: a row of the timeline, its tooltip, the cursor's
// line, the counts above the list and what could not be read. Alarm words are written out
// ("DATA LOSS", "OUTSIDE TERRAFORM"), so that nothing rests on colour alone.
#pragma once

#include "core/postmortem/postmortem.h"

#include <QColor>

namespace bg::ui::timeline {

QString clockText(qint64 time); // "09:41:27" (UTC)
QString whatText(const core::TimelineEntry &entry); // "delete", "DeleteDBInstance"
QString whereText(const core::TimelineEntry &entry); // the address, else the id it names
QString actorText(const core::TimelineEntry &entry); // "arn:... (terraform)"
QString durationColumnText(const core::TimelineEntry &entry); // "4m53s", "" for a call
// The words that say what a row is, so that it does not rest on colour: "DATA LOSS",
// "OUTSIDE TERRAFORM", "FAILED", "ERRORED", "FIRST DATA LOSS", joined by " · ".
QString flagsText(const core::Postmortem &postmortem, int index);
// "09:41:27 UTC — module.database.aws_db_instance.edu deleted by arn:... (terraform), 4m53s —
// DATA LOSS".
QString entrySentence(const core::Postmortem &postmortem, int index);
// The cursor's line, rich text: the entry reached at `time` (timeline::entryAt) as its
// sentence, the time in bold and the alarm words in `danger`; the cursor's own time first when
// it has moved on since.
QString cursorHtml(const core::Postmortem &postmortem, qint64 time, const QColor &danger);
// Plain text, one fact a line: time, address, event, actor, tool, outcome, details.
QString toolTipText(const core::TimelineEntry &entry);

// The files read, for a tooltip: each path, its tool and version or how many records it held.
QString recordsText(const core::Postmortem &postmortem);
// The counts above the list (records, calls outside Terraform in `danger`, disagreements, kept
// apart, not read), then each disagreement on a line. Rich text.
QString summaryHtml(const core::Postmortem &postmortem, int unreadable, const QColor &danger);
// Files not read at all, then the first lines not read ("path:line: message"), a line each.
QString problemsText(
    const std::vector<core::Error> &unreadable, const core::Postmortem *postmortem);

} // namespace bg::ui::timeline
