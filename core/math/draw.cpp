#include "draw.h"

#include "beta.h"
#include "betadist.h"
#include "enumnames.h"
#include "error.h"
#include "files.h"
#include "rng.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

namespace cutmix
{

using nlohmann::json;

namespace
{

// Each further source of multi-source CutMix draws from its own stream.
constexpr std::uint64_t kSourceTag = 0x736f757263650000ull; // "source"

RandomInputs inputsFrom(Rng& rng, double alpha)
{
    RandomInputs in;
    for (auto& u : in.u)
        u = rng.uniform();
    in.logit = sampleBetaLogit(alpha, rng);
    in.lam = logistic(in.logit);
    return in;
}

void holdAt(RandomInputs& in, double alpha, double u)
{
    in.lam = betaQuantile(alpha, u);
    in.logit = std::log(in.lam) - std::log1p(-in.lam);
    in.heldU = u;
}

} // namespace

constexpr EnumNames<ResizePolicy, 2> kResizePolicyNames{
    {{ResizePolicy::ResizeB, "resize-b"}, {ResizePolicy::CenterCrop, "center-crop"}}};

std::string_view resizePolicyName(ResizePolicy p)
{
    return enumName(kResizePolicyNames, p);
}

ResizePolicy parseResizePolicy(std::string_view name)
{
    return parseEnum(kResizePolicyNames, name, "resize policy");
}

constexpr EnumNames<CutoutFill, 2> kCutoutFillNames{{{CutoutFill::Constant, "constant"}, {CutoutFill::Noise, "noise"}}};

std::string_view cutoutFillName(CutoutFill f)
{
    return enumName(kCutoutFillNames, f);
}

CutoutFill parseCutoutFill(std::string_view name)
{
    return parseEnum(kCutoutFillNames, name, "Cutout fill");
}

constexpr EnumNames<MixupRounding, 2> kMixupRoundingNames{
    {{MixupRounding::Timm, "timm"}, {MixupRounding::Exact, "exact"}}};

std::string_view roundingName(MixupRounding r)
{
    return enumName(kMixupRoundingNames, r);
}

MixupRounding parseRounding(std::string_view name)
{
    return parseEnum(kMixupRoundingNames, name, "rounding");
}

Size mixedSize(Size a, Size b, ResizePolicy p)
{
    if (p == ResizePolicy::ResizeB)
        return a;
    return {std::min(a.width, b.width), std::min(a.height, b.height)};
}

Size mixedSize(const std::vector<Size>& sizes, ResizePolicy p)
{
    if (sizes.empty())
        throw Error("a draw needs at least one image");
    Size s = sizes.front();
    for (std::size_t i = 1; i < sizes.size(); ++i)
        s = mixedSize(s, sizes[i], p);
    return s;
}

int sourceCount(const Params& p)
{
    if (p.method->family == "cutout")
        return 1;
    return p.method->takes(Parameter::Sources) ? p.sources : 2;
}

void checkParams(const Params& p)
{
    if (!p.method)
        throw Error("no mixing method chosen");
    const Method& m = *p.method;
    if (m.takes(Parameter::Alpha) || m.drawn == Drawn::BetaLam)
        checkAlpha(p.alpha);
    if (m.takes(Parameter::MinMax))
        checkMinMax(p.minmax);
    if (m.takes(Parameter::Scale) && !(p.scale.lo > 0.0 && p.scale.lo <= p.scale.hi && p.scale.hi <= 1.0))
        throw Error("the scale range needs 0 < lo <= hi <= 1", Setting::Scale);
    if (m.takes(Parameter::Decay) && !(std::isfinite(p.decay) && p.decay >= 0.0 && p.decay <= 20.0))
        throw Error("the decay power must be between 0 and 20", Setting::Decay);
    if (m.takes(Parameter::CutoutSize) && !(p.cutoutSize > 0.0 && p.cutoutSize <= 1.0))
        throw Error("the Cutout size must be a fraction in (0, 1] of the shorter side", Setting::CutoutSize);
    if (m.takes(Parameter::CutoutFill) && (p.fillValue < 0 || p.fillValue > 255))
        throw Error("the Cutout fill value must be between 0 and 255", Setting::CutoutSize);
    if (m.takes(Parameter::Sources) && (p.sources < 2 || p.sources > kMaxSources))
        throw Error("the number of sources must be between 2 and " + std::to_string(kMaxSources), Setting::Sources);
    if (!(p.smoothing >= 0.0 && p.smoothing <= 1.0))
        throw Error("label smoothing must be between 0 and 1 (got " + std::to_string(p.smoothing) + ")",
                    Setting::Smoothing);
    if (p.numClasses < 0)
        throw Error("the number of classes must not be negative", Setting::Classes);
}

bool effectiveCorrection(const Params& p)
{
    if (p.correctLam && p.method->hasCorrectionSwitch())
        return *p.correctLam;
    return p.method->correctsByDefault;
}

RandomInputs drawInputs(std::uint64_t seed, std::uint64_t index, double alpha, int sources)
{
    checkAlpha(alpha);
    Rng rng(seed, index);
    RandomInputs in = inputsFrom(rng, alpha);
    for (int j = 2; j < sources; ++j) {
        Rng own(seed ^ (kSourceTag + static_cast<std::uint64_t>(j)), index);
        in.extra.push_back(inputsFrom(own, alpha));
    }
    return in;
}

RandomInputs heldInputs(std::uint64_t seed, std::uint64_t index, double alpha, double u,
                        const std::vector<double>& extraU)
{
    RandomInputs in = drawInputs(seed, index, alpha, 2 + static_cast<int>(extraU.size()));
    holdAt(in, alpha, u);
    for (std::size_t j = 0; j < extraU.size(); ++j)
        holdAt(in.extra[j], alpha, extraU[j]);
    return in;
}

std::vector<double> heldUniforms(const RandomInputs& in, double alpha)
{
    std::vector<double> u{betaCdf(alpha, in.lam)};
    for (const RandomInputs& e : in.extra)
        u.push_back(betaCdf(alpha, e.lam));
    return u;
}

namespace
{

// The parameters and inputs of a draw, before its entry fills in what they make.
Draw baseDraw(const Params& p, const std::vector<Size>& sizes, const RandomInputs& in)
{
    checkParams(p);
    for (Size s : sizes)
        checkSize(s);
    checkLam(in.lam);
    Draw d;
    d.seed = p.seed;
    d.index = p.index;
    d.alpha = p.alpha;
    d.method = p.method;
    d.correctLam = effectiveCorrection(p);
    d.minmax = p.minmax;
    d.scale = p.scale;
    d.decay = p.decay;
    d.cutoutSize = p.cutoutSize;
    d.fill = p.fill;
    d.fillValue = p.fillValue;
    d.rounding = p.rounding;
    d.sources = sourceCount(p);
    d.inputs = in;
    d.lamSampled = in.lam;
    d.sizeA = sizes.at(0);
    d.sizeB = sizes.size() > 1 ? sizes[1] : sizes[0];
    d.resize = p.resize;
    const std::vector<Size> used(sizes.begin(), sizes.begin() + std::min<std::size_t>(sizes.size(), d.sources));
    d.size = mixedSize(used, p.resize);
    return d;
}

} // namespace

Draw recordDraw(const Params& p, Size sizeA, Size sizeB, const RandomInputs& in, const Geometry& g)
{
    Draw d = baseDraw(p, {sizeA, sizeB}, in);
    if (!p.method->isConvention())
        throw Error("only a CutMix convention places a given box");
    d.geometry = g;
    d.lamAdj = lamAdjusted(d.size, g.box);
    d.lam = p.method->box.weight(g, d.size, in.lam, d.correctLam);
    d.weights = {d.lam, 1.0 - d.lam};
    return d;
}

Draw makeDraw(const Params& p, const std::vector<Size>& sizes, const RandomInputs& in)
{
    Draw d = baseDraw(p, sizes, in);
    if (static_cast<int>(sizes.size()) < d.sources)
        throw Error("this draw mixes " + std::to_string(d.sources) + " images, but " + std::to_string(sizes.size()) +
                    " were given");
    if (static_cast<int>(in.extra.size()) < d.sources - 2)
        throw Error("the random inputs are for fewer sources than the draw mixes");
    p.method->fill(*p.method, p, d);
    return d;
}

Draw makeDraw(const Params& p, Size sizeA, Size sizeB, const RandomInputs& in)
{
    return makeDraw(p, std::vector<Size>{sizeA, sizeB}, in);
}

Draw sampleDraw(const Params& p, const std::vector<Size>& sizes)
{
    checkParams(p);
    return makeDraw(p, sizes, drawInputs(p.seed, p.index, p.alpha, sourceCount(p)));
}

Draw sampleDraw(const Params& p, Size sizeA, Size sizeB)
{
    return sampleDraw(p, std::vector<Size>{sizeA, sizeB});
}

json paramsToJson(const Params& p)
{
    json j;
    j["cutmix_preset"] = 2;
    j["alpha"] = p.alpha;
    j["method"] = p.method->family;
    j["convention"] = p.method->isConvention() ? json(p.method->name) : json(nullptr);
    j["correct_lam"] = p.correctLam ? json(*p.correctLam) : json(nullptr);
    j["minmax"] = json::array({p.minmax.lo, p.minmax.hi});
    j["scale"] = json::array({p.scale.lo, p.scale.hi});
    j["decay"] = p.decay;
    j["cutout_size"] = p.cutoutSize;
    j["fill"] = cutoutFillName(p.fill);
    j["fill_value"] = p.fillValue;
    j["rounding"] = roundingName(p.rounding);
    j["sources"] = p.sources;
    j["resize"] = resizePolicyName(p.resize);
    j["seed"] = p.seed;
    j["index"] = p.index;
    j["smoothing"] = p.smoothing;
    j["num_classes"] = p.numClasses;
    return j;
}

namespace
{

template <typename T> T field(const json& j, const char* key, T fallback)
{
    if (!j.contains(key) || j[key].is_null())
        return fallback;
    try {
        return j[key].get<T>();
    } catch (const json::exception&) {
        throw Error(std::string("preset key '") + key + "' has the wrong type");
    }
}

MinMax range(const json& j, const char* key, MinMax fallback)
{
    const auto v = field<std::vector<double>>(j, key, {fallback.lo, fallback.hi});
    if (v.size() != 2)
        throw Error(std::string("preset key '") + key + "' must hold two numbers");
    return {v[0], v[1]};
}

} // namespace

Params paramsFromJson(const json& j)
{
    if (!j.is_object())
        throw Error("a preset must be a JSON object");
    Params p;
    p.alpha = field(j, "alpha", p.alpha);
    const std::string method = field<std::string>(j, "method", "cutmix");
    std::optional<std::string> convention;
    if (j.contains("convention") && !j["convention"].is_null())
        convention = field<std::string>(j, "convention", "");
    p.method = &methodFor(method, convention);
    if (j.contains("correct_lam") && !j["correct_lam"].is_null())
        p.correctLam = field(j, "correct_lam", true);
    p.minmax = range(j, "minmax", p.minmax);
    p.scale = range(j, "scale", p.scale);
    p.decay = field(j, "decay", p.decay);
    p.cutoutSize = field(j, "cutout_size", p.cutoutSize);
    p.fill = parseCutoutFill(field<std::string>(j, "fill", "constant"));
    p.fillValue = field(j, "fill_value", p.fillValue);
    p.rounding = parseRounding(field<std::string>(j, "rounding", "timm"));
    p.sources = field(j, "sources", p.sources);
    p.resize = parseResizePolicy(field<std::string>(j, "resize", "resize-b"));
    p.seed = field<std::uint64_t>(j, "seed", 0);
    p.index = field<std::uint64_t>(j, "index", 0);
    p.smoothing = field(j, "smoothing", 0.0);
    p.numClasses = field(j, "num_classes", 0);
    checkParams(p);
    return p;
}

Params paramsFromText(const std::string& text)
{
    try {
        return paramsFromJson(json::parse(text));
    } catch (const json::exception& e) {
        throw Error(std::string("not valid JSON (") + e.what() + ")");
    }
}

Params loadPreset(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(quotePath(path) + ": cannot open the preset");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        return paramsFromText(text);
    } catch (const Error& e) {
        throw Error(quotePath(path) + ": not a valid preset (" + e.what() + ")", e.setting());
    }
}

void savePreset(const std::filesystem::path& path, const Params& p)
{
    writeFileAtomic(path, paramsToJson(p).dump(2) + "\n");
}

} // namespace cutmix
