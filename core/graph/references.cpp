// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/graph/references_p.h"
#include "core/memory.h"

#include <QSet>
#include <algorithm>
#include <iterator>
#include <unordered_map>

namespace bg::core {

namespace {

constexpr int MaxDepth = 64;

// Reference heads that never name a resource. Locals and ephemeral values are not in
// Terraform's JSON, so what they lead to cannot be known.
bool namesNoResource(QStringView head)
{
    static constexpr QLatin1StringView Heads[]
        = {QLatin1StringView("var"), QLatin1StringView("local"), QLatin1StringView("each"),
            QLatin1StringView("count"), QLatin1StringView("path"), QLatin1StringView("terraform"),
            QLatin1StringView("self"), QLatin1StringView("ephemeral")};
    return head.isEmpty()
        || std::any_of(std::begin(Heads), std::end(Heads), [&](auto name) { return head == name; });
}

struct Step {
    QStringView name; // in the reference split, which outlives its steps
    InstanceKey key;
    bool isKey = false;
};

// Splits a reference such as module.x["a"].out or aws_instance.foo[1].id into its steps.
// Stops at anything it cannot read (a dynamic key never appears in references).
std::vector<Step> splitTraversal(QStringView text)
{
    std::vector<Step> steps;
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] == QLatin1Char('.')) {
            ++i;
            continue;
        }
        if (text[i] == QLatin1Char('[')) {
            const qsizetype close = text.indexOf(QLatin1Char(']'), i);
            if (close < 0)
                break;
            QStringView inner = text.mid(i + 1, close - i - 1);
            Step step;
            step.isKey = true;
            if (inner.startsWith(QLatin1Char('"'))) {
                // Find the closing quote, honouring escapes, then let Address unquote it.
                qsizetype j = i + 2;
                while (j < text.size() && text[j] != QLatin1Char('"'))
                    j += text[j] == QLatin1Char('\\') ? 2 : 1;
                if (j + 1 >= text.size() || text[j + 1] != QLatin1Char(']'))
                    break;
                auto parsed = Address::parse(QStringLiteral("x.y[%1]").arg(text.mid(i + 1, j - i)));
                if (!parsed)
                    break;
                step.key = parsed->key;
                i = j + 2;
            } else {
                bool ok = false;
                const qint64 n = inner.toLongLong(&ok);
                if (!ok)
                    break;
                step.key = InstanceKey::fromInt(n);
                i = close + 1;
            }
            steps.push_back(std::move(step));
            continue;
        }
        qsizetype j = i;
        while (j < text.size() && text[j] != QLatin1Char('.') && text[j] != QLatin1Char('['))
            ++j;
        steps.push_back({text.mid(i, j - i), {}, false});
        i = j;
    }
    return steps;
}

bool isName(const std::vector<Step> &steps, size_t i)
{
    return i < steps.size() && !steps[i].isKey;
}

} // namespace

ReferenceResolver::ReferenceResolver(const Document &document, InstanceIndex &instances)
    : m_document(document)
    , m_instances(instances)
{
    indexModules(document.configuration.get(), QString(), QString(), QString(), nullptr, {});
}

void ReferenceResolver::indexModules(const ConfigModule *module, const QString &key,
    const QString &parent, const QString &callName, const ConfigModuleCall *call,
    const QStringList &path)
{
    if (!module || m_modules.contains(key) || path.size() > MaxDepth)
        return;
    memory::keepHeapAdvised(); // a module's index grows the heap as loading did
    ModuleInfo info {module, parent, callName, call, path, {}, {}, {}};
    for (const QString &name : path)
        info.configPrefix += QStringLiteral("module.") + name + QLatin1Char('.');
    if (module->resources.size() > FewMembers) {
        for (const ConfigResource &r : module->resources)
            info.declared.insert(r.localAddress);
    }
    if (module->outputs.size() > FewMembers) {
        for (const auto &[name, refs] : module->outputs)
            info.outputs.insert(name, &refs);
    }
    m_modules.insert(key, std::move(info));
    m_moduleOrder.append(key);
    for (const auto &[name, child] : module->calls) {
        const QString childKey = (key.isEmpty() ? QString() : key + QLatin1Char('.'))
            + QStringLiteral("module.") + name;
        indexModules(child.module.get(), childKey, key, name, &child, path + QStringList {name});
    }
}

