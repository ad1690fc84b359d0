// How numbers are written, the same everywhere: exact doubles in records and
// CSV, and percentages in captions, charts and the read-out.
#pragma once

#include <string>

namespace cutmix
{

// 17 significant digits: reads back as the same double.
std::string formatExact(double v);
// v as a percentage with `decimals` decimals and a thin space: "7.82 %".
std::string formatPercent(double v, int decimals = 2);
// Fixed-point with `decimals` decimals: "0.7034".
std::string formatFixed(double v, int decimals);

} // namespace cutmix
