#include "grid.h"

#include "error.h"
#include "imageio.h"
#include "labels.h"
#include "matimage.h"
#include "mixer.h"

#include <QFile>
#include <QPainter>
#include <QPdfWriter>
#include <algorithm>
#include <cmath>
#include <fstream>

namespace cutmix::ui
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

// The image fitted into a tile x tile square, centred.
QRect fitted(QSize image, QRect square)
{
    const QSize s = image.scaled(square.size(), Qt::KeepAspectRatio);
    return QRect(square.x() + (square.width() - s.width()) / 2, square.y() + (square.height() - s.height()) / 2,
                 s.width(), s.height());
}

void outline(QPainter& p, QRect imageRect, Size imageSize, const Box& b)
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

QString pct(double v)
{
    return QString::number(v * 100.0, 'f', 1) + "%";
}

} // namespace

GridResult renderGrid(const GridOptions& o, const GridInput& in, const std::function<bool(int, int)>& progress)
{
    if (o.rows < 1 || o.cols < 1 || o.rows * o.cols > 10000)
        throw Error("a grid needs 1 to 10000 tiles (rows x cols)");
    if (o.tile < 16 || o.tile > 4096)
        throw Error("the tile size must be between 16 and 4096 pixels");
    checkParams(o.params);
    if (static_cast<long long>(o.rows) * o.cols * o.tile * o.tile * (o.sides ? 3 : 1) > 400'000'000LL)
        throw Error("the grid would be larger than 400 megapixels; use fewer or smaller tiles");
    GridResult result;
    result.options = o;

    std::optional<PairPlanner> planner;
    if (in.dataset)
        planner.emplace(PairMode::Random, o.params.seed, in.dataset->entries.size());
    auto load = [](const fs::path& path) {
        cv::Mat m = loadImage(path);
        checkImageType(m, quotePath(path));
        return m;
    };
    cv::Mat pairA, pairB;
    if (!in.dataset && in.pairs.empty()) {
        pairA = in.imageA.empty() ? load(in.pathA) : in.imageA;
        pairB = in.imageB.empty() ? load(in.pathB) : in.imageB;
    }
    const int total = o.rows * o.cols;
    for (int t = 0; t < total; ++t) {
        if (progress && !progress(t, total)) {
            result.cancelled = true;
            return result;
        }
        Params params = o.params;
        params.index = o.params.index + static_cast<std::uint64_t>(t);
        GridTile tile;
        cv::Mat a = pairA, b = pairB;
        LabelSpec spec;
        if (in.dataset) {
            const PairChoice pc = (*planner)(params.index);
            const DatasetEntry& ea = in.dataset->entries[pc.a];
            const DatasetEntry& eb = in.dataset->entries[pc.b];
            try {
                a = load(ea.path);
                b = load(eb.path);
            } catch (const Error& e) {
                // An unreadable file costs its tile, not the sheet.
                tile.caption1 = QString("#%1 skipped").arg(params.index);
                tile.caption2 = QString::fromStdString(e.what());
                result.tiles.push_back(std::move(tile));
                continue;
            }
            tile.labelA = in.dataset->classes[ea.label];
            tile.labelB = in.dataset->classes[eb.label];
            spec = {static_cast<int>(in.dataset->classes.size()), ea.label, eb.label, params.smoothing};
        } else if (!in.pairs.empty()) {
            const auto& [pa, pb] = in.pairs[static_cast<std::size_t>(t) % in.pairs.size()];
            a = load(pa);
            b = load(pb);
            tile.labelA = defaultLabel(pa, pb);
            tile.labelB = defaultLabel(pb, pa);
            spec = namePair(tile.labelA, tile.labelB, params.numClasses, params.smoothing).spec;
        } else {
            tile.labelA = in.labelA;
            tile.labelB = in.labelB;
            spec = namePair(in.labelA, in.labelB, params.numClasses, params.smoothing).spec;
        }
        tile.draw = sampleDraw(params, sizeOf(a), sizeOf(b));
        tile.label = softLabel(spec, tile.draw.lam);
        const PreparedPair prepared = preparePair(a, b, params.resize);
        tile.mixed = toQImage(pasteBox(prepared.a, prepared.b, tile.draw.geometry.box));
        if (o.sides) {
            tile.a = toQImage(prepared.a);
            tile.b = toQImage(prepared.b);
        }
        const double wa = tile.label[spec.classA], wb = tile.label[spec.classB];
        tile.caption1 = QString("#%1   λ_adj %2").arg(params.index).arg(tile.draw.lamAdj, 0, 'f', 3);
        tile.caption2 = spec.classA == spec.classB ? QString("%1 %2").arg(QString::fromStdString(tile.labelA), pct(wa))
                                                   : QString("%1 %2 · %3 %4")
                                                         .arg(QString::fromStdString(tile.labelA), pct(wa),
                                                              QString::fromStdString(tile.labelB), pct(wb));
        result.tiles.push_back(std::move(tile));
    }
    // Image boxes take the shape of the first result, so that a sheet of one
    // pair has no empty bands.
    int tileH = o.tile;
    for (const GridTile& t : result.tiles)
        if (!t.mixed.isNull()) {
            tileH = std::clamp(int(std::lround(double(o.tile) * t.mixed.height() / t.mixed.width())), o.tile / 4,
                               o.tile * 2);
            break;
        }
    result.tileHeight = tileH;
    const Layout l = layoutFor(o, tileH);
    result.size =
        QSize(o.cols * l.cellW + (o.cols + 1) * l.pad, l.titleHeight + o.rows * l.cellH + (o.rows + 1) * l.pad);
    for (std::size_t t = 0; t < result.tiles.size(); ++t) {
        const int row = int(t) / o.cols, col = int(t) % o.cols;
        const int x0 = l.pad + col * (l.cellW + l.pad);
        const int y0 = l.titleHeight + l.pad + row * (l.cellH + l.pad);
        GridTile& tile = result.tiles[t];
        if (!tile.mixed.isNull())
            tile.resultRect =
                fitted(tile.mixed.size(), QRect(x0 + (l.panels - 1) * (l.tile + l.pad), y0, l.tile, l.tileH));
    }
    const Params& q = o.params;
    result.title = QString("CutMix · %1 · α = %2 · seed %3 · samples %4–%5%6")
                       .arg(QString::fromStdString(std::string(conventionName(q.convention))))
                       .arg(q.alpha)
                       .arg(q.seed)
                       .arg(q.index)
                       .arg(q.index + static_cast<std::uint64_t>(total) - 1)
                       .arg(q.smoothing > 0 ? QString(" · smoothing %1").arg(q.smoothing) : QString());
    result.image = QImage(result.size, QImage::Format_RGB32);
    QPainter painter(&result.image);
    paintGrid(painter, result);
    if (progress)
        progress(total, total);
    return result;
}

