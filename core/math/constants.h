// Numeric limits and constants that more than one part of the tool must agree
// on, in one place: the alpha range, and the process exit codes.
#pragma once

namespace cutmix
{

// Beta(alpha, alpha): core accepts 0 < alpha <= kAlphaMax. Above it the
// distribution is 0.5 to within a thousandth, so larger values are typing
// errors, not experiments.
constexpr double kAlphaMax = 1e6;
// The smallest alpha a typed-in value can take in the window (three
// decimals), and the range of its logarithmic slider, which covers the
// values people use (a typed value may go beyond it).
constexpr double kAlphaInputMin = 0.001;
constexpr double kAlphaSliderMin = 0.05;
constexpr double kAlphaSliderMax = 20.0;

// Exit codes of the command line.
enum ExitCode {
    kExitOk = 0,
    kExitFailed = 1,        // a file or its data is wrong
    kExitBadUsage = 2,      // the arguments are wrong
    kExitInterrupted = 130, // stopped by Ctrl-C or SIGTERM (128 + SIGINT); rerun to finish
};

} // namespace cutmix
