// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The cloud's audit records. Which fields are read, for each format, and where each is
// documented: resources/postmortem/README.md.
#include "core/loading/jsonskip_p.h"
#include "core/postmortem/recordjson_p.h"
#include "core/postmortem/records.h"

#include <QSet>
#include <cstring>
#include <string_view>

namespace bg::core {

using detail::stringAt;
using detail::valuesAt;

namespace {

// Azure writes an event as an operation goes: Started (or Accepted), then Succeeded or Failed.
// Only the last says what happened.
bool azureInProgress(const QString &status)
{
    return status.compare(QLatin1String("Started"), Qt::CaseInsensitive) == 0
        || status.compare(QLatin1String("Accepted"), Qt::CaseInsensitive) == 0
        || status.compare(QLatin1String("Active"), Qt::CaseInsensitive) == 0;
}

bool holds(const nlohmann::json &record, const EventCondition &condition)
{
    const QJsonValue wanted = condition.equals;
    for (const nlohmann::json *value : valuesAt(record, condition.path)) {
        if (wanted.isBool() && value->is_boolean() && value->get<bool>() == wanted.toBool())
            return true;
        if (wanted.isDouble() && value->is_number() && value->get<double>() == wanted.toDouble())
            return true;
        if (wanted.isString() && value->is_string()
            && QString::fromStdString(value->get_ref<const std::string &>()) == wanted.toString())
            return true;
        if (wanted.isNull() && value->is_null())
            return true;
    }
    return false;
}

// A detail's value as JSON for the reports: scalars as they are, anything else as its text.
QString detailJson(const nlohmann::json &value)
{
    const auto replace = nlohmann::json::error_handler_t::replace;
    if (value.is_object() || value.is_array())
        return QString::fromStdString(
            nlohmann::json(value.dump(-1, ' ', false, replace)).dump(-1, ' ', false, replace));
    return QString::fromStdString(value.dump(-1, ' ', false, replace));
}

class CloudReader {
public:
    CloudReader(CloudLog &log, const std::vector<CloudCatalog> &catalogs)
        : m_log(log)
        , m_catalogs(catalogs)
    {
        for (const CloudCatalog &catalog : catalogs) {
            if (catalog.format == RecordFormat::CloudTrail)
                m_cloudTrail = &catalog;
        }
    }

    void read(const QString &path, const detail::RawRecord &record)
    {
        ++m_log.records;
        const std::string_view text(record.bytes.data(), size_t(record.bytes.size()));
        // Most records are calls nobody asked about (Describe*, Get*, List*): a valid record
        // whose every eventName is a name no catalog knows is counted and left unparsed.
        if (valid(text) && !mayMatter(text))
            return;
        nlohmann::json parsed;
        Error problem;
        if (!detail::parseRecord(record, path, &parsed, &problem)) {
            m_log.problems.add(problem);
            return;
        }
        take(path, int(qMin<qint64>(record.line, INT_MAX)), parsed, 0);
    }

private:
    bool valid(std::string_view text)
    {
        if (text.size() < 2 || text.front() != '{')
            return false;
        const char *end = text.data() + text.size();
        const char *closing = detail::skipContainer(text.data() + 1, end, false, &m_stack);
        return closing == end - 1;
    }

    // False only when the record is CloudTrail's (it names an eventName) and no catalog knows
    // any name it gives. Text in doubt (an escape in the name, spaces around the colon) may
    // matter.
    bool mayMatter(std::string_view text) const
    {
        static constexpr std::string_view key = "\"eventName\"";
        if (!m_cloudTrail || text.find("\"protoPayload\"") != std::string_view::npos
            || text.find("\"operationName\"") != std::string_view::npos)
            return true;
        size_t at = text.find(key);
        if (at == std::string_view::npos)
            return true;
        const char *end = text.data() + text.size();
        const auto after = [&](const char *p) {
            return size_t(detail::skipSpace(p, end) - text.data());
        };
        while (at != std::string_view::npos) {
            size_t i = after(text.data() + at + key.size());
            if (i >= text.size() || text[i] != ':')
                return true;
            i = after(text.data() + i + 1);
            if (i < text.size() && text[i] == '"') {
                const size_t close = text.find('"', i + 1);
                if (close == std::string_view::npos)
                    return true;
                const std::string_view name = text.substr(i + 1, close - i - 1);
                if (name.find('\\') != std::string_view::npos
                    || m_cloudTrail->knowsName(QByteArrayView(name.data(), qsizetype(name.size()))))
                    return true;
            }
            at = text.find(key, at + key.size());
        }
        return false;
    }

    const CloudCatalog *catalogOf(RecordFormat format) const
    {
        for (const CloudCatalog &catalog : m_catalogs) {
            if (catalog.format == format)
                return &catalog;
        }
        return nullptr;
    }

    void skip(const QString &path, int line, const QString &why)
    {
        m_log.problems.add(Error {path, line, 0, QStringLiteral("%1; skipped").arg(why)});
    }

