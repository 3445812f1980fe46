// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "rulesreader.h"

#include "jsonpositions.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cmath>

namespace bg::core::detail {

namespace {

// The action_reason values Terraform writes (hashicorp/terraform internal/command/jsonplan).
const QStringList KnownActionReasons = {QStringLiteral("replace_because_tainted"),
    QStringLiteral("replace_because_cannot_update"), QStringLiteral("replace_by_request"),
    QStringLiteral("replace_by_triggers"), QStringLiteral("delete_because_no_resource_config"),
    QStringLiteral("delete_because_wrong_repetition"), QStringLiteral("delete_because_count_index"),
    QStringLiteral("delete_because_each_key"), QStringLiteral("delete_because_no_module"),
    QStringLiteral("delete_because_no_move_target"), QStringLiteral("read_because_config_unknown"),
    QStringLiteral("read_because_dependency_pending"), QStringLiteral("read_because_check_nested")};

std::optional<Action> actionFrom(const QString &name)
{
    for (int i = 0; i < ActionCount; ++i) {
        if (actionName(Action(i)) == name)
            return Action(i);
    }
    return std::nullopt;
}

QStringList actionNames()
{
    QStringList names;
    for (int i = 0; i < ActionCount; ++i)
        names.append(actionName(Action(i)));
    return names;
}

// The place of a value, for an error's line and column (jsonpositions.h).
using Steps = JsonPath;

Steps operator+(Steps steps, const JsonStep &step)
{
    steps.push_back(step);
    return steps;
}

// The checks behind RulesReader::read. Each one reports the first problem only: its message
// starts with the place in words (`words`), its position is the member's key (`at`).
class StrictReader {
public:
    StrictReader(const QString &path, const QByteArray &bytes)
        : m_path(path)
        , m_bytes(bytes)
    {
    }
    const std::optional<LoadError> &error() const { return m_error; }

