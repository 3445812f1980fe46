// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/statediff.h"

#include "core/loading/loader.h"
#include "core/risk/masking.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace bg::core {

namespace {

QHash<QString, QString> flatMap(const QJsonValue &value)
{
    QHash<QString, QString> map;
    for (auto &[path, text] : flattenAttributes(value))
        map.insert(path, text);
    return map;
}

// Attribute changes between two objects, shown masked. Whether a masked path changed is
// decided on the real values under it, so a changed secret shows as "(sensitive) →
// (sensitive)" and an unchanged one not at all.
std::vector<AttributeChange> attributeChanges(const Document &oldDoc, const Resource &oldRes,
    const Document &newDoc, const Resource &newRes, const RuleSet &rules)
{
    std::vector<AttributeChange> changes;
    const QJsonValue rawOld = decodeSlot(oldDoc, oldRes.before),
                     rawNew = decodeSlot(newDoc, newRes.before);
    if (rawOld == rawNew)
        return changes;
    const QHash<QString, QString> oldValues = flatMap(rawOld), newValues = flatMap(rawNew);
    QStringList differing;
    for (auto it = oldValues.begin(); it != oldValues.end(); ++it) {
        if (newValues.value(it.key(), QStringLiteral("\0absent")) != it.value())
            differing.append(it.key());
    }
    for (auto it = newValues.begin(); it != newValues.end(); ++it) {
        if (!oldValues.contains(it.key()))
            differing.append(it.key());
    }
    const auto changedUnder = [&](const QString &path) {
        return std::any_of(differing.begin(), differing.end(), [&](const QString &d) {
            return d == path || d.startsWith(path + QLatin1Char('.'))
                || d.startsWith(path + QLatin1Char('['));
        });
    };
    const QHash<QString, QString> before
        = flatMap(maskedValues(oldDoc, oldRes, Side::Before, rules));
    const QHash<QString, QString> after
        = flatMap(maskedValues(newDoc, newRes, Side::Before, rules));
    QStringList paths = before.keys() + after.keys();
    paths.removeDuplicates();
    paths.sort();
    const QString absent = QStringLiteral("(absent)");
    for (const QString &path : paths) {
        if (changedUnder(path))
            changes.push_back({path, before.value(path, absent), after.value(path, absent)});
    }
    return changes;
}

} // namespace

StateDiff diffStates(Document older, const Document &newer, const RuleSet &rules)
{
    StateDiff diff;
    diff.newPath = newer.path;
    diff.newDescription = detail::describeInput(newer);
    diff.warnings = lineageWarnings(older, newer);
    if (older.lineage.isEmpty() || newer.lineage.isEmpty())
        diff.lineageVerdict
            = QStringLiteral("cannot be compared: only raw terraform.tfstate files record them, "
                             "and %1 does not")
                  .arg(older.lineage.isEmpty() ? older.path : newer.path);
    else if (diff.warnings.empty())
        diff.lineageVerdict
            = QStringLiteral("same lineage %1, serial %2 → %3")
                  .arg(older.lineage, QString::number(older.serial), QString::number(newer.serial));
    QHash<QString, int> newById;
    for (int i = 0; i < int(newer.resources.size()); ++i)
        newById.insert(newer.resources[i].id, i);
    QHash<QString, bool> oldIds;
    std::vector<int> lost;
    std::vector<std::pair<int, int>> common;
    for (int i = 0; i < int(older.resources.size()); ++i) {
        oldIds.insert(older.resources[i].id, true);
        const auto it = newById.constFind(older.resources[i].id);
        if (it == newById.constEnd())
            lost.push_back(i);
        else
            common.emplace_back(i, *it);
    }
    for (const Resource &r : newer.resources) {
        if (!oldIds.contains(r.id))
            diff.added.append(r.id);
    }
    for (const auto &[o, n] : common) {
        auto attributes
            = attributeChanges(older, older.resources[o], newer, newer.resources[n], rules);
        if (!attributes.empty())
            diff.changed.push_back({older.resources[o].id,
                rules.category(older.resources[o].address.type), std::move(attributes)});
    }
    // A stale state restored over a newer one (lineageWarnings: same lineage, the one in use has
    // the lower serial) lacks what was created after it was written. Nothing of that was
    // destroyed: the newer state of the same lineage still holds it. The stale state forgot
    // it, and it keeps running, unmanaged.
    diff.stale = std::any_of(diff.warnings.begin(), diff.warnings.end(),
        [](const Warning &w) { return w.code == StaleStateCode; });
    if (diff.stale) {
        for (int i : lost) {
            const Resource &r = older.resources[size_t(i)];
            const QString category = rules.category(r.address.type);
            diff.forgotten.push_back(
                {r.id, category, !r.isData() && rules.isDataCategory(category)});
        }
        diff.staleView = analyseLoss(older, rules, {});
    }
    diff.lost = analyseLoss(std::move(older), rules, lost);
    for (const ResourceChangeSummary &c : diff.changed) {
        const int node = diff.lost.graph().find(c.address);
        diff.lost.impact.actions[node] = Action::Update;
        if (diff.staleView)
            diff.staleView->impact.actions[node] = Action::Update;
    }
    return diff;
}

