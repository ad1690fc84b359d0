// Reading images the way the tool promises (EXIF orientation, clear errors
// naming the file) and writing files without ever leaving a half-written one
// under its final name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace cutmix
{

// Images larger than this many pixels are refused from their header, before
// any pixel memory is allocated (PNG, JPEG, GIF, BMP, WebP; other formats
// fall back on OpenCV's own limit). The environment variable
// CUTMIX_MAX_PIXELS overrides it.
constexpr std::uint64_t kDefaultMaxPixels = std::uint64_t(1) << 28; // 268 megapixels
std::uint64_t maxImagePixels();

// The width and height a file's header claims, where the format's header is
// simple to read; {0, 0} when unknown.
std::pair<std::uint64_t, std::uint64_t> headerSize(const std::vector<unsigned char>& bytes);

// Decodes any format OpenCV reads. JPEGs are decoded with their EXIF
// orientation applied; other formats keep their alpha channel and 16-bit
// depth. Throws cutmix::Error naming the file on any failure.
cv::Mat loadImage(const std::filesystem::path& path);
// The same for bytes already in memory; `name` is used in messages.
cv::Mat decodeImage(const std::vector<unsigned char>& bytes, const std::string& name);

// Encoder parameters for cv::imwrite from the extension and a 1..100 quality
// (JPEG and WebP quality; PNG ignores it).
std::vector<int> encoderParams(const std::filesystem::path& path, int quality);

// Encodes to a temporary name in the same folder, then renames it over path.
// Throws cutmix::Error naming the file; the temporary is removed on failure.
void saveImageAtomic(const std::filesystem::path& path, const cv::Mat& image, int quality = 95);
void writeFileAtomic(const std::filesystem::path& path, const std::string& contents);

// The temporary name used for path: hidden, in the same folder, same
// extension (so encoders pick the same format), unique per process.
std::filesystem::path temporaryPathFor(const std::filesystem::path& path);

// The path in single quotes, as every message names a file.
std::string quotePath(const std::filesystem::path& p);

// True when both name the same file (or would, once written).
bool samePath(const std::filesystem::path& a, const std::filesystem::path& b);
// Throws cutmix::Error when target names one of the sources (empty paths
// are ignored): the tool never writes over a user's input.
void refuseToOverwrite(const std::filesystem::path& target, const std::vector<std::filesystem::path>& sources);

} // namespace cutmix
