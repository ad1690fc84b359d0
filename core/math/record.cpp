#include "record.h"

#include "error.h"
#include "files.h"
#include "method.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cutmix
{

using nlohmann::json;

json toJson(const Box& b)
{
    return {{"x1", b.x1}, {"y1", b.y1}, {"x2", b.x2}, {"y2", b.y2}};
}

namespace
{

json boxJson(const BoxF& b)
{
    return b.empty() ? json(nullptr) : json::array({b.x1, b.y1, b.x2, b.y2});
}

} // namespace

json objectsRecord(const std::vector<CarriedObject>& objects)
{
    json list = json::array();
    for (const CarriedObject& o : objects) {
        json j;
        j["source"] = o.source;
        j["index"] = o.index;
        j["class"] = o.classIndex;
        j["before"] = boxJson(o.before);
        j["box"] = o.kept ? boxJson(o.box) : json(nullptr);
        j["visible"] = o.visible;
        j["weight"] = o.weight;
        j["kept"] = o.kept;
        j["clipped"] = o.kept && o.clipped;
        j["reason"] = o.reason();
        list.push_back(j);
    }
    return list;
}

json toJson(Size s)
{
    return {{"width", s.width}, {"height", s.height}};
}

namespace
{

json geometryOrNull(const Draw& d, const json& value)
{
    return d.method().region == Region::Box ? value : json(nullptr);
}

// What a method other than two-source CutMix adds: its own parameters (those
// the common fields above do not hold), its own numbers and its random inputs.
void addMethodFields(const Draw& d, json& j)
{
    const Method& m = d.method();
    for (Setting s : m.parameters) {
        const std::string key(settingKey(s));
        if (!isParamField(s) && !j.contains(key))
            j[key] = paramToJson(paramSpec(s), paramValue(d.params, s));
    }
    if (m.record)
        m.record(d, j);
    j["inputs"] = {{"u", d.inputs.u}, {"lam", d.inputs.lam}};
    j["weights"] = d.weights;
}

} // namespace

json drawRecord(const Draw& d)
{
    json j;
    j["seed"] = d.params.seed;
    j["index"] = d.params.index;
    j["alpha"] = d.params.alpha;
    j["method"] = d.method().family;
    j["convention"] = d.method().isConvention() ? json(d.method().name) : json(nullptr);
    // Only CutMix has a weight correction; the other methods record null.
    j["correct_lam"] = d.method().isConvention() ? json(d.correctLam) : json(nullptr);
    j["lam_sampled"] = d.lamSampled;
    j["held_u"] = d.inputs.heldU ? json(*d.inputs.heldU) : json(nullptr);
    j["lam"] = d.lam;
    j["lam_adj"] = d.lamAdj;
    j["box"] = geometryOrNull(d, toJson(d.geometry.box));
    j["unclipped_box"] = geometryOrNull(d, toJson(d.geometry.unclipped));
    j["cut"] = geometryOrNull(d, toJson(d.geometry.cut));
    j["center"] = d.geometry.center ? json{{"x", d.geometry.center->x}, {"y", d.geometry.center->y}} : json(nullptr);
    j["minmax"] = d.method().takes(Setting::MinMax)
                      ? json::array({d.params.range(Setting::MinMax).lo, d.params.range(Setting::MinMax).hi})
                      : json(nullptr);
    j["size"] = toJson(d.size);
    j["size_a"] = toJson(d.sizeA);
    j["size_b"] = toJson(d.sizeB);
    j["resize"] = resizePolicyName(d.params.resize);
    if (!d.method().isConvention() || d.sources > 2)
        addMethodFields(d, j);
    return j;
}

SampleInfo namedSourcesInfo(const std::vector<std::string>& paths, const NamedSources& named, const Draw& d)
{
    if (paths.size() < 2 || named.indices.size() != paths.size())
        throw Error("a sample needs the paths and classes of its sources");
    SampleInfo info;
    info.a = {paths[0], named.indices[0]};
    info.b = {paths[1], named.indices[1]};
    for (std::size_t j = 2; j < paths.size(); ++j)
        info.more.push_back({paths[j], named.indices[j]});
    // A K above the classes named: the others are known by their index, so
    // that the list names every entry of the label.
    info.classes = named.classes;
    for (int k = int(info.classes.size()); k < named.numClasses; ++k) {
        std::string name = "class " + std::to_string(k);
        while (std::find(info.classes.begin(), info.classes.end(), name) != info.classes.end())
            name += "'";
        info.classes.push_back(name);
    }
    const std::vector<int> used(named.indices.begin(), named.indices.begin() + static_cast<long>(d.weights.size()));
    info.label = mixedLabel(named.numClasses, used, d.weights, named.smoothing);
    info.selfMix = d.sources > 1 && samePath(paths[0], paths[1]);
    return info;
}

SampleInfo namedPairInfo(const std::string& pathA, const std::string& pathB, const NamedPair& named, const Draw& d)
{
    NamedSources n;
    n.classes = named.classes;
    n.indices = {named.spec.classA, named.spec.classB};
    n.numClasses = named.spec.numClasses;
    n.smoothing = named.spec.smoothing;
    return namedSourcesInfo({pathA, pathB}, n, d);
}

json sampleRecord(const Draw& d, const SampleInfo& info, ClassNames names)
{
    json j = drawRecord(d);
    j["file"] = info.file;
    j["a"] = {{"path", info.a.path}, {"class", info.a.classIndex}};
    j["b"] = d.sources > 1 ? json{{"path", info.b.path}, {"class", info.b.classIndex}} : json(nullptr);
    if (d.sources > 2) {
        json sources = json::array();
        std::vector<SourceRef> all{info.a, info.b};
        all.insert(all.end(), info.more.begin(), info.more.end());
        for (std::size_t k = 0; k < all.size() && k < d.weights.size(); ++k)
            sources.push_back({{"path", all[k].path}, {"class", all[k].classIndex}, {"weight", d.weights[k]}});
        j["sources"] = sources;
    }
    if (names == ClassNames::Included)
        j["classes"] = info.classes;
    j["label"] = info.label;
    if (info.objects) {
        j["box_rule"] = info.boxRule;
        j["objects"] = objectsRecord(*info.objects);
    }
    j["self_mix"] = info.selfMix;
    j["redraws"] = info.redraws;
    return j;
}

} // namespace cutmix
