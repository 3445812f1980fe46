// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/jsonscanner_p.h"
#include "core/postmortem/recordjson_p.h"

namespace bg::core::detail {

namespace {

// How deep the record's containers nest (outside strings). nlohmann reads any depth, but writes
// and compares recursively: a record 100,000 levels deep would overflow the stack later.
int depthOf(QByteArrayView bytes)
{
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (const char c : bytes) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

} // namespace

bool parseRecord(const RawRecord &record, const QString &path, nlohmann::json *out, Error *problem)
{
    const char *begin = record.bytes.data();
    const char *end = begin + record.bytes.size();
    if (depthOf(record.bytes) > MaxRecordDepth) {
        *problem = Error {path, int(qMin<qint64>(record.line, INT_MAX)),
            int(qMin<qint64>(record.column, INT_MAX)),
            QStringLiteral("nested deeper than %1 levels, which no audit record is; skipped")
                .arg(MaxRecordDepth)};
        return false;
    }
    try {
        *out = nlohmann::json::parse(begin, end);
        return true;
    } catch (const nlohmann::json::parse_error &e) {
        const std::string message = parseErrorReason(e.what());
        // e.byte is one past the offending byte, 1-based.
        const qsizetype at = qBound<qsizetype>(0, qsizetype(e.byte) - 1, record.bytes.size());
        qint64 line = record.line;
        qint64 column = record.column;
        for (qsizetype i = 0; i < at; ++i) {
            if (begin[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        QString why = QString::fromStdString(message);
        if (at >= record.bytes.size() - 1)
            why += QStringLiteral(" (the record ends here: is it cut short?)");
        *problem
            = Error {path, int(qMin<qint64>(line, INT_MAX)), int(qMin<qint64>(column, INT_MAX)),
                QStringLiteral("not valid JSON, skipped: %1").arg(why)};
        return false;
    }
}

namespace {

void collect(const nlohmann::json &value, const QStringList &path, qsizetype step,
    std::vector<const nlohmann::json *> *found)
{
    if (step == path.size()) {
        found->push_back(&value);
        return;
    }
    const QString &name = path[step];
    if (name == QLatin1String("[]")) {
        if (value.is_array()) {
            for (const nlohmann::json &entry : value)
                collect(entry, path, step + 1, found);
        }
        return;
    }
    if (!value.is_object())
        return;
    const auto it = value.find(name.toStdString());
    if (it != value.end())
        collect(*it, path, step + 1, found);
}

} // namespace

std::vector<const nlohmann::json *> valuesAt(const nlohmann::json &root, const QStringList &path)
{
    std::vector<const nlohmann::json *> found;
    collect(root, path, 0, &found);
    return found;
}

QString stringAt(const nlohmann::json &root, const QStringList &path)
{
    for (const nlohmann::json *value : valuesAt(root, path)) {
        if (value->is_string())
            return QString::fromStdString(value->get_ref<const std::string &>());
    }
    return {};
}

QString stringAt(const nlohmann::json &root, std::initializer_list<const char *> path)
{
    const nlohmann::json *value = &root;
    for (const char *step : path) {
        if (!value->is_object())
            return {};
        const auto it = value->find(step);
        if (it == value->end())
            return {};
        value = &*it;
    }
    return value->is_string() ? QString::fromStdString(value->get_ref<const std::string &>())
                              : QString();
}

QString valueText(const nlohmann::json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get_ref<const std::string &>());
    return QString::fromStdString(
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace bg::core::detail
