// Reading a dump folder (docs/audit-dump.md): the images (PNG, or NPY float
// arrays read here), the CSV files streamed line by line with capped line
// lengths, dump.json, and the limits checked from file sizes and headers
// before anything large is read.
#include "audit.h"
#include "auditmosaic.h"
#include "csv.h"
#include "enumnames.h"
#include "error.h"
#include "floatround.h"
#include "format.h"
#include "imageio.h"
#include "mixer.h"
#include "mosaic.h"
#include "objectio.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <thread>

namespace cutmix
{

namespace fs = std::filesystem;

namespace
{

constexpr EnumNames<DumpType, 6> kTypeNames{{{DumpType::U8, "uint8"},
                                             {DumpType::U16, "uint16"},
                                             {DumpType::F16, "float16"},
                                             {DumpType::BF16, "bfloat16"},
                                             {DumpType::F32, "float32"},
                                             {DumpType::F64, "float64"}}};
constexpr EnumNames<LamRule, 3> kLamRules{
    {{LamRule::Corrected, "corrected"}, {LamRule::Drawn, "drawn"}, {LamRule::Any, "any"}}};

// The NPY descr each float type is stored as (cutmix_dump's _FLOAT_STORAGE).
std::string_view storageOf(DumpType t)
{
    switch (t) {
    case DumpType::F16:
        return "<f2";
    case DumpType::BF16:
        return "<u2";
    case DumpType::F32:
        return "<f4";
    case DumpType::F64:
        return "<f8";
    default:
        return "";
    }
}

std::string megabytes(std::uint64_t bytes)
{
    return formatFixed(double(bytes) / 1e6, 1) + " MB";
}

// ---- lines with a capped length

// Lines of a stream, at most `cap` bytes each (a file of 2 GB without a line
// break is refused at the first `cap` bytes, not read into memory). Empty
// lines are skipped; a trailing '\r' is dropped.
class LineReader
{
public:
    LineReader(std::istream& in, std::string file, std::size_t cap) : in_(in), file_(std::move(file)), cap_(cap) {}

    bool next(std::string& line)
    {
        for (;;) {
            line.clear();
            bool any = false;
            int c;
            while ((c = in_.get()) != std::char_traits<char>::eof()) {
                any = true;
                if (c == '\n')
                    break;
                if (line.size() >= cap_)
                    throw Error(file_ + ", line " + std::to_string(number_ + 1) + ": longer than " +
                                std::to_string(cap_) + " bytes; is this the right file?");
                line.push_back(char(c));
            }
            if (!any)
                return false;
            ++number_;
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (!line.empty())
                return true;
        }
    }
    std::size_t number() const { return number_; }
    void setCap(std::size_t cap) { cap_ = cap; }

private:
    std::istream& in_;
    std::string file_;
    std::size_t cap_;
    std::size_t number_ = 0;
};

double parseNumber(const std::string& text, const std::string& file, std::size_t line)
{
    const char* begin = text.c_str();
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(begin, &end);
    // strtod skips leading white space; a field must be the number alone.
    if (!text.empty() && !std::isspace(static_cast<unsigned char>(text.front())) && end == begin + text.size() &&
        std::isfinite(v))
        return v;
    std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
    throw Error(file + ", line " + std::to_string(line) + ": '" + shown + "' is not a finite number");
}

void checkIndex(const std::string& field, std::size_t expected, const std::string& file, std::size_t line)
{
    if (parseNumber(field, file, line) != double(expected))
        throw Error(file + ", line " + std::to_string(line) + ": index " + field + ", expected " +
                    std::to_string(expected));
}

std::ifstream openText(const fs::path& path, bool required)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        if (required)
            throw Error(quotePath(path) + ": missing (a batch dump needs it)");
        return {};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(quotePath(path) + ": cannot be opened for reading");
    return in;
}

// ---- files

struct ElementFiles {
    std::string name;
    fs::path before, after;
};

bool hidden(const fs::path& p)
{
    const std::string n = p.filename().string();
    return !n.empty() && n.front() == '.';
}

bool isNpy(const fs::path& p)
{
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return e == ".npy";
}

// The element files of a folder by name, counted before anything is read.
std::map<std::string, fs::path> elementFiles(const fs::path& folder)
{
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(quotePath(folder) + ": missing (a batch dump has before/ and after/ folders)");
    std::map<std::string, fs::path> files;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (hidden(p) || !(hasImageExtension(p) || isNpy(p)))
            continue;
        std::error_code fileEc;
        if (!it->is_regular_file(fileEc))
            continue;
        files[p.filename().string()] = p;
        if (files.size() > kMaxDumpElements)
            throw Error(quotePath(folder) + ": more than " + std::to_string(kMaxDumpElements) +
                        " images; a dump holds one batch");
    }
    if (ec)
        throw Error(quotePath(folder) + ": cannot be read (" + ec.message() + ")");
    return files;
}

std::uint64_t fileSize(const fs::path& p)
{
    std::error_code ec;
    const std::uintmax_t s = fs::file_size(p, ec);
    if (ec)
        throw Error(quotePath(p) + ": cannot be read (" + ec.message() + ")");
    return s;
}

std::vector<unsigned char> readHead(const fs::path& p, std::size_t n)
{
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw Error(quotePath(p) + ": cannot be opened for reading");
    std::vector<unsigned char> b(n);
    in.read(reinterpret_cast<char*>(b.data()), std::streamsize(n));
    b.resize(std::size_t(in.gcount()));
    return b;
}

std::vector<unsigned char> readAll(const fs::path& p, std::uint64_t size)
{
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw Error(quotePath(p) + ": cannot be opened for reading");
    std::vector<unsigned char> b(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(b.data()), std::streamsize(size));
    if (std::uint64_t(in.gcount()) != size)
        throw Error(quotePath(p) + ": changed while it was read");
    return b;
}