    // Always false, to return from a check.
    bool fail(const Steps &at, const QString &words, const QString &message)
    {
        if (m_error)
            return false;
        LoadError error {
            m_path, 0, 0, words.isEmpty() ? message : words + QStringLiteral(": ") + message};
        jsonPathPosition(m_bytes, at, &error.line, &error.column);
        m_error = error;
        return false;
    }
    bool onlyMembers(
        const QJsonObject &o, const Steps &at, const QString &words, const QStringList &known)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                return fail(at + it.key(), words,
                    QStringLiteral("unknown member \"%1\" (known here: %2)")
                        .arg(it.key(), known.join(QStringLiteral(", "))));
        }
        return true;
    }
    // The member `key` of `o`, which must be an object when present.
    std::optional<QJsonObject> object(
        const QJsonObject &o, const QString &key, const Steps &at, const QString &words)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return QJsonObject();
        if (!v.isObject()) {
            fail(at + key, words, QStringLiteral("\"%1\" must be an object").arg(key));
            return std::nullopt;
        }
        return v.toObject();
    }
    // A string; `empty` tells whether "" is a value.
    std::optional<QString> text(const QJsonObject &o, const QString &key, const Steps &at,
        const QString &words, bool empty = false)
    {
        const QJsonValue v = o.value(key);
        if (!v.isString() || (!empty && v.toString().trimmed().isEmpty())) {
            fail(at + key, words,
                QString::fromLatin1(
                    empty ? "\"%1\" must be a string" : "\"%1\" must be a non-empty string")
                    .arg(key));
            return std::nullopt;
        }
        return v.toString();
    }
    // true or false; false when absent.
    std::optional<bool> flag(
        const QJsonObject &o, const QString &key, const Steps &at, const QString &words)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return false;
        if (!v.isBool()) {
            fail(at + key, words, QStringLiteral("\"%1\" must be true or false").arg(key));
            return std::nullopt;
        }
        return v.toBool();
    }
    // A list of non-empty strings, empty when absent; with `nonEmpty`, [] is an error. With
    // `known`, every entry must be one of them (`what` names one: "category").
    std::optional<QStringList> strings(const QJsonObject &o, const QString &key, const Steps &at,
        const QString &words, bool nonEmpty, const QStringList &known = {}, const char *what = "")
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return QStringList();
        if (!v.isArray() || (nonEmpty && v.toArray().isEmpty())) {
            fail(at + key, words,
                QString::fromLatin1(nonEmpty ? "\"%1\" must be a non-empty list of strings"
                                             : "\"%1\" must be a list of strings")
                    .arg(key));
            return std::nullopt;
        }
        QStringList out;
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const Steps here = at + key + i;
            if (!a[i].isString() || a[i].toString().trimmed().isEmpty()) {
                fail(here, words,
                    QStringLiteral("\"%1\" holds an empty or non-string entry (entry %2)")
                        .arg(key, QString::number(i + 1)));
                return std::nullopt;
            }
            if (!known.isEmpty() && !known.contains(a[i].toString())) {
                fail(here, words,
                    QStringLiteral("unknown %1 \"%2\" in \"%3\" (known: %4)")
                        .arg(QLatin1String(what), a[i].toString(), key,
                            known.join(QStringLiteral(", "))));
                return std::nullopt;
            }
            out.append(a[i].toString());
        }
        return out;
    }

    std::optional<RuleCondition> condition(
        const QJsonValue &value, const Steps &at, const QString &words)
    {
        if (!value.isObject()) {
            fail(at, words, QStringLiteral("must be an object"));
            return std::nullopt;
        }
        const QJsonObject o = value.toObject();
        if (!onlyMembers(o, at, words,
                {QStringLiteral("attribute"), QStringLiteral("side"), QStringLiteral("equals"),
                    QStringLiteral("or_absent"), QStringLiteral("absent")}))
            return std::nullopt;
        RuleCondition c;
        const auto attribute = text(o, QStringLiteral("attribute"), at, words);
        if (!attribute)
            return std::nullopt;
        c.path = attribute->split(QLatin1Char('.'), Qt::SkipEmptyParts);
        const auto side = o.contains(QStringLiteral("side"))
            ? text(o, QStringLiteral("side"), at, words)
            : std::optional(QStringLiteral("before"));
        if (!side)
            return std::nullopt;
        if (*side != QLatin1String("before") && *side != QLatin1String("after")) {
            fail(at + QStringLiteral("side"), words,
                QStringLiteral("\"side\" must be \"before\" or \"after\" (not \"%1\")").arg(*side));
            return std::nullopt;
        }
        c.after = *side == QLatin1String("after");
        if (o.contains(QStringLiteral("equals")))
            c.equals = o.value(QStringLiteral("equals"));
        const auto orAbsent = flag(o, QStringLiteral("or_absent"), at, words);
        const auto absent = flag(o, QStringLiteral("absent"), at, words);
        if (!orAbsent || !absent)
            return std::nullopt;
        c.orAbsent = *orAbsent;
        c.absent = *absent;
        // "absent" is a test of its own: with it, "equals" and "or_absent" would be ignored.
        if (c.absent && (c.equals || o.contains(QStringLiteral("or_absent")))) {
            fail(at + QStringLiteral("absent"), words,
                QStringLiteral("\"absent\": true is used instead of \"equals\" and "
                               "\"or_absent\", not with them"));
            return std::nullopt;
        }
        if (!c.equals && !c.absent) {
            fail(at, words, QStringLiteral("a condition needs \"equals\" or \"absent\": true"));
            return std::nullopt;
        }
        return c;
    }

    std::optional<FindingRule> finding(const QJsonValue &value, const Steps &at, int number)
    {
        QString words = QStringLiteral("finding %1").arg(number);
        if (!value.isObject()) {
            fail(at, words, QStringLiteral("must be an object"));
            return std::nullopt;
        }
        const QJsonObject o = value.toObject();
        FindingRule rule;
        const auto code = text(o, QStringLiteral("code"), at, words);
        if (!code)
            return std::nullopt;
        rule.code = *code;
        words = QStringLiteral("finding %1 (%2)").arg(number).arg(rule.code);
        if (!onlyMembers(o, at, words,
                {QStringLiteral("code"), QStringLiteral("severity"), QStringLiteral("types"),
                    QStringLiteral("categories"), QStringLiteral("actions"),
                    QStringLiteral("action_reasons"), QStringLiteral("replace_paths"),
                    QStringLiteral("when"), QStringLiteral("message"), QStringLiteral("loss")}))
            return std::nullopt;
        const QJsonValue severity = o.value(QStringLiteral("severity"));
        const auto s = severityFromName(severity.toString());
        if (!severity.isString() || !s) {
            fail(at + QStringLiteral("severity"), words,
                QStringLiteral("\"severity\" must be one of info, low, medium, high, critical%1")
                    .arg(severity.isString()
                            ? QStringLiteral(" (not \"%1\")").arg(severity.toString())
                            : QString()));
            return std::nullopt;
        }
        rule.severity = *s;
        const auto types = strings(o, QStringLiteral("types"), at, words, true);
        const auto categories = strings(
            o, QStringLiteral("categories"), at, words, true, categoryNames(), "category");
        if (!types || !categories)
            return std::nullopt;
        rule.types = *types;
        rule.categories = *categories;
        if (rule.types.isEmpty() && rule.categories.isEmpty()) {
            fail(at, words, QStringLiteral("needs \"types\" or \"categories\""));
            return std::nullopt;
        }
        const auto actions
            = strings(o, QStringLiteral("actions"), at, words, true, actionNames(), "action");
        if (!actions)
            return std::nullopt;
        if (actions->isEmpty()) {
            fail(at, words, QStringLiteral("needs \"actions\""));
            return std::nullopt;
        }
        for (const QString &name : *actions)
            rule.actions.append(*actionFrom(name));
        const auto reasons = strings(o, QStringLiteral("action_reasons"), at, words, true,
            KnownActionReasons, "action_reason");
        const auto replacePaths = flag(o, QStringLiteral("replace_paths"), at, words);
        if (!reasons || !replacePaths)
            return std::nullopt;
        rule.actionReasons = *reasons;
        rule.requireReplacePaths = *replacePaths;
        if (const QJsonValue when = o.value(QStringLiteral("when")); !when.isUndefined()) {
            if (!when.isArray() || when.toArray().isEmpty()) {
                fail(at + QStringLiteral("when"), words,
                    QStringLiteral("\"when\" must be a non-empty list of conditions"));
                return std::nullopt;
            }
            const QJsonArray list = when.toArray();
            for (qsizetype i = 0; i < list.size(); ++i) {
                auto c = condition(list[i], at + QStringLiteral("when") + i,
                    words + QStringLiteral(", condition %1").arg(i + 1));
                if (!c)
                    return std::nullopt;
                rule.when.push_back(std::move(*c));
            }
        }
        const auto message = text(o, QStringLiteral("message"), at, words);
        if (!message)
            return std::nullopt;
        rule.message = *message;
        if (o.contains(QStringLiteral("loss"))) {
            if (!o.value(QStringLiteral("loss")).isString()) {
                fail(at + QStringLiteral("loss"), words,
                    QStringLiteral("\"loss\" must be a string (\"\": adds nothing)"));
                return std::nullopt;
            }
            rule.loss = o.value(QStringLiteral("loss")).toString();
        }
        return rule;
    }

