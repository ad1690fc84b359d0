#include "objectio.h"

#include "error.h"
#include "files.h"
#include "imageio.h"
#include "jsonnumber.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_map>

namespace cutmix
{

using nlohmann::json;

namespace
{

constexpr std::string_view kFormatNames[] = {"yolo", "coco", "voc"}; // BoxFormat's order
// Annotation files are text of a modest size; a larger one is refused
// before it is read whole.
constexpr std::uintmax_t kMaxAnnotationBytes = std::uintmax_t(1) << 30;

std::string readText(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw Error(quotePath(path) + ": is a folder, not an annotation file", Setting::Boxes);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        throw Error(quotePath(path) + ": cannot be read (" + ec.message() + ")", Setting::Boxes);
    if (size > kMaxAnnotationBytes)
        throw Error(quotePath(path) + ": larger than 1 GiB; not an annotation file", Setting::Boxes);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(quotePath(path) + ": cannot be opened", Setting::Boxes);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string fixed(double v)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

// Whole numbers as whole, others with up to 6 decimals and no trailing zeros.
std::string shortest(double v)
{
    std::string s = fixed(v);
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s == "-0" ? "0" : s;
}

bool parseNumber(std::string_view t, double& v)
{
    // from_chars accepts "nan" and "inf": both are refused by the callers'
    // checks with their own words.
    const char* end = t.data() + t.size();
    const auto [ptr, ec] = std::from_chars(t.data(), end, v);
    return ec == std::errc() && ptr == end;
}

std::vector<std::string_view> fields(std::string_view line)
{
    std::vector<std::string_view> f;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            ++i;
        if (i > start)
            f.push_back(line.substr(start, i - start));
    }
    return f;
}

void checkRead(const ImageObjects& o, int numClasses, const std::string& name)
{
    checkObjects(o, numClasses, name);
}

} // namespace

std::string_view boxFormatName(BoxFormat f)
{
    return kFormatNames[static_cast<int>(f)];
}

BoxFormat parseBoxFormat(std::string_view name)
{
    for (std::size_t i = 0; i < std::size(kFormatNames); ++i)
        if (kFormatNames[i] == name)
            return static_cast<BoxFormat>(i);
    throw Error("unknown box format '" + std::string(name) + "' (expected yolo, coco or voc)", Setting::BoxFormat);
}

// ---- YOLO (the Ultralytics dataset format: one "class cx cy w h" line per
// object, normalised; a segment line lists the polygon's normalised points
// instead, and its box is the polygon's extent).

ReadObjects parseYolo(std::string_view text, Size image, int numClasses, const std::string& name)
{
    checkSize(image);
    ReadObjects r;
    r.image.size = image;
    std::size_t lineNo = 0, pos = 0;
    while (pos <= text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        const std::vector<std::string_view> f = fields(line);
        if (f.empty() || f[0].starts_with('#'))
            continue;
        const std::string at = name + ":" + std::to_string(lineNo);
        if (f.size() < 5 || (f.size() > 5 && f.size() % 2 == 0))
            throw Error(at + ": expected 'class cx cy w h' or 'class x1 y1 x2 y2 x3 y3 ...' (got " +
                            std::to_string(f.size()) + " fields)",
                        Setting::Boxes);
        double cls = 0.0;
        std::vector<double> v(f.size() - 1);
        if (!parseNumber(f[0], cls) || cls != std::floor(cls) || cls < 0 || cls > 1e9)
            throw Error(at + ": the class '" + std::string(f[0]) + "' is not a whole number >= 0", Setting::Boxes);
        for (std::size_t i = 1; i < f.size(); ++i)
            if (!parseNumber(f[i], v[i - 1]) || !std::isfinite(v[i - 1]))
                throw Error(at + ": '" + std::string(f[i]) + "' is not a finite number", Setting::Boxes);
        Object o;
        o.classIndex = static_cast<int>(cls);
        if (numClasses > 0 && o.classIndex >= numClasses)
            throw Error(at + ": class " + std::to_string(o.classIndex) + " is out of range (0 to " +
                            std::to_string(numClasses - 1) + ")",
                        Setting::Boxes);
        if (v.size() == 4) {
            if (v[2] <= 0 || v[3] <= 0)
                throw Error(at + ": the width and height must be > 0", Setting::Boxes);
            o.box = {(v[0] - v[2] / 2) * image.width, (v[1] - v[3] / 2) * image.height, (v[0] + v[2] / 2) * image.width,
                     (v[1] + v[3] / 2) * image.height};
        } else {
            double x1 = 1e300, y1 = 1e300, x2 = -1e300, y2 = -1e300;
            for (std::size_t i = 0; i + 1 < v.size(); i += 2) {
                x1 = std::min(x1, v[i]);
                x2 = std::max(x2, v[i]);
                y1 = std::min(y1, v[i + 1]);
                y2 = std::max(y2, v[i + 1]);
            }
            o.box = {x1 * image.width, y1 * image.height, x2 * image.width, y2 * image.height};
            r.segments = true;
        }
        r.image.objects.push_back(o);
        try {
            checkObjects({image, {o}}, numClasses, at);
        } catch (const Error& e) {
            // "file:3: object 1: ..." reads better as "file:3: ...".
            std::string m = e.what();
            const std::string inner = at + ": object 1";
            if (m.starts_with(inner))
                m = at + m.substr(inner.size());
            throw Error(m, Setting::Boxes);
        }
    }
    return r;
}

ReadObjects readYolo(const std::filesystem::path& path, Size image, int numClasses)
{
    return parseYolo(readText(path), image, numClasses, quotePath(path));
}

std::string yoloText(const std::vector<Object>& objects, Size image)
{
    std::string t;
    for (const Object& o : objects) {
        const BoxF& b = o.box;
        t += std::to_string(o.classIndex) + " " + fixed((b.x1 + b.x2) / 2 / image.width) + " " +
             fixed((b.y1 + b.y2) / 2 / image.height) + " " + fixed(b.width() / image.width) + " " +
             fixed(b.height() / image.height) + "\n";
    }
    return t;
}

// ---- COCO (cocodataset.org's format: images, categories, annotations).

namespace
{

// Through jsonnumber.h, as every reader of outside JSON: never a cast out
// of an integer's range.
long long idOf(const json& j, const char* key, const std::string& where)
{
    const std::optional<std::int64_t> v =
        j.contains(key) ? jsonInteger(j[key], INT64_MIN, INT64_MAX) : std::optional<std::int64_t>();
    if (!v)
        throw Error(where + ": '" + key + "' must be a whole number", Setting::Boxes);
    return *v;
}

double finite(const json& j, const std::string& where)
{
    if (!j.is_number())
        throw Error(where + ": a coordinate is not a number", Setting::Boxes);
    const double v = j.get<double>();
    if (!std::isfinite(v))
        throw Error(where + ": a coordinate is not a finite number", Setting::Boxes);
    return v;
}

} // namespace

CocoFile parseCoco(std::string_view text, const std::string& name)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw Error(name + ": not valid JSON (" + e.what() + ")", Setting::Boxes);
    }
    if (!j.is_object())
        throw Error(name + ": a COCO file is a JSON object", Setting::Boxes);
    for (const char* key : {"images", "annotations", "categories"})
        if (!j.contains(key) || !j[key].is_array())
            throw Error(name + ": '" + key + "' must be a list", Setting::Boxes);
    CocoFile c;
    // id -> position: a COCO file of the size of COCO itself (118k images,
    // 860k annotations) is read in linear time.
    std::unordered_map<long long, std::size_t> imageAt, categoryAt;
    for (const json& im : j["images"]) {
        if (!im.is_object())
            throw Error(name + ": an entry of 'images' is not an object", Setting::Boxes);
        CocoImage ci;
        ci.id = idOf(im, "id", name + ": an image");
        const std::string where = name + ": image id " + std::to_string(ci.id);
        if (!im.contains("file_name") || !im["file_name"].is_string())
            throw Error(where + ": 'file_name' must be text", Setting::Boxes);
        ci.fileName = im["file_name"].get<std::string>();
        const long long w = idOf(im, "width", where), h = idOf(im, "height", where);
        if (w < 1 || h < 1 || w > 1'000'000 || h > 1'000'000)
            throw Error(where + ": width and height must be between 1 and 1000000", Setting::Boxes);
        ci.size = {int(w), int(h)};
        if (!imageAt.emplace(ci.id, c.images.size()).second)
            throw Error(where + ": listed twice", Setting::Boxes);
        c.images.push_back(ci);
    }
    for (const json& cat : j["categories"]) {
        if (!cat.is_object())
            throw Error(name + ": an entry of 'categories' is not an object", Setting::Boxes);
        const long long id = idOf(cat, "id", name + ": a category");
        const std::string catName =
            cat.contains("name") && cat["name"].is_string() ? cat["name"].get<std::string>() : std::to_string(id);
        if (!categoryAt.emplace(id, c.categories.size()).second)
            throw Error(name + ": category id " + std::to_string(id) + " is listed twice", Setting::Boxes);
        c.categories.emplace_back(id, catName);
    }
    c.objects.resize(c.images.size());
    for (const json& a : j["annotations"]) {
        if (!a.is_object())
            throw Error(name + ": an entry of 'annotations' is not an object", Setting::Boxes);
        const long long aid = idOf(a, "id", name + ": an annotation");
        const std::string where = name + ": annotation id " + std::to_string(aid);
        const long long imageId = idOf(a, "image_id", where);
        const long long catId = idOf(a, "category_id", where);
        const auto im = imageAt.find(imageId);
        if (im == imageAt.end())
            throw Error(where + ": unknown image id " + std::to_string(imageId), Setting::Boxes);
        const auto cat = categoryAt.find(catId);
        if (cat == categoryAt.end())
            throw Error(where + ": unknown category id " + std::to_string(catId), Setting::Boxes);
        if (!a.contains("bbox") || !a["bbox"].is_array() || a["bbox"].size() != 4)
            throw Error(where + ": 'bbox' must be [x, y, width, height]", Setting::Boxes);
        const double x = finite(a["bbox"][0], where), y = finite(a["bbox"][1], where);
        const double w = finite(a["bbox"][2], where), h = finite(a["bbox"][3], where);
        if (w <= 0 || h <= 0)
            throw Error(where + ": the width and height must be > 0", Setting::Boxes);
        if (a.contains("segmentation") && a["segmentation"].is_array()) {
            for (const json& poly : a["segmentation"]) {
                if (!poly.is_array() || poly.size() < 6 || poly.size() % 2 != 0)
                    throw Error(where + ": a polygon of 'segmentation' must list at least 3 points x, y",
                                Setting::Boxes);
                for (const json& p : poly)
                    finite(p, where);
            }
            c.segments = c.segments || !a["segmentation"].empty();
        }
        Object o;
        o.box = {x, y, x + w, y + h};
        o.classIndex = static_cast<int>(cat->second);
        const std::size_t k = im->second;
        checkObjects({c.images[k].size, {o}}, 0, where);
        c.objects[k].push_back(o);
    }
    return c;
}

