// Mosaic as Ultralytics makes it (ultralytics/ultralytics,
// ultralytics/data/augment.py at 359f87dc, class Mosaic, _mosaic4 and
// _cat_labels; the tiles' sizes from ultralytics/data/base.py at 002363f1,
// BaseDataset.load_image): four images on a 2s x 2s canvas filled with 114,
// around a centre xc, yc = int(random.uniform(-border, 2s + border)) with
// border = -s // 2 (Python's floor division), so in [s/2, 3s/2) for an even
// s. Before that each image is resized to long side s, its aspect kept: r =
// s / max(h0, w0), (w, h) = (min(ceil(w0 r), s), min(ceil(h0 r), s)), linear
// interpolation. A goes top left with its bottom-right corner at the centre,
// B top right, C bottom left, D bottom right, each cropped where it leaves
// the canvas; the boxes move by the tile's offset (padw, padh) and are
// clipped to the canvas, and those of zero area are removed (keeprules.cpp
// drops them as outside the image).
//
// The centre comes from u[0] (x) and u[1] (y) of the draw's stream
// (Ultralytics draws yc first; the project's streams are its own). The
// label weights are each source's share of the tiles' pixels, the fill
// excluded, so they sum to 1; λ_adj is A's share of the whole canvas.
// _mosaic9 needs nine images (more than the eight sources a draw holds), and
// _mosaic3 is not reachable in Ultralytics (Mosaic asserts n in {4, 9}):
// neither is here.
#include "mosaic.h"

#include "describe.h"
#include "draw.h"
#include "entries.h"
#include "format.h"
#include "mixer.h"
#include "record.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace cutmix
{

// load_image: long side s, in double as Python computes it.
Size mosaicTileSize(Size image, int s)
{
    const double r = double(s) / std::max(image.width, image.height);
    if (r == 1.0)
        return image;
    return {std::min(static_cast<int>(std::ceil(image.width * r)), s),
            std::min(static_cast<int>(std::ceil(image.height * r)), s)};
}

// _mosaic4's placement of tile k (w x h) around (xc, yc) on a canvas of side
// 2s: the canvas box it fills, and where the tile's pixel (0, 0) lands.
Geometry mosaicTile(int k, Size tile, int xc, int yc, int s)
{
    const int w = tile.width, h = tile.height, side = 2 * s;
    int x1a = 0, y1a = 0, x2a = 0, y2a = 0, x1b = 0, y1b = 0;
    switch (k) {
    case 0: // top left
        x1a = std::max(xc - w, 0), y1a = std::max(yc - h, 0), x2a = xc, y2a = yc;
        x1b = w - (x2a - x1a), y1b = h - (y2a - y1a);
        break;
    case 1: // top right
        x1a = xc, y1a = std::max(yc - h, 0), x2a = std::min(xc + w, side), y2a = yc;
        x1b = 0, y1b = h - (y2a - y1a);
        break;
    case 2: // bottom left
        x1a = std::max(xc - w, 0), y1a = yc, x2a = xc, y2a = std::min(side, yc + h);
        x1b = w - (x2a - x1a), y1b = 0;
        break;
    default: // bottom right
        x1a = xc, y1a = yc, x2a = std::min(xc + w, side), y2a = std::min(side, yc + h);
        x1b = 0, y1b = 0;
        break;
    }
    const int padw = x1a - x1b, padh = y1a - y1b;
    return {{x1a, y1a, x2a, y2a}, {padw, padh, padw + w, padh + h}, tile, Point{xc, yc}};
}

SourceView mosaicView(const Geometry& g)
{
    SourceView v;
    v.shiftX = g.unclipped.x1;
    v.shiftY = g.unclipped.y1;
    if (g.box.area() > 0)
        v.visible = {g.box};
    return v;
}

} // namespace cutmix

