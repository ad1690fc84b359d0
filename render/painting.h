// Small painting helpers shared by the sheets (grid, comparison, batch).
#pragma once

#include "draw.h"

#include <QRect>

class QPainter;

namespace cutmix::render
{

// An image of this size fitted into `box` keeping its aspect ratio, centred.
QRect fitted(QSize image, QRect box);
// The boxes a draw pasted (none for blends and masks), outlined over its
// result painted in `imageRect`: a dark stroke under a light one.
void outlineDraw(QPainter& p, QRect imageRect, const Draw& d);

} // namespace cutmix::render
