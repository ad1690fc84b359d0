#include "mixer.h"

#include "error.h"
#include "imageio.h"

#include <cstring>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

namespace cutmix
{

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

namespace
{

cv::Mat centreCrop(const cv::Mat& m, Size s)
{
    const int x = (m.cols - s.width) / 2;
    const int y = (m.rows - s.height) / 2;
    return m(cv::Rect(x, y, s.width, s.height));
}

} // namespace

PreparedPair preparePair(const cv::Mat& a, const cv::Mat& b, ResizePolicy policy)
{
    checkImageType(a, "image A");
    checkImageType(b, "image B");
    PreparedPair p;
    cv::Mat bc = convertLike(b, a.depth(), a.channels());
    const Size s = mixedSize(sizeOf(a), sizeOf(b), policy);
    if (policy == ResizePolicy::CenterCrop) {
        p.a = centreCrop(a, s);
        p.b = centreCrop(bc, s);
        return p;
    }
    p.a = a;
    if (sizeOf(bc) == s) {
        p.b = bc;
    } else {
        const bool shrinking = static_cast<long long>(bc.cols) * bc.rows > static_cast<long long>(s.width) * s.height;
        cv::resize(bc, p.b, cv::Size(s.width, s.height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    return p;
}

void pasteBoxInto(const cv::Mat& a, const cv::Mat& b, const Box& box, cv::Mat& out)
{
    if (a.size() != b.size() || a.type() != b.type())
        throw Error("pasteBox needs two images of the same size and type");
    if (out.data == a.data || out.data == b.data)
        out.release(); // never write into a source
    const Box inside{std::clamp(box.x1, 0, a.cols), std::clamp(box.y1, 0, a.rows), std::clamp(box.x2, 0, a.cols),
                     std::clamp(box.y2, 0, a.rows)};
    out.create(a.size(), a.type());
    const std::size_t px = a.elemSize();
    const std::size_t rowBytes = px * a.cols;
    const bool hasBox = inside.width() > 0 && inside.height() > 0;
    // One pass, each output byte written once: rows outside the box come from
    // A whole; rows through it are A | B | A. Rows are independent, so large
    // images are split over threads; the bytes never depend on the split.
    auto rows = [&](const cv::Range& range) {
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
    };
    if (rowBytes * static_cast<std::size_t>(a.rows) >= (std::size_t(8) << 20))
        cv::parallel_for_(cv::Range(0, a.rows), rows, a.rows / 64.0);
    else
        rows(cv::Range(0, a.rows));
}

cv::Mat pasteBox(const cv::Mat& a, const cv::Mat& b, const Box& box)
{
    cv::Mat out;
    pasteBoxInto(a, b, box, out);
    return out;
}

cv::Mat sourceMask(Size size, const Box& box)
{
    cv::Mat mask(size.height, size.width, CV_8UC1, cv::Scalar(0));
    const cv::Rect r = cv::Rect(box.x1, box.y1, box.width(), box.height()) & cv::Rect(0, 0, size.width, size.height);
    if (r.area() > 0)
        mask(r).setTo(255);
    return mask;
}

cv::Mat mixPair(const cv::Mat& a, const cv::Mat& b, const Draw& d)
{
    if (sizeOf(a) != d.sizeA || sizeOf(b) != d.sizeB)
        throw Error("the draw was made for images of another size");
    const PreparedPair p = preparePair(a, b, d.resize);
    return pasteBox(p.a, p.b, d.geometry.box);
}

} // namespace cutmix
