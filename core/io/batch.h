// Mixing a whole batch as training code does: every element is mixed with a
// partner chosen by a rule, lam is drawn once per batch, per pair or per
// element, and the labels become an N x K matrix of soft targets. Three
// recipes, each one library's batch logic over the project's own seeded
// draws:
//   timm         timm/data/mixup.py Mixup: per unit (the batch, a pair i and
//                N-1-i, or an element) rand() < prob, then CutMix or MixUp by
//                switch_prob when both alphas are > 0; CutMix through
//                rand_bbox (or rand_bbox_minmax), lam corrected or not;
//                partner flip(0) (i <-> N-1-i); targets with label smoothing.
//                timm asserts an even batch: an odd one is refused.
//   torchvision  torchvision.transforms.v2 CutMix / MixUp, RandomChoice
//                between them with equal probability, one lam per batch,
//                partner roll(1, 0) (element i gets i-1), the box corrected,
//                no smoothing.
//   official     clovaai/CutMix-PyTorch train.py: CutMix with probability
//                prob, one lam and one box per batch, partner
//                torch.randperm(N) (self-pairs happen), weight corrected.
// The pixel partner can be overridden (flip, roll, perm) while the labels
// keep the recipe's rule: that shows what a pipeline whose pixels and labels
// disagree would do.
//
// Each unit's draw is the pair view's draw of (seed, index) with index =
// batch * N + unit: the pair view shows the same box and lam for an element
// and its partner.
#pragma once

#include "box.h"
#include "draw.h"

#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

enum class BatchRecipe { Timm, Torchvision, Official };
std::string_view batchRecipeName(BatchRecipe r);
BatchRecipe parseBatchRecipe(std::string_view name);

enum class PartnerRule { Flip, Roll, Perm };
std::string_view partnerRuleName(PartnerRule r);
PartnerRule parsePartnerRule(std::string_view name);
// What the rule means, for help and tooltips ("i <-> N-1-i", ...).
std::string_view partnerRuleFormula(PartnerRule r);

// timm's modes: one lam per batch, per pair (i and N-1-i), per element.
enum class BatchMode { Batch, Pair, Elem };
std::string_view batchModeName(BatchMode m);
BatchMode parseBatchMode(std::string_view name);

struct BatchSettings {
    BatchRecipe recipe = BatchRecipe::Timm;
    double mixupAlpha = 0.8;  // timm, torchvision (0: MixUp off)
    double cutmixAlpha = 1.0; // timm, torchvision (0: CutMix off); official: --beta
    double prob = 1.0;        // timm: prob; official: --cutmix_prob
    double switchProb = 0.5;  // timm: switch_prob
    BatchMode mode = BatchMode::Batch;
    bool correctLam = true;             // timm: correct_lam
    double smoothing = 0.1;             // timm: label_smoothing
    std::optional<MinMax> cutmixMinmax; // timm: cutmix_minmax
    std::optional<PartnerRule> partner; // the pixels' partner rule, when not the recipe's
    MixupRounding rounding = MixupRounding::Timm;
    std::uint64_t seed = 0;
    std::uint64_t batch = 0; // which batch of the run
};

// The library defaults of a recipe (timm: its training script's; torchvision
// and the official code: their examples), with this seed.
BatchSettings recipeDefaults(BatchRecipe r);
// The settings that apply to the recipe ("mixup-alpha", "prob", ...), in the
// CLI's words without dashes; the others are refused by the CLI and disabled
// in the window.
std::vector<std::string_view> recipeSettings(BatchRecipe r);
bool recipeUses(BatchRecipe r, std::string_view setting);

// Throws cutmix::Error naming the first bad setting, or an odd batch for timm
// (whose Mixup asserts an even one).
void checkBatchSettings(const BatchSettings& s, int n);

PartnerRule recipePartner(BatchRecipe r);
// partner[i] for a batch of n: flip N-1-i, roll i-1 (mod n), perm a shuffle
// of [0, n) from (seed, batch) (element i gets perm[i], possibly i itself).
std::vector<int> partnerMap(PartnerRule rule, int n, std::uint64_t seed, std::uint64_t batch);

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
// The smoothing the recipe applies to the targets.
double targetSmoothing(const BatchSettings& s);

// Names for the read-outs: "CutMix", "MixUp" or "none".
std::string_view elementMethod(const BatchElement& e);

} // namespace cutmix
