// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/gate/approval.h"

#include "core/files.h"
#include "core/loading/loader.h"
#include "core/loading/strictjson.h"
#include "core/resourcelocator.h"
#include "core/risk/masking.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace bg::core {

namespace {

// The attributes that name a data store, most telling first.
const QStringList NameAttributes = {QStringLiteral("identifier"), QStringLiteral("bucket"),
    QStringLiteral("name"), QStringLiteral("cluster_identifier"), QStringLiteral("table_name")};

QStringList sortedIds(const Analysis &a, Action action)
{
    QStringList ids;
    for (size_t i = 0; i < a.impact.actions.size(); ++i) {
        if (a.impact.actions[i] == action)
            ids.append(a.document().resources[i].id);
    }
    ids.sort();
    return ids;
}

// The node the phrase names: the first critical database, else the first critical snapshot,
// else the first critical node, else the first destroyed one. -1 when nothing is destroyed.
int mostImportantDestroyed(const Analysis &a)
{
    const std::vector<bool> critical = a.criticalNodes();
    int best = -1;
    int bestRank = 4;
    for (int i = 0; i < int(a.impact.actions.size()); ++i) {
        if (!a.impact.destroys(i))
            continue;
        const QString &category = a.categories[i];
        const int rank = !critical[i]               ? 3
            : category == QLatin1String("database") ? 0
            : category == QLatin1String("snapshot") ? 1
                                                    : 2;
        if (rank < bestRank) {
            best = i;
            bestRank = rank;
        }
    }
    return best;
}

QString nodeName(const Analysis &a, int node, const RuleSet &rules)
{
    const Resource &r = a.document().resources[node];
    const QJsonValue masked = maskedValues(a.document(), r, Side::Before, rules);
    for (const QString &attribute : NameAttributes) {
        const QString value = masked.toObject().value(attribute).toString().simplified();
        if (!value.isEmpty() && value != QLatin1String(SensitiveText))
            return value;
    }
    return r.id;
}

QString abbreviated(const QString &sha)
{
    return sha.isEmpty() ? QStringLiteral("(none)") : sha.left(12) + QStringLiteral("…");
}

bool isErrored(const Analysis &a)
{
    return a.document().errored
        || std::any_of(a.warnings.begin(), a.warnings.end(),
            [](const Warning &w) { return w.code == ErroredPlanCode; });
}

// One reason per address that joined or left a destroy set since it was approved.
void compareSets(
    const QStringList &approved, const QStringList &now, const char *verb, QStringList *reasons)
{
    const QSet<QString> before(approved.begin(), approved.end()), after(now.begin(), now.end());
    for (const QString &id : now) {
        if (!before.contains(id))
            reasons->append(QStringLiteral("the destroy set changed: now also %1 %2")
                                .arg(QLatin1String(verb), id));
    }
    for (const QString &id : approved) {
        if (!after.contains(id))
            reasons->append(QStringLiteral("the destroy set changed: no longer %1 %2")
                                .arg(QLatin1String(verb), id));
    }
}

// Policy beyond "this very plan": the approval's age. Who may approve would plug in here too.
QStringList policyMismatches(const Approval &approval, const Policy &policy, const QDateTime &now)
{
    return approvalAgeMismatches(approval.time, policy, now);
}

// Reads an approval strictly: every member there, of its type (no member is checked for being
// unknown: a record is only ever written by writeApproval). The first problem wins.
std::optional<Approval> parseApproval(StrictJson &file)
{
    auto root = file.root();
    if (!root || !file.schema(*root, QLatin1String(Approval::Schema)))
        return std::nullopt;
    Approval a;
    const auto text = [](StrictObject &o, const char *key) {
        return o.string(QLatin1String(key), Need::Required, Empty::Allowed).value_or(QString());
    };
    if (auto plan = root->object(QStringLiteral("plan"), Need::Required)) {
        a.planPath = text(*plan, "path");
        a.planSha256 = text(*plan, "sha256");
    }
    for (auto [key, target] :
        {std::pair {"deleted", &a.deleted}, std::pair {"replaced", &a.replaced}}) {
        *target = root->strings(QLatin1String(key), Need::Required, Empty::Allowed, Empty::Allowed)
                      .value_or(QStringList());
    }
    const auto acknowledged = root->list(QStringLiteral("acknowledged"), Need::Required);
    for (qsizetype i = 0; acknowledged && i < acknowledged->size() && file.ok(); ++i) {
        if (auto o = file.object(acknowledged->at(i), {QStringLiteral("acknowledged"), i}))
            a.acknowledged.push_back({text(*o, "code"), text(*o, "address"), text(*o, "message")});
    }
    a.phrase = text(*root, "phrase");
    a.approver = text(*root, "approver");
    const QString time = text(*root, "time");
    if (auto tool = root->object(QStringLiteral("tool"), Need::Required)) {
        text(*tool, "name");
        a.toolVersion = text(*tool, "version");
    }
    if (!file.ok())
        return std::nullopt;

    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hex64.match(a.planSha256).hasMatch()) {
        file.mustBe({QStringLiteral("plan"), QStringLiteral("sha256")},
            QStringLiteral("64 lower-case hex digits"));
        return std::nullopt;
    }
    a.time = QDateTime::fromString(time, Qt::ISODateWithMs);
    if (!a.time.isValid() || a.time.timeSpec() == Qt::LocalTime) {
        file.mustBe({QStringLiteral("time")},
            QStringLiteral("an ISO 8601 time with a zone, e.g. 2026-01-31T12:00:00Z"));
        return std::nullopt;
    }
    a.time = a.time.toUTC();
    return a;
}

} // namespace

