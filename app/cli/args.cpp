#include "args.h"

#include "constants.h"
#include "method.h"

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

const char* flagOf(Setting s)
{
    switch (s) {
    case Setting::Alpha:
        return "--alpha";
    case Setting::MixupAlpha:
        return "--mixup-alpha";
    case Setting::CutmixAlpha:
        return "--cutmix-alpha";
    case Setting::Prob:
        return "--prob";
    case Setting::SwitchProb:
        return "--switch-prob";
    case Setting::BatchSize:
        return "--batch-size";
    case Setting::Lam:
        return "--lam";
    case Setting::Size:
        return "--size";
    case Setting::Count:
        return "--count";
    case Setting::Classes:
        return "--classes";
    case Setting::Smoothing:
        return "--smoothing";
    case Setting::MinMax:
        return "--minmax";
    case Setting::Scale:
        return "--scale";
    case Setting::Decay:
        return "--decay";
    case Setting::CutoutSize:
        return "--cutout-size";
    case Setting::Sources:
        return "--sources";
    case Setting::Method:
        return "--method";
    case Setting::Quality:
        return "--quality";
    case Setting::Format:
        return "--format";
    case Setting::Shard:
        return "--shard";
    case Setting::Layout:
        return "--layout";
    case Setting::ShardSamples:
        return "--shard-samples";
    case Setting::Output:
        return "-o/--output";
    case Setting::None:
    case Setting::ForceOutput:
    case Setting::Strict:
        break;
    }
    return nullptr;
}

} // namespace

bool isArgumentError(const Error& e)
{
    // A setting the user gave as an argument; the output path and the state
    // of files are not (exit code 1).
    return flagOf(e.setting()) != nullptr && e.setting() != Setting::Output;
}

QString describe(const Error& e)
{
    const QString message = QString::fromStdString(e.what());
    switch (e.setting()) {
    case Setting::ForceOutput:
        return message + " (use --force to export into it)";
    case Setting::Strict:
        return message + " (--strict)";
    default:
        break;
    }
    const char* flag = flagOf(e.setting());
    return flag ? QString(flag) + ": " + message : message;
}

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

