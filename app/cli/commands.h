// The commands of `cutmix`, in one table: each command's name, its line in
// the usage text, what it needs loaded, and the function that runs it. The
// usage text, the dispatch, the choice between the light executable and the
// libraries with the image codecs, the application type, the tests that loop
// over every command and the man page all read this table. A command is one
// file in commands/ and one row in commands.cpp.
#pragma once

#include "draw.h"
#include "lamstats.h"

#include <QStringList>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace cutmix::cli
{

// What a command needs: the math alone (the `cutmix` executable runs it with
// Qt Core, without loading the image codecs), images (libcutmix-cli.so),
// painting too (fonts: QtGui), or video (libcutmix-animate.so, the only one
// that loads OpenCV's videoio and FFmpeg).
enum class Needs { Math, Images, Painting, Video };

struct Command {
    std::string_view name;
    std::string_view summary; // its line in the usage text
    Needs needs = Needs::Images;
    // args[0] is "cutmix <name>"; returns the exit code (constants.h).
    int (*run)(const QStringList& args) = nullptr;
    // Where the arguments change what it needs (stats --plot paints).
    Needs (*needsFor)(const QStringList& args) = nullptr;
};

std::span<const Command> commands();
const Command* findCommand(std::string_view name);
Needs needsOf(const Command& c, const QStringList& args);
// "Usage: cutmix <command> [options]" and a line per command.
std::string usageText();

// Runs a command, turning its errors into a message on standard error that
// names the command, and into the exit code (2 for an argument, 1 otherwise).
int guarded(std::string_view command, int (*run)(const QStringList&), const QStringList& args);

// The commands. Those that need the codecs are in the shared libraries:
// declared weak, they are null in the light executable, which loads the
// library instead (main.cpp).
int cmdBox(const QStringList& args);
int cmdSample(const QStringList& args);
int cmdStats(const QStringList& args);
int cmdReplay(const QStringList& args);
[[gnu::weak]] int cmdMix(const QStringList& args);
[[gnu::weak]] int cmdExport(const QStringList& args);
[[gnu::weak]] int cmdMerge(const QStringList& args);
[[gnu::weak]] int cmdGrid(const QStringList& args);
[[gnu::weak]] int cmdCompare(const QStringList& args);
[[gnu::weak]] int cmdBatch(const QStringList& args);
[[gnu::weak]] int cmdAudit(const QStringList& args);
[[gnu::weak]] int cmdAnimate(const QStringList& args);

// stats --plot: the painter the image library provides (render/statsplot),
// set by it before a command runs; null in the light executable.
using PlotWriter = void (*)(const std::filesystem::path& path, const LamStats& stats, const Params& params,
                            const std::vector<Size>& sizes);
extern PlotWriter gPlotWriter;

} // namespace cutmix::cli
