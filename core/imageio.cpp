#include "imageio.h"

#include "error.h"

#include <algorithm>
#include <atomic>
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

} // namespace

cv::Mat decodeImage(const std::vector<unsigned char>& bytes, const std::string& name)
{
    const std::string q = quotePath(name);
    if (bytes.empty())
        throw Error(q + ": the file is empty");
    // IMREAD_UNCHANGED keeps alpha and 16 bits but skips EXIF orientation;
    // JPEGs have no alpha, so they take the flags that apply it.
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

} // namespace cutmix
