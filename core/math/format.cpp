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
    // A small negative number rounds to "-0.0000": zero has no sign.
    std::string s = buf;
    if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos)
        s.erase(0, 1);
    return s;
}

std::string formatPercent(double v, int decimals)
{
    return formatFixed(v * 100.0, decimals) + "\u202F%";
}

} // namespace cutmix
