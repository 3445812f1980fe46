// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/masking.h"

#include "core/loading/jsonpositions_p.h"
#include "core/loading/jsonskip_p.h"
#include "core/risk/maskingrules.h"
#include "core/unicodeblocks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>

namespace bg::core {

namespace {

constexpr int MaxDepth = 200;

QJsonValue childMask(const QJsonValue &mask, const QString &key, int index)
{
    if (mask.isObject())
        return mask.toObject().value(index >= 0 ? QString::number(index) : key);
    if (mask.isArray() && index >= 0)
        return mask.toArray().at(index);
    return QJsonValue();
}

// Two sensitivity maps as one: true wins over any structure below it.
QJsonValue unionOf(const QJsonValue &a, const QJsonValue &b, int depth)
{
    if ((a.isBool() && a.toBool()) || (b.isBool() && b.toBool()) || depth > MaxDepth)
        return (a.isBool() && a.toBool()) || (b.isBool() && b.toBool()) ? QJsonValue(true) : a;
    if (a.isObject() && b.isObject()) {
        QJsonObject out = a.toObject();
        const QJsonObject other = b.toObject();
        for (auto it = other.begin(); it != other.end(); ++it)
            out.insert(it.key(), unionOf(out.value(it.key()), it.value(), depth + 1));
        return out;
    }
    if (a.isArray() && b.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        QJsonArray out;
        for (qsizetype i = 0; i < std::max(x.size(), y.size()); ++i)
            out.append(unionOf(
                i < x.size() ? x[i] : QJsonValue(), i < y.size() ? y[i] : QJsonValue(), depth + 1));
        return out;
    }
    // One side has structure and the other none (absent, false, or another shape).
    return a.isObject() || a.isArray() ? a : b;
}

QJsonValue mask(
    const QJsonValue &value, const QJsonValue &sensitive, const RuleSet &rules, int depth);

// A string is shown unless it is a secret by its text (resources/masking: private keys,
// passwords in URLs or connection strings, webhook URLs). A string that holds a JSON object or
// list (ECS container_definitions, IAM policies) is masked inside and shown re-encoded when
// something in it was masked, so the rest stays readable.
QJsonValue maskString(const QString &text, const RuleSet &rules, int depth)
{
    const MaskingRules &masking = MaskingRules::shipped();
    const auto first
        = std::find_if_not(text.begin(), text.end(), [](QChar c) { return c.isSpace(); });
    if (first != text.end() && (*first == u'{' || *first == u'[')) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError
            && (document.isObject() || document.isArray())) {
            const QJsonValue inner = document.isObject() ? QJsonValue(document.object())
                                                         : QJsonValue(document.array());
            const QJsonValue masked = mask(inner, QJsonValue(), rules, depth + 1);
            if (masked != inner) {
                const QString encoded
                    = QString::fromUtf8((masked.isObject() ? QJsonDocument(masked.toObject())
                                                           : QJsonDocument(masked.toArray()))
                                            .toJson(QJsonDocument::Compact));
                // What masking inside cannot reach (a secret as an object's key) masks it all.
                return masking.isSecretText(encoded) ? QString::fromLatin1(SensitiveText) : encoded;
            }
        }
    }
    if (masking.isSecretText(text))
        return QString::fromLatin1(SensitiveText);
    return text;
}