// What a file will hold once decoded, from its header alone.
struct Planned {
    std::uint64_t pixels = 0, bytes = 0;
    int channels = 0, depthBytes = 0; // PNG: from IHDR; 0 when unknown
    std::optional<NpyArray> npy;
};

Planned planImage(const fs::path& p)
{
    const std::uint64_t size = fileSize(p);
    if (size == 0)
        throw Error(quotePath(p) + ": the file is empty");
    const std::vector<unsigned char> head = readHead(p, 65536);
    const ImageFormat format = sniffFormat(head);
    if (format == ImageFormat::Unknown)
        throw Error(quotePath(p) + ": not an image in a supported format (" + supportedFormatsText() +
                    "), or the file is damaged");
    if (isLossy(head))
        throw Error(quotePath(p) +
                    ": a lossy format (JPEG or lossy WebP) changes the pixels, so a mixed image cannot be matched "
                    "exactly to its sources; dump the batch as PNG");
    const auto [w, h] = headerSize(head);
    Planned plan;
    plan.pixels = w * h;
    const std::uint64_t limit = maxImagePixels();
    if (w > limit || h > limit || plan.pixels > limit)
        throw Error(quotePath(p) + ": the image claims " + std::to_string(w) + " x " + std::to_string(h) +
                    " pixels, more than the limit of " + std::to_string(limit) +
                    " (set CUTMIX_MAX_PIXELS to allow more)");
    if (format == ImageFormat::Png && head.size() >= 26) {
        plan.depthBytes = head[24] == 16 ? 2 : 1;
        static constexpr int kChannels[] = {1, 0, 3, 3, 4, 0, 4};
        plan.channels = head[25] < 7 && kChannels[head[25]] ? kChannels[head[25]] : 4;
        plan.bytes = plan.pixels * std::uint64_t(plan.channels * plan.depthBytes);
        // A PNG is at most its raw pixels with a filter byte per row, stored
        // (uncompressed) deflate blocks and chunk framing: far under twice
        // that. A larger file is not the image its header claims.
        const std::uint64_t most = 2 * (plan.bytes + h) + (std::uint64_t(1) << 20);
        if (size > most)
            throw Error(quotePath(p) + ": " + megabytes(size) + " for a " + std::to_string(w) + " x " +
                        std::to_string(h) + " PNG, which cannot be more than " + megabytes(most) +
                        "; the file is damaged");
    } else {
        plan.bytes = plan.pixels * 8; // up to 4 channels of 16 bits
    }
    return plan;
}

Planned planNpy(const fs::path& p)
{
    const std::uint64_t size = fileSize(p);
    const std::vector<unsigned char> head = readHead(p, std::size_t(std::min<std::uint64_t>(size, 1 << 20)));
    Planned plan;
    plan.npy = parseNpyHeader(head.data(), head.size(), quotePath(p));
    const NpyArray& a = *plan.npy;
    plan.pixels = std::uint64_t(a.rows) * std::uint64_t(a.cols);
    const std::uint64_t limit = maxImagePixels();
    if (plan.pixels > limit)
        throw Error(quotePath(p) + ": the array holds " + std::to_string(a.rows) + " x " + std::to_string(a.cols) +
                    " pixels, more than the limit of " + std::to_string(limit) +
                    " (set CUTMIX_MAX_PIXELS to allow more)");
    const std::uint64_t item = a.descr == "<f8" ? 8 : a.descr == "<f4" ? 4 : 2;
    const std::uint64_t data = plan.pixels * std::uint64_t(a.channels) * item;
    if (size != a.dataOffset + data)
        throw Error(quotePath(p) + ": " + std::to_string(size) + " bytes, but its header describes " +
                    std::to_string(a.dataOffset + data) + " (" + std::to_string(a.rows) + " x " +
                    std::to_string(a.cols) + " x " + std::to_string(a.channels) + " of " + a.descr +
                    "): the file is cut short or has extra bytes");
    plan.bytes = plan.pixels * std::uint64_t(a.channels) * (item == 8 ? 8 : 4);
    return plan;
}

std::string describe(const cv::Mat& m, DumpType t)
{
    return std::to_string(m.cols) + "x" + std::to_string(m.rows) + ", " + std::to_string(m.channels()) + " channel" +
           (m.channels() == 1 ? "" : "s") + ", " + std::string(dumpTypeName(t));
}

// ---- dump.json

struct DumpInfo {
    int version = 1;
    std::optional<DumpType> type;
    std::vector<double> mean, stdev;
    std::string torchVersion, layout;
    std::string kind = "batch"; // "batch" or "mosaic"
};

std::vector<double> numbersOf(const nlohmann::json& v, const std::string& file, const char* key)
{
    std::vector<double> out;
    if (v.is_null())
        return out;
    const nlohmann::json list = v.is_array() ? v : nlohmann::json::array({v});
    for (const auto& x : list) {
        if (!x.is_number() || !std::isfinite(x.get<double>()))
            throw Error(file + ": \"" + key + "\" must be null, a number or a list of numbers");
        out.push_back(x.get<double>());
    }
    if (out.empty())
        throw Error(file + ": \"" + key + "\" is an empty list");
    return out;
}

