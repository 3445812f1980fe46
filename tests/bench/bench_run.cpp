// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench_run.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
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

Run runChild(const std::vector<std::string> &args, bool capture, int cpuLimitSeconds)
{
    Run run;
    int pipeFds[2] = {-1, -1};
    if (capture && pipe(pipeFds) != 0) {
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
        const int out = capture ? pipeFds[1] : open("/dev/null", O_WRONLY);
        dup2(out, STDOUT_FILENO);
        if (capture)
            close(pipeFds[0]);
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
    if (capture) {
        close(pipeFds[1]);
        char buffer[4096];
        ssize_t n = 0;
        while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
            if (n > 0)
                run.output.append(buffer, size_t(n));
        close(pipeFds[0]);
    }
    int status = 0;
    rusage usage {};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) { }
    run.seconds = now() - start;
    run.peakKb = usage.ru_maxrss;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        run.ok = true;
    else if (WIFEXITED(status))
        run.failure = "exit status " + std::to_string(WEXITSTATUS(status));
    else
        run.failure = std::string("killed by signal ") + strsignal(WTERMSIG(status));
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

} // namespace bg::bench