CocoFile readCoco(const std::filesystem::path& path)
{
    return parseCoco(readText(path), quotePath(path));
}

ReadObjects cocoObjectsOf(const CocoFile& coco, const std::filesystem::path& fileName, const std::string& name)
{
    const std::string wanted = fileName.filename().string();
    for (std::size_t k = 0; k < coco.images.size(); ++k) {
        const std::filesystem::path listed(coco.images[k].fileName);
        if (listed.filename().string() == wanted) {
            ReadObjects r;
            r.image = {coco.images[k].size, coco.objects[k]};
            for (const auto& [id, n] : coco.categories)
                r.classes.push_back(n);
            r.segments = coco.segments;
            return r;
        }
    }
    throw Error(name + ": no image named '" + wanted + "' is listed", Setting::Boxes);
}

std::string cocoText(const std::vector<CocoImage>& images, const std::vector<std::vector<Object>>& objects,
                     const std::vector<std::string>& classes)
{
    json j;
    j["images"] = json::array();
    j["annotations"] = json::array();
    j["categories"] = json::array();
    int numClasses = static_cast<int>(classes.size());
    for (const auto& list : objects)
        for (const Object& o : list)
            numClasses = std::max(numClasses, o.classIndex + 1);
    for (int k = 0; k < numClasses; ++k)
        j["categories"].push_back(
            {{"id", k + 1},
             {"name", k < int(classes.size()) ? classes[std::size_t(k)] : "class " + std::to_string(k)}});
    long long annotation = 1;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const CocoImage& im = images[i];
        j["images"].push_back(
            {{"id", im.id}, {"file_name", im.fileName}, {"width", im.size.width}, {"height", im.size.height}});
        for (const Object& o : objects.at(i)) {
            const BoxF& b = o.box;
            j["annotations"].push_back(
                {{"id", annotation++},
                 {"image_id", im.id},
                 {"category_id", o.classIndex + 1},
                 {"bbox", {b.x1, b.y1, b.width(), b.height()}},
                 {"area", b.area()},
                 {"iscrowd", 0},
                 {"segmentation", json::array({json::array({b.x1, b.y1, b.x2, b.y1, b.x2, b.y2, b.x1, b.y2})})}});
        }
    }
    return j.dump(1) + "\n";
}

