// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `apply PLANFILE`: the guarded apply. The saved plan is copied into a private folder, shown as
// JSON by terraform, gated in this process, checked unchanged, and only then applied.
//
// Decisions, and why:
// - The private folder is made by mkdtemp under /tmp (mode 0700, sticky /tmp): never under
//   $TMPDIR or any other path the caller chooses. Other users cannot enter it; the folder is
//   removed at the end, also after a failure.
// - PLANFILE must be a regular file, not a link: it is read once, bounded, through core/files,
//   and the copy is what is shown, gated and applied. Its SHA-256 is taken when it is written
//   and again right before `terraform apply`; a copy changed in between is refused (3).
// - terraform is /usr/local/bin, /usr/bin or /bin's terraform, then tofu, or the absolute path
//   the policy names ("terraform"). Never the caller's PATH or an environment variable.
// - terraform's environment is the caller's without what changes what terraform does behind
//   the command line: TF_CLI_ARGS and TF_CLI_ARGS_<command> add arguments (mergeEnvArgs in
//   hashicorp/terraform main.go); TF_REATTACH_PROVIDERS makes terraform talk to provider
//   processes someone else started (parseReattachProviders, main.go); TF_CLI_CONFIG_FILE and
//   TERRAFORM_CONFIG name another CLI configuration, whose provider_installation and
//   dev_overrides replace the providers (cliconfig.LoadConfig, called from main.go). PATH is
//   the fixed one above. The rest (cloud credentials, TF_DATA_DIR, TF_LOG...) is kept: the
//   apply needs it.
// - The terraform arguments after `--` are an allow-list of what cannot change the plan that
//   is applied: -no-color, -compact-warnings, -json, -input=false, -lock-timeout=D and
//   -parallelism=N. Everything else is refused (1) before anything runs: -auto-approve (a saved
//   plan asks nothing), -destroy, -refresh-only, -refresh=, -target, -exclude, -include,
//   -replace, -invoke, -var, -var-file, -allow-deferral (plan modes and what to plan:
//   extendedFlagSet in hashicorp/terraform internal/command/arguments/extended.go; with a
//   plan file -var and -var-file are errors, "Can't set variables when applying a saved
//   plan", backend/local), -state, -state-out, -backup and -lock=false (where the state goes
//   and whether it is locked), a second positional argument (ParseApply in
//   internal/command/arguments/apply.go takes one plan path) and anything unknown.
// - Exit codes: 0 applied; 1 usage error or a refused argument, nothing run; 2 input error
//   (PLANFILE unreadable, no terraform, `terraform show` failed, the JSON unreadable), nothing
//   applied; 3 blocked by the gate or the copy changed, nothing applied; 4 `terraform apply`
//   ran and failed (its own code is printed: terraform uses 1 for every error, which would
//   collide with ours).
#include "cli.h"
#include "core/files.h"
#include "terraform.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTextStream>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace bg::cli {

using namespace core;

namespace {

void say(const QString &line)
{
    QTextStream out(stdout);
    out << QStringLiteral("apply: ") << line << '\n';
    out.flush();
}

// Why `arg` may not be given to `terraform apply PLANFILE`; empty when it may.
QString refusal(const QString &arg)
{
    // Go's flag package reads -name and --name alike.
    const QString flag = arg.startsWith(QLatin1String("--")) ? arg.mid(1) : arg;
    const QString name = flag.section(QLatin1Char('='), 0, 0);
    const QString value
        = flag.contains(QLatin1Char('=')) ? flag.section(QLatin1Char('='), 1) : QString();
    const bool hasValue = flag.contains(QLatin1Char('='));
    if (!flag.startsWith(QLatin1Char('-')) || flag == QLatin1String("-"))
        return QStringLiteral("apply applies PLANFILE, its copy of it: no other plan or folder");
    if (name == QLatin1String("-auto-approve"))
        return QStringLiteral("a saved plan is applied without a question, and only the gate "
                              "decides what is applied");
    if ((name == QLatin1String("-no-color") || name == QLatin1String("-compact-warnings")
            || name == QLatin1String("-json"))
        && !hasValue)
        return {};
    if (name == QLatin1String("-input") && value == QLatin1String("false"))
        return {};
    if (name == QLatin1String("-lock-timeout") && !value.isEmpty())
        return {};
    if (name == QLatin1String("-parallelism") && !value.isEmpty() && value.toUInt() > 0)
        return {};
    for (const char *mode : {"-destroy", "-refresh-only", "-refresh", "-target", "-exclude",
             "-include", "-replace", "-invoke", "-allow-deferral"}) {
        if (name == QLatin1String(mode))
            return QStringLiteral(
                "it chooses what to plan; the saved plan is applied as it was gated");
    }
    if (name == QLatin1String("-var") || name == QLatin1String("-var-file"))
        return QStringLiteral("a saved plan holds its variables; terraform refuses them with a "
                              "plan file");
    if (name == QLatin1String("-state") || name == QLatin1String("-state-out")
        || name == QLatin1String("-backup") || name == QLatin1String("-lock"))
        return QStringLiteral("it changes where the state goes or whether it is locked");
    if (name == QLatin1String("-out"))
        return QStringLiteral("apply makes no plan");
    return QStringLiteral("apply passes only -no-color, -compact-warnings, -json, -input=false, "
                          "-lock-timeout=D and -parallelism=N to terraform");
}

} // namespace

