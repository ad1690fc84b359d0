// The commands that read no image (box, sample, stats without a plot,
// replay) and what every command shares: the usage text and the mapping of
// errors to exit codes. They link only the math (cutmix_math) and Qt Core, so
// `cutmix` runs them without loading the image codecs (see main.cpp).
#pragma once

#include "draw.h"
#include "lamstats.h"

#include <QStringList>
#include <filesystem>
#include <functional>
#include <string>

namespace cutmix::cli
{

extern const char* const kUsage;

// Writes the statistics' plot (render/statsplot); null where QtGui is not linked.
using PlotWriter = void (*)(const std::filesystem::path&, const LamStats&, const Params&, Size);

int cmdBox(const QStringList& args);
int cmdSample(const QStringList& args);
int cmdStats(const QStringList& args, PlotWriter plot);
int cmdReplay(const QStringList& args);

// Runs a command, turning its errors into a message on standard error that
// names `command` and the exit code (2 for an argument, 1 otherwise).
int guarded(const std::string& command, const std::function<int()>& body);

// True when `cutmix <arguments>` reads no image and draws no picture, so the
// light part runs it.
bool isPureCommand(const QStringList& arguments);
// Runs such a command; the arguments as for run().
int runPure(const QStringList& arguments);

} // namespace cutmix::cli
