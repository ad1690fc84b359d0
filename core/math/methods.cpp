// The registry's entries. Each CutMix convention and each mixing method is
// written here once: its names, how its random inputs become regions and
// weights, how it paints, its source map, and the formula lines the read-out
// shows. The code or paper each one follows is named in its comment.
#include "draw.h"
#include "error.h"
#include "fmix.h"
#include "method.h"
#include "mixer.h"
#include "record.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

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
    "Kornia starts at ({ux1}, {uy1}) here: its cut fills a side, so W − cut − 1 = −1. It pastes {area} px "
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
    "cut_w = randint(int(W·{minmax_lo}), int(W·{minmax_hi})) = {cut_w}",
    "cut_h = randint(int(H·{minmax_lo}), int(H·{minmax_hi})) = {cut_h}",
    "x1 = randint(0, W − cut_w) = {x1},  y1 = randint(0, H − cut_h) = {y1}",
    "x2 = x1 + cut_w = {x2},  y2 = y1 + cut_h = {y2}",
    "(λ is not used for the box: timm ignores it when cutmix_minmax is set)",
};

// ---- CutMix, for every convention: source B's box from the convention; with
// more sources (the project's multi-source CutMix), each further source
// pastes one box of its own draw over the result so far, and every weight is
// that source's share of the visible pixels of the final image.

void fillCutMix(const Method& m, const Params& p, Draw& d)
{
    d.geometry = m.boxFromUniforms(d.size, d.inputs.lam, d.inputs.u, p.range(Setting::MinMax));
    if (d.sources == 2) {
        d.lamAdj = lamAdjusted(d.size, d.geometry.box);
        d.lam = m.box.weight(d.geometry, d.size, d.inputs.lam, d.correctLam);
        d.weights = {d.lam, 1.0 - d.lam};
        return;
    }
    std::vector<Box> boxes{d.geometry.box};
    for (int j = 2; j < d.sources; ++j) {
        const RandomInputs& in = d.inputs.extra.at(static_cast<std::size_t>(j - 2));
        d.extra.push_back({in.lam, m.boxFromUniforms(d.size, in.lam, in.u, p.range(Setting::MinMax))});
        boxes.push_back(d.extra.back().geometry.box);
    }
    const std::vector<long long> visible = visibleCounts(d.size, boxes);
    d.weights.clear();
    for (long long c : visible)
        d.weights.push_back(static_cast<double>(c) / static_cast<double>(d.size.area()));
    d.lam = d.lamAdj = d.weights[0];
}

std::vector<std::pair<int, Box>> pastedBoxes(const Draw& d)
{
    std::vector<std::pair<int, Box>> boxes{{1, d.geometry.box}};
    for (std::size_t j = 0; j < d.extra.size(); ++j)
        boxes.emplace_back(static_cast<int>(j) + 2, d.extra[j].geometry.box);
    return boxes;
}

void paintCutMix(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    pasteBoxInto(s[0], s[1], d.geometry.box, out);
    if (!d.extra.empty()) {
        auto more = pastedBoxes(d);
        more.erase(more.begin());
        pasteMoreBoxes(s, more, out);
    }
}

void recordCutMix(const Draw& d, nlohmann::json& j)
{
    if (d.extra.empty())
        return;
    nlohmann::json boxes = nlohmann::json::array({toJson(d.geometry.box)});
    nlohmann::json lams = nlohmann::json::array({d.lamSampled});
    for (const SourceBox& s : d.extra) {
        boxes.push_back(toJson(s.geometry.box));
        lams.push_back(s.lamSampled);
    }
    j["boxes"] = boxes;
    j["lams_sampled"] = lams;
}

void mapBoxes(const Draw& d, cv::Mat& map)
{
    map = boxMap(d.size, pastedBoxes(d));
}

// ---- MixUp (Zhang et al., "mixup: Beyond Empirical Risk Minimization", ICLR
// 2018; timm/data/mixup.py and its fast collate for the rounding): every
// pixel is lam * A + (1 - lam) * B, and A's weight is lam.

void fillMixup(const Method&, const Params&, Draw& d)
{
    d.lam = d.lamAdj = d.inputs.lam;
    d.weights = {d.lam, 1.0 - d.lam};
    d.geometry = {};
}

void paintMixup(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    blendInto(s[0], s[1], d.lam, d.params.choice<MixupRounding>(Setting::Rounding), out);
}

constexpr std::string_view kMixupFormula[] = {
    "every pixel = round(λ·A + (1 − λ)·B)  (rounding: {rounding})",
    "weight of A = λ = {lam},  of B = 1 − λ",
};

