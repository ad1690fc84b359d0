#include "recipes.h"

#include "constants.h"
#include "enumnames.h"
#include "error.h"
#include "rng.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cutmix
{

namespace
{

constexpr EnumNames<PartnerRule, 3> kPartnerNames{
    {{PartnerRule::Flip, "flip"}, {PartnerRule::Roll, "roll"}, {PartnerRule::Perm, "perm"}}};
constexpr EnumNames<BatchMode, 3> kModeNames{
    {{BatchMode::Batch, "batch"}, {BatchMode::Pair, "pair"}, {BatchMode::Elem, "elem"}}};
constexpr std::string_view kModeChoices[] = {"batch", "pair", "elem"};
constexpr std::string_view kPartnerChoices[] = {"flip", "roll", "perm"};

// Streams of their own, so that a unit's decisions never move its lam or box.
constexpr std::uint64_t kDecisionTag = 0x6261746368000000ull; // "batch"
constexpr std::uint64_t kPermTag = 0x7065726d00000000ull;     // "perm"

ParamSpec row(Setting s, std::string_view label, std::string_view what, std::string_view help, ParamKind kind,
              double lo, double hi, int decimals, double step)
{
    ParamSpec p;
    p.setting = s;
    p.label = label;
    p.what = what;
    p.help = help;
    p.kind = kind;
    p.lo = lo;
    p.hi = hi;
    p.decimals = decimals;
    p.step = step;
    return p;
}

// An alpha that may be 0 (the method off) or a Beta parameter.
void alphaOrOff(double alpha)
{
    if (alpha == 0.0)
        return;
    if (!std::isfinite(alpha) || alpha < 0.0 || alpha > kAlphaMax) {
        std::ostringstream s;
        s << "must be 0 (off) or a number > 0 and <= " << kAlphaMax << " (got " << alpha << ")";
        throw Error(s.str());
    }
}

std::vector<ParamSpec> makeSpecs()
{
    std::vector<ParamSpec> t;
    ParamSpec mixup = row(Setting::MixupAlpha, "MixUp α", "mixup alpha", "MixUp's alpha; 0 turns MixUp off",
                          ParamKind::Number, 0.0, kAlphaMax, 3, 0.1);
    mixup.check = alphaOrOff;
    mixup.def = 0.8;
    t.push_back(mixup);
    ParamSpec cutmix = row(Setting::CutmixAlpha, "CutMix α", "cutmix alpha", "CutMix's alpha; 0 turns CutMix off",
                           ParamKind::Number, 0.0, kAlphaMax, 3, 0.1);
    cutmix.check = alphaOrOff;
    cutmix.def = 1.0;
    t.push_back(cutmix);
    ParamSpec beta = row(Setting::Alpha, "β (α)", "alpha (the official code's --beta)",
                         "The official train.py's --beta: CutMix's alpha; 0 turns CutMix off", ParamKind::Number, 0.0,
                         kAlphaMax, 3, 0.1);
    beta.check = alphaOrOff;
    beta.def = 1.0;
    t.push_back(beta);
    ParamSpec prob = row(Setting::Prob, "Probability", "the mixing probability",
                         "The chance that a unit mixes (timm: prob; the official code: --cutmix_prob)",
                         ParamKind::Number, 0.0, 1.0, 3, 0.05);
    prob.def = 1.0;
    t.push_back(prob);
    ParamSpec sw =
        row(Setting::SwitchProb, "Switch prob", "the switch probability",
            "timm's switch_prob: the chance of CutMix when both methods are on", ParamKind::Number, 0.0, 1.0, 3, 0.05);
    sw.def = 0.5;
    t.push_back(sw);
    ParamSpec mode = row(Setting::Mode, "Mode", "the mode",
                         "timm's mode: one lam for the batch, one per pair (i and N-1-i), or one per element",
                         ParamKind::Choice, 0, 0, 0, 0);
    mode.choices = kModeChoices;
    t.push_back(mode);
    ParamSpec correct = row(Setting::CorrectLam, "correct_lam", "the correction",
                            "timm's correct_lam: the weight from the clipped box area", ParamKind::Switch, 0, 0, 0, 0);
    correct.def = 1.0;
    t.push_back(correct);
    ParamSpec smoothing = row(Setting::Smoothing, "Smoothing", "label smoothing", "timm's label_smoothing",
                              ParamKind::Number, 0.0, 1.0, 3, 0.05);
    smoothing.hiOpen = true;
    smoothing.def = 0.1;
    t.push_back(smoothing);
    ParamSpec minmax = row(Setting::CutmixMinmax, "Cut range", "the cut range",
                           "timm's cutmix_minmax: the cut side's range lo,hi as fractions (off: the cut from lam)",
                           ParamKind::Range, 0.0, 1.0, 2, 0.05);
    minmax.strictRange = true;
    minmax.optional = true;
    minmax.def = 0.2;
    minmax.def2 = 0.8;
    minmax.zeroText = "off";
    t.push_back(minmax);
    ParamSpec partner = row(Setting::Partner, "Pixels' partner", "the partner rule",
                            "Whose pixels each element gets: flip (i <-> N-1-i), roll (i gets i-1) or perm (a seeded "
                            "random permutation); the labels keep the recipe's rule, so a mismatch shows",
                            ParamKind::Choice, 0, 0, 0, 0);
    partner.choices = kPartnerChoices;
    partner.optional = true;
    partner.zeroText = "the recipe's rule";
    t.push_back(partner);
    return t;
}

bool cutmixOn(const RecipeValues& v)
{
    return v.cutmixAlpha > 0.0 || v.cutmixMinmax.has_value();
}

// ---- timm (huggingface/pytorch-image-models, timm/data/mixup.py,
// Mixup._params_per_batch / _params_per_elem at 066e4906): per unit
// rand() < prob, then CutMix or MixUp by rand() < switch_prob when both are
// on; lam from the chosen method's Beta; a lam of exactly 1 returns before
// the box is drawn; even batches only; label smoothing in mixup_target.

Decision decideTimm(const RecipeValues& v, RandomSource& rng)
{
    Decision d;
    if (!(rng.uniform(RandomSource::Step::Mix) < v.prob))
        return d;
    d.mix = true;
    const bool mixupOn = v.mixupAlpha > 0.0;
    d.cutmix = mixupOn && cutmixOn(v) ? rng.uniform(RandomSource::Step::Switch) < v.switchProb : cutmixOn(v);
    d.alpha = d.cutmix ? (v.cutmixMinmax ? 1.0 : v.cutmixAlpha) : v.mixupAlpha;
    return d;
}

void checkTimm(const RecipeValues& v)
{
    if (!(v.mixupAlpha > 0.0) && !cutmixOn(v))
        throw Error("timm's Mixup needs mixup alpha > 0, cutmix alpha > 0 or a cutmix range", Setting::CutmixAlpha);
}

// ---- torchvision (pytorch/vision, torchvision/transforms/v2/_augment.py at
// da6134da): RandomChoice([CutMix(alpha), MixUp(alpha)]) with equal
// probability, one lam per batch, partner roll(1, 0), the box's weight
// corrected, no smoothing.

Decision decideTorchvision(const RecipeValues& v, RandomSource& rng)
{
    Decision d;
    d.mix = true;
    const bool mixupOn = v.mixupAlpha > 0.0;
    d.cutmix = mixupOn && cutmixOn(v) ? rng.uniform(RandomSource::Step::Switch) < 0.5 : cutmixOn(v);
    d.alpha = d.cutmix ? v.cutmixAlpha : v.mixupAlpha;
    return d;
}

void checkTorchvision(const RecipeValues& v)
{
    if (!(v.mixupAlpha > 0.0) && !(v.cutmixAlpha > 0.0))
        throw Error("torchvision needs CutMix or MixUp: one alpha must be > 0", Setting::CutmixAlpha);
}

// ---- official (clovaai/CutMix-PyTorch, train.py at 2d8eb68f): r = rand(1);
// CutMix when beta > 0 and r < cutmix_prob, one lam and one box per batch,
// partner torch.randperm (self-pairs happen), the weight corrected.

Decision decideOfficial(const RecipeValues& v, RandomSource& rng)
{
    Decision d;
    const double r = rng.uniform(RandomSource::Step::Mix);
    d.mix = v.cutmixAlpha > 0.0 && r < v.prob;
    d.cutmix = true;
    d.alpha = v.cutmixAlpha;
    return d;
}

constexpr Setting kTimmSettings[] = {Setting::MixupAlpha, Setting::CutmixAlpha, Setting::Prob,
                                     Setting::SwitchProb, Setting::Mode,        Setting::CorrectLam,
                                     Setting::Smoothing,  Setting::CutmixMinmax};
// timm's NumPy draws are replayed in mode 'batch' without cutmix_minmax.
constexpr Setting kTimmReplay[] = {Setting::MixupAlpha, Setting::CutmixAlpha, Setting::Prob, Setting::SwitchProb,
                                   Setting::CorrectLam};
constexpr Setting kTorchvisionSettings[] = {Setting::MixupAlpha, Setting::CutmixAlpha};
constexpr Setting kOfficialSettings[] = {Setting::Alpha, Setting::Prob};

std::vector<Recipe> makeRecipes()
{
    std::vector<Recipe> r;
    Recipe timm;
    timm.name = "timm";
    timm.title = "timm Mixup";
    timm.description = "timm Mixup: partner flip(0), lam per batch, pair or element, label smoothing";
    timm.follows = "timm/data/mixup.py (huggingface/pytorch-image-models at 066e4906)";
    timm.settings = kTimmSettings;
    timm.replaySettings = kTimmReplay;
    // The training script's: --mixup 0.8 --cutmix 1.0 --smoothing 0.1.
    timm.partner = PartnerRule::Flip;
    timm.smooths = true;
    timm.evenBatch = true;
    timm.boxAtLamOne = false;
    timm.decide = decideTimm;
    timm.check = checkTimm;
    r.push_back(timm);

    Recipe tv;
    tv.name = "torchvision";
    tv.title = "torchvision v2";
    tv.description = "torchvision v2 RandomChoice([CutMix, MixUp]): partner roll(1), one lam per batch";
    tv.follows = "torchvision/transforms/v2/_augment.py (pytorch/vision at da6134da)";
    tv.settings = kTorchvisionSettings;
    // The v2 example: CutMix(alpha=1.0), MixUp(alpha=1.0).
    tv.defaults.mixupAlpha = 1.0;
    tv.defaults.smoothing = 0.0;
    tv.partner = PartnerRule::Roll;
    tv.decide = decideTorchvision;
    tv.check = checkTorchvision;
    r.push_back(tv);

    Recipe official;
    official.name = "official";
    official.title = "official train.py";
    official.description = "The official train.py: CutMix with probability prob, partner torch.randperm";
    official.follows = "train.py (clovaai/CutMix-PyTorch at 2d8eb68f)";
    official.settings = kOfficialSettings;
    official.replaySettings = kOfficialSettings;
    // train.py's ImageNet example: --beta 1.0 --cutmix_prob 1.0.
    official.defaults.mixupAlpha = 0.0;
    official.defaults.smoothing = 0.0;
    official.partner = PartnerRule::Perm;
    official.decide = decideOfficial;
    r.push_back(official);
    return r;
}

} // namespace

std::string_view partnerRuleName(PartnerRule r)
{
    return enumName(kPartnerNames, r);
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

std::vector<int> partnerMap(PartnerRule rule, int n, std::uint64_t seed, std::uint64_t batch)
{
    std::vector<int> p(static_cast<std::size_t>(std::max(n, 0)));
    if (rule == PartnerRule::Perm && n > 0) {
        const auto perm = epochPermutation(seed ^ kPermTag, batch, static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            p[std::size_t(i)] = static_cast<int>(perm[std::size_t(i)]);
        return p;
    }
    for (int i = 0; i < n; ++i)
        p[std::size_t(i)] = rule == PartnerRule::Flip ? n - 1 - i : (i + n - 1) % n;
    return p;
}

std::string_view batchModeName(BatchMode m)
{
    return enumName(kModeNames, m);
}

std::span<const ParamSpec> recipeSpecs()
{
    static const std::vector<ParamSpec> table = makeSpecs();
    return table;
}

const ParamSpec& recipeSpec(Setting s)
{
    for (const ParamSpec& p : recipeSpecs())
        if (p.setting == s)
            return p;
    throw Error("'" + std::string(settingKey(s)) + "' is not a setting of a recipe");
}

ParamValue recipeValue(const RecipeValues& v, Setting s)
{
    ParamValue p;
    switch (s) {
    case Setting::MixupAlpha:
        p.a = v.mixupAlpha;
        break;
    case Setting::CutmixAlpha:
    case Setting::Alpha:
        p.a = v.cutmixAlpha;
        break;
    case Setting::Prob:
        p.a = v.prob;
        break;
    case Setting::SwitchProb:
        p.a = v.switchProb;
        break;
    case Setting::Mode:
        p.a = double(v.mode);
        break;
    case Setting::CorrectLam:
        p.a = v.correctLam ? 1.0 : 0.0;
        break;
    case Setting::Smoothing:
        p.a = v.smoothing;
        break;
    case Setting::CutmixMinmax:
        p.a = v.cutmixMinmax ? v.cutmixMinmax->lo : -1.0;
        p.b = v.cutmixMinmax ? v.cutmixMinmax->hi : -1.0;
        break;
    case Setting::Partner:
        p.a = v.partner ? double(*v.partner) : -1.0;
        break;
    default:
        recipeSpec(s); // throws
    }
    return p;
}

void setRecipeValue(RecipeValues& v, Setting s, const ParamValue& p)
{
    switch (s) {
    case Setting::MixupAlpha:
        v.mixupAlpha = p.a;
        return;
    case Setting::CutmixAlpha:
    case Setting::Alpha:
        v.cutmixAlpha = p.a;
        return;
    case Setting::Prob:
        v.prob = p.a;
        return;
    case Setting::SwitchProb:
        v.switchProb = p.a;
        return;
    case Setting::Mode:
        v.mode = BatchMode(int(p.a));
        return;
    case Setting::CorrectLam:
        v.correctLam = p.a > 0.0;
        return;
    case Setting::Smoothing:
        v.smoothing = p.a;
        return;
    case Setting::CutmixMinmax:
        v.cutmixMinmax = p.a < 0.0 ? std::nullopt : std::optional<MinMax>(MinMax{p.a, p.b});
        return;
    case Setting::Partner:
        v.partner = p.a < 0.0 ? std::nullopt : std::optional<PartnerRule>(PartnerRule(int(p.a)));
        return;
    default:
        recipeSpec(s); // throws
    }
}

SeededSource::SeededSource(std::uint64_t seed, std::uint64_t drawIndex)
{
    Rng rng(seed ^ kDecisionTag, drawIndex);
    u_[0] = rng.uniform();
    u_[1] = rng.uniform();
}

double SeededSource::uniform(Step step)
{
    return u_[step == Step::Mix ? 0 : 1];
}

bool Recipe::uses(Setting s) const
{
    return std::find(settings.begin(), settings.end(), s) != settings.end();
}

RecipeValues Recipe::effective(const RecipeValues& v) const
{
    RecipeValues e = defaults;
    for (Setting s : settings)
        setRecipeValue(e, s, recipeValue(v, s));
    e.partner = v.partner;
    return e;
}

bool Recipe::corrects(const RecipeValues& v) const
{
    return uses(Setting::CorrectLam) ? v.correctLam : true;
}

double Recipe::targetSmoothing(const RecipeValues& v) const
{
    return smooths ? v.smoothing : 0.0;
}

BatchMode Recipe::mode(const RecipeValues& v) const
{
    return uses(Setting::Mode) ? v.mode : BatchMode::Batch;
}

std::span<const Recipe> recipes()
{
    static const std::vector<Recipe> table = makeRecipes();
    return table;
}

const Recipe& defaultRecipe()
{
    return recipes().front();
}

std::string recipeNames()
{
    std::string names;
    for (const Recipe& r : recipes())
        names += (names.empty() ? "" : ", ") + std::string(r.name);
    return names;
}

const Recipe& recipeNamed(std::string_view name)
{
    for (const Recipe& r : recipes())
        if (r.name == name)
            return r;
    throw Error("unknown recipe '" + std::string(name) + "' (expected one of: " + recipeNames() + ")", Setting::Recipe);
}

void checkRecipeValues(const Recipe& r, const RecipeValues& v)
{
    for (Setting s : r.settings) {
        const ParamSpec& spec = recipeSpec(s);
        const ParamValue value = recipeValue(v, s);
        if (spec.optional && value.a < 0.0)
            continue;
        try {
            if (spec.check)
                spec.check(value.a);
            else
                checkParamValue(spec, value);
        } catch (const Error& e) {
            const std::string message = e.what();
            throw Error(message.starts_with("must") ? std::string(spec.what) + " " + message : message, s);
        }
    }
    if (r.check)
        r.check(v);
}

} // namespace cutmix
