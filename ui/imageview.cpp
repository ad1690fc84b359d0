#include "imageview.h"

#include "matimage.h"
#include "painting.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QStyle>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace cutmix::ui
{

namespace
{

constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 64.0;
constexpr double kStep = 1.25;
// The part of the unclipped box outside the image.
const QColor kFaintExtension(128, 128, 128, 110);

// Two strokes, dark under light, so the outline shows on any image and in
// light and dark palettes alike.
void strokeOutlined(QPainter& p, const QRectF& r, const QColor& colour, Qt::PenStyle style, double scale)
{
    QPen under(QColor(0, 0, 0, 170), 3.0 * scale);
    under.setCosmetic(true);
    p.setPen(under);
    p.drawRect(r);
    QPen over(colour, 1.5 * scale, style);
    over.setCosmetic(true);
    p.setPen(over);
    p.drawRect(r);
}

// The pixels drawRect(b) covers with a one-pixel aliased pen (b.left() to
// b.left() + b.width() across, as much down) as lines to fill, none over
// another (a see-through colour darkens no corner twice). The upright lines
// in pieces of at most 64 rows: Qt's raster engine hands a fill of many rows
// (spans) to its GUI thread pool and waits for it (QT_THREAD_PARALLEL_FILLS
// in qtbase src/gui/painting/qdrawhelper.cpp), which for a one-pixel column
// costs more in waking threads than its pixels (measured: four times the
// system time of the run, and slower than a pen on a busy machine).
void addFrame(std::vector<QRect>& out, const QRect& b)
{
    const int x = b.x(), y = b.y(), w = b.width(), h = b.height();
    if (w < 0 || h < 0)
        return;
    out.emplace_back(x, y, w + 1, 1);
    if (h > 0)
        out.emplace_back(x, y + h, w + 1, 1);
    constexpr int kRows = 64;
    for (int top = y + 1; top < y + h; top += kRows) {
        const int rows = std::min(kRows, y + h - top);
        out.emplace_back(x, top, 1, rows);
        if (w > 0)
            out.emplace_back(x + w, top, 1, rows);
    }
}

// Fills lines one pixel high or wide in dashes `on` pixels long every
// `period` pixels (Qt's DashLine is 4 on 2 off, DotLine 1 on 2 off: qtbase
// src/gui/painting/qpen.cpp), the dashes placed by their position in the
// view: a texture brush across and one down, so that a dashed line costs one
// fill as a solid one does (a cosmetic dashed pen blends a pixel at a time).
void fillDashed(QPainter& p, const std::vector<QRect>& lines, const QColor& colour, int on, int period)
{
    QImage across(period, 1, QImage::Format_ARGB32_Premultiplied), down(1, period, QImage::Format_ARGB32_Premultiplied);
    across.fill(Qt::transparent);
    down.fill(Qt::transparent);
    for (int i = 0; i < on; ++i) {
        across.setPixelColor(i, 0, colour);
        down.setPixelColor(0, i, colour);
    }
    std::vector<QRect> rows, columns;
    for (const QRect& l : lines)
        (l.height() == 1 ? rows : columns).push_back(l);
    p.setPen(Qt::NoPen);
    p.setBrush(QBrush(across));
    p.drawRects(rows.data(), int(rows.size()));
    p.setBrush(QBrush(down));
    p.drawRects(columns.data(), int(columns.size()));
    p.setBrush(Qt::NoBrush);
}

// The same look for many boxes at once (objects): one-pixel lines without
// antialiasing (a wide antialiased pen costs a stroked path per box: 100
// objects took 35 ms), each line filled as a thin rectangle, which the
// raster engine fills a row at a time (a cosmetic pen blends its lines a
// pixel at a time: most of the redraw's time with 100 objects), gathered by
// colour and filled in one call per colour. The dark lines of every box go
// first, then the coloured ones, so no box's dark line covers another's colour.
class Outlines
{
public:
    explicit Outlines(double scale) : lines_(std::max(1, int(std::lround(scale)))) {}
    void add(const QRectF& r, const QColor& colour, Qt::PenStyle style)
    {
        const QRect box = r.toRect();
        for (int i = 1; i <= lines_; ++i) {
            addFrame(under_, box.adjusted(-i, -i, i, i));
            addFrame(under_, box.adjusted(i, i, -i, -i));
        }
        auto group = std::find_if(over_.begin(), over_.end(),
                                  [&](const Group& g) { return g.colour == colour && g.style == style; });
        if (group == over_.end())
            group = over_.insert(over_.end(), Group{colour, style, {}});
        for (int i = 0; i < lines_; ++i)
            addFrame(group->rects, box.adjusted(-i / 2, -i / 2, (i + 1) / 2, (i + 1) / 2));
    }
    void draw(QPainter& p) const
    {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 0, 0, 170));
        p.drawRects(under_.data(), int(under_.size()));
        for (const Group& g : over_) {
            if (g.style == Qt::DashLine) {
                fillDashed(p, g.rects, g.colour, 4, 6);
            } else {
                p.setBrush(g.colour);
                p.drawRects(g.rects.data(), int(g.rects.size()));
            }
        }
        p.setBrush(Qt::NoBrush);
    }
    // The same pixels written straight into an image's (blendLines).
    void draw(QImage& image, QPoint origin, const QRectF& clip) const
    {
        blendLines(image, under_, QColor(0, 0, 0, 170), origin, clip);
        for (const Group& g : over_)
            blendLines(image, g.rects, g.colour, origin, clip, g.style == Qt::DashLine ? 4 : 1,
                       g.style == Qt::DashLine ? 6 : 1);
    }

private:
    struct Group {
        QColor colour;
        Qt::PenStyle style;
        std::vector<QRect> rects;
    };
    int lines_;
    std::vector<QRect> under_;
    std::vector<Group> over_;
};

} // namespace

