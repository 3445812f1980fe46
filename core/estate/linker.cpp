// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Linking an estate's stacks: one index of every identity, one walk over every value.
#include "core/estate/estate.h"
#include "core/estate/jsonleaves_p.h"
#include "core/risk/masking.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace bg::core {

using detail::JsonLeaf;
using detail::LeafStep;

namespace {

struct Ref {
    int stack = -1;
    int node = -1;
};

// One identity value and who holds it. Several nodes of one stack may share an id (a bucket
// and its bucket_policy): the owner is the one whose type the others' extend.
struct Entry {
    Ref owner;
    std::vector<Ref> others; // of other stacks: the value is shared and links nothing
};

// Copies of the identities read from packed documents, whose values are read as copies
// (Document::bytesOf), a chunk at a time: each is written once and stays where it is.
class KeptKeys {
public:
    std::string_view keep(QByteArrayView raw)
    {
        const size_t n = size_t(raw.size());
        if (m_left < n) {
            const size_t size = std::max<size_t>(n, 64 << 10);
            m_chunks.push_back(std::make_unique<char[]>(size));
            m_at = m_chunks.back().get();
            m_left = size;
        }
        std::memcpy(m_at, raw.data(), n);
        const std::string_view kept(m_at, n);
        m_at += n;
        m_left -= n;
        return kept;
    }

private:
    std::vector<std::unique_ptr<char[]>> m_chunks;
    char *m_at = nullptr;
    size_t m_left = 0;
};

// Keyed by views of the documents' own bytes, which the estate keeps while it links: no copy
// of every identity, but of those read from packed documents.
struct Index {
    std::unordered_map<std::string_view, Entry> map;
    KeptKeys kept;
};

std::string_view view(QByteArrayView raw)
{
    return std::string_view(raw.data(), size_t(raw.size()));
}

std::string key(QByteArrayView raw)
{
    return std::string(raw.data(), size_t(raw.size()));
}

bool ownsBetter(const Document &d, int candidate, int current)
{
    const QString &a = d.resources[candidate].address.type;
    const QString &b = d.resources[current].address.type;
    return b.startsWith(a + QLatin1Char('_'));
}

void addIdentity(Index &index, QByteArrayView raw, const Ref &ref, const Document &d)
{
    if (raw.isEmpty())
        return;
    const auto it = index.map.find(view(raw));
    if (it == index.map.end()) {
        index.map.emplace(d.packed ? index.kept.keep(raw) : view(raw), Entry {ref, {}});
        return;
    }
    Entry &e = it->second;
    if (e.owner.stack == ref.stack) {
        if (e.owner.node != ref.node && ownsBetter(d, ref.node, e.owner.node))
            e.owner = ref;
        return;
    }
    for (const Ref &o : e.others) {
        if (o.stack == ref.stack)
            return;
    }
    e.others.push_back(ref);
}

bool holdsIdentities(const Resource &r, const LinkRules &links)
{
    return !r.isData() && !links.isIgnoredType(r.address.type);
}

void indexStack(Index &index, const Estate &estate, int s, const LinkRules &links)
{
    const Document &d = *estate.stacks[s].document;
    const QStringList &attributes = links.identityAttributes();
    std::vector<QByteArray> names;
    for (const QString &a : attributes)
        names.push_back(a.toUtf8());
    for (int n = 0; n < int(d.resources.size()); ++n) {
        const Resource &r = d.resources[n];
        if (!holdsIdentities(r, links) || !r.before.range().isValid())
            continue;
        detail::forEachStringLeaf(d.bytesOf(r.before), [&](const JsonLeaf &leaf) {
            if (leaf.path.size() == 1 && !leaf.path[0].inArray && !leaf.escaped
                && std::find(names.begin(), names.end(), leaf.path[0].key) != names.end())
                addIdentity(index, leaf.raw, {s, n}, d);
            return true;
        });
        if (r.beforeIdentity.range().isValid())
            detail::forEachStringLeaf(d.bytesOf(r.beforeIdentity), [&](const JsonLeaf &leaf) {
                // Members naming another object (role_arn, policy_arn, vpc_id) are references,
                // not this resource's own identity (aws_iam_role_policy_attachment's).
                const QByteArrayView k
                    = leaf.path.empty() ? QByteArrayView() : leaf.path.back().key;
                if (k.endsWith("_arn") || k.endsWith("_id"))
                    return true;
                if (!leaf.escaped)
                    addIdentity(index, leaf.raw, {s, n}, d);
                return true;
            });
    }
}

QStringList stepsToPath(const std::vector<LeafStep> &path)
{
    QStringList out;
    for (const LeafStep &step : path)
        out.append(step.inArray ? QString::number(step.index) : QString::fromUtf8(step.key));
    return out;
}

QByteArray canonical(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
}

void stringLeaves(const QJsonValue &value, QStringList *out)
{
    if (value.isString())
        out->append(value.toString());
    else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            stringLeaves(v, out);
    } else if (value.isObject()) {
        for (const QJsonValue &v : value.toObject())
            stringLeaves(v, out);
    }
}

