// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/risk/analysis.h"

namespace bg::core {

// What a protection does to a run, as resources/protections/README.md explains.
enum class ProtectionEffect : quint8 {
    BlocksDelete, // the provider refuses the delete: the node and what it depends on survive
    KeepsData, // the node is still destroyed, but its data is kept (a snapshot, backups)
    StopsPlan, // `terraform plan` fails when a covered resource would be destroyed
    StopsOnWarning, // the run stops when the analysis raises one of the listed warnings
};
QString protectionEffectName(ProtectionEffect effect); // "blocks-delete", ...

// One setting that would have saved data, as a user writes it. Data, not code:
// resources/protections/default.json (schema blastguard.protections/v1).
struct Protection {
    QString id; // "deletion-protection"
    QString title; // the HCL: "deletion_protection = true"
    QString explanation; // in plain words
    ProtectionEffect effect = ProtectionEffect::BlocksDelete;
    std::vector<AttributeOverride> sets; // blocks-delete, keeps-data: what it sets, on which types
    bool dataStores = false; // stops-plan: covers the rules' data categories
    QStringList categories; // stops-plan: or these categories
    QStringList warnings; // stops-on-warning: the warning codes that stop the run

    // The setting that covers this resource type ("deletion_protection = true"), or nullptr.
    const AttributeOverride *settingFor(const QString &type) const;
};

class ProtectionSet {
public:
    static constexpr auto Schema = "blastguard.protections/v1";

    // Strict: an unknown member, a wrong type, an unknown effect or warning code, a duplicate
    // id is an error naming the file (and the protection where it can). Never a silent default.
    static Result<ProtectionSet> load(const QString &path);
    // resources/protections/default.json, found by ResourceLocator.
    static Result<ProtectionSet> loadDefault();

    const std::vector<Protection> &all() const { return m_protections; }
    const Protection *find(const QString &id) const;
    QStringList ids() const;

private:
    std::vector<Protection> m_protections;
};

} // namespace bg::core