namespace
{

// x times a / 255 in each of a pixel's four bytes, rounded as the raster
// engine's solid SourceOver rounds (BYTE_MUL in qtbase
// src/gui/painting/qdrawhelper_p.h, commit 0008bb24457a9c3047488874920e356e3f0f26ea:
// (t + (t >> 8) + 0x80) >> 8 of t = x * a, per byte).
inline quint32 byteTimes(quint32 x, quint32 a)
{
    quint64 t = ((quint64(x) | (quint64(x) << 24)) & 0x00ff00ff00ff00ffULL) * a;
    t = ((t + ((t >> 8) & 0x00ff00ff00ff00ffULL) + 0x0080008000800080ULL) >> 8) & 0x00ff00ff00ff00ffULL;
    return quint32(t) | quint32(t >> 24);
}

} // namespace

void blendLines(QImage& image, const std::vector<QRect>& lines, const QColor& colour, QPoint origin, const QRectF& clip,
                int on, int period)
{
    Q_ASSERT(image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32_Premultiplied);
    if (lines.empty())
        return;
    // A clip rectangle's corners round to whole pixels (qt_mapFillRect in
    // qtbase src/gui/painting/qmath_p.h, the same commit).
    const QPoint c1 = clip.topLeft().toPoint(), c2 = clip.bottomRight().toPoint();
    const QRect bounds = QRect(c1.x(), c1.y(), c2.x() - c1.x(), c2.y() - c1.y()).translated(-origin) & image.rect();
    const quint32 c = qPremultiply(colour.rgba());
    const quint32 rest = 255 - qAlpha(c);
    uchar* const bits = image.bits();
    const qsizetype stride = image.bytesPerLine();
    // Where in its period a position is (dashes placed by the position in
    // the lines' coordinates, as the brush's texture tiles from there).
    auto phaseOf = [&](int along) { return period <= 1 ? 0 : ((along % period) + period) % period; };
    auto blend = [&](quint32& d) { d = rest == 0 ? c : c + byteTimes(d, rest); };
    for (const QRect& line : lines) {
        const QRect in = line.translated(-origin) & bounds;
        if (in.isEmpty())
            continue;
        // A one-pixel-high line takes the dashes across, any other down
        // (fillDashed's two brushes).
        if (line.height() == 1) {
            auto* row = reinterpret_cast<quint32*>(bits + in.top() * stride);
            if (period <= 1) {
                // (A loop of its own: the compiler does several pixels at once.)
                if (rest == 0)
                    std::fill(row + in.left(), row + in.right() + 1, c);
                else
                    for (int x = in.left(); x <= in.right(); ++x)
                        row[x] = c + byteTimes(row[x], rest);
                continue;
            }
            int phase = phaseOf(in.left() + origin.x());
            for (int x = in.left(); x <= in.right(); ++x) {
                if (phase < on || period <= 1)
                    blend(row[x]);
                if (++phase == period)
                    phase = 0;
            }
            continue;
        }
        int phase = phaseOf(in.top() + origin.y());
        for (int y = in.top(); y <= in.bottom(); ++y) {
            if (phase < on || period <= 1) {
                auto* row = reinterpret_cast<quint32*>(bits + y * stride);
                for (int x = in.left(); x <= in.right(); ++x)
                    blend(row[x]);
            }
            if (++phase == period)
                phase = 0;
        }
    }
}

