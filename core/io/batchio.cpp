#include "batchio.h"

#include "csv.h"
#include "error.h"
#include "format.h"
#include "imageio.h"
#include "labels.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace cutmix
{

namespace fs = std::filesystem;

namespace
{

std::string elementName(int i, int n)
{
    int width = 3;
    for (int m = n - 1; m >= 1000; m /= 10)
        ++width;
    std::string digits = std::to_string(i);
    return std::string(std::size_t(std::max(0, width - int(digits.size()))), '0') + digits;
}

} // namespace

BatchInput batchFromImages(std::vector<fs::path> paths, std::vector<std::string> names, std::vector<cv::Mat> images,
                           const std::vector<std::string>& labels, int numClasses)
{
    if (images.empty())
        throw Error("a batch needs at least one image", Setting::BatchSize);
    if (paths.size() != images.size() || names.size() != images.size())
        throw Error("a batch needs a path and a name for every image");
    if (!labels.empty() && labels.size() != paths.size())
        throw Error("give one label per image (" + std::to_string(paths.size()) + " images, " +
                        std::to_string(labels.size()) + " labels)",
                    Setting::NumClasses);
    std::set<fs::path> folders;
    for (const fs::path& p : paths)
        folders.insert(p.parent_path());
    std::vector<std::string> named = labels;
    if (named.empty())
        for (const fs::path& p : paths)
            named.push_back(folders.size() > 1 && !p.parent_path().filename().empty()
                                ? p.parent_path().filename().string()
                                : p.stem().string());
    const NamedSources sources = nameSources(named, numClasses, 0.0);
    BatchInput in;
    in.paths = std::move(paths);
    in.names = std::move(names);
    in.images = std::move(images);
    in.classNames = sources.classes;
    in.classes = sources.indices;
    return in;
}

BatchInput batchFromFiles(const std::vector<fs::path>& paths, const std::vector<std::string>& labels, int numClasses)
{
    std::vector<std::string> names;
    std::vector<cv::Mat> images;
    for (const fs::path& p : paths) {
        names.push_back(p.filename().string());
        images.push_back(loadForMixing(p));
    }
    return batchFromImages(paths, std::move(names), std::move(images), labels, numClasses);
}

Dataset loadBatchSource(const fs::path& input)
{
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
        // A plain folder of images: no class folders in it.
        std::vector<fs::path> images;
        bool classFolders = false;
        for (const auto& entry : fs::directory_iterator(input, ec)) {
            if (entry.is_directory())
                classFolders = true;
            else if (entry.is_regular_file() && hasImageExtension(entry.path()))
                images.push_back(entry.path());
        }
        if (!classFolders && !images.empty()) {
            std::sort(images.begin(), images.end());
            Dataset d;
            d.root = fs::absolute(input);
            std::vector<std::string> stems;
            for (const fs::path& p : images)
                stems.push_back(p.stem().string());
            d.classes = stems;
            std::sort(d.classes.begin(), d.classes.end());
            d.classes.erase(std::unique(d.classes.begin(), d.classes.end()), d.classes.end());
            for (const fs::path& p : images) {
                const auto at = std::lower_bound(d.classes.begin(), d.classes.end(), p.stem().string());
                d.entries.push_back({fs::absolute(p), p.filename().string(), int(at - d.classes.begin())});
            }
            return d;
        }
    }
    return loadDataset(input);
}

std::vector<std::size_t> datasetBatchEntries(std::size_t datasetSize, std::uint64_t seed, std::uint64_t batch,
                                             int batchSize)
{
    if (datasetSize == 0)
        throw Error("the dataset is empty");
    if (batchSize < 1)
        throw Error("a batch has at least one image", Setting::BatchSize);
    std::vector<std::size_t> entries;
    std::uint64_t epoch = ~std::uint64_t(0);
    std::vector<std::size_t> order;
    for (int k = 0; k < batchSize; ++k) {
        const std::uint64_t position = batch * std::uint64_t(batchSize) + std::uint64_t(k);
        if (position / datasetSize != epoch) {
            epoch = position / datasetSize;
            order = epochPermutation(seed, epoch, datasetSize);
        }
        entries.push_back(order[std::size_t(position % datasetSize)]);
    }
    return entries;
}

BatchInput batchFromDataset(const Dataset& dataset, std::uint64_t seed, std::uint64_t batch, int batchSize)
{
    BatchInput in;
    in.classNames = dataset.classes;
    for (std::size_t e : datasetBatchEntries(dataset.entries.size(), seed, batch, batchSize)) {
        const DatasetEntry& entry = dataset.entries[e];
        in.paths.push_back(entry.path);
        in.names.push_back(entry.name);
        in.images.push_back(loadForMixing(entry.path));
        in.classes.push_back(entry.label);
    }
    return in;
}

