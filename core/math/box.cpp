#include "box.h"

#include "error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cutmix
{

void checkLam(double lam)
{
    if (!(lam >= 0.0 && lam <= 1.0)) {
        std::ostringstream s;
        s << "lam must be between 0 and 1 (got " << lam << ")";
        throw Error(s.str(), Setting::Lam);
    }
}

void checkSize(Size size)
{
    if (size.width < 1 || size.height < 1) {
        std::ostringstream s;
        s << "image size must be at least 1x1 (got " << size.width << "x" << size.height << ")";
        throw Error(s.str(), Setting::Size);
    }
}

std::vector<Box> boxMinus(const Box& a, const Box& b)
{
    if (a.area() <= 0)
        return {};
    const Box i{std::max(a.x1, b.x1), std::max(a.y1, b.y1), std::min(a.x2, b.x2), std::min(a.y2, b.y2)};
    if (i.x1 >= i.x2 || i.y1 >= i.y2)
        return {a};
    std::vector<Box> out;
    if (a.y1 < i.y1)
        out.push_back({a.x1, a.y1, a.x2, i.y1}); // above
    if (i.y2 < a.y2)
        out.push_back({a.x1, i.y2, a.x2, a.y2}); // below
    if (a.x1 < i.x1)
        out.push_back({a.x1, i.y1, i.x1, i.y2}); // left, beside the overlap
    if (i.x2 < a.x2)
        out.push_back({i.x2, i.y1, a.x2, i.y2}); // right
    return out;
}

void checkMinMax(MinMax m)
{
    if (!(m.lo >= 0.0 && m.lo < m.hi && m.hi <= 1.0)) {
        std::ostringstream s;
        s << "the cut range needs 0 <= lo < hi <= 1 (got " << m.lo << "," << m.hi << ")";
        throw Error(s.str(), Setting::MinMax);
    }
}

float float32Below(double u)
{
    float f = static_cast<float>(u);
    if (static_cast<double>(f) > u)
        f = std::nextafter(f, 0.0f);
    return f;
}

int uniformIndex(double u, int n)
{
    if (n <= 0)
        return 0;
    return std::min(static_cast<int>(std::floor(u * n)), n - 1);
}

Box clippedTo(const Box& b, Size s)
{
    return {std::clamp(b.x1, 0, s.width), std::clamp(b.y1, 0, s.height), std::clamp(b.x2, 0, s.width),
            std::clamp(b.y2, 0, s.height)};
}

Geometry placedBox(Size size, Size cut, Point start)
{
    checkSize(size);
    const Box b{start.x, start.y, start.x + cut.width, start.y + cut.height};
    if (cut.width < 0 || cut.height < 0 || clippedTo(b, size) != b)
        throw Error("the box (" + std::to_string(b.x1) + "," + std::to_string(b.y1) + ")-(" + std::to_string(b.x2) +
                    "," + std::to_string(b.y2) + ") does not lie inside the " + std::to_string(size.width) + "x" +
                    std::to_string(size.height) + " image");
    return {b, b, cut, std::nullopt};
}

std::vector<long long> visibleCounts(Size size, const std::vector<Box>& boxes)
{
    // The boxes' edges cut the image into at most (2k + 1)^2 cells; each cell
    // shows the last box that covers it.
    std::vector<int> xs{0, size.width}, ys{0, size.height};
    std::vector<Box> inside;
    for (const Box& b : boxes) {
        inside.push_back(clippedTo(b, size));
        xs.insert(xs.end(), {inside.back().x1, inside.back().x2});
        ys.insert(ys.end(), {inside.back().y1, inside.back().y2});
    }
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    std::sort(ys.begin(), ys.end());
    ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
    std::vector<long long> counts(boxes.size() + 1, 0);
    for (std::size_t i = 0; i + 1 < xs.size(); ++i)
        for (std::size_t j = 0; j + 1 < ys.size(); ++j) {
            std::size_t top = 0;
            for (std::size_t k = 0; k < inside.size(); ++k)
                if (inside[k].contains(xs[i], ys[j]))
                    top = k + 1;
            counts[top] += static_cast<long long>(xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
        }
    return counts;
}

double lamAdjusted(Size size, const Box& box)
{
    return 1.0 - static_cast<double>(box.area()) / (static_cast<double>(size.width) * static_cast<double>(size.height));
}

} // namespace cutmix
