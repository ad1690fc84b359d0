// A zoomable, pannable view of one image with the CutMix box drawn over it:
// the clipped box, the unclipped box dashed, the centre, and optionally the
// map of which pixels came from which image. Emits the pixel under the mouse
// and the files dropped on it.
#pragma once

#include "box.h"
#include "draw.h"
#include "matimage.h"
#include "painting.h"

#include <QHash>
#include <QImage>
#include <QStaticText>
#include <QWidget>
#include <functional>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QScrollBar;
class QMimeData;
QT_END_NAMESPACE

namespace cutmix::ui
{

struct BoxOverlay {
    bool visible = false;
    Box box;
    Box unclipped;
    std::optional<Point> center;
    std::vector<Box> more; // multi-source CutMix: the boxes of sources 3, 4, ...
};

// An object drawn over an image: its box in the image's pixels (float:
// objects are not on the pixel grid), how the box rule judged it, a short
// tag and the text shown on hover.
struct ObjectMark {
    enum class Kind {
        Source,  // an object of an input, before the mix
        Kept,    // in the result, whole: solid
        Clipped, // in the result, kept but partly covered or cut: dashed, where it was dotted
        Dropped  // in the result, removed by the rule: red, crossed
    };
    Kind kind = Kind::Source;
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0; // the box drawn
    std::optional<QRectF> before;          // Clipped: where the whole object was (image pixels)
    QColor colour;                         // its source's
    QString tag;                           // "cat 62 %"
    friend bool operator==(const ObjectMark&, const ObjectMark&) = default;
};

using render::sourceColour; // painting.h: one colour per source, everywhere

// The boxes of a draw as an image view outlines them (none for blends).
BoxOverlay overlayOf(const Draw& d);

// Where the tags of boxes go (widget pixels), so that no tag covers
// another: for each box in order, the first place free of the tags placed
// before it and inside `bounds`, of: above its top-left corner, below its
// bottom-left corner, inside its top-left corner, inside its bottom-left
// corner, then inside its left edge row by row downwards. Unset where none
// is free (that box's tag is not drawn; its hover text still names it).
std::vector<std::optional<QRectF>> placeTags(const std::vector<QRectF>& boxes, const std::vector<QSizeF>& tags,
                                             const QRectF& bounds);

// Blends one-pixel lines (rectangles one pixel high or wide, as addFrame
// makes them; `origin` is where the image's pixel (0, 0) is in their
// coordinates) into an RGB32 or premultiplied ARGB32 image's pixels, inside
// `clip` (the same coordinates as the lines): the same pixels as
// QPainter::drawRects filling them with `colour` without antialiasing, or,
// when `period` > 1, with a texture brush of `on` pixels in every `period`
// along each line, placed by the position in those coordinates. Written
// straight into the bytes: the raster engine fills such a line a span per
// row, most of the cost of 200 objects' outlines.
void blendLines(QImage& image, const std::vector<QRect>& lines, const QColor& colour, QPoint origin, const QRectF& clip,
                int on = 1, int period = 1);

// The local files of a drag and drop (other URLs are left out).
QStringList localFiles(const QMimeData* mime);

class ImageView : public QWidget
{
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    // The same for an image that differs from the last one only inside
    // `changed` (image pixels): zoomed out, only those parts are shrunk
    // again (the same picture as shrinking it whole).
    void setImage(const QImage& image, const std::vector<QRect>& changed);
    QImage image() const { return image_; }
    void setOverlay(const BoxOverlay& overlay);
    BoxOverlay overlay() const { return overlay_; }
    void setBoxVisible(bool visible);
    // Marks equal to those shown change nothing (no repaint).
    void setObjectMarks(std::vector<ObjectMark> marks);
    // The hover text of mark i, made only when asked (rich text).
    void setObjectTips(std::function<QString(int)> tipOf);
    const std::vector<ObjectMark>& objectMarks() const { return marks_; }
    // The tags as drawn now: for each mark with a tag shown, its plate
    // (widget pixels) and text (elided to its box).
    struct PlacedTag {
        int mark = 0;
        QRectF plate;
        QString text;
    };
    std::vector<PlacedTag> placedTags() const;
    void setObjectsVisible(bool visible);
    // The hover text of the object under an image position (the smallest
    // box that holds it, so that a small object inside a big one can be
    // reached); empty where there is none or objects are hidden.
    QString objectTipAt(const QPointF& imagePos) const;
    // A source map (0 = A, 1 = B, ..., 255 filled) shown as a colour wash
    // over the image.
    void setSourceMask(const QImage& map);
    void setSourceMaskVisible(bool visible);
    bool sourceMaskVisible() const { return showMask_; }
    // A label mask's wash (render::labelWash, the image's size) painted over
    // the image while shown ("Show masks"); shrunk once per wash and zoom.
    void setLabelWash(const QImage& wash);
    QImage labelWash() const { return labelWash_; }
    void setLabelWashVisible(bool visible);
    bool labelWashVisible() const { return showLabels_; }
    void setPlaceholderText(const QString& text);
    QString placeholderText() const { return placeholder_; }
    // Outline widths and the centre cross times this (presentation mode: thicker lines).
    void setLineScale(double scale);

