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
#include "core/gate/signedapproval.h"
#include "core/loading/loader.h"
#include "core/report/report.h"
#include "core/risk/masking.h"

#include <QDir>
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
    if (const QStringList unreadable = unreadableChanges(*doc); !unreadable.isEmpty()) {
        fail(QStringLiteral("%1: %2 resource change(s) with actions Blastguard cannot read (%3): "
                            "it cannot tell what they destroy, so %4 refuses this plan")
                 .arg(path, QString::number(unreadable.size()),
                     unreadable.mid(0, 5).join(QStringLiteral(", ")), QLatin1String(command)),
            InputError);
        return std::nullopt;
    }
    Analysis a = analysed(ctx, std::move(*doc));
    if (applyEstateOption(ctx, a) != Ok)
        return std::nullopt;
    return a;
}

QString header(const Analysis &a, const char *what)
{
    QString text = QStringLiteral("Blastguard %1 — %2 (%3)\nSHA-256 %4\n")
                       .arg(QLatin1String(what), a.document().path,
                           detail::describeInput(a.document()), fileSha256(a.document()));
    if (!a.document().savedPlanSha256.isEmpty())
        text += QStringLiteral("Saved plan SHA-256 %1\n").arg(a.document().savedPlanSha256);
    return text;
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

// Text from an approval file or the plan, for a log line: nothing that acts unseen (no escape
// sequence, no line or paragraph separator that could fake a verdict line, no bidirectional
// override), each replaced by U+FFFD (oneLine).
QString printable(const QString &text, int max = 200)
{
    return core::oneLine(text).left(max);
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
    const QString verdict = a.verdict();
    s += (verdict.isEmpty() ? QString() : verdict + QStringLiteral(": ")) + a.headline(rules)
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
        s += QStringLiteral("  %1. %2 — %3\n").arg(++shown).arg(f.address, f.message.text());
    }
    return s;
}

namespace {

// Why the approval's signatures do not satisfy the policy; empty when they do. Prints who
// signed (the principals the allowed_signers file names, never $USER).
QStringList signatureMismatches(Context &ctx, const Approval &approval, const QString &path,
    QTextStream &out, QStringList *principals)
{
    const bool given = ctx.isSet("allowed-signers");
    if (!ctx.policy.requireSignedApproval && !given)
        return {};
    // Who may sign is the policy's to say where it says it: the command line cannot name others.
    if (given && !ctx.policy.allowedSigners.isEmpty()
        && QDir::cleanPath(QFileInfo(ctx.option("allowed-signers")).absoluteFilePath())
            != ctx.policy.allowedSigners)
        return {QStringLiteral("the policy in force names the allowed signers (%1); "
                               "--allowed-signers %2 cannot replace them")
                    .arg(ctx.policy.allowedSigners, ctx.option("allowed-signers"))};
    const QString signers = given ? ctx.option("allowed-signers") : ctx.policy.allowedSigners;
    if (signers.isEmpty())
        return {QStringLiteral(
            "no allowed signers to check the approval's signature against: give "
            "--allowed-signers FILE (an OpenSSH allowed_signers file) or set allowed_signers "
            "in the policy")};
    ctx.inputs.append(signers);
    const Result<QByteArray> allowed = files::readFile(
        signers, files::smallFileLimit(QStringLiteral("an allowed_signers file")));
    if (!allowed)
        return {QStringLiteral("the allowed signers cannot be read: %1")
                    .arg(allowed.error().toString())};
    const SignatureCheck check = verifyApprovalSignatures(path, approval.bytes, *allowed);
    for (const signing::Signer &s : check.signers) {
        out << "Signed by " << printable(s.principal) << " (" << printable(s.key) << ")\n";
        if (!principals->contains(s.principal))
            principals->append(s.principal);
    }
    QStringList reasons = check.problems;
    const int needed = std::max(1, ctx.policy.approvalsRequired);
    if (check.problems.isEmpty() && check.distinctSigners() < needed)
        reasons.append(QStringLiteral("the policy needs %1 distinct signers; this approval has %2")
                           .arg(needed)
                           .arg(check.distinctSigners()));
    return reasons;
}

QString approvalNeed(const Analysis &a)
{
    const int critical = a.criticalCount();
    const std::vector<Warning> warnings = gateWarnings(a);
    QStringList parts;
    if (critical > 0)
        parts.append(critical == 1 ? QStringLiteral("1 critical finding")
                                   : QStringLiteral("%1 critical findings").arg(critical));
    QStringList codes;
    for (const Warning &w : warnings)
        codes.append(w.code);
    if (!codes.isEmpty())
        parts.append(QStringLiteral("the warning%1 %2")
                         .arg(codes.size() == 1 ? QString() : QStringLiteral("s"),
                             codes.join(QStringLiteral(", "))));
    return parts.join(QStringLiteral(" and "));
}

} // namespace

