// The CutMix box as a pure function of its random inputs, for each library
// convention the tool can imitate (see the reference's convention table).
// Ranges are half-open: columns [x1, x2), rows [y1, y2).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

enum class Convention { Official, OfficialRaw, KerasCv, Kornia, TimmMinMax };

std::string_view conventionName(Convention c);
// Throws cutmix::Error naming the accepted names.
Convention parseConvention(std::string_view name);
const std::vector<Convention>& allConventions();
// Whether the box is placed around a sampled centre (else from a start corner).
bool hasCenter(Convention c);
// Whether the library has a switch between the raw and the corrected weight,
// and what it does by default.
bool hasCorrectionSwitch(Convention c);
bool correctsByDefault(Convention c);

struct Size {
    int width = 0;
    int height = 0;
    friend bool operator==(const Size&, const Size&) = default;
};

struct Point {
    int x = 0;
    int y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

struct Box {
    int x1 = 0;
    int y1 = 0;
    int x2 = 0;
    int y2 = 0;
    int width() const { return x2 - x1; }
    int height() const { return y2 - y1; }
    long long area() const { return static_cast<long long>(width()) * height(); }
    bool contains(int x, int y) const { return x >= x1 && x < x2 && y >= y1 && y < y2; }
    friend bool operator==(const Box&, const Box&) = default;
};

struct Geometry {
    Box box;                     // clipped to the image: the pixels taken from B
    Box unclipped;               // before clipping; may reach outside the image
    Size cut;                    // the cut side lengths the convention computed
    std::optional<Point> center; // for centre-based conventions
};

struct MinMax {
    double lo = 0.2;
    double hi = 0.8;
};

// Throws cutmix::Error unless 0 <= lam <= 1.
void checkLam(double lam);
// Throws cutmix::Error unless both sides are >= 1.
void checkSize(Size size);
// Throws cutmix::Error unless 0 <= lo < hi <= 1.
void checkMinMax(MinMax m);

// floor(u * n) for u in [0, 1): a uniform integer in [0, n); 0 when n <= 0.
int uniformIndex(double u, int n);

// official / official-raw (timm rand_bbox, torchvision v2): cut = int(side *
// sqrt(1 - lam)), box [c - cut // 2, c + cut // 2) clipped to the image.
Geometry officialBox(Size size, double lam, Point center);
// keras-cv: same cut, but the mask test c - cut/2 <= idx < c + cut/2 uses
// float halves, so an odd cut keeps its pixel.
Geometry kerasCvBox(Size size, double lam, Point center);
// kornia RandomCutMixV2: cut = floor(sqrt(1 - lam) * side), start =
// floor(u * (side - cut - 1)), kept inside the image (kornia itself would
// start at -1 when the cut fills the side).
Size korniaCut(Size size, double lam);
Point korniaStart(Size size, Size cut, double ux, double uy);
Geometry korniaBox(Size size, double lam, double ux, double uy);
// timm cutmix_minmax: cut = randint(int(side * lo), int(side * hi)), start =
// randint(0, side - cut), both upper bounds exclusive. An empty range (numpy
// would raise) takes its lower bound.
Size minmaxCut(Size size, MinMax m, double uw, double uh);
Point minmaxStart(Size size, Size cut, double ux, double uy);
// A box of the given cut at the given top-left corner; throws cutmix::Error
// unless it lies inside the image (kornia and timm-minmax never clip).
Geometry placedBox(Size size, Size cut, Point start);

// 1 - area / (W * H): the share of A's pixels left in the result.
double lamAdjusted(Size size, const Box& box);
// The weight of A's label as the convention reports it.
double reportedWeight(Convention c, bool correct, double lam, const Geometry& g, Size size);

} // namespace cutmix
