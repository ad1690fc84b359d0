// The boxes of a detection batch judged against what its pixels show: each
// element's own and its partner's boxes before the mix carried through the
// explained pixels (objects.h: the visible-fraction arithmetic of every mix),
// matched with the boxes after the mix, and every disagreement flagged.
// auditmosaic.cpp judges a Mosaic sample's boxes by the same function.
#include "audit.h"
#include "auditcarry.h"
#include "auditphrases.h"
#include "format.h"
#include "keeprules.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace cutmix
{

namespace
{

constexpr std::string_view kNotThere = "; box {box} (class {class}) is kept, but its object is {visible} visible (less "
                                       "than {min}): a label for an object that is not there";
constexpr std::string_view kNoBox = "; object {object} of #{element} (class {class}) is {visible} visible, but has no "
                                    "box: a visible object with no box";
constexpr std::string_view kNoObject =
    "; box {box} (class {class}) at {at} matches no object: a box no object explains";
constexpr std::string_view kUnmoved = " (it is box {object} of #{element} before the mix, unmoved)";
constexpr std::string_view kUnjudged = "; the boxes cannot be judged: the pixels are unexplained";
// The same for a Mosaic sample, whose objects come from its four tiles.
constexpr std::string_view kTileNoBox = "; object {object} of tile {tile} (class {class}) is {visible} visible, but "
                                        "has no box: a visible object with no box";
constexpr std::string_view kTileUnmoved =
    " (it is box {object} of tile {tile} before the mosaic, at its place in the tile: not moved with its tile)";
constexpr std::string_view kPhrases[] = {kNotThere, kNoBox, kNoObject, kUnmoved, kUnjudged, kTileNoBox, kTileUnmoved};

// How far (px) a box after the mix may lie from the box expected: a box
// written as normalised text and read back, or rounded to whole pixels.
constexpr double kBoxTolerance = 1.0;
// How many boxes before the mix one unexplained box is compared with.
constexpr std::size_t kUnmovedBudget = 100000;

double distance(const BoxF& a, const BoxF& b)
{
    return std::max({std::abs(a.x1 - b.x1), std::abs(a.y1 - b.y1), std::abs(a.x2 - b.x2), std::abs(a.y2 - b.y2)});
}

std::string boxText(const BoxF& b)
{
    std::string t(1, '(');
    t += formatFixed(b.x1, 1);
    t += ", ";
    t += formatFixed(b.y1, 1);
    t += ")-(";
    t += formatFixed(b.x2, 1);
    t += ", ";
    t += formatFixed(b.y2, 1);
    t += ')';
    return t;
}

std::string visibleText(double lo, double hi)
{
    const std::string a = percentText(lo), b = percentText(hi);
    return a == b ? a : "[" + a + ", " + b + "]";
}

// The source maps of a mask: 0 where the result shows the element's own
// pixels, 1 where its partner's; pixels equal in both count as the
// element's (ambiguousOwn) or the partner's.
cv::Mat maskMap(const cv::Mat& after, const cv::Mat& own, const cv::Mat& other, bool ambiguousOwn)
{
    cv::Mat map(after.rows, after.cols, CV_8U);
    const std::size_t bytes = after.elemSize();
    for (int y = 0; y < after.rows; ++y) {
        auto* row = map.ptr<std::uint8_t>(y);
        for (int x = 0; x < after.cols; ++x) {
            const bool sameOwn = std::memcmp(after.ptr(y, x), own.ptr(y, x), bytes) == 0;
            const bool sameOther = std::memcmp(after.ptr(y, x), other.ptr(y, x), bytes) == 0;
            row[x] = ambiguousOwn ? (sameOwn ? 0 : 1) : (sameOther ? 1 : 0);
        }
    }
    return map;
}

std::vector<auditcarry::Reading> readings(const AuditDump& d, const PixelExplanation& e, int i)
{
    const Size size{d.after[std::size_t(i)].cols, d.after[std::size_t(i)].rows};
    const Box whole{0, 0, size.width, size.height};
    std::vector<auditcarry::Reading> out;
    switch (e.method) {
    case AuditMethod::None: {
        SourceView own;
        own.visible = {whole};
        out.push_back({{own}, {}});
        break;
    }
    case AuditMethod::CutMix:
        // The cut lies between the smallest rectangle the pixels need and
        // the largest they allow.
        for (const std::optional<Box>& cut : {e.region, e.regionMax}) {
            if (!cut || (!out.empty() && cut == e.region))
                continue;
            SourceView own, partner;
            own.visible = uncovered(whole, {*cut});
            partner.visible = {*cut};
            partner.pasted = *cut;
            out.push_back({{own, partner}, {}});
        }
        break;
    case AuditMethod::Mask:
        for (bool ambiguousOwn : {true, false}) {
            SourceView own, partner;
            own.mapValue = 0;
            partner.mapValue = 1;
            out.push_back({{own, partner},
                           maskMap(d.after[std::size_t(i)], d.before[std::size_t(i)], d.before[std::size_t(*e.partner)],
                                   ambiguousOwn)});
        }
        break;
    case AuditMethod::MixUp: {
        SourceView own, partner;
        own.visible = partner.visible = {whole};
        own.weight = (e.shareLo + e.shareHi) / 2.0;
        partner.weight = 1.0 - own.weight;
        out.push_back({{own, partner}, {}});
        break;
    }
    case AuditMethod::Unexplained:
        break;
    }
    return out;
}

using auditcarry::Judged;

Judged judgeWith(const AuditDump& d, const PixelExplanation& e, int i, std::optional<int> partner, double minVisibility)
{
    PixelExplanation withPartner = e;
    withPartner.partner = partner;
    std::vector<auditcarry::Reading> rs = readings(d, withPartner, i);
    const Size size{d.after[std::size_t(i)].cols, d.after[std::size_t(i)].rows};
    std::vector<int> elements{i};
    if (partner && e.method != AuditMethod::None)
        elements.push_back(*partner);
    std::vector<auditcarry::Source> sources, unmoved;
    for (int k : elements)
        sources.push_back({k, &d.boxesBefore[std::size_t(k)].objects, d.segments[std::size_t(k)]});
    for (auditcarry::Reading& r : rs)
        r.views.resize(sources.size());
    // An unexplained box is compared with the element's own and its
    // partner's boxes before the mix first, then the others'.
    unmoved = sources;
    for (std::size_t k = 0; k < d.boxesBefore.size(); ++k)
        if (std::find(elements.begin(), elements.end(), int(k)) == elements.end())
            unmoved.push_back({int(k), &d.boxesBefore[k].objects, d.segments[k]});
    return auditcarry::judge(rs, sources, i, d.boxesAfter[std::size_t(i)].objects, size, unmoved,
                             auditphrases::kBoxUnexplained, minVisibility);
}

} // namespace

auditcarry::Judged auditcarry::judge(const std::vector<Reading>& rs, const std::vector<Source>& sources,
                                     std::optional<int> own, const std::vector<Object>& boxes, Size size,
                                     const std::vector<Source>& unmovedOrder, std::string_view unmovedCause,
                                     double minVisibility)
{
    std::vector<std::vector<Object>> objects;
    for (const Source& src : sources)
        objects.push_back(*src.objects);
    // Every reading's carry; the first is judged by the rules.
    std::vector<std::vector<CarriedObject>> carried;
    for (const Reading& r : rs)
        carried.push_back(carryThroughViews(r.views, objects, r.map));
    Judged out;
    const std::vector<CarriedObject>& first = carried.front();
    for (std::size_t k = 0; k < first.size(); ++k) {
        AuditObject o;
        const CarriedObject& c = first[k];
        const Source& src = sources[std::size_t(c.source)];
        o.sourceElement = src.id;
        o.sourceIndex = c.index;
        o.classIndex = c.classIndex;
        o.before = c.before;
        o.weight = c.weight;
        o.visibleLo = 1.0;
        o.visibleHi = 0.0;
        for (const auto& reading : carried) {
            const CarriedObject& r = reading[k];
            o.visibleLo = std::min(o.visibleLo, r.visible);
            o.visibleHi = std::max(o.visibleHi, r.visible);
            if (!r.after.empty() && std::find(o.expected.begin(), o.expected.end(), r.after) == o.expected.end())
                o.expected.push_back(r.after);
        }
        for (const KeepRule& rule : keepRules()) {
            std::vector<CarriedObject> one{c};
            one.front().withSegments = src.segments;
            applyKeepRule(rule, rule.defaults, size, one);
            o.rules.push_back({rule.name, one.front().kept, one.front().reason()});
        }
        out.objects.push_back(std::move(o));
    }
    // Each box after the mix matched with the closest object of its class:
    // its visible part's box, or (the element's own objects, which a library
    // may leave unclipped) its box before the mix.
    std::vector<AuditObject> unexplained;
    for (std::size_t b = 0; b < boxes.size(); ++b) {
        const Object& box = boxes[b];
        std::optional<std::size_t> best;
        double bestDistance = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < out.objects.size(); ++k) {
            const AuditObject& o = out.objects[k];
            if (o.afterIndex || o.classIndex != box.classIndex)
                continue;
            std::vector<BoxF> accepted = o.expected;
            if (own && o.sourceElement == *own)
                accepted.push_back(clippedTo(o.before, size));
            for (const BoxF& a : accepted) {
                const double dist = distance(a, box.box);
                if (dist <= kBoxTolerance && dist < bestDistance) {
                    bestDistance = dist;
                    best = k;
                }
            }
        }
        if (best) {
            out.objects[*best].afterIndex = int(b);
            out.objects[*best].after = box.box;
            continue;
        }
        AuditObject o;
        o.classIndex = box.classIndex;
        o.afterIndex = int(b);
        o.after = box.box;
        o.visibleLo = o.visibleHi = 0.0;
        o.status = "flagged";
        o.cause = auditphrases::kBoxUnexplained;
        // A box before the mix, left where it was, within a budget of
        // comparisons (a huge batch of wrong boxes stays fast).
        std::size_t budget = kUnmovedBudget;
        for (const Source& src : unmovedOrder) {
            const auto& list = *src.objects;
            if (o.unmovedElement || list.size() > budget)
                break;
            budget -= list.size();
            for (std::size_t j = 0; j < list.size(); ++j)
                if (list[j].classIndex == box.classIndex && distance(list[j].box, box.box) <= kBoxTolerance) {
                    o.unmovedElement = src.id;
                    o.unmovedIndex = int(j);
                    o.cause = unmovedCause;
                    break;
                }
        }
        unexplained.push_back(std::move(o));
    }
    for (AuditObject& o : out.objects) {
        if (o.afterIndex) {
            const bool there = o.visibleHi >= minVisibility;
            o.status = there ? "kept" : "flagged";
            if (!there)
                o.cause = auditphrases::kLabelNotThere;
        } else {
            // An object with nothing visible needs no box, whatever the threshold.
            const bool visible = o.visibleLo > 0 && o.visibleLo >= minVisibility;
            o.status = visible ? "flagged" : "dropped";
            if (visible)
                o.cause = auditphrases::kObjectWithoutBox;
        }
    }
    for (AuditObject& o : unexplained)
        out.objects.push_back(std::move(o));
    for (const AuditObject& o : out.objects)
        out.flagged += o.status == "flagged";
    return out;
}