int gate(Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(QStringLiteral("gate takes one plan file: gate PLAN [--approval FILE] "
                                   "[--allowed-signers FILE] [--policy FILE] [--rules FILE]"),
            UsageError);
    std::optional<Analysis> analysis = loadPlan(ctx, args[0], "gate");
    if (!analysis)
        return InputError;
    const Analysis &a = *analysis;
    QString text; // printed at the end, coloured on a terminal (--color)
    QTextStream out(&text);
    out << header(a, "gate") << shortSummary(a, ctx.rules, 20)
        << inForceLines(ctx.rules, ctx.policy);

    const QString approvalPath = ctx.option("approval");
    QStringList reasons = planBlockers(a);
    QString verdict;
    if (!needsApproval(a)) {
        verdict = QStringLiteral(
            "no critical finding and no state-safety warning under the policy: no approval is "
            "needed");
        if (ctx.isSet("approval"))
            out << "Note: the approval " << approvalPath
                << " was not needed and was not checked.\n";
    } else if (files::isStandardStream(approvalPath)) {
        // Its signatures sit beside the record: standard input has no "beside".
        reasons.append(QStringLiteral("the approval must be a file, not standard input: its "
                                      "signature is read from FILE.sig beside it"));
    } else if (!ctx.isSet("approval")) {
        reasons.append(QStringLiteral("no approval was given (--approval FILE): %1 need%2 a "
                                      "reviewer's signed acknowledgement")
                           .arg(approvalNeed(a),
                               a.criticalCount() + gateWarnings(a).size() == 1 ? QStringLiteral("s")
                                                                               : QString()));
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
            reasons = approvalMismatches(*approval, a, ctx.policy, inForce(ctx.rules, ctx.policy),
                QDateTime::currentDateTimeUtc());
            QStringList principals;
            reasons += signatureMismatches(ctx, *approval, approvalPath, out, &principals);
            verdict = QStringLiteral("approved by %1 at %2 (\"%3\"); %4 acknowledged")
                          .arg(principals.isEmpty()
                                  ? QStringLiteral("no signer (unsigned, as the policy allows)")
                                  : printable(principals.join(QStringLiteral(", "))),
                              approval->time.toString(Qt::ISODate), printable(approval->phrase),
                              approvalNeed(a));
        }
    }
    if (!reasons.isEmpty()) {
        out << "\ngate: BLOCKED (exit 3): " << reasons.size()
            << (reasons.size() == 1 ? " reason" : " reasons") << "\n";
        for (const QString &reason : std::as_const(reasons))
            out << "  - " << printable(reason, 2000) << "\n";
        out.flush();
        printText(ctx, text);
        leaveAtExit(ctx, std::move(*analysis));
        return GateBlocked;
    }
    out << "\ngate: PASSED: " << verdict << ".\n";
    out.flush();
    printText(ctx, text);
    leaveAtExit(ctx, std::move(*analysis));
    return Ok;
}

