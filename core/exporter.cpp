#include "exporter.h"

#include "error.h"
#include "format.h"
#include "guard.h"
#include "imageio.h"
#include "mixer.h"
#include "record.h"
#include "sampler.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <thread>

namespace cutmix
{

namespace fs = std::filesystem;
using nlohmann::json;

namespace
{

constexpr const char* kManifest = "manifest.jsonl";
constexpr const char* kManifestPart = "manifest.jsonl.part";
// Keys of run.json that do not describe the configuration.
constexpr const char* kRunJsonNotes[] = {"version", "unreadable"};

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// What the encoders can store: JPEG and WebP hold 8-bit gray or colour.
cv::Mat encodable(const cv::Mat& m, const std::string& format)
{
    if (format == "png")
        return m;
    return convertLike(m, CV_8U, m.channels() == 4 ? 3 : m.channels());
}

// One sample, made by a worker: its image is written, its manifest line waits
// for the writer.
struct Outcome {
    std::string line;
    std::vector<std::string> problems; // unreadable files met on the way
    bool redrawn = false;
};

Outcome makeSample(const ExportConfig& c, const DatasetSampler& sampler, std::uint64_t index)
{
    DatasetSample s = sampler.sample(index);
    const cv::Mat mixed = encodable(DatasetSampler::mixed(s), c.format);
    const std::string file = sampleFileName(index, c.count, c.format);
    std::vector<unsigned char> bytes;
    try {
        if (!cv::imencode("." + c.format, mixed, bytes, encoderParams("x." + c.format, c.quality)))
            throw Error(quotePath(file) + ": cannot be encoded");
    } catch (const cv::Exception& e) {
        throw Error(quotePath(file) + ": cannot be encoded (" + e.err + ")");
    }
    writeFileAtomic(c.output / "images" / file, std::string(bytes.begin(), bytes.end()));
    s.info.file = file;
    return {sampleRecord(s.draw, s.info, ClassNames::InClassesFile).dump(), std::move(s.problems), s.redraws > 0};
}

json configurationOf(json runJson)
{
    for (const char* key : kRunJsonNotes)
        runJson.erase(key);
    return runJson;
}

bool isPreviousRun(const fs::path& runJson, const json& wanted)
{
    std::error_code ec;
    if (!fs::exists(runJson, ec))
        return false;
    try {
        std::ifstream in(runJson);
        return configurationOf(json::parse(in)) == configurationOf(wanted);
    } catch (const json::exception&) {
        return false;
    }
}

bool folderIsEmpty(const fs::path& p)
{
    std::error_code ec;
    return !fs::exists(p, ec) || fs::is_empty(p, ec);
}

// The output folder: new, empty, a previous run of this configuration
// (resumed), or anything when the user forces it. Returns whether it holds a
// previous run of this configuration.
bool prepareOutputFolder(const ExportConfig& c, const json& wanted)
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
    const bool sameRun = isPreviousRun(c.output / "run.json", wanted);
    if (!sameRun && !folderIsEmpty(c.output) && !c.force)
        throw Error(quotePath(c.output) + ": is not empty and is not a previous run of this configuration",
                    Setting::ForceOutput);
    fs::create_directories(c.output / "images", ec);
    if (ec)
        throw Error(quotePath(c.output) + ": cannot create the output folder (" + ec.message() + ")", Setting::Output);
    // Temporaries of a killed run: never under a final name, removed here.
    for (const auto& e : fs::directory_iterator(c.output / "images", ec))
        if (e.path().filename().string().rfind('.', 0) == 0 &&
            e.path().filename().string().find(".part-") != std::string::npos)
            fs::remove(e.path(), ec);
    return sameRun;
}

// What a killed or cancelled run left in the manifest part: the number of
// consecutive valid lines from `first`, and how many of them needed a
// redraw. Truncates the file after the last whole valid line.
struct Resumed {
    std::uint64_t lines = 0;
    std::uint64_t redrawn = 0;
};

Resumed readResumable(const fs::path& part, std::uint64_t first)
{
    Resumed r;
    std::ifstream in(part, std::ios::binary);
    std::string line;
    std::uint64_t keepBytes = 0;
    while (in.good()) {
        const std::streampos start = in.tellg();
        if (!std::getline(in, line) || in.eof())
            break; // a last line without its newline was cut short
        try {
            const json j = json::parse(line);
            if (!j.is_object() || j.value("index", std::uint64_t(-1)) != first + r.lines)
                break;
            if (j.value("redraws", 0) > 0)
                ++r.redrawn;
        } catch (const json::exception&) {
            break;
        }
        ++r.lines;
        keepBytes = static_cast<std::uint64_t>(start) + line.size() + 1;
    }
    in.close();
    std::error_code ec;
    fs::resize_file(part, keepBytes, ec);
    if (ec)
        throw Error(quotePath(part) + ": cannot be truncated for resuming (" + ec.message() + ")");
    return r;
}

// The finished run: manifest.jsonl and labels.csv streamed from the part
// (memory stays flat for any count), classes.txt, and run.json noting the
// unreadable files.
void finish(const ExportConfig& c, const Dataset& ds, const fs::path& part, const json& runJson,
            const std::vector<std::string>& problems)
{
    try {
        std::ifstream in(part, std::ios::binary);
        AtomicFileWriter manifest(c.output / kManifest), labels(c.output / "labels.csv");
        labels.stream() << "file";
        for (const auto& cls : ds.classes)
            labels.stream() << ',' << csvField(cls);
        labels.stream() << '\n';
        std::string line;
        while (std::getline(in, line)) {
            const json j = json::parse(line);
            manifest.stream() << line << '\n';
            labels.stream() << csvField(j.at("file").get<std::string>());
            for (const auto& w : j.at("label"))
                labels.stream() << ',' << formatExact(w.get<double>());
            labels.stream() << '\n';
        }
        std::string classes;
        for (const auto& cls : ds.classes)
            classes += cls + "\n";
        writeFileAtomic(c.output / "classes.txt", classes);
        labels.commit();
        manifest.commit();
        json noted = runJson;
        noted["unreadable"] = problems;
        writeFileAtomic(c.output / "run.json", noted.dump(2) + "\n");
        fs::remove(part);
    } catch (const json::exception& e) {
        throw Error(quotePath(part) + ": a line of the manifest is damaged (" + e.what() + ")");
    } catch (const fs::filesystem_error& e) {
        throw Error(quotePath(c.output) + ": cannot finish the run (" + e.code().message() + ")");
    }
}

// Workers make samples [next, last) in parallel, at most `window` ahead of
// the writer; the writer takes them in index order. Destroying the pipeline
// stops and joins the workers, so an exception in the writer can never leave
// threads running.
class Pipeline
{
public:
    Pipeline(const ExportConfig& c, const DatasetSampler& sampler, std::uint64_t next, std::uint64_t last,
             unsigned threads)
        : c_(c), sampler_(sampler), nextToTake_(next), nextToWrite_(next), last_(last), window_(4ull * threads + 4)
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
        changed_.notify_all();
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
                changed_.notify_all();
                return o;
            }
            if (cancel && cancel->load())
                return std::nullopt;
            // A cancel flag set elsewhere does not notify: look again now and then.
            changed_.wait_for(lock, std::chrono::milliseconds(50));
        }
    }

