#include "mixer.h"

#include "error.h"
#include "method.h"
#include "objects.h"
#include "rng.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

namespace cutmix
{

namespace
{

// Cutout's noise has its own stream.
constexpr std::uint64_t kNoiseTag = 0x6e6f697365000000ull; // "noise"

cv::Mat centreCrop(const cv::Mat& m, Size s)
{
    const int x = (m.cols - s.width) / 2;
    const int y = (m.rows - s.height) / 2;
    return m(cv::Rect(x, y, s.width, s.height));
}

Box insideOf(const Box& box, const cv::Mat& m)
{
    return clippedTo(box, sizeOf(m));
}

// Rows are independent: large images are split over threads, and the bytes
// never depend on the split.
template <typename Rows> void forRows(const cv::Mat& m, Rows rows)
{
    if (m.step * static_cast<std::size_t>(m.rows) >= (std::size_t(8) << 20))
        cv::parallel_for_(cv::Range(0, m.rows), rows, m.rows / 64.0);
    else
        rows(cv::Range(0, m.rows));
}

void checkSame(const cv::Mat& a, const cv::Mat& b, const char* what)
{
    if (a.size() != b.size() || a.type() != b.type())
        throw Error(std::string(what) + " needs images of the same size and type");
}

} // namespace

cv::Mat resizedTo(const cv::Mat& m, Size s)
{
    if (sizeOf(m) == s)
        return m;
    cv::Mat out;
    const bool shrinking = static_cast<long long>(m.cols) * m.rows > s.area();
    cv::resize(m, out, cv::Size(s.width, s.height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    return out;
}

void checkImageType(const cv::Mat& m, const std::string& what)
{
    if (m.empty())
        throw Error(what + ": the image is empty");
    const int depth = m.depth();
    const int ch = m.channels();
    if ((depth != CV_8U && depth != CV_16U) || (ch != 1 && ch != 3 && ch != 4))
        throw Error(what + ": unsupported pixel type (" + std::to_string(ch) +
                    " channels; only 8- or 16-bit images with 1, 3 or 4 channels are supported)");
}

Size sizeOf(const cv::Mat& m)
{
    return {m.cols, m.rows};
}

cv::Mat convertLike(const cv::Mat& src, int depth, int channels)
{
    cv::Mat out = src;
    if (out.depth() != depth) {
        const double scale = depth == CV_16U ? 257.0 : 1.0 / 257.0;
        out.convertTo(out, CV_MAKETYPE(depth, out.channels()), scale);
    }
    const int from = out.channels();
    if (from == channels)
        return out;
    static const int codes[5][5] = {
        // to:  -, 1, -, 3, 4
        {0, 0, 0, 0, 0},
        {0, 0, 0, cv::COLOR_GRAY2BGR, cv::COLOR_GRAY2BGRA},
        {0, 0, 0, 0, 0},
        {0, cv::COLOR_BGR2GRAY, 0, 0, cv::COLOR_BGR2BGRA},
        {0, cv::COLOR_BGRA2GRAY, 0, cv::COLOR_BGRA2BGR, 0},
    };
    cv::Mat converted;
    cv::cvtColor(out, converted, codes[from][channels]);
    return converted;
}

std::vector<cv::Mat> prepareSources(const std::vector<cv::Mat>& images, ResizePolicy policy)
{
    if (images.empty())
        throw Error("no images to mix");
    for (std::size_t i = 0; i < images.size(); ++i)
        checkImageType(images[i], i == 0 ? "image A" : i == 1 ? "image B" : "source " + std::to_string(i + 1));
    std::vector<Size> sizes;
    for (const cv::Mat& m : images)
        sizes.push_back(sizeOf(m));
    const Size s = mixedSize(sizes, policy);
    const cv::Mat& a = images.front();
    std::vector<cv::Mat> out;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const cv::Mat m = i == 0 ? a : convertLike(images[i], a.depth(), a.channels());
        out.push_back(policy == ResizePolicy::CenterCrop ? centreCrop(m, s) : resizedTo(m, s));
    }
    return out;
}

Size preparedSize(const Draw& d, int k)
{
    return d.method().sourceSize ? d.method().sourceSize(d, k) : d.size;
}

std::vector<cv::Mat> prepareForDraw(const std::vector<cv::Mat>& images, const Draw& d)
{
    if (!d.method().sourceSize)
        return prepareSources(images, d.params.resize);
    if (static_cast<int>(images.size()) < d.sources)
        throw Error(std::string(d.method().title) + " mixes " + std::to_string(d.sources) + " images, but " +
                    std::to_string(images.size()) + " were given");
    std::vector<cv::Mat> out;
    for (int k = 0; k < d.sources; ++k) {
        const cv::Mat& m = images[std::size_t(k)];
        checkImageType(m, k == 0 ? "image A" : k == 1 ? "image B" : "source " + std::to_string(k + 1));
        const cv::Mat converted = k == 0 ? m : convertLike(m, images[0].depth(), images[0].channels());
        const Size s = preparedSize(d, k);
        if (sizeOf(converted) == s) {
            out.push_back(converted);
            continue;
        }
        cv::Mat r;
        cv::resize(converted, r, cv::Size(s.width, s.height), 0, 0, cv::INTER_LINEAR);
        out.push_back(r);
    }
    return out;
}

PreparedPair preparePair(const cv::Mat& a, const cv::Mat& b, ResizePolicy policy)
{
    const std::vector<cv::Mat> p = prepareSources({a, b}, policy);
    return {p[0], p[1]};
}

void mixDrawInto(const std::vector<cv::Mat>& prepared, const Draw& d, cv::Mat& out)
{
    if (static_cast<int>(prepared.size()) < d.sources)
        throw Error("this draw mixes " + std::to_string(d.sources) + " images, but " + std::to_string(prepared.size()) +
                    " were given");
    for (int i = 0; i < d.sources; ++i) {
        if (sizeOf(prepared[i]) != preparedSize(d, i))
            throw Error("the images are not of the draw's size");
        if (i > 0 && prepared[i].type() != prepared[0].type())
            throw Error("mixing needs images of the same type");
    }
    d.method().paint(prepared, d, out);
}

std::optional<Box> repaintInto(const std::vector<cv::Mat>& prepared, const Draw& d, cv::Mat& out,
                               const std::optional<Box>& held)
{
    const std::optional<Box> box = d.method().pastedBox ? d.method().pastedBox(d) : std::nullopt;
    if (!box || !held || out.empty() || prepared.size() < 2 || sizeOf(out) != d.size ||
        out.type() != prepared[0].type()) {
        mixDrawInto(prepared, d, out);
        return box;
    }
    // out holds A with B in the held box: A back where only that box was, B
    // where only the new one is; where both overlap, B stays.
    auto copyBox = [&](const cv::Mat& from, const Box& b) {
        if (b.area() > 0) {
            const cv::Rect r(b.x1, b.y1, b.width(), b.height());
            from(r).copyTo(out(r));
        }
    };
    for (const Box& b : boxMinus(*held, *box))
        copyBox(prepared[0], b);
    for (const Box& b : boxMinus(*box, *held))
        copyBox(prepared[1], b);
    return box;
}

std::optional<std::vector<Box>> changedBetween(const std::optional<Box>& before, const std::optional<Box>& after)
{
    if (!before || !after)
        return std::nullopt;
    std::vector<Box> changes = boxMinus(*before, *after);
    for (const Box& b : boxMinus(*after, *before))
        changes.push_back(b);
    return changes;
}

cv::Mat mixDraw(const std::vector<cv::Mat>& prepared, const Draw& d)
{
    cv::Mat out;
    mixDrawInto(prepared, d, out);
    return out;
}

cv::Mat mixImages(const std::vector<cv::Mat>& images, const Draw& d)
{
    if (sizeOf(images.at(0)) != d.sizeA || (images.size() > 1 && d.sources > 1 && sizeOf(images[1]) != d.sizeB))
        throw Error("the draw was made for images of another size");
    const std::vector<cv::Mat> used(images.begin(), images.begin() + std::min<std::size_t>(images.size(), d.sources));
    return mixDraw(prepareForDraw(used, d), d);
}

cv::Mat mixPair(const cv::Mat& a, const cv::Mat& b, const Draw& d)
{
    return mixImages({a, b}, d);
}

bool hasSourceMap(const Draw& d)
{
    return d.method().sourceMap != nullptr;
}

cv::Mat sourceMap(const Draw& d)
{
    if (!hasSourceMap(d))
        throw Error(std::string(d.method().family) +
                    " blends every pixel of both images: there is no map of where pixels come from");
    cv::Mat map;
    d.method().sourceMap(d, map);
    return map;
}

cv::Mat prepareLabels(const cv::Mat& label, Size sourceSize, const Draw& d, int k)
{
    const Method& m = d.method();
    if (label.empty() || label.channels() != 1 || (label.depth() != CV_8U && label.depth() != CV_16U))
        throw Error("mask " + std::to_string(k + 1) + " is not a one-channel 8- or 16-bit image", Setting::Masks);
    if (sizeOf(label) != sourceSize)
        throw Error("mask " + std::to_string(k + 1) + " is " + std::to_string(label.cols) + "x" +
                        std::to_string(label.rows) + ", its image " + std::to_string(sourceSize.width) + "x" +
                        std::to_string(sourceSize.height),
                    Setting::Masks);
    cv::Mat m16;
    label.convertTo(m16, CV_16U); // one depth for all; the values stay
    const Size to = preparedSize(d, k);
    if (d.params.resize == ResizePolicy::CenterCrop && !m.sourceSize)
        return centreCrop(m16, d.size);
    if (sizeOf(m16) != to) {
        cv::Mat r;
        cv::resize(m16, r, cv::Size(to.width, to.height), 0, 0, cv::INTER_NEAREST_EXACT);
        return r;
    }
    return m16;
}

cv::Mat mixLabels(const std::vector<cv::Mat>& labels, const std::vector<Size>& sourceSizes, const Draw& d)
{
    const Method& m = d.method();
    if (!m.paintLabels)
        throw Error(std::string(m.title) + " blends every pixel of both images: no pixel has the label of one source",
                    Setting::Masks);
    if (static_cast<int>(labels.size()) != d.sources || sourceSizes.size() != labels.size())
        throw Error("this draw mixes " + std::to_string(d.sources) + " images, but " + std::to_string(labels.size()) +
                        " masks were given",
                    Setting::Masks);
    std::vector<cv::Mat> prepared;
    for (std::size_t k = 0; k < labels.size(); ++k)
        prepared.push_back(prepareLabels(labels[k], sourceSizes[k], d, int(k)));
    return paintPreparedLabels(prepared, d);
}

cv::Mat paintPreparedLabels(const std::vector<cv::Mat>& prepared, const Draw& d)
{
    const Method& m = d.method();
    if (!m.paintLabels)
        throw Error(std::string(m.title) + " blends every pixel of both images: no pixel has the label of one source",
                    Setting::Masks);
    if (static_cast<int>(prepared.size()) != d.sources)
        throw Error("this draw mixes " + std::to_string(d.sources) + " images, but " + std::to_string(prepared.size()) +
                        " masks were given",
                    Setting::Masks);
    cv::Mat out;
    m.paintLabels(prepared, d, out);
    return out;
}

cv::Mat narrowedMask(cv::Mat mixed, bool wide)
{
    if (!wide)
        mixed.convertTo(mixed, CV_8U);
    return mixed;
}

cv::Mat mixedMask(const std::vector<cv::Mat>& masks, const std::vector<Size>& sourceSizes, const Draw& d, bool wide)
{
    for (const cv::Mat& m : masks)
        wide = wide || m.depth() == CV_16U;
    return narrowedMask(mixLabels(masks, sourceSizes, d), wide);
}

std::vector<cv::Mat> renumberedInstances(const std::vector<cv::Mat>& masks, const std::vector<std::vector<int>>& ids)
{
    std::vector<cv::Mat> out;
    for (std::size_t k = 0; k < masks.size(); ++k) {
        const cv::Mat& m = masks[k];
        if (m.empty() || m.channels() != 1 || (m.depth() != CV_8U && m.depth() != CV_16U))
            throw Error("instance mask " + std::to_string(k + 1) + " is not a one-channel 8- or 16-bit image",
                        Setting::Masks);
        cv::Mat m16;
        m.convertTo(m16, CV_16U);
        cv::Mat r(m16.size(), CV_16U);
        const std::vector<int>& to = ids.at(k);
        for (int y = 0; y < m16.rows; ++y) {
            const auto* in = m16.ptr<std::uint16_t>(y);
            auto* o = r.ptr<std::uint16_t>(y);
            for (int x = 0; x < m16.cols; ++x) {
                const std::size_t id = in[x];
                o[x] = static_cast<std::uint16_t>(id >= 1 && id <= to.size() ? to[id - 1] : 0);
            }
        }
        out.push_back(r);
    }
    return out;
}

cv::Mat mixedInstanceMask(const std::vector<cv::Mat>& masks, const std::vector<Size>& sourceSizes, const Draw& d,
                          const std::vector<CarriedObject>& carried)
{
    // The depth written is the masks' as read, 16-bit only past 255 kept
    // objects (the renumbered masks are 16-bit: mixedMask would take their
    // depth and always write 16 bits).
    bool wide = std::count_if(carried.begin(), carried.end(), [](const CarriedObject& o) { return o.kept; }) > 255;
    for (const cv::Mat& m : masks)
        wide = wide || m.depth() == CV_16U;
    return narrowedMask(mixLabels(renumberedInstances(masks, keptInstanceIds(carried, masks.size())), sourceSizes, d),
                        wide);
}

void checkInstanceIds(const cv::Mat& mask, std::size_t objects, const std::string& what)
{
    if (mask.empty() || mask.channels() != 1)
        return; // not a label image: mixLabels names that
    double largest = 0.0;
    cv::Point at;
    cv::minMaxLoc(mask, nullptr, &largest, nullptr, &at);
    if (largest > double(objects))
        throw Error(what + ": pixel (" + std::to_string(at.x) + ", " + std::to_string(at.y) + ") has instance id " +
                    std::to_string(static_cast<long long>(largest)) + ", but its image has " +
                    (objects == 0   ? std::string("no objects")
                     : objects == 1 ? std::string("1 object")
                                    : std::to_string(objects) + " objects") +
                    " (an instance id is the number of an object in its label file, from 1; 0 is none)");
}

void pasteBoxInto(const cv::Mat& a, const cv::Mat& b, const Box& box, cv::Mat& out)
{
    checkSame(a, b, "pasteBox");
    if (out.data == a.data || out.data == b.data)
        out.release(); // never write into a source
    const Box inside = insideOf(box, a);
    out.create(a.size(), a.type());
    const std::size_t px = a.elemSize();
    const std::size_t rowBytes = px * a.cols;
    const bool hasBox = inside.width() > 0 && inside.height() > 0;
    // One pass, each output byte written once: rows outside the box come from
    // A whole; rows through it are A | B | A.
    forRows(a, [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) {
            auto* dst = out.ptr<std::uint8_t>(y);
            const auto* ra = a.ptr<std::uint8_t>(y);
            if (!hasBox || y < inside.y1 || y >= inside.y2) {
                std::memcpy(dst, ra, rowBytes);
                continue;
            }
            const auto* rb = b.ptr<std::uint8_t>(y);
            const std::size_t l = px * inside.x1;
            const std::size_t r = px * inside.x2;
            std::memcpy(dst, ra, l);
            std::memcpy(dst + l, rb + l, r - l);
            std::memcpy(dst + r, ra + r, rowBytes - r);
        }
    });
}

cv::Mat pasteBox(const cv::Mat& a, const cv::Mat& b, const Box& box)
{
    cv::Mat out;
    pasteBoxInto(a, b, box, out);
    return out;
}

void pasteMoreBoxes(const std::vector<cv::Mat>& sources, const std::vector<std::pair<int, Box>>& boxes, cv::Mat& out)
{
    for (const auto& [source, box] : boxes) {
        const Box inside = insideOf(box, out);
        if (inside.width() <= 0 || inside.height() <= 0)
            continue;
        const cv::Rect r(inside.x1, inside.y1, inside.width(), inside.height());
        sources.at(static_cast<std::size_t>(source))(r).copyTo(out(r));
    }
}

void pasteResizedInto(const cv::Mat& a, const cv::Mat& b, const Box& box, cv::Mat& out)
{
    checkSame(a, b, "ResizeMix");
    if (out.data == a.data || out.data == b.data)
        out.release();
    a.copyTo(out);
    const Box inside = insideOf(box, a);
    if (inside != box)
        throw Error("the ResizeMix patch does not lie inside the image");
    if (box.width() <= 0 || box.height() <= 0)
        return;
    cv::Mat patch;
    cv::resize(b, patch, cv::Size(box.width(), box.height()), 0, 0, cv::INTER_AREA);
    patch.copyTo(out(cv::Rect(box.x1, box.y1, box.width(), box.height())));
}

namespace
{

// Round half to even for 0 <= x < 2^23 (float) or 2^52 (double): adding and
// subtracting 2^23 (2^52) rounds to an integer in the default rounding mode,
// ties to even, as np.rint does; branch-free and vectorisable, unlike rint().
inline float rintSmall(float x)
{
    constexpr float big = 8388608.0f;
    return (x + big) - big;
}

inline double rintSmall(double x)
{
    constexpr double big = 4503599627370496.0;
    return (x + big) - big;
}

template <typename T>
void blendRows(const cv::Mat& a, const cv::Mat& b, double lam, MixupRounding rounding, cv::Mat& out)
{
    const std::size_t n = static_cast<std::size_t>(a.cols) * a.channels();
    // timm's fast collate: float32 arrays times Python floats, which NumPy
    // rounds to float32 first (lam, and 1 - lam computed in double), each
    // product and the sum rounded to float32, then np.rint (half to even).
    // A convex blend of values in [0, max] stays in [0, max] up to rounding,
    // so the result is clamped only for that last ulp.
    const float l32 = static_cast<float>(lam), m32 = static_cast<float>(1.0 - lam);
    const float top32 = static_cast<float>(std::numeric_limits<T>::max());
    const double top = static_cast<double>(std::numeric_limits<T>::max());
    forRows(a, [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) {
            const T* pa = a.ptr<T>(y);
            const T* pb = b.ptr<T>(y);
            T* po = out.ptr<T>(y);
            if (rounding == MixupRounding::Timm) {
                for (std::size_t i = 0; i < n; ++i) {
                    const float ta = static_cast<float>(pa[i]) * l32;
                    const float tb = static_cast<float>(pb[i]) * m32;
                    po[i] = static_cast<T>(std::min(rintSmall(ta + tb), top32));
                }
            } else {
                for (std::size_t i = 0; i < n; ++i)
                    po[i] = static_cast<T>(std::min(rintSmall(pa[i] * lam + pb[i] * (1.0 - lam)), top));
            }
        }
    });
}

} // namespace

