// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/address.h"
#include "core/memory.h"
#include "core/result.h"
#include "core/sharedvalue.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace bg::core {

// A half-open range of bytes in Document::bytes. Large JSON values (attributes, sensitivity
// maps) stay in the file's bytes and are decoded only when someone looks at them.
struct ByteRange {
    qint64 begin = -1;
    qint64 end = -1;
    bool isValid() const { return begin >= 0 && end > begin; }
};

// The action class of one change (docs/ARCHITECTURE.md): Terraform's actions lists, grouped.
enum class Action : quint8 { NoOp, Create, Read, Update, Delete, Replace, Forget };
inline constexpr int ActionCount = 7;

QString actionName(
    Action action); // "delete", "replace", "create", "update", "read", "no-op", "forget"
QString actionJsonKey(Action action); // the summary key: "no_op" instead of "no-op"
bool actionDestroys(Action action); // delete or replace: the object that exists now goes away
// How much a reviewer must see an action: delete 6, replace 5, forget 4, update 3, create 2,
// read 1, no-op 0.
int actionSeverity(Action action);

enum class DocumentKind : quint8 { Plan, StateJson, RawState };
QString documentKindName(DocumentKind kind);

// A JSON value left in place: its range, or a literal when it was a scalar. Every resource holds
// seven, so a slot is kept small: 8 bytes, two 32-bit offsets (a document is at most
// files::DocumentCap, 1 GiB, and half as much again once converted from UTF-16). true, false
// and null are codes; any other literal (a scalar where Terraform writes an object, a mask the
// loader made) is an index in Document::literals. Read the bytes with Document::bytesOf.
struct JsonSlot {
    enum : qint32 { NoLiteral = -1, TrueLiteral = -2, FalseLiteral = -3, NullLiteral = -4 };

    JsonSlot() = default;
    JsonSlot(ByteRange range) { setRange(range); }

    ByteRange range() const
    {
        return m_begin != LiteralMark && m_end > m_begin ? ByteRange {m_begin, m_end} : ByteRange();
    }
    void setRange(ByteRange range)
    {
        const bool fits = range.isValid() && range.end < qint64(LiteralMark);
        m_begin = fits ? quint32(range.begin) : 0;
        m_end = fits ? quint32(range.end) : 0;
    }
    qint32 literal() const { return m_begin == LiteralMark ? qint32(m_end) : NoLiteral; }
    void setLiteral(qint32 code)
    {
        m_begin = LiteralMark;
        m_end = quint32(code);
    }
    bool isPresent() const { return range().isValid() || literal() != NoLiteral; }
    bool isTrue() const { return literal() == TrueLiteral; }
    bool isNull() const { return literal() == NullLiteral; }

private:
    static constexpr quint32 LiteralMark = 0xffffffffu; // m_begin of a literal; m_end its code
    quint32 m_begin = 0;
    quint32 m_end = 0;
};
static_assert(sizeof(JsonSlot) == 8);

// What only some resources have (Resource::actionReason and the others), and the provider,
// which thousands share: a plan of a million small creates keeps 8 bytes a resource for it, the
// resources of a provider sharing one ResourceDetail (Resource::setProvider).
struct ResourceDetail {
    QString provider;
    QString actionReason;
    QStringList replacePaths;
    QString previousAddress;
    QStringList dependencies;
    bool operator==(const ResourceDetail &) const = default;
};

