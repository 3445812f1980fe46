// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/strictjson.h"

#include "core/loading/loader.h"

#include <QJsonParseError>
#include <cmath>

namespace bg::core {

using detail::JsonPath;
using detail::operator+;

namespace {

// "one of a, b, c (not "x")", for a value that is not one of `names`.
QString oneOf(const QStringList &names, const QJsonValue &value)
{
    return QStringLiteral("one of %1%2")
        .arg(names.join(QStringLiteral(", ")),
            value.isString() ? QStringLiteral(" (not \"%1\")").arg(value.toString()) : QString());
}

// 3, 0.5, 1000000000: whole numbers without an exponent.
QString numberWords(double value)
{
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value);
}

} // namespace

QString NumberRange::words() const
{
    QString words = whole ? QStringLiteral("a whole number") : QStringLiteral("a number");
    const bool low = std::isfinite(min), high = std::isfinite(max);
    if (low && minExcluded)
        words += QStringLiteral(" greater than %1").arg(numberWords(min));
    else if (low && high)
        words += QStringLiteral(" from %1 to %2").arg(numberWords(min), numberWords(max));
    else if (low)
        words += QStringLiteral(" of at least %1").arg(numberWords(min));
    if (high && (minExcluded || !low))
        words += QStringLiteral("%1 at most %2")
                     .arg(low ? QStringLiteral(" and") : QStringLiteral(" of"), numberWords(max));
    return words;
}

Result<QByteArray> StrictJson::readBytes(const QString &path, const files::ReadLimit &limit)
{
    Result<QByteArray> bytes = files::readFile(path, limit);
    if (!bytes)
        return Error {path, 0, 0,
            QStringLiteral("cannot read %1: %2").arg(limit.what, bytes.error().message)};
    return bytes;
}

Result<StrictJson> StrictJson::parse(QByteArray bytes, const QString &path, const QString &what)
{
    StrictJson file;
    file.m_path = path;
    file.m_what = what;
    file.m_bytes = std::move(bytes);
    QJsonParseError parseError;
    file.m_document = QJsonDocument::fromJson(file.m_bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        Error error {
            path, 0, 0, QStringLiteral("not valid JSON: %1").arg(parseError.errorString())};
        // Qt's offset is just past the byte the parser stopped at: point at that byte.
        detail::lineAndColumn(
            file.m_bytes, qMax(0, parseError.offset - 1), &error.line, &error.column);
        return error;
    }
    return file;
}

Result<StrictJson> StrictJson::read(const QString &path, const files::ReadLimit &limit)
{
    Result<QByteArray> bytes = readBytes(path, limit);
    if (!bytes)
        return bytes.error();
    return parse(std::move(bytes).value(), path, limit.what);
}

std::optional<StrictObject> StrictJson::root()
{
    if (!m_document.isObject()) {
        fail({}, QStringLiteral("%1 must be a JSON object").arg(m_what));
        return std::nullopt;
    }
    return StrictObject(*this, m_document.object(), {});
}

std::optional<StrictObject> StrictJson::root(const QString &schema, const QStringList &members)
{
    auto top = root();
    if (!top || !this->schema(*top, schema) || !top->onlyMembers(members))
        return std::nullopt;
    return top;
}

std::optional<StrictObject> StrictJson::object(const QJsonValue &value, const JsonPath &at)
{
    if (!value.isObject()) {
        mustBe(at, QStringLiteral("an object"));
        return std::nullopt;
    }
    return StrictObject(*this, value.toObject(), at);
}

bool StrictJson::schema(const StrictObject &root, const QString &schema)
{
    const QJsonValue value = root.value(QStringLiteral("schema"));
    if (!value.isString())
        return fail(root.at(QStringLiteral("schema")),
            QStringLiteral("not %1: \"schema\" must be \"%2\"").arg(m_what, schema));
    if (value.toString() != schema)
        return fail(root.at(QStringLiteral("schema")),
            QStringLiteral("unknown schema \"%1\" (this version reads %2)")
                .arg(value.toString(), schema));
    return true;
}

bool StrictJson::fail(const JsonPath &at, const QString &message)
{
    if (m_error)
        return false;
    Error error {m_path, 0, 0, message};
    // A path that is not in the file (a missing member) points at the object it is missing
    // from; the top at the first byte that is not white space.
    JsonPath place = at;
    while (!place.empty() && !detail::jsonPathPosition(m_bytes, place, &error.line, &error.column))
        place.pop_back();
    if (place.empty()) {
        qsizetype first = 0;
        while (first < m_bytes.size() && QChar::isSpace(uchar(m_bytes[first])))
            ++first;
        detail::lineAndColumn(m_bytes, first, &error.line, &error.column);
    }
    m_error = std::move(error);
    return false;
}

bool StrictJson::mustBe(const JsonPath &at, const QString &words)
{
    return fail(at, QStringLiteral("%1 must be %2").arg(quoted(at), words));
}

bool StrictJson::unique(const QString &value, const JsonPath &at, QHash<QString, JsonPath> &seen)
{
    const auto first = seen.constFind(value);
    if (first != seen.constEnd())
        return mustBe(
            at, QStringLiteral("unique: \"%1\" is also in %2").arg(value, quoted(*first)));
    seen.insert(value, at);
    return true;
}

Status StrictJson::status() const
{
    if (m_error)
        return *m_error;
    return {};
}

