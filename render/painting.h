// Small painting helpers shared by the sheets (grid, comparison, batch).
#pragma once

#include "draw.h"
#include "objects.h"

#include <QColor>
#include <QImage>
#include <QRect>
#include <QStringList>
#include <opencv2/core.hpp>

class QFontMetrics;
class QPainter;

namespace cutmix::render
{

// An image of this size fitted into `box` keeping its aspect ratio, centred.
QRect fitted(QSize image, QRect box);
// The boxes a draw pasted (none for blends and masks), outlined over its
// result painted in `imageRect`: a dark stroke under a light one.
void outlineDraw(QPainter& p, QRect imageRect, const Draw& d);
// How an object of a mix is drawn, everywhere (window, sheets): dropped by
// the rule, kept but clipped (its box no longer the whole object), or kept.
enum class ObjectLook { Kept, Clipped, Dropped };
ObjectLook objectLook(const CarriedObject& o);
// The objects of a draw over its result painted in `imageRect` (the
// result's pixels are `imageSize`): kept ones in their source's colour,
// solid, clipped ones dashed, dropped ones red and crossed where they were.
void outlineObjects(QPainter& p, QRect imageRect, Size imageSize, const std::vector<CarriedObject>& objects);
// The colour of source k (0 = A, 1 = B, ...) in source maps, box outlines and
// legends; sourceColour(255) is the colour of a filled region.
QColor sourceColour(int k);
// A source map (Grayscale8: 0 = A, 1 = B, ..., 255 filled) as a translucent
// wash, one colour per source, to paint over the result.
QImage sourceWash(const QImage& map);
// The colour of label (class or instance id) v > 0 of a mask: the palette of
// the sources, in turn (label 1 the first colour, 9 the first again).
QColor labelColour(int v);
// A label mask (one channel, 8- or 16-bit) as a translucent wash to paint
// over its image: each label in its labelColour, 0 (background) clear.
QImage labelWash(const cv::Mat& labels);
// `text` in lines no wider than `width`, losing nothing: broken at " · "
// between entries where it can, else between words, and only a word wider
// than the line between its characters. The separators and spaces where it
// breaks are dropped.
QStringList wrapText(const QFontMetrics& fm, const QString& text, int width);

} // namespace cutmix::render
