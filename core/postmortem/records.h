// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The two records of what an apply really did, read as plain values:
// - Terraform's (or OpenTofu's) machine-readable UI, `terraform apply -json` / `destroy -json`:
//   one JSON object per line (hashicorp/terraform internal/command/views/json/hook.go,
//   message_types.go, diagnostic.go; website/docs/internals/machine-readable-ui.mdx);
// - the cloud's audit log: CloudTrail records, Google Cloud audit log entries, Azure activity
//   log events (resources/postmortem/README.md cites each format).
// A line or record that cannot be read is named by its line and skipped; the rest is read.
#pragma once

#include "core/postmortem/cloudevents.h"

#include <optional>
#include <vector>

namespace bg::core {

// The lines and records that could not be read: the first MaxListed named, the rest counted (a
// file of a million bad lines must not become a million messages).
struct Problems {
    static constexpr size_t MaxListed = 200;
    std::vector<Error> listed;
    qint64 unlisted = 0;
    // Keeps `problem` while there is room; `always` keeps it anyway (where a file broke off).
    void add(Error problem, bool always = false)
    {
        if (always || listed.size() < MaxListed)
            listed.push_back(std::move(problem));
        else
            ++unlisted;
    }
    void add(const Problems &other)
    {
        for (const Error &e : other.listed)
            add(e);
        unlisted += other.unlisted;
    }
    bool empty() const { return listed.empty() && unlisted == 0; }
    size_t size() const { return listed.size(); }
    const Error &operator[](size_t i) const { return listed[i]; }
    const Error &front() const { return listed.front(); }
    const Error &back() const { return listed.back(); }
    auto begin() const { return listed.begin(); }
    auto end() const { return listed.end(); }
};

// A timestamp in RFC 3339 ("2026-01-14T10:41:03.529104+01:00", "2026-01-14T09:41:03Z"), in
// milliseconds since 1970 UTC. A time without a zone is read as UTC. nullopt when unreadable.
std::optional<qint64> parseTimestamp(QStringView text);
// "2026-01-14T09:41:03.529Z": UTC, milliseconds only where there are any.
QString timestampText(qint64 milliseconds);

// One resource instance's apply operation, from its apply_start to its apply_complete or
// apply_errored (matched by address and action).
struct ApplyStep {
    QString address; // hook.resource.addr
    QString action; // hook.action: delete, create, update, replace, read, ...
    qint64 start = -1; // @timestamp of apply_start; -1 when the log has none
    qint64 end = -1; // @timestamp of apply_complete or apply_errored; -1 when none
    double elapsedSeconds = -1; // from the end message; -1 when none
    bool completed = false;
    bool errored = false;
    QString idKey; // hook.id_key / id_value, of the start or the end
    QString idValue;
    QStringList errors; // the summaries of error diagnostics naming this address
    int line = 0; // the first line of the log about it
    // The time the step is placed at: its start, else its end.
    qint64 time() const { return start >= 0 ? start : end; }
};

struct ApplyDiagnostic {
    QString severity; // error, warning
    QString summary;
    QString detail;
    QString address; // diagnostic.address, when given
    qint64 time = -1;
    int line = 0;
};

struct ApplyLog {
    QString path;
    QString tool; // "terraform" or "opentofu" (the version message says which); empty if none
    QString version;
    QString uiVersion;
    QString operation; // change_summary.changes.operation: apply, destroy, ...
    QString summary; // change_summary's @message: "Destroy complete! Resources: 38 destroyed."
    std::vector<ApplyStep> steps; // in the order they started (or ended, without a start)
    std::vector<ApplyDiagnostic> diagnostics;
    Problems problems; // lines not read
    qint64 lines = 0;
    qint64 first = -1; // the earliest and latest @timestamp
    qint64 last = -1;
};

Result<ApplyLog> readApplyLog(const QString &path);

// One call from the audit log that a catalog knows (a delete, an empty, a retention or
// protection change), as read; a call the catalogs do not know is counted, not kept.
struct CloudEvent {
    qint64 time = -1;
    QString cloud; // aws, google, azure
    RecordFormat format = RecordFormat::CloudTrail;
    QString service;
    QString name;
    const CloudEventRule *rule = nullptr; // the first rule whose conditions hold
    bool dataLoss = false; // the rule's data_loss, as this request's parameters make it
    QString actor; // CloudTrail userIdentity.arn, ...; "" when the record names none
    QString userAgent;
    QString tool; // catalog.toolOf(userAgent)
    QString account; // CloudTrail recipientAccountId, GCP project, Azure subscription
    QString region;
    QString error; // "AccessDenied: ..." when the call failed; empty when it succeeded
    QString eventId;
    QString operationId; // Google's long-running operation, when it is one
    // Identity values found at the rule's paths, each with the attributes that may hold it.
    std::vector<std::pair<QString, QStringList>> identities;
    // The request facts that matter: name -> JSON text ("true", "\"edu-final\"").
    std::vector<std::pair<QString, QString>> details;
    QString file;
    int line = 0;
};

struct CloudLog {
    std::vector<CloudEvent> events; // in file order, files in the order given
    Problems problems;
    qint64 records = 0; // every record read, known or not
    qint64 unrecognised = 0; // records in none of the three formats
    bool complete = true; // every file read to its end (else the problems say where it broke)
    QStringList files;
};

// Reads each file (layout and gzip as recordfile_p.h says) with the shipped catalogs. A file
// that cannot be read at all is an error; bad records are problems.
Result<CloudLog> readCloudLogs(const QStringList &paths);
// The same with the catalogs given (tests).
Result<CloudLog> readCloudLogs(const QStringList &paths, const std::vector<CloudCatalog> &catalogs);
// The same, reading on past a file that cannot be opened: its error goes to `unopened` (the GUI
// shows what it could read, and why the rest is missing). An error only if a shipped catalog is
// broken.
Result<CloudLog> readCloudLogs(const QStringList &paths, std::vector<Error> *unopened);

} // namespace bg::core
