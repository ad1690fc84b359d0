// The draw record: the one JSON schema that `cutmix mix`, `cutmix grid
// --json`, the export manifest and the window all write, built here and
// nowhere else.
#pragma once

#include "draw.h"
#include "labels.h"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cutmix
{

// One input image of a sample: its path as the user gave or listed it, and
// its class index.
struct SourceRef {
    std::string path;
    int classIndex = 0;
};

// What a sample adds to its draw: the file written, the two inputs, the
// classes and soft label, whether the image was mixed with itself, and how
// many times an unreadable input made the sample draw again.
struct SampleInfo {
    std::string file;
    SourceRef a, b;
    std::vector<SourceRef> more;      // sources 3, 4, ... of multi-source CutMix
    std::vector<std::string> classes; // class names in index order (when the record includes them)
    std::vector<double> label;        // the soft label, one weight per class
    bool selfMix = false;
    int redraws = 0;
    // The objects carried through the mix (set when the sources had boxes),
    // judged by the rule named.
    std::optional<std::vector<CarriedObject>> objects;
    std::string boxRule;
};

// The draw alone: parameters, random inputs, box and weights (what `cutmix
// box` prints a part of).
nlohmann::json drawRecord(const Draw& d);

// Whether the record lists the class names: records that stand alone do; the
// export manifest does not, since classes.txt lists them once.
enum class ClassNames { Included, InClassesFile };

// The full record of a sample: the draw, then file, a, b, classes, label,
// self_mix and redraws; with more than two sources, `sources` (path, class
// and weight of each, A first). A method of one source (Cutout) has b null.
nlohmann::json sampleRecord(const Draw& d, const SampleInfo& info, ClassNames names = ClassNames::Included);

// The sample info of a pair named by the user (`cutmix mix`, the window, a
// grid of pairs): paths as given, classes from the names, the soft label for
// the draw's reported weight, and whether both paths name the same file.
SampleInfo namedPairInfo(const std::string& pathA, const std::string& pathB, const NamedPair& named, const Draw& d);
// The same for any number of sources (paths and names in source order).
SampleInfo namedSourcesInfo(const std::vector<std::string>& paths, const NamedSources& named, const Draw& d);

// Each object: its source and index there, class, box before and after,
// visible fraction, blend weight, whether it is kept, and why not or why
// clipped.
nlohmann::json objectsRecord(const std::vector<CarriedObject>& objects);

nlohmann::json toJson(const Box& b);
nlohmann::json toJson(Size s);

} // namespace cutmix
