#include "box.h"

#include "error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cutmix
{

namespace
{

struct ConventionInfo {
    Convention convention;
    std::string_view name;
    bool centre;
    bool hasSwitch;
    bool correctDefault;
};

constexpr ConventionInfo kConventions[] = {
    {Convention::Official, "official", true, true, true},
    {Convention::OfficialRaw, "official-raw", true, true, false},
    {Convention::KerasCv, "keras-cv", true, false, false},
    {Convention::Kornia, "kornia", false, true, false},
    {Convention::TimmMinMax, "timm-minmax", false, false, true},
};

const ConventionInfo& info(Convention c)
{
    for (const auto& i : kConventions)
        if (i.convention == c)
            return i;
    throw Error("unknown convention");
}

int clip(int v, int lo, int hi)
{
    return std::clamp(v, lo, hi);
}

Box clipped(const Box& b, Size s)
{
    return {clip(b.x1, 0, s.width), clip(b.y1, 0, s.height), clip(b.x2, 0, s.width), clip(b.y2, 0, s.height)};
}

// int(side * sqrt(1 - lam)) in double precision, as the official code does.
int officialCut(int side, double lam)
{
    return static_cast<int>(side * std::sqrt(1.0 - lam));
}

} // namespace

std::string_view conventionName(Convention c)
{
    return info(c).name;
}

Convention parseConvention(std::string_view name)
{
    std::string names;
    for (const auto& i : kConventions) {
        if (i.name == name)
            return i.convention;
        names += (names.empty() ? "" : ", ") + std::string(i.name);
    }
    throw Error("unknown convention '" + std::string(name) + "' (expected one of: " + names + ")");
}

const std::vector<Convention>& allConventions()
{
    static const std::vector<Convention> all = [] {
        std::vector<Convention> v;
        for (const auto& i : kConventions)
            v.push_back(i.convention);
        return v;
    }();
    return all;
}

bool hasCenter(Convention c)
{
    return info(c).centre;
}
bool hasCorrectionSwitch(Convention c)
{
    return info(c).hasSwitch;
}
bool correctsByDefault(Convention c)
{
    return info(c).correctDefault;
}

void checkLam(double lam)
{
    if (!(lam >= 0.0 && lam <= 1.0)) {
        std::ostringstream s;
        s << "lam must be between 0 and 1 (got " << lam << ")";
        throw Error(s.str());
    }
}

void checkSize(Size size)
{
    if (size.width < 1 || size.height < 1) {
        std::ostringstream s;
        s << "image size must be at least 1x1 (got " << size.width << "x" << size.height << ")";
        throw Error(s.str());
    }
}

void checkMinMax(MinMax m)
{
    if (!(m.lo >= 0.0 && m.lo < m.hi && m.hi <= 1.0)) {
        std::ostringstream s;
        s << "minmax needs 0 <= lo < hi <= 1 (got " << m.lo << "," << m.hi << ")";
        throw Error(s.str());
    }
}

int uniformIndex(double u, int n)
{
    if (n <= 0)
        return 0;
    return std::min(static_cast<int>(std::floor(u * n)), n - 1);
}

Geometry officialBox(Size size, double lam, Point c)
{
    checkSize(size);
    checkLam(lam);
    const int cutW = officialCut(size.width, lam);
    const int cutH = officialCut(size.height, lam);
    const Box raw{c.x - cutW / 2, c.y - cutH / 2, c.x + cutW / 2, c.y + cutH / 2};
    return {clipped(raw, size), raw, {cutW, cutH}, c};
}

Geometry kerasCvBox(Size size, double lam, Point c)
{
    checkSize(size);
    checkLam(lam);
    const int cutW = officialCut(size.width, lam);
    const int cutH = officialCut(size.height, lam);
    // The first integer idx >= c - cut/2 starts the range; the first integer
    // idx >= c + cut/2 ends it (half-open).
    auto firstAtLeast = [](double v) { return static_cast<int>(std::ceil(v)); };
    const Box raw{firstAtLeast(c.x - cutW / 2.0), firstAtLeast(c.y - cutH / 2.0), firstAtLeast(c.x + cutW / 2.0),
                  firstAtLeast(c.y + cutH / 2.0)};
    return {clipped(raw, size), raw, {cutW, cutH}, c};
}

Size korniaCut(Size size, double lam)
{
    checkSize(size);
    checkLam(lam);
    auto side = [lam](int s) { return static_cast<int>(std::floor(std::sqrt(1.0 - lam) * s)); };
    return {side(size.width), side(size.height)};
}

Point korniaStart(Size size, Size cut, double ux, double uy)
{
    auto start = [](double u, int s, int c) {
        return std::clamp(static_cast<int>(std::floor(u * (s - c - 1))), 0, std::max(0, s - c));
    };
    return {start(ux, size.width, cut.width), start(uy, size.height, cut.height)};
}

Geometry korniaBox(Size size, double lam, double ux, double uy)
{
    const Size cut = korniaCut(size, lam);
    return placedBox(size, cut, korniaStart(size, cut, ux, uy));
}

Size minmaxCut(Size size, MinMax m, double uw, double uh)
{
    checkSize(size);
    checkMinMax(m);
    auto randint = [](double u, int lo, int hi) { return hi > lo ? lo + uniformIndex(u, hi - lo) : lo; };
    auto cut = [&](double u, int s) { return randint(u, static_cast<int>(s * m.lo), static_cast<int>(s * m.hi)); };
    return {cut(uw, size.width), cut(uh, size.height)};
}

Point minmaxStart(Size size, Size cut, double ux, double uy)
{
    return {uniformIndex(ux, size.width - cut.width), uniformIndex(uy, size.height - cut.height)};
}

Geometry placedBox(Size size, Size cut, Point start)
{
    checkSize(size);
    const Box b{start.x, start.y, start.x + cut.width, start.y + cut.height};
    if (cut.width < 0 || cut.height < 0 || clipped(b, size) != b)
        throw Error("the box (" + std::to_string(b.x1) + "," + std::to_string(b.y1) + ")-(" + std::to_string(b.x2) +
                    "," + std::to_string(b.y2) + ") does not lie inside the " + std::to_string(size.width) + "x" +
                    std::to_string(size.height) + " image");
    return {b, b, cut, std::nullopt};
}

double lamAdjusted(Size size, const Box& box)
{
    return 1.0 - static_cast<double>(box.area()) / (static_cast<double>(size.width) * static_cast<double>(size.height));
}

double reportedWeight(Convention c, bool correct, double lam, const Geometry& g, Size size)
{
    const double adj = lamAdjusted(size, g.box);
    switch (c) {
    case Convention::Official:
    case Convention::OfficialRaw:
        return correct ? adj : lam;
    case Convention::KerasCv:
        // keras-cv weights by the unclipped cut, wrong whenever the box is clipped.
        return 1.0 - static_cast<double>(g.cut.width) * g.cut.height / (static_cast<double>(size.width) * size.height);
    case Convention::Kornia:
        // kornia's legacy weight is the pasted area fraction: B's weight, inverted.
        return correct ? adj : 1.0 - adj;
    case Convention::TimmMinMax:
        return adj;
    }
    return adj;
}

} // namespace cutmix
