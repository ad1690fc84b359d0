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

double lamAdjusted(Size size, const Box& box)
{
    return 1.0 - static_cast<double>(box.area()) / (static_cast<double>(size.width) * static_cast<double>(size.height));
}

} // namespace cutmix
