// Cutout (DeVries and Taylor, "Improved Regularization of Convolutional
// Neural Networks with Cutout", 2017; their cutout.py): a square of side
// int(size * min(W, H)) around a uniform centre, clipped like CutMix's box,
// filled with a constant or with noise; the label is not mixed.
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

void valuesCutout(const Draw& d, std::map<std::string, std::string>& v)
{
    v["fill_text"] = d.params.choice<CutoutFill>(Setting::Fill) == CutoutFill::Noise
                         ? std::string("uniform noise")
                         : "the value " + std::to_string(d.params.whole(Setting::FillValue));
}

void mapCutout(const Draw& d, cv::Mat& map)
{
    map = boxMap(d.size, {{255, d.geometry.box}});
}

// A alone, except under the square.
void viewsCutout(const Draw& d, std::vector<SourceView>& views)
{
    views.assign(1, SourceView{});
    views[0].visible = uncovered({0, 0, d.size.width, d.size.height}, {clippedTo(d.geometry.box, d.size)});
}

// The filled square shows no object: label 0 there (background, or no
// instance).
void labelsCutout(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    s[0].copyTo(out);
    const Box inside = clippedTo(d.geometry.box, d.size);
    if (inside.width() > 0 && inside.height() > 0)
        out(cv::Rect(inside.x1, inside.y1, inside.width(), inside.height())).setTo(0);
}

constexpr std::string_view kCutoutFormula[] = {
    "side = int({cutout_size} · min(W, H)) = {cut_w}",
    "centre (cx, cy) = ({cx}, {cy});  the square is clipped like CutMix's box",
    "filled with {fill_text}",
    "the label is not mixed: weight of A = 1 ({lam_adj} of its pixels are left)",
};

// The share of A's pixels the square fills (lam_adj is the share left).
double erasedShare(const Draw& d)
{
    return double(std::max(0LL, d.geometry.box.area())) / (double(d.size.width) * double(d.size.height));
}

constexpr CountedNumber kCutoutCounted[] = {{"erased", "share erased", 255, erasedShare}};

constexpr Setting kCutoutParams[] = {Setting::CutoutSize, Setting::Fill, Setting::FillValue};
constexpr std::string_view kCutoutSummary[] = {"Cutout {box}"};

} // namespace

Method cutoutEntry()
{
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
    cutout.objectViews = viewsCutout;
    cutout.paintLabels = labelsCutout;
    cutout.values = valuesCutout;
    cutout.formula = kCutoutFormula;
    cutout.summary = kCutoutSummary;
    cutout.counted = kCutoutCounted;
    cutout.countedAxis = "share of the image erased";
    // A alone: B is not used, and the square is filled.
    cutout.usesB = false;
    cutout.boxOnB = false;
    cutout.fillsRegion = true;
    cutout.weightRaw = cutout.weightCorrected = "1 (Cutout does not mix labels)";
    return cutout;
}

} // namespace cutmix::entries