void blendInto(const cv::Mat& a, const cv::Mat& b, double lam, MixupRounding rounding, cv::Mat& out)
{
    checkSame(a, b, "MixUp");
    if (out.data == a.data || out.data == b.data)
        out.release();
    out.create(a.size(), a.type());
    if (a.depth() == CV_16U)
        blendRows<std::uint16_t>(a, b, lam, rounding, out);
    else
        blendRows<std::uint8_t>(a, b, lam, rounding, out);
}

void selectInto(const cv::Mat& a, const cv::Mat& b, const cv::Mat& map, cv::Mat& out)
{
    checkSame(a, b, "a mask");
    if (map.size() != a.size() || map.type() != CV_8UC1)
        throw Error("the mask is not of the images' size");
    if (out.data == a.data || out.data == b.data)
        out.release();
    a.copyTo(out);
    b.copyTo(out, map);
}

void fillBoxInto(const cv::Mat& a, const Box& box, CutoutFill fill, int value, std::uint64_t seed, std::uint64_t index,
                 cv::Mat& out)
{
    if (out.data == a.data)
        out.release();
    a.copyTo(out);
    const Box inside = insideOf(box, a);
    if (inside.width() <= 0 || inside.height() <= 0)
        return;
    const int ch = a.channels();
    const bool wide = a.depth() == CV_16U;
    const int colours = ch == 4 ? 3 : ch;
    const int top = wide ? 65535 : 255;
    Rng rng(seed ^ kNoiseTag, index);
    for (int y = inside.y1; y < inside.y2; ++y)
        for (int x = inside.x1; x < inside.x2; ++x)
            for (int c = 0; c < ch; ++c) {
                int v = top; // an alpha channel stays opaque
                if (c < colours)
                    v = fill == CutoutFill::Noise ? uniformIndex(rng.uniform(), top + 1) : value * (wide ? 257 : 1);
                if (wide)
                    out.ptr<std::uint16_t>(y)[x * ch + c] = static_cast<std::uint16_t>(v);
                else
                    out.ptr<std::uint8_t>(y)[x * ch + c] = static_cast<std::uint8_t>(v);
            }
}

cv::Mat boxMap(Size size, const std::vector<std::pair<int, Box>>& boxes)
{
    cv::Mat map(size.height, size.width, CV_8UC1, cv::Scalar(0));
    for (const auto& [value, box] : boxes) {
        const Box inside = clippedTo(box, size);
        if (inside.width() > 0 && inside.height() > 0)
            map(cv::Rect(inside.x1, inside.y1, inside.width(), inside.height())).setTo(value);
    }
    return map;
}

} // namespace cutmix
