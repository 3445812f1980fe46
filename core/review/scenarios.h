// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled teaching scenarios: resources/scenarios/NAME/scenario.json, each with its files
// and a story.md. Found wherever the rules are (ResourceLocator).
#pragma once

#include "core/model.h"

#include <QStringList>
#include <vector>

namespace bg::core {

struct Scenario {
    QString name; // the folder's name, as in scenario:NAME
    QString title;
    QString summary;
    QString lesson; // one or two sentences, shown first in the report of the scenario
    QStringList files; // absolute; the first is the one to open
    QStringList compare; // absolute [old, new] for a state pair, else empty
    QString estate; // absolute folder of the estate, empty when none: the states and plans
                    // read together with the first file
    QString story; // absolute path of its story.md (Markdown), empty when there is none
    // The records of what really happened, for the postmortem: absolute; empty when none.
    QString applyLog; // terraform apply -json
    QStringList cloudLogs; // CloudTrail (or another cloud's audit log) files
};

// Every bundled scenario, sorted by name, from the first data directory that has a
// scenarios/ folder. A folder without scenario.json is not a scenario and is skipped; a
// manifest that is malformed, has unknown members, or names a missing file or folder is an
// error (which file and why; no list at all then).
Result<std::vector<Scenario>> bundledScenarios();

// The scenario called `name`; an error when there is none or the catalog is bad.
Result<Scenario> findScenario(const QString &name);

// "scenario:NAME" → the scenario's first file; any other argument is returned unchanged.
// An error when NAME is unknown.
Result<QString> resolveInput(const QString &argument);

// True when `argument` names a scenario ("scenario:NAME").
bool isScenarioArgument(const QString &argument);

} // namespace bg::core
