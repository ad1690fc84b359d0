// Parsing command-line values into core types, with messages that name the
// option and the text that was wrong, and the CLI's words for core errors.
#pragma once

#include "box.h"
#include "draw.h"
#include "error.h"
#include "keeprules.h"
#include "recipes.h"

#include <QCommandLineParser>
#include <QString>
#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace cutmix::cli
{

// A wrong argument: printed with the subcommand's name, exit code 2.
class UsageError : public std::runtime_error
{
public:
    explicit UsageError(const QString& m) : std::runtime_error(m.toStdString()) {}
};

// A core error in the command line's words: the flag of the setting it is
// about ("--count: ..."), or the flag that would get past it.
QString describe(const Error& e);
// The error is about an argument's value (exit code 2), not about a file.
bool isArgumentError(const Error& e);
// Runs `work`; a core error about the option becomes a UsageError naming it.
template <typename F> auto asUsageFor(const QString& option, F&& work) -> decltype(work())
{
    try {
        return work();
    } catch (const Error& e) {
        throw UsageError(option + ": " + e.what());
    }
}

// Runs `work`; a core error about an argument becomes a UsageError.
template <typename F> auto asUsage(F&& work) -> decltype(work())
{
    try {
        return work();
    } catch (const Error& e) {
        throw UsageError(describe(e));
    }
}

double toDouble(const QString& option, const QString& text);
long long toInt(const QString& option, const QString& text);
// A whole number within [lo, hi].
long long toIntIn(const QString& option, const QString& text, long long lo, long long hi);
std::uint64_t toUInt64(const QString& option, const QString& text);
// WxH; `minSide` 0 accepts empty sides (a drawn cut may be 0 wide).
Size toSize(const QString& option, const QString& text, int minSide = 1);
Point toPoint(const QString& option, const QString& text); // X,Y
bool toYesNo(const QString& option, const QString& text);
// A CutMix convention by name; an unknown name lists the accepted ones.
const Method& toMethod(const QString& option, const QString& text);

// lo,hi
MinMax toRange(const QString& option, const QString& text);

// The conventions (and the methods), one line per entry, for help texts.
QString conventionHelp();
// Which methods a command takes: those that mix a pair (every command that
// draws), or all of them (`cutmix mix`, which mixes Mosaic's four images).
enum class MethodSet { Pairs, All };
QString methodHelp(MethodSet set = MethodSet::Pairs);

// Options shared by every subcommand that draws: alpha, seed, index,
// convention, correction, minmax, resize, labels' smoothing and classes,
// and a preset file that gives defaults for all of them.
void addParamOptions(QCommandLineParser& parser, MethodSet set = MethodSet::Pairs);
// Throws UsageError for a method outside the set.
Params readParams(const QCommandLineParser& parser, MethodSet set = MethodSet::Pairs);
// One parameter's option (from its row of the table), for the commands that
// take a parameter the shared set leaves out (--sources); and reading it.
void addParamOption(QCommandLineParser& parser, Setting s);
void readParamOption(const QCommandLineParser& parser, Setting s, Params& params);
// A setting's flag ("--cutout-size"); empty for settings that are states.
QString flagOf(Setting s);
// A value of a row as the command line gives it; throws UsageError naming
// the flag.
ParamValue parseParam(const ParamSpec& spec, const QString& value);
// The help of a row's option: its help, the values it accepts, its default.
QString optionHelp(const ParamSpec& spec);

// The recipes' options (recipes.h): --recipe and one per recipe setting,
// their help saying which recipes read each. readRecipeValues sets the
// options given into `values`, refusing one the recipe does not read
// (`reads`: its settings, or those its replay reads).
// `replay`: only the recipes that draw from NumPy and what their replays read.
void addRecipeOptions(QCommandLineParser& parser, bool replay = false);
const Recipe& readRecipeName(const QCommandLineParser& parser);
// `what` names what the options apply to, %1 the recipe ("the %1 recipe").
void readRecipeValues(const QCommandLineParser& parser, const Recipe& recipe, std::span<const Setting> reads,
                      RecipeValues& values, const QString& what = "the %1 recipe");

// The box rules' options (keeprules.h): --box-rule and one per threshold,
// their help naming the rules that read each and their defaults.
// readKeepRule refuses a threshold the chosen rule does not read.
void addKeepRuleOptions(QCommandLineParser& parser);
const KeepRule& readKeepRule(const QCommandLineParser& parser, KeepValues& values);
// Options that take one value per source ("--boxes a.txt b.txt"): each
// value after the flag up to the next option becomes its own "--flag
// value", so QCommandLineParser sees the option repeated.
QStringList spreadListOptions(const QStringList& args, const QStringList& flags);

// The classes of the sources: A and B from --label-a/--label-b or their
// folders, the others from their folders or names.
std::vector<std::string> sourceLabels(const QCommandLineParser& parser,
                                      const std::vector<std::filesystem::path>& paths);
// --sources K (multi-source CutMix from a dataset), checked.
void readSources(const QCommandLineParser& parser, Params& p);

// Parses args (program name first); prints help and returns false when asked
// for it; throws UsageError on unknown options or missing values.
bool parseOrHelp(QCommandLineParser& parser, const QStringList& args);

// Set by Ctrl-C (SIGINT) or SIGTERM while a long command runs it: the
// command stops cleanly at the next sample or frame.
extern std::atomic<bool> gInterrupted;
void onInterrupt(int);

} // namespace cutmix::cli