// ---- Pascal VOC (one XML file per image: annotation/size/width, height;
// object/name, object/bndbox/xmin, ymin, xmax, ymax, read as the pixel
// coordinates they are written in, as Albumentations and torchvision read
// "pascal_voc" boxes).

namespace
{

double xmlNumber(const pugi::xml_node& parent, const char* child, const std::string& where)
{
    const pugi::xml_node n = parent.child(child);
    if (!n)
        throw Error(where + ": <" + child + "> is missing", Setting::Boxes);
    const std::string t = n.child_value();
    double v = 0.0;
    const std::vector<std::string_view> f = fields(t);
    if (f.size() != 1 || !parseNumber(f[0], v) || !std::isfinite(v))
        throw Error(where + ": <" + child + "> '" + t + "' is not a finite number", Setting::Boxes);
    return v;
}

} // namespace

ReadObjects parseVoc(std::string_view text, std::vector<std::string>& classes, bool fixedClasses,
                     const std::string& name)
{
    pugi::xml_document doc;
    const pugi::xml_parse_result ok = doc.load_buffer(text.data(), text.size());
    if (!ok)
        throw Error(name + ": not valid XML (" + ok.description() + " at byte " + std::to_string(ok.offset) + ")",
                    Setting::Boxes);
    const pugi::xml_node root = doc.child("annotation");
    if (!root)
        throw Error(name + ": no <annotation> element", Setting::Boxes);
    const pugi::xml_node size = root.child("size");
    if (!size)
        throw Error(name + ": <size> is missing", Setting::Boxes);
    const double w = xmlNumber(size, "width", name + ": <size>"), h = xmlNumber(size, "height", name + ": <size>");
    if (w < 1 || h < 1 || w > 1'000'000 || h > 1'000'000 || w != std::floor(w) || h != std::floor(h))
        throw Error(name + ": <size> must give a whole width and height between 1 and 1000000", Setting::Boxes);
    ReadObjects r;
    r.image.size = {int(w), int(h)};
    std::vector<std::string> names = classes;
    int k = 0;
    for (const pugi::xml_node obj : root.children("object")) {
        ++k;
        const std::string where = name + ": object " + std::to_string(k);
        const std::string cls = obj.child_value("name");
        if (cls.empty())
            throw Error(where + ": <name> is missing", Setting::Boxes);
        auto it = std::find(names.begin(), names.end(), cls);
        if (it == names.end()) {
            if (fixedClasses)
                throw Error(where + ": class '" + cls + "' is not one of the classes named", Setting::Boxes);
            names.push_back(cls);
            it = names.end() - 1;
        }
        const pugi::xml_node box = obj.child("bndbox");
        if (!box)
            throw Error(where + ": <bndbox> is missing", Setting::Boxes);
        Object o;
        o.classIndex = static_cast<int>(it - names.begin());
        o.box = {xmlNumber(box, "xmin", where), xmlNumber(box, "ymin", where), xmlNumber(box, "xmax", where),
                 xmlNumber(box, "ymax", where)};
        checkObjects({r.image.size, {o}}, 0, where);
        r.image.objects.push_back(o);
    }
    classes = names;
    r.classes = names;
    return r;
}

