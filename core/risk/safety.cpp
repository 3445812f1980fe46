// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/safety.h"

#include "core/risk/masking.h"

#include <QHash>

namespace bg::core {

const QStringList &warningCodes()
{
    static const QStringList codes {ErroredPlanCode, MissingStateCode, DeleteEverythingCode,
        StaleStateCode, ForeignStateCode, UnreadableActionsCode, IncompletePlanCode,
        ProvisionersCode, DivergedStateCode};
    return codes;
}

namespace {

// The provisioners of every resource in the configuration, by unexpanded address
// ("module.a.terraform_data.x"). internal/command/jsonconfig/config.go writes a managed
// resource's provisioners as [{"type", "expressions"}], without "when": a destroy-time one
// looks the same as a create-time one.
void collectProvisioners(
    const ConfigModule &module, const QString &prefix, QHash<QString, QStringList> *out)
{
    for (const ConfigResource &r : module.resources) {
        if (!r.provisioners.isEmpty())
            out->insert(prefix + r.localAddress, r.provisioners);
    }
    for (const auto &[name, call] : module.calls) {
        if (call.module)
            collectProvisioners(*call.module, prefix + QStringLiteral("module.%1.").arg(name), out);
    }
}

// "local-exec on terraform_data.cleanup, remote-exec on module.web.aws_instance.app[0]".
std::optional<Warning> provisionersWarning(const Document &plan, const Impact &impact)
{
    if (!plan.configuration)
        return std::nullopt;
    QHash<QString, QStringList> provisioned;
    collectProvisioners(*plan.configuration, QString(), &provisioned);
    if (provisioned.isEmpty())
        return std::nullopt;
    QStringList runs;
    for (int i = 0; i < int(plan.resources.size()); ++i) {
        const Resource &r = plan.resources[i];
        const Action action = impact.actions[i];
        // Provisioners run when an object is created (a replace creates one) and, with
        // when = destroy, when it is destroyed.
        if (!r.inChanges
            || (action != Action::Create && action != Action::Replace && action != Action::Delete))
            continue;
        const auto it = provisioned.constFind(r.address.configString());
        if (it != provisioned.constEnd())
            runs.append(QStringLiteral("%1 on %2").arg(it->join(QStringLiteral(", ")), r.id));
    }
    if (runs.isEmpty())
        return std::nullopt;
    return Warning {ProvisionersCode,
        QStringLiteral("terraform apply runs commands this plan does not show: %1. A "
                       "provisioner runs when its resource is created or replaced (or "
                       "destroyed, with when = destroy), with the apply's credentials, and "
                       "can delete anything they reach; read the configuration before "
                       "approving.")
            .arg(runs.mid(0, 5).join(QStringLiteral("; "))
                + (runs.size() > 5 ? QStringLiteral("; and %1 more").arg(runs.size() - 5)
                                   : QString()))};
}

} // namespace

QStringList unreadableChanges(const Document &plan)
{
    QStringList unreadable = plan.unreadableChanges;
    for (const Resource &r : plan.resources) {
        if (r.actionUnreadable)
            unreadable.append(r.id);
    }
    return unreadable;
}

std::vector<Warning> planWarnings(const Document &plan, const Impact &impact, const RuleSet &rules)
{
    std::vector<Warning> warnings;
    if (plan.kind != DocumentKind::Plan)
        return warnings;
    if (plan.errored)
        warnings.push_back({ErroredPlanCode,
            QStringLiteral("Terraform reported errors while planning: this plan is "
                           "incomplete and must not be applied.")});
    const QStringList unreadable = unreadableChanges(plan);
    if (!unreadable.isEmpty())
        warnings.push_back({UnreadableActionsCode,
            QStringLiteral("%1 resource change%2 actions Blastguard cannot read (%3): what they "
                           "do is unknown, they are counted as no-op here, and the gate will "
                           "not pass this plan.")
                .arg(QString::number(unreadable.size()),
                    unreadable.size() == 1 ? QStringLiteral(" has") : QStringLiteral("s have"),
                    unreadable.mid(0, 5).join(QStringLiteral(", "))
                        + (unreadable.size() > 5 ? QStringLiteral(", …") : QString()))});
    if (plan.incomplete)
        warnings.push_back({IncompletePlanCode,
            QStringLiteral("This plan is incomplete (\"complete\": false, or deferred changes): "
                           "Terraform planned only part of the configuration, as -target does. "
                           "Whatever it left out is not shown here, and the next plan may do "
                           "more.")});
    int managed = 0, creates = 0, deletes = 0, others = 0;
    for (int i = 0; i < int(plan.resources.size()); ++i) {
        const Resource &r = plan.resources[i];
        if (r.isData() || !r.inChanges)
            continue;
        ++managed;
        switch (impact.actions[i]) {
        case Action::Create:
            ++creates;
            break;
        case Action::Delete:
            ++deletes;
            break;
        case Action::NoOp:
        case Action::Forget:
            break;
        default:
            ++others;
        }
    }
    if (plan.priorManagedCount == 0 && creates >= rules.missingStateMinCreates())
        warnings.push_back({MissingStateCode,
            QStringLiteral("State file missing? The prior state holds no resources, yet "
                           "this plan creates %1. If this infrastructure already exists, "
                           "Terraform has lost track of it: stop and find the real state "
                           "before applying anything.")
                .arg(creates)});
    // A full destroy deletes everything the state holds. A targeted or otherwise incomplete plan
    // covers only part of it (plans.Plan.Complete: an action for every instance of the
    // configuration and the prior state), so its deletes are never "everything".
    const bool everything
        = !plan.incomplete && (!plan.hasPriorState || deletes >= plan.priorManagedCount);
    if (deletes > 0 && deletes == managed && creates == 0 && others == 0 && everything)
        warnings.push_back({DeleteEverythingCode,
            QStringLiteral("This plan deletes every managed resource it covers (%1 of %1): "
                           "it is a full destroy.")
                .arg(deletes)});
    if (auto provisioners = provisionersWarning(plan, impact))
        warnings.push_back(*provisioners);
    return warnings;
}

namespace {

// The same objects with the same attributes (as JSON values, so that spacing and member
// order do not count) and the same taint: what Terraform's statefile.StatesMarshalEqual asks of
// the resources. Outputs are not read, so they are not compared.
bool sameObjects(const Document &a, const Document &b)
{
    if (a.resources.size() != b.resources.size())
        return false;
    QHash<QString, const Resource *> byId;
    for (const Resource &r : a.resources)
        byId.insert(r.id, &r);
    for (const Resource &r : b.resources) {
        const Resource *other = byId.value(r.id);
        if (!other || other->tainted != r.tainted
            || decodeSlot(a, other->before) != decodeSlot(b, r.before))
            return false;
    }
    return true;
}

} // namespace

std::vector<Warning> lineageWarnings(const Document &older, const Document &current)
{
    std::vector<Warning> warnings;
    if (older.kind != DocumentKind::RawState || current.kind != DocumentKind::RawState)
        return warnings;
    if (older.lineage.isEmpty() || current.lineage.isEmpty())
        return warnings;
    if (older.lineage != current.lineage) {
        warnings.push_back({ForeignStateCode,
            QStringLiteral("Different lineages (%1 and %2): this is a different "
                           "infrastructure, not an older or newer copy of the same one.")
                .arg(older.lineage, current.lineage)});
    } else if (current.serial < older.serial) {
        warnings.push_back({StaleStateCode,
            QStringLiteral("Stale state restored: both states have lineage %1, but the one "
                           "in use has serial %2, lower than the %3 it replaces. Resources "
                           "created since serial %2 are unknown to it, and a destroy or "
                           "apply from it acts on an outdated picture.")
                .arg(current.lineage, QString::number(current.serial),
                    QString::number(older.serial))});
    } else if (current.serial == older.serial && !sameObjects(older, current)) {
        warnings.push_back({DivergedStateCode,
            QStringLiteral("Diverged states: both have lineage %1 and serial %2, yet their "
                           "resources differ. Two copies were changed apart from each other; "
                           "Terraform refuses to push one over the other (\"a different state "
                           "that has the same serial\"). Find out which one matches the "
                           "infrastructure before using either.")
                .arg(current.lineage, QString::number(current.serial))});
    }
    return warnings;
}

} // namespace bg::core
