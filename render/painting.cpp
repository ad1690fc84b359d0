#include "painting.h"

#include <QFontMetrics>
#include <QPainter>
#include <cstdint>
#include <cstring>
#include <iterator>

namespace cutmix::render
{

namespace
{

void outlineBox(QPainter& p, QRect imageRect, Size imageSize, const Box& b)
{
    if (b.area() <= 0)
        return;
    const double sx = double(imageRect.width()) / imageSize.width;
    const double sy = double(imageRect.height()) / imageSize.height;
    const QRectF r(imageRect.x() + b.x1 * sx, imageRect.y() + b.y1 * sy, b.width() * sx, b.height() * sy);
    p.setPen(QPen(QColor(0, 0, 0, 180), 3.0));
    p.drawRect(r);
    p.setPen(QPen(QColor(255, 200, 0), 1.5));
    p.drawRect(r);
}

} // namespace

QRect fitted(QSize image, QRect box)
{
    const QSize s = image.scaled(box.size(), Qt::KeepAspectRatio);
    return QRect(box.x() + (box.width() - s.width()) / 2, box.y() + (box.height() - s.height()) / 2, s.width(),
                 s.height());
}

void outlineDraw(QPainter& p, QRect imageRect, const Draw& d)
{
    if (d.method().region != Region::Box)
        return;
    p.save();
    p.setBrush(Qt::NoBrush);
    outlineBox(p, imageRect, d.size, d.geometry.box);
    for (const SourceBox& s : d.extra)
        outlineBox(p, imageRect, d.size, s.geometry.box);
    p.restore();
}

ObjectLook objectLook(const CarriedObject& o)
{
    if (!o.kept)
        return ObjectLook::Dropped;
    return o.clipped || o.box != o.before ? ObjectLook::Clipped : ObjectLook::Kept;
}

void outlineObjects(QPainter& p, QRect imageRect, Size imageSize, const std::vector<CarriedObject>& objects)
{
    if (objects.empty() || imageSize.width <= 0 || imageSize.height <= 0)
        return;
    const double sx = double(imageRect.width()) / imageSize.width;
    const double sy = double(imageRect.height()) / imageSize.height;
    auto toSheet = [&](const BoxF& b) {
        return QRectF(imageRect.x() + b.x1 * sx, imageRect.y() + b.y1 * sy, b.width() * sx, b.height() * sy);
    };
    p.save();
    p.setBrush(Qt::NoBrush);
    p.setClipRect(imageRect);
    const QColor dropped(230, 40, 40);
    for (const CarriedObject& o : objects) {
        const QRectF r = toSheet(o.kept ? o.box : o.before);
        p.setPen(QPen(QColor(0, 0, 0, 160), 2.5));
        p.drawRect(r);
        const bool clipped = objectLook(o) == ObjectLook::Clipped;
        p.setPen(QPen(o.kept ? sourceColour(o.source) : dropped, 1.2, clipped ? Qt::DashLine : Qt::SolidLine));
        p.drawRect(r);
        if (!o.kept) {
            p.drawLine(r.topLeft(), r.bottomRight());
            p.drawLine(r.topRight(), r.bottomLeft());
        }
    }
    p.restore();
}

QColor sourceColour(int k)
{
    static const QColor colours[] = {QColor(40, 110, 255), QColor(255, 140, 0), QColor(0, 170, 90),
                                     QColor(170, 60, 220), QColor(230, 40, 60), QColor(0, 170, 190),
                                     QColor(220, 200, 0),  QColor(255, 90, 180)};
    if (k >= 0 && k < int(std::size(colours)))
        return colours[k];
    return QColor(128, 128, 128);
}

QImage sourceWash(const QImage& map)
{
    if (map.isNull())
        return {};
    // The map's bytes become colour-table indices.
    const QImage gray = map.convertToFormat(QImage::Format_Grayscale8);
    QImage wash(gray.size(), QImage::Format_Indexed8);
    for (int y = 0; y < gray.height(); ++y)
        std::memcpy(wash.scanLine(y), gray.constScanLine(y), std::size_t(gray.width()));
    QList<QRgb> table(256, qRgba(0, 0, 0, 0));
    for (int k = 0; k < 8; ++k) {
        const QColor c = sourceColour(k);
        table[k] = qRgba(c.red(), c.green(), c.blue(), k == 0 ? 120 : 150);
    }
    table[255] = qRgba(128, 128, 128, 170);
    wash.setColorTable(table);
    return wash;
}

QColor labelColour(int v)
{
    return sourceColour((v - 1) % 8);
}

QImage labelWash(const cv::Mat& labels)
{
    if (labels.empty() || labels.channels() != 1 || (labels.depth() != CV_8U && labels.depth() != CV_16U))
        return {};
    // Premultiplied colours, one per label (the palette repeats every 8).
    QRgb colours[9];
    colours[0] = 0;
    for (int k = 1; k <= 8; ++k) {
        const QColor c = labelColour(k);
        colours[k] = qPremultiply(qRgba(c.red(), c.green(), c.blue(), 130));
    }
    QImage wash(labels.cols, labels.rows, QImage::Format_ARGB32_Premultiplied);
    if (labels.depth() == CV_8U) {
        // A table of all 256 labels: one look-up per pixel.
        QRgb table[256];
        for (int v = 0; v < 256; ++v)
            table[v] = v == 0 ? 0 : colours[(v - 1) % 8 + 1];
        for (int y = 0; y < labels.rows; ++y) {
            auto* out = reinterpret_cast<QRgb*>(wash.scanLine(y));
            const std::uint8_t* in = labels.ptr<std::uint8_t>(y);
            for (int x = 0; x < labels.cols; ++x)
                out[x] = table[in[x]];
        }
        return wash;
    }
    for (int y = 0; y < labels.rows; ++y) {
        auto* out = reinterpret_cast<QRgb*>(wash.scanLine(y));
        const std::uint16_t* in = labels.ptr<std::uint16_t>(y);
        for (int x = 0; x < labels.cols; ++x)
            out[x] = in[x] == 0 ? 0 : colours[(in[x] - 1) % 8 + 1];
    }
    return wash;
}

namespace
{

// Without the ASCII spaces at either end (a no-break space is kept: it is
// part of "55.3 %").
QString withoutSpaces(const QString& s)
{
    qsizetype from = 0, to = s.size();
    while (from < to && s[from] == ' ')
        ++from;
    while (to > from && s[to - 1] == ' ')
        --to;
    return s.mid(from, to - from);
}

} // namespace

QStringList wrapText(const QFontMetrics& fm, const QString& text, int width)
{
    QStringList lines;
    QString rest = withoutSpaces(text);
    while (fm.horizontalAdvance(rest) > width) {
        // The longest start that fits and ends at a break of the kind tried.
        qsizetype end = 0, next = 0;
        for (const QString& gap : {QStringLiteral(" · "), QStringLiteral(" ")}) {
            for (qsizetype k = rest.indexOf(gap); k > 0; k = rest.indexOf(gap, k + 1)) {
                if (fm.horizontalAdvance(rest.left(k)) > width)
                    break;
                end = k;
                next = k + gap.size();
            }
            if (end > 0)
                break;
        }
        if (end == 0) {
            end = 1;
            while (end < rest.size() && fm.horizontalAdvance(rest.left(end + 1)) <= width)
                ++end;
            next = end;
        }
        lines << withoutSpaces(rest.left(end));
        rest = withoutSpaces(rest.mid(next));
    }
    if (!rest.isEmpty() || lines.isEmpty())
        lines << rest;
    return lines;
}

} // namespace cutmix::render
