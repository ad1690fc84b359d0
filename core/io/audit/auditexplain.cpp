// What the pixels of each element say: unchanged, a rectangle pasted from
// one other element (CutMix), a mask (FMix), a blend (MixUp) reproduced in
// the batch's own arithmetic, or unexplained. Regions are judged as the
// methods make them: a CutMix region is one rectangle, so pixels equal in
// both sources widen its share only to the rectangles consistent with every
// pixel. Partners are found through an index of pixel values, never by
// trying every pair of elements.
#include "audit.h"
#include "auditphrases.h"
#include "error.h"
#include "floatround.h"
#include "format.h"
#include "recipes.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace cutmix
{

namespace
{

// ---- the batch

struct Batch {
    const AuditDump& d;
    int n = 0, rows = 0, cols = 0, channels = 0;
    std::size_t pixelBytes = 0;
    std::vector<int> flip, roll;                     // partnerMap of the usual rules (core/io/batch.h)
    std::vector<int> rollBack;                       // i + 1: roll(-1, 0)
    std::vector<int> targetOther;                    // each target's largest class other than the label (-1 when K = 1)
    std::vector<std::vector<int>> ofClass;           // the elements of each class
    std::atomic<std::int64_t> scanBudget{400000000}; // value comparisons left for blend searches beyond the rules

    explicit Batch(const AuditDump& dump) : d(dump)
    {
        n = int(d.before.size());
        const cv::Mat& m = d.before.front();
        rows = m.rows;
        cols = m.cols;
        channels = m.channels();
        pixelBytes = m.elemSize();
        flip = partnerMap(PartnerRule::Flip, n, 0, 0);
        roll = partnerMap(PartnerRule::Roll, n, 0, 0);
        for (int i = 0; i < n; ++i)
            rollBack.push_back((i + 1) % n);
        const std::size_t k = d.targets.empty() ? 0 : d.targets.front().size();
        ofClass.resize(k);
        for (int i = 0; i < n; ++i) {
            const int own = d.labels[std::size_t(i)];
            ofClass[std::size_t(own)].push_back(i);
            const auto& t = d.targets[std::size_t(i)];
            int other = -1;
            for (int c = 0; c < int(k); ++c)
                if (c != own && (other < 0 || t[std::size_t(c)] > t[std::size_t(other)]))
                    other = c;
            targetOther.push_back(other);
        }
    }
    const unsigned char* px(const cv::Mat& m, int y, int x) const { return m.ptr(y) + std::size_t(x) * pixelBytes; }
    bool same(const cv::Mat& a, const cv::Mat& b, int y, int x) const
    {
        return std::memcmp(px(a, y, x), px(b, y, x), pixelBytes) == 0;
    }
    // The rule positions first: what the libraries do, in the order tried.
    std::vector<int> rulePartners(int i) const
    {
        std::vector<int> out;
        for (int j : {flip[std::size_t(i)], roll[std::size_t(i)], rollBack[std::size_t(i)]})
            if (j != i && std::find(out.begin(), out.end(), j) == out.end())
                out.push_back(j);
        return out;
    }
};

// ---- an index of pixel values at fixed positions, to find the elements
// that a changed pixel may come from without trying every element

class ProbeIndex
{
public:
    explicit ProbeIndex(const Batch& b) : b_(b)
    {
        // A grid of positions, at most 16 x 16, at most 4M entries in all.
        int g = 16;
        while (g > 1 && std::int64_t(g) * g * b.n > 4000000)
            --g;
        const int gy = std::min(g, b.rows), gx = std::min(g, b.cols);
        for (int a = 0; a < gy; ++a)
            for (int c = 0; c < gx; ++c)
                points_.push_back(cv::Point(int((2 * std::int64_t(c) + 1) * b.cols / (2 * gx)),
                                            int((2 * std::int64_t(a) + 1) * b.rows / (2 * gy))));
        entries_.resize(points_.size());
        for (std::size_t q = 0; q < points_.size(); ++q) {
            auto& e = entries_[q];
            e.reserve(std::size_t(b.n));
            for (int j = 0; j < b.n; ++j)
                e.emplace_back(hash(b_.d.before[std::size_t(j)], points_[q]), j);
            std::sort(e.begin(), e.end());
        }
    }

    // The elements whose image equals `after` at a changed position of the
    // grid (the shortest such list), or nullopt when no grid position changed.
    std::optional<std::vector<int>> candidates(const cv::Mat& after, const cv::Mat& own) const
    {
        const std::vector<std::pair<std::uint64_t, int>>* best = nullptr;
        std::pair<std::size_t, std::size_t> range;
        cv::Point at;
        for (std::size_t q = 0; q < points_.size(); ++q) {
            const cv::Point p = points_[q];
            if (b_.same(after, own, p.y, p.x))
                continue;
            const std::uint64_t h = hash(after, p);
            const auto& e = entries_[q];
            const auto lo = std::lower_bound(e.begin(), e.end(), std::make_pair(h, -1));
            auto hi = lo;
            while (hi != e.end() && hi->first == h)
                ++hi;
            const std::size_t size = std::size_t(hi - lo);
            if (!best || size < range.second - range.first) {
                best = &e;
                range = {std::size_t(lo - e.begin()), std::size_t(hi - e.begin())};
                at = p;
                if (size == 0)
                    break;
            }
        }
        if (!best)
            return std::nullopt;
        std::vector<int> out;
        for (std::size_t k = range.first; k < range.second; ++k) {
            const int j = (*best)[k].second;
            if (b_.same(after, b_.d.before[std::size_t(j)], at.y, at.x))
                out.push_back(j);
        }
        return out;
    }

private:
    std::uint64_t hash(const cv::Mat& m, cv::Point p) const
    {
        std::uint64_t h = 1469598103934665603ull;
        const unsigned char* v = b_.px(m, p.y, p.x);
        for (std::size_t k = 0; k < b_.pixelBytes; ++k)
            h = (h ^ v[k]) * 1099511628211ull;
        return h;
    }
    const Batch& b_;
    std::vector<cv::Point> points_;
    std::vector<std::vector<std::pair<std::uint64_t, int>>> entries_;
};

// ---- regions

struct Changed {
    std::int64_t count = 0;
    cv::Rect box;            // bounding box of the changed pixels
    cv::Point first{-1, -1}; // the first changed pixel in raster order
};

template <std::size_t Bytes>
void scanRow(const unsigned char* a, const unsigned char* o, int cols, int y, Changed& c, int& x1, int& x2)
{
    for (int x = 0; x < cols; ++x) {
        bool differs = false;
        for (std::size_t k = 0; k < Bytes; ++k)
            differs |= a[std::size_t(x) * Bytes + k] != o[std::size_t(x) * Bytes + k];
        if (!differs)
            continue;
        if (c.count == 0)
            c.first = {x, y};
        ++c.count;
        x1 = std::min(x1, x);
        x2 = std::max(x2, x);
    }
}

void scanRowAny(const unsigned char* a, const unsigned char* o, int cols, std::size_t bytes, int y, Changed& c, int& x1,
                int& x2)
{
    for (int x = 0; x < cols; ++x) {
        if (std::memcmp(a + std::size_t(x) * bytes, o + std::size_t(x) * bytes, bytes) == 0)
            continue;
        if (c.count == 0)
            c.first = {x, y};
        ++c.count;
        x1 = std::min(x1, x);
        x2 = std::max(x2, x);
    }
}

Changed changedPixels(const Batch& b, const cv::Mat& after, const cv::Mat& own)
{
    Changed c;
    int x1 = b.cols, x2 = -1, y1 = b.rows, y2 = -1;
    const std::size_t rowBytes = std::size_t(b.cols) * b.pixelBytes;
    for (int y = 0; y < b.rows; ++y) {
        const unsigned char* a = after.ptr(y);
        const unsigned char* o = own.ptr(y);
        if (std::memcmp(a, o, rowBytes) == 0)
            continue;
        const std::int64_t before = c.count;
        switch (b.pixelBytes) { // the usual pixels without a call per pixel
        case 1:
            scanRow<1>(a, o, b.cols, y, c, x1, x2);
            break;
        case 3:
            scanRow<3>(a, o, b.cols, y, c, x1, x2);
            break;
        case 4:
            scanRow<4>(a, o, b.cols, y, c, x1, x2);
            break;
        case 6:
            scanRow<6>(a, o, b.cols, y, c, x1, x2);
            break;
        case 12:
            scanRow<12>(a, o, b.cols, y, c, x1, x2);
            break;
        default:
            scanRowAny(a, o, b.cols, b.pixelBytes, y, c, x1, x2);
        }
        if (c.count > before) {
            y1 = std::min(y1, y);
            y2 = std::max(y2, y);
        }
    }
    if (c.count)
        c.box = cv::Rect(x1, y1, x2 - x1 + 1, y2 - y1 + 1);
    return c;
}

// How a candidate explains the changed pixels: every changed pixel equal to
// the candidate's; a rectangle when every pixel of the bounding box is.
enum class Fit { None, Mask, Rectangle };

Fit copyFit(const Batch& b, const cv::Mat& after, const cv::Mat& own, const cv::Mat& other, const cv::Rect& box)
{
    Fit fit = Fit::Rectangle;
    const std::size_t w = std::size_t(box.width) * b.pixelBytes;
    for (int y = box.y; y < box.y + box.height; ++y) {
        if (std::memcmp(b.px(after, y, box.x), b.px(other, y, box.x), w) == 0)
            continue;
        for (int x = box.x; x < box.x + box.width; ++x)
            if (!b.same(after, other, y, x)) {
                if (!b.same(after, own, y, x))
                    return Fit::None;
                fit = Fit::Mask;
            }
    }
    return fit;
}

// The largest rectangle around `box` whose pixels outside `box` are equal in
// the element, its partner and the result (the rectangles consistent with
// every pixel are those between `box` and it).
cv::Rect largestConsistent(const Batch& b, const cv::Mat& after, const cv::Mat& own, const cv::Mat& other,
                           const cv::Rect& box)
{
    auto both = [&](int y, int x) { return b.same(after, own, y, x) && b.same(after, other, y, x); };
    auto rowBoth = [&](int y) {
        for (int x = box.x; x < box.x + box.width; ++x)
            if (!both(y, x))
                return false;
        return true;
    };
    int top = box.y, bottom = box.y + box.height;
    while (top > 0 && rowBoth(top - 1))
        --top;
    while (bottom < b.rows && rowBoth(bottom))
        ++bottom;
    // How far each row of [top, bottom) may reach left and right of the box.
    std::vector<int> left(std::size_t(bottom - top)), right(std::size_t(bottom - top));
    for (int y = top; y < bottom; ++y) {
        int l = 0;
        while (box.x - l - 1 >= 0 && both(y, box.x - l - 1))
            ++l;
        int r = 0;
        while (box.x + box.width + r < b.cols && both(y, box.x + box.width + r))
            ++r;
        left[std::size_t(y - top)] = l;
        right[std::size_t(y - top)] = r;
    }
    auto at = [&](const std::vector<int>& v, int y) { return v[std::size_t(y - top)]; };
    int minL = std::numeric_limits<int>::max(), minR = minL;
    for (int y = box.y; y < box.y + box.height; ++y) {
        minL = std::min(minL, at(left, y));
        minR = std::min(minR, at(right, y));
    }
    std::int64_t bestArea = -1;
    cv::Rect best = box;
    for (int t = box.y; t >= top; --t) {
        if (t < box.y) {
            minL = std::min(minL, at(left, t));
            minR = std::min(minR, at(right, t));
        }
        int l = minL, r = minR;
        for (int e = box.y + box.height; e <= bottom; ++e) {
            if (e > box.y + box.height) {
                l = std::min(l, at(left, e - 1));
                r = std::min(r, at(right, e - 1));
            }
            const std::int64_t area = std::int64_t(e - t) * (box.width + l + r);
            if (area > bestArea) {
                bestArea = area;
                best = cv::Rect(box.x - l, t, box.width + l + r, e - t);
            }
        }
    }
    return best;
}

// The side lengths rand_bbox makes for a lam, per axis of length S:
// cut = int(S * sqrt(1 - lam)), the box [c - cut // 2, c + cut // 2) clipped
// to [0, S) for a centre c in [0, S). (timm/data/mixup.py rand_bbox at
// 066e4906; clovaai/CutMix-PyTorch train.py rand_bbox; torchvision v2
// CutMix.make_params at da6134da draws half = int(0.5 * sqrt(1 - lam) * S),
// which is the same cut // 2.) The ratios sqrt(1 - lam) * S that give an
// extent [a, a + e): unclipped, e = 2 * (cut // 2), so e even and S * ratio
// in [e, e + 2); clipped at one border, cut // 2 in [ceil(e / 2), e]; both
// borders, cut // 2 >= S / 2.
std::vector<std::pair<double, double>> ratiosForAxis(int S, int a0, int a1, int b0, int b1)
{
    // a in [a0, a1] (the start), b in [b0, b1] (the end), a <= b.
    std::vector<std::pair<double, double>> out; // [lo, hi) in units of S * ratio
    // Unclipped: a > 0, b < S.
    {
        const int aLo = std::max(a0, 1), bHi = std::min(b1, S - 1);
        if (aLo <= a1 && b0 <= bHi) {
            int eMin = b0 - a1, eMax = bHi - aLo;
            eMin += eMin % 2;
            eMax -= eMax % 2;
            if (eMin <= eMax)
                out.push_back({double(eMin), double(eMax + 2)});
        }
    }
    // Clipped at the start only: a = 0, b < S; e = b.
    if (a0 == 0 && b0 <= std::min(b1, S - 1)) {
        const int eMin = b0, eMax = std::min(b1, S - 1);
        out.push_back({double(2 * ((eMin + 1) / 2)), double(2 * eMax + 2)});
    }
    // Clipped at the end only: b = S, a > 0; e = S - a.
    if (b1 == S && std::max(a0, 1) <= a1) {
        const int eMin = S - a1, eMax = S - std::max(a0, 1);
        out.push_back({double(2 * ((eMin + 1) / 2)), double(2 * eMax + 2)});
    }
    // Both borders: cut // 2 >= S / 2.
    if (a0 == 0 && b1 == S)
        out.push_back({double(2 * ((S + 1) / 2)), double(2 * S + 2)});
    for (auto& r : out) {
        r.first /= S;
        r.second /= S;
    }
    return out;
}

std::vector<LamInterval> drawnLams(int rows, int cols, const cv::Rect& inner, const cv::Rect& outer)
{
    const auto ry = ratiosForAxis(rows, outer.y, inner.y, inner.y + inner.height, outer.y + outer.height);
    const auto rx = ratiosForAxis(cols, outer.x, inner.x, inner.x + inner.width, outer.x + outer.width);
    std::vector<std::pair<double, double>> both;
    for (const auto& a : ry)
        for (const auto& c : rx) {
            const double lo = std::max({a.first, c.first, 0.0}), hi = std::min({a.second, c.second, 1.0 + 1e-12});
            if (lo < hi)
                both.push_back({lo, hi});
        }
    std::sort(both.begin(), both.end());
    std::vector<LamInterval> out;
    for (const auto& [lo, hi] : both) {
        // ratio in [lo, hi) means lam = 1 - ratio^2 in (1 - hi^2, 1 - lo^2].
        const LamInterval l{std::max(0.0, 1.0 - hi * hi), 1.0 - lo * lo};
        if (!out.empty() && l.hi >= out.back().lo - 1e-12)
            out.back().lo = std::min(out.back().lo, l.lo);
        else
            out.push_back(l);
    }
    return out;
}

// ---- blends

// Values of an image as doubles, at most `most` of them spread evenly.
std::vector<double> sampleValues(const cv::Mat& m, std::size_t most)
{
    const std::size_t total = m.total() * std::size_t(m.channels());
    const std::size_t step = std::max<std::size_t>(1, total / most);
    std::vector<double> out;
    out.reserve(total / step + 1);
    const cv::Mat flat = m.reshape(1, 1);
    for (std::size_t k = 0; k < total; k += step) {
        switch (m.depth()) {
        case CV_8U:
            out.push_back(flat.ptr<std::uint8_t>()[k]);
            break;
        case CV_16U:
            out.push_back(flat.ptr<std::uint16_t>()[k]);
            break;
        case CV_32F:
            out.push_back(flat.ptr<float>()[k]);
            break;
        default:
            out.push_back(flat.ptr<double>()[k]);
        }
    }
    return out;
}

// lam of a = lam * x + (1 - lam) * y by least squares, and the residual's RMS.
std::pair<double, double> leastSquares(const std::vector<double>& a, const std::vector<double>& x,
                                       const std::vector<double>& y)
{
    double num = 0, den = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const double d = x[k] - y[k];
        num += (a[k] - y[k]) * d;
        den += d * d;
    }
    const double lam = den > 0 ? num / den : 1.0;
    double ss = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const double r = a[k] - (lam * x[k] + (1.0 - lam) * y[k]);
        ss += r * r;
    }
    return {lam, a.empty() ? 0.0 : std::sqrt(ss / double(a.size()))};
}

