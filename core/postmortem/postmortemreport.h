// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The postmortem as a report: text for a terminal or a postmortem document, Markdown for an
// issue or a wiki page, JSON (schema blastguard.postmortem/v1) for tools.
#pragma once

#include "core/postmortem/postmortem.h"
#include "core/report/report.h"

namespace bg::core {

// The source of an entry as the JSON names it: "terraform", "cloudtrail", "gcp-audit-log",
// "azure-activity-log".
QString timelineSourceName(const TimelineEntry &entry);

QByteArray renderPostmortem(const Postmortem &postmortem, ReportFormat format);

} // namespace bg::core