const ReferenceResolver::Target *ReferenceResolver::keep(Target target)
{
    return &m_targets.emplace_back(std::move(target));
}

bool ReferenceResolver::ModuleInfo::declares(const QString &local) const
{
    if (!declared.isEmpty()) // indexed: a module of many
        return declared.contains(local);
    return std::any_of(module->resources.begin(), module->resources.end(),
        [&](const ConfigResource &r) { return r.localAddress == local; });
}

const QStringList *ReferenceResolver::ModuleInfo::output(QStringView name) const
{
    if (!outputs.isEmpty()) // indexed: a module of many
        return outputs.value(name.toString());
    for (const auto &[output, refs] : module->outputs) {
        if (output == name)
            return &refs;
    }
    return nullptr;
}

ReferenceResolver::Targets ReferenceResolver::resolve(
    const QString &moduleKey, const QString &reference, int depth)
{
    const auto found = m_modules.constFind(moduleKey);
    if (found == m_modules.constEnd() || !found->module || depth > MaxDepth)
        return {};
    const ModuleInfo &info = *found;
    const std::vector<Step> steps = splitTraversal(reference);
    const QStringView head = steps.empty() ? QStringView() : steps[0].name;
    const bool throughModule = head == QLatin1String("module") && isName(steps, 1);
    if (!throughModule && !(head == QLatin1String("var") && !moduleKey.isEmpty())) {
        // A resource of this module, or nothing: known at once, with nothing to recurse
        // into, so not remembered (most references are these, and each is seen once).
        Targets out;
        const size_t first = head == QLatin1String("data") ? 1 : 0;
        if (namesNoResource(head) || !isName(steps, first) || !isName(steps, first + 1))
            return out;
        Target t;
        t.modulePath = info.path;
        t.moduleKeys.resize(info.path.size());
        const QStringView type = steps[first].name, name = steps[first + 1].name;
        t.local.reserve((first ? 5 : 0) + type.size() + 1 + name.size());
        if (first)
            t.local += QLatin1String("data.");
        t.local.append(type).append(QLatin1Char('.')).append(name);
        if (first + 2 < steps.size() && steps[first + 2].isKey)
            t.key = steps[first + 2].key;
        if (info.declares(t.local)) {
            t.config = info.configPrefix.isEmpty() ? t.local : info.configPrefix + t.local;
            out.push_back(keep(std::move(t)));
        } else
            unresolved(reference);
        return out;
    }

    // Through a module's outputs or a module's variables: remembered, which also breaks
    // cycles through them.
    const QString memoKey = moduleKey + QLatin1Char('|') + reference;
    if (auto it = m_memo.constFind(memoKey); it != m_memo.constEnd())
        return *it;
    m_memo.insert(memoKey, {});

    Targets out;
    if (!throughModule) { // var.NAME inside a module: what its call passes, and waits for
        if (const ConfigModuleCall *call = info.call; call && isName(steps, 1)) {
            for (const auto &[arg, refs] : call->arguments) {
                if (arg == steps[1].name)
                    out = resolveExpression(info.parent, refs);
            }
            for (const QString &ref : call->dependsOn) {
                const Targets more = resolve(info.parent, ref, depth + 1);
                out.insert(out.end(), more.begin(), more.end());
            }
        }
    } else {
        QString childKey = moduleKey.isEmpty() ? QString() : moduleKey + QLatin1Char('.');
        childKey.append(QLatin1String("module.")).append(steps[1].name);
        const auto child = m_modules.constFind(childKey);
        size_t next = 2;
        InstanceKey callKey;
        if (next < steps.size() && steps[next].isKey)
            callKey = steps[next++].key;
        if (child != m_modules.constEnd() && child->module) {
            std::vector<const QStringList *> outputs; // the one named, or every one
            if (isName(steps, next)) {
                if (const QStringList *refs = child->output(steps[next].name))
                    outputs.push_back(refs);
            } else {
                for (const auto &[name, refs] : child->module->outputs)
                    outputs.push_back(&refs);
            }
            const int position = int(info.path.size());
            for (const QStringList *refs : outputs) {
                for (const Target *t : resolveExpression(childKey, *refs)) {
                    if (!callKey.isNone() && int(t->moduleKeys.size()) > position
                        && t->moduleKeys[position].isNone()) {
                        Target keyed = *t;
                        keyed.moduleKeys[position] = callKey;
                        t = keep(std::move(keyed));
                    }
                    out.push_back(t);
                }
            }
        } else {
            unresolved(reference);
        }
    }
    m_memo.insert(memoKey, out);
    return out;
}

