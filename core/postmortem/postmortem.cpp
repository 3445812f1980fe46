// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/postmortem/postmortem.h"

#include "core/risk/masking.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace bg::core {

namespace {

// A call made for a Terraform step may be logged a little before its apply_start (the clocks of
// the laptop and the cloud differ) or after its end: this much either way still matches.
constexpr qint64 StepSlackMs = 5000;

bool isDelete(const QString &action)
{
    return action == QLatin1String("delete") || action == QLatin1String("replace");
}

bool isTerraformTool(const QString &tool)
{
    return tool == QLatin1String("terraform") || tool == QLatin1String("opentofu");
}

// Whether a call of this effect can be part of a Terraform step of this action: a delete or an
// emptying (force_destroy) of a delete, a change of retention or protection of an update.
bool fits(CloudEffect effect, const QString &action)
{
    if (effect == CloudEffect::Delete || effect == CloudEffect::Empty)
        return isDelete(action);
    return action == QLatin1String("update") || action == QLatin1String("replace");
}

// The last segment of an ARN or a path: "arn:aws:rds:eu-west-1:1:db:edu-prod" -> "edu-prod".
QString tail(const QString &value)
{
    const qsizetype at
        = std::max(value.lastIndexOf(QLatin1Char('/')), value.lastIndexOf(QLatin1Char(':')));
    return at < 0 ? QString() : value.mid(at + 1);
}

// A resource's values as the plan or state last knew them: before the change, else after (a
// resource the plan creates).
QJsonObject valuesOf(const Document &document, const Resource &resource)
{
    QJsonValue values = decodeSlot(document, resource.before);
    if (!values.isObject())
        values = decodeSlot(document, resource.after);
    return values.toObject();
}

// The plan's resources by the values a call may name them by.
class ResourceIndex {
public:
    ResourceIndex(const Analysis &analysis, const std::vector<CloudCatalog> &catalogs)
    {
        // The attributes each type is named by, across every catalog.
        QHash<QString, QStringList> wanted;
        for (const CloudCatalog &catalog : catalogs) {
            for (const CloudEventRule &rule : catalog.events) {
                for (const IdentityPath &identity : rule.identity) {
                    for (const QString &attribute : identity.attributes) {
                        if (!wanted[rule.type].contains(attribute))
                            wanted[rule.type].append(attribute);
                    }
                }
            }
        }
        const Document &document = analysis.document();
        for (int node = 0; node < int(document.resources.size()); ++node) {
            const Resource &resource = document.resources[size_t(node)];
            const auto attributes = wanted.constFind(resource.address.type);
            if (resource.isData() || attributes == wanted.constEnd())
                continue;
            const QJsonObject values = valuesOf(document, resource);
            for (const QString &attribute : *attributes) {
                const QJsonValue value = values.value(attribute);
                if (!value.isString() || value.toString().isEmpty())
                    continue;
                const QString key
                    = resource.address.type + QLatin1Char('\n') + attribute + QLatin1Char('\n');
                m_exact.insert(key + value.toString().toLower(), node);
                const QString end = tail(value.toString());
                if (!end.isEmpty())
                    m_tail.insert(key + end.toLower(), node);
            }
        }
    }

