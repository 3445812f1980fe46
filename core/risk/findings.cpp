// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/findings.h"

#include "core/memory.h"
#include "core/risk/masking.h"
#include "core/risk/maskingrules.h"
#include "core/risk/slotmembers_p.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <limits>
#include <memory>
#include <new>
#include <numeric>

namespace bg::core {

namespace {

// Attributes decode lazily and at most once per side: most nodes never need them.
class NodeValues {
public:
    NodeValues(const Document &doc, const Resource &resource, const RuleSet &rules, Action action,
        const std::vector<const AttributeOverride *> &overrides)
        : m_doc(doc)
        , m_resource(resource)
        , m_rules(rules)
        , m_action(action)
        , m_overrides(overrides)
    {
    }
    const QJsonValue &raw(Side side)
    {
        auto &slot = m_raw[int(side)];
        if (!slot)
            slot = overridden(decoded(side), side, false);
        return *slot;
    }
    // What lookup() finds at a non-empty `path` in raw(side): where the side's object can be
    // read a member at a time, lookupMembers over those members, without building an object.
    QJsonValue lookupAt(Side side, const QStringList &path, bool *present);
    // What displayAttribute shows of the masked values (maskedValues, then the overrides) at
    // `path`, masking only what lies on the path: a rule's words read one attribute, never
    // the whole object.
    QString shown(Side side, const QStringList &path)
    {
        // What maskedValueAt reads of the object: the member on the path, and the names
        // beside it that may make it a secret (a name/value pair's name).
        std::optional<QJsonValue> read;
        if (m_overrides.empty()) {
            if (SlotMembers &members = sideMembers(side); members.readable()) {
                QStringList names {path.first()};
                for (const auto &[nameKey, valueKey] : MaskingRules::shipped().nameValuePairs()) {
                    if (valueKey == path.first())
                        names.append(nameKey);
                }
                read = members.members(names);
            }
        }
        const QJsonValue &value = read ? *read : decoded(side);
        if (!m_sensitive)
            m_sensitive = sensitivityOf(m_doc, m_resource);
        bool present = false;
        // The overrides go into the masked object (or into an empty one for a null value), at
        // the top level, the last one of a name winning; the catalog's values are not masked.
        const bool overridable = !m_overrides.empty() && exists(side) && !path.isEmpty()
            && !(m_sensitive->isBool() && m_sensitive->toBool())
            && (value.isObject() || value.isNull() || value.isUndefined());
        const AttributeOverride *over = nullptr;
        for (const AttributeOverride *o : m_overrides) {
            if (overridable && o->attribute == path.first() && !isSecretName(m_rules, o->attribute))
                over = o;
        }
        if (over) {
            const QJsonValue at = valueAt(over->value, path.mid(1), &present);
            return displayValue(at, present);
        }
        const QJsonValue at = maskedValueAt(value, *m_sensitive, m_rules, path, &present);
        return displayValue(at, present);
    }

private:
    SlotMembers &sideMembers(Side side)
    {
        auto &members = m_members[int(side)];
        if (!members)
            members.emplace(m_doc, side == Side::After ? m_resource.after : m_resource.before);
        return *members;
    }
    const QJsonValue &decoded(Side side)
    {
        auto &slot = m_decoded[int(side)];
        if (!slot)
            slot = decodeSlot(m_doc, side == Side::After ? m_resource.after : m_resource.before);
        return *slot;
    }

    // An override applies on each side where the object exists: not before a create, not after
    // a delete.
    bool exists(Side side) const
    {
        return side == Side::Before ? m_action != Action::Create
                                    : m_action != Action::Delete && m_action != Action::Forget;
    }