// The lams for which every value of a is within tol (+ rel * magnitude) of
// lam * x + (1 - lam) * y, over every value of the images.
template <typename T>
std::optional<LamInterval> feasibleLams(const cv::Mat& a, const cv::Mat& x, const cv::Mat& y, double tol, double rel)
{
    const std::size_t total = a.total() * std::size_t(a.channels());
    const T* pa = a.ptr<T>();
    const T* px = x.ptr<T>();
    const T* py = y.ptr<T>();
    double lo = -1e300, hi = 1e300;
    for (std::size_t k = 0; k < total; ++k) {
        const double xa = double(pa[k]), xx = double(px[k]), xy = double(py[k]);
        const double t = tol + rel * std::max({std::abs(xa), std::abs(xx), std::abs(xy)});
        const double d = xx - xy, r = xa - xy;
        if (d == 0) {
            if (std::abs(r) > t)
                return std::nullopt;
            continue;
        }
        double l = (r - t) / d, h = (r + t) / d;
        if (l > h)
            std::swap(l, h);
        lo = std::max(lo, l);
        hi = std::min(hi, h);
        if (lo > hi)
            return std::nullopt;
    }
    if (hi < 0 || lo > 1)
        return std::nullopt;
    return LamInterval{std::clamp(lo, 0.0, 1.0), std::clamp(hi, 0.0, 1.0)};
}