QJsonValue mask(
    const QJsonValue &value, const QJsonValue &sensitive, const RuleSet &rules, int depth)
{
    if (sensitive.isBool() && sensitive.toBool())
        return QString::fromLatin1(SensitiveText);
    if (depth > MaxDepth)
        return QStringLiteral("(too deeply nested)");
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            // The rules' substrings catch flatmap keys ("config.0.password") too; the masking
            // words read "privateKey" and "x-api-key" as words.
            if (isSecretName(rules, it.key()) && !it.value().isNull() && !it.value().isBool())
                out.insert(it.key(), QString::fromLatin1(SensitiveText));
            else
                out.insert(it.key(),
                    mask(it.value(), childMask(sensitive, it.key(), -1), rules, depth + 1));
        }
        // A name/value list entry ({"name": "DB_PASSWORD", "value": "..."}, a container's
        // environment) is secret by its name member.
        for (const auto &[nameKey, valueKey] : MaskingRules::shipped().nameValuePairs()) {
            const QJsonValue name = object.value(nameKey), secret = object.value(valueKey);
            if (name.isString() && isSecretName(rules, name.toString()) && !secret.isNull()
                && !secret.isUndefined() && !secret.isBool())
                out.insert(valueKey, QString::fromLatin1(SensitiveText));
        }
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            out.append(mask(array[i], childMask(sensitive, {}, i), rules, depth + 1));
        return out;
    }
    if (value.isString())
        return maskString(value.toString(), rules, depth);
    return value;
}

// `text` with each character that acts unseen (a UTF-16 unit, or a pair for a tag character)
// replaced by what `replace(units, out)` appends for it: the text itself, shared and not
// copied, when it holds none. Every line of a report passes through here (oneLine).
template<typename Replace>
QString withUnseenReplaced(const QString &text, Replace replace)
{
    QString out;
    bool replaced = false;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        const bool pair = c.isHighSurrogate() && i + 1 < n && text[i + 1].isLowSurrogate();
        const char32_t code = pair ? QChar::surrogateToUcs4(c, text[i + 1]) : c.unicode();
        const QStringView units = QStringView(text).sliced(i, pair ? 2 : 1);
        if (actsUnseen(code)) {
            if (!replaced) {
                out.reserve(n);
                out.append(QStringView(text).first(i));
                replaced = true;
            }
            replace(units, out);
        } else if (replaced) {
            out.append(units);
        }
        i += pair;
    }
    return replaced ? out : text;
}

// A string as JSON writes it, with each character that acts unseen (JSON escapes only the
// controls among them) escaped the same way: \uXXXX, a surrogate pair for a tag character.
QString quotedVisibly(const QString &text)
{
    // Printable ASCII but the quote and the backslash (most values: names, ids, flags) is
    // written as it is; QJsonDocument, built and serialised for each, was 2% of a report on
    // 10,000 deleted databases.
    const auto plain = [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
    };
    if (std::all_of(text.cbegin(), text.cend(), plain))
        return QLatin1Char('"') + text + QLatin1Char('"');
    const QString quoted
        = QString::fromUtf8(QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact))
              .mid(1)
              .chopped(1);
    return withUnseenReplaced(quoted, [](QStringView units, QString &out) {
        for (const QChar unit : units)
            out += QStringLiteral("\\u%1").arg(unit.unicode(), 4, 16, QLatin1Char('0'));
    });
}

void flatten(
    const QJsonValue &value, const QString &path, std::vector<std::pair<QString, QString>> *out)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty() && !path.isEmpty())
            out->emplace_back(path, QStringLiteral("{}"));
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(
                it.value(), path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            out->emplace_back(path, QStringLiteral("[]"));
        for (int i = 0; i < array.size(); ++i)
            flatten(array[i], path + QStringLiteral("[%1]").arg(i), out);
    } else if (value.isString()) {
        const QString text = shownValue(value.toString());
        out->emplace_back(path, text == QLatin1String(SensitiveText) ? text : quotedVisibly(text));
    } else if (value.isBool()) {
        out->emplace_back(path, value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    } else if (value.isDouble()) {
        out->emplace_back(path, QString::number(value.toDouble(), 'g', 17));
    } else {
        out->emplace_back(path, QStringLiteral("null"));
    }
}

} // namespace

bool isSecretName(const RuleSet &rules, QStringView name)
{
    return rules.isSecretName(name) || MaskingRules::shipped().isSecretName(name);
}