DumpInfo readInfo(const fs::path& dir)
{
    DumpInfo info;
    const fs::path path = dir / "dump.json";
    std::ifstream in = openText(path, false);
    if (!in.is_open())
        return info;
    const std::string file = quotePath(path);
    if (fileSize(path) > (1 << 20))
        throw Error(file + ": larger than 1 MB; dump.json is a few lines");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
        throw Error(file + ": not valid JSON");
    }
    if (!j.is_object())
        throw Error(file + ": not a JSON object");
    const auto version = j.find("cutmix_dump");
    if (version == j.end() || !version->is_number_integer())
        throw Error(file + ": no \"cutmix_dump\" format version");
    const auto v = version->get<std::int64_t>();
    if (v < 1 || v > 2)
        throw Error(file + ": dump format version " + std::to_string(v) + "; this cutmix reads versions 1 and 2");
    info.version = int(v);
    if (const auto t = j.find("dtype"); t != j.end() && !t->is_null()) {
        if (!t->is_string())
            throw Error(file + ": \"dtype\" must be a string");
        const std::string name = t->get<std::string>();
        for (DumpType d : {DumpType::U8, DumpType::U16, DumpType::F16, DumpType::BF16, DumpType::F32, DumpType::F64})
            if (name == dumpTypeName(d))
                info.type = d;
        if (!info.type)
            throw Error(file + ": dtype '" + name + "' is not one of uint8, uint16, float16, bfloat16, float32, " +
                        "float64");
    }
    if (const auto m = j.find("mean"); m != j.end())
        info.mean = numbersOf(*m, file, "mean");
    if (const auto s = j.find("std"); s != j.end())
        info.stdev = numbersOf(*s, file, "std");
    for (double s : info.stdev)
        if (s == 0)
            throw Error(file + ": \"std\" holds 0");
    if (const auto t = j.find("torch_version"); t != j.end() && t->is_string())
        info.torchVersion = t->get<std::string>();
    if (const auto l = j.find("layout"); l != j.end() && l->is_string())
        info.layout = l->get<std::string>();
    if (const auto k = j.find("kind"); k != j.end() && !k->is_null()) {
        if (!k->is_string() || (*k != "batch" && *k != "mosaic"))
            throw Error(file + ": \"kind\" must be \"batch\" or \"mosaic\"");
        info.kind = k->get<std::string>();
    }
    return info;
}

} // namespace

std::string_view dumpTypeName(DumpType t)
{
    return enumName(kTypeNames, t);
}

bool isFloatType(DumpType t)
{
    return t != DumpType::U8 && t != DumpType::U16;
}

std::string_view lamRuleName(LamRule r)
{
    return enumName(kLamRules, r);
}

LamRule parseLamRule(std::string_view name)
{
    for (LamRule r : {LamRule::Corrected, LamRule::Drawn, LamRule::Any})
        if (name == lamRuleName(r))
            return r;
    throw Error("the lam rule must be corrected, drawn or any, not '" + std::string(name) + "'");
}

std::uint64_t maxDumpBytes()
{
    return maxImagePixels() * 3;
}

// ---- NPY (numpy.lib.format, versions 1.0 to 3.0; the dump writes 1.0)

NpyArray parseNpyHeader(const unsigned char* b, std::size_t size, const std::string& name)
{
    auto bad = [&](const std::string& why) {
        return Error(name + ": not an NPY array as a dump holds it (" + why + ")");
    };
    if (size < 10 || std::memcmp(b, "\x93NUMPY", 6) != 0)
        throw bad("no NPY signature");
    const int major = b[6];
    std::size_t len = 0, start = 0;
    if (major == 1) {
        len = std::size_t(b[8]) | std::size_t(b[9]) << 8;
        start = 10;
    } else if (major == 2 || major == 3) {
        if (size < 12)
            throw bad("the header is cut short");
        len = std::size_t(b[8]) | std::size_t(b[9]) << 8 | std::size_t(b[10]) << 16 | std::size_t(b[11]) << 24;
        start = 12;
    } else {
        throw bad("format version " + std::to_string(major) + "." + std::to_string(b[7]) + ", not 1.0 to 3.0");
    }
    if (len > size - start)
        throw bad("the header is cut short");
    const std::string h(reinterpret_cast<const char*>(b + start), len);
    // The header is a Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (48, 64, 3), }
    auto valueOf = [&](const std::string& key) -> std::string {
        const std::string quoted[] = {"'" + key + "'", "\"" + key + "\""};
        std::size_t at = std::string::npos;
        for (const std::string& q : quoted)
            if ((at = h.find(q)) != std::string::npos) {
                at += q.size();
                break;
            }
        if (at == std::string::npos)
            throw bad("no '" + key + "' in the header");
        at = h.find_first_not_of(" \t", at);
        if (at == std::string::npos || h[at] != ':')
            throw bad("a damaged header");
        at = h.find_first_not_of(" \t", at + 1);
        if (at == std::string::npos)
            throw bad("a damaged header");
        if (h[at] == '(') {
            const std::size_t close = h.find(')', at);
            if (close == std::string::npos)
                throw bad("a damaged header");
            return h.substr(at, close - at + 1);
        }
        if (h[at] == '\'' || h[at] == '"') {
            const std::size_t close = h.find(h[at], at + 1);
            if (close == std::string::npos)
                throw bad("a damaged header");
            return h.substr(at + 1, close - at - 1);
        }
        const std::size_t end = h.find_first_of(",}", at);
        return h.substr(at, end == std::string::npos ? std::string::npos : end - at);
    };
    NpyArray a;
    a.descr = valueOf("descr");
    if (a.descr != "<f2" && a.descr != "<f4" && a.descr != "<f8" && a.descr != "<u2")
        throw bad("descr '" + a.descr.substr(0, 20) + "'; a dump's arrays are '<f2', '<f4', '<f8' or '<u2'");
    std::string order = valueOf("fortran_order");
    order.erase(std::remove_if(order.begin(), order.end(), [](char c) { return c == ' ' || c == '\t'; }), order.end());
    if (order != "False")
        throw bad("Fortran order; a dump's arrays are in C order");
    const std::string shape = valueOf("shape");
    std::vector<std::uint64_t> dims;
    std::size_t i = 1;
    while (i < shape.size()) {
        const std::size_t j = shape.find_first_not_of(" \t", i);
        if (j == std::string::npos || shape[j] == ')')
            break;
        if (!std::isdigit(static_cast<unsigned char>(shape[j])))
            throw bad("the shape " + shape.substr(0, 40) + " is not a tuple of sizes");
        std::uint64_t v = 0;
        std::size_t k = j;
        for (; k < shape.size() && std::isdigit(static_cast<unsigned char>(shape[k])); ++k) {
            v = v * 10 + std::uint64_t(shape[k] - '0');
            if (v > (std::uint64_t(1) << 40))
                throw bad("a size in the shape is too large");
        }
        dims.push_back(v);
        const std::size_t comma = shape.find_first_not_of(" \t", k);
        if (comma == std::string::npos)
            break;
        i = shape[comma] == ',' ? comma + 1 : comma;
        if (shape[comma] != ',' && shape[comma] != ')')
            throw bad("the shape " + shape.substr(0, 40) + " is not a tuple of sizes");
    }
    if (dims.size() != 3)
        throw bad("shape " + shape.substr(0, 40) + "; a dump's arrays are (height, width, channels)");
    if (dims[0] < 1 || dims[1] < 1 || dims[2] < 1)
        throw bad("shape " + shape + " is empty");
    if (dims[2] > CV_CN_MAX)
        throw bad(std::to_string(dims[2]) + " channels, more than " + std::to_string(CV_CN_MAX));
    if (dims[0] > (1u << 30) || dims[1] > (1u << 30))
        throw bad("shape " + shape + " is too large");
    a.rows = int(dims[0]);
    a.cols = int(dims[1]);
    a.channels = int(dims[2]);
    a.dataOffset = start + len;
    return a;
}

