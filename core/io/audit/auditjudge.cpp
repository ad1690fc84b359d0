// The targets judged against what the pixels say: the weight each target
// gives the element's own class against the share its pixels give (or, for
// CutMix under --lam-rule drawn, the lams the library could have drawn for
// the box), and for every disagreement the likely cause.
#include "audit.h"
#include "auditphrases.h"
#include "error.h"
#include "format.h"
#include "recipes.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace cutmix
{

namespace
{

// The causes, by their keys (the command line's and the JSON's).
constexpr std::string_view kDoubleSmoothing = "double-smoothing";
constexpr std::string_view kPartnerMismatch = "partner-mismatch";
constexpr std::string_view kTargetNotMixed = "target-not-mixed";
constexpr std::string_view kMixupLamInverted = "mixup-lam-inverted";
constexpr std::string_view kWeightsSwapped = "weights-swapped";
constexpr std::string_view kUncorrectedLam = "uncorrected-lam";
constexpr std::string_view kCorrectedLam = "corrected-lam";
constexpr std::string_view kLamOfAnother = "lam-of-another-element";
constexpr std::string_view kNoCause = "";
constexpr AuditCause kCauses[] = {
    {kDoubleSmoothing, "the target is the label smoothed twice"},
    {kPartnerMismatch, "the target mixes in another element's class than the element whose pixels were mixed in"},
    {kTargetNotMixed, "the pixels are mixed, but the target is the element's own label alone"},
    {kMixupLamInverted, "MixUp's lam is applied to the partner's label and 1 - lam to the element's own"},
    {kWeightsSwapped, "the weights of the element and its partner are swapped"},
    {kUncorrectedLam, "the weight is the lam drawn before the box was rounded and clipped, not the box's share"},
    {kCorrectedLam, "the weight is the box's share, but the lam rule expects the lam drawn before rounding"},
    {kLamOfAnother, "the weight is another element's lam"},
    {auditphrases::kLabelNotThere,
     "a label for an object that is not there: a kept box whose object is hardly visible"},
    {auditphrases::kObjectWithoutBox, "a visible object with no box"},
    {auditphrases::kBoxUnexplained, "a box no object explains: not moved, not clipped, or from another element"},
    {auditphrases::kTileNotMoved, "a Mosaic tile's box left where it lay in the tile: not moved with its tile"},
};

// What the judge adds to an explanation, each a template of core's;
// judgePhrases() lists them with the causes' descriptions.
constexpr std::string_view kSmoothedTwice = "; the target is the label smoothed twice";
constexpr std::string_view kSameClassGives =
    "; the pixels are mixed with an element of the same class, but the target gives {weight} to class {class}";
constexpr std::string_view kUnchangedGives =
    "; the pixels are unchanged, but the target gives {weight} to class {class}";
constexpr std::string_view kTheClassOf = " (the class of #{element})";
constexpr std::string_view kNotMixed =
    "; the pixels are mixed with #{partner} ({class}), but the target is the element's own label alone";
constexpr std::string_view kFitsTwice =
    "; the target fits the label smoothed twice (smoothing {twice} instead of {smoothing})";
constexpr std::string_view kMixesIn =
    "; the pixels come from #{partner} ({partner_class}) but the target mixes in {class}";
constexpr std::string_view kMixesInOf = ", the class of #{element}";
constexpr std::string_view kNotAMix =
    "; the target is not a mix of its own class and its partner's (largest difference {difference})";
constexpr std::string_view kClaim = "; the target gives its own class {claimed} where the pixels give {share}";
constexpr std::string_view kInverted = ": lam is applied to the partner's label, 1 - lam to its own";
constexpr std::string_view kSwapped = ": the weights of the element and its partner are swapped";
constexpr std::string_view kDrawnClipped =
    ": the weight is a lam rand_bbox could have drawn for this box, not the box's area (the box was clipped at the "
    "border); if the drawn lam is intended (timm's correct_lam=False), use --lam-rule drawn";
constexpr std::string_view kDrawnRounded =
    ": the weight is a lam rand_bbox could have drawn for this box, not the box's area (the box's sides were "
    "rounded to whole pixels); if the drawn lam is intended (timm's correct_lam=False), use --lam-rule drawn";
constexpr std::string_view kCorrected =
    ": the weight is the box's area (corrected), but --lam-rule drawn expects the lam drawn before the box was "
    "rounded and clipped; use --lam-rule corrected or any";
constexpr std::string_view kOtherLam =
    ": the weight is the share of #{element} ({share}): the target was built with another element's lam";
// The partner rules the summary names.
constexpr std::string_view kFlip = "flip";
constexpr std::string_view kRoll = "roll";
constexpr std::string_view kPermutation = "permutation";
constexpr std::string_view kNone = "none";
constexpr std::string_view kUnrecognised = "unrecognised";
constexpr std::string_view kPhrases[] = {
    kSmoothedTwice, kSameClassGives, kUnchangedGives, kTheClassOf, kNotMixed,    kFitsTwice,    kMixesIn,
    kMixesInOf,     kNotAMix,        kClaim,          kInverted,   kSwapped,     kDrawnClipped, kDrawnRounded,
    kCorrected,     kOtherLam,       kFlip,           kRoll,       kPermutation, kNone,         kUnrecognised};

struct Smoothed {
    double off, on;
};

Smoothed smoothedValues(double s, int k)
{
    return {s / k, 1.0 - s + s / k};
}

// The largest difference between the target row and w * y(own) + (1 - w) * y(other).
double mismatch(const std::vector<double>& t, int own, int other, double w, Smoothed v)
{
    double worst = 0;
    for (int c = 0; c < int(t.size()); ++c) {
        double expected = v.off;
        if (c == own)
            expected += w * (v.on - v.off);
        if (c == other)
            expected += (1.0 - w) * (v.on - v.off);
        worst = std::max(worst, std::abs(t[std::size_t(c)] - expected));
    }
    return worst;
}

// Smoothing only from what mixing cannot explain (issue 24): with three
// classes or more, the smallest entry of a target (mixing two classes leaves
// the others at s / K); with two, only elements whose pixels keep their own
// class (unchanged, or mixed with an element of the same class), whose
// target must then be their own smoothed label. One class: nothing to smooth.
double inferSmoothing(const AuditDump& d, const std::vector<PixelExplanation>& px, int k)
{
    if (k < 2)
        return 0.0;
    std::vector<double> estimates;
    for (std::size_t i = 0; i < d.targets.size(); ++i) {
        const auto& t = d.targets[i];
        if (k >= 3) {
            estimates.push_back(*std::min_element(t.begin(), t.end()) * k);
            continue;
        }
        const PixelExplanation& e = px[i];
        const int own = d.labels[i];
        const bool ownClassOnly =
            e.method == AuditMethod::None || (e.partner && d.labels[std::size_t(*e.partner)] == own);
        if (!ownClassOnly || e.method == AuditMethod::Unexplained)
            continue;
        const double mine = t[std::size_t(own)], other = t[std::size_t(1 - own)];
        if (mine > other && std::abs(mine + other - 1.0) < 1e-6)
            estimates.push_back(other * k);
    }
    if (estimates.empty())
        return 0.0;
    std::sort(estimates.begin(), estimates.end());
    const double s = estimates[estimates.size() / 2];
    return std::abs(s) < 1e-9 || s < 0 || s >= 1 ? 0.0 : s;
}

// The element whose class the target mixes in, preferring the elements that
// the usual rules name (flip, roll: partnerMap's maps).
std::optional<int> elementOfClass(const AuditDump& d, const std::vector<int>& flip, const std::vector<int>& roll, int i,
                                  int cls)
{
    const int n = int(d.labels.size());
    for (int k : {flip[std::size_t(i)], roll[std::size_t(i)], (i + 1) % n})
        if (d.labels[std::size_t(k)] == cls)
            return k;
    for (int k = 0; k < n; ++k)
        if (d.labels[std::size_t(k)] == cls)
            return k;
    return std::nullopt;
}

bool within(double v, const std::vector<LamInterval>& intervals, double tol)
{
    return std::any_of(intervals.begin(), intervals.end(),
                       [&](const LamInterval& l) { return v >= l.lo - tol && v <= l.hi + tol; });
}

struct Judge {
    const AuditDump& d;
    const std::vector<PixelExplanation>& px;
    const AuditOptions& o;
    double s;
    std::vector<int> flip = partnerMap(PartnerRule::Flip, int(d.labels.size()), 0, 0);
    std::vector<int> roll = partnerMap(PartnerRule::Roll, int(d.labels.size()), 0, 0);

    void flag(ElementAudit& e, std::string_view cause, std::vector<Phrase> words) const
    {
        e.verdict = Verdict::Flagged;
        e.cause = cause;
        e.explanation.insert(e.explanation.end(), words.begin(), words.end());
    }

    void operator()(int i, ElementAudit& e) const
    {
        const auto& t = d.targets[std::size_t(i)];
        const int k = int(t.size());
        const int own = d.labels[std::size_t(i)];
        const Smoothed v = smoothedValues(s, k);
        const double tol = o.tolerance;
        const double span = v.on - v.off;
        int other = own;
        double otherMass = -1;
        for (int c = 0; c < k; ++c)
            if (c != own && t[std::size_t(c)] > otherMass) {
                otherMass = t[std::size_t(c)];
                other = c;
            }
        const double claimed = span > 0 ? (t[std::size_t(own)] - v.off) / span : 1.0;
        e.targetOwn = claimed;
        if (e.method == AuditMethod::Unexplained) {
            e.verdict = Verdict::Unexplained;
            return;
        }
        const int partnerClass = e.partner ? d.labels[std::size_t(*e.partner)] : own;
        const Smoothed twice = smoothedValues(1.0 - (1.0 - s) * (1.0 - s), k);
        if (!e.partner || partnerClass == own) {
            // The target must be the element's own smoothed label.
            if (mismatch(t, own, own, 1.0, v) <= tol) {
                e.targetOwn = 1.0;
                return;
            }
            if (o.smoothing && s > 0 && mismatch(t, own, own, 1.0, twice) <= tol) {
                flag(e, kDoubleSmoothing, {{kSmoothedTwice}});
                return;
            }
            e.labelPartner = elementOfClass(d, flip, roll, i, other);
            const Phrase gives{e.partner ? kSameClassGives : kUnchangedGives,
                               {{"weight", formatFixed(1.0 - claimed, 4)}, {"class", d.classes[std::size_t(other)]}}};
            if (e.partner && e.labelPartner)
                flag(e, kPartnerMismatch, {gives, {kTheClassOf, {{"element", std::to_string(*e.labelPartner)}}}});
            else
                flag(e, kNoCause, {gives});
            return;
        }
        const double fit = mismatch(t, own, partnerClass, claimed, v);
        const bool inShare = claimed >= e.shareLo - tol && claimed <= e.shareHi + tol;
        // The drawn lam: only a CutMix box has one that differs from its share.
        const bool cutmix = e.method == AuditMethod::CutMix;
        const bool inDrawn = cutmix ? within(claimed, e.drawnLams, tol) : inShare;
        const bool rightWeight = o.lamRule == LamRule::Corrected ? inShare
                                 : o.lamRule == LamRule::Drawn   ? inDrawn
                                                                 : inShare || inDrawn;
        if (fit <= tol && rightWeight)
            return;
        const Phrase claim{kClaim, {{"claimed", formatFixed(claimed, 4)}, {"share", shareText(e.shareLo, e.shareHi)}}};
        const std::string partner = std::to_string(*e.partner);
        // A target left as the element's own label.
        if (mismatch(t, own, own, 1.0, v) <= tol) {
            flag(e, kTargetNotMixed,
                 {{kNotMixed, {{"partner", partner}, {"class", d.classes[std::size_t(partnerClass)]}}}});
            return;
        }
        if (fit > tol) {
            // The rest of the target is not on the partner's class.
            if (o.smoothing && s > 0) {
                const double w2 = (t[std::size_t(own)] - twice.off) / (twice.on - twice.off);
                if (mismatch(t, own, partnerClass, w2, twice) <= tol) {
                    e.targetOwn = w2;
                    flag(
                        e, kDoubleSmoothing,
                        {{kFitsTwice,
                          {{"twice", formatFixed(1.0 - (1.0 - s) * (1.0 - s), 4)}, {"smoothing", formatFixed(s, 4)}}}});
                    return;
                }
            }
            e.labelPartner = elementOfClass(d, flip, roll, i, other);
            if (other != partnerClass && mismatch(t, own, other, claimed, v) <= tol) {
                std::vector<Phrase> w{{kMixesIn,
                                       {{"partner", partner},
                                        {"partner_class", d.classes[std::size_t(partnerClass)]},
                                        {"class", d.classes[std::size_t(other)]}}}};
                if (e.labelPartner)
                    w.push_back({kMixesInOf, {{"element", std::to_string(*e.labelPartner)}}});
                flag(e, kPartnerMismatch, w);
                return;
            }
            flag(e, kNoCause, {{kNotAMix, {{"difference", formatFixed(fit, 4)}}}});
            return;
        }
        // The right classes, the wrong weight.
        if (1.0 - claimed >= e.shareLo - tol && 1.0 - claimed <= e.shareHi + tol) {
            if (e.method == AuditMethod::MixUp)
                flag(e, kMixupLamInverted, {claim, {kInverted}});
            else
                flag(e, kWeightsSwapped, {claim, {kSwapped}});
            return;
        }
        if (cutmix && inDrawn && o.lamRule == LamRule::Corrected) {
            flag(e, kUncorrectedLam, {claim, {e.touchesBorder ? kDrawnClipped : kDrawnRounded}});
            return;
        }
        if (cutmix && inShare && o.lamRule == LamRule::Drawn) {
            flag(e, kCorrectedLam, {claim, {kCorrected}});
            return;
        }
        // Another element's weight (elem and pair modes draw one lam each).
        for (int j = 0; j < int(px.size()); ++j) {
            if (j == i)
                continue;
            const PixelExplanation& p = px[std::size_t(j)];
            if (!p.partner || p.method == AuditMethod::Unexplained || p.method == AuditMethod::None)
                continue;
            if (claimed >= p.shareLo - tol && claimed <= p.shareHi + tol) {
                e.lamOf = j;
                flag(
                    e, kLamOfAnother,
                    {claim, {kOtherLam, {{"element", std::to_string(j)}, {"share", shareText(p.shareLo, p.shareHi)}}}});
                return;
            }
        }
        flag(e, kNoCause, {claim});
    }
};

std::string_view partnerRule(const std::vector<ElementAudit>& elements)
{
    const int n = int(elements.size());
    const std::vector<int> flipMap = partnerMap(PartnerRule::Flip, n, 0, 0);
    const std::vector<int> rollMap = partnerMap(PartnerRule::Roll, n, 0, 0);
    bool any = false, flip = true, roll = true;
    std::set<int> used;
    bool injective = true;
    for (const ElementAudit& e : elements) {
        if (!e.partner)
            continue;
        any = true;
        flip = flip && *e.partner == flipMap[std::size_t(e.index)];
        roll = roll && *e.partner == rollMap[std::size_t(e.index)];
        injective = injective && used.insert(*e.partner).second;
    }
    if (!any)
        return kNone;
    if (flip)
        return kFlip;
    if (roll)
        return kRoll;
    return injective ? kPermutation : kUnrecognised;
}

} // namespace

std::span<const std::string_view> auditphrases::judge()
{
    return kPhrases;
}

std::span<const AuditCause> auditCauses()
{
    return kCauses;
}

std::string_view auditCauseDescription(std::string_view key)
{
    for (const AuditCause& c : kCauses)
        if (!key.empty() && c.key == key)
            return c.description;
    return {};
}

AuditReport judgeDump(const AuditDump& d, const std::vector<PixelExplanation>& px, const AuditOptions& o)
{
    if (!(o.tolerance >= 0 && o.tolerance < 1))
        throw Error("the tolerance must be in [0, 1)");
    if (o.smoothing && !(*o.smoothing >= 0 && *o.smoothing < 1))
        throw Error("label smoothing must be in [0, 1)", Setting::Smoothing);
    if (!(o.minVisibility >= 0 && o.minVisibility <= 1))
        throw Error("the minimum visibility must be in [0, 1]");
    if (px.size() != d.before.size())
        throw Error("the pixel explanation does not belong to this dump");
    const int n = int(d.before.size());
    const int k = d.targets.empty() ? 0 : int(d.targets.front().size());
    AuditReport r;
    r.summary.n = n;
    r.summary.tolerance = o.tolerance;
    r.summary.lamRule = o.lamRule;
    r.summary.type = d.type;
    r.summary.boxes = d.hasBoxes;
    r.summary.minVisibility = o.minVisibility;
    r.summary.smoothingInferred = !o.smoothing;
    r.summary.smoothing = o.smoothing ? *o.smoothing : inferSmoothing(d, px, k);
    const Judge judge{d, px, o, r.summary.smoothing};
    for (int i = 0; i < n; ++i) {
        ElementAudit e;
        static_cast<PixelExplanation&>(e) = px[std::size_t(i)];
        e.index = i;
        judge(i, e);
        judgeObjects(d, px, o.minVisibility, e);
        r.summary.agree += e.verdict == Verdict::Agree;
        r.summary.flagged += e.verdict == Verdict::Flagged;
        r.summary.unexplained += e.verdict == Verdict::Unexplained;
        r.elements.push_back(std::move(e));
    }
    r.summary.partnerRule = partnerRule(r.elements);
    return r;
}

AuditReport auditDump(const AuditDump& d, const AuditOptions& o, const AuditControl& control)
{
    if (!(o.tolerance >= 0 && o.tolerance < 1))
        throw Error("the tolerance must be in [0, 1)");
    return judgeDump(d, explainDump(d, control), o);
}

} // namespace cutmix