QStringList localFiles(const QMimeData* mime)
{
    QStringList files;
    if (mime && mime->hasUrls())
        for (const QUrl& url : mime->urls())
            if (url.isLocalFile())
                files << url.toLocalFile();
    return files;
}

ImageView::ImageView(QWidget* parent) : QWidget(parent)
{
    setAcceptDrops(true);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    // Zoomed in, the bars say where the view is and move it.
    hBar_ = new QScrollBar(Qt::Horizontal, this);
    vBar_ = new QScrollBar(Qt::Vertical, this);
    hBar_->setObjectName("horizontal_bar");
    vBar_->setObjectName("vertical_bar");
    for (QScrollBar* bar : {hBar_, vBar_}) {
        bar->hide();
        bar->setCursor(Qt::ArrowCursor);
    }
    connect(hBar_, &QScrollBar::valueChanged, this, [this](int v) {
        if (!syncingBars_) {
            offset_.setX(-v);
            update();
        }
    });
    connect(vBar_, &QScrollBar::valueChanged, this, [this](int v) {
        if (!syncingBars_) {
            offset_.setY(-v);
            update();
        }
    });
}

void ImageView::updateScrollBars()
{
    syncingBars_ = true;
    const QRectF r = imageRect();
    const int extent = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const bool wide = !fit_ && !image_.isNull() && r.width() > width();
    const bool tall = !fit_ && !image_.isNull() && r.height() > height();
    const int w = width() - (tall ? extent : 0), h = height() - (wide ? extent : 0);
    hBar_->setVisible(wide);
    vBar_->setVisible(tall);
    if (wide) {
        hBar_->setGeometry(0, height() - extent, w, extent);
        hBar_->setRange(std::min(0, int(std::floor(-r.left()))), std::max(0, int(std::ceil(r.width() - w))));
        hBar_->setPageStep(w);
        hBar_->setValue(int(std::lround(-offset_.x())));
    }
    if (tall) {
        vBar_->setGeometry(width() - extent, 0, extent, h);
        vBar_->setRange(std::min(0, int(std::floor(-r.top()))), std::max(0, int(std::ceil(r.height() - h))));
        vBar_->setPageStep(h);
        vBar_->setValue(int(std::lround(-offset_.y())));
    }
    syncingBars_ = false;
}

void ImageView::setImage(const QImage& image, const std::vector<QRect>& changed)
{
    const bool known = pendingKnown_ && image.size() == image_.size();
    std::vector<QRect> pending = std::move(pending_);
    setImage(image);
    if (known) {
        pending.insert(pending.end(), changed.begin(), changed.end());
        pending_ = std::move(pending);
        pendingKnown_ = true;
    }
}

void ImageView::setImage(const QImage& image)
{
    pendingKnown_ = false; // a new picture: shrunk whole next time
    pending_.clear();
    const bool sizeChanged = image.size() != image_.size();
    image_ = image;
    // A picture of another size (a new pair) opens whole, whatever the zoom
    // of the last one.
    if (sizeChanged)
        fitToWindow();
    updateScrollBars();
    update();
}

