// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A user's rules file can only add to the rules in force (the shipped ones first): what may be
// added and what is an error, member by member, is in resources/rules/README.md ("What a rules
// file may add"). The checks run on the addition as read, before it is merged, so that a
// refused file changes nothing; each error points at the member that would weaken the rules.
#include "core/risk/rulesreader_p.h"
#include "core/risk/safety.h"

#include <algorithm>

namespace bg::core::detail {

namespace {

bool sameConditions(const std::vector<RuleCondition> &a, const std::vector<RuleCondition> &b);

bool operator==(const RuleCondition &a, const RuleCondition &b)
{
    return a.path == b.path && a.after == b.after && a.equals == b.equals && a.above == b.above
        && a.orAbsent == b.orAbsent && a.absent == b.absent && a.present == b.present
        && a.elementsTest == b.elementsTest && sameConditions(a.elements, b.elements);
}

bool sameOutcome(const std::optional<RuleOutcome> &a, const std::optional<RuleOutcome> &b)
{
    if (!a || !b)
        return !a && !b;
    return a->kind == b->kind && a->words == b->words && a->brief == b->brief
        && a->certain == b->certain && a->source == b->source;
}

// The same conditions, in any order (they all must hold).
bool sameConditions(const std::vector<RuleCondition> &a, const std::vector<RuleCondition> &b)
{
    if (a.size() != b.size())
        return false;
    std::vector<bool> used(b.size(), false);
    for (const RuleCondition &c : a) {
        bool found = false;
        for (size_t i = 0; i < b.size() && !found; ++i) {
            if (!used[i] && b[i] == c)
                used[i] = found = true;
        }
        if (!found)
            return false;
    }
    return true;
}

// The same entries, in any order, repeats counting once.
template<typename List>
bool sameSet(List a, List b)
{
    for (List *list : {&a, &b}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    return a == b;
}

// The first member of `rule` that differs from `shipped`, other than the severity; empty when
// none does.
QString changedMember(const FindingRule &rule, const FindingRule &shipped)
{
    if (!sameSet(rule.types, shipped.types))
        return QStringLiteral("types");
    if (!sameSet(rule.categories, shipped.categories))
        return QStringLiteral("categories");
    if (!sameSet(rule.actions, shipped.actions))
        return QStringLiteral("actions");
    if (!sameSet(rule.actionReasons, shipped.actionReasons))
        return QStringLiteral("action_reasons");
    if (!sameSet(rule.drift, shipped.drift))
        return QStringLiteral("drift");
    if (rule.requireReplacePaths != shipped.requireReplacePaths)
        return QStringLiteral("replace_paths");
    if (rule.requireForgetsPrevious != shipped.requireForgetsPrevious)
        return QStringLiteral("forgets_previous");
    if (!sameConditions(rule.when, shipped.when))
        return QStringLiteral("when");
    if (rule.message != shipped.message)
        return QStringLiteral("message");
    if (rule.loss != shipped.loss)
        return QStringLiteral("loss");
    if (!sameOutcome(rule.outcome, shipped.outcome))
        return QStringLiteral("outcome");
    return {};
}

} // namespace

bool RulesReader::onlyAdds(StrictJson &file, const RuleSet &addition, const RuleSet &inForce)
{
    const QString base = inForce.m_sources.words(QStringLiteral("rules"));
    const QString onlyAdd = QStringLiteral("a rules file can only add to %1: ").arg(base);
    const QJsonObject root = file.document().object();

    // A type's category decides which findings it gets: only a type the rules in force leave
    // in "other" may be given one (no shipped finding is about "other"). Globs are merged after
    // the rules in force's, so they can only classify such types too.
    const QJsonObject categories = root.value(QStringLiteral("categories")).toObject();
    for (auto it = categories.begin(); it != categories.end(); ++it) {
        const QJsonArray types = it.value().toArray();
        for (qsizetype i = 0; i < types.size(); ++i) {
            const QString type = types.at(i).toString();
            if (type.contains(QLatin1Char('*')))
                continue;
            const QString now = inForce.category(type);
            if (now == it.key() || now == QLatin1String("other"))
                continue;
            const JsonPath at {QStringLiteral("categories"), it.key(), i};
            return file.fail(at,
                onlyAdd
                    + QStringLiteral("%1 is in the category %2 there, and %3 moves it to %4")
                          .arg(type, now, StrictJson::quoted(at), it.key()));
        }
    }

    for (auto it = addition.m_dataCategoryLoss.begin(); it != addition.m_dataCategoryLoss.end();
         ++it) {
        const auto now = inForce.m_dataCategoryLoss.constFind(it.key());
        if (now == inForce.m_dataCategoryLoss.constEnd() || *now == it.value())
            continue;
        const JsonPath at {QStringLiteral("data_category_loss"), it.key()};
        return file.fail(at,
            onlyAdd
                + QStringLiteral("losing %1 means \"%2\" there, and %3 changes the words (a rules "
                                 "file may give words only to a category that has none)")
                      .arg(it.key(), *now, StrictJson::quoted(at)));
    }

    if (addition.m_missingStateMinCreates
        && *addition.m_missingStateMinCreates > inForce.missingStateMinCreates()) {
        const JsonPath at {QStringLiteral("safety"), QStringLiteral("missing_state_min_creates")};
        return file.fail(at,
            onlyAdd
                + QStringLiteral("%1 is %2 there, and %3 raises it to %4 (it may only be lowered, "
                                 "to warn about more plans)")
                      .arg(StrictJson::name(at))
                      .arg(inForce.missingStateMinCreates())
                      .arg(StrictJson::quoted(at))
                      .arg(*addition.m_missingStateMinCreates));
    }

    for (size_t i = 0; i < addition.m_findings.size(); ++i) {
        const FindingRule &rule = addition.m_findings[i];
        const JsonPath at {QStringLiteral("findings"), qsizetype(i)};
        // The engine's own codes: a rule raising one would be acknowledged, counted and
        // reported as the engine's warning or the policy's finding.
        if (warningCodes().contains(rule.code) || rule.code.startsWith(QLatin1String("policy-")))
            return file.fail(at + QStringLiteral("code"),
                QStringLiteral("%1 is \"%2\", a code Blastguard raises itself (the state-safety "
                               "warnings and codes starting \"policy-\" are reserved)")
                    .arg(StrictJson::quoted(at + QStringLiteral("code")), rule.code));
        const FindingRule *now = inForce.finding(rule.code);
        // "Refused" and "kept" soften what the reports say about a delete: only the shipped
        // rules, read against the providers' code, may say so.
        if (!now && rule.outcome && rule.outcome->kind != OutcomeKind::DataLost) {
            const JsonPath kind = at + QStringLiteral("outcome") + QStringLiteral("kind");
            return file.fail(kind,
                onlyAdd
                    + QStringLiteral("%1 is \"%2\": an added rule may only say data is lost "
                                     "(\"data_lost\"); a refusal or a copy kept would make the "
                                     "reports say less")
                          .arg(StrictJson::quoted(kind), outcomeKindName(rule.outcome->kind)));
        }
        if (!now)
            continue; // a new finding: only adds
        if (rule.severity < now->severity) {
            const JsonPath severity = at + QStringLiteral("severity");
            return file.fail(severity,
                onlyAdd
                    + QStringLiteral("\"%1\" is %2 there, and %3 makes it %4")
                          .arg(rule.code, severityName(now->severity), StrictJson::quoted(severity),
                              severityName(rule.severity)));
        }
        if (const QString member = changedMember(rule, *now); !member.isEmpty()) {
            const JsonPath changed = at + member;
            return file.fail(changed,
                onlyAdd
                    + QStringLiteral("%1 is not the \"%2\" of \"%3\" there (a rules file may "
                                     "raise a finding's severity and change nothing else of it: "
                                     "give a new code for a rule of your own)")
                          .arg(StrictJson::quoted(changed), member, rule.code));
        }
    }
    return true;
}

} // namespace bg::core::detail