// A value read through a remote state: which data source and output, and what is behind it.
struct RemoteLeaf {
    int dataSource = -1;
    QString output;
    Ref behind;
};

class Linker {
public:
    Linker(Estate &estate, const LinkRules &links, const RuleSet &rules)
        : m_estate(estate)
        , m_links(links)
        , m_rules(rules)
    {
    }

    void run()
    {
        m_estate.links.clear();
        m_estate.sharedLinks.clear();
        m_estate.remoteStates.clear();
        for (int s = 0; s < int(m_estate.stacks.size()); ++s)
            indexStack(m_index, m_estate, s, m_links);
        indexOutputs();
        for (int t = 0; t < int(m_estate.stacks.size()); ++t) {
            m_remote.clear();
            readRemoteStates(t);
            scanStack(t);
        }
        for (auto *list : {&m_estate.links, &m_estate.sharedLinks})
            std::sort(list->begin(), list->end(), [](const StackLink &a, const StackLink &b) {
                return std::tie(a.stack, a.node, a.dependsOnStack, a.dependsOnNode)
                    < std::tie(b.stack, b.node, b.dependsOnStack, b.dependsOnNode);
            });
        if (m_shared > 0)
            m_estate.notes.append(
                QStringLiteral("%1 attribute values equal identities held in several stacks "
                               "(%2): not links, but a destroy of any holder breaks them")
                    .arg(m_shared)
                    .arg(m_sharedExample));
        for (auto it = m_generic.cbegin(); it != m_generic.cend(); ++it)
            m_estate.notes.append(
                QStringLiteral("%1 attribute values equal another stack's identity but are "
                               "generic (%2): they link nothing")
                    .arg(it.value())
                    .arg(it.key()));
    }

private:
    const Document &doc(int s) const { return *m_estate.stacks[s].document; }
    const Resource &node(int s, int n) const { return m_estate.stacks[s].node(n); }

    void indexOutputs()
    {
        for (int s = 0; s < int(m_estate.stacks.size()); ++s) {
            for (const OutputValue &o : doc(s).outputs) {
                if (o.sensitive)
                    continue; // never matched, never shown
                m_outputs[o.name.toUtf8() + '\x1f' + canonical(decodeSlot(doc(s), o.value))]
                    .push_back(s);
            }
        }
    }

    // The stack whose outputs each of stack t's terraform_remote_state data sources read.
    void readRemoteStates(int t)
    {
        const Document &d = doc(t);
        // A plan's terraform_remote_state is among its data sources from prior_state.
        for (int n = 0; n < m_estate.stacks[t].nodeCount(); ++n) {
            const Resource &r = node(t, n);
            if (!r.isData() || !m_links.isRemoteStateType(r.address.type))
                continue;
            // `outputs` is dynamically typed (data_source_state.go): a raw state writes it as
            // {"value": {...}, "type": [...]}, a state or plan JSON as the object itself.
            QJsonObject outputs
                = decodeSlot(d, r.before).toObject().value(QLatin1String("outputs")).toObject();
            if (outputs.size() == 2 && outputs.contains(QLatin1String("value"))
                && outputs.contains(QLatin1String("type")))
                outputs = outputs.value(QLatin1String("value")).toObject();
            QHash<int, QStringList> matched;
            for (auto it = outputs.begin(); it != outputs.end(); ++it) {
                const auto found
                    = m_outputs.constFind(it.key().toUtf8() + '\x1f' + canonical(it.value()));
                if (found == m_outputs.constEnd())
                    continue;
                for (int s : *found) {
                    if (s != t)
                        matched[s].append(it.key());
                }
            }
            RemoteStateLink link {t, n, -1, {}, {}};
            qsizetype best = 0;
            int tied = 0;
            for (auto it = matched.cbegin(); it != matched.cend(); ++it) {
                if (it.value().size() > best) {
                    best = it.value().size();
                    link.readsStack = it.key();
                    tied = 1;
                } else if (it.value().size() == best) {
                    ++tied;
                }
            }
            if (outputs.isEmpty())
                link.note = QStringLiteral("it recorded no outputs");
            else if (best == 0)
                link.note = QStringLiteral("no stack of the estate has these outputs");
            else if (tied > 1) {
                link.note = QStringLiteral("%1 stacks have the same outputs").arg(tied);
                link.readsStack = -1;
            }
            if (link.readsStack >= 0) {
                link.outputs = matched.value(link.readsStack);
                link.outputs.sort();
                for (const QString &name : std::as_const(link.outputs))
                    behindOutput(n, name, outputs.value(name), link.readsStack);
            }
            m_estate.remoteStates.push_back(std::move(link));
        }
    }

