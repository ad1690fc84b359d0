// One draw: the parameters a user sets, the random inputs that seed and
// index determine, and what came out (box, weights). The draw's JSON record
// is built in record.h; presets (the parameters as JSON) are here.
#pragma once

#include "box.h"
#include "method.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

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

struct Params {
    double alpha = 1.0;
    const Method* method = &defaultMethod();
    std::optional<bool> correctLam; // unset: what the library does by default
    MinMax minmax;                  // for entries that draw their cut
    ResizePolicy resize = ResizePolicy::ResizeB;
    std::uint64_t seed = 0;
    std::uint64_t index = 0;
    double smoothing = 0.0;
    int numClasses = 0; // 0: as many as the classes named
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
    std::array<double, 4> u{}; // in [0, 1): centre or start x, y; drawn cut w, h
    // Set when lam was not drawn but taken from a held uniform through the
    // Beta quantile ("hold the draw" in the window).
    std::optional<double> heldU;
};
RandomInputs drawInputs(std::uint64_t seed, std::uint64_t index, double alpha);
// The inputs of (seed, index) with lam = Beta quantile of u: dragging alpha
// then moves lam smoothly while the position stays.
RandomInputs heldInputs(std::uint64_t seed, std::uint64_t index, double alpha, double u);

struct Draw {
    std::uint64_t seed = 0;
    std::uint64_t index = 0;
    double alpha = 1.0;
    const Method* method = &defaultMethod();
    bool correctLam = true;
    MinMax minmax;
    RandomInputs inputs;
    double lamSampled = 0.0;
    double lam = 0.0;    // the weight of A's label, as the library reports it
    double lamAdj = 0.0; // 1 - box area / image area: the true share of A
    Geometry geometry;
    Size size; // of the mixed image
    Size sizeA;
    Size sizeB;
    ResizePolicy resize = ResizePolicy::ResizeB;
};

// The pure part: the box the entry places on an image of the mixed size for
// these random inputs.
Geometry geometryFor(const Params& p, Size mixed, const RandomInputs& in);
// The record of a draw whose geometry is known (computed or given).
Draw recordDraw(const Params& p, Size sizeA, Size sizeB, const RandomInputs& in, const Geometry& g);
// geometryFor + recordDraw.
Draw makeDraw(const Params& p, Size sizeA, Size sizeB, const RandomInputs& in);
// drawInputs + makeDraw for p.seed and p.index.
Draw sampleDraw(const Params& p, Size sizeA, Size sizeB);

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