    // An override applies on each side where the object exists: not before a create, not after
    // a delete. A side the document leaves out (a state diff's update has no "after") is taken
    // as an object holding just the override. The values are the catalog's own, never the
    // user's: they may be shown, except under a name that looks like a secret.
    QJsonValue overridden(const QJsonValue &value, Side side, bool masked) const
    {
        if (m_overrides.empty() || !exists(side)
            || !(value.isObject() || value.isNull() || value.isUndefined()))
            return value;
        QJsonObject object = value.toObject();
        for (const AttributeOverride *o : m_overrides) {
            if (!masked || !isSecretName(m_rules, o->attribute))
                object.insert(o->attribute, o->value);
        }
        return object;
    }

    const Document &m_doc;
    const Resource &m_resource;
    const RuleSet &m_rules;
    const Action m_action;
    const std::vector<const AttributeOverride *> &m_overrides;
    std::optional<SlotMembers> m_members[2];
    std::optional<QJsonValue> m_decoded[2];
    std::optional<QJsonValue> m_raw[2];
    std::optional<QJsonValue> m_sensitive;
};

// Plan JSON has real types; raw v3 states and attributes_flat hold strings ("true", "0").
bool looselyEqual(const QJsonValue &actual, const QJsonValue &expected)
{
    if (actual == expected)
        return true;
    if (!actual.isString())
        return false;
    if (expected.isBool())
        return actual.toString()
            == (expected.toBool() ? QLatin1String("true") : QLatin1String("false"));
    if (expected.isDouble()) {
        bool ok = false;
        const double d = actual.toString().toDouble(&ok);
        return ok && d == expected.toDouble();
    }
    return false;
}

// What a non-empty path finds in an object whose members `member` gives (name -> the member, or
// nullopt): the path from its first member, and failing that the whole path as one name, as a
// flatmap keeps "a.0.b". (With one name, the whole path is that name.)
template<typename Member>
QJsonValue lookupMembers(Member &&member, const QStringList &path, bool *present)
{
    QJsonValue value; // null where nothing is found
    *present = false;
    if (const std::optional<QJsonValue> first = member(path.first()))
        value = valueAt(*first, path, 1, present);
    if (!*present && path.size() > 1) {
        const std::optional<QJsonValue> whole = member(path.join(QLatin1Char('.')));
        value = whole.value_or(QJsonValue());
        *present = whole && !whole->isNull();
    }
    return value;
}

QJsonValue lookup(const QJsonValue &root, const QStringList &path, bool *present)
{
    if (!root.isObject() || path.isEmpty())
        return valueAt(root, path, present);
    const QJsonObject object = root.toObject();
    return lookupMembers(
        [&object](const QString &name) -> std::optional<QJsonValue> {
            const auto it = object.constFind(name);
            return it == object.constEnd() ? std::nullopt : std::optional<QJsonValue>(*it);
        },
        path, present);
}

// Whether c holds of the value its path found (present: there and not null).
bool holdsFor(const RuleCondition &c, const QJsonValue &value, bool present);

bool holds(const RuleCondition &c, const QJsonValue &root)
{
    bool present = false;
    const QJsonValue value = lookup(root, c.path, &present);
    return holdsFor(c, value, present);
}

bool holdsFor(const RuleCondition &c, const QJsonValue &value, bool present)
{
    if (c.absent)
        return !present;
    if (c.present) // providers write "" for an optional string left unset
        return present && !(value.isString() && value.toString().isEmpty());
    if (c.elementsTest != RuleCondition::Elements::NotAList) {
        const QJsonArray list = present ? value.toArray() : QJsonArray();
        const bool any = std::any_of(list.begin(), list.end(), [&](const QJsonValue &element) {
            return std::all_of(c.elements.begin(), c.elements.end(),
                [&](const RuleCondition &e) { return holds(e, element); });
        });
        return c.elementsTest == RuleCondition::Elements::Any ? any : !any;
    }
    if (!present)
        return c.orAbsent;
    if (c.above) {
        bool ok = value.isDouble();
        const double d = ok ? value.toDouble() : value.toString().toDouble(&ok);
        return ok && d > *c.above;
    }
    return looselyEqual(value, *c.equals);
}

bool conditionHolds(const RuleCondition &c, NodeValues &values)
{
    const Side side = c.after ? Side::After : Side::Before;
    if (c.path.isEmpty()) // the whole object
        return holds(c, values.raw(side));
    bool present = false;
    const QJsonValue value = values.lookupAt(side, c.path, &present);
    return holdsFor(c, value, present);
}

QJsonValue NodeValues::lookupAt(Side side, const QStringList &path, bool *present)
{
    if (!m_overrides.empty() || !sideMembers(side).readable())
        return lookup(raw(side), path, present);
    SlotMembers &members = sideMembers(side);
    return lookupMembers(
        [&members](const QString &name) { return members.member(name); }, path, present);
}

// What of a rule depends on the resource's type alone: its type globs and its categories.
bool typeMatches(const FindingRule &rule, const QString &type, const QString &category)
{
    if (!rule.types.isEmpty()
        && std::none_of(rule.types.begin(), rule.types.end(),
            [&](const QString &glob) { return globMatch(glob, type); }))
        return false;
    return rule.categories.isEmpty() || rule.categories.contains(category);
}

// The rest, for a rule whose type matches (typeMatches).
bool ruleMatches(const FindingRule &rule, const Resource &r, Action action)
{
    if (!rule.actions.contains(action))
        return false;
    if (!rule.actionReasons.isEmpty() && !rule.actionReasons.contains(r.actionReason()))
        return false;
    if (!rule.drift.isEmpty() && !(r.drift && rule.drift.contains(*r.drift)))
        return false;
    if (rule.requireReplacePaths && r.replacePaths().isEmpty())
        return false;
    if (rule.requireForgetsPrevious && !r.forgetsPrevious)
        return false;
    return true;
}

// A rule's words with its placeholders filled: {address}, {type}, {name}, {module} and
// {attr:PATH} (the value at PATH, masked, before a delete and after anything else). One pass
// over the rule's own words: text from the plan that looks like a placeholder (a for_each key
// "{attr:password}") is never read as one. (Replacing each placeholder in turn, then matching
// a regular expression, was a fifth of a report on 10,000 deleted databases.)
FilledWords fill(const QString &words, const Resource &r, Action action, NodeValues &values)
{
    const QStringView all(words);
    FilledWords out(words);
    // Room for a fill at each '{', found by indexOf's vector search: a word's few braces are
    // cheaper found so than by a count of every unit (QString::count or std::count, not
    // vectorised here, were 2.4% of a report on 10,000 deleted databases).
    qsizetype braces = 0;
    for (qsizetype at = all.indexOf(u'{'); at >= 0; at = all.indexOf(u'{', at + 1))
        ++braces;
    out.reserveFills(braces);
    for (qsizetype at = all.indexOf(u'{'); at >= 0; at = all.indexOf(u'{', at)) {
        const QStringView rest = all.sliced(at);
        QString value;
        qsizetype length = 0;
        if (rest.startsWith(u"{address}")) {
            value = r.id;
            length = 9;
        } else if (rest.startsWith(u"{type}")) {
            value = r.address.type;
            length = 6;
        } else if (rest.startsWith(u"{name}")) {
            value = r.address.name;
            length = 6;
        } else if (rest.startsWith(u"{module}")) {
            value = r.address.module.empty() ? QStringLiteral("the root module")
                                             : r.address.moduleString();
            length = 8;
        } else if (const qsizetype close = rest.indexOf(u'}');
                   rest.startsWith(u"{attr:") && close > 6) {
            const Side side
                = actionDestroys(action) || action == Action::Forget ? Side::Before : Side::After;
            value = values.shown(side, rest.sliced(6, close - 6).toString().split(u'.'));
            length = close + 1;
        } else {
            ++at;
            continue;
        }
        out.fill(at, length, std::move(value));
        at += length;
    }
    return out;
}

} // namespace

std::vector<Finding> evaluateFindings(const Document &doc, const Impact &impact,
    const RuleSet &rules, const std::vector<AttributeOverride> &overrides)
{
    QHash<QString, std::vector<const AttributeOverride *>> overridesByType;
    // The rules that can match a type, in the rules' order: globs are matched once a type.
    QHash<QString, std::vector<const FindingRule *>> rulesByType;
    const auto candidatesFor
        = [&](const QString &type) -> const std::vector<const FindingRule *> & {
        auto it = rulesByType.constFind(type);
        if (it == rulesByType.constEnd()) {
            std::vector<const FindingRule *> matching;
            const QString category = rules.category(type);
            for (const FindingRule &rule : rules.findings()) {
                if (typeMatches(rule, type, category))
                    matching.push_back(&rule);
            }
            it = rulesByType.insert(type, std::move(matching));
        }
        return *it;
    };
    const auto counted = [&](int i) {
        return impact.actions[i] != Action::NoOp && impact.actions[i] != Action::Read;
    };
    // At most one finding per rule that matches without its conditions: room for that many is
    // reserved, and advised as large pages before it is written. Grown by doubling instead,
    // the findings were copied each time into memory faulted in 4 KiB at a time (a sixth of a
    // report on 20,000 deleted databases); the room never written takes no memory.
    size_t most = 0;
    for (int i = 0; i < int(doc.resources.size()); ++i) {
        if (counted(i)) {
            for (const FindingRule *rule : candidatesFor(doc.resources[i].address.type))
                most += ruleMatches(*rule, doc.resources[i], impact.actions[i]);
        }
    }
    std::vector<Finding> findings;
    memory::reserveLargePages(findings, most);
    const std::vector<const AttributeOverride *> none;
    for (int i = 0; i < int(doc.resources.size()); ++i) {
        memory::keepHeapAdvised(); // findings' words grow the heap as loading did
        const Resource &r = doc.resources[i];
        const Action action = impact.actions[i];
        if (!counted(i))
            continue;
        const std::vector<const AttributeOverride *> *applied = &none;
        if (!overrides.empty()) {
            auto it = overridesByType.find(r.address.type);
            if (it == overridesByType.end()) {
                std::vector<const AttributeOverride *> matching;
                for (const AttributeOverride &o : overrides) {
                    if (std::any_of(o.types.begin(), o.types.end(),
                            [&](const QString &glob) { return globMatch(glob, r.address.type); }))
                        matching.push_back(&o);
                }
                it = overridesByType.insert(r.address.type, std::move(matching));
            }
            applied = &*it;
        }
        NodeValues values(doc, r, rules, action, *applied);
        for (const FindingRule *candidate : candidatesFor(r.address.type)) {
            const FindingRule &rule = *candidate;
            if (!ruleMatches(rule, r, action))
                continue;
            if (!std::all_of(rule.when.begin(), rule.when.end(),
                    [&](const RuleCondition &c) { return conditionHolds(c, values); }))
                continue;
            findings.push_back(
                {rule.severity, i, rule.code, r.id, fill(rule.message, r, action, values),
                    rule.outcome ? fill(rule.outcome->words, r, action, values) : FilledWords()});
        }
    }
    sortFindings(findings); // made node by node: by severity alone is the same order
    return findings;
}

// The head of the fills' block; `room` Fill follow it in the same allocation.
struct FilledWords::Fills {
    qint32 count = 0;
    qint32 room = 0;
    Fill *at(qint32 i) { return reinterpret_cast<Fill *>(this + 1) + i; }

