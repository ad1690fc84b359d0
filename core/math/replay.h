// Replaying the CutMix/MixUp draws of a training run from its NumPy seed:
// which iterations mixed, with which lam and which box, exactly as NumPy's
// legacy generator gave them to the training code. Two recipes, each the
// draw sequence of one code base:
//   official  clovaai/CutMix-PyTorch train.py (commit 2d8eb68f): per iteration
//             r = rand(1); when beta > 0 and r < cutmix_prob: lam = beta(beta,
//             beta), then rand_bbox over the NCHW batch, whose W is the row
//             count: randint(rows) first, then randint(columns); the weight is
//             corrected from the clipped box.
//   timm      timm/data/mixup.py Mixup, mode 'batch' without cutmix_minmax:
//             per batch rand() < prob, then the switch rand() < switch_prob
//             when both alphas are > 0, lam from the chosen method's beta, no
//             box when lam == 1, rand_bbox for CutMix (row centre first), and
//             the weight corrected or not (correct_lam).
// The partner of each image (torch.randperm, flip) does not come from NumPy
// and is not part of a step.
#pragma once

#include "box.h"
#include "draw.h"
#include "numpyrandom.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

enum class ReplayRecipe { Official, Timm };
std::string_view replayRecipeName(ReplayRecipe r);
// Throws cutmix::Error naming the accepted names.
ReplayRecipe parseReplayRecipe(std::string_view name);

struct ReplaySettings {
    ReplayRecipe recipe = ReplayRecipe::Official;
    std::uint32_t seed = 0;   // np.random.seed
    Size size{224, 224};      // of the images in the batch (W columns x H rows)
    double alpha = 1.0;       // official: train.py --beta
    double prob = 0.5;        // official: --cutmix_prob; timm: prob
    double mixupAlpha = 0.8;  // timm
    double cutmixAlpha = 1.0; // timm
    double switchProb = 0.5;  // timm
    bool correctLam = true;   // timm's correct_lam (the official code always corrects)
};
// Throws cutmix::Error naming the first bad setting.
void checkReplaySettings(const ReplaySettings& s);

struct ReplayStep {
    std::uint64_t iteration = 0;
    std::string_view method = "none"; // "none", "mixup" or "cutmix"
    std::optional<double> lamSampled; // the beta draw, when one was made
    std::optional<Point> center;      // cutmix: (column, row)
    std::optional<Box> box;           // cutmix: columns [x1, x2), rows [y1, y2)
    double lam = 1.0;                 // the weight of the image itself, as the recipe reports it
};

// The draws of one run, iteration after iteration. Copyable: a copy carries
// the generator's whole state (the window keeps copies to step back).
class Replay
{
public:
    explicit Replay(const ReplaySettings& settings);
    ReplayStep next();
    // Consumes the draws of iterations up to `iteration` (exclusive).
    void skipTo(std::uint64_t iteration);
    std::uint64_t iteration() const { return iteration_; }
    const ReplaySettings& settings() const { return settings_; }

private:
    ReplayStep official();
    ReplayStep timm();
    // rand_bbox: the row centre, then the column centre, the official box.
    void cutmixBox(ReplayStep& step, double lam);

    ReplaySettings settings_;
    NumpyRandomState rng_;
    std::uint64_t iteration_ = 0;
};

// The draw that a replayed iteration makes on images of these sizes, with the
// rest of `base` (resize policy, smoothing, MixUp's rounding): CutMix with the
// official box at the step's centre, its weight corrected or not as the recipe
// does; MixUp; or, for an iteration that does not mix, MixUp with lam = 1
// (the image itself, no region). alpha is the recipe's alpha for the step, and
// seed and index are the NumPy seed and the iteration.
Draw replayDraw(const ReplayStep& step, const ReplaySettings& settings, Params base, Size sizeA, Size sizeB);

// Random access to the steps of a run for a viewer that moves back and forth:
// keeps a copy of the generator every so many iterations.
class ReplayCursor
{
public:
    explicit ReplayCursor(const ReplaySettings& settings);
    ReplayStep at(std::uint64_t iteration);
    const ReplaySettings& settings() const { return settings_; }

private:
    ReplaySettings settings_;
    std::vector<Replay> checkpoints_; // checkpoints_[k] is at iteration k * kEvery
    static constexpr std::uint64_t kEvery = 256;
};

// The CSV line of a step: iteration,method,lam_sampled,x1,y1,x2,y2,lam (box
// columns empty unless cutmix; floats with 17 significant digits).
std::string replayCsvLine(const ReplayStep& step);
std::string_view replayCsvHeader();

} // namespace cutmix
