#include "describe.h"

#include "error.h"
#include "format.h"
#include "method.h"

#include <cmath>
#include <cstdio>

namespace cutmix
{

namespace
{

std::string shortNumber(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// A float32 with the 9 significant digits that identify it.
std::string exact32(float v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
    return buf;
}

} // namespace

std::map<std::string, std::string> formulaValues(const Draw& d)
{
    const Geometry& g = d.geometry;
    const Box& b = g.box;
    const Box& u = g.unclipped;
    const int W = d.size.width, H = d.size.height;
    auto n = [](long long v) { return std::to_string(v); };
    std::map<std::string, std::string> v{
        {"W", n(W)},
        {"H", n(H)},
        {"WH", n(d.size.area())},
        {"alpha", formatFixed(d.params.alpha, 3)},
        {"lam", formatFixed(d.lamSampled, 6)},
        {"root", formatFixed(std::sqrt(1.0 - d.lamSampled), 5)},
        {"cut_w", n(g.cut.width)},
        {"cut_h", n(g.cut.height)},
        {"cut_area", n(g.cut.area())},
        {"half_w", shortNumber(g.cut.width / 2.0)},
        {"half_h", shortNumber(g.cut.height / 2.0)},
        {"ux", formatFixed(d.inputs.u[0], 4)},
        {"uy", formatFixed(d.inputs.u[1], 4)},
        {"span_x", n(W - g.cut.width - 1)},
        {"span_y", n(H - g.cut.height - 1)},
        {"x1", n(b.x1)},
        {"y1", n(b.y1)},
        {"x2", n(b.x2)},
        {"y2", n(b.y2)},
        {"ux1", n(u.x1)},
        {"uy1", n(u.y1)},
        {"ux2", n(u.x2)},
        {"uy2", n(u.y2)},
        {"area", n(b.area())},
        {"lam_adj", formatFixed(d.lamAdj, 6)},
        {"weight", formatFixed(d.lam, 6)},
        {"name", std::string(d.method().name)},
        {"lam32", exact32(static_cast<float>(d.lamSampled))},
        {"root32", exact32(std::sqrt(1.0f - static_cast<float>(d.lamSampled)))},
        {"ux32", exact32(float32Below(d.inputs.u[0]))},
        {"uy32", exact32(float32Below(d.inputs.u[1]))},
        // The short forms of the summary line.
        {"box", boxText(b)},
        {"lam4", formatFixed(d.lamSampled, 4)},
        {"lam_adj4", formatFixed(d.lamAdj, 4)},
        {"weight4", formatFixed(d.lam, 4)},
        {"sources", n(d.sources)},
    };
    if (d.method().values)
        d.method().values(d, v);
    // Every parameter by its key (a range as key_lo and key_hi), as %g.
    for (const ParamSpec& spec : paramSpecs()) {
        const ParamValue pv = paramValue(d.params, spec.setting);
        const std::string key(spec.key());
        if (spec.kind == ParamKind::Range) {
            v[key + "_lo"] = shortNumber(pv.a);
            v[key + "_hi"] = shortNumber(pv.b);
        } else if (!v.count(key)) {
            v[key] = valueText(spec, pv);
        }
    }
    v["cx"] = g.center ? n(g.center->x) : "–";
    v["cy"] = g.center ? n(g.center->y) : "–";
    return v;
}

std::string fillTemplate(std::string_view text, const std::map<std::string, std::string>& values)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{') {
            out += text[i];
            continue;
        }
        const std::size_t end = text.find('}', i);
        if (end == std::string_view::npos)
            throw Error("formula template without a closing brace: " + std::string(text));
        const std::string key(text.substr(i + 1, end - i - 1));
        const auto it = values.find(key);
        if (it == values.end())
            throw Error("formula template names an unknown value {" + key + "}: " + std::string(text));
        out += it->second;
        i = end;
    }
    return out;
}

