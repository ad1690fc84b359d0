// The one conversion point between cv::Mat (core, BGR(A), 8 or 16 bit) and
// QImage (Qt, RGB(A), shown on screen). Everything else in ui/ passes plain
// values or already-converted images.
#pragma once

#include <QImage>
#include <opencv2/core.hpp>
#include <vector>

namespace cutmix::render
{

// An 8-bit, 4-channel image in the memory layout of QImage's fastest format,
// ARGB32_Premultiplied (bytes B, G, R, A on little-endian machines): gray and
// BGR get an opaque alpha, BGRA is premultiplied; 16-bit values are divided
// by 257. Always a new buffer.
cv::Mat toDisplayOrder(const cv::Mat& m);

// A QImage over the pixels of a display-order Mat (4 channels), or of a
// single-channel mask (Grayscale8), without copying: it holds a reference to
// the Mat's buffer (OpenCV's reference count) until the last QImage copy is
// gone, and reads rows with the Mat's stride (mat.step).
QImage wrapDisplay(const cv::Mat& display);

// A display image (ARGB32_Premultiplied or Grayscale8) shrunk to `target`
// with OpenCV's vectorised resize (area halvings, then bilinear): several
// times faster than QImage::scaled, which matters when the result is redrawn
// while alpha is dragged.
QImage shrinkForDisplay(const QImage& image, QSize target);

// shrinkForDisplay that keeps its halvings: when the next image differs from
// the last one only inside some rectangles (a box moved), only those parts of
// each halving are redone, which gives exactly the same image as shrinking it
// whole. Where the halvings are not exact 2x steps (odd sides), or nothing is
// known about the change, it shrinks whole.
class Shrinker
{
public:
    QImage shrink(const QImage& image, QSize target);
    // `changed`: the rectangles (image pixels) where `image` differs from the
    // image of the last call.
    QImage update(const QImage& image, QSize target, const std::vector<QRect>& changed);

private:
    std::vector<cv::Mat> levels_;
    QSize source_;
    QSize target_;
    int format_ = 0;
};

// toDisplayOrder + wrapDisplay.
QImage toQImage(const cv::Mat& m);

} // namespace cutmix::render
