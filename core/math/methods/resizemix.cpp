// ResizeMix (Qin et al., "ResizeMix: Mixing Data with Preserved Object
// Information and True Labels", 2020): all of B shrunk to a patch of scale
// tau ~ U(lo, hi) of A's sides, pasted at a uniform position inside A; A's
// weight is 1 - patch area / image area. tau comes from u[2], the position
// from u[0] and u[1], so holding the draw keeps them while the range moves.
#include "draw.h"
#include "entries.h"
#include "format.h"
#include "mixer.h"
#include "record.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

namespace cutmix::entries
{

namespace
{

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

void valuesResizeMix(const Draw& d, std::map<std::string, std::string>& v)
{
    v["tau"] = formatFixed(d.tau, 6);
    v["tau3"] = formatFixed(d.tau, 3);
}

void paintResizeMix(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    pasteResizedInto(s[0], s[1], d.geometry.box, out);
}

void mapOneBox(const Draw& d, cv::Mat& map)
{
    map = boxMap(d.size, {{1, d.geometry.box}});
}

// A around the patch; all of B scaled into it, with its boxes.
void viewsResizeMix(const Draw& d, std::vector<SourceView>& views)
{
    const Box& patch = d.geometry.box;
    views.assign(2, SourceView{});
    views[0].visible = uncovered({0, 0, d.size.width, d.size.height}, {patch});
    SourceView& b = views[1];
    b.scaleX = double(patch.width()) / d.size.width;
    b.scaleY = double(patch.height()) / d.size.height;
    b.shiftX = patch.x1;
    b.shiftY = patch.y1;
    b.visible = {patch};
    b.pasted = patch;
}

// B's labels shrunk into the patch by the nearest label, never averaged.
void labelsResizeMix(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    s[0].copyTo(out);
    const Box& box = d.geometry.box;
    if (box.width() <= 0 || box.height() <= 0)
        return;
    cv::Mat patch;
    cv::resize(s[1], patch, cv::Size(box.width(), box.height()), 0, 0, cv::INTER_NEAREST_EXACT);
    patch.copyTo(out(cv::Rect(box.x1, box.y1, box.width(), box.height())));
}

constexpr std::string_view kResizeMixFormula[] = {
    "τ ~ U({scale_lo}, {scale_hi}):  τ = {tau}",
    "patch = int(τ·W) × int(τ·H) = {cut_w} × {cut_h}",
    "at ({x1}, {y1}), uniform among the places inside A",
    "all of B shrunk into the patch (area interpolation)",
};

constexpr Setting kResizeMixParams[] = {Setting::Scale};
constexpr std::string_view kResizeMixSummary[] = {"ResizeMix τ {tau3}", "patch {box}"};
double patchScale(const Draw& d)
{
    return d.tau;
}
constexpr ShownNumber kResizeMixNumbers[] = {{"τ", patchScale}, {"λ_adj", shareOfA}};

// The patch's share of A's pixels: B's label weight, 1 - A's.
double pastedShare(const Draw& d)
{
    return double(d.geometry.box.area()) / (double(d.size.width) * double(d.size.height));
}

// ResizeMix samples no lam (the Beta lam of its inputs is never used): many
// draws are counted as the tau it draws and the share its patch covers.
constexpr CountedNumber kResizeMixCounted[] = {
    {"tau", "τ drawn (patch scale)", 1, patchScale, true},
    {"area_share", "pasted area share (B's weight)", 1, pastedShare},
};

} // namespace

Method resizemixEntry()
{
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
    resizemix.objectViews = viewsResizeMix;
    resizemix.paintLabels = labelsResizeMix;
    resizemix.record = recordResizeMix;
    resizemix.values = valuesResizeMix;
    resizemix.formula = kResizeMixFormula;
    resizemix.summary = kResizeMixSummary;
    resizemix.numbers = kResizeMixNumbers;
    resizemix.counted = kResizeMixCounted;
    resizemix.countedAxis = "τ and the area share";
    // All of B is shrunk into the patch: no box marks B's own pixels.
    resizemix.boxOnB = false;
    resizemix.weightRaw = resizemix.weightCorrected = "1 − patch area/(W·H)";
    return resizemix;
}

} // namespace cutmix::entries