// The libraries' blend of a float batch, value by value:
//   timm Mixup._mix_batch (timm/data/mixup.py at 066e4906):
//     x.mul_(lam).add_(x.flip(0).mul_(1 - lam))
//   torchvision v2 MixUp (transforms/v2/_augment.py at da6134da):
//     batch.roll(1, 0).mul_(1 - lam).add_(batch.mul(lam))
//   timm Mixup._mix_elem: x[i] * lam + x[j] * (1 - lam), lam a float32, so
//     1 - lam is computed in float32
// Each product and the sum are rounded to the tensor's type. The scalar lam
// is a float32 in current PyTorch (opmath: aten/src/ATen/native/cpu/
// BinaryOpsKernel.cpp at 00954a44, products in float32 rounded once to half
// or bfloat16) and, in torch 1.13, rounded to the tensor's type first.
enum class Reduced { None, Half, BFloat16 };

float reduce(float v, Reduced r)
{
    switch (r) {
    case Reduced::Half:
        return roundToHalf(v);
    case Reduced::BFloat16:
        return roundToBfloat16(v);
    default:
        return v;
    }
}

struct BlendRule {
    std::string_view name;
    Reduced scalar;     // the type lam is rounded to before multiplying (None: float32)
    bool restFromLam32; // 1 - lam computed in float32 from the float32 lam (timm's elem mode)
};

