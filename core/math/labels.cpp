#include "labels.h"

#include "error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace cutmix
{

void checkLabels(const LabelSpec& spec)
{
    if (spec.numClasses < 1)
        throw Error("the number of classes must be at least 1 (got " + std::to_string(spec.numClasses) + ")",
                    Setting::NumClasses);
    auto checkClass = [&](int c, const char* which) {
        if (c < 0 || c >= spec.numClasses)
            throw Error(std::string("class of ") + which + " must be in [0, " + std::to_string(spec.numClasses) +
                        ") (got " + std::to_string(c) + ")");
    };
    checkClass(spec.classA, "A");
    checkClass(spec.classB, "B");
    if (!(spec.smoothing >= 0.0 && spec.smoothing <= 1.0))
        throw Error("label smoothing must be between 0 and 1 (got " + std::to_string(spec.smoothing) + ")");
}

double smoothingFloor(const LabelSpec& spec)
{
    return spec.smoothing / spec.numClasses;
}

std::map<int, double> sparseLabel(const LabelSpec& spec, double lam)
{
    checkLabels(spec);
    const double off = smoothingFloor(spec);
    const double on = 1.0 - spec.smoothing + off;
    // Each image contributes (on - off) above the floor on its own class.
    std::map<int, double> weights;
    weights[spec.classA] += lam * (on - off);
    weights[spec.classB] += (1.0 - lam) * (on - off);
    for (auto& [cls, w] : weights)
        w += off;
    return weights;
}

std::vector<double> softLabel(const LabelSpec& spec, double lam)
{
    checkLabels(spec);
    return mixedLabel(spec.numClasses, {spec.classA, spec.classB}, {lam, 1.0 - lam}, spec.smoothing);
}

std::vector<double> mixedLabel(int numClasses, const std::vector<int>& classes, const std::vector<double>& weights,
                               double smoothing)
{
    if (classes.size() != weights.size())
        throw Error("a mixed label needs one weight per source");
    if (numClasses < 1)
        throw Error("the number of classes must be at least 1", Setting::NumClasses);
    if (!(smoothing >= 0.0 && smoothing <= 1.0))
        throw Error("label smoothing must be between 0 and 1", Setting::Smoothing);
    const double off = smoothing / numClasses;
    const double on = 1.0 - smoothing + off;
    std::vector<double> label(static_cast<std::size_t>(numClasses), 0.0);
    for (std::size_t j = 0; j < classes.size(); ++j) {
        if (classes[j] < 0 || classes[j] >= numClasses)
            throw Error("class " + std::to_string(classes[j]) + " is outside [0, " + std::to_string(numClasses) + ")",
                        Setting::NumClasses);
        label[static_cast<std::size_t>(classes[j])] += weights[j] * (on - off);
    }
    double total = 0;
    for (double w : weights)
        total += w;
    for (double& v : label)
        v += off * total;
    return label;
}

NamedSources nameSources(const std::vector<std::string>& labels, int numClasses, double smoothing)
{
    NamedSources n;
    n.classes = labels;
    std::sort(n.classes.begin(), n.classes.end());
    n.classes.erase(std::unique(n.classes.begin(), n.classes.end()), n.classes.end());
    const int named = static_cast<int>(n.classes.size());
    if (numClasses != 0 && numClasses < named)
        throw Error("the number of classes, " + std::to_string(numClasses) + ", is fewer than the " +
                        std::to_string(named) + " classes named",
                    Setting::NumClasses);
    for (const std::string& l : labels)
        n.indices.push_back(static_cast<int>(std::find(n.classes.begin(), n.classes.end(), l) - n.classes.begin()));
    n.numClasses = std::max(numClasses, named);
    n.smoothing = smoothing;
    return n;
}

NamedPair namePair(const std::string& labelA, const std::string& labelB, int numClasses, double smoothing)
{
    NamedPair p;
    p.classes = {labelA, labelB};
    std::sort(p.classes.begin(), p.classes.end());
    p.classes.erase(std::unique(p.classes.begin(), p.classes.end()), p.classes.end());
    const int named = static_cast<int>(p.classes.size());
    if (numClasses != 0 && numClasses < named)
        throw Error("the number of classes, " + std::to_string(numClasses) + ", is fewer than the " +
                        std::to_string(named) + " classes named",
                    Setting::NumClasses);
    auto indexOf = [&](const std::string& l) {
        return static_cast<int>(std::find(p.classes.begin(), p.classes.end(), l) - p.classes.begin());
    };
    p.spec = {std::max(numClasses, named), indexOf(labelA), indexOf(labelB), smoothing};
    checkLabels(p.spec);
    return p;
}

std::string defaultLabel(const std::filesystem::path& image, const std::filesystem::path& other)
{
    const auto folder = image.parent_path().filename().string();
    if (!folder.empty() && folder != "." && image.parent_path() != other.parent_path())
        return folder;
    return image.stem().string();
}

} // namespace cutmix
