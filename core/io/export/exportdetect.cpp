// A detection export's input (a YOLO layout or a COCO file) and the files
// its merge writes (data.yaml or annotations.json).
#include "error.h"
#include "exportshared.h"
#include "imageio.h"
#include "mixer.h"
#include "objectio.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

namespace cutmix::exporting
{

namespace
{

// DATA/images/a/b.jpg -> DATA/labels/a/b.txt, as Ultralytics' img2label_paths.
fs::path labelPathOf(const fs::path& root, const fs::path& relativeToImages)
{
    fs::path p = root / "labels" / relativeToImages;
    p.replace_extension(".txt");
    return p;
}

std::vector<std::string> classesFile(const fs::path& p)
{
    std::vector<std::string> names;
    const std::string text = readAnnotationText(p);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = std::min(text.find('\n', pos), text.size());
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty())
            names.push_back(line);
    }
    return names;
}

DetectionInput loadYolo(const ExportConfig& c)
{
    const fs::path root = fs::absolute(c.input);
    const fs::path images = root / "images";
    std::error_code ec;
    if (!fs::is_directory(images, ec))
        throw Error(quotePath(c.input) +
                    ": has no images/ folder (a detection dataset is images/ + labels/, or give --annotations)");
    DetectionInput in;
    in.dataset.root = root;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(images, fs::directory_options::skip_permission_denied, ec))
        if (e.is_regular_file(ec) && hasImageExtension(e.path()))
            files.push_back(e.path());
    if (ec)
        throw Error(quotePath(images) + ": cannot be listed (" + ec.message() + ")");
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw Error(quotePath(images) + ": no images found");
    std::optional<std::vector<std::string>> names;
    if (fs::exists(root / "data.yaml", ec)) {
        names = parseYamlNames(readAnnotationText(root / "data.yaml"), quotePath(root / "data.yaml"));
        if (!names)
            throw Error(quotePath(root / "data.yaml") + ": has no names: (the class names)");
    } else if (fs::exists(root / "classes.txt", ec)) {
        names = classesFile(root / "classes.txt");
    }
    const int numClasses = names ? int(names->size()) : 0;
    int largest = -1;
    for (const fs::path& f : files) {
        const fs::path label = labelPathOf(root, fs::relative(f, images));
        std::string text;
        // An image without a label file has no objects (as Ultralytics reads it).
        if (fs::exists(label, ec))
            text = readAnnotationText(label);
        const std::string name = quotePath(label);
        // Checked now, in the image's own proportions (YOLO is normalised):
        // a bad file stops the run before anything is written.
        const ReadObjects r = parseYolo(text, {1, 1}, numClasses, name);
        for (const Object& o : r.image.objects)
            largest = std::max(largest, o.classIndex);
        in.dataset.entries.push_back({f, fs::relative(f, root).generic_string(), 0});
        in.yoloText.push_back(std::move(text));
        in.yoloName.push_back(name);
        in.segments.push_back(r.segments);
    }
    if (names) {
        in.dataset.classes = *names;
    } else {
        for (int k = 0; k <= largest; ++k)
            in.dataset.classes.push_back("class " + std::to_string(k));
    }
    return in;
}

DetectionInput loadCoco(const ExportConfig& c)
{
    const fs::path root = fs::absolute(c.input);
    const fs::path json = fs::absolute(c.annotations);
    const CocoFile coco = readCoco(json);
    DetectionInput in;
    in.coco = true;
    in.dataset.root = root;
    for (const auto& [id, name] : coco.categories)
        in.dataset.classes.push_back(name);
    std::error_code ec;
    for (std::size_t i = 0; i < coco.images.size(); ++i) {
        const fs::path name = coco.images[i].fileName;
        // Relative to the dataset, the file's folder, or the dataset's images/.
        fs::path path = root / name;
        for (const fs::path& candidate : {root / name, json.parent_path() / name, root / "images" / name})
            if (fs::exists(candidate, ec)) {
                path = candidate;
                break;
            }
        in.dataset.entries.push_back({path.lexically_normal(), coco.images[i].fileName, 0});
        in.cocoObjects.push_back(coco.objects[i]);
        in.cocoSize.push_back(coco.images[i].size);
        in.segments.push_back(coco.segments);
    }
    if (in.dataset.entries.empty())
        throw Error(quotePath(c.annotations) + ": lists no images");
    return in;
}

} // namespace

fs::path maskPathOf(const fs::path& root, const fs::path& image, const std::string& name)
{
    const fs::path images = (root / "images").lexically_normal();
    const fs::path relative = image.lexically_normal().lexically_relative(images);
    fs::path p = root / "masks" / (!relative.empty() && *relative.begin() != ".." ? relative : fs::path(name));
    p.replace_extension(".png");
    return p.lexically_normal();
}

