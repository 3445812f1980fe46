// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/gate/inforce.h"

namespace bg::core {

QString rulesInForce(const RuleSet &rules)
{
    return QStringLiteral("Rules in force: ") + rules.sources().describe();
}

QString policyInForce(const Policy &policy)
{
    const QString age = policy.maxApprovalAgeHours > 0
        ? QStringLiteral("an approval is valid for %1 hours").arg(policy.maxApprovalAgeHours)
        : QStringLiteral("approvals do not expire");
    QString line = QStringLiteral("Policy in force: %1; %2").arg(policy.sources.describe(), age);
    if (!policy.estateRoots.isEmpty())
        line += QStringLiteral("; the estate %1 is read around every plan")
                    .arg(policy.estateRoots.join(QStringLiteral(", ")));
    return line;
}

QString inForceLines(const RuleSet &rules, const Policy &policy)
{
    return rulesInForce(rules) + QLatin1Char('\n') + policyInForce(policy) + QLatin1Char('\n');
}

} // namespace bg::core
