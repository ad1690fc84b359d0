// The comparison figure of the CutMix paper's first table: the original image
// beside what each mixing method makes of it with a second image, the label
// under each. Planned here (images, titles, weights); render/ paints it.
#pragma once

#include "draw.h"
#include "objectinput.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cutmix
{

struct ComparePanel {
    std::string title;        // "Original", "MixUp", "CutMix (official)", ...
    cv::Mat image;            // the result, at A's size
    std::optional<Draw> draw; // none for the original
    // The label as the paper writes it: each class with its weight, largest first.
    std::vector<std::pair<std::string, double>> weights;
    nlohmann::json record; // null for the original
    // With objects: the panel's, carried through its mix and judged by the
    // rule (the original: A's, whole), in the image's pixels, and the
    // count kept ("objects 3/5"; none for the original).
    std::vector<CarriedObject> objects;
    std::string objectsLine;
};

struct ComparePlan {
    std::vector<ComparePanel> panels;
    std::string caption; // the parameters and the seed
};

// What a figure shows by default: the paper's columns.
std::vector<std::string> defaultCompareMethods();
// "original" and the method families; throws cutmix::Error naming the
// accepted ones.
void checkCompareMethods(const std::vector<std::string>& methods);

// One panel per name, all from the same (seed, index) and parameters (CutMix
// with the parameters' convention); `lam`, when given, replaces the drawn lam
// of every method (the paper's figure shows one lam for all). With
// `objects` (A's and B's), each panel carries them through its mix and
// judges them by the rule as a tile of `cutmix grid --boxes` does (the draw
// fitted to them first where its method asks); the records list them.
ComparePlan planComparison(const cv::Mat& a, const cv::Mat& b, const std::string& pathA, const std::string& pathB,
                           const std::string& labelA, const std::string& labelB, const Params& params,
                           const std::vector<std::string>& methods, std::optional<double> lam = std::nullopt,
                           const ObjectInput& objects = {});

} // namespace cutmix
