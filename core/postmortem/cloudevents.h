// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the cloud's audit logs say, as data: which calls delete, empty, shorten retention or
// lift protection; which Terraform resource type each acts on and where the record names it;
// which user agents are which tools. resources/postmortem/*.json (README.md there cites each
// format), embedded in every program like the rules, so that no data directory changes what a
// postmortem reads.
#pragma once

#include "core/result.h"

#include <QHash>
#include <QJsonValue>
#include <QSet>
#include <QStringList>
#include <vector>

namespace bg::core {

enum class CloudEffect : quint8 { Delete, Empty, Retention, Protection };
QString cloudEffectName(CloudEffect effect); // "delete", "empty", "retention", "protection"

// Where a record names the resource: a dotted path from the record's top, "[]" for every entry
// of a list ("requestParameters.instancesSet.items[].instanceId"), and the resource's
// attributes that hold the same value.
struct IdentityPath {
    QStringList path;
    QStringList attributes;
};

// The event matters only when the value at `path` is `equals` (ModifyDBInstance turning
// deletion protection off).
struct EventCondition {
    QStringList path;
    QJsonValue equals;
};

struct CloudEventRule {
    QString service; // CloudTrail eventSource, the audit log's serviceName, Azure's namespace
    QString name; // eventName, methodName, operationName
    CloudEffect effect = CloudEffect::Delete;
    QString type; // the Terraform resource type it acts on
    std::vector<IdentityPath> identity;
    std::vector<QStringList> details; // paths of the request facts that matter
    std::vector<EventCondition> whenAny; // empty: always
    bool dataLoss = false; // once it succeeds, stored data is gone
    // When given, data is lost only where one of these holds of the request (DeleteDBInstance:
    // only with skipFinalSnapshot true; by default RDS takes a final snapshot).
    std::vector<EventCondition> dataLossWhenAny;
    QString source; // the API reference
};

enum class ToolMatch : quint8 { Contains, Prefix, Equals };
struct ToolRule {
    ToolMatch match = ToolMatch::Contains;
    QString text;
    QString tool; // terraform, opentofu, aws-cli, console, sdk, ...
};

enum class RecordFormat : quint8 { CloudTrail, GcpAuditLog, AzureActivityLog };
QString recordFormatName(RecordFormat format); // "cloudtrail", "gcp-audit-log", ...

struct CloudCatalog {
    QString cloud; // aws, google, azure
    RecordFormat format = RecordFormat::CloudTrail;
    std::vector<ToolRule> tools; // first match wins
    // Services whose calls the log records in one region whatever region they act in (IAM's,
    // in us-east-1): never "another region".
    QStringList globalServices;
    std::vector<CloudEventRule> events;
    // The tool a user agent names; "unknown" when none matches or it is empty.
    QString toolOf(const QString &userAgent) const;
    // The rules for this call, by name (case-insensitive for Azure), then service.
    std::vector<const CloudEventRule *> rulesFor(const QString &service, const QString &name) const;
    // Whether any rule has this name as written (what the fast pass over a record asks; Azure's
    // names are compared folded, so its fast pass is not used).
    bool knowsName(QByteArrayView name) const;

    QHash<QString, std::vector<int>> byName; // name (lower-cased for Azure) -> events
    QSet<QByteArray> names; // every name as written, UTF-8 (knowsName)
};

// Reads one catalog file: strict (unknown members, wrong types and duplicate events are
// errors with their line and column).
Result<CloudCatalog> readCloudCatalog(const QString &path);
// The shipped catalogs (AWS, Google Cloud, Azure), read once and kept for the life of the
// program (events point at their rules). An error only if a shipped file is broken, which the
// tests rule out.
const Result<std::vector<CloudCatalog>> &shippedCloudCatalogs();

} // namespace bg::core
