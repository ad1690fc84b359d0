#include "betadist.h"

#include "beta.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <cmath>
#include <limits>

namespace cutmix
{

namespace
{

// Errors become the nearest finite answer: a plot or a slider must never
// see an exception or a NaN.
using Policy =
    boost::math::policies::policy<boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

boost::math::beta_distribution<double, Policy> dist(double alpha)
{
    checkAlpha(alpha);
    return boost::math::beta_distribution<double, Policy>(alpha, alpha);
}

} // namespace

double betaPdf(double alpha, double x)
{
    const double v = boost::math::pdf(dist(alpha), std::clamp(x, 0.0, 1.0));
    return std::isfinite(v) ? v : std::numeric_limits<double>::max();
}

double betaCdf(double alpha, double x)
{
    return boost::math::cdf(dist(alpha), std::clamp(x, 0.0, 1.0));
}

double betaQuantile(double alpha, double u)
{
    return boost::math::quantile(dist(alpha), std::clamp(u, 0.0, 1.0));
}

} // namespace cutmix