QJsonValue decodeSlot(const Document &document, const JsonSlot &slot)
{
    // A view of the file's bytes where it can be, not a copy: a value can be hundreds of
    // megabytes (and those are never packed).
    return decodeText(document.bytesOf(slot));
}

QJsonValue decodeText(QByteArrayView view)
{
    QByteArray text = QByteArray::fromRawData(view.data(), view.size());
    // A string of megabytes is never decoded: it would be copied twice over (UTF-8 and UTF-16)
    // and shown nowhere whole.
    if (std::optional<QByteArray> shorter = detail::withoutLongStrings(view, MaxDecodedString))
        text = std::move(*shorter);
    // constBegin: begin() would copy bytes the array does not own (fromRawData) to write them.
    const auto first = std::find_if_not(text.constBegin(), text.constEnd(), detail::isSpace);
    if (first == text.constEnd())
        return QJsonValue();
    if (*first == '{' || *first == '[') { // objects and arrays parse as they are
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        return doc.isObject() ? QJsonValue(doc.object())
            : doc.isArray()   ? QJsonValue(doc.array())
                              : QJsonValue();
    }
    // The scalars rules read most, read as QJsonDocument reads them, without its parser: the
    // three literals, and a string without escapes (UTF-8 that the loader has checked).
    auto last = text.constEnd();
    while (last != first && detail::isSpace(last[-1]))
        --last;
    const QByteArrayView scalar(first, last);
    if (scalar == "true" || scalar == "false")
        return QJsonValue(scalar == "true");
    if (scalar == "null")
        return QJsonValue(QJsonValue::Null);
    if (scalar.size() >= 2 && scalar.front() == '"' && scalar.back() == '"'
        && !scalar.contains('\\'))
        return QString::fromUtf8(scalar.sliced(1, scalar.size() - 2));
    // Any other scalar is wrapped in an array to decode (scalars are small).
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]");
    return doc.isArray() ? doc.array().at(0) : QJsonValue();
}

QJsonValue sensitivityOf(const Document &document, const Resource &resource)
{
    // What is sensitive on either side is masked on both: a value marked only in
    // after_sensitive (a replace that newly marks it) is as secret in `before`.
    return unionOf(decodeSlot(document, resource.beforeSensitive),
        decodeSlot(document, resource.afterSensitive), 0);
}

QJsonValue maskedValues(
    const Document &document, const Resource &resource, Side side, const RuleSet &rules)
{
    const bool after = side == Side::After;
    const QJsonValue value = decodeSlot(document, after ? resource.after : resource.before);
    return mask(value, sensitivityOf(document, resource), rules, 0);
}

QJsonValue maskedValueAt(const QJsonValue &value, const QJsonValue &sensitive, const RuleSet &rules,
    const QStringList &path, bool *present)
{
    // The walk mask() makes, one member or element a level: what mask() puts there, and the
    // lookup valueAt() makes in its result. A member masked whole is a string, in which no
    // path goes on.
    QJsonValue node = value, mark = sensitive;
    bool found = true;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QString &step = path[i];
        const int depth = int(i);
        if ((mark.isBool() && mark.toBool()) || depth > MaxDepth) {
            found = false;
            break;
        }
        if (node.isObject()) {
            const QJsonObject object = node.toObject();
            const auto it = object.constFind(step);
            if (it == object.constEnd()) {
                found = false;
                break;
            }
            const QJsonValue child = it.value();
            bool secret = isSecretName(rules, step) && !child.isNull() && !child.isBool();
            for (const auto &[nameKey, valueKey] : MaskingRules::shipped().nameValuePairs()) {
                if (secret || valueKey != step)
                    continue;
                const QJsonValue name = object.value(nameKey);
                secret = name.isString() && isSecretName(rules, name.toString()) && !child.isNull()
                    && !child.isUndefined() && !child.isBool();
            }
            if (secret) {
                if (i + 1 < path.size()) {
                    found = false;
                    break;
                }
                if (present)
                    *present = true;
                return QString::fromLatin1(SensitiveText);
            }
            node = child;
            mark = childMask(mark, step, -1);
        } else if (node.isArray()) {
            bool isIndex = false;
            const int index = step.toInt(&isIndex);
            const QJsonArray array = node.toArray();
            if (!isIndex || index < 0 || index >= array.size()) {
                found = false;
                break;
            }
            node = array.at(index);
            mark = childMask(mark, {}, index);
        } else {
            found = false;
            break;
        }
    }
    if (!found) {
        if (present)
            *present = false;
        return QJsonValue();
    }
    node = mask(node, mark, rules, int(path.size()));
    if (present)
        *present = !node.isNull();
    return node;
}

