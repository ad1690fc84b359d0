// The registry of mixing methods: one entry per CutMix convention (the
// official code, timm, torchvision, Keras-CV, Kornia) and per mixing method
// (MixUp, ResizeMix, FMix, Cutout), each holding its name, what it is, which
// parameters it takes, how its random inputs become regions and weights, how
// it paints the result, which source each pixel comes from, and the formula
// lines the read-out fills in, and how the read-outs, captions and overlays
// speak of it. The command line's choices and help, the window's controls,
// tooltips, read-out and overlays and the tests are all derived from this
// list: a method is one file in methods/ (its entries), one line in
// methods/registry.cpp, and its tests. Nothing outside methods/ asks a
// method's name to decide what to do.
#pragma once

#include "box.h"
#include "objects.h"
#include "setting.h"

#include <array>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
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
struct Params;

// How a CutMix box is placed: around a sampled centre and clipped at the
// borders, or from a sampled top-left corner so that it always lies inside.
enum class Placement { Centre, Corner };

// What the result's pixels are: regions taken whole from a source (boxes or
// a mask), or a per-pixel blend.
enum class Region { Box, Mask, Blend };

// The number a method draws and shows over its density: lam from Beta(alpha,
// alpha), the patch scale from Uniform(lo, hi), or nothing.
enum class Drawn { BetaLam, UniformScale, Nothing };

// A CutMix convention's box: how lam and uniforms become the cut, the
// position and the box, and the weight the library reports.
struct BoxRule {
    Placement placement = Placement::Centre;
    // The cut size is drawn from the cut range, not computed from lam.
    bool drawsCut = false;
    Size (*cutFor)(Size image, double lam) = nullptr;
    Size (*drawCut)(Size image, MinMax range, double uw, double uh) = nullptr;
    // The centre (Placement::Centre) or top-left corner (Corner) that two
    // uniforms in [0, 1) give.
    Point (*position)(Size image, Size cut, double ux, double uy) = nullptr;
    Geometry (*place)(Size image, Size cut, Point at) = nullptr;
    double (*weight)(const Geometry& g, Size image, double lam, bool corrected) = nullptr;
};

// Where a box is: given (the centre or the top-left corner itself), or from
// two uniforms in [0, 1) that the convention turns into one as its library
// does (kornia: floor(u * (side - cut - 1)) in float32).
struct BoxPosition {
    std::optional<Point> given;
    double ux = 0.0, uy = 0.0;
};

// The cut of a box: from lam (the conventions that compute it), given, or
// drawn from two uniforms within the cut range (those that draw it).
struct BoxCut {
    std::optional<Size> given;
    bool drawn = false; // uw and uh are set: draw it (the conventions that draw their cut)
    double uw = 0.0, uh = 0.0;
    MinMax range;
    // A cut given by the caller (or none: the convention's own).
    static BoxCut of(std::optional<Size> size)
    {
        BoxCut c;
        c.given = size;
        return c;
    }
};

// A number a method's read-outs show by name (λ, λ_adj, τ), each front end in
// its own precision.
struct ShownNumber {
    std::string_view symbol; // "λ", "λ_adj", "τ"
    double (*value)(const Draw& d) = nullptr;
};

// A number of a draw, in [0, 1], that `cutmix stats` and the window's
// explorer count over many draws (lamstats.h) where the method's weight is
// not a sampled lam: its histogram, its mean and its key.
struct CountedNumber {
    std::string_view key;  // the JSON key: "mean_<key>", histogram "<key>"
    std::string_view name; // the legend's words: "A's tile"
    int source = 0;        // whose colour it is drawn in (a source; 255: the filled region)
    double (*value)(const Draw& d) = nullptr;
    // The number the method draws (ResizeMix's tau), not one that follows
    // from the draw: plotted as a sampled lam is (filled, in its colour, not
    // the source's), under the density it is drawn from.
    bool drawn = false;
};

struct Method {
    std::string_view family;      // the mixing method: "cutmix", "mixup", ...; what --method takes
    std::string_view name;        // unique in the registry: a convention's name, else the family
    std::string_view title;       // the method as people write it: "CutMix", "MixUp", ...
    std::string_view library;     // whose code or paper it follows
    std::string_view description; // one line, for help texts and tooltips
    Region region = Region::Box;
    Drawn drawn = Drawn::BetaLam;
    bool correctsByDefault = true;
    std::span<const Setting> parameters; // the method's rows of the parameter table (params.h)
    BoxRule box;                         // CutMix conventions

    // Whether B is used (Cutout fills A alone), whether B's pixels under the
    // box are the ones in the result (false for ResizeMix, which shrinks all
    // of B into it), whether the source map marks a filled region (255), and
    // whether every pixel of the result is a source's pixel at the same place
    // (boxes and masks: painting 8-bit copies gives the 8-bit result).
    bool usesB = true;
    bool boxOnB = true;
    bool fillsRegion = false;
    bool selectsPixels = false;