    // The resources of stack s behind one output: its string values that are their identities.
    void behindOutput(int dataSource, const QString &name, const QJsonValue &value, int s)
    {
        QStringList leaves;
        stringLeaves(value, &leaves);
        for (const QString &leaf : std::as_const(leaves)) {
            // A remote state lifts the rule on values held in several stacks, never the one on
            // generic values: a region read through it is still only a region.
            if (!m_links.genericKind(leaf).isEmpty())
                continue;
            const std::string text = leaf.toStdString();
            const auto it = m_index.map.find(text);
            if (it == m_index.map.end())
                continue;
            Ref behind;
            if (it->second.owner.stack == s)
                behind = it->second.owner;
            for (const Ref &o : it->second.others) {
                if (o.stack == s)
                    behind = o;
            }
            if (behind.stack >= 0)
                m_remote.try_emplace(leaf.toStdString(), RemoteLeaf {dataSource, name, behind});
        }
    }

    void scanStack(int t)
    {
        const Document &d = doc(t);
        for (int n = 0; n < m_estate.stacks[t].nodeCount(); ++n) {
            const Resource &r = node(t, n);
            if ((r.isData() && m_links.isRemoteStateType(r.address.type))
                || !r.before.range().isValid())
                continue;
            m_found.clear();
            m_foundTargets.clear();
            detail::forEachStringLeaf(d.bytesOf(r.before), [&](const JsonLeaf &leaf) {
                if (!leaf.escaped)
                    consider(t, n, leaf);
                return true;
            });
            for (StackLink &link : m_found)
                (link.reason == LinkReason::SharedIdentity ? m_estate.sharedLinks : m_estate.links)
                    .push_back(std::move(link));
        }
    }

    static qint64 target(int s, int node) { return (qint64(s) << 32) | quint32(node); }
    bool alreadyLinked(int s, int node) const { return m_foundTargets.count(target(s, node)) > 0; }
    // One more link of the node being scanned (alreadyLinked searched them all, per leaf: a
    // resource holding 160,000 ids of another stack took 14 s).
    void found(StackLink &&link)
    {
        m_foundTargets.insert(target(link.dependsOnStack, link.dependsOnNode));
        m_found.push_back(std::move(link));
    }

    void consider(int t, int n, const JsonLeaf &leaf)
    {
        if (!m_remote.empty()) {
            if (const auto it = m_remote.find(key(leaf.raw)); it != m_remote.end()) {
                const RemoteLeaf &rl = it->second;
                if (!alreadyLinked(rl.behind.stack, rl.behind.node) && notSecret(t, n, leaf)) {
                    StackLink link = make(t, n, leaf, rl.behind, LinkReason::RemoteState);
                    link.dataSource = node(t, rl.dataSource).id;
                    link.output = rl.output;
                    found(std::move(link));
                }
                return;
            }
        }
        if (leaf.raw.size() < m_links.minLength())
            return;
        const auto it = m_index.map.find(view(leaf.raw));
        if (it == m_index.map.end())
            return;
        const Entry &e = it->second;
        const bool shared = !e.others.empty();
        if (!shared && (e.owner.stack == t || alreadyLinked(e.owner.stack, e.owner.node)))
            return;
        const QString value = QString::fromUtf8(leaf.raw);
        const auto cached = m_kinds.constFind(value);
        const QString kind = cached != m_kinds.constEnd() ? *cached : m_links.genericKind(value);
        if (cached == m_kinds.constEnd())
            m_kinds.insert(value, kind);
        if (!kind.isEmpty()) {
            ++m_generic[kind];
            return;
        }
        if (!notSecret(t, n, leaf))
            return;
        if (!shared) {
            found(make(t, n, leaf, e.owner, LinkReason::Identity));
            return;
        }
        if (m_shared++ == 0)
            m_sharedExample = QStringLiteral("the id of %1 in stack %2 is also held in stack %3")
                                  .arg(node(e.owner.stack, e.owner.node).id,
                                      m_estate.stacks[e.owner.stack].name,
                                      m_estate.stacks[e.others.front().stack].name);
        // Each holder in another stack: which one the value means cannot be told, and a
        // destroy of any of them may take it.
        std::vector<Ref> holders {e.owner};
        holders.insert(holders.end(), e.others.begin(), e.others.end());
        for (const Ref &h : holders) {
            if (h.stack != t && !alreadyLinked(h.stack, h.node))
                found(make(t, n, leaf, h, LinkReason::SharedIdentity));
        }
    }