    static Fills *make(qint32 room)
    {
        static_assert(sizeof(Fills) % alignof(Fill) == 0);
        void *block = ::operator new(sizeof(Fills) + size_t(room) * sizeof(Fill));
        return new (block) Fills {0, room};
    }
    static void drop(Fills *fills) noexcept
    {
        if (!fills)
            return;
        for (qint32 i = 0; i < fills->count; ++i)
            std::destroy_at(fills->at(i));
        ::operator delete(fills);
    }
};
static_assert(sizeof(FilledWords) == sizeof(QString) + sizeof(void *));

const FilledWords::Fill *FilledWords::begin() const
{
    return m_fills ? m_fills->at(0) : nullptr;
}

const FilledWords::Fill *FilledWords::end() const
{
    return m_fills ? m_fills->at(m_fills->count) : nullptr;
}

FilledWords::FilledWords(const FilledWords &other)
    : m_words(other.m_words)
{
    if (other.begin() == other.end())
        return;
    grow(other.end() - other.begin());
    for (const Fill *f = other.begin(); f != other.end(); ++f)
        new (m_fills->at(m_fills->count++)) Fill(*f);
}

FilledWords &FilledWords::operator=(const FilledWords &other)
{
    if (this != &other)
        *this = FilledWords(other);
    return *this;
}

FilledWords &FilledWords::operator=(FilledWords &&other) noexcept
{
    if (this != &other) {
        Fills::drop(std::exchange(m_fills, std::exchange(other.m_fills, nullptr)));
        m_words = std::move(other.m_words);
    }
    return *this;
}

FilledWords::~FilledWords()
{
    Fills::drop(m_fills);
}

// Room for `room` fills in all, the ones there moved over.
void FilledWords::grow(qsizetype room)
{
    if (room <= (m_fills ? m_fills->room : 0))
        return;
    if (room > std::numeric_limits<qint32>::max())
        throw std::bad_alloc();
    Fills *more = Fills::make(qint32(room));
    for (qint32 i = 0; m_fills && i < m_fills->count; ++i) {
        new (more->at(i)) Fill(std::move(*m_fills->at(i)));
        ++more->count;
    }
    Fills::drop(std::exchange(m_fills, more));
}

void FilledWords::fill(qsizetype at, qsizetype length, QString value)
{
    Q_ASSERT(at >= 0 && length >= 0 && at + length <= m_words.size());
    Q_ASSERT(begin() == end() || at >= end()[-1].at + end()[-1].length);
    const qint32 count = m_fills ? m_fills->count : 0;
    if (!m_fills || count == m_fills->room)
        grow(std::max<qsizetype>(1, 2 * qsizetype(count)));
    new (m_fills->at(count)) Fill {qint32(at), qint32(length), std::move(value)};
    ++m_fills->count;
}

void FilledWords::reserveFills(qsizetype most)
{
    grow(most);
}

qsizetype FilledWords::size() const
{
    qsizetype n = m_words.size();
    for (const Fill *f = begin(); f != end(); ++f)
        n += f->value.size() - f->length;
    return n;
}

QString FilledWords::text() const
{
    if (begin() == end())
        return m_words;
    QString out;
    out.reserve(size());
    qsizetype from = 0;
    for (const Fill *f = begin(); f != end(); ++f) {
        out += QStringView(m_words).sliced(from, f->at - from);
        out += f->value;
        from = f->at + f->length;
    }
    out += QStringView(m_words).sliced(from);
    return out;
}

FilledWords &FilledWords::operator+=(const QString &more)
{
    fill(m_words.size(), 0, more); // the words stay the rule's: `more` fills in after them
    return *this;
}

void sortFindings(std::vector<Finding> &findings)
{
    const auto before = [&](int a, int b) {
        const Finding &x = findings[size_t(a)];
        const Finding &y = findings[size_t(b)];
        return x.severity != y.severity ? x.severity > y.severity : x.node < y.node;
    };
    std::vector<int> order(findings.size());
    std::iota(order.begin(), order.end(), 0);
    if (std::is_sorted(order.begin(), order.end(), before))
        return;
    std::stable_sort(order.begin(), order.end(), before);
    // Place i takes the finding at order[i]: each cycle of the permutation is followed once.
    for (size_t start = 0; start < order.size(); ++start) {
        if (order[start] == int(start))
            continue;
        Finding held = std::move(findings[start]);
        size_t at = start;
        for (;;) {
            const size_t from = size_t(order[at]);
            order[at] = int(at); // placed
            if (from == start) {
                findings[at] = std::move(held);
                break;
            }
            findings[at] = std::move(findings[from]);
            at = from;
        }
    }
}

} // namespace bg::core