    // The node a call names by `value` in one of `attributes` of `type`: the value itself, its
    // last segment (an ARN for a name), or a name for a value's last segment. -1 when none or
    // when it is ambiguous. Compared without case: Azure's ids differ in case between the log
    // and the provider.
    int find(const QString &type, const QStringList &attributes, const QString &value) const
    {
        const QString folded = value.toLower();
        const QString end = tail(folded);
        for (const QString &attribute : attributes) {
            const QString key = type + QLatin1Char('\n') + attribute + QLatin1Char('\n');
            for (const auto &[table, probe] : {std::pair {&m_exact, folded},
                     std::pair {&m_exact, end}, std::pair {&m_tail, folded}}) {
                if (probe.isEmpty())
                    continue;
                const QList<int> nodes = table->values(key + probe);
                if (nodes.size() == 1)
                    return nodes.front();
            }
        }
        return -1;
    }

private:
    QMultiHash<QString, int> m_exact;
    QMultiHash<QString, int> m_tail;
};

// The accounts and regions the plan's resources live in, from the ARNs (AWS), project ids
// (Google) and subscription ids (Azure) in their values.
void scopeOf(const Analysis &analysis, QStringList *accounts, QStringList *regions)
{
    static const QRegularExpression arn(
        QStringLiteral("^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):([0-9]{12})?:"));
    static const QRegularExpression subscription(
        QStringLiteral("^/subscriptions/([0-9a-fA-F-]{36})/"));
    const Document &document = analysis.document();
    for (const Resource &resource : document.resources) {
        const QJsonObject object = valuesOf(document, resource);
        for (const char *key : {"arn", "id"}) {
            const QString text = object.value(QLatin1String(key)).toString();
            if (const auto m = arn.match(text); m.hasMatch()) {
                if (!m.captured(1).isEmpty() && !regions->contains(m.captured(1)))
                    regions->append(m.captured(1));
                if (!m.captured(2).isEmpty() && !accounts->contains(m.captured(2)))
                    accounts->append(m.captured(2));
            } else if (const auto s = subscription.match(text); s.hasMatch()) {
                if (!accounts->contains(s.captured(1).toLower()))
                    accounts->append(s.captured(1).toLower());
            }
        }
        if (resource.provider().contains(QLatin1String("google"))) {
            const QString project = object.value(QStringLiteral("project")).toString();
            if (!project.isEmpty() && !accounts->contains(project))
                accounts->append(project);
        }
    }
    accounts->sort();
    regions->sort();
}

class Builder {
public:
    Builder(const Analysis &analysis, const RuleSet &rules,
        const std::vector<CloudCatalog> &catalogs, Postmortem &result)
        : m_analysis(analysis)
        , m_rules(rules)
        , m_catalogs(catalogs)
        , m_result(result)
    {
    }

    void steps(const ApplyLog &log)
    {
        m_result.applyLog = log.path;
        m_result.tool = log.tool.isEmpty() ? QStringLiteral("terraform") : log.tool;
        m_result.version = recordText(log.version);
        m_result.operation = recordText(log.operation);
        for (const ApplyDiagnostic &d : log.diagnostics) {
            if (d.severity != QLatin1String("error"))
                continue;
            m_result.diagnostics.push_back(
                {d.time, recordText(d.address), recordText(d.summary), d.line});
        }
        m_result.summary = recordText(log.summary);
        m_result.errors.add(log.problems);
        for (const ApplyStep &step : log.steps) {
            TimelineEntry entry;
            entry.source = RecordSource::Terraform;
            entry.time = step.time();
            entry.end = step.end;
            entry.address = recordText(step.address);
            entry.node = m_analysis.graph().find(step.address);
            entry.action = recordText(step.action);
            entry.event = step.errored ? QStringLiteral("apply_errored")
                : step.completed       ? QStringLiteral("apply_complete")
                                       : QStringLiteral("apply_start");
            entry.tool = m_result.tool;
            entry.succeeded = step.completed;
            entry.identity = recordText(step.idValue);
            entry.file = log.path;
            entry.line = step.line;
            const double seconds = step.elapsedSeconds >= 0 ? step.elapsedSeconds
                : step.end >= 0 && step.start >= 0          ? (step.end - step.start) / 1000.0
                                                            : -1;
            if (step.errored) {
                entry.outcome = QStringLiteral("errored after %1").arg(durationText(seconds));
                if (!step.errors.isEmpty())
                    entry.outcome += QStringLiteral(": ")
                        + recordText(step.errors.join(QStringLiteral("; ")));
            } else if (step.completed) {
                entry.outcome = QStringLiteral("completed after %1").arg(durationText(seconds));
            } else {
                entry.outcome = QStringLiteral("no end in the log");
            }
            if (entry.node >= 0 && step.completed && isDelete(step.action))
                entry.dataLoss = losesData(entry.node);
            m_result.timeline.push_back(std::move(entry));
        }
    }