ReadObjects readVoc(const std::filesystem::path& path, std::vector<std::string>& classes, bool fixedClasses)
{
    return parseVoc(readText(path), classes, fixedClasses, quotePath(path));
}

std::string vocText(const std::vector<Object>& objects, Size image, const std::vector<std::string>& classes,
                    const std::string& fileName)
{
    pugi::xml_document doc;
    pugi::xml_node root = doc.append_child("annotation");
    root.append_child("filename").text().set(fileName.c_str());
    pugi::xml_node size = root.append_child("size");
    size.append_child("width").text().set(image.width);
    size.append_child("height").text().set(image.height);
    size.append_child("depth").text().set(3);
    for (const Object& o : objects) {
        pugi::xml_node obj = root.append_child("object");
        const std::string cls =
            o.classIndex < int(classes.size()) ? classes[std::size_t(o.classIndex)] : std::to_string(o.classIndex);
        obj.append_child("name").text().set(cls.c_str());
        pugi::xml_node box = obj.append_child("bndbox");
        box.append_child("xmin").text().set(shortest(o.box.x1).c_str());
        box.append_child("ymin").text().set(shortest(o.box.y1).c_str());
        box.append_child("xmax").text().set(shortest(o.box.x2).c_str());
        box.append_child("ymax").text().set(shortest(o.box.y2).c_str());
    }
    std::ostringstream s;
    doc.save(s, "  ");
    return s.str();
}

