// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/risk/projects.h"

#include "core/risk/masking.h"
#include "core/risk/maskingrules.h"
#include "core/risk/slotmembers_p.h"

#include <QHash>
#include <QJsonObject>
#include <algorithm>
#include <cstring>

namespace bg::core {

namespace {

const QString TagsAll = QStringLiteral("tags_all");
const QString Tags = QStringLiteral("tags");

// The top-level members `keys` of the object `slot` holds, each decoded on its own, as
// decodeSlot's whole object has them (SlotMembers): the rest of a resource's values (an ECS task
// definition, a policy document) is stepped over, never decoded.
std::vector<QJsonValue> membersOf(const Document &doc, const JsonSlot &slot,
    const QStringList &keys, std::optional<QByteArray> text = std::nullopt)
{
    SlotMembers members = text ? SlotMembers(std::move(*text)) : SlotMembers(doc, slot);
    const QJsonObject object
        = members.readable() ? members.members(keys) : decodeSlot(doc, slot).toObject();
    std::vector<QJsonValue> values;
    for (const QString &key : keys)
        values.push_back(object.value(key));
    return values;
}

QJsonValue memberOf(const Document &doc, const JsonSlot &slot, const QString &key)
{
    return membersOf(doc, slot, {key}).front();
}

// Terraform marked the tag (or the whole map) sensitive, on either side of the change.
bool markedSensitive(
    const Document &doc, const Resource &r, const QString &attribute, const QString &tag)
{
    const QByteArray name = attribute.toUtf8();
    for (const JsonSlot *slot : {&r.beforeSensitive, &r.afterSensitive}) {
        // Unescaped, a mark names its attribute: a map that does not is none (most are {}).
        if (const QByteArray text = doc.bytesOf(*slot);
            !text.contains('\\') && !text.contains(name))
            continue;
        const QJsonValue mark = decodeSlot(doc, *slot).toObject().value(attribute);
        if (mark.toBool() || mark.toObject().value(tag).toBool())
            return true;
    }
    return false;
}

// A value that masking leaves as it is, on one line: it may be shown as a project's name. A
// value that holds JSON (which masking would open and mask inside) names none either.
bool showable(const QString &value)
{
    const QList<uint> codePoints = QStringView(value).toUcs4();
    const QString trimmed = value.trimmed();
    return !trimmed.isEmpty() && !trimmed.startsWith(QLatin1Char('{'))
        && !trimmed.startsWith(QLatin1Char('['))
        && std::none_of(codePoints.begin(), codePoints.end(), [](uint c) { return actsUnseen(c); })
        && !MaskingRules::shipped().isSecretText(value);
}

// The tags a project may be named by: their names, and which look like a secret's (never
// shown), each worked out once for all resources.
struct ProjectTags {
    explicit ProjectTags(const QStringList &tags)
        : names(tags)
        , secretNames(size_t(tags.size()))
    {
        for (const QString &tag : tags)
            utf8.push_back(tag.toUtf8());
    }
    // Whether tag `t`'s name looks like a secret's, asked when a value of it is met: the
    // masking rules' patterns are compiled only then (2 ms of a report where no tag is met).
    bool secret(qsizetype t) const
    {
        std::optional<bool> &known = secretNames[size_t(t)];
        if (!known)
            known = MaskingRules::shipped().isSecretName(names[t]);
        return *known;
    }
    QStringList names;
    mutable std::vector<std::optional<bool>> secretNames;
    std::vector<QByteArray> utf8; // the names, for a search of the object's text
    mutable QHash<QString, bool> shown; // showable(), of the values met (a project's, mostly)
};

// projectOf, with the tags' names worked out (ProjectTags).
std::optional<ProjectTag> projectOf(
    const Document &document, const Resource &resource, const ProjectTags &projectTags)
{
    const QStringList &tags = projectTags.names;
    if (projectTags.utf8.empty())
        return std::nullopt;
    // A name is written as it is unless it has an escape: where the object's text holds no
    // backslash, and neither "tags" nor one of the names, it has no member tags, tags_all or
    // "tags.NAME" (a flat raw state's) with a tag of those names, and its members are not
    // walked (most resources: a tenth of a report on 10,000 deleted databases, which have no
    // tags; a tenth again on 10,000 tagged instances of no project).
    QByteArray text = document.bytesOf(resource.before);
    if (!text.contains('\\')
        && (!text.contains("tags")
            || std::none_of(
                projectTags.utf8.begin(), projectTags.utf8.end(), [&](const QByteArray &name) {
                    return ::memmem(text.constData(), size_t(text.size()), name.constData(),
                               size_t(name.size()))
                        != nullptr; // glibc's: QByteArray::contains was 3 times slower here
                })))
        return std::nullopt;
    static const QStringList TagMaps = {TagsAll, Tags};
    // Its text, read once: for the search above and for its members.
    const std::vector<QJsonValue> members = membersOf(document, resource.before, TagMaps,
        resource.before.range().isValid() ? std::optional(std::move(text)) : std::nullopt);
    const QJsonObject maps[] = {members[0].toObject(), members[1].toObject()};
    // A raw state written with attributes_flat keeps a map as "tags.Project" members.
    const bool flat
        = document.kind == DocumentKind::RawState && maps[0].isEmpty() && maps[1].isEmpty();
    for (qsizetype t = 0; t < tags.size(); ++t) {
        const QString &tag = tags[t];
        for (int m = 0; m < 2; ++m) {
            const QString &attribute = m == 0 ? TagsAll : Tags;
            const QJsonValue value = flat
                ? memberOf(document, resource.before, attribute + QLatin1Char('.') + tag)
                : maps[m].value(tag);
            if (!value.isString() || value.toString().isEmpty() || projectTags.secret(t))
                continue;
            const QString name = value.toString();
            auto known = projectTags.shown.constFind(name);
            if (known == projectTags.shown.constEnd())
                known = projectTags.shown.insert(name, showable(name));
            if (*known && !markedSensitive(document, resource, attribute, tag))
                return ProjectTag {tag, name};
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<ProjectTag> projectOf(
    const Document &document, const Resource &resource, const QStringList &tags)
{
    return projectOf(document, resource, ProjectTags(tags));
}

std::vector<ProjectHit> projectsDestroyed(
    const Document &document, const Impact &impact, const QStringList &tags)
{
    std::vector<ProjectHit> hits;
    if (tags.isEmpty())
        return hits;
    QHash<QString, size_t> byName;
    const ProjectTags projectTags(tags);
    for (int i = 0; i < int(document.resources.size()); ++i) {
        if (!impact.destroys(i))
            continue;
        const auto project = projectOf(document, document.resources[size_t(i)], projectTags);
        if (!project)
            continue;
        auto it = byName.find(project->name);
        if (it == byName.end()) {
            it = byName.insert(project->name, hits.size());
            hits.push_back({project->name, project->tag, 0, i});
        }
        ++hits[*it].count;
    }
    std::sort(hits.begin(), hits.end(), [](const ProjectHit &x, const ProjectHit &y) {
        return x.count != y.count ? x.count > y.count : x.name < y.name;
    });
    return hits;
}

QString projectsSentence(const std::vector<ProjectHit> &hits)
{
    if (hits.size() < 2)
        return {};
    constexpr size_t Named = 4;
    QStringList parts;
    for (size_t i = 0; i < hits.size() && i < Named; ++i) {
        const int n = hits[i].count;
        const QString count = i > 0 ? QString::number(n)
            : n == 1                ? QStringLiteral("1 resource")
                                    : QStringLiteral("%1 resources").arg(n);
        parts.append(QStringLiteral("%1 (%2)").arg(hits[i].name, count));
    }
    if (hits.size() > Named)
        parts.append(QStringLiteral("%1 more").arg(hits.size() - Named));
    const QString last = parts.takeLast();
    return QStringLiteral("This destroy hits %1 projects: %2 and %3")
        .arg(QString::number(hits.size()), parts.join(QStringLiteral(", ")), last);
}

QDebug operator<<(QDebug debug, const ProjectHit &hit)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "ProjectHit(" << hit.name << ", tag " << hit.tag << ", " << hit.count
                    << " destroyed, first node " << hit.firstNode << ')';
    return debug;
}

} // namespace bg::core
