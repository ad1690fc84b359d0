// Batch export: many seeded samples from a dataset, written in parallel with
// a manifest of soft labels; resumable, shardable, and the same bytes
// whatever the thread count. The CLI's `cutmix export` and the window both
// run this engine.
#pragma once

#include "dataset.h"
#include "draw.h"
#include "keeprules.h"
#include "objectio.h"

#include <atomic>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cutmix
{

// How the samples are stored: one image file each (images/000123.jpg), or
// WebDataset tar shards (shards/000000.tar with 000123.jpg, .json, .cls).
enum class ExportLayout { Files, WebDataset };
std::string_view layoutName(ExportLayout l);
ExportLayout parseLayout(const std::string& name); // throws Error (Setting::Layout)

// What the samples are for: classification (a soft label each), or
// detection (the objects of the sources carried through the mix and judged
// by a box rule; the input is a YOLO layout or a COCO file, the output a
// dataset trainers read: labels/*.txt and data.yaml, or annotations.json),
// or segmentation (detection, and each image's label mask, masks/<stem>.png
// beside images/, mixed by core's mixedMask into masks/<stem>.png; instance
// masks renumbered by the kept objects, by core's mixedInstanceMask).
enum class ExportTask { Classify, Detect, Segment };
// Detect and Segment: the input is a detection dataset, the objects carried.
inline bool carriesObjects(ExportTask t)
{
    return t != ExportTask::Classify;
}
std::string_view taskName(ExportTask t);
ExportTask parseTask(const std::string& name); // throws Error naming the choices

// The largest run, tar shard and split the exporter takes (the command line
// and run.json alike).
constexpr std::uint64_t kMaxExportCount = 1'000'000'000'000;
constexpr std::uint64_t kMaxShardSamples = 100'000'000;
constexpr int kMaxParts = 99999;

struct ExportConfig {
    std::filesystem::path input;  // folder (ImageFolder) or list file
    std::filesystem::path output; // the output folder
    std::uint64_t count = 100;
    Params params; // alpha, convention, seed, smoothing, ...; index is unused
    PairMode pairs = PairMode::Random;
    std::optional<Size> size; // both images resized to it; default keeps A's size
    std::string format = "jpg";
    int quality = 95;
    ExportLayout layout = ExportLayout::Files;
    std::uint64_t shardSamples = 1000; // samples per tar shard (webdataset)
    // This process writes part k of n of the run (1-based). Parts may run at
    // the same time, into one folder; the last to finish merges them. Not
    // part of the configuration in run.json.
    int shardIndex = 1;
    int shardCount = 1;
    bool strict = false; // an unreadable file stops the run
    // Detection (task Detect or Segment): the input is a folder with images/ and
    // labels/ (YOLO), or with `annotations` a COCO file; the objects are
    // written as `boxFormat` (yolo or coco), kept by `boxRule`.
    ExportTask task = ExportTask::Classify;
    std::filesystem::path annotations; // COCO input; empty: YOLO layout
    BoxFormat boxFormat = BoxFormat::Yolo;
    const KeepRule* boxRule = &defaultKeepRule();
    KeepValues keep = defaultKeepRule().defaults;
    // Task Segment: the masks are instance masks (`cutmix mix --instances`:
    // pixel value j is the j-th object of its image's label file, 0 none),
    // and each sample's mask numbers its kept objects 1, 2, ... in the order
    // its labels list them; the objects count as segments for the rules.
    bool instances = false;
    // Not part of the result, so not in run.json:
    int threads = 0;                               // 0: all cores
    bool force = false;                            // export into a non-empty folder that is not this run
    std::size_t cacheBytes = std::size_t(1) << 30; // decoded images kept in memory
};

// Throws cutmix::Error naming the first bad setting. An output size above
// the pixel limit of the image readers (maxImagePixels(), CUTMIX_MAX_PIXELS)
// is refused too.
void checkExportConfig(const ExportConfig& c);
// run.json: every setting that affects the output, and the tool version.
nlohmann::json exportConfigToJson(const ExportConfig& c);
// Throws cutmix::Error naming the key of a missing, mistyped or out-of-range
// value (no setting: the value is the file's, not an argument's).
ExportConfig exportConfigFromJson(const nlohmann::json& j);
ExportConfig loadExportConfig(const std::filesystem::path& runJson);

// The samples of part k of n: [first, last). For the webdataset layout the
// parts are whole tar shards, so that their shards are the unsharded run's.
std::pair<std::uint64_t, std::uint64_t> partRange(const ExportConfig& c);
// <index, zero-padded>.<format>: the image's name in images/ or in a shard.
std::string sampleFileName(std::uint64_t index, std::uint64_t count, const std::string& format);
// shards/<shard, zero-padded>.tar
std::string shardFileName(std::uint64_t shard, std::uint64_t shardCount);
// The manifest lines this part has committed so far (a run in progress).
std::filesystem::path partManifestPath(const ExportConfig& c);

struct ExportProgress {
    std::uint64_t done = 0; // processed in this shard, including resumed ones
    std::uint64_t total = 0;
    std::uint64_t written = 0;
    std::uint64_t redrawn = 0; // samples that drew an input again because one could not be read
    std::uint64_t resumed = 0;
    double seconds = 0.0;
};

struct ExportSummary {
    ExportProgress progress;
    bool cancelled = false;
    bool merged = false;               // the dataset is complete (this run merged it, or found it merged)
    std::vector<int> waitingFor;       // parts (1-based) not finished yet when this part finished
    std::vector<std::string> problems; // one line per unreadable file (not per sample), naming it
};

// How a caller follows and steers a run.
struct ExportControl {
    // Called from the calling thread now and then, and at the end.
    std::function<void(const ExportProgress&)> progress;
    // May be set from anywhere to stop cleanly: what was finished stays, and
    // a later run resumes.
    const std::atomic<bool>* cancel = nullptr;
    // Called in index order, from the calling thread, before sample `index`
    // is committed to the manifest. Returning false stops the run right
    // there as a cancel does; throwing stops it with that error (after the
    // workers are stopped and joined). Tests and the CLI's test hook use it
    // to stop, fail or be killed at a chosen sample, never at a chosen time.
    std::function<bool(std::uint64_t index)> beforeCommit;
    // Called once, after the output folder was listed and before its
    // run.json is read. Tests start another part of the run right there,
    // where a part on a busy machine may be interrupted.
    std::function<void()> afterListing;
};

// Runs (or resumes) the export. Throws cutmix::Error for a bad
// configuration, a refused output folder, fewer than two readable images,
// or a write failure.
ExportSummary runExport(const ExportConfig& config, const ExportControl& control = {});

struct MergeSummary {
    std::uint64_t samples = 0;
    int parts = 0;
    bool alreadyMerged = false;
    // Parts were there when this merge began, and another merge (run at the
    // same time) had merged them by the time this one could.
    bool mergedByAnother = false;
};
// Assembles manifest.jsonl, labels.csv, classes.txt, images/metadata.jsonl
// (files layout) and run.json from the finished parts of the run in
// `output`, then removes the part files. Throws cutmix::Error naming every
// part that is missing, unfinished, of another configuration or damaged
// (its files no longer have the lines, size and CRC-32 it recorded when it
// finished), and refuses symbolic links and anything else that resolves
// outside `output`. Merges of one folder take turns (a lock on the folder);
// `waiting` is called when this one has to wait for another.
MergeSummary mergeExport(const std::filesystem::path& output, const std::function<void()>& waiting = {});

} // namespace cutmix