// One node of the graph: a resource instance (or one deposed object of it).
struct Resource {
    Address address;
    QString id; // address.toString(): unique within a document
    Action action = Action::NoOp;
    bool createBeforeDestroy = false; // replace as ["create","delete"]
    bool inChanges = false; // counted in the plan's resource_changes
    // A plan's node known only from prior_state: a managed resource the plan has no
    // resource_changes entry for (a -target plan). Action no-op; never in the plan's counts.
    bool priorOnly = false;
    bool tainted = false;
    bool importing = false;
    // change.actions absent, or not a list Terraform writes ("Delete", nested, empty...): the
    // action is unknown. Counted as no-op, warned about, and never passed by the gate.
    // What refresh found before this plan (resource_drift): Delete when the object was deleted
    // outside Terraform. Absent: no drift recorded.
    std::optional<Action> drift;
    // ["create","forget"]: replaced, but the existing object is forgotten, not destroyed
    // (lifecycle destroy = false). Counted as a create: nothing is destroyed.
    bool forgetsPrevious = false;
    bool actionUnreadable = false;
    // The provider, in ResourceDetail: the resources of a provider share it there.
    const QString &provider() const { return detail().provider; }
    // Sets the provider. Where this resource holds no other detail, it shares `shared` (a
    // loader's, that holds a provider alone), set to `provider` first.
    void setProvider(const QString &provider, SharedValue<ResourceDetail> *shared = nullptr);
    // Terraform's action_reason (verbatim), replace_paths (each printed as attr.sub[0]["k"])
    // and previous_address: few changes have any, so they sit apart (ResourceDetail).
    const QString &actionReason() const { return detail().actionReason; }
    const QStringList &replacePaths() const { return detail().replacePaths; }
    const QString &previousAddress() const { return detail().previousAddress; }
    // Addresses from the state, as written there.
    const QStringList &dependencies() const { return detail().dependencies; }
    void setDependencies(QStringList dependencies);
    // For plans: the change. For states: `before` holds the object's values.
    JsonSlot before, after, afterUnknown, beforeSensitive, afterSensitive;
    // Resource identity (Terraform 1.12+): a plan change's before_identity / after_identity; a
    // state object's identity is held as beforeIdentity. Absent before 1.12 and for resource
    // types without an identity schema.
    JsonSlot beforeIdentity, afterIdentity;
    // All seven, for whoever walks every value a resource keeps in the file.
    std::array<const JsonSlot *, 7> jsonSlots() const
    {
        return {&before, &after, &afterUnknown, &beforeSensitive, &afterSensitive, &beforeIdentity,
            &afterIdentity};
    }

    bool isData() const { return address.data; }
    const ResourceDetail &detail() const { return m_detail.get(); }
    ResourceDetail &editDetail() { return m_detail.edit(); } // its own copy, made on first edit

private:
    SharedValue<ResourceDetail> m_detail;
};

// One of a plan's deferred_changes (Terraform 1.9+): a change Terraform planned but will not
// apply in this run (internal/command/jsonplan/plan.go, DeferredResourceChange {reason,
// resource_change}). Not among the resources: it is not counted, and nothing of it is applied.
struct DeferredChange {
    QString address; // resource_change.address, verbatim ("[*]" where the key is unknown)
    QString deposed;
    std::optional<Action> action; // absent: actions unreadable
    QString reason; // verbatim: "instance_count_unknown", "absent_prereq", ...
};

// One of a plan's action_invocations (Terraform 1.14+, internal/command/jsonplan/
// action_invocations.go): an action the apply runs, triggered by a resource's lifecycle event or
// invoked directly (-invoke). Its config values stay unread.
struct ActionInvocation {
    QString address;
    QString type;
    QString provider;
    bool lifecycle = false; // lifecycle_action_trigger; else invoke_action_trigger
    QString resource; // the triggering (lifecycle) or calling (invoke) resource, when given
    QString event; // lifecycle: action_trigger_event, verbatim
};

// One root-module output value: a state's outputs, a plan's prior state's.
struct OutputValue {
    QString name;
    JsonSlot value;
    bool sensitive = false;
};

// The plan's configuration, reduced to what reference resolution needs.
struct ConfigModule;
struct ConfigResource {
    QString localAddress; // "[data.]TYPE.NAME"
    std::vector<QStringList> expressions; // references, one list per expression
    QStringList provisioners; // their types ("local-exec", "remote-exec", "file"), in order
};
struct ConfigModuleCall {
    std::vector<std::pair<QString, QStringList>> arguments; // variable name -> references
    QStringList dependsOn;
    std::shared_ptr<ConfigModule> module;
};
struct ConfigModule {
    std::vector<ConfigResource> resources;
    std::vector<std::pair<QString, QStringList>> outputs; // output name -> references
    std::vector<std::pair<QString, ConfigModuleCall>> calls;
};

