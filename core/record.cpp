#include "record.h"

#include "imageio.h"

#include <nlohmann/json.hpp>

namespace cutmix
{

using nlohmann::json;

json toJson(const Box& b)
{
    return {{"x1", b.x1}, {"y1", b.y1}, {"x2", b.x2}, {"y2", b.y2}};
}

json toJson(Size s)
{
    return {{"width", s.width}, {"height", s.height}};
}

json drawRecord(const Draw& d)
{
    json j;
    j["seed"] = d.seed;
    j["index"] = d.index;
    j["alpha"] = d.alpha;
    j["method"] = d.method->family;
    j["convention"] = d.method->name;
    j["correct_lam"] = d.correctLam;
    j["lam_sampled"] = d.lamSampled;
    j["held_u"] = d.inputs.heldU ? json(*d.inputs.heldU) : json(nullptr);
    j["lam"] = d.lam;
    j["lam_adj"] = d.lamAdj;
    j["box"] = toJson(d.geometry.box);
    j["unclipped_box"] = toJson(d.geometry.unclipped);
    j["cut"] = toJson(d.geometry.cut);
    j["center"] = d.geometry.center ? json{{"x", d.geometry.center->x}, {"y", d.geometry.center->y}} : json(nullptr);
    j["minmax"] = d.method->takes(Parameter::MinMax) ? json::array({d.minmax.lo, d.minmax.hi}) : json(nullptr);
    j["size"] = toJson(d.size);
    j["size_a"] = toJson(d.sizeA);
    j["size_b"] = toJson(d.sizeB);
    j["resize"] = resizePolicyName(d.resize);
    return j;
}

SampleInfo namedPairInfo(const std::string& pathA, const std::string& pathB, const NamedPair& named, const Draw& d)
{
    SampleInfo info;
    info.a = {pathA, named.spec.classA};
    info.b = {pathB, named.spec.classB};
    info.classes = named.classes;
    info.label = softLabel(named.spec, d.lam);
    info.selfMix = samePath(pathA, pathB);
    return info;
}

json sampleRecord(const Draw& d, const SampleInfo& info, ClassNames names)
{
    json j = drawRecord(d);
    j["file"] = info.file;
    j["a"] = {{"path", info.a.path}, {"class", info.a.classIndex}};
    j["b"] = {{"path", info.b.path}, {"class", info.b.classIndex}};
    if (names == ClassNames::Included)
        j["classes"] = info.classes;
    j["label"] = info.label;
    j["self_mix"] = info.selfMix;
    j["redraws"] = info.redraws;
    return j;
}

} // namespace cutmix
