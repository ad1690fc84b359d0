#include "format.h"

#include <cstdio>

namespace cutmix
{

std::string formatExact(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string formatFixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string formatPercent(double v, int decimals)
{
    return formatFixed(v * 100.0, decimals) + "\u202F%";
}

} // namespace cutmix
