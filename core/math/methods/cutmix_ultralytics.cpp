// CutMix as Ultralytics' detection pipeline does it since 8.3.120
// (ultralytics/ultralytics, ultralytics/data/augment.py at 359f87dc, class
// CutMix, _rand_bbox and _mix_transform; bbox_ioa from
// ultralytics/utils/metrics.py): num_areas candidate cuts, each drawn as the
// official rand_bbox (λ ~ Beta(β, β), cut = int(side·√(1 − λ)), centre =
// randint(side), [c − cut // 2, c + cut // 2) clipped); the candidates whose
// bbox_ioa with A's boxes sums to 0 (they overlap none of them) are free,
// and np.random.choice picks one. No free candidate: A is returned as it is.
// Then B's boxes with bbox_ioa(cut, box) >= 0.1 (0.01 when the labels carry
// segments) are kept, clipped to the cut; when none is, A is returned as it
// is too. Otherwise B's pixels in the cut replace A's.
//
// The choice depends on the objects, so the draw is made twice: without
// objects (the window, a mix without --boxes) every candidate is free and
// the cut always pastes; Method::fitObjects then remakes it for the boxes.
// The keep rule `ultralytics` (keeprules.cpp) is the 10 % rule for B's
// boxes; the fallback here reads the same threshold. Candidate 1 comes from
// the draw's own inputs (λ, u[0], u[1]: with one candidate this is the
// official CutMix box), the others from a stream of their own, the choice
// from u[2]. The overlap test with A's boxes and the 10 % test with B's are
// bbox_ioa in float32 (ultralyticsIoa, keeprules.cpp), as Ultralytics holds
// the cuts and boxes; this file is built with -ffp-contract=off.
#include "beta.h"
#include "describe.h"
#include "draw.h"
#include "entries.h"
#include "keeprules.h"
#include "mixer.h"
#include "record.h"
#include "rng.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cutmix::entries
{

namespace
{

constexpr std::uint64_t kAreasTag = 0x6172656173000000ull; // "areas"

// The candidates of a draw, in order (independent of their number: a
// larger num_areas only adds more).
std::vector<SourceBox> candidates(const Params& p, const Draw& d)
{
    const int n = p.whole(Setting::NumAreas);
    std::vector<SourceBox> out{{d.inputs.lam, officialBox(d.size, d.inputs.lam, d.inputs.u[0], d.inputs.u[1])}};
    Rng rng(p.seed ^ kAreasTag, p.index);
    for (int k = 1; k < n; ++k) {
        const double ux = rng.uniform(), uy = rng.uniform();
        const double lam = logistic(sampleBetaLogit(p.alpha, rng));
        out.push_back({lam, officialBox(d.size, lam, ux, uy)});
    }
    return out;
}

// bbox_ioa(cut, A's boxes).sum() <= 0: every IoA, in float32, is 0 (the
// IoAs are >= 0, so their sum is 0 only when each is; a NaN, from a box whose
// area + eps is 0, makes the sum NaN and the candidate not free).
bool overlapsNone(const Box& cut, const std::vector<Object>& boxes)
{
    const BoxF c = toBoxF(cut);
    return std::all_of(boxes.begin(), boxes.end(), [&](const Object& o) { return ultralyticsIoa(c, o.box) <= 0.0f; });
}

void pasteNothing(Draw& d, std::string why)
{
    d.skipped = std::move(why);
    d.geometry = Geometry{};
    d.lam = d.lamAdj = 1.0;
    d.weights = {1.0, 0.0};
}

void choose(Draw& d, const std::vector<int>& free)
{
    d.chosen = free[std::size_t(uniformIndex(d.inputs.u[2], int(free.size())))];
    const SourceBox& c = d.regions[std::size_t(d.chosen)];
    d.geometry = c.geometry;
    d.lamSampled = c.lamSampled;
    d.lam = d.lamAdj = lamAdjusted(d.size, d.geometry.box);
    d.weights = {d.lam, 1.0 - d.lam};
}

void fillUltralytics(const Method&, const Params& p, Draw& d)
{
    d.regions = candidates(p, d);
    std::vector<int> all(d.regions.size());
    for (std::size_t k = 0; k < all.size(); ++k)
        all[k] = int(k);
    choose(d, all);
}

void fitUltralytics(Draw& d, const std::vector<std::vector<Object>>& objects, double minInCut)
{
    d.skipped.clear();
    std::vector<int> free;
    for (std::size_t k = 0; k < d.regions.size(); ++k)
        if (overlapsNone(d.regions[k].geometry.box, objects.at(0)))
            free.push_back(int(k));
    if (free.empty()) {
        d.chosen = -1;
        pasteNothing(d, "each of the " + std::to_string(d.regions.size()) + " candidate cuts overlaps a box of A");
        return;
    }
    choose(d, free);
    const BoxF cut = toBoxF(d.geometry.box);
    const bool anyKept = std::any_of(objects.at(1).begin(), objects.at(1).end(),
                                     [&](const Object& o) { return ultralyticsIoa(cut, o.box) >= float(minInCut); });
    if (!anyKept)
        pasteNothing(d, "no box of B has " + percentText(minInCut) + " of its area in candidate " +
                            std::to_string(d.chosen + 1));
}

void paintUltralytics(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    pasteBoxInto(s[0], s[1], d.geometry.box, out);
}

std::optional<Box> pastedUltralytics(const Draw& d)
{
    return d.geometry.box;
}

void mapUltralytics(const Draw& d, cv::Mat& map)
{
    map = boxMap(d.size, {{1, d.geometry.box}});
}

void viewsUltralytics(const Draw& d, std::vector<SourceView>& views)
{
    const Box& cut = d.geometry.box;
    views.assign(2, SourceView{});
    views[0].visible = uncovered({0, 0, d.size.width, d.size.height}, {cut});
    if (cut.area() > 0)
        views[1].visible = {cut};
    views[1].pasted = cut;
}

void recordUltralytics(const Draw& d, nlohmann::json& j)
{
    nlohmann::json boxes = nlohmann::json::array(), lams = nlohmann::json::array();
    for (const SourceBox& c : d.regions) {
        boxes.push_back(toJson(c.geometry.box));
        lams.push_back(c.lamSampled);
    }
    j["candidates"] = boxes;
    j["candidate_lams"] = lams;
    j["chosen"] = d.chosen >= 0 ? nlohmann::json(d.chosen) : nlohmann::json(nullptr);
    j["skipped"] = d.skipped.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.skipped);
}

void valuesUltralytics(const Draw& d, std::map<std::string, std::string>& v)
{
    std::string list;
    for (std::size_t k = 0; k < d.regions.size(); ++k)
        list += (k == 0 ? "" : ", ") + std::to_string(k + 1) + ": " + boxText(d.regions[k].geometry.box);
    v["candidates"] = list;
    v["chosen_n"] = d.chosen >= 0 ? std::to_string(d.chosen + 1) : "–";
    v["skipped"] = d.skipped.empty() ? std::string("the cut is empty") : d.skipped;
}

bool pastesNothing(const Geometry& g)
{
    return g.box.area() <= 0;
}

constexpr std::string_view kUltralyticsFormula[] = {
    "{num_areas} candidate cuts, each: λ ~ Beta(α, α), cut = int(side·√(1−λ)), centre = randint(side)",
    "candidates: {candidates}",
    "pasted: candidate {chosen_n}, at random among those that overlap none of A's boxes (all, without boxes)",
    "B's boxes stay when ≥ 10 % of each lies in the cut (1 % with segments), clipped to it",
};

constexpr std::string_view kUltralyticsQuirk = "Ultralytics mixes nothing here, the result is A as it is: {skipped}";

constexpr Setting kUltralyticsParams[] = {Setting::Alpha, Setting::NumAreas};
constexpr std::string_view kUltralyticsSummary[] = {"Ultralytics CutMix", "cut {box}", "λ_adj {lam_adj4}"};
constexpr ShownNumber kUltralyticsNumbers[] = {{"λ", drawnLam}, {"λ_adj", shareOfA}};

} // namespace

Method ultralyticsCutMixEntry()
{
    Method m;
    m.family = m.name = "cutmix-ultralytics";
    m.title = "CutMix (Ultralytics)";
    m.library = "Ultralytics CutMix (8.3.120)";
    m.description = "Ultralytics CutMix: a cut among num_areas candidates that overlaps none of A's boxes";
    m.region = Region::Box;
    m.drawn = Drawn::BetaLam;
    m.parameters = kUltralyticsParams;
    m.fill = fillUltralytics;
    m.fitObjects = fitUltralytics;
    m.paint = paintUltralytics;
    m.pastedBox = pastedUltralytics;
    m.sourceMap = mapUltralytics;
    m.objectViews = viewsUltralytics;
    m.paintLabels = paintUltralytics;
    m.record = recordUltralytics;
    m.values = valuesUltralytics;
    m.formula = kUltralyticsFormula;
    m.quirkApplies = pastesNothing;
    m.quirk = kUltralyticsQuirk;
    m.summary = kUltralyticsSummary;
    m.numbers = kUltralyticsNumbers;
    m.selectsPixels = true;
    m.weightRaw = m.weightCorrected = "λ_adj (Ultralytics weighs boxes, not class labels)";
    return m;
}

} // namespace cutmix::entries
