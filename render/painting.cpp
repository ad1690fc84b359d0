#include "painting.h"

#include <QPainter>

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
    if (d.method->region != Region::Box)
        return;
    p.save();
    p.setBrush(Qt::NoBrush);
    outlineBox(p, imageRect, d.size, d.geometry.box);
    for (const SourceBox& s : d.extra)
        outlineBox(p, imageRect, d.size, s.geometry.box);
    p.restore();
}

} // namespace cutmix::render