struct Scalars {
    float l = 0, m = 0;
    double l64 = 0, m64 = 0;
};

Scalars scalarsOf(double lam, const BlendRule& rule)
{
    Scalars s;
    s.l64 = lam;
    s.m64 = 1.0 - lam;
    s.l = reduce(static_cast<float>(lam), rule.scalar);
    s.m = rule.restFromLam32 ? reduce(1.0f - static_cast<float>(lam), rule.scalar)
                             : reduce(static_cast<float>(1.0 - lam), rule.scalar);
    return s;
}

class BlendCheck
{
public:
    BlendCheck(const cv::Mat& a, const cv::Mat& x, const cv::Mat& y, DumpType t)
        : a_(a), x_(x), y_(y), total_(a.total() * std::size_t(a.channels())), type_(t)
    {
        reduced_ = t == DumpType::F16 ? Reduced::Half : t == DumpType::BF16 ? Reduced::BFloat16 : Reduced::None;
    }

    // Every value reproduced bit for bit (signed zeros aside) by this lam under this rule.
    bool reproduces(double lam, const BlendRule& rule) const
    {
        if (!(lam >= 0 && lam <= 1))
            return false;
        const Scalars s = scalarsOf(lam, rule);
        if (type_ == DumpType::F64) {
            const double* pa = a_.ptr<double>();
            const double* px = x_.ptr<double>();
            const double* py = y_.ptr<double>();
            for (std::size_t k = 0; k < total_; ++k) {
                const double p = px[k] * s.l64;
                const double q = py[k] * s.m64;
                if (p + q != pa[k])
                    return false;
            }
            return true;
        }
        const float* pa = a_.ptr<float>();
        const float* px = x_.ptr<float>();
        const float* py = y_.ptr<float>();
        for (std::size_t k = 0; k < total_; ++k) {
            const float p = reduce(px[k] * s.l, reduced_);
            const float q = reduce(py[k] * s.m, reduced_);
            if (reduce(p + q, reduced_) != pa[k])
                return false;
        }
        return true;
    }

