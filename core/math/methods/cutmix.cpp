// CutMix (Yun et al., "CutMix: Regularization Strategy to Train Strong
// Classifiers with Localizable Features", ICCV 2019), one entry per
// convention: whose box and weight to reproduce (the official code, timm,
// torchvision, Keras-CV, Kornia). With more than two sources, the project's
// multi-source CutMix. The code each convention follows is named in its
// comment.
#include "draw.h"
#include "entries.h"
#include "error.h"
#include "mixer.h"
#include "record.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace cutmix::entries
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
    "cut_w = int(W·√(1−λ)) = int({W} · {root}) = int({product_w}) = {cut_w}",
    "cut_h = int(H·√(1−λ)) = int({H} · {root}) = int({product_h}) = {cut_h}",
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

// A convention's box for a draw's random inputs: the position from u[0]
// and u[1], a drawn cut from u[2] and u[3].
Geometry boxFromInputs(const Method& m, const Params& p, Size size, const RandomInputs& in)
{
    BoxCut cut;
    cut.drawn = true;
    cut.uw = in.u[2];
    cut.uh = in.u[3];
    cut.range = p.range(Setting::MinMax);
    return m.boxOf(size, in.lam, {std::nullopt, in.u[0], in.u[1]}, cut);
}

void fillCutMix(const Method& m, const Params& p, Draw& d)
{
    d.geometry = boxFromInputs(m, p, d.size, d.inputs);
    if (d.sources == 2) {
        d.lamAdj = lamAdjusted(d.size, d.geometry.box);
        d.lam = m.box.weight(d.geometry, d.size, d.inputs.lam, d.correctLam);
        d.weights = {d.lam, 1.0 - d.lam};
        return;
    }
    std::vector<Box> boxes{d.geometry.box};
    for (int j = 2; j < d.sources; ++j) {
        const RandomInputs& in = d.inputs.extra.at(static_cast<std::size_t>(j - 2));
        d.extra.push_back({in.lam, boxFromInputs(m, p, d.size, in)});
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

std::optional<Box> pastedCutMixBox(const Draw& d)
{
    return d.extra.empty() ? std::optional<Box>(d.geometry.box) : std::nullopt;
}

void mapBoxes(const Draw& d, cv::Mat& map)
{
    map = boxMap(d.size, pastedBoxes(d));
}

// Every source at its own place; each shows where no later box covers it.
void viewsCutMix(const Draw& d, std::vector<SourceView>& views)
{
    std::vector<Box> pastes;
    for (const auto& [source, box] : pastedBoxes(d))
        pastes.push_back(box);
    const std::vector<std::vector<Box>> parts = visibleParts(d.size, pastes);
    views.assign(parts.size(), SourceView{});
    for (std::size_t k = 0; k < parts.size(); ++k) {
        views[k].visible = parts[k];
        if (k > 0)
            views[k].pasted = clippedTo(pastes[k - 1], d.size);
    }
}

// Labels are pixels taken whole: painted as the image is.
void labelsCutMix(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    paintCutMix(s, d, out);
}

constexpr Setting kSwitch[] = {Setting::Alpha, Setting::CorrectLam, Setting::Sources};
constexpr Setting kAlphaSources[] = {Setting::Alpha, Setting::Sources};
constexpr Setting kRange[] = {Setting::Alpha, Setting::MinMax, Setting::Sources};
constexpr std::string_view kCutMixSummary[] = {"box {box}", "λ {lam4}", "λ_adj {lam_adj4}"};
constexpr std::string_view kMultiSummary[] = {"CutMix of {sources} sources"};
constexpr ShownNumber kCutMixNumbers[] = {{"λ", drawnLam}, {"λ_adj", shareOfA}};

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
    m.objectViews = viewsCutMix;
    m.paintLabels = labelsCutMix;
    m.record = recordCutMix;
    m.pastedBox = pastedCutMixBox;
    m.selectsPixels = true;
    m.summary = kCutMixSummary;
    m.summaryMulti = kMultiSummary;
    m.numbers = kCutMixNumbers;
    return m;
}

} // namespace

Geometry officialBox(Size image, double lam, double ux, double uy)
{
    const Size cut = officialCut(image, lam);
    return officialPlace(image, cut, centreFromUniforms(image, cut, ux, uy));
}

std::vector<Method> cutmixEntries()
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

    return r;
}

} // namespace cutmix::entries
