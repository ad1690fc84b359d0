#include "progress.h"

#include <QString>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>
#include <utility>

namespace cutmix::cli
{

namespace
{

constexpr std::chrono::seconds kQuiet{2}; // no line before this, nor for work that has less left
constexpr std::chrono::seconds kEveryOnTerminal{1};
constexpr std::chrono::seconds kEveryInLog{10}; // a pipe or a file keeps every line

} // namespace

std::string clockText(double seconds)
{
    const long long s = static_cast<long long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

Progress::Progress(std::string command, std::uint64_t total, std::string unit)
    : command_(std::move(command)), unit_(std::move(unit)), total_(total), terminal_(::isatty(STDERR_FILENO) == 1),
      started_(Clock::now()), last_(started_)
{
    bool ok = false;
    const std::uint64_t at = qEnvironmentVariable("CUTMIX_TEST_INTERRUPT_AT").toULongLong(&ok);
    if (ok)
        interruptAt_ = at;
}

void Progress::operator()(std::uint64_t done)
{
    if (done >= interruptAt_) {
        interruptAt_ = UINT64_MAX;
        ::raise(SIGINT);
    }
    const Clock::time_point now = Clock::now();
    const auto every = terminal_ ? kEveryOnTerminal : kEveryInLog;
    if (done == 0 || done >= total_ || now - started_ < kQuiet || (shown_ && now - last_ < every))
        return;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    const double left = elapsed * double(total_ - done) / double(done);
    if (!shown_ && left < std::chrono::duration<double>(kQuiet).count())
        return;
    shown_ = true;
    last_ = now;
    char line[300];
    std::snprintf(line, sizeof line, "%s: %d%% (%llu of %llu %s), about %s left; Ctrl-C stops", command_.c_str(),
                  int(100.0 * double(done) / double(total_)), (unsigned long long)done, (unsigned long long)total_,
                  unit_.c_str(), clockText(left).c_str());
    if (terminal_) {
        std::cerr << '\r' << line << "  " << std::flush;
        open_ = true;
    } else {
        std::cerr << line << '\n' << std::flush;
    }
}

void Progress::finish()
{
    if (open_)
        std::cerr << '\n';
    open_ = false;
}

} // namespace cutmix::cli
