// libFuzzer target: the three box readers (YOLO text, COCO JSON, Pascal VOC
// XML) on the same bytes. Whatever they accept lies inside its image with a
// positive size and a class >= 0; everything else is a cutmix::Error.
#include "error.h"
#include "objectio.h"

#include <cstdint>
#include <string>

namespace
{

void checkInside(const cutmix::ImageObjects& o)
{
    for (const cutmix::Object& obj : o.objects) {
        const cutmix::BoxF& b = obj.box;
        const double tolX = 1e-6 * o.size.width + 1e-9, tolY = 1e-6 * o.size.height + 1e-9;
        if (!(b.x2 > b.x1 && b.y2 > b.y1) || b.x1 < -tolX || b.y1 < -tolY || b.x2 > o.size.width + tolX ||
            b.y2 > o.size.height + tolY || obj.classIndex < 0)
            __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        checkInside(cutmix::parseYolo(text, {640, 480}, 80, "fuzz.txt").image);
    } catch (const cutmix::Error&) {
    }
    try {
        const cutmix::CocoFile c = cutmix::parseCoco(text, "fuzz.json");
        if (c.objects.size() != c.images.size())
            __builtin_trap();
        for (std::size_t i = 0; i < c.images.size(); ++i)
            checkInside({c.images[i].size, c.objects[i]});
    } catch (const cutmix::Error&) {
    }
    try {
        std::vector<std::string> classes;
        const cutmix::ReadObjects r = cutmix::parseVoc(text, classes, false, "fuzz.xml");
        checkInside(r.image);
        for (const cutmix::Object& o : r.image.objects)
            if (o.classIndex >= static_cast<int>(classes.size()))
                __builtin_trap();
    } catch (const cutmix::Error&) {
    }
    return 0;
}