Approval approvalFor(const Analysis &analysis, const QString &approver, const QString &phrase)
{
    Approval a;
    a.planPath = analysis.document().path;
    a.planSha256 = fileSha256(analysis.document());
    a.deleted = sortedIds(analysis, Action::Delete);
    a.replaced = sortedIds(analysis, Action::Replace);
    for (const Finding &f : analysis.findings) {
        if (f.severity == Severity::Critical)
            a.acknowledged.push_back({f.code, f.address, f.message});
    }
    a.phrase = phrase;
    a.approver = approver;
    a.time = QDateTime::currentDateTimeUtc();
    a.toolVersion = toolVersion();
    return a;
}

QString confirmationPhrase(const Analysis &analysis, const RuleSet &rules)
{
    const int node = mostImportantDestroyed(analysis);
    QString phrase;
    if (node < 0) {
        int changes = 0;
        for (Action action : analysis.impact.actions)
            changes += action != Action::NoOp && action != Action::Read;
        phrase = changes == 1 ? QStringLiteral("apply 1 change")
                              : QStringLiteral("apply %1 changes").arg(changes);
    } else {
        int destroyed = 0;
        for (size_t i = 0; i < analysis.impact.actions.size(); ++i)
            destroyed += analysis.impact.destroys(int(i));
        phrase = QStringLiteral("destroy %1 incl. %2")
                     .arg(destroyed)
                     .arg(nodeName(analysis, node, rules));
    }
    // Typed by hand: no quotes, one case.
    return phrase.remove(QLatin1Char('"')).remove(QLatin1Char('\'')).toLower();
}

