// Auditing Mosaic samples made by someone else's code (Ultralytics' Mosaic,
// or any four-tile mosaic around a centre): from each sample's four images
// before the mosaic with their boxes, and the mosaic with the boxes the
// pipeline wrote, find where the pixels put each tile, carry every tile's
// boxes there, and flag every box that disagrees: a tile's box not moved
// with its tile, a kept box whose object is hardly visible, a visible object
// with no box, a box no object explains.
//
// The dump folder (docs/audit-dump.md, "Mosaic samples"):
//   DIR/dump.json                  {"cutmix_dump": 2, "kind": "mosaic", ...}
//   DIR/before/<name>_<k>.png      sample <name>'s tile k (0 top left, 1 top
//                                  right, 2 bottom left, 3 bottom right)
//   DIR/after/<name>.png           the mosaic (2s x 2s)
//   DIR/boxes_before/<name>_<k>.txt, DIR/boxes_after/<name>.txt   YOLO text
//   DIR/classes.txt                optional: the class names
#pragma once

#include "audit.h"

#include <array>

namespace cutmix
{

// "batch" (before/ and after/ of one batch) or "mosaic", from dump.json's
// "kind" (a dump without it is a batch). Throws cutmix::Error for a
// dump.json that cannot be read or names another kind.
std::string dumpKind(const std::filesystem::path& dir);

struct MosaicSample {
    std::string name; // the stem of after/'s file
    // As the mosaic placed them: a tile of another channel count is converted
    // to the mosaic's (as `cutmix mix` converts its sources), one whose long
    // side is not s resized to it as load_image does.
    std::array<cv::Mat, 4> tiles;
    std::array<Size, 4> given;         // each tile's size as dumped
    cv::Mat mosaic;                    // 2s x 2s
    std::array<ImageObjects, 4> boxes; // each tile's objects, in the tile's pixels (as placed)
    std::array<bool, 4> segments{};    // the tile's file holds polygons
    ImageObjects after;                // the mosaic's boxes
};

struct MosaicDump {
    std::filesystem::path dir;
    DumpType type = DumpType::U8;
    std::vector<std::string> classes; // classes.txt, else empty (any class index)
    std::vector<MosaicSample> samples;
};

// Reads and checks a Mosaic dump. Throws cutmix::Error naming the folder or
// file and what is wrong: a missing tile or mosaic, a file that names no
// sample, a mosaic that is not a square of even side, tiles of another type,
// lossy (JPEG) images, NPY arrays (a Mosaic dump holds PNG images), bad box
// files (naming the file and line), a dump over audit.h's limits.
MosaicDump readMosaicDump(const std::filesystem::path& dir);

struct MosaicAudit {
    int index = 0;
    // Where the pixels put the tiles: every centre at which _mosaic4's
    // placement of the four tiles reproduces the mosaic's pixels (the boxes
    // are judged at the one that flags fewest, the first on a tie). None:
    // the sample is unexplained and its boxes are not judged.
    std::vector<Point> centres;
    bool tooManyCentres = false;     // more centres explain the pixels than were tried
    std::array<Geometry, 4> tiles{}; // at the centre judged
    Verdict verdict = Verdict::Agree;
    std::string cause;                // empty, or one of auditCauses()' keys
    std::vector<AuditObject> objects; // sourceElement: the tile (0-3)
    std::vector<Phrase> explanation;
};

struct MosaicReport {
    std::vector<MosaicAudit> samples;
    int agree = 0, flagged = 0, unexplained = 0;
    double minVisibility = 0.1;
};

// At most this many centres are judged per sample (a mosaic of flat tiles
// fits nearly anywhere: its boxes cannot be judged).
constexpr std::size_t kMaxMosaicCentres = 16;

// Every sample's tiles found in its pixels and its boxes judged:
// judgeMosaic(findMosaicCentres). Throws cutmix::Error for a minimum
// visibility outside [0, 1].
MosaicReport auditMosaic(const MosaicDump& dump, double minVisibility = 0.1, const AuditControl& control = {});

// The slow part: each sample's centres (mosaicCentres, at most
// kMaxMosaicCentres), the samples on a few threads, the result independent of
// their number. `control` as for auditDump (progress counts samples).
struct MosaicCentres {
    std::vector<Point> centres;
    bool more = false; // more centres fit than were kept
};
std::vector<MosaicCentres> findMosaicCentres(const MosaicDump& dump, const AuditControl& control = {});
// The fast part: the boxes judged at those centres (a window judges again
// with another minimum visibility without searching again).
MosaicReport judgeMosaic(const MosaicDump& dump, const std::vector<MosaicCentres>& centres, double minVisibility);

// Every centre (at most `most`, in raster order of yc then xc) at which the
// four tiles, placed as _mosaic4 places them, reproduce the mosaic's pixels
// exactly; `more` is set when there were more.
std::vector<Point> mosaicCentres(const std::array<cv::Mat, 4>& tiles, const cv::Mat& mosaic, std::size_t most,
                                 bool* more = nullptr);

// {"kind": "mosaic", "samples": [...], "summary": {...}}.
nlohmann::json mosaicJson(const MosaicReport& r, const MosaicDump& dump);
std::string mosaicTable(const MosaicReport& r, const MosaicDump& dump);
std::string mosaicSummaryLine(const MosaicReport& r, const DescribeContext& context = {});

} // namespace cutmix
