#include "exporter.h"

#include "enumnames.h"
#include "error.h"
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

namespace cutmix
{

namespace fs = std::filesystem;
using nlohmann::json;

namespace
{

constexpr const char* kManifest = "manifest.jsonl";
constexpr const char* kPartsFolder = "parts";
constexpr const char* kMergeClaim = ".merging";
// Keys of run.json that do not describe the configuration.
constexpr const char* kRunJsonNotes[] = {"version", "unreadable"};
constexpr EnumNames<ExportLayout, 2> kLayoutNames{
    {{ExportLayout::Files, "files"}, {ExportLayout::WebDataset, "webdataset"}}};

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string zeroPadded(std::uint64_t value, std::uint64_t largest)
{
    const std::size_t width = std::max<std::size_t>(6, std::to_string(largest).size());
    const std::string digits = std::to_string(value);
    return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

// What the encoders can store: JPEG and WebP hold 8-bit gray or colour.
cv::Mat encodable(const cv::Mat& m, const std::string& format)
{
    if (format == "png")
        return m;
    return convertLike(m, CV_8U, m.channels() == 4 ? 3 : m.channels());
}

std::uint64_t shardCountOf(const ExportConfig& c)
{
    return (c.count + c.shardSamples - 1) / c.shardSamples;
}

// One sample, made by a worker. In the files layout its image is written
// already; in the webdataset layout the writer puts its bytes in the shard.
struct Outcome {
    std::string line;                  // manifest.jsonl
    std::string labelsRow;             // labels.csv
    std::string metadataLine;          // images/metadata.jsonl (files layout)
    std::vector<unsigned char> image;  // encoded (webdataset only)
    int classA = 0;                    // the .cls member
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
    Outcome o;
    s.info.file = file;
    json record = sampleRecord(s.draw, s.info, ClassNames::InClassesFile);
    if (c.layout == ExportLayout::Files) {
        writeFileAtomic(c.output / "images" / file, {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
    } else {
        record["shard"] = "shards/" + shardFileName(index / c.shardSamples, shardCountOf(c));
        o.image = std::move(bytes);
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

json configurationOf(json runJson)
{
    for (const char* key : kRunJsonNotes)
        runJson.erase(key);
    return runJson;
}

std::optional<json> readJsonFile(const fs::path& p)
{
    std::error_code ec;
    if (!fs::exists(p, ec))
        return std::nullopt;
    try {
        std::ifstream in(p);
        return json::parse(in);
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

bool isPreviousRun(const fs::path& runJson, const json& wanted)
{
    const std::optional<json> j = readJsonFile(runJson);
    return j && configurationOf(*j) == configurationOf(wanted);
}

// A temporary left by a writer (files.h: ".<stem>.part-<host>-<pid>-<n><ext>").
bool isTemporaryName(const std::string& name)
{
    return name.rfind('.', 0) == 0 && name.find(".part-") != std::string::npos;
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
    fs::create_directories(c.output, ec);
    if (ec)
        throw Error(quotePath(c.output) + ": cannot create the output folder (" + ec.message() + ")", Setting::Output);
    return sameRun;
}

void createFolder(const fs::path& p)
{
    std::error_code ec;
    fs::create_directories(p, ec);
    if (ec)
        throw Error(quotePath(p) + ": cannot be created (" + ec.message() + ")", Setting::Output);
}

// Temporaries of a killed run of this part, never under a final name: those
// whose number (a sample's or a shard's) is in [from, to). Other parts'
// temporaries, perhaps being written right now, are left alone.
void removeOwnTemporaries(const fs::path& folder, std::uint64_t from, std::uint64_t to)
{
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        if (!isTemporaryName(name))
            continue;
        const std::string digits = name.substr(1, name.find(".part-") - 1);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const std::uint64_t n = std::stoull(digits);
        if (n >= from && n < to)
            fs::remove(e.path(), ec);
    }
}

// ---- parts

// parts/part-00002-of-00004: .jsonl.part while it runs, .jsonl and .json
// (what the merge needs: configuration, range, classes, unreadable files)
// once it is finished.
std::string partStem(int k, int n)
{
    auto pad = [](int v) {
        std::string s = std::to_string(v);
        return std::string(s.size() < 5 ? 5 - s.size() : 0, '0') + s;
    };
    return "part-" + pad(k) + "-of-" + pad(n);
}

// A part's three row files (manifest lines, labels.csv rows, metadata
// lines), each under ".part" while the part runs, and its info.
struct PartFiles {
    fs::path running, lines, info;
    fs::path labelsRunning, labels, metadataRunning, metadata;
    std::vector<fs::path> allRunning() const { return {running, labelsRunning, metadataRunning}; }
};

PartFiles partFiles(const fs::path& output, int k, int n)
{
    const std::string base = (output / kPartsFolder / partStem(k, n)).string();
    return {base + ".jsonl.part", base + ".jsonl",         base + ".json",    base + ".labels.part",
            base + ".labels",     base + ".metadata.part", base + ".metadata"};
}

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

// The byte offset after the first `n` lines of a file (fewer when it has
// fewer whole lines), and how many whole lines that is.
std::pair<std::uint64_t, std::uint64_t> wholeLines(const fs::path& p, std::uint64_t n)
{
    std::ifstream in(p, std::ios::binary);
    std::string line;
    std::uint64_t offset = 0, lines = 0;
    while (lines < n && std::getline(in, line) && !in.eof()) {
        offset += line.size() + 1;
        ++lines;
    }
    return {offset, lines};
}

void truncateTo(const fs::path& p, std::uint64_t bytes)
{
    std::error_code ec;
    if (!fs::exists(p, ec))
        std::ofstream(p, std::ios::binary);
    fs::resize_file(p, bytes, ec);
    if (ec)
        throw Error(quotePath(p) + ": cannot be truncated for resuming (" + ec.message() + ")");
}

Resumed readResumable(const PartFiles& part, std::uint64_t first, std::uint64_t granule, bool metadata)
{
    std::vector<std::pair<std::uint64_t, bool>> ends; // byte offset after each valid line, redrawn
    {
        std::ifstream in(part.running, std::ios::binary);
        std::string line;
        std::uint64_t offset = 0;
        while (std::getline(in, line) && !in.eof()) { // a last line without its newline was cut short
            try {
                const json j = json::parse(line);
                if (!j.is_object() || j.value("index", std::uint64_t(-1)) != first + ends.size())
                    break;
                offset += line.size() + 1;
                ends.emplace_back(offset, j.value("redraws", 0) > 0);
            } catch (const json::exception&) {
                break;
            }
        }
    }
    // The row files were written before the manifest: they hold at least as
    // many lines, unless one was lost.
    std::vector<fs::path> sides{part.labelsRunning};
    if (metadata)
        sides.push_back(part.metadataRunning);
    std::uint64_t keep = ends.size();
    for (const fs::path& side : sides)
        keep = std::min(keep, wholeLines(side, keep).second);
    Resumed r;
    r.lines = keep / granule * granule;
    for (std::uint64_t i = 0; i < r.lines; ++i)
        r.redrawn += ends[i].second ? 1 : 0;
    truncateTo(part.running, r.lines ? ends[r.lines - 1].first : 0);
    for (const fs::path& side : sides)
        truncateTo(side, wholeLines(side, r.lines).first);
    return r;
}

std::uint64_t countLines(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return static_cast<std::uint64_t>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
}

// Appends a whole file to a stream (the rows of a part, in big blocks).
void appendFile(std::ostream& out, const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw Error(quotePath(p) + ": cannot be read");
    std::vector<char> block(1 << 20);
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        out.write(block.data(), in.gcount());
    }
    if (in.bad())
        throw Error(quotePath(p) + ": cannot be read");
}

// Writes the merged files: the parts' rows concatenated in order, so memory
// and time stay small for any count.
void writeMerged(const fs::path& out, const json& runJson, const std::vector<PartFiles>& parts,
                 const std::vector<std::string>& classes, const std::vector<std::string>& unreadable, bool metadata)
{
    try {
        AtomicFileWriter manifest(out / kManifest), labels(out / "labels.csv");
        std::optional<AtomicFileWriter> meta;
        if (metadata)
            meta.emplace(out / "images" / "metadata.jsonl");
        labels.stream() << "file";
        for (const auto& cls : classes)
            labels.stream() << ',' << csvField(cls);
        labels.stream() << '\n';
        for (const PartFiles& p : parts) {
            appendFile(manifest.stream(), p.lines);
            appendFile(labels.stream(), p.labels);
            if (meta)
                appendFile(meta->stream(), p.metadata);
        }
        std::string names;
        for (const auto& cls : classes)
            names += cls + "\n";
        writeFileAtomic(out / "classes.txt", names);
        if (meta)
            meta->commit();
        labels.commit();
        manifest.commit();
        json noted = runJson;
        noted["unreadable"] = unreadable;
        writeFileAtomic(out / "run.json", noted.dump(2) + "\n");
    } catch (const fs::filesystem_error& e) {
        throw Error(quotePath(out) + ": cannot finish the run (" + e.code().message() + ")");
    }
}

struct FoundPart {
    int k = 0, n = 0;
};

// The parts named in parts/, from their file names.
std::vector<FoundPart> listParts(const fs::path& output)
{
    std::vector<FoundPart> found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(output / kPartsFolder, ec)) {
        const std::string name = e.path().filename().string();
        int k = 0, n = 0, used = 0;
        if (std::sscanf(name.c_str(), "part-%d-of-%d.%n", &k, &n, &used) == 2 && used > 0)
            found.push_back({k, n});
    }
    return found;
}

MergeSummary merge(const fs::path& output)
{
    const std::optional<json> runJson = readJsonFile(output / "run.json");
    if (!runJson)
        throw Error(quotePath(output) + ": has no readable run.json; not an export folder");
    const ExportConfig config = exportConfigFromJson(*runJson);
    const std::vector<FoundPart> found = listParts(output);
    MergeSummary summary;
    std::error_code ec;
    if (found.empty()) {
        if (fs::exists(output / kManifest, ec)) {
            summary.alreadyMerged = true;
            summary.samples = countLines(output / kManifest);
            return summary;
        }
        throw Error(quotePath(output) + ": no parts to merge (none has started)");
    }
    std::set<int> splits;
    for (const FoundPart& f : found)
        splits.insert(f.n);
    if (splits.size() > 1) {
        std::string list;
        for (int n : splits)
            list += (list.empty() ? "" : ", ") + std::to_string(n);
        throw Error(quotePath(output / kPartsFolder) + ": holds parts of different splits (into " + list +
                    " parts); remove the ones that do not belong to this run");
    }
    const int n = *splits.begin();
    std::vector<std::string> problems;
    std::vector<PartFiles> parts;
    std::vector<std::string> classes, unreadable;
    std::set<std::string> seen;
    std::uint64_t expectedFirst = 0;
    for (int k = 1; k <= n; ++k) {
        const PartFiles p = partFiles(output, k, n);
        const std::string who = "part " + std::to_string(k) + " of " + std::to_string(n);
        const std::optional<json> info = readJsonFile(p.info);
        if (!info && fs::exists(p.info, ec)) {
            problems.push_back(who + " is damaged (" + quotePath(p.info) + " is not valid JSON; run that part again)");
            continue;
        }
        if (!info || !fs::exists(p.lines, ec) || !fs::exists(p.labels, ec) || !fs::exists(p.metadata, ec)) {
            if (fs::exists(p.running, ec))
                problems.push_back(who + " is not finished (" + std::to_string(countLines(p.running)) +
                                   " samples written)");
            else
                problems.push_back(who + " is missing (it has not started)");
            continue;
        }
        if (configurationOf(info->value("config", json())) != configurationOf(*runJson)) {
            problems.push_back(who + " was made with a different configuration than run.json");
            continue;
        }
        const auto range = info->at("samples");
        if (problems.empty() && range.at(0).get<std::uint64_t>() != expectedFirst)
            problems.push_back(who + " does not start where the part before it ends");
        expectedFirst = range.at(1).get<std::uint64_t>();
        classes = info->at("classes").get<std::vector<std::string>>();
        for (const auto& u : info->at("unreadable"))
            if (seen.insert(u.get<std::string>()).second)
                unreadable.push_back(u.get<std::string>());
        summary.samples += range.at(1).get<std::uint64_t>() - range.at(0).get<std::uint64_t>();
        parts.push_back(p);
    }
    if (problems.empty() && expectedFirst != config.count)
        problems.push_back("the parts hold " + std::to_string(expectedFirst) + " of the run's " +
                           std::to_string(config.count) + " samples");
    if (!problems.empty()) {
        std::string all;
        for (const auto& p : problems)
            all += (all.empty() ? "" : "; ") + p;
        throw Error(quotePath(output) + ": cannot merge: " + all);
    }
    writeMerged(output, configurationOf(*runJson), parts, classes, unreadable, config.layout == ExportLayout::Files);
    for (const PartFiles& p : parts)
        for (const fs::path& f : {p.lines, p.labels, p.metadata, p.info})
            fs::remove(f, ec);
    fs::remove(output / kPartsFolder / kMergeClaim, ec);
    fs::remove(output / kPartsFolder, ec); // only when nothing else is left in it
    summary.parts = n;
    return summary;
}

// The part that finds every part finished merges; when two finish at once,
// the one that creates the claim file does.
bool mergeIfLast(const fs::path& output, int n, std::vector<int>& waitingFor)
{
    std::error_code ec;
    for (int k = 1; k <= n; ++k)
        if (!fs::exists(partFiles(output, k, n).info, ec))
            waitingFor.push_back(k);
    if (!waitingFor.empty())
        return false;
    const fs::path claim = output / kPartsFolder / kMergeClaim;
    const int fd = ::open(claim.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
    if (fd < 0)
        return false; // another part is merging
    ::close(fd);
    try {
        merge(output);
    } catch (...) {
        fs::remove(claim, ec);
        throw;
    }
    return true;
}

// Workers make samples [next, last) in parallel, at most `window` ahead of
// the writer; the writer takes them in index order. A worker wakes the
// writer only with the sample it waits for, the writer wakes the workers
// only when the window moves. Destroying the pipeline stops and joins the
// workers, so an exception in the writer can never leave threads running.
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
                Outcome o = makeSample(c_, sampler_, i);
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

} // namespace

std::string_view layoutName(ExportLayout l)
{
    return enumName(kLayoutNames, l);
}

ExportLayout parseLayout(const std::string& name)
{
    try {
        return parseEnum(kLayoutNames, name, "layout");
    } catch (const Error& e) {
        throw Error(e.what(), Setting::Layout);
    }
}

std::pair<std::uint64_t, std::uint64_t> partRange(const ExportConfig& c)
{
    const auto k = static_cast<unsigned __int128>(c.shardIndex - 1), n = static_cast<unsigned __int128>(c.shardCount);
    const bool shards = c.layout == ExportLayout::WebDataset;
    const auto units = static_cast<unsigned __int128>(shards ? shardCountOf(c) : c.count);
    const auto unit = static_cast<unsigned __int128>(shards ? c.shardSamples : 1);
    const auto count = static_cast<unsigned __int128>(c.count);
    return {static_cast<std::uint64_t>(std::min(count, units * k / n * unit)),
            static_cast<std::uint64_t>(std::min(count, units * (k + 1) / n * unit))};
}

std::string sampleFileName(std::uint64_t index, std::uint64_t count, const std::string& format)
{
    return zeroPadded(index, count > 0 ? count - 1 : 0) + "." + format;
}

std::string shardFileName(std::uint64_t shard, std::uint64_t shardCount)
{
    return zeroPadded(shard, shardCount > 0 ? shardCount - 1 : 0) + ".tar";
}

fs::path partManifestPath(const ExportConfig& c)
{
    return partFiles(c.output, c.shardIndex, c.shardCount).running;
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
    if (c.shardCount < 1 || c.shardIndex < 1 || c.shardIndex > c.shardCount || c.shardCount > 99999)
        throw Error("a part must be k/n with 1 <= k <= n <= 99999", Setting::Shard);
    if (c.shardSamples < 1)
        throw Error("a shard holds at least 1 sample", Setting::ShardSamples);
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
    j["layout"] = layoutName(c.layout);
    if (c.layout == ExportLayout::WebDataset)
        j["shard_samples"] = c.shardSamples;
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
        c.layout = parseLayout(j.value("layout", "files"));
        c.shardSamples = j.value("shard_samples", std::uint64_t(1000));
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
    const auto [first, last] = partRange(c);
    const bool webdataset = c.layout == ExportLayout::WebDataset;
    ExportSummary summary;
    ExportProgress& pr = summary.progress;
    pr.total = last - first;
    std::set<std::string> seen;
    addProblems(summary.problems, seen, scan.problems);
    const PartFiles part = partFiles(c.output, c.shardIndex, c.shardCount);
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
                  {"classes", ds.classes},
                  {"unreadable", summary.problems}};
        writeFileAtomic(part.info, info.dump(2) + "\n");
        summary.merged = mergeIfLast(c.output, c.shardCount, summary.waitingFor);
    }
    report();
    return summary;
}

} // namespace

ExportSummary runExport(const ExportConfig& c, const ExportControl& control)
{
    return withCoreErrors("export to " + quotePath(c.output), [&] { return run(c, control); });
}

MergeSummary mergeExport(const fs::path& output)
{
    return withCoreErrors("merge " + quotePath(output), [&] { return merge(output); });
}

} // namespace cutmix
