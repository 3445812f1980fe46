// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/rulesreader_p.h"

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

std::optional<RuleCondition> condition(
    StrictJson &file, const QJsonValue &value, const JsonPath &at, bool inElement = false)
{
    auto o = file.object(value, at);
    QStringList members {QStringLiteral("attribute"), QStringLiteral("side"),
        QStringLiteral("equals"), QStringLiteral("or_absent"), QStringLiteral("absent"),
        QStringLiteral("present"), QStringLiteral("above"), QStringLiteral("any"),
        QStringLiteral("none")};
    if (inElement) // an element's conditions are on the element, on the list's side
        members.removeAt(1);
    if (!o || !o->onlyMembers(members))
        return std::nullopt;
    RuleCondition c;
    const auto attribute = o->string(QStringLiteral("attribute"), Need::Required);
    const auto side
        = o->name(QStringLiteral("side"), {QStringLiteral("before"), QStringLiteral("after")},
            Need::Optional, QStringLiteral("before"));
    const auto orAbsent = o->flag(QStringLiteral("or_absent"), Need::Optional);
    const auto absent = o->flag(QStringLiteral("absent"), Need::Optional);
    const auto present = o->flag(QStringLiteral("present"), Need::Optional);
    if (!attribute || !side || !orAbsent || !absent || !present)
        return std::nullopt;
    c.path = attribute->split(QLatin1Char('.'), Qt::SkipEmptyParts);
    c.after = *side == QLatin1String("after");
    if (o->contains(QStringLiteral("equals")))
        c.equals = o->value(QStringLiteral("equals"));
    if (o->contains(QStringLiteral("above"))) {
        const auto above
            = o->number(QStringLiteral("above"), {-1e15, false, 1e15, false}, Need::Required);
        if (!above)
            return std::nullopt;
        c.above = *above;
    }
    for (const auto &[key, test] : {std::pair {QStringLiteral("any"), RuleCondition::Elements::Any},
             std::pair {QStringLiteral("none"), RuleCondition::Elements::None}}) {
        if (!o->contains(key))
            continue;
        const auto list = o->list(key, Need::Required, Empty::Refused);
        if (!list)
            return std::nullopt;
        if (c.elementsTest != RuleCondition::Elements::NotAList) {
            file.fail(o->at(key),
                QStringLiteral("%1: a condition has \"any\" or \"none\", not both")
                    .arg(StrictJson::quoted(o->at(key))));
            return std::nullopt;
        }
        c.elementsTest = test;
        for (qsizetype i = 0; i < list->size(); ++i) {
            auto e = condition(file, list->at(i), o->at(key) + i, true);
            if (!e)
                return std::nullopt;
            c.elements.push_back(std::move(*e));
        }
    }
    c.orAbsent = *orAbsent;
    c.absent = *absent;
    c.present = *present;
    if (c.present && o->contains(QStringLiteral("or_absent"))) {
        const JsonPath here = o->at(QStringLiteral("or_absent"));
        file.fail(here,
            QStringLiteral("%1 makes no sense with \"present\": true")
                .arg(StrictJson::quoted(here)));
        return std::nullopt;
    }
    const int tests = int(c.equals.has_value()) + int(c.above.has_value()) + int(c.absent)
        + int(c.present) + int(c.elementsTest != RuleCondition::Elements::NotAList);
    // "absent" is a test of its own: with it, "equals" and "or_absent" would be ignored.
    if (c.absent && (tests > 1 || o->contains(QStringLiteral("or_absent")))) {
        const JsonPath here = o->at(QStringLiteral("absent"));
        file.fail(here,
            QStringLiteral("%1: true is used instead of \"equals\" and \"or_absent\", not with "
                           "them")
                .arg(StrictJson::quoted(here)));
        return std::nullopt;
    }
    if (tests != 1) {
        file.fail(at,
            QStringLiteral("%1 needs exactly one of \"equals\", \"above\", \"any\", "
                           "\"none\", \"absent\": true or \"present\": true")
                .arg(StrictJson::quoted(at)));
        return std::nullopt;
    }
    return c;
}

