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
                    Setting::Classes);
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
    std::vector<double> full(static_cast<std::size_t>(spec.numClasses), 0.0);
    const auto sparse = sparseLabel(spec, lam);
    const double off = smoothingFloor(spec);
    for (std::size_t k = 0; k < full.size(); ++k) {
        auto it = sparse.find(static_cast<int>(k));
        full[k] = it == sparse.end() ? off : it->second;
    }
    return full;
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
                    Setting::Classes);
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
