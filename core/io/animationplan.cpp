#include "animationplan.h"

#include "beta.h"
#include "betadist.h"
#include "enumnames.h"
#include "error.h"
#include "imageio.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

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
    checkMixesPair(p); // Mosaic's canvas is not an animation of a pair
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

namespace
{

std::string megapixels(double pixels)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f megapixels", pixels / 1e6);
    return buf;
}

} // namespace

Size frameSize(Size mixed, const AnimationSpec& s, AnimationFormat format)
{
    checkSize(mixed);
    Size f = mixed;
    if (s.width > 0 && s.width != mixed.width) {
        // In double first: a tall image scaled to a wide frame has a height
        // no int holds.
        const double height = std::max(1.0, std::round(double(mixed.height) * s.width / mixed.width));
        if (double(s.width) * height > double(maxImagePixels()))
            throw Error("a frame " + std::to_string(s.width) + " wide would be " + megapixels(s.width * height) +
                        " (the images' shape), more than the limit of " + megapixels(double(maxImagePixels())) +
                        " (set CUTMIX_MAX_PIXELS to allow more)");
        f.width = s.width;
        f.height = int(height);
    }
    if (format == AnimationFormat::Mp4) {
        f.width = std::max(2, f.width - f.width % 2);
        f.height = std::max(2, f.height - f.height % 2);
    }
    return f;
}

std::uint64_t maxAnimationPixels()
{
    return 2 * maxImagePixels();
}

void checkAnimationSize(Size frame, int frames)
{
    checkSize(frame);
    const double pixels = double(frame.width) * double(frame.height);
    if (pixels > double(maxImagePixels()))
        throw Error("a frame of " + std::to_string(frame.width) + "x" + std::to_string(frame.height) + " is " +
                    megapixels(pixels) + ", more than the limit of " + megapixels(double(maxImagePixels())) +
                    " (set CUTMIX_MAX_PIXELS to allow more)");
    const double all = pixels * frames;
    if (all > double(maxAnimationPixels()))
        throw Error(std::to_string(frames) + " frames of " + std::to_string(frame.width) + "x" +
                    std::to_string(frame.height) + " are " + megapixels(all) + ", more than an animation may hold (" +
                    megapixels(double(maxAnimationPixels())) +
                    ": it would take hours, and a WebP is held in memory until it is assembled); use fewer frames "
                    "or smaller ones (twice CUTMIX_MAX_PIXELS is the limit)");
}

} // namespace cutmix
