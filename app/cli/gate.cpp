// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The gate between a plan and `terraform apply`, and approval at a terminal.
//
// Decisions, and why:
// - gate exits 0 only when the plan has no critical finding under the policy (and is not
//   errored), or when the approval covers this very plan; otherwise 3 with every reason.
// - A missing, unreadable, malformed or unknown-version approval is a reason to block (3), not
//   an input error (2): in CI "no approval yet" is the normal state of a risky plan, and 2 is
//   kept for a plan (or policy, or rules) that cannot be read at all.
// - A plan without critical findings passes whatever --approval says; a bad approval file is
//   then only noted.
// - approve needs a person: stdin and stdout must both be a terminal, so that a script or an
//   agent cannot approve its own plan by piping "yes". Declining, or a wrong phrase, writes
//   nothing and exits 3 (not approved).
#include "cli.h"
#include "core/files.h"
#include "core/gate/approval.h"
#include "core/gate/inforce.h"
#include "core/loading/loader.h"
#include "core/report/report.h"

#include <QFileInfo>
#include <QTextStream>
#include <pwd.h>
#include <unistd.h>

namespace bg::cli {

using namespace core;

namespace {

// Only a plan can be gated or approved: a state has nothing to apply.
std::optional<Analysis> loadPlan(Context &ctx, const QString &path, const char *command)
{
    auto doc = load(ctx, path);
    if (!doc)
        return std::nullopt;
    if (doc->kind != DocumentKind::Plan) {
        fail(QStringLiteral("%1: %2 takes a plan (terraform show -json PLANFILE); this is a %3")
                 .arg(path, QLatin1String(command), documentKindName(doc->kind)),
            InputError);
        return std::nullopt;
    }
    // Fail closed: a change whose actions cannot be read may be a delete.
    QStringList unreadable;
    for (const Resource &r : doc->resources) {
        if (r.actionUnreadable)
            unreadable.append(r.id);
    }
    if (!unreadable.isEmpty()) {
        fail(QStringLiteral("%1: %2 resource change(s) with actions Blastguard cannot read (%3): "
                            "it cannot tell what they destroy, so %4 refuses this plan")
                 .arg(path, QString::number(unreadable.size()),
                     unreadable.mid(0, 5).join(QStringLiteral(", ")), QLatin1String(command)),
            InputError);
        return std::nullopt;
    }
    return analysed(ctx, std::move(*doc));
}

QString header(const Analysis &a, const char *what)
{
    return QStringLiteral("Blastguard %1 — %2 (%3)\nSHA-256 %4\n")
        .arg(QLatin1String(what), a.document().path, detail::describeInput(a.document()),
            fileSha256(a.document()));
}

QString approverName()
{
    for (const char *name : {"USER", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
    const passwd *user = getpwuid(getuid());
    return user && user->pw_name ? QString::fromLocal8Bit(user->pw_name)
                                 : QStringLiteral("unknown");
}

// Text from an approval file, for a log line: no control characters (no escape sequences, no
// line breaks that could fake a verdict line).
QString printable(QString text)
{
    text.removeIf([](QChar c) { return c.category() == QChar::Other_Control; });
    return text.left(200);
}

bool isYes(const QString &answer)
{
    const QString a = answer.trimmed().toLower();
    return a == QLatin1String("y") || a == QLatin1String("yes");
}

} // namespace

QString shortSummary(const Analysis &a, const RuleSet &rules, int maxFindings)
{
    QString s;
    const int critical = a.criticalCount();
    s += (critical > 0 ? QStringLiteral("DATA LOSS: ") : QString()) + a.headline(rules)
        + QLatin1Char('\n');
    s += QStringLiteral("Changes: %1\n").arg(a.impact.countsLine());
    for (const Warning &w : a.warnings)
        s += QStringLiteral("Warning (%1): %2\n").arg(w.code, w.message);
    if (critical == 0) {
        s += QStringLiteral("No critical finding.\n");
        return s;
    }
    if (maxFindings <= 0)
        return s
            + QStringLiteral("Critical findings: %1, each needs a reviewer's acknowledgement.\n")
                  .arg(critical);
    s += QStringLiteral("Critical findings (%1), each needs a reviewer's acknowledgement:\n")
             .arg(critical);
    int shown = 0;
    for (const Finding &f : a.findings) {
        if (f.severity != Severity::Critical)
            continue;
        if (shown == maxFindings) {
            s += QStringLiteral("  … and %1 more (blastguard-cli report lists them all)\n")
                     .arg(critical - shown);
            break;
        }
        s += QStringLiteral("  %1. %2 — %3\n").arg(++shown).arg(f.address, f.message);
    }
    return s;
}

int gate(Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(
            QStringLiteral("gate takes one plan file: gate PLAN [--approval FILE] [--policy FILE]"),
            UsageError);
    const std::optional<Analysis> analysis = loadPlan(ctx, args[0], "gate");
    if (!analysis)
        return InputError;
    const Analysis &a = *analysis;
    QTextStream out(stdout);
    out << header(a, "gate") << shortSummary(a, ctx.rules, 20)
        << inForceLines(ctx.rules, ctx.policy);

    const int critical = a.criticalCount();
    const QString approvalPath = ctx.option("approval");
    QStringList reasons = planBlockers(a);
    QString verdict;
    if (critical == 0) {
        verdict = QStringLiteral("no critical finding under the policy: no approval is needed");
        if (ctx.isSet("approval"))
            out << "Note: the approval " << approvalPath
                << " was not needed and was not checked.\n";
    } else if (!ctx.isSet("approval")) {
        reasons.append(QStringLiteral(
            "no approval was given (--approval FILE): %1 critical finding%2 need%3 a "
            "reviewer's acknowledgement")
                           .arg(critical)
                           .arg(critical == 1 ? QString() : QStringLiteral("s"))
                           .arg(critical == 1 ? QStringLiteral("s") : QString()));
    } else {
        ctx.inputs.append(approvalPath);
        const Result<Approval, ApprovalError> approval = readApproval(approvalPath);
        if (!approval) {
            const ApprovalProblem problem = approval.error().problem;
            const QString kind = problem == ApprovalProblem::Unreadable
                ? QStringLiteral("is missing or unreadable")
                : problem == ApprovalProblem::UnknownSchema
                ? QStringLiteral("has an unknown schema version")
                : QStringLiteral("is malformed");
            reasons.append(
                QStringLiteral("the approval %1: %2").arg(kind, approval.error().toString()));
        } else {
            reasons = approvalMismatches(*approval, a, ctx.policy, QDateTime::currentDateTimeUtc());
            verdict = QStringLiteral(
                "approved by %1 at %2 (\"%3\"); %4 critical finding%5 acknowledged")
                          .arg(printable(approval->approver), approval->time.toString(Qt::ISODate),
                              printable(approval->phrase), QString::number(critical),
                              critical == 1 ? QString() : QStringLiteral("s"));
        }
    }
    if (!reasons.isEmpty()) {
        out << "\ngate: BLOCKED (exit 3): " << reasons.size()
            << (reasons.size() == 1 ? " reason" : " reasons") << "\n";
        for (const QString &reason : std::as_const(reasons))
            out << "  - " << reason << "\n";
        out.flush();
        return GateBlocked;
    }
    out << "\ngate: PASSED: " << verdict << ".\n";
    return Ok;
}

int approve(Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(
            QStringLiteral("approve takes one plan file: approve PLAN -o FILE"), UsageError);
    if (!ctx.isSet("output") || ctx.option("output") == QLatin1String("-"))
        return fail(QStringLiteral("approve needs -o FILE: where to write the approval record"),
            UsageError);
    if (!(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
        return fail(
            QStringLiteral(
                "approve needs a person at a terminal: standard input and standard output "
                "must both be a terminal. A script or an agent cannot approve its own plan "
                "by piping \"yes\". Run it in a terminal yourself, or approve in the desktop "
                "app (blastguard)."),
            UsageError);
    const QString output = ctx.option("output");
    const std::optional<Analysis> analysis = loadPlan(ctx, args[0], "approve");
    if (!analysis)
        return InputError;
    // Before anyone is asked anything: a record that could not be written wastes their care.
    if (const Status writable = files::checkWritable(output, ctx.inputs); !writable)
        return fail(writable.error().toString(), UsageError);
    const Analysis &a = *analysis;
    QTextStream out(stdout);
    QTextStream in(stdin);
    out << header(a, "approve") << shortSummary(a, ctx.rules, 0)
        << inForceLines(ctx.rules, ctx.policy);

    const QString phrase = confirmationPhrase(a, ctx.rules);
    Approval approval = approvalFor(a, approverName(), phrase);
    // The same rules as the desktop app's guarded confirm: an errored plan is never approved.
    const QStringList blockers = approvalMismatches(approval, a, ctx.policy, approval.time);
    if (!blockers.isEmpty()) {
        out << "\nThis plan cannot be approved:\n";
        for (const QString &b : blockers)
            out << "  - " << b << "\n";
        out << "Nothing was written.\n";
        return GateBlocked;
    }

    const int critical = a.criticalCount();
    if (critical > 0)
        out << "\nAcknowledge each critical finding (y/N). Any other answer stops; nothing is "
               "written.\n";
    int n = 0;
    for (const Finding &f : a.findings) {
        if (f.severity != Severity::Critical)
            continue;
        out << QStringLiteral("\n[%1/%2] %3 — %4\n      Acknowledge? [y/N] ")
                   .arg(++n)
                   .arg(critical)
                   .arg(f.address, f.message);
        out.flush();
        if (!isYes(in.readLine())) {
            out << "\nNot acknowledged: " << f.address << ". Nothing was approved or written.\n";
            return GateBlocked;
        }
    }

    out << "\nTo approve, type the phrase that names what dies:\n    " << phrase << "\n";
    bool typed = false;
    for (int attempt = 0; attempt < 3 && !typed; ++attempt) {
        out << "> ";
        out.flush();
        const QString line = in.readLine();
        if (line.isNull())
            break;
        typed = line.simplified() == phrase;
        if (!typed)
            out << "That is not the phrase.\n";
    }
    if (!typed) {
        out << "Not approved: the phrase was not typed. Nothing was written.\n";
        return GateBlocked;
    }

    approval.time = QDateTime::currentDateTimeUtc();
    if (const Status written = writeApproval(approval, output, ctx.inputs); !written)
        return fail(written.error().toString(), InputError);
    out << QStringLiteral(
        "\nApproved by %1. Written to %2: it covers this plan only (SHA-256 %3…, %4 deleted, %5 "
        "replaced, %6 acknowledged)%7.\n")
               .arg(approval.approver, output, approval.planSha256.left(12),
                   QString::number(approval.deleted.size()),
                   QString::number(approval.replaced.size()),
                   approval.acknowledged.size() == 1
                       ? QStringLiteral("1 finding")
                       : QStringLiteral("%1 findings").arg(approval.acknowledged.size()),
                   ctx.policy.maxApprovalAgeHours > 0
                       ? QStringLiteral(", for %1 hours").arg(ctx.policy.maxApprovalAgeHours)
                       : QString());
    return Ok;
}

} // namespace bg::cli