Status writeApproval(const Approval &approval, const QString &path, const QStringList &inputs)
{
    QJsonArray acknowledged;
    for (const Approval::Acknowledgement &ack : approval.acknowledged) {
        acknowledged.append(QJsonObject {{QStringLiteral("code"), ack.code},
            {QStringLiteral("address"), ack.address}, {QStringLiteral("message"), ack.message}});
    }
    const QJsonObject root {
        {QStringLiteral("schema"), QLatin1String(Approval::Schema)},
        {QStringLiteral("plan"),
            QJsonObject {{QStringLiteral("path"), approval.planPath},
                {QStringLiteral("sha256"), approval.planSha256}}},
        {QStringLiteral("deleted"), QJsonArray::fromStringList(approval.deleted)},
        {QStringLiteral("replaced"), QJsonArray::fromStringList(approval.replaced)},
        {QStringLiteral("acknowledged"), acknowledged},
        {QStringLiteral("phrase"), approval.phrase},
        {QStringLiteral("approver"), approval.approver},
        {QStringLiteral("time"), approval.time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("tool"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("blastguard")},
                {QStringLiteral("version"), approval.toolVersion}}},
    };
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    // The plan is an input too: Blastguard never writes over it.
    return files::writeFile(path, bytes, QStringList(inputs) << approval.planPath, 0644);
}

Result<Approval, ApprovalError> readApproval(const QString &path)
{
    Result<QByteArray> bytes = StrictJson::readBytes(path, files::approvalLimit());
    if (!bytes)
        return ApprovalError {bytes.error(), ApprovalProblem::Unreadable};
    Result<StrictJson> file
        = StrictJson::parse(std::move(bytes).value(), path, files::approvalLimit().what);
    if (!file)
        return ApprovalError {file.error(), ApprovalProblem::Malformed};
    std::optional<Approval> approval = parseApproval(*file);
    if (!approval) {
        const QJsonValue schema = file->document().object().value(QStringLiteral("schema"));
        const bool otherVersion
            = schema.isString() && schema.toString() != QLatin1String(Approval::Schema);
        return ApprovalError {file->error(),
            otherVersion ? ApprovalProblem::UnknownSchema : ApprovalProblem::Malformed};
    }
    return std::move(*approval);
}

QStringList planBlockers(const Analysis &analysis)
{
    QStringList reasons;
    const Document &doc = analysis.document();
    if (analysis.mode != AnalysisMode::Plan || doc.kind != DocumentKind::Plan)
        reasons.append(QStringLiteral("this is not a plan: only a plan can be approved"));
    if (doc.bytes.isEmpty())
        reasons.append(QStringLiteral("the plan did not load"));
    if (isErrored(analysis))
        reasons.append(
            QStringLiteral("the plan has errors (errored): Terraform could not finish it"));
    return reasons;
}

QStringList approvalMismatches(const Approval &approval, const Analysis &analysis)
{
    // Policy() sets no age limit; a record dated in the future still fails.
    return approvalMismatches(approval, analysis, Policy(), QDateTime::currentDateTimeUtc());
}

QStringList approvalMismatches(
    const Approval &approval, const Analysis &analysis, const Policy &policy, const QDateTime &now)
{
    QStringList reasons = planBlockers(analysis);
    const Document &doc = analysis.document();

    const QString sha = fileSha256(doc);
    if (approval.planSha256 != sha) {
        reasons.append(QStringLiteral("the plan's SHA-256 differs (approved %1, this plan %2)")
                           .arg(abbreviated(approval.planSha256), abbreviated(sha)));
    }
    compareSets(approval.deleted, sortedIds(analysis, Action::Delete), "deletes", &reasons);
    compareSets(approval.replaced, sortedIds(analysis, Action::Replace), "replaces", &reasons);

    // A finding is the same when its code and address are; the message may be worded anew.
    for (const Finding &f : analysis.findings) {
        if (f.severity != Severity::Critical)
            continue;
        const bool acknowledged = std::any_of(approval.acknowledged.begin(),
            approval.acknowledged.end(), [&](const Approval::Acknowledgement &ack) {
                return ack.code == f.code && ack.address == f.address;
            });
        if (!acknowledged)
            reasons.append(QStringLiteral("critical finding %1 on %2 was not acknowledged")
                               .arg(f.code, f.address));
    }
    reasons += policyMismatches(approval, policy, now);
    return reasons;
}

} // namespace bg::core
