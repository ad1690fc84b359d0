// The registry of mixing methods: one entry per CutMix convention (the
// official code, timm, torchvision, Keras-CV, Kornia), each holding its name,
// what it is, how its random inputs become a box, the weight it reports,
// which parameters it takes, and the formula lines the read-out fills in.
// The command line's choices and help, the window's controls and tooltips,
// the read-out and the tests are all derived from this list: adding a
// convention is one entry in methods.cpp plus its tests.
#pragma once

#include "box.h"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

// How the box is placed: around a sampled centre and clipped at the
// borders, or from a sampled top-left corner so that it always lies inside.
enum class Placement { Centre, Corner };

// Parameters an entry takes besides alpha, seed and index.
enum class Parameter {
    CorrectLam, // a switch between the raw and the corrected weight
    MinMax,     // the cut range of timm's cutmix_minmax
};

struct Method {
    std::string_view family;      // the mixing method: "cutmix"
    std::string_view name;        // unique in the registry: what --convention and presets take
    std::string_view library;     // whose code it reproduces
    std::string_view description; // one line, for help texts and tooltips
    Placement placement = Placement::Centre;
    // The cut size is drawn from the cut range, not computed from lam.
    bool drawsCut = false;
    bool correctsByDefault = true;
    std::span<const Parameter> parameters;

    // The cut side lengths for lam (entries that compute their cut).
    Size (*cutFor)(Size image, double lam) = nullptr;
    // The drawn cut from two uniforms in [0, 1) (entries with drawsCut).
    Size (*drawCut)(Size image, MinMax range, double uw, double uh) = nullptr;
    // The centre (Placement::Centre) or top-left corner (Corner) that two
    // uniforms in [0, 1) give.
    Point (*position)(Size image, Size cut, double ux, double uy) = nullptr;
    // The box of that cut at that centre or corner.
    Geometry (*place)(Size image, Size cut, Point at) = nullptr;
    // The weight of A's label that the library reports.
    double (*weight)(const Geometry& g, Size image, double lam, bool corrected) = nullptr;

    // The read-out's lines for the box, with {names} filled from the draw
    // (see describe.h for the names), and the reported weight described,
    // raw and corrected.
    std::span<const std::string_view> formula;
    std::string_view weightRaw;
    std::string_view weightCorrected;
    // Where the library does something surprising: when quirkApplies(box),
    // the read-out adds the quirk line.
    bool (*quirkApplies)(const Geometry& g) = nullptr;
    std::string_view quirk;

    bool takes(Parameter p) const;
    bool hasCorrectionSwitch() const { return takes(Parameter::CorrectLam); }

    // The box for explicit inputs: lam, and the centre or the top-left
    // corner; entries that draw their cut take it as `cut`. Throws
    // cutmix::Error for inputs the entry cannot use.
    Geometry boxFor(Size image, double lam, Point at, std::optional<Size> cut = std::nullopt) const;
    // The box for random inputs: four uniforms in [0, 1) (position x, y;
    // drawn cut w, h) and lam.
    Geometry boxFromUniforms(Size image, double lam, const std::array<double, 4>& u, MinMax range) const;
};

// Every entry, in the order the window and the help list them.
const std::vector<Method>& methods();
// The default: the official code.
const Method& defaultMethod();
// Throws cutmix::Error naming the accepted names.
const Method& methodNamed(std::string_view name);
// "official, official-raw, ..." for help texts and messages.
std::string methodNames();

} // namespace cutmix
