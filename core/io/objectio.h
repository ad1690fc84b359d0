// Reading and writing objects: YOLO text (one file per image, a line "class
// cx cy w h" normalised to the image, or "class x1 y1 x2 y2 ..." for a
// polygon), COCO JSON (images, categories, annotations with bbox [x, y, w,
// h] and polygon segmentation) and Pascal VOC XML (pugixml); label masks as
// PNG. Every reader refuses what it cannot use (NaN, negative sizes, classes
// out of range, boxes outside the image, unknown image ids) with a
// cutmix::Error naming the file and the line or id, and never returns a
// half-read list.
#pragma once

#include "objects.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cv
{
class Mat;
}

namespace cutmix
{

enum class BoxFormat { Yolo, Coco, Voc };
std::string_view boxFormatName(BoxFormat f);
// Throws cutmix::Error (Setting::BoxFormat) listing the names.
BoxFormat parseBoxFormat(std::string_view name);

// The objects of one image as a file holds them. `segments` is set when
// any object came with a polygon (Ultralytics' CutMix then keeps a pasted
// box from 1 % inside the cut).
struct ReadObjects {
    ImageObjects image;
    std::vector<std::string> classes; // names, where the format has them (COCO, VOC)
    bool segments = false;
};

// YOLO: `image` is the size of the image the file describes; numClasses > 0
// refuses classes from numClasses on.
ReadObjects parseYolo(std::string_view text, Size image, int numClasses, const std::string& name);
ReadObjects readYolo(const std::filesystem::path& path, Size image, int numClasses = 0);
std::string yoloText(const std::vector<Object>& objects, Size image);

// COCO: a whole annotations file.
struct CocoImage {
    long long id = 0;
    std::string fileName;
    Size size;
};
struct CocoFile {
    std::vector<CocoImage> images;
    std::vector<std::pair<long long, std::string>> categories; // id, name; a class index is the position here
    // Per image (same order as images): its objects.
    std::vector<std::vector<Object>> objects;
    bool segments = false;
};
CocoFile parseCoco(std::string_view text, const std::string& name);
CocoFile readCoco(const std::filesystem::path& path);
// The objects of the image whose file name (or its last component) is
// `fileName`; throws naming the file when none is listed.
ReadObjects cocoObjectsOf(const CocoFile& coco, const std::filesystem::path& fileName, const std::string& name);
// A COCO file of images and their objects; classes name the categories
// (ids 1, 2, ...; unnamed ones are "class k").
std::string cocoText(const std::vector<CocoImage>& images, const std::vector<std::vector<Object>>& objects,
                     const std::vector<std::string>& classes);

// Pascal VOC: class names map to indices through `classes`; a name not yet
// there is added (in order of appearance) unless `fixedClasses`.
ReadObjects parseVoc(std::string_view text, std::vector<std::string>& classes, bool fixedClasses,
                     const std::string& name);
ReadObjects readVoc(const std::filesystem::path& path, std::vector<std::string>& classes, bool fixedClasses = false);
std::string vocText(const std::vector<Object>& objects, Size image, const std::vector<std::string>& classes,
                    const std::string& fileName);

// Any of the three for one image: COCO picks the image by `imageFile`'s
// name. The objects are checked against the image (checkObjects).
ReadObjects readObjects(const std::filesystem::path& path, BoxFormat format, Size image,
                        const std::filesystem::path& imageFile, std::vector<std::string>& classes, int numClasses = 0);
// The same for the text of such a file, read elsewhere (a Qt resource);
// `name` is how messages name it.
ReadObjects parseObjects(std::string_view text, BoxFormat format, Size image, const std::filesystem::path& imageFile,
                         std::vector<std::string>& classes, int numClasses, const std::string& name);
// The format of an annotation file by its extension: .txt YOLO, .json
// COCO, .xml Pascal VOC; throws cutmix::Error naming the file otherwise.
BoxFormat boxFormatOfFile(const std::filesystem::path& path);
// The text of one image's objects in a format (COCO: a file of that one image).
std::string objectsText(const std::vector<Object>& objects, BoxFormat format, Size image,
                        const std::vector<std::string>& classes, const std::string& imageFile);

// The text of an annotation file (at most 1 GiB), or cutmix::Error naming it.
std::string readAnnotationText(const std::filesystem::path& path);

// Ultralytics' data.yaml: only its `names:` key is read, as a flow list
// (`names: [cat, 'hot dog']`), a block list (`- cat` lines) or a map of
// indices (`0: cat` lines, or `{0: cat, 1: dog}`), each name plain, 'single'
// or "double" quoted. nullopt when the file has no `names:` key; anything
// else under it is refused with cutmix::Error naming `name` and the line.
// Not a YAML reader: the rest of the file is not looked at.
std::optional<std::vector<std::string>> parseYamlNames(std::string_view text, const std::string& name);
// A data.yaml that Ultralytics trains on: train and val are `images`
// (relative to the file's folder, which Ultralytics takes as the dataset's
// root when no `path:` is given), nc and names (double quoted).
std::string dataYamlText(const std::vector<std::string>& names);

// A label mask: a PNG of one channel, 8- or 16-bit (a class or an instance
// id per pixel); throws naming the file otherwise.
cv::Mat readLabelMask(const std::filesystem::path& path);
// The same from the file's bytes (`name` already quoted, as errors show it);
// with `imageSize`, a mask of another size than its image is refused too.
cv::Mat decodeLabelMask(const std::vector<unsigned char>& bytes, const std::string& name,
                        std::optional<Size> imageSize = std::nullopt);

} // namespace cutmix