private:
    QString m_path;
    const QByteArray &m_bytes;
    std::optional<LoadError> m_error;
};

} // namespace

std::optional<RuleSet> RulesReader::read(
    const QString &path, const QByteArray &bytes, const QJsonDocument &document, LoadError *error)
{
    // The schema first: another kind of file is "not a rules file", not a list of unknown members.
    // A document that is not an object has no schema either.
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("schema")).toString() != QLatin1String("blastguard.rules/v1")) {
        *error = LoadError {path, 0, 0,
            QStringLiteral("not a rules file: \"schema\" must be \"blastguard.rules/v1\"")};
        return std::nullopt;
    }

    StrictReader r(path, bytes);
    auto failed = [&] {
        *error = *r.error();
        return std::nullopt;
    };
    if (!r.onlyMembers(root, {}, {},
            {QStringLiteral("schema"), QStringLiteral("description"),
                QStringLiteral("secret_name_patterns"), QStringLiteral("data_categories"),
                QStringLiteral("data_category_loss"), QStringLiteral("categories"),
                QStringLiteral("findings"), QStringLiteral("safety")}))
        return failed();
    if (root.contains(QStringLiteral("description"))
        && !r.text(root, QStringLiteral("description"), {}, {}, true))
        return failed();

    RuleSet rules;
    const QString categoriesKey = QStringLiteral("categories");
    const auto categories = r.object(root, categoriesKey, {}, {});
    if (!categories)
        return failed();
    for (auto it = categories->begin(); it != categories->end(); ++it) {
        const QString words = QStringLiteral("categories (%1)").arg(it.key());
        if (!categoryNames().contains(it.key())) {
            r.fail(Steps {categoriesKey, it.key()}, {},
                QStringLiteral("unknown category \"%1\" in \"categories\" (known: %2)")
                    .arg(it.key(), categoryNames().join(QStringLiteral(", "))));
            return failed();
        }
        const auto types = r.strings(*categories, it.key(), {categoriesKey}, words, false);
        if (!types)
            return failed();
        for (const QString &type : *types) {
            if (type.contains(QLatin1Char('*')))
                rules.m_globCategories.emplace_back(type, it.key());
            else
                rules.m_exactCategories.insert(type, it.key());
        }
    }
    const auto dataCategories = r.strings(
        root, QStringLiteral("data_categories"), {}, {}, false, categoryNames(), "category");
    if (!dataCategories)
        return failed();
    rules.m_dataCategories = *dataCategories;
    const QString lossKey = QStringLiteral("data_category_loss");
    if (root.contains(lossKey) && !root.value(lossKey).isObject()) {
        r.fail({lossKey}, {},
            QStringLiteral(
                "\"data_category_loss\" must be an object: category -> words for its loss"));
        return failed();
    }
    const QJsonObject losses = root.value(lossKey).toObject();
    for (auto it = losses.begin(); it != losses.end(); ++it) {
        const QString words = QStringLiteral("data_category_loss (%1)").arg(it.key());
        if (!categoryNames().contains(it.key())) {
            r.fail(Steps {lossKey, it.key()}, {},
                QStringLiteral("unknown category \"%1\" in \"data_category_loss\" (known: %2)")
                    .arg(it.key(), categoryNames().join(QStringLiteral(", "))));
            return failed();
        }
        if (!it.value().isString() || it.value().toString().isEmpty()) {
            r.fail(Steps {lossKey, it.key()}, words, QStringLiteral("must be a non-empty string"));
            return failed();
        }
        rules.m_dataCategoryLoss.insert(it.key(), it.value().toString());
    }
    const auto secrets = r.strings(root, QStringLiteral("secret_name_patterns"), {}, {}, false);
    if (!secrets)
        return failed();
    rules.m_secretPatterns = *secrets;

    const QString safetyKey = QStringLiteral("safety");
    const auto safety = r.object(root, safetyKey, {}, {});
    if (!safety
        || !r.onlyMembers(
            *safety, {safetyKey}, safetyKey, {QStringLiteral("missing_state_min_creates")}))
        return failed();
    if (const QJsonValue min = safety->value(QStringLiteral("missing_state_min_creates"));
        !min.isUndefined()) {
        const double n = min.toDouble(-1);
        if (!min.isDouble() || n < 1 || n > 1e9 || n != std::floor(n)) {
            r.fail({safetyKey, QStringLiteral("missing_state_min_creates")}, safetyKey,
                QStringLiteral(
                    "\"missing_state_min_creates\" must be a whole number of at least 1"));
            return failed();
        }
        rules.m_missingStateMinCreates = int(n);
    }

    const QString findingsKey = QStringLiteral("findings");
    const QJsonValue findings = root.value(findingsKey);
    if (!findings.isUndefined() && !findings.isArray()) {
        r.fail({findingsKey}, {}, QStringLiteral("\"findings\" must be a list of finding rules"));
        return failed();
    }
    const QJsonArray list = findings.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto rule = r.finding(list[i], Steps {findingsKey, i}, int(i) + 1);
        if (!rule)
            return failed();
        // Two rules with one code: the reports, acknowledgements and merges would mix them up.
        if (const FindingRule *same = rules.finding(rule->code)) {
            r.fail(Steps {findingsKey, i, QStringLiteral("code")},
                QStringLiteral("finding %1 (%2)").arg(i + 1).arg(rule->code),
                QStringLiteral("the code is already used by finding %1")
                    .arg(same - rules.m_findings.data() + 1));
            return failed();
        }
        rules.m_findings.push_back(std::move(*rule));
    }
    return rules;
}

} // namespace bg::core::detail
