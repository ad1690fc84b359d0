#include "animation.h"

#include "error.h"
#include "imageio.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <gif_lib.h>
#include <libimagequant.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <unistd.h>
#include <vector>
#include <webp/encode.h>
#include <webp/mux.h>

// OpenMP's own declaration (omp.h), weak: see oneQuantiserThread().
extern "C" void omp_set_num_threads(int) __attribute__((weak));

namespace cutmix
{

namespace fs = std::filesystem;

namespace
{

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace

AnimationFormat animationFormatFor(const fs::path& path)
{
    const std::string e = lower(path.extension().string());
    if (e == ".gif")
        return AnimationFormat::Gif;
    if (e == ".webp")
        return AnimationFormat::WebP;
    if (e == ".mp4")
        return AnimationFormat::Mp4;
    throw Error(quotePath(path) + ": unknown animation format (use .gif, .webp or .mp4)", Setting::Format);
}

class AnimationWriter::Encoder
{
public:
    virtual ~Encoder() = default;
    virtual void add(const cv::Mat& bgr) = 0;
    virtual void finish() = 0;
};

namespace
{

// libimagequant's OpenMP runtime told to use one thread. The function is
// looked up where the dynamic linker finds it, in the runtime
// libimagequant itself loads (Debian's: libgomp), rather than linked from an
// OpenMP of this build's compiler: a clang build linked LLVM's libomp, whose
// omp_set_num_threads never reached libgomp, and its GIFs changed with the
// number of cores. Absent (a libimagequant without OpenMP): one thread already.
void oneQuantiserThread()
{
    if (omp_set_num_threads)
        omp_set_num_threads(1);
}

// GIF: a looping animation, each frame with its own 256-colour palette.
class GifEncoder : public AnimationWriter::Encoder
{
public:
    GifEncoder(const fs::path& tmp, const fs::path& name, Size size, double fps) : name_(name), size_(size)
    {
        int error = 0;
        // Opened here (giflib would make the file readable by its owner only).
        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0)
            throw Error(quotePath(name) + ": cannot be created (" + std::strerror(errno) + ")");
        gif_ = EGifOpenFileHandle(fd, &error);
        if (!gif_) {
            ::close(fd);
            throw Error(quotePath(name) + ": cannot be created (" + GifErrorString(error) + ")");
        }
        EGifSetGifVersion(gif_, true);
        delay_ = std::max(2, int(std::lround(100.0 / fps))); // centiseconds
        check(EGifPutScreenDesc(gif_, size.width, size.height, 8, 0, nullptr));
        // NETSCAPE2.0: loop forever.
        static const unsigned char app[] = "NETSCAPE2.0";
        const unsigned char loop[3] = {1, 0, 0};
        check(EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE));
        check(EGifPutExtensionBlock(gif_, 11, app));
        check(EGifPutExtensionBlock(gif_, 3, loop));
        check(EGifPutExtensionTrailer(gif_));
    }
    ~GifEncoder() override
    {
        if (gif_) {
            int error = 0;
            EGifCloseFile(gif_, &error);
        }
    }
    void add(const cv::Mat& bgr) override
    {
        cv::Mat rgba;
        cv::cvtColor(bgr, rgba, cv::COLOR_BGR2RGBA);
        // libimagequant parallelises with OpenMP; one thread keeps the bytes
        // independent of the machine.
        oneQuantiserThread();
        liq_attr* attr = liq_attr_create();
        liq_set_max_colors(attr, 256);
        liq_set_speed(attr, 7);
        liq_image* image = liq_image_create_rgba(attr, rgba.data, rgba.cols, rgba.rows, 0);
        liq_result* result = nullptr;
        if (!image || liq_image_quantize(image, attr, &result) != LIQ_OK) {
            if (image)
                liq_image_destroy(image);
            liq_attr_destroy(attr);
            throw Error(quotePath(name_) + ": the colour quantiser failed on a frame");
        }
        liq_set_dithering_level(result, 1.0f);
        std::vector<unsigned char> indices(std::size_t(rgba.cols) * std::size_t(rgba.rows));
        liq_write_remapped_image(result, image, indices.data(), indices.size());
        const liq_palette* palette = liq_get_palette(result);
        std::vector<GifColorType> colours(256, GifColorType{0, 0, 0});
        for (unsigned k = 0; k < palette->count && k < 256; ++k)
            colours[k] = GifColorType{palette->entries[k].r, palette->entries[k].g, palette->entries[k].b};
        liq_result_destroy(result);
        liq_image_destroy(image);
        liq_attr_destroy(attr);

        GraphicsControlBlock gcb{};
        gcb.DisposalMode = DISPOSE_DO_NOT;
        gcb.UserInputFlag = false;
        gcb.DelayTime = delay_;
        gcb.TransparentColor = NO_TRANSPARENT_COLOR;
        GifByteType extension[4];
        const std::size_t length = EGifGCBToExtension(&gcb, extension);
        check(EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, int(length), extension));
        ColorMapObject* map = GifMakeMapObject(256, colours.data());
        const int ok = EGifPutImageDesc(gif_, 0, 0, size_.width, size_.height, false, map);
        GifFreeMapObject(map);
        check(ok);
        for (int y = 0; y < size_.height; ++y)
            check(EGifPutLine(gif_, indices.data() + std::size_t(y) * std::size_t(size_.width), size_.width));
    }
    void finish() override
    {
        int error = 0;
        const int ok = EGifCloseFile(gif_, &error);
        gif_ = nullptr;
        if (ok != GIF_OK)
            throw Error(quotePath(name_) + ": cannot be written (" + GifErrorString(error) + ")");
    }

private:
    void check(int ok)
    {
        if (ok != GIF_OK)
            throw Error(quotePath(name_) + ": cannot be written (" + GifErrorString(gif_->Error) + ")");
    }
    fs::path name_;
    Size size_;
    GifFileType* gif_ = nullptr;
    int delay_ = 10;
};