// ---- ResizeMix (Qin et al., "ResizeMix: Mixing Data with Preserved Object
// Information and True Labels", 2020): all of B shrunk to a patch of scale
// tau ~ U(lo, hi) of A's sides, pasted at a uniform position inside A; A's
// weight is 1 - patch area / image area. tau comes from u[2], the position
// from u[0] and u[1], so holding the draw keeps them while the range moves.

void fillResizeMix(const Method&, const Params& p, Draw& d)
{
    d.tau = p.range(Setting::Scale).lo + (p.range(Setting::Scale).hi - p.range(Setting::Scale).lo) * d.inputs.u[2];
    const Size patch{static_cast<int>(d.size.width * d.tau), static_cast<int>(d.size.height * d.tau)};
    const Point at{uniformIndex(d.inputs.u[0], d.size.width - patch.width + 1),
                   uniformIndex(d.inputs.u[1], d.size.height - patch.height + 1)};
    d.geometry = placedBox(d.size, patch, at);
    d.lam = d.lamAdj = lamAdjusted(d.size, d.geometry.box);
    d.weights = {d.lam, 1.0 - d.lam};
}

void recordResizeMix(const Draw& d, nlohmann::json& j)
{
    j["tau"] = d.tau;
    j["interpolation"] = "area";
}

void paintResizeMix(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    pasteResizedInto(s[0], s[1], d.geometry.box, out);
}

void mapOneBox(const Draw& d, cv::Mat& map)
{
    map = boxMap(d.size, {{1, d.geometry.box}});
}

constexpr std::string_view kResizeMixFormula[] = {
    "τ ~ U({scale_lo}, {scale_hi}):  τ = {tau}",
    "patch = int(τ·W) × int(τ·H) = {cut_w} × {cut_h}",
    "at ({x1}, {y1}), uniform among the places inside A",
    "all of B shrunk into the patch (area interpolation)",
};

// ---- FMix (fmix.h): A keeps the round(lam * H * W) highest values of a
// low-frequency Fourier mask; A's weight is that count over H * W, exactly.

void fillFmix(const Method&, const Params&, Draw& d)
{
    d.maskCount = std::llround(d.inputs.lam * static_cast<double>(d.size.area()));
    d.lam = d.lamAdj = static_cast<double>(d.maskCount) / static_cast<double>(d.size.area());
    d.weights = {d.lam, 1.0 - d.lam};
    d.geometry = {};
}

void recordFmix(const Draw& d, nlohmann::json& j)
{
    j["mask_count"] = d.maskCount;
}

void mapFmix(const Draw& d, cv::Mat& map)
{
    map = fmixMap(fmixField(d.params.seed, d.params.index, d.size, d.params.number(Setting::Decay)), d.maskCount);
}

void paintFmix(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    cv::Mat map;
    mapFmix(d, map);
    selectInto(s[0], s[1], map, out);
}

constexpr std::string_view kFmixFormula[] = {
    "mask = Re(IDFT(noise · 1/max(f, 1/max(W, H))^{decay})), scaled to [0, 1]",
    "A keeps the round(λ·W·H) = round({lam} · {WH}) = {mask_count} highest mask values",
};

// ---- Cutout (DeVries and Taylor, "Improved Regularization of Convolutional
// Neural Networks with Cutout", 2017; their cutout.py): a square of side
// int(size * min(W, H)) around a uniform centre, clipped like CutMix's box,
// filled with a constant or with noise; the label is not mixed.

void fillCutout(const Method&, const Params& p, Draw& d)
{
    const int side = static_cast<int>(p.number(Setting::CutoutSize) * std::min(d.size.width, d.size.height));
    const Point c{uniformIndex(d.inputs.u[0], d.size.width), uniformIndex(d.inputs.u[1], d.size.height)};
    const Box raw{c.x - side / 2, c.y - side / 2, c.x + side / 2, c.y + side / 2};
    d.geometry = {clippedTo(raw, d.size), raw, {side, side}, c};
    d.lamAdj = lamAdjusted(d.size, d.geometry.box);
    d.lam = 1.0;
    d.weights = {1.0};
}

void paintCutout(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    fillBoxInto(s[0], d.geometry.box, d.params.choice<CutoutFill>(Setting::Fill), d.params.whole(Setting::FillValue),
                d.params.seed, d.params.index, out);
}

void mapCutout(const Draw& d, cv::Mat& map)
{
    map = boxMap(d.size, {{255, d.geometry.box}});
}

