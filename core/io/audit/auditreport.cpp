#include "audit.h"
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

} // namespace

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

json auditJson(const AuditReport& r)
{
    json elements = json::array();
    for (const ElementAudit& e : r.elements) {
        json j{{"index", e.index},
               {"partner", e.partner ? json(*e.partner) : json(nullptr)},
               {"method", auditMethodName(e.method)},
               {"share_own", {e.shareLo, e.shareHi}},
               {"target_own", e.targetOwn ? json(*e.targetOwn) : json(nullptr)},
               {"verdict", verdictName(e.verdict)},
               {"cause", e.cause.empty() ? json(nullptr) : json(e.cause)},
               {"explanation", e.explanation}};
        if (e.region)
            j["region"] = {{"x1", e.region->x1},
                           {"y1", e.region->y1},
                           {"x2", e.region->x2},
                           {"y2", e.region->y2},
                           {"rectangle", e.rectangle}};
        if (e.method == AuditMethod::MixUp || e.method == AuditMethod::Unexplained)
            j["residual_rms"] = e.residual;
        if (e.labelPartner)
            j["label_partner"] = *e.labelPartner;
        elements.push_back(j);
    }
    const AuditSummary& s = r.summary;
    return {{"elements", elements},
            {"summary",
             {{"elements", s.n},
              {"agree", s.agree},
              {"flagged", s.flagged},
              {"unexplained", s.unexplained},
              {"partner_rule", s.partnerRule},
              {"smoothing", s.smoothing},
              {"smoothing_inferred", s.smoothingInferred},
              {"tolerance", s.tolerance}}}};
}

std::string auditSummaryLine(const AuditReport& r)
{
    const AuditSummary& s = r.summary;
    std::ostringstream out;
    out << s.n << " elements: " << s.agree << " agree, " << s.flagged << " flagged, " << s.unexplained
        << " unexplained; partners " << s.partnerRule << "; smoothing " << formatFixed(s.smoothing, 4)
        << (s.smoothingInferred ? " (inferred)" : " (given)") << ", tolerance " << s.tolerance;
    return out.str();
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
            out << "       " << e.explanation << '\n';
    }
    out << auditSummaryLine(r) << '\n';
    return out.str();
}

} // namespace cutmix
