// Progress of long work on standard error, with an estimate of the time
// left, for the commands whose work can run for minutes (stats, animate).
// Work that ends within seconds prints nothing (so short runs say what they
// always said): once the work has run for two seconds and is estimated to
// need two more, a line names what is done and how long the rest should
// take, and that Ctrl-C stops it: on a terminal one line redrawn every
// second, in a pipe or a file a line every ten seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace cutmix::cli
{

class Progress
{
public:
    // "stats", 1000000000, "draws"
    Progress(std::string command, std::uint64_t total, std::string unit);
    // `done` units of the total are done: prints when a line is due. A test
    // hook: CUTMIX_TEST_INTERRUPT_AT=N makes the process send itself SIGINT
    // (as Ctrl-C does) once N units are done, so that tests stop the work at
    // a chosen point instead of after a chosen time.
    void operator()(std::uint64_t done);
    // Ends a line left open on a terminal.
    void finish();

private:
    using Clock = std::chrono::steady_clock;
    std::string command_, unit_;
    std::uint64_t total_;
    std::uint64_t interruptAt_ = UINT64_MAX;
    bool terminal_;
    bool open_ = false; // a terminal line waits for its newline
    Clock::time_point started_, last_;
    bool shown_ = false;
};

// "0:42", "1:02:03"
std::string clockText(double seconds);

} // namespace cutmix::cli
