// Pixel geometry shared by every mixing method: sizes, points and half-open
// boxes (columns [x1, x2), rows [y1, y2)), and the checks and small helpers
// that the registry's entries build their boxes from.
#pragma once

#include <optional>
#include <vector>

namespace cutmix
{

struct Size {
    int width = 0;
    int height = 0;
    long long area() const { return static_cast<long long>(width) * height; }
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

// timm's cutmix_minmax: the cut side as fractions of the image side.
struct MinMax {
    double lo = 0.2;
    double hi = 0.8;
};

// Throws cutmix::Error unless 0 <= lam <= 1.
void checkLam(double lam);
// Throws cutmix::Error unless both sides are >= 1.
void checkSize(Size size);
// The part of a outside b, as up to four boxes (none when b covers a).
std::vector<Box> boxMinus(const Box& a, const Box& b);
// Throws cutmix::Error unless 0 <= lo < hi <= 1.
void checkMinMax(MinMax m);

// The largest float32 not above u: a float32 uniform in [0, 1) as torch.rand
// draws it (rounding to nearest could give 1).
float float32Below(double u);

// floor(u * n) for u in [0, 1): a uniform integer in [0, n); 0 when n <= 0.
int uniformIndex(double u, int n);

// The box clipped to the image.
Box clippedTo(const Box& b, Size image);
// A box of the given cut at the given top-left corner; throws cutmix::Error
// unless it lies inside the image (conventions that never clip).
Geometry placedBox(Size size, Size cut, Point start);

// 1 - area / (W * H): the share of A's pixels left in the result.
double lamAdjusted(Size size, const Box& box);

// Boxes pasted in order onto an image (later over earlier): how many pixels
// each source shows at the end. Source 0 is the image under them; box k
// belongs to source k + 1. Exact, without painting a pixel.
std::vector<long long> visibleCounts(Size size, const std::vector<Box>& boxesInOrder);

} // namespace cutmix
