#include "beta.h"

#include "error.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace cutmix
{

namespace
{

// Gamma(shape) for shape < 1 is Gamma(shape + 1) * U^(1/shape): its two logs,
// log Gamma(shape + 1) and log U, kept apart. The Gamma variate is drawn
// first and U after it (the order of the stream, fixed by these two
// statements rather than left to the compiler).
struct SmallShape {
    double logGamma1 = 0.0;
    double logU = 0.0;
    double value(double shape) const { return logGamma1 + logU / shape; }
};

SmallShape smallShape(double shape, Rng& rng)
{
    SmallShape s;
    s.logGamma1 = logGamma(shape + 1.0, rng);
    s.logU = std::log(rng.uniformOpen0());
    return s;
}

} // namespace

void checkAlpha(double alpha)
{
    if (!std::isfinite(alpha) || alpha <= 0.0 || alpha > kAlphaMax) {
        std::ostringstream s;
        s << "alpha must be a number > 0 and <= " << kAlphaMax << " (got " << alpha << ")";
        throw Error(s.str(), Setting::Alpha);
    }
}

double logGamma(double shape, Rng& rng)
{
    if (shape < 1.0)
        return smallShape(shape, rng).value(shape);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        const double x = rng.normal();
        double v = 1.0 + c * x;
        if (v <= 0.0)
            continue;
        v = v * v * v;
        const double u = rng.uniformOpen0();
        if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v))
            return std::log(d) + std::log(v);
    }
}

double sampleBetaLogit(double alpha, Rng& rng)
{
    checkAlpha(alpha);
    if (alpha >= 1.0) {
        const double lx = logGamma(alpha, rng);
        const double ly = logGamma(alpha, rng);
        return lx - ly;
    }
    const SmallShape x = smallShape(alpha, rng);
    const SmallShape y = smallShape(alpha, rng);
    const double logit = x.value(alpha) - y.value(alpha);
    if (!std::isnan(logit))
        return logit;
    // Below alpha of about 1e-307, log U / alpha overflows to -inf for both
    // (-inf minus -inf). Then X / Y is (U_x / U_y)^(1 / alpha) times a
    // factor near 1: 0 or infinity, as U_x is below or above U_y, so lam is 0
    // or 1 with probability 1/2 each, exactly as the Beta distribution puts
    // it there. A tie of the two 53-bit uniforms (2^-53) is broken by a fair
    // bit, so that the two ends stay exactly symmetric.
    constexpr double inf = std::numeric_limits<double>::infinity();
    if (x.logU != y.logU)
        return x.logU > y.logU ? inf : -inf;
    return (rng.next() >> 63) != 0 ? inf : -inf;
}

double logistic(double logit)
{
    // exp overflowing to inf gives exactly 0.
    return 1.0 / (1.0 + std::exp(-logit));
}

} // namespace cutmix
