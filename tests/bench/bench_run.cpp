// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench_run.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bg::bench {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

namespace {

// Forks and execs `args` with its `piped` stream (STDOUT_FILENO or STDERR_FILENO) read into
// run.output, at most `keep` bytes of it, and stdout sent to /dev/null when it is not the one
// piped. Waits for it; fills everything but ok and failure.
Run spawn(const std::vector<std::string> &args, int piped, size_t keep, int cpuLimitSeconds)
{
    Run run;
    int pipeFds[2] = {-1, -1};
    if (piped >= 0 && pipe(pipeFds) != 0) {
        run.failure = std::strerror(errno);
        return run;
    }
    const double start = now();
    const pid_t pid = fork();
    if (pid < 0) {
        run.failure = std::strerror(errno);
        return run;
    }
    if (pid == 0) {
        if (piped != STDOUT_FILENO)
            dup2(open("/dev/null", O_WRONLY), STDOUT_FILENO);
        if (piped >= 0) {
            dup2(pipeFds[1], piped);
            close(pipeFds[0]);
        }
        const rlimit cpu {rlim_t(cpuLimitSeconds), rlim_t(cpuLimitSeconds)};
        setrlimit(
            RLIMIT_CPU, &cpu); // a runaway child is killed rather than hogging a shared machine
        std::vector<char *> argv;
        for (const std::string &a : args)
            argv.push_back(const_cast<char *>(a.c_str()));
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    if (piped >= 0) {
        close(pipeFds[1]);
        char buffer[4096];
        ssize_t n = 0;
        while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
            if (n > 0 && run.output.size() < keep) // read to the end all the same: no SIGPIPE
                run.output.append(buffer, std::min(size_t(n), keep - run.output.size()));
        close(pipeFds[0]);
    }
    int status = 0;
    rusage usage {};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) { }
    run.seconds = now() - start;
    run.peakKb = usage.ru_maxrss;
    if (WIFEXITED(status))
        run.exitStatus = WEXITSTATUS(status);
    else
        run.failure = std::string("killed by signal ") + strsignal(WTERMSIG(status));
    return run;
}

} // namespace

Run runChild(const std::vector<std::string> &args, bool capture, int cpuLimitSeconds)
{
    Run run = spawn(args, capture ? STDOUT_FILENO : -1, size_t(-1), cpuLimitSeconds);
    run.ok = run.exitStatus == 0;
    if (run.exitStatus > 0)
        run.failure = "exit status " + std::to_string(run.exitStatus);
    return run;
}

Run runCli(
    const std::vector<std::string> &args, int cpuLimitSeconds, const std::vector<int> &okStatuses)
{
    Run run = spawn(args, STDERR_FILENO, 2000, cpuLimitSeconds);
    run.ok = run.exitStatus >= 0
        && std::find(okStatuses.begin(), okStatuses.end(), run.exitStatus) != okStatuses.end();
    if (!run.ok && run.exitStatus >= 0) {
        const std::string said = run.output.substr(0, run.output.find('\n'));
        run.failure = "exit status " + std::to_string(run.exitStatus)
            + (said.empty() ? std::string() : ": " + said);
    }
    return run;
}

bool Best::ok() const
{
    return !runs.empty()
        && std::all_of(runs.begin(), runs.end(), [](const Run &r) { return r.ok; });
}

std::string Best::failure() const
{
    for (const Run &r : runs)
        if (!r.ok)
            return r.failure;
    return {};
}

double Best::peakMb() const
{
    long kb = 0;
    for (const Run &r : runs)
        kb = std::max(kb, r.peakKb);
    return double(kb) / 1024.0;
}

double Best::bestSeconds() const
{
    double best = runs.empty() ? 0 : runs[0].seconds;
    for (const Run &r : runs)
        best = std::min(best, r.seconds);
    return best;
}

Best repeat(const std::vector<std::string> &args, bool capture, int cpuLimit)
{
    Best best;
    for (int i = 0; i < Runs; ++i) {
        best.runs.push_back(runChild(args, capture, cpuLimit));
        if (!best.runs.back().ok)
            break;
    }
    return best;
}

Best repeatCli(
    const std::vector<std::string> &args, int cpuLimit, const std::vector<int> &okStatuses)
{
    Best best;
    double spent = 0;
    for (int i = 0; i < MaxRuns && (i < Runs || spent < ShortRunsSeconds); ++i) {
        best.runs.push_back(runCli(args, cpuLimit, okStatuses));
        if (!best.runs.back().ok)
            break;
        spent += best.runs.back().seconds;
    }
    return best;
}

std::string selfPath()
{
    std::error_code error;
    const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::string("bench_load") : path.string();
}

std::string measurePath()
{
    return (std::filesystem::path(selfPath()).parent_path() / "bench_measure").string();
}

std::string floorPath()
{
    return (std::filesystem::path(selfPath()).parent_path() / "bench_floor").string();
}

std::string cliPath()
{
    const std::filesystem::path here = std::filesystem::path(selfPath()).parent_path();
    for (const std::filesystem::path &candidate :
        {here / "blastguard-cli", here.parent_path().parent_path() / "app" / "blastguard-cli"}) {
        std::error_code error;
        if (std::filesystem::is_regular_file(candidate, error))
            return candidate.string();
    }
    return "blastguard-cli";
}

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string verdict(double ratio, double target)
{
    return fixed(ratio, 2)
        + (ratio <= target ? " PASS" : " MISS by " + fixed(ratio / target, 1) + "x");
}

} // namespace bg::bench
