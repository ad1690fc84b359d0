// The images of one batch and what comes out of mixing them, shared by
// `cutmix batch` and the window's batch view: reading the batch (files or
// the first N of a dataset in a seeded order), mixing it, the targets CSV,
// and the dump folder that `cutmix audit` reads.
#pragma once

#include "batch.h"
#include "dataset.h"
#include "keeprules.h"
#include "objectio.h"

#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cutmix
{
namespace exporting
{
struct DetectionInput;
}

struct BatchInput {
    std::vector<std::filesystem::path> paths;
    std::vector<std::string> names;      // as shown: file names, or names in the dataset
    std::vector<cv::Mat> images;         // as decoded
    std::vector<std::string> classNames; // K
    std::vector<int> classes;            // each image's class index
    // A detection batch: each image's objects in its decoded pixels (a list
    // per image, empty for one without), where they were read (how messages
    // name them), and whether they came with polygons (Ultralytics' 1 %
    // rule). Empty: the batch carries no objects.
    std::vector<ImageObjects> objects;
    std::vector<std::string> objectFiles;
    std::vector<bool> segments;
    bool hasObjects() const { return !objects.empty(); }
};

// Images named by the user: labels[i] for image i, or when labels is empty,
// each image's folder name when the images sit in more than one folder (class
// folders), else its file name without the extension. Classes are the
// labels' sorted unique names, at least numClasses of them (as cutmix mix
// names them). Throws cutmix::Error naming an unreadable file.
BatchInput batchFromFiles(const std::vector<std::filesystem::path>& paths, const std::vector<std::string>& labels,
                          int numClasses);
// The same for images already decoded (paths[i] and names[i] name image i).
BatchInput batchFromImages(std::vector<std::filesystem::path> paths, std::vector<std::string> names,
                           std::vector<cv::Mat> images, const std::vector<std::string>& labels, int numClasses);
// The images a batch view draws from: a dataset (class folders or a list,
// as loadDataset reads them), or a plain folder of images, each named as
// cutmix mix names an image in one folder (its file name without the
// extension). Throws cutmix::Error naming the folder.
Dataset loadBatchSource(const std::filesystem::path& input);
// Batch `batch` of `batchSize` images of a dataset in a seeded order: the
// dataset is shuffled once per epoch from the seed (as a DataLoader with
// shuffle=True), and the batches follow each other across epochs.
BatchInput batchFromDataset(const Dataset& dataset, std::uint64_t seed, std::uint64_t batch, int batchSize);
// The dataset entries of that batch (no decoding).
std::vector<std::size_t> datasetBatchEntries(std::size_t datasetSize, std::uint64_t seed, std::uint64_t batch,
                                             int batchSize);

// Reads image i's objects from files[i] in `format` (a COCO file finds the
// image by its file name), one file per image in batch order; numClasses >
// 0 refuses classes from it on. Throws cutmix::Error naming the file and the
// line (YOLO), the id (COCO) or the object (VOC).
void readBatchObjects(BatchInput& in, const std::vector<std::filesystem::path>& files, BoxFormat format,
                      int numClasses = 0);
// A detection dataset in the YOLO layout (DIR/images/ and DIR/labels/), as
// `cutmix export --task detect` reads it: images/ and labels/ are folders.
bool isDetectionLayout(const std::filesystem::path& dir);
// Batch `batch` of a detection dataset (the seeded order of batchFromDataset
// over its images), each image with its objects, read by the detection
// export's reader (loadDetectionInput): the YOLO layout, or with
// `annotations` a COCO file (its file_names under DIR, beside the file or
// under DIR/images/). The classes are the objects' (data.yaml, classes.txt,
// the COCO categories or "class k") and every image's class is 0, as the
// detection export has it. Throws cutmix::Error naming a bad label file and
// its line (the COCO file and the id) before any image is read.
BatchInput batchFromDetection(const std::filesystem::path& dir, const std::filesystem::path& annotations,
                              std::uint64_t seed, std::uint64_t batch, int batchSize);
// The same dataset read once (every label file read and checked, as
// batchFromDetection does), to take batch after batch from: the window's
// batch view keeps one.
struct DetectionSource {
    std::shared_ptr<const exporting::DetectionInput> input;
    std::filesystem::path annotations; // the COCO file; empty for the YOLO layout
    const Dataset& dataset() const;    // its images (each of class 0) and the objects' classes
};
DetectionSource loadDetectionSource(const std::filesystem::path& dir, const std::filesystem::path& annotations);
BatchInput batchFromDetection(const DetectionSource& source, std::uint64_t seed, std::uint64_t batch, int batchSize);
// How the batch view opens a folder as a detection dataset: the YOLO layout
// (isDetectionLayout: no annotations), else DIR/annotations.json (the COCO
// file `cutmix export --task detect --box-format coco` writes); nullopt for
// a folder that is neither (class folders, a folder of images).
std::optional<std::filesystem::path> detectionAnnotationsOf(const std::filesystem::path& dir);

// How a detection batch's boxes are judged after the mix: a box rule and
// its thresholds (keeprules.h), as `cutmix mix --box-rule` takes them. The
// recipes' libraries carry no boxes (timm's and torchvision's batch mixing
// refuse them, the official code has none): the rule is the tool's choice.
struct BatchBoxRule {
    const KeepRule* rule = &defaultKeepRule();
    KeepValues keep = defaultKeepRule().defaults;
};

struct MixedBatch {
    BatchDraw draw;
    std::vector<cv::Mat> before; // brought to one size and type: the batch before mixing
    std::vector<cv::Mat> after;
    std::vector<double> targets; // N x K
    // With objects (BatchInput::objects): each element's objects in its
    // `before` pixels, and what its mix did to them, as `cutmix mix --boxes`
    // computes it (carryAndJudge of its draw; source 0 its own, 1 its
    // partner's); an element not mixed keeps its objects as they are.
    std::vector<std::vector<Object>> objectsBefore;
    std::vector<std::vector<CarriedObject>> objectsAfter;
    const KeepRule* boxRule = nullptr;
    bool hasObjects() const { return !objectsBefore.empty(); }
};
// The size a batch is brought to: `size` when given (width > 0), else the
// first image's.
Size batchSize(const BatchInput& in, Size size);
MixedBatch mixBatchInput(const BatchInput& in, const BatchSettings& s, Size size, const BatchBoxRule& boxes = {});
// Sets m.objectsBefore/After (and boxRule) for a mixed batch whose input
// has objects (mixBatchInput calls it; the window's batch view too, as it
// mixes into its own buffers). Throws cutmix::Error as carryAndJudge does.
void carryBatchObjects(const BatchInput& in, const BatchBoxRule& rule, MixedBatch& m);
// Throws cutmix::Error (Setting::Size) when n images of this size hold more
// pixels than the image readers allow one image (imageio.h): a batch is
// held twice (before and after), so this bounds its memory before anything
// is read or allocated.
void checkBatchPixels(int n, Size size);

// "index,class,partner,method,lam," then one column per class name; one row
// per element; partner is the element whose label is mixed in (empty when
// not mixed), method none, cutmix or mixup, lam the weight of the element's
// own image; numbers with 17 significant digits.
std::string batchTargetsCsv(const BatchInput& in, const MixedBatch& m);

// The audit folder: before/NNN.png, after/NNN.png (lossless, the names in
// element order), labels.csv (index,label), targets.csv (index, then a
// column per class), classes.txt; with objects, boxes_before/NNN.txt and
// boxes_after/NNN.txt (YOLO, normalised to the batch's size: each element's
// objects before the mix and the boxes its rule kept), which `cutmix audit`
// reads. The folder must be new or empty; every file is written through a
// temporary name. An object class outside the K classes is refused before
// anything is written (the audit reads classes as columns of targets.csv).
void dumpBatch(const std::filesystem::path& dir, const BatchInput& in, const MixedBatch& m);

} // namespace cutmix
