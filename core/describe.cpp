#include "describe.h"

#include "error.h"
#include "format.h"

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
        {"alpha", formatFixed(d.alpha, 3)},
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
        {"lo", shortNumber(d.minmax.lo)},
        {"hi", shortNumber(d.minmax.hi)},
        {"area", n(b.area())},
        {"lam_adj", formatFixed(d.lamAdj, 6)},
        {"weight", formatFixed(d.lam, 6)},
        {"name", std::string(d.method->name)},
        {"lam32", exact32(static_cast<float>(d.lamSampled))},
        {"root32", exact32(std::sqrt(1.0f - static_cast<float>(d.lamSampled)))},
        {"ux32", exact32(float32Below(d.inputs.u[0]))},
        {"uy32", exact32(float32Below(d.inputs.u[1]))},
    };
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

std::vector<std::string> formulaLines(const Draw& d, const DescribeContext& context)
{
    const auto values = formulaValues(d);
    auto fill = [&](std::string_view t) { return fillTemplate(t, values); };
    const Box& b = d.geometry.box;
    const Box& u = d.geometry.unclipped;
    std::vector<std::string> lines;
    std::string sizeNote;
    if (d.sizeA != d.sizeB)
        sizeNote = d.resize == ResizePolicy::ResizeB
                       ? "  (B resized from " + std::to_string(d.sizeB.width) + " × " +
                             std::to_string(d.sizeB.height) + ")"
                       : "  (both centre-cropped; A was " + std::to_string(d.sizeA.width) + " × " +
                             std::to_string(d.sizeA.height) + ", B " + std::to_string(d.sizeB.width) + " × " +
                             std::to_string(d.sizeB.height) + ")";
    lines.push_back(fill("W × H = {W} × {H}") + sizeNote);
    lines.push_back("seed " + std::to_string(d.seed) + ", index " + std::to_string(d.index));
    if (d.inputs.heldU)
        lines.push_back("λ = Beta⁻¹(u = " + formatFixed(*d.inputs.heldU, 4) + "; α = " + values.at("alpha") +
                        ") = " + values.at("lam") + "   (held)");
    else
        lines.push_back(fill("λ ~ Beta(α, α), α = {alpha}:  λ = {lam}"));
    for (std::string_view line : d.method->formula)
        lines.push_back(fill(line));
    lines.push_back(fill("box = [{x1}, {x2}) × [{y1}, {y2}) = ") + std::to_string(b.width()) + " × " +
                    std::to_string(b.height()) + fill(" = {area} px"));
    if (u != b)
        lines.push_back(fill("clipped: the unclipped box [{ux1}, {ux2}) × [{uy1}, {uy2}) reaches outside the image"));
    lines.push_back(fill("λ_adj = 1 − area/(W·H) = 1 − {area}/{WH} = {lam_adj}"));
    const std::string_view weight = d.correctLam ? d.method->weightCorrected : d.method->weightRaw;
    lines.push_back(fill("weight of A ({name}) = ") + fill(weight) + " = " + formatExact(d.lam));
    if (d.method->quirkApplies && d.method->quirkApplies(d.geometry))
        lines.push_back(fill(d.method->quirk));
    if (std::abs(d.lam - d.lamAdj) > 1e-12)
        lines.push_back("⚠ differs from the true pixel share λ_adj by " + formatFixed(d.lam - d.lamAdj, 6));
    if (context.selfMix)
        lines.push_back("⚠ A and B are the same image: it is mixed with itself");
    return lines;
}

} // namespace cutmix