cv::Mat npyToMat(const NpyArray& a, const unsigned char* bytes, std::size_t size, DumpType type,
                 const std::string& name)
{
    if (a.descr != storageOf(type))
        throw Error(name + ": stored as '" + a.descr + "', but the dump's dtype is " + std::string(dumpTypeName(type)) +
                    (type == DumpType::U8 || type == DumpType::U16
                         ? " (integer batches are PNG)"
                         : ", stored as '" + std::string(storageOf(type)) + "'"));
    const std::size_t values = std::size_t(a.rows) * std::size_t(a.cols) * std::size_t(a.channels);
    const std::size_t item = type == DumpType::F64 ? 8 : type == DumpType::F32 ? 4 : 2;
    if (a.dataOffset > size || size - a.dataOffset != values * item)
        throw Error(name + ": the values do not fill the array its header describes");
    const unsigned char* p = bytes + a.dataOffset;
    cv::Mat m(a.rows, a.cols, CV_MAKETYPE(type == DumpType::F64 ? CV_64F : CV_32F, a.channels));
    auto refuse = [&](std::size_t k, double v) {
        const std::size_t c = k % std::size_t(a.channels), pixel = k / std::size_t(a.channels);
        throw Error(name + ": row " + std::to_string(pixel / std::size_t(a.cols)) + ", column " +
                    std::to_string(pixel % std::size_t(a.cols)) + ", channel " + std::to_string(c) + " holds " +
                    (std::isnan(v) ? std::string("nan")
                     : v > 0       ? "inf"
                                   : "-inf") +
                    "; a dump holds finite values only");
    };
    if (type == DumpType::F64) {
        double* out = m.ptr<double>();
        std::memcpy(out, p, values * 8);
        for (std::size_t k = 0; k < values; ++k)
            if (!std::isfinite(out[k]))
                refuse(k, out[k]);
    } else if (type == DumpType::F32) {
        float* out = m.ptr<float>();
        std::memcpy(out, p, values * 4);
        for (std::size_t k = 0; k < values; ++k)
            if (!std::isfinite(out[k]))
                refuse(k, out[k]);
    } else {
        float* out = m.ptr<float>();
        for (std::size_t k = 0; k < values; ++k) {
            const std::uint16_t bits = std::uint16_t(p[2 * k] | p[2 * k + 1] << 8);
            out[k] = type == DumpType::F16 ? halfBitsToFloat(bits) : bfloat16BitsToFloat(bits);
            if (!std::isfinite(out[k]))
                refuse(k, out[k]);
        }
    }
    return m;
}

// ---- CSV

std::vector<int> parseLabelsCsv(std::istream& in, const std::string& file, std::size_t rows, std::size_t k)
{
    LineReader r(in, file, 4096);
    std::string line;
    if (!r.next(line) || splitCsv(line) != std::vector<std::string>{"index", "label"})
        throw Error(file + ": the header must be \"index,label\"");
    std::vector<int> labels;
    while (r.next(line)) {
        if (labels.size() == rows)
            throw Error(file + ": more than " + std::to_string(rows) + " rows for " + std::to_string(rows) + " images");
        const auto l = splitCsv(line);
        if (l.size() != 2)
            throw Error(file + ", line " + std::to_string(r.number()) + ": 2 columns expected, " +
                        std::to_string(l.size()) + " found");
        checkIndex(l[0], labels.size(), file, r.number());
        const double label = parseNumber(l[1], file, r.number());
        if (label != std::floor(label) || label < 0 || label >= double(k))
            throw Error(file + ", line " + std::to_string(r.number()) + ": label " + l[1] +
                        " is not a class index in [0, " + std::to_string(k) + ")");
        labels.push_back(int(label));
    }
    if (labels.size() != rows)
        throw Error(file + ": " + std::to_string(labels.size()) + " rows for " + std::to_string(rows) + " images");
    return labels;
}