QJsonValue maskedIdentity(
    const Document &document, const Resource &resource, Side side, const RuleSet &rules)
{
    // Identity schemas mark nothing sensitive; what looks like a secret is masked all the same.
    const JsonSlot &slot = side == Side::After ? resource.afterIdentity : resource.beforeIdentity;
    return mask(decodeSlot(document, slot), QJsonValue(), rules, 0);
}

QJsonValue valueAt(const QJsonValue &root, const QStringList &path, bool *present)
{
    return valueAt(root, path, 0, present);
}

QJsonValue valueAt(const QJsonValue &root, const QStringList &path, qsizetype from, bool *present)
{
    QJsonValue node = root;
    bool found = true;
    for (qsizetype i = from; i < path.size(); ++i) {
        const QString &step = path[i];
        // An object's member by name, else an array's element by index, as written: one search
        // of the object, and the step read as a number only for an array.
        if (node.isObject()) {
            const QJsonObject object = node.toObject();
            if (const auto it = object.constFind(step); it != object.constEnd()) {
                node = *it;
                continue;
            }
        } else if (node.isArray()) {
            bool isIndex = false;
            const int index = step.toInt(&isIndex);
            if (const QJsonArray array = node.toArray();
                isIndex && index >= 0 && index < array.size()) {
                node = array.at(index);
                continue;
            }
        }
        found = false;
        node = QJsonValue();
        break;
    }
    if (present)
        *present = found && !node.isNull();
    return node;
}

namespace {
bool visibleCategory(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}
} // namespace

bool actsUnseen(char32_t c)
{
    // Latin-1, in a block with controls: the C0 and C1 controls, DEL and the soft hyphen.
    if (c < 0x100)
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xad;
    return !UnicodeBlocks<visibleCategory>::holds(c);
}

QString oneLine(const QString &text)
{
    return withUnseenReplaced(
        text, [](QStringView, QString &out) { out.append(QChar(QChar::ReplacementCharacter)); });
}

QString shownValue(const QString &text)
{
    if (text.size() <= MaxShownChars)
        return text;
    qsizetype cut = MaxShownChars - 40;
    if (text[cut - 1].isHighSurrogate())
        --cut;
    return text.left(cut) + QStringLiteral("… (%1 characters)").arg(text.size());
}

QJsonValue shownValues(const QJsonValue &value)
{
    if (value.isString())
        return shownValue(value.toString());
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (QJsonValueRef v : array)
            v = shownValues(v);
        return array;
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = shownValues(it.value());
        return object;
    }
    return value;
}

QString displayAttribute(const QJsonValue &masked, const QStringList &path)
{
    bool present = false;
    const QJsonValue value = valueAt(masked, path, &present);
    return displayValue(value, present);
}

QString displayValue(const QJsonValue &value, bool present)
{
    if (!present)
        return QStringLiteral("(unknown)");
    std::vector<std::pair<QString, QString>> lines;
    flatten(value, {}, &lines);
    return lines.size() == 1 ? lines[0].second : QStringLiteral("(%1 values)").arg(lines.size());
}

std::vector<std::pair<QString, QString>> flattenAttributes(const QJsonValue &masked)
{
    std::vector<std::pair<QString, QString>> out;
    flatten(masked, {}, &out);
    return out;
}

} // namespace bg::core
