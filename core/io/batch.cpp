#include "batch.h"

#include "constants.h"
#include "dataset.h"
#include "enumnames.h"
#include "error.h"
#include "labels.h"
#include "mixer.h"
#include "rng.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace cutmix
{

namespace
{

constexpr EnumNames<BatchRecipe, 3> kRecipeNames{
    {{BatchRecipe::Timm, "timm"}, {BatchRecipe::Torchvision, "torchvision"}, {BatchRecipe::Official, "official"}}};
constexpr EnumNames<PartnerRule, 3> kPartnerNames{
    {{PartnerRule::Flip, "flip"}, {PartnerRule::Roll, "roll"}, {PartnerRule::Perm, "perm"}}};
constexpr EnumNames<BatchMode, 3> kModeNames{
    {{BatchMode::Batch, "batch"}, {BatchMode::Pair, "pair"}, {BatchMode::Elem, "elem"}}};

// Streams of their own, so that a unit's decisions never move its lam or box.
constexpr std::uint64_t kDecisionTag = 0x6261746368000000ull; // "batch"
constexpr std::uint64_t kPermTag = 0x7065726d00000000ull;     // "perm"

constexpr int kMaxBatch = 4096;

void checkProbability(double p, const char* what, Setting setting)
{
    if (!(p >= 0.0 && p <= 1.0)) {
        std::ostringstream s;
        s << what << " must be between 0 and 1 (got " << p << ")";
        throw Error(s.str(), setting);
    }
}

// An alpha that may be 0 (the method off) or a Beta parameter.
void checkAlphaOrOff(double alpha, const char* what, Setting setting)
{
    if (alpha == 0.0)
        return;
    if (!std::isfinite(alpha) || alpha < 0.0 || alpha > kAlphaMax) {
        std::ostringstream s;
        s << what << " must be 0 (off) or a number > 0 and <= " << kAlphaMax << " (got " << alpha << ")";
        throw Error(s.str(), setting);
    }
}

bool cutmixOn(const BatchSettings& s)
{
    return s.cutmixAlpha > 0.0 || (s.recipe == BatchRecipe::Timm && s.cutmixMinmax);
}

bool mixupOn(const BatchSettings& s)
{
    return s.recipe != BatchRecipe::Official && s.mixupAlpha > 0.0;
}

// What a unit decides: whether it mixes, and with which method.
struct Decision {
    bool mix = false;
    bool cutmix = false;
};

Decision decide(const BatchSettings& s, std::uint64_t drawIndex)
{
    Rng rng(s.seed ^ kDecisionTag, drawIndex);
    const double uMix = rng.uniform();
    const double uSwitch = rng.uniform();
    Decision d;
    switch (s.recipe) {
    case BatchRecipe::Timm:
        d.mix = uMix < s.prob;
        d.cutmix = mixupOn(s) && cutmixOn(s) ? uSwitch < s.switchProb : cutmixOn(s);
        break;
    case BatchRecipe::Torchvision: // RandomChoice([CutMix, MixUp]): always one of them
        d.mix = true;
        d.cutmix = mixupOn(s) && cutmixOn(s) ? uSwitch < 0.5 : cutmixOn(s);
        break;
    case BatchRecipe::Official: // if beta > 0 and r < cutmix_prob
        d.mix = s.cutmixAlpha > 0.0 && uMix < s.prob;
        d.cutmix = true;
        break;
    }
    return d;
}

Draw unitDraw(const BatchSettings& s, bool cutmix, std::uint64_t drawIndex, Size size)
{
    Params p;
    p.seed = s.seed;
    p.index = drawIndex;
    p.setChoice(Setting::Rounding, s.rounding);
    if (!cutmix) {
        p.method = &methodNamed("mixup");
        p.alpha = s.mixupAlpha;
    } else if (s.recipe == BatchRecipe::Timm && s.cutmixMinmax) {
        p.method = &methodNamed("timm-minmax");
        p.setRange(Setting::MinMax, *s.cutmixMinmax);
        p.alpha = 1.0; // timm sets cutmix_alpha = 1.0 with cutmix_minmax; the cut is drawn directly
    } else {
        p.method = &methodNamed("official");
        p.alpha = s.cutmixAlpha;
        p.correctLam = s.recipe == BatchRecipe::Timm ? s.correctLam : true;
    }
    return sampleDraw(p, size, size);
}

int unitOf(BatchMode mode, int i, int n)
{
    switch (mode) {
    case BatchMode::Batch:
        return 0;
    case BatchMode::Pair:
        return std::min(i, n - 1 - i);
    case BatchMode::Elem:
        return i;
    }
    return 0;
}

} // namespace

std::string_view batchRecipeName(BatchRecipe r)
{
    return enumName(kRecipeNames, r);
}

BatchRecipe parseBatchRecipe(std::string_view name)
{
    return parseEnum(kRecipeNames, name, "recipe");
}

std::string_view partnerRuleName(PartnerRule r)
{
    return enumName(kPartnerNames, r);
}

PartnerRule parsePartnerRule(std::string_view name)
{
    return parseEnum(kPartnerNames, name, "partner rule");
}

std::string_view partnerRuleFormula(PartnerRule r)
{
    switch (r) {
    case PartnerRule::Flip:
        return "element i mixes with N-1-i (timm: x.flip(0))";
    case PartnerRule::Roll:
        return "element i mixes with i-1, the first with the last (torchvision v2: roll(1, 0))";
    case PartnerRule::Perm:
        return "element i mixes with perm[i] of a random permutation, possibly itself (torch.randperm)";
    }
    return "";
}

std::string_view batchModeName(BatchMode m)
{
    return enumName(kModeNames, m);
}

BatchMode parseBatchMode(std::string_view name)
{
    return parseEnum(kModeNames, name, "mode");
}

BatchSettings recipeDefaults(BatchRecipe r)
{
    BatchSettings s;
    s.recipe = r;
    switch (r) {
    case BatchRecipe::Timm: // timm train.py: --mixup 0.8 --cutmix 1.0 --smoothing 0.1
        break;
    case BatchRecipe::Torchvision: // the v2 example: CutMix(alpha=1.0), MixUp(alpha=1.0)
        s.mixupAlpha = 1.0;
        s.cutmixAlpha = 1.0;
        s.smoothing = 0.0;
        break;
    case BatchRecipe::Official: // train.py's ImageNet example: --beta 1.0 --cutmix_prob 1.0
        s.mixupAlpha = 0.0;
        s.cutmixAlpha = 1.0;
        s.prob = 1.0;
        s.smoothing = 0.0;
        break;
    }
    return s;
}

std::vector<std::string_view> recipeSettings(BatchRecipe r)
{
    switch (r) {
    case BatchRecipe::Timm:
        return {"mixup-alpha", "cutmix-alpha", "prob",      "switch-prob",
                "mode",        "correct-lam",  "smoothing", "cutmix-minmax"};
    case BatchRecipe::Torchvision:
        return {"mixup-alpha", "cutmix-alpha"};
    case BatchRecipe::Official:
        return {"alpha", "prob"};
    }
    return {};
}

bool recipeUses(BatchRecipe r, std::string_view setting)
{
    const auto names = recipeSettings(r);
    return std::find(names.begin(), names.end(), setting) != names.end();
}

double targetSmoothing(const BatchSettings& s)
{
    return s.recipe == BatchRecipe::Timm ? s.smoothing : 0.0;
}

void checkBatchSettings(const BatchSettings& s, int n)
{
    if (n < 1 || n > kMaxBatch)
        throw Error("a batch has 1 to " + std::to_string(kMaxBatch) + " images (got " + std::to_string(n) + ")",
                    Setting::BatchSize);
    if (s.recipe == BatchRecipe::Official) {
        checkAlphaOrOff(s.cutmixAlpha, "alpha (the official code's --beta)", Setting::Alpha);
        checkProbability(s.prob, "the CutMix probability", Setting::Prob);
        return;
    }
    checkAlphaOrOff(s.mixupAlpha, "mixup alpha", Setting::MixupAlpha);
    checkAlphaOrOff(s.cutmixAlpha, "cutmix alpha", Setting::CutmixAlpha);
    if (!mixupOn(s) && !cutmixOn(s))
        throw Error(s.recipe == BatchRecipe::Timm
                        ? "timm's Mixup needs mixup alpha > 0, cutmix alpha > 0 or a cutmix range"
                        : "torchvision needs CutMix or MixUp: one alpha must be > 0",
                    Setting::CutmixAlpha);
    if (s.recipe == BatchRecipe::Torchvision)
        return;
    checkProbability(s.prob, "the mixing probability", Setting::Prob);
    checkProbability(s.switchProb, "the switch probability", Setting::SwitchProb);
    if (!(s.smoothing >= 0.0 && s.smoothing < 1.0)) {
        std::ostringstream m;
        m << "label smoothing must be in [0, 1) (got " << s.smoothing << ")";
        throw Error(m.str(), Setting::Smoothing);
    }
    if (s.cutmixMinmax)
        checkMinMax(*s.cutmixMinmax);
    if (n % 2 != 0)
        throw Error("timm's Mixup refuses an odd batch (assert len(x) % 2 == 0); " + std::to_string(n) +
                        " images were given",
                    Setting::BatchSize);
}

PartnerRule recipePartner(BatchRecipe r)
{
    switch (r) {
    case BatchRecipe::Timm:
        return PartnerRule::Flip;
    case BatchRecipe::Torchvision:
        return PartnerRule::Roll;
    case BatchRecipe::Official:
        return PartnerRule::Perm;
    }
    return PartnerRule::Flip;
}

std::vector<int> partnerMap(PartnerRule rule, int n, std::uint64_t seed, std::uint64_t batch)
{
    std::vector<int> p(static_cast<std::size_t>(std::max(n, 0)));
    for (int i = 0; i < n; ++i) {
        switch (rule) {
        case PartnerRule::Flip:
            p[std::size_t(i)] = n - 1 - i;
            break;
        case PartnerRule::Roll:
            p[std::size_t(i)] = (i + n - 1) % n;
            break;
        case PartnerRule::Perm:
            break;
        }
    }
    if (rule == PartnerRule::Perm && n > 0) {
        const auto perm = epochPermutation(seed ^ kPermTag, batch, static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            p[std::size_t(i)] = static_cast<int>(perm[std::size_t(i)]);
    }
    return p;
}

BatchDraw drawBatch(const BatchSettings& s, int n, Size size)
{
    checkBatchSettings(s, n);
    checkSize(size);
    BatchDraw b;
    b.settings = s;
    b.n = n;
    b.size = size;
    b.labelRule = recipePartner(s.recipe);
    b.pixelRule = s.partner.value_or(b.labelRule);
    const auto labelPartners = partnerMap(b.labelRule, n, s.seed, s.batch);
    const auto pixelPartners = partnerMap(b.pixelRule, n, s.seed, s.batch);
    const BatchMode mode = s.recipe == BatchRecipe::Timm ? s.mode : BatchMode::Batch;

    struct Unit {
        Decision decision;
        Draw draw;
    };
    std::map<int, Unit> units;
    b.elements.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        BatchElement& e = b.elements[std::size_t(i)];
        e.selfIndex = i;
        e.partner = pixelPartners[std::size_t(i)];
        e.labelPartner = labelPartners[std::size_t(i)];
        e.unit = unitOf(mode, i, n);
        auto found = units.find(e.unit);
        if (found == units.end()) {
            const std::uint64_t drawIndex = s.batch * std::uint64_t(n) + std::uint64_t(e.unit);
            Unit u;
            u.decision = decide(s, drawIndex);
            if (u.decision.mix)
                u.draw = unitDraw(s, u.decision.cutmix, drawIndex, size);
            found = units.emplace(e.unit, u).first;
        }
        e.mixed = found->second.decision.mix;
        if (e.mixed) {
            e.draw = found->second.draw;
            e.lam = e.draw.weights.at(0);
        }
    }
    return b;
}

std::vector<cv::Mat> prepareBatch(const std::vector<cv::Mat>& images, Size size)
{
    checkSize(size);
    std::vector<cv::Mat> out;
    out.reserve(images.size());
    for (const cv::Mat& m : images) {
        if (m.empty())
            throw Error("an image of the batch is empty");
        out.push_back(resizedTo(convertLike(m, images.front().depth(), images.front().channels()), size));
    }
    return out;
}

void mixBatchInto(const std::vector<cv::Mat>& prepared, const BatchDraw& b, std::vector<cv::Mat>& out)
{
    if (int(prepared.size()) != b.n)
        throw Error("the batch has " + std::to_string(prepared.size()) + " images but its draw is for " +
                    std::to_string(b.n));
    out.resize(prepared.size());
    for (int i = 0; i < b.n; ++i) {
        const BatchElement& e = b.elements[std::size_t(i)];
        cv::Mat& o = out[std::size_t(i)];
        if (!e.mixed)
            prepared[std::size_t(i)].copyTo(o);
        else
            mixDrawInto({prepared[std::size_t(i)], prepared[std::size_t(e.partner)]}, e.draw, o);
    }
}

std::vector<cv::Mat> mixBatch(const std::vector<cv::Mat>& prepared, const BatchDraw& b)
{
    std::vector<cv::Mat> out;
    mixBatchInto(prepared, b, out);
    return out;
}

std::vector<double> batchTargets(const BatchDraw& b, const std::vector<int>& classes, int numClasses)
{
    if (int(classes.size()) != b.n)
        throw Error("the batch has " + std::to_string(b.n) + " elements but " + std::to_string(classes.size()) +
                        " classes were given",
                    Setting::NumClasses);
    const double smoothing = targetSmoothing(b.settings);
    std::vector<double> t;
    t.reserve(std::size_t(b.n) * std::size_t(std::max(numClasses, 0)));
    for (int i = 0; i < b.n; ++i) {
        const BatchElement& e = b.elements[std::size_t(i)];
        const int own = classes[std::size_t(i)];
        const std::vector<double> row = e.mixed ? mixedLabel(numClasses, {own, classes[std::size_t(e.labelPartner)]},
                                                             {e.lam, 1.0 - e.lam}, smoothing)
                                                : mixedLabel(numClasses, {own}, {1.0}, smoothing);
        t.insert(t.end(), row.begin(), row.end());
    }
    return t;
}

std::string_view elementMethod(const BatchElement& e)
{
    return e.mixed ? e.draw.method().title : std::string_view("none");
}

} // namespace cutmix
