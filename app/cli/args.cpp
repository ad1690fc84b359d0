#include "args.h"

#include "error.h"

#include <QFile>
#include <QTextStream>
#include <cmath>

namespace cutmix::cli
{

namespace
{

QString quote(const QString& t)
{
    return "'" + t + "'";
}

} // namespace

double toDouble(const QString& option, const QString& text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok)
        throw UsageError(option + ": " + quote(text) + " is not a number");
    return v;
}

long long toInt(const QString& option, const QString& text)
{
    bool ok = false;
    const long long v = text.trimmed().toLongLong(&ok);
    if (!ok)
        throw UsageError(option + ": " + quote(text) + " is not a whole number");
    return v;
}

std::uint64_t toUInt64(const QString& option, const QString& text)
{
    bool ok = false;
    const std::uint64_t v = text.trimmed().toULongLong(&ok);
    if (!ok || text.trimmed().startsWith('-'))
        throw UsageError(option + ": " + quote(text) + " is not a whole number >= 0");
    return v;
}

Size toSize(const QString& option, const QString& text)
{
    const QStringList parts = text.toLower().split('x');
    if (parts.size() != 2)
        throw UsageError(option + ": " + quote(text) + " is not a size like 224x224");
    const long long w = toInt(option, parts[0]);
    const long long h = toInt(option, parts[1]);
    if (w < 1 || h < 1 || w > 1'000'000 || h > 1'000'000)
        throw UsageError(option + ": " + quote(text) + " must have both sides between 1 and 1000000");
    return {static_cast<int>(w), static_cast<int>(h)};
}

Point toPoint(const QString& option, const QString& text)
{
    const QStringList parts = text.split(',');
    if (parts.size() != 2)
        throw UsageError(option + ": " + quote(text) + " is not a point like 112,112");
    const long long x = toInt(option, parts[0]);
    const long long y = toInt(option, parts[1]);
    if (std::llabs(x) > 1'000'000 || std::llabs(y) > 1'000'000)
        throw UsageError(option + ": " + quote(text) + " is out of range");
    return {static_cast<int>(x), static_cast<int>(y)};
}

bool toYesNo(const QString& option, const QString& text)
{
    const QString t = text.toLower();
    if (t == "yes" || t == "true" || t == "1" || t == "on")
        return true;
    if (t == "no" || t == "false" || t == "0" || t == "off")
        return false;
    throw UsageError(option + ": " + quote(text) + " is not yes or no");
}

void addParamOptions(QCommandLineParser& p)
{
    p.addOptions({
        {"preset", "Start from the parameters and seed of a preset saved by the window.", "file"},
        {"alpha", "Beta(alpha, alpha) parameter, > 0 (default 1).", "a"},
        {"seed", "Random seed (default 0).", "s"},
        {"index", "Sample index under the seed (default 0).", "i"},
        {"convention", "official, official-raw, keras-cv, kornia or timm-minmax (default official).", "name"},
        {"correct-lam", "yes/no: weight from the clipped box area (official, kornia).", "yes|no"},
        {"minmax", "timm-minmax cut bounds lo,hi as fractions of the side (default 0.2,0.8).", "lo,hi"},
        {"resize", "resize-b (default) or center-crop, for pairs of different sizes.", "policy"},
        {"smoothing", "Label smoothing in [0, 1] (default 0).", "s"},
        {"classes", "Number of classes K of the soft label (default: the classes named).", "K"},
    });
}

Params readParams(const QCommandLineParser& p)
{
    Params params;
    try {
        if (p.isSet("preset"))
            params = loadPreset(p.value("preset").toStdString());
        if (p.isSet("alpha"))
            params.alpha = toDouble("--alpha", p.value("alpha"));
        if (p.isSet("seed"))
            params.seed = toUInt64("--seed", p.value("seed"));
        if (p.isSet("index"))
            params.index = toUInt64("--index", p.value("index"));
        if (p.isSet("convention"))
            params.convention = parseConvention(p.value("convention").toStdString());
        if (p.isSet("correct-lam"))
            params.correctLam = toYesNo("--correct-lam", p.value("correct-lam"));
        if (p.isSet("minmax")) {
            const QStringList mm = p.value("minmax").split(',');
            if (mm.size() != 2)
                throw UsageError("--minmax: " + quote(p.value("minmax")) + " is not two numbers lo,hi");
            params.minmax = {toDouble("--minmax", mm[0]), toDouble("--minmax", mm[1])};
        }
        if (p.isSet("resize"))
            params.resize = parseResizePolicy(p.value("resize").toStdString());
        if (p.isSet("smoothing"))
            params.smoothing = toDouble("--smoothing", p.value("smoothing"));
        if (p.isSet("classes")) {
            const long long k = toInt("--classes", p.value("classes"));
            if (k < 1 || k > 1'000'000)
                throw UsageError("--classes: must be between 1 and 1000000");
            params.numClasses = static_cast<int>(k);
        }
        checkParams(params);
    } catch (const Error& e) {
        throw UsageError(QString::fromStdString(e.what()));
    }
    return params;
}

bool parseOrHelp(QCommandLineParser& parser, const QStringList& args)
{
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    if (!parser.parse(args))
        throw UsageError(parser.errorText());
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        return false;
    }
    return true;
}

} // namespace cutmix::cli