QString StrictJson::name(const JsonPath &path)
{
    QString words;
    for (const detail::JsonStep &step : path) {
        if (const QString *key = std::get_if<QString>(&step))
            words += (words.isEmpty() ? QString() : QStringLiteral(".")) + *key;
        else
            words += QStringLiteral("[%1]").arg(std::get<qsizetype>(step));
    }
    return words;
}

QString StrictJson::quoted(const JsonPath &path)
{
    return QLatin1Char('"') + name(path) + QLatin1Char('"');
}

JsonPath StrictObject::at(const QString &key) const
{
    return m_path + key;
}

bool StrictObject::mayBeAbsent(const QString &key, Need need)
{
    if (need == Need::Optional)
        return true;
    return m_file->fail(at(key),
        m_path.empty()
            ? QStringLiteral("missing member \"%1\"").arg(key)
            : QStringLiteral("missing member \"%1\" in %2").arg(key, StrictJson::quoted(m_path)));
}

bool StrictObject::onlyMembers(const QStringList &known)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (known.contains(it.key()))
            continue;
        const QString in
            = m_path.empty() ? QString() : QStringLiteral(" in ") + StrictJson::quoted(m_path);
        return m_file->fail(at(it.key()),
            QStringLiteral("unknown member \"%1\"%2 (known here: %3)")
                .arg(it.key(), in, known.join(QStringLiteral(", "))));
    }
    return true;
}

std::optional<QString> StrictObject::string(
    const QString &key, Need need, Empty empty, const QString &fallback)
{
    if (!contains(key))
        return mayBeAbsent(key, need) ? std::optional(fallback) : std::nullopt;
    const QJsonValue v = value(key);
    if (!v.isString() || (empty == Empty::Refused && v.toString().trimmed().isEmpty())) {
        m_file->mustBe(at(key),
            empty == Empty::Refused ? QStringLiteral("a non-empty string")
                                    : QStringLiteral("a string"));
        return std::nullopt;
    }
    return v.toString();
}

std::optional<bool> StrictObject::flag(const QString &key, Need need, bool fallback)
{
    if (!contains(key))
        return mayBeAbsent(key, need) ? std::optional(fallback) : std::nullopt;
    if (!value(key).isBool()) {
        m_file->mustBe(at(key), QStringLiteral("true or false"));
        return std::nullopt;
    }
    return value(key).toBool();
}

std::optional<double> StrictObject::number(
    const QString &key, const NumberRange &range, Need need, double fallback)
{
    if (!contains(key))
        return mayBeAbsent(key, need) ? std::optional(fallback) : std::nullopt;
    const QJsonValue v = value(key);
    const double n = v.toDouble();
    const bool fits = v.isDouble() && std::isfinite(n)
        && (range.minExcluded ? n > range.min : n >= range.min) && n <= range.max
        && (!range.whole || n == std::floor(n));
    if (!fits) {
        m_file->mustBe(at(key), range.words());
        return std::nullopt;
    }
    return n;
}

std::optional<QString> StrictObject::name(
    const QString &key, const QStringList &names, Need need, const QString &fallback)
{
    if (!contains(key))
        return mayBeAbsent(key, need) ? std::optional(fallback) : std::nullopt;
    const QJsonValue v = value(key);
    if (!v.isString() || !names.contains(v.toString())) {
        m_file->mustBe(at(key), oneOf(names, v));
        return std::nullopt;
    }
    return v.toString();
}

std::optional<QStringList> StrictObject::strings(
    const QString &key, Need need, Empty list, Empty entries, const QStringList &names)
{
    if (!contains(key))
        return mayBeAbsent(key, need) ? std::optional(QStringList()) : std::nullopt;
    const QJsonValue v = value(key);
    const QJsonArray array = v.toArray();
    if (!v.isArray() || (list == Empty::Refused && array.isEmpty())) {
        m_file->mustBe(at(key),
            list == Empty::Refused ? QStringLiteral("a non-empty list of strings")
                                   : QStringLiteral("a list of strings"));
        return std::nullopt;
    }
    QStringList out;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue entry = array.at(i);
        const JsonPath here = at(key) + i;
        if (!names.isEmpty() && (!entry.isString() || !names.contains(entry.toString()))) {
            m_file->mustBe(here, oneOf(names, entry));
            return std::nullopt;
        }
        if (!entry.isString()
            || (entries == Empty::Refused && entry.toString().trimmed().isEmpty())) {
            m_file->mustBe(here,
                entries == Empty::Refused ? QStringLiteral("a non-empty string")
                                          : QStringLiteral("a string"));
            return std::nullopt;
        }
        out.append(entry.toString());
    }
    return out;
}

std::optional<QJsonArray> StrictObject::list(const QString &key, Need need, Empty empty)
{
    if (!contains(key))
        return mayBeAbsent(key, need) ? std::optional(QJsonArray()) : std::nullopt;
    const QJsonValue v = value(key);
    if (!v.isArray() || (empty == Empty::Refused && v.toArray().isEmpty())) {
        m_file->mustBe(at(key),
            empty == Empty::Refused ? QStringLiteral("a non-empty list")
                                    : QStringLiteral("a list"));
        return std::nullopt;
    }
    return v.toArray();
}

std::optional<StrictObject> StrictObject::object(const QString &key, Need need)
{
    if (!contains(key))
        return mayBeAbsent(key, need) ? std::optional(StrictObject(*m_file, {}, at(key)))
                                      : std::nullopt;
    return m_file->object(value(key), at(key));
}

} // namespace bg::core
