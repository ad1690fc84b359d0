// Objects carried through a mix: the boxes (float pixel coordinates, a
// class each) of every source, where each lands in the result, how much of
// it stays visible, and whether a library's rule keeps it (keeprules.h).
//
// A method tells where each source's pixels go through its carry hook
// (method.h): a view per source, an affine map (scale and shift) from the
// source's prepared pixels to the result's, and the disjoint boxes of the
// result where that source's pixels are visible (or, for masks, the source
// map). Everything else, from box geometry to the visible fraction, is here,
// so no method repeats it.
#pragma once

#include "box.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cv
{
class Mat;
}

namespace cutmix
{

struct Draw;

// A box in float pixel coordinates: x from the left edge of column 0, y from
// the top edge of row 0; the pixel (c, r) spans [c, c + 1) x [r, r + 1).
struct BoxF {
    double x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0;
    double width() const { return x2 - x1; }
    double height() const { return y2 - y1; }
    // Zero for an empty or inverted box.
    double area() const;
    bool empty() const { return !(x2 > x1 && y2 > y1); }
    friend bool operator==(const BoxF&, const BoxF&) = default;
};

BoxF toBoxF(const Box& b);
// The overlap of two boxes (empty when they do not meet).
BoxF intersect(const BoxF& a, const BoxF& b);
BoxF clippedTo(const BoxF& b, Size image);
// Area of a's intersection with b over a's area (0 for an empty a): the
// intersection over area of Ultralytics' bbox_ioa, with b the cut.
double overlapShare(const BoxF& a, const BoxF& b);

// One annotated object of an image: its box and class.
struct Object {
    BoxF box;
    int classIndex = 0;
};

// The objects of one image, in that image's pixels.
struct ImageObjects {
    Size size;
    std::vector<Object> objects;
};

// How a source's pixels reach the result (the method's carry hook fills one
// per source): result = source * scale + shift, visible where listed.
struct SourceView {
    double scaleX = 1.0, scaleY = 1.0;
    double shiftX = 0.0, shiftY = 0.0;
    // The result's pixels that show this source, as disjoint boxes.
    std::vector<Box> visible;
    // When the source's pixels are chosen by a map (FMix): this source's
    // value in the map, read instead of `visible`.
    std::optional<int> mapValue;
    // The part of the result this source was pasted into (CutMix's cut,
    // ResizeMix's patch): a library's rule for pasted objects reads it.
    std::optional<Box> pasted;
    // The blend weight of the source's pixels (MixUp: λ and 1 − λ).
    double weight = 1.0;
};

BoxF mapped(const SourceView& v, const BoxF& b);

// One value of a reason: a number kept as it was judged, written as the
// reason's template shows it (keeprules.cpp) when the text is asked for.
struct ReasonValue {
    enum class Form : std::uint8_t { Number, Pixels, Percent, Name };
    std::string_view name; // the template's {name}
    Form form = Form::Number;
    double value = 0.0;
    std::string_view text; // Form::Name: a name with static storage (a rule's)
};

// What happened to one object.
struct CarriedObject {
    int source = 0; // 0 = A, 1 = B, ...
    int index = 0;  // in its source's list
    int classIndex = 0;
    BoxF before;               // in the result's pixels, as the source placed it, before anything covered it
    BoxF after;                // the bounding box of its visible part (empty when none is visible)
    double visible = 0.0;      // its visible pixels after the mix / its pixels before
    double weight = 1.0;       // the blend weight of its source
    std::optional<Box> pasted; // the paste it came with (CutMix's cut, ResizeMix's patch)
    bool withSegments = false; // it carries a mask (Ultralytics: IoA 1 % instead of 10 %)
    // The rule's verdict (keeprules.h): kept, and why it was clipped or dropped.
    bool kept = true;
    bool clipped = false;
    // Why, as a template of keeprules.cpp's table (empty: nothing to say)
    // and its values as numbers: the text is written only when read (a mix
    // of 200 objects spent most of its judging time writing reasons nobody
    // read). A reader's language fills the template translated
    // (fillTemplate with reasonValues()).
    std::string_view reasonTemplate;
    std::array<ReasonValue, 2> reasonArgs{};
    int reasonArgCount = 0;
    std::string reason() const;                              // the English text ("8 % visible < 10 %"); keeprules.cpp
    std::map<std::string, std::string> reasonValues() const; // {name}: the value as the text writes it
    // The box that is written: `after`, or for a rule that keeps an object
    // with nothing visible, `before` clipped to the image.
    BoxF box;
};

// Where each source's objects go and how much of each stays visible: the
// sources' objects in their own pixels (A first; a source may have none),
// brought to the draw's mixed size as the sources are (resize or centre
// crop), then through the method's views. A method that selects pixels by a
// map (FMix) has its source map made here again, from the draw. Throws
// cutmix::Error for a method that does not carry objects or a source list
// of the wrong length.
std::vector<CarriedObject> carryObjects(const Draw& d, const std::vector<ImageObjects>& sources);

// The same for objects already in the result's pixels (no draw: the audit
// builds the views from what a mixed image's pixels show): source k's
// objects through views[k]; `map` is the source map a view with mapValue
// reads (CV_8U, the result's size). Throws cutmix::Error for lists of
// different lengths or a view that needs a missing map.
std::vector<CarriedObject> carryThroughViews(const std::vector<SourceView>& views,
                                             const std::vector<std::vector<Object>>& objects, const cv::Mat& map);

// The new ids of a mix's instance masks (`cutmix mix --instances`, and the
// window's): ids[k][j] for source k's object j + 1 (its line in its file),
// the kept objects numbered 1, 2, ... in the order they are listed (the
// order --boxes-out writes them), 0 for a dropped one; what
// renumberedInstances (mixer.h) takes. `sources` lists are made, each as
// long as its source's objects carried.
std::vector<std::vector<int>> keptInstanceIds(const std::vector<CarriedObject>& carried, std::size_t sources);

// The objects of source k at the size it is painted at (the resize
// policy's scale, or the centre crop's shift; Mosaic: its tile's scale).
std::vector<Object> preparedObjects(const ImageObjects& o, const Draw& d, int k = 0);

// The draw for these objects, for a method whose draw depends on them
// (Method::fitObjects: Ultralytics' CutMix); the draw itself for the others.
// minInCut: the share of a pasted box that must lie in the cut (Ultralytics:
// 0.1, 0.01 with segments).
Draw fitToObjects(const Draw& d, const std::vector<ImageObjects>& sources, double minInCut);

// Helpers for the methods' carry hooks: views of the result as the
// union of disjoint boxes.
// The parts of `region` not covered by any of `covers`.
std::vector<Box> uncovered(const Box& region, const std::vector<Box>& covers);
// Boxes pasted in order (later over earlier) on an image of `size`: the
// visible parts of the image (first) and of each paste.
std::vector<std::vector<Box>> visibleParts(Size size, const std::vector<Box>& pastesInOrder);

// Checks that the objects lie inside their image, have a positive size and
// finite coordinates, and a class in [0, numClasses) when numClasses > 0;
// throws cutmix::Error naming `what` (a file) and the object's number.
void checkObjects(const ImageObjects& o, int numClasses, const std::string& what);

} // namespace cutmix
