#include "draw.h"

#include "beta.h"
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
    if (p.convention == Convention::TimmMinMax)
        checkMinMax(p.minmax);
    if (!(p.smoothing >= 0.0 && p.smoothing <= 1.0))
        throw Error("label smoothing must be between 0 and 1 (got " + std::to_string(p.smoothing) + ")");
    if (p.numClasses < 0)
        throw Error("the number of classes must not be negative");
}

bool effectiveCorrection(const Params& p)
{
    if (p.correctLam && hasCorrectionSwitch(p.convention))
        return *p.correctLam;
    return correctsByDefault(p.convention);
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

Geometry geometryFor(const Params& p, Size s, const RandomInputs& in)
{
    switch (p.convention) {
    case Convention::Official:
    case Convention::OfficialRaw:
    case Convention::KerasCv: {
        const Point c{uniformIndex(in.u[0], s.width), uniformIndex(in.u[1], s.height)};
        return p.convention == Convention::KerasCv ? kerasCvBox(s, in.lam, c) : officialBox(s, in.lam, c);
    }
    case Convention::Kornia:
        return korniaBox(s, in.lam, in.u[0], in.u[1]);
    case Convention::TimmMinMax: {
        const Size cut = minmaxCut(s, p.minmax, in.u[2], in.u[3]);
        return placedBox(s, cut, minmaxStart(s, cut, in.u[0], in.u[1]));
    }
    }
    throw Error("unknown convention");
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
    d.convention = p.convention;
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
    d.lam = reportedWeight(p.convention, d.correctLam, in.lam, g, d.size);
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

json toJson(const Box& b)
{
    return {{"x1", b.x1}, {"y1", b.y1}, {"x2", b.x2}, {"y2", b.y2}};
}

json toJson(Size s)
{
    return {{"width", s.width}, {"height", s.height}};
}

json toJson(const Draw& d)
{
    json j;
    j["seed"] = d.seed;
    j["index"] = d.index;
    j["alpha"] = d.alpha;
    j["convention"] = conventionName(d.convention);
    j["correct_lam"] = d.correctLam;
    j["lam_sampled"] = d.lamSampled;
    j["lam"] = d.lam;
    j["lam_adj"] = d.lamAdj;
    j["box"] = toJson(d.geometry.box);
    j["unclipped_box"] = toJson(d.geometry.unclipped);
    j["cut"] = toJson(d.geometry.cut);
    j["center"] = d.geometry.center ? json{{"x", d.geometry.center->x}, {"y", d.geometry.center->y}} : json(nullptr);
    j["minmax"] = d.convention == Convention::TimmMinMax ? json::array({d.minmax.lo, d.minmax.hi}) : json(nullptr);
    j["size"] = toJson(d.size);
    j["size_a"] = toJson(d.sizeA);
    j["size_b"] = toJson(d.sizeB);
    j["resize"] = resizePolicyName(d.resize);
    return j;
}

json paramsToJson(const Params& p)
{
    json j;
    j["cutmix_preset"] = 1;
    j["alpha"] = p.alpha;
    j["convention"] = conventionName(p.convention);
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
    p.convention = parseConvention(field<std::string>(j, "convention", "official"));
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

Params loadPreset(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error("'" + path.string() + "': cannot open the preset");
    try {
        return paramsFromJson(json::parse(in));
    } catch (const json::exception& e) {
        throw Error("'" + path.string() + "': not a valid preset (" + e.what() + ")");
    } catch (const Error& e) {
        throw Error("'" + path.string() + "': " + e.what());
    }
}

void savePreset(const std::filesystem::path& path, const Params& p)
{
    writeFileAtomic(path, paramsToJson(p).dump(2) + "\n");
}

} // namespace cutmix