ReadObjects parseObjects(std::string_view text, BoxFormat format, Size image, const std::filesystem::path& imageFile,
                         std::vector<std::string>& classes, int numClasses, const std::string& name)
{
    ReadObjects r;
    switch (format) {
    case BoxFormat::Yolo:
        return parseYolo(text, image, numClasses, name);
    case BoxFormat::Coco:
        r = cocoObjectsOf(parseCoco(text, name), imageFile, name);
        break;
    case BoxFormat::Voc:
        r = parseVoc(text, classes, false, name);
        break;
    }
    if (r.image.size != image)
        throw Error(name + ": describes a " + std::to_string(r.image.size.width) + "x" +
                        std::to_string(r.image.size.height) + " image, but " + quotePath(imageFile) + " is " +
                        std::to_string(image.width) + "x" + std::to_string(image.height),
                    Setting::Boxes);
    checkRead(r.image, numClasses, name);
    return r;
}

ReadObjects readObjects(const std::filesystem::path& path, BoxFormat format, Size image,
                        const std::filesystem::path& imageFile, std::vector<std::string>& classes, int numClasses)
{
    return parseObjects(readText(path), format, image, imageFile, classes, numClasses, quotePath(path));
}

BoxFormat boxFormatOfFile(const std::filesystem::path& path)
{
    std::string ext = path.extension().string();
    for (char& c : ext)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".txt")
        return BoxFormat::Yolo;
    if (ext == ".json")
        return BoxFormat::Coco;
    if (ext == ".xml")
        return BoxFormat::Voc;
    throw Error(quotePath(path) + ": not an annotation file (YOLO .txt, COCO .json or Pascal VOC .xml)",
                Setting::Boxes);
}

std::string objectsText(const std::vector<Object>& objects, BoxFormat format, Size image,
                        const std::vector<std::string>& classes, const std::string& imageFile)
{
    switch (format) {
    case BoxFormat::Yolo:
        return yoloText(objects, image);
    case BoxFormat::Coco:
        return cocoText({{1, imageFile, image}}, {objects}, classes);
    case BoxFormat::Voc:
        return vocText(objects, image, classes, imageFile);
    }
    return {};
}

std::string readAnnotationText(const std::filesystem::path& path)
{
    return readText(path);
}

// ---- data.yaml's names (Ultralytics' dataset file): a line-based reading of
// the one key the exporter needs, not a YAML parser.

