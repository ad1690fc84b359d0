// Replaying the CutMix/MixUp draws of a training run from its NumPy seed:
// which iterations mixed, with which lam and which box, exactly as NumPy's
// legacy generator gave them to the training code. The recipes that draw
// from NumPy (recipes.h: official, timm) decide each iteration with their own
// decision step over NumPy's generator; then lam = beta(alpha, alpha), and for
// CutMix rand_bbox over the NCHW batch, whose W is the row count:
// randint(rows) first, then randint(columns) (clovaai/CutMix-PyTorch train.py
// at 2d8eb68f; timm/data/mixup.py, mode 'batch' without cutmix_minmax, which
// returns before drawing a box when lam == 1). The partner of each image
// (torch.randperm, flip) does not come from NumPy and is not part of a step.
#pragma once

#include "box.h"
#include "draw.h"
#include "numpyrandom.h"
#include "recipes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

struct ReplaySettings : RecipeValues {
    const Recipe* recipe = &recipeNamed("official");
    std::uint32_t seed = 0; // np.random.seed
    Size size{224, 224};    // of the images in the batch (W columns x H rows)
};
// The recipe's defaults, for a run of images of this size.
ReplaySettings replayDefaults(const Recipe& r);
// Throws cutmix::Error naming the first bad setting, or a recipe whose draws
// do not come from NumPy.
void checkReplaySettings(const ReplaySettings& s);

struct ReplayStep {
    std::uint64_t iteration = 0;
    const Method* method = nullptr; // null: the iteration does not mix

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
