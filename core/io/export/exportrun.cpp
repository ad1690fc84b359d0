// Running an export: the output folder, the workers that make samples in
// parallel and the writer that commits them in index order (image files or
// tar shards).
#include "csv.h"
#include "enumnames.h"
#include "error.h"
#include "exportshared.h"
#include "format.h"
#include "guard.h"
#include "imageio.h"
#include "mixer.h"
#include "record.h"
#include "sampler.h"
#include "tarwriter.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <thread>
#include <unistd.h>

namespace cutmix::exporting
{

namespace
{

// What the encoders can store: JPEG and WebP hold 8-bit gray or colour.
cv::Mat encodable(const cv::Mat& m, const std::string& format)
{
    if (format == "png")
        return m;
    return convertLike(m, CV_8U, m.channels() == 4 ? 3 : m.channels());
}

// One sample, made by a worker. In the files layout its image is written
// already; in the webdataset layout the writer puts its bytes in the shard.
struct Outcome {
    std::string line;                  // manifest.jsonl
    std::string labelsRow;             // labels.csv
    std::string metadataLine;          // images/metadata.jsonl (files layout)
    std::vector<unsigned char> image;  // encoded (webdataset only)
    std::optional<std::string> yolo;   // the kept boxes (webdataset, task detect or segment)
    std::vector<unsigned char> mask;   // the mixed mask as PNG (webdataset, task segment)
    int classA = 0;                    // the .cls member
    std::vector<std::string> problems; // unreadable files met on the way
    bool redrawn = false;
};

// A detection sample: the sources' objects carried through the draw and
// judged by the rule (carryAndJudge may refit the draw: Ultralytics' CutMix),
// the kept boxes as a YOLO label file, and the kept count of each class as
// its label.
struct DetectedObjects {
    std::vector<CarriedObject> carried;
    std::string yolo;
    std::vector<double> counts;
    std::vector<std::size_t> sourceObjects; // each source's number of objects
};

DetectedObjects detect(const ExportConfig& c, const DetectionInput& in, DatasetSample& s)
{
    std::vector<ImageObjects> sources;
    // Instance masks make the objects segments, as `cutmix mix --instances`
    // takes them (Ultralytics' thresholds for segments).
    bool segments = c.instances;
    DetectedObjects r;
    for (int k = 0; k < std::max(s.draw.sources, 1); ++k) {
        const std::size_t e = s.entries[std::size_t(k)];
        sources.push_back(objectsOf(in, e, sizeOf(*s.images[std::size_t(k)])));
        segments = segments || in.segments[e];
        r.sourceObjects.push_back(sources.back().objects.size());
    }
    r.carried = carryAndJudge(s.draw, sources, segments, *c.boxRule, c.keep);
    std::vector<Object> kept;
    r.counts.assign(in.dataset.classes.size(), 0.0);
    for (const CarriedObject& o : r.carried)
        if (o.kept) {
            kept.push_back({o.box, o.classIndex});
            r.counts.at(std::size_t(o.classIndex)) += 1.0;
        }
    r.yolo = yoloText(kept, s.draw.size);
    return r;
}

Outcome makeSample(const ExportConfig& c, const DatasetSampler& sampler, const DetectionInput* in, std::uint64_t index)
{
    DatasetSample s = sampler.sample(index);
    std::optional<DetectedObjects> objects;
    if (in)
        objects = detect(c, *in, s); // before mixing: the draw may be refitted
    const std::string file = sampleFileName(index, c.count, c.format);
    const std::string stem = file.substr(0, file.size() - c.format.size() - 1);
    // Task segment: the sources' masks mixed by the (fitted) draw, by the
    // function `cutmix mix --masks-out` (with --instances) writes with; made
    // before anything of the sample is written, so that a bad mask leaves
    // none of it.
    std::vector<unsigned char> maskBytes;
    if (in && c.task == ExportTask::Segment) {
        std::vector<cv::Mat> masks;
        std::vector<Size> sizes;
        for (std::size_t k = 0; k < std::size_t(std::max(s.draw.sources, 1)); ++k) {
            sizes.push_back(sizeOf(*s.images[k]));
            masks.push_back(maskOf(*in, s.entries[k], s.fileSizes[k], sizes.back(),
                                   c.instances ? std::optional(objects->sourceObjects.at(k)) : std::nullopt));
        }
        const cv::Mat mask =
            c.instances ? mixedInstanceMask(masks, sizes, s.draw, objects->carried) : mixedMask(masks, sizes, s.draw);
        if (!cv::imencode(".png", mask, maskBytes, encoderParams("x.png", 95)))
            throw Error(quotePath("masks/" + stem + ".png") + ": cannot be encoded");
    }
    const cv::Mat mixed = encodable(DatasetSampler::mixed(s), c.format);
    std::vector<unsigned char> bytes;
    try {
        if (!cv::imencode("." + c.format, mixed, bytes, encoderParams("x." + c.format, c.quality)))
            throw Error(quotePath(file) + ": cannot be encoded");
    } catch (const cv::Exception& e) {
        throw Error(quotePath(file) + ": cannot be encoded (" + e.err + ")");
    }
    Outcome o;
    s.info.file = file;
    if (objects) {
        s.info.objects = objects->carried;
        s.info.boxRule = c.boxRule->name;
        s.info.label = objects->counts;
    }
    json record = sampleRecord(s.draw, s.info, ClassNames::InClassesFile);
    if (c.layout == ExportLayout::Files) {
        if (!maskBytes.empty())
            writeFileAtomic(c.output / "masks" / (stem + ".png"),
                            {reinterpret_cast<const char*>(maskBytes.data()), maskBytes.size()});
        if (objects && c.boxFormat == BoxFormat::Yolo)
            writeFileAtomic(c.output / "labels" / (stem + ".txt"), objects->yolo);
        writeFileAtomic(c.output / "images" / file, {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
    } else {
        record["shard"] = "shards/" + shardFileName(index / c.shardSamples, shardCountOf(c));
        o.image = std::move(bytes);
        if (objects)
            o.yolo = std::move(objects->yolo);
        o.mask = std::move(maskBytes);
    }
    o.line = record.dump();
    // The rows of labels.csv and images/metadata.jsonl, made here in
    // parallel so that the merge only concatenates.
    o.labelsRow = csvField(file);
    for (double w : s.info.label)
        (o.labelsRow += ',') += formatExact(w);
    if (c.layout == ExportLayout::Files)
        o.metadataLine = json{{"file_name", file}, {"index", index}, {"label", record.at("label")}}.dump();
    o.classA = s.info.a.classIndex;
    o.problems = std::move(s.problems);
    o.redrawn = s.redraws > 0;
    return o;
}

// Empty, or holding only the temporaries of writers that have just begun
// (parts of one run starting together into one folder).
bool folderIsEmpty(const fs::path& p)
{
    std::error_code ec;
    if (!fs::exists(p, ec))
        return true;
    for (const auto& e : fs::directory_iterator(p, ec))
        if (!isTemporaryName(e.path().filename().string()))
            return false;
    return true;
}

// The output folder: new, empty, a previous run of this configuration
// (resumed, or another part of it), or anything when the user forces it.
// Returns whether it holds a run of this configuration.
bool prepareOutputFolder(const ExportConfig& c, const json& wanted, const std::function<void()>& afterListing)
{
    std::error_code ec;
    if (fs::exists(c.output, ec) && !fs::is_directory(c.output, ec))
        throw Error(quotePath(c.output) + ": exists and is not a folder", Setting::Output);
    const fs::path inputAbs = fs::weakly_canonical(fs::absolute(c.input), ec);
    const fs::path outputAbs = fs::weakly_canonical(fs::absolute(c.output), ec);
    if (fs::is_directory(inputAbs, ec) &&
        std::mismatch(inputAbs.begin(), inputAbs.end(), outputAbs.begin(), outputAbs.end()).first == inputAbs.end())
        throw Error(quotePath(c.output) + ": is inside the input dataset; choose an output folder outside it",
                    Setting::Output);
    // The folder is listed before run.json is read. Parts of one run start
    // at the same time, and run.json is the first thing a part writes into
    // the folder (and it stays): whatever this listing sees, the run.json
    // read after it is there. Read the other way round, a part could find no
    // run.json, another part write it, and the listing see it: "not empty
    // and not a previous run", and the part stopped (seen in CI).
    const bool empty = folderIsEmpty(c.output);
    if (afterListing)
        afterListing();
    const bool sameRun = isPreviousRun(c.output / "run.json", wanted);
    if (!sameRun && !empty && !c.force)
        throw Error(quotePath(c.output) + ": is not empty and is not a previous run of this configuration",
                    Setting::ForceOutput);
    fs::create_directories(c.output, ec);
    if (ec)
        throw Error(quotePath(c.output) + ": cannot create the output folder (" + ec.message() + ")", Setting::Output);
    return sameRun;
}

// Workers make samples [next, last) in parallel, at most `window` ahead of
// the writer; the writer takes them in index order. A worker wakes the
// writer only with the sample it waits for, the writer wakes the workers
// only when the window moves. Destroying the pipeline stops and joins the
// workers, so an exception in the writer can never leave threads running.
class Pipeline
{
public:
    Pipeline(const ExportConfig& c, const DatasetSampler& sampler, const DetectionInput* in, std::uint64_t next,
             std::uint64_t last, unsigned threads)
        : c_(c), sampler_(sampler), in_(in), nextToTake_(next), nextToWrite_(next), last_(last),
          window_(4ull * threads + 4)
    {
        for (unsigned t = 0; t < threads; ++t)
            pool_.emplace_back([this] { work(); });
    }

    ~Pipeline()
    {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        space_.notify_all();
        for (auto& t : pool_)
            t.join();
    }

    // The outcome of sample `index` (the next in order), or nothing when the
    // run is cancelled first. Rethrows a worker's error.
    std::optional<Outcome> take(std::uint64_t index, const std::atomic<bool>* cancel)
    {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (failure_)
                std::rethrow_exception(failure_);
            if (auto it = ready_.find(index); it != ready_.end()) {
                Outcome o = std::move(it->second);
                ready_.erase(it);
                nextToWrite_ = index + 1;
                lock.unlock();
                space_.notify_all();
                return o;
            }
            if (cancel && cancel->load())
                return std::nullopt;
            waitingFor_ = index;
            // A cancel flag set elsewhere does not notify: look again now and then.
            ready_cv_.wait_for(lock, std::chrono::milliseconds(50));
        }
    }

private:
    void work()
    {
        for (;;) {
            std::uint64_t i;
            {
                std::unique_lock lock(mutex_);
                space_.wait(lock,
                            [&] { return stop_ || nextToTake_ >= last_ || nextToTake_ < nextToWrite_ + window_; });
                if (stop_ || nextToTake_ >= last_)
                    return;
                i = nextToTake_++;
            }
            bool wake = false;
            try {
                Outcome o = makeSample(c_, sampler_, in_, i);
                std::lock_guard lock(mutex_);
                ready_.emplace(i, std::move(o));
                wake = i == waitingFor_;
            } catch (...) {
                std::lock_guard lock(mutex_);
                if (!failure_)
                    failure_ = std::current_exception();
                stop_ = true;
                wake = true;
            }
            if (wake)
                ready_cv_.notify_one();
        }
    }

    const ExportConfig& c_;
    const DatasetSampler& sampler_;
    const DetectionInput* in_;
    std::mutex mutex_;
    std::condition_variable space_, ready_cv_;
    std::map<std::uint64_t, Outcome> ready_;
    std::uint64_t nextToTake_, nextToWrite_, last_, window_;
    std::uint64_t waitingFor_ = std::uint64_t(-1);
    std::exception_ptr failure_;
    bool stop_ = false;
    std::vector<std::thread> pool_;
};

unsigned threadCount(const ExportConfig& c)
{
    return c.threads > 0 ? static_cast<unsigned>(c.threads) : std::max(1u, std::thread::hardware_concurrency());
}

void addProblems(std::vector<std::string>& all, std::set<std::string>& seen, const std::vector<std::string>& more)
{
    for (const std::string& p : more)
        if (seen.insert(p).second)
            all.push_back(p);
}

// The writer of the webdataset layout: the samples of one shard go into its
// tar as <stem>.<format>, <stem>.json and <stem>.cls, and their manifest
// lines reach the part's manifest only once the shard is renamed whole, so a
// resumed run starts again at the first unfinished shard.
class ShardWriter
{
public:
    ShardWriter(const ExportConfig& c, PartStreams& streams) : c_(c), streams_(streams) {}

    void add(std::uint64_t index, const Outcome& o)
    {
        if (!tar_)
            tar_.emplace(c_.output / "shards" / shardFileName(index / c_.shardSamples, shardCountOf(c_)));
        const std::string stem = sampleFileName(index, c_.count, c_.format);
        const std::string key = stem.substr(0, stem.size() - c_.format.size() - 1);
        tar_->add(stem, {reinterpret_cast<const char*>(o.image.data()), o.image.size()});
        tar_->add(key + ".json", o.line);
        tar_->add(key + ".cls", std::to_string(o.classA));
        if (o.yolo)
            tar_->add(key + ".txt", *o.yolo);
        if (!o.mask.empty())
            tar_->add(key + ".mask.png", {reinterpret_cast<const char*>(o.mask.data()), o.mask.size()});
        (lines_ += o.line) += '\n';
        (labels_ += o.labelsRow) += '\n';
    }

    // After sample `index`: closes the shard when it is its last sample (or
    // the part's last).
    void endOf(std::uint64_t index, std::uint64_t partLast)
    {
        if (!tar_ || ((index + 1) % c_.shardSamples != 0 && index + 1 != partLast))
            return;
        tar_->commit();
        tar_.reset();
        streams_.append(lines_, labels_, std::string());
        lines_.clear();
        labels_.clear();
    }

private:
    const ExportConfig& c_;
    PartStreams& streams_;
    std::optional<TarWriter> tar_; // destroyed unfinished: its temporary is removed
    std::string lines_, labels_;
};

ExportSummary run(const ExportConfig& c, const ExportControl& control)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    checkExportConfig(c);
    std::optional<DetectionInput> detection;
    if (carriesObjects(c.task))
        detection = loadDetectionInput(c);
    const Dataset ds = detection ? detection->dataset : loadDataset(c.input);
    const unsigned threads = threadCount(c);

    // Before any output: which files can be read at all.
    const ReadabilityScan scan = scanReadability(ds, threads);
    if (c.strict && !scan.problems.empty())
        throw Error(scan.problems.front() + " (stopping: strict)", Setting::Strict);
    if (scan.readableCount() < 2)
        throw Error(quotePath(c.input) + ": only " + std::to_string(scan.readableCount()) + " of its " +
                    std::to_string(ds.entries.size()) + " images can be read; mixing needs at least two");

    const json wanted = exportConfigToJson(c);
    const bool sameRun = prepareOutputFolder(c, wanted, control.afterListing);
    const auto [first, last] = partRange(c);
    const bool webdataset = c.layout == ExportLayout::WebDataset;
    ExportSummary summary;
    ExportProgress& pr = summary.progress;
    pr.total = last - first;
    std::set<std::string> seen;
    addProblems(summary.problems, seen, scan.problems);
    const PartFiles part = partFiles(c.output, c.shardIndex, c.shardCount);
    const bool labelFiles = !webdataset && carriesObjects(c.task) && c.boxFormat == BoxFormat::Yolo;
    const bool maskFiles = !webdataset && c.task == ExportTask::Segment;
    // Nothing below may write, truncate or delete through a link (a part's
    // file linked to a file elsewhere, parts/ linked to another folder).
    for (const fs::path& p :
         {c.output / kPartsFolder, c.output / (webdataset ? "shards" : "images"), c.output / "run.json", part.running,
          part.lines, part.info, part.labelsRunning, part.labels, part.metadataRunning, part.metadata,
          c.output / "labels", c.output / "masks", c.output / "data.yaml", c.output / kCocoFile})
        refuseOutside(c.output, p);
    auto report = [&] {
        pr.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        if (control.progress)
            control.progress(pr);
    };
    std::error_code ec;
    const bool partDone = fs::exists(part.info, ec);
    if (sameRun && (partDone || (fs::exists(c.output / kManifest, ec) && !fs::exists(part.running, ec)))) {
        pr.done = pr.resumed = pr.total; // finished before: nothing to do but perhaps the merge
        summary.merged = !partDone || mergeIfLast(c.output, c.shardCount, summary.waitingFor);
        report();
        return summary;
    }
    if (!sameRun)
        for (const fs::path& f : part.allRunning())
            fs::remove(f, ec);
    writeFileAtomic(c.output / "run.json", wanted.dump(2) + "\n");
    const fs::path samplesFolder = c.output / (webdataset ? "shards" : "images");
    createFolder(samplesFolder);
    createFolder(c.output / kPartsFolder);
    if (webdataset)
        removeOwnTemporaries(samplesFolder, first / c.shardSamples, (last + c.shardSamples - 1) / c.shardSamples);
    else
        removeOwnTemporaries(samplesFolder, first, last);
    if (labelFiles) {
        createFolder(c.output / "labels");
        removeOwnTemporaries(c.output / "labels", first, last);
    }
    if (maskFiles) {
        createFolder(c.output / "masks");
        removeOwnTemporaries(c.output / "masks", first, last);
    }
    Resumed resumed;
    if (fs::exists(part.running, ec))
        resumed = readResumable(part, first, webdataset ? c.shardSamples : 1, !webdataset);
    pr.done = pr.resumed = pr.written = resumed.lines;
    pr.redrawn = resumed.redrawn;

    PartStreams streams(part);
    SamplerOptions so{c.params, c.pairs, c.size, c.cacheBytes};
    const DatasetSampler sampler(ds, so, &scan);
    std::uint64_t next = first + resumed.lines;
    {
        ShardWriter shards(c, streams);
        Pipeline pipeline(c, sampler, detection ? &*detection : nullptr, next, last, threads);
        auto lastReport = Clock::now();
        for (; next < last; ++next) {
            if (control.cancel && control.cancel->load())
                break;
            std::optional<Outcome> o = pipeline.take(next, control.cancel);
            if (!o)
                break;
            addProblems(summary.problems, seen, o->problems);
            if (c.strict && !o->problems.empty())
                throw Error(o->problems.front() + " (stopping: strict)", Setting::Strict);
            if (control.beforeCommit && !control.beforeCommit(next))
                break;
            if (webdataset) {
                shards.add(next, *o);
                shards.endOf(next, last);
            } else {
                streams.append(o->line + '\n', o->labelsRow + '\n', o->metadataLine + '\n');
            }
            ++pr.written;
            ++pr.done;
            pr.redrawn += o->redrawn ? 1 : 0;
            if (Clock::now() - lastReport > std::chrono::milliseconds(200)) {
                report();
                lastReport = Clock::now();
            }
        }
    }
    streams.close();
    if (next < last) {
        summary.cancelled = true;
    } else {
        for (const auto& [from, to] :
             {std::pair{part.labelsRunning, part.labels}, std::pair{part.metadataRunning, part.metadata},
              std::pair{part.running, part.lines}}) {
            fs::rename(from, to, ec);
            if (ec)
                throw Error(quotePath(to) + ": cannot be written (" + ec.message() + ")");
        }
        json info{{"config", configurationOf(wanted)},
                  {"part", {c.shardIndex, c.shardCount}},
                  {"samples", {first, last}},
                  {"files", partDigests(part)},
                  {"classes", ds.classes},
                  {"unreadable", summary.problems}};
        writeFileAtomic(part.info, info.dump(2) + "\n");
        summary.merged = mergeIfLast(c.output, c.shardCount, summary.waitingFor);
    }
    report();
    return summary;
}

} // namespace

} // namespace cutmix::exporting

namespace cutmix
{

using namespace exporting;

ExportSummary runExport(const ExportConfig& c, const ExportControl& control)
{
    return withCoreErrors("export to " + quotePath(c.output), [&] { return exporting::run(c, control); });
}

} // namespace cutmix