long long toIntIn(const QString& option, const QString& text, long long lo, long long hi)
{
    const long long v = toInt(option, text);
    if (v < lo || v > hi)
        throw UsageError(QString("%1: must be between %2 and %3 (got %4)").arg(option).arg(lo).arg(hi).arg(v));
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

Size toSize(const QString& option, const QString& text, int minSide)
{
    const QStringList parts = text.toLower().split('x');
    if (parts.size() != 2)
        throw UsageError(option + ": " + quote(text) + " is not a size like 224x224");
    const long long w = toInt(option, parts[0]);
    const long long h = toInt(option, parts[1]);
    if (w < minSide || h < minSide || w > 1'000'000 || h > 1'000'000)
        throw UsageError(option + ": " + quote(text) +
                         QString(" must have both sides between %1 and 1000000").arg(minSide));
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

MinMax toRange(const QString& option, const QString& text)
{
    const QStringList parts = text.split(',');
    if (parts.size() != 2)
        throw UsageError(option + ": " + quote(text) + " is not two numbers lo,hi");
    return {toDouble(option, parts[0]), toDouble(option, parts[1])};
}

const Method& toMethod(const QString& option, const QString& text)
{
    try {
        return methodFor("cutmix", text.toStdString());
    } catch (const Error& e) {
        throw UsageError(option + ": " + e.what());
    }
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

namespace
{

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

QString conventionHelp()
{
    QString help = QString("CutMix: whose box and weight to reproduce (default %1):").arg(text(defaultMethod().name));
    for (const Method& m : methods())
        if (m.isConvention())
            help += QString("\n  %1: %2").arg(text(m.name), text(m.description));
    return help;
}

QString methodHelp()
{
    QString help = "The mixing method (default cutmix):";
    for (std::string_view family : methodFamilies()) {
        const Method& m = methodFor(family);
        help += QString("\n  %1: %2")
                    .arg(text(family), m.isConvention() ? QString("CutMix (Yun et al., ICCV 2019); "
                                                                  "see --convention")
                                                        : text(m.description));
    }
    return help;
}

void addParamOptions(QCommandLineParser& p)
{
    p.addOptions({
        {"preset", "Start from the parameters and seed of a preset saved by the window.", "file"},
        {"method", methodHelp(), "name"},
        {"alpha", QString("Beta(alpha, alpha) parameter, > 0 and <= %1 (default 1).").arg(kAlphaMax), "a"},
        {"seed", "Random seed (default 0).", "s"},
        {"index", "Sample index under the seed (default 0).", "i"},
        {"convention", conventionHelp(), "name"},
        {"scale", "resizemix: the range of the patch scale tau, lo,hi (default 0.1,0.8).", "lo,hi"},
        {"decay", "fmix: the decay power of the Fourier spectrum (default 3).", "d"},
        {"cutout-size", "cutout: the side of the square as a fraction of the shorter side (default 0.5).", "f"},
        {"fill", "cutout: constant (default) or noise.", "kind"},
        {"fill-value", "cutout: the constant, 0-255 (default 0; times 257 for 16-bit images).", "v"},
        {"rounding", "mixup: timm (default; float32 blend, round half to even) or exact (double).", "rule"},
        {"correct-lam", "yes/no: weight from the clipped box area (conventions with the switch).", "yes|no"},
        {"minmax", "The cut range lo,hi as fractions of the side, for timm's cutmix_minmax (default 0.2,0.8).",
         "lo,hi"},
        {"resize", "resize-b (default) or center-crop, for pairs of different sizes.", "policy"},
        {"smoothing", "Label smoothing in [0, 1] (default 0).", "s"},
        {"classes", "Number of classes K of the soft label (default: the classes named).", "K"},
    });
}

Params readParams(const QCommandLineParser& p)
{
    Params params;
    if (p.isSet("preset"))
        params = asUsage([&] { return loadPreset(p.value("preset").toStdString()); });
    if (p.isSet("alpha"))
        params.alpha = toDouble("--alpha", p.value("alpha"));
    if (p.isSet("seed"))
        params.seed = toUInt64("--seed", p.value("seed"));
    if (p.isSet("index"))
        params.index = toUInt64("--index", p.value("index"));
    if (p.isSet("method") || p.isSet("convention")) {
        const std::string method =
            p.isSet("method") ? p.value("method").toStdString() : std::string(params.method->family);
        params.method = &asUsageFor("--method", [&]() -> const Method& { return methodFor(method); });
        if (p.isSet("convention")) {
            const std::string convention = p.value("convention").toStdString();
            params.method =
                &asUsageFor("--convention", [&]() -> const Method& { return methodFor(method, convention); });
        }
    }
    if (p.isSet("scale"))
        params.scale = toRange("--scale", p.value("scale"));
    if (p.isSet("decay"))
        params.decay = toDouble("--decay", p.value("decay"));
    if (p.isSet("cutout-size"))
        params.cutoutSize = toDouble("--cutout-size", p.value("cutout-size"));
    if (p.isSet("fill"))
        params.fill = asUsageFor("--fill", [&] { return parseCutoutFill(p.value("fill").toStdString()); });
    if (p.isSet("fill-value"))
        params.fillValue = static_cast<int>(toIntIn("--fill-value", p.value("fill-value"), 0, 255));
    if (p.isSet("rounding"))
        params.rounding = asUsageFor("--rounding", [&] { return parseRounding(p.value("rounding").toStdString()); });
    if (p.isSet("correct-lam"))
        params.correctLam = toYesNo("--correct-lam", p.value("correct-lam"));
    if (p.isSet("minmax"))
        params.minmax = toRange("--minmax", p.value("minmax"));
    if (p.isSet("resize")) {
        try {
            params.resize = parseResizePolicy(p.value("resize").toStdString());
        } catch (const Error& e) {
            throw UsageError(QString("--resize: ") + e.what());
        }
    }
    if (p.isSet("smoothing"))
        params.smoothing = toDouble("--smoothing", p.value("smoothing"));
    if (p.isSet("classes"))
        params.numClasses = static_cast<int>(toIntIn("--classes", p.value("classes"), 1, 1'000'000));
    asUsage([&] { checkParams(params); });
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

std::atomic<bool> gInterrupted{false};

void onInterrupt(int)
{
    gInterrupted = true;
}

} // namespace cutmix::cli
