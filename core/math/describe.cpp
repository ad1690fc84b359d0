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

// √(1−λ) with 5 decimals, or as many more as it takes for side · (the
// number shown) to truncate to the cut the draw made: 451 · 0.999998 is
// 450.9991, cut 450, which "451 · 1.00000" would contradict.
std::string rootText(double root, Size s)
{
    for (int decimals = 5;; ++decimals) {
        const double scale = std::pow(10.0, decimals);
        const double shown = std::round(root * scale) / scale;
        if (decimals >= 17 || (static_cast<int>(s.width * shown) == static_cast<int>(s.width * root) &&
                               static_cast<int>(s.height * shown) == static_cast<int>(s.height * root)))
            return formatFixed(root, decimals);
    }
}

// The product before it is truncated, its decimals cut rather than rounded
// (450.99991 shows as 450.9999, never 451.0000), so its integer part is the cut.
std::string productText(double product)
{
    return formatFixed(std::floor(product * 1e4) / 1e4, 4);
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
        {"root", rootText(std::sqrt(1.0 - d.lamSampled), d.size)},
        {"product_w", productText(W * std::sqrt(1.0 - d.lamSampled))},
        {"product_h", productText(H * std::sqrt(1.0 - d.lamSampled))},
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

std::string phraseText(const Phrase& p, const DescribeContext& context)
{
    if (p.parts.empty())
        return fillTemplate(context.text(p.text), p.values);
    std::map<std::string, std::string> values = p.values;
    for (const auto& [key, phrases] : p.parts)
        values[key] = phraseText(phrases, context);
    return fillTemplate(context.text(p.text), values);
}

std::string phraseText(const std::vector<Phrase>& phrases, const DescribeContext& context)
{
    std::string out;
    for (const Phrase& p : phrases)
        out += phraseText(p, context);
    return out;
}

namespace
{

// The templates of the lines every draw shares; describePhrases() lists them.
constexpr std::string_view kSize = "W × H = {W} × {H}";
constexpr std::string_view kResized = "  (B resized from {wB} × {hB})";
constexpr std::string_view kCropped = "  (centre-cropped; A was {wA} × {hA}, B {wB} × {hB})";
constexpr std::string_view kSeed = "seed {seed_n}, index {index_n}";
constexpr std::string_view kLamHeld = "λ = Beta⁻¹(u = {u_held}; α = {alpha}) = {lam}   (held)";
constexpr std::string_view kLam = "λ ~ Beta(α, α), α = {alpha}:  λ = {lam}";
constexpr std::string_view kSourceBox = "source {k}: λ = {lam_k}, box {box_k}, pasted over the earlier ones";
constexpr std::string_view kShares = "visible shares (from the final source map):";
constexpr std::string_view kSource = "source {k}";
constexpr std::string_view kBox = "box = [{x1}, {x2}) × [{y1}, {y2}) = {box_w} × {box_h} = {area} px";
constexpr std::string_view kClipped =
    "clipped: the unclipped box [{ux1}, {ux2}) × [{uy1}, {uy2}) reaches outside the image";
constexpr std::string_view kLamAdj = "λ_adj = 1 − area/(W·H) = 1 − {area}/{WH} = {lam_adj}";
constexpr std::string_view kWeight = "weight of A ({who}) = {weight_formula} = {weight_exact}";
constexpr std::string_view kVisibleShare = "A's visible share";
constexpr std::string_view kByHand = "   (set by hand; {name} reports {default_weight} by default)";
constexpr std::string_view kDiffers = "the reported weight differs from the true pixel share λ_adj by {diff}";
constexpr std::string_view kSelfMix = "A and B are the same image: it is mixed with itself";
constexpr std::string_view kPhrases[] = {kSize,      kResized,      kCropped, kSeed,    kLamHeld, kLam,
                                         kSourceBox, kShares,       kSource,  kBox,     kClipped, kLamAdj,
                                         kWeight,    kVisibleShare, kByHand,  kDiffers, kSelfMix};

std::string sizeLine(const Draw& d, std::map<std::string, std::string> values, const DescribeContext& c)
{
    std::string note;
    values["wA"] = std::to_string(d.sizeA.width);
    values["hA"] = std::to_string(d.sizeA.height);
    values["wB"] = std::to_string(d.sizeB.width);
    values["hB"] = std::to_string(d.sizeB.height);
    // (Mosaic brings each image to a tile of its own: its lines say how.)
    if (d.sizeA != d.sizeB && d.sources > 1 && !d.method().sourceSize)
        note = fillTemplate(c.text(d.params.resize == ResizePolicy::ResizeB ? kResized : kCropped), values);
    return fillTemplate(c.text(kSize), values) + note;
}

std::string lamLine(const Draw& d, std::map<std::string, std::string> values, const DescribeContext& c)
{
    if (d.inputs.heldU) {
        values["u_held"] = formatFixed(*d.inputs.heldU, 4);
        return fillTemplate(c.text(kLamHeld), values);
    }
    return fillTemplate(c.text(kLam), values);
}

// Multi-source CutMix: each further source's box and every source's share.
void sourceLines(const Draw& d, std::vector<std::string>& lines, const DescribeContext& c)
{
    for (std::size_t j = 0; j < d.extra.size(); ++j) {
        const SourceBox& s = d.extra[j];
        lines.push_back(fillTemplate(c.text(kSourceBox), {{"k", std::to_string(j + 3)},
                                                          {"lam_k", formatFixed(s.lamSampled, 6)},
                                                          {"box_k", boxText(s.geometry.box)}}));
    }
    std::string shares = c.text(kShares);
    for (std::size_t k = 0; k < d.weights.size(); ++k)
        shares += (k == 0 ? " " : ", ") +
                  (k == 0   ? std::string("A")
                   : k == 1 ? std::string("B")
                            : fillTemplate(c.text(kSource), {{"k", std::to_string(k + 1)}})) +
                  " " + formatFixed(d.weights[k], 6);
    lines.push_back(shares);
}

} // namespace

std::span<const std::string_view> describePhrases()
{
    return kPhrases;
}

std::string boxText(const Box& b)
{
    std::string text = "[";
    text += std::to_string(b.x1) + ", " + std::to_string(b.x2) + ") × [" + std::to_string(b.y1) + ", " +
            std::to_string(b.y2) + ")";
    return text;
}

std::vector<std::string> formulaLines(const Draw& d, const DescribeContext& context)
{
    auto values = formulaValues(d);
    auto fill = [&](std::string_view t) { return fillTemplate(context.text(t), values); };
    const Method& m = *d.params.method;
    const Box& b = d.geometry.box;
    const Box& u = d.geometry.unclipped;
    values["seed_n"] = std::to_string(d.params.seed);
    values["index_n"] = std::to_string(d.params.index);
    values["box_w"] = std::to_string(b.width());
    values["box_h"] = std::to_string(b.height());
    std::vector<std::string> lines{sizeLine(d, values, context), fill(kSeed)};
    if (m.drawn == Drawn::BetaLam)
        lines.push_back(lamLine(d, values, context));
    for (std::string_view line : m.formula)
        lines.push_back(fill(line));
    if (m.region == Region::Box) {
        lines.push_back(fill(kBox));
        if (u != b)
            lines.push_back(fill(kClipped));
        if (d.extra.empty())
            lines.push_back(fill(kLamAdj));
    }
    if (!d.extra.empty())
        sourceLines(d, lines, context);
    const std::string_view weight = d.correctLam ? m.weightCorrected : m.weightRaw;
    values["who"] = m.isConvention() && d.extra.empty() ? std::string(m.name) : std::string(m.family);
    values["weight_formula"] = d.extra.empty() ? fill(weight) : context.text(kVisibleShare);
    values["weight_exact"] = formatExact(d.lam);
    std::string weightLine = fill(kWeight);
    if (d.extra.empty() && d.correctLam != m.correctsByDefault) {
        values["name"] = std::string(m.name);
        values["default_weight"] = fill(m.correctsByDefault ? m.weightCorrected : m.weightRaw);
        weightLine += fill(kByHand);
    }
    lines.push_back(weightLine);
    for (const std::string& note : drawNotes(d, context))
        lines.push_back("⚠ " + note);
    return lines;
}

std::vector<std::string> summaryParts(const Draw& d, const DescribeContext& context)
{
    const auto values = formulaValues(d);
    std::vector<std::string> parts;
    const Method& m = d.method();
    for (std::string_view t : d.extra.empty() || m.summaryMulti.empty() ? m.summary : m.summaryMulti)
        parts.push_back(fillTemplate(context.text(t), values));
    return parts;
}

std::vector<std::string> drawNotes(const Draw& d, const DescribeContext& context)
{
    const Method& m = *d.params.method;
    std::vector<std::string> notes;
    if (m.quirkApplies && m.quirkApplies(d.geometry))
        notes.push_back(fillTemplate(context.text(m.quirk), formulaValues(d)));
    if (std::abs(d.lam - d.lamAdj) > 1e-12 && m.drawn != Drawn::Nothing)
        notes.push_back(fillTemplate(context.text(kDiffers),
                                     {{"diff", std::abs(d.lam - d.lamAdj) >= 5e-7 ? formatFixed(d.lam - d.lamAdj, 6)
                                                                                  : shortNumber(d.lam - d.lamAdj)}}));
    if (context.selfMix && d.sources > 1)
        notes.push_back(context.text(kSelfMix));
    return notes;
}

} // namespace cutmix
