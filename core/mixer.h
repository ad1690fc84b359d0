// Pasting B's box into a copy of A, and bringing a pair to one size and type
// first. Sources are never modified.
#pragma once

#include "box.h"
#include "draw.h"

#include <opencv2/core.hpp>

namespace cutmix
{

// Converts src to the given depth (8 <-> 16 bit scale by 257, so white stays
// white) and channel count (gray -> BGR replicates, BGR -> gray uses the
// luma weights, an added alpha channel is opaque, a dropped one is ignored).
cv::Mat convertLike(const cv::Mat& src, int depth, int channels);

struct PreparedPair {
    cv::Mat a; // may share A's pixels (a crop is a view)
    cv::Mat b; // B converted to A's type, at the mixed size
};

// Brings B to A's depth and channels, and both to mixedSize(): B resized to
// A's size (area interpolation when shrinking, linear when enlarging), or
// both centre-cropped to their common size.
PreparedPair preparePair(const cv::Mat& a, const cv::Mat& b, ResizePolicy policy);

// A with the pixels of B inside box; a and b must have the same size and type.
cv::Mat pasteBox(const cv::Mat& a, const cv::Mat& b, const Box& box);
// The same into `out`, reusing its buffer when it already has the right size
// and type (a new 100 MB buffer per redraw costs more in page faults than
// the copy itself). Whoever else shares out's buffer sees the new pixels.
void pasteBoxInto(const cv::Mat& a, const cv::Mat& b, const Box& box, cv::Mat& out);

// Which image each pixel of the result comes from: 0 for A, 255 for B.
cv::Mat sourceMask(Size size, const Box& box);

// preparePair + pasteBox for a draw made from these two images' sizes.
cv::Mat mixPair(const cv::Mat& a, const cv::Mat& b, const Draw& d);

Size sizeOf(const cv::Mat& m);

} // namespace cutmix