std::optional<RuleOutcome> outcome(StrictObject &o)
{
    RuleOutcome out;
    const auto kind = o.name(QStringLiteral("kind"),
        {QStringLiteral("refused"), QStringLiteral("data_kept"), QStringLiteral("data_lost")},
        Need::Required);
    if (!kind)
        return std::nullopt;
    out.kind = *kind == QLatin1String("refused") ? OutcomeKind::Refused
        : *kind == QLatin1String("data_kept")    ? OutcomeKind::DataKept
                                                 : OutcomeKind::DataLost;
    QStringList members {QStringLiteral("kind"), QStringLiteral("source")};
    if (out.kind == OutcomeKind::Refused)
        members << QStringLiteral("because") << QStringLiteral("brief")
                << QStringLiteral("certain");
    else if (out.kind == OutcomeKind::DataKept)
        members << QStringLiteral("kept_in");
    else
        members << QStringLiteral("lost");
    if (!o.onlyMembers(members))
        return std::nullopt;
    const QString wordsKey = out.kind == OutcomeKind::Refused ? QStringLiteral("because")
        : out.kind == OutcomeKind::DataKept                   ? QStringLiteral("kept_in")
                                                              : QStringLiteral("lost");
    const auto words
        = o.string(wordsKey, out.kind == OutcomeKind::DataLost ? Need::Optional : Need::Required);
    const auto brief = o.string(QStringLiteral("brief"),
        out.kind == OutcomeKind::Refused ? Need::Required : Need::Optional);
    const auto certain = o.flag(QStringLiteral("certain"), Need::Optional, true);
    const auto source = o.string(QStringLiteral("source"), Need::Required);
    if (!words || !brief || !certain || !source)
        return std::nullopt;
    out.words = *words;
    out.brief = *brief;
    out.certain = *certain;
    out.source = *source;
    return out;
}

std::optional<FindingRule> finding(StrictJson &file, const QJsonValue &value, const JsonPath &at)
{
    auto o = file.object(value, at);
    if (!o
        || !o->onlyMembers({QStringLiteral("code"), QStringLiteral("severity"),
            QStringLiteral("types"), QStringLiteral("categories"), QStringLiteral("actions"),
            QStringLiteral("action_reasons"), QStringLiteral("drift"),
            QStringLiteral("replace_paths"), QStringLiteral("forgets_previous"),
            QStringLiteral("when"), QStringLiteral("message"), QStringLiteral("loss"),
            QStringLiteral("outcome")}))
        return std::nullopt;
    FindingRule rule;
    const auto code = o->string(QStringLiteral("code"), Need::Required);
    const auto severity = o->name(QStringLiteral("severity"), severityNames(), Need::Required);
    const auto types = o->strings(QStringLiteral("types"), Need::Optional, Empty::Refused);
    const auto categories = o->strings(QStringLiteral("categories"), Need::Optional, Empty::Refused,
        Empty::Refused, categoryNames());
    if (!code || !severity || !types || !categories)
        return std::nullopt;
    rule.code = *code;
    rule.severity = *severityFromName(*severity);
    rule.types = *types;
    rule.categories = *categories;
    if (rule.types.isEmpty() && rule.categories.isEmpty()) {
        file.fail(
            at, QStringLiteral("%1 needs \"types\" or \"categories\"").arg(StrictJson::quoted(at)));
        return std::nullopt;
    }
    const auto actions = o->strings(
        QStringLiteral("actions"), Need::Required, Empty::Refused, Empty::Refused, actionNames());
    const auto reasons = o->strings(QStringLiteral("action_reasons"), Need::Optional,
        Empty::Refused, Empty::Refused, KnownActionReasons);
    const auto drift = o->strings(
        QStringLiteral("drift"), Need::Optional, Empty::Refused, Empty::Refused, actionNames());
    const auto replacePaths = o->flag(QStringLiteral("replace_paths"), Need::Optional);
    const auto forgets = o->flag(QStringLiteral("forgets_previous"), Need::Optional);
    const auto when = o->list(QStringLiteral("when"), Need::Optional, Empty::Refused);
    if (!actions || !reasons || !drift || !replacePaths || !forgets || !when)
        return std::nullopt;
    for (const QString &name : *actions)
        rule.actions.append(*actionFrom(name));
    for (const QString &name : *drift)
        rule.drift.append(*actionFrom(name));
    rule.actionReasons = *reasons;
    rule.requireReplacePaths = *replacePaths;
    rule.requireForgetsPrevious = *forgets;
    for (qsizetype i = 0; i < when->size(); ++i) {
        auto c = condition(file, when->at(i), o->at(QStringLiteral("when")) + i);
        if (!c)
            return std::nullopt;
        rule.when.push_back(std::move(*c));
    }
    const auto message = o->string(QStringLiteral("message"), Need::Required);
    if (!message)
        return std::nullopt;
    rule.message = *message;
    // "": the replay adds nothing; absent: it tells the loss by the message.
    if (o->contains(QStringLiteral("loss"))) {
        const auto loss = o->string(QStringLiteral("loss"), Need::Required, Empty::Allowed);
        if (!loss)
            return std::nullopt;
        rule.loss = *loss;
    }
    if (o->contains(QStringLiteral("outcome"))) {
        auto object = o->object(QStringLiteral("outcome"), Need::Required);
        if (!object)
            return std::nullopt;
        auto read = outcome(*object);
        if (!read)
            return std::nullopt;
        rule.outcome = std::move(*read);
    }
    return rule;
}

} // namespace