namespace {

// "Nothing was destroyed: the state in use is stale and forgot 4 resources that still run,
// unmanaged, 3 of them data stores."
QString staleHeadline(const StateDiff &diff)
{
    const qsizetype n = qsizetype(diff.forgotten.size());
    if (n == 0)
        return QStringLiteral("The state in use is stale, yet it lacks nothing the newer state "
                              "holds.");
    const auto stores = std::count_if(diff.forgotten.begin(), diff.forgotten.end(),
        [](const ForgottenResource &f) { return f.dataStore; });
    return QStringLiteral("The state in use is stale: it forgot %1 the newer state holds. Not "
                          "destroyed: %2 still there, unmanaged%3.")
        .arg(n == 1 ? QStringLiteral("1 resource") : QStringLiteral("%1 resources").arg(n),
            n == 1 ? QStringLiteral("it is") : QStringLiteral("they are"),
            stores == 0 ? QString()
                : stores == n
                ? (n == 1 ? QStringLiteral(", a data store") : QStringLiteral(", all data stores"))
                : QStringLiteral(", %1 of them %2")
                      .arg(QString::number(stores),
                          stores == 1 ? QStringLiteral("a data store")
                                      : QStringLiteral("data stores")));
}

} // namespace

QByteArray renderDiff(const StateDiff &diff, const RuleSet &rules, ReportFormat format)
{
    const Analysis &a = diff.staleView ? *diff.staleView : diff.lost;
    if (format == ReportFormat::Json) {
        QJsonObject root = QJsonDocument::fromJson(detail::renderJson(a, rules)).object();
        root.insert(QStringLiteral("schema"), QStringLiteral("blastguard.diff/v1"));
        root.insert(QStringLiteral("mode"), QStringLiteral("diff"));
        root.insert(
            QStringLiteral("new_input"), QJsonObject {{QStringLiteral("path"), diff.newPath}});
        root.insert(QStringLiteral("lineage_verdict"), diff.lineageVerdict);
        QJsonArray warnings = root.value(QStringLiteral("warnings")).toArray();
        for (const Warning &w : diff.warnings)
            warnings.append(QJsonObject {
                {QStringLiteral("code"), w.code}, {QStringLiteral("message"), w.message}});
        root.insert(QStringLiteral("warnings"), warnings);
        QJsonArray lost;
        for (int node : a.impact.destroyOrder)
            lost.append(a.document().resources[node].id);
        root.insert(QStringLiteral("lost"), lost);
        QJsonArray forgotten;
        for (const ForgottenResource &f : diff.forgotten)
            forgotten.append(QJsonObject {{QStringLiteral("address"), f.address},
                {QStringLiteral("category"), f.category},
                {QStringLiteral("data_store"), f.dataStore}});
        root.insert(QStringLiteral("forgotten"), forgotten);
        if (diff.stale)
            root.insert(QStringLiteral("headline"), staleHeadline(diff));
        root.insert(QStringLiteral("added"), QJsonArray::fromStringList(diff.added));
        QJsonArray changed;
        for (const ResourceChangeSummary &c : diff.changed) {
            QJsonArray attributes;
            for (const AttributeChange &attr : c.attributes)
                attributes.append(QJsonObject {{QStringLiteral("path"), attr.path},
                    {QStringLiteral("before"), attr.before},
                    {QStringLiteral("after"), attr.after}});
            changed.append(QJsonObject {{QStringLiteral("address"), c.address},
                {QStringLiteral("category"), c.category},
                {QStringLiteral("attributes"), attributes}});
        }
        root.insert(QStringLiteral("changed"), changed);
        return QJsonDocument(root).toJson(QJsonDocument::Indented);
    }
    const bool md = format == ReportFormat::Markdown;
    QString out;
    const auto heading = [&](const QString &text) {
        out += md ? QStringLiteral("\n## %1\n\n").arg(text) : QStringLiteral("\n%1\n").arg(text);
    };
    const auto code = [&](const QString &text) {
        return md ? QLatin1Char('`') + QString(text).replace(QLatin1Char('`'), QLatin1Char('\''))
                + QLatin1Char('`')
                  : text;
    };
    const auto item = [&](const QString &text) {
        out += (md ? QStringLiteral("- ") : QStringLiteral("  - ")) + text + QLatin1Char('\n');
    };
    out += (md ? QStringLiteral("# ") : QString())
        + QStringLiteral("State diff: %1 → %2\n").arg(a.document().path, diff.newPath);
    if (diff.warnings.empty())
        out += QStringLiteral("\nLineage and serial: %1\n").arg(diff.lineageVerdict);
    for (const Warning &w : diff.warnings)
        out += QStringLiteral("\n%1%2: %3\n")
                   .arg(md ? QStringLiteral("> **") : QStringLiteral("!! "),
                       w.code + (md ? QStringLiteral("**") : QString()), w.message);
    QString body
        = QString::fromUtf8(detail::renderText(a, rules, md)).section(QLatin1Char('\n'), 1);
    if (diff.stale) {
        const QString headline = a.headline(rules);
        body.replace(body.indexOf(headline), headline.size(), staleHeadline(diff));
    }
    out += body;
    if (diff.stale) {
        heading(QStringLiteral("Forgotten by the state, still running (unmanaged) (%1)")
                    .arg(diff.forgotten.size()));
        for (const ForgottenResource &f : diff.forgotten) {
            QString text = QStringLiteral("%1 (%2)").arg(code(f.address), f.category);
            if (f.dataStore && !f.address.contains(QLatin1String(" (deposed object ")))
                text += QStringLiteral(" — data store: it and its data are still there, but a "
                                       "later apply of this stale state may create a second "
                                       "one beside it (or fail on its name), and a destroy "
                                       "would not touch it");
            item(text);
        }
    }
    heading(diff.stale ? QStringLiteral("Only in the stale state (%1): gone from the newer state")
                             .arg(diff.added.size())
                       : QStringLiteral("Added (%1)").arg(diff.added.size()));
    for (const QString &address : diff.added)
        item(address);
    heading(QStringLiteral("Changed (%1)").arg(diff.changed.size()));
    for (const ResourceChangeSummary &c : diff.changed) {
        item(QStringLiteral("%1 (%2)").arg(c.address, c.category));
        for (const AttributeChange &attr : c.attributes)
            out += QStringLiteral("      %1: %2 → %3\n").arg(attr.path, attr.before, attr.after);
    }
    return out.toUtf8();
}

} // namespace bg::core
