#include "numpyrandom.h"

#include "error.h"

#include <cmath>

namespace cutmix
{

namespace
{

constexpr int kN = 624;
constexpr int kM = 397;
constexpr std::uint32_t kMatrixA = 0x9908b0dfu;
constexpr std::uint32_t kUpper = 0x80000000u;
constexpr std::uint32_t kLower = 0x7fffffffu;

} // namespace

NumpyRandomState::NumpyRandomState(std::uint32_t seed)
{
    // init_genrand (Matsumoto and Nishimura's reference seeding).
    mt_[0] = seed;
    for (int i = 1; i < kN; ++i)
        mt_[i] = 1812433253u * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
    pos_ = kN;
}

void NumpyRandomState::reload()
{
    auto twist = [&](int i, int next, int far) {
        const std::uint32_t y = (mt_[i] & kUpper) | (mt_[next] & kLower);
        mt_[i] = mt_[far] ^ (y >> 1) ^ ((y & 1u) ? kMatrixA : 0u);
    };
    int i = 0;
    for (; i < kN - kM; ++i)
        twist(i, i + 1, i + kM);
    for (; i < kN - 1; ++i)
        twist(i, i + 1, i + kM - kN);
    twist(kN - 1, 0, kM - 1);
    pos_ = 0;
}

std::uint32_t NumpyRandomState::nextUint32()
{
    if (pos_ >= kN)
        reload();
    std::uint32_t y = mt_[pos_++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

double NumpyRandomState::randomSample()
{
    const std::uint32_t a = nextUint32() >> 5, b = nextUint32() >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

double NumpyRandomState::gauss()
{
    if (hasGauss_) {
        hasGauss_ = false;
        const double cached = gauss_;
        gauss_ = 0.0;
        return cached;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * randomSample() - 1.0;
        x2 = 2.0 * randomSample() - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double f = std::sqrt(-2.0 * std::log(r2) / r2);
    gauss_ = f * x1;
    hasGauss_ = true;
    return f * x2;
}

double NumpyRandomState::standardExponential()
{
    return -std::log(1.0 - randomSample());
}

double NumpyRandomState::standardGamma(double shape)
{
    if (shape == 1.0)
        return standardExponential();
    if (shape == 0.0)
        return 0.0;
    if (shape < 1.0) {
        for (;;) {
            const double u = randomSample();
            const double v = standardExponential();
            if (u <= 1.0 - shape) {
                const double x = std::pow(u, 1.0 / shape);
                if (x <= v)
                    return x;
            } else {
                const double y = -std::log((1 - u) / shape);
                const double x = std::pow(1.0 - shape + shape * y, 1.0 / shape);
                if (x <= v + y)
                    return x;
            }
        }
    }
    const double b = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9 * b);
    for (;;) {
        double x, v;
        do {
            x = gauss();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = randomSample();
        if (u < 1.0 - 0.0331 * (x * x) * (x * x))
            return b * v;
        if (std::log(u) < 0.5 * x * x + b * (1.0 - v + std::log(v)))
            return b * v;
    }
}

double NumpyRandomState::beta(double a, double b)
{
    if (a <= 1.0 && b <= 1.0) {
        // Johnk's algorithm.
        for (;;) {
            const double u = randomSample(), v = randomSample();
            const double x = std::pow(u, 1.0 / a), y = std::pow(v, 1.0 / b);
            if (x + y <= 1.0) {
                if (x + y > 0)
                    return x / (x + y);
                double logX = std::log(u) / a, logY = std::log(v) / b;
                const double logM = logX > logY ? logX : logY;
                logX -= logM;
                logY -= logM;
                return std::exp(logX - std::log(std::exp(logX) + std::exp(logY)));
            }
        }
    }
    const double ga = standardGamma(a), gb = standardGamma(b);
    return ga / (ga + gb);
}

std::int64_t NumpyRandomState::randint(std::int64_t low, std::int64_t high)
{
    if (high <= low)
        throw Error("randint needs low < high (got " + std::to_string(low) + ", " + std::to_string(high) + ")");
    const std::uint64_t range = static_cast<std::uint64_t>(high - low - 1);
    if (range == 0)
        return low;
    // The smallest all-ones mask covering the range.
    std::uint64_t mask = range;
    for (int s = 1; s < 64; s <<= 1)
        mask |= mask >> s;
    if (range <= 0xFFFFFFFFull) {
        if (range == 0xFFFFFFFFull)
            return low + static_cast<std::int64_t>(nextUint32());
        std::uint64_t v;
        while ((v = (nextUint32() & mask)) > range) {
        }
        return low + static_cast<std::int64_t>(v);
    }
    // 64-bit ranges: two words, high first, as NumPy's next_uint64 for MT19937.
    std::uint64_t v;
    do {
        const std::uint64_t hi = nextUint32();
        v = ((hi << 32) | nextUint32()) & mask;
    } while (v > range);
    return low + static_cast<std::int64_t>(v);
}

} // namespace cutmix