Result<RuleSet> RulesReader::read(StrictJson &file)
{
    auto root = file.root(QStringLiteral("blastguard.rules/v1"),
        {QStringLiteral("schema"), QStringLiteral("description"),
            QStringLiteral("secret_name_patterns"), QStringLiteral("data_categories"),
            QStringLiteral("data_category_loss"), QStringLiteral("categories"),
            QStringLiteral("findings"), QStringLiteral("safety")});
    if (!root || !root->string(QStringLiteral("description"), Need::Optional, Empty::Allowed))
        return file.error();

    RuleSet rules;
    auto categories = root->object(QStringLiteral("categories"), Need::Optional);
    if (!categories || !categories->onlyMembers(categoryNames()))
        return file.error();
    for (auto it = categories->json().begin(); it != categories->json().end(); ++it) {
        const auto types = categories->strings(it.key(), Need::Required);
        if (!types)
            return file.error();
        for (const QString &type : *types) {
            if (type.contains(QLatin1Char('*')))
                rules.m_globCategories.emplace_back(type, it.key());
            else
                rules.m_exactCategories.insert(type, it.key());
        }
    }
    const auto dataCategories = root->strings(QStringLiteral("data_categories"), Need::Optional,
        Empty::Allowed, Empty::Refused, categoryNames());
    auto losses = root->object(QStringLiteral("data_category_loss"), Need::Optional);
    if (!dataCategories || !losses || !losses->onlyMembers(categoryNames()))
        return file.error();
    rules.m_dataCategories = *dataCategories;
    for (auto it = losses->json().begin(); it != losses->json().end(); ++it) {
        const auto words = losses->string(it.key(), Need::Required);
        if (!words)
            return file.error();
        rules.m_dataCategoryLoss.insert(it.key(), *words);
    }
    const auto secrets = root->strings(QStringLiteral("secret_name_patterns"), Need::Optional);
    if (!secrets)
        return file.error();
    rules.m_secretPatterns = *secrets;

    auto safety = root->object(QStringLiteral("safety"), Need::Optional);
    if (!safety || !safety->onlyMembers({QStringLiteral("missing_state_min_creates")}))
        return file.error();
    if (safety->contains(QStringLiteral("missing_state_min_creates"))) {
        const auto min = safety->number(
            QStringLiteral("missing_state_min_creates"), {1, false, 1e9, true}, Need::Required);
        if (!min)
            return file.error();
        rules.m_missingStateMinCreates = int(*min);
    }

    const auto findings = root->list(QStringLiteral("findings"), Need::Optional);
    if (!findings)
        return file.error();
    // Two rules with one code: the reports, acknowledgements and merges would mix them up.
    QHash<QString, JsonPath> codes;
    for (qsizetype i = 0; i < findings->size(); ++i) {
        const JsonPath at {QStringLiteral("findings"), i};
        auto rule = finding(file, findings->at(i), at);
        if (!rule || !file.unique(rule->code, at + QStringLiteral("code"), codes))
            return file.error();
        rules.m_findings.push_back(std::move(*rule));
    }
    return rules;
}

} // namespace bg::core::detail
