// Ultralytics' _mosaic4 geometry (methods/mosaic.cpp names the source and
// its commit), for the method and for the audit of Mosaic samples made by
// someone else's code (core/io/audit/auditmosaic.cpp): where each of the four
// tiles lands around a centre, and how its pixels reach the canvas.
#pragma once

#include "box.h"
#include "objects.h"

namespace cutmix
{

// The size load_image gives an image before the mosaic: long side s, aspect
// kept (min(ceil(w0 r), s), min(ceil(h0 r), s)), r = s / max(h0, w0); the
// image itself when its long side is s.
Size mosaicTileSize(Size image, int s);

// Tile k (0 top left, 1 top right, 2 bottom left, 3 bottom right) of size
// `tile` around (xc, yc) on a canvas of side 2s: `box` is the part of the
// canvas it fills, `unclipped` where the whole tile would lie (its pixel
// (0, 0) at unclipped.x1, unclipped.y1: padw, padh), `center` the centre.
Geometry mosaicTile(int k, Size tile, int xc, int yc, int s);

// How a tile's pixels reach the canvas: shifted by (padw, padh), visible in
// the part of the canvas it fills.
SourceView mosaicView(const Geometry& tile);

} // namespace cutmix