private:
    void work()
    {
        for (;;) {
            std::uint64_t i;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock,
                              [&] { return stop_ || nextToTake_ >= last_ || nextToTake_ < nextToWrite_ + window_; });
                if (stop_ || nextToTake_ >= last_)
                    return;
                i = nextToTake_++;
            }
            try {
                Outcome o = makeSample(c_, sampler_, i);
                std::lock_guard lock(mutex_);
                ready_.emplace(i, std::move(o));
            } catch (...) {
                std::lock_guard lock(mutex_);
                if (!failure_)
                    failure_ = std::current_exception();
                stop_ = true;
            }
            changed_.notify_all();
        }
    }

    const ExportConfig& c_;
    const DatasetSampler& sampler_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::uint64_t, Outcome> ready_;
    std::uint64_t nextToTake_, nextToWrite_, last_, window_;
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

} // namespace

std::pair<std::uint64_t, std::uint64_t> shardRange(std::uint64_t count, int shardIndex, int shardCount)
{
    const auto k = static_cast<unsigned __int128>(shardIndex - 1), n = static_cast<unsigned __int128>(shardCount);
    return {static_cast<std::uint64_t>(count * k / n), static_cast<std::uint64_t>(count * (k + 1) / n)};
}

std::string sampleFileName(std::uint64_t index, std::uint64_t count, const std::string& format)
{
    const int width = std::max<int>(6, static_cast<int>(std::to_string(count > 0 ? count - 1 : 0).size()));
    std::string digits = std::to_string(index);
    return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(digits.size()))), '0') + digits +
           "." + format;
}

void checkExportConfig(const ExportConfig& c)
{
    checkParams(c.params);
    if (c.count < 1)
        throw Error("the number of samples must be at least 1", Setting::Count);
    if (c.format != "jpg" && c.format != "png" && c.format != "webp")
        throw Error("unknown format '" + c.format + "' (expected jpg, png or webp)", Setting::Format);
    if (c.quality < 1 || c.quality > 100)
        throw Error("quality must be between 1 and 100", Setting::Quality);
    if (c.shardCount < 1 || c.shardIndex < 1 || c.shardIndex > c.shardCount)
        throw Error("a shard must be k/n with 1 <= k <= n", Setting::Shard);
    if (c.size)
        checkSize(*c.size);
    if (c.output.empty())
        throw Error("no output folder given", Setting::Output);
}

