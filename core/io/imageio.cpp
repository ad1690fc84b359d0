#include "imageio.h"

#include "error.h"
#include "mixer.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>
#include <unistd.h>
#include <webp/decode.h>

namespace cutmix
{

namespace fs = std::filesystem;

namespace
{

// The bytes OpenCV's WebP decoder looks at to recognise a WebP file.
constexpr std::size_t kWebPHeader = 32;

// An image file opened for reading, or an Error saying why it cannot be.
std::ifstream openImageFile(const fs::path& path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(quotePath(path) + ": no such file");
    if (fs::is_directory(path, ec))
        throw Error(quotePath(path) + ": is a folder, not an image file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(quotePath(path) + ": cannot be opened for reading");
    return in;
}

std::vector<unsigned char> readBytes(const fs::path& path)
{
    std::ifstream in = openImageFile(path);
    // One read of the whole file where its size is known (a regular file),
    // byte by byte otherwise (a pipe, a special file).
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0 || !in) {
        in.clear();
        return std::vector<unsigned char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), size);
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

bool startsWith(const std::vector<unsigned char>& b, std::size_t at, const char* text, std::size_t n)
{
    return b.size() >= at + n && std::memcmp(b.data() + at, text, n) == 0;
}

bool startsWith(const std::vector<unsigned char>& b, std::size_t at, const char* text)
{
    return startsWith(b, at, text, std::strlen(text));
}

std::string lowerExtension(const fs::path& p)
{
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    return e;
}

std::uint64_t be(const std::vector<unsigned char>& b, std::size_t at, int n)
{
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
        v = (v << 8) | b[at + i];
    return v;
}

std::uint64_t le(const std::vector<unsigned char>& b, std::size_t at, int n)
{
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = (v << 8) | b[at + i];
    return v;
}

using Dimensions = std::pair<std::uint64_t, std::uint64_t>;

// Width and height from the first image directory of a classic TIFF, when
// the directory lies within the bytes.
Dimensions tiffSize(const std::vector<unsigned char>& b)
{
    const bool little = b[0] == 'I';
    auto get = [&](std::size_t at, int n) -> std::uint64_t {
        if (at + static_cast<std::size_t>(n) > b.size())
            return 0;
        return little ? le(b, at, n) : be(b, at, n);
    };
    const std::uint64_t ifd = get(4, 4);
    if (ifd == 0 || ifd > b.size())
        return {0, 0};
    const std::uint64_t entries = std::min<std::uint64_t>(get(ifd, 2), 4096);
    std::uint64_t w = 0, h = 0;
    for (std::uint64_t i = 0; i < entries; ++i) {
        const std::size_t e = static_cast<std::size_t>(ifd) + 2 + static_cast<std::size_t>(i) * 12;
        if (e + 12 > b.size())
            break;
        const std::uint64_t tag = get(e, 2), type = get(e + 2, 2);
        const std::uint64_t value = type == 3 ? get(e + 8, 2) : get(e + 8, 4);
        // A tag given twice: libtiff keeps the first, other readers the
        // last; the larger claim is the one the limit must see.
        if (tag == 256)
            w = std::max(w, value);
        else if (tag == 257)
            h = std::max(h, value);
    }
    return {w, h};
}

// Width and height of a PBM/PGM/PPM, read the way OpenCV's PxM decoder reads
// them (grfmt_pxm.cpp, ReadNumber): before a number, '#' comments and white
// space are skipped and any other byte is an error; a number ends at the
// first non-digit, which is consumed with it.
Dimensions pnmSize(const std::vector<unsigned char>& b)
{
    std::size_t p = 2;
    auto next = [&]() -> int { return p < b.size() ? b[p++] : -1; };
    auto number = [&](std::uint64_t& out) {
        int c = next();
        while (c < 0 || !std::isdigit(c)) {
            if (c == '#') {
                do
                    c = next();
                while (c >= 0 && c != '\n' && c != '\r');
                c = next();
            } else if (c >= 0 && std::isspace(c)) {
                while (c >= 0 && std::isspace(c))
                    c = next();
            } else {
                return false; // OpenCV fails here too
            }
        }
        out = 0;
        while (c >= 0 && std::isdigit(c) && out <= (std::uint64_t(1) << 40)) {
            out = out * 10 + static_cast<std::uint64_t>(c - '0');
            c = next();
        }
        return true;
    };
    std::uint64_t w = 0, h = 0;
    if (!number(w) || !number(h))
        return {0, 0};
    return {w, h};
}

} // namespace

std::uint64_t maxImagePixels()
{
    if (const char* env = std::getenv("CUTMIX_MAX_PIXELS")) {
        char* end = nullptr;
        const unsigned long long v = std::strtoull(env, &end, 10);
        if (end != env && *end == '\0' && v > 0)
            return v;
    }
    return kDefaultMaxPixels;
}

std::uint64_t maxSheetImageBytes()
{
    return 2 * maxImagePixels();
}

Dimensions headerSize(const std::vector<unsigned char>& b)
{
    const std::size_t n = b.size();
    if (n >= 24 && startsWith(b, 0, "\x89PNG\r\n\x1a\n") && startsWith(b, 12, "IHDR"))
        return {be(b, 16, 4), be(b, 20, 4)};
    if (n >= 10 && (startsWith(b, 0, "GIF87a") || startsWith(b, 0, "GIF89a")))
        return {le(b, 6, 2), le(b, 8, 2)};
    if (n >= 26 && startsWith(b, 0, "BM")) {
        const auto w = static_cast<std::int32_t>(le(b, 18, 4)), h = static_cast<std::int32_t>(le(b, 22, 4));
        return {static_cast<std::uint64_t>(std::abs(static_cast<long long>(w))),
                static_cast<std::uint64_t>(std::abs(static_cast<long long>(h)))};
    }
    if (n >= 30 && startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
        if (startsWith(b, 12, "VP8X"))
            return {le(b, 24, 3) + 1, le(b, 27, 3) + 1};
        if (startsWith(b, 12, "VP8L") && n >= 25) {
            const std::uint64_t bits = le(b, 21, 4);
            return {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
        }
        if (startsWith(b, 12, "VP8 "))
            return {le(b, 26, 2) & 0x3FFF, le(b, 28, 2) & 0x3FFF};
    }
    if (sniffFormat(b) == ImageFormat::Tiff)
        return tiffSize(b);
    if (sniffFormat(b) == ImageFormat::Pnm)
        return pnmSize(b);
    if (sniffFormat(b) == ImageFormat::Jpeg) {
        // Walk the marker segments up to the first start-of-frame.
        std::size_t p = 2;
        while (p + 4 <= n) {
            if (b[p] != 0xFF)
                return {0, 0};
            const unsigned char m = b[p + 1];
            if (m == 0xFF) {
                ++p;
                continue;
            }
            if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
                p += 2;
                continue;
            }
            const std::size_t len = be(b, p + 2, 2);
            const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
            if (sof && p + 9 <= n)
                return {be(b, p + 7, 2), be(b, p + 5, 2)};
            if (len < 2)
                return {0, 0};
            p += 2 + len;
        }
    }
    return {0, 0};
}

ImageFormat sniffFormat(const std::vector<unsigned char>& b)
{
    // The same signature tests as OpenCV's decoders (modules/imgcodecs/src/
    // grfmt_*.cpp, checkSignature), so that the decoder OpenCV picks is the
    // one for the format named here.
    if (startsWith(b, 0, "\x89PNG\r\n\x1a\n"))
        return ImageFormat::Png;
    if (startsWith(b, 0, "\xFF\xD8\xFF"))
        return ImageFormat::Jpeg;
    if (startsWith(b, 0, "BM"))
        return ImageFormat::Bmp;
    // OpenCV's WebP decoder accepts what libwebp's WebPGetFeatures accepts
    // in the first 32 bytes; asking libwebp the same question keeps the two
    // in step (a RIFF header it rejects would fall through to later decoders).
    WebPBitstreamFeatures features;
    if (b.size() >= kWebPHeader && startsWith(b, 0, "RIFF") &&
        WebPGetFeatures(b.data(), kWebPHeader, &features) == VP8_STATUS_OK)
        return ImageFormat::WebP;
    // Classic TIFF only: the signatures OpenCV's TIFF decoder checks.
    if (startsWith(b, 0, "II\x2a\x00", 4) || startsWith(b, 0, "MM\x00\x2a", 4))
        return ImageFormat::Tiff;
    if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && std::isspace(b[2]))
        return ImageFormat::Pnm;
    return ImageFormat::Unknown;
}