    void take(const QString &path, int line, const nlohmann::json &record, int depth)
    {
        if (!record.is_object()) {
            skip(path, line, QStringLiteral("a record must be a JSON object"));
            return;
        }
        // `aws cloudtrail lookup-events` gives each event as a JSON string in CloudTrailEvent
        // (CloudTrail API reference, "Event"), beside a few of its members.
        if (const auto inner = record.find("CloudTrailEvent");
            depth == 0 && inner != record.end() && inner->is_string()) {
            const std::string &text = inner->get_ref<const std::string &>();
            nlohmann::json event;
            Error problem;
            if (!detail::parseRecord(
                    detail::RawRecord {
                        QByteArrayView(text.data(), qsizetype(text.size())), line, 1},
                    path, &event, &problem)) {
                problem.line = line;
                problem.column = 0;
                problem.message = QStringLiteral("CloudTrailEvent: ") + problem.message;
                m_log.problems.add(problem);
                return;
            }
            take(path, line, event, depth + 1);
            return;
        }
        CloudEvent event;
        QString stamp;
        QString status;
        if (record.contains("eventSource") && record.contains("eventName")) {
            event.format = RecordFormat::CloudTrail;
            stamp = stringAt(record, {"eventTime"});
            event.service = stringAt(record, {"eventSource"});
            event.name = stringAt(record, {"eventName"});
            event.actor = stringAt(record, {"userIdentity", "arn"});
            if (event.actor.isEmpty())
                event.actor = stringAt(record, {"userIdentity", "userName"});
            if (event.actor.isEmpty())
                event.actor = stringAt(record, {"userIdentity", "principalId"});
            if (event.actor.isEmpty())
                event.actor = stringAt(record, {"userIdentity", "invokedBy"});
            event.userAgent = stringAt(record, {"userAgent"});
            event.account = stringAt(record, {"recipientAccountId"});
            if (event.account.isEmpty())
                event.account = stringAt(record, {"userIdentity", "accountId"});
            event.region = stringAt(record, {"awsRegion"});
            const QString code = stringAt(record, {"errorCode"});
            if (!code.isEmpty()) {
                const QString message = stringAt(record, {"errorMessage"});
                event.error = message.isEmpty() ? code : code + QStringLiteral(": ") + message;
            }
            event.eventId = stringAt(record, {"eventID"});
        } else if (record.contains("protoPayload") && record["protoPayload"].is_object()) {
            event.format = RecordFormat::GcpAuditLog;
            const nlohmann::json &payload = record["protoPayload"];
            QString failure;
            const auto code = payload.find("status");
            if (code != payload.end() && code->is_object() && code->contains("code")
                && (*code)["code"].is_number() && (*code)["code"].get<double>() != 0) {
                failure = QStringLiteral("status %1: %2")
                              .arg((*code)["code"].get<double>())
                              .arg(stringAt(*code, {"message"}));
            }
            // A long-running operation logs a first entry (the request, by whom) and a last one
            // (LogEntry.operation: id, first, last): one call, read once, from whichever of its
            // entries comes first; a later entry that failed says the call failed.
            const auto operation = record.find("operation");
            const QString operationId = operation != record.end() && operation->is_object()
                ? stringAt(*operation, {"id"})
                : QString();
            if (!operationId.isEmpty()) {
                const auto seen = m_operations.constFind(operationId);
                if (seen != m_operations.constEnd()) {
                    if (*seen >= 0 && !failure.isEmpty())
                        m_log.events[size_t(*seen)].error = failure;
                    return;
                }
                m_operations.insert(operationId, -1);
            }
            event.error = failure;
            event.operationId = operationId;
            stamp = stringAt(record, {"timestamp"});
            event.service = stringAt(payload, {"serviceName"});
            event.name = stringAt(payload, {"methodName"});
            event.actor = stringAt(payload, {"authenticationInfo", "principalEmail"});
            event.userAgent = stringAt(payload, {"requestMetadata", "callerSuppliedUserAgent"});
            event.account = stringAt(record, {"resource", "labels", "project_id"});
            for (const char *key : {"location", "zone", "region"}) {
                if (event.region.isEmpty())
                    event.region = stringAt(record, {"resource", "labels", key});
            }
            event.eventId = stringAt(record, {"insertId"});
        } else if (record.contains("operationName")
            && (record.contains("resourceId") || record.contains("resourceUri"))) {
            event.format = RecordFormat::AzureActivityLog;
            stamp = stringAt(record, {"eventTimestamp"});
            if (stamp.isEmpty())
                stamp = stringAt(record, {"time"});
            event.name = record["operationName"].is_object()
                ? stringAt(record, {"operationName", "value"})
                : stringAt(record, {"operationName"});
            event.service = event.name.section(QLatin1Char('/'), 0, 0);
            event.actor = stringAt(record, {"caller"});
            event.account = stringAt(record, {"subscriptionId"});
            QString resourceId = stringAt(record, {"resourceId"});
            if (resourceId.isEmpty())
                resourceId = stringAt(record, {"resourceUri"});
            if (event.account.isEmpty()) {
                const QStringList parts = resourceId.split(QLatin1Char('/'));
                const qsizetype at = parts.indexOf(QStringLiteral("subscriptions"), 0);
                if (at >= 0 && at + 1 < parts.size())
                    event.account = parts[at + 1];
            }
            status = record.contains("status") && record["status"].is_object()
                ? stringAt(record, {"status", "value"})
                : stringAt(record, {"resultType"});
            if (azureInProgress(status))
                return;
            if (status.compare(QLatin1String("Failed"), Qt::CaseInsensitive) == 0
                || status.compare(QLatin1String("Failure"), Qt::CaseInsensitive) == 0) {
                const QString sub = stringAt(record, {"subStatus", "value"});
                event.error = sub.isEmpty() ? status : status + QStringLiteral(": ") + sub;
            }
            event.eventId = stringAt(record, {"eventDataId"});
        } else {
            // A whole CloudTrail file on one line of a lines file.
            for (const char *key : {"Records", "records"}) {
                const auto list = record.find(key);
                if (depth == 0 && list != record.end() && list->is_array()) {
                    for (const nlohmann::json &entry : *list)
                        take(path, line, entry, depth + 1);
                    return;
                }
            }
            ++m_log.unrecognised;
            return;
        }
        const CloudCatalog *catalog = catalogOf(event.format);
        if (!catalog)
            return;
        const CloudEventRule *rule = nullptr;
        for (const CloudEventRule *candidate : catalog->rulesFor(event.service, event.name)) {
            if (candidate->whenAny.empty()
                || std::any_of(candidate->whenAny.begin(), candidate->whenAny.end(),
                    [&](const EventCondition &c) { return holds(record, c); })) {
                rule = candidate;
                break;
            }
        }
        if (!rule)
            return;
        const std::optional<qint64> time = parseTimestamp(stamp);
        if (!time) {
            skip(path, line,
                QStringLiteral("%1 has no readable time (\"%2\" must be RFC 3339)")
                    .arg(event.name, stamp.left(40)));
            return;
        }
        event.time = *time;
        event.dataLoss = rule->dataLoss
            && (rule->dataLossWhenAny.empty()
                || std::any_of(rule->dataLossWhenAny.begin(), rule->dataLossWhenAny.end(),
                    [&](const EventCondition &c) { return holds(record, c); }));
        event.cloud = catalog->cloud;
        event.rule = rule;
        event.tool = catalog->toolOf(event.userAgent);
        event.file = path;
        event.line = line;
        for (const IdentityPath &identity : rule->identity) {
            for (const nlohmann::json *value : valuesAt(record, identity.path)) {
                if (value->is_string() || value->is_number())
                    event.identities.emplace_back(detail::valueText(*value), identity.attributes);
            }
        }
        for (const QStringList &detail : rule->details) {
            QString name;
            for (auto step = detail.rbegin(); step != detail.rend() && name.isEmpty(); ++step) {
                if (*step != QLatin1String("[]"))
                    name = *step;
            }
            for (const nlohmann::json *value : valuesAt(record, detail))
                event.details.emplace_back(name, detailJson(*value));
        }
        if (!event.operationId.isEmpty())
            m_operations.insert(event.operationId, qsizetype(m_log.events.size()));
        m_log.events.push_back(std::move(event));
    }

