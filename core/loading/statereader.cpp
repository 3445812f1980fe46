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

QStringList stringList(const json &object, const char *key)
{
    QStringList out;
    auto it = object.find(key);
    if (it == object.end() || !it->is_array())
        return out;
    for (const json &v : *it) {
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

Resource instanceFrom(const Address &base, const json &instance, const QString &provider)
{
    Resource r;
    r.address = base;
    r.provider = provider;
    if (auto it = instance.find("attributes"); it != instance.end())
        r.before = slotOf(*it);
    else if (auto flat = instance.find("attributes_flat"); flat != instance.end())
        r.before = slotOf(*flat);
    if (auto it = instance.find("sensitive_attributes"); it != instance.end())
        r.beforeSensitive.setLiteral(storeLiteral(sensitiveMaskFromPaths(*it)));
    if (auto it = instance.find("identity"); it != instance.end())
        r.beforeIdentity = slotOf(*it);
    return r;
}

} // namespace

void resourcesFromRawV4(const json &e, std::vector<Resource> *out, QStringList *notes)
{
    if (!e.is_object())
        return;
    Address base;
    const QString module = stringOr(e, "module");
    if (auto steps = Address::parseModule(module)) {
        base.module = *steps;
    } else {
        notes->append(QStringLiteral("Skipped a resource in an unreadable module \"%1\".")
                          .arg(module.left(200)));
        return;
    }
    const QString mode = stringOr(e, "mode");
    base.data = mode == QLatin1String("data");
    base.type = stringOr(e, "type");
    base.name = stringOr(e, "name");
    if (base.type.isEmpty() || base.name.isEmpty()
        || (!base.data && mode != QLatin1String("managed"))) {
        notes->append(QStringLiteral("Skipped a resource with no type, name or a valid mode."));
        return;
    }
    const QString provider = intern(stringOr(e, "provider"));
    auto instances = e.find("instances");
    if (instances == e.end() || !instances->is_array())
        return;
    for (const json &instance : *instances) {
        if (!instance.is_object())
            continue;
        Resource r = instanceFrom(base, instance, provider);
        if (auto key = instance.find("index_key"); key != instance.end())
            r.address.key = instanceKeyFrom(*key);
        r.address.deposed = stringOr(instance, "deposed");
        r.tainted = stringOr(instance, "status") == QLatin1String("tainted");
        QStringList dependencies = stringList(instance, "dependencies");
        for (const QString &dep : stringList(instance, "depends_on"))
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
        for (const QString &dep : stringList(res, "depends_on"))
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