    StackLink make(int t, int n, const JsonLeaf &leaf, const Ref &to, LinkReason reason) const
    {
        StackLink link;
        link.stack = t;
        link.node = n;
        link.via = detail::leafPath(leaf.path);
        link.value = QString::fromUtf8(leaf.raw);
        link.dependsOnStack = to.stack;
        link.dependsOnNode = to.node;
        link.reason = reason;
        return link;
    }

    // The value at the leaf's path is shown as it is once masked: not marked sensitive, not
    // named or shaped like a secret.
    bool notSecret(int s, int n, const JsonLeaf &leaf)
    {
        // Only the node being scanned is ever asked about: keep its masked values alone.
        const qint64 k = (qint64(s) << 32) | quint32(n);
        if (k != m_maskedNode) {
            const Document &d = doc(s);
            m_masked = maskedValues(d, node(s, n), Side::Before, m_rules);
            m_maskedNode = k;
        }
        bool present = false;
        const QJsonValue shown = valueAt(m_masked, stepsToPath(leaf.path), &present);
        return present && shown.isString() && shown.toString() == QString::fromUtf8(leaf.raw);
    }

    Estate &m_estate;
    const LinkRules &m_links;
    const RuleSet &m_rules;
    Index m_index;
    QHash<QByteArray, std::vector<int>> m_outputs; // name \x1f canonical value -> stacks
    std::unordered_map<std::string, RemoteLeaf> m_remote; // of the stack being scanned
    std::vector<StackLink> m_found; // of the node being scanned
    std::unordered_set<qint64> m_foundTargets; // the nodes they link to (target())
    QHash<QString, QString> m_kinds; // value -> generic kind ("" when none)
    qint64 m_maskedNode = -1; // stack << 32 | node
    QJsonValue m_masked; // its masked values
    QMap<QString, int> m_generic; // kind -> values left out
    int m_shared = 0;
    QString m_sharedExample;
};

} // namespace

QString linkReasonName(LinkReason reason)
{
    switch (reason) {
    case LinkReason::RemoteState:
        return QStringLiteral("remote_state");
    case LinkReason::SharedIdentity:
        return QStringLiteral("shared_identity");
    case LinkReason::Identity:
        break;
    }
    return QStringLiteral("identity");
}

void linkEstate(Estate &estate, const LinkRules &links, const RuleSet &rules)
{
    Linker(estate, links, rules).run();
}

int recogniseStack(const Estate &estate, const Document &document, QString *how)
{
    const QString file = QFileInfo(document.path).canonicalFilePath();
    for (int s = 0; s < int(estate.stacks.size()); ++s) {
        if (!file.isEmpty() && QFileInfo(estate.stacks[s].file).canonicalFilePath() == file) {
            if (how)
                *how = QStringLiteral("the same file");
            return s;
        }
    }
    if (!document.lineage.isEmpty()) {
        for (int s = 0; s < int(estate.stacks.size()); ++s) {
            if (estate.stacks[s].document->lineage == document.lineage) {
                if (how)
                    *how = QStringLiteral("the same lineage");
                return s;
            }
        }
    }
    // The same resources with the same ids: address -> id of every existing object.
    QHash<QString, QByteArray> ids;
    for (const Resource &r : document.resources) {
        if (r.isData() || !r.before.range().isValid())
            continue;
        const QByteArray id
            = detail::topLevelString(document.bytesOf(r.before), QByteArrayView("id"))
                  .toByteArray();
        if (!id.isEmpty())
            ids.insert(r.id, id);
    }
    if (ids.isEmpty())
        return -1;
    int best = -1;
    int bestCount = 0;
    for (int s = 0; s < int(estate.stacks.size()); ++s) {
        const Document &d = *estate.stacks[s].document;
        int count = 0;
        for (const Resource &r : d.resources) {
            const auto it = ids.constFind(r.id);
            if (it != ids.constEnd() && r.before.range().isValid()
                && detail::topLevelString(d.bytesOf(r.before), QByteArrayView("id")) == *it)
                ++count;
        }
        if (count > bestCount) {
            bestCount = count;
            best = s;
        }
    }
    if (bestCount * 2 < int(ids.size()))
        return -1;
    if (how)
        *how = QStringLiteral("the same resources with the same ids (%1 of %2)")
                   .arg(bestCount)
                   .arg(ids.size());
    return best;
}

} // namespace bg::core
