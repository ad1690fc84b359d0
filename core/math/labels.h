// Soft labels for a CutMix pair: timm's mixup_target with label smoothing.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace cutmix
{

struct LabelSpec {
    int numClasses = 2;
    int classA = 0;
    int classB = 1;
    double smoothing = 0.0;
};

// Throws cutmix::Error for K < 1, classes outside [0, K), or smoothing
// outside [0, 1].
void checkLabels(const LabelSpec& spec);

// lam * smooth(onehot(a)) + (1 - lam) * smooth(onehot(b)), with
// off = s / K and on = 1 - s + off. Sums to 1.
std::vector<double> softLabel(const LabelSpec& spec, double lam);

// The classes that carry more than the smoothing floor, with their weights
// (a and b merged when they are the same class). Every other class gets
// smoothingFloor(spec).
std::map<int, double> sparseLabel(const LabelSpec& spec, double lam);
double smoothingFloor(const LabelSpec& spec);

// The classes of a pair named by the user: indices in name order (as
// torchvision sorts class folders), at least numClasses of them.
struct NamedPair {
    std::vector<std::string> classes;
    LabelSpec spec;
};
NamedPair namePair(const std::string& labelA, const std::string& labelB, int numClasses, double smoothing);

// The soft label of several sources: sum over j of weights[j] *
// smooth(onehot(classes[j])). Sums to 1 when the weights do; with one source
// and weight 1, the smoothed one-hot label of that source.
std::vector<double> mixedLabel(int numClasses, const std::vector<int>& classes, const std::vector<double>& weights,
                               double smoothing);

// The classes of several sources named by the user (multi-source CutMix): as
// namePair for more than two.
struct NamedSources {
    std::vector<std::string> classes; // sorted, unique
    std::vector<int> indices;         // each source's class index
    int numClasses = 0;
    double smoothing = 0.0;
};
NamedSources nameSources(const std::vector<std::string>& labels, int numClasses, double smoothing);

// A label for an image when the user gives none: the parent folder's name
// when the two images sit in different folders (class folders), otherwise
// the file name without its extension.
std::string defaultLabel(const std::filesystem::path& image, const std::filesystem::path& other);

} // namespace cutmix