std::vector<std::vector<double>> parseTargetsCsv(std::istream& in, const std::string& file, std::size_t rows,
                                                 std::vector<std::string>& header)
{
    LineReader r(in, file, std::size_t(64) << 20);
    std::string line;
    if (!r.next(line))
        throw Error(file + ": empty (the header is \"index\" then one column per class)");
    header = splitCsv(line);
    if (header.size() < 2 || header[0] != "index")
        throw Error(file + ": the header must be \"index\" then one column per class");
    header.erase(header.begin());
    const std::size_t k = header.size();
    if (std::uint64_t(k) * std::uint64_t(std::max<std::size_t>(rows, 1)) > kMaxTargetValues)
        throw Error(file + ": " + std::to_string(rows) + " rows of " + std::to_string(k) + " classes, more than " +
                    std::to_string(kMaxTargetValues) + " target values");
    // A row is its index and K numbers of at most a few dozen characters.
    r.setCap(64 + 64 * k);
    std::vector<std::vector<double>> targets;
    while (r.next(line)) {
        if (targets.size() == rows)
            throw Error(file + ": more than " + std::to_string(rows) + " rows for " + std::to_string(rows) + " images");
        const auto t = splitCsv(line);
        if (t.size() != k + 1)
            throw Error(file + ", line " + std::to_string(r.number()) + ": " + std::to_string(k + 1) +
                        " columns expected (index and " + std::to_string(k) + " classes), " + std::to_string(t.size()) +
                        " found");
        checkIndex(t[0], targets.size(), file, r.number());
        std::vector<double> row(k);
        for (std::size_t c = 0; c < k; ++c)
            row[c] = parseNumber(t[c + 1], file, r.number());
        targets.push_back(std::move(row));
    }
    if (targets.size() != rows)
        throw Error(file + ": " + std::to_string(targets.size()) + " rows for " + std::to_string(rows) + " images");
    return targets;
}

std::vector<std::string> parseClassesTxt(std::istream& in, const std::string& file, std::size_t k)
{
    LineReader r(in, file, 4096);
    std::vector<std::string> names;
    std::string line;
    while (r.next(line)) {
        if (names.size() == k)
            throw Error(file + ": more than " + std::to_string(k) + " names for " + std::to_string(k) +
                        " target columns");
        names.push_back(line);
    }
    if (names.size() != k)
        throw Error(file + ": " + std::to_string(names.size()) + " names for " + std::to_string(k) + " target columns");
    return names;
}

// ---- names

std::vector<std::string> elementOrder(std::vector<std::string> names, const fs::path& folder)
{
    std::vector<std::pair<std::string, std::string>> keyed; // the number (no leading zeros), the name
    for (const std::string& name : names) {
        const std::string stem = fs::path(name).stem().string();
        const std::size_t last = stem.find_last_of("0123456789");
        if (last == std::string::npos)
            throw Error(quotePath(folder / name) + ": no number in the name, so its element cannot be told; name " +
                        "the files by their index (000.png, 001.png, ...)");
        std::size_t first = last;
        while (first > 0 && std::isdigit(static_cast<unsigned char>(stem[first - 1])))
            --first;
        std::string digits = stem.substr(first, last - first + 1);
        digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
        keyed.emplace_back(digits, name);
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
        return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a < b;
    });
    for (std::size_t i = 1; i < keyed.size(); ++i)
        if (keyed[i].first == keyed[i - 1].first)
            throw Error(quotePath(folder) + ": " + keyed[i - 1].second + " and " + keyed[i].second +
                        " carry the same number, so the order of the elements cannot be told");
    names.clear();
    for (const auto& [number, name] : keyed)
        names.push_back(name);
    return names;
}

// ---- the folder

namespace
{

// The YOLO files of boxes_before/ or boxes_after/, by stem; hidden files are
// temporaries. Throws for a file that names no element.
std::map<std::string, fs::path> boxFiles(const fs::path& folder, const std::vector<std::string>& names)
{
    std::set<std::string> stems;
    for (const std::string& n : names)
        stems.insert(fs::path(n).stem().string());
    std::map<std::string, fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (hidden(p))
            continue;
        std::error_code fileEc;
        if (!it->is_regular_file(fileEc))
            continue;
        if (p.extension() != ".txt")
            throw Error(quotePath(p) + ": boxes are YOLO .txt files, one per element");
        const std::string stem = p.stem().string();
        if (!stems.count(stem))
            throw Error(quotePath(p) + ": no element is named " + stem + " (before/ has " + names.front() + ", ...)");
        files[stem] = p;
    }
    if (ec)
        throw Error(quotePath(folder) + ": cannot be read (" + ec.message() + ")");
    return files;
}

// boxes_before/ and boxes_after/, both or neither: each element's boxes
// (YOLO, normalised to its image), classes below K.
void readBoxes(AuditDump& d)
{
    std::error_code ec;
    const fs::path beforeDir = d.dir / "boxes_before", afterDir = d.dir / "boxes_after";
    const bool before = fs::is_directory(beforeDir, ec), after = fs::is_directory(afterDir, ec);
    if (!before && !after)
        return;
    if (before != after)
        throw Error(quotePath(before ? afterDir : beforeDir) + ": missing (a dump with boxes has boxes_before/ and " +
                    "boxes_after/)");
    d.hasBoxes = true;
    const int k = int(d.targets.empty() ? 0 : d.targets.front().size());
    std::size_t total = 0;
    for (const bool isBefore : {true, false}) {
        const fs::path& folder = isBefore ? beforeDir : afterDir;
        const auto files = boxFiles(folder, d.names);
        auto& out = isBefore ? d.boxesBefore : d.boxesAfter;
        for (std::size_t i = 0; i < d.names.size(); ++i) {
            const Size size{d.before[i].cols, d.before[i].rows};
            const auto f = files.find(fs::path(d.names[i]).stem().string());
            if (f == files.end()) {
                out.push_back({size, {}});
                if (isBefore)
                    d.segments.push_back(false);
                continue;
            }
            ReadObjects r = readYolo(f->second, size, k);
            checkObjects(r.image, k, quotePath(f->second));
            total += r.image.objects.size();
            if (total > kMaxDumpBoxes)
                throw Error(quotePath(d.dir) + ": more than " + std::to_string(kMaxDumpBoxes) + " boxes");
            out.push_back(std::move(r.image));
            if (isBefore)
                d.segments.push_back(r.segments);
        }
    }
}

} // namespace