    // The spacing of the scalar values around lam: below it the rule's
    // (L, M) cannot change.
    double spacing(double lam, const BlendRule& rule) const
    {
        if (type_ == DumpType::F64)
            return std::max(std::abs(lam), 0.5) * std::ldexp(1.0, -52);
        const int bits = rule.scalar == Reduced::Half ? 10 : rule.scalar == Reduced::BFloat16 ? 7 : 23;
        const double v = std::max(std::min(std::abs(lam), std::abs(1.0 - lam)), 1e-4);
        int e = 0;
        std::frexp(v, &e);
        return std::ldexp(1.0, e - 1 - bits);
    }

private:
    const cv::Mat &a_, &x_, &y_;
    std::size_t total_;
    DumpType type_;
    Reduced reduced_ = Reduced::None;
};

// The arithmetic a blend was found in, as the explanation names it.
constexpr std::string_view kHalfReduced = "half, lam rounded to half (torch 1.13)";
constexpr std::string_view kHalf32 = "half, lam in float32 (current torch)";
constexpr std::string_view kHalfElem = "half, lam and 1 - lam in float32 (timm elem mode)";
constexpr std::string_view kBf16Reduced = "bfloat16, lam rounded to bfloat16 (torch 1.13)";
constexpr std::string_view kBf1632 = "bfloat16, lam in float32 (current torch)";
constexpr std::string_view kBf16Elem = "bfloat16, lam and 1 - lam in float32 (timm elem mode)";
constexpr std::string_view kFloat64 = "float64";
constexpr std::string_view kFloat32 = "float32 (timm, torchvision)";
constexpr std::string_view kFloat32Elem = "float32, 1 - lam in float32 (timm elem mode)";
constexpr std::string_view kRoundedNearest = "rounded to nearest";
constexpr std::string_view kRoundedOther = "rounded, not to nearest";
constexpr std::string_view kNearlyBlend =
    "a blend within 4 units in the last place, but not bit for bit under timm's or torchvision's arithmetic";

std::vector<BlendRule> rulesFor(DumpType t)
{
    switch (t) {
    case DumpType::F16:
        return {
            {kHalfReduced, Reduced::Half, false}, {kHalf32, Reduced::None, false}, {kHalfElem, Reduced::None, true}};
    case DumpType::BF16:
        return {{kBf16Reduced, Reduced::BFloat16, false},
                {kBf1632, Reduced::None, false},
                {kBf16Elem, Reduced::None, true}};
    case DumpType::F64:
        return {{kFloat64, Reduced::None, false}};
    default:
        return {{kFloat32, Reduced::None, false}, {kFloat32Elem, Reduced::None, true}};
    }
}

// The lams around `start` (which reproduces) that also reproduce, as an
// interval: doubling steps outwards, then halving to the edge, to a 4096th of
// the scalar's spacing; the edges are rounded outwards by that much.
LamInterval expand(const BlendCheck& c, const BlendRule& rule, double start)
{
    const double step = c.spacing(start, rule) / 4;
    const double precision = step / 1024;
    auto edge = [&](double dir) {
        double good = start, d = step;
        for (;;) {
            const double next = std::clamp(start + dir * d, 0.0, 1.0);
            if (next == good || !c.reproduces(next, rule))
                break;
            good = next;
            if (next == 0.0 || next == 1.0)
                return good;
            d *= 2;
        }
        double bad = std::clamp(start + dir * d, 0.0, 1.0);
        if (bad == good)
            return good;
        while (std::abs(bad - good) > precision) {
            const double mid = (good + bad) / 2;
            (c.reproduces(mid, rule) ? good : bad) = mid;
        }
        return bad;
    };
    return {std::max(0.0, edge(-1.0)), std::min(1.0, edge(1.0))};
}