namespace
{

std::string_view trimmed(std::string_view t)
{
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
        t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
        t.remove_suffix(1);
    return t;
}

// One scalar at the start of `t`: quoted ('...' with '' for a quote,
// "..." with \" \\ \n \t \xHH escapes) or plain, up to one of `stops` or a
// comment (" #"). Returns the value; `t` is left after it.
std::string yamlScalar(std::string_view& t, std::string_view stops, const std::string& at)
{
    t = trimmed(t);
    std::string v;
    if (!t.empty() && t.front() == '\'') {
        std::size_t i = 1;
        for (;; ++i) {
            if (i >= t.size())
                throw Error(at + ": a quote (') is not closed", Setting::Boxes);
            if (t[i] == '\'') {
                if (i + 1 < t.size() && t[i + 1] == '\'') {
                    v += '\'';
                    ++i;
                    continue;
                }
                break;
            }
            v += t[i];
        }
        t.remove_prefix(i + 1);
        return v;
    }
    if (!t.empty() && t.front() == '"') {
        std::size_t i = 1;
        for (;; ++i) {
            if (i >= t.size())
                throw Error(at + ": a quote (\") is not closed", Setting::Boxes);
            const char c = t[i];
            if (c == '"')
                break;
            if (c != '\\') {
                v += c;
                continue;
            }
            if (++i >= t.size())
                throw Error(at + ": a quote (\") is not closed", Setting::Boxes);
            switch (t[i]) {
            case '"':
                v += '"';
                break;
            case '\\':
                v += '\\';
                break;
            case '/':
                v += '/';
                break;
            case 'n':
                v += '\n';
                break;
            case 't':
                v += '\t';
                break;
            case 'x': {
                unsigned value = 0;
                if (i + 2 >= t.size() ||
                    std::from_chars(t.data() + i + 1, t.data() + i + 3, value, 16).ptr != t.data() + i + 3)
                    throw Error(at + ": \\x needs two hex digits", Setting::Boxes);
                v += static_cast<char>(value);
                i += 2;
                break;
            }
            default:
                throw Error(at + ": the escape \\" + std::string(1, t[i]) +
                                " is not read (only \\\" \\\\ \\n \\t \\xHH)",
                            Setting::Boxes);
            }
        }
        t.remove_prefix(i + 1);
        return v;
    }
    std::size_t end = 0;
    while (end < t.size() && stops.find(t[end]) == std::string_view::npos &&
           !(t[end] == '#' && (end == 0 || t[end - 1] == ' ' || t[end - 1] == '\t')))
        ++end;
    v = std::string(trimmed(t.substr(0, end)));
    t.remove_prefix(end);
    return v;
}

// What may follow a value: nothing, or a comment.
void expectEnd(std::string_view rest, const std::string& at)
{
    rest = trimmed(rest);
    if (!rest.empty() && rest.front() != '#')
        throw Error(at + ": unexpected '" + std::string(rest) + "' after a name", Setting::Boxes);
}

std::string checkedName(std::string v, const std::string& at)
{
    if (v.empty())
        throw Error(at + ": a class name is empty", Setting::Boxes);
    return v;
}

int yamlIndex(std::string_view key, const std::string& at)
{
    key = trimmed(key);
    int k = -1;
    const auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), k);
    if (key.empty() || ec != std::errc() || ptr != key.data() + key.size() || k < 0 || k > 1'000'000)
        throw Error(at + ": '" + std::string(key) + "' is not a class index (0, 1, ...)", Setting::Boxes);
    return k;
}

// A map's names in index order: the indices must be 0 .. n-1, each once.
std::vector<std::string> byIndex(std::map<int, std::string> m, const std::string& name)
{
    std::vector<std::string> names;
    for (auto& [k, v] : m) {
        if (k != int(names.size()))
            throw Error(name + ": names: class " + std::to_string(names.size()) +
                            " has no name (the indices must be 0, 1, ... without gaps)",
                        Setting::Boxes);
        names.push_back(std::move(v));
    }
    return names;
}

} // namespace

