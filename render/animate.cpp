#include "animate.h"

#include "animation.h"
#include "beta.h"
#include "enumnames.h"
#include "error.h"
#include "format.h"
#include "matimage.h"
#include "mixer.h"
#include "painting.h"

#include <QPainter>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace cutmix::render
{

namespace
{

constexpr EnumNames<Sweep, 3> kSweepNames{{{Sweep::Alpha, "alpha"}, {Sweep::Draws, "draws"}, {Sweep::Lam, "lam"}}};
constexpr int kMostFrames = 10000;

QString captionOf(const Draw& d)
{
    QString t = QString("α %1").arg(d.params.alpha, 0, 'f', 2);
    for (const ShownNumber& n : d.method().numbers)
        t +=
            QString("  %1 %2").arg(QString::fromUtf8(n.symbol.data(), int(n.symbol.size()))).arg(n.value(d), 0, 'f', 3);
    t += QString("  A %1").arg(QString::fromStdString(formatPercent(d.weights.empty() ? d.lam : d.weights[0], 1)));
    return t;
}

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

cv::Mat animationFrame(const std::vector<cv::Mat>& prepared, const Draw& d, const AnimationSpec& s, Size frame)
{
    const cv::Mat mixed = mixDraw(prepared, d);
    QImage image = toQImage(mixed).convertToFormat(QImage::Format_RGB32);
    if (image.width() != frame.width || image.height() != frame.height)
        image = image.scaled(frame.width, frame.height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        const QRect all(0, 0, frame.width, frame.height);
        if (s.sourceMap && hasSourceMap(d)) {
            const cv::Mat map = sourceMap(d);
            const QImage gray(map.data, map.cols, map.rows, int(map.step), QImage::Format_Grayscale8);
            p.drawImage(all, sourceWash(gray.copy()));
        }
        if (s.box)
            outlineDraw(p, all, d);
        if (s.caption) {
            QFont font = p.font();
            font.setPixelSize(std::max(9, std::min(frame.height / 16, frame.width / 30)));
            p.setFont(font);
            const int h = QFontMetrics(font).height() + 8;
            p.fillRect(QRect(0, frame.height - h, frame.width, h), QColor(0, 0, 0, 160));
            p.setPen(Qt::white);
            p.drawText(QRect(8, frame.height - h, frame.width - 16, h), Qt::AlignVCenter | Qt::AlignLeft,
                       QFontMetrics(font).elidedText(captionOf(d), Qt::ElideRight, frame.width - 16));
        }
    }
    // QImage RGB32 is B, G, R, X in memory: the BGR frame drops X.
    const cv::Mat bgrx(image.height(), image.width(), CV_8UC4, image.bits(), std::size_t(image.bytesPerLine()));
    cv::Mat bgr;
    cv::cvtColor(bgrx, bgr, cv::COLOR_BGRA2BGR);
    return bgr;
}

bool writeAnimation(const std::filesystem::path& path, const std::vector<cv::Mat>& images, const Params& p,
                    const AnimationSpec& s, const std::function<bool(int, int)>& progress)
{
    const AnimationFormat format = animationFormatFor(path);
    checkAnimationSpec(s);
    if (images.size() < 2)
        throw Error("an animation mixes at least two images");
    std::vector<cv::Mat> prepared = prepareSources(images, p.resize);
    // Frames are 8-bit colour whatever the sources are.
    for (cv::Mat& m : prepared)
        m = convertLike(m, CV_8U, 3);
    std::vector<Size> sizes;
    for (const cv::Mat& m : prepared)
        sizes.push_back(sizeOf(m));
    const std::vector<Draw> draws = animationDraws(p, sizes, s);
    const Size frame = frameSize(draws.front().size, s, format);
    AnimationWriter writer(path, frame, s.fps, s.quality);
    for (int k = 0; k < int(draws.size()); ++k) {
        if (progress && !progress(k, int(draws.size())))
            return false; // the writer removes its temporary file
        writer.add(animationFrame(prepared, draws[std::size_t(k)], s, frame));
    }
    writer.finish();
    if (progress)
        progress(int(draws.size()), int(draws.size()));
    return true;
}

} // namespace cutmix::render