ReferenceResolver::Targets ReferenceResolver::resolveExpression(
    const QString &moduleKey, const QStringList &references)
{
    // For one use of aws_x.y[1].id Terraform lists "aws_x.y[1].id", "aws_x.y[1]" and "aws_x.y";
    // for module.m["k"].out, "module.m[\"k\"].out", "module.m[\"k\"]" and "module.m". Only the most
    // specific says what is used: drop every reference that another one extends.
    // A few references are compared pair by pair; more, each cut before every '.' or '[' of
    // its own and the cuts looked up (comparing every pair was quadratic in a long expression).
    constexpr qsizetype FewReferences = 8;
    QSet<QStringView> extended;
    if (references.size() > FewReferences) {
        for (const QString &other : references) {
            for (qsizetype i = 0; i < other.size(); ++i) {
                if (other[i] == QLatin1Char('.') || other[i] == QLatin1Char('['))
                    extended.insert(QStringView(other).left(i));
            }
        }
    }
    const auto isExtended = [&](const QString &ref) {
        if (references.size() > FewReferences)
            return extended.contains(QStringView(ref));
        return std::any_of(references.begin(), references.end(), [&](const QString &other) {
            return other.size() > ref.size() && other.startsWith(ref)
                && (other[ref.size()] == QLatin1Char('.') || other[ref.size()] == QLatin1Char('['));
        });
    };
    Targets all;
    for (const QString &ref : references) {
        if (isExtended(ref))
            continue;
        const Targets more = resolve(moduleKey, ref, 0);
        all.insert(all.end(), more.begin(), more.end());
    }
    return all;
}

ReferenceResolver::Targets ReferenceResolver::moduleDependsOn(const QString &moduleKey)
{
    // Every resource in a module waits for its module's expansion, and that expansion for its
    // parent's (internal/terraform/transform_module_expansion.go); an expansion refers to the
    // call's depends_on, count and for_each (ConfigModuleCall::dependsOn). Terraform
    // records all of a resource's ancestors as its dependencies (AttachDependenciesTransformer,
    // internal/terraform/transform_reference.go), so these reach every resource inside.
    Targets out;
    for (QString key = moduleKey; !key.isEmpty();) {
        const auto found = m_modules.constFind(key);
        if (found == m_modules.constEnd() || !found->call)
            break;
        const ModuleInfo &info = *found;
        for (const QString &ref : info.call->dependsOn) {
            const Targets more = resolve(info.parent, ref, 0);
            out.insert(out.end(), more.begin(), more.end());
        }
        key = info.parent;
    }
    return out;
}

