// The Beta(alpha, alpha) distribution itself (density, CDF, quantile) from
// Boost.Math: for plotting lam and for "hold the draw", where one uniform
// number is mapped through the quantile so that lam moves smoothly with alpha.
#pragma once

namespace cutmix
{

double betaPdf(double alpha, double x);
double betaCdf(double alpha, double x);
// The lam whose CDF is u (u in [0, 1]).
double betaQuantile(double alpha, double u);

} // namespace cutmix
