#include "animationplan.h"

#include "beta.h"
#include "betadist.h"
#include "enumnames.h"
#include "error.h"

#include <algorithm>
#include <cmath>

namespace cutmix
{

namespace
{

constexpr EnumNames<Sweep, 3> kSweepNames{{{Sweep::Alpha, "alpha"}, {Sweep::Draws, "draws"}, {Sweep::Lam, "lam"}}};
constexpr int kMostFrames = 10000;

} // namespace

Sweep parseSweep(std::string_view name)
{
    return parseEnum(kSweepNames, name, "sweep");
}

void checkAnimationSpec(const AnimationSpec& s)
{
    if (s.frames < 1 || s.frames > kMostFrames)
        throw Error("an animation has 1 to " + std::to_string(kMostFrames) + " frames", Setting::Count);
    if (!(s.fps > 0.0 && s.fps <= 100.0))
        throw Error("the frame rate must be between 0 and 100 frames per second");
    if (s.width < 0 || s.width > 8192)
        throw Error("the frame width must be 0 (the image's) to 8192", Setting::Size);
    if (s.quality < 1 || s.quality > 100)
        throw Error("the quality must be between 1 and 100", Setting::Quality);
    if (s.sweep == Sweep::Alpha) {
        checkAlpha(s.from);
        checkAlpha(s.to);
    }
    if (s.sweep == Sweep::Lam && !(s.from >= 0.0 && s.from <= 1.0 && s.to >= 0.0 && s.to <= 1.0))
        throw Error("a sweep of lam goes between values in [0, 1]", Setting::Lam);
}

std::vector<double> sweepValues(const Params& p, const AnimationSpec& s)
{
    std::vector<double> v;
    for (int k = 0; k < s.frames; ++k) {
        const double t = s.frames == 1 ? 0.0 : double(k) / double(s.frames - 1);
        switch (s.sweep) {
        case Sweep::Alpha: // log-spaced
            v.push_back(std::exp(std::log(s.from) + t * (std::log(s.to) - std::log(s.from))));
            break;
        case Sweep::Lam:
            v.push_back(s.from + t * (s.to - s.from));
            break;
        case Sweep::Draws:
            v.push_back(double(p.index + std::uint64_t(k)));
            break;
        }
    }
    return v;
}

std::vector<Draw> animationDraws(const Params& p, const std::vector<Size>& sizes, const AnimationSpec& s)
{
    checkAnimationSpec(s);
    checkParams(p);
    const int sources = sourceCount(p) < 2 ? 2 : sourceCount(p);
    std::vector<Draw> draws;
    const std::vector<double> values = sweepValues(p, s);
    // What "hold the draw" keeps: the uniforms behind this draw's lams.
    const RandomInputs own = drawInputs(p.seed, p.index, p.alpha, sources);
    const std::vector<double> held = heldUniforms(own, p.alpha);
    for (int k = 0; k < s.frames; ++k) {
        Params q = p;
        RandomInputs in;
        switch (s.sweep) {
        case Sweep::Alpha:
            q.alpha = values[std::size_t(k)];
            in = heldInputs(p.seed, p.index, q.alpha, held.front(), std::vector<double>(held.begin() + 1, held.end()));
            break;
        case Sweep::Draws:
            q.index = p.index + std::uint64_t(k);
            in = drawInputs(q.seed, q.index, q.alpha, sources);
            break;
        case Sweep::Lam:
            in = own;
            in.lam = std::clamp(values[std::size_t(k)], 1e-12, 1.0 - 1e-12);
            in.logit = std::log(in.lam) - std::log1p(-in.lam);
            break;
        }
        draws.push_back(makeDraw(q, sizes, in));
    }
    return draws;
}

Size frameSize(Size mixed, const AnimationSpec& s, AnimationFormat format)
{
    Size f = mixed;
    if (s.width > 0 && s.width != mixed.width) {
        f.width = s.width;
        f.height = std::max(1, int(std::lround(double(mixed.height) * s.width / mixed.width)));
    }
    if (format == AnimationFormat::Mp4) {
        f.width = std::max(2, f.width - f.width % 2);
        f.height = std::max(2, f.height - f.height % 2);
    }
    return f;
}

} // namespace cutmix
