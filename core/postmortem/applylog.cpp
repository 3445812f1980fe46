// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Terraform's machine-readable UI, as hashicorp/terraform writes it:
// - every line: "@level", "@message", "@module" ("terraform.ui"), "@timestamp" (RFC 3339 with
//   the local zone and microseconds), "type" (views/json/message_types.go);
// - apply_start {hook: {resource, action, id_key?, id_value?}}, apply_progress {hook: {resource,
//   action, elapsed_seconds}}, apply_complete {hook: {resource, action, id_key?, id_value?,
//   elapsed_seconds}}, apply_errored {hook: {resource, action, elapsed_seconds}}, where
//   resource is {addr, module, resource, implied_provider, resource_type, resource_name,
//   resource_key} (views/json/hook.go, resource_addr.go);
// - diagnostic {diagnostic: {severity, summary, detail, address?, range?, snippet?}}
//   (views/json/diagnostic.go);
// - change_summary {changes: {add, change, import, remove, operation}} (change_summary.go);
// - version {terraform, ui} (views/json_view.go); OpenTofu writes "tofu" in place of
//   "terraform" (opentofu/opentofu internal/command/views/json_view.go).
#include "core/postmortem/recordjson_p.h"
#include "core/postmortem/records.h"

#include <QDateTime>
#include <QHash>
#include <algorithm>
#include <cstdlib>

namespace bg::core {

using detail::stringAt;

namespace {

bool digits(QStringView text, qsizetype at, qsizetype count, int *value)
{
    if (at + count > text.size())
        return false;
    int v = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        const QChar c = text[i];
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
        v = v * 10 + (c.unicode() - '0');
    }
    *value = v;
    return true;
}

// Days since 1970-01-01 of a civil date (the proleptic Gregorian calendar).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

} // namespace

