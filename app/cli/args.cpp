#include "args.h"

#include "constants.h"
#include "draw.h"
#include "labels.h"
#include "method.h"
#include "params.h"
#include "recipes.h"

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

// A setting's flag, from its key (cutout_size: --cutout-size); the one
// older spelling is --classes for num_classes.
QString optionName(Setting s)
{
    if (s == Setting::NumClasses)
        return "classes";
    return QString::fromUtf8(settingKey(s).data(), qsizetype(settingKey(s).size())).replace('_', '-');
}

} // namespace

QString flagOf(Setting s)
{
    if (s == Setting::Output)
        return "-o/--output";
    if (settingKey(s).empty())
        return {};
    return "--" + optionName(s);
}

bool isArgumentError(const Error& e)
{
    // A setting the user gave as an argument; the output path and the state
    // of files are not (exit code 1).
    return !flagOf(e.setting()).isEmpty() && e.setting() != Setting::Output;
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
    const QString flag = flagOf(e.setting());
    return flag.isEmpty() ? message : flag + ": " + message;
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

QString methodHelp(MethodSet set)
{
    QString help = "The mixing method (default cutmix):";
    for (std::string_view family : set == MethodSet::All ? allMethodFamilies() : methodFamilies()) {
        const Method& m = methodFor(family);
        help += QString("\n  %1: %2")
                    .arg(text(family), m.isConvention() ? QString("CutMix (Yun et al., ICCV 2019); "
                                                                  "see --convention")
                                                        : text(m.description));
    }
    return help;
}

namespace
{

QString valueName(const ParamSpec& spec)
{
    switch (spec.kind) {
    case ParamKind::Number:
        return "x";
    case ParamKind::Whole:
    case ParamKind::Natural:
        return "n";
    case ParamKind::Range:
        return "lo,hi";
    case ParamKind::Choice:
        return "name";
    case ParamKind::Switch:
        return "yes|no";
    }
    return "x";
}

} // namespace

// "<help> (<accepted>; default <default>)." from the parameter's row.
QString optionHelp(const ParamSpec& spec)
{
    QStringList notes;
    if (spec.kind != ParamKind::Natural && spec.kind != ParamKind::Switch)
        notes << QString::fromStdString(acceptedText(spec));
    if (spec.kind != ParamKind::Switch)
        notes << "default " + QString::fromStdString(defaultText(spec));
    return text(spec.help) + (notes.isEmpty() ? "" : " (" + notes.join("; ") + ")") + ".";
}

ParamValue parseParam(const ParamSpec& spec, const QString& value)
{
    const QString flag = flagOf(spec.setting);
    ParamValue v = defaultValue(spec);
    if (spec.optional && value.trimmed() == "off")
        return v; // unset
    switch (spec.kind) {
    case ParamKind::Number:
        v.a = toDouble(flag, value);
        break;
    case ParamKind::Whole:
        v.a = double(toIntIn(flag, value, -1'000'000'000, 1'000'000'000));
        break;
    case ParamKind::Range: {
        const MinMax r = toRange(flag, value);
        v.a = r.lo;
        v.b = r.hi;
        break;
    }
    case ParamKind::Choice:
        v.a = asUsage([&] { return choiceIndex(spec, value.trimmed().toStdString()); });
        break;
    case ParamKind::Switch:
        v.a = toYesNo(flag, value) ? 1.0 : 0.0;
        break;
    case ParamKind::Natural:
        v.n = toUInt64(flag, value);
        break;
    }
    return v;
}

void addParamOption(QCommandLineParser& parser, Setting s)
{
    const ParamSpec& spec = paramSpec(s);
    parser.addOption({optionName(s), optionHelp(spec), valueName(spec)});
}

void addParamOptions(QCommandLineParser& p, MethodSet set)
{
    p.addOptions({
        {"preset", "Start from the parameters and seed of a preset saved by the window.", "file"},
        {"method", methodHelp(set), "name"},
        {"convention", conventionHelp(), "name"},
    });
    // Every parameter of the table; the number of sources is each command's
    // own (mix counts its images).
    for (const ParamSpec& spec : paramSpecs())
        if (spec.setting != Setting::Sources)
            addParamOption(p, spec.setting);
}

void readParamOption(const QCommandLineParser& parser, Setting s, Params& params)
{
    if (parser.isSet(optionName(s)))
        setParamValue(params, s, parseParam(paramSpec(s), parser.value(optionName(s))));
}

void addRecipeOptions(QCommandLineParser& parser, bool replay)
{
    // A replay knows the recipes that draw from NumPy, and the settings their
    // replays read.
    auto reads = [replay](const Recipe& r, Setting s) {
        const auto list = replay ? r.replaySettings : r.settings;
        return std::find(list.begin(), list.end(), s) != list.end();
    };
    QString help =
        replay ? "The training code whose NumPy draws to replay:" : "The library whose batch logic to follow:";
    for (const Recipe& r : recipes())
        if (!replay || r.replayable())
            help += QString("\n  %1: %2").arg(text(r.name), text(r.description));
    parser.addOption(
        {"recipe", help + (replay ? QString() : QString("\n(default %1).").arg(text(defaultRecipe().name))), "name"});
    for (const ParamSpec& spec : recipeSpecs()) {
        // Which recipes read it, and each one's default.
        QStringList readers, names;
        for (const Recipe& r : recipes())
            if (reads(r, spec.setting)) {
                names << text(r.name);
                readers << text(r.name) + " " +
                               QString::fromStdString(valueText(spec, recipeValue(r.defaults, spec.setting)));
            }
        if (readers.isEmpty() && !(spec.setting == Setting::Partner && !replay))
            continue;
        QString h = text(spec.help) + ". ";
        if (spec.optional)
            h += "Default: " + text(spec.zeroText) + (names.isEmpty() ? "" : " (read by " + names.join(", ") + ")") +
                 "; 'off' sets it back.";
        else
            h += "Default: " + readers.join(", ") + ".";
        parser.addOption({optionName(spec.setting), h, valueName(spec)});
    }
}

const Recipe& readRecipeName(const QCommandLineParser& parser)
{
    if (!parser.isSet("recipe"))
        return defaultRecipe();
    return asUsageFor("--recipe", [&]() -> const Recipe& { return recipeNamed(parser.value("recipe").toStdString()); });
}

void readRecipeValues(const QCommandLineParser& parser, const Recipe& recipe, std::span<const Setting> reads,
                      RecipeValues& values, const QString& what)
{
    for (const ParamSpec& spec : recipeSpecs()) {
        const QString name = optionName(spec.setting);
        if (!parser.optionNames().contains(name)) // not given (or not an option here)
            continue;
        if (std::find(reads.begin(), reads.end(), spec.setting) == reads.end())
            throw UsageError(QString("--%1 does not apply to %2").arg(name, what.arg(text(recipe.name))));
        setRecipeValue(values, spec.setting, parseParam(spec, parser.value(name)));
    }
}

void addKeepRuleOptions(QCommandLineParser& parser)
{
    QString help = "Which boxes a mix keeps, by each library's rule (default " + text(defaultKeepRule().name) + "):";
    for (const KeepRule& r : keepRules())
        help += QString("\n  %1: %2").arg(text(r.name), text(r.description));
    parser.addOption({"box-rule", help, "name"});
    for (const ParamSpec& spec : keepSpecs()) {
        if (spec.setting == Setting::BoxRule)
            continue;
        QStringList readers;
        for (const KeepRule& r : keepRules())
            if (r.uses(spec.setting))
                readers << text(r.name) + " " +
                               QString::fromStdString(valueText(spec, keepValue(r.defaults, spec.setting)));
        parser.addOption(
            {optionName(spec.setting), text(spec.help) + ". Default: " + readers.join(", ") + ".", valueName(spec)});
    }
}

const KeepRule& readKeepRule(const QCommandLineParser& parser, KeepValues& values)
{
    const KeepRule& rule =
        parser.isSet("box-rule")
            ? asUsageFor("--box-rule",
                         [&]() -> const KeepRule& { return keepRuleNamed(parser.value("box-rule").toStdString()); })
            : defaultKeepRule();
    values = rule.defaults;
    for (const ParamSpec& spec : keepSpecs()) {
        const QString name = optionName(spec.setting);
        if (spec.setting == Setting::BoxRule || !parser.isSet(name))
            continue;
        if (!rule.uses(spec.setting))
            throw UsageError(QString("--%1 does not apply to the %2 box rule (it reads %3)")
                                 .arg(
                                     name, text(rule.name), rule.settings.empty() ? QString("no threshold") : [&] {
                                         QStringList flags;
                                         for (Setting s : rule.settings)
                                             flags << flagOf(s);
                                         return flags.join(", ");
                                     }()));
        const ParamValue v = parseParam(spec, parser.value(name));
        asUsage([&] { setKeepValue(values, spec.setting, v); });
    }
    return rule;
}

QStringList spreadListOptions(const QStringList& args, const QStringList& flags)
{
    QStringList out;
    QString current;        // the list option whose values these are
    bool afterFlag = false; // the flag itself was the last argument
    for (const QString& a : args) {
        if (a.startsWith('-')) {
            current = flags.contains(a) ? a : QString();
            afterFlag = !current.isEmpty();
            out << a;
            continue;
        }
        if (!current.isEmpty() && !afterFlag)
            out << current;
        afterFlag = false;
        out << a;
    }
    return out;
}

Params readParams(const QCommandLineParser& p, MethodSet set)
{
    Params params;
    if (p.isSet("preset"))
        params = asUsage([&] { return loadPreset(p.value("preset").toStdString()); });
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
    for (const ParamSpec& spec : paramSpecs())
        if (spec.setting != Setting::Sources)
            readParamOption(p, spec.setting, params);
    asUsage([&] { checkParams(params); });
    if (set == MethodSet::Pairs)
        asUsageFor(p.isSet("method") ? "--method" : "--preset", [&] { checkMixesPair(params); });
    return params;
}

// The classes of the sources: A and B from --label-a/--label-b or their
// folders, the others from their folders or names.
std::vector<std::string> sourceLabels(const QCommandLineParser& parser, const std::vector<std::filesystem::path>& paths)
{
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < paths.size(); ++k) {
        const std::filesystem::path& other = paths[k == 0 && paths.size() > 1 ? 1 : 0];
        const char* flag = k == 0 ? "label-a" : k == 1 ? "label-b" : nullptr;
        labels.push_back(flag && parser.isSet(flag) ? parser.value(flag).toStdString() : defaultLabel(paths[k], other));
    }
    return labels;
}

// --sources K: multi-source CutMix from a dataset.
void readSources(const QCommandLineParser& parser, Params& p)
{
    readParamOption(parser, Setting::Sources, p);
    asUsage([&] { checkParams(p); });
    // A window's preset of Mosaic holds its four images as its sources
    // (StudioModel: one per source loaded), which is what Mosaic mixes.
    const bool presetOfItsImages = !parser.isSet("sources") && p.sources == sourceCount(p);
    if (p.sources > 2 && !p.method->takes(Setting::Sources) && !presetOfItsImages)
        throw UsageError("--sources: more than two sources are for --method cutmix");
}

bool parseOrHelp(QCommandLineParser& parser, const QStringList& args)
{
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    if (!parser.parse(args))
        throw UsageError(parser.errorText());
    if (parser.isSet(help)) {
        // Qt names the executable's path (or nothing, without an
        // application object); the usage line names the command instead.
        QString text = parser.helpText();
        const qsizetype end = text.indexOf(" [options]");
        if (text.startsWith("Usage: ") && end > 0)
            text.replace(7, end - 7, args.value(0));
        QTextStream(stdout) << text;
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
