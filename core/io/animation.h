// Writing an animation frame by frame: GIF (giflib, each frame quantised to
// 256 colours by libimagequant with dithering), animated WebP (libwebp, each
// frame whole, through its muxer) or MP4 (OpenCV's VideoWriter, MPEG-4 Part 2). Frames are
// 8-bit BGR images of one size. The file is written under a temporary name
// and renamed when finished: never half-written under its own name. GIF and
// WebP bytes depend only on the frames (the quantiser runs single-threaded).
#pragma once

#include "box.h"

#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <string_view>

namespace cutmix
{

enum class AnimationFormat { Gif, WebP, Mp4 };
// From the extension (.gif, .webp, .mp4); throws cutmix::Error naming the file otherwise.
AnimationFormat animationFormatFor(const std::filesystem::path& path);

class AnimationWriter
{
public:
    // Throws cutmix::Error naming the file when it cannot be created, or for
    // a bad size, frame rate or quality (1..100, for WebP and MP4).
    AnimationWriter(const std::filesystem::path& path, Size size, double fps, int quality = 90);
    ~AnimationWriter(); // an unfinished file is removed
    AnimationWriter(const AnimationWriter&) = delete;
    AnimationWriter& operator=(const AnimationWriter&) = delete;

    void add(const cv::Mat& bgr); // 8-bit, 3 channels, the writer's size
    // Completes the file and gives it its name.
    void finish();
    int frames() const { return frames_; }

    class Encoder; // one per format, in animation.cpp

private:
    std::filesystem::path path_;
    std::filesystem::path tmp_;
    std::unique_ptr<Encoder> encoder_;
    Size size_;
    int frames_ = 0;
    bool finished_ = false;
};

} // namespace cutmix