struct BlendResult {
    LamInterval lams;
    std::vector<std::string_view> arithmetic; // every one that reproduces the values
    double rms = 0, lamFit = 0;
};

std::optional<BlendResult> explainBlend(const Batch& b, const cv::Mat& a, const cv::Mat& x, const cv::Mat& y)
{
    const std::vector<double> as = sampleValues(a, 4096), xs = sampleValues(x, 4096), ys = sampleValues(y, 4096);
    const auto [lamFit, rms] = leastSquares(as, xs, ys);
    // Far from a blend on the sample: not this partner.
    double scale = 0;
    for (std::size_t k = 0; k < as.size(); ++k)
        scale = std::max({scale, std::abs(as[k]), std::abs(xs[k]), std::abs(ys[k])});
    const DumpType t = b.d.type;
    const int bits = t == DumpType::F16 ? 11 : t == DumpType::BF16 ? 8 : t == DumpType::F64 ? 53 : 24;
    const double slack = isFloatType(t) ? 8 * scale * std::ldexp(1.0, -bits) : 1.5;
    for (std::size_t k = 0; k < as.size(); ++k)
        if (std::abs(as[k] - (lamFit * xs[k] + (1 - lamFit) * ys[k])) > slack + 1e-300)
            return std::nullopt;
    BlendResult r;
    r.rms = rms;
    r.lamFit = lamFit;
    if (!isFloatType(t)) {
        // timm's fast collate (and the window's MixUp): a float32 blend
        // rounded with np.rint; the float32 steps add at most a few units
        // of 2^-24 of the largest value. Else any rounding to an integer.
        const double rel = std::ldexp(1.0, -21);
        for (double tol : {0.5, 1.0}) {
            const auto lams = t == DumpType::U16 ? feasibleLams<std::uint16_t>(a, x, y, tol, rel)
                                                 : feasibleLams<std::uint8_t>(a, x, y, tol, rel);
            if (lams) {
                r.lams = *lams;
                r.arithmetic = {tol < 1 ? kRoundedNearest : kRoundedOther};
                return r;
            }
        }
        return std::nullopt;
    }
    const BlendCheck check(a, x, y, t);
    bool found = false;
    for (const BlendRule& rule : rulesFor(t)) {
        const double step = check.spacing(lamFit, rule) / 2;
        const int reach = t == DumpType::F64 ? 256 : 32;
        std::optional<double> start;
        for (int k = 0; k <= reach && !start; ++k)
            for (int sign : {1, -1}) {
                const double lam = lamFit + sign * k * step;
                if (check.reproduces(lam, rule)) {
                    start = lam;
                    break;
                }
                if (k == 0)
                    break;
            }
        if (!start)
            continue;
        const LamInterval l = expand(check, rule, *start);
        if (!found) {
            r.lams = l;
        } else {
            r.lams.lo = std::min(r.lams.lo, l.lo);
            r.lams.hi = std::max(r.lams.hi, l.hi);
        }
        r.arithmetic.push_back(rule.name);
        found = true;
    }
    if (found)
        return r;
    // Not the libraries' arithmetic, yet a blend up to a few units in the
    // last place (another order of operations, a fused multiply-add).
    const double rel = 4 * std::ldexp(1.0, -bits);
    const auto lams =
        t == DumpType::F64 ? feasibleLams<double>(a, x, y, 0.0, rel) : feasibleLams<float>(a, x, y, 0.0, rel);
    if (!lams)
        return std::nullopt;
    r.lams = *lams;
    r.arithmetic = {kNearlyBlend};
    return r;
}

// ---- one element

std::string boxText(const cv::Rect& r)
{
    std::ostringstream s;
    // As every other box is written: half-open, x then y.
    s << "[" << r.x << ", " << r.x + r.width << ") × [" << r.y << ", " << r.y + r.height << ")";
    return s.str();
}

// The sentences of an explanation, each a template of core's (the values in
// braces written as the command line writes them); explainPhrases() lists them.
constexpr std::string_view kUnchanged = "unchanged: equal to its image before mixing";
constexpr std::string_view kRectangle = "CutMix-like: the rectangle {box} comes from #{partner}";
constexpr std::string_view kReaches = "; pixels equal in both images allow it to reach {box_max}";
constexpr std::string_view kMayTouch = " (it may touch the border: a clipped box)";
constexpr std::string_view kTouches = " (it touches the border: a clipped box)";
constexpr std::string_view kMask = "a mask (as FMix makes) within {box} comes from #{partner}";
constexpr std::string_view kAmbiguousNamed =
    "; the region is equal in {elements}, so the partner is ambiguous (#{partner}, whose class the target names)";
constexpr std::string_view kAmbiguous = "; the region is equal in {elements}, so the partner is ambiguous (#{partner})";
constexpr std::string_view kBlend = "MixUp-like: a blend with #{partner}, lam {lam} ({arithmetic})";
constexpr std::string_view kAlsoArithmetic = "; {arithmetic}";
constexpr std::string_view kDiffer =
    "{pixels} pixels differ from the image before mixing and do not all come from one other element";
