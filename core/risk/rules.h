// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/configsource.h"
#include "core/model.h"

#include <QHash>
#include <QJsonValue>
#include <optional>

namespace bg::core {

enum class Severity : quint8 { Info, Low, Medium, High, Critical };
QString severityName(Severity severity);
std::optional<Severity> severityFromName(const QString &name); // "critical" -> Critical
const QStringList &severityNames(); // least severe first: "info" ... "critical"

// The category names the rules use (resources/rules/README.md); "other" is every other type.
const QStringList &categoryNames();

// One condition on an attribute of the object before (default) or after the change.
struct RuleCondition {
    QStringList path; // "settings.0.enabled" -> {"settings","0","enabled"}
    bool after = false;
    std::optional<QJsonValue> equals;
    std::optional<double> above; // a number (or a numeric string) greater than this
    bool orAbsent = false; // with equals or above: also true when missing or null
    bool absent = false; // true only when missing or null
    bool present = false; // true only when there, not null and not ""
    // A list at `path`: "any" holds when one element meets all of `elements` (their paths
    // relative to the element), "none" when no element does (a missing list has none).
    enum class Elements : quint8 { NotAList, Any, None } elementsTest = Elements::NotAList;
    std::vector<RuleCondition> elements;
};

// What the apply really does to a resource a finding matches (core/risk/outcome.h): the cloud
// or the provider refuses the delete, the data is kept somewhere named, or it is lost for good.
enum class OutcomeKind : quint8 { Refused, DataKept, DataLost };
struct RuleOutcome {
    OutcomeKind kind = OutcomeKind::DataLost;
    // refused: why, in words ("deletion_protection is on: AWS refuses DeleteDBInstance");
    // data_kept: where ("final snapshot {attr:final_snapshot_identifier}"); data_lost: what is
    // lost. Placeholders as in a finding's message.
    QString words;
    QString brief; // refused: the headline's few words ("deletion_protection"); else empty
    // refused: false when the refusal depends on what the resource holds (a bucket that is
    // not empty): the apply may go on, so nothing waiting on it counts as not reached.
    bool certain = true;
    QString source; // the provider code or documentation this follows
};
QString outcomeKindName(OutcomeKind kind); // "refused", "data_kept", "data_lost"

struct FindingRule {
    QString code;
    Severity severity = Severity::Info;
    QStringList types; // globs
    QStringList categories;
    QList<Action> actions;
    QStringList actionReasons;
    // What refresh found, from resource_drift: the resource must have drifted with one of these
    // actions ("delete": it was deleted outside Terraform). Empty: drift does not matter.
    QList<Action> drift;
    bool requireReplacePaths = false;
    // Only a replace that forgets the existing object (["create","forget"]) when true.
    bool requireForgetsPrevious = false;
    std::vector<RuleCondition> when;
    QString message; // placeholders: {address} {type} {name} {module} {attr:NAME}
    // The replay's short words for what this finding adds to a step's loss; empty: nothing to
    // add. Absent: the replay tells it by the first sentence of the message.
    std::optional<QString> loss;
    std::optional<RuleOutcome> outcome;
};

namespace detail {
class RulesReader; // rulesreader.h
}

// The risk knowledge: categories, the words for a data category's loss, findings and secret
// names. JSON files of schema blastguard.rules/v1: the shipped rules (resources/rules/default.json,
// embedded in the binary) and a user's additions, which can only add (resources/rules/README.md).
class RuleSet {
public:
    // Loads one rules file on its own (not the rules in force), strictly: an unknown member, a
    // wrong type or an unknown name (severity, action, category, ...) is an error naming the
    // file, the line and column of the member, and the rule it is in. Never a silent default.
    static Result<RuleSet> load(const QString &path);
    // The shipped rules, as embedded in the binary when it was built. No data directory and no
    // file on disk replaces them.
    static Result<RuleSet> loadDefault();
    // The rules in force: the shipped rules, then each addition in order (addFile). An empty
    // path adds nothing.
    static Result<RuleSet> loadDefaultAnd(const QStringList &additions);
    static Result<RuleSet> loadDefaultAnd(const QString &addition);
    // Adds the rules file at `path`, which may only make these rules stricter: new findings, a
    // finding's severity raised (nothing else of it changed), a category for a type these rules
    // leave in "other", words for a category that has none, secret name patterns, data
    // categories, a lower missing_state_min_creates. Anything else is an error naming the file,
    // the line and column of the member, and why; the rules are then unchanged.
    Status addFile(const QString &path);
    // Adds `other` on top, unchecked: its exact categories win per type, its glob categories
    // come after these ones (they classify only what these leave in "other"), its loss words
    // win per category, its findings replace same-code ones, each safety setting it sets
    // replaces this one's, and its sources follow these. addFile checks first, then merges.
    void merge(const RuleSet &other);

    // The files these rules were read from, in order, each with its SHA-256.
    const ConfigSources &sources() const { return m_sources; }
    // Lowercase hex SHA-256 of what is in force (core/configsource.h says how).
    QString fingerprint() const { return m_sources.fingerprint(); }

    QString category(const QString &type) const;
    bool isDataCategory(const QString &category) const
    {
        return m_dataCategories.contains(category);
    }
    // What losing a store of this data category means, in words ("the database"); empty when
    // the rules do not say.
    QString dataCategoryLoss(const QString &category) const
    {
        return m_dataCategoryLoss.value(category);
    }
    bool isSecretName(QStringView attributeName) const;
    const std::vector<FindingRule> &findings() const { return m_findings; }
    // The rule that raises findings with this code, or null (a finding the engine raises itself).
    const FindingRule *finding(const QString &code) const;
    int missingStateMinCreates() const { return m_missingStateMinCreates.value_or(5); }

private:
    friend class detail::RulesReader;

    QHash<QString, QString> m_exactCategories; // type -> category
    std::vector<std::pair<QString, QString>> m_globCategories; // glob -> category
    QStringList m_dataCategories;
    QHash<QString, QString> m_dataCategoryLoss; // category -> words
    QStringList m_secretPatterns;
    std::vector<FindingRule> m_findings;
    std::optional<int> m_missingStateMinCreates; // unset: no file says, 5 applies
    ConfigSources m_sources;
    mutable QHash<QString, QString> m_categoryCache;
};

bool globMatch(QStringView pattern, QStringView text);

} // namespace bg::core