    CloudLog &m_log;
    const std::vector<CloudCatalog> &m_catalogs;
    const CloudCatalog *m_cloudTrail = nullptr;
    std::string m_stack;
    // Google's long-running operations already read: the index of their event, -1 when none
    // was kept.
    QHash<QString, qsizetype> m_operations;
};

} // namespace

namespace {

// Every file with one reader (so that a Google operation's entries in two files are one call).
// A file that cannot be opened ends the read with its error, or with `unopened` goes there and
// the other files are read.
Result<CloudLog> readAll(const QStringList &paths, const std::vector<CloudCatalog> &catalogs,
    std::vector<Error> *unopened)
{
    CloudLog log;
    CloudReader reader(log, catalogs);
    for (const QString &path : paths) {
        Result<detail::RecordFileFacts> facts = detail::readRecordFile(path, false, &log.problems,
            [&](const detail::RawRecord &record) { reader.read(path, record); });
        if (!facts) {
            if (!unopened)
                return facts.error();
            unopened->push_back(facts.error());
            continue;
        }
        log.complete = log.complete && facts->complete;
        log.files.append(path);
    }
    return log;
}

} // namespace

Result<CloudLog> readCloudLogs(const QStringList &paths, const std::vector<CloudCatalog> &catalogs)
{
    return readAll(paths, catalogs, nullptr);
}

Result<CloudLog> readCloudLogs(const QStringList &paths)
{
    const Result<std::vector<CloudCatalog>> &catalogs = shippedCloudCatalogs();
    if (!catalogs)
        return catalogs.error();
    return readAll(paths, *catalogs, nullptr);
}

Result<CloudLog> readCloudLogs(const QStringList &paths, std::vector<Error> *unopened)
{
    const Result<std::vector<CloudCatalog>> &catalogs = shippedCloudCatalogs();
    if (!catalogs)
        return catalogs.error();
    return readAll(paths, *catalogs, unopened);
}

} // namespace bg::core
