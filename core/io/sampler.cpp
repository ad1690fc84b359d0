#include "sampler.h"

#include "error.h"
#include "imageio.h"
#include "labels.h"
#include "mixer.h"
#include "rng.h"

#include <condition_variable>
#include <list>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace cutmix
{

namespace fs = std::filesystem;

namespace
{

// Its own stream per sample and side, apart from the draw's and the pairing's.
constexpr std::uint64_t kRedrawTag = 0x7265647261770000ull; // "redraw"
// Multi-source CutMix: the entries of sources 3, 4, ... have a stream of their own.
constexpr std::uint64_t kMoreTag = 0x6d6f726500000000ull; // "more"
// Redraws choose among the entries that passed the scan, so only files that
// look fine but fail to decode cost redraws; this many means something is
// badly wrong with the dataset.
constexpr int kMaxRedraws = 1000;

} // namespace

// Decoded images shared by the threads, least recently used evicted first,
// bounded by bytes so that memory stays flat on datasets of any size. With a
// size, images are kept already resized to it: each input is then resized
// once, not once for every sample that uses it. A file that cannot be read is
// remembered with its message.
class DatasetSampler::Cache
{
public:
    Cache(std::size_t budget, std::optional<Size> size) : budget_(budget), size_(size) {}

    // The decoded image, or null with the problem set. A file is decoded by
    // one thread at a time: another thread that wants it meanwhile waits for
    // that decode instead of doing the same work again.
    // `fileSize` gets the image's size as decoded, before any resize.
    std::shared_ptr<const cv::Mat> get(std::size_t key, const fs::path& path, std::string& problem, Size& fileSize)
    {
        {
            std::unique_lock lock(mutex_);
            for (;;) {
                auto it = items_.find(key);
                if (it != items_.end()) {
                    order_.splice(order_.begin(), order_, it->second.pos);
                    problem = it->second.problem;
                    fileSize = it->second.fileSize;
                    return it->second.image;
                }
                if (!decoding_.count(key))
                    break;
                decoded_.wait(lock);
            }
            decoding_.insert(key);
        }
        // Decode outside the lock.
        std::shared_ptr<const cv::Mat> image;
        problem.clear();
        try {
            cv::Mat m = loadForMixing(path);
            fileSize = sizeOf(m);
            if (size_)
                m = resizedTo(m, *size_);
            image = std::make_shared<const cv::Mat>(std::move(m));
        } catch (const Error& e) {
            problem = e.what();
        } catch (...) {
            std::lock_guard lock(mutex_);
            decoding_.erase(key);
            decoded_.notify_all();
            throw;
        }
        {
            std::lock_guard lock(mutex_);
            decoding_.erase(key);
            order_.push_front(key);
            const std::size_t bytes = image ? image->total() * image->elemSize() : problem.size() + 64;
            items_[key] = {image, problem, order_.begin(), bytes, fileSize};
            used_ += bytes;
            while (used_ > budget_ && order_.size() > 1) {
                const std::size_t victim = order_.back();
                order_.pop_back();
                used_ -= items_[victim].bytes;
                items_.erase(victim);
            }
        }
        decoded_.notify_all();
        return image;
    }

private:
    struct Item {
        std::shared_ptr<const cv::Mat> image;
        std::string problem;
        std::list<std::size_t>::iterator pos;
        std::size_t bytes = 0;
        Size fileSize;
    };
    std::size_t budget_;
    std::optional<Size> size_;
    std::size_t used_ = 0;
    std::mutex mutex_;
    std::condition_variable decoded_;
    std::unordered_set<std::size_t> decoding_; // keys a thread is decoding now
    std::list<std::size_t> order_;
    std::unordered_map<std::size_t, Item> items_;
};

std::size_t ReadabilityScan::readableCount() const
{
    return static_cast<std::size_t>(std::count(readable.begin(), readable.end(), true));
}

ReadabilityScan scanReadability(const Dataset& ds, unsigned threads)
{
    const std::size_t n = ds.entries.size();
    std::vector<std::string> messages(n);
    ReadabilityScan scan;
    scan.readable.assign(n, true);
    std::vector<char> ok(n, 1);
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(n, 1))));
    // Contiguous slices: each thread writes its own elements only.
    auto work = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            try {
                checkLooksReadable(ds.entries[i].path);
            } catch (const Error& e) {
                ok[i] = 0;
                messages[i] = e.what();
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(work, n * t / threads, n * (t + 1) / threads);
    for (auto& t : pool)
        t.join();
    for (std::size_t i = 0; i < n; ++i)
        if (!ok[i]) {
            scan.readable[i] = false;
            scan.problems.push_back(messages[i]);
        }
    return scan;
}