namespace
{

std::string sizeLine(const Draw& d, const std::map<std::string, std::string>& values)
{
    std::string note;
    if (d.sizeA != d.sizeB && d.sources > 1)
        note = d.params.resize == ResizePolicy::ResizeB
                   ? "  (B resized from " + std::to_string(d.sizeB.width) + " × " + std::to_string(d.sizeB.height) + ")"
                   : "  (centre-cropped; A was " + std::to_string(d.sizeA.width) + " × " +
                         std::to_string(d.sizeA.height) + ", B " + std::to_string(d.sizeB.width) + " × " +
                         std::to_string(d.sizeB.height) + ")";
    return fillTemplate("W × H = {W} × {H}", values) + note;
}

std::string lamLine(const Draw& d, const std::map<std::string, std::string>& values)
{
    if (d.inputs.heldU)
        return "λ = Beta⁻¹(u = " + formatFixed(*d.inputs.heldU, 4) + "; α = " + values.at("alpha") +
               ") = " + values.at("lam") + "   (held)";
    return fillTemplate("λ ~ Beta(α, α), α = {alpha}:  λ = {lam}", values);
}

// Multi-source CutMix: each further source's box and every source's share.
void sourceLines(const Draw& d, std::vector<std::string>& lines)
{
    for (std::size_t j = 0; j < d.extra.size(); ++j) {
        const SourceBox& s = d.extra[j];
        lines.push_back("source " + std::to_string(j + 3) + ": λ = " + formatFixed(s.lamSampled, 6) + ", box " +
                        boxText(s.geometry.box) + ", pasted over the earlier ones");
    }
    std::string shares = "visible shares (from the final source map):";
    for (std::size_t k = 0; k < d.weights.size(); ++k)
        shares += (k == 0   ? " A "
                   : k == 1 ? ", B "
                            : ", source " + std::to_string(k + 1) + " ") +
                  formatFixed(d.weights[k], 6);
    lines.push_back(shares);
}

} // namespace

std::string boxText(const Box& b)
{
    std::string text = "[";
    text += std::to_string(b.x1) + ", " + std::to_string(b.x2) + ") × [" + std::to_string(b.y1) + ", " +
            std::to_string(b.y2) + ")";
    return text;
}

std::vector<std::string> formulaLines(const Draw& d, const DescribeContext& context)
{
    const auto values = formulaValues(d);
    auto fill = [&](std::string_view t) { return fillTemplate(t, values); };
    const Method& m = *d.params.method;
    const Box& b = d.geometry.box;
    const Box& u = d.geometry.unclipped;
    std::vector<std::string> lines{sizeLine(d, values), "seed " + std::to_string(d.params.seed) + ", index " +
                                                            std::to_string(d.params.index)};
    if (m.drawn == Drawn::BetaLam)
        lines.push_back(lamLine(d, values));
    for (std::string_view line : m.formula)
        lines.push_back(fill(line));
    if (m.region == Region::Box) {
        lines.push_back(fill("box = [{x1}, {x2}) × [{y1}, {y2}) = ") + std::to_string(b.width()) + " × " +
                        std::to_string(b.height()) + fill(" = {area} px"));
        if (u != b)
            lines.push_back(
                fill("clipped: the unclipped box [{ux1}, {ux2}) × [{uy1}, {uy2}) reaches outside the image"));
        if (d.extra.empty())
            lines.push_back(fill("λ_adj = 1 − area/(W·H) = 1 − {area}/{WH} = {lam_adj}"));
    }
    if (!d.extra.empty())
        sourceLines(d, lines);
    const std::string_view weight = d.correctLam ? m.weightCorrected : m.weightRaw;
    const std::string who = m.isConvention() && d.extra.empty() ? std::string(m.name) : std::string(m.family);
    std::string weightLine = "weight of A (" + who + ") = " + (d.extra.empty() ? fill(weight) : "A's visible share") +
                             " = " + formatExact(d.lam);
    if (d.extra.empty() && d.correctLam != m.correctsByDefault)
        weightLine += "   (set by hand; " + std::string(m.name) + " reports " +
                      fill(m.correctsByDefault ? m.weightCorrected : m.weightRaw) + " by default)";
    lines.push_back(weightLine);
    for (const std::string& note : drawNotes(d, context))
        lines.push_back("⚠ " + note);
    return lines;
}

std::vector<std::string> summaryParts(const Draw& d)
{
    const auto values = formulaValues(d);
    std::vector<std::string> parts;
    const Method& m = d.method();
    for (std::string_view t : d.extra.empty() || m.summaryMulti.empty() ? m.summary : m.summaryMulti)
        parts.push_back(fillTemplate(t, values));
    return parts;
}

std::vector<std::string> drawNotes(const Draw& d, const DescribeContext& context)
{
    const Method& m = *d.params.method;
    std::vector<std::string> notes;
    if (m.quirkApplies && m.quirkApplies(d.geometry))
        notes.push_back(fillTemplate(m.quirk, formulaValues(d)));
    if (std::abs(d.lam - d.lamAdj) > 1e-12 && m.drawn != Drawn::Nothing)
        notes.push_back(
            "the reported weight differs from the true pixel share λ_adj by " +
            (std::abs(d.lam - d.lamAdj) >= 5e-7 ? formatFixed(d.lam - d.lamAdj, 6) : shortNumber(d.lam - d.lamAdj)));
    if (context.selfMix && d.sources > 1)
        notes.push_back("A and B are the same image: it is mixed with itself");
    return notes;
}

} // namespace cutmix
