#include "fmix.h"

#include "error.h"
#include "rng.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>
#include <tuple>
#include <vector>

namespace cutmix
{

namespace
{

// The noise has its own stream, apart from the draw's of the same (seed, index).
constexpr std::uint64_t kFmixTag = 0x666d697800000000ull; // "fmix"

// np.fft.fftfreq(n)[i]: the frequency of bin i, in cycles per sample.
double fftFrequency(int i, int n)
{
    return (i < (n + 1) / 2 ? i : i - n) / static_cast<double>(n);
}

cv::Mat makeField(std::uint64_t seed, std::uint64_t index, Size size, double decay)
{
    const int W = size.width, H = size.height;
    cv::Mat spectrum(H, W, CV_64FC2);
    Rng rng(seed ^ kFmixTag, index);
    const double floorFrequency = 1.0 / std::max(W, H);
    for (int y = 0; y < H; ++y) {
        const double fy = fftFrequency(y, H);
        auto* row = spectrum.ptr<cv::Vec2d>(y);
        for (int x = 0; x < W; ++x) {
            const double fx = fftFrequency(x, W);
            const double f = std::max(std::sqrt(fx * fx + fy * fy), floorFrequency);
            const double scale = 1.0 / std::pow(f, decay);
            const double re = rng.normal(), im = rng.normal();
            row[x] = cv::Vec2d(scale * re, scale * im);
        }
    }
    cv::Mat complex;
    cv::dft(spectrum, complex, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_COMPLEX_OUTPUT);
    cv::Mat field;
    cv::extractChannel(complex, field, 0);
    double lo = 0, hi = 0;
    cv::minMaxLoc(field, &lo, &hi);
    const double span = hi > lo ? hi - lo : 1.0;
    for (int y = 0; y < H; ++y) {
        auto* row = field.ptr<double>(y);
        for (int x = 0; x < W; ++x)
            row[x] = std::round((row[x] - lo) / span * 4294967296.0) / 4294967296.0;
    }
    return field;
}

} // namespace

cv::Mat fmixField(std::uint64_t seed, std::uint64_t index, Size size, double decay)
{
    checkSize(size);
    static std::mutex mutex;
    static std::tuple<std::uint64_t, std::uint64_t, int, int, double> lastKey{};
    static cv::Mat last;
    const auto key = std::make_tuple(seed, index, size.width, size.height, decay);
    {
        std::lock_guard lock(mutex);
        if (!last.empty() && key == lastKey)
            return last;
    }
    cv::Mat field = makeField(seed, index, size, decay);
    std::lock_guard lock(mutex);
    lastKey = key;
    last = field;
    return field;
}

cv::Mat fmixMap(const cv::Mat& field, std::int64_t countA)
{
    const std::int64_t n = static_cast<std::int64_t>(field.total());
    if (countA < 0 || countA > n)
        throw Error("FMix: the count of A's pixels is out of range");
    cv::Mat map(field.size(), CV_8UC1, cv::Scalar(1));
    if (countA == 0)
        return map;
    const cv::Mat flat = field.isContinuous() ? field.reshape(1, 1) : field.clone().reshape(1, 1);
    const double* v = flat.ptr<double>(0);
    std::vector<std::int32_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    // The countA highest values, ties broken by position: a strict order, so
    // the selection is the same on every machine.
    auto higher = [v](std::int32_t i, std::int32_t j) { return v[i] > v[j] || (v[i] == v[j] && i < j); };
    std::nth_element(order.begin(), order.begin() + (countA - 1), order.end(), higher);
    std::uint8_t* m = map.ptr<std::uint8_t>(0);
    for (std::int64_t k = 0; k < countA; ++k)
        m[order[static_cast<std::size_t>(k)]] = 0;
    return map;
}

} // namespace cutmix