BoxOverlay overlayOf(const Draw& d)
{
    BoxOverlay o;
    o.visible = d.method().region == Region::Box;
    o.box = d.geometry.box;
    o.unclipped = d.geometry.unclipped;
    o.center = d.geometry.center;
    for (const SourceBox& s : d.extra)
        o.more.push_back(s.geometry.box);
    return o;
}

void ImageView::overlaysChanged()
{
    ++overlays_;
    update();
}

void ImageView::setLineScale(double scale)
{
    lineScale_ = scale;
    overlaysChanged();
    update();
}

void ImageView::setOverlay(const BoxOverlay& overlay)
{
    overlay_ = overlay;
    update();
}

void ImageView::setBoxVisible(bool visible)
{
    showBox_ = visible;
    update();
}

void ImageView::setSourceMask(const QImage& map)
{
    maskWash_ = render::sourceWash(map);
    overlaysChanged();
}

void ImageView::setSourceMaskVisible(bool visible)
{
    showMask_ = visible;
    overlaysChanged();
}

void ImageView::setLabelWash(const QImage& wash)
{
    if (wash.cacheKey() == labelWash_.cacheKey())
        return;
    labelWash_ = wash;
    labelScaled_ = QImage();
    if (showLabels_)
        overlaysChanged();
}

void ImageView::setLabelWashVisible(bool visible)
{
    if (visible == showLabels_)
        return;
    showLabels_ = visible;
    overlaysChanged();
}

void ImageView::setPlaceholderText(const QString& text)
{
    placeholder_ = text;
    update();
}

double ImageView::fitZoom() const
{
    if (image_.isNull())
        return 1.0;
    const double sx = double(width() - 8) / image_.width();
    const double sy = double(height() - 8) / image_.height();
    return std::clamp(std::min(sx, sy), kMinZoom, kMaxZoom);
}

double ImageView::zoom() const
{
    return fit_ ? fitZoom() : zoom_;
}

QRectF ImageView::imageRect() const
{
    const double z = zoom();
    const QSizeF s(image_.width() * z, image_.height() * z);
    if (fit_)
        return QRectF(QPointF((width() - s.width()) / 2, (height() - s.height()) / 2), s);
    return QRectF(offset_, s);
}

QPointF ImageView::toImage(const QPointF& pos) const
{
    const QRectF r = imageRect();
    const double z = zoom();
    return (pos - r.topLeft()) / z;
}

void ImageView::setZoomAt(double zoom, const QPointF& anchor)
{
    if (image_.isNull())
        return;
    const QPointF before = toImage(anchor);
    zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
    fit_ = false;
    // Keep the image point under the anchor where it was.
    offset_ = anchor - before * zoom_;
    updateScrollBars();
    update();
    emit zoomChanged(zoom_);
}

void ImageView::zoomIn()
{
    setZoomAt(zoom() * kStep, rect().center());
}
void ImageView::zoomOut()
{
    setZoomAt(zoom() / kStep, rect().center());
}

void ImageView::fitToWindow()
{
    fit_ = true;
    updateScrollBars();
    update();
    emit zoomChanged(zoom());
}

void ImageView::actualSize()
{
    const QPointF centreImage = toImage(rect().center());
    zoom_ = 1.0;
    fit_ = false;
    offset_ = QPointF(rect().center()) - centreImage;
    updateScrollBars();
    update();
    emit zoomChanged(1.0);
}

void ImageView::paintShrunk(QPainter& p, const QRectF& r, const QRectF& bounds, QImage* direct, QPoint origin) const
{
    if (zoom() < 1.0) {
        // Shrinking: an area-averaged copy at the drawn size, cached.
        const QSize target = r.size().toSize().expandedTo(QSize(1, 1));
        if (scaledKey_ != image_.cacheKey() || scaled_.size() != target) {
            scaled_ = pendingKnown_ && scaled_.size() == target ? shrinker_.update(image_, target, pending_)
                                                                : shrinker_.shrink(image_, target);
            scaledKey_ = image_.cacheKey();
            pending_.clear();
            pendingKnown_ = true; // the shrinker now holds this image
        }
        p.drawImage(r.topLeft(), scaled_);
    } else {
        // Magnified: exact pixels, so that each source pixel can be seen.
        p.drawImage(r, image_);
    }
    if (showMask_ && !maskWash_.isNull())
        p.drawImage(r, maskWash_);
    if (showLabels_ && !labelWash_.isNull()) {
        if (zoom() < 1.0) {
            // The nearest label, not a blend of colours: shrunk once.
            const QSize target = r.size().toSize().expandedTo(QSize(1, 1));
            if (labelScaled_.size() != target)
                labelScaled_ = labelWash_.scaled(target, Qt::IgnoreAspectRatio, Qt::FastTransformation);
            p.drawImage(r.topLeft(), labelScaled_);
        } else {
            p.drawImage(r, labelWash_);
        }
    }
    if (showObjects_ && !marks_.empty())
        paintObjects(p, r, zoom(), bounds, direct, origin);
}

