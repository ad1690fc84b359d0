// The plan of an animation for slides (File > Export animation, `cutmix
// animate`): what it sweeps (alpha with the draw held, a run of draws, or lam
// itself), its frames' draws and their size. render/animate.h paints the
// frames and writes them.
#pragma once

#include "animation.h"
#include "draw.h"

#include <string_view>
#include <vector>

namespace cutmix
{

enum class Sweep { Alpha, Draws, Lam };
Sweep parseSweep(std::string_view name);

struct AnimationSpec {
    Sweep sweep = Sweep::Alpha;
    double from = 0.1; // alpha or lam at the first frame (not used by a run of draws)
    double to = 10.0;  // at the last frame
    int frames = 60;
    double fps = 10.0;
    bool box = true;
    bool sourceMap = false;
    bool caption = true;
    int width = 0; // of the frames; 0: the mixed image's width (the height follows)
    int quality = 90;
};

// Throws cutmix::Error naming the first bad setting.
void checkAnimationSpec(const AnimationSpec& s);
// The value each frame sweeps (alpha, lam, or the draw's index).
std::vector<double> sweepValues(const Params& p, const AnimationSpec& s);
// The frames' draws: alpha log-spaced from `from` to `to` with the draw of
// (seed, index) held at p.alpha's uniforms; draws index, index + 1, ...; or
// lam linearly spaced with the positions of (seed, index) kept.
std::vector<Draw> animationDraws(const Params& p, const std::vector<Size>& sizes, const AnimationSpec& s);
// The frame size: the mixed size, scaled to the width asked for (even sides
// for MP4). Throws cutmix::Error when one frame would be larger than the
// image readers' pixel limit (maxImagePixels()).
Size frameSize(Size mixed, const AnimationSpec& s, AnimationFormat format);
// The most pixels of all frames together: twice the pixel limit of one
// image (CUTMIX_MAX_PIXELS raises both). GIF and MP4 are written frame by
// frame, but an animated WebP is held in memory until it is assembled, and
// beyond this an animation takes hours (10,000 frames 8192 wide ran with no
// end in sight).
std::uint64_t maxAnimationPixels();
// Throws cutmix::Error saying why, when `frames` frames of `frame` are more
// than that.
void checkAnimationSize(Size frame, int frames);
} // namespace cutmix
