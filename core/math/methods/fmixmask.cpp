#include "fmixmask.h"

#include "error.h"
#include "rng.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <list>
#include <mutex>
#include <opencv2/core/utility.hpp>
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

// Standard normals two at a time from the polar method (both kept).
struct NormalPairs {
    explicit NormalPairs(Rng& r) : rng(r) {}
    double next()
    {
        if (has) {
            has = false;
            return spare;
        }
        for (;;) {
            const double u = 2.0 * rng.uniform() - 1.0, v = 2.0 * rng.uniform() - 1.0;
            const double s = u * u + v * v;
            if (s > 0.0 && s < 1.0) {
                const double f = std::sqrt(-2.0 * std::log(s) / s);
                spare = v * f;
                has = true;
                return u * f;
            }
        }
    }
    Rng& rng;
    double spare = 0.0;
    bool has = false;
};

cv::Mat makeField(std::uint64_t seed, std::uint64_t index, Size size, double decay)
{
    const int W = size.width, H = size.height;
    cv::Mat spectrum(H, W, CV_64FC2);
    const double floorFrequency2 = 1.0 / (double(std::max(W, H)) * std::max(W, H));
    // Each row has its own stream, so rows can be made on any number of
    // threads with the same result.
    cv::parallel_for_(cv::Range(0, H), [&](const cv::Range& rows) {
        for (int y = rows.start; y < rows.end; ++y) {
            Rng rng(seed ^ kFmixTag ^ (static_cast<std::uint64_t>(y) * 0x9E3779B97F4A7C15ull), index);
            NormalPairs normal(rng);
            const double fy = fftFrequency(y, H);
            auto* row = spectrum.ptr<cv::Vec2d>(y);
            for (int x = 0; x < W; ++x) {
                const double fx = fftFrequency(x, W);
                // 1 / max(f, 1 / max(W, H))^decay, from the squared frequency.
                const double f2 = std::max(fx * fx + fy * fy, floorFrequency2);
                const double scale = std::pow(f2, -0.5 * decay);
                const double re = normal.next(), im = normal.next();
                row[x] = cv::Vec2d(scale * re, scale * im);
            }
        }
    });
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

namespace
{

using FieldKey = std::tuple<std::uint64_t, std::uint64_t, int, int, double>;

// The masks made last, newest first, each shared while it is being made.
class FieldCache
{
public:
    // The mask of `key`, made here unless it is kept or being made.
    // `onlyIfRoom`: make nothing (return an empty future) for a mask too
    // large to keep beside the newest one.
    std::shared_future<cv::Mat> get(const FieldKey& key, bool onlyIfRoom, bool* madeHere)
    {
        std::promise<cv::Mat> promise;
        std::shared_future<cv::Mat> future;
        {
            std::lock_guard lock(mutex_);
            for (auto it = entries_.begin(); it != entries_.end(); ++it)
                if (it->first == key) {
                    future = it->second;
                    entries_.splice(entries_.begin(), entries_, it);
                    *madeHere = false;
                    return future;
                }
            const double bytes = double(std::get<2>(key)) * std::get<3>(key) * sizeof(double);
            if (onlyIfRoom && bytes > kPrepareBytes)
                return {};
            future = promise.get_future().share();
            entries_.emplace_front(key, future);
            // Keep a few, but never more than one mask larger than the limit.
            const std::size_t keep = bytes > kPrepareBytes ? 1 : kKept;
            while (entries_.size() > keep)
                entries_.pop_back();
        }
        *madeHere = true;
        try {
            promise.set_value(
                makeField(std::get<0>(key), std::get<1>(key), {std::get<2>(key), std::get<3>(key)}, std::get<4>(key)));
        } catch (...) {
            promise.set_exception(std::current_exception());
            std::lock_guard lock(mutex_);
            entries_.remove_if([&](const auto& e) { return e.first == key; });
        }
        return future;
    }

private:
    static constexpr std::size_t kKept = 3;
    // Masks made ahead are kept up to this size (4096 x 4096 doubles).
    static constexpr double kPrepareBytes = 128.0 * 1024 * 1024;
    std::mutex mutex_;
    std::list<std::pair<FieldKey, std::shared_future<cv::Mat>>> entries_;
};

FieldCache& fieldCache()
{
    static FieldCache cache;
    return cache;
}

} // namespace

cv::Mat fmixField(std::uint64_t seed, std::uint64_t index, Size size, double decay)
{
    checkSize(size);
    bool made = false;
    return fieldCache().get({seed, index, size.width, size.height, decay}, false, &made).get();
}

bool prepareFmixField(std::uint64_t seed, std::uint64_t index, Size size, double decay)
{
    checkSize(size);
    bool made = false;
    std::shared_future<cv::Mat> f = fieldCache().get({seed, index, size.width, size.height, decay}, true, &made);
    if (!f.valid())
        return false;
    f.wait();
    return made;
}

cv::Mat fmixMap(const cv::Mat& field, std::int64_t countA)
{
    const std::int64_t n = static_cast<std::int64_t>(field.total());
    if (countA < 0 || countA > n)
        throw Error("FMix: the count of A's pixels is out of range");
    cv::Mat map(field.size(), CV_8UC1, cv::Scalar(1));
    if (countA == 0)
        return map;
    const cv::Mat flat = field.isContinuous() ? field : field.clone();
    const double* v = flat.ptr<double>(0);
    // The countA-th highest value is the threshold: every pixel above it
    // comes from A, and of the pixels equal to it the earliest ones, as many
    // as are still needed. The same selection as sorting by (value down,
    // position up), on every machine.
    //
    // The values are whole multiples of 2^-32 (fmixField), so value * 2^32 is
    // an exact whole number below 2^33: a count per bucket of its top bits
    // finds the bucket that holds the threshold, and only that bucket's
    // values are ordered.
    constexpr double kScale = 4294967296.0;
    constexpr int kShift = 17; // 2^33 >> 17 = 65536 buckets, and one for 1.0
    std::vector<std::int64_t> perBucket((std::size_t(1) << (33 - kShift)) + 1, 0);
    for (std::int64_t i = 0; i < n; ++i) {
        const double x = v[i] * kScale;
        if (!(x >= 0.0 && x <= kScale))
            throw Error("FMix: the mask's values must lie in [0, 1]");
        ++perBucket[static_cast<std::uint64_t>(x) >> kShift];
    }
    std::size_t bucket = perBucket.size();
    std::int64_t higher = 0; // values in the buckets above `bucket`
    while (bucket > 0 && higher + perBucket[bucket - 1] < countA)
        higher += perBucket[--bucket];
    --bucket;
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(perBucket[bucket]));
    for (std::int64_t i = 0; i < n; ++i)
        if ((static_cast<std::uint64_t>(v[i] * kScale) >> kShift) == bucket)
            values.push_back(v[i]);
    const std::int64_t rank = countA - higher; // 1-based, within the bucket
    std::nth_element(values.begin(), values.begin() + (rank - 1), values.end(), std::greater<double>());
    const double threshold = values[static_cast<std::size_t>(rank - 1)];
    std::int64_t above = higher;
    for (double x : values)
        above += x > threshold ? 1 : 0;
    std::int64_t ties = countA - above;
    std::uint8_t* m = map.ptr<std::uint8_t>(0);
    for (std::int64_t i = 0; i < n; ++i)
        if (v[i] > threshold || (v[i] == threshold && ties-- > 0))
            m[i] = 0;
    return map;
}

} // namespace cutmix