std::string_view formatName(ImageFormat f)
{
    switch (f) {
    case ImageFormat::Png:
        return "PNG";
    case ImageFormat::Jpeg:
        return "JPEG";
    case ImageFormat::Bmp:
        return "BMP";
    case ImageFormat::WebP:
        return "WebP";
    case ImageFormat::Tiff:
        return "TIFF";
    case ImageFormat::Pnm:
        return "PNM";
    case ImageFormat::Unknown:
        break;
    }
    return "unknown";
}

std::string supportedFormatsText()
{
    return "PNG, JPEG, BMP, WebP, TIFF and PNM (PBM/PGM/PPM)";
}

const std::vector<std::string>& imageExtensions()
{
    static const std::vector<std::string> exts = {".png", ".jpg",  ".jpeg", ".jpe", ".bmp", ".dib", ".webp",
                                                  ".tif", ".tiff", ".pbm",  ".pgm", ".ppm", ".pnm"};
    return exts;
}

bool hasImageExtension(const fs::path& p)
{
    const std::string e = lowerExtension(p);
    const auto& exts = imageExtensions();
    return std::find(exts.begin(), exts.end(), e) != exts.end();
}

cv::Mat decodeImage(const std::vector<unsigned char>& bytes, const std::string& name)
{
    const std::string q = quotePath(name);
    if (bytes.empty())
        throw Error(q + ": the file is empty");
    const ImageFormat format = sniffFormat(bytes);
    if (format == ImageFormat::Unknown)
        throw Error(q + ": not an image in a supported format (" + supportedFormatsText() +
                    "), or the file is damaged");
    const auto [w, h] = headerSize(bytes);
    const std::uint64_t limit = maxImagePixels();
    if (w > 0 && h > 0 && (w > limit || h > limit || w * h > limit))
        throw Error(q + ": the image claims " + std::to_string(w) + " x " + std::to_string(h) +
                    " pixels, more than the limit of " + std::to_string(limit) +
                    " (set CUTMIX_MAX_PIXELS to allow more)");
    if (format == ImageFormat::Jpeg) {
        // libjpeg decodes a truncated file into a grey-bottomed image with
        // only a warning; a JPEG without its end-of-image marker is refused.
        const std::size_t tail = std::min<std::size_t>(bytes.size(), 4096);
        bool end = false;
        for (std::size_t i = bytes.size() - tail; i + 1 < bytes.size() && !end; ++i)
            end = bytes[i] == 0xFF && bytes[i + 1] == 0xD9;
        if (!end)
            throw Error(q + ": the JPEG is truncated (no end-of-image marker)");
    }
    // IMREAD_UNCHANGED keeps alpha and 16 bits but skips EXIF orientation;
    // JPEGs have no alpha, so they take the flags that apply it.
    const int flags = format == ImageFormat::Jpeg ? (cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH) : cv::IMREAD_UNCHANGED;
    cv::Mat m;
    try {
        m = cv::imdecode(bytes, flags);
    } catch (const cv::Exception& e) {
        throw Error(q + ": cannot be decoded (" + e.err + ")");
    }
    if (m.empty())
        throw Error(q + ": the " + std::string(formatName(format)) + " file is damaged and cannot be decoded");
    return m;
}

