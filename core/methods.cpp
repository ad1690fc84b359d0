// The registry's entries. Each CutMix convention is written here once: its
// names, its box as a function of its random inputs, its weight, and the
// formula lines the read-out shows. Sources of each formula are named in the
// entry's comment.
#include "method.h"

#include "error.h"

#include <algorithm>
#include <cmath>

namespace cutmix
{

namespace
{

// ---- official (clovaai/CutMix-PyTorch train.py rand_bbox; timm
// mixup.rand_bbox; torchvision v2 CutMix): cut = int(side * sqrt(1 - lam))
// in double precision, box [c - cut // 2, c + cut // 2) clipped.

int truncatedCut(int side, double lam)
{
    return static_cast<int>(side * std::sqrt(1.0 - lam));
}

Size officialCut(Size s, double lam)
{
    return {truncatedCut(s.width, lam), truncatedCut(s.height, lam)};
}

Point centreFromUniforms(Size s, Size, double ux, double uy)
{
    return {uniformIndex(ux, s.width), uniformIndex(uy, s.height)};
}

Geometry officialPlace(Size s, Size cut, Point c)
{
    const Box raw{c.x - cut.width / 2, c.y - cut.height / 2, c.x + cut.width / 2, c.y + cut.height / 2};
    return {clippedTo(raw, s), raw, cut, c};
}

double officialWeight(const Geometry& g, Size s, double lam, bool corrected)
{
    return corrected ? lamAdjusted(s, g.box) : lam;
}

constexpr std::string_view kOfficialFormula[] = {
    "cut_w = int(W·√(1−λ)) = int({W} · {root}) = {cut_w}",
    "cut_h = int(H·√(1−λ)) = int({H} · {root}) = {cut_h}",
    "centre (cx, cy) = ({cx}, {cy})",
    "x1 = clip(cx − cut_w//2, 0, W) = clip({ux1}, 0, {W}) = {x1}",
    "x2 = clip(cx + cut_w//2, 0, W) = clip({ux2}, 0, {W}) = {x2}",
    "y1 = clip(cy − cut_h//2, 0, H) = clip({uy1}, 0, {H}) = {y1}",
    "y2 = clip(cy + cut_h//2, 0, H) = clip({uy2}, 0, {H}) = {y2}",
};

// ---- float32 arithmetic. Keras-CV and Kornia hold lam in a float32 tensor
// and compute the cut in float32, each operation rounded; on a rounding edge
// that moves the cut by a pixel (4 x 2, lam = 0.4375000298023224: float32
// gives a cut width of 3, double 2). x86-64 does float arithmetic in single
// precision (SSE), and C++ (with GCC's ISO mode) does not fuse the steps.

// ---- keras-cv (keras-team/keras-cv, keras_cv/src/layers/preprocessing/
// cut_mix.py at 2fab47e9, and src/utils/fill_utils.py): ratio =
// sqrt(1 - lam) and cut = int32(ratio * float32(side)) in float32; the mask
// test c - cut/2 <= idx < c + cut/2 uses float halves, so an odd cut keeps
// its pixel; the weight is 1 - area / (H * W) from the unclipped cut,
// computed in float64 (TensorFlow's int32 true division) and cast to float32.

Size kerasCut(Size s, double lam)
{
    const float ratio = std::sqrt(1.0f - static_cast<float>(lam));
    auto side = [ratio](int n) { return static_cast<int>(ratio * static_cast<float>(n)); };
    return {side(s.width), side(s.height)};
}

Geometry kerasPlace(Size s, Size cut, Point c)
{
    // The first integer idx >= c - cut/2 starts the range; the first
    // integer idx >= c + cut/2 ends it (half-open).
    auto firstAtLeast = [](double v) { return static_cast<int>(std::ceil(v)); };
    const Box raw{firstAtLeast(c.x - cut.width / 2.0), firstAtLeast(c.y - cut.height / 2.0),
                  firstAtLeast(c.x + cut.width / 2.0), firstAtLeast(c.y + cut.height / 2.0)};
    return {clippedTo(raw, s), raw, cut, c};
}

double kerasWeight(const Geometry& g, Size s, double, bool)
{
    // Wrong whenever the box is clipped: the library's behaviour, shown as it is.
    const double weight = 1.0 - static_cast<double>(g.cut.area()) / static_cast<double>(s.area());
    return static_cast<float>(weight);
}

constexpr std::string_view kKerasFormula[] = {
    "in float32: λ = {lam32},  √(1−λ) = {root32}",
    "cut_w = int32(√(1−λ)·W) = int32({root32} · {W}) = {cut_w}",
    "cut_h = int32(√(1−λ)·H) = int32({root32} · {H}) = {cut_h}",
    "centre (cx, cy) = ({cx}, {cy})",
    "x1 = clip(⌈cx − cut_w/2⌉) = clip(⌈{cx} − {half_w}⌉) = {x1}",
    "x2 = clip(⌈cx + cut_w/2⌉) = clip(⌈{cx} + {half_w}⌉) = {x2}",
    "y1 = clip(⌈cy − cut_h/2⌉) = clip(⌈{cy} − {half_h}⌉) = {y1}",
    "y2 = clip(⌈cy + cut_h/2⌉) = clip(⌈{cy} + {half_h}⌉) = {y2}",
};

// ---- kornia (kornia/kornia, kornia/augmentation/random_generator/_2d/
// cutmix.py at 076fa06e, CutmixGenerator, with RandomCutMixV2 in
// kornia/augmentation/_2d/mix/cutmix.py and bbox_generator / bbox_to_mask /
// infer_bbox_shape in kornia/geometry/bbox.py): in float32, cut =
// floor(sqrt(1 - lam) * side) and start = floor(u * (side - cut - 1)), u a
// float32 uniform in [0, 1). When the cut fills a side, side - cut - 1 is -1
// and the start is -1 for any u > 0: the mask then covers [-1, cut - 1), one
// row or column less than the cut, while the weight still counts the whole
// cut. Weight: area = float32(cut_w * cut_h) / float32(W * H); legacy reports
// that area fraction (B's share, given as A's weight), use_correct_lambda
// reports 1 - area, both in float32.

Size korniaCut(Size s, double lam)
{
    const float rate = std::sqrt(1.0f - static_cast<float>(lam));
    auto side = [rate](int n) { return static_cast<int>(std::floor(rate * static_cast<float>(n))); };
    return {side(s.width), side(s.height)};
}

Point korniaStart(Size s, Size cut, double ux, double uy)
{
    auto start = [](double u, int side, int c) {
        return static_cast<int>(std::floor(float32Below(u) * static_cast<float>(side - c - 1)));
    };
    return {start(ux, s.width, cut.width), start(uy, s.height, cut.height)};
}

Geometry korniaPlace(Size s, Size cut, Point start)
{
    const Box raw{start.x, start.y, start.x + cut.width, start.y + cut.height};
    // The starts Kornia can produce: from -1 (a cut that fills the side) to side - cut.
    auto fits = [](int at, int c, int side) { return c >= 0 && at >= std::min(0, side - c - 1) && at + c <= side; };
    if (!fits(start.x, cut.width, s.width) || !fits(start.y, cut.height, s.height))
        throw Error("the box (" + std::to_string(raw.x1) + "," + std::to_string(raw.y1) + ")-(" +
                    std::to_string(raw.x2) + "," + std::to_string(raw.y2) + ") is not one Kornia places in the " +
                    std::to_string(s.width) + "x" + std::to_string(s.height) + " image");
    return {clippedTo(raw, s), raw, cut, std::nullopt};
}

double korniaWeight(const Geometry& g, Size s, double, bool corrected)
{
    const float area = static_cast<float>(g.cut.width) * static_cast<float>(g.cut.height);
    const float image = static_cast<float>(s.width) * static_cast<float>(s.height);
    const float fraction = area / image;
    return corrected ? 1.0f - fraction : fraction;
}

constexpr std::string_view kKorniaFormula[] = {
    "in float32: λ = {lam32},  √(1−λ) = {root32}",
    "cut_w = ⌊√(1−λ)·W⌋ = ⌊{root32} · {W}⌋ = {cut_w}",
    "cut_h = ⌊√(1−λ)·H⌋ = ⌊{root32} · {H}⌋ = {cut_h}",
    "x1 = ⌊u·(W − cut_w − 1)⌋ = ⌊{ux32} · {span_x}⌋ = {ux1}",
    "y1 = ⌊u·(H − cut_h − 1)⌋ = ⌊{uy32} · {span_y}⌋ = {uy1}",
    "x2 = x1 + cut_w = {ux2},  y2 = y1 + cut_h = {uy2}",
};

// Kornia's edge case, said plainly when it happens.
bool korniaStartsOutside(const Geometry& g)
{
    return g.unclipped != g.box;
}

constexpr std::string_view kKorniaQuirk =
    "⚠ Kornia starts at ({ux1}, {uy1}) here: its cut fills a side, so W − cut − 1 = −1. It pastes {area} px "
    "(one row or column less than the cut), yet its weight counts the whole {cut_w} × {cut_h} = {cut_area} px cut";

// ---- timm-minmax (timm/data/mixup.py rand_bbox_minmax): cut =
// randint(int(side * lo), int(side * hi)), start = randint(0, side - cut),
// both upper bounds exclusive; lam is not used for the box and the weight is
// always corrected. An empty range (numpy would raise) takes its lower bound.

Size minmaxCut(Size s, MinMax m, double uw, double uh)
{
    auto randint = [](double u, int lo, int hi) { return hi > lo ? lo + uniformIndex(u, hi - lo) : lo; };
    auto cut = [&](double u, int side) {
        return randint(u, static_cast<int>(side * m.lo), static_cast<int>(side * m.hi));
    };
    return {cut(uw, s.width), cut(uh, s.height)};
}

Point minmaxStart(Size s, Size cut, double ux, double uy)
{
    return {uniformIndex(ux, s.width - cut.width), uniformIndex(uy, s.height - cut.height)};
}

double correctedWeight(const Geometry& g, Size s, double, bool)
{
    return lamAdjusted(s, g.box);
}

constexpr std::string_view kMinMaxFormula[] = {
    "cut_w = randint(int(W·{lo}), int(W·{hi})) = {cut_w}",
    "cut_h = randint(int(H·{lo}), int(H·{hi})) = {cut_h}",
    "x1 = randint(0, W − cut_w) = {x1},  y1 = randint(0, H − cut_h) = {y1}",
    "x2 = x1 + cut_w = {x2},  y2 = y1 + cut_h = {y2}",
    "(λ is not used for the box: timm ignores it when cutmix_minmax is set)",
};

constexpr Parameter kSwitch[] = {Parameter::CorrectLam};
constexpr Parameter kRange[] = {Parameter::MinMax};

std::vector<Method> makeRegistry()
{
    std::vector<Method> r;
    Method official;
    official.family = "cutmix";
    official.name = "official";
    official.library = "the official code, timm rand_bbox, torchvision v2 CutMix";
    official.description = "The official code, timm rand_bbox, torchvision v2 CutMix";
    official.parameters = kSwitch;
    official.cutFor = officialCut;
    official.position = centreFromUniforms;
    official.place = officialPlace;
    official.weight = officialWeight;
    official.formula = kOfficialFormula;
    official.weightRaw = "the drawn λ (not corrected)";
    official.weightCorrected = "λ_adj (corrected)";
    r.push_back(official);

    Method raw = official;
    raw.name = "official-raw";
    raw.library = "timm correct_lam=False, the first official commit";
    raw.description = "The first official commit, timm correct_lam=False: reports the drawn λ";
    raw.correctsByDefault = false;
    r.push_back(raw);

    Method keras = official;
    keras.name = "keras-cv";
    keras.library = "Keras-CV CutMix";
    keras.description = "Keras-CV: odd cuts keep their pixel; weight from the unclipped area";
    keras.correctsByDefault = false;
    keras.parameters = {};
    keras.cutFor = kerasCut;
    keras.place = kerasPlace;
    keras.weight = kerasWeight;
    keras.formula = kKerasFormula;
    keras.weightRaw = keras.weightCorrected =
        "float32(1 − cut_w·cut_h/(W·H)) = float32(1 − {cut_area}/{WH}) (the unclipped area)";
    r.push_back(keras);

    Method kornia;
    kornia.family = "cutmix";
    kornia.name = "kornia";
    kornia.library = "Kornia RandomCutMixV2";
    kornia.description = "Kornia RandomCutMixV2: box always inside; legacy weight is the pasted area";
    kornia.placement = Placement::Corner;
    kornia.correctsByDefault = false;
    kornia.parameters = kSwitch;
    kornia.cutFor = korniaCut;
    kornia.position = korniaStart;
    kornia.place = korniaPlace;
    kornia.quirkApplies = korniaStartsOutside;
    kornia.quirk = kKorniaQuirk;
    kornia.weight = korniaWeight;
    kornia.formula = kKorniaFormula;
    kornia.weightRaw = "float32(cut_w·cut_h) / float32(W·H) = {cut_area}/{WH} (kornia's legacy weight: the cut's share)";
    kornia.weightCorrected = "1 − float32(cut_w·cut_h) / float32(W·H) = 1 − {cut_area}/{WH} (use_correct_lambda)";
    r.push_back(kornia);

    Method minmax;
    minmax.family = "cutmix";
    minmax.name = "timm-minmax";
    minmax.library = "timm Mixup with cutmix_minmax";
    minmax.description = "timm with cutmix_minmax: the cut size is drawn directly";
    minmax.placement = Placement::Corner;
    minmax.drawsCut = true;
    minmax.parameters = kRange;
    minmax.drawCut = minmaxCut;
    minmax.position = minmaxStart;
    minmax.place = placedBox;
    minmax.weight = correctedWeight;
    minmax.formula = kMinMaxFormula;
    minmax.weightRaw = minmax.weightCorrected = "λ_adj";
    r.push_back(minmax);
    return r;
}

} // namespace

bool Method::takes(Parameter p) const
{
    return std::find(parameters.begin(), parameters.end(), p) != parameters.end();
}

Geometry Method::boxFor(Size image, double lam, Point at, std::optional<Size> cut) const
{
    checkSize(image);
    checkLam(lam);
    if (drawsCut && !cut)
        throw Error(std::string(name) + " draws its cut size: give the cut", Setting::Size);
    const Size c = cut ? *cut : cutFor(image, lam);
    return place(image, c, at);
}

Geometry Method::boxFromUniforms(Size image, double lam, const std::array<double, 4>& u, MinMax range) const
{
    checkSize(image);
    checkLam(lam);
    if (drawsCut)
        checkMinMax(range);
    const Size cut = drawsCut ? drawCut(image, range, u[2], u[3]) : cutFor(image, lam);
    return place(image, cut, position(image, cut, u[0], u[1]));
}

const std::vector<Method>& methods()
{
    static const std::vector<Method> registry = makeRegistry();
    return registry;
}

const Method& defaultMethod()
{
    return methods().front();
}

const Method& methodNamed(std::string_view name)
{
    for (const Method& m : methods())
        if (m.name == name)
            return m;
    throw Error("unknown convention '" + std::string(name) + "' (expected one of: " + methodNames() + ")");
}

std::string methodNames()
{
    std::string names;
    for (const Method& m : methods())
        names += (names.empty() ? "" : ", ") + std::string(m.name);
    return names;
}

} // namespace cutmix
