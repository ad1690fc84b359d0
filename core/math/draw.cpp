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

namespace
{

std::string_view nameIn(Setting s, int value)
{
    const ParamSpec& spec = paramSpec(s);
    return choiceName(spec, {double(value), 0.0, 0});
}

} // namespace

std::string_view resizePolicyName(ResizePolicy p)
{
    return nameIn(Setting::Resize, int(p));
}

ResizePolicy parseResizePolicy(std::string_view name)
{
    return ResizePolicy(choiceIndex(paramSpec(Setting::Resize), name));
}

std::string_view cutoutFillName(CutoutFill f)
{
    return nameIn(Setting::Fill, int(f));
}

CutoutFill parseCutoutFill(std::string_view name)
{
    return CutoutFill(choiceIndex(paramSpec(Setting::Fill), name));
}

std::string_view roundingName(MixupRounding r)
{
    return nameIn(Setting::Rounding, int(r));
}

MixupRounding parseRounding(std::string_view name)
{
    return MixupRounding(choiceIndex(paramSpec(Setting::Rounding), name));
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
    if (!p.method->usesB)
        return 1;
    if (p.method->images > 0)
        return p.method->images;
    return p.method->takes(Setting::Sources) ? p.sources : 2;
}

void checkParams(const Params& p)
{
    if (!p.method)
        throw Error("no mixing method chosen");
    for (const ParamSpec& spec : paramSpecs())
        if (!spec.ofMethod || p.method->takes(spec.setting))
            checkParamValue(spec, paramValue(p, spec.setting));
}

void checkMixesPair(const Params& p)
{
    if (!p.method->mixesPair())
        throw Error(std::string(p.method->title) + " mixes " + std::to_string(p.method->images) +
                        " images onto a canvas of its own size: only cutmix mix, cutmix export and the window make it",
                    Setting::Method);
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
    d.params = p;
    d.correctLam = effectiveCorrection(p);
    d.sources = sourceCount(p);
    d.inputs = in;
    d.lamSampled = in.lam;
    d.sizeA = sizes.at(0);
    d.sizeB = sizes.size() > 1 ? sizes[1] : sizes[0];
    const std::vector<Size> used(sizes.begin(), sizes.begin() + std::min<std::size_t>(sizes.size(), d.sources));
    d.sourceSizes = used;
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
        throw Error(std::string(p.method->title) + " mixes " + std::to_string(d.sources) + " images, but " +
                    std::to_string(sizes.size()) + " were given");
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
    j["method"] = p.method->family;
    j["convention"] = p.method->isConvention() ? json(p.method->name) : json(nullptr);
    for (const ParamSpec& spec : paramSpecs())
        j[std::string(spec.key())] = paramToJson(spec, paramValue(p, spec.setting));
    return j;
}

Params paramsFromJson(const json& j)
{
    if (!j.is_object())
        throw Error("a preset must be a JSON object");
    Params p;
    auto name = [&](const char* key) -> std::optional<std::string> {
        if (!j.contains(key) || j[key].is_null())
            return std::nullopt;
        if (!j[key].is_string())
            throw Error(std::string("preset key '") + key + "' must be a name", Setting::Method);
        return j[key].get<std::string>();
    };
    p.method = &methodFor(name("method").value_or("cutmix"), name("convention"));
    for (const ParamSpec& spec : paramSpecs()) {
        const std::string key(spec.key());
        if (j.contains(key) && !j[key].is_null()) {
            const ParamValue v = paramFromJson(spec, j[key]);
            // Out of range is wrong even where the method ignores the value.
            try {
                checkParamValue(spec, v);
            } catch (const Error& e) {
                throw Error("key '" + key + "': " + e.what(), spec.setting);
            }
            setParamValue(p, spec.setting, v);
        }
    }
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
