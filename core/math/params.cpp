#include "params.h"

#include "beta.h"
#include "constants.h"
#include "draw.h"
#include "error.h"
#include "jsonnumber.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace cutmix
{

using nlohmann::json;

namespace
{

constexpr std::string_view kFillNames[] = {"constant", "noise"};         // CutoutFill's order
constexpr std::string_view kRoundingNames[] = {"timm", "exact"};         // MixupRounding's order
constexpr std::string_view kResizeNames[] = {"resize-b", "center-crop"}; // ResizePolicy's order

ParamSpec number(Setting s, std::string_view label, std::string_view what, std::string_view help, double lo, double hi,
                 double def, int decimals, double step)
{
    ParamSpec p;
    p.setting = s;
    p.label = label;
    p.what = what;
    p.help = help;
    p.kind = ParamKind::Number;
    p.lo = lo;
    p.hi = hi;
    p.def = def;
    p.decimals = decimals;
    p.step = step;
    return p;
}

std::vector<ParamSpec> makeTable()
{
    std::vector<ParamSpec> t;

    ParamSpec alpha =
        number(Setting::Alpha, "α", "alpha",
               "λ ~ Beta(α, α): small α puts λ near 0 or 1, α = 1 makes it uniform, large α puts it near 0.5", 0.0,
               kAlphaMax, 1.0, 3, 0.05);
    alpha.loOpen = true;
    alpha.check = checkAlpha;
    alpha.sliderLo = kAlphaSliderMin;
    alpha.sliderHi = kAlphaSliderMax;
    t.push_back(alpha);

    ParamSpec correct;
    correct.setting = Setting::CorrectLam;
    correct.label = "Correct λ from the clipped area";
    correct.what = "the correction";
    correct.help = "yes/no: the weight from the clipped box area (conventions with the switch; default: the "
                   "library's own)";
    correct.kind = ParamKind::Switch;
    correct.optional = true;
    correct.zeroText = "the library's default";
    t.push_back(correct);

    ParamSpec minmax = number(Setting::MinMax, "Cut range", "the cut range",
                              "timm's cutmix_minmax: the cut side's range lo,hi as fractions of the image side", 0.0,
                              1.0, 0.2, 2, 0.05);
    minmax.kind = ParamKind::Range;
    minmax.def2 = 0.8;
    minmax.strictRange = true;
    t.push_back(minmax);

    ParamSpec sources = number(Setting::Sources, "Sources", "the number of sources",
                               "CutMix: the images one draw mixes (multi-source CutMix)", 2, kMaxSources, 2, 0, 1);
    sources.kind = ParamKind::Whole;
    t.push_back(sources);

    ParamSpec scale =
        number(Setting::Scale, "Scale τ", "the scale range",
               "ResizeMix: the range lo,hi of the patch scale τ, drawn uniformly between them", 0.0, 1.0, 0.1, 2, 0.05);
    scale.kind = ParamKind::Range;
    scale.def2 = 0.8;
    scale.loOpen = true;
    t.push_back(scale);

    t.push_back(number(Setting::Decay, "Decay", "the decay power",
                       "FMix: the spectrum falls as 1/f^decay; larger values give smoother, blobbier masks", 0.0, 20.0,
                       3.0, 2, 0.25));

    ParamSpec size =
        number(Setting::CutoutSize, "Size", "the Cutout size",
               "Cutout: the square's side as a fraction of the shorter image side", 0.0, 1.0, 0.5, 2, 0.05);
    size.loOpen = true;
    t.push_back(size);

    ParamSpec fill;
    fill.setting = Setting::Fill;
    fill.label = "Fill";
    fill.what = "the Cutout fill";
    fill.help = "Cutout: what fills the square, a constant or uniform noise";
    fill.kind = ParamKind::Choice;
    fill.choices = kFillNames;
    t.push_back(fill);

    ParamSpec value = number(Setting::FillValue, "Fill value", "the Cutout fill value",
                             "Cutout: the constant, times 257 for 16-bit images", 0, 255, 0, 0, 1);
    value.kind = ParamKind::Whole;
    value.onlyWith = Setting::Fill;
    value.onlyWithValue = 0; // constant
    t.push_back(value);

    ParamSpec rounding;
    rounding.setting = Setting::Rounding;
    rounding.label = "Rounding";
    rounding.what = "the rounding";
    rounding.help = "MixUp: timm (a float32 blend rounded half to even, as timm's fast collate) or exact (the blend "
                    "in double)";
    rounding.kind = ParamKind::Choice;
    rounding.choices = kRoundingNames;
    t.push_back(rounding);

    ParamSpec tile = number(Setting::MosaicSize, "Tile size s", "the mosaic size",
                            "Mosaic: each image is resized to long side s and placed on a 2s × 2s canvas "
                            "(Ultralytics' imgsz)",
                            2, 8192, 640, 0, 32);
    tile.kind = ParamKind::Whole;
    t.push_back(tile);

    ParamSpec areas =
        number(Setting::NumAreas, "Candidate cuts", "the number of candidate cuts",
               "Ultralytics CutMix: the cuts drawn; one that overlaps none of A's boxes is pasted", 1, 64, 3, 0, 1);
    areas.kind = ParamKind::Whole;
    t.push_back(areas);

    ParamSpec resize;
    resize.setting = Setting::Resize;
    resize.label = "Sizes differ";
    resize.what = "the resize policy";
    resize.help = "resize-b (the others resized to A's size) or center-crop (all cropped to their common size), for "
                  "images of different sizes";
    resize.kind = ParamKind::Choice;
    resize.choices = kResizeNames;
    resize.ofMethod = false;
    t.push_back(resize);

    ParamSpec smoothing = number(Setting::Smoothing, "Label smoothing", "label smoothing",
                                 "Label smoothing of the soft label", 0.0, 1.0, 0.0, 3, 0.01);
    smoothing.ofMethod = false;
    t.push_back(smoothing);

    ParamSpec classes =
        number(Setting::NumClasses, "Classes", "the number of classes",
               "Number of classes K of the soft label (0: as many as the classes named)", 0, 1'000'000, 0, 0, 1);
    classes.kind = ParamKind::Whole;
    classes.ofMethod = false;
    classes.zeroText = "as named";
    t.push_back(classes);

    for (Setting s : {Setting::Seed, Setting::Index}) {
        ParamSpec n;
        n.setting = s;
        n.label = s == Setting::Seed ? "Seed" : "Index";
        n.what = s == Setting::Seed ? "the seed" : "the index";
        n.help = s == Setting::Seed ? "Random seed" : "Sample index under the seed";
        n.kind = ParamKind::Natural;
        n.ofMethod = false;
        t.push_back(n);
    }
    return t;
}

std::string shortNumber(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string gotText(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

bool inRange(const ParamSpec& s, double v)
{
    if (!std::isfinite(v))
        return false;
    const bool aboveLo = s.loOpen ? v > s.lo : v >= s.lo;
    const bool belowHi = s.hiOpen ? v < s.hi : v <= s.hi;
    return aboveLo && belowHi;
}

} // namespace

std::span<const ParamSpec> paramSpecs()
{
    static const std::vector<ParamSpec> table = makeTable();
    return table;
}

bool isParam(Setting s)
{
    for (const ParamSpec& p : paramSpecs())
        if (p.setting == s)
            return true;
    return false;
}

const ParamSpec& paramSpec(Setting s)
{
    for (const ParamSpec& p : paramSpecs())
        if (p.setting == s)
            return p;
    throw Error("'" + std::string(settingKey(s)) + "' is not a parameter of a draw");
}

ParamValue defaultValue(const ParamSpec& spec)
{
    ParamValue v;
    v.a = spec.optional ? -1.0 : spec.def;
    v.b = spec.def2;
    return v;
}

ParamValues::ParamValues()
{
    for (const ParamSpec& p : paramSpecs())
        (*this)[p.setting] = defaultValue(p);
}

bool isParamField(Setting s)
{
    switch (s) {
    case Setting::Alpha:
    case Setting::CorrectLam:
    case Setting::Sources:
    case Setting::Resize:
    case Setting::Smoothing:
    case Setting::NumClasses:
    case Setting::Seed:
    case Setting::Index:
        return true;
    default:
        return false;
    }
}

ParamValue paramValue(const Params& p, Setting s)
{
    ParamValue v;
    switch (s) {
    case Setting::Alpha:
        v.a = p.alpha;
        return v;
    case Setting::CorrectLam:
        v.a = p.correctLam ? double(*p.correctLam) : -1.0;
        return v;
    case Setting::Sources:
        v.a = p.sources;
        return v;
    case Setting::Resize:
        v.a = double(p.resize);
        return v;
    case Setting::Smoothing:
        v.a = p.smoothing;
        return v;
    case Setting::NumClasses:
        v.a = p.numClasses;
        return v;
    case Setting::Seed:
        v.n = p.seed;
        return v;
    case Setting::Index:
        v.n = p.index;
        return v;
    default:
        return p.own[s];
    }
}

void setParamValue(Params& p, Setting s, const ParamValue& v)
{
    switch (s) {
    case Setting::Alpha:
        p.alpha = v.a;
        return;
    case Setting::CorrectLam:
        p.correctLam = v.a < 0 ? std::nullopt : std::optional<bool>(v.a != 0.0);
        return;
    case Setting::Sources:
        p.sources = static_cast<int>(v.a);
        return;
    case Setting::Resize:
        p.resize = static_cast<ResizePolicy>(static_cast<int>(v.a));
        return;
    case Setting::Smoothing:
        p.smoothing = v.a;
        return;
    case Setting::NumClasses:
        p.numClasses = static_cast<int>(v.a);
        return;
    case Setting::Seed:
        p.seed = v.n;
        return;
    case Setting::Index:
        p.index = v.n;
        return;
    default:
        paramSpec(s); // throws for a setting that is no parameter
        p.own[s] = v;
    }
}

std::string acceptedText(const ParamSpec& s)
{
    auto end = [](double v) { return shortNumber(v); };
    switch (s.kind) {
    case ParamKind::Number:
    case ParamKind::Whole:
        if (!s.loOpen && !s.hiOpen)
            return "between " + end(s.lo) + " and " + end(s.hi);
        return std::string(s.loOpen ? "> " : ">= ") + end(s.lo) + " and " + (s.hiOpen ? "< " : "<= ") + end(s.hi);
    case ParamKind::Range:
        return end(s.lo) + (s.loOpen ? " < lo " : " <= lo ") + (s.strictRange ? "< hi " : "<= hi ") +
               (s.hiOpen ? "< " : "<= ") + end(s.hi);
    case ParamKind::Choice: {
        std::string t;
        for (std::size_t i = 0; i < s.choices.size(); ++i)
            t += (i == 0 ? "" : i + 1 == s.choices.size() ? " or " : ", ") + std::string(s.choices[i]);
        return t;
    }
    case ParamKind::Switch:
        return "yes or no";
    case ParamKind::Natural:
        return "a whole number >= 0";
    }
    return "";
}

std::string valueText(const ParamSpec& s, const ParamValue& v)
{
    if (s.optional && v.a < 0.0)
        return std::string(s.zeroText.empty() ? "unset" : s.zeroText);
    switch (s.kind) {
    case ParamKind::Number:
    case ParamKind::Whole:
        return shortNumber(v.a);
    case ParamKind::Range:
        return shortNumber(v.a) + "," + shortNumber(v.b);
    case ParamKind::Choice:
        return std::string(choiceName(s, v));
    case ParamKind::Switch:
        return v.a != 0 ? "yes" : "no";
    case ParamKind::Natural:
        return std::to_string(v.n);
    }
    return "";
}

std::string defaultText(const ParamSpec& s)
{
    return valueText(s, defaultValue(s));
}

std::string_view choiceName(const ParamSpec& s, const ParamValue& v)
{
    const auto i = static_cast<std::size_t>(v.a);
    return v.a >= 0 && i < s.choices.size() ? s.choices[i] : std::string_view("?");
}

int choiceIndex(const ParamSpec& s, std::string_view name)
{
    for (std::size_t i = 0; i < s.choices.size(); ++i)
        if (s.choices[i] == name)
            return static_cast<int>(i);
    throw Error("unknown " + std::string(s.what.substr(s.what.starts_with("the ") ? 4 : 0)) + " '" + std::string(name) +
                    "' (expected " + acceptedText(s) + ")",
                s.setting);
}

void checkParamValue(const ParamSpec& s, const ParamValue& v)
{
    if (s.optional && v.a < 0.0)
        return;
    switch (s.kind) {
    case ParamKind::Number:
    case ParamKind::Whole:
        if (s.check)
            s.check(v.a);
        if (!inRange(s, v.a) || (s.kind == ParamKind::Whole && v.a != std::floor(v.a)))
            throw Error(std::string(s.what) + " must be " + (s.kind == ParamKind::Whole ? "a whole number " : "") +
                            acceptedText(s) + " (got " + gotText(v.a) + ")",
                        s.setting);
        return;
    case ParamKind::Range:
        if (!inRange(s, v.a) || !inRange(s, v.b) || (s.strictRange ? !(v.a < v.b) : !(v.a <= v.b)))
            throw Error(std::string(s.what) + " needs " + acceptedText(s) + " (got " + gotText(v.a) + "," +
                            gotText(v.b) + ")",
                        s.setting);
        return;
    case ParamKind::Choice:
        if (!(v.a >= 0 && v.a < double(s.choices.size()) && v.a == std::floor(v.a)))
            throw Error(std::string(s.what) + " must be " + acceptedText(s), s.setting);
        return;
    case ParamKind::Switch:
        if (!(v.a == 0.0 || v.a == 1.0))
            throw Error(std::string(s.what) + " must be yes or no", s.setting);
        return;
    case ParamKind::Natural:
        return;
    }
}

json paramToJson(const ParamSpec& s, const ParamValue& v)
{
    if (s.optional && v.a < 0.0)
        return nullptr;
    switch (s.kind) {
    case ParamKind::Number:
        return v.a;
    case ParamKind::Whole:
        return static_cast<long long>(v.a);
    case ParamKind::Range:
        return json::array({v.a, v.b});
    case ParamKind::Choice:
        return choiceName(s, v);
    case ParamKind::Switch:
        return v.a != 0.0;
    case ParamKind::Natural:
        return v.n;
    }
    return nullptr;
}

ParamValue paramFromJson(const ParamSpec& s, const json& j)
{
    if (s.optional && j.is_null())
        return {-1.0, -1.0, 0};
    const std::string key(s.key());
    auto wrongType = [&](const char* expected) { return Error("key '" + key + "' must be " + expected, s.setting); };
    ParamValue v = defaultValue(s);
    switch (s.kind) {
    case ParamKind::Number:
        if (!j.is_number())
            throw wrongType("a number");
        v.a = j.get<double>();
        break;
    case ParamKind::Whole: {
        if (!j.is_number_integer())
            throw wrongType("a whole number");
        // Far beyond any row's range, but never a cast out of range.
        const std::optional<std::int64_t> w = jsonInteger(j, -1'000'000'000, 1'000'000'000);
        if (!w)
            throw Error(std::string(s.what) + " must be " + acceptedText(s) + " (key '" + key + "', got " + j.dump() +
                            ")",
                        s.setting);
        v.a = static_cast<double>(*w);
        break;
    }
    case ParamKind::Range:
        if (!j.is_array() || j.size() != 2 || !j[0].is_number() || !j[1].is_number())
            throw wrongType("two numbers [lo, hi]");
        v.a = j[0].get<double>();
        v.b = j[1].get<double>();
        break;
    case ParamKind::Choice:
        if (!j.is_string())
            throw wrongType("a name");
        v.a = choiceIndex(s, j.get<std::string>());
        break;
    case ParamKind::Switch:
        if (j.is_boolean())
            v.a = j.get<bool>() ? 1.0 : 0.0;
        else
            throw wrongType("true, false or null");
        break;
    case ParamKind::Natural: {
        const std::optional<std::uint64_t> n = jsonUnsigned(j, 0, UINT64_MAX);
        if (!n)
            throw wrongType("a whole number >= 0");
        v.n = *n;
        break;
    }
    }
    return v;
}

} // namespace cutmix
