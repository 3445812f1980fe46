// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>
#include <optional>
#include <vector>

namespace bg::core {

// The key of one instance of a resource or module: none, a count index or a for_each key.
struct InstanceKey {
    enum class Kind : quint8 { None, Int, String };
    Kind kind = Kind::None;
    qint64 number = 0;
    QString text;

    static InstanceKey fromInt(qint64 n) { return {Kind::Int, n, {}}; }
    static InstanceKey fromString(QString s) { return {Kind::String, 0, std::move(s)}; }
    bool isNone() const { return kind == Kind::None; }
    // "" for none, "[3]" for a count index, "[\"a\\\"b\"]" for a for_each key, quoted exactly
    // as Terraform quotes it (addrs.StringKey.String).
    QString toString() const;
    bool operator==(const InstanceKey &) const = default;
};

struct ModuleStep {
    QString name;
    InstanceKey key;
    bool operator==(const ModuleStep &) const = default;
};

// A resource instance address as Terraform writes it:
//   [module.NAME[KEY].]...[data.]TYPE.NAME[KEY]
// plus, for a deposed object, Terraform's " (deposed object KEY)" suffix.
// parse() and toString() round-trip every address Terraform prints.
struct Address {
    std::vector<ModuleStep> module;
    bool data = false;
    QString type;
    QString name;
    InstanceKey key;
    QString deposed;

    QString toString() const; // the full address, with the deposed suffix when there is one
    // toString(), its module path already written: `modulePrefix` is moduleString() and a '.'
    // after it, or empty in the root module.
    QString toStringAfter(QStringView modulePrefix) const;
    QString instanceString() const; // the full address without the deposed suffix
    QString moduleString() const; // "module.a[0].module.b", or empty in the root module
    QString resourceString() const; // the instance address without its own key
    QString configString() const; // unexpanded: no keys anywhere, "module.a.module.b.aws_x.y"
    QString localString() const; // "[data.]TYPE.NAME", no module and no key
    bool operator==(const Address &) const = default;

    // Returns nullopt and sets *error (when given) on anything that is not an address.
    static std::optional<Address> parse(QStringView text, QString *error = nullptr);
    // Parses a module instance path alone: "" (root), "module.a", "module.a[\"k\"].module.b[0]".
    static std::optional<std::vector<ModuleStep>> parseModule(
        QStringView text, QString *error = nullptr);
};

QString moduleToString(const std::vector<ModuleStep> &module);
// moduleToString of the first `steps` steps (all of them when there are fewer).
QString moduleToString(const std::vector<ModuleStep> &module, size_t steps);

} // namespace bg::core
