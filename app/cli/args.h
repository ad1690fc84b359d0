// Parsing command-line values into core types, with messages that name the
// option and the text that was wrong.
#pragma once

#include "box.h"
#include "draw.h"

#include <QCommandLineParser>
#include <QString>
#include <stdexcept>

namespace cutmix::cli
{

// A wrong argument: printed with the subcommand's name, exit code 2.
class UsageError : public std::runtime_error
{
public:
    explicit UsageError(const QString& m) : std::runtime_error(m.toStdString()) {}
};

double toDouble(const QString& option, const QString& text);
long long toInt(const QString& option, const QString& text);
std::uint64_t toUInt64(const QString& option, const QString& text);
Size toSize(const QString& option, const QString& text);   // WxH
Point toPoint(const QString& option, const QString& text); // X,Y
bool toYesNo(const QString& option, const QString& text);

// Options shared by every subcommand that draws: alpha, seed, index,
// convention, correction, minmax, resize, labels' smoothing and classes,
// and a preset file that gives defaults for all of them.
void addParamOptions(QCommandLineParser& parser);
Params readParams(const QCommandLineParser& parser);

// Parses args (program name first); prints help and returns false when asked
// for it; throws UsageError on unknown options or missing values.
bool parseOrHelp(QCommandLineParser& parser, const QStringList& args);

} // namespace cutmix::cli
