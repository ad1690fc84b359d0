#include "animate.h"

#include "animation.h"
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

cv::Mat animationFrame(const std::vector<cv::Mat>& prepared, const Draw& d, const AnimationSpec& s, Size frame,
                       const std::vector<CarriedObject>& objects)
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
        outlineObjects(p, all, d.size, objects);
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
                    const AnimationSpec& s, const std::function<bool(int, int)>& progress, const ObjectInput& objects)
{
    const AnimationFormat format = animationFormatFor(path);
    checkAnimationSpec(s);
    if (images.size() < 2)
        throw Error("an animation mixes at least two images");
    std::vector<Size> imageSizes;
    for (const cv::Mat& m : images)
        imageSizes.push_back(sizeOf(m));
    const ObjectInput read = readObjectInput(objects, imageSizes, {}, p.numClasses);
    std::vector<cv::Mat> prepared = prepareSources(images, p.resize);
    // Frames are 8-bit colour whatever the sources are.
    for (cv::Mat& m : prepared)
        m = convertLike(m, CV_8U, 3);
    std::vector<Size> sizes;
    for (const cv::Mat& m : prepared)
        sizes.push_back(sizeOf(m));
    const std::vector<Draw> draws = animationDraws(p, sizes, s);
    const Size frame = frameSize(draws.front().size, s, format);
    checkAnimationSize(frame, int(draws.size()));
    AnimationWriter writer(path, frame, s.fps, s.quality);
    for (int k = 0; k < int(draws.size()); ++k) {
        if (progress && !progress(k, int(draws.size())))
            return false; // the writer removes its temporary file
        Draw d = draws[std::size_t(k)];
        std::vector<CarriedObject> carried;
        if (read.hasObjects())
            carried = carryAndJudge(d, read);
        writer.add(animationFrame(prepared, d, s, frame, carried));
    }
    writer.finish();
    if (progress)
        progress(int(draws.size()), int(draws.size()));
    return true;
}

} // namespace cutmix::render
