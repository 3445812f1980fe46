// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: resolves the plan configuration's references to resource instances.
#pragma once

#include "core/graph/instanceindex_p.h"
#include "core/model.h"

#include <QHash>
#include <QSet>
#include <deque>
#include <map>
#include <unordered_map>

namespace bg::core {

class ReferenceResolver {
public:
    ReferenceResolver(const Document &document, InstanceIndex &instances);
    // Appends, for every resource instance, the instances its configuration refers to (a
    // whole group of them through its hub).
    void addEdges(std::vector<std::vector<int>> &dependencies, Hubs &hubs);
    QStringList warnings() const;

private:
    // A resource (or one instance of it) a reference leads to, in absolute configuration terms.
    struct Target {
        QStringList modulePath; // module call names from the root
        std::vector<InstanceKey> moduleKeys; // per call; None = any instance
        QString local; // "[data.]TYPE.NAME"
        QString config; // its configuration address: "module.a.module.b." and local
        InstanceKey key; // None = every instance
    };
    // Targets are made once and shared: a module's output of 100 resources, reached by the
    // variables and the depends_on of 100 module calls, was 200,000 copies of them (a third of
    // the report, and most of its memory).
    using Targets = std::vector<const Target *>;
    struct ModuleInfo {
        const ConfigModule *module = nullptr;
        QString parent; // key of the parent module in m_modules
        QString callName;
        const ConfigModuleCall *call = nullptr; // in the parent (names are unique: JSON keys)
        QStringList path;
        QString configPrefix; // "module.a.module.b." ("" for the root)
        // Its resources' local addresses and its outputs by name, indexed only where there
        // are many: for 10,000 module calls of one resource each, their hash tables of one
        // entry were 15 MB.
        QSet<QString> declared;
        QHash<QString, const QStringList *> outputs;
        bool declares(const QString &local) const;
        const QStringList *output(QStringView name) const;
    };
    static constexpr size_t FewMembers = 8;

    void indexModules(const ConfigModule *module, const QString &key, const QString &parent,
        const QString &callName, const ConfigModuleCall *call, const QStringList &path);
    Targets resolve(const QString &moduleKey, const QString &reference, int depth);
    Targets resolveExpression(const QString &moduleKey, const QStringList &references);
    std::vector<int> pick(const Target &target, int common, const std::vector<int> &group) const;
    // What the calls of this module and of every module around it depend on.
    Targets moduleDependsOn(const QString &moduleKey);
    const Target *keep(Target target);
    void unresolved(const QString &reference);

    // What one expression of many targets reaches from the sources in one module instance:
    // the nodes of its small groups and picks (sorted, shared through one hub), and its large
    // groups (each reached through its own hub).
    struct ExpressionSet {
        std::vector<int> nodes;
        struct Group {
            const std::vector<int> *nodes;
            QString config;
            int common;
        };
        std::vector<Group> groups;
    };
    struct SetKeyHash {
        size_t operator()(const std::pair<QString, int> &k) const
        {
            return qHash(k.first, size_t(k.second));
        }
    };
    // How many module steps a source of this module shares with the target's.
    static int commonDepth(const ModuleInfo &info, const Target &target);
    // Every instance of the target's group is meant, as "aws_x.y" or "aws_x.y[count.index]" is
    // recorded (no key past the common steps).
    static bool wholeGroup(const Target &target, int common);
    const ExpressionSet &expressionSet(
        const QString &key, int source, int depth, const ModuleInfo &info, const Targets &targets);

    const Document &m_document;
    InstanceIndex &m_instances;
    // (module key and expression, the sources' module instance) -> what it reaches; node-based,
    // so that a set never moves (a hub is known by it)
    std::unordered_map<std::pair<QString, int>, ExpressionSet, SetKeyHash> m_sets;
    // (module key and expression) -> its targets, for expressions through modules
    std::unordered_map<QString, Targets> m_expressions;
    QHash<QString, ModuleInfo> m_modules; // "module.a.module.b" -> module
    QStringList m_moduleOrder; // their keys as the configuration has them: a hash's order
                               // changes from run to run, and so did the warnings
    QHash<QString, Targets> m_memo;
    // The targets made, where they never move; those of an expression through no module or
    // variable are dropped once its edges are made.
    std::deque<Target> m_targets;
    QStringList m_unresolved; // distinct, in the order first met
    QSet<QString> m_unresolvedSeen;
};

} // namespace bg::core
