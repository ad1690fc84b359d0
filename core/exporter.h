// Batch export: many seeded samples from a dataset, written in parallel with
// a manifest of soft labels; resumable, shardable, and the same bytes
// whatever the thread count. The CLI's `cutmix export` and the window both
// run this engine.
#pragma once

#include "dataset.h"
#include "draw.h"

#include <atomic>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cutmix
{

struct ExportConfig {
    std::filesystem::path input;  // folder (ImageFolder) or list file
    std::filesystem::path output; // the output folder
    std::uint64_t count = 100;
    Params params; // alpha, convention, seed, smoothing, ...; index is unused
    PairMode pairs = PairMode::Random;
    std::optional<Size> size; // both images resized to it; default keeps A's size
    std::string format = "jpg";
    int quality = 95;
    int shardIndex = 1; // 1-based
    int shardCount = 1;
    bool strict = false; // an unreadable file stops the run
    // Not part of the result, so not in run.json:
    int threads = 0;                               // 0: all cores
    bool force = false;                            // export into a non-empty folder that is not this run
    std::size_t cacheBytes = std::size_t(1) << 30; // decoded images kept in memory
};

// Throws cutmix::Error naming the first bad setting.
void checkExportConfig(const ExportConfig& c);
// run.json: every setting that affects the output, and the tool version.
nlohmann::json exportConfigToJson(const ExportConfig& c);
ExportConfig exportConfigFromJson(const nlohmann::json& j);
ExportConfig loadExportConfig(const std::filesystem::path& runJson);

// The samples of a shard: [first, last).
std::pair<std::uint64_t, std::uint64_t> shardRange(std::uint64_t count, int shardIndex, int shardCount);
// images/<index, zero-padded>.<format>
std::string sampleFileName(std::uint64_t index, std::uint64_t count, const std::string& format);

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
};

// Runs (or resumes) the export. Throws cutmix::Error for a bad
// configuration, a refused output folder, fewer than two readable images,
// or a write failure.
ExportSummary runExport(const ExportConfig& config, const ExportControl& control = {});

} // namespace cutmix
