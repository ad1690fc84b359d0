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

// tileH: the height of an image box; the tile size is its width.
Layout layoutFor(const GridOptions& o, int tileH)
{
    Layout l;
    l.tile = o.tile;
    l.tileH = tileH;
    l.pad = std::max(4, o.tile / 24);
    l.caption = std::max(28, o.tile / 5);
    l.titleHeight = o.title ? std::max(30, o.tile / 5) : 0;
    l.panels = o.sides ? 3 : 1;
    l.cellW = l.panels * l.tile + (l.panels - 1) * l.pad;
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
    const Layout l = layoutFor(o, s.tileHeight);
    s.size = QSize(o.cols * l.cellW + (o.cols + 1) * l.pad, l.titleHeight + o.rows * l.cellH + (o.rows + 1) * l.pad);
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
    const Layout l = layoutFor(o, s.tileHeight);
    p.fillRect(QRect(QPoint(0, 0), s.size), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QFont font("DejaVu Sans");
    font.setPixelSize(std::max(10, l.caption / 3));
    p.setFont(font);
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
        p.setPen(Qt::black);
        const QFontMetrics fm(p.font());
        const QRect caption(at.x(), at.y() + l.tileH + 2, l.cellW, fm.height());
        for (const std::string* line : {&tile.caption1, &tile.caption2}) {
            p.drawText(caption.translated(0, line == &tile.caption1 ? 0 : fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                       fm.elidedText(QString::fromStdString(*line), Qt::ElideRight, l.cellW));
        }
    }
    if (o.title) {
        QFont tf = font;
        tf.setPixelSize(std::max(12, l.titleHeight / 2));
        tf.setBold(true);
        p.setFont(tf);
        p.setPen(Qt::black);
        p.drawText(QRect(l.pad, 0, s.size.width() - 2 * l.pad, l.titleHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   QString::fromStdString(s.plan.title));
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
