// What the three files of the exporter share (export/): the names of the
// output's files, the part files of a run in progress, resuming and merging
// them, and run.json. Not part of the interface (exporter.h).
#pragma once

#include "error.h"
#include "exporter.h"
#include "files.h"
#include "objectio.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cutmix::exporting
{

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kManifest = "manifest.jsonl";
constexpr const char* kPartsFolder = "parts";
constexpr const char* kMergeClaim = ".merging";
// Keys of run.json that do not describe the configuration.
constexpr const char* kRunJsonNotes[] = {"version", "unreadable"};
std::string zeroPadded(std::uint64_t value, std::uint64_t largest);
std::uint64_t shardCountOf(const ExportConfig& c);

// run.json without the keys that do not describe the configuration; the
// JSON of a file, when it is readable JSON; whether runJson holds `wanted`.
json configurationOf(json runJson);
std::optional<json> readJsonFile(const fs::path& p);
bool isPreviousRun(const fs::path& runJson, const json& wanted);

// A temporary left by a writer (files.h: ".<stem>.part-<host>-<pid>-<n><ext>").
bool isTemporaryName(const std::string& name);
void createFolder(const fs::path& p);
void removeOwnTemporaries(const fs::path& folder, std::uint64_t from, std::uint64_t to);

// A part's three row files (manifest lines, labels.csv rows, metadata
// lines), each under ".part" while the part runs, and its info.
struct PartFiles {
    fs::path running, lines, info;
    fs::path labelsRunning, labels, metadataRunning, metadata;
    std::vector<fs::path> allRunning() const { return {running, labelsRunning, metadataRunning}; }
};

PartFiles partFiles(const fs::path& output, int k, int n);

// Appends one sample's rows to the part's three files, the manifest line
// last: a resumed run trusts the manifest and cuts the others to its length.
class PartStreams
{
public:
    explicit PartStreams(const PartFiles& p)
        : manifest_(p.running, std::ios::binary | std::ios::app),
          labels_(p.labelsRunning, std::ios::binary | std::ios::app),
          metadata_(p.metadataRunning, std::ios::binary | std::ios::app), name_(p.running)
    {
        if (!manifest_ || !labels_ || !metadata_)
            throw Error(quotePath(name_) + ": cannot be written");
    }

    // Rows ending in '\n', one or more samples' worth.
    void append(const std::string& manifest, const std::string& labels, const std::string& metadata)
    {
        labels_ << labels;
        metadata_ << metadata;
        labels_.flush();
        metadata_.flush();
        manifest_ << manifest;
        manifest_.flush();
        if (!manifest_ || !labels_ || !metadata_)
            throw Error(quotePath(name_) + ": cannot be written (disk full?)");
    }

    void close()
    {
        manifest_.close();
        labels_.close();
        metadata_.close();
    }

private:
    std::ofstream manifest_, labels_, metadata_;
    fs::path name_;
};

// What a killed or cancelled run left in the part's manifest: the number of
// consecutive valid lines from `first` (a multiple of `granule`: samples of
// an unfinished shard are made again), and how many of them needed a redraw.
// Truncates the file after the last line kept.
struct Resumed {
    std::uint64_t lines = 0;
    std::uint64_t redrawn = 0;
};

Resumed readResumable(const PartFiles& part, std::uint64_t first, std::uint64_t granule, bool metadata);

// A finished part's row file as its info records it, so that the merge can
// tell a file cut short, lost its last line or changed since: its lines,
// bytes and CRC-32 (zlib's).
struct RowsDigest {
    std::uint64_t lines = 0;
    std::uint64_t bytes = 0;
    std::uint32_t crc = 0;
    friend bool operator==(const RowsDigest&, const RowsDigest&) = default;
};
RowsDigest digestOf(const fs::path& p); // throws Error naming the file
// {"lines": {...}, "labels": {...}, "metadata": {...}} of a finished part.
json partDigests(const PartFiles& p);

// Throws cutmix::Error when p exists and is a symbolic link, or resolves
// outside `root`: an export reads, writes and deletes only inside its
// output folder.
void refuseOutside(const fs::path& root, const fs::path& p);

// ---- detection (task detect: exportdetect.cpp)

// The images of a detection dataset and their objects: a YOLO layout
// (DATA/images/**, DATA/labels/**/<stem>.txt, names from DATA/data.yaml,
// else DATA/classes.txt, else "class k") or a COCO file. Every label file is
// read (and checked) when the input is loaded, so a bad one stops the run
// before anything is written.
struct DetectionInput {
    Dataset dataset; // every entry's label is 0; classes are the object classes
    bool coco = false;
    // YOLO: each entry's label text and how messages name its file (an
    // image without one has no objects).
    std::vector<std::string> yoloText, yoloName;
    // COCO: each entry's objects in the size the file gives its image.
    std::vector<std::vector<Object>> cocoObjects;
    std::vector<Size> cocoSize;
    std::vector<bool> segments; // the entry's objects came with polygons
    // Task segment: each entry's label mask (maskPathOf), found when the
    // input is loaded; read and checked by the sample that uses it.
    std::vector<fs::path> masks;
};
// The label mask of the image at `image` in a detection dataset rooted at
// `root`: DATA/masks/<path under images/>.png (DATA/images/a/b.jpg:
// DATA/masks/a/b.png), as the window finds a mask beside an image (its
// last /images/ made /masks/, models/imagefile.cpp maskFileFor) and as
// labels/ pairs with images/. An image outside DATA/images (a COCO
// file_name elsewhere): DATA/masks/<file_name>.png.
fs::path maskPathOf(const fs::path& root, const fs::path& image, const std::string& name);
// Entry e's label mask for a sample: read and checked (a one-channel 8- or
// 16-bit PNG of its image file's size `fileSize`; an instance mask, when
// `instanceObjects` gives its image's number of objects, with no id above
// it; throws Error naming the file), then brought to `size` (the export's
// --size) by the nearest label.
cv::Mat maskOf(const DetectionInput& in, std::size_t e, Size fileSize, Size size,
               std::optional<std::size_t> instanceObjects = std::nullopt);
DetectionInput loadDetectionInput(const ExportConfig& c);
// Entry e's objects in the pixels of its image as the sampler holds it
// (its `size`: the file's, or the export's --size).
ImageObjects objectsOf(const DetectionInput& in, std::size_t e, Size size);
// The COCO file a detection export with --box-format coco writes in its
// output folder (and the batch view opens in a dataset folder).
inline constexpr const char* kCocoFile = "annotations.json";
// The detection files of a merged run, from its manifest lines (the parts'
// lines files, in order): data.yaml (yolo) or annotations.json (coco).
void writeDetectionFiles(const fs::path& output, const ExportConfig& c, const std::vector<fs::path>& lines,
                         const std::vector<std::string>& classes);

// Merges the finished parts in `output` (mergeExport without the error
// wrapping); mergeIfLast merges when every part is finished and no other
// part claimed the merge, else says which parts it waits for.
MergeSummary merge(const fs::path& output, const std::function<void()>& waiting);
bool mergeIfLast(const fs::path& output, int n, std::vector<int>& waitingFor);

} // namespace cutmix::exporting
