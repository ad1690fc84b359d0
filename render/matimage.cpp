#include "matimage.h"

#include <opencv2/imgproc.hpp>
#include <vector>

namespace cutmix::render
{

cv::Mat toDisplayOrder(const cv::Mat& m)
{
    cv::Mat eight;
    if (m.depth() == CV_8U)
        eight = m;
    else
        m.convertTo(eight, CV_MAKETYPE(CV_8U, m.channels()), 1.0 / 257.0);
    cv::Mat out;
    switch (eight.channels()) {
    case 1:
        cv::cvtColor(eight, out, cv::COLOR_GRAY2BGRA);
        break;
    case 3:
        cv::cvtColor(eight, out, cv::COLOR_BGR2BGRA);
        break;
    default:
        cv::cvtColor(eight, out, cv::COLOR_RGBA2mRGBA); // premultiply; channel order is unchanged
    }
    return out;
}

QImage wrapDisplay(const cv::Mat& display)
{
    const QImage::Format format =
        display.channels() == 4 ? QImage::Format_ARGB32_Premultiplied : QImage::Format_Grayscale8;
    // The heap copy of the header keeps the pixel buffer's reference count up
    // for as long as the QImage (and its implicit copies) need it.
    auto* keeper = new cv::Mat(display);
    return QImage(
        keeper->data, keeper->cols, keeper->rows, static_cast<qsizetype>(keeper->step), format,
        [](void* p) { delete static_cast<cv::Mat*>(p); }, keeper);
}

namespace
{

// A read-only header over a display QImage's rows.
cv::Mat headerOf(const QImage& src)
{
    const bool gray = src.format() == QImage::Format_Grayscale8;
    return cv::Mat(src.height(), src.width(), gray ? CV_8UC1 : CV_8UC4, const_cast<uchar*>(src.constBits()),
                   static_cast<std::size_t>(src.bytesPerLine()));
}

QImage displayFormat(const QImage& image)
{
    return image.format() == QImage::Format_Grayscale8 ? image
                                                       : image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

} // namespace

QImage shrinkForDisplay(const QImage& image, QSize target)
{
    Shrinker s;
    return s.shrink(image, target);
}

QImage Shrinker::shrink(const QImage& image, QSize target)
{
    const QImage src = displayFormat(image);
    const cv::Mat in = headerOf(src);
    // Halvings by area averaging (OpenCV's fast path is the exact 2x case),
    // then bilinear for the factor below 2 that remains: close to a full area
    // resize at a fraction of its cost, which matters for 6000x4000 images.
    // The halvings stay (and their buffers are reused): a redraw of a
    // 6000x4000 result would otherwise fault in a fresh 24 MB buffer every
    // time, and an update can redo only what changed.
    cv::Mat reduced = in;
    std::size_t level = 0;
    for (; reduced.cols / 2 >= target.width() && reduced.rows / 2 >= target.height(); ++level) {
        if (levels_.size() <= level)
            levels_.emplace_back();
        cv::resize(reduced, levels_[level], cv::Size(reduced.cols / 2, reduced.rows / 2), 0, 0, cv::INTER_AREA);
        reduced = levels_[level];
    }
    levels_.resize(level);
    source_ = src.size();
    target_ = target;
    format_ = int(src.format());
    cv::Mat out;
    cv::resize(reduced, out, cv::Size(target.width(), target.height()), 0, 0, cv::INTER_LINEAR);
    return wrapDisplay(out);
}

QImage Shrinker::update(const QImage& image, QSize target, const std::vector<QRect>& changed)
{
    const QImage src = displayFormat(image);
    if (src.size() != source_ || target != target_ || int(src.format()) != format_ || levels_.empty())
        return shrink(image, target);
    // Only exact 2x steps are local (each output pixel the mean of its 2 x 2
    // block); anything else is shrunk whole.
    cv::Mat reduced = headerOf(src);
    for (const cv::Mat& l : levels_) {
        if (reduced.cols % 2 || reduced.rows % 2)
            return shrink(image, target);
        reduced = l;
    }
    std::vector<cv::Rect> rects;
    for (const QRect& r : changed)
        if (!r.isEmpty())
            rects.emplace_back(r.x(), r.y(), r.width(), r.height());
    reduced = headerOf(src);
    for (cv::Mat& l : levels_) {
        std::vector<cv::Rect> next;
        for (cv::Rect r : rects) {
            // Out to even edges, inside the image: whole 2 x 2 blocks.
            const int x1 = std::max(0, r.x & ~1), y1 = std::max(0, r.y & ~1);
            const int x2 = std::min(reduced.cols, (r.x + r.width + 1) & ~1);
            const int y2 = std::min(reduced.rows, (r.y + r.height + 1) & ~1);
            if (x2 <= x1 || y2 <= y1)
                continue;
            const cv::Rect in(x1, y1, x2 - x1, y2 - y1);
            const cv::Rect out(x1 / 2, y1 / 2, in.width / 2, in.height / 2);
            cv::Mat dst = l(out);
            cv::resize(reduced(in), dst, out.size(), 0, 0, cv::INTER_AREA);
            next.push_back(out);
        }
        rects = std::move(next);
        reduced = l;
    }
    cv::Mat out;
    cv::resize(reduced, out, cv::Size(target.width(), target.height()), 0, 0, cv::INTER_LINEAR);
    return wrapDisplay(out);
}

QImage toQImage(const cv::Mat& m)
{
    return wrapDisplay(toDisplayOrder(m));
}

} // namespace cutmix::render
