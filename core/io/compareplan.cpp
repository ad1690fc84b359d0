#include "compareplan.h"

#include "error.h"
#include "format.h"
#include "imageio.h"
#include "labels.h"
#include "method.h"
#include "mixer.h"
#include "record.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace cutmix
{

namespace
{

std::string titleOf(const Method& m)
{
    // CutMix as the paper does it is plain "CutMix"; another convention is named.
    if (m.isConvention() && &m != &defaultMethod())
        return std::string(m.title) + " (" + std::string(m.name) + ")";
    return std::string(m.title);
}

std::vector<std::pair<std::string, double>> weightsOf(const std::vector<double>& label,
                                                      const std::vector<std::string>& classes)
{
    std::vector<std::pair<std::string, double>> w;
    for (std::size_t k = 0; k < classes.size(); ++k)
        if (label[k] > 1e-12)
            w.emplace_back(classes[k], label[k]);
    std::stable_sort(w.begin(), w.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    return w;
}

std::string shortNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

} // namespace

std::vector<std::string> defaultCompareMethods()
{
    return {"original", "mixup", "cutout", "cutmix"};
}

void checkCompareMethods(const std::vector<std::string>& methods)
{
    if (methods.empty())
        throw Error("name at least one method to compare");
    std::set<std::string> named;
    for (const std::string& name : methods) {
        if (name != "original" && !methodFor(name).mixesPair())
            throw Error("'" + name + "' mixes more than a pair: compare takes " + familyNames());
        // Every panel of a method is the same draw (one seed, one index):
        // a name given twice adds nothing but size (10,000 panels made a
        // 3.3 GB figure that libpng refused).
        if (!named.insert(name).second)
            throw Error("'" + name + "' is named twice; each method is one panel");
    }
}

ComparePlan planComparison(const cv::Mat& a, const cv::Mat& b, const std::string& pathA, const std::string& pathB,
                           const std::string& labelA, const std::string& labelB, const Params& params,
                           const std::vector<std::string>& methods, std::optional<double> lam,
                           const ObjectInput& objects)
{
    checkCompareMethods(methods);
    checkParams(params);
    if (lam)
        checkLam(*lam);
    // Every panel is an image of A's size.
    const std::uint64_t bytes = std::uint64_t(methods.size()) * std::uint64_t(a.total()) * a.elemSize();
    if (bytes > maxSheetImageBytes())
        throw Error(std::to_string(methods.size()) + " panels of A's size (" + std::to_string(a.cols) + "x" +
                    std::to_string(a.rows) + ") would hold " + std::to_string(bytes >> 20) +
                    " MiB of images, more than the limit of " + std::to_string(maxSheetImageBytes() >> 20) +
                    " MiB (twice CUTMIX_MAX_PIXELS); compare fewer methods or a smaller image");
    const NamedPair named = namePair(labelA, labelB, params.numClasses, params.smoothing);
    const ObjectInput read = readObjectInput(objects, {sizeOf(a), sizeOf(b)}, {pathA, pathB}, params.numClasses);
    ComparePlan plan;
    for (const std::string& name : methods) {
        ComparePanel panel;
        if (name == "original") {
            panel.title = "Original";
            panel.image = a;
            panel.weights =
                weightsOf(mixedLabel(named.spec.numClasses, {named.spec.classA}, {1.0}, 0.0), named.classes);
            if (read.hasObjects())
                panel.objects = wholeObjects(read.objects->front().objects);
            plan.panels.push_back(panel);
            continue;
        }
        Params p = params;
        p.sources = 2;
        // A family with conventions means the convention chosen (when it is one of them).
        const Method& entry = methodFor(name);
        p.method = entry.family == params.method->family ? params.method : &entry;
        RandomInputs in = drawInputs(p.seed, p.index, p.alpha);
        if (lam) {
            in.lam = *lam;
            in.logit = std::log(*lam) - std::log1p(-*lam);
        }
        Draw d = makeDraw(p, sizeOf(a), sizeOf(b), in);
        if (read.hasObjects()) {
            panel.objects = carryAndJudge(d, read);
            panel.objectsLine = keptCount(panel.objects);
        }
        panel.title = titleOf(*p.method);
        panel.image = mixPair(a, b, d);
        panel.draw = d;
        SampleInfo info = namedPairInfo(pathA, pathB, named, d);
        if (read.hasObjects()) {
            info.objects = panel.objects;
            info.boxRule = read.keepRule().name;
        }
        panel.weights = weightsOf(info.label, named.classes);
        panel.record = sampleRecord(d, info);
        plan.panels.push_back(panel);
    }
    plan.caption = (lam ? "λ = " + shortNumber(*lam) : "α = " + shortNumber(params.alpha)) + " · seed " +
                   std::to_string(params.seed) + " · index " + std::to_string(params.index);
    if (params.smoothing > 0)
        plan.caption += " · smoothing " + shortNumber(params.smoothing);
    if (read.hasObjects())
        plan.caption += " · box rule " + std::string(read.keepRule().name);
    return plan;
}

} // namespace cutmix