cv::Mat loadImage(const fs::path& path)
{
    return decodeImage(readBytes(path), path.string());
}

cv::Mat decodeForMixing(const std::vector<unsigned char>& bytes, const std::string& name)
{
    cv::Mat m = decodeImage(bytes, name);
    checkImageType(m, quotePath(name));
    return m;
}

std::vector<unsigned char> readImageBytes(const fs::path& path)
{
    return readBytes(path);
}

bool isLossy(const std::vector<unsigned char>& bytes)
{
    const ImageFormat f = sniffFormat(bytes);
    return f == ImageFormat::Jpeg || (f == ImageFormat::WebP && startsWith(bytes, 12, "VP8 "));
}

cv::Mat loadForMixing(const fs::path& path)
{
    return decodeForMixing(readBytes(path), path.string());
}

void checkLooksReadable(const fs::path& path)
{
    std::ifstream in = openImageFile(path);
    std::vector<unsigned char> head(64);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.empty())
        throw Error(quotePath(path) + ": the file is empty");
    if (sniffFormat(head) == ImageFormat::Unknown)
        throw Error(quotePath(path) + ": not an image in a supported format (" + supportedFormatsText() + ")");
}

std::vector<int> encoderParams(const fs::path& path, int quality)
{
    const std::string e = lowerExtension(path);
    quality = std::clamp(quality, 1, 100);
    if (e == ".jpg" || e == ".jpeg")
        return {cv::IMWRITE_JPEG_QUALITY, quality};
    if (e == ".webp")
        return {cv::IMWRITE_WEBP_QUALITY, quality};
    return {};
}

void saveImageAtomic(const fs::path& path, const cv::Mat& image, int quality)
{
    writeAtomic(path, [&](const fs::path& tmp) {
        bool ok = false;
        try {
            ok = cv::imwrite(tmp.string(), image, encoderParams(path, quality));
        } catch (const cv::Exception& e) {
            throw Error(quotePath(path) + ": cannot be written (" + e.err + ")");
        }
        if (!ok)
            throw Error(quotePath(path) + ": cannot be written (unknown image format or no space left)");
    });
}

} // namespace cutmix