    void calls(const CloudLog &cloud)
    {
        m_result.cloudFiles = cloud.files;
        m_result.cloudRecords = cloud.records;
        m_result.cloudKnown = qint64(cloud.events.size());
        m_result.cloudUnrecognised = cloud.unrecognised;
        m_result.cloudComplete = cloud.complete;
        m_result.errors.add(cloud.problems);
        const ResourceIndex index(m_analysis, m_catalogs);
        // The Terraform steps of each node, to find the step a call was made for.
        QHash<int, std::vector<int>> stepsOf;
        const size_t stepCount = m_result.timeline.size();
        for (size_t i = 0; i < stepCount; ++i) {
            if (m_result.timeline[i].node >= 0)
                stepsOf[m_result.timeline[i].node].push_back(int(i));
        }
        QSet<QString> seen; // (format, event id): a record given twice is one call
        for (const CloudEvent &event : cloud.events) {
            if (!event.eventId.isEmpty()) {
                const QString key
                    = recordFormatName(event.format) + QLatin1Char('\n') + event.eventId;
                if (seen.contains(key)) {
                    ++m_result.duplicates;
                    continue;
                }
                seen.insert(key);
            }
            TimelineEntry entry;
            entry.source = RecordSource::Cloud;
            entry.format = event.format;
            entry.time = event.time;
            entry.action = cloudEffectName(event.rule->effect);
            entry.event = recordText(event.name);
            entry.actor = recordText(event.actor);
            entry.tool = event.tool;
            entry.file = event.file;
            entry.line = event.line;
            entry.succeeded = event.error.isEmpty();
            entry.outcome = entry.succeeded ? QStringLiteral("succeeded")
                                            : QStringLiteral("failed: ") + failureText(event.error);
            for (const auto &[name, value] : event.details) {
                entry.details.emplace_back(name,
                    m_rules.isSecretName(name) ? QStringLiteral("\"(sensitive)\"")
                                               : recordText(value));
            }
            for (const auto &[value, attributes] : event.identities) {
                if (entry.identity.isEmpty())
                    entry.identity = recordText(value);
                const int node = index.find(event.rule->type, attributes, value);
                if (node >= 0) {
                    entry.node = node;
                    entry.identity = recordText(value);
                    break;
                }
            }
            if (entry.node >= 0)
                entry.address = m_analysis.document().resources[size_t(entry.node)].id;
            if (entry.node < 0 && outOfScope(event)) {
                CloudEvent apart = event;
                for (QString *text : {&apart.actor, &apart.name, &apart.account, &apart.region,
                         &apart.userAgent, &apart.error})
                    *text = recordText(*text);
                for (auto &identity : apart.identities)
                    identity.first = recordText(identity.first);
                apart.details.clear();
                m_result.otherScope.push_back(std::move(apart));
                continue;
            }
            // The Terraform step it was made for: of its resource, around that time, with an
            // action the call fits, by Terraform's own user agent (or by a caller whose record
            // holds no user agent at all: Azure's).
            const bool byTerraform = isTerraformTool(event.tool);
            if (entry.node >= 0 && (byTerraform || event.userAgent.isEmpty())) {
                for (int s : stepsOf.value(entry.node)) {
                    const TimelineEntry &step = m_result.timeline[size_t(s)];
                    const qint64 from = (step.time >= 0 ? step.time : step.end) - StepSlackMs;
                    const qint64 to
                        = (step.end >= 0 ? step.end : step.time + 3600 * 1000) + StepSlackMs;
                    if (fits(event.rule->effect, step.action) && event.time >= from
                        && event.time <= to) {
                        entry.step = s;
                        break;
                    }
                }
            }
            // Terraform's own calls are never outside Terraform; without a step of this log
            // they are a disagreement with the log (when there is one).
            entry.outsideTerraform = entry.step < 0 && !byTerraform;
            // Whether the call lost data. A call of a Terraform step is that step: the model
            // decides, as for the step (a final snapshot it takes keeps the data). Any other
            // call is judged by what it asked for (DeleteDBInstance with skipFinalSnapshot true
            // loses the data; without, RDS takes a final snapshot), and, where the plan holds
            // the resource, by whether it is a data store at all (a bastion host is not).
            entry.dataLoss = entry.succeeded && event.dataLoss;
            if (entry.node >= 0) {
                entry.dataLoss = entry.dataLoss
                    && (entry.step >= 0 ? losesData(entry.node) : isDataStore(entry.node));
            }
            m_result.timeline.push_back(std::move(entry));
        }
    }