constexpr std::string_view kNoBlend = ", and no blend with one other element fits (best #{best}, RMS {rms})";
constexpr std::string_view kNoBlendTried =
    ", and no blend with {elements} fits (the search of every other element was skipped in a batch this large)";
constexpr std::string_view kOtherTransforms =
    ": were other transforms applied after mixing (flip, crop, colour, normalisation)?";
// A list of elements: "#1, #2 and #5".
constexpr std::string_view kFirstElement = "#{element}";
constexpr std::string_view kNextElement = ", #{element}";
constexpr std::string_view kLastElement = " and #{element}";
constexpr std::string_view kPhrases[] = {
    kUnchanged,      kRectangle,       kReaches,        kMayTouch,       kTouches,     kMask,
    kAmbiguousNamed, kAmbiguous,       kBlend,          kAlsoArithmetic, kDiffer,      kNoBlend,
    kNoBlendTried,   kOtherTransforms, kFirstElement,   kNextElement,    kLastElement, kHalfReduced,
    kHalf32,         kHalfElem,        kBf16Reduced,    kBf1632,         kBf16Elem,    kFloat64,
    kFloat32,        kFloat32Elem,     kRoundedNearest, kRoundedOther,   kNearlyBlend};

std::vector<Phrase> elementList(const std::vector<int>& v)
{
    std::vector<Phrase> out;
    for (std::size_t k = 0; k < v.size(); ++k)
        out.push_back({k == 0              ? kFirstElement
                       : k + 1 == v.size() ? kLastElement
                                           : kNextElement,
                       {{"element", std::to_string(v[k])}}});
    return out;
}

// The arithmetic names, "a; b".
std::vector<Phrase> arithmeticList(const std::vector<std::string_view>& names)
{
    std::vector<Phrase> out;
    for (std::size_t k = 0; k < names.size(); ++k)
        out.push_back(k == 0 ? Phrase{names[k]} : Phrase{kAlsoArithmetic, {}, {{"arithmetic", {Phrase{names[k]}}}}});
    return out;
}

// Among candidates that explain the pixels equally well: the one the labels
// name (an element of the target's other class), else the usual rules'.
int choosePartner(const Batch& b, int i, const std::vector<int>& candidates)
{
    const int other = b.targetOther[std::size_t(i)];
    std::vector<int> order = b.rulePartners(i);
    for (int j : candidates)
        if (std::find(order.begin(), order.end(), j) == order.end())
            order.push_back(j);
    for (int j : order)
        if (std::find(candidates.begin(), candidates.end(), j) != candidates.end() && other >= 0 &&
            b.d.labels[std::size_t(j)] == other)
            return j;
    for (int j : order)
        if (std::find(candidates.begin(), candidates.end(), j) != candidates.end())
            return j;
    return candidates.front();
}

