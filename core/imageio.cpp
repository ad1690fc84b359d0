#include "imageio.h"

#include "error.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>
#include <unistd.h>

namespace cutmix
{

namespace fs = std::filesystem;

std::string quotePath(const fs::path& p)
{
    std::string q = p.string();
    q.insert(q.begin(), '\'');
    q.push_back('\'');
    return q;
}

namespace
{

std::vector<unsigned char> readBytes(const fs::path& path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(quotePath(path) + ": no such file");
    if (fs::is_directory(path, ec))
        throw Error(quotePath(path) + ": is a folder, not an image file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(quotePath(path) + ": cannot be opened for reading");
    return std::vector<unsigned char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool isJpeg(const std::vector<unsigned char>& b)
{
    return b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
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

bool startsWith(const std::vector<unsigned char>& b, std::size_t at, const char* text)
{
    const std::size_t n = std::strlen(text);
    return b.size() >= at + n && std::memcmp(b.data() + at, text, n) == 0;
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

std::pair<std::uint64_t, std::uint64_t> headerSize(const std::vector<unsigned char>& b)
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
    if (isJpeg(b)) {
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

cv::Mat decodeImage(const std::vector<unsigned char>& bytes, const std::string& name)
{
    const std::string q = quotePath(name);
    if (bytes.empty())
        throw Error(q + ": the file is empty");
    const auto [w, h] = headerSize(bytes);
    const std::uint64_t limit = maxImagePixels();
    if (w > 0 && h > 0 && (w > limit || h > limit || w * h > limit))
        throw Error(q + ": the image claims " + std::to_string(w) + " x " + std::to_string(h) +
                    " pixels, more than the limit of " + std::to_string(limit) +
                    " (set CUTMIX_MAX_PIXELS to allow more)");
    // IMREAD_UNCHANGED keeps alpha and 16 bits but skips EXIF orientation;
    // JPEGs have no alpha, so they take the flags that apply it.
    if (isJpeg(bytes)) {
        // libjpeg decodes a truncated file into a grey-bottomed image with
        // only a warning; a JPEG without its end-of-image marker is refused.
        const std::size_t tail = std::min<std::size_t>(bytes.size(), 4096);
        bool end = false;
        for (std::size_t i = bytes.size() - tail; i + 1 < bytes.size() && !end; ++i)
            end = bytes[i] == 0xFF && bytes[i + 1] == 0xD9;
        if (!end)
            throw Error(q + ": the JPEG is truncated (no end-of-image marker)");
    }
    const int flags = isJpeg(bytes) ? (cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH) : cv::IMREAD_UNCHANGED;
    cv::Mat m;
    try {
        m = cv::imdecode(bytes, flags);
    } catch (const cv::Exception& e) {
        throw Error(q + ": cannot be decoded (" + e.err + ")");
    }
    if (m.empty())
        throw Error(q + ": not an image OpenCV can read, or the file is damaged");
    return m;
}

cv::Mat loadImage(const fs::path& path)
{
    return decodeImage(readBytes(path), path.string());
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

fs::path temporaryPathFor(const fs::path& path)
{
    static std::atomic<unsigned> counter{0};
    std::ostringstream name;
    name << '.' << path.stem().string() << ".part-" << ::getpid() << '-' << counter++ << path.extension().string();
    return path.parent_path() / name.str();
}

namespace
{

template <typename Write> void writeAtomic(const fs::path& path, Write write)
{
    const fs::path tmp = temporaryPathFor(path);
    std::error_code ec;
    try {
        write(tmp);
        fs::rename(tmp, path);
    } catch (const fs::filesystem_error& e) {
        fs::remove(tmp, ec);
        throw Error(quotePath(path) + ": cannot be written (" + e.code().message() + ")");
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
}

} // namespace

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

void writeFileAtomic(const fs::path& path, const std::string& contents)
{
    writeAtomic(path, [&](const fs::path& tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << contents;
        out.flush();
        if (!out)
            throw Error(quotePath(path) + ": cannot be written");
    });
}

bool samePath(const fs::path& a, const fs::path& b)
{
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec))
        return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

void refuseToOverwrite(const fs::path& target, const std::vector<fs::path>& sources)
{
    for (const fs::path& src : sources)
        if (!src.empty() && samePath(target, src))
            throw Error("refusing to write over the input " + quotePath(src));
}

} // namespace cutmix
