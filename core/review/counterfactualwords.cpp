// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The plain-language sentences of a counterfactual: each protection's effect, why it does
// nothing, why the run stops.
#include "core/report/reportwriter.h"
#include "core/review/counterfactualwords_p.h"

#include <algorithm>

namespace bg::core::detail {

namespace {

// "A", "A and B", "A, B and C", "A, B, C and 4 more".
QString listed(const QStringList &items, qsizetype shown = 3)
{
    if (items.size() <= 1)
        return items.value(0);
    if (items.size() > shown)
        return items.mid(0, shown).join(QStringLiteral(", "))
            + QStringLiteral(" and %1 more").arg(items.size() - shown);
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ")
        + items.last();
}

// "the database", "the snapshot"...: what a data store is called; empty for other kinds.
QString noun(const Analysis &a, const RuleSet &rules, int node)
{
    static const QHash<QString, QString> nouns = {
        {QStringLiteral("database"), QStringLiteral("the database")},
        {QStringLiteral("snapshot"), QStringLiteral("the snapshot")},
        {QStringLiteral("storage"), QStringLiteral("the storage resource")},
        {QStringLiteral("key"), QStringLiteral("the key or secret")},
    };
    const QString &category = a.categories[node];
    if (!rules.isDataCategory(category))
        return {};
    return nouns.value(category, QStringLiteral("the %1 resource").arg(category));
}

// "the database module.db.aws_db_instance.main"; other kinds by their address alone.
QString named(const Analysis &a, const RuleSet &rules, int node)
{
    const QString kind = noun(a, rules, node);
    const QString &id = a.document().resources[node].id;
    return kind.isEmpty() ? id : kind + QLatin1Char(' ') + id;
}

QString setting(const AttributeOverride &s)
{
    const QJsonValue &v = s.value;
    const QString value = v.isBool()
        ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
        : v.isDouble() ? QString::number(v.toDouble())
                       : QLatin1Char('"') + v.toString() + QLatin1Char('"');
    return s.attribute + QStringLiteral(" = ") + value;
}

// Name a database first: it is what the reader fears for.
void databasesFirst(const Analysis &a, std::vector<int> *nodes)
{
    std::stable_partition(nodes->begin(), nodes->end(),
        [&](int i) { return a.categories[i] == QLatin1String("database"); });
}

// Why a blocks-delete or keeps-data protection covering `covered` does nothing here; empty
// when it acts.
QString idleReason(const Context &c, const std::vector<int> &covered)
{
    if (covered.empty())
        return QStringLiteral("No resource this run destroys has this setting, so it changes "
                              "nothing here.");
    if (c.cf.runStopped)
        return QStringLiteral("Moot here: the run stops before any delete (%1).").arg(c.stopper);
    return {};
}

// " It cannot protect X (why): ..." for the nodes a stops-plan protection names but Terraform
// cannot protect; empty when there are none. `lead` is "It cannot" or "On its own it would not".
QString beyondLifecycle(
    const Context &c, const Protection &p, const std::vector<int> &outside, const QString &lead)
{
    if (p.effect != ProtectionEffect::StopsPlan)
        return {};
    QStringList why;
    for (int i : outside)
        why.append(QStringLiteral("%1 (%2)").arg(
            named(c.actual, c.rules, i), outsideLifecycle(c.actual.document().resources[i])));
    if (why.isEmpty())
        return {};
    return QStringLiteral(" %1 protect %2: Terraform honours prevent_destroy only from the "
                          "lifecycle block of a resource still in the configuration.")
        .arg(lead, listed(why, 3));
}

} // namespace

QString settingOn(const Analysis &a, const Protection &p, int node)
{
    return setting(*p.settingFor(a.document().resources[node].address.type));
}

QString outsideLifecycle(const Resource &r)
{
    if (!r.address.deposed.isEmpty())
        return QStringLiteral("it is a deposed object, which Terraform destroys whatever the "
                              "lifecycle block says");
    if (r.actionReason() == QLatin1String("delete_because_no_resource_config"))
        return QStringLiteral("its resource block is gone from the configuration, and the "
                              "lifecycle block with it");
    if (r.actionReason() == QLatin1String("delete_because_no_module"))
        return QStringLiteral("its module is gone from the configuration, and the lifecycle "
                              "block with it");
    return {};
}

QString stopReason(
    const Analysis &a, const RuleSet &rules, const Protection &p, std::vector<int> covered)
{
    if (p.effect == ProtectionEffect::StopsPlan) {
        if (covered.empty())
            return {};
        databasesFirst(a, &covered);
        QString what = named(a, rules, covered.front());
        if (covered.size() > 1)
            what += QStringLiteral(" and on %1")
                        .arg(p.dataStores
                                ? counted(qsizetype(covered.size()) - 1, "more data store",
                                    "more data stores")
                                : counted(qsizetype(covered.size()) - 1, "more resource it covers",
                                    "more resources it covers"));
        return QStringLiteral("`terraform plan` fails with \"Instance cannot be destroyed\" on %1")
            .arg(what);
    }
    if (p.effect == ProtectionEffect::StopsOnWarning) {
        for (const Warning &w : a.warnings) {
            if (p.warnings.contains(w.code))
                return QStringLiteral("the analysis raises the %1 warning, which %2 rules out")
                    .arg(w.code, p.title);
        }
    }
    return {};
}

QString blocksDeleteEffect(
    const Context &c, const Protection &p, std::vector<int> blocked, int deps)
{
    if (QString idle = idleReason(c, blocked); !idle.isEmpty())
        return idle;
    databasesFirst(c.actual, &blocked);
    QStringList on;
    for (int i : blocked)
        on.append(settingOn(c.actual, p, i) + QStringLiteral(" on ")
            + (blocked.size() == 1 ? c.actual.document().resources[i].id
                                   : named(c.actual, c.rules, i)));
    const bool one = blocked.size() == 1;
    QString saved = one ? noun(c.actual, c.rules, blocked[0]) : QStringLiteral("them");
    if (saved.isEmpty())
        saved = QStringLiteral("it");
    QString text = QStringLiteral("%1 would have saved %2").arg(listed(on, 2), saved);
    if (deps > 0)
        text += QStringLiteral(" and %1 %2 on")
                    .arg(counted(deps, "resource", "resources"),
                        one ? QStringLiteral("it depends") : QStringLiteral("they depend"));
    text += QStringLiteral(": the provider refuses the delete, and Terraform never destroys what "
                           "a refused resource depends on.");
    // Where the real apply is refused already, say so: the report and saved-by tell one story.
    QStringList already;
    for (int i : blocked) {
        const NodeOutcome &o = c.actual.outcomes[size_t(i)];
        if (o.outcome == Outcome::Refused && o.certain)
            already.append(c.actual.document().resources[size_t(i)].id);
    }
    if (!already.isEmpty())
        text += QStringLiteral(" In reality the delete of %1 is refused already (the report's "
                               "outcome), so the apply stops there even without it.")
                    .arg(listed(already, 3));
    return text;
}

QString keepsDataEffect(const Context &c, const Protection &p, const std::vector<int> &covered,
    const std::vector<int> &kept, const QStringList &codes)
{
    if (QString idle = idleReason(c, covered); !idle.isEmpty())
        return idle;
    if (std::none_of(
            covered.begin(), covered.end(), [&](int i) { return c.result.impact.destroys(i); }))
        return QStringLiteral("Moot here: every resource it covers survives anyway.");
    if (kept.empty())
        return QStringLiteral("The resources it covers raise no finding it answers (their data "
                              "was kept already, or nothing flags its loss), so it changes "
                              "nothing here.");
    QStringList names;
    for (int i : kept)
        names.append(named(c.actual, c.rules, i));
    return QStringLiteral("With %1, %2 %3 still destroyed, but the data is kept: %4 no longer %5.")
        .arg(p.title, listed(names),
            kept.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"), listed(codes, 4),
            codes.size() == 1 ? QStringLiteral("holds") : QStringLiteral("hold"));
}

QString stopEffect(
    const Context &c, const Protection &p, const QString &reason, const std::vector<int> &outside)
{
    if (!reason.isEmpty()) {
        const int n = int(c.actual.impact.destroyOrder.size());
        return QStringLiteral("The run stops, because %1: nothing is applied, %2.%3")
            .arg(reason,
                n == 0 ? QStringLiteral("though nothing was going to be destroyed")
                       : QStringLiteral("so all %1 destroyed resources survive").arg(n),
                beyondLifecycle(c, p, outside, QStringLiteral("On its own it would not")));
    }
    const QString beyond = beyondLifecycle(c, p, outside, QStringLiteral("It cannot"));
    if (p.effect == ProtectionEffect::StopsPlan)
        return beyond.isEmpty()
            ? QStringLiteral("This run destroys no resource it covers, so it changes nothing here.")
            : QStringLiteral("It changes nothing here.") + beyond;
    return QStringLiteral("This analysis raises none of the warnings it answers (%1), so it "
                          "changes nothing here.")
        .arg(p.warnings.join(QStringLiteral(", ")));
}

} // namespace bg::core::detail
