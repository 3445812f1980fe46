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
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
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
        // A name a reviewer can read and type: a long value is no name.
        if (!value.isEmpty() && value != QLatin1String(SensitiveText)
            && value.size() <= MaxShownChars)
            return value;
    }
    return r.id;
}

// From the operating system's secure source (QRandomGenerator::system()).
QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    for (char &b : bytes)
        b = char(QRandomGenerator::system()->bounded(256));
    return bytes;
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
        a.savedPlanSha256
            = plan->string(QStringLiteral("saved_plan_sha256"), Need::Optional, Empty::Allowed)
                  .value_or(QString());
    }
    for (auto [key, target] :
        {std::pair {"deleted", &a.deleted}, std::pair {"replaced", &a.replaced}}) {
        *target = root->strings(QLatin1String(key), Need::Required, Empty::Allowed, Empty::Allowed)
                      .value_or(QStringList());
    }
    for (auto [key, target] : {std::pair {"acknowledged", &a.acknowledged},
             std::pair {"acknowledged_warnings", &a.acknowledgedWarnings}}) {
        const QString name = QLatin1String(key);
        const auto list = root->list(name, Need::Required);
        for (qsizetype i = 0; list && i < list->size() && file.ok(); ++i) {
            if (auto o = file.object(list->at(i), {name, i})) {
                target->push_back(
                    {text(*o, "code"), target == &a.acknowledged ? text(*o, "address") : QString(),
                        text(*o, "message")});
            }
        }
    }
    if (auto inForce = root->object(QStringLiteral("in_force"), Need::Required)) {
        a.rulesFingerprint = text(*inForce, "rules");
        a.policyFingerprint = text(*inForce, "policy");
    }
    a.phrase = text(*root, "phrase");
    a.approver = text(*root, "approver");
    const QString time = text(*root, "time");
    const QString expires = text(*root, "expires");
    a.nonce = text(*root, "nonce");
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
    for (auto [key, target] : {std::pair {"time", &a.time}, std::pair {"expires", &a.expires}}) {
        *target = QDateTime::fromString(target == &a.time ? time : expires, Qt::ISODateWithMs);
        if (!target->isValid() || target->timeSpec() == Qt::LocalTime) {
            file.mustBe({QLatin1String(key)},
                QStringLiteral("an ISO 8601 time with a zone, e.g. 2026-01-31T12:00:00Z"));
            return std::nullopt;
        }
        *target = target->toUTC();
    }
    static const QRegularExpression hex32(QStringLiteral("^[0-9a-f]{32}$"));
    if (!hex32.match(a.nonce).hasMatch()) {
        file.mustBe({QStringLiteral("nonce")}, QStringLiteral("32 lower-case hex digits"));
        return std::nullopt;
    }
    for (auto [key, value] :
        {std::pair {"rules", &a.rulesFingerprint}, std::pair {"policy", &a.policyFingerprint}}) {
        if (!hex64.match(*value).hasMatch()) {
            file.mustBe({QStringLiteral("in_force"), QLatin1String(key)},
                QStringLiteral("64 lower-case hex digits"));
            return std::nullopt;
        }
    }
    return a;
}

} // namespace

const QStringList &gateWarningCodes()
{
    static const QStringList codes {MissingStateCode, StaleStateCode, ForeignStateCode,
        DeleteEverythingCode, IncompletePlanCode, ProvisionersCode};
    return codes;
}

std::vector<Warning> gateWarnings(const Analysis &analysis)
{
    std::vector<Warning> warnings;
    for (const Warning &w : analysis.warnings) {
        if (gateWarningCodes().contains(w.code))
            warnings.push_back(w);
    }
    return warnings;
}

bool needsApproval(const Analysis &analysis)
{
    return analysis.criticalCount() > 0 || !gateWarnings(analysis).empty();
}

Approval approvalFor(const Analysis &analysis, const QString &approver, const QString &phrase,
    const InForce &inForce, const Policy &policy)
{
    Approval a;
    a.planPath = analysis.document().path;
    a.planSha256 = fileSha256(analysis.document());
    a.savedPlanSha256 = analysis.document().savedPlanSha256;
    a.deleted = sortedIds(analysis, Action::Delete);
    a.replaced = sortedIds(analysis, Action::Replace);
    for (const Finding &f : analysis.findings) {
        if (f.severity == Severity::Critical)
            a.acknowledged.push_back({f.code, f.address, f.message.text()});
    }
    for (const Warning &w : gateWarnings(analysis))
        a.acknowledgedWarnings.push_back({w.code, QString(), w.message});
    a.rulesFingerprint = inForce.rules;
    a.policyFingerprint = inForce.policy;
    a.phrase = phrase;
    a.approver = approver;
    // Whole milliseconds: the record's text round-trips to the same time.
    a.time = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    const double hours = policy.maxApprovalAgeHours > 0 ? policy.maxApprovalAgeHours : 24.0;
    a.expires = a.time.addMSecs(qint64(hours * 3600.0 * 1000.0));
    a.nonce = QString::fromLatin1(randomBytes(16).toHex());
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
    // Typed by hand: no quotes, one case, no character that cannot be seen or typed (a for_each
    // key may hold a zero-width space or a bidirectional override: see actsUnseen), and single
    // spaces inside, none at the ends (what is typed is compared trimmed).
    QString typed;
    for (const char32_t c : phrase.toUcs4()) {
        if (c != U'"' && c != U'\'' && !actsUnseen(c))
            typed.append(QString::fromUcs4(&c, 1));
    }
    return typed.simplified().toLower();
}