void ImageView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (image_.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    const QRectF r = imageRect();
    const double z = zoom();
    // Kept where it pays: objects or washes over an image that stays (A and
    // B while alpha changes), and objects over an image that changes at
    // every draw (the result): their outlines are written straight into
    // the picture's pixels (blendLines), which costs less than the one copy
    // more (at a pixel ratio of 1; else they are filled through a painter).
    const bool objects = showObjects_ && !marks_.empty();
    const bool over = objects || (showMask_ && !maskWash_.isNull()) || (showLabels_ && !labelWash_.isNull());
    const bool stays = image_.cacheKey() == lastPainted_;
    lastPainted_ = image_.cacheKey();
    const double dpr = devicePixelRatioF();
    if (z < 1.0 && over && (stays || (objects && dpr == 1.0)) && QRectF(rect()).contains(r)) {
        // Drawn whole: from the composite, made again only when something
        // under the box changed (the same pixels as painting it here).
        // Its corner is r's rounded down: painted through an integer
        // translation, every position rounds as it does on the screen.
        const QRect area = r.toAlignedRect();
        const QSize target = r.size().toSize().expandedTo(QSize(1, 1));
        Composite& c = composite_;
        const QFont font = tagFont();
        if (c.image.isNull() || c.drawn != r || c.scaled != image_.cacheKey() || c.overlays != overlays_ ||
            c.font != font || c.image.devicePixelRatio() != dpr || scaled_.size() != target) {
            const bool opaque = !image_.hasAlphaChannel();
            // At the screen's pixel ratio and resolution, so that lines and
            // text come out as sharp and as large as drawn on the screen.
            const QSize pixels = (QSizeF(area.size()) * dpr).toSize();
            if (c.image.size() != pixels || c.image.hasAlphaChannel() == opaque) {
                c.image = QImage(pixels, opaque ? QImage::Format_RGB32 : QImage::Format_ARGB32_Premultiplied);
                c.image.setDevicePixelRatio(dpr);
                c.image.setDotsPerMeterX(int(std::lround(logicalDpiX() / 0.0254)));
                c.image.setDotsPerMeterY(int(std::lround(logicalDpiY() / 0.0254)));
            }
            c.image.fill(opaque ? palette().color(backgroundRole()) : QColor(Qt::transparent));
            QPainter cp(&c.image);
            cp.translate(-area.topLeft());
            paintShrunk(cp, r, r, dpr == 1.0 ? &c.image : nullptr, area.topLeft());
            c.at = area.topLeft();
            c.drawn = r;
            c.scaled = image_.cacheKey();
            c.overlays = overlays_;
            c.font = font;
        }
        p.drawImage(c.at, c.image);
    } else {
        composite_ = Composite();
        paintShrunk(p, r, r.intersected(QRectF(rect())));
    }
    if (!showBox_ || !overlay_.visible)
        return;
    auto toWidget = [&](const Box& b) {
        return QRectF(r.left() + b.x1 * z, r.top() + b.y1 * z, b.width() * z, b.height() * z);
    };
    p.setRenderHint(QPainter::Antialiasing, true);
    const QColor accent(255, 200, 0);
    if (overlay_.unclipped != overlay_.box) {
        // The unclipped box: dashed over the image; outside it, in the
        // margin, only a faint dotted extension, so that it does not read
        // as stray marks around the picture.
        const QRectF u = toWidget(overlay_.unclipped);
        p.save();
        p.setClipRegion(QRegion(rect()).subtracted(QRegion(r.toAlignedRect())));
        QPen faint(kFaintExtension, 1.0, Qt::DotLine);
        faint.setCosmetic(true);
        p.setPen(faint);
        p.setBrush(Qt::NoBrush);
        p.drawRect(u);
        p.setClipRect(r);
        strokeOutlined(p, u, QColor(255, 255, 255), Qt::DashLine, lineScale_);
        p.restore();
    }
    if (overlay_.box.area() > 0)
        strokeOutlined(p, toWidget(overlay_.box), accent, Qt::SolidLine, lineScale_);
    for (std::size_t j = 0; j < overlay_.more.size(); ++j)
        if (overlay_.more[j].area() > 0)
            strokeOutlined(p, toWidget(overlay_.more[j]), sourceColour(int(j) + 2), Qt::SolidLine, lineScale_);
    if (overlay_.center) {
        // The centre pixel's middle, marked with a cross.
        const QPointF c(r.left() + (overlay_.center->x + 0.5) * z, r.top() + (overlay_.center->y + 0.5) * z);
        const double arm = 7.0 * lineScale_;
        for (const auto& [colour, w] : {std::pair{QColor(0, 0, 0, 170), 3.0}, std::pair{accent, 1.5}}) {
            QPen pen(colour, w * lineScale_);
            pen.setCosmetic(true);
            p.setPen(pen);
            p.drawLine(c + QPointF(-arm, 0), c + QPointF(arm, 0));
            p.drawLine(c + QPointF(0, -arm), c + QPointF(0, arm));
        }
    }
}