AuditDump readDump(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(quotePath(dir) + ": no such folder");
    AuditDump d;
    d.dir = dir;
    const DumpInfo info = readInfo(dir);
    if (info.kind == "mosaic")
        throw Error(quotePath(dir) + ": a dump of Mosaic samples (dump.json says \"kind\": \"mosaic\"), not of a " +
                    "batch; `cutmix audit` checks it");
    d.formatVersion = info.version;
    d.mean = info.mean;
    d.stdev = info.stdev;
    d.torchVersion = info.torchVersion;
    d.layout = info.layout;

    const auto before = elementFiles(dir / "before");
    const auto after = elementFiles(dir / "after");
    if (before.empty())
        throw Error(quotePath(dir / "before") + ": no images");
    for (const auto& [name, path] : before)
        if (!after.count(name))
            throw Error(quotePath(dir / "after" / name) + ": missing (before/ has " + name + ")");
    for (const auto& [name, path] : after)
        if (!before.count(name))
            throw Error(quotePath(dir / "before" / name) + ": missing (after/ has " + name + ")");
    std::vector<std::string> names;
    for (const auto& entry : before)
        names.push_back(entry.first);
    d.names = elementOrder(names, dir / "before");
    const std::size_t n = d.names.size();

    // The kind of the files and the dump's type, then every header, before
    // any pixel is read.
    const bool npy = isNpy(before.at(d.names.front()));
    for (const std::string& name : d.names)
        if (isNpy(before.at(name)) != npy)
            throw Error(quotePath(before.at(name)) + ": a dump holds PNG images or NPY arrays, not both (" +
                        d.names.front() + " is " + (npy ? "NPY" : "an image") + ")");
    std::vector<Planned> plans;
    std::uint64_t pixels = 0, bytes = 0;
    for (const std::string& name : d.names)
        for (const fs::path& p : {before.at(name), after.at(name)}) {
            plans.push_back(npy ? planNpy(p) : planImage(p));
            pixels += plans.back().pixels;
            bytes += plans.back().bytes;
        }
    if (pixels > maxImagePixels() || bytes > maxDumpBytes())
        throw Error(quotePath(dir) + ": the images of the dump hold " + std::to_string(pixels) + " pixels (" +
                    megabytes(bytes) + " in memory), more than the limit of " + std::to_string(maxImagePixels()) +
                    " pixels and " + megabytes(maxDumpBytes()) + " (set CUTMIX_MAX_PIXELS to allow more)");
    if (npy) {
        const std::string descr = plans.front().npy->descr;
        if (info.type) {
            if (!isFloatType(*info.type))
                throw Error(quotePath(dir / "dump.json") + ": dtype " + std::string(dumpTypeName(*info.type)) +
                            ", but the images are NPY arrays (integer batches are PNG)");
            d.type = *info.type;
        } else if (descr == "<u2") {
            throw Error(quotePath(before.at(d.names.front())) +
                        ": '<u2' values without a dump.json saying \"dtype\": \"bfloat16\" (integer batches are PNG)");
        } else {
            d.type = descr == "<f2" ? DumpType::F16 : descr == "<f4" ? DumpType::F32 : DumpType::F64;
        }
    }

    // Decoded on a few threads; the first failure in element order is the one reported.
    std::vector<cv::Mat> mats(2 * n);
    std::vector<std::exception_ptr> failures(2 * n);
    std::atomic<std::size_t> next{0};
    auto decode = [&] {
        for (std::size_t k; (k = next++) < 2 * n;) {
            const std::size_t i = k / 2;
            const fs::path& p = k % 2 == 0 ? before.at(d.names[i]) : after.at(d.names[i]);
            try {
                const std::vector<unsigned char> b = readAll(p, fileSize(p));
                mats[k] = npy ? npyToMat(*plans[k].npy, b.data(), b.size(), d.type,
                                         quotePath(p) + " (element " + std::to_string(i) + ")")
                              : decodeForMixing(b, p.string());
            } catch (...) {
                failures[k] = std::current_exception();
            }
        }
    };
    const std::size_t threads =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::min<std::size_t>(4, 2 * n));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t)
        pool.emplace_back(decode);
    decode();
    for (auto& t : pool)
        t.join();
    std::uint64_t held = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& name = d.names[i];
        for (std::size_t side = 0; side < 2; ++side) {
            const std::size_t k = 2 * i + side;
            if (failures[k])
                std::rethrow_exception(failures[k]);
            cv::Mat& m = mats[k];
            const fs::path& p = side == 0 ? before.at(name) : after.at(name);
            if (!npy) {
                const DumpType t = m.depth() == CV_16U ? DumpType::U16 : DumpType::U8;
                if (k == 0)
                    d.type = t;
                if (info.type && *info.type != t)
                    throw Error(quotePath(p) + ": a " + std::string(dumpTypeName(t)) + " image, but dump.json says " +
                                std::string(dumpTypeName(*info.type)));
            }
            held += m.total() * m.elemSize();
            if (held > maxDumpBytes())
                throw Error(quotePath(dir) + ": the images of the dump take more than " + megabytes(maxDumpBytes()) +
                            " in memory (set CUTMIX_MAX_PIXELS to allow more)");
            (side == 0 ? d.before : d.after).push_back(std::move(m));
        }
        const cv::Mat& b = d.before.back();
        const cv::Mat& a = d.after.back();
        if (b.size() != a.size() || b.type() != a.type())
            throw Error(quotePath(after.at(name)) + ": element " + std::to_string(i) + " is " + describe(b, d.type) +
                        " before mixing and " + describe(a, d.type) +
                        " after; before and after have the same size and type");
        const cv::Mat& first = d.before.front();
        if (b.size() != first.size() || b.type() != first.type())
            throw Error(quotePath(before.at(name)) + ": the images of a batch share one size and type; element 0 (" +
                        d.names.front() + ") is " + describe(first, d.type) + ", element " + std::to_string(i) + " (" +
                        name + ") is " + describe(b, d.type));
    }
    for (std::size_t k = 0; k < 2; ++k) {
        const std::vector<double>& v = k == 0 ? d.mean : d.stdev;
        if (!v.empty() && v.size() != 1 && int(v.size()) != d.before.front().channels())
            throw Error(quotePath(dir / "dump.json") + ": " + (k == 0 ? "mean" : "std") + " has " +
                        std::to_string(v.size()) + " values for " + std::to_string(d.before.front().channels()) +
                        " channels");
    }

    const fs::path targetsFile = dir / "targets.csv";
    std::ifstream targetsIn = openText(targetsFile, true);
    std::vector<std::string> header;
    d.targets = parseTargetsCsv(targetsIn, quotePath(targetsFile), n, header);
    const std::size_t k = header.size();
    const fs::path labelsFile = dir / "labels.csv";
    std::ifstream labelsIn = openText(labelsFile, true);
    d.labels = parseLabelsCsv(labelsIn, quotePath(labelsFile), n, k);
    const fs::path classesFile = dir / "classes.txt";
    std::ifstream classesIn = openText(classesFile, false);
    d.classes = classesIn.is_open() ? parseClassesTxt(classesIn, quotePath(classesFile), k) : header;
    readBoxes(d);
    return d;
}