void dateNow(Approval &approval)
{
    const QDateTime now
        = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    approval.expires = now.addMSecs(approval.time.msecsTo(approval.expires));
    approval.time = now;
}

QByteArray approvalBytes(const Approval &approval)
{
    const auto acknowledgements
        = [](const std::vector<Approval::Acknowledgement> &list, bool withAddress) {
              QJsonArray array;
              for (const Approval::Acknowledgement &ack : list) {
                  QJsonObject o {
                      {QStringLiteral("code"), ack.code}, {QStringLiteral("message"), ack.message}};
                  if (withAddress)
                      o.insert(QStringLiteral("address"), ack.address);
                  array.append(o);
              }
              return array;
          };
    QJsonObject planObject {{QStringLiteral("path"), approval.planPath},
        {QStringLiteral("sha256"), approval.planSha256}};
    if (!approval.savedPlanSha256.isEmpty())
        planObject.insert(QStringLiteral("saved_plan_sha256"), approval.savedPlanSha256);
    const QJsonObject root {
        {QStringLiteral("schema"), QLatin1String(Approval::Schema)},
        {QStringLiteral("plan"), planObject},
        {QStringLiteral("deleted"), QJsonArray::fromStringList(approval.deleted)},
        {QStringLiteral("replaced"), QJsonArray::fromStringList(approval.replaced)},
        {QStringLiteral("acknowledged"), acknowledgements(approval.acknowledged, true)},
        {QStringLiteral("acknowledged_warnings"),
            acknowledgements(approval.acknowledgedWarnings, false)},
        {QStringLiteral("in_force"),
            QJsonObject {{QStringLiteral("rules"), approval.rulesFingerprint},
                {QStringLiteral("policy"), approval.policyFingerprint}}},
        {QStringLiteral("phrase"), approval.phrase},
        {QStringLiteral("approver"), approval.approver},
        {QStringLiteral("time"), approval.time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("expires"), approval.expires.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("nonce"), approval.nonce},
        {QStringLiteral("tool"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("blastguard")},
                {QStringLiteral("version"), approval.toolVersion}}},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Status writeApproval(const Approval &approval, const QString &path, const QStringList &inputs)
{
    // The plan is an input too: Blastguard never writes over it.
    return files::writeFile(
        path, approvalBytes(approval), QStringList(inputs) << approval.planPath, 0644);
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
    if (approval)
        approval->bytes = file->bytes();
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
    if (!doc.isLoaded())
        reasons.append(QStringLiteral("the plan did not load"));
    if (isErrored(analysis))
        reasons.append(
            QStringLiteral("the plan has errors (errored): Terraform could not finish it"));
    return reasons;
}

QStringList approvalMismatches(const Approval &approval, const Analysis &analysis,
    const Policy &policy, const InForce &inForce, const QDateTime &now)
{
    QStringList reasons = planBlockers(analysis);
    const Document &doc = analysis.document();

    const QString sha = fileSha256(doc);
    if (approval.planSha256 != sha) {
        reasons.append(QStringLiteral("the plan's SHA-256 differs (approved %1, this plan %2)")
                           .arg(abbreviated(approval.planSha256), abbreviated(sha)));
    }
    // Approved from a saved plan: only that saved plan (or the JSON apply showed from it).
    if (!approval.savedPlanSha256.isEmpty() && approval.savedPlanSha256 != doc.savedPlanSha256) {
        reasons.append(doc.savedPlanSha256.isEmpty()
                ? QStringLiteral("the approval binds the saved plan %1, and this is JSON alone: "
                                 "gate the saved plan itself")
                      .arg(abbreviated(approval.savedPlanSha256))
                : QStringLiteral("the saved plan's SHA-256 differs (approved %1, this saved plan "
                                 "%2)")
                      .arg(
                          abbreviated(approval.savedPlanSha256), abbreviated(doc.savedPlanSha256)));
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
    for (const Warning &w : gateWarnings(analysis)) {
        const bool acknowledged = std::any_of(approval.acknowledgedWarnings.begin(),
            approval.acknowledgedWarnings.end(),
            [&](const Approval::Acknowledgement &ack) { return ack.code == w.code; });
        if (!acknowledged)
            reasons.append(
                QStringLiteral("warning %1 was not acknowledged: %2").arg(w.code, w.message));
    }
    if (approval.rulesFingerprint != inForce.rules)
        reasons.append(
            QStringLiteral("the rules in force differ from the ones approved under "
                           "(approved %1, in force %2)")
                .arg(abbreviated(approval.rulesFingerprint), abbreviated(inForce.rules)));
    if (approval.policyFingerprint != inForce.policy)
        reasons.append(
            QStringLiteral("the policy in force differs from the one approved under "
                           "(approved %1, in force %2)")
                .arg(abbreviated(approval.policyFingerprint), abbreviated(inForce.policy)));
    reasons += approvalAgeMismatches(approval.time, policy, now);
    if (approval.expires.isValid() && now >= approval.expires)
        reasons.append(QStringLiteral("the approval expired at %1")
                           .arg(approval.expires.toString(Qt::ISODate)));
    else if (!approval.expires.isValid() || approval.expires <= approval.time)
        reasons.append(QStringLiteral("the approval has no valid expiry"));
    return reasons;
}

} // namespace bg::core
