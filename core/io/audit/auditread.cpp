#include "audit.h"
#include "csv.h"
#include "enumnames.h"
#include "error.h"
#include "format.h"
#include "imageio.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <sstream>

namespace cutmix
{

namespace fs = std::filesystem;

namespace
{

std::vector<std::string> readLines(const fs::path& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error(quotePath(path) + ": missing (a batch dump needs it)");
    std::ifstream in(path);
    if (!in)
        throw Error(quotePath(path) + ": cannot be opened for reading");
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty())
            lines.push_back(line);
    }
    return lines;
}

double parseNumber(const std::string& text, const fs::path& file, std::size_t line)
{
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v))
            return v;
    } catch (const std::exception&) {
    }
    throw Error(quotePath(file) + ", line " + std::to_string(line) + ": '" + text + "' is not a number");
}

// The images of a folder, by name; lossy files are refused with the reason.
std::map<std::string, fs::path> imageFiles(const fs::path& folder)
{
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(quotePath(folder) + ": missing (a batch dump has before/ and after/ folders)");
    std::map<std::string, fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (entry.is_regular_file() && hasImageExtension(entry.path()) &&
            entry.path().filename().string().front() != '.') // hidden: a temporary of an unfinished dump
            files[entry.path().filename().string()] = entry.path();
    if (ec)
        throw Error(quotePath(folder) + ": cannot be read (" + ec.message() + ")");
    return files;
}

cv::Mat readLossless(const fs::path& path)
{
    const std::vector<unsigned char> bytes = readImageBytes(path);
    if (isLossy(bytes))
        throw Error(quotePath(path) +
                    ": a lossy format (JPEG or lossy WebP) changes the pixels, so a mixed image cannot be matched "
                    "exactly to its sources; dump the batch as PNG");
    return decodeForMixing(bytes, path.string());
}

std::string sameType(const cv::Mat& a, const cv::Mat& b)
{
    if (a.size() != b.size())
        return "sizes differ (" + std::to_string(a.cols) + "x" + std::to_string(a.rows) + " and " +
               std::to_string(b.cols) + "x" + std::to_string(b.rows) + ")";
    if (a.type() != b.type())
        return "types differ (" + std::to_string(a.channels()) + " channels, " + (a.depth() == CV_16U ? "16" : "8") +
               "-bit and " + std::to_string(b.channels()) + " channels, " + (b.depth() == CV_16U ? "16" : "8") +
               "-bit)";
    return {};
}

} // namespace

AuditDump readDump(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(quotePath(dir) + ": no such folder");
    AuditDump d;
    d.dir = dir;
    const auto before = imageFiles(dir / "before");
    const auto after = imageFiles(dir / "after");
    if (before.empty())
        throw Error(quotePath(dir / "before") + ": no images");
    for (const auto& [name, path] : before)
        if (!after.count(name))
            throw Error(quotePath(dir / "after" / name) + ": missing (before/ has " + name + ")");
    for (const auto& [name, path] : after)
        if (!before.count(name))
            throw Error(quotePath(dir / "before" / name) + ": missing (after/ has " + name + ")");
    for (const auto& [name, path] : before) {
        d.names.push_back(name);
        d.before.push_back(readLossless(path));
        d.after.push_back(readLossless(after.at(name)));
        const std::string differs = sameType(d.before.back(), d.after.back());
        if (!differs.empty())
            throw Error(quotePath(after.at(name)) + ": before and after " + differs);
        const std::string other = sameType(d.before.front(), d.before.back());
        if (!other.empty())
            throw Error(quotePath(path) + ": the images of a batch share one size and type; " + d.names.front() +
                        " and " + name + " " + other);
    }
    const std::size_t n = d.names.size();

    const fs::path labelsFile = dir / "labels.csv";
    const auto labels = readLines(labelsFile);
    if (labels.empty() || splitCsv(labels[0]) != std::vector<std::string>{"index", "label"})
        throw Error(quotePath(labelsFile) + ": the header must be \"index,label\"");
    if (labels.size() - 1 != n)
        throw Error(quotePath(labelsFile) + ": " + std::to_string(labels.size() - 1) + " rows for " +
                    std::to_string(n) + " images");

    const fs::path targetsFile = dir / "targets.csv";
    const auto targets = readLines(targetsFile);
    if (targets.empty())
        throw Error(quotePath(targetsFile) + ": empty (the header is \"index\" then one column per class)");
    const auto header = splitCsv(targets[0]);
    if (header.size() < 2 || header[0] != "index")
        throw Error(quotePath(targetsFile) + ": the header must be \"index\" then one column per class");
    const std::size_t k = header.size() - 1;
    if (targets.size() - 1 != n)
        throw Error(quotePath(targetsFile) + ": " + std::to_string(targets.size() - 1) + " rows for " +
                    std::to_string(n) + " images");
    for (std::size_t i = 0; i < n; ++i) {
        const auto l = splitCsv(labels[i + 1]);
        if (l.size() != 2)
            throw Error(quotePath(labelsFile) + ", line " + std::to_string(i + 2) + ": 2 columns expected, " +
                        std::to_string(l.size()) + " found");
        if (parseNumber(l[0], labelsFile, i + 2) != double(i))
            throw Error(quotePath(labelsFile) + ", line " + std::to_string(i + 2) + ": index " + l[0] + ", expected " +
                        std::to_string(i));
        const double label = parseNumber(l[1], labelsFile, i + 2);
        if (label != std::floor(label) || label < 0 || label >= double(k))
            throw Error(quotePath(labelsFile) + ", line " + std::to_string(i + 2) + ": label " + l[1] +
                        " is not a class index in [0, " + std::to_string(k) + ")");
        d.labels.push_back(int(label));
        const auto t = splitCsv(targets[i + 1]);
        if (t.size() != k + 1)
            throw Error(quotePath(targetsFile) + ", line " + std::to_string(i + 2) + ": " + std::to_string(k + 1) +
                        " columns expected (index and " + std::to_string(k) + " classes), " + std::to_string(t.size()) +
                        " found");
        if (parseNumber(t[0], targetsFile, i + 2) != double(i))
            throw Error(quotePath(targetsFile) + ", line " + std::to_string(i + 2) + ": index " + t[0] + ", expected " +
                        std::to_string(i));
        std::vector<double> row;
        for (std::size_t c = 1; c <= k; ++c)
            row.push_back(parseNumber(t[c], targetsFile, i + 2));
        d.targets.push_back(std::move(row));
    }
    const fs::path classesFile = dir / "classes.txt";
    if (fs::exists(classesFile, ec)) {
        d.classes = readLines(classesFile);
        if (d.classes.size() != k)
            throw Error(quotePath(classesFile) + ": " + std::to_string(d.classes.size()) + " names for " +
                        std::to_string(k) + " target columns");
    } else {
        d.classes.assign(header.begin() + 1, header.end());
    }
    return d;
}

} // namespace cutmix
