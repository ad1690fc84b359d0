#include "objects.h"

#include "draw.h"
#include "error.h"
#include "mixer.h"

#include <algorithm>
#include <cmath>
#include <opencv2/core.hpp>

namespace cutmix
{

double BoxF::area() const
{
    return empty() ? 0.0 : width() * height();
}

BoxF toBoxF(const Box& b)
{
    return {double(b.x1), double(b.y1), double(b.x2), double(b.y2)};
}

BoxF intersect(const BoxF& a, const BoxF& b)
{
    const BoxF r{std::max(a.x1, b.x1), std::max(a.y1, b.y1), std::min(a.x2, b.x2), std::min(a.y2, b.y2)};
    return r.empty() ? BoxF{} : r;
}

BoxF clippedTo(const BoxF& b, Size image)
{
    return {std::clamp(b.x1, 0.0, double(image.width)), std::clamp(b.y1, 0.0, double(image.height)),
            std::clamp(b.x2, 0.0, double(image.width)), std::clamp(b.y2, 0.0, double(image.height))};
}

double overlapShare(const BoxF& a, const BoxF& b)
{
    const double area = a.area();
    return area > 0.0 ? intersect(a, b).area() / area : 0.0;
}

BoxF mapped(const SourceView& v, const BoxF& b)
{
    return {b.x1 * v.scaleX + v.shiftX, b.y1 * v.scaleY + v.shiftY, b.x2 * v.scaleX + v.shiftX,
            b.y2 * v.scaleY + v.shiftY};
}

std::vector<Box> uncovered(const Box& region, const std::vector<Box>& covers)
{
    std::vector<Box> parts;
    if (region.area() > 0)
        parts.push_back(region);
    for (const Box& c : covers) {
        std::vector<Box> next;
        for (const Box& p : parts)
            for (const Box& left : boxMinus(p, c))
                if (left.area() > 0)
                    next.push_back(left);
        parts = std::move(next);
    }
    return parts;
}

std::vector<std::vector<Box>> visibleParts(Size size, const std::vector<Box>& pastes)
{
    std::vector<std::vector<Box>> parts;
    const std::vector<Box> clipped = [&] {
        std::vector<Box> c;
        for (const Box& p : pastes)
            c.push_back(clippedTo(p, size));
        return c;
    }();
    parts.push_back(uncovered({0, 0, size.width, size.height}, clipped));
    for (std::size_t k = 0; k < clipped.size(); ++k)
        parts.push_back(uncovered(clipped[k], std::vector<Box>(clipped.begin() + long(k) + 1, clipped.end())));
    return parts;
}

std::vector<Object> preparedObjects(const ImageObjects& o, const Draw& d, int k)
{
    std::vector<Object> out = o.objects;
    if (o.size.width <= 0 || o.size.height <= 0)
        throw Error("the objects' image has no size");
    double sx = 1.0, sy = 1.0, dx = 0.0, dy = 0.0;
    if (d.params.resize == ResizePolicy::ResizeB || d.method().sourceSize) {
        const Size to = preparedSize(d, k);
        sx = double(to.width) / o.size.width;
        sy = double(to.height) / o.size.height;
    } else {
        // mixer.cpp centreCrop: the crop starts at (w - W) / 2, (h - H) / 2.
        dx = -double((o.size.width - d.size.width) / 2);
        dy = -double((o.size.height - d.size.height) / 2);
    }
    for (Object& obj : out)
        obj.box = {obj.box.x1 * sx + dx, obj.box.y1 * sy + dy, obj.box.x2 * sx + dx, obj.box.y2 * sy + dy};
    return out;
}

namespace
{

// The visible part of `before` through boxes: its area and bounding box.
void throughBoxes(const std::vector<Box>& visible, CarriedObject& c)
{
    double area = 0.0;
    BoxF bound;
    bool any = false;
    for (const Box& v : visible) {
        const BoxF part = intersect(c.before, toBoxF(v));
        if (part.empty())
            continue;
        area += part.area();
        bound = any ? BoxF{std::min(bound.x1, part.x1), std::min(bound.y1, part.y1), std::max(bound.x2, part.x2),
                           std::max(bound.y2, part.y2)}
                    : part;
        any = true;
    }
    const double before = c.before.area();
    c.after = bound;
    c.visible = before > 0.0 ? std::min(1.0, area / before) : 0.0;
}

// The pixels a box covers: those whose centres lie inside it.
int firstCentreAtLeast(double v)
{
    return static_cast<int>(std::ceil(v - 0.5));
}

// The visible pixels of `before` by the source map: the pixels whose centre
// lies in the box and whose map value is the source's; the visible part's
// bounding box is that of those pixels, inside the box.
void throughMap(const cv::Mat& map, int value, CarriedObject& c)
{
    const int c1 = firstCentreAtLeast(c.before.x1), c2 = firstCentreAtLeast(c.before.x2);
    const int r1 = firstCentreAtLeast(c.before.y1), r2 = firstCentreAtLeast(c.before.y2);
    const long long total = static_cast<long long>(std::max(0, c2 - c1)) * std::max(0, r2 - r1);
    long long seen = 0;
    int bx1 = map.cols, by1 = map.rows, bx2 = -1, by2 = -1;
    for (int r = std::max(r1, 0); r < std::min(r2, map.rows); ++r) {
        const auto* row = map.ptr<std::uint8_t>(r);
        for (int col = std::max(c1, 0); col < std::min(c2, map.cols); ++col)
            if (row[col] == value) {
                ++seen;
                bx1 = std::min(bx1, col);
                bx2 = std::max(bx2, col);
                by1 = std::min(by1, r);
                by2 = std::max(by2, r);
            }
    }
    c.visible = total > 0 ? double(seen) / double(total) : 0.0;
    c.after = seen > 0 ? intersect(c.before, BoxF{double(bx1), double(by1), double(bx2 + 1), double(by2 + 1)}) : BoxF{};
}

} // namespace

std::vector<CarriedObject> carryObjects(const Draw& d, const std::vector<ImageObjects>& sources)
{
    const Method& m = d.method();
    if (!m.objectViews)
        throw Error(std::string(m.title) + " does not carry objects");
    if (static_cast<int>(sources.size()) != d.sources)
        throw Error("this draw mixes " + std::to_string(d.sources) + " images, but objects were given for " +
                    std::to_string(sources.size()));
    std::vector<SourceView> views;
    m.objectViews(d, views);
    cv::Mat map;
    std::vector<std::vector<Object>> prepared;
    for (std::size_t k = 0; k < sources.size(); ++k) {
        if (views.at(k).mapValue && map.empty())
            map = sourceMap(d);
        prepared.push_back(preparedObjects(sources[k], d, int(k)));
    }
    views.resize(sources.size());
    return carryThroughViews(views, prepared, map);
}

std::vector<CarriedObject> carryThroughViews(const std::vector<SourceView>& views,
                                             const std::vector<std::vector<Object>>& sources, const cv::Mat& map)
{
    if (views.size() != sources.size())
        throw Error(std::to_string(views.size()) + " views for the objects of " + std::to_string(sources.size()) +
                    " sources");
    std::vector<CarriedObject> out;
    std::size_t total = 0;
    for (const std::vector<Object>& objects : sources)
        total += objects.size();
    out.reserve(total);
    for (std::size_t k = 0; k < sources.size(); ++k) {
        const SourceView& view = views[k];
        if (view.mapValue && map.empty())
            throw Error("a source chosen by a map, but no map was given");
        const std::vector<Object>& objects = sources[k];
        for (std::size_t i = 0; i < objects.size(); ++i) {
            CarriedObject c;
            c.source = static_cast<int>(k);
            c.index = static_cast<int>(i);
            c.classIndex = objects[i].classIndex;
            c.before = mapped(view, objects[i].box);
            c.weight = view.weight;
            c.pasted = view.pasted;
            if (view.mapValue)
                throughMap(map, *view.mapValue, c);
            else
                throughBoxes(view.visible, c);
            c.box = c.after;
            out.push_back(std::move(c));
        }
    }
    return out;
}

Draw fitToObjects(const Draw& d, const std::vector<ImageObjects>& sources, double minInCut)
{
    const Method& m = d.method();
    if (!m.fitObjects)
        return d;
    if (static_cast<int>(sources.size()) != d.sources)
        throw Error("this draw mixes " + std::to_string(d.sources) + " images, but objects were given for " +
                    std::to_string(sources.size()));
    std::vector<std::vector<Object>> prepared;
    for (std::size_t k = 0; k < sources.size(); ++k)
        prepared.push_back(preparedObjects(sources[k], d, int(k)));
    Draw fitted = d;
    m.fitObjects(fitted, prepared, minInCut);
    return fitted;
}

void checkObjects(const ImageObjects& o, int numClasses, const std::string& what)
{
    // Coordinates written as normalised text may land a rounding step
    // outside the image: within 1e-6 of a side they count as on it.
    const double tolX = 1e-6 * std::max(1, o.size.width), tolY = 1e-6 * std::max(1, o.size.height);
    for (std::size_t i = 0; i < o.objects.size(); ++i) {
        const Object& obj = o.objects[i];
        const BoxF& b = obj.box;
        const std::string at = what + ": object " + std::to_string(i + 1);
        if (!std::isfinite(b.x1) || !std::isfinite(b.y1) || !std::isfinite(b.x2) || !std::isfinite(b.y2))
            throw Error(at + ": a coordinate is not a finite number", Setting::Boxes);
        if (!(b.x2 > b.x1) || !(b.y2 > b.y1))
            throw Error(at + ": the box has no positive width and height", Setting::Boxes);
        if (b.x1 < -tolX || b.y1 < -tolY || b.x2 > o.size.width + tolX || b.y2 > o.size.height + tolY)
            throw Error(at + ": the box lies outside the " + std::to_string(o.size.width) + "x" +
                            std::to_string(o.size.height) + " image",
                        Setting::Boxes);
        if (obj.classIndex < 0 || (numClasses > 0 && obj.classIndex >= numClasses))
            throw Error(at + ": class " + std::to_string(obj.classIndex) + " is out of range" +
                            (numClasses > 0 ? " (0 to " + std::to_string(numClasses - 1) + ")" : std::string()),
                        Setting::Boxes);
    }
}

std::vector<std::vector<int>> keptInstanceIds(const std::vector<CarriedObject>& carried, std::size_t sources)
{
    std::vector<std::vector<int>> ids(sources);
    for (const CarriedObject& o : carried)
        if (o.source >= 0 && std::size_t(o.source) < sources) {
            std::vector<int>& to = ids[std::size_t(o.source)];
            to.resize(std::max(to.size(), std::size_t(o.index) + 1), 0);
        }
    int next = 0;
    for (const CarriedObject& o : carried)
        if (o.kept && o.source >= 0 && std::size_t(o.source) < sources)
            ids[std::size_t(o.source)][std::size_t(o.index)] = ++next;
    return ids;
}

} // namespace cutmix
