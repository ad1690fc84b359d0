// Making the result of a draw: bringing the sources to one size and type,
// then the pixel operations the registry's entries paint with (paste a box,
// paste a resized image, blend, select by a map, fill). Sources are never
// modified.
#pragma once

#include "box.h"
#include "draw.h"

#include <opencv2/core.hpp>
#include <optional>
#include <vector>

namespace cutmix
{

struct CarriedObject;

// What the mixing code accepts: 8- or 16-bit, 1, 3 or 4 channels; anything
// else throws cutmix::Error starting with `what`.
void checkImageType(const cv::Mat& m, const std::string& what);
Size sizeOf(const cv::Mat& m);

// Converts src to the given depth (8 <-> 16 bit scale by 257, so white stays
// white) and channel count (gray -> BGR replicates, BGR -> gray uses the
// luma weights, an added alpha channel is opaque, a dropped one is ignored).
cv::Mat convertLike(const cv::Mat& src, int depth, int channels);

// `m` at size `s`: area interpolation when shrinking, linear when enlarging
// (m itself when it has that size already).
cv::Mat resizedTo(const cv::Mat& m, Size s);

// Brings every image to A's depth and channels, and all to one size: the
// others resized to A's size (area interpolation when shrinking, linear when
// enlarging), or all centre-cropped to their common size. images[0] is A.
std::vector<cv::Mat> prepareSources(const std::vector<cv::Mat>& images, ResizePolicy policy);

// The sources as a draw paints them: prepareSources, or for a method that
// brings each source to a size of its own (Mosaic: Method::sourceSize) each
// converted to A's type and resized to that size with linear interpolation.
std::vector<cv::Mat> prepareForDraw(const std::vector<cv::Mat>& images, const Draw& d);
// The size source k of a draw is painted at (the draw's size, or the
// method's own).
Size preparedSize(const Draw& d, int k);

struct PreparedPair {
    cv::Mat a; // may share A's pixels (a crop is a view)
    cv::Mat b; // B converted to A's type, at the mixed size
};
PreparedPair preparePair(const cv::Mat& a, const cv::Mat& b, ResizePolicy policy);

// The result of a draw over prepared sources (prepared[0] is A; at least the
// draw's number of sources), through its registry entry. mixDrawInto reuses
// out's buffer when it already has the right size and type (a new 100 MB
// buffer per redraw costs more in page faults than the copy); whoever else
// shares out's buffer sees the new pixels.
cv::Mat mixDraw(const std::vector<cv::Mat>& prepared, const Draw& d);
void mixDrawInto(const std::vector<cv::Mat>& prepared, const Draw& d, cv::Mat& out);
// mixDrawInto for a redraw: when `held` is the box `out` holds B in (out
// being exactly A with B there, from an earlier call over the same sources)
// and the draw pastes one box of B at its own place too (Method::pastedBox),
// only where the two boxes differ is written (a 6000 x 4000 image is 96 MB to
// copy whole). Returns what out holds now, for the next call.
std::optional<Box> repaintInto(const std::vector<cv::Mat>& prepared, const Draw& d, cv::Mat& out,
                               const std::optional<Box>& held);
// Where two results differ when each is A with B in one box; unset (anywhere)
// when either is not.
std::optional<std::vector<Box>> changedBetween(const std::optional<Box>& before, const std::optional<Box>& after);
// prepareForDraw + mixDraw for images as decoded.
cv::Mat mixImages(const std::vector<cv::Mat>& images, const Draw& d);
cv::Mat mixPair(const cv::Mat& a, const cv::Mat& b, const Draw& d);

// Which source each pixel of the result comes from, 8-bit: 0 for A, 1 for B,
// 2 for the third source, ..., 255 for a filled region (Cutout). Throws
// cutmix::Error for methods whose pixels are blends (MixUp).
bool hasSourceMap(const Draw& d);
cv::Mat sourceMap(const Draw& d);

// Label images through a draw (class masks or instance masks: one channel,
// 8- or 16-bit, one per source, each of its source's size): each brought to
// the mixed size as its source is (by the nearest label, or the centre
// crop), then painted by the method's paintLabels, so every pixel's label is
// that of the source the source map names there. Throws cutmix::Error for a
// method whose pixels are blends, or labels that are not one-channel 8- or
// 16-bit images of their source's size.
cv::Mat mixLabels(const std::vector<cv::Mat>& labels, const std::vector<Size>& sourceSizes, const Draw& d);
// mixLabels in its two steps, for a caller that mixes the same labels by
// many draws of one size (the window): source k's label image brought to
// the mixed size (16-bit; throws as mixLabels does), then the prepared
// labels painted by a draw (the method's paintLabels).
cv::Mat prepareLabels(const cv::Mat& label, Size sourceSize, const Draw& d, int k);
cv::Mat paintPreparedLabels(const std::vector<cv::Mat>& prepared, const Draw& d);
// A mixed label image kept 16-bit when `wide`, else made 8-bit.
cv::Mat narrowedMask(cv::Mat mixed, bool wide);
// The mixed mask as `cutmix mix --masks-out` writes it and the window shows
// and saves it: mixLabels, 8-bit unless a mask is 16-bit or `wide` (instance
// ids above 255).
cv::Mat mixedMask(const std::vector<cv::Mat>& masks, const std::vector<Size>& sourceSizes, const Draw& d,
                  bool wide = false);
// Instance masks (pixel value k = the k-th object of its source, 0 = none)
// renumbered before mixing: `ids[k][j]` is the new id of source k's object
// j + 1 (0 drops it). 16-bit.
std::vector<cv::Mat> renumberedInstances(const std::vector<cv::Mat>& masks, const std::vector<std::vector<int>>& ids);
// The mixed instance mask as `cutmix mix --instances --masks-out` writes it
// and `cutmix export --task segment --instances` exports it: each source's
// ids renumbered by keptInstanceIds (objects.h) of the draw's carried
// objects, mixed by mixLabels, 8-bit unless a mask is 16-bit or more than
// 255 objects are kept. Throws as mixLabels does.
cv::Mat mixedInstanceMask(const std::vector<cv::Mat>& masks, const std::vector<Size>& sourceSizes, const Draw& d,
                          const std::vector<CarriedObject>& carried);
// Throws cutmix::Error starting with `what` (the mask's file) when an
// instance mask holds an id above `objects`, its image's number of objects
// (ids run from 1 to `objects`, 0 for none): such a pixel names no object.
void checkInstanceIds(const cv::Mat& mask, std::size_t objects, const std::string& what);

// ---- the pixel operations

// A with the pixels of B inside box; a and b of the same size and type.
cv::Mat pasteBox(const cv::Mat& a, const cv::Mat& b, const Box& box);
void pasteBoxInto(const cv::Mat& a, const cv::Mat& b, const Box& box, cv::Mat& out);
// out (already A's pixels) gets each box from its source, in order.
void pasteMoreBoxes(const std::vector<cv::Mat>& sources, const std::vector<std::pair<int, Box>>& boxes, cv::Mat& out);
// A with all of B shrunk (area interpolation) into box.
void pasteResizedInto(const cv::Mat& a, const cv::Mat& b, const Box& box, cv::Mat& out);
// lam * A + (1 - lam) * B, rounded to the images' depth by the rule.
void blendInto(const cv::Mat& a, const cv::Mat& b, double lam, MixupRounding rounding, cv::Mat& out);
// A where map is 0, B where it is 1.
void selectInto(const cv::Mat& a, const cv::Mat& b, const cv::Mat& map, cv::Mat& out);
// A with box filled: every colour channel `value` (times 257 for 16-bit), or
// uniform noise from the stream of (seed, index); an alpha channel stays opaque.
void fillBoxInto(const cv::Mat& a, const Box& box, CutoutFill fill, int value, std::uint64_t seed, std::uint64_t index,
                 cv::Mat& out);
// A map of `size` with `value` inside each box in order (later over earlier).
cv::Mat boxMap(Size size, const std::vector<std::pair<int, Box>>& boxes);

} // namespace cutmix
