// Reading images the way the tool promises (EXIF orientation, clear errors
// naming the file) and writing files without ever leaving a half-written one
// under its final name.
#pragma once

#include "files.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

// Images larger than this many pixels are refused from their header, before
// any pixel memory is allocated (PNG, JPEG, GIF, BMP, WebP; other formats
// fall back on OpenCV's own limit). The environment variable
// CUTMIX_MAX_PIXELS overrides it.
constexpr std::uint64_t kDefaultMaxPixels = std::uint64_t(1) << 28; // 268 megapixels
std::uint64_t maxImagePixels();
// The most bytes of images a sheet's plan holds at once (a grid's tiles, a
// comparison's panels, each at its images' full size): twice
// maxImagePixels(), 512 MiB by default. A grid of 10,000 tiles of a photo
// took 9.4 GB (24 GB with A and B beside each).
std::uint64_t maxSheetImageBytes();

// The formats the tool reads, told from the file's own first bytes (never
// from its name). Only these reach a decoder, and the signature test is the
// one OpenCV's decoder for that format uses, so OpenCV hands the bytes to that
// decoder and no other (OpenCV tries its decoders in a fixed order, and none
// before these accepts their signatures). Everything else, DICOM, JPEG 2000,
// OpenEXR, Radiance HDR and whatever else Debian's OpenCV could open through
// GDCM or GDAL, is refused: those decoders abort the process on some
// malformed inputs.
enum class ImageFormat { Unknown, Png, Jpeg, Bmp, WebP, Tiff, Pnm };
ImageFormat sniffFormat(const std::vector<unsigned char>& bytes);
std::string_view formatName(ImageFormat f);
// "PNG, JPEG, BMP, WebP, TIFF and PNM (PBM/PGM/PPM)", for messages.
std::string supportedFormatsText();
// The file extensions of those formats (lower case, with the dot): what
// dataset folders are scanned for and file dialogs offer.
const std::vector<std::string>& imageExtensions();
bool hasImageExtension(const std::filesystem::path& p);

// The bytes of an image file; throws cutmix::Error naming the file when it is
// missing, a folder or unreadable.
std::vector<unsigned char> readImageBytes(const std::filesystem::path& path);
// Whether the bytes are in a lossy encoding: JPEG, or WebP in its lossy (VP8)
// form.
bool isLossy(const std::vector<unsigned char>& bytes);

// The width and height a file's header claims, where the format's header is
// simple to read; {0, 0} when unknown.
std::pair<std::uint64_t, std::uint64_t> headerSize(const std::vector<unsigned char>& bytes);

// Decodes a supported format. JPEGs are decoded with their EXIF orientation
// applied; other formats keep their alpha channel and 16-bit depth. Throws
// cutmix::Error naming the file on any failure.
cv::Mat loadImage(const std::filesystem::path& path);
// The same for bytes already in memory; `name` is used in messages.
cv::Mat decodeImage(const std::vector<unsigned char>& bytes, const std::string& name);

// The one path from a file (or its bytes) to an image that can be mixed:
// decodeImage + checkImageType. Every front end loads through these.
cv::Mat loadForMixing(const std::filesystem::path& path);
cv::Mat decodeForMixing(const std::vector<unsigned char>& bytes, const std::string& name);
// The first bytes of a file, enough to sniff its format: whether it is worth
// decoding at all (a quick check before a long run). Throws cutmix::Error
// naming the file when it is missing, a folder, unreadable, empty, or not a
// supported format.
void checkLooksReadable(const std::filesystem::path& path);

// Encoder parameters for cv::imwrite from the extension and a 1..100 quality
// (JPEG and WebP quality; PNG ignores it).
std::vector<int> encoderParams(const std::filesystem::path& path, int quality);

// Encodes to a temporary name in the same folder, then renames it over path.
// Throws cutmix::Error naming the file; the temporary is removed on failure.
void saveImageAtomic(const std::filesystem::path& path, const cv::Mat& image, int quality = 95);
} // namespace cutmix