// A document's resources: a million of them take 280 MB, in 2 MiB pages (memory.h).
using ResourceList = memory::LargeVector<Resource>;

class PackedBytes; // core/packedbytes.h

// One plan or state file, loaded. Plain value; cheap to move.
struct Document {
    QString path;
    DocumentKind kind = DocumentKind::Plan;
    // UTF-8 text the ranges point into (converted when the file was UTF-16). Read it only
    // through slots (bytesOf): once loaded, it may be the file with zeros where no slot points
    // (core/loading/unreadbytes_p.h), or empty, the slots pointing into `packed` instead.
    // fileSha256 names the file.
    QByteArray bytes;
    // A large file read on its own: the values kept, end to end, packed (core/packedbytes.h).
    // Copies of the document share them.
    std::shared_ptr<const PackedBytes> packed;
    QByteArray original; // the bytes as on disk, kept only when `bytes` had to be converted
    // The saved plan (terraform plan -out) this JSON was shown from by `terraform show -json`:
    // its SHA-256 (hex). Empty when the file itself was JSON.
    QString savedPlanSha256;
    // The file's own SHA-256 (hex) as the loader hashed it, beside its scan, for a file of 1 MiB
    // or more; empty otherwise. Read it with fileSha256 (loader.h), which hashes when it is empty.
    QString sha256;
    QString formatVersion;
    QString terraformVersion;
    // Raw state only.
    int stateVersion = 0;
    QString lineage;
    qint64 serial = -1;
    // Plan only.
    bool errored = false;
    // "complete": false, or deferred_changes: Terraform planned only part of the configuration
    // (-target, or deferred actions); see hashicorp/terraform internal/plans/plan.go, Complete.
    bool incomplete = false;
    bool hasPriorState = false;
    int priorManagedCount = 0;
    std::shared_ptr<ConfigModule> configuration;
    ResourceList resources;
    // Plan only: the data sources Terraform read while planning, which prior_state alone holds
    // (loader.cpp cites Terraform's source), their values in `before`. No nodes: nothing in
    // the analysis reads them; the estate links through them (core/estate/estate.h,
    // Stack::node).
    std::vector<Resource> priorData;
    // The root module's outputs as they are now: a raw state's, a state JSON's values.outputs, a
    // plan's prior_state.values.outputs. Bounded like the lists below.
    std::vector<OutputValue> outputs;
    // resource_changes entries that are not resource changes Blastguard can read (not an
    // object, no usable address): "resource_changes[7]". Each may be a delete.
    QStringList unreadableChanges;
    // Bounded: at most MaxListedEntries of each are kept; the totals count them all.
    std::vector<DeferredChange> deferred;
    qsizetype deferredTotal = 0;
    std::vector<ActionInvocation> actionInvocations;
    qsizetype actionInvocationsTotal = 0;
    static constexpr qsizetype MaxListedEntries = 10000;
    QStringList notes; // things the loader tolerated, worth telling the user
    std::vector<QByteArray> literals; // JsonSlot::literal's other literals, each once

    // A slot's JSON text, empty when absent: a view of `bytes` or of `packed` (valid while
    // they live, QByteArray::fromRawData), or a copy of it where it was packed, or its literal.
    // Hold the array while a view of it is used: a view of a copy dies with the copy.
    QByteArray bytesOf(const JsonSlot &slot) const;
    // The bytes the slots point into: `packed`'s, or `bytes`'s.
    qint64 keptSize() const;
    // Whether anything was loaded into this document (packed, it may keep no byte).
    bool isLoaded() const { return packed || !bytes.isEmpty(); }
};

} // namespace bg::core
