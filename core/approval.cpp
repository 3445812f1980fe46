// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "approval.h"

#include "files.h"
#include "loader.h"
#include "masking.h"
#include "resourcelocator.h"

#include <QFileInfo>
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

// Reads an approval strictly: the first missing or mistyped field becomes the error, named
// by its path ("plan.sha256", "acknowledged[2].code").
struct StrictReader {
    QString error;
    QString prefix;

    QJsonValue take(
        const QJsonObject &o, const QString &key, QJsonValue::Type type, const char *what)
    {
        const QJsonValue v = o.value(key);
        if (error.isEmpty() && v.type() != type) {
            error = v.isUndefined()
                ? QStringLiteral("missing \"%1%2\"").arg(prefix, key)
                : QStringLiteral("\"%1%2\" must be %3").arg(prefix, key, QLatin1String(what));
        }
        return v;
    }
    QString string(const QJsonObject &o, const QString &key)
    {
        return take(o, key, QJsonValue::String, "a string").toString();
    }
    QJsonObject object(const QJsonObject &o, const QString &key)
    {
        return take(o, key, QJsonValue::Object, "an object").toObject();
    }
    QJsonArray array(const QJsonObject &o, const QString &key)
    {
        return take(o, key, QJsonValue::Array, "an array").toArray();
    }
    QStringList strings(const QJsonObject &o, const QString &key)
    {
        QStringList out;
        for (const QJsonValue item : array(o, key)) {
            if (!item.isString() && error.isEmpty())
                error = QStringLiteral("\"%1%2\" must hold only strings").arg(prefix, key);
            out.append(item.toString());
        }
        return out;
    }
};

std::optional<Approval> parseApproval(const QJsonObject &root, QString *why)
{
    StrictReader r;
    const QString schema = r.string(root, QStringLiteral("schema"));
    if (r.error.isEmpty() && schema != QLatin1String(Approval::Schema)) {
        r.error = QStringLiteral("unknown schema \"%1\" (this version reads %2)")
                      .arg(schema, QLatin1String(Approval::Schema));
    }
    Approval a;
    const QJsonObject plan = r.object(root, QStringLiteral("plan"));
    r.prefix = QStringLiteral("plan.");
    a.planPath = r.string(plan, QStringLiteral("path"));
    a.planSha256 = r.string(plan, QStringLiteral("sha256"));
    r.prefix.clear();
    a.deleted = r.strings(root, QStringLiteral("deleted"));
    a.replaced = r.strings(root, QStringLiteral("replaced"));
    const QJsonArray acknowledged = r.array(root, QStringLiteral("acknowledged"));
    for (qsizetype i = 0; i < acknowledged.size() && r.error.isEmpty(); ++i) {
        r.prefix = QStringLiteral("acknowledged[%1].").arg(i);
        if (!acknowledged[i].isObject()) {
            r.error = QStringLiteral("\"acknowledged[%1]\" must be an object").arg(i);
            break;
        }
        const QJsonObject o = acknowledged[i].toObject();
        a.acknowledged.push_back({r.string(o, QStringLiteral("code")),
            r.string(o, QStringLiteral("address")), r.string(o, QStringLiteral("message"))});
    }
    r.prefix.clear();
    a.phrase = r.string(root, QStringLiteral("phrase"));
    a.approver = r.string(root, QStringLiteral("approver"));
    const QString time = r.string(root, QStringLiteral("time"));
    const QJsonObject tool = r.object(root, QStringLiteral("tool"));
    r.prefix = QStringLiteral("tool.");
    r.string(tool, QStringLiteral("name"));
    a.toolVersion = r.string(tool, QStringLiteral("version"));

    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    a.time = QDateTime::fromString(time, Qt::ISODateWithMs);
    if (r.error.isEmpty() && !hex64.match(a.planSha256).hasMatch())
        r.error = QStringLiteral("\"plan.sha256\" must be 64 lower-case hex digits");
    if (r.error.isEmpty() && (!a.time.isValid() || a.time.timeSpec() == Qt::LocalTime))
        r.error = QStringLiteral(
            "\"time\" must be an ISO 8601 time with a zone, e.g. 2026-01-31T12:00:00Z");
    if (!r.error.isEmpty()) {
        *why = r.error;
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

bool writeApproval(
    const Approval &approval, const QString &path, QString *error, const QStringList &inputs)
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
    const Status written
        = files::writeFile(path, bytes, QStringList(inputs) << approval.planPath, 0644);
    if (!written) {
        if (error)
            *error = written.error().toString();
        return false;
    }
    return true;
}

std::optional<Approval> readApproval(
    const QString &path, LoadError *error, ApprovalProblem *problem)
{
    if (problem)
        *problem = ApprovalProblem::Malformed;
    auto fail
        = [&](const QString &message, int line = 0, int column = 0) -> std::optional<Approval> {
        if (error)
            *error = LoadError {path, line, column, message};
        return std::nullopt;
    };
    if (QFileInfo(path).isDir()) {
        if (problem)
            *problem = ApprovalProblem::Unreadable;
        return fail(QStringLiteral("cannot read the approval: it is a directory"));
    }
    const detail::JsonFile file
        = detail::readJsonFile(path, QStringLiteral("cannot read the approval"),
            QStringLiteral("not valid JSON"), files::approvalLimit());
    if (file.error) {
        if (problem && file.unreadable)
            *problem = ApprovalProblem::Unreadable;
        return fail(file.error->message, file.error->line, file.error->column);
    }
    const QJsonDocument &doc = file.document;
    if (!doc.isObject())
        return fail(QStringLiteral("an approval must be a JSON object"));
    QString why;
    std::optional<Approval> approval = parseApproval(doc.object(), &why);
    if (!approval) {
        const QJsonValue schema = doc.object().value(QStringLiteral("schema"));
        if (problem && schema.isString() && schema.toString() != QLatin1String(Approval::Schema))
            *problem = ApprovalProblem::UnknownSchema;
        return fail(QStringLiteral("not a valid approval: %1").arg(why));
    }
    if (problem)
        *problem = ApprovalProblem::None;
    return approval;
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