namespace cutmix::entries
{

namespace
{

constexpr int kFill = 114; // Ultralytics' canvas, times 257 for 16-bit images

int tileSide(Setting s, const Params& p)
{
    return p.whole(s);
}

Size mosaicSourceSize(const Draw& d, int k)
{
    return mosaicTileSize(d.sourceSizes.at(std::size_t(k)), tileSide(Setting::MosaicSize, d.params));
}

// random.uniform(-border, 2s + border) truncated, border = -s // 2.
int centreFrom(double u, int s)
{
    const int lo = (s + 1) / 2; // -(-s // 2)
    const int hi = 2 * s - lo;
    return static_cast<int>(lo + (hi - lo) * u);
}

void fillMosaic(const Method&, const Params& p, Draw& d)
{
    const int s = tileSide(Setting::MosaicSize, p);
    d.size = {2 * s, 2 * s};
    const int xc = centreFrom(d.inputs.u[0], s), yc = centreFrom(d.inputs.u[1], s);
    d.regions.clear();
    long long total = 0;
    for (int k = 0; k < 4; ++k) {
        d.regions.push_back({0.0, mosaicTile(k, mosaicSourceSize(d, k), xc, yc, s)});
        total += d.regions.back().geometry.box.area();
    }
    d.geometry = d.regions[0].geometry;
    d.weights.clear();
    for (const SourceBox& r : d.regions)
        d.weights.push_back(double(r.geometry.box.area()) / double(total));
    d.lam = d.weights[0];
    d.lamAdj = double(d.regions[0].geometry.box.area()) / double(d.size.area());
}

cv::Rect rectOf(const Box& b)
{
    return {b.x1, b.y1, b.width(), b.height()};
}

// Copies each tile's visible part to its place: the canvas is made here.
void placeTiles(const std::vector<cv::Mat>& tiles, const Draw& d, cv::Mat& out)
{
    for (std::size_t k = 0; k < d.regions.size(); ++k) {
        const Geometry& g = d.regions[k].geometry;
        if (g.box.area() <= 0)
            continue;
        const Box from{g.box.x1 - g.unclipped.x1, g.box.y1 - g.unclipped.y1, g.box.x2 - g.unclipped.x1,
                       g.box.y2 - g.unclipped.y1};
        tiles[k](rectOf(from)).copyTo(out(rectOf(g.box)));
    }
}

void paintMosaic(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    const cv::Mat& a = s[0];
    const bool wide = a.depth() == CV_16U;
    const double fill = kFill * (wide ? 257.0 : 1.0), opaque = wide ? 65535.0 : 255.0;
    // An alpha channel stays opaque, as Cutout's fill leaves it.
    const cv::Scalar value = a.channels() == 4 ? cv::Scalar(fill, fill, fill, opaque) : cv::Scalar::all(fill);
    for (const cv::Mat& m : s)
        if (out.data == m.data)
            out.release(); // never write into a source
    out.create(d.size.height, d.size.width, a.type());
    out.setTo(value);
    placeTiles(s, d, out);
}

void mapMosaic(const Draw& d, cv::Mat& map)
{
    map = cv::Mat(d.size.height, d.size.width, CV_8UC1, cv::Scalar(255));
    for (std::size_t k = 0; k < d.regions.size(); ++k)
        if (d.regions[k].geometry.box.area() > 0)
            map(rectOf(d.regions[k].geometry.box)).setTo(int(k));
}

void viewsMosaic(const Draw& d, std::vector<SourceView>& views)
{
    views.clear();
    for (const SourceBox& r : d.regions)
        views.push_back(mosaicView(r.geometry));
}

// The fill shows no object: label 0 there (background, or no instance).
void labelsMosaic(const std::vector<cv::Mat>& s, const Draw& d, cv::Mat& out)
{
    out.create(d.size.height, d.size.width, s[0].type());
    out.setTo(0);
    placeTiles(s, d, out);
}

void recordMosaic(const Draw& d, nlohmann::json& j)
{
    nlohmann::json tiles = nlohmann::json::array();
    for (const SourceBox& r : d.regions)
        tiles.push_back(toJson(r.geometry.box));
    j["tiles"] = tiles;
}

std::string sizeText(Size s)
{
    return std::to_string(s.width) + " × " + std::to_string(s.height);
}

void valuesMosaic(const Draw& d, std::map<std::string, std::string>& v)
{
    const int s = tileSide(Setting::MosaicSize, d.params);
    v["canvas"] = std::to_string(2 * s);
    v["c_lo"] = std::to_string((s + 1) / 2);
    v["c_hi"] = std::to_string(2 * s - (s + 1) / 2);
    const Point c = d.geometry.center.value_or(Point{});
    v["xc"] = std::to_string(c.x);
    v["yc"] = std::to_string(c.y);
    for (std::size_t k = 0; k < d.regions.size(); ++k) {
        const std::string n = std::to_string(k);
        const Geometry& g = d.regions[k].geometry;
        v["tile" + n] = sizeText(g.cut);
        v["place" + n] = boxText(g.box);
        v["share" + n] = formatFixed(d.weights.at(k), 6);
    }
}

constexpr std::string_view kMosaicFormula[] = {
    "each image resized to long side s = {mosaic_size}, its aspect kept (linear interpolation)",
    "canvas 2s × 2s = {canvas} × {canvas}, filled with 114",
    "centre xc = {xc}, yc = {yc}, each int(U({c_lo}, {c_hi}))",
    "top left: A, {tile0} px, shows {place0}, share {share0}",
    "top right: B, {tile1} px, shows {place1}, share {share1}",
    "bottom left: C, {tile2} px, shows {place2}, share {share2}",
    "bottom right: D, {tile3} px, shows {place3}, share {share3}",
    "boxes move with their tile, are clipped to the canvas, and those of zero area are removed",
};

// Each tile's share of the tiles' pixels: its source's label weight.
template <int k> double tileShare(const Draw& d)
{
    return d.weights.at(std::size_t(k));
}

constexpr CountedNumber kMosaicCounted[] = {
    {"share_a", "A's tile", 0, tileShare<0>},
    {"share_b", "B's tile", 1, tileShare<1>},
    {"share_c", "C's tile", 2, tileShare<2>},
    {"share_d", "D's tile", 3, tileShare<3>},
};

constexpr Setting kMosaicParams[] = {Setting::MosaicSize};
constexpr std::string_view kMosaicSummary[] = {"Mosaic", "centre ({xc}, {yc})"};
constexpr ShownNumber kMosaicNumbers[] = {{"λ_adj", shareOfA}};

} // namespace

Method mosaicEntry()
{
    Method mosaic;
    mosaic.family = mosaic.name = "mosaic";
    mosaic.title = "Mosaic";
    mosaic.library = "Ultralytics Mosaic (_mosaic4)";
    mosaic.description = "Ultralytics Mosaic: four images around a random centre on a 2s × 2s canvas (cutmix mix "
                         "and the window)";
    mosaic.region = Region::Mask;
    mosaic.drawn = Drawn::Nothing;
    mosaic.parameters = kMosaicParams;
    mosaic.images = 4;
    mosaic.sourceSize = mosaicSourceSize;
    mosaic.fill = fillMosaic;
    mosaic.paint = paintMosaic;
    mosaic.sourceMap = mapMosaic;
    mosaic.objectViews = viewsMosaic;
    mosaic.paintLabels = labelsMosaic;
    mosaic.record = recordMosaic;
    mosaic.values = valuesMosaic;
    mosaic.formula = kMosaicFormula;
    mosaic.summary = kMosaicSummary;
    mosaic.numbers = kMosaicNumbers;
    mosaic.counted = kMosaicCounted;
    mosaic.countedAxis = "a tile's share of the tiles' pixels";
    mosaic.fillsRegion = true;
    mosaic.weightRaw = mosaic.weightCorrected = "A's share of the tiles' pixels (the fill not counted)";
    return mosaic;
}

} // namespace cutmix::entries
