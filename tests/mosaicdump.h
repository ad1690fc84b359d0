// Dumps of Mosaic samples for the tests (tst_auditmosaic, tst_auditwindow):
// the project's Mosaic (Ultralytics' _mosaic4) of four noise tiles with
// hand-placed objects around the centre (40, 28) of a 64 x 64 canvas, and
// the dump folder docs/audit-dump.md "Mosaic samples" describes.
#pragma once

#include "draw.h"
#include "keeprules.h"
#include "mixer.h"
#include "mosaic.h"
#include "objectio.h"
#include "objects.h"

#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace cutmix::mosaicdump
{

inline constexpr int kS = 32; // the canvas is 64 x 64

// Tiles of long side s: 32x24, 20x32, 32x32, 32x16.
inline const std::vector<Size> kTiles{{32, 24}, {20, 32}, {32, 32}, {32, 16}};

inline Object obj(int cls, double x1, double y1, double x2, double y2)
{
    return {{x1, y1, x2, y2}, cls};
}

// Around the centre (40, 28): tile 0 shows whole at [8, 40) x [4, 28), tile 1
// loses its top 4 rows, tile 2 shows whole, tile 3 loses its right 8 columns.
inline std::vector<ImageObjects> objects()
{
    return {{kTiles[0], {obj(0, 2, 2, 10, 10), obj(0, 20, 12, 30, 22)}},
            {kTiles[1], {obj(1, 2, 0, 10, 3), obj(1, 4, 2, 12, 12)}},
            {kTiles[2], {obj(2, 0, 0, 32, 32)}},
            {kTiles[3], {obj(3, 20, 2, 30, 10), obj(3, 25, 4, 31, 8), obj(3, 2, 2, 12, 14)}}};
}

inline cv::Mat noise(Size s, int tag)
{
    cv::Mat m(s.height, s.width, CV_8UC3);
    cv::RNG rng(std::uint64_t(500 + tag));
    rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    return m;
}

struct Sample {
    std::vector<cv::Mat> tiles; // as dumped
    cv::Mat mosaic;
    std::vector<ImageObjects> boxes; // each tile's, in its dumped pixels
    std::vector<Object> after;       // the mosaic's
};

// The project's Mosaic of four noise images of `sizes` around (40, 28), and
// the boxes it keeps (every box with some area left, as Ultralytics' clip and
// remove_zero_area_boxes leave them).
inline Sample mosaicSample(const std::vector<Size>& sizes, const std::vector<ImageObjects>& objs, int grayTile = -1)
{
    Params p;
    p.method = &methodFor("mosaic");
    p.setNumber(Setting::MosaicSize, kS);
    RandomInputs in;
    in.lam = 0.5;
    in.u = {0.75, 0.375, 0.0, 0.0}; // xc = 16 + 32 * 0.75 = 40, yc = 16 + 32 * 0.375 = 28
    in.extra.resize(2);
    const Draw d = makeDraw(p, sizes, in);
    Sample s;
    for (int k = 0; k < 4; ++k) {
        s.tiles.push_back(noise(sizes[std::size_t(k)], k));
        if (k == grayTile)
            cv::cvtColor(s.tiles.back(), s.tiles.back(), cv::COLOR_BGR2GRAY);
    }
    s.mosaic = mixImages(s.tiles, d);
    s.boxes = objs;
    std::vector<CarriedObject> carried = carryObjects(d, objs);
    applyKeepRule(keepRuleNamed("all"), KeepValues{}, d.size, carried);
    for (const CarriedObject& c : carried)
        if (c.kept)
            s.after.push_back({c.box, c.classIndex});
    return s;
}

inline void writeText(const std::filesystem::path& p, const std::string& text)
{
    std::ofstream(p) << text;
}

inline std::filesystem::path writeDump(const std::filesystem::path& dir, const std::vector<Sample>& samples)
{
    std::filesystem::remove_all(dir);
    for (const char* sub : {"before", "after", "boxes_before", "boxes_after"})
        std::filesystem::create_directories(dir / sub);
    writeText(dir / "dump.json", R"({"cutmix_dump": 2, "kind": "mosaic", "dtype": "uint8"})");
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const Sample& s = samples[i];
        const std::string stem = "s" + std::to_string(10 + i);
        cv::imwrite((dir / "after" / (stem + ".png")).string(), s.mosaic);
        writeText(dir / "boxes_after" / (stem + ".txt"), yoloText(s.after, {s.mosaic.cols, s.mosaic.rows}));
        for (int k = 0; k < 4; ++k) {
            const std::string tile = stem + "_" + std::to_string(k);
            cv::imwrite((dir / "before" / (tile + ".png")).string(), s.tiles[std::size_t(k)]);
            const ImageObjects& o = s.boxes[std::size_t(k)];
            if (!o.objects.empty())
                writeText(dir / "boxes_before" / (tile + ".txt"), yoloText(o.objects, o.size));
        }
    }
    return dir;
}

} // namespace cutmix::mosaicdump
