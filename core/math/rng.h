// The project's random numbers, fully specified so that a seed reproduces on
// every platform and standard library: xoshiro256** (Blackman and Vigna 2018)
// seeded through SplitMix64. A draw's stream depends only on (seed, index).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cutmix
{

// SplitMix64's output function: a bijective 64-bit mixer.
std::uint64_t splitmix64(std::uint64_t& state);

class Rng
{
public:
    // The stream of sample `index` under `seed`; independent of call order,
    // so threads can draw any sample in any order.
    Rng(std::uint64_t seed, std::uint64_t index);

    std::uint64_t next();
    // Uniform in [0, 1), 53 random bits.
    double uniform();
    // Uniform in (0, 1]: safe to take the logarithm of.
    double uniformOpen0();
    // Standard normal (Marsaglia's polar method; the second value is dropped
    // so that no state is carried between calls).
    double normal();

private:
    std::uint64_t s_[4];
};

// The shuffle of [0, n) for one epoch of a seed (Fisher-Yates over Rng):
// datasets read in a seeded order, and the official code's permutation of
// a batch.
std::vector<std::size_t> epochPermutation(std::uint64_t seed, std::uint64_t epoch, std::size_t n);

} // namespace cutmix
