// The parts of a run: their files while they run, resuming a killed one, and
// merging the finished parts into one dataset.
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

} // namespace cutmix::exporting

namespace cutmix
{

using namespace exporting;

MergeSummary mergeExport(const fs::path& output)
{
    return withCoreErrors("merge " + quotePath(output), [&] { return merge(output); });
}

} // namespace cutmix