// ---- Mosaic samples

std::string dumpKind(const fs::path& dir)
{
    return readInfo(dir).kind;
}

namespace
{

// The YOLO files of a Mosaic dump's boxes folder, each one of `stems`.
std::map<std::string, fs::path> mosaicBoxFiles(const fs::path& folder, const std::set<std::string>& stems,
                                               std::string_view what)
{
    std::map<std::string, fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::error_code fileEc;
        if (hidden(p) || !it->is_regular_file(fileEc))
            continue;
        if (p.extension() != ".txt")
            throw Error(quotePath(p) + ": boxes are YOLO .txt files, one per " + std::string(what));
        if (!stems.count(p.stem().string()))
            throw Error(quotePath(p) + ": names no " + std::string(what) + " of the dump");
        files[p.stem().string()] = p;
    }
    if (ec)
        throw Error(quotePath(folder) + ": cannot be read (" + ec.message() + ")");
    return files;
}

} // namespace

MosaicDump readMosaicDump(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(quotePath(dir) + ": no such folder");
    const DumpInfo info = readInfo(dir);
    if (info.kind != "mosaic")
        throw Error(quotePath(dir / "dump.json") + ": missing, or does not say \"kind\": \"mosaic\"");
    MosaicDump d;
    d.dir = dir;

    // The samples (after/) and their tiles (before/<name>_<k>), counted and
    // matched before anything is read.
    const auto after = elementFiles(dir / "after");
    const auto before = elementFiles(dir / "before");
    if (after.empty())
        throw Error(quotePath(dir / "after") + ": no images");
    std::map<std::string, fs::path> sampleOf, tileOf; // by stem
    for (const auto* side : {&after, &before})
        for (const auto& [name, path] : *side) {
            if (isNpy(path))
                throw Error(quotePath(path) + ": a Mosaic dump holds PNG images, not NPY arrays");
            auto& byStem = side == &after ? sampleOf : tileOf;
            const std::string stem = path.stem().string();
            if (byStem.count(stem))
                throw Error(quotePath(path) + ": " + byStem[stem].filename().string() + " has the same name");
            byStem[stem] = path;
        }
    std::vector<std::string> stems;
    for (const auto& entry : sampleOf)
        stems.push_back(entry.first);
    stems = elementOrder(stems, dir / "after");
    std::set<std::string> tileStems;
    for (const std::string& stem : stems)
        for (int k = 0; k < 4; ++k) {
            const std::string t = stem + "_" + std::to_string(k);
            if (!tileOf.count(t))
                throw Error(quotePath(dir / "before" / (t + ".png")) + ": missing (sample " + stem +
                            " has four tiles, " + stem + "_0 to " + stem + "_3)");
            tileStems.insert(t);
        }
    for (const auto& [stem, path] : tileOf)
        if (!tileStems.count(stem))
            throw Error(quotePath(path) + ": names no tile of a sample (after/ has " + stems.front() +
                        ", so its tiles are " + stems.front() + "_0 to " + stems.front() + "_3)");

    std::vector<fs::path> files;
    for (const std::string& stem : stems) {
        files.push_back(sampleOf.at(stem));
        for (int k = 0; k < 4; ++k)
            files.push_back(tileOf.at(stem + "_" + std::to_string(k)));
    }
    std::uint64_t pixels = 0, bytes = 0;
    for (const fs::path& p : files) {
        const Planned plan = planImage(p);
        pixels += plan.pixels;
        bytes += plan.bytes;
    }
    if (pixels > maxImagePixels() || bytes > maxDumpBytes())
        throw Error(quotePath(dir) + ": the images of the dump hold " + std::to_string(pixels) + " pixels (" +
                    megabytes(bytes) + " in memory), more than the limit of " + std::to_string(maxImagePixels()) +
                    " pixels and " + megabytes(maxDumpBytes()) + " (set CUTMIX_MAX_PIXELS to allow more)");

    // boxes_before/ and boxes_after/: what the audit checks.
    const fs::path boxesBefore = dir / "boxes_before", boxesAfter = dir / "boxes_after";
    for (const fs::path& folder : {boxesBefore, boxesAfter})
        if (!fs::is_directory(folder, ec))
            throw Error(quotePath(folder) + ": missing (a Mosaic dump has boxes_before/ and boxes_after/: the " +
                        "boxes are what its audit checks)");
    const std::set<std::string> sampleStems(stems.begin(), stems.end());
    const auto tileBoxes = mosaicBoxFiles(boxesBefore, tileStems, "tile");
    const auto sampleBoxes = mosaicBoxFiles(boxesAfter, sampleStems, "sample");
    const fs::path classesFile = dir / "classes.txt";
    if (std::ifstream in = openText(classesFile, false); in.is_open()) {
        LineReader r(in, quotePath(classesFile), 4096);
        for (std::string line; r.next(line);) {
            if (d.classes.size() == 1000000)
                throw Error(quotePath(classesFile) + ": more than 1000000 names");
            d.classes.push_back(line);
        }
    }
    const int k = int(d.classes.size());

    std::size_t total = 0;
    auto readBoxesOf = [&](const std::map<std::string, fs::path>& found, const std::string& stem, Size size,
                           bool* segments) {
        const auto f = found.find(stem);
        if (f == found.end())
            return ImageObjects{size, {}};
        ReadObjects r = readYolo(f->second, size, k);
        checkObjects(r.image, k, quotePath(f->second));
        total += r.image.objects.size();
        if (total > kMaxDumpBoxes)
            throw Error(quotePath(dir) + ": more than " + std::to_string(kMaxDumpBoxes) + " boxes");
        if (segments)
            *segments = r.segments;
        return std::move(r.image);
    };
    std::uint64_t held = 0;
    std::optional<int> type;
    for (const std::string& stem : stems) {
        MosaicSample m;
        m.name = stem;
        // A tile of another channel count is converted as `cutmix mix`
        // converts its sources (cv2.imread gives Ultralytics 3 channels).
        auto decode = [&](const fs::path& p, bool tile) {
            cv::Mat img = decodeForMixing(readAll(p, fileSize(p)), p.string());
            if (tile && type && img.depth() == CV_MAT_DEPTH(*type) && img.channels() != CV_MAT_CN(*type))
                img = convertLike(img, img.depth(), CV_MAT_CN(*type));
            if (!type) {
                type = img.type();
                d.type = img.depth() == CV_16U ? DumpType::U16 : DumpType::U8;
                if (info.type && *info.type != d.type)
                    throw Error(quotePath(p) + ": a " + std::string(dumpTypeName(d.type)) +
                                " image, but dump.json says " + std::string(dumpTypeName(*info.type)));
            } else if (img.type() != *type) {
                throw Error(quotePath(p) + ": " + describe(img, img.depth() == CV_16U ? DumpType::U16 : DumpType::U8) +
                            ", but the first image of the dump has " + std::to_string(CV_MAT_CN(*type)) +
                            " channel(s) of " + std::string(dumpTypeName(d.type)) + "; a dump holds one type");
            }
            held += img.total() * img.elemSize();
            if (held > maxDumpBytes())
                throw Error(quotePath(dir) + ": the images of the dump take more than " + megabytes(maxDumpBytes()) +
                            " in memory (set CUTMIX_MAX_PIXELS to allow more)");
            return img;
        };
        const fs::path& mosaicFile = sampleOf.at(stem);
        m.mosaic = decode(mosaicFile, false);
        if (m.mosaic.cols != m.mosaic.rows || m.mosaic.cols % 2 != 0 || m.mosaic.cols < 2)
            throw Error(quotePath(mosaicFile) + ": " + std::to_string(m.mosaic.cols) + "x" +
                        std::to_string(m.mosaic.rows) + "; a mosaic is a square of side 2s (Ultralytics' _mosaic4)");
        const int s = m.mosaic.cols / 2;
        for (int t = 0; t < 4; ++t) {
            const std::string tileStem = stem + "_" + std::to_string(t);
            cv::Mat tile = decode(tileOf.at(tileStem), true);
            m.given[std::size_t(t)] = {tile.cols, tile.rows};
            const Size placed = mosaicTileSize(m.given[std::size_t(t)], s);
            if (placed != m.given[std::size_t(t)]) {
                // load_image's resize (mixer.cpp prepareForDraw does the same for Mosaic's sources).
                cv::Mat r;
                cv::resize(tile, r, cv::Size(placed.width, placed.height), 0, 0, cv::INTER_LINEAR);
                tile = r;
            }
            m.tiles[std::size_t(t)] = tile;
            m.boxes[std::size_t(t)] = readBoxesOf(tileBoxes, tileStem, placed, &m.segments[std::size_t(t)]);
        }
        m.after = readBoxesOf(sampleBoxes, stem, {m.mosaic.cols, m.mosaic.rows}, nullptr);
        d.samples.push_back(std::move(m));
    }
    return d;
}

} // namespace cutmix