int approve(Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(QStringLiteral("approve takes one plan file: approve PLAN -o FILE --key KEY "
                                   "[--cosign]"),
            UsageError);
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
    const bool cosign = ctx.isSet("cosign");
    const QString output = ctx.option("output");
    const QString key = ctx.option("key");
    if (!key.isEmpty())
        ctx.inputs.append(key);
    const std::optional<Analysis> analysis = loadPlan(ctx, args[0], "approve");
    if (!analysis)
        return InputError;
    const Analysis &a = *analysis;
    // Before anyone is asked anything: a record that could not be written wastes their care.
    Approval approval = approvalFor(a, approverName(), confirmationPhrase(a, ctx.rules),
        inForce(ctx.rules, ctx.policy), ctx.policy);
    if (cosign) {
        // Co-signing signs the record already written, byte for byte: it must be for this very
        // plan under the same rules and policy, and still valid.
        ctx.inputs.append(output);
        Result<Approval, ApprovalError> existing = readApproval(output);
        if (!existing)
            return fail(existing.error().toString(), InputError);
        const QStringList mismatches = approvalMismatches(*existing, a, ctx.policy,
            inForce(ctx.rules, ctx.policy), QDateTime::currentDateTimeUtc());
        if (!mismatches.isEmpty())
            return fail(QStringLiteral("%1 does not cover this plan, so it cannot be co-signed: %2")
                            .arg(output, mismatches.join(QStringLiteral("; "))),
                GateBlocked);
        approval = std::move(*existing);
    } else if (const Status writable = files::checkWritable(output, ctx.inputs); !writable) {
        return fail(writable.error().toString(), UsageError);
    }
    QTextStream out(stdout);
    QTextStream in(stdin);
    out << header(a, cosign ? "approve --cosign" : "approve") << shortSummary(a, ctx.rules, 0)
        << inForceLines(ctx.rules, ctx.policy);

    // The same rules as the desktop app's guarded confirm: an errored plan is never approved.
    if (const QStringList blockers = planBlockers(a); !blockers.isEmpty()) {
        out << "\nThis plan cannot be approved:\n";
        for (const QString &b : blockers)
            out << "  - " << b << "\n";
        out << "Nothing was written.\n";
        return GateBlocked;
    }

    // Before anyone is asked: without a key, what they approve could not be signed.
    if (!ctx.isSet("key") && (ctx.policy.requireSignedApproval || cosign))
        return fail(QStringLiteral("approve needs --key KEY: the policy requires signed approvals "
                                   "(an SSH private key, or a public key whose private half is "
                                   "in ssh-agent or on a FIDO token)"),
            UsageError);

    const int critical = a.criticalCount();
    const std::vector<Warning> warnings = gateWarnings(a);
    const int total = critical + int(warnings.size());
    if (total > 0)
        out << "\nAcknowledge each critical finding and warning (y/N). Any other answer stops; "
               "nothing is written.\n";
    int n = 0;
    const auto ask = [&](const QString &what, const QString &message) {
        out << QStringLiteral("\n[%1/%2] %3 — %4\n      Acknowledge? [y/N] ")
                   .arg(++n)
                   .arg(total)
                   .arg(what, message);
        out.flush();
        if (isYes(in.readLine()))
            return true;
        out << "\nNot acknowledged: " << what << ". Nothing was approved or written.\n";
        return false;
    };
    for (const Finding &f : a.findings) {
        if (f.severity == Severity::Critical && !ask(f.address, f.message.text()))
            return GateBlocked;
    }
    for (const Warning &w : warnings) {
        if (!ask(QStringLiteral("warning ") + w.code, w.message))
            return GateBlocked;
    }

    const QString phrase = confirmationPhrase(a, ctx.rules);
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
    out.flush();

    if (cosign) {
        const Result<QString> signature = coSignApproval(output, approval.bytes, key, ctx.inputs);
        if (!signature)
            return fail(signature.error().toString(), InputError);
        out << QStringLiteral("\nCo-signed: %1 signs %2 (SHA-256 %3…).\n")
                   .arg(*signature, output, approval.planSha256.left(12));
        return Ok;
    }
    approval.phrase = phrase;
    dateNow(approval); // when the person finished
    const Status written = key.isEmpty() ? writeApproval(approval, output, ctx.inputs)
                                         : writeSignedApproval(approval, output, key, ctx.inputs);
    if (!written)
        return fail(written.error().toString(), InputError);
    out << QStringLiteral(
        "\nApproved. Written to %1%2: it covers this plan only (SHA-256 %3…, %4 deleted, %5 "
        "replaced, %6 acknowledged) until %7.\n")
               .arg(output,
                   key.isEmpty() ? QStringLiteral(" (unsigned)")
                                 : QStringLiteral(", signed in %1").arg(signaturePath(output, 1)),
                   approval.planSha256.left(12), QString::number(approval.deleted.size()),
                   QString::number(approval.replaced.size()),
                   QString::number(
                       approval.acknowledged.size() + approval.acknowledgedWarnings.size()),
                   approval.expires.toString(Qt::ISODate));
    return Ok;
}

} // namespace bg::cli