// The instances of `group` whose keys are those `target` names.
std::vector<int> ReferenceResolver::pick(
    const Target &target, int common, const std::vector<int> &group) const
{
    std::vector<int> out;
    for (int candidate : group) {
        const Address &a = m_document.resources[candidate].address;
        if (!target.key.isNone() && !(a.key == target.key))
            continue;
        bool keysMatch = true;
        for (size_t k = size_t(common); k < target.moduleKeys.size() && k < a.module.size(); ++k) {
            if (!target.moduleKeys[k].isNone() && !(a.module[k].key == target.moduleKeys[k]))
                keysMatch = false;
        }
        if (keysMatch)
            out.push_back(candidate);
    }
    return out;
}

int ReferenceResolver::commonDepth(const ModuleInfo &info, const Target &target)
{
    int common = 0;
    while (common < info.path.size() && common < target.modulePath.size()
        && info.path[common] == target.modulePath[common])
        ++common;
    return common;
}

bool ReferenceResolver::wholeGroup(const Target &target, int common)
{
    return target.key.isNone()
        && std::all_of(target.moduleKeys.begin()
                + std::min<qsizetype>(common, qsizetype(target.moduleKeys.size())),
            target.moduleKeys.end(), [](const InstanceKey &k) { return k.isNone(); });
}

const ReferenceResolver::ExpressionSet &ReferenceResolver::expressionSet(
    const QString &key, int source, int depth, const ModuleInfo &info, const Targets &targets)
{
    auto [it, added] = m_sets.try_emplace({key, m_instances.prefixOf(source, depth)});
    ExpressionSet &set = it->second;
    if (!added)
        return set;
    for (const Target *t : targets) {
        const Target &target = *t;
        const int common = commonDepth(info, target);
        const std::vector<int> &group
            = m_instances.groups(target.config, common).of(m_instances.prefixOf(source, common));
        if (!wholeGroup(target, common)) {
            const std::vector<int> picked = pick(target, common, group);
            set.nodes.insert(set.nodes.end(), picked.begin(), picked.end());
        } else if (group.size() > MaxDirectInstances) {
            set.groups.push_back({&group, target.config, common});
        } else {
            set.nodes.insert(set.nodes.end(), group.begin(), group.end());
        }
    }
    std::sort(set.nodes.begin(), set.nodes.end());
    set.nodes.erase(std::unique(set.nodes.begin(), set.nodes.end()), set.nodes.end());
    return set;
}

