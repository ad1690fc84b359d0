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

QImage shrinkForDisplay(const QImage& image, QSize target)
{
    const bool gray = image.format() == QImage::Format_Grayscale8;
    const QImage src = gray ? image : image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    // A read-only header over the QImage's rows; resize writes a new Mat.
    const cv::Mat in(src.height(), src.width(), gray ? CV_8UC1 : CV_8UC4, const_cast<uchar*>(src.constBits()),
                     static_cast<std::size_t>(src.bytesPerLine()));
    // Halvings by area averaging (OpenCV's fast path is the exact 2x case),
    // then bilinear for the factor below 2 that remains: close to a full area
    // resize at a fraction of its cost, which matters for 6000x4000 images.
    // The halvings write into buffers kept from the last call on this thread:
    // a redraw of a 6000x4000 result would otherwise fault in a fresh 24 MB
    // buffer every time (the returned image itself is small and new).
    thread_local std::vector<cv::Mat> halves;
    cv::Mat reduced = in;
    for (std::size_t level = 0; reduced.cols / 2 >= target.width() && reduced.rows / 2 >= target.height(); ++level) {
        if (halves.size() <= level)
            halves.emplace_back();
        cv::resize(reduced, halves[level], cv::Size(reduced.cols / 2, reduced.rows / 2), 0, 0, cv::INTER_AREA);
        reduced = halves[level];
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
