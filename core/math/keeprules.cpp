#include "keeprules.h"

#include "describe.h"
#include "draw.h"
#include "error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cutmix
{

namespace
{

std::string number(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::string px(double v)
{
    return number(v) + " px";
}

// The reasons' templates (keepReasonTemplates() lists them for the window's
// translation); their values are numbers as number(), px() and
// percentText() write them.
constexpr std::string_view kInsideCut = "{share} inside the cut < {limit}";
constexpr std::string_view kWidthAtMost = "width {size} <= {limit}";
constexpr std::string_view kHeightAtMost = "height {size} <= {limit}";
constexpr std::string_view kAreaKept = "{share} of the box area kept <= {limit}";
constexpr std::string_view kAspect = "aspect ratio {ratio} >= {limit}";
constexpr std::string_view kAreaBefore = "area before {area} px² < 1 px²";
constexpr std::string_view kMinArea = "area {area} px² < min_area {limit} px²";
constexpr std::string_view kVisible = "{share} visible < {limit}";
constexpr std::string_view kWidthBelow = "width {size} < {limit}";
constexpr std::string_view kHeightBelow = "height {size} < {limit}";
constexpr std::string_view kWidthMinSize = "width {size} < min_size {limit}";
constexpr std::string_view kHeightMinSize = "height {size} < min_size {limit}";
constexpr std::string_view kNegative = "a coordinate < 0";
constexpr std::string_view kBeyond = "beyond the image";
constexpr std::string_view kOutside = "outside the image";
constexpr std::string_view kKeptInvisible = "kept with nothing visible ({rule})";
constexpr std::string_view kClipped = "clipped to its visible part, {share} visible";
constexpr std::string_view kTemplates[] = {
    kInsideCut,   kWidthAtMost,  kHeightAtMost,  kAreaKept, kAspect, kAreaBefore, kMinArea,       kVisible, kWidthBelow,
    kHeightBelow, kWidthMinSize, kHeightMinSize, kNegative, kBeyond, kOutside,    kKeptInvisible, kClipped};

using Form = ReasonValue::Form;

ReasonValue share(std::string_view name, double v)
{
    return {name, Form::Percent, v, {}};
}
ReasonValue pixels(std::string_view name, double v)
{
    return {name, Form::Pixels, v, {}};
}
ReasonValue plain(std::string_view name, double v)
{
    return {name, Form::Number, v, {}};
}

// The reason: its template and values, written when read (CarriedObject::reason).
void explain(CarriedObject& o, std::string_view text, std::initializer_list<ReasonValue> values = {})
{
    o.reasonTemplate = text;
    o.reasonArgCount = 0;
    for (const ReasonValue& v : values)
        o.reasonArgs.at(std::size_t(o.reasonArgCount++)) = v;
}

void drop(CarriedObject& o, std::string_view text, std::initializer_list<ReasonValue> values = {})
{
    o.kept = false;
    explain(o, text, values);
}

// ---- keep all: every object stays, the naive concatenation of labels.

void judgeAll(const KeepValues&, Size, CarriedObject&) {}

// ---- Ultralytics (ultralytics/ultralytics, ultralytics/data/augment.py at
// 359f87dc): RandomPerspective.box_candidates keeps a box when, after the
// transform, w2 > wh_thr and h2 > wh_thr (2 px), w2 * h2 / (w1 * h1 + eps) >
// area_thr (0.1; 0.01 with segments, as RandomPerspective passes it) and
// max(w2 / (h2 + eps), h2 / (w2 + eps)) < ar_thr (100), eps = 1e-16. Its
// CutMix (the rule of 8.3.120) keeps a box of the pasted image when
// bbox_ioa(cut, box) = intersection / (box area + 1e-7) (ultralytics/utils/
// metrics.py) is >= 0.1, or >= 0.01 when the labels carry segments, and
// clips it to the cut. A box that no paste brought is judged by
// box_candidates, as Ultralytics judges every box after a geometric change.
//
// All of it in float32: Ultralytics' boxes are float32 arrays (Instances,
// ultralytics/utils/instance.py, keeps the dtype of the labels, float32,
// through its conversions and RandomPerspective.apply_bboxes), the cuts too
// (np.asarray(..., dtype=np.float32)), and NumPy does not promote a float32
// array for a Python scalar (eps, the thresholds): eps and the thresholds
// become float32 and every operation rounds to float32, in the order
// written. This file is built with -ffp-contract=off, so no product and sum
// fuse into one rounding (x86-64's SSE has no excess precision).

void judgeUltralytics(const KeepValues& v, Size, CarriedObject& o)
{
    if (o.pasted) {
        const float ioa = ultralyticsIoa(toBoxF(*o.pasted), o.before);
        const float thr = float(o.withSegments ? 0.01 : v.ioaThr);
        if (!(ioa >= thr))
            drop(o, kInsideCut, {share("share", ioa), share("limit", thr)});
        return;
    }
    const float eps = float(1e-16);
    const float w1 = float(o.before.x2) - float(o.before.x1), h1 = float(o.before.y2) - float(o.before.y1);
    const float w2 = o.after.empty() ? 0.0f : float(o.after.x2) - float(o.after.x1);
    const float h2 = o.after.empty() ? 0.0f : float(o.after.y2) - float(o.after.y1);
    const float whThr = float(v.whThr), arThr = float(v.arThr);
    const float areaThr = float(o.withSegments ? 0.01 : v.areaThr);
    const float ratio = w2 * h2 / (w1 * h1 + eps);
    const float aspect = std::max(w2 / (h2 + eps), h2 / (w2 + eps));
    if (!(w2 > whThr))
        drop(o, kWidthAtMost, {pixels("size", w2), pixels("limit", whThr)});
    else if (!(h2 > whThr))
        drop(o, kHeightAtMost, {pixels("size", h2), pixels("limit", whThr)});
    else if (!(ratio > areaThr))
        drop(o, kAreaKept, {share("share", ratio), share("limit", areaThr)});
    else if (!(aspect < arThr))
        drop(o, kAspect, {plain("ratio", aspect), plain("limit", arThr)});
}

// ---- Albumentations (albumentations-team/albumentations,
// albumentations/core/bbox_utils.py at 0071b6b4, filter_bboxes, EPSILON =
// 1e-3): kept when the area before is >= 1 px, the clipped area >= min_area
// - EPSILON, the clipped area over the area before >= min_visibility -
// EPSILON, and the clipped width and height >= max(min_width, 1) and
// max(min_height, 1). The library's visibility is the part left inside the
// image; here it is the part left visible after the mix, which is what the
// threshold stands for. Its arithmetic is float64 (denormalize_bboxes casts
// to float; the area before is in the dtype of the normalised boxes,
// float64 from pascal_voc and coco, float32 from yolo), so double here; the
// normalisation's rounding on entry is not modelled.

void judgeAlbumentations(const KeepValues& v, Size, CarriedObject& o)
{
    constexpr double eps = 1e-3;
    const double before = o.before.area(), after = o.after.area();
    const double w = o.after.empty() ? 0.0 : o.after.width(), h = o.after.empty() ? 0.0 : o.after.height();
    if (!(before >= 1.0))
        drop(o, kAreaBefore, {plain("area", before)});
    else if (!(after >= v.minArea - eps))
        drop(o, kMinArea, {plain("area", after), plain("limit", v.minArea)});
    else if (!(o.visible >= v.minVisibility - eps))
        drop(o, kVisible, {share("share", o.visible), share("limit", v.minVisibility)});
    else if (!(w >= std::max(v.minWidth, 1.0)))
        drop(o, kWidthBelow, {pixels("size", w), pixels("limit", std::max(v.minWidth, 1.0))});
    else if (!(h >= std::max(v.minHeight, 1.0)))
        drop(o, kHeightBelow, {pixels("size", h), pixels("limit", std::max(v.minHeight, 1.0))});
}

// ---- torchvision v2 (pytorch/vision, torchvision/transforms/v2/functional/
// _misc.py at 01460443, _get_sanitize_bounding_boxes_mask): kept when w >=
// min_size and h >= min_size (1), every coordinate >= 0, w * h >= min_area
// (1), and x1, x2 <= W and y1, y2 <= H, on the box as it is after the mix.
// torchvision computes in the dtype of the caller's BoundingBoxes tensor
// (float32 often, an integer type possible), which the tool cannot know:
// double here, and tests/vectors/keep_rules.py keeps to cases where float32
// and float64 agree.

void judgeTorchvision(const KeepValues& v, Size size, CarriedObject& o)
{
    const BoxF& b = o.after;
    const double w = b.empty() ? 0.0 : b.width(), h = b.empty() ? 0.0 : b.height();
    if (!(w >= v.minSize))
        drop(o, kWidthMinSize, {pixels("size", w), pixels("limit", v.minSize)});
    else if (!(h >= v.minSize))
        drop(o, kHeightMinSize, {pixels("size", h), pixels("limit", v.minSize)});
    else if (!(b.x1 >= 0 && b.y1 >= 0 && b.x2 >= 0 && b.y2 >= 0))
        drop(o, kNegative);
    else if (!(w * h >= v.minArea))
        drop(o, kMinArea, {plain("area", w * h), plain("limit", v.minArea)});
    else if (!(b.x1 <= size.width && b.x2 <= size.width && b.y1 <= size.height && b.y2 <= size.height))
        drop(o, kBeyond);
}

constexpr Setting kUltralytics[] = {Setting::WhThr, Setting::ArThr, Setting::AreaThr, Setting::IoaThr};
constexpr Setting kAlbumentations[] = {Setting::MinVisibility, Setting::MinArea, Setting::MinWidth, Setting::MinHeight};
constexpr Setting kTorchvision[] = {Setting::MinSize, Setting::MinArea};

KeepValues torchvisionDefaults()
{
    KeepValues v;
    v.minArea = 1.0;
    return v;
}

const KeepRule kRules[] = {
    {"all",
     "Keep all",
     "every object stays (the labels of both images concatenated), its box clipped to its visible "
     "part where one is left",
     "",
     {},
     KeepValues{},
     judgeAll},
    {"ultralytics", "Ultralytics",
     "Ultralytics: a pasted box stays when >= 10 % of it lies in the cut (CutMix, 8.3.120); others by box_candidates "
     "(w, h > 2 px, area kept > 10 %, aspect < 100)",
     "ultralytics/data/augment.py at 359f87dc (box_candidates, CutMix), ultralytics/utils/metrics.py (bbox_ioa)",
     kUltralytics, KeepValues{}, judgeUltralytics},
    {"albumentations", "Albumentations",
     "Albumentations filter_bboxes: min_visibility, min_area, min_width, min_height (defaults 0, 0, 0, 0)",
     "albumentations/core/bbox_utils.py at 0071b6b4 (filter_bboxes)", kAlbumentations, KeepValues{},
     judgeAlbumentations},
    {"torchvision", "torchvision v2", "torchvision v2 SanitizeBoundingBoxes: min_size 1, min_area 1, inside the image",
     "torchvision/transforms/v2/functional/_misc.py at 01460443 (_get_sanitize_bounding_boxes_mask)", kTorchvision,
     torchvisionDefaults(), judgeTorchvision},
};

constexpr std::string_view kRuleNames[] = {"all", "ultralytics", "albumentations", "torchvision"}; // kRules' order

ParamSpec row(Setting s, std::string_view label, std::string_view what, std::string_view help, double hi, double def,
              int decimals, double step)
{
    ParamSpec p;
    p.setting = s;
    p.label = label;
    p.what = what;
    p.help = help;
    p.kind = ParamKind::Number;
    p.lo = 0.0;
    p.hi = hi;
    p.def = def;
    p.decimals = decimals;
    p.step = step;
    return p;
}

std::vector<ParamSpec> makeSpecs()
{
    std::vector<ParamSpec> t;
    ParamSpec rule;
    rule.setting = Setting::BoxRule;
    rule.label = "Box rule";
    rule.what = "the box rule";
    rule.help = "Which boxes a mix keeps: all, or the rule of ultralytics, albumentations or torchvision";
    rule.kind = ParamKind::Choice;
    rule.choices = kRuleNames;
    t.push_back(rule);
    t.push_back(row(Setting::WhThr, "Min side", "the side threshold",
                    "Ultralytics box_candidates: width and height must be > this many px", 1e6, 2.0, 1, 1.0));
    t.push_back(row(Setting::ArThr, "Max aspect", "the aspect threshold",
                    "Ultralytics box_candidates: the aspect ratio must be < this", 1e6, 100.0, 0, 1.0));
    t.push_back(row(Setting::AreaThr, "Min area kept", "the area threshold",
                    "Ultralytics box_candidates: the box area kept must be > this share", 1.0, 0.1, 2, 0.01));
    t.push_back(row(Setting::IoaThr, "Min in the cut", "the IoA threshold",
                    "Ultralytics CutMix: a pasted box stays when this share of it lies in the cut (0.01 with segments)",
                    1.0, 0.1, 2, 0.01));
    t.push_back(row(Setting::MinVisibility, "Min visibility", "the minimum visibility",
                    "Albumentations min_visibility: the share of the box that must stay visible", 1.0, 0.0, 2, 0.05));
    t.push_back(row(Setting::MinArea, "Min area", "the minimum area",
                    "Albumentations and torchvision min_area: the box area after the mix, px²", 1e12, 0.0, 1, 1.0));
    t.push_back(
        row(Setting::MinWidth, "Min width", "the minimum width", "Albumentations min_width, px", 1e6, 0.0, 1, 1.0));
    t.push_back(
        row(Setting::MinHeight, "Min height", "the minimum height", "Albumentations min_height, px", 1e6, 0.0, 1, 1.0));
    t.push_back(row(Setting::MinSize, "Min size", "the minimum size",
                    "torchvision min_size: width and height after the mix, px", 1e6, 1.0, 1, 1.0));
    return t;
}

} // namespace

bool KeepRule::uses(Setting s) const
{
    return std::find(settings.begin(), settings.end(), s) != settings.end();
}

std::span<const KeepRule> keepRules()
{
    return kRules;
}

const KeepRule& defaultKeepRule()
{
    return kRules[0];
}

const KeepRule& keepRuleNamed(std::string_view name)
{
    for (const KeepRule& r : kRules)
        if (r.name == name)
            return r;
    throw Error("unknown box rule '" + std::string(name) + "' (expected " + keepRuleNames() + ")", Setting::BoxRule);
}

std::string keepRuleNames()
{
    std::string names;
    for (std::size_t i = 0; i < std::size(kRules); ++i)
        names += (i == 0 ? "" : i + 1 == std::size(kRules) ? " or " : ", ") + std::string(kRules[i].name);
    return names;
}

std::span<const ParamSpec> keepSpecs()
{
    static const std::vector<ParamSpec> specs = makeSpecs();
    return specs;
}

const ParamSpec& keepSpec(Setting s)
{
    for (const ParamSpec& p : keepSpecs())
        if (p.setting == s)
            return p;
    throw Error("'" + std::string(settingKey(s)) + "' is not a setting of a box rule");
}

namespace
{

double* field(KeepValues& v, Setting s)
{
    switch (s) {
    case Setting::WhThr:
        return &v.whThr;
    case Setting::ArThr:
        return &v.arThr;
    case Setting::AreaThr:
        return &v.areaThr;
    case Setting::IoaThr:
        return &v.ioaThr;
    case Setting::MinVisibility:
        return &v.minVisibility;
    case Setting::MinArea:
        return &v.minArea;
    case Setting::MinWidth:
        return &v.minWidth;
    case Setting::MinHeight:
        return &v.minHeight;
    case Setting::MinSize:
        return &v.minSize;
    default:
        return nullptr;
    }
}

} // namespace

ParamValue keepValue(const KeepValues& v, Setting s)
{
    double* f = field(const_cast<KeepValues&>(v), s);
    if (!f)
        keepSpec(s); // throws for a setting that is no rule's
    ParamValue p;
    p.a = f ? *f : 0.0;
    return p;
}

void setKeepValue(KeepValues& v, Setting s, const ParamValue& value)
{
    checkParamValue(keepSpec(s), value);
    double* f = field(v, s);
    if (!f)
        throw Error("'" + std::string(settingKey(s)) + "' is not a threshold of a box rule", s);
    *f = value.a;
}

float ultralyticsIoa(const BoxF& cut, const BoxF& box)
{
    // inter_area = (min(x2) - max(x1)).clip(0) * (min(y2) - max(y1)).clip(0);
    // area = (x2 - x1) * (y2 - y1); inter_area / (area + eps).
    const float cx1 = float(cut.x1), cy1 = float(cut.y1), cx2 = float(cut.x2), cy2 = float(cut.y2);
    const float bx1 = float(box.x1), by1 = float(box.y1), bx2 = float(box.x2), by2 = float(box.y2);
    const float iw = std::max(std::min(cx2, bx2) - std::max(cx1, bx1), 0.0f);
    const float ih = std::max(std::min(cy2, by2) - std::max(cy1, by1), 0.0f);
    const float inter = iw * ih;
    const float area = (bx2 - bx1) * (by2 - by1);
    return inter / (area + float(1e-7));
}

std::span<const std::string_view> keepReasonTemplates()
{
    return kTemplates;
}

std::string percentText(double share)
{
    return number(share * 100.0) + " %";
}

std::map<std::string, std::string> CarriedObject::reasonValues() const
{
    std::map<std::string, std::string> out;
    for (int i = 0; i < reasonArgCount; ++i) {
        const ReasonValue& v = reasonArgs[std::size_t(i)];
        std::string& text = out[std::string(v.name)];
        switch (v.form) {
        case Form::Number:
            text = number(v.value);
            break;
        case Form::Pixels:
            text = px(v.value);
            break;
        case Form::Percent:
            text = percentText(v.value);
            break;
        case Form::Name:
            text = std::string(v.text);
            break;
        }
    }
    return out;
}

std::string CarriedObject::reason() const
{
    return reasonTemplate.empty() ? std::string() : fillTemplate(reasonTemplate, reasonValues());
}

void applyKeepRule(const KeepRule& rule, const KeepValues& v, Size size, std::vector<CarriedObject>& objects)
{
    const BoxF image{0.0, 0.0, double(size.width), double(size.height)};
    for (CarriedObject& o : objects) {
        o.kept = true;
        o.reasonTemplate = {};
        o.reasonArgCount = 0;
        if (intersect(o.before, image).empty()) {
            // Mosaic's zero-area boxes and objects cropped away: removed by
            // every rule, since no box of them fits the image.
            drop(o, kOutside);
            continue;
        }
        rule.judge(v, size, o);
        if (!o.kept)
            continue;
        o.box = o.after.empty() ? clippedTo(o.before, size) : o.after;
        o.clipped = o.box != o.before;
        if (o.after.empty())
            explain(o, kKeptInvisible, {ReasonValue{"rule", Form::Name, 0.0, rule.name}});
        else if (o.clipped)
            explain(o, kClipped, {share("share", o.visible)});
    }
}

std::vector<CarriedObject> carryAndJudge(Draw& d, const std::vector<ImageObjects>& sources, bool segments,
                                         const KeepRule& rule, const KeepValues& v)
{
    d = fitToObjects(d, sources, segments ? 0.01 : v.ioaThr);
    std::vector<CarriedObject> carried = carryObjects(d, sources);
    for (CarriedObject& o : carried)
        o.withSegments = segments;
    applyKeepRule(rule, v, d.size, carried);
    return carried;
}

} // namespace cutmix
