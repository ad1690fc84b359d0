// NumPy's legacy global generator (np.random.seed, rand, beta, randint, as
// the official CutMix train.py and timm call them), reproduced bit for bit so
// that a training run's draws can be replayed from its seed: MT19937 seeded
// by init_genrand, random_sample from two 32-bit words, the legacy polar
// Gaussian with its cached second value, the legacy Marsaglia-Tsang gamma,
// the legacy beta (Johnk's method when both shapes are <= 1), and randint's
// masked rejection. Follows numpy/random/src/legacy/legacy-distributions.c,
// numpy/random/src/mt19937/mt19937.c and numpy/random/_bounded_integers.pyx
// (NumPy 1.17 and later, whose legacy stream is that of NumPy 1.16); checked
// against Debian's python3-numpy by tests/numpy_vectors.py.
#pragma once

#include <array>
#include <cstdint>

namespace cutmix
{

class NumpyRandomState
{
public:
    // np.random.seed(seed): any integer 0 <= seed < 2^32.
    explicit NumpyRandomState(std::uint32_t seed);

    std::uint32_t nextUint32();
    // np.random.rand() / random_sample(): 53 bits in [0, 1).
    double randomSample();
    // The legacy standard normal (polar method; every other call returns the
    // value cached by the one before).
    double gauss();
    double standardExponential();
    double standardGamma(double shape);
    // np.random.beta(a, b) of the legacy RandomState.
    double beta(double a, double b);
    // np.random.randint(low, high): uniform in [low, high), by masked rejection.
    std::int64_t randint(std::int64_t low, std::int64_t high);

private:
    void reload();

    std::array<std::uint32_t, 624> mt_{};
    int pos_ = 624;
    bool hasGauss_ = false;
    double gauss_ = 0.0;
};

} // namespace cutmix
