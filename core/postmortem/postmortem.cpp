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

// The last segment of an ARN or a path: "arn:aws:rds:eu-west-1:1:db:edu-prod" -> "edu-prod".
QString tail(const QString &value)
{
    const qsizetype at
        = std::max(value.lastIndexOf(QLatin1Char('/')), value.lastIndexOf(QLatin1Char(':')));
    return at < 0 ? QString() : value.mid(at + 1);
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
            QJsonValue values = decodeSlot(document, resource.before);
            if (!values.isObject())
                values = decodeSlot(document, resource.after);
            for (const QString &attribute : *attributes) {
                const QJsonValue value = values.toObject().value(attribute);
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
        QJsonValue values = decodeSlot(document, resource.before);
        if (!values.isObject())
            values = decodeSlot(document, resource.after);
        const QJsonObject object = values.toObject();
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
        if (resource.provider.contains(QLatin1String("google"))) {
            const QString project = object.value(QStringLiteral("project")).toString();
            if (!project.isEmpty() && !accounts->contains(project))
                accounts->append(project);
        }
    }
    accounts->sort();
    regions->sort();
}

// AWS services whose calls CloudTrail records in us-east-1 whatever region the plan is in.
bool isGlobalService(const QString &service)
{
    static const QStringList global {QStringLiteral("iam.amazonaws.com"),
        QStringLiteral("sts.amazonaws.com"), QStringLiteral("route53.amazonaws.com"),
        QStringLiteral("cloudfront.amazonaws.com"), QStringLiteral("organizations.amazonaws.com")};
    return global.contains(service);
}

class Builder {
public:
    Builder(const Analysis &analysis, const RuleSet &rules, Postmortem &result)
        : m_analysis(analysis)
        , m_rules(rules)
        , m_result(result)
    {
    }

