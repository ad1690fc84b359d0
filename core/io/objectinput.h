// The objects that a sheet or an animation carries through its mixes
// (`cutmix grid`, `compare` and `animate` with --boxes; the window's exports
// of them): the sources' annotation files, read against their images, or the
// lists already read (the window's), and the box rule that judges them. One
// struct for all of them, so that each takes objects, and carries them, the
// same way.
#pragma once

#include "keeprules.h"
#include "objectio.h"

#include <filesystem>
#include <optional>
#include <vector>

namespace cutmix
{

struct ObjectInput {
    // The sources' annotation files in `boxFormat`, one per image (A's first).
    std::vector<std::filesystem::path> boxFiles;
    // Or the sources' objects already read (in their images' pixels; a
    // source may have none), with `segments` when any came with a polygon.
    // Used when boxFiles is empty.
    std::optional<std::vector<ImageObjects>> objects;
    bool segments = false;
    BoxFormat boxFormat = BoxFormat::Yolo;
    const KeepRule* rule = nullptr; // nullptr: the default rule (keep all)
    KeepValues keep = defaultKeepRule().defaults;

    bool hasObjects() const { return !boxFiles.empty() || objects.has_value(); }
    const KeepRule& keepRule() const { return rule ? *rule : defaultKeepRule(); }
};

// The input with its files read against the images of these sizes and file
// names (COCO finds an image by its name): `objects` holds one list per
// image, boxFiles is empty. Lists already read are checked for their count.
// Throws cutmix::Error (Setting::Boxes) naming the file and line, or when
// the files or lists are not one per image.
ObjectInput readObjectInput(const ObjectInput& in, const std::vector<Size>& sizes,
                            const std::vector<std::filesystem::path>& images, int numClasses);

// The objects of one mix, by the input's rule and thresholds (carryAndJudge:
// the draw is fitted to the objects first where its method asks, as
// Ultralytics' CutMix chooses its cut); a draw that reads fewer images
// (Cutout: A only) carries those images' objects. `in` is read
// (readObjectInput).
std::vector<CarriedObject> carryAndJudge(Draw& d, const ObjectInput& in);

// An image's own objects as a mix that covered nothing carries them: each
// whole, fully visible and kept (the images before a mix, drawn beside it).
std::vector<CarriedObject> wholeObjects(const std::vector<Object>& objects, int source = 0);

// "objects 3/5": how many of a mix's objects the rule kept, as the sheets'
// captions write it.
std::string keptCount(const std::vector<CarriedObject>& objects);

} // namespace cutmix