void explainElement(Batch& b, const ProbeIndex& index, int i, PixelExplanation& e)
{
    const AuditDump& d = b.d;
    const cv::Mat& after = d.after[std::size_t(i)];
    const cv::Mat& own = d.before[std::size_t(i)];
    const double total = double(b.rows) * b.cols;
    const Changed ch = changedPixels(b, after, own);
    if (ch.count == 0) {
        e.method = AuditMethod::None;
        e.explanation = {{kUnchanged}};
        return;
    }
    // Pasted from one other element: every changed pixel equals that element's.
    std::vector<int> pool;
    if (const auto found = index.candidates(after, own)) {
        pool = *found;
    } else {
        for (int j = 0; j < b.n; ++j)
            if (b.same(after, d.before[std::size_t(j)], ch.first.y, ch.first.x))
                pool.push_back(j);
    }
    std::vector<int> rectangles, masks;
    for (int j : pool) {
        if (j == i)
            continue;
        const Fit f = copyFit(b, after, own, d.before[std::size_t(j)], ch.box);
        if (f == Fit::Rectangle)
            rectangles.push_back(j);
        else if (f == Fit::Mask)
            masks.push_back(j);
    }
    const std::vector<int>& best = rectangles.empty() ? masks : rectangles;
    if (!best.empty()) {
        const int j = choosePartner(b, i, best);
        const cv::Mat& other = d.before[std::size_t(j)];
        e.partner = j;
        e.candidates = best;
        e.partnerPixels = ch.count;
        e.region = Box{ch.box.x, ch.box.y, ch.box.x + ch.box.width, ch.box.y + ch.box.height};
        e.rectangle = !rectangles.empty();
        std::vector<Phrase>& s = e.explanation;
        const std::string partner = std::to_string(j);
        if (e.rectangle) {
            const cv::Rect outer = largestConsistent(b, after, own, other, ch.box);
            e.regionMax = Box{outer.x, outer.y, outer.x + outer.width, outer.y + outer.height};
            e.method = AuditMethod::CutMix;
            e.shareLo = 1.0 - double(outer.area()) / total;
            e.shareHi = 1.0 - double(ch.box.area()) / total;
            e.touchesBorder =
                outer.x == 0 || outer.y == 0 || outer.x + outer.width == b.cols || outer.y + outer.height == b.rows;
            e.drawnLams = drawnLams(b.rows, b.cols, ch.box, outer);
            s.push_back({kRectangle, {{"box", boxText(ch.box)}, {"partner", partner}}});
            if (outer != ch.box)
                s.push_back({kReaches, {{"box_max", boxText(outer)}}});
            if (e.touchesBorder)
                s.push_back({outer != ch.box ? kMayTouch : kTouches});
        } else {
            // A mask: pixels equal in the element and its partner count both ways.
            std::int64_t both = 0;
            for (int y = 0; y < b.rows; ++y)
                for (int x = 0; x < b.cols; ++x)
                    both += b.same(after, own, y, x) && b.same(after, other, y, x);
            e.ambiguousPixels = both;
            const double ownOnly = total - double(ch.count) - double(both);
            e.method = AuditMethod::Mask;
            e.shareLo = ownOnly / total;
            e.shareHi = (ownOnly + double(both)) / total;
            s.push_back({kMask, {{"box", boxText(ch.box)}, {"partner", partner}}});
        }
        if (best.size() > 1)
            s.push_back({b.targetOther[std::size_t(i)] >= 0 && d.labels[std::size_t(j)] == b.targetOther[std::size_t(i)]
                             ? kAmbiguousNamed
                             : kAmbiguous,
                         {{"partner", partner}},
                         {{"elements", elementList(best)}}});
        return;
    }
    // A blend: the usual partners and the target's class first, then every
    // element whose sampled values fit (within a budget of work).
    std::vector<int> tried = b.rulePartners(i);
    const int other = b.targetOther[std::size_t(i)];
    if (other >= 0)
        for (int j : b.ofClass[std::size_t(other)]) {
            if (tried.size() >= 12)
                break;
            if (j != i && std::find(tried.begin(), tried.end(), j) == tried.end())
                tried.push_back(j);
        }
    auto attempt = [&](int j) {
        const auto r = explainBlend(b, after, own, d.before[std::size_t(j)]);
        if (!r)
            return false;
        e.method = AuditMethod::MixUp;
        e.partner = j;
        e.candidates = {j};
        e.shareLo = r->lams.lo;
        e.shareHi = r->lams.hi;
        e.residual = r->rms;
        const std::vector<Phrase> arithmetic = arithmeticList(r->arithmetic);
        e.arithmetic = phraseText(arithmetic);
        e.explanation = {{kBlend,
                          {{"partner", std::to_string(j)}, {"lam", shareText(r->lams.lo, r->lams.hi)}},
                          {{"arithmetic", arithmetic}}}};
        return true;
    };
    for (int j : tried)
        if (attempt(j))
            return;
    const std::vector<double> as = sampleValues(after, 32), xs = sampleValues(own, 32);
    std::vector<std::pair<double, int>> fits;
    bool searched = false;
    if (b.scanBudget.fetch_sub(std::int64_t(b.n) * std::int64_t(as.size())) > 0) {
        searched = true;
        for (int j = 0; j < b.n; ++j)
            if (j != i)
                fits.emplace_back(leastSquares(as, xs, sampleValues(d.before[std::size_t(j)], 32)).second, j);
        std::sort(fits.begin(), fits.end());
        for (std::size_t c = 0; c < std::min<std::size_t>(2, fits.size()); ++c)
            if (std::find(tried.begin(), tried.end(), fits[c].second) == tried.end() && attempt(fits[c].second))
                return;
    }
    e.method = AuditMethod::Unexplained;
    std::vector<Phrase>& s = e.explanation;
    s = {{kDiffer, {{"pixels", std::to_string(ch.count)}}}};
    if (!fits.empty()) {
        e.residual = fits.front().first;
        s.push_back(
            {kNoBlend, {{"best", std::to_string(fits.front().second)}, {"rms", formatFixed(fits.front().first, 2)}}});
    } else if (!searched) {
        s.push_back({kNoBlendTried, {}, {{"elements", elementList(tried)}}});
    }
    s.push_back({kOtherTransforms});
}

} // namespace

std::span<const std::string_view> auditphrases::explain()
{
    return kPhrases;
}

std::string explanationText(const PixelExplanation& e, const DescribeContext& context)
{
    return phraseText(e.explanation, context);
}

std::vector<PixelExplanation> explainDump(const AuditDump& dump, const AuditControl& control)
{
    const int n = int(dump.before.size());
    std::vector<PixelExplanation> out(static_cast<std::size_t>(n));
    if (n == 0)
        return out;
    Batch b(dump);
    const ProbeIndex index(b);
    std::atomic<int> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureLock;
    auto work = [&] {
        for (int i; !stop && (i = next++) < n;) {
            if (control.cancel && control.cancel->load()) {
                stop = true;
                break;
            }
            try {
                explainElement(b, index, i, out[std::size_t(i)]);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failureLock);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
                break;
            }
            const int k = ++done;
            if (control.progress)
                control.progress(k, n);
        }
    };
    const int threads = std::clamp(int(std::thread::hardware_concurrency()), 1, std::min(4, n));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    if (control.cancel && control.cancel->load())
        throw AuditCancelled();
    return out;
}

} // namespace cutmix
