// MixUp (Zhang et al., "mixup: Beyond Empirical Risk Minimization", ICLR
// 2018; timm/data/mixup.py and its fast collate for the rounding).
#include "draw.h"
#include "entries.h"
#include "mixer.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace cutmix::entries
{

namespace
{

// Every pixel is lam * A + (1 - lam) * B, and A's weight is lam.

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

// Both images whole at their place: the union of their objects (as YOLOX
// and Ultralytics' MixUp concatenate them), each with its image's weight.
void viewsMixup(const Draw& d, std::vector<SourceView>& views)
{
    views.assign(2, SourceView{});
    for (SourceView& v : views)
        v.visible = {Box{0, 0, d.size.width, d.size.height}};
    views[0].weight = d.lam;
    views[1].weight = 1.0 - d.lam;
}

constexpr std::string_view kMixupFormula[] = {
    "every pixel = round(λ·A + (1 − λ)·B)  (rounding: {rounding})",
    "weight of A = λ = {lam},  of B = 1 − λ",
};

constexpr Setting kMixupParams[] = {Setting::Alpha, Setting::Rounding};
constexpr std::string_view kMixupSummary[] = {"MixUp λ {weight4}"};
constexpr ShownNumber kMixupNumbers[] = {{"λ", drawnLam}};

} // namespace

Method mixupEntry()
{
    Method mixup;
    mixup.family = mixup.name = "mixup";
    mixup.title = "MixUp";
    mixup.library = "Zhang et al., ICLR 2018; timm's rounding";
    mixup.description = "MixUp: every pixel blends A and B with weight λ";
    mixup.region = Region::Blend;
    mixup.parameters = kMixupParams;
    mixup.fill = fillMixup;
    mixup.paint = paintMixup;
    mixup.objectViews = viewsMixup;
    mixup.formula = kMixupFormula;
    mixup.summary = kMixupSummary;
    mixup.numbers = kMixupNumbers;
    mixup.weightRaw = mixup.weightCorrected = "λ";
    return mixup;
}

} // namespace cutmix::entries
