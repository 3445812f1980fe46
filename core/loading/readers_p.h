// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: turn the scanner's small elements into model values.
#pragma once

#include "core/loading/jsonscanner_p.h"

#include <QHash>
#include <QSet>
#include <initializer_list>
#include <string_view>
#include <utility>

namespace bg::core::detail {

// plan resource_changes[*] -> one resource. Problems the reader tolerated go to *notes.
std::optional<Resource> resourceFromChange(const json &element, QStringList *notes);
// The same from its members alone (ChangeMembers, jsonscanner_p.h).
std::optional<Resource> resourceFromChange(const ChangeMembers &members, QStringList *notes);
// values representation resources[*] (state JSON, or the plan's prior_state)
std::optional<Resource> resourceFromStateValues(const json &element, QStringList *notes);
// `written`, when given, is a resource whose id the entry's "address" member is exactly (as a
// prior_state entry of a resource the plan changes is): where its type, name and deposed key
// agree, the entry has that resource's address, not parsed and named again.
std::optional<Resource> resourceFromStateValues(
    const StateMembers &members, QStringList *notes, const Resource *written = nullptr);
// raw state v4 resources[*] -> one resource per instance (deposed objects included)
void resourcesFromRawV4(const json &element, std::vector<Resource> *out, QStringList *notes);
void resourcesFromRawV4(const RawMembers &members, std::vector<Resource> *out, QStringList *notes);
// raw state v3 modules[*] -> one resource per instance
void resourcesFromRawV3(const json &element, std::vector<Resource> *out, QStringList *notes);
// plan deferred_changes[*] / action_invocations[*]. A member of another type than Terraform
// writes: nullopt, with the problem in *error. A member left out is tolerated (an empty address).
std::optional<DeferredChange> deferredFrom(const json &element, QString *error);
std::optional<ActionInvocation> actionInvocationFrom(const json &element, QString *error);
// plan configuration -> the reduced module tree
// How deep configurationFrom follows module calls, and walks an expression's blocks.
constexpr int MaxConfigDepth = 64;
std::shared_ptr<ConfigModule> configurationFrom(const json &element);

QString stringOr(const json &object, const char *key, const QString &fallback = {});
// The same for a member found already (nullptr: absent).
QString stringOr(const json *value, const QString &fallback = {});

// Finds the members of `object` named in `wanted` in one walk over its members, each pointer
// set to the member or left nullptr. A resource change is read from 18 of its members; a map
// search for each one took 1.7 ms of the 23 that loading 10,000 tiny creates took (bench_measure).
// The elements built are those the member readers (jsonelement_p.h) leave to the builder.
void findMembers(
    const json &object, std::initializer_list<std::pair<std::string_view, const json **>> wanted);

// Thousands of resources repeat the same provider, type and dependency strings. While a
// StringPool is alive on this thread, intern() hands out one shared copy of each.
class StringPool {
public:
    StringPool();
    ~StringPool();
    StringPool(const StringPool &) = delete;
    StringPool &operator=(const StringPool &) = delete;

    // The literals slots refer to (JsonSlot::literal), for the Document once loaded.
    std::vector<QByteArray> takeLiterals() { return std::move(m_literals); }

private:
    friend QString intern(QString text);
    friend std::optional<Address> parseAddress(
        const QString &text, QString *error, QString *modulePrefix);
    friend qint32 storeLiteral(QByteArray text);
    friend void setProvider(Resource &resource, const QString &provider);
    QSet<QString> m_strings;
    QHash<QString, SharedValue<ResourceDetail>> m_providers; // each holds its provider alone
    QHash<QByteArray, qint32> m_literalIndex;
    std::vector<QByteArray> m_literals;
    // The module path of the last address parsed: its text with the '.' after it, and its
    // steps, interned.
    QString m_modulePrefix;
    std::vector<ModuleStep> m_moduleSteps;
    StringPool *m_previous;
};
QString intern(QString text);
// Address::parse with its names interned. *modulePrefix is the address's moduleString() and a
// '.' (empty in the root module). An address in the same module instance as the one before
// it (Terraform writes a plan's resources sorted by address) reuses that one's steps: a path
// 20 modules deep is read once for its resources, not once each.
std::optional<Address> parseAddress(const QString &text, QString *error, QString *modulePrefix);
// resource.setProvider, sharing one ResourceDetail a provider while a StringPool is alive.
void setProvider(Resource &resource, const QString &provider);
// The index of `text` among the pool's literals; NoLiteral when no pool is alive (a slot is
// only made while a document loads).
qint32 storeLiteral(QByteArray text);
InstanceKey instanceKeyFrom(const json &value);
// A found member's value as a slot (SlotMember, jsonscanner_p.h).
JsonSlot slotFrom(const SlotMember &member);
// A resource's id (Address::toString), without spare room: every resource keeps one.
// address.toString(), without spare room; `modulePrefix` as parseAddress sets it, where known.
QString resourceId(const Address &address, const QString &modulePrefix = QString());

} // namespace bg::core::detail
