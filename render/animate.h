// Animations for slides (File > Export animation, `cutmix animate`): a sweep
// of alpha with the draw held (log-spaced), a run of draws, or a sweep of lam
// itself, each frame the mix with optional overlays (the box, the map of
// sources, the numbers as a caption), written as GIF, animated WebP or MP4
// (core/animation.h). The same arguments give the same frames, and for GIF
// and WebP the same bytes. QtGui only: the CLI uses it without a window.
#pragma once

#include "animation.h"
#include "draw.h"

#include <filesystem>
#include <functional>
#include <opencv2/core.hpp>
#include <string_view>
#include <vector>

namespace cutmix::render
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
// for MP4).
Size frameSize(Size mixed, const AnimationSpec& s, AnimationFormat format);
// One frame: the mix of prepared sources under d, scaled to `frame`, with the overlays.
cv::Mat animationFrame(const std::vector<cv::Mat>& prepared, const Draw& d, const AnimationSpec& s, Size frame);

// Writes the animation of these images (as decoded; A first). `progress`
// gets (frames done, total) and returns false to cancel, in which case
// nothing is left behind and false is returned. Throws cutmix::Error.
bool writeAnimation(const std::filesystem::path& path, const std::vector<cv::Mat>& images, const Params& p,
                    const AnimationSpec& s, const std::function<bool(int, int)>& progress = {});

} // namespace cutmix::render
