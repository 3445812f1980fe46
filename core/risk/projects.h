// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Projects inside one state: who owns a resource, by its ownership tags (the policy's
// "projects.tags", resources/policy/README.md, "Projects"), and which projects a destroy hits.
#pragma once

#include "core/graph/impact.h"

#include <QDebug>
#include <optional>

namespace bg::core {

// The code of the finding a destroy raises on each project it hits, when it hits two or more
// (raised by applyPolicy, core/gate/policy.h).
inline constexpr auto ProjectBoundaryCode = "project-boundary";

// The tag that names a resource's project, and the project it names.
struct ProjectTag {
    QString tag; // "Project"
    QString name; // "courses"
};

// The project of `resource`: the first of `tags`, in that order, that its prior values carry
// (a plan change's `before`, a state object's values) as a non-empty string, looked up in
// `tags_all` first, then in `tags`. Tag keys match exactly. A value that masking would hide
// (marked sensitive, or secret by its text or its tag's name) or that holds a control character
// names no project: it is never shown, and the next tag is tried. Nullopt when none names one.
std::optional<ProjectTag> projectOf(
    const Document &document, const Resource &resource, const QStringList &tags);

// One project among those a destroy hits.
struct ProjectHit {
    QString name;
    QString tag; // the tag that names it on firstNode
    int count = 0; // its destroyed nodes (deleted or replaced)
    int firstNode = -1; // its first destroyed node, in document order

    bool operator==(const ProjectHit &other) const = default;
};
QDebug operator<<(QDebug debug, const ProjectHit &hit);

// The projects of the nodes `impact` destroys (delete or replace; a forget destroys nothing),
// grouped by project name: most destroyed nodes first, then by name. A node no tag names
// counts for no project.
std::vector<ProjectHit> projectsDestroyed(
    const Document &document, const Impact &impact, const QStringList &tags);

// "This destroy hits 2 projects: courses (4 resources) and shipping-labs (2)": at most four
// names, then "and N more". Empty for fewer than two projects.
QString projectsSentence(const std::vector<ProjectHit> &hits);

} // namespace bg::core
