#include "replay.h"

#include "enumnames.h"
#include "error.h"
#include "format.h"
#include "method.h"

#include <cmath>

namespace cutmix
{

constexpr EnumNames<ReplayRecipe, 2> kReplayRecipeNames{
    {{ReplayRecipe::Official, "official"}, {ReplayRecipe::Timm, "timm"}}};

std::string_view replayRecipeName(ReplayRecipe r)
{
    return enumName(kReplayRecipeNames, r);
}

ReplayRecipe parseReplayRecipe(std::string_view name)
{
    return parseEnum(kReplayRecipeNames, name, "recipe");
}

void checkReplaySettings(const ReplaySettings& s)
{
    checkSize(s.size);
    auto finiteAtLeast0 = [](double v, const char* what) {
        if (!(std::isfinite(v) && v >= 0.0))
            throw Error(std::string(what) + " must be a number >= 0");
    };
    auto probability = [](double v, const char* what) {
        if (!(v >= 0.0 && v <= 1.0))
            throw Error(std::string(what) + " must be between 0 and 1");
    };
    probability(s.prob, "the probability of mixing");
    if (s.recipe == ReplayRecipe::Official) {
        finiteAtLeast0(s.alpha, "beta (alpha)");
        return;
    }
    finiteAtLeast0(s.mixupAlpha, "mixup_alpha");
    finiteAtLeast0(s.cutmixAlpha, "cutmix_alpha");
    probability(s.switchProb, "switch_prob");
    if (s.mixupAlpha <= 0.0 && s.cutmixAlpha <= 0.0)
        throw Error("timm needs mixup_alpha > 0 or cutmix_alpha > 0 (its Mixup asserts one of them)");
}

Replay::Replay(const ReplaySettings& settings) : settings_(settings), rng_(settings.seed)
{
    checkReplaySettings(settings);
}

ReplayStep Replay::next()
{
    ReplayStep step = settings_.recipe == ReplayRecipe::Official ? official() : timm();
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
    step.method = "cutmix";
    step.center = centre;
    step.box = g.box;
}

ReplayStep Replay::official()
{
    ReplayStep step;
    const double r = rng_.randomSample();
    if (settings_.alpha > 0.0 && r < settings_.prob) {
        const double lam = rng_.beta(settings_.alpha, settings_.alpha);
        step.lamSampled = lam;
        cutmixBox(step, lam);
        step.lam = lamAdjusted(settings_.size, *step.box);
    }
    return step;
}

ReplayStep Replay::timm()
{
    ReplayStep step;
    double lam = 1.0;
    bool useCutmix = false;
    if (rng_.randomSample() < settings_.prob) {
        const double m = settings_.mixupAlpha, c = settings_.cutmixAlpha;
        if (m > 0.0 && c > 0.0) {
            useCutmix = rng_.randomSample() < settings_.switchProb;
            lam = useCutmix ? rng_.beta(c, c) : rng_.beta(m, m);
        } else if (m > 0.0) {
            lam = rng_.beta(m, m);
        } else {
            useCutmix = true;
            lam = rng_.beta(c, c);
        }
        step.lamSampled = lam;
    }
    // timm's _mix_batch returns at once when lam == 1: no box is drawn.
    if (lam == 1.0)
        return step;
    if (useCutmix) {
        cutmixBox(step, lam);
        step.lam = settings_.correctLam ? lamAdjusted(settings_.size, *step.box) : lam;
    } else {
        step.method = "mixup";
        step.lam = lam;
    }
    return step;
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
    const bool timm = s.recipe == ReplayRecipe::Timm;
    RandomInputs in;
    in.lam = step.lamSampled.value_or(1.0);
    p.sources = 2;
    Draw d;
    if (step.method == "cutmix") {
        // Both recipes place the box as the official code does; timm with
        // correct_lam=False reports the drawn lam.
        p.method = &defaultMethod();
        p.alpha = timm ? s.cutmixAlpha : s.alpha;
        p.correctLam = !timm || s.correctLam;
        const Size size = mixedSize(sizeA, sizeB, p.resize);
        const Geometry g = p.method->boxOf(size, in.lam, {step.center.value_or(Point{0, 0})});
        d = recordDraw(p, sizeA, sizeB, in, g);
    } else {
        p.method = &methodFor("mixup");
        p.alpha = timm ? (step.method == "mixup" ? s.mixupAlpha : s.cutmixAlpha) : s.alpha;
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
    line.append(",").append(s.method).append(",");
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