std::string auditcarry::flagPhrases(const std::vector<AuditObject>& objects, double minVisibility, bool tiles,
                                    std::vector<Phrase>& out)
{
    std::string firstCause;
    for (const AuditObject& o : objects) {
        if (o.status != "flagged")
            continue;
        if (firstCause.empty())
            firstCause = o.cause;
        const std::string cls = std::to_string(o.classIndex);
        const std::string_view owner = tiles ? "tile" : "element";
        if (o.cause == auditphrases::kLabelNotThere)
            out.push_back({kNotThere,
                           {{"box", std::to_string(*o.afterIndex + 1)},
                            {"class", cls},
                            {"visible", visibleText(o.visibleLo, o.visibleHi)},
                            {"min", percentText(minVisibility)}}});
        else if (o.cause == auditphrases::kObjectWithoutBox)
            out.push_back({tiles ? kTileNoBox : kNoBox,
                           {{"object", std::to_string(o.sourceIndex + 1)},
                            {std::string(owner), std::to_string(*o.sourceElement)},
                            {"class", cls},
                            {"visible", visibleText(o.visibleLo, o.visibleHi)}}});
        else {
            out.push_back(
                {kNoObject, {{"box", std::to_string(*o.afterIndex + 1)}, {"class", cls}, {"at", boxText(*o.after)}}});
            if (o.unmovedElement)
                out.push_back({tiles ? kTileUnmoved : kUnmoved,
                               {{"object", std::to_string(o.unmovedIndex + 1)},
                                {std::string(owner), std::to_string(*o.unmovedElement)}}});
        }
    }
    return firstCause;
}