void ReferenceResolver::addEdges(std::vector<std::vector<int>> &dependencies, Hubs &hubs)
{
    for (const QString &key : std::as_const(m_moduleOrder)) {
        // What a module's references reach grows the heap as loading did: 25,000 module calls
        // without this took 83,000 page faults of 4 KiB, not 44,000 (3.96 s, not 3.59, here).
        memory::keepHeapAdvised();
        const ModuleInfo &info = *m_modules.constFind(key);
        const Targets inherited = moduleDependsOn(key);
        const int depth = int(info.path.size());
        for (const ConfigResource &res : info.module->resources) {
            const std::vector<int> &sources
                = m_instances.groups(info.configPrefix + res.localAddress, 0).of(-1);
            if (sources.empty())
                continue;
            // An expression of many targets (a module output that lists many resources): what
            // it reaches from one module instance is worked out once, for every source there
            // and every resource with the same expression, and shared through one hub, as
            // Terraform's graph goes through the output's own vertex (nodeExpandOutput,
            // internal/terraform/node_output.go, which references the output's expression).
            // Each source reaching each instance was their product: 50 module instances of 100
            // resources that each read an output of 100 others were 500,000 edges.
            // The sources of one module instance share its set, found once: the key may be
            // long (300 references: a key hashed for each of 10,000 sources was a sixth of the
            // report).
            std::unordered_map<int, const ExpressionSet *> byInstance;
            const auto connectMany = [&](const Targets &targets, const QString &setKey) {
                byInstance.clear();
                for (int source : sources) {
                    const ExpressionSet *&set = byInstance[m_instances.prefixOf(source, depth)];
                    if (!set)
                        set = &expressionSet(setKey, source, depth, info, targets);
                    for (const ExpressionSet::Group &g : set->groups)
                        hubs.reach(
                            *g.nodes, g.config, g.common, MaxDirectInstances, dependencies[source]);
                    if (std::binary_search(set->nodes.begin(), set->nodes.end(), source))
                        dependencies[source].insert(
                            dependencies[source].end(), set->nodes.begin(), set->nodes.end());
                    else
                        hubs.reachSet(
                            &set->nodes, set->nodes, MaxDirectInstances, dependencies[source]);
                }
            };
            const auto connect = [&](const Targets &targets) {
                for (const Target *t : targets) {
                    const Target &target = *t;
                    const int common = commonDepth(info, target);
                    const QString &config = target.config;
                    const InstanceIndex::Groups groups = m_instances.groups(config, common);
                    // Every instance of the group: the group's hub.
                    const bool whole = wholeGroup(target, common);
                    // Else the instances the keys pick, once per group: the sources in one
                    // module instance share it.
                    std::unordered_map<const std::vector<int> *, std::vector<int>> picked;
                    for (int source : sources) {
                        const std::vector<int> &group
                            = groups.of(m_instances.prefixOf(source, common));
                        if (whole) {
                            hubs.reach(
                                group, config, common, MaxDirectInstances, dependencies[source]);
                            continue;
                        }
                        auto [it, added] = picked.try_emplace(&group);
                        if (added)
                            it->second = pick(target, common, group);
                        dependencies[source].insert(
                            dependencies[source].end(), it->second.begin(), it->second.end());
                    }
                }
            };
            // More than a few targets go through a hub, known by setKey() (made only then).
            const auto connectAny = [&](const Targets &targets, auto setKey) {
                if (targets.size() > MaxDirectInstances)
                    connectMany(targets, setKey());
                else
                    connect(targets);
            };
            constexpr QChar Separator(0x1f); // in no reference: a control character
            for (const QStringList &expression : res.expressions) {
                // Through a module's outputs or variables, an expression may reach many
                // targets, and the module's other resources often have the same one: it is
                // resolved once (copying the targets for each was a tenth of the time where
                // 500 resources read an output of 500).
                const bool indirect
                    = std::any_of(expression.begin(), expression.end(), [](const QString &ref) {
                          return ref.startsWith(QLatin1String("module."))
                              || ref.startsWith(QLatin1String("var."));
                      });
                const auto expressionKey = [&] {
                    return key + Separator + expression.join(Separator);
                };
                if (!indirect) {
                    // Its targets are this resource's alone and used here once: not kept
                    // (10,000 resources of a few references each kept 3 MB of them).
                    const size_t kept = m_targets.size();
                    connectAny(resolveExpression(key, expression), expressionKey);
                    m_targets.erase(m_targets.begin() + qsizetype(kept), m_targets.end());
                    continue;
                }
                const QString setKey = expressionKey();
                auto [known, added] = m_expressions.try_emplace(setKey);
                if (added)
                    known->second = resolveExpression(key, expression);
                connectAny(known->second, [&] { return setKey; });
            }
            // The same for every resource of the module: known by the module's key.
            connectAny(inherited, [&] { return key; });
        }
    }
}

void ReferenceResolver::unresolved(const QString &reference)
{
    // Each once, in the order first met (a reference is resolved for every use of it)
    if (!m_unresolvedSeen.contains(reference)) {
        m_unresolvedSeen.insert(reference);
        m_unresolved.append(reference);
    }
}

QStringList ReferenceResolver::warnings() const
{
    if (m_unresolved.isEmpty())
        return {};
    const QStringList &unique = m_unresolved;
    return {QStringLiteral("%1 configuration references could not be resolved to a resource: %2")
                .arg(unique.size())
                .arg(unique.mid(0, 5).join(QStringLiteral(", "))
                    + (unique.size() > 5 ? QStringLiteral(" …") : QString()))};
}

} // namespace bg::core
