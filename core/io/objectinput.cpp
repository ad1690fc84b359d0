#include "objectinput.h"

#include "draw.h"
#include "error.h"

#include <algorithm>

namespace cutmix
{

ObjectInput readObjectInput(const ObjectInput& in, const std::vector<Size>& sizes,
                            const std::vector<std::filesystem::path>& images, int numClasses)
{
    const std::size_t n = sizes.size();
    ObjectInput read = in;
    if (in.boxFiles.empty()) {
        if (!in.objects)
            return read;
        if (in.objects->size() != n)
            throw Error("objects are given for " + std::to_string(in.objects->size()) + " images, but the mix takes " +
                            std::to_string(n) + ": give one list per image",
                        Setting::Boxes);
        return read;
    }
    if (in.boxFiles.size() != n)
        throw Error(std::to_string(in.boxFiles.size()) + " annotation files for " + std::to_string(n) +
                        " images: give one file per image, A's first",
                    Setting::Boxes);
    if (images.size() != n)
        throw Error("annotation files are read against their images' file names, and none were given");
    // VOC names its classes: A's and B's share one list of names.
    std::vector<std::string> classes;
    std::vector<ImageObjects> lists;
    read.segments = false;
    for (std::size_t k = 0; k < n; ++k) {
        const ReadObjects r = readObjects(in.boxFiles[k], in.boxFormat, sizes[k], images[k], classes, numClasses);
        read.segments = read.segments || r.segments;
        lists.push_back(r.image);
    }
    read.objects = std::move(lists);
    read.boxFiles.clear();
    return read;
}

std::vector<CarriedObject> carryAndJudge(Draw& d, const ObjectInput& in)
{
    if (!in.boxFiles.empty() || !in.objects)
        throw Error("the objects are not read yet (readObjectInput)", Setting::Boxes);
    // A draw that reads fewer images than it was given (Cutout reads A only)
    // carries the objects of those it reads, as `cutmix mix --boxes` does.
    const std::size_t n = std::min(in.objects->size(), std::size_t(std::max(d.sources, 0)));
    if (n == in.objects->size())
        return carryAndJudge(d, *in.objects, in.segments, in.keepRule(), in.keep);
    const std::vector<ImageObjects> read(in.objects->begin(), in.objects->begin() + std::ptrdiff_t(n));
    return carryAndJudge(d, read, in.segments, in.keepRule(), in.keep);
}

std::vector<CarriedObject> wholeObjects(const std::vector<Object>& objects, int source)
{
    std::vector<CarriedObject> whole;
    whole.reserve(objects.size());
    for (std::size_t k = 0; k < objects.size(); ++k) {
        CarriedObject c;
        c.source = source;
        c.index = int(k);
        c.classIndex = objects[k].classIndex;
        c.before = c.after = c.box = objects[k].box;
        c.visible = 1.0;
        whole.push_back(c);
    }
    return whole;
}

std::string keptCount(const std::vector<CarriedObject>& objects)
{
    const auto kept = std::count_if(objects.begin(), objects.end(), [](const CarriedObject& o) { return o.kept; });
    return "objects " + std::to_string(kept) + "/" + std::to_string(objects.size());
}

} // namespace cutmix
