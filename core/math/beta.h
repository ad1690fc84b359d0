// Beta(alpha, alpha) for lam, drawn with the project's own Gamma sampler so
// that a seed gives the same lam everywhere (std::gamma_distribution differs
// between standard libraries).
#pragma once

#include "constants.h"
#include "rng.h"

namespace cutmix
{

// Throws cutmix::Error unless 0 < alpha <= kAlphaMax.
void checkAlpha(double alpha);

// log of a Gamma(shape, 1) variate (Marsaglia and Tsang 2000; shape < 1 via
// Gamma(shape + 1) * U^(1/shape)). Working in logs keeps tiny shapes, whose
// variates underflow to 0 as doubles, exact enough to form a ratio; below a
// shape of about 1e-307 even the log overflows, to -inf.
double logGamma(double shape, Rng& rng);

// log(X / Y) with X, Y ~ Gamma(alpha): the log-odds of a Beta(alpha, alpha)
// variate, exact even where the variate itself rounds to 0 or 1. For every
// alpha checkAlpha accepts it is a number or +-inf (alpha below about
// 1e-307: lam is exactly 0 or 1, each with probability 1/2), never NaN.
double sampleBetaLogit(double alpha, Rng& rng);
// 1 / (1 + exp(-logit)): always a number in [0, 1], never NaN.
double logistic(double logit);

} // namespace cutmix