std::span<const std::string_view> auditphrases::objects()
{
    return kPhrases;
}

void judgeObjects(const AuditDump& d, const std::vector<PixelExplanation>& px, double minVisibility, ElementAudit& e)
{
    if (!d.hasBoxes)
        return;
    const int i = e.index;
    const PixelExplanation& p = px[std::size_t(i)];
    if (p.method == AuditMethod::Unexplained) {
        for (std::size_t b = 0; b < d.boxesAfter[std::size_t(i)].objects.size(); ++b) {
            const Object& box = d.boxesAfter[std::size_t(i)].objects[b];
            AuditObject o;
            o.classIndex = box.classIndex;
            o.afterIndex = int(b);
            o.after = box.box;
            o.status = "not-judged";
            e.objects.push_back(std::move(o));
        }
        e.explanation.push_back({kUnjudged});
        return;
    }
    // Elements that explain the pixels equally well: the boxes may say which.
    Judged j = judgeWith(d, p, i, p.partner, minVisibility);
    if (j.flagged > 0)
        for (int c : p.candidates)
            if (c != p.partner) {
                Judged other = judgeWith(d, p, i, c, minVisibility);
                if (other.flagged == 0) {
                    j = std::move(other);
                    break;
                }
            }
    e.objects = std::move(j.objects);
    if (j.flagged == 0)
        return;
    const std::string firstCause = auditcarry::flagPhrases(e.objects, minVisibility, false, e.explanation);
    // The targets' verdict stands when they are flagged; a flagged box makes an agreeing element flagged.
    if (e.verdict == Verdict::Agree) {
        e.verdict = Verdict::Flagged;
        e.cause = firstCause;
    }
}

} // namespace cutmix
