// The recipes: how a library's training code mixes a batch, written once. A
// recipe is one entry of a table: its name and what it follows, the settings
// it reads (rows of recipeSpecs(), in the same form as a draw's parameters),
// the library's defaults, its partner rule, whether it smooths the targets,
// and its decision step (does this unit mix, with CutMix or MixUp, drawing
// from which Beta). The decision draws its uniforms from a RandomSource: the
// project's seeded streams (the batch view, `cutmix batch`) or NumPy's legacy
// generator (`cutmix replay`, the window's training-run replay). The batch
// window, the replay controls, the command line's help and parsing and the
// sheet's title all read this table; core names no flag.
#pragma once

#include "box.h"
#include "numpyrandom.h"
#include "params.h"
#include "setting.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

// Whose pixels and label an element gets: flip (timm: x.flip(0), i gets
// N-1-i), roll (torchvision v2: roll(1, 0), i gets i-1) or perm (the
// official code: torch.randperm, possibly i itself).
enum class PartnerRule { Flip, Roll, Perm };
std::string_view partnerRuleName(PartnerRule r);
// What the rule means, for help and tooltips.
std::string_view partnerRuleFormula(PartnerRule r);
// partner[i] for a batch of n: flip N-1-i, roll i-1 (mod n), perm a shuffle
// of [0, n) from (seed, batch).
std::vector<int> partnerMap(PartnerRule rule, int n, std::uint64_t seed, std::uint64_t batch);

// timm's modes: one lam per batch, per pair (i and N-1-i), per element.
enum class BatchMode { Batch, Pair, Elem };
std::string_view batchModeName(BatchMode m);

// The values of the recipes' settings (rows of recipeSpecs()). The official
// code's alpha (train.py --beta) is its CutMix alpha.
struct RecipeValues {
    double mixupAlpha = 0.8;  // 0: MixUp off
    double cutmixAlpha = 1.0; // 0: CutMix off
    double prob = 1.0;
    double switchProb = 0.5;
    BatchMode mode = BatchMode::Batch;
    bool correctLam = true;
    double smoothing = 0.1;
    std::optional<MinMax> cutmixMinmax;
    std::optional<PartnerRule> partner; // the pixels' partner rule, when not the recipe's
};

// The rows of every recipe setting; a recipe reads some of them.
std::span<const ParamSpec> recipeSpecs();
const ParamSpec& recipeSpec(Setting s);
ParamValue recipeValue(const RecipeValues& v, Setting s);
void setRecipeValue(RecipeValues& v, Setting s, const ParamValue& value);

// Where a recipe's decisions get their uniforms: one per step, named, so that
// the seeded streams keep each step's number in its place while NumPy's
// generator gives them in the order the library asks.
class RandomSource
{
public:
    enum class Step { Mix, Switch };
    virtual ~RandomSource() = default;
    virtual double uniform(Step step) = 0;
};

// The project's streams: the decision stream of (seed, draw index), u[0] for
// the mix, u[1] for the switch; lam and the box come from the pair view's
// draw of (seed, draw index), as sampleDraw makes it.
class SeededSource : public RandomSource
{
public:
    SeededSource(std::uint64_t seed, std::uint64_t drawIndex);
    double uniform(Step step) override;

private:
    double u_[2];
};

// NumPy's legacy generator, in the order the library draws (np.random.rand).
class NumpySource : public RandomSource
{
public:
    explicit NumpySource(NumpyRandomState& rng) : rng_(rng) {}
    double uniform(Step) override { return rng_.randomSample(); }

private:
    NumpyRandomState& rng_;
};

// What a unit (the batch, a pair, an element) does.
struct Decision {
    bool mix = false;
    bool cutmix = false;
    double alpha = 1.0; // of the Beta that lam comes from
};

struct Recipe {
    std::string_view name;                   // "timm": what --recipe takes
    std::string_view title;                  // "timm Mixup"
    std::string_view description;            // one line for help and tooltips
    std::string_view follows;                // the code it follows, file and commit
    std::span<const Setting> settings;       // the rows it reads
    std::span<const Setting> replaySettings; // those a replay of its NumPy draws reads (empty: not replayable)
    RecipeValues defaults;                   // the library's
    PartnerRule partner = PartnerRule::Flip;
    bool smooths = false;    // label smoothing in the targets
    bool evenBatch = false;  // refuses an odd batch
    bool boxAtLamOne = true; // false: a drawn lam of exactly 1 mixes nothing and draws no box (timm)
    Decision (*decide)(const RecipeValues& v, RandomSource& rng) = nullptr;
    // Checks beyond each row's range (a recipe that needs one method on).
    void (*check)(const RecipeValues& v) = nullptr;

    bool uses(Setting s) const;
    // v with the settings the recipe does not read at the library's defaults
    // (a window keeps every value while its recipe changes).
    RecipeValues effective(const RecipeValues& v) const;
    bool replayable() const { return !replaySettings.empty(); }
    // The correction of CutMix's weight the recipe applies.
    bool corrects(const RecipeValues& v) const;
    double targetSmoothing(const RecipeValues& v) const;
    BatchMode mode(const RecipeValues& v) const;
};

std::span<const Recipe> recipes();
const Recipe& defaultRecipe(); // timm
// Throws cutmix::Error (Setting::Recipe) listing the names.
const Recipe& recipeNamed(std::string_view name);
std::string recipeNames();

// Each setting the recipe reads, within its row's range, then the recipe's
// own check. Throws cutmix::Error naming the setting.
void checkRecipeValues(const Recipe& r, const RecipeValues& v);

} // namespace cutmix