void ImageView::wheelEvent(QWheelEvent* e)
{
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0.0 || image_.isNull())
        return;
    setZoomAt(zoom() * std::pow(kStep, steps), e->position());
    e->accept();
}

void ImageView::mousePressEvent(QMouseEvent* e)
{
    if (e->button() == Qt::LeftButton && !image_.isNull()) {
        dragFrom_ = e->position();
        pressedAt_ = e->position();
        setCursor(Qt::ClosedHandCursor);
    }
}

void ImageView::mouseMoveEvent(QMouseEvent* e)
{
    if (dragFrom_) {
        // A click keeps the view as it is; only a drag moves it (and ends fit).
        if (fit_ && (e->position() - pressedAt_).manhattanLength() < QApplication::startDragDistance())
            return;
        if (fit_) {
            zoom_ = fitZoom();
            offset_ = imageRect().topLeft();
            fit_ = false;
            emit zoomChanged(zoom_);
        }
        offset_ += e->position() - *dragFrom_;
        dragFrom_ = e->position();
        updateScrollBars();
        update();
    }
    const QPointF ip = toImage(e->position());
    const int x = int(std::floor(ip.x())), y = int(std::floor(ip.y()));
    emit hovered(x, y, !image_.isNull() && x >= 0 && y >= 0 && x < image_.width() && y < image_.height());
    if (!dragFrom_ && !marks_.empty()) {
        const QString tip = objectTipAt(ip);
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(e->globalPosition().toPoint(), tip, this);
    }
}

void ImageView::setObjectMarks(std::vector<ObjectMark> marks)
{
    if (marks == marks_)
        return;
    marks_ = std::move(marks);
    overlaysChanged();
}

void ImageView::setObjectTips(std::function<QString(int)> tipOf)
{
    tipOf_ = std::move(tipOf);
}

void ImageView::setObjectsVisible(bool visible)
{
    showObjects_ = visible;
    overlaysChanged();
}

QString ImageView::objectTipAt(const QPointF& ip) const
{
    if (!showObjects_)
        return {};
    int best = -1;
    double bestArea = 0;
    for (int i = 0; i < int(marks_.size()); ++i) {
        const ObjectMark& m = marks_[std::size_t(i)];
        // A dropped object is found where it was.
        const QRectF box = m.before && m.kind == ObjectMark::Kind::Dropped
                               ? *m.before
                               : QRectF(QPointF(m.x1, m.y1), QPointF(m.x2, m.y2));
        if (!box.contains(ip))
            continue;
        const double area = box.width() * box.height();
        if (best < 0 || area < bestArea) {
            best = i;
            bestArea = area;
        }
    }
    return best >= 0 && tipOf_ ? tipOf_(best) : QString();
}