    double zoom() const;
    bool fitsToWindow() const { return fit_; }
    // The image pixel under a widget position (may be outside the image).
    QPointF toImage(const QPointF& widgetPos) const;

    QSize sizeHint() const override { return {320, 240}; }
    QSize minimumSizeHint() const override { return {120, 90}; }

    // Where the image is drawn in the widget.
    QRectF imageRect() const;

public slots:
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void actualSize();

signals:
    void hovered(int x, int y, bool inside);
    void filesDropped(const QStringList& paths);
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void dragEnterEvent(QDragEnterEvent*) override;
    void dropEvent(QDropEvent*) override;

private:
    void setZoomAt(double zoom, const QPointF& anchor);
    // Shows, places and sets the scroll bars for the zoomed view (hidden in fit).
    void updateScrollBars();
    double fitZoom() const;

    QImage image_;
    double lineScale_ = 1.0;
    // The image scaled down for the current zoom: made once per image and
    // zoom, so that redrawing only the overlay costs no resampling.
    mutable QImage scaled_;
    mutable qint64 scaledKey_ = 0;
    mutable render::Shrinker shrinker_;
    // The changes since the image last shrunk, while they are known.
    mutable std::vector<QRect> pending_;
    mutable bool pendingKnown_ = false;
    QImage maskWash_;
    QImage labelWash_;
    mutable QImage labelScaled_; // labelWash_ at the drawn size (zoomed out)
    bool showLabels_ = false;
    BoxOverlay overlay_;
    std::vector<ObjectMark> marks_;
    std::function<QString(int)> tipOf_;
    bool showObjects_ = true;
    // Zoomed out with the whole image in view: the shrunk image with the
    // washes and the objects painted over it, made again only when one of
    // them changes (an alpha change moves only the CutMix box over A and B),
    // then copied to the screen at `at`, the box drawn over it.
    struct Composite {
        QImage image;
        QPoint at;    // its top-left corner in the widget
        QRectF drawn; // the image's rectangle it was made for (widget pixels)
        qint64 scaled = 0;
        quint64 overlays = 0;
        QFont font;
    };
    mutable Composite composite_;
    qint64 lastPainted_ = 0; // the image painted last (its cache key)
    quint64 overlays_ = 1;   // counts changes of the washes, objects and lines
    void overlaysChanged();
    // Paints the image zoomed out at `r` (widget pixels) with its washes and
    // objects; `bounds` is where the objects' tags may go.
    // `direct`: the image p paints on (its pixel (0, 0) at `origin` in the
    // widget, at a pixel ratio of 1), whose pixels the outlines are written
    // into straight (blendLines); else they are filled through p.
    void paintShrunk(QPainter& p, const QRectF& r, const QRectF& bounds, QImage* direct = nullptr,
                     QPoint origin = {}) const;
    void paintObjects(QPainter& p, const QRectF& r, double z, const QRectF& bounds, QImage* direct = nullptr,
                      QPoint origin = {}) const;
    std::vector<PlacedTag> placedTagsIn(const QRectF& r, const QRectF& bounds) const;
    QFont tagFont() const;
    // A tag's text shaped once for the tag font (most tags come back at
    // every draw: a class name and a share): its width and the text ready
    // to draw. Cleared when the font changes or the cache grows large.
    struct ShapedTag {
        QStaticText text;
        int advance = 0;
        mutable QHash<int, QString> elided; // the text elided to a room (pixels)
    };
    const ShapedTag& shapedTag(const QString& text, const QFont& font) const;
    mutable QHash<QString, ShapedTag> shapedTags_;
    mutable QFont shapedFont_;
    QString placeholder_;
    bool showBox_ = true;
    bool showMask_ = false;
    bool fit_ = true;
    double zoom_ = 1.0;
    QPointF offset_; // widget position of the image's top-left corner
    std::optional<QPointF> dragFrom_;
    QPointF pressedAt_;
    QScrollBar* hBar_ = nullptr;
    QScrollBar* vBar_ = nullptr;
    bool syncingBars_ = false;
};

} // namespace cutmix::ui
