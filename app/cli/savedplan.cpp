// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Saved plans (`terraform plan -out tfplan`) given where a plan is read. The file is a zip
// archive: hashicorp/terraform internal/plans/planfile/writer.go, Create, writes it with Go's
// archive/zip (so it starts with the local-file-header signature "PK\x03\x04") and puts the
// plan, the state snapshots, the configuration and the dependency locks in it; `show -json`
// prints only part of that, which is why an approval binds the saved plan's own hash too. The CLI
// runs `terraform show -json` on a private copy of the bytes it read, in the plan's folder (where
// `.terraform` holds the providers whose schemas show needs), with a time limit, and reads its
// output as the plan. The document keeps the saved plan's SHA-256 beside the JSON's: reports
// give both and approvals bind both.
//
// Which terraform: gate, approve and apply run the fixed one (findTerraform: the policy's, or
// terraform/tofu in /usr/local/bin, /usr/bin, /bin), as the guarded apply does: an agent's PATH
// or environment must not choose the program whose output is gated. The reading commands take
// $BLASTGUARD_TERRAFORM, else terraform or tofu on PATH.
#include "cli.h"
#include "core/files.h"
#include "core/loading/loader.h"
#include "terraform.h"

#include <QFileInfo>
#include <algorithm>

namespace bg::cli {

using namespace core;

namespace {

// How long `show -json` may take: 120 s, or $BLASTGUARD_SHOW_TIMEOUT seconds.
int showTimeoutMs()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("BLASTGUARD_SHOW_TIMEOUT", &ok);
    return ok && seconds > 0 ? std::min(seconds, 86400) * 1000 : 120000;
}

bool isSavedPlan(const QByteArray &bytes)
{
    return bytes.startsWith("PK\x03\x04");
}

// `terraform show -json` of the saved plan `bytes` read from `path`: its output, or the error.
Result<QByteArray> showSavedPlan(const Context &ctx, const QString &path, const QByteArray &bytes)
{
    QString from;
    const Result<QString> terraform
        = ctx.fixedTerraform ? findTerraform(ctx.policy, &from) : findTerraformOnPath(&from);
    if (!terraform)
        return Error {path, 0, 0,
            QStringLiteral("is a saved plan (terraform plan -out); %1. Or run `terraform show "
                           "-json %2 > plan.json` where the plan was made and give plan.json")
                .arg(terraform.error().message,
                    files::isStandardStream(path) ? QStringLiteral("PLANFILE") : path)};
    PrivateFolder folder("blastguard-show");
    if (const Status made = folder.create(); !made)
        return made.error();
    const QString copy = folder.filePath(QStringLiteral("tfplan"));
    if (const Status written = files::writeFile(copy, bytes, {path}, 0600); !written)
        return written.error();
    RunOptions options;
    options.timeoutMs = showTimeoutMs();
    options.workingDirectory
        = files::isStandardStream(path) ? QDir::currentPath() : QFileInfo(path).absolutePath();
    QByteArray shown;
    QString failure;
    const int code
        = runTerraform(*terraform, {QStringLiteral("show"), QStringLiteral("-json"), copy}, &shown,
            files::DocumentCap, &failure, options);
    if (code != 0)
        return Error {path, 0, 0,
            failure.isEmpty()
                ? QStringLiteral("is a saved plan, and `%1 show -json` exited %2 in %3 (its "
                                 "messages are above)")
                      .arg(*terraform, QString::number(code), options.workingDirectory)
                : QStringLiteral("is a saved plan, and showing it failed: %1").arg(failure)};
    return shown;
}

// The document loaded from `path`, or the failure; `savedSha`: the saved plan it was shown from.
std::optional<Document> loaded(
    Context &ctx, const QString &path, Result<Document> document, QString savedSha)
{
    if (!document) {
        fail(document.error().toString(), InputError);
        return std::nullopt;
    }
    if (savedSha.isEmpty()) {
        // the JSON apply showed from the saved plan it gates
        if (const auto known = ctx.savedPlanOf.constFind(path); known != ctx.savedPlanOf.cend())
            savedSha = *known;
    }
    document->savedPlanSha256 = savedSha;
    return std::move(document).value();
}

} // namespace

std::optional<Document> load(Context &ctx, const QString &path)
{
    ctx.inputs.append(path);
    if (!files::isStandardStream(path)) {
        // Not a saved plan: loadDocument reads it (a large one while it scans it). Swapped for
        // a saved plan in between, it fails to load ("a binary plan file"): never read as one.
        Result<QByteArray> start = files::readStart(path, 4, files::documentLimit());
        if (!start) {
            fail(start.error().toString(), InputError);
            return std::nullopt;
        }
        if (!isSavedPlan(*start))
            return loaded(ctx, path, loadDocument(path), {});
    }
    Result<QByteArray> bytes = files::readFile(path, files::documentLimit());
    if (!bytes) {
        fail(bytes.error().toString(), InputError);
        return std::nullopt;
    }
    QString savedSha;
    if (isSavedPlan(*bytes)) {
        savedSha = files::sha256Hex(*bytes);
        Result<QByteArray> shown = showSavedPlan(ctx, path, *bytes);
        if (!shown) {
            fail(shown.error().toString(), InputError);
            return std::nullopt;
        }
        bytes = std::move(shown);
    }
    return loaded(ctx, path, loadDocumentFromBytes(std::move(bytes).value(), path), savedSha);
}

} // namespace bg::cli
