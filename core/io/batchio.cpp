#include "batchio.h"

#include "csv.h"
#include "error.h"
#include "exportshared.h" // the detection export's reader of a YOLO layout, shared
#include "format.h"
#include "imageio.h"
#include "labels.h"
#include "mixer.h"

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
    // --classes K: the classes no image names get a name too (the targets'
    // columns, the classes a detection batch's objects may have).
    for (int c = int(in.classNames.size()); c < sources.numClasses; ++c)
        in.classNames.push_back("class " + std::to_string(c));
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

void readBatchObjects(BatchInput& in, const std::vector<fs::path>& files, BoxFormat format, int numClasses)
{
    if (files.size() != in.images.size())
        throw Error("give one box file per image, in the batch's order (" + std::to_string(in.images.size()) +
                        " images, " + std::to_string(files.size()) + " box files)",
                    Setting::Boxes);
    std::vector<std::string> classes;
    std::vector<ImageObjects> objects;
    std::vector<std::string> names;
    std::vector<bool> segments;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const ReadObjects r = readObjects(files[i], format, sizeOf(in.images[i]), in.paths[i], classes, numClasses);
        objects.push_back(r.image);
        names.push_back(quotePath(files[i]));
        segments.push_back(r.segments);
    }
    in.objects = std::move(objects);
    in.objectFiles = std::move(names);
    in.segments = std::move(segments);
}

bool isDetectionLayout(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_directory(dir / "images", ec) && fs::is_directory(dir / "labels", ec);
}

std::optional<fs::path> detectionAnnotationsOf(const fs::path& dir)
{
    if (isDetectionLayout(dir))
        return fs::path();
    std::error_code ec;
    if (fs::is_regular_file(dir / exporting::kCocoFile, ec))
        return dir / exporting::kCocoFile;
    return std::nullopt;
}

const Dataset& DetectionSource::dataset() const
{
    if (!input)
        throw Error("no detection dataset was read");
    return input->dataset;
}

DetectionSource loadDetectionSource(const fs::path& dir, const fs::path& annotations)
{
    ExportConfig c;
    c.input = dir;
    c.annotations = annotations;
    // Every label file is read and checked here, before any image.
    return {std::make_shared<const exporting::DetectionInput>(exporting::loadDetectionInput(c)), annotations};
}

BatchInput batchFromDetection(const fs::path& dir, const fs::path& annotations, std::uint64_t seed, std::uint64_t batch,
                              int batchSize)
{
    return batchFromDetection(loadDetectionSource(dir, annotations), seed, batch, batchSize);
}

BatchInput batchFromDetection(const DetectionSource& source, std::uint64_t seed, std::uint64_t batch, int batchSize)
{
    BatchInput in = batchFromDataset(source.dataset(), seed, batch, batchSize); // throws without one
    const exporting::DetectionInput& det = *source.input;
    const fs::path& annotations = source.annotations;
    const std::vector<std::size_t> entries = datasetBatchEntries(det.dataset.entries.size(), seed, batch, batchSize);
    for (std::size_t k = 0; k < entries.size(); ++k) {
        in.objects.push_back(exporting::objectsOf(det, entries[k], sizeOf(in.images[k])));
        in.objectFiles.push_back(det.coco ? annotations.string() : det.yoloName[entries[k]]);
        in.segments.push_back(det.segments[entries[k]]);
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

// Each element's objects brought to the batch's size as prepareBatch brings
// its image (a plain resize), then through its mix.
void carryBatchObjects(const BatchInput& in, const BatchBoxRule& rule, MixedBatch& m)
{
    m.objectsBefore.clear();
    m.objectsAfter.clear();
    if (in.objects.size() != in.images.size() || in.segments.size() != in.images.size())
        throw Error("a detection batch needs the objects of every image (" + std::to_string(in.images.size()) +
                    " images, " + std::to_string(in.objects.size()) + " lists of objects)");
    const Size size = m.draw.size;
    for (const ImageObjects& o : in.objects) {
        if (o.size.width <= 0 || o.size.height <= 0)
            throw Error("the objects' image has no size");
        const double sx = double(size.width) / o.size.width, sy = double(size.height) / o.size.height;
        std::vector<Object> scaled = o.objects;
        for (Object& obj : scaled)
            obj.box = {obj.box.x1 * sx, obj.box.y1 * sy, obj.box.x2 * sx, obj.box.y2 * sy};
        m.objectsBefore.push_back(std::move(scaled));
    }
    m.boxRule = rule.rule ? rule.rule : &defaultKeepRule();
    for (int i = 0; i < m.draw.n; ++i) {
        const BatchElement& e = m.draw.elements[std::size_t(i)];
        const std::vector<Object>& own = m.objectsBefore[std::size_t(i)];
        if (!e.mixed) {
            // Nothing covers them: every object whole, as it was.
            SourceView whole;
            whole.visible = {Box{0, 0, size.width, size.height}};
            m.objectsAfter.push_back(carryThroughViews({whole}, {own}, cv::Mat()));
            continue;
        }
        Draw d = e.draw;
        const std::vector<ImageObjects> sources{{size, own}, {size, m.objectsBefore[std::size_t(e.partner)]}};
        const bool segments = in.segments[std::size_t(i)] || in.segments[std::size_t(e.partner)];
        m.objectsAfter.push_back(carryAndJudge(d, sources, segments, *m.boxRule, rule.keep));
    }
}

MixedBatch mixBatchInput(const BatchInput& in, const BatchSettings& s, Size size, const BatchBoxRule& boxes)
{
    MixedBatch m;
    const Size target = batchSize(in, size);
    checkBatchPixels(int(in.images.size()), target);
    m.draw = drawBatch(s, int(in.images.size()), target);
    m.before = prepareBatch(in.images, target);
    mixBatchInto(m.before, m.draw, m.after);
    m.targets = batchTargets(m.draw, in.classes, int(in.classNames.size()));
    if (in.hasObjects())
        carryBatchObjects(in, boxes, m);
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
    // The audit reads an object's class as a column of targets.csv.
    if (m.hasObjects())
        for (int i = 0; i < m.draw.n; ++i)
            for (const Object& o : m.objectsBefore[std::size_t(i)])
                if (o.classIndex < 0 || std::size_t(o.classIndex) >= in.classNames.size())
                    throw Error((std::size_t(i) < in.objectFiles.size() ? in.objectFiles[std::size_t(i)]
                                                                        : "element " + std::to_string(i)) +
                                    ": object class " + std::to_string(o.classIndex) + " is not one of the batch's " +
                                    std::to_string(in.classNames.size()) +
                                    " classes, which a dump's boxes index (targets.csv's columns); give --classes " +
                                    std::to_string(o.classIndex + 1) + " or more",
                                Setting::Boxes);
    std::vector<const char*> subs{"before", "after"};
    if (m.hasObjects())
        subs.insert(subs.end(), {"boxes_before", "boxes_after"});
    for (const char* sub : subs) {
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
        if (m.hasObjects()) {
            // The boxes a pipeline would write: the rule's kept ones.
            std::vector<Object> kept;
            for (const CarriedObject& o : m.objectsAfter[std::size_t(i)])
                if (o.kept)
                    kept.push_back({o.box, o.classIndex});
            const std::string text = elementName(i, n) + ".txt";
            writeFileAtomic(dir / "boxes_before" / text, yoloText(m.objectsBefore[std::size_t(i)], m.draw.size));
            writeFileAtomic(dir / "boxes_after" / text, yoloText(kept, m.draw.size));
        }
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
