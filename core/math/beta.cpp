#include "beta.h"

#include "error.h"

#include <cmath>
#include <sstream>

namespace cutmix
{

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
        return logGamma(shape + 1.0, rng) + std::log(rng.uniformOpen0()) / shape;
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
    const double lx = logGamma(alpha, rng);
    const double ly = logGamma(alpha, rng);
    return lx - ly;
}

double logistic(double logit)
{
    // exp overflowing to inf gives exactly 0.
    return 1.0 / (1.0 + std::exp(-logit));
}

} // namespace cutmix