std::optional<std::vector<std::string>> parseYamlNames(std::string_view text, const std::string& name)
{
    std::vector<std::string_view> lines;
    for (std::size_t pos = 0; pos <= text.size();) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        lines.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    std::size_t at = 0;
    while (at < lines.size() && !lines[at].starts_with("names:"))
        ++at;
    if (at == lines.size())
        return std::nullopt;
    const std::string where = name + ":" + std::to_string(at + 1);
    std::string_view rest = trimmed(lines[at].substr(6));
    std::vector<std::string> names;
    if (!rest.empty() && rest.front() == '[') {
        rest.remove_prefix(1);
        while (true) {
            rest = trimmed(rest);
            if (rest.empty())
                throw Error(where + ": the list is not closed on its line (write names: [a, b] on one line, or "
                                    "one '- name' line each)",
                            Setting::Boxes);
            if (rest.front() == ']' && names.empty()) {
                rest.remove_prefix(1);
                break;
            }
            names.push_back(checkedName(yamlScalar(rest, ",]", where), where));
            rest = trimmed(rest);
            if (rest.empty())
                continue;
            const char c = rest.front();
            rest.remove_prefix(1);
            if (c == ']')
                break;
        }
        expectEnd(rest, where);
        return names;
    }
    if (!rest.empty() && rest.front() == '{') {
        rest.remove_prefix(1);
        std::map<int, std::string> m;
        while (true) {
            rest = trimmed(rest);
            if (rest.empty())
                throw Error(where + ": the map is not closed on its line", Setting::Boxes);
            if (rest.front() == '}' && m.empty()) {
                rest.remove_prefix(1);
                break;
            }
            const std::size_t colon = rest.find(':');
            if (colon == std::string_view::npos)
                throw Error(where + ": expected 'index: name' in the map", Setting::Boxes);
            const int k = yamlIndex(rest.substr(0, colon), where);
            rest.remove_prefix(colon + 1);
            if (!m.emplace(k, checkedName(yamlScalar(rest, ",}", where), where)).second)
                throw Error(where + ": class " + std::to_string(k) + " is named twice", Setting::Boxes);
            rest = trimmed(rest);
            if (rest.empty())
                continue;
            const char c = rest.front();
            rest.remove_prefix(1);
            if (c == '}')
                break;
        }
        expectEnd(rest, where);
        return byIndex(std::move(m), name);
    }
    if (!rest.empty() && rest.front() != '#')
        throw Error(where + ": names must be a list or a map of class indices, not one value", Setting::Boxes);
    // A block: "- name" lines (indented or not) or indented "index: name" lines.
    std::map<int, std::string> m;
    bool list = false, map = false;
    for (std::size_t i = at + 1; i < lines.size(); ++i) {
        const std::string lineAt = name + ":" + std::to_string(i + 1);
        std::string_view line = lines[i];
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const std::string_view t = trimmed(line);
        if (t.empty() || t.front() == '#')
            continue;
        const bool indented = line.front() == ' ' || line.front() == '\t';
        if (!indented && t.front() != '-')
            break; // the next key
        if (t.front() == '-' && (t.size() == 1 || t[1] == ' ' || t[1] == '\t')) {
            if (map)
                throw Error(lineAt + ": a '- name' line among 'index: name' lines", Setting::Boxes);
            list = true;
            std::string_view v = t.substr(1);
            names.push_back(checkedName(yamlScalar(v, "", lineAt), lineAt));
            expectEnd(v, lineAt);
            continue;
        }
        if (!indented)
            break;
        if (list)
            throw Error(lineAt + ": an 'index: name' line among '- name' lines", Setting::Boxes);
        const std::size_t colon = t.find(':');
        if (colon == std::string_view::npos)
            throw Error(lineAt + ": expected '- name' or 'index: name'", Setting::Boxes);
        map = true;
        const int k = yamlIndex(t.substr(0, colon), lineAt);
        std::string_view v = t.substr(colon + 1);
        if (!m.emplace(k, checkedName(yamlScalar(v, "", lineAt), lineAt)).second)
            throw Error(lineAt + ": class " + std::to_string(k) + " is named twice", Setting::Boxes);
        expectEnd(v, lineAt);
    }
    if (map)
        return byIndex(std::move(m), name);
    if (!list)
        throw Error(where + ": names has no entries", Setting::Boxes);
    return names;
}

std::string dataYamlText(const std::vector<std::string>& names)
{
    std::string t = "# Written by cutmix export. No 'path:': Ultralytics takes this file's folder as the "
                    "dataset's root.\ntrain: images\nval: images\nnc: " +
                    std::to_string(names.size()) + "\nnames:\n";
    for (std::size_t k = 0; k < names.size(); ++k) {
        std::string q;
        for (const char c : names[k]) {
            if (c == '"' || c == '\\')
                (q += '\\') += c;
            else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
                q += buf;
            } else
                q += c;
        }
        t += "  " + std::to_string(k) + ": \"" + q + "\"\n";
    }
    return t;
}

cv::Mat readLabelMask(const std::filesystem::path& path)
{
    return decodeLabelMask(readImageBytes(path), quotePath(path));
}

cv::Mat decodeLabelMask(const std::vector<unsigned char>& bytes, const std::string& name, std::optional<Size> imageSize)
{
    if (sniffFormat(bytes) != ImageFormat::Png)
        throw Error(name + ": a mask must be a PNG", Setting::Masks);
    const cv::Mat m = decodeImage(bytes, name);
    if (m.channels() != 1 || (m.depth() != CV_8U && m.depth() != CV_16U))
        throw Error(name + ": a mask must be a one-channel (gray) 8- or 16-bit PNG", Setting::Masks);
    if (imageSize && (m.cols != imageSize->width || m.rows != imageSize->height))
        throw Error(name + ": the mask is " + std::to_string(m.cols) + "x" + std::to_string(m.rows) + ", its image " +
                        std::to_string(imageSize->width) + "x" + std::to_string(imageSize->height),
                    Setting::Masks);
    return m;
}

} // namespace cutmix