    void steps(const ApplyLog &log)
    {
        m_result.applyLog = log.path;
        m_result.tool = log.tool.isEmpty() ? QStringLiteral("terraform") : log.tool;
        m_result.version = recordText(log.version);
        m_result.operation = log.operation;
        m_result.summary = recordText(log.summary);
        m_result.errors.insert(m_result.errors.end(), log.problems.begin(), log.problems.end());
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

    void calls(const CloudLog &cloud, const std::vector<CloudCatalog> &catalogs)
    {
        m_result.cloudFiles = cloud.files;
        m_result.cloudRecords = cloud.records;
        m_result.cloudKnown = qint64(cloud.events.size());
        m_result.errors.insert(m_result.errors.end(), cloud.problems.begin(), cloud.problems.end());
        const ResourceIndex index(m_analysis, catalogs);
        // The Terraform steps of each node, to find the step a call was made for.
        QHash<int, std::vector<int>> stepsOf;
        const size_t stepCount = m_result.timeline.size();
        for (size_t i = 0; i < stepCount; ++i) {
            if (m_result.timeline[i].node >= 0)
                stepsOf[m_result.timeline[i].node].push_back(int(i));
        }
        for (const CloudEvent &event : cloud.events) {
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
            entry.outcome = event.error.isEmpty()
                ? QStringLiteral("succeeded")
                : QStringLiteral("failed: ") + recordText(event.error);
            entry.succeeded = event.error.isEmpty();
            entry.dataLoss = event.rule->dataLoss && entry.succeeded;
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
            // Where the model knows the resource, it decides whether the call loses data, as for
            // Terraform's steps: terminating a bastion host loses none, deleting a database does,
            // unless a final snapshot keeps it.
            if (entry.node >= 0) {
                entry.address = m_analysis.document().resources[size_t(entry.node)].id;
                entry.dataLoss = entry.dataLoss && losesData(entry.node);
            }
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
            // The Terraform step it was made for: of its resource, around that time, by Terraform.
            const bool byTerraform = event.tool == QLatin1String("terraform")
                || event.tool == QLatin1String("opentofu")
                || event.tool == QLatin1String("unknown");
            if (entry.node >= 0 && byTerraform) {
                for (int s : stepsOf.value(entry.node)) {
                    const TimelineEntry &step = m_result.timeline[size_t(s)];
                    const qint64 from = (step.time >= 0 ? step.time : step.end) - StepSlackMs;
                    const qint64 to
                        = (step.end >= 0 ? step.end : step.time + 3600 * 1000) + StepSlackMs;
                    if (event.time >= from && event.time <= to) {
                        entry.step = s;
                        break;
                    }
                }
            }
            entry.outsideTerraform = entry.step < 0;
            m_result.timeline.push_back(std::move(entry));
        }
    }

    void settle(bool haveLog, bool haveCloud)
    {
        std::vector<TimelineEntry> &timeline = m_result.timeline;
        // By time, steps before calls at the same moment; the step links follow the sort.
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
    // Deleting this node loses stored data: a data store whose data no copy keeps.
    bool losesData(int node) const
    {
        return m_rules.isDataCategory(m_analysis.categories[size_t(node)])
            && m_analysis.outcomes[size_t(node)].outcome != Outcome::DataKept;
    }

    bool outOfScope(const CloudEvent &event) const
    {
        if (!m_result.accounts.isEmpty() && !event.account.isEmpty()
            && !m_result.accounts.contains(event.account, Qt::CaseInsensitive))
            return true;
        return event.format == RecordFormat::CloudTrail && !m_result.regions.isEmpty()
            && !event.region.isEmpty() && !m_result.regions.contains(event.region)
            && !isGlobalService(event.service);
    }

    void disagree(const QString &kind, const QString &address, const QString &message)
    {
        m_result.disagreements.push_back(Disagreement {kind, address, message});
    }

    void disagreements(bool haveLog, bool haveCloud)
    {
        const std::vector<TimelineEntry> &timeline = m_result.timeline;
        const Document &document = m_analysis.document();
        const DependencyGraph &graph = m_analysis.graph();
        // The log's delete of each node, and whether any step errored.
        QHash<int, int> deleteStep;
        bool anyErrored = false;
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
            if (isDelete(e.action) && !deleteStep.contains(e.node))
                deleteStep.insert(e.node, int(i));
        }
        if (haveLog) {
            int missing = 0;
            for (int node = 0; node < int(document.resources.size()); ++node) {
                const Resource &r = document.resources[size_t(node)];
                if (r.isData() || (r.action != Action::Delete && r.action != Action::Replace)
                    || deleteStep.contains(node))
                    continue;
                if (++missing <= 50) {
                    disagree(QStringLiteral("never-started"), r.id,
                        QStringLiteral("The plan deletes %1; the log never starts its delete%2.")
                            .arg(r.id,
                                anyErrored ? QStringLiteral(" (the apply stopped on errors)")
                                           : QString()));
                }
            }
            if (missing > 50) {
                disagree(QStringLiteral("never-started"), QString(),
                    QStringLiteral("And %1 more deletes the plan lists that the log never starts.")
                        .arg(missing - 50));
            }
        }
        for (auto it = deleteStep.constBegin(); it != deleteStep.constEnd(); ++it) {
            const TimelineEntry &step = timeline[size_t(it.value())];
            // Terraform deletes a resource only after everything that depends on it is gone.
            for (int dependent : graph.dependents(it.key())) {
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
            const NodeOutcome &expected = m_analysis.outcomes[size_t(it.key())];
            if (expected.outcome == Outcome::Refused
                && step.event == QLatin1String("apply_complete")) {
                disagree(QStringLiteral("model-refused"), step.address,
                    QStringLiteral("The model expected the cloud to refuse to delete %1 (%2); "
                                   "the log says it was deleted.")
                        .arg(step.address,
                            expected.brief.isEmpty() ? expected.refusedBecause : expected.brief));
            }
        }
        if (!haveCloud)
            return;
        // Each completed delete the cloud's record should show, when the record covers its time.
        QSet<int> called;
        for (const TimelineEntry &e : timeline) {
            if (e.source == RecordSource::Cloud && e.step >= 0)
                called.insert(e.step);
            if (e.source == RecordSource::Cloud && e.node >= 0 && e.step < 0
                && (e.tool == QLatin1String("terraform") || e.tool == QLatin1String("opentofu"))
                && haveLog) {
                disagree(QStringLiteral("terraform-outside-log"), e.address,
                    QStringLiteral("The cloud's record shows %1 calling %2 on %3 at %4; this apply "
                                   "log has no step for it then.")
                        .arg(e.tool, e.event, e.address, timestampText(e.time)));
            }
        }
        QSet<QString> typesKnown;
        const Result<std::vector<CloudCatalog>> &catalogs = shippedCloudCatalogs();
        if (catalogs) {
            for (const CloudCatalog &c : *catalogs) {
                for (const CloudEventRule &rule : c.events) {
                    if (rule.effect == CloudEffect::Delete)
                        typesKnown.insert(rule.type);
                }
            }
        }
        for (auto it = deleteStep.constBegin(); it != deleteStep.constEnd(); ++it) {
            const TimelineEntry &step = timeline[size_t(it.value())];
            if (step.event != QLatin1String("apply_complete") || called.contains(it.value())
                || !typesKnown.contains(document.resources[size_t(it.key())].address.type)
                || step.time < cloudFrom || step.time > cloudTo)
                continue;
            // Often because someone deleted it first: Terraform's delete then finds nothing
            // (providers take "not found" on delete as done).
            const auto earlier
                = std::find_if(timeline.begin(), timeline.end(), [&](const TimelineEntry &e) {
                      return e.source == RecordSource::Cloud && e.outsideTerraform
                          && e.node == it.key() && e.time <= step.time
                          && e.outcome == QLatin1String("succeeded")
                          && e.action == QLatin1String("delete");
                  });
            if (earlier != timeline.end()) {
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
    }

    const Analysis &m_analysis;
    const RuleSet &m_rules;
    Postmortem &m_result;
};

} // namespace

QString recordText(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph)
            c = QChar(0xFFFD);
    }
    return shownValue(out);
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
            if (!s.outsideActors.contains(who))
                s.outsideActors.append(who);
        }
        const QString what = e.address.isEmpty() ? e.identity : e.address;
        if (e.dataLoss && !what.isEmpty() && !s.dataLost.contains(what))
            s.dataLost.append(what);
    }
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
    Builder builder(analysis, rules, result);
    if (log)
        builder.steps(*log);
    if (cloud) {
        const Result<std::vector<CloudCatalog>> &catalogs = shippedCloudCatalogs();
        builder.calls(*cloud, catalogs ? *catalogs : std::vector<CloudCatalog>());
    }
    builder.settle(log != nullptr, cloud != nullptr);
    return result;
}

} // namespace bg::core
