// Mixing a whole batch as training code does: every element is mixed with a
// partner chosen by a rule, lam is drawn once per batch, per pair or per
// element, and the labels become an N x K matrix of soft targets, each
// recipe (recipes.h: timm, torchvision, the official code) deciding over the
// project's own seeded draws. The pixel partner can be overridden (flip,
// roll, perm) while the labels keep the recipe's rule: that shows what a
// pipeline whose pixels and labels disagree would do.
//
// Each unit's draw is the pair view's draw of (seed, index) with index =
// batch * N + unit: the pair view shows the same box and lam for an element
// and its partner.
#pragma once

#include "box.h"
#include "draw.h"
#include "recipes.h"

#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

// A batch of the run: a recipe (recipes.h) with its values, MixUp's rounding,
// the seed and which batch of the run.
struct BatchSettings : RecipeValues {
    const Recipe* recipe = &defaultRecipe();
    MixupRounding rounding = MixupRounding::Timm;
    std::uint64_t seed = 0;
    std::uint64_t batch = 0; // which batch of the run
};

// The library defaults of a recipe, with seed 0 and batch 0.
BatchSettings recipeDefaults(const Recipe& r);

// Throws cutmix::Error naming the first bad setting, or an odd batch for a
// recipe that refuses one (timm's Mixup asserts an even one).
void checkBatchSettings(const BatchSettings& s, int n);

struct BatchElement {
    int partner = 0;      // whose pixels are mixed in (the pixel rule)
    int labelPartner = 0; // whose label the target mixes in (the recipe's rule)
    int unit = 0;         // the lam unit: 0 for the batch, the pair's lower index, the element
    bool mixed = false;   // false: the element is itself and its target its own label
    Draw draw;            // when mixed: the pair view's draw of (seed, batch * N + unit)
    double lam = 1.0;     // the weight of the element's own label
    int selfIndex = 0;    // the element's own index
    // Mixed with itself (the middle of an odd flipped batch, a fixed point of
    // a permutation): the pixels and the label do not change.
    bool mixedWithItself() const { return mixed && partner == selfIndex; }
    // The pixels come from another element than the label says.
    bool mismatch() const { return mixed && partner != labelPartner; }
};

struct BatchDraw {
    BatchSettings settings;
    int n = 0;
    Size size;
    PartnerRule pixelRule = PartnerRule::Flip;
    PartnerRule labelRule = PartnerRule::Flip;
    std::vector<BatchElement> elements;
};

// The draws of one batch of n images of this size. Throws cutmix::Error for
// bad settings.
BatchDraw drawBatch(const BatchSettings& s, int n, Size size);

// Brings every image to the first one's depth and channels and to `size` (a
// training batch has one size and type): area interpolation when shrinking,
// linear when enlarging.
std::vector<cv::Mat> prepareBatch(const std::vector<cv::Mat>& images, Size size);
// The batch after mixing: element i is the pair view's result of (prepared[i],
// prepared[partner]) under its draw, or prepared[i] itself when not mixed.
std::vector<cv::Mat> mixBatch(const std::vector<cv::Mat>& prepared, const BatchDraw& b);
// mixBatch into existing buffers (reused when their size and type fit).
void mixBatchInto(const std::vector<cv::Mat>& prepared, const BatchDraw& b, std::vector<cv::Mat>& out);

// The N x K soft targets, row-major: row i is lam_i * smooth(onehot(c_i)) +
// (1 - lam_i) * smooth(onehot(c_labelPartner)), smoothing as the recipe
// applies it (timm only). classes[i] in [0, numClasses).
std::vector<double> batchTargets(const BatchDraw& b, const std::vector<int>& classes, int numClasses);

// Names for the read-outs: "CutMix", "MixUp" or "none".
std::string_view elementMethod(const BatchElement& e);

} // namespace cutmix