constexpr std::string_view kCutoutFormula[] = {
    "side = int({cutout_size} · min(W, H)) = {cut_w}",
    "centre (cx, cy) = ({cx}, {cy});  the square is clipped like CutMix's box",
    "filled with {fill_text}",
    "the label is not mixed: weight of A = 1 ({lam_adj} of its pixels are left)",
};

constexpr Setting kSwitch[] = {Setting::Alpha, Setting::CorrectLam, Setting::Sources};
constexpr Setting kAlphaSources[] = {Setting::Alpha, Setting::Sources};
constexpr Setting kRange[] = {Setting::Alpha, Setting::MinMax, Setting::Sources};
constexpr Setting kMixupParams[] = {Setting::Alpha, Setting::Rounding};
constexpr Setting kResizeMixParams[] = {Setting::Scale};
constexpr Setting kFmixParams[] = {Setting::Alpha, Setting::Decay};
constexpr Setting kCutoutParams[] = {Setting::CutoutSize, Setting::Fill, Setting::FillValue};

Method convention(std::string_view name)
{
    Method m;
    m.family = "cutmix";
    m.name = name;
    m.title = "CutMix";
    m.region = Region::Box;
    m.drawn = Drawn::BetaLam;
    m.fill = fillCutMix;
    m.paint = paintCutMix;
    m.sourceMap = mapBoxes;
    m.record = recordCutMix;
    return m;
}

std::vector<Method> makeRegistry()
{
    std::vector<Method> r;
    Method official = convention("official");
    official.library = "the official code, timm rand_bbox, torchvision v2 CutMix";
    official.description = "The official code, timm rand_bbox, torchvision v2 CutMix";
    official.parameters = kSwitch;
    official.box = {Placement::Centre, false, officialCut, nullptr, centreFromUniforms, officialPlace, officialWeight};
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
    keras.parameters = kAlphaSources;
    keras.box = {Placement::Centre, false, kerasCut, nullptr, centreFromUniforms, kerasPlace, kerasWeight};
    keras.formula = kKerasFormula;
    keras.weightRaw = keras.weightCorrected =
        "float32(1 − cut_w·cut_h/(W·H)) = float32(1 − {cut_area}/{WH}) (the unclipped area)";
    r.push_back(keras);

    Method kornia = convention("kornia");
    kornia.library = "Kornia RandomCutMixV2";
    kornia.description = "Kornia RandomCutMixV2: box always inside; legacy weight is the pasted area";
    kornia.correctsByDefault = false;
    kornia.parameters = kSwitch;
    kornia.box = {Placement::Corner, false, korniaCut, nullptr, korniaStart, korniaPlace, korniaWeight};
    kornia.formula = kKorniaFormula;
    kornia.weightRaw =
        "float32(cut_w·cut_h) / float32(W·H) = {cut_area}/{WH} (kornia's legacy weight: the cut's share)";
    kornia.weightCorrected = "1 − float32(cut_w·cut_h) / float32(W·H) = 1 − {cut_area}/{WH} (use_correct_lambda)";
    kornia.quirkApplies = korniaStartsOutside;
    kornia.quirk = kKorniaQuirk;
    r.push_back(kornia);

    Method minmax = convention("timm-minmax");
    minmax.library = "timm Mixup with cutmix_minmax";
    minmax.description = "timm with cutmix_minmax: the cut size is drawn directly";
    minmax.parameters = kRange;
    minmax.box = {Placement::Corner, true, nullptr, minmaxCut, minmaxStart, placedBox, correctedWeight};
    minmax.formula = kMinMaxFormula;
    minmax.weightRaw = minmax.weightCorrected = "λ_adj";
    r.push_back(minmax);

    Method mixup;
    mixup.family = mixup.name = "mixup";
    mixup.title = "MixUp";
    mixup.library = "Zhang et al., ICLR 2018; timm's rounding";
    mixup.description = "MixUp: every pixel blends A and B with weight λ";
    mixup.region = Region::Blend;
    mixup.parameters = kMixupParams;
    mixup.fill = fillMixup;
    mixup.paint = paintMixup;
    mixup.formula = kMixupFormula;
    mixup.weightRaw = mixup.weightCorrected = "λ";
    r.push_back(mixup);

    Method resizemix;
    resizemix.family = resizemix.name = "resizemix";
    resizemix.title = "ResizeMix";
    resizemix.library = "Qin et al., 2020";
    resizemix.description = "ResizeMix: all of B, shrunk to a patch of scale τ, pasted inside A";
    resizemix.drawn = Drawn::UniformScale;
    resizemix.parameters = kResizeMixParams;
    resizemix.fill = fillResizeMix;
    resizemix.paint = paintResizeMix;
    resizemix.sourceMap = mapOneBox;
    resizemix.record = recordResizeMix;
    resizemix.formula = kResizeMixFormula;
    resizemix.weightRaw = resizemix.weightCorrected = "1 − patch area/(W·H)";
    r.push_back(resizemix);

    Method fmix;
    fmix.family = fmix.name = "fmix";
    fmix.title = "FMix";
    fmix.library = "Harris et al., 2020; ecs-vlc/FMix";
    fmix.description = "FMix: a low-frequency Fourier mask decides which pixels come from A";
    fmix.region = Region::Mask;
    fmix.parameters = kFmixParams;
    fmix.fill = fillFmix;
    fmix.paint = paintFmix;
    fmix.sourceMap = mapFmix;
    fmix.record = recordFmix;
    fmix.formula = kFmixFormula;
    fmix.weightRaw = fmix.weightCorrected = "{mask_count}/{WH}, the pixels from A";
    r.push_back(fmix);

    Method cutout;
    cutout.family = cutout.name = "cutout";
    cutout.title = "Cutout";
    cutout.library = "DeVries and Taylor, 2017";
    cutout.description = "Cutout: a square of A filled with a constant or noise; the label is not mixed";
    cutout.drawn = Drawn::Nothing;
    cutout.parameters = kCutoutParams;
    cutout.fill = fillCutout;
    cutout.paint = paintCutout;
    cutout.sourceMap = mapCutout;
    cutout.formula = kCutoutFormula;
    cutout.weightRaw = cutout.weightCorrected = "1 (Cutout does not mix labels)";
    r.push_back(cutout);
    return r;
}

} // namespace

