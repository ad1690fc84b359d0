// The parts of a run: their files while they run, resuming a killed one, and
// merging the finished parts into one dataset.
#include "csv.h"
#include "enumnames.h"
#include "error.h"
#include "exportshared.h"
#include "format.h"
#include "guard.h"
#include "imageio.h"
#include "jsonnumber.h"
#include "mixer.h"
#include "record.h"
#include "sampler.h"
#include "tarwriter.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <sys/file.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <variant>
#include <zlib.h>

namespace cutmix::exporting
{

bool isTemporaryName(const std::string& name)
{
    return name.rfind('.', 0) == 0 && name.find(".part-") != std::string::npos;
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

PartFiles partFiles(const fs::path& output, int k, int n)
{
    const std::string base = (output / kPartsFolder / partStem(k, n)).string();
    return {base + ".jsonl.part", base + ".jsonl",         base + ".json",    base + ".labels.part",
            base + ".labels",     base + ".metadata.part", base + ".metadata"};
}

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
                const std::uint64_t index = first + ends.size();
                if (!j.is_object() || !j.contains("index") || jsonUnsigned(j["index"], index, index) != index)
                    break;
                offset += line.size() + 1;
                ends.emplace_back(offset, j.contains("redraws") && jsonUnsigned(j["redraws"], 1, UINT64_MAX));
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

// ---- what a finished part records, and where an export may reach

namespace
{

class DigestBuilder
{
public:
    void add(const char* bytes, std::size_t n)
    {
        crc_ = crc32_z(crc_, reinterpret_cast<const Bytef*>(bytes), n);
        d_.lines += static_cast<std::uint64_t>(std::count(bytes, bytes + n, '\n'));
        d_.bytes += n;
    }
    RowsDigest digest() const
    {
        RowsDigest d = d_;
        d.crc = static_cast<std::uint32_t>(crc_);
        return d;
    }

private:
    RowsDigest d_;
    uLong crc_ = crc32_z(0, nullptr, 0);
};

// Reads a whole file in big blocks, handing each to `use`.
template <typename F> void readBlocks(const fs::path& p, F&& use)
{
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw Error(quotePath(p) + ": cannot be read");
    std::vector<char> block(1 << 20);
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        use(block.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad())
        throw Error(quotePath(p) + ": cannot be read");
}

json toJson(const RowsDigest& d)
{
    return {{"lines", d.lines}, {"bytes", d.bytes}, {"crc32", d.crc}};
}

// The digest an info records for one of its files, when it is whole.
std::optional<RowsDigest> recordedDigest(const json& info, const char* file)
{
    if (!info.contains("files") || !info["files"].is_object() || !info["files"].contains(file))
        return std::nullopt;
    const json& f = info["files"][file];
    if (!f.is_object() || !f.contains("lines") || !f.contains("bytes") || !f.contains("crc32"))
        return std::nullopt;
    const auto lines = jsonUnsigned(f["lines"], 0, UINT64_MAX), bytes = jsonUnsigned(f["bytes"], 0, UINT64_MAX),
               crc = jsonUnsigned(f["crc32"], 0, UINT32_MAX);
    if (!lines || !bytes || !crc)
        return std::nullopt;
    return RowsDigest{*lines, *bytes, static_cast<std::uint32_t>(*crc)};
}

bool isInside(const fs::path& p, const fs::path& root)
{
    return std::mismatch(root.begin(), root.end(), p.begin(), p.end()).first == root.end();
}

} // namespace

RowsDigest digestOf(const fs::path& p)
{
    DigestBuilder b;
    readBlocks(p, [&](const char* bytes, std::size_t n) { b.add(bytes, n); });
    return b.digest();
}

json partDigests(const PartFiles& p)
{
    return {{"lines", toJson(digestOf(p.lines))},
            {"labels", toJson(digestOf(p.labels))},
            {"metadata", toJson(digestOf(p.metadata))}};
}

void refuseOutside(const fs::path& root, const fs::path& p)
{
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(p, ec);
    if (ec || !fs::exists(status))
        return;
    const std::string rule = "; an export reads, writes and deletes only inside its folder " + quotePath(root);
    if (fs::is_symlink(status)) {
        const fs::path target = fs::read_symlink(p, ec);
        throw Error(quotePath(p) + ": is a symbolic link" + (ec ? std::string() : " (to " + quotePath(target) + ")") +
                    rule + " (remove the link)");
    }
    const fs::path real = fs::weakly_canonical(p, ec);
    const fs::path base = fs::weakly_canonical(root, ec);
    if (!isInside(real, base))
        throw Error(quotePath(p) + ": resolves to " + quotePath(real) + ", outside the export" + rule);
}

namespace
{

// Appends a whole file to a stream (the rows of a part, in big blocks), and
// tells what it appended.
RowsDigest appendFile(std::ostream& out, const fs::path& p)
{
    DigestBuilder b;
    std::error_code ec;
    if (!fs::exists(p, ec))
        throw Error(quotePath(p) + ": cannot be read (it is gone: did another merge finish first?)");
    readBlocks(p, [&](const char* bytes, std::size_t n) {
        out.write(bytes, static_cast<std::streamsize>(n));
        b.add(bytes, n);
    });
    return b.digest();
}

// A finished part as the merge found it: its files and what its info
// recorded of them.
struct MergePart {
    std::string who; // "part 2 of 4"
    PartFiles files;
    RowsDigest lines, labels, metadata;
    std::vector<std::string> classes, unreadable;
};

// "part 2 of 4 is damaged (...)" when a file is not as its part recorded it.
std::string differs(const std::string& who, const fs::path& file, const RowsDigest& recorded, const RowsDigest& found)
{
    std::string what;
    if (found.bytes != recorded.bytes)
        what = std::to_string(found.bytes) + " bytes, " + std::to_string(recorded.bytes);
    else if (found.lines != recorded.lines)
        what = std::to_string(found.lines) + " lines, " + std::to_string(recorded.lines);
    else
        what = "a CRC-32 other than the one";
    return who + " is damaged (" + quotePath(file) + " has " + what +
           " when the part finished: cut short or changed since; run that part again)";
}

// At most ten problems in one message, and how many more there are.
std::string listed(const std::vector<std::string>& problems)
{
    std::string all;
    const std::size_t shown = std::min<std::size_t>(problems.size(), 10);
    for (std::size_t i = 0; i < shown; ++i)
        all += (all.empty() ? "" : "; ") + problems[i];
    if (problems.size() > shown)
        all += "; and " + std::to_string(problems.size() - shown) + " more";
    return all;
}

// Writes the merged files: the parts' rows concatenated in order, so memory
// and time stay small for any count. A part whose files are not what it
// recorded stops the merge before anything is committed.
void writeMerged(const fs::path& out, const ExportConfig& config, const json& runJson,
                 const std::vector<MergePart>& parts, const std::vector<std::string>& classes,
                 const std::vector<std::string>& unreadable, bool metadata)
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
        std::vector<std::string> damaged;
        for (const MergePart& p : parts) {
            const RowsDigest lines = appendFile(manifest.stream(), p.files.lines);
            const RowsDigest rows = appendFile(labels.stream(), p.files.labels);
            if (lines != p.lines)
                damaged.push_back(differs(p.who, p.files.lines, p.lines, lines));
            else if (rows != p.labels)
                damaged.push_back(differs(p.who, p.files.labels, p.labels, rows));
            if (meta) {
                const RowsDigest m = appendFile(meta->stream(), p.files.metadata);
                if (m != p.metadata && lines == p.lines && rows == p.labels)
                    damaged.push_back(differs(p.who, p.files.metadata, p.metadata, m));
            }
        }
        if (!damaged.empty())
            throw Error(quotePath(out) + ": cannot merge: " + listed(damaged));
        std::string names;
        for (const auto& cls : classes)
            names += cls + "\n";
        writeFileAtomic(out / "classes.txt", names);
        // Before the manifest: a merge killed after it would be taken as done.
        std::vector<fs::path> lines;
        for (const MergePart& p : parts)
            lines.push_back(p.files.lines);
        writeDetectionFiles(out, config, lines, classes);
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

struct FoundParts {
    std::vector<std::pair<int, int>> parts; // (k, n) named in parts/
    std::vector<std::string> strays;        // named "part-..." but not as a part is
};

// "part-KKKKK-of-NNNNN.<ext>", as partStem names them: five digits each,
// 1 <= k <= n. Anything else is no part's (a name claiming 2e9 parts once
// made the merge list two billion missing parts).
std::optional<std::pair<int, int>> partOfName(const std::string& name)
{
    if (name.size() < 20 || name.compare(0, 5, "part-") != 0 || name.compare(10, 4, "-of-") != 0 || name[19] != '.')
        return std::nullopt;
    const std::string k = name.substr(5, 5), n = name.substr(14, 5);
    if (k.find_first_not_of("0123456789") != std::string::npos ||
        n.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const int kv = std::stoi(k), nv = std::stoi(n);
    if (kv < 1 || nv < 1 || kv > nv)
        return std::nullopt;
    return std::pair{kv, nv};
}

FoundParts listParts(const fs::path& output)
{
    FoundParts found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(output / kPartsFolder, ec)) {
        const std::string name = e.path().filename().string();
        if (const auto kn = partOfName(name))
            found.parts.push_back(*kn);
        else if (name.rfind("part-", 0) == 0)
            found.strays.push_back(name);
    }
    return found;
}

// Merges of one folder take turns: an advisory lock on the folder itself,
// which the system releases when the process ends, however it ends.
class FolderLock
{
public:
    // `waiting` is called once when another merge holds the lock, before
    // this one waits for it.
    FolderLock(const fs::path& folder, const std::function<void()>& waiting)
    {
        fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd_ < 0)
            throw Error(quotePath(folder) + ": cannot be opened (" + std::strerror(errno) + ")");
        if (::flock(fd_, LOCK_EX | LOCK_NB) == 0)
            return;
        if (errno == EWOULDBLOCK && waiting)
            waiting();
        while (::flock(fd_, LOCK_EX) != 0)
            if (errno != EINTR) {
                const int error = errno;
                ::close(fd_);
                throw Error(quotePath(folder) + ": cannot be locked for merging (" + std::strerror(error) + ")");
            }
    }
    ~FolderLock() { ::close(fd_); }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int fd_ = -1;
};

// The finished part k of n as its info describes it, or why it cannot be merged.
std::variant<MergePart, std::string> readPart(const fs::path& output, const ExportConfig& config, const json& runJson,
                                              int k, int n)
{
    const PartFiles p = partFiles(output, k, n);
    const std::string who = "part " + std::to_string(k) + " of " + std::to_string(n);
    for (const fs::path& f : {p.info, p.lines, p.labels, p.metadata, p.running})
        refuseOutside(output, f);
    std::error_code ec;
    const std::optional<json> read = readJsonFile(p.info);
    if (!read && fs::exists(p.info, ec))
        return who + " is damaged (" + quotePath(p.info) + " is not valid JSON; run that part again)";
    if (!read || !fs::exists(p.lines, ec) || !fs::exists(p.labels, ec) || !fs::exists(p.metadata, ec)) {
        if (fs::exists(p.running, ec))
            return who + " is not finished (" + std::to_string(countLines(p.running)) + " samples written)";
        return who + " is missing (it has not started)";
    }
    const json& info = *read;
    if (!info.is_object() || configurationOf(info.value("config", json())) != configurationOf(runJson))
        return who + " was made with a different configuration than run.json";
    ExportConfig part = config;
    part.shardIndex = k;
    part.shardCount = n;
    const auto [first, last] = partRange(part);
    const json samples = info.value("samples", json());
    const auto from =
        samples.is_array() && samples.size() == 2 ? jsonUnsigned(samples[0], 0, UINT64_MAX) : std::nullopt;
    const auto to = samples.is_array() && samples.size() == 2 ? jsonUnsigned(samples[1], 0, UINT64_MAX) : std::nullopt;
    if (!from || !to || *from != first || *to != last)
        return who + " is damaged (" + quotePath(p.info) + " does not hold samples " + std::to_string(first) + " to " +
               std::to_string(last) + ", the run's part " + std::to_string(k) + " of " + std::to_string(n) +
               "; run that part again)";
    MergePart m{who, p, {}, {}, {}, {}, {}};
    try {
        m.classes = info.at("classes").get<std::vector<std::string>>();
        m.unreadable = info.at("unreadable").get<std::vector<std::string>>();
    } catch (const json::exception&) {
        return who + " is damaged (" + quotePath(p.info) + " has no list of classes or unreadable files; run that " +
               "part again)";
    }
    const std::uint64_t rows = last - first, metadataRows = config.layout == ExportLayout::Files ? rows : 0;
    for (auto [file, path, digest, expected] :
         {std::tuple{"lines", p.lines, &m.lines, rows}, std::tuple{"labels", p.labels, &m.labels, rows},
          std::tuple{"metadata", p.metadata, &m.metadata, metadataRows}}) {
        const std::optional<RowsDigest> recorded = recordedDigest(info, file);
        if (!recorded || recorded->lines != expected)
            return who + " is damaged (" + quotePath(p.info) + " records no " + file + " file of " +
                   std::to_string(expected) + " lines; run that part again)";
        // The size first: a file cut short is told before a byte is read.
        const std::uintmax_t size = fs::file_size(path, ec);
        if (ec || size != recorded->bytes)
            return differs(who, path, *recorded, {recorded->lines, ec ? 0 : size, 0});
        *digest = *recorded;
    }
    return m;
}

} // namespace

MergeSummary merge(const fs::path& output, const std::function<void()>& waiting)
{
    // Before anything is read or deleted through it.
    refuseOutside(output, output / kPartsFolder);
    const bool partsBefore = !listParts(output).parts.empty();
    const FolderLock lock(output, waiting);
    refuseOutside(output, output / "run.json");
    const std::optional<json> runJson = readJsonFile(output / "run.json");
    if (!runJson)
        throw Error(quotePath(output) + ": has no readable run.json; not an export folder");
    ExportConfig config;
    try {
        config = exportConfigFromJson(*runJson);
    } catch (const Error& e) {
        throw Error(quotePath(output / "run.json") + ": " + e.what());
    }
    if (config.layout == ExportLayout::Files)
        refuseOutside(output, output / "images");
    for (const char* detected : {"data.yaml", kCocoFile})
        refuseOutside(output, output / detected);
    const FoundParts found = listParts(output);
    MergeSummary summary;
    std::error_code ec;
    if (found.parts.empty() && found.strays.empty()) {
        if (fs::exists(output / kManifest, ec)) {
            // A part that found every part finished just before another
            // merged them claims after that merge removed its own claim, and
            // finds the work done: its claim, and parts/, go (else they stay).
            fs::remove(output / kPartsFolder / kMergeClaim, ec);
            fs::remove(output / kPartsFolder, ec); // only when nothing else is left in it
            summary.alreadyMerged = true;
            summary.mergedByAnother = partsBefore;
            summary.samples = countLines(output / kManifest);
            return summary;
        }
        throw Error(quotePath(output) + ": no parts to merge (none has started)");
    }
    std::vector<std::string> problems;
    for (const std::string& stray : found.strays)
        problems.push_back(quotePath(output / kPartsFolder / stray) +
                           " is not a part's file (part-KKKKK-of-NNNNN, 1 <= k <= n <= " + std::to_string(kMaxParts) +
                           "); remove it");
    std::set<int> splits;
    for (const auto& [k, n] : found.parts)
        splits.insert(n);
    if (splits.size() > 1) {
        std::string list;
        for (int n : splits)
            list += (list.empty() ? "" : ", ") + std::to_string(n);
        problems.push_back(quotePath(output / kPartsFolder) + ": holds parts of different splits (into " + list +
                           " parts); remove the ones that do not belong to this run");
    }
    if (!problems.empty())
        throw Error(quotePath(output) + ": cannot merge: " + listed(problems));
    const int n = *splits.begin();
    std::vector<MergePart> parts;
    std::vector<std::string> classes, unreadable;
    std::set<std::string> seen;
    for (int k = 1; k <= n; ++k) {
        std::variant<MergePart, std::string> part = readPart(output, config, *runJson, k, n);
        if (auto* why = std::get_if<std::string>(&part)) {
            problems.push_back(*why);
            continue;
        }
        MergePart& m = std::get<MergePart>(part);
        classes = m.classes;
        for (const std::string& u : m.unreadable)
            if (seen.insert(u).second)
                unreadable.push_back(u);
        parts.push_back(std::move(m));
    }
    if (!problems.empty())
        throw Error(quotePath(output) + ": cannot merge: " + listed(problems));
    writeMerged(output, config, configurationOf(*runJson), parts, classes, unreadable,
                config.layout == ExportLayout::Files);
    for (const MergePart& p : parts)
        for (const fs::path& f : {p.files.lines, p.files.labels, p.files.metadata, p.files.info})
            fs::remove(f, ec);
    fs::remove(output / kPartsFolder / kMergeClaim, ec);
    fs::remove(output / kPartsFolder, ec); // only when nothing else is left in it
    summary.samples = config.count;
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
        merge(output, {});
    } catch (...) {
        fs::remove(claim, ec);
        throw;
    }
    return true;
}

} // namespace cutmix::exporting

namespace cutmix
{

using namespace exporting;

MergeSummary mergeExport(const fs::path& output, const std::function<void()>& waiting)
{
    return withCoreErrors("merge " + quotePath(output), [&] { return merge(output, waiting); });
}

} // namespace cutmix