Size batchSize(const BatchInput& in, Size size)
{
    if (size.width > 0 && size.height > 0)
        return size;
    if (in.images.empty())
        throw Error("a batch needs at least one image", Setting::BatchSize);
    return Size{in.images.front().cols, in.images.front().rows};
}

void checkBatchPixels(int n, Size size)
{
    const std::uint64_t pixels = std::uint64_t(std::max(n, 0)) * std::uint64_t(std::max(size.width, 0)) *
                                 std::uint64_t(std::max(size.height, 0));
    if (pixels > maxImagePixels())
        throw Error("a batch of " + std::to_string(n) + " images of " + std::to_string(size.width) + "x" +
                        std::to_string(size.height) + " is " + std::to_string(pixels / 1'000'000) +
                        " megapixels, more than the " + std::to_string(maxImagePixels() / 1'000'000) +
                        " the tool allows (set CUTMIX_MAX_PIXELS to allow more)",
                    Setting::Size);
}

MixedBatch mixBatchInput(const BatchInput& in, const BatchSettings& s, Size size)
{
    MixedBatch m;
    const Size target = batchSize(in, size);
    checkBatchPixels(int(in.images.size()), target);
    m.draw = drawBatch(s, int(in.images.size()), target);
    m.before = prepareBatch(in.images, target);
    mixBatchInto(m.before, m.draw, m.after);
    m.targets = batchTargets(m.draw, in.classes, int(in.classNames.size()));
    return m;
}

std::string batchTargetsCsv(const BatchInput& in, const MixedBatch& m)
{
    const std::size_t k = in.classNames.size();
    std::ostringstream out;
    out << "index,class,partner,method,lam";
    for (const std::string& c : in.classNames)
        out << ',' << csvField(c);
    out << '\n';
    for (int i = 0; i < m.draw.n; ++i) {
        const BatchElement& e = m.draw.elements[std::size_t(i)];
        out << i << ',' << csvField(in.classNames[std::size_t(in.classes[std::size_t(i)])]) << ',';
        if (e.mixed)
            out << e.labelPartner;
        out << ',' << (e.mixed ? e.draw.method().family : std::string_view("none")) << ',' << formatExact(e.lam);
        for (std::size_t c = 0; c < k; ++c)
            out << ',' << formatExact(m.targets[std::size_t(i) * k + c]);
        out << '\n';
    }
    return out.str();
}

void dumpBatch(const fs::path& dir, const BatchInput& in, const MixedBatch& m)
{
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw Error(quotePath(dir) + " is a file, not a folder", Setting::Output);
    if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec))
        throw Error(quotePath(dir) + " is not empty: dump a batch into a new or empty folder", Setting::Output);
    for (const char* sub : {"before", "after"}) {
        fs::create_directories(dir / sub, ec);
        if (ec)
            throw Error(quotePath(dir / sub) + ": cannot be created (" + ec.message() + ")", Setting::Output);
    }
    const int n = m.draw.n;
    const std::size_t k = in.classNames.size();
    std::ostringstream labels, targets, classes;
    labels << "index,label\n";
    targets << "index";
    for (const std::string& c : in.classNames) {
        targets << ',' << csvField(c);
        classes << c << '\n';
    }
    targets << '\n';
    for (int i = 0; i < n; ++i) {
        const std::string name = elementName(i, n) + ".png";
        saveImageAtomic(dir / "before" / name, m.before[std::size_t(i)]);
        saveImageAtomic(dir / "after" / name, m.after[std::size_t(i)]);
        labels << i << ',' << in.classes[std::size_t(i)] << '\n';
        targets << i;
        for (std::size_t c = 0; c < k; ++c)
            targets << ',' << formatExact(m.targets[std::size_t(i) * k + c]);
        targets << '\n';
    }
    writeFileAtomic(dir / "labels.csv", labels.str());
    writeFileAtomic(dir / "targets.csv", targets.str());
    writeFileAtomic(dir / "classes.txt", classes.str());
    // dump.json as python/cutmix_dump.py writes it (docs/audit-dump.md, format 2).
    const nlohmann::ordered_json info{
        {"cutmix_dump", 2},         {"dtype", n > 0 && m.before.front().depth() == CV_16U ? "uint16" : "uint8"},
        {"mean", nullptr},          {"std", nullptr},
        {"torch_version", nullptr}, {"layout", "NHWC"}};
    writeFileAtomic(dir / "dump.json", info.dump(2) + "\n");
}

} // namespace cutmix