// Animated WebP: each frame a whole lossy WebP image (the quality given)
// pushed into libwebp's muxer. The animation encoder would merge frames that
// look alike; an animation here has exactly the frames asked for.
class WebPEncoder : public AnimationWriter::Encoder
{
public:
    WebPEncoder(const fs::path& tmp, const fs::path& name, Size size, double fps, int quality)
        : tmp_(tmp), name_(name), size_(size), quality_(quality)
    {
        mux_ = WebPMuxNew();
        if (!mux_)
            throw Error(quotePath(name) + ": the WebP muxer could not start");
        WebPMuxAnimParams params{};
        params.bgcolor = 0xFFFFFFFF;
        params.loop_count = 0;
        if (WebPMuxSetAnimationParams(mux_, &params) != WEBP_MUX_OK)
            throw Error(quotePath(name) + ": the WebP muxer refused the animation");
        frameMs_ = std::max(1, int(std::lround(1000.0 / fps)));
    }
    ~WebPEncoder() override
    {
        if (mux_)
            WebPMuxDelete(mux_);
    }
    void add(const cv::Mat& bgr) override
    {
        uint8_t* encoded = nullptr;
        const std::size_t size =
            WebPEncodeBGR(bgr.data, size_.width, size_.height, int(bgr.step), float(quality_), &encoded);
        if (size == 0)
            throw Error(quotePath(name_) + ": the WebP encoder refused a frame");
        WebPMuxFrameInfo frame{};
        frame.bitstream.bytes = encoded;
        frame.bitstream.size = size;
        frame.duration = frameMs_;
        frame.id = WEBP_CHUNK_ANMF;
        frame.dispose_method = WEBP_MUX_DISPOSE_NONE;
        frame.blend_method = WEBP_MUX_NO_BLEND;
        const WebPMuxError pushed = WebPMuxPushFrame(mux_, &frame, 1);
        WebPFree(encoded);
        if (pushed != WEBP_MUX_OK)
            throw Error(quotePath(name_) + ": the WebP muxer refused a frame");
    }
    void finish() override
    {
        WebPData data;
        WebPDataInit(&data);
        if (WebPMuxAssemble(mux_, &data) != WEBP_MUX_OK)
            throw Error(quotePath(name_) + ": the WebP animation could not be assembled");
        std::ofstream out(tmp_, std::ios::binary);
        out.write(reinterpret_cast<const char*>(data.bytes), std::streamsize(data.size));
        WebPDataClear(&data);
        out.close();
        if (!out)
            throw Error(quotePath(name_) + ": cannot be written");
    }

private:
    fs::path tmp_, name_;
    Size size_;
    int quality_;
    WebPMux* mux_ = nullptr;
    int frameMs_ = 100;
};

// MP4 through OpenCV's FFmpeg backend, MPEG-4 Part 2 ('mp4v').
class Mp4Encoder : public AnimationWriter::Encoder
{
public:
    Mp4Encoder(const fs::path& tmp, const fs::path& name, Size size, double fps) : name_(name)
    {
        if (size.width % 2 || size.height % 2)
            throw Error(quotePath(name) + ": MP4 needs an even width and height (got " + std::to_string(size.width) +
                            "x" + std::to_string(size.height) + ")",
                        Setting::Size);
        writer_.open(tmp.string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), fps,
                     cv::Size(size.width, size.height));
        if (!writer_.isOpened())
            throw Error(quotePath(name) + ": cannot be created (OpenCV has no MP4 writer here)");
    }
    void add(const cv::Mat& bgr) override { writer_.write(bgr); }
    void finish() override { writer_.release(); }

private:
    fs::path name_;
    cv::VideoWriter writer_;
};

} // namespace

AnimationWriter::AnimationWriter(const fs::path& path, Size size, double fps, int quality) : path_(path), size_(size)
{
    const AnimationFormat format = animationFormatFor(path);
    checkSize(size);
    if (!(fps > 0.0 && fps <= 100.0))
        throw Error("the frame rate must be between 0 and 100 frames per second");
    if (quality < 1 || quality > 100)
        throw Error("the quality must be between 1 and 100", Setting::Quality);
    tmp_ = temporaryPathFor(path);
    switch (format) {
    case AnimationFormat::Gif:
        encoder_ = std::make_unique<GifEncoder>(tmp_, path, size, fps);
        break;
    case AnimationFormat::WebP:
        encoder_ = std::make_unique<WebPEncoder>(tmp_, path, size, fps, quality);
        break;
    case AnimationFormat::Mp4:
        encoder_ = std::make_unique<Mp4Encoder>(tmp_, path, size, fps);
        break;
    }
}

AnimationWriter::~AnimationWriter()
{
    encoder_.reset();
    if (!finished_) {
        std::error_code ec;
        fs::remove(tmp_, ec);
    }
}

void AnimationWriter::add(const cv::Mat& bgr)
{
    if (bgr.type() != CV_8UC3 || bgr.cols != size_.width || bgr.rows != size_.height)
        throw Error("an animation frame must be 8-bit BGR of " + std::to_string(size_.width) + "x" +
                    std::to_string(size_.height));
    encoder_->add(bgr);
    ++frames_;
}

void AnimationWriter::finish()
{
    if (frames_ == 0)
        throw Error(quotePath(path_) + ": an animation needs at least one frame");
    encoder_->finish();
    encoder_.reset();
    placeFinished(tmp_, path_);
    finished_ = true;
}

} // namespace cutmix
