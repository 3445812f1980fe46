// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/postmortem/cloudevents.h"

#include "core/configsource.h"
#include "core/loading/strictjson.h"

#include <QRegularExpression>

namespace bg::core {

using detail::JsonPath;
using detail::operator+;

namespace {

constexpr auto Schema = "blastguard.cloud-events/v1";

const QStringList &toolNames()
{
    static const QStringList names {QStringLiteral("terraform"), QStringLiteral("opentofu"),
        QStringLiteral("aws-cli"), QStringLiteral("console"), QStringLiteral("sdk"),
        QStringLiteral("gcloud"), QStringLiteral("azure-cli"), QStringLiteral("azure-powershell"),
        QStringLiteral("other")};
    return names;
}

// "requestParameters.instancesSet.items[].instanceId" -> its steps; "[]" is a step of its own.
std::optional<QStringList> pathSteps(StrictJson &file, const JsonPath &at, const QString &text)
{
    static const QRegularExpression step(QStringLiteral("^[A-Za-z_@$][A-Za-z0-9_@$-]*(\\[\\])?$"));
    QStringList steps;
    for (const QString &part : text.split(QLatin1Char('.'))) {
        if (!step.match(part).hasMatch()) {
            file.mustBe(at,
                QStringLiteral("a dotted path of names, \"[]\" after a list's name "
                               "(not \"%1\")")
                    .arg(text));
            return std::nullopt;
        }
        if (part.endsWith(QLatin1String("[]"))) {
            steps.append(part.chopped(2));
            steps.append(QStringLiteral("[]"));
        } else {
            steps.append(part);
        }
    }
    return steps;
}

std::optional<IdentityPath> identity(StrictJson &file, const QJsonValue &value, const JsonPath &at)
{
    auto o = file.object(value, at);
    if (!o || !o->onlyMembers({QStringLiteral("path"), QStringLiteral("attributes")}))
        return std::nullopt;
    const auto path = o->string(QStringLiteral("path"), Need::Required);
    const auto attributes
        = o->strings(QStringLiteral("attributes"), Need::Required, Empty::Refused);
    if (!path || !attributes)
        return std::nullopt;
    const auto steps = pathSteps(file, o->at(QStringLiteral("path")), *path);
    if (!steps)
        return std::nullopt;
    return IdentityPath {*steps, *attributes};
}

std::optional<EventCondition> condition(
    StrictJson &file, const QJsonValue &value, const JsonPath &at)
{
    auto o = file.object(value, at);
    if (!o || !o->onlyMembers({QStringLiteral("path"), QStringLiteral("equals")}))
        return std::nullopt;
    const auto path = o->string(QStringLiteral("path"), Need::Required);
    if (!path)
        return std::nullopt;
    if (!o->contains(QStringLiteral("equals"))) {
        file.fail(o->path(),
            QStringLiteral("missing member \"equals\" in %1").arg(StrictJson::quoted(o->path())));
        return std::nullopt;
    }
    const auto steps = pathSteps(file, o->at(QStringLiteral("path")), *path);
    if (!steps)
        return std::nullopt;
    return EventCondition {*steps, o->value(QStringLiteral("equals"))};
}

std::optional<CloudEventRule> eventRule(
    StrictJson &file, const QJsonValue &value, const JsonPath &at, QHash<QString, JsonPath> &seen)
{
    auto o = file.object(value, at);
    if (!o
        || !o->onlyMembers({QStringLiteral("service"), QStringLiteral("name"),
            QStringLiteral("effect"), QStringLiteral("type"), QStringLiteral("identity"),
            QStringLiteral("details"), QStringLiteral("when_any"), QStringLiteral("data_loss"),
            QStringLiteral("data_loss_when_any"), QStringLiteral("source"),
            QStringLiteral("note")}))
        return std::nullopt;
    static const QStringList effects {QStringLiteral("delete"), QStringLiteral("empty"),
        QStringLiteral("retention"), QStringLiteral("protection")};
    const auto service = o->string(QStringLiteral("service"), Need::Required);
    const auto name = o->string(QStringLiteral("name"), Need::Required);
    const auto effect = o->name(QStringLiteral("effect"), effects, Need::Required);
    const auto type = o->string(QStringLiteral("type"), Need::Required);
    const auto identities = o->list(QStringLiteral("identity"), Need::Required, Empty::Refused);
    const auto details = o->strings(QStringLiteral("details"), Need::Optional);
    const auto whenAny = o->list(QStringLiteral("when_any"), Need::Optional, Empty::Refused);
    const auto lossWhen
        = o->list(QStringLiteral("data_loss_when_any"), Need::Optional, Empty::Refused);
    const auto dataLoss = o->flag(QStringLiteral("data_loss"), Need::Required);
    const auto source = o->string(QStringLiteral("source"), Need::Required);
    const auto note = o->string(QStringLiteral("note"), Need::Optional, Empty::Allowed);
    if (!service || !name || !effect || !type || !identities || !details || !whenAny || !dataLoss
        || !source || !note || !lossWhen)
        return std::nullopt;
    // The same call with the same effect on the same type twice would be read twice (one call
    // may have two effects, each under its own condition: ModifyDBInstance).
    if (!file.unique(*service + QLatin1Char(' ') + *name + QLatin1Char(' ') + *type
                + QLatin1Char(' ') + *effect,
            o->at(QStringLiteral("name")), seen))
        return std::nullopt;
    CloudEventRule rule;
    rule.service = *service;
    rule.name = *name;
    rule.effect = CloudEffect(effects.indexOf(*effect));
    rule.type = *type;
    rule.dataLoss = *dataLoss;
    rule.source = *source;
    for (qsizetype i = 0; i < identities->size(); ++i) {
        auto id = identity(file, identities->at(i), o->at(QStringLiteral("identity")) + i);
        if (!id)
            return std::nullopt;
        rule.identity.push_back(std::move(*id));
    }
    for (qsizetype i = 0; i < details->size(); ++i) {
        auto steps = pathSteps(file, o->at(QStringLiteral("details")) + i, details->at(i));
        if (!steps)
            return std::nullopt;
        rule.details.push_back(std::move(*steps));
    }
    for (qsizetype i = 0; i < whenAny->size(); ++i) {
        auto c = condition(file, whenAny->at(i), o->at(QStringLiteral("when_any")) + i);
        if (!c)
            return std::nullopt;
        rule.whenAny.push_back(std::move(*c));
    }
    for (qsizetype i = 0; i < lossWhen->size(); ++i) {
        auto c = condition(file, lossWhen->at(i), o->at(QStringLiteral("data_loss_when_any")) + i);
        if (!c)
            return std::nullopt;
        rule.dataLossWhenAny.push_back(std::move(*c));
    }
    return rule;
}

std::optional<ToolRule> toolRule(StrictJson &file, const QJsonValue &value, const JsonPath &at)
{
    auto o = file.object(value, at);
    if (!o
        || !o->onlyMembers({QStringLiteral("match"), QStringLiteral("text"), QStringLiteral("tool"),
            QStringLiteral("source")}))
        return std::nullopt;
    static const QStringList matches {
        QStringLiteral("contains"), QStringLiteral("prefix"), QStringLiteral("equals")};
    const auto match = o->name(QStringLiteral("match"), matches, Need::Required);
    const auto text = o->string(QStringLiteral("text"), Need::Required);
    const auto tool = o->name(QStringLiteral("tool"), toolNames(), Need::Required);
    const auto source = o->string(QStringLiteral("source"), Need::Required);
    if (!match || !text || !tool || !source)
        return std::nullopt;
    return ToolRule {ToolMatch(matches.indexOf(*match)), *text, *tool};
}

Result<CloudCatalog> readCatalog(StrictJson &file)
{
    auto root = file.root(QLatin1String(Schema),
        {QStringLiteral("schema"), QStringLiteral("cloud"), QStringLiteral("record_format"),
            QStringLiteral("sources"), QStringLiteral("tools"), QStringLiteral("events"),
            QStringLiteral("global_services"), QStringLiteral("note")});
    if (!root)
        return file.error();
    static const QStringList clouds {
        QStringLiteral("aws"), QStringLiteral("google"), QStringLiteral("azure")};
    static const QStringList formats {QStringLiteral("cloudtrail"), QStringLiteral("gcp-audit-log"),
        QStringLiteral("azure-activity-log")};
    const auto cloud = root->name(QStringLiteral("cloud"), clouds, Need::Required);
    const auto format = root->name(QStringLiteral("record_format"), formats, Need::Required);
    const auto sources = root->strings(QStringLiteral("sources"), Need::Required, Empty::Refused);
    const auto tools = root->list(QStringLiteral("tools"), Need::Required);
    const auto events = root->list(QStringLiteral("events"), Need::Required, Empty::Refused);
    const auto note = root->string(QStringLiteral("note"), Need::Optional, Empty::Allowed);
    const auto global = root->strings(QStringLiteral("global_services"), Need::Optional);
    if (!cloud || !format || !sources || !tools || !events || !note || !global)
        return file.error();
    CloudCatalog catalog;
    catalog.cloud = *cloud;
    catalog.format = RecordFormat(formats.indexOf(*format));
    catalog.globalServices = *global;
    for (qsizetype i = 0; i < tools->size(); ++i) {
        auto t = toolRule(file, tools->at(i), {QStringLiteral("tools"), i});
        if (!t)
            return file.error();
        catalog.tools.push_back(std::move(*t));
    }
    QHash<QString, JsonPath> seen;
    const bool folded = catalog.format == RecordFormat::AzureActivityLog;
    for (qsizetype i = 0; i < events->size(); ++i) {
        auto e = eventRule(file, events->at(i), {QStringLiteral("events"), i}, seen);
        if (!e)
            return file.error();
        catalog.names.insert(e->name.toUtf8());
        catalog.byName[folded ? e->name.toLower() : e->name].push_back(int(catalog.events.size()));
        catalog.events.push_back(std::move(*e));
    }
    return catalog;
}

} // namespace

QString cloudEffectName(CloudEffect effect)
{
    static const char *const names[] = {"delete", "empty", "retention", "protection"};
    return QString::fromLatin1(names[int(effect)]);
}

QString recordFormatName(RecordFormat format)
{
    static const char *const names[] = {"cloudtrail", "gcp-audit-log", "azure-activity-log"};
    return QString::fromLatin1(names[int(format)]);
}

QString CloudCatalog::toolOf(const QString &userAgent) const
{
    if (userAgent.isEmpty())
        return QStringLiteral("unknown");
    for (const ToolRule &rule : tools) {
        const bool hit = rule.match == ToolMatch::Contains ? userAgent.contains(rule.text)
            : rule.match == ToolMatch::Prefix              ? userAgent.startsWith(rule.text)
                                                           : userAgent == rule.text;
        if (hit)
            return rule.tool;
    }
    return QStringLiteral("unknown");
}

std::vector<const CloudEventRule *> CloudCatalog::rulesFor(
    const QString &service, const QString &name) const
{
    const bool folded = format == RecordFormat::AzureActivityLog;
    std::vector<const CloudEventRule *> found;
    const auto it = byName.constFind(folded ? name.toLower() : name);
    if (it == byName.constEnd())
        return found;
    for (int index : *it) {
        const CloudEventRule &rule = events[size_t(index)];
        // Azure's operation names carry their namespace; the others must match the service.
        if (folded || rule.service == service)
            found.push_back(&rule);
    }
    return found;
}

bool CloudCatalog::knowsName(QByteArrayView name) const
{
    return names.contains(name.toByteArray());
}

Result<CloudCatalog> readCloudCatalog(const QString &path)
{
    Result<StrictJson> file
        = StrictJson::read(path, files::smallFileLimit(QStringLiteral("a cloud events file")));
    if (!file)
        return file.error();
    return readCatalog(*file);
}

const Result<std::vector<CloudCatalog>> &shippedCloudCatalogs()
{
    static const Result<std::vector<CloudCatalog>> catalogs
        = []() -> Result<std::vector<CloudCatalog>> {
        std::vector<CloudCatalog> all;
        for (const char *name :
            {"postmortem/aws.json", "postmortem/gcp.json", "postmortem/azure.json"}) {
            const QString relative = QString::fromLatin1(name);
            Result<QByteArray> bytes = shipped::bytes(relative);
            if (!bytes)
                return bytes.error();
            Result<StrictJson> file = StrictJson::parse(
                *bytes, shipped::path(relative), QStringLiteral("a cloud events file"));
            if (!file)
                return file.error();
            Result<CloudCatalog> catalog = readCatalog(*file);
            if (!catalog)
                return catalog.error();
            all.push_back(std::move(*catalog));
        }
        return all;
    }();
    return catalogs;
}

} // namespace bg::core
