// The images of one batch and what comes out of mixing them, shared by
// `cutmix batch` and the window's batch view: reading the batch (files or
// the first N of a dataset in a seeded order), mixing it, the targets CSV,
// and the dump folder that `cutmix audit` reads.
#pragma once

#include "batch.h"
#include "dataset.h"

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace cutmix
{

struct BatchInput {
    std::vector<std::filesystem::path> paths;
    std::vector<std::string> names;      // as shown: file names, or names in the dataset
    std::vector<cv::Mat> images;         // as decoded
    std::vector<std::string> classNames; // K
    std::vector<int> classes;            // each image's class index
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

struct MixedBatch {
    BatchDraw draw;
    std::vector<cv::Mat> before; // brought to one size and type: the batch before mixing
    std::vector<cv::Mat> after;
    std::vector<double> targets; // N x K
};
// The size a batch is brought to: `size` when given (width > 0), else the
// first image's.
Size batchSize(const BatchInput& in, Size size);
MixedBatch mixBatchInput(const BatchInput& in, const BatchSettings& s, Size size);
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
// column per class), classes.txt. The folder must be new or empty; every file
// is written through a temporary name.
void dumpBatch(const std::filesystem::path& dir, const BatchInput& in, const MixedBatch& m);

} // namespace cutmix
