#include "exporter.h"

#include "error.h"
#include "imageio.h"
#include "labels.h"
#include "mixer.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <list>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>
#include <unordered_map>

namespace cutmix
{

namespace fs = std::filesystem;
using nlohmann::json;

namespace
{

constexpr const char* kManifest = "manifest.jsonl";
constexpr const char* kManifestPart = "manifest.jsonl.part";

cv::Mat resizedTo(const cv::Mat& m, Size s)
{
    if (sizeOf(m) == s)
        return m;
    cv::Mat out;
    const bool shrinking = static_cast<long long>(m.cols) * m.rows > static_cast<long long>(s.width) * s.height;
    cv::resize(m, out, cv::Size(s.width, s.height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    return out;
}

// Decoded images shared by the workers, least recently used evicted first,
// bounded by bytes so that memory stays flat on datasets of any size. With
// an export size, images are kept already resized to it: each input is then
// resized once, not once for every sample that uses it.
class ImageCache
{
public:
    ImageCache(std::size_t budget, std::optional<Size> size) : budget_(budget), size_(size) {}

    // The decoded image, or an Error naming the file.
    std::shared_ptr<const cv::Mat> get(std::size_t key, const fs::path& path)
    {
        {
            std::lock_guard lock(mutex_);
            auto it = items_.find(key);
            if (it != items_.end()) {
                order_.splice(order_.begin(), order_, it->second.pos);
                if (!it->second.problem.empty())
                    throw Error(it->second.problem);
                return it->second.image;
            }
        }
        // Decode outside the lock; two workers may decode the same file at
        // once, which costs time but never changes a result.
        std::shared_ptr<const cv::Mat> image;
        std::string problem;
        try {
            cv::Mat m = loadImage(path);
            checkImageType(m, quotePath(path));
            if (size_)
                m = resizedTo(m, *size_);
            image = std::make_shared<const cv::Mat>(std::move(m));
        } catch (const Error& e) {
            problem = e.what();
        }
        std::lock_guard lock(mutex_);
        if (!items_.count(key)) {
            order_.push_front(key);
            const std::size_t bytes = image ? image->total() * image->elemSize() : 0;
            items_[key] = {image, problem, order_.begin(), bytes};
            used_ += bytes;
            while (used_ > budget_ && order_.size() > 1) {
                const std::size_t victim = order_.back();
                order_.pop_back();
                used_ -= items_[victim].bytes;
                items_.erase(victim);
            }
        }
        if (!problem.empty())
            throw Error(problem);
        return image;
    }

private:
    struct Item {
        std::shared_ptr<const cv::Mat> image;
        std::string problem;
        std::list<std::size_t>::iterator pos;
        std::size_t bytes = 0;
    };
    std::size_t budget_;
    std::optional<Size> size_;
    std::size_t used_ = 0;
    std::mutex mutex_;
    std::list<std::size_t> order_;
    std::unordered_map<std::size_t, Item> items_;
};

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string number(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// What the encoders can store: JPEG and WebP hold 8-bit gray or colour.
cv::Mat encodable(const cv::Mat& m, const std::string& format)
{
    if (format == "png")
        return m;
    return convertLike(m, CV_8U, m.channels() == 4 ? 3 : m.channels());
}

struct Outcome {
    std::string line; // the manifest line, or the skip line
    bool written = false;
    std::string problem;
};

json entryJson(const DatasetEntry& e)
{
    return json{{"path", e.name}, {"class", e.label}};
}

Outcome makeSample(const ExportConfig& c, const Dataset& ds, const PairPlanner& planner, ImageCache& cache,
                   std::uint64_t index)
{
    const PairChoice pc = planner(index);
    const DatasetEntry& ea = ds.entries[pc.a];
    const DatasetEntry& eb = ds.entries[pc.b];
    Outcome out;
    std::shared_ptr<const cv::Mat> a, b;
    try {
        a = cache.get(pc.a, ea.path);
        b = cache.get(pc.b, eb.path);
    } catch (const Error& e) {
        out.problem = e.what();
        out.line = json{{"index", index}, {"skipped", out.problem}}.dump();
        return out;
    }
    Params p = c.params;
    p.index = index;
    const cv::Mat& ia = *a;
    const cv::Mat& ib = *b;
    const Draw d = sampleDraw(p, sizeOf(ia), sizeOf(ib));
    const cv::Mat mixed = encodable(mixPair(ia, ib, d), c.format);
    const std::string file = sampleFileName(index, c.count, c.format);

    std::vector<unsigned char> bytes;
    if (!cv::imencode("." + c.format, mixed, bytes, encoderParams("x." + c.format, c.quality)))
        throw Error("cannot encode " + file);
    writeFileAtomic(c.output / "images" / file, std::string(bytes.begin(), bytes.end()));

    json r = toJson(d);
    r["file"] = file;
    r["a"] = entryJson(ea);
    r["b"] = entryJson(eb);
    const LabelSpec spec{static_cast<int>(ds.classes.size()), ea.label, eb.label, p.smoothing};
    r["label"] = softLabel(spec, d.lam);
    r["self_mix"] = pc.a == pc.b;
    out.line = r.dump();
    out.written = true;
    return out;
}

bool folderIsEmpty(const fs::path& p)
{
    std::error_code ec;
    return !fs::exists(p, ec) || fs::is_empty(p, ec);
}

// The valid prefix of a manifest part: consecutive indices from `first`.
// Returns the lines; truncates the file after the last whole valid line.
std::vector<std::string> readResumable(const fs::path& part, std::uint64_t first)
{
    std::vector<std::string> lines;
    std::ifstream in(part, std::ios::binary);
    std::string line;
    std::uint64_t keepBytes = 0;
    while (in.good()) {
        const std::streampos start = in.tellg();
        if (!std::getline(in, line) || in.eof())
            break; // a last line without its newline was cut short
        try {
            const json j = json::parse(line);
            if (!j.is_object() || j.value("index", std::uint64_t(-1)) != first + lines.size())
                break;
        } catch (const json::exception&) {
            break;
        }
        lines.push_back(line);
        keepBytes = static_cast<std::uint64_t>(start) + line.size() + 1;
    }
    in.close();
    std::error_code ec;
    fs::resize_file(part, keepBytes, ec);
    if (ec)
        throw Error(quotePath(part) + ": cannot be truncated for resuming (" + ec.message() + ")");
    return lines;
}

void finalize(const ExportConfig& c, const Dataset& ds, const fs::path& part)
{
    std::ifstream in(part, std::ios::binary);
    std::string line, manifest, labels = "file";
    for (const auto& cls : ds.classes)
        (labels += ',') += csvField(cls);
    labels += "\n";
    while (std::getline(in, line)) {
        const json j = json::parse(line);
        if (j.contains("skipped"))
            continue;
        manifest += line + "\n";
        labels += csvField(j["file"].get<std::string>());
        for (const auto& w : j["label"])
            (labels += ',') += number(w.get<double>());
        labels += "\n";
    }
    in.close();
    std::string classes;
    for (const auto& cls : ds.classes)
        classes += cls + "\n";
    writeFileAtomic(c.output / "classes.txt", classes);
    writeFileAtomic(c.output / "labels.csv", labels);
    writeFileAtomic(c.output / kManifest, manifest);
    fs::remove(part);
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
        throw Error("--count must be at least 1");
    if (c.format != "jpg" && c.format != "png" && c.format != "webp")
        throw Error("unknown format '" + c.format + "' (expected jpg, png or webp)");
    if (c.quality < 1 || c.quality > 100)
        throw Error("quality must be between 1 and 100");
    if (c.shardCount < 1 || c.shardIndex < 1 || c.shardIndex > c.shardCount)
        throw Error("shard must be k/n with 1 <= k <= n");
    if (c.size)
        checkSize(*c.size);
    if (c.output.empty())
        throw Error("no output folder given");
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
        throw Error(quotePath(runJson) + ": " + e.what());
    }
}

ExportSummary runExport(const ExportConfig& c, const std::function<void(const ExportProgress&)>& progress,
                        const std::atomic<bool>* cancel)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    checkExportConfig(c);
    const Dataset ds = loadDataset(c.input);

    // The output folder: new, empty, a previous run of this configuration
    // (resumed), or anything with --force.
    std::error_code ec;
    if (fs::exists(c.output, ec) && !fs::is_directory(c.output, ec))
        throw Error(quotePath(c.output) + ": exists and is not a folder");
    const fs::path inputAbs = fs::weakly_canonical(fs::absolute(c.input), ec);
    const fs::path outputAbs = fs::weakly_canonical(fs::absolute(c.output), ec);
    if (fs::is_directory(inputAbs) &&
        std::mismatch(inputAbs.begin(), inputAbs.end(), outputAbs.begin(), outputAbs.end()).first == inputAbs.end())
        throw Error(quotePath(c.output) + ": is inside the input dataset; choose an output folder outside it");
    const fs::path runJson = c.output / "run.json";
    const json wanted = exportConfigToJson(c);
    bool sameRun = false;
    if (fs::exists(runJson, ec)) {
        try {
            std::ifstream in(runJson);
            json previous = json::parse(in);
            previous.erase("version");
            json now = wanted;
            now.erase("version");
            sameRun = previous == now;
        } catch (const json::exception&) {
            sameRun = false;
        }
    }
    if (!sameRun && !folderIsEmpty(c.output) && !c.force)
        throw Error(quotePath(c.output) +
                    ": is not empty and is not a previous run of this configuration (use --force to export into it)");
    fs::create_directories(c.output / "images", ec);
    if (ec)
        throw Error(quotePath(c.output) + ": cannot create the output folder (" + ec.message() + ")");

    const auto range = shardRange(c.count, c.shardIndex, c.shardCount);
    const std::uint64_t first = range.first, last = range.second;
    ExportSummary summary;
    ExportProgress& pr = summary.progress;
    pr.total = last - first;
    const fs::path part = c.output / kManifestPart;
    if (sameRun && fs::exists(c.output / kManifest) && !fs::exists(part)) {
        // Finished before: nothing to do.
        pr.done = pr.resumed = pr.total;
        if (progress)
            progress(pr);
        return summary;
    }
    if (!sameRun)
        fs::remove(part, ec);
    // Temporaries of a killed run: never under a final name, removed here.
    for (const auto& e : fs::directory_iterator(c.output / "images", ec))
        if (e.path().filename().string().rfind('.', 0) == 0 &&
            e.path().filename().string().find(".part-") != std::string::npos)
            fs::remove(e.path(), ec);
    writeFileAtomic(runJson, wanted.dump(2) + "\n");

    std::vector<std::string> previous;
    if (fs::exists(part))
        previous = readResumable(part, first);
    for (const std::string& l : previous)
        (l.find("\"skipped\"") != std::string::npos ? pr.skipped : pr.written)++;
    pr.done = pr.resumed = previous.size();
    std::ofstream manifest(part, std::ios::binary | std::ios::app);
    if (!manifest)
        throw Error(quotePath(part) + ": cannot be written");

    const PairPlanner planner(c.pairs, c.params.seed, ds.entries.size());
    ImageCache cache(c.cacheBytes, c.size);
    const unsigned threads =
        c.threads > 0 ? static_cast<unsigned>(c.threads) : std::max(1u, std::thread::hardware_concurrency());
    const std::uint64_t window = 4ull * threads + 4; // how far workers may run ahead of the writer

    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::uint64_t, Outcome> ready;
    std::uint64_t nextToWrite = first + previous.size();
    std::uint64_t nextToTake = nextToWrite;
    std::exception_ptr failure;
    bool stop = false;
    auto stopping = [&] { return stop || (cancel && cancel->load()); };

    auto worker = [&] {
        for (;;) {
            std::uint64_t i;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock,
                             [&] { return stopping() || nextToTake >= last || nextToTake < nextToWrite + window; });
                if (stopping() || nextToTake >= last)
                    return;
                i = nextToTake++;
            }
            try {
                Outcome o = makeSample(c, ds, planner, cache, i);
                std::lock_guard lock(mutex);
                ready.emplace(i, std::move(o));
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
            }
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(worker);

    auto lastReport = Clock::now();
    {
        std::unique_lock lock(mutex);
        while (nextToWrite < last) {
            changed.wait_for(lock, std::chrono::milliseconds(100),
                             [&] { return stopping() || ready.count(nextToWrite); });
            std::string batch;
            while (ready.count(nextToWrite)) {
                Outcome o = std::move(ready[nextToWrite]);
                ready.erase(nextToWrite);
                if (!o.problem.empty()) {
                    if (std::find(summary.problems.begin(), summary.problems.end(), o.problem) ==
                        summary.problems.end())
                        summary.problems.push_back(o.problem);
                    if (c.strict && !failure) {
                        failure = std::make_exception_ptr(Error(o.problem + " (stopping: --strict)"));
                        stop = true;
                        break;
                    }
                }
                batch += o.line + "\n";
                (o.written ? pr.written : pr.skipped)++;
                ++pr.done;
                ++nextToWrite;
            }
            if (!batch.empty()) {
                lock.unlock();
                manifest << batch;
                manifest.flush();
                lock.lock();
                if (!manifest && !failure) {
                    // Not thrown from here: the workers must be stopped and
                    // joined first.
                    failure = std::make_exception_ptr(Error(quotePath(part) + ": cannot be written (disk full?)"));
                    stop = true;
                }
                changed.notify_all();
            }
            if (stopping() && !ready.count(nextToWrite))
                break;
            if (progress && Clock::now() - lastReport > std::chrono::milliseconds(200)) {
                pr.seconds = std::chrono::duration<double>(Clock::now() - started).count();
                lock.unlock();
                try {
                    progress(pr);
                } catch (...) {
                    lock.lock();
                    if (!failure)
                        failure = std::current_exception();
                    stop = true;
                    break;
                }
                lock.lock();
                lastReport = Clock::now();
            }
        }
        stop = true;
    }
    changed.notify_all();
    for (auto& t : pool)
        t.join();
    manifest.close();
    pr.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (failure)
        std::rethrow_exception(failure);
    if (nextToWrite < last) {
        summary.cancelled = true;
    } else {
        finalize(c, ds, part);
    }
    if (progress)
        progress(pr);
    return summary;
}

} // namespace cutmix
