// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "rules.h"

#include "resourcelocator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace bg::core {

namespace {

std::optional<Severity> severityFrom(const QString &name)
{
    static const QHash<QString, Severity> names = {{QStringLiteral("info"), Severity::Info},
        {QStringLiteral("low"), Severity::Low}, {QStringLiteral("medium"), Severity::Medium},
        {QStringLiteral("high"), Severity::High}, {QStringLiteral("critical"), Severity::Critical}};
    auto it = names.constFind(name);
    return it == names.constEnd() ? std::nullopt : std::optional(*it);
}

std::optional<Action> actionFrom(const QString &name)
{
    for (int i = 0; i < ActionCount; ++i) {
        if (actionName(Action(i)) == name)
            return Action(i);
    }
    return std::nullopt;
}

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString());
    return out;
}

} // namespace

QString severityName(Severity severity)
{
    static const char *const names[] = {"info", "low", "medium", "high", "critical"};
    return QString::fromLatin1(names[int(severity)]);
}

bool globMatch(QStringView pattern, QStringView text)
{
    // '*' matches any run of characters; iterative with one backtrack point.
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

std::optional<RuleSet> RuleSet::load(const QString &path, LoadError *error)
{
    auto fail = [&](const QString &message, int line = 0, int column = 0) {
        *error = LoadError {path, line, column, message};
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read rules: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        int line = 1, column = 1;
        for (int i = 0; i < parseError.offset && i < bytes.size(); ++i) {
            if (bytes[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return fail(
            QStringLiteral("malformed rules file: %1").arg(parseError.errorString()), line, column);
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("schema")).toString() != QLatin1String("blastguard.rules/v1"))
        return fail(QStringLiteral("not a rules file: \"schema\" must be \"blastguard.rules/v1\""));

    RuleSet rules;
    const QJsonObject categories = root.value(QStringLiteral("categories")).toObject();
    for (auto it = categories.begin(); it != categories.end(); ++it) {
        for (const QString &type : strings(it.value())) {
            if (type.contains(QLatin1Char('*')))
                rules.m_globCategories.emplace_back(type, it.key());
            else
                rules.m_exactCategories.insert(type, it.key());
        }
    }
    rules.m_dataCategories = strings(root.value(QStringLiteral("data_categories")));
    if (const QJsonValue losses = root.value(QStringLiteral("data_category_loss"));
        !losses.isUndefined()) {
        if (!losses.isObject())
            return fail(QStringLiteral(
                "\"data_category_loss\" must be an object: category -> words for its loss"));
        const QJsonObject byCategory = losses.toObject();
        for (auto it = byCategory.begin(); it != byCategory.end(); ++it) {
            if (!it.value().isString() || it.value().toString().isEmpty())
                return fail(QStringLiteral("data_category_loss (%1): must be a non-empty string")
                                .arg(it.key()));
            rules.m_dataCategoryLoss.insert(it.key(), it.value().toString());
        }
    }
    rules.m_secretPatterns = strings(root.value(QStringLiteral("secret_name_patterns")));
    rules.m_missingStateMinCreates = root.value(QStringLiteral("safety"))
                                         .toObject()
                                         .value(QStringLiteral("missing_state_min_creates"))
                                         .toInt(5);

    const QJsonArray findings = root.value(QStringLiteral("findings")).toArray();
    for (int i = 0; i < findings.size(); ++i) {
        const QJsonObject f = findings[i].toObject();
        FindingRule rule;
        rule.code = f.value(QStringLiteral("code")).toString();
        const QString where = QStringLiteral("finding %1 (%2)").arg(i + 1).arg(rule.code);
        auto severity = severityFrom(f.value(QStringLiteral("severity")).toString());
        if (rule.code.isEmpty() || !severity)
            return fail(where
                + QStringLiteral(": needs a code and a severity (info|low|medium|high|critical)"));
        rule.severity = *severity;
        rule.types = strings(f.value(QStringLiteral("types")));
        rule.categories = strings(f.value(QStringLiteral("categories")));
        if (rule.types.isEmpty() && rule.categories.isEmpty())
            return fail(where + QStringLiteral(": needs \"types\" or \"categories\""));
        for (const QString &name : strings(f.value(QStringLiteral("actions")))) {
            auto action = actionFrom(name);
            if (!action)
                return fail(where + QStringLiteral(": unknown action \"%1\"").arg(name));
            rule.actions.append(*action);
        }
        if (rule.actions.isEmpty())
            return fail(where + QStringLiteral(": needs \"actions\""));
        rule.actionReasons = strings(f.value(QStringLiteral("action_reasons")));
        rule.requireReplacePaths = f.value(QStringLiteral("replace_paths")).toBool();
        for (const QJsonValue &c : f.value(QStringLiteral("when")).toArray()) {
            const QJsonObject o = c.toObject();
            RuleCondition condition;
            condition.path = o.value(QStringLiteral("attribute"))
                                 .toString()
                                 .split(QLatin1Char('.'), Qt::SkipEmptyParts);
            if (condition.path.isEmpty())
                return fail(where + QStringLiteral(": a condition needs an \"attribute\""));
            const QString side = o.value(QStringLiteral("side")).toString(QStringLiteral("before"));
            if (side != QLatin1String("before") && side != QLatin1String("after"))
                return fail(where + QStringLiteral(": \"side\" must be \"before\" or \"after\""));
            condition.after = side == QLatin1String("after");
            if (o.contains(QStringLiteral("equals")))
                condition.equals = o.value(QStringLiteral("equals"));
            condition.orAbsent = o.value(QStringLiteral("or_absent")).toBool();
            condition.absent = o.value(QStringLiteral("absent")).toBool();
            if (!condition.equals && !condition.absent)
                return fail(where + QStringLiteral(": a condition needs \"equals\" or \"absent\""));
            rule.when.push_back(std::move(condition));
        }
        rule.message = f.value(QStringLiteral("message")).toString();
        if (rule.message.isEmpty())
            return fail(where + QStringLiteral(": needs a \"message\""));
        if (const QJsonValue loss = f.value(QStringLiteral("loss")); !loss.isUndefined()) {
            if (!loss.isString())
                return fail(
                    where + QStringLiteral(": \"loss\" must be a string (\"\": adds nothing)"));
            rule.loss = loss.toString();
        }
        rules.m_findings.push_back(std::move(rule));
    }
    return rules;
}

std::optional<RuleSet> RuleSet::loadDefault(LoadError *error)
{
    const QString path = ResourceLocator::find(QStringLiteral("rules/default.json"));
    if (path.isEmpty()) {
        *error = LoadError {QStringLiteral("rules/default.json"), 0, 0,
            QStringLiteral("the default rules were not found; looked in %1")
                .arg(ResourceLocator::searchPath().join(QStringLiteral(", ")))};
        return std::nullopt;
    }
    return load(path, error);
}

void RuleSet::merge(const RuleSet &other)
{
    for (auto it = other.m_exactCategories.begin(); it != other.m_exactCategories.end(); ++it)
        m_exactCategories.insert(it.key(), it.value());
    m_globCategories.insert(
        m_globCategories.begin(), other.m_globCategories.begin(), other.m_globCategories.end());
    for (const QString &c : other.m_dataCategories) {
        if (!m_dataCategories.contains(c))
            m_dataCategories.append(c);
    }
    for (auto it = other.m_dataCategoryLoss.begin(); it != other.m_dataCategoryLoss.end(); ++it)
        m_dataCategoryLoss.insert(it.key(), it.value());
    m_secretPatterns += other.m_secretPatterns;
    for (const FindingRule &rule : other.m_findings) {
        auto same = std::find_if(m_findings.begin(), m_findings.end(),
            [&](const FindingRule &r) { return r.code == rule.code; });
        if (same != m_findings.end())
            *same = rule;
        else
            m_findings.push_back(rule);
    }
    m_categoryCache.clear();
}

QString RuleSet::category(const QString &type) const
{
    if (auto it = m_exactCategories.constFind(type); it != m_exactCategories.constEnd())
        return *it;
    if (auto it = m_categoryCache.constFind(type); it != m_categoryCache.constEnd())
        return *it;
    QString found = QStringLiteral("other");
    for (const auto &[glob, category] : m_globCategories) {
        if (globMatch(glob, type)) {
            found = category;
            break;
        }
    }
    m_categoryCache.insert(type, found);
    return found;
}

const FindingRule *RuleSet::finding(const QString &code) const
{
    auto it = std::find_if(
        m_findings.begin(), m_findings.end(), [&](const FindingRule &r) { return r.code == code; });
    return it == m_findings.end() ? nullptr : &*it;
}

bool RuleSet::isSecretName(QStringView attributeName) const
{
    for (const QString &pattern : m_secretPatterns) {
        if (attributeName.contains(pattern, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace bg::core
