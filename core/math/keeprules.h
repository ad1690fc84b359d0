// Which boxes survive a mix: each library's rule, written once. A rule is one
// entry of a table: its name, the code it follows (file and commit), the
// settings it reads (rows of keepSpecs(), in the same form as a draw's
// parameters, so the command line's options and their checks loop over
// them) and the library's defaults for them. Every verdict says why: "8 %
// visible < 10 %", "width 1.5 px <= 2 px".
#pragma once

#include "objects.h"
#include "params.h"
#include "setting.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

// The values of the rules' settings (rows of keepSpecs()); each rule reads
// some of them, with its library's defaults.
struct KeepValues {
    // Ultralytics box_candidates and CutMix.
    double whThr = 2.0;   // width and height > whThr px
    double arThr = 100.0; // aspect ratio < arThr
    double areaThr = 0.1; // area kept > areaThr
    double ioaThr = 0.1;  // CutMix: a pasted box kept when its share inside the cut >= ioaThr (1 % with segments)
    // Albumentations filter_bboxes.
    double minVisibility = 0.0;
    double minArea = 0.0; // px (torchvision's min_area too)
    double minWidth = 0.0;
    double minHeight = 0.0;
    // torchvision SanitizeBoundingBoxes.
    double minSize = 1.0;
    bool operator==(const KeepValues&) const = default;
};

struct KeepRule {
    std::string_view name;        // "ultralytics": what --box-rule takes
    std::string_view title;       // "Ultralytics"
    std::string_view description; // one line for help and tooltips
    std::string_view follows;     // the code it follows, file and commit
    std::span<const Setting> settings;
    KeepValues defaults;
    // Sets o.kept and the reason (o.reasonTemplate, o.reasonArgs) for an object whose before, after, visible
    // fraction and paste are known, in an image of `size`.
    void (*judge)(const KeepValues& v, Size size, CarriedObject& o) = nullptr;
    bool uses(Setting s) const;
};

std::span<const KeepRule> keepRules();
const KeepRule& defaultKeepRule(); // all
// Throws cutmix::Error (Setting::BoxRule) listing the names.
const KeepRule& keepRuleNamed(std::string_view name);
std::string keepRuleNames();

// The rows of every rule setting, and reading and writing them.
std::span<const ParamSpec> keepSpecs();
const ParamSpec& keepSpec(Setting s);
ParamValue keepValue(const KeepValues& v, Setting s);
void setKeepValue(KeepValues& v, Setting s, const ParamValue& value);

// Judges every object by the rule (o.kept, o.clipped, the reason, o.box).
void applyKeepRule(const KeepRule& rule, const KeepValues& v, Size size, std::vector<CarriedObject>& objects);

// The objects of one mix as every front end (the command line's mix, the
// window) computes them: the draw fitted to the objects (Method::fitObjects:
// Ultralytics' CutMix remakes its cut; `segments`: the objects came with
// masks, so a pasted box needs 1 % inside the cut instead of v.ioaThr), then
// every object carried (carryObjects) and judged by the rule. Throws
// cutmix::Error as carryObjects does.
std::vector<CarriedObject> carryAndJudge(Draw& d, const std::vector<ImageObjects>& sources, bool segments,
                                         const KeepRule& rule, const KeepValues& v);

// Ultralytics' bbox_ioa(cut, box) (ultralytics/utils/metrics.py): the
// intersection over the box's area + 1e-7, in float32 and in NumPy's order
// of operations, as the library holds cuts and boxes in float32 arrays (a
// Python float such as eps does not promote them). A box exactly 10 % inside
// gives exactly float32(0.1), which the 10 % rule keeps; in double it would
// fall just below. NaN when the box's area + eps is 0 (an inverted box).
float ultralyticsIoa(const BoxF& cut, const BoxF& box);

// Every template of the reasons (CarriedObject::reasonTemplate), for the
// tool that lists core's strings for translators.
std::span<const std::string_view> keepReasonTemplates();

// "8 %", "0.5 %", "100 %": a share as the reasons write it.
std::string percentText(double share);

} // namespace cutmix