std::optional<qint64> parseTimestamp(QStringView text)
{
    text = text.trimmed();
    int year, month, day, hour, minute, second;
    if (!digits(text, 0, 4, &year) || text.size() < 19 || text[4] != QLatin1Char('-')
        || !digits(text, 5, 2, &month) || text[7] != QLatin1Char('-') || !digits(text, 8, 2, &day)
        || (text[10] != QLatin1Char('T') && text[10] != QLatin1Char('t')
            && text[10] != QLatin1Char(' '))
        || !digits(text, 11, 2, &hour) || text[13] != QLatin1Char(':')
        || !digits(text, 14, 2, &minute) || text[16] != QLatin1Char(':')
        || !digits(text, 17, 2, &second))
        return std::nullopt;
    static const int monthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    // Before 1970 no record was written: a time there is a forgery or a mistake, and would read
    // as "no time" (-1) or sort before every true one.
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > monthDays[month - 1]
        || (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    qsizetype at = 19;
    int millis = 0;
    if (at < text.size() && (text[at] == QLatin1Char('.') || text[at] == QLatin1Char(','))) {
        ++at;
        int place = 100;
        const qsizetype first = at;
        while (at < text.size() && text[at].isDigit() && text[at].unicode() < 128) {
            millis += place * (text[at].unicode() - '0');
            place /= 10;
            ++at;
        }
        if (at == first)
            return std::nullopt;
    }
    int offsetMinutes = 0;
    if (at < text.size()) {
        const QChar zone = text[at];
        if (zone == QLatin1Char('Z') || zone == QLatin1Char('z')) {
            ++at;
        } else if (zone == QLatin1Char('+') || zone == QLatin1Char('-')) {
            int hours, minutes;
            if (!digits(text, at + 1, 2, &hours))
                return std::nullopt;
            qsizetype next = at + 3;
            if (next < text.size() && text[next] == QLatin1Char(':'))
                ++next;
            if (!digits(text, next, 2, &minutes) || hours > 23 || minutes > 59)
                return std::nullopt;
            offsetMinutes = (hours * 60 + minutes) * (zone == QLatin1Char('-') ? -1 : 1);
            at = next + 2;
        } else {
            return std::nullopt;
        }
    }
    if (at != text.size())
        return std::nullopt;
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const qint64 seconds
        = days * 86400 + hour * 3600 + minute * 60 + qMin(second, 59) - qint64(offsetMinutes) * 60;
    return seconds * 1000 + millis;
}

QString timestampText(qint64 milliseconds)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
    return time.toString(milliseconds % 1000 ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")
                                             : QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

namespace {

class ApplyLogReader {
public:
    explicit ApplyLogReader(ApplyLog &log)
        : m_log(log)
    {
    }

    void read(const detail::RawRecord &record)
    {
        ++m_log.lines;
        const int line = int(qMin<qint64>(record.line, INT_MAX));
        nlohmann::json message;
        Error problem;
        if (!detail::parseRecord(record, m_log.path, &message, &problem)) {
            m_log.problems.add(problem);
            return;
        }
        if (!message.is_object()) {
            skip(line, QStringLiteral("a line must be one JSON object"));
            return;
        }
        const QString type = stringAt(message, {"type"});
        if (type.isEmpty()) {
            skip(line,
                QStringLiteral("not a message of Terraform's machine-readable UI (it has no "
                               "\"type\")"));
            return;
        }
        ++m_messages;
        const QString stamp = stringAt(message, {"@timestamp"});
        const std::optional<qint64> time = parseTimestamp(stamp);
        if (time) {
            if (m_log.first < 0 || *time < m_log.first)
                m_log.first = *time;
            m_log.last = qMax(m_log.last, *time);
        }
        if (type == QLatin1String("version")) {
            m_log.tool = message.contains("tofu") ? QStringLiteral("opentofu")
                                                  : QStringLiteral("terraform");
            m_log.version = stringAt(message, {message.contains("tofu") ? "tofu" : "terraform"});
            m_log.uiVersion = stringAt(message, {"ui"});
            return;
        }
        if (type == QLatin1String("change_summary")) {
            m_log.operation = stringAt(message, {"changes", "operation"});
            m_log.summary = stringAt(message, {"@message"});
            return;
        }
        if (type == QLatin1String("diagnostic")) {
            diagnostic(message, time, line);
            return;
        }
        const bool start = type == QLatin1String("apply_start");
        const bool progress = type == QLatin1String("apply_progress");
        const bool complete = type == QLatin1String("apply_complete");
        const bool errored = type == QLatin1String("apply_errored");
        if (!start && !progress && !complete && !errored)
            return; // planned_change, refresh_*, outputs, log: not steps
        const QString address = stringAt(message, {"hook", "resource", "addr"});
        const QString action = stringAt(message, {"hook", "action"});
        if (address.isEmpty() || action.isEmpty()) {
            skip(line,
                QStringLiteral("a %1 message must name hook.resource.addr and hook.action")
                    .arg(type));
            return;
        }
        if (!time) {
            skip(line,
                QStringLiteral("\"@timestamp\" must be a time in RFC 3339 (not \"%1\")")
                    .arg(stamp.left(40)));
            return;
        }
        const auto hook = message.find("hook");
        const auto elapsed = hook->find("elapsed_seconds");
        const double seconds
            = elapsed != hook->end() && elapsed->is_number() ? elapsed->get<double>() : -1;
        ApplyStep &step = stepFor(address, action, start, complete || errored,
            seconds >= 0 ? *time - qint64(seconds * 1000) : -1, line);
        if (hook->contains("id_value") && (*hook)["id_value"].is_string()) {
            step.idKey = stringAt(*hook, {"id_key"});
            step.idValue = stringAt(*hook, {"id_value"});
        }
        if (start) {
            step.start = *time;
        } else if (complete || errored) {
            step.end = *time;
            step.completed = complete;
            step.errored = errored;
            step.elapsedSeconds = seconds;
        }
    }

    Status finish()
    {
        if (m_messages == 0) {
            return Error {m_log.path, 0, 0,
                QStringLiteral("not a log of Terraform's machine-readable UI (terraform apply "
                               "-json): no line is one of its messages")};
        }
        return {};
    }

private:
    void skip(int line, const QString &why)
    {
        m_log.problems.add(Error {m_log.path, line, 0, QStringLiteral("%1; skipped").arg(why)});
    }

    // The step a message is about. An apply_start begins one. The end (apply_complete or
    // apply_errored) closes an open one of the same address and action: the one that started
    // nearest to the end less its elapsed time, since two can run at once (a deposed object and
    // the current one are deleted under the same address). Anything else joins the oldest open
    // one. Without an open one, a step with no start is made.
    ApplyStep &stepFor(const QString &address, const QString &action, bool start, bool ends,
        qint64 startedAt, int line)
    {
        const QString key = address + QLatin1Char('\n') + action;
        std::vector<int> &open = m_open[key];
        if (!start && !open.empty()) {
            auto chosen = open.begin();
            if (ends && startedAt >= 0) {
                chosen = std::min_element(open.begin(), open.end(), [&](int a, int b) {
                    return std::llabs(m_log.steps[size_t(a)].start - startedAt)
                        < std::llabs(m_log.steps[size_t(b)].start - startedAt);
                });
            }
            const int index = *chosen;
            if (ends)
                open.erase(chosen);
            return m_log.steps[size_t(index)];
        }
        ApplyStep step;
        step.address = address;
        step.action = action;
        step.line = line;
        const int index = int(m_log.steps.size());
        if (!ends)
            open.push_back(index);
        m_lastStep.insert(address, index);
        m_log.steps.push_back(std::move(step));
        return m_log.steps.back();
    }

    void diagnostic(const nlohmann::json &message, std::optional<qint64> time, int line)
    {
        const auto d = message.find("diagnostic");
        if (d == message.end() || !d->is_object()) {
            skip(line, QStringLiteral("a diagnostic message must hold a \"diagnostic\" object"));
            return;
        }
        ApplyDiagnostic diagnostic;
        diagnostic.severity = stringAt(*d, {"severity"});
        diagnostic.summary = stringAt(*d, {"summary"});
        diagnostic.detail = stringAt(*d, {"detail"});
        diagnostic.address = stringAt(*d, {"address"});
        diagnostic.time = time.value_or(-1);
        diagnostic.line = line;
        if (diagnostic.severity == QLatin1String("error") && !diagnostic.address.isEmpty()) {
            // The step it is about: the last one of that address.
            const int step = m_lastStep.value(diagnostic.address, -1);
            if (step >= 0)
                m_log.steps[size_t(step)].errors.append(diagnostic.summary);
        }
        m_log.diagnostics.push_back(std::move(diagnostic));
    }

    ApplyLog &m_log;
    QHash<QString, std::vector<int>> m_open; // address and action -> steps not yet ended
    QHash<QString, int> m_lastStep; // address -> its last step
    qint64 m_messages = 0;
};

} // namespace

Result<ApplyLog> readApplyLog(const QString &path)
{
    ApplyLog log;
    log.path = path;
    ApplyLogReader reader(log);
    Result<detail::RecordFileFacts> facts = detail::readRecordFile(
        path, true, &log.problems, [&](const detail::RawRecord &record) { reader.read(record); });
    if (!facts)
        return facts.error();
    if (Status done = reader.finish(); !done)
        return done.error();
    // In the order they happened.
    std::stable_sort(log.steps.begin(), log.steps.end(),
        [](const ApplyStep &a, const ApplyStep &b) { return a.time() < b.time(); });
    return log;
}

} // namespace bg::core