std::vector<std::optional<QRectF>> placeTags(const std::vector<QRectF>& boxes, const std::vector<QSizeF>& tags,
                                             const QRectF& bounds)
{
    std::vector<std::optional<QRectF>> placed(boxes.size());
    std::vector<QRectF> taken;
    // Plates that share an edge do not overlap (QRectF::intersects is strict).
    auto free = [&](const QRectF& plate) {
        if (!bounds.contains(plate))
            return false;
        return std::none_of(taken.begin(), taken.end(), [&](const QRectF& t) { return t.intersects(plate); });
    };
    for (std::size_t i = 0; i < boxes.size() && i < tags.size(); ++i) {
        const QRectF& box = boxes[i];
        const QSizeF size = tags[i];
        if (size.isEmpty())
            continue;
        const double left = box.left() + 1;
        std::vector<QPointF> corners{{left, box.top() - size.height()},
                                     {left, box.bottom() + 1},
                                     {left, box.top() + 1},
                                     {left, box.bottom() - size.height()}};
        for (double y = box.top() + 1 + size.height(); y + size.height() < box.bottom() - size.height();
             y += size.height())
            corners.push_back({left, y});
        for (const QPointF& at : corners) {
            const QRectF plate(at, size);
            if (free(plate)) {
                placed[i] = plate;
                taken.push_back(plate);
                break;
            }
        }
    }
    return placed;
}

std::vector<ImageView::PlacedTag> ImageView::placedTags() const
{
    if (image_.isNull() || !showObjects_)
        return {};
    const QRectF r = imageRect();
    return placedTagsIn(r, r.intersected(QRectF(rect())));
}

std::vector<ImageView::PlacedTag> ImageView::placedTagsIn(const QRectF& r, const QRectF& bounds) const
{
    std::vector<PlacedTag> out;
    const double z = zoom();
    const QFont font = tagFont();
    const QFontMetrics fm(font);
    std::vector<QRectF> boxes;
    std::vector<QSizeF> sizes;
    std::vector<QString> texts;
    for (const ObjectMark& m : marks_) {
        const bool dropped = m.kind == ObjectMark::Kind::Dropped && m.before;
        const QRectF b = dropped ? *m.before : QRectF(QPointF(m.x1, m.y1), QPointF(m.x2, m.y2));
        const QRectF box(r.left() + b.left() * z, r.top() + b.top() * z, b.width() * z, b.height() * z);
        boxes.push_back(box);
        if (m.tag.isEmpty() || box.width() < 12 || box.height() < 12) {
            sizes.push_back({});
            texts.push_back({});
            continue;
        }
        // Each text shaped once (kept for the next draws); a tag longer than
        // its box is elided.
        const int room = int(std::max(box.width() - 8, 10.0));
        QString text = m.tag;
        const ShapedTag& whole = shapedTag(text, font);
        int advance = whole.advance;
        if (advance > room) {
            // Elided once per room (kept with the whole text's shape).
            auto elided = whole.elided.constFind(room);
            if (elided == whole.elided.cend())
                elided = whole.elided.insert(room, fm.elidedText(m.tag, Qt::ElideRight, room));
            text = *elided;
            advance = shapedTag(text, font).advance;
        }
        sizes.push_back(QSizeF(advance + 6, fm.height() + 2));
        texts.push_back(text);
    }
    const std::vector<std::optional<QRectF>> plates = placeTags(boxes, sizes, bounds);
    for (std::size_t i = 0; i < plates.size(); ++i)
        if (plates[i])
            out.push_back({int(i), *plates[i], texts[i]});
    return out;
}

const ImageView::ShapedTag& ImageView::shapedTag(const QString& text, const QFont& font) const
{
    if (font != shapedFont_ || shapedTags_.size() > 4096) {
        shapedTags_.clear();
        shapedFont_ = font;
    }
    auto it = shapedTags_.find(text);
    if (it == shapedTags_.end()) {
        ShapedTag shaped;
        shaped.text = QStaticText(text);
        shaped.text.setTextFormat(Qt::PlainText);
        shaped.text.prepare(QTransform(), font);
        shaped.advance = QFontMetrics(font).horizontalAdvance(text);
        it = shapedTags_.insert(text, shaped);
    }
    return *it;
}

