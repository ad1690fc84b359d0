// Animations for slides (File > Export animation, `cutmix animate`): a sweep
// of alpha with the draw held (log-spaced), a run of draws, or a sweep of lam
// itself, each frame the mix with optional overlays (the box, the map of
// sources, the numbers as a caption; the objects carried through it, drawn
// as the grid draws them), written as GIF, animated WebP or MP4
// (core/animation.h). The same arguments give the same frames, and for GIF
// and WebP the same bytes. QtGui only: the CLI uses it without a window.
#pragma once

#include "animation.h"
#include "animationplan.h"
#include "draw.h"
#include "objectinput.h"

#include <filesystem>
#include <functional>
#include <opencv2/core.hpp>
#include <string_view>
#include <vector>

namespace cutmix::render
{

// One frame: the mix of prepared sources under d, scaled to `frame`, with the
// overlays, and `objects` (d's, in the mix's pixels) outlined over it as
// the grid outlines a tile's (outlineObjects).
cv::Mat animationFrame(const std::vector<cv::Mat>& prepared, const Draw& d, const AnimationSpec& s, Size frame,
                       const std::vector<CarriedObject>& objects = {});

// Writes the animation of these images (as decoded; A first). With
// `objects` (read already, one list per image: readObjectInput), every
// frame carries them through its draw and judges them by the rule
// (carryAndJudge, the draw fitted to them first where its method asks) and
// draws them. `progress` gets (frames done, total) and returns false to
// cancel, in which case nothing is left behind and false is returned.
// Throws cutmix::Error.
bool writeAnimation(const std::filesystem::path& path, const std::vector<cv::Mat>& images, const Params& p,
                    const AnimationSpec& s, const std::function<bool(int, int)>& progress = {},
                    const ObjectInput& objects = {});

} // namespace cutmix::render
