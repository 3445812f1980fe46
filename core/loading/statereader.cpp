// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Raw terraform.tfstate (versions 3 and 4) -> Resource, one per instance and deposed object.
#include "core/loading/readers_p.h"

namespace bg::core::detail {

namespace {

// sensitive_attributes is a list of paths; the rest of core reads the same-shape form that
// `show -json` writes ({"a":{"b":true}}), so convert. Index steps become string keys.
QByteArray sensitiveMaskFromPaths(const json &paths)
{
    if (!paths.is_array() || paths.empty())
        return {};
    json mask = json::object();
    for (const json &path : paths) {
        if (!path.is_array() || path.empty())
            continue;
        json *node = &mask;
        // A path whose parent is already sensitive adds nothing: the parent's mark covers its
        // whole subtree, whichever of the two paths comes first in the list.
        bool covered = false;
        for (size_t i = 0; i < path.size() && !covered; ++i) {
            const json &step = path[i];
            json value = step.is_object() && step.contains("value") ? step["value"] : step;
            if (value.is_object() && value.contains("value"))
                value = value["value"];
            const std::string key = value.is_string() ? value.get<std::string>() : value.dump();
            if (!node->is_object())
                *node = json::object();
            node = &(*node)[key];
            covered = node->is_boolean() && node->get<bool>();
        }
        *node = true;
    }
    return QByteArray::fromStdString(mask.dump());
}

const json *memberOf(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

QStringList stringList(const json *list)
{
    QStringList out;
    if (!list || !list->is_array())
        return out;
    for (const json &v : *list) {
        if (v.is_string())
            out.append(intern(QString::fromStdString(v.get_ref<const std::string &>())));
    }
    return out;
}

// v3 and legacy v4 depends_on entries are relative to the module: "aws_x.y", "aws_x.y.*",
// "aws_x.y.1", "module.m". Make them absolute addresses in Terraform's modern form.
QString absoluteDependency(QString dep, const QString &module)
{
    if (dep.endsWith(QLatin1String(".*")))
        dep.chop(2);
    const int lastDot = dep.lastIndexOf(QLatin1Char('.'));
    bool isIndex = false;
    const int index = lastDot > 0 ? dep.mid(lastDot + 1).toInt(&isIndex) : 0;
    if (isIndex && dep.count(QLatin1Char('.')) >= 2)
        dep = dep.left(lastDot) + QStringLiteral("[%1]").arg(index);
    return module.isEmpty() || dep.startsWith(module + QLatin1Char('.'))
        ? dep
        : module + QLatin1Char('.') + dep;
}

Resource instanceFrom(const Address &base, const InstanceMembers &instance, const QString &provider)
{
    Resource r;
    r.address = base;
    setProvider(r, provider);
    if (instance.attributes.value || instance.attributes.range.isValid())
        r.before = slotFrom(instance.attributes);
    else
        r.before = slotFrom(instance.attributesFlat);
    if (instance.sensitive)
        r.beforeSensitive.setLiteral(storeLiteral(sensitiveMaskFromPaths(*instance.sensitive)));
    r.beforeIdentity = slotFrom(instance.identity);
    return r;
}

// A v3 instance (primary, deposed[*]): the members instanceFrom reads.
Resource instanceFrom(const Address &base, const json &instance, const QString &provider)
{
    InstanceMembers i;
    findMembers(instance,
        {{"sensitive_attributes", &i.sensitive}, {"attributes", &i.attributes.value},
            {"attributes_flat", &i.attributesFlat.value}, {"identity", &i.identity.value}});
    return instanceFrom(base, i, provider);
}

} // namespace

void resourcesFromRawV4(const json &e, std::vector<Resource> *out, QStringList *notes)
{
    if (!e.is_object())
        return;
    RawMembers m;
    const json *instances;
    findMembers(e,
        {{"module", &m.module}, {"mode", &m.mode}, {"type", &m.type}, {"name", &m.name},
            {"provider", &m.provider}, {"instances", &instances}});
    if (instances && instances->is_array()) {
        for (const json &instance : *instances) {
            if (!instance.is_object())
                continue;
            InstanceMembers &i = m.instances.emplace_back();
            findMembers(instance,
                {{"index_key", &i.indexKey}, {"deposed", &i.deposed}, {"status", &i.status},
                    {"sensitive_attributes", &i.sensitive}, {"dependencies", &i.dependencies},
                    {"depends_on", &i.dependsOn}, {"attributes", &i.attributes.value},
                    {"attributes_flat", &i.attributesFlat.value}, {"identity", &i.identity.value}});
        }
    }
    resourcesFromRawV4(m, out, notes);
}

void resourcesFromRawV4(const RawMembers &m, std::vector<Resource> *out, QStringList *notes)
{
    Address base;
    const QString module = stringOr(m.module);
    if (auto steps = Address::parseModule(module)) {
        base.module = *steps;
    } else {
        notes->append(QStringLiteral("Skipped a resource in an unreadable module \"%1\".")
                          .arg(module.left(200)));
        return;
    }
    const QString mode = stringOr(m.mode);
    base.data = mode == QLatin1String("data");
    base.type = stringOr(m.type);
    base.name = stringOr(m.name);
    if (base.type.isEmpty() || base.name.isEmpty()
        || (!base.data && mode != QLatin1String("managed"))) {
        notes->append(QStringLiteral("Skipped a resource with no type, name or a valid mode."));
        return;
    }
    const QString provider = stringOr(m.provider);
    for (const InstanceMembers &instance : m.instances) {
        Resource r = instanceFrom(base, instance, provider);
        if (instance.indexKey)
            r.address.key = instanceKeyFrom(*instance.indexKey);
        r.address.deposed = stringOr(instance.deposed);
        r.tainted = stringOr(instance.status) == QLatin1String("tainted");
        QStringList dependencies = stringList(instance.dependencies);
        for (const QString &dep : stringList(instance.dependsOn))
            dependencies.append(absoluteDependency(dep, base.moduleString()));
        r.setDependencies(std::move(dependencies));
        r.id = resourceId(r.address);
        out->push_back(std::move(r));
    }
}

void resourcesFromRawV3(const json &e, std::vector<Resource> *out, QStringList *notes)
{
    if (!e.is_object())
        return;
    Address moduleBase;
    if (auto path = e.find("path"); path != e.end() && path->is_array()) {
        for (size_t i = 1; i < path->size(); ++i) {
            if ((*path)[i].is_string())
                moduleBase.module.push_back(
                    {QString::fromStdString((*path)[i].get_ref<const std::string &>()), {}});
        }
    }
    const QString module = moduleBase.moduleString();
    auto resources = e.find("resources");
    if (resources == e.end() || !resources->is_object())
        return;
    for (auto it = resources->begin(); it != resources->end(); ++it) {
        const json &res = it.value();
        // Keys are "TYPE.NAME", "TYPE.NAME.N" or "data.TYPE.NAME[.N]".
        QStringList parts = QString::fromStdString(it.key()).split(QLatin1Char('.'));
        Address base = moduleBase;
        if (!parts.isEmpty() && parts.first() == QLatin1String("data")) {
            base.data = true;
            parts.removeFirst();
        }
        if (parts.size() < 2 || parts.size() > 3) {
            notes->append(QStringLiteral("Skipped an unreadable v3 resource key \"%1\".")
                              .arg(QString::fromStdString(it.key()).left(200)));
            continue;
        }
        base.type = parts[0];
        base.name = parts[1];
        if (parts.size() == 3)
            base.key = InstanceKey::fromInt(parts[2].toLongLong());
        const QString provider = stringOr(res, "provider");
        QStringList deps;
        for (const QString &dep : stringList(memberOf(res, "depends_on")))
            deps.append(absoluteDependency(dep, module));
        auto add = [&](const json &instance, const QString &deposed) {
            if (!instance.is_object())
                return;
            Resource r = instanceFrom(base, instance, provider);
            r.address.deposed = deposed;
            r.tainted = instance.value("tainted", false) == true;
            r.setDependencies(deps);
            r.id = resourceId(r.address);
            out->push_back(std::move(r));
        };
        if (auto primary = res.find("primary"); primary != res.end())
            add(*primary, {});
        if (auto deposed = res.find("deposed"); deposed != res.end() && deposed->is_array()) {
            for (size_t i = 0; i < deposed->size(); ++i)
                add((*deposed)[i], QStringLiteral("%1").arg(i + 1, 8, 10, QLatin1Char('0')));
        }
    }
}

} // namespace bg::core::detail
