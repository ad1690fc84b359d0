#include "draw.h"

#include "beta.h"
#include "betadist.h"
#include "error.h"
#include "imageio.h"
#include "rng.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

namespace cutmix
{

using nlohmann::json;

std::string_view resizePolicyName(ResizePolicy p)
{
    return p == ResizePolicy::ResizeB ? "resize-b" : "center-crop";
}

ResizePolicy parseResizePolicy(std::string_view name)
{
    if (name == "resize-b")
        return ResizePolicy::ResizeB;
    if (name == "center-crop")
        return ResizePolicy::CenterCrop;
    throw Error("unknown resize policy '" + std::string(name) + "' (expected resize-b or center-crop)");
}

Size mixedSize(Size a, Size b, ResizePolicy p)
{
    if (p == ResizePolicy::ResizeB)
        return a;
    return {std::min(a.width, b.width), std::min(a.height, b.height)};
}

void checkParams(const Params& p)
{
    checkAlpha(p.alpha);
    if (!p.method)
        throw Error("no convention chosen");
    if (p.method->takes(Parameter::MinMax))
        checkMinMax(p.minmax);
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

RandomInputs drawInputs(std::uint64_t seed, std::uint64_t index, double alpha)
{
    Rng rng(seed, index);
    RandomInputs in;
    for (auto& u : in.u)
        u = rng.uniform();
    in.logit = sampleBetaLogit(alpha, rng);
    in.lam = logistic(in.logit);
    return in;
}

RandomInputs heldInputs(std::uint64_t seed, std::uint64_t index, double alpha, double u)
{
    RandomInputs in = drawInputs(seed, index, alpha);
    in.lam = betaQuantile(alpha, u);
    in.logit = std::log(in.lam) - std::log1p(-in.lam);
    in.heldU = u;
    return in;
}

Geometry geometryFor(const Params& p, Size s, const RandomInputs& in)
{
    return p.method->boxFromUniforms(s, in.lam, in.u, p.minmax);
}

Draw recordDraw(const Params& p, Size sizeA, Size sizeB, const RandomInputs& in, const Geometry& g)
{
    checkParams(p);
    checkSize(sizeA);
    checkSize(sizeB);
    checkLam(in.lam);
    Draw d;
    d.seed = p.seed;
    d.index = p.index;
    d.alpha = p.alpha;
    d.method = p.method;
    d.correctLam = effectiveCorrection(p);
    d.minmax = p.minmax;
    d.inputs = in;
    d.lamSampled = in.lam;
    d.sizeA = sizeA;
    d.sizeB = sizeB;
    d.resize = p.resize;
    d.size = mixedSize(sizeA, sizeB, p.resize);
    d.geometry = g;
    d.lamAdj = lamAdjusted(d.size, g.box);
    d.lam = p.method->weight(g, d.size, in.lam, d.correctLam);
    return d;
}

Draw makeDraw(const Params& p, Size sizeA, Size sizeB, const RandomInputs& in)
{
    checkParams(p);
    checkSize(sizeA);
    checkSize(sizeB);
    return recordDraw(p, sizeA, sizeB, in, geometryFor(p, mixedSize(sizeA, sizeB, p.resize), in));
}

Draw sampleDraw(const Params& p, Size sizeA, Size sizeB)
{
    checkParams(p);
    return makeDraw(p, sizeA, sizeB, drawInputs(p.seed, p.index, p.alpha));
}

json paramsToJson(const Params& p)
{
    json j;
    j["cutmix_preset"] = 1;
    j["alpha"] = p.alpha;
    j["convention"] = p.method->name;
    j["correct_lam"] = p.correctLam ? json(*p.correctLam) : json(nullptr);
    j["minmax"] = json::array({p.minmax.lo, p.minmax.hi});
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

} // namespace

Params paramsFromJson(const json& j)
{
    if (!j.is_object())
        throw Error("a preset must be a JSON object");
    Params p;
    p.alpha = field(j, "alpha", p.alpha);
    if (j.contains("convention") && !j["convention"].is_null())
        p.method = &methodNamed(field<std::string>(j, "convention", ""));
    if (j.contains("correct_lam") && !j["correct_lam"].is_null())
        p.correctLam = field(j, "correct_lam", true);
    const auto mm = field<std::vector<double>>(j, "minmax", {p.minmax.lo, p.minmax.hi});
    if (mm.size() != 2)
        throw Error("preset key 'minmax' must hold two numbers");
    p.minmax = {mm[0], mm[1]};
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
