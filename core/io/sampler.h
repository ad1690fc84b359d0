// Sample i of a dataset: which two images it mixes, its draw, its soft label
// and its record; the one way the exporter and the grid make a sample. An
// input that cannot be read is drawn again from the sample's own (seed,
// index) stream, so every sample is made (a count of N gives N samples) and
// the result depends only on the seed, the index and which files are
// readable. Decoded images are shared through a cache bounded by bytes.
#pragma once

#include "dataset.h"
#include "draw.h"
#include "record.h"

#include <memory>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cutmix
{

struct SamplerOptions {
    Params params; // params.index is ignored: the sample index is given
    PairMode pairs = PairMode::Random;
    std::optional<Size> size;                      // images resized to it; default keeps A's size
    std::size_t cacheBytes = std::size_t(1) << 30; // decoded images kept in memory
};

struct DatasetSample {
    std::uint64_t index = 0;
    // Every source's entry (A, B, and for multi-source CutMix the further
    // ones, each drawn from its own stream), after any redraws.
    std::vector<std::size_t> entries;
    int redraws = 0;                   // inputs drawn again because they could not be read
    std::vector<std::string> problems; // the unreadable files met, one message each
    // Every source decoded (and resized to the size), shared with the cache,
    // A first; null for a source the method does not read (Cutout's B).
    std::vector<std::shared_ptr<const cv::Mat>> images;
    // Each source's size in its file, before the export's --size (zero for
    // a source not read): what its label mask must measure.
    std::vector<Size> fileSizes;
    Draw draw;
    SampleInfo info; // for the record; info.file is left empty
};

// The quick check of every entry before a long run: which files look like
// images in a supported format (their first bytes), and the messages for
// those that do not. Runs on `threads` threads; the result never depends on
// their number.
struct ReadabilityScan {
    std::vector<bool> readable;
    std::vector<std::string> problems; // in entry order
    std::size_t readableCount() const;
};
ReadabilityScan scanReadability(const Dataset& ds, unsigned threads);

class DatasetSampler
{
public:
    // `scan` (optional) names entries known to be unreadable: they are never
    // decoded, and redraws choose among the others only.
    DatasetSampler(const Dataset& ds, const SamplerOptions& options, const ReadabilityScan* scan = nullptr);
    ~DatasetSampler();
    DatasetSampler(const DatasetSampler&) = delete;
    DatasetSampler& operator=(const DatasetSampler&) = delete;

    // Thread-safe. Throws cutmix::Error when no readable input is found for
    // a side after many redraws.
    DatasetSample sample(std::uint64_t index) const;
    // The sample's sources as its draw paints them (prepareForDraw: one size
    // and type, or Mosaic's tiles each at its own size), and its mixed image
    // at full precision.
    static std::vector<cv::Mat> prepared(const DatasetSample& s);
    static cv::Mat mixed(const DatasetSample& s);

    const Dataset& dataset() const { return ds_; }

private:
    class Cache;
    const Dataset& ds_;
    SamplerOptions options_;
    PairPlanner planner_;
    std::vector<std::size_t> candidates_; // entries a redraw may choose
    std::vector<bool> knownUnreadable_;
    std::unique_ptr<Cache> cache_;
};

} // namespace cutmix
