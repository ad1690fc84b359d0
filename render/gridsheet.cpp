#include "gridsheet.h"

#include "error.h"
#include "imageio.h"
#include "matimage.h"
#include "method.h"
#include "painting.h"
#include "sheetfile.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace cutmix::render
{

namespace fs = std::filesystem;

namespace
{

struct Layout {
    int tile, tileH, pad, caption, titleHeight, panels, cellW, cellH;
};

int padFor(const GridOptions& o)
{
    return std::max(4, o.tile / 24);
}

int cellWidthFor(const GridOptions& o)
{
    const int panels = o.sides ? 3 : 1;
    return panels * o.tile + (panels - 1) * padFor(o);
}

QFont captionFontFor(const GridOptions& o)
{
    QFont font("DejaVu Sans");
    font.setPixelSize(std::max(10, std::max(28, o.tile / 5) / 3));
    return font;
}

QFont titleFontFor(const GridOptions& o)
{
    QFont font("DejaVu Sans");
    font.setPixelSize(std::max(12, std::max(30, o.tile / 5) / 2));
    font.setBold(true);
    return font;
}

// tileH: the height of an image box; the tile size is its width. The bands
// of the captions and the title hold the most lines any of them wraps to.
Layout layoutFor(const GridSheet& s)
{
    const GridOptions& o = s.plan.options;
    Layout l;
    l.tile = o.tile;
    l.tileH = s.tileHeight;
    l.pad = padFor(o);
    qsizetype lines = 2;
    for (const QStringList& c : s.captions)
        lines = std::max(lines, c.size());
    l.caption = std::max(std::max(28, o.tile / 5), 4 + int(lines) * QFontMetrics(s.captionFont).height());
    l.titleHeight =
        o.title ? std::max(std::max(30, o.tile / 5), 4 + int(s.titleLines.size()) * QFontMetrics(s.titleFont).height())
                : 0;
    l.panels = o.sides ? 3 : 1;
    l.cellW = cellWidthFor(o);
    l.cellH = l.tileH + l.caption;
    return l;
}

QPoint cellOrigin(const Layout& l, int cols, std::size_t t)
{
    const int row = int(t) / cols, col = int(t) % cols;
    return {l.pad + col * (l.cellW + l.pad), l.titleHeight + l.pad + row * (l.cellH + l.pad)};
}

// Image boxes take the shape of the first result, so that a sheet of one
// pair has no empty bands.
int tileHeightFor(const GridPlan& plan)
{
    const int tile = plan.options.tile;
    for (const GridTile& t : plan.tiles)
        if (!t.mixed.empty())
            return std::clamp(int(std::lround(double(tile) * t.mixed.rows / t.mixed.cols)), tile / 4, tile * 2);
    return tile;
}

} // namespace

GridSheet renderGrid(GridPlan plan)
{
    GridSheet s;
    s.plan = std::move(plan);
    const GridOptions& o = s.plan.options;
    s.tileHeight = tileHeightFor(s.plan);
    s.captionFont = captionFontFor(o);
    s.titleFont = titleFontFor(o);
    const int pad = padFor(o);
    s.captionWidth = cellWidthFor(o);
    const QFontMetrics fm(s.captionFont);
    for (const GridTile& tile : s.plan.tiles)
        s.captions.push_back(wrapText(fm, QString::fromStdString(tile.caption1), s.captionWidth) +
                             wrapText(fm, QString::fromStdString(tile.caption2), s.captionWidth));
    const int width = o.cols * s.captionWidth + (o.cols + 1) * pad;
    if (o.title)
        s.titleLines = wrapText(QFontMetrics(s.titleFont), QString::fromStdString(s.plan.title), width - 2 * pad);
    const Layout l = layoutFor(s);
    s.size = QSize(width, l.titleHeight + o.rows * l.cellH + (o.rows + 1) * l.pad);
    for (std::size_t t = 0; t < s.plan.tiles.size(); ++t) {
        const GridTile& tile = s.plan.tiles[t];
        const QPoint at = cellOrigin(l, o.cols, t);
        s.resultRects.push_back(fitted(QSize(tile.mixed.cols, tile.mixed.rows),
                                       QRect(at.x() + (l.panels - 1) * (l.tile + l.pad), at.y(), l.tile, l.tileH)));
    }
    s.image = QImage(s.size, QImage::Format_RGB32);
    QPainter painter(&s.image);
    paintGrid(painter, s);
    return s;
}

void paintGrid(QPainter& p, const GridSheet& s)
{
    const GridOptions& o = s.plan.options;
    const Layout l = layoutFor(s);
    p.fillRect(QRect(QPoint(0, 0), s.size), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setFont(s.captionFont);
    const QFontMetrics fm(s.captionFont);
    for (std::size_t t = 0; t < s.plan.tiles.size(); ++t) {
        const GridTile& tile = s.plan.tiles[t];
        const QPoint at = cellOrigin(l, o.cols, t);
        // Each image converted as it is painted: the plan holds the tiles
        // once, not the sheet a second copy of them.
        if (o.sides) {
            for (int panel = 0; panel < 2; ++panel) {
                const cv::Mat& side = panel == 0 ? tile.a : tile.b;
                if (side.empty())
                    continue;
                const QRect r = fitted(QSize(side.cols, side.rows),
                                       QRect(at.x() + panel * (l.tile + l.pad), at.y(), l.tile, l.tileH));
                p.drawImage(r, toQImage(side));
                outlineDraw(p, r, tile.draw);
            }
        }
        p.drawImage(s.resultRects[t], toQImage(tile.mixed));
        outlineDraw(p, s.resultRects[t], tile.draw);
        outlineObjects(p, s.resultRects[t], tile.draw.size, tile.objects);
        p.setPen(Qt::black);
        QRect line(at.x(), at.y() + l.tileH + 2, l.cellW, fm.height());
        for (const QString& text : s.captions[t]) {
            p.drawText(line, Qt::AlignHCenter | Qt::AlignTop, text);
            line.translate(0, fm.height());
        }
    }
    if (o.title) {
        p.setFont(s.titleFont);
        p.setPen(Qt::black);
        p.drawText(QRect(l.pad, 0, s.size.width() - 2 * l.pad, l.titleHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   s.titleLines.join('\n'));
    }
}

void writeGrid(const fs::path& path, const GridSheet& s, int quality)
{
    writeSheet(
        path, s.image, [&](QPainter& p) { paintGrid(p, s); }, quality);
}

std::string gridRecords(const GridSheet& s)
{
    std::string lines;
    for (std::size_t t = 0; t < s.plan.tiles.size(); ++t) {
        nlohmann::json r = s.plan.tiles[t].record;
        const QRect& q = s.resultRects[t];
        r["tile"] = {{"x", q.x()}, {"y", q.y()}, {"width", q.width()}, {"height", q.height()}};
        lines += r.dump() + "\n";
    }
    return lines;
}

} // namespace cutmix::render