QFont ImageView::tagFont() const
{
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85 * std::sqrt(lineScale_)));
    return small;
}

void ImageView::paintObjects(QPainter& p, const QRectF& r, double z, const QRectF& bounds, QImage* direct,
                             QPoint origin) const
{
    auto toWidget = [&](double x1, double y1, double x2, double y2) {
        return QRectF(r.left() + x1 * z, r.top() + y1 * z, (x2 - x1) * z, (y2 - y1) * z);
    };
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setClipRect(r);
    const QFont font = tagFont();
    p.setFont(font);
    const QColor dropped(230, 40, 40);
    Outlines outlines(lineScale_);
    std::vector<QRect> wereThere; // where a clipped object was whole: dotted
    std::vector<QLineF> crosses;  // over the dropped
    for (const ObjectMark& m : marks_) {
        using Kind = ObjectMark::Kind;
        QRectF box = toWidget(m.x1, m.y1, m.x2, m.y2);
        if (m.kind == Kind::Clipped && m.before)
            addFrame(wereThere,
                     toWidget(m.before->left(), m.before->top(), m.before->right(), m.before->bottom()).toRect());
        if (m.kind == Kind::Dropped) {
            if (m.before)
                box = toWidget(m.before->left(), m.before->top(), m.before->right(), m.before->bottom());
            outlines.add(box, dropped, Qt::SolidLine);
            crosses.emplace_back(box.topLeft(), box.bottomRight());
            crosses.emplace_back(box.topRight(), box.bottomLeft());
        } else {
            outlines.add(box, m.colour, m.kind == Kind::Clipped ? Qt::DashLine : Qt::SolidLine);
        }
    }
    if (direct) {
        blendLines(*direct, wereThere, QColor(255, 255, 255, 170), origin, r, 1, 3);
        outlines.draw(*direct, origin, r);
    } else {
        fillDashed(p, wereThere, QColor(255, 255, 255, 170), 1, 3);
        outlines.draw(p);
    }
    p.setPen(QPen(dropped, 0));
    p.drawLines(crosses.data(), int(crosses.size()));
    // The tags on dark plates, over every box, none over another.
    const std::vector<PlacedTag> tags = placedTagsIn(r, bounds);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 170));
    // Filled as whole pixels in one call (a rectangle of fractional
    // corners is filled as a path: most of the tags' cost).
    std::vector<QRect> plates;
    for (const PlacedTag& t : tags)
        plates.push_back(t.plate.toRect());
    p.drawRects(plates.data(), int(plates.size()));
    for (const PlacedTag& t : tags) {
        p.setPen(marks_[std::size_t(t.mark)].kind == ObjectMark::Kind::Dropped ? QColor(255, 150, 150)
                                                                               : QColor(255, 255, 255));
        const QStaticText& text = shapedTag(t.text, font).text;
        p.drawStaticText(QPointF(t.plate.left() + 3, t.plate.top() + 1), text); // its top, not its baseline
    }
    p.restore();
}

void ImageView::mouseReleaseEvent(QMouseEvent*)
{
    dragFrom_.reset();
    unsetCursor();
}

void ImageView::mouseDoubleClickEvent(QMouseEvent*)
{
    if (fit_)
        actualSize();
    else
        fitToWindow();
}

void ImageView::leaveEvent(QEvent*)
{
    emit hovered(-1, -1, false);
}

void ImageView::resizeEvent(QResizeEvent*)
{
    updateScrollBars();
    if (fit_)
        emit zoomChanged(zoom());
}

void ImageView::dragEnterEvent(QDragEnterEvent* e)
{
    if (!localFiles(e->mimeData()).isEmpty())
        e->acceptProposedAction();
}

void ImageView::dropEvent(QDropEvent* e)
{
    const QStringList files = localFiles(e->mimeData());
    if (files.isEmpty())
        return;
    e->acceptProposedAction();
    emit filesDropped(files);
}

} // namespace cutmix::ui