    void settle(bool haveLog, bool haveCloud)
    {
        std::vector<TimelineEntry> &timeline = m_result.timeline;
        // By time (stable: at the same moment, steps before calls; CloudTrail's times are whole
        // seconds, so a call usually sorts before its own step); the step links follow.
        std::vector<int> order(timeline.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        std::stable_sort(order.begin(), order.end(),
            [&](int a, int b) { return timeline[size_t(a)].time < timeline[size_t(b)].time; });
        std::vector<int> where(order.size());
        for (size_t i = 0; i < order.size(); ++i)
            where[size_t(order[i])] = int(i);
        std::vector<TimelineEntry> sorted;
        sorted.reserve(timeline.size());
        for (int i : order) {
            sorted.push_back(std::move(timeline[size_t(i)]));
            if (sorted.back().step >= 0)
                sorted.back().step = where[size_t(sorted.back().step)];
        }
        timeline = std::move(sorted);
        for (size_t i = 0; i < timeline.size(); ++i) {
            TimelineEntry &entry = timeline[i];
            // A step takes the actor of the calls it made.
            if (entry.source == RecordSource::Cloud && entry.step >= 0
                && timeline[size_t(entry.step)].actor.isEmpty())
                timeline[size_t(entry.step)].actor = entry.actor;
        }
        for (size_t i = 0; i < timeline.size(); ++i) {
            const TimelineEntry &entry = timeline[i];
            if (entry.source == RecordSource::Cloud && entry.outsideTerraform)
                m_result.outside.push_back(int(i));
            if (m_result.firstDataLoss < 0 && entry.dataLoss)
                m_result.firstDataLoss = int(i);
        }
        disagreements(haveLog, haveCloud);
    }

private:
    bool isDataStore(int node) const
    {
        return m_rules.isDataCategory(m_analysis.categories[size_t(node)]);
    }

    // Terraform's deleting this node (which the record says succeeded) lost stored data: a data
    // store whose data no copy keeps. Where the model expected a refusal that depends on what
    // the resource holds (S3 refuses to delete a bucket with objects in it), success says it
    // held nothing.
    bool losesData(int node) const
    {
        const NodeOutcome &outcome = m_analysis.outcomes[size_t(node)];
        if (outcome.outcome == Outcome::Refused && !outcome.certain)
            return false;
        return isDataStore(node) && outcome.outcome != Outcome::DataKept;
    }

    // A failed call's error in words. The message may quote the request (a password that was
    // too short): where it names a secret, only the code is shown.
    QString failureText(const QString &error) const
    {
        static const QRegularExpression word(QStringLiteral("[A-Za-z_][A-Za-z0-9_-]*"));
        for (auto it = word.globalMatch(error); it.hasNext();) {
            if (m_rules.isSecretName(it.next().capturedView()))
                return recordText(error.section(QLatin1Char(':'), 0, 0))
                    + QStringLiteral(" (its message names a secret, and is not shown)");
        }
        return recordText(error);
    }

    // A call the cloud records in one region whatever region the plan is in (the catalog's
    // global_services: IAM's, in us-east-1).
    bool isGlobalService(const CloudEvent &event) const
    {
        return std::any_of(m_catalogs.begin(), m_catalogs.end(), [&](const CloudCatalog &c) {
            return c.format == event.format && c.globalServices.contains(event.service);
        });
    }

    bool outOfScope(const CloudEvent &event) const
    {
        if (!m_result.accounts.isEmpty() && !event.account.isEmpty()
            && !m_result.accounts.contains(event.account, Qt::CaseInsensitive))
            return true;
        return event.format == RecordFormat::CloudTrail && !m_result.regions.isEmpty()
            && !event.region.isEmpty() && !m_result.regions.contains(event.region)
            && !isGlobalService(event);
    }

    // Each kind of disagreement is listed up to this many times, then counted.
    static constexpr int ListedPerKind = 50;

    void disagree(const QString &kind, const QString &address, const QString &message)
    {
        if (++m_kindCount[kind] <= ListedPerKind)
            m_result.disagreements.push_back(Disagreement {kind, address, message});
    }

    void countUnlisted()
    {
        for (const char *kind : {"not-in-plan", "never-started", "order", "model-refused",
                 "terraform-outside-log", "already-gone", "no-cloud-record"}) {
            const int more = m_kindCount.value(QLatin1String(kind)) - ListedPerKind;
            if (more > 0) {
                m_result.disagreements.push_back(Disagreement {QLatin1String(kind), QString(),
                    QStringLiteral("And %1 more of this kind (%2), not listed.")
                        .arg(more)
                        .arg(QLatin1String(kind))});
            }
        }
    }

    void disagreements(bool haveLog, bool haveCloud)
    {
        const std::vector<TimelineEntry> &timeline = m_result.timeline;
        const Document &document = m_analysis.document();
        const DependencyGraph &graph = m_analysis.graph();
        // The log's delete of each node (in the log's order, for the reports), and whether the
        // apply errored.
        QHash<int, int> deleteStep;
        std::vector<std::pair<int, int>> deletes; // node, timeline index
        bool anyErrored = !m_result.diagnostics.empty();
        qint64 cloudFrom = -1, cloudTo = -1;
        for (size_t i = 0; i < timeline.size(); ++i) {
            const TimelineEntry &e = timeline[i];
            if (e.source == RecordSource::Cloud) {
                cloudFrom = cloudFrom < 0 ? e.time : std::min(cloudFrom, e.time);
                cloudTo = std::max(cloudTo, e.time);
                continue;
            }
            anyErrored = anyErrored || e.event == QLatin1String("apply_errored");
            if (e.node < 0) {
                disagree(QStringLiteral("not-in-plan"), e.address,
                    QStringLiteral("The log %1s %2, which the %3 does not list.")
                        .arg(e.action, e.address, m_result.inputKind));
                continue;
            }
            if (isDelete(e.action) && !deleteStep.contains(e.node)) {
                deleteStep.insert(e.node, int(i));
                deletes.emplace_back(e.node, int(i));
            }
        }
        if (haveLog) {
            for (int node = 0; node < int(document.resources.size()); ++node) {
                const Resource &r = document.resources[size_t(node)];
                if (r.isData() || (r.action != Action::Delete && r.action != Action::Replace)
                    || deleteStep.contains(node))
                    continue;
                disagree(QStringLiteral("never-started"), r.id,
                    QStringLiteral("The plan deletes %1; the log never starts its delete%2.")
                        .arg(r.id,
                            anyErrored ? QStringLiteral(" (the apply stopped on errors)")
                                       : QString()));
            }
        }
        for (const auto &[node, index] : deletes) {
            const TimelineEntry &step = timeline[size_t(index)];
            // Terraform deletes a resource only after everything that depends on it is gone.
            for (int dependent : graph.dependents(node)) {
                const auto other = deleteStep.constFind(dependent);
                if (other == deleteStep.constEnd())
                    continue;
                const TimelineEntry &before = timeline[size_t(*other)];
                if (step.time >= 0 && before.end >= 0 && step.time < before.end) {
                    disagree(QStringLiteral("order"), step.address,
                        QStringLiteral("%1 started to go at %2, before %3, which depends on it, "
                                       "was gone (%4): Terraform's order would not do that.")
                            .arg(step.address, timestampText(step.time), before.address,
                                timestampText(before.end)));
                }
            }
            const NodeOutcome &expected = m_analysis.outcomes[size_t(node)];
            if (expected.outcome == Outcome::Refused && expected.certain
                && step.event == QLatin1String("apply_complete")) {
                disagree(QStringLiteral("model-refused"), step.address,
                    QStringLiteral("The model expected the cloud to refuse to delete %1 (%2); "
                                   "the log says it was deleted.")
                        .arg(step.address,
                            expected.brief().isEmpty() ? expected.refusedBecause()
                                                       : expected.brief()));
            }
        }
        if (!haveCloud) {
            countUnlisted();
            return;
        }
        // Each completed delete the cloud's record should show, when the record covers its time.
        QSet<int> called;
        for (const TimelineEntry &e : timeline) {
            if (e.source == RecordSource::Cloud && e.step >= 0)
                called.insert(e.step);
            if (e.source == RecordSource::Cloud && e.node >= 0 && e.step < 0
                && isTerraformTool(e.tool) && haveLog) {
                disagree(QStringLiteral("terraform-outside-log"), e.address,
                    QStringLiteral("The cloud's record shows %1 calling %2 on %3 at %4; this apply "
                                   "log has no step for it then.")
                        .arg(e.tool, e.event, e.address, timestampText(e.time)));
            }
        }
        QSet<QString> typesKnown;
        for (const CloudCatalog &c : m_catalogs) {
            for (const CloudEventRule &rule : c.events) {
                if (rule.effect == CloudEffect::Delete)
                    typesKnown.insert(rule.type);
            }
        }
        // The first successful delete outside Terraform of each node.
        QHash<int, int> deletedOutside;
        for (size_t i = 0; i < timeline.size(); ++i) {
            const TimelineEntry &e = timeline[i];
            if (e.source == RecordSource::Cloud && e.outsideTerraform && e.node >= 0 && e.succeeded
                && e.action == QLatin1String("delete") && !deletedOutside.contains(e.node))
                deletedOutside.insert(e.node, int(i));
        }
        for (const auto &[node, index] : deletes) {
            const TimelineEntry &step = timeline[size_t(index)];
            if (step.event != QLatin1String("apply_complete") || called.contains(index)
                || !typesKnown.contains(document.resources[size_t(node)].address.type)
                || step.time < cloudFrom || step.time > cloudTo)
                continue;
            // Often because someone deleted it first: Terraform's delete then finds nothing
            // (providers take "not found" on delete as done).
            const int first = deletedOutside.value(node, -1);
            if (first >= 0 && timeline[size_t(first)].time <= step.time) {
                const TimelineEntry *earlier = &timeline[size_t(first)];
                disagree(QStringLiteral("already-gone"), step.address,
                    QStringLiteral("The log says %1 was deleted at %2, but it was already gone: "
                                   "%3 deleted it at %4 with %5, outside Terraform.")
                        .arg(step.address, timestampText(step.time),
                            earlier->actor.isEmpty() ? QStringLiteral("someone") : earlier->actor,
                            timestampText(earlier->time), earlier->tool));
                continue;
            }
            disagree(QStringLiteral("no-cloud-record"), step.address,
                QStringLiteral("The log says %1 was deleted at %2; the cloud's record has no "
                               "delete of it.")
                    .arg(step.address, timestampText(step.time)));
        }
        countUnlisted();
    }

    const Analysis &m_analysis;
    const RuleSet &m_rules;
    const std::vector<CloudCatalog> &m_catalogs;
    Postmortem &m_result;
    QHash<QString, int> m_kindCount;
};

} // namespace

QString recordText(const QString &text)
{
    return shownValue(oneLine(text));
}

QString recordSourceName(RecordSource source)
{
    return source == RecordSource::Terraform ? QStringLiteral("terraform")
                                             : QStringLiteral("cloud");
}

QString durationText(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("an unknown time");
    if (seconds < 10)
        return QStringLiteral("%1s").arg(
            QString::number(seconds, 'f', seconds == qint64(seconds) ? 0 : 1));
    qint64 whole = qint64(seconds + 0.5);
    const qint64 hours = whole / 3600;
    const qint64 minutes = whole / 60 % 60;
    whole %= 60;
    QString text;
    if (hours)
        text += QStringLiteral("%1h").arg(hours);
    if (hours || minutes)
        text += QStringLiteral("%1m").arg(minutes);
    return text + QStringLiteral("%1s").arg(whole);
}

PostmortemSummary summarize(const Postmortem &postmortem)
{
    PostmortemSummary s;
    QSet<QString> actors, lost;
    for (const TimelineEntry &e : postmortem.timeline) {
        if (e.isStep()) {
            ++s.steps;
            s.completed += e.succeeded;
            s.errored += e.event == QLatin1String("apply_errored");
            if (s.applyStart < 0 || (e.time >= 0 && e.time < s.applyStart))
                s.applyStart = e.time;
            s.applyEnd = std::max({s.applyEnd, e.end, e.time});
        } else if (e.outsideTerraform) {
            ++s.outside;
            if (s.outsideFirst < 0)
                s.outsideFirst = e.time;
            s.outsideLast = e.time;
            const QString who = QStringLiteral("%1 (%2)").arg(
                e.actor.isEmpty() ? QStringLiteral("unknown") : e.actor, e.tool);
            if (!actors.contains(who)) {
                actors.insert(who);
                s.outsideActors.append(who);
            }
        }
        // Backups and contents are lost from a resource that lives on.
        QString what = e.address.isEmpty() ? e.identity : e.address;
        if (what.isEmpty())
            continue;
        if (e.action == QLatin1String("retention"))
            what += QStringLiteral(" (its backups)");
        else if (e.action == QLatin1String("empty"))
            what += QStringLiteral(" (its contents)");
        if (e.dataLoss && !lost.contains(what)) {
            lost.insert(what);
            s.dataLost.append(what);
        }
    }
    // A resource's contents or backups are not named apart when the resource itself was lost.
    s.dataLost.removeIf([&](const QString &what) {
        const qsizetype cut = what.indexOf(QLatin1String(" (its "));
        return cut > 0 && lost.contains(what.left(cut));
    });
    return s;
}

Postmortem buildPostmortem(
    const Analysis &analysis, const RuleSet &rules, const ApplyLog *log, const CloudLog *cloud)
{
    Postmortem result;
    result.input = analysis.document().path;
    result.inputKind = analysis.document().kind == DocumentKind::Plan ? QStringLiteral("plan")
                                                                      : QStringLiteral("state");
    scopeOf(analysis, &result.accounts, &result.regions);
    // The catalogs the calls were read with: what they match and what they know.
    static const std::vector<CloudCatalog> none;
    const Result<std::vector<CloudCatalog>> &catalogs = shippedCloudCatalogs();
    Builder builder(analysis, rules, catalogs ? *catalogs : none, result);
    if (log)
        builder.steps(*log);
    if (cloud)
        builder.calls(*cloud);
    builder.settle(log != nullptr, cloud != nullptr);
    return result;
}

} // namespace bg::core
