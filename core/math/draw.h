// One draw: the parameters a user sets, the random inputs that seed and
// index determine, and what came out (box, weights). The draw's JSON record
// is built in record.h; presets (the parameters as JSON) are here.
#pragma once

#include "box.h"
#include "method.h"
#include "params.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

// How a pair of different sizes is brought to one size before mixing.
enum class ResizePolicy {
    ResizeB,    // B is resized to A's size (the default)
    CenterCrop, // both are centre-cropped to the common width and height
};
std::string_view resizePolicyName(ResizePolicy p);
ResizePolicy parseResizePolicy(std::string_view name);
Size mixedSize(Size a, Size b, ResizePolicy p);

// Cutout's fill: one value, or uniform noise from the draw's own stream.
enum class CutoutFill { Constant, Noise };
std::string_view cutoutFillName(CutoutFill f);
CutoutFill parseCutoutFill(std::string_view name);

// How MixUp rounds a blend back to 8 or 16 bits: as timm's fast collate does
// (float32 blend, np.rint: round half to even), or in double precision with
// the same rounding.
enum class MixupRounding { Timm, Exact };
std::string_view roundingName(MixupRounding r);
MixupRounding parseRounding(std::string_view name);

constexpr int kMaxSources = 8;

// What a user sets for a draw. The parameters many parts of the tool read
// are fields; those only their method reads are kept by setting in `own`
// (params.h: the table of every parameter, its default and its range).
struct Params {
    const Method* method = &defaultMethod();
    double alpha = 1.0;
    std::optional<bool> correctLam; // unset: what the library does by default
    int sources = 2;                // CutMix: images mixed by one draw, 2..kMaxSources
    ResizePolicy resize = ResizePolicy::ResizeB;
    double smoothing = 0.0;
    int numClasses = 0; // 0: as many as the classes named
    std::uint64_t seed = 0;
    std::uint64_t index = 0;
    ParamValues own; // minmax, scale, decay, cutout_size, fill, fill_value, rounding

    double number(Setting s) const { return own[s].a; }
    int whole(Setting s) const { return static_cast<int>(own[s].a); }
    MinMax range(Setting s) const { return {own[s].a, own[s].b}; }
    template <typename E> E choice(Setting s) const { return static_cast<E>(static_cast<int>(own[s].a)); }
    void setNumber(Setting s, double v) { own[s].a = v; }
    void setRange(Setting s, MinMax r) { own[s] = {r.lo, r.hi, 0}; }
    template <typename E> void setChoice(Setting s, E v) { own[s].a = static_cast<int>(v); }
};

// Throws cutmix::Error naming the first bad parameter.
void checkParams(const Params& p);
// The correction actually applied: the explicit switch where the entry has
// one, else the library's own behaviour.
bool effectiveCorrection(const Params& p);

// Everything random about one draw. The uniforms come first in the stream, so
// the box position of (seed, index) does not move when only alpha changes.
struct RandomInputs {
    double lam = 0.0;
    double logit = 0.0;        // log(lam / (1 - lam)), exact where lam rounds to 0 or 1
    std::array<double, 4> u{}; // in [0, 1): position x, y; drawn cut w, h (ResizeMix: scale in u[2])
    // Set when lam was not drawn but taken from a held uniform through the
    // Beta quantile ("hold the draw" in the window).
    std::optional<double> heldU;
    // Multi-source CutMix: the inputs of sources 3, 4, ... (each its own
    // stream, so that source B's draw is the two-source draw).
    std::vector<RandomInputs> extra;
};
RandomInputs drawInputs(std::uint64_t seed, std::uint64_t index, double alpha, int sources = 2);
// The inputs of (seed, index) with lam = Beta quantile of a held uniform (for
// B, and for each further source): dragging alpha then moves lam smoothly
// while the positions stay.
RandomInputs heldInputs(std::uint64_t seed, std::uint64_t index, double alpha, double u,
                        const std::vector<double>& extraU = {});
// The uniforms that give the lams of these inputs back under this alpha (the
// Beta CDF): what "hold" keeps.
std::vector<double> heldUniforms(const RandomInputs& in, double alpha);

// A further source of multi-source CutMix: its lam and its box.
struct SourceBox {
    double lamSampled = 0.0;
    Geometry geometry;
};

struct Draw {
    Params params;          // what the draw was made with, seed and index included
    bool correctLam = true; // the correction applied: the params' switch, else the library's own
    int sources = 2;        // the images it mixes (Cutout: 1, A alone)
    RandomInputs inputs;
    double lamSampled = 0.0;
    double lam = 0.0;             // the weight of A's label, as the method (or library) reports it
    double lamAdj = 0.0;          // the true share of A in the result's pixels
    Geometry geometry;            // the box (CutMix: of source B; ResizeMix: the patch; Cutout: the filled square)
    double tau = 0.0;             // ResizeMix: the patch scale
    std::int64_t maskCount = 0;   // FMix: pixels taken from A
    std::vector<SourceBox> extra; // CutMix sources 3, 4, ..., pasted in order after B
    // The reported weight of each source's label (A, B, ...), summing to 1.
    std::vector<double> weights;
    Size size; // of the mixed image
    Size sizeA;
    Size sizeB;
    std::vector<Size> sourceSizes; // every source's size as given, A first
    // A method's own regions: Mosaic's tiles (where each source lands on the
    // canvas, A first), Ultralytics' CutMix's candidate cuts (with their λ).
    std::vector<SourceBox> regions;
    int chosen = -1;     // Ultralytics' CutMix: the candidate pasted (-1: none)
    std::string skipped; // why the method mixed nothing (empty when it mixed)

    const Method& method() const { return *params.method; }
};

// The size of the mixed image for sources of these sizes (A first).
Size mixedSize(const std::vector<Size>& sizes, ResizePolicy p);
// The record of a CutMix draw whose box is known (given explicitly).
Draw recordDraw(const Params& p, Size sizeA, Size sizeB, const RandomInputs& in, const Geometry& g);
// The draw the entry makes for these random inputs, for sources of these
// sizes (A, B, and more for multi-source CutMix).
Draw makeDraw(const Params& p, const std::vector<Size>& sizes, const RandomInputs& in);
Draw makeDraw(const Params& p, Size sizeA, Size sizeB, const RandomInputs& in);
// drawInputs + makeDraw for p.seed and p.index.
Draw sampleDraw(const Params& p, const std::vector<Size>& sizes);
Draw sampleDraw(const Params& p, Size sizeA, Size sizeB);
// How many sources a draw of these parameters mixes (Cutout: 1, A alone;
// multi-source CutMix: p.sources; Mosaic: 4; otherwise 2).
int sourceCount(const Params& p);
// Throws cutmix::Error unless the method mixes a pair, as the window's
// exports, grids, batches and comparisons do (Mosaic mixes four images onto
// a canvas of its own size: `cutmix mix`, `cutmix export` and the window's
// pair view make it).
void checkMixesPair(const Params& p);

// Presets: the parameters (and seed) as JSON, shared by window and CLI.
nlohmann::json paramsToJson(const Params& p);
// Throws cutmix::Error naming the bad key.
Params paramsFromJson(const nlohmann::json& j);
// The same from JSON text (window settings); errors say what is wrong.
Params paramsFromText(const std::string& text);
// Preset files; errors name the file.
Params loadPreset(const std::filesystem::path& path);
void savePreset(const std::filesystem::path& path, const Params& p);

} // namespace cutmix
