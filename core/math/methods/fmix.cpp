// FMix (Harris et al., "FMix: Enhancing Mixed Sample Data Augmentation",
// 2020; the mask in fmixmask.h): A keeps the round(lam * H * W) highest values of a
// low-frequency Fourier mask; A's weight is that count over H * W, exactly.
#include "draw.h"
#include "entries.h"
#include "fmixmask.h"
#include "mixer.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace cutmix::entries
{

namespace
{

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

void valuesFmix(const Draw& d, std::map<std::string, std::string>& v)
{
    v["mask_count"] = std::to_string(d.maskCount);
}

void mapFmix(const Draw& d, cv::Mat& map)
{
    map = fmixMap(fmixField(d.params.seed, d.params.index, d.size, d.params.number(Setting::Decay)), d.maskCount);
}

void prepareFmix(const Params& p, Size size)
{
    prepareFmixField(p.seed, p.index, size, p.number(Setting::Decay));
}

void paintFmix(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    cv::Mat map;
    mapFmix(d, map);
    selectInto(s[0], s[1], map, out);
}

// Each pixel from the source the mask names: objects are read from the map.
void viewsFmix(const Draw&, std::vector<SourceView>& views)
{
    views.assign(2, SourceView{});
    views[0].mapValue = 0;
    views[1].mapValue = 1;
}

constexpr std::string_view kFmixFormula[] = {
    "mask = Re(IDFT(noise · 1/max(f, 1/max(W, H))^{decay})), scaled to [0, 1]",
    "A keeps the round(λ·W·H) = round({lam} · {WH}) = {mask_count} highest mask values",
};

constexpr Setting kFmixParams[] = {Setting::Alpha, Setting::Decay};
constexpr std::string_view kFmixSummary[] = {"FMix λ {lam4}", "{mask_count} px of A"};
constexpr ShownNumber kFmixNumbers[] = {{"λ", drawnLam}, {"λ_adj", shareOfA}};

} // namespace

Method fmixEntry()
{
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
    fmix.prepare = prepareFmix;
    fmix.objectViews = viewsFmix;
    fmix.paintLabels = paintFmix;
    fmix.record = recordFmix;
    fmix.values = valuesFmix;
    fmix.formula = kFmixFormula;
    fmix.summary = kFmixSummary;
    fmix.numbers = kFmixNumbers;
    fmix.selectsPixels = true;
    fmix.weightRaw = fmix.weightCorrected = "{mask_count}/{WH}, the pixels from A";
    return fmix;
}

} // namespace cutmix::entries
