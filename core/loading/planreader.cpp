// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Plan resource_changes and values-representation resources -> Resource.
#include "core/asciitext.h"
#include "core/loading/readers_p.h"

namespace bg::core::detail {

namespace {

// `actions` is exactly `words` (a list of strings).
bool actionsAre(const json &actions, std::initializer_list<const char *> words)
{
    if (actions.size() != words.size())
        return false;
    auto it = actions.begin();
    for (const char *word : words) {
        if (it->get_ref<const std::string &>() != word)
            return false;
        ++it;
    }
    return true;
}

std::optional<Action> actionFrom(const json &actions, bool *createBeforeDestroy)
{
    if (!actions.is_array())
        return std::nullopt;
    for (const json &v : actions) {
        if (!v.is_string())
            return std::nullopt;
    }
    if (actionsAre(actions, {"no-op"}))
        return Action::NoOp;
    if (actionsAre(actions, {"create"}) || actionsAre(actions, {"create", "forget"}))
        return Action::Create;
    if (actionsAre(actions, {"read"}))
        return Action::Read;
    if (actionsAre(actions, {"update"}))
        return Action::Update;
    if (actionsAre(actions, {"delete"}))
        return Action::Delete;
    if (actionsAre(actions, {"delete", "create"}))
        return Action::Replace;
    if (actionsAre(actions, {"create", "delete"})) {
        *createBeforeDestroy = true;
        return Action::Replace;
    }
    if (actionsAre(actions, {"forget"}))
        return Action::Forget;
    return std::nullopt;
}

QString printPath(const json &path)
{
    QString out;
    if (!path.is_array())
        return QString::fromStdString(path.dump());
    for (const json &step : path) {
        if (step.is_string()) {
            const QString name = QString::fromStdString(step.get_ref<const std::string &>());
            if (out.isEmpty())
                out = name;
            else
                out += InstanceKey::fromString(name).toString();
        } else if (step.is_number_integer()) {
            out += QStringLiteral("[%1]").arg(step.get<qint64>());
        }
    }
    return out;
}

// The names an address repeats with thousands of others share one copy: its type and name
// ("this", "main"), and each module step's name and string key (a path eight modules deep is
// sixteen strings, the same in every resource of the module).
void internNames(Address *address)
{
    address->type = intern(std::move(address->type));
    address->name = intern(std::move(address->name));
    for (ModuleStep &step : address->module) {
        step.name = intern(std::move(step.name));
        if (step.key.kind == InstanceKey::Kind::String)
            step.key.text = intern(std::move(step.key.text));
    }
}

// The string member says otherwise than `parsed` (absent or not a string says nothing). An
// ASCII member is compared as written, without a string made of it.
bool differs(const json *member, const QString &parsed)
{
    if (!member || !member->is_string())
        return false;
    const std::string &text = member->get_ref<const std::string &>();
    if (equalsAscii(QByteArrayView(text.data(), qsizetype(text.size())), parsed))
        return false;
    return QString::fromStdString(text) != parsed;
}

// The address of an entry, built from the parts when the "address" string itself is unusable;
// *modulePrefix as parseAddress sets it, or null where the address was rebuilt.
std::optional<Address> addressFrom(
    const AddressMembers &e, QStringList *notes, QString *modulePrefix)
{
    const QString text = stringOr(e.address);
    QString error;
    if (auto address = parseAddress(text, &error, modulePrefix)) {
        // The address and the type and name beside it say the same in everything Terraform
        // writes; where they differ, which one the rules should read is unknowable.
        if (differs(e.type, address->type) || differs(e.name, address->name)) {
            const QString type = stringOr(e.type, address->type);
            const QString name = stringOr(e.name, address->name);
            notes->append(QStringLiteral("Skipped an entry whose address \"%1\" disagrees with "
                                         "its type \"%2\" or name \"%3\".")
                              .arg(text.left(200), type.left(100), name.left(100)));
            return std::nullopt;
        }
        return address;
    }
    Address address;
    address.data = stringOr(e.mode) == QLatin1String("data");
    address.type = stringOr(e.type);
    address.name = stringOr(e.name);
    if (e.index)
        address.key = instanceKeyFrom(*e.index);
    if (auto module = Address::parseModule(stringOr(e.module)))
        address.module = *module;
    if (address.type.isEmpty() || address.name.isEmpty()) {
        notes->append(QStringLiteral("Skipped an entry with an unreadable address \"%1\" (%2).")
                          .arg(text.left(200), error));
        return std::nullopt;
    }
    notes->append(
        QStringLiteral("The address \"%1\" could not be parsed (%2); it was rebuilt as %3.")
            .arg(text.left(200), error, address.toString()));
    return address;
}

thread_local StringPool *currentPool = nullptr;

} // namespace

StringPool::StringPool()
    : m_previous(currentPool)
{
    currentPool = this;
}

StringPool::~StringPool()
{
    currentPool = m_previous;
}

QString intern(QString text)
{
    if (!currentPool)
        return text;
    auto it = currentPool->m_strings.constFind(text);
    if (it == currentPool->m_strings.constEnd())
        it = currentPool->m_strings.insert(std::move(text));
    return *it;
}

void setProvider(Resource &resource, const QString &provider)
{
    if (!currentPool) {
        resource.setProvider(provider);
        return;
    }
    // One lookup a resource; the map's key is the copy every resource of the provider shares.
    auto &providers = currentPool->m_providers;
    auto it = providers.find(provider);
    if (it == providers.end())
        it = providers.insert(provider, {});
    resource.setProvider(it.key(), &it.value());
}

qint32 storeLiteral(QByteArray text)
{
    Q_ASSERT(currentPool);
    if (!currentPool)
        return JsonSlot::NoLiteral;
    auto it = currentPool->m_literalIndex.constFind(text);
    if (it != currentPool->m_literalIndex.constEnd())
        return *it;
    const qint32 index = qint32(currentPool->m_literals.size());
    currentPool->m_literals.push_back(text);
    currentPool->m_literalIndex.insert(std::move(text), index);
    return index;
}

std::optional<Address> parseAddress(const QString &text, QString *error, QString *modulePrefix)
{
    StringPool *pool = currentPool;
    std::optional<Address> address;
    bool known = false; // read after the pool's module path, which the text begins with
    if (pool && !pool->m_modulePrefix.isEmpty() && text.startsWith(pool->m_modulePrefix)) {
        // The scanner reads a path step by step, so the text after whole steps parses to the
        // rest of the address; only an error is read again whole, for its position.
        address = Address::parse(QStringView(text).sliced(pool->m_modulePrefix.size()));
        known = address.has_value();
    }
    if (!address)
        address = Address::parse(text, error);
    if (!address)
        return std::nullopt;
    internNames(&*address);
    if (known && address->module.empty()) {
        address->module = pool->m_moduleSteps;
        *modulePrefix = pool->m_modulePrefix;
        return address;
    }
    if (known) // deeper than the one before
        address->module.insert(
            address->module.begin(), pool->m_moduleSteps.begin(), pool->m_moduleSteps.end());
    *modulePrefix = address->module.empty() ? QString() : address->moduleString() + u'.';
    if (pool) {
        pool->m_modulePrefix = *modulePrefix;
        pool->m_moduleSteps = address->module;
    }
    return address;
}

QString resourceId(const Address &address, const QString &modulePrefix)
{
    QString id = modulePrefix.isNull() ? address.toString() : address.toStringAfter(modulePrefix);
    id.squeeze();
    return id;
}

QString stringOr(const json &object, const char *key, const QString &fallback)
{
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    return stringOr(it == object.end() ? nullptr : &*it, fallback);
}

JsonSlot slotFrom(const SlotMember &member)
{
    return member.value ? slotOf(*member.value) : JsonSlot(member.range);
}

QString stringOr(const json *value, const QString &fallback)
{
    if (!value || !value->is_string())
        return fallback;
    return QString::fromStdString(value->get_ref<const std::string &>());
}

void findMembers(
    const json &object, std::initializer_list<std::pair<std::string_view, const json **>> wanted)
{
    for (const auto &[name, out] : wanted)
        *out = nullptr;
    if (!object.is_object())
        return;
    for (const auto &[key, value] : object.get_ref<const json::object_t &>()) {
        for (const auto &[name, out] : wanted) {
            if (key == name) {
                *out = &value;
                break;
            }
        }
    }
}

InstanceKey instanceKeyFrom(const json &value)
{
    if (value.is_number_integer())
        return InstanceKey::fromInt(value.get<qint64>());
    if (value.is_number_unsigned())
        return InstanceKey::fromInt(qint64(value.get<quint64>()));
    if (value.is_string())
        return InstanceKey::fromString(
            QString::fromStdString(value.get_ref<const std::string &>()));
    return {};
}

std::optional<Resource> resourceFromChange(const json &e, QStringList *notes)
{
    if (!e.is_object())
        return std::nullopt;
    ChangeMembers m;
    AddressMembers &a = m.where;
    const json *change, *importing;
    findMembers(e,
        {{"address", &a.address}, {"mode", &a.mode}, {"type", &a.type}, {"name", &a.name},
            {"index", &a.index}, {"module_address", &a.module}, {"deposed", &m.deposed},
            {"provider_name", &m.provider}, {"action_reason", &m.reason},
            {"previous_address", &m.previous}, {"change", &change}});
    static const json absent;
    // A change that is not an object has none of these (findMembers leaves them nullptr).
    findMembers(change ? *change : absent,
        {{"actions", &m.actions}, {"before", &m.before.value}, {"after", &m.after.value},
            {"after_unknown", &m.afterUnknown.value},
            {"before_sensitive", &m.beforeSensitive.value},
            {"after_sensitive", &m.afterSensitive.value},
            {"before_identity", &m.beforeIdentity.value},
            {"after_identity", &m.afterIdentity.value}, {"importing", &importing},
            {"replace_paths", &m.replacePaths}});
    m.importing = importing != nullptr;
    return resourceFromChange(m, notes);
}

std::optional<Resource> resourceFromChange(const ChangeMembers &m, QStringList *notes)
{
    QString modulePrefix;
    auto address = addressFrom(m.where, notes, &modulePrefix);
    if (!address)
        return std::nullopt;
    Resource r;
    r.address = std::move(*address);
    r.address.deposed = stringOr(m.deposed);
    r.id = resourceId(r.address, modulePrefix);
    setProvider(r, stringOr(m.provider));
    if (QString text = stringOr(m.reason); !text.isEmpty())
        r.editDetail().actionReason = intern(text);
    if (QString text = stringOr(m.previous); !text.isEmpty())
        r.editDetail().previousAddress = std::move(text);
    r.inChanges = true;
    static const json absent;
    const json &actions = m.actions ? *m.actions : absent;
    if (auto action = actionFrom(actions, &r.createBeforeDestroy)) {
        r.action = *action;
        r.forgetsPrevious = actionsAre(actions, {"create", "forget"});
    } else {
        r.actionUnreadable = true;
        notes->append(QStringLiteral("%1: unknown actions %2, counted as no-op.")
                          .arg(r.id, QString::fromStdString(actions.dump()).left(200)));
    }
    r.before = slotFrom(m.before);
    r.after = slotFrom(m.after);
    r.afterUnknown = slotFrom(m.afterUnknown);
    r.beforeSensitive = slotFrom(m.beforeSensitive);
    r.afterSensitive = slotFrom(m.afterSensitive);
    r.beforeIdentity = slotFrom(m.beforeIdentity);
    r.afterIdentity = slotFrom(m.afterIdentity);
    r.importing = m.importing;
    if (m.replacePaths && m.replacePaths->is_array()) {
        for (const json &path : *m.replacePaths)
            r.editDetail().replacePaths.append(printPath(path));
    }
    r.tainted = r.actionReason() == QLatin1String("replace_because_tainted");
    return r;
}

std::optional<Resource> resourceFromStateValues(const json &e, QStringList *notes)
{
    if (!e.is_object())
        return std::nullopt;
    StateMembers m;
    AddressMembers &a = m.where;
    findMembers(e,
        {{"address", &a.address}, {"mode", &a.mode}, {"type", &a.type}, {"name", &a.name},
            {"index", &a.index}, {"module_address", &a.module}, {"deposed_key", &m.deposed},
            {"provider_name", &m.provider}, {"values", &m.values.value},
            {"sensitive_values", &m.sensitive.value}, {"identity", &m.identity.value},
            {"tainted", &m.tainted}, {"depends_on", &m.dependsOn}});
    return resourceFromStateValues(m, notes);
}

std::optional<Resource> resourceFromStateValues(
    const StateMembers &m, QStringList *notes, const Resource *written)
{
    Resource r;
    // Its address text is written's id, which parses to written's address (Address's text
    // round-trips): the same address, unless the type, name or deposed key beside it differ,
    // which the full way notes (or, a deposed key, puts in the id).
    if (written && written->address.deposed.isEmpty() && stringOr(m.deposed).isEmpty()
        && !differs(m.where.type, written->address.type)
        && !differs(m.where.name, written->address.name)) {
        r.address = written->address;
        r.id = written->id;
    } else {
        QString modulePrefix;
        auto address = addressFrom(m.where, notes, &modulePrefix);
        if (!address)
            return std::nullopt;
        r.address = std::move(*address);
        r.address.deposed = stringOr(m.deposed);
        r.id = resourceId(r.address, modulePrefix);
    }
    setProvider(r, stringOr(m.provider));
    r.before = slotFrom(m.values);
    r.beforeSensitive = slotFrom(m.sensitive);
    r.beforeIdentity = slotFrom(m.identity);
    if (m.tainted && m.tainted->is_boolean())
        r.tainted = m.tainted->get<bool>();
    if (m.dependsOn && m.dependsOn->is_array()) {
        QStringList dependencies;
        for (const json &d : *m.dependsOn) {
            if (d.is_string())
                dependencies.append(
                    intern(QString::fromStdString(d.get_ref<const std::string &>())));
        }
        r.setDependencies(std::move(dependencies));
    }
    return r;
}

namespace {

constexpr int TextClip = 500; // an address, a reason or a type: more is not Terraform's

// The string member `key`: absent is empty, another type is an error.
bool stringMember(const json &object, const char *key, QString *out, QString *error)
{
    auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return true;
    if (!it->is_string()) {
        *error = QStringLiteral("\"%1\" is not a string").arg(QLatin1String(key));
        return false;
    }
    *out = QString::fromStdString(it->get_ref<const std::string &>()).left(TextClip);
    return true;
}

// The object member `key`: absent is nullptr, another type is an error.
bool objectMember(const json &object, const char *key, const json **out, QString *error)
{
    *out = nullptr;
    auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return true;
    if (!it->is_object()) {
        *error = QStringLiteral("\"%1\" is not an object").arg(QLatin1String(key));
        return false;
    }
    *out = &*it;
    return true;
}

} // namespace

std::optional<DeferredChange> deferredFrom(const json &e, QString *error)
{
    if (!e.is_object()) {
        *error = QStringLiteral("an entry is not an object");
        return std::nullopt;
    }
    DeferredChange d;
    const json *change = nullptr;
    if (!stringMember(e, "reason", &d.reason, error)
        || !objectMember(e, "resource_change", &change, error))
        return std::nullopt;
    // An entry without its change (Terraform always writes one) is still a deferred change:
    // listed under its place in the list, which the caller supplies for an empty address.
    if (!change)
        return d;
    if (!stringMember(*change, "address", &d.address, error)
        || !stringMember(*change, "deposed", &d.deposed, error))
        return std::nullopt;
    const json *inner = nullptr;
    if (!objectMember(*change, "change", &inner, error))
        return std::nullopt;
    bool createBeforeDestroy = false;
    if (inner && inner->contains("actions"))
        d.action = actionFrom((*inner)["actions"], &createBeforeDestroy);
    return d;
}

std::optional<ActionInvocation> actionInvocationFrom(const json &e, QString *error)
{
    if (!e.is_object()) {
        *error = QStringLiteral("an entry is not an object");
        return std::nullopt;
    }
    ActionInvocation a;
    const json *lifecycle = nullptr, *invoke = nullptr;
    if (!stringMember(e, "address", &a.address, error) || !stringMember(e, "type", &a.type, error)
        || !stringMember(e, "provider_name", &a.provider, error)
        || !objectMember(e, "lifecycle_action_trigger", &lifecycle, error)
        || !objectMember(e, "invoke_action_trigger", &invoke, error))
        return std::nullopt;
    if (lifecycle) {
        a.lifecycle = true;
        if (!stringMember(*lifecycle, "triggering_resource_address", &a.resource, error)
            || !stringMember(*lifecycle, "action_trigger_event", &a.event, error))
            return std::nullopt;
    } else if (invoke) {
        if (!stringMember(*invoke, "calling_resource_address", &a.resource, error))
            return std::nullopt;
    }
    return a;
}

} // namespace bg::core::detail