int apply(Context &ctx, const QStringList &args)
{
    if (args.isEmpty())
        return fail(QStringLiteral("apply takes a saved plan: apply PLANFILE --approval FILE "
                                   "--allowed-signers SIGNERS [-- TERRAFORM_ARGS]"),
            UsageError);
    const QString planFile = args.constFirst();
    const QStringList extra = args.mid(1);
    if (!extra.isEmpty() && !QCoreApplication::arguments().contains(QLatin1String("--")))
        return fail(QStringLiteral("apply takes one saved plan; terraform arguments go after --"),
            UsageError);
    for (const QString &arg : extra) {
        if (const QString why = refusal(arg); !why.isEmpty())
            return fail(QStringLiteral("apply refuses the terraform argument %1: %2").arg(arg, why),
                UsageError);
    }
    if (files::isStandardStream(planFile))
        return fail(
            QStringLiteral("apply needs the saved plan as a file, not standard input"), UsageError);

    // The plan itself, never through a link.
    struct stat st { };
    if (::lstat(QFile::encodeName(planFile).constData(), &st) == 0 && S_ISLNK(st.st_mode))
        return fail(QStringLiteral("%1: is a symbolic link; apply reads the saved plan itself "
                                   "(name the file, not a link to it)")
                        .arg(planFile),
            InputError);
    const Result<QByteArray> plan
        = files::readFile(planFile, {files::DocumentCap, QStringLiteral("a saved plan")});
    if (!plan)
        return fail(plan.error().toString(), InputError);
    QString from;
    const Result<QString> terraform = findTerraform(ctx.policy, &from);
    if (!terraform)
        return fail(terraform.error().toString(), InputError);

    PrivateFolder folder("blastguard-apply");
    if (const Status made = folder.create(); !made)
        return fail(made.error().toString(), InputError);
    const QString copy = folder.filePath(QStringLiteral("tfplan"));
    const QString json = folder.filePath(QStringLiteral("plan.json"));
    if (const Status written = files::writeFile(copy, *plan, {planFile}, 0600); !written)
        return fail(written.error().toString(), InputError);
    const QString gatedSha = files::sha256Hex(*plan);
    say(QStringLiteral("%1 copied to %2 (SHA-256 %3)").arg(planFile, copy, gatedSha));
    say(QStringLiteral("terraform: %1 (%2)").arg(*terraform, from));

    QByteArray shown;
    QString failure;
    const int showCode
        = runTerraform(*terraform, {QStringLiteral("show"), QStringLiteral("-json"), copy}, &shown,
            files::DocumentCap, &failure);
    if (showCode != 0)
        return fail(failure.isEmpty() ? QStringLiteral("terraform show -json %1 exited %2: "
                                                       "nothing was applied")
                                            .arg(copy, QString::number(showCode))
                                      : failure + QStringLiteral(": nothing was applied"),
            InputError);
    if (const Status written = files::writeFile(json, shown, {planFile, copy}, 0600); !written)
        return fail(written.error().toString(), InputError);

    ctx.savedPlanOf.insert(json, gatedSha); // the approval binds the saved plan too
    const int verdict = gate(ctx, {json});
    if (verdict != Ok) {
        say(QStringLiteral("not applied: the gate exited %1.").arg(verdict));
        if (verdict == GateBlocked)
            say(QStringLiteral(
                "a person reviews the plan (terraform show -json %1 > plan.json; blastguard "
                "plan.json) and approves it (blastguard-cli approve plan.json -o approval.json, "
                "or the desktop app); then run apply again with --approval approval.json.")
                    .arg(planFile));
        return verdict;
    }

    // What is applied is what was gated.
    const Result<QByteArray> again
        = files::readFile(copy, {files::DocumentCap, QStringLiteral("a saved plan")});
    const QString againSha = again ? files::sha256Hex(*again)
                                   : QStringLiteral("unreadable: ") + again.error().toString();
    if (againSha != gatedSha) {
        say(QStringLiteral("not applied: the plan copy %1 changed after it was gated (SHA-256 "
                           "%2, now %3): another process wrote to it.")
                .arg(copy, gatedSha, againSha));
        return GateBlocked;
    }

    QStringList applyArgs {QStringLiteral("apply"), QStringLiteral("-input=false")};
    applyArgs += extra;
    applyArgs.append(copy);
    say(QStringLiteral("terraform %1").arg(applyArgs.join(QLatin1Char(' '))));
    const int code = runTerraform(*terraform, applyArgs, nullptr, 0, &failure);
    if (code == 0) {
        say(QStringLiteral("applied."));
        return Ok;
    }
    say(failure.isEmpty() ? QStringLiteral("terraform apply exited %1 (exit 4).").arg(code)
                          : failure + QStringLiteral(" (exit 4)."));
    return TerraformFailed;
}

} // namespace bg::cli
