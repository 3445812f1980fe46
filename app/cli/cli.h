// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// blastguard-cli's commands, shared between its files. Exit codes (README.md, "The command line"):
// 0 ok, 1 usage error, 2 input error (unreadable, malformed or unsupported), 3 gate blocked,
// 4 (apply only) terraform apply ran and failed.
#pragma once

#include "colour.h"
#include "core/gate/policy.h"
#include "core/report/report.h"
#include "core/risk/analysis.h"

#include <QCommandLineParser>
#include <QHash>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

namespace bg::cli {

enum ExitCode { Ok = 0, UsageError = 1, InputError = 2, GateBlocked = 3, TerraformFailed = 4 };

// Prints "blastguard-cli: MESSAGE" on stderr and returns `code`.
int fail(const QString &message, int code);

struct Context {
    QCommandLineParser &parser;
    core::RuleSet rules;
    core::Policy policy;
    QStringList inputs; // every file read, so that no output overwrites one
    QString lesson; // the scenario's lesson when the input is scenario:NAME, else empty
    QString scenarioEstate; // the scenario's estate folder (report, what-if...), else empty
    // gate, approve and apply: a saved plan is shown by the fixed terraform (terraform.h), never
    // by one the caller's PATH or environment names.
    bool fixedTerraform = false;
    ColourMode colour = ColourMode::Auto; // --color
    bool textOutput = false; // the command writes text (not JSON, Markdown, SVG or DOT)
    // JSON files shown from a saved plan by this run (apply), with the saved plan's SHA-256.
    QHash<QString, QString> savedPlanOf;
    QString scenario; // NAME when the input is scenario:NAME, else empty
    // What a command is done with but leaves for the system to take back when the process
    // ends (leaveAtExit): freeing a large analysis piece by piece only delays the exit.
    std::vector<std::shared_ptr<const void>> leftAtExit;

    QString option(const char *name) const { return parser.value(QLatin1String(name)); }
    bool isSet(const char *name) const { return parser.isSet(QLatin1String(name)); }
};

// Keeps `value` (an analysis, a diff, an estate) to the end: main ends the process without
// freeing it (its memory goes back whole), except under a sanitizer, whose leak check and
// destructor checks must see it freed. Only once the command's output is written: main
// flushes stdio, and nothing else (no QTextStream) may hold output of its own.
template<typename T>
void leaveAtExit(Context &ctx, T &&value)
{
    ctx.leftAtExit.push_back(std::make_shared<const std::decay_t<T>>(std::forward<T>(value)));
}

// --format as a report's format (text when absent); nullopt after printing why (exit 1).
std::optional<core::ReportFormat> reportFormat(const Context &ctx);
// Writes to -o FILE (atomically) or to stdout. Refuses to write over an input file.
int writeOutput(Context &ctx, const QByteArray &bytes);
// Loads a plan or state, recording it as an input; prints the error and returns nullopt. A
// saved plan (terraform plan -out) is shown as JSON by terraform first (savedplan.cpp).
std::optional<core::Document> load(Context &ctx, const QString &path);
// The node an address names: an exact instance address, else the one resource it matches. -1
// after printing why (exit 2) when there is none, or more than one; `what` names the argument
// in the message and `pickOne` says what to do about several ("focus on one").
int oneNode(const core::Analysis &analysis, const QString &address, const QString &what,
    const QString &pickOne);
// The analysis under the rules and the policy: what every command reports on.
core::Analysis analysed(const Context &ctx, core::Document document);

// The commands; `args` are the positional arguments after the command's name.
int report(Context &ctx, const QStringList &args);
int whatIf(Context &ctx, const QStringList &args);
int diff(Context &ctx, const QStringList &args);
int graph(Context &ctx, const QStringList &args);
int gate(Context &ctx, const QStringList &args);
int approve(Context &ctx, const QStringList &args);
int savedBy(Context &ctx, const QStringList &args);
int details(Context &ctx, const QStringList &args);
// The estate's stacks and the links between them (estate.cpp).
int estate(Context &ctx, const QStringList &args);
// With --estate DIR: reads and links the estate around the analysed document and puts what its
// destroys break in other stacks on it (core/estate/breaks.h). Ok, or the exit code after
// printing why.
int applyEstateOption(Context &ctx, core::Analysis &analysis);
// The guarded apply: a private copy of the saved plan, shown, gated, checked, applied.
int apply(Context &ctx, const QStringList &args);
// The records of an apply laid over its plan (postmortem.cpp).
int postmortem(Context &ctx, const QStringList &args);

// What a plan destroys, in a few lines: the headline, the counts and the first critical
// findings (address — message). For gate and approve.
QString shortSummary(const core::Analysis &analysis, const core::RuleSet &rules, int maxFindings);

} // namespace bg::cli