DatasetSampler::DatasetSampler(const Dataset& ds, const SamplerOptions& options, const ReadabilityScan* scan)
    : ds_(ds), options_(options), planner_(options.pairs, options.params.seed, ds.entries.size()),
      cache_(std::make_unique<Cache>(options.cacheBytes, options.size))
{
    checkParams(options.params);
    if (options.size)
        checkSize(*options.size);
    knownUnreadable_.assign(ds.entries.size(), false);
    for (std::size_t i = 0; i < ds.entries.size(); ++i) {
        if (scan && !scan->readable.at(i))
            knownUnreadable_[i] = true;
        else
            candidates_.push_back(i);
    }
}

DatasetSampler::~DatasetSampler() = default;

DatasetSample DatasetSampler::sample(std::uint64_t index) const
{
    DatasetSample s;
    s.index = index;
    const PairChoice pair = planner_(index);
    // Each side keeps its first choice when readable; otherwise it draws
    // again from its own stream until a readable image comes up.
    auto resolve = [&](std::size_t& entry, std::uint64_t side, Size& fileSize) -> std::shared_ptr<const cv::Mat> {
        Rng rng(options_.params.seed ^ kRedrawTag ^ side, index);
        for (int attempt = 0;; ++attempt) {
            std::string problem;
            std::shared_ptr<const cv::Mat> image;
            if (knownUnreadable_[entry])
                problem = "known unreadable";
            else
                image = cache_->get(entry, ds_.entries[entry].path, problem, fileSize);
            if (image)
                return image;
            if (!knownUnreadable_[entry])
                s.problems.push_back(problem);
            if (candidates_.empty() || attempt >= kMaxRedraws)
                throw Error("no readable image found for sample " + std::to_string(index) + " after " +
                            std::to_string(attempt) + " redraws (last: " + problem + ")");
            entry = candidates_[static_cast<std::size_t>(
                uniformIndex(rng.uniform(), static_cast<int>(candidates_.size())))];
            ++s.redraws;
        }
    };
    const int sources = sourceCount(options_.params);
    std::vector<std::size_t> entries{pair.a, pair.b};
    Rng more(options_.params.seed ^ kMoreTag, index);
    for (int j = 2; j < std::max(sources, 2); ++j)
        entries.push_back(static_cast<std::size_t>(uniformIndex(more.uniform(), static_cast<int>(ds_.entries.size()))));
    // A method of one source (Cutout) still names B in its record, unread.
    s.fileSizes.assign(entries.size(), Size{});
    for (std::size_t j = 0; j < entries.size(); ++j)
        s.images.push_back(int(j) < std::max(sources, 1) ? resolve(entries[j], j, s.fileSizes[j]) : nullptr);
    s.entries = entries;
    Params p = options_.params;
    p.index = index;
    std::vector<Size> sizes;
    for (const auto& image : s.images)
        sizes.push_back(sizeOf(image ? *image : *s.images[0]));
    s.draw = sampleDraw(p, sizes);
    std::vector<int> classes;
    for (std::size_t e : entries)
        classes.push_back(ds_.entries[e].label);
    s.info.a = {ds_.entries[entries[0]].name, classes[0]};
    s.info.b = {ds_.entries[entries[1]].name, classes[1]};
    for (std::size_t j = 2; j < entries.size(); ++j)
        s.info.more.push_back({ds_.entries[entries[j]].name, classes[j]});
    classes.resize(s.draw.weights.size());
    s.info.label = mixedLabel(static_cast<int>(ds_.classes.size()), classes, s.draw.weights, p.smoothing);
    s.info.selfMix = s.draw.sources > 1 && entries[0] == entries[1];
    s.info.redraws = s.redraws;
    return s;
}

std::vector<cv::Mat> DatasetSampler::prepared(const DatasetSample& s)
{
    std::vector<cv::Mat> images;
    for (int j = 0; j < std::max(s.draw.sources, 1); ++j)
        images.push_back(*s.images[static_cast<std::size_t>(j)]);
    return prepareForDraw(images, s.draw);
}

cv::Mat DatasetSampler::mixed(const DatasetSample& s)
{
    return mixDraw(prepared(s), s.draw);
}

} // namespace cutmix