DetectionInput loadDetectionInput(const ExportConfig& c)
{
    DetectionInput in;
    try {
        in = c.annotations.empty() ? loadYolo(c) : loadCoco(c);
        if (c.task == ExportTask::Segment) {
            // A missing mask is refused (not taken as all background): a
            // segmentation dataset with holes is a mistake worth naming
            // before anything is written.
            std::error_code ec;
            for (const DatasetEntry& e : in.dataset.entries) {
                const fs::path m = maskPathOf(in.dataset.root, e.path, e.name);
                if (!fs::is_regular_file(m, ec))
                    throw Error(quotePath(m) + ": no such mask (task segment needs masks/<name>.png for every image, " +
                                "here for " + quotePath(e.path) + ")");
                in.masks.push_back(m);
            }
        }
    } catch (const Error& e) {
        // About a file of the dataset, not an option of the command; YOLO is
        // checked in normalised coordinates (the image as 1x1).
        std::string m = e.what();
        const std::string unit = "the 1x1 image";
        if (const std::size_t at = m.find(unit); at != std::string::npos)
            m.replace(at, unit.size(), "image (YOLO coordinates run from 0 to 1)");
        throw Error(m);
    }
    if (in.dataset.classes.empty())
        in.dataset.classes.push_back("class 0"); // no object anywhere: one class, so that the labels have a column
    return in;
}

ImageObjects objectsOf(const DetectionInput& in, std::size_t e, Size size)
{
    if (!in.coco)
        return parseYolo(in.yoloText.at(e), size, int(in.dataset.classes.size()), in.yoloName.at(e)).image;
    ImageObjects o{size, in.cocoObjects.at(e)};
    const Size from = in.cocoSize.at(e);
    if (from != size) {
        // The file's coordinates are in the size it gives the image; the
        // sampler holds the image at `size` (a resize stretches it).
        const double sx = double(size.width) / from.width, sy = double(size.height) / from.height;
        for (Object& obj : o.objects)
            obj.box = {obj.box.x1 * sx, obj.box.y1 * sy, obj.box.x2 * sx, obj.box.y2 * sy};
    }
    return o;
}

cv::Mat maskOf(const DetectionInput& in, std::size_t e, Size fileSize, Size size,
               std::optional<std::size_t> instanceObjects)
{
    const fs::path& p = in.masks.at(e);
    cv::Mat m;
    try {
        m = decodeLabelMask(readImageBytes(p), quotePath(p), fileSize);
        // Before the resize, which may drop the pixels of a bad id.
        if (instanceObjects)
            checkInstanceIds(m, *instanceObjects, quotePath(p));
    } catch (const Error& error) {
        // About a file of the dataset, not an option of the command (as a
        // bad label file is): no setting, so not taken for `--masks`.
        throw Error(error.what());
    }
    if (fileSize != size) {
        // As the sampler resizes the image to --size; the nearest label, as
        // core's prepareLabels brings a mask to a draw's size.
        cv::Mat r;
        cv::resize(m, r, cv::Size(size.width, size.height), 0, 0, cv::INTER_NEAREST_EXACT);
        m = r;
    }
    return m;
}

void writeDetectionFiles(const fs::path& output, const ExportConfig& c, const std::vector<fs::path>& lines,
                         const std::vector<std::string>& classes)
{
    if (!carriesObjects(c.task))
        return;
    if (c.boxFormat == BoxFormat::Yolo) {
        writeFileAtomic(output / "data.yaml", dataYamlText(classes));
        return;
    }
    std::vector<CocoImage> images;
    std::vector<std::vector<Object>> objects;
    for (const fs::path& p : lines) {
        std::ifstream in(p, std::ios::binary);
        if (!in)
            throw Error(quotePath(p) + ": cannot be read");
        std::string line;
        while (std::getline(in, line)) {
            const json r = json::parse(line);
            const std::uint64_t index = r.at("index").get<std::uint64_t>();
            images.push_back({static_cast<long long>(index) + 1,
                              r.at("file").get<std::string>(),
                              {r.at("size").at("width").get<int>(), r.at("size").at("height").get<int>()}});
            std::vector<Object> kept;
            for (const json& o : r.at("objects"))
                if (o.at("kept").get<bool>()) {
                    const json& b = o.at("box");
                    kept.push_back({{b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), b[3].get<double>()},
                                    o.at("class").get<int>()});
                }
            objects.push_back(std::move(kept));
        }
    }
    writeFileAtomic(output / kCocoFile, cocoText(images, objects, classes));
}

} // namespace cutmix::exporting