bool Method::takes(Setting p) const
{
    return std::find(parameters.begin(), parameters.end(), p) != parameters.end();
}

Geometry Method::boxFor(Size image, double lam, Point at, std::optional<Size> cut) const
{
    if (!isConvention())
        throw Error(std::string(name) + " is not a CutMix convention: it places no box of its own");
    checkSize(image);
    checkLam(lam);
    if (box.drawsCut && !cut)
        throw Error(std::string(name) + " draws its cut size: give the cut", Setting::Size);
    const Size c = cut ? *cut : box.cutFor(image, lam);
    return box.place(image, c, at);
}

Geometry Method::boxFromUniforms(Size image, double lam, const std::array<double, 4>& u, MinMax range) const
{
    if (!isConvention())
        throw Error(std::string(name) + " is not a CutMix convention: it places no box of its own");
    checkSize(image);
    checkLam(lam);
    if (box.drawsCut)
        checkMinMax(range);
    const Size cut = box.drawsCut ? box.drawCut(image, range, u[2], u[3]) : box.cutFor(image, lam);
    return box.place(image, cut, box.position(image, cut, u[0], u[1]));
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
    throw Error("unknown convention '" + std::string(name) + "' (expected one of: " + methodNames() + ")",
                Setting::Method);
}

const Method& methodFor(std::string_view method, std::optional<std::string_view> convention)
{
    for (const Method& m : methods()) {
        if (m.family != method)
            continue;
        if (!m.isConvention()) {
            if (convention)
                throw Error("a convention applies to cutmix only, not to " + std::string(method), Setting::Method);
            return m;
        }
        if (!convention)
            return m; // the first convention: official
        const Method& c = methodNamed(*convention);
        if (c.family != method)
            throw Error("'" + std::string(*convention) + "' is not a CutMix convention", Setting::Method);
        return c;
    }
    throw Error("unknown method '" + std::string(method) + "' (expected one of: " + familyNames() + ")",
                Setting::Method);
}

std::vector<std::string_view> methodFamilies()
{
    std::vector<std::string_view> families;
    for (const Method& m : methods())
        if (std::find(families.begin(), families.end(), m.family) == families.end())
            families.push_back(m.family);
    return families;
}

std::string methodNames()
{
    std::string names;
    for (const Method& m : methods())
        if (m.isConvention())
            names += (names.empty() ? "" : ", ") + std::string(m.name);
    return names;
}

std::string familyNames()
{
    std::string names;
    for (std::string_view f : methodFamilies())
        names += (names.empty() ? "" : ", ") + std::string(f);
    return names;
}

} // namespace cutmix