    // Makes the draw: from d.size and d.inputs (set), the regions, the
    // weights (d.lam, d.lamAdj, d.weights) and the method's own numbers.
    void (*fill)(const Method& m, const Params& p, Draw& d) = nullptr;
    // Paints the result: sources[0] is A, all of the draw's size and type.
    void (*paint)(const std::vector<cv::Mat>& sources, const Draw& d, cv::Mat& out) = nullptr;
    // The one box of B pasted at its own place into A, when the result is
    // exactly that (two-source CutMix): a redraw then writes only where the
    // old and the new box differ (mixer.h, repaintInto).
    std::optional<Box> (*pastedBox)(const Draw& d) = nullptr;
    // Which source each pixel comes from (8-bit: 0 = A, 1 = B, ...; 255 for
    // a filled region); null for methods whose pixels are blends.
    void (*sourceMap)(const Draw& d, cv::Mat& map) = nullptr;
    // Where each source's pixels land in the result, for carrying objects
    // (objects.h): one view per source, A first; null for a method that
    // carries none.
    void (*objectViews)(const Draw& d, std::vector<SourceView>& views) = nullptr;
    // Paints label images (a class or an instance id per pixel, 8- or
    // 16-bit, one channel, all of the draw's size) so that each pixel's
    // label is that of the source the map names there, resampled by the
    // nearest label where the method scales a source; null where a pixel
    // has no one source (MixUp's blend).
    void (*paintLabels)(const std::vector<cv::Mat>& labels, const Draw& d, cv::Mat& out) = nullptr;
    // Work a later draw with these parameters will need, done ahead of it
    // (FMix's mask for the next sample index), so that the draw itself is
    // quick; the result is the same whether or not this ran. Safe to call on
    // any thread; may be null.
    void (*prepare)(const Params& p, Size size) = nullptr;
    // The images a draw mixes when the method fixes their number (Mosaic:
    // 4, on a canvas of its own size); 0 for a pair (A and B; multi-source
    // CutMix: as many as given). The window, grids, batches, comparisons and
    // exports mix pairs: they offer the methods with 0 here (methodFamilies).
    int images = 0;
    // The size source k is brought to before painting, where it is not the
    // draw's size (Mosaic: its long side s, its aspect kept, resized with
    // linear interpolation as Ultralytics' load_image does); null: every
    // source at the draw's size (mixer.h, prepareSources).
    Size (*sourceSize)(const Draw& d, int k) = nullptr;
    // A draw that depends on the sources' objects (Ultralytics' CutMix takes
    // a candidate cut that overlaps none of A's boxes, and mixes nothing
    // when no box of B has `minInCut` of its area in the cut): remakes the
    // draw for each source's objects at the draw's size. Null for the rest
    // (objects.h, fitToObjects).
    void (*fitObjects)(Draw& d, const std::vector<std::vector<Object>>& objects, double minInCut) = nullptr;
    // Adds the method's own numbers to the draw's record (ResizeMix's tau,
    // FMix's mask count, the boxes of multi-source CutMix); may be null.
    void (*record)(const Draw& d, nlohmann::json& j) = nullptr;

    // Adds the method's own values to those its templates may name (its
    // numbers, as text); may be null.
    void (*values)(const Draw& d, std::map<std::string, std::string>& v) = nullptr;

    // The read-out's lines with {names} filled from the draw (describe.h),
    // and the reported weight described, raw and corrected.
    std::span<const std::string_view> formula;
    std::string_view weightRaw;
    std::string_view weightCorrected;
    // Where the library does something surprising: when quirkApplies(box),
    // the read-out adds the quirk line.
    bool (*quirkApplies)(const Geometry& g) = nullptr;
    std::string_view quirk;
    // The one-line summary of a draw, in parts that are never broken across
    // lines (templates as the formula's; summaryMulti for more than two
    // sources), and the numbers captions and presentation mode show.
    std::span<const std::string_view> summary;
    std::span<const std::string_view> summaryMulti;
    std::span<const ShownNumber> numbers;
    // What many draws are counted as (lamstats.h), where it is not lam
    // (sampled, lam_adj and the reported weight): Mosaic's four tiles'
    // shares, Cutout's erased share, ResizeMix's tau and its patch's share;
    // with the words under their histograms.
    // Empty for the methods whose weight is a lam.
    std::span<const CountedNumber> counted;
    std::string_view countedAxis;

    bool takes(Setting p) const;
    bool mixesPair() const { return images == 0; }
    bool hasCorrectionSwitch() const { return takes(Setting::CorrectLam); }
    // A CutMix convention: the entry places a box by a rule of its library.
    bool isConvention() const { return box.place != nullptr; }

    // A CutMix convention's box for lam, a position and a cut. The draw and
    // `cutmix box` both come here. Throws cutmix::Error for inputs the
    // convention cannot use.
    Geometry boxOf(Size image, double lam, const BoxPosition& at, const BoxCut& cut = {}) const;
};

// Every entry, in the order the window and the help list them: the CutMix
// conventions first, then the other methods.
const std::vector<Method>& methods();
// The default: CutMix as the official code does it.
const Method& defaultMethod();
// An entry by its name (a convention or a method); throws cutmix::Error
// naming the accepted names.
const Method& methodNamed(std::string_view name);
// The entry for a method and, for CutMix, a convention (default: official).
// Throws cutmix::Error for an unknown method, or a convention given to a
// method that has none.
const Method& methodFor(std::string_view method, std::optional<std::string_view> convention = std::nullopt);
// The entries of the same family as m (the CutMix conventions), in order.
std::vector<const Method*> variantsOf(const Method& m);
// The families that mix a pair, in registry order: "cutmix", "mixup", ...
// (what the window, grids, batches, comparisons and exports offer).
std::vector<std::string_view> methodFamilies();
// Every family, those of a fixed number of images (Mosaic) too: what
// `cutmix mix` takes.
std::vector<std::string_view> allMethodFamilies();
// "official, official-raw, ..." (the CutMix conventions), for help texts.
std::string methodNames();
// "cutmix, mixup, ..." (the families that mix a pair).
std::string familyNames();

} // namespace cutmix
