#include "replay.h"

#include "enumnames.h"
#include "error.h"
#include "format.h"
#include "method.h"

#include <algorithm>
#include <cmath>

namespace cutmix
{

ReplaySettings replayDefaults(const Recipe& r)
{
    ReplaySettings s;
    static_cast<RecipeValues&>(s) = r.defaults;
    s.recipe = &r;
    return s;
}

namespace
{

// A replay reads only the recipe's replay settings; the others stay at the
// recipe's defaults.
RecipeValues replayValues(const ReplaySettings& s)
{
    RecipeValues v = s.recipe->defaults;
    for (Setting k : s.recipe->replaySettings)
        setRecipeValue(v, k, recipeValue(s, k));
    return v;
}

} // namespace

void checkReplaySettings(const ReplaySettings& s)
{
    checkSize(s.size);
    if (!s.recipe->replayable())
        throw Error(std::string(s.recipe->title) +
                        " does not draw from NumPy: its run cannot be replayed from a NumPy seed",
                    Setting::Recipe);
    checkRecipeValues(*s.recipe, replayValues(s));
}

Replay::Replay(const ReplaySettings& settings) : settings_(settings), rng_(settings.seed)
{
    checkReplaySettings(settings);
    static_cast<RecipeValues&>(settings_) = replayValues(settings);
}

ReplayStep Replay::next()
{
    ReplayStep step;
    NumpySource source(rng_);
    const Decision d = settings_.recipe->decide(settings_, source);
    if (d.mix) {
        const double lam = rng_.beta(d.alpha, d.alpha);
        step.lamSampled = lam;
        if (lam < 1.0 || settings_.recipe->boxAtLamOne) {
            if (d.cutmix) {
                cutmixBox(step, lam);
                step.lam = settings_.recipe->corrects(settings_) ? lamAdjusted(settings_.size, *step.box) : lam;
            } else {
                step.method = &methodNamed("mixup");
                step.lam = lam;
            }
        }
    }
    step.iteration = iteration_++;
    return step;
}

void Replay::skipTo(std::uint64_t iteration)
{
    while (iteration_ < iteration)
        next();
}

void Replay::cutmixBox(ReplayStep& step, double lam)
{
    const std::int64_t row = rng_.randint(0, settings_.size.height);
    const std::int64_t column = rng_.randint(0, settings_.size.width);
    const Point centre{static_cast<int>(column), static_cast<int>(row)};
    const Geometry g = defaultMethod().boxOf(settings_.size, lam, {centre});
    step.method = &defaultMethod();
    step.center = centre;
    step.box = g.box;
}

ReplayCursor::ReplayCursor(const ReplaySettings& settings) : settings_(settings)
{
    checkpoints_.emplace_back(settings);
}

ReplayStep ReplayCursor::at(std::uint64_t iteration)
{
    const std::size_t k = static_cast<std::size_t>(iteration / kEvery);
    while (checkpoints_.size() <= k) {
        Replay r = checkpoints_.back();
        r.skipTo(checkpoints_.size() * kEvery);
        checkpoints_.push_back(r);
    }
    Replay r = checkpoints_[k];
    r.skipTo(iteration);
    return r.next();
}

namespace
{

// 17 significant digits, written as a float ("1.0", not "1").
std::string floatText(double v)
{
    std::string s = formatExact(v);
    if (s.find_first_of(".eEn") == std::string::npos)
        s += ".0";
    return s;
}

} // namespace

Draw replayDraw(const ReplayStep& step, const ReplaySettings& s, Params p, Size sizeA, Size sizeB)
{
    RandomInputs in;
    in.lam = step.lamSampled.value_or(1.0);
    p.sources = 2;
    Draw d;
    if (step.method && step.method->isConvention()) {
        // The official box at the step's centre; timm with correct_lam=False
        // reports the drawn lam.
        p.method = step.method;
        p.alpha = s.cutmixAlpha;
        p.correctLam = s.recipe->corrects(s);
        const Size size = mixedSize(sizeA, sizeB, p.resize);
        const Geometry g = p.method->boxOf(size, in.lam, {step.center.value_or(Point{0, 0})});
        d = recordDraw(p, sizeA, sizeB, in, g);
    } else {
        // MixUp, or an iteration that does not mix: MixUp with lam = 1.
        p.method = step.method ? step.method : &methodNamed("mixup");
        p.alpha = step.method ? s.mixupAlpha : s.cutmixAlpha;
        d = makeDraw(p, sizeA, sizeB, in);
    }
    d.params.seed = s.seed;
    d.params.index = step.iteration;
    return d;
}

std::string_view replayCsvHeader()
{
    return "iteration,method,lam_sampled,x1,y1,x2,y2,lam";
}

std::string replayCsvLine(const ReplayStep& s)
{
    std::string line = std::to_string(s.iteration);
    line.append(",").append(s.method ? s.method->family : std::string_view("none")).append(",");
    if (s.lamSampled)
        line += floatText(*s.lamSampled);
    if (s.box) {
        for (int v : {s.box->x1, s.box->y1, s.box->x2, s.box->y2})
            line.append(",").append(std::to_string(v));
    } else {
        line += ",,,,";
    }
    return line.append(",").append(floatText(s.lam));
}

} // namespace cutmix
