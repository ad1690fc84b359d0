#include "rng.h"

#include "box.h"

#include <cmath>
#include <numeric>
#include <utility>

namespace cutmix
{

std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

Rng::Rng(std::uint64_t seed, std::uint64_t index)
{
    // Hash seed and index together first, so that neighbouring (seed, index)
    // pairs start far apart instead of sharing most of their SplitMix64 walk.
    std::uint64_t h = seed;
    std::uint64_t key = splitmix64(h);
    h = key ^ index;
    key = splitmix64(h);
    std::uint64_t state = key;
    for (auto& s : s_)
        s = splitmix64(state);
}

std::uint64_t Rng::next()
{
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

double Rng::uniform()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Rng::uniformOpen0()
{
    return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53;
}

double Rng::normal()
{
    for (;;) {
        const double u = 2.0 * uniform() - 1.0;
        const double v = 2.0 * uniform() - 1.0;
        const double s = u * u + v * v;
        if (s > 0.0 && s < 1.0)
            return u * std::sqrt(-2.0 * std::log(s) / s);
    }
}

namespace
{

constexpr std::uint64_t kEpochTag = 0x65706f6368000000ull; // "epoch"

} // namespace

std::vector<std::size_t> epochPermutation(std::uint64_t seed, std::uint64_t epoch, std::size_t n)
{
    std::vector<std::size_t> p(n);
    std::iota(p.begin(), p.end(), std::size_t{0});
    Rng rng(seed ^ kEpochTag, epoch);
    for (std::size_t j = n; j > 1; --j)
        std::swap(p[j - 1], p[static_cast<std::size_t>(uniformIndex(rng.uniform(), static_cast<int>(j)))]);
    return p;
}

} // namespace cutmix
