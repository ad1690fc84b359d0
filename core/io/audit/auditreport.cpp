#include "audit.h"
#include "auditcarry.h"
#include "auditphrases.h"
#include "enumnames.h"
#include "error.h"
#include "format.h"
#include "imageio.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <sstream>

namespace cutmix
{

using nlohmann::json;

namespace
{

constexpr EnumNames<AuditMethod, 5> kMethodNames{{{AuditMethod::None, "none"},
                                                  {AuditMethod::CutMix, "cutmix"},
                                                  {AuditMethod::MixUp, "mixup"},
                                                  {AuditMethod::Mask, "mask"},
                                                  {AuditMethod::Unexplained, "unexplained"}}};
constexpr EnumNames<Verdict, 3> kVerdictNames{
    {{Verdict::Agree, "agree"}, {Verdict::Flagged, "flagged"}, {Verdict::Unexplained, "unexplained"}}};

constexpr std::string_view kSummaryInferred =
    "{n} elements: {agree} agree, {flagged} flagged, {unexplained} unexplained; partners {partners}; smoothing "
    "{smoothing} (inferred), tolerance {tolerance}, lam rule {lam_rule}";
constexpr std::string_view kSummaryGiven =
    "{n} elements: {agree} agree, {flagged} flagged, {unexplained} unexplained; partners {partners}; smoothing "
    "{smoothing} (given), tolerance {tolerance}, lam rule {lam_rule}";
constexpr std::string_view kNormalised = "a normalised {dtype} batch, shown de-normalised with the mean and std in "
                                         "dump.json";
constexpr std::string_view kRange =
    "a {dtype} batch without mean and std, shown with its range [{lo}, {hi}] mapped to black and white";

// A tolerance as the summary has always written it (an ostream's default: 6
// significant digits, 0.001, 1e-05).
std::string shortNumber(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

} // namespace

std::vector<std::string_view> auditPhrases()
{
    std::vector<std::string_view> out;
    for (auto list : {auditphrases::explain(), auditphrases::judge(), auditphrases::objects(), auditphrases::mosaic()})
        out.insert(out.end(), list.begin(), list.end());
    for (const AuditCause& c : auditCauses())
        out.push_back(c.description);
    for (const auto& entry : kMethodNames)
        out.push_back(entry.second);
    for (const auto& entry : kVerdictNames)
        out.push_back(entry.second);
    out.insert(out.end(), {kSummaryInferred, kSummaryGiven, kNormalised, kRange});
    return out;
}

std::string shareText(double lo, double hi)
{
    const std::string a = formatFixed(lo, 4), b = formatFixed(hi, 4);
    return a == b ? a : "[" + a + ", " + b + "]";
}

std::string_view auditMethodName(AuditMethod m)
{
    return enumName(kMethodNames, m);
}

std::string_view verdictName(Verdict v)
{
    return enumName(kVerdictNames, v);
}

namespace
{

json boxJson(const BoxF& b)
{
    return json::array({b.x1, b.y1, b.x2, b.y2});
}

} // namespace

json auditcarry::objectsJson(const std::vector<AuditObject>& objects)
{
    json out = json::array();
    for (const AuditObject& o : objects) {
        json j{{"class", o.classIndex},
               {"status", o.status},
               {"cause", o.cause.empty() ? json(nullptr) : json(o.cause)},
               {"after_index", o.afterIndex ? json(*o.afterIndex) : json(nullptr)},
               {"after", o.after ? boxJson(*o.after) : json(nullptr)}};
        if (o.sourceElement) {
            j["source_element"] = *o.sourceElement;
            j["source_index"] = o.sourceIndex;
            j["before"] = boxJson(o.before);
            json expected = json::array();
            for (const BoxF& b : o.expected)
                expected.push_back(boxJson(b));
            j["expected"] = expected;
            j["visible"] = {o.visibleLo, o.visibleHi};
            j["weight"] = o.weight;
            json rules = json::object();
            for (const RuleVerdict& v : o.rules)
                rules[std::string(v.rule)] = {{"kept", v.kept}, {"reason", v.reason}};
            j["rules"] = rules;
        } else {
            j["source_element"] = nullptr;
        }
        if (o.unmovedElement)
            j["unmoved_from"] = {{"element", *o.unmovedElement}, {"index", o.unmovedIndex}};
        out.push_back(j);
    }
    return out;
}

json auditJson(const AuditReport& r, const AuditDump* dump)
{
    auto box = [](const Box& b) { return json{{"x1", b.x1}, {"y1", b.y1}, {"x2", b.x2}, {"y2", b.y2}}; };
    json elements = json::array();
    for (const ElementAudit& e : r.elements) {
        json j{{"index", e.index},
               {"partner", e.partner ? json(*e.partner) : json(nullptr)},
               {"method", auditMethodName(e.method)},
               {"share_own", {e.shareLo, e.shareHi}},
               {"target_own", e.targetOwn ? json(*e.targetOwn) : json(nullptr)},
               {"verdict", verdictName(e.verdict)},
               {"cause", e.cause.empty() ? json(nullptr) : json(e.cause)},
               {"explanation", explanationText(e)}};
        if (dump && std::size_t(e.index) < dump->names.size())
            j["name"] = dump->names[std::size_t(e.index)];
        if (e.candidates.size() > 1)
            j["candidates"] = e.candidates;
        if (e.region) {
            j["region"] = box(*e.region);
            j["region"]["rectangle"] = e.rectangle;
        }
        if (e.regionMax)
            j["region_max"] = box(*e.regionMax);
        if (!e.drawnLams.empty()) {
            json lams = json::array();
            for (const LamInterval& l : e.drawnLams)
                lams.push_back({l.lo, l.hi});
            j["drawn_lams"] = lams;
        }
        if (e.method == AuditMethod::MixUp) {
            j["arithmetic"] = e.arithmetic;
            j["residual_rms"] = e.residual;
        }
        if (e.method == AuditMethod::Unexplained)
            j["residual_rms"] = e.residual;
        if (e.labelPartner)
            j["label_partner"] = *e.labelPartner;
        if (e.lamOf)
            j["lam_of"] = *e.lamOf;
        if (r.summary.boxes)
            j["objects"] = auditcarry::objectsJson(e.objects);
        elements.push_back(j);
    }
    const AuditSummary& s = r.summary;
    json out = {{"elements", elements},
                {"summary",
                 {{"elements", s.n},
                  {"agree", s.agree},
                  {"flagged", s.flagged},
                  {"unexplained", s.unexplained},
                  {"partner_rule", std::string(s.partnerRule)},
                  {"smoothing", s.smoothing},
                  {"smoothing_inferred", s.smoothingInferred},
                  {"tolerance", s.tolerance},
                  {"lam_rule", lamRuleName(s.lamRule)},
                  {"dtype", dumpTypeName(s.type)}}}};
    if (s.boxes)
        out["summary"]["min_visibility"] = s.minVisibility;
    return out;
}

std::string auditJsonText(const json& j)
{
    // File and class names come from the user's files and may not be UTF-8.
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string auditSummaryLine(const AuditReport& r, const DescribeContext& context)
{
    const AuditSummary& s = r.summary;
    const Phrase line{s.smoothingInferred ? kSummaryInferred : kSummaryGiven,
                      {{"n", std::to_string(s.n)},
                       {"agree", std::to_string(s.agree)},
                       {"flagged", std::to_string(s.flagged)},
                       {"unexplained", std::to_string(s.unexplained)},
                       {"smoothing", formatFixed(s.smoothing, 4)},
                       {"tolerance", shortNumber(s.tolerance)},
                       {"lam_rule", std::string(lamRuleName(s.lamRule))}},
                      {{"partners", {Phrase{s.partnerRule}}}}};
    return phraseText(line, context);
}

std::string auditcarry::objectSummary(const std::vector<AuditObject>& objects, bool judged)
{
    int carried = 0, kept = 0, dropped = 0, boxes = 0, flagged = 0;
    for (const AuditObject& o : objects) {
        carried += o.sourceElement.has_value();
        kept += o.status == "kept";
        dropped += o.status == "dropped";
        boxes += o.afterIndex.has_value();
        flagged += o.status == "flagged";
    }
    if (!judged)
        return "objects: " + std::to_string(boxes) + " boxes after, not judged";
    return "objects: " + std::to_string(carried) + " carried (" + std::to_string(kept) + " kept, " +
           std::to_string(dropped) + " dropped), " + std::to_string(boxes) + " boxes after, " +
           std::to_string(flagged) + " flagged";
}

std::string auditTable(const AuditReport& r)
{
    std::ostringstream out;
    out << "index  partner  method       share own          target own  verdict      cause\n";
    auto pad = [](std::string s, std::size_t w) {
        return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' ');
    };
    for (const ElementAudit& e : r.elements) {
        const std::string share = shareText(e.shareLo, e.shareHi);
        out << pad(std::to_string(e.index), 7) << pad(e.partner ? std::to_string(*e.partner) : "-", 9)
            << pad(std::string(auditMethodName(e.method)), 13) << pad(share, 19)
            << pad(e.targetOwn ? formatFixed(*e.targetOwn, 4) : "-", 12) << pad(std::string(verdictName(e.verdict)), 13)
            << (e.cause.empty() ? "-" : e.cause) << '\n';
        if (e.verdict != Verdict::Agree)
            out << "       " << explanationText(e) << '\n';
        if (r.summary.boxes)
            out << "       " << auditcarry::objectSummary(e.objects, e.method != AuditMethod::Unexplained) << '\n';
    }
    out << auditSummaryLine(r) << '\n';
    return out.str();
}

DisplayMapping displayMapping(const AuditDump& d)
{
    DisplayMapping m;
    const int channels = d.before.empty() ? 1 : d.before.front().channels();
    m.scale.assign(std::size_t(channels), 1.0);
    m.offset.assign(std::size_t(channels), 0.0);
    m.rgb = isFloatType(d.type);
    if (!isFloatType(d.type)) {
        if (d.type == DumpType::U16)
            std::fill(m.scale.begin(), m.scale.end(), 255.0 / 65535.0);
        return m;
    }
    if (!d.mean.empty() && !d.stdev.empty()) {
        // value * std + mean in [0, 1], to [0, 255].
        for (int c = 0; c < channels; ++c) {
            const double mean = d.mean[d.mean.size() == 1 ? 0 : std::size_t(c)];
            const double sd = d.stdev[d.stdev.size() == 1 ? 0 : std::size_t(c)];
            m.scale[std::size_t(c)] = 255.0 * sd;
            m.offset[std::size_t(c)] = 255.0 * mean;
        }
        m.note = {{kNormalised, {{"dtype", std::string(dumpTypeName(d.type))}}}};
        return m;
    }
    double lo = 0, hi = 0;
    bool first = true;
    for (const auto* side : {&d.before, &d.after})
        for (const cv::Mat& img : *side) {
            double a = 0, b = 0;
            cv::minMaxLoc(img.reshape(1), &a, &b);
            lo = first ? a : std::min(lo, a);
            hi = first ? b : std::max(hi, b);
            first = false;
        }
    const double range = hi > lo ? hi - lo : 1.0;
    std::fill(m.scale.begin(), m.scale.end(), 255.0 / range);
    std::fill(m.offset.begin(), m.offset.end(), -255.0 * lo / range);
    m.note = {{kRange,
               {{"dtype", std::string(dumpTypeName(d.type))}, {"lo", formatFixed(lo, 3)}, {"hi", formatFixed(hi, 3)}}}};
    return m;
}

cv::Mat displayImage(const cv::Mat& image, const DisplayMapping& mapping)
{
    std::vector<cv::Mat> planes;
    cv::split(image, planes);
    if (planes.size() == 2 || planes.size() > 4)
        planes.resize(planes.size() == 2 ? 1 : 3);
    for (std::size_t c = 0; c < planes.size(); ++c) {
        const double scale = c < mapping.scale.size() ? mapping.scale[c] : 1.0;
        const double offset = c < mapping.offset.size() ? mapping.offset[c] : 0.0;
        planes[c].convertTo(planes[c], CV_8U, scale, offset);
    }
    // NPY arrays hold RGB; the images of the project are BGR (OpenCV's order).
    if (mapping.rgb && planes.size() >= 3)
        std::swap(planes[0], planes[2]);
    cv::Mat out;
    cv::merge(planes, out);
    return out;
}

} // namespace cutmix
