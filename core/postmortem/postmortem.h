// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The record laid over the plan: what the apply really did, when and by whom, from Terraform's
// apply log and the cloud's audit log, against the plan's (or state's) graph and the model's
// verdict. Plain values for the CLI's postmortem command, its reports and the GUI's time axis.
#pragma once

#include "core/postmortem/records.h"
#include "core/risk/analysis.h"

namespace bg::core {

enum class RecordSource : quint8 { Terraform, Cloud };
QString recordSourceName(RecordSource source); // "terraform", "cloudtrail", "gcp-audit-log", ...

struct TimelineEntry {
    qint64 time = -1; // ms since 1970 UTC: a step's start (else its end), a call's time
    qint64 end = -1; // a Terraform step's end; -1 when none (or a cloud call)
    RecordSource source = RecordSource::Terraform;
    RecordFormat format = RecordFormat::CloudTrail; // a cloud call's
    QString address; // the resource in the plan or state; empty when it hits none
    int node = -1; // its analysis node, -1 when none
    QString action; // Terraform's action (delete, create...), a call's effect (delete, empty...)
    QString event; // apply_complete / apply_errored / apply_start; the call (DeleteDBInstance)
    QString actor; // who: the cloud's identity; for a step, that of the calls it made
    QString tool; // terraform, opentofu, aws-cli, console, sdk, unknown
    bool dataLoss = false; // stored data is gone once this succeeded, and it did
    bool succeeded = false; // a step that completed (apply_complete); a call without an error
    QString outcome; // "completed after 5m3s", "errored: ...", "no end in the log";
                     // "succeeded", "failed: AccessDenied: ..."
    std::vector<std::pair<QString, QString>> details; // request facts: name -> JSON text
    QString identity; // the value the call named the resource by ("edu-prod")
    bool outsideTerraform = false; // a cloud call no Terraform step of this log made
    int step = -1; // a cloud call's Terraform step: its index in the timeline; -1 when none
    QString file;
    int line = 0;
    bool isStep() const { return source == RecordSource::Terraform; }
    double durationSeconds() const { return end >= 0 && time >= 0 ? (end - time) / 1000.0 : -1; }
};

// Where the record and the model disagree: often the finding of the postmortem.
struct Disagreement {
    QString kind; // not-in-plan, never-started, order, no-cloud-record, already-gone,
                  // terraform-outside-log, model-refused
    QString address;
    QString message; // a sentence
};

struct Postmortem {
    QString input; // the plan or state
    QString inputKind; // "plan" or "state": how the reports name it
    QString applyLog; // its path; empty when none was given
    QString tool; // from the log's version message: terraform, opentofu
    QString version;
    QString operation; // apply, destroy
    QString summary; // "Destroy complete! Resources: 38 destroyed."
    QStringList cloudFiles;
    qint64 cloudRecords = 0; // every record read
    qint64 cloudKnown = 0; // calls a catalog knows, in scope or not
    qint64 cloudUnrecognised = 0; // records in no format Blastguard reads
    bool cloudComplete = true; // every cloud file read to its end
    std::vector<TimelineEntry> timeline; // by time
    std::vector<int> outside; // timeline indexes of calls outside Terraform, by time
    int firstDataLoss = -1; // timeline index
    std::vector<Disagreement> disagreements;
    QStringList accounts; // the plan's accounts (projects, subscriptions) and regions, from
    QStringList regions; // the ARNs and ids in it; empty when it names none
    std::vector<CloudEvent> otherScope; // calls in other accounts or regions, kept apart
    qint64 duplicates = 0; // records given more than once (the same event id), read once
    struct Diagnostic {
        qint64 time = -1;
        QString address; // empty when it names none
        QString summary;
        int line = 0;
    };
    std::vector<Diagnostic> diagnostics; // Terraform's errors, as its log says them
    Problems errors; // lines and records not read
};

// The postmortem in a few numbers, for its first lines.
struct PostmortemSummary {
    qint64 applyStart = -1; // the first step's start and the last step's end
    qint64 applyEnd = -1;
    int steps = 0;
    int completed = 0;
    int errored = 0;
    int outside = 0; // calls outside Terraform
    qint64 outsideFirst = -1;
    qint64 outsideLast = -1;
    QStringList outsideActors; // "ARN (aws-cli)", each once, in order of their first call
    // What went with its data, each once, in the order it went: the address, or what the call
    // named where the plan does not hold it.
    QStringList dataLost;
};
PostmortemSummary summarize(const Postmortem &postmortem);

// Lays `log` (may be null) and `cloud` (may be null) over the analysis.
Postmortem buildPostmortem(
    const Analysis &analysis, const RuleSet &rules, const ApplyLog *log, const CloudLog *cloud);

// Text from a record as it may be shown: on one line, without control or format characters
// (a user agent is whatever the caller sent: it could hold a terminal's escape sequences or a
// line that fakes a verdict), cut as every shown value is (shownValue). Every string a
// Postmortem holds from a record has been through it.
QString recordText(const QString &text);

// "5m3s", "12s", "0.4s": Terraform's way of writing a duration.
QString durationText(double seconds);

} // namespace bg::core