json exportConfigToJson(const ExportConfig& c)
{
    json j;
    j["tool"] = "cutmix export";
    j["version"] = CUTMIX_VERSION;
    j["input"] = fs::absolute(c.input).lexically_normal().string();
    j["count"] = c.count;
    j["params"] = paramsToJson(c.params);
    j["pairs"] = pairModeName(c.pairs);
    j["size"] = c.size ? toJson(*c.size) : json(nullptr);
    j["format"] = c.format;
    j["quality"] = c.quality;
    j["shard"] = {c.shardIndex, c.shardCount};
    j["strict"] = c.strict;
    return j;
}

ExportConfig exportConfigFromJson(const json& j)
{
    try {
        ExportConfig c;
        c.input = j.at("input").get<std::string>();
        c.count = j.at("count").get<std::uint64_t>();
        c.params = paramsFromJson(j.at("params"));
        c.pairs = parsePairMode(j.at("pairs").get<std::string>());
        if (!j.at("size").is_null())
            c.size = Size{j["size"].at("width").get<int>(), j["size"].at("height").get<int>()};
        c.format = j.at("format").get<std::string>();
        c.quality = j.at("quality").get<int>();
        c.shardIndex = j.at("shard").at(0).get<int>();
        c.shardCount = j.at("shard").at(1).get<int>();
        c.strict = j.value("strict", false);
        return c;
    } catch (const json::exception& e) {
        throw Error(std::string("not a valid run.json (") + e.what() + ")");
    }
}

ExportConfig loadExportConfig(const fs::path& runJson)
{
    std::ifstream in(runJson);
    if (!in)
        throw Error(quotePath(runJson) + ": cannot open");
    try {
        ExportConfig c = exportConfigFromJson(json::parse(in));
        c.output = fs::absolute(runJson).parent_path();
        return c;
    } catch (const json::exception& e) {
        throw Error(quotePath(runJson) + ": not valid JSON (" + e.what() + ")");
    } catch (const Error& e) {
        throw Error(quotePath(runJson) + ": " + e.what(), e.setting());
    }
}

namespace
{

ExportSummary run(const ExportConfig& c, const ExportControl& control)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    checkExportConfig(c);
    const Dataset ds = loadDataset(c.input);
    const unsigned threads = threadCount(c);

    // Before any output: which files can be read at all.
    const ReadabilityScan scan = scanReadability(ds, threads);
    if (c.strict && !scan.problems.empty())
        throw Error(scan.problems.front() + " (stopping: strict)", Setting::Strict);
    if (scan.readableCount() < 2)
        throw Error(quotePath(c.input) + ": only " + std::to_string(scan.readableCount()) + " of its " +
                    std::to_string(ds.entries.size()) + " images can be read; mixing needs at least two");

    const json wanted = exportConfigToJson(c);
    const bool sameRun = prepareOutputFolder(c, wanted);
    const auto [first, last] = shardRange(c.count, c.shardIndex, c.shardCount);
    ExportSummary summary;
    ExportProgress& pr = summary.progress;
    pr.total = last - first;
    std::set<std::string> seen;
    addProblems(summary.problems, seen, scan.problems);
    const fs::path part = c.output / kManifestPart;
    auto report = [&] {
        pr.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        if (control.progress)
            control.progress(pr);
    };
    if (sameRun && fs::exists(c.output / kManifest) && !fs::exists(part)) {
        pr.done = pr.resumed = pr.total; // finished before: nothing to do
        report();
        return summary;
    }
    std::error_code ec;
    if (!sameRun)
        fs::remove(part, ec);
    writeFileAtomic(c.output / "run.json", wanted.dump(2) + "\n");
    Resumed resumed;
    if (fs::exists(part))
        resumed = readResumable(part, first);
    pr.done = pr.resumed = pr.written = resumed.lines;
    pr.redrawn = resumed.redrawn;

    std::ofstream manifest(part, std::ios::binary | std::ios::app);
    if (!manifest)
        throw Error(quotePath(part) + ": cannot be written");
    SamplerOptions so{c.params, c.pairs, c.size, c.cacheBytes};
    const DatasetSampler sampler(ds, so, &scan);
    std::uint64_t next = first + resumed.lines;
    {
        Pipeline pipeline(c, sampler, next, last, threads);
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
            manifest << o->line << '\n';
            manifest.flush();
            if (!manifest)
                throw Error(quotePath(part) + ": cannot be written (disk full?)");
            ++pr.written;
            ++pr.done;
            pr.redrawn += o->redrawn ? 1 : 0;
            if (Clock::now() - lastReport > std::chrono::milliseconds(200)) {
                report();
                lastReport = Clock::now();
            }
        }
    }
    manifest.close();
    if (next < last)
        summary.cancelled = true;
    else
        finish(c, ds, part, wanted, summary.problems);
    report();
    return summary;
}

} // namespace

ExportSummary runExport(const ExportConfig& c, const ExportControl& control)
{
    return withCoreErrors("export to " + quotePath(c.output), [&] { return run(c, control); });
}

} // namespace cutmix