void paintGrid(QPainter& p, const GridResult& grid)
{
    const GridOptions& o = grid.options;
    const Layout l = layoutFor(o, grid.tileHeight);
    p.fillRect(QRect(QPoint(0, 0), grid.size), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QFont font("DejaVu Sans");
    font.setPixelSize(std::max(10, l.caption / 3));
    p.setFont(font);
    for (std::size_t t = 0; t < grid.tiles.size(); ++t) {
        const GridTile& tile = grid.tiles[t];
        const int row = int(t) / o.cols, col = int(t) % o.cols;
        const int x0 = l.pad + col * (l.cellW + l.pad);
        const int y0 = l.titleHeight + l.pad + row * (l.cellH + l.pad);
        if (o.sides) {
            for (int panel = 0; panel < 2; ++panel) {
                const QImage& img = panel == 0 ? tile.a : tile.b;
                if (img.isNull())
                    continue;
                const QRect r = fitted(img.size(), QRect(x0 + panel * (l.tile + l.pad), y0, l.tile, l.tileH));
                p.drawImage(r, img);
                outline(p, r, tile.draw.size, tile.draw.geometry.box);
            }
        }
        if (tile.mixed.isNull()) {
            p.fillRect(QRect(x0, y0, l.cellW, l.tileH), QColor(230, 230, 230));
        } else {
            p.drawImage(tile.resultRect, tile.mixed);
            outline(p, tile.resultRect, tile.draw.size, tile.draw.geometry.box);
        }
        p.setPen(Qt::black);
        const QFontMetrics fm(p.font());
        const QRect caption(x0, y0 + l.tileH + 2, l.cellW, fm.height());
        p.drawText(caption, Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(tile.caption1, Qt::ElideRight, l.cellW));
        p.drawText(caption.translated(0, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                   fm.elidedText(tile.caption2, Qt::ElideRight, l.cellW));
    }
    if (o.title) {
        QFont tf = font;
        tf.setPixelSize(std::max(12, l.titleHeight / 2));
        tf.setBold(true);
        p.setFont(tf);
        p.setPen(Qt::black);
        p.drawText(QRect(l.pad, 0, grid.size.width() - 2 * l.pad, l.titleHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   grid.title);
    }
}

std::vector<std::pair<fs::path, fs::path>> loadPairList(const fs::path& listFile)
{
    std::ifstream in(listFile);
    if (!in)
        throw Error(quotePath(listFile) + ": cannot open the list of pairs");
    const fs::path root = fs::absolute(listFile).parent_path();
    std::vector<std::pair<fs::path, fs::path>> pairs;
    std::string line;
    int lineNo = 0;
    auto resolve = [&](std::string p) {
        p.erase(0, p.find_first_not_of(" \t\r"));
        p.erase(p.find_last_not_of(" \t\r") + 1);
        return fs::path(p).is_absolute() ? fs::path(p) : root / p;
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos || line[line.find_first_not_of(" \t")] == '#')
            continue;
        const auto comma = line.find(',');
        if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos)
            throw Error(quotePath(listFile) + " line " + std::to_string(lineNo) + ": expected 'pathA,pathB'");
        pairs.emplace_back(resolve(line.substr(0, comma)), resolve(line.substr(comma + 1)));
    }
    if (pairs.empty())
        throw Error(quotePath(listFile) + ": the list holds no pairs");
    return pairs;
}

void writeGrid(const fs::path& path, const GridResult& grid, int quality)
{
    std::string ext = path.extension().string();
    for (auto& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const fs::path tmp = temporaryPathFor(path);
    const QString qtmp = QString::fromStdString(tmp.string());
    bool ok = false;
    if (ext == ".pdf") {
        QPdfWriter pdf(qtmp);
        pdf.setResolution(96);
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setPageSize(QPageSize(QSizeF(grid.image.width() * 72.0 / 96.0, grid.image.height() * 72.0 / 96.0),
                                  QPageSize::Point, "grid", QPageSize::ExactMatch));
        pdf.setCreator("CutMix Studio");
        QPainter p(&pdf);
        ok = p.isActive();
        if (ok)
            paintGrid(p, grid);
    } else if (ext == ".png" || ext == ".jpg" || ext == ".jpeg") {
        ok = grid.image.save(qtmp, nullptr, ext == ".png" ? -1 : quality);
    } else {
        throw Error(quotePath(path) + ": unknown grid format (use .png, .jpg or .pdf)");
    }
    std::error_code ec;
    if (ok)
        fs::rename(tmp, path, ec);
    if (!ok || ec) {
        fs::remove(tmp, ec);
        throw Error(quotePath(path) + ": cannot be written");
    }
}

} // namespace cutmix::ui
