#include "batchsheet.h"

#include "error.h"
#include "format.h"
#include "matimage.h"
#include "objectinput.h"
#include "painting.h"
#include "sheetfile.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace cutmix::render
{

namespace
{

constexpr int kGap = 6;
// More classes than this and the matrix shows the classes present in the batch.
constexpr int kMostColumns = 40;

const QColor kWarn(200, 40, 40);
const QColor kMismatch(214, 120, 0);

QString className(const BatchPicture& pic, int element)
{
    const int c = pic.classes.at(std::size_t(element));
    return QString::fromStdString(pic.classNames.at(std::size_t(c)));
}

// White to a deep blue as the value goes from 0 to 1.
QColor heat(double v)
{
    v = std::clamp(v, 0.0, 1.0);
    auto mix = [v](int from, int to) { return int(std::lround(from + (to - from) * v)); };
    return QColor(mix(255, 33), mix(255, 102), mix(255, 172));
}

QColor warnColour(const BatchElement& e)
{
    return e.mixedWithItself() ? kWarn : kMismatch;
}

// The title, and the detail in up to two lines.
constexpr int kDetailLines = 2;

int captionHeight(const QFontMetrics& fm)
{
    return (1 + kDetailLines) * fm.height() + 4;
}

double target(const BatchPicture& pic, int row, int cls)
{
    return pic.targets.at(std::size_t(row) * std::size_t(pic.numClasses()) + std::size_t(cls));
}

} // namespace

BatchPicture batchPicture(const BatchInput& in, const MixedBatch& m)
{
    BatchPicture pic;
    pic.draw = m.draw;
    for (const cv::Mat& b : m.before)
        pic.before.push_back(toQImage(b));
    for (const cv::Mat& a : m.after)
        pic.after.push_back(toQImage(a));
    pic.names = in.names;
    pic.classNames = in.classNames;
    pic.classes = in.classes;
    pic.targets = m.targets;
    setBatchObjects(pic, m);
    return pic;
}

void setBatchObjects(BatchPicture& pic, const MixedBatch& m)
{
    pic.objectsBefore.clear();
    pic.objectsAfter.clear();
    pic.boxRule.clear();
    if (m.hasObjects()) {
        for (const std::vector<Object>& before : m.objectsBefore)
            pic.objectsBefore.push_back(wholeObjects(before));
        pic.objectsAfter = m.objectsAfter;
        pic.boxRule = m.boxRule ? std::string(m.boxRule->name) : std::string();
    }
}

QString batchBoxesNote(const BatchPicture& pic)
{
    if (!pic.hasObjects())
        return {};
    const std::string_view recipe = pic.draw.settings.recipe->title;
    return QCoreApplication::translate("render",
                                       "Boxes: carried through each mix and judged by the %1 box rule (kept solid, "
                                       "clipped dashed, dropped red and crossed); %2 itself mixes no boxes.")
        .arg(QString::fromStdString(pic.boxRule), QString::fromUtf8(recipe.data(), int(recipe.size())));
}

QString batchTitle(const BatchDraw& b)
{
    const BatchSettings& s = b.settings;
    QString t = QString::fromUtf8(s.recipe->name.data(), int(s.recipe->name.size()));
    if (s.recipe->uses(Setting::Mode))
        t += QCoreApplication::translate("render", ", mode %1").arg(QString::fromUtf8(batchModeName(s.mode).data()));
    t += QCoreApplication::translate("render", ", partner %1")
             .arg(QString::fromUtf8(partnerRuleName(b.pixelRule).data()));
    if (b.pixelRule != b.labelRule)
        t += QCoreApplication::translate("render", " (labels %1)")
                 .arg(QString::fromUtf8(partnerRuleName(b.labelRule).data()));
    t += QCoreApplication::translate("render", ", seed %1, batch %2, %3 images of %4x%5")
             .arg(s.seed)
             .arg(s.batch)
             .arg(b.n)
             .arg(b.size.width)
             .arg(b.size.height);
    return t;
}

QString tileTitle(const BatchPicture& pic, int i)
{
    QString t = QString("#%1 %2").arg(i).arg(className(pic, i));
    // The file's name, unless the class was named after it.
    if (!pic.names.empty() && !pic.names[std::size_t(i)].empty() &&
        std::filesystem::path(pic.names[std::size_t(i)]).stem().string() !=
            pic.classNames[std::size_t(pic.classes[std::size_t(i)])])
        t += QString("  (%1)").arg(QString::fromStdString(pic.names[std::size_t(i)]));
    return t;
}

namespace
{

// "; 2 of 3 boxes kept" after the detail of a detection batch's element.
QString boxesKept(const BatchPicture& pic, int i)
{
    if (!pic.hasObjects())
        return {};
    const std::vector<CarriedObject>& objects = pic.objectsAfter.at(std::size_t(i));
    const auto kept = std::count_if(objects.begin(), objects.end(), [](const CarriedObject& o) { return o.kept; });
    return QCoreApplication::translate("render", "; %1 of %2 boxes kept").arg(kept).arg(objects.size());
}

} // namespace

QString tileDetail(const BatchPicture& pic, int i)
{
    const BatchElement& e = pic.draw.elements.at(std::size_t(i));
    if (!e.mixed)
        return QCoreApplication::translate("render", "not mixed, λ 1") + boxesKept(pic, i);
    const QString method = QString::fromUtf8(elementMethod(e).data(), int(elementMethod(e).size()));
    const QString lam = QString::fromStdString(formatFixed(e.lam, 3));
    QString t = e.mixedWithItself() ? QCoreApplication::translate("render", "%1 with itself, λ %2").arg(method, lam)
                                    : QCoreApplication::translate("render", "%1 with #%2 (%3), λ %4")
                                          .arg(method)
                                          .arg(e.partner)
                                          .arg(className(pic, e.partner), lam);
    if (e.mismatch())
        t += QCoreApplication::translate("render", "; label from #%1").arg(e.labelPartner);
    return t + boxesKept(pic, i);
}

QStringList captionLines(const QFontMetrics& fm, const QString& text, int width, int lines)
{
    QStringList out;
    QString rest = text;
    while (!rest.isEmpty() && int(out.size()) + 1 < lines && fm.horizontalAdvance(rest) > width) {
        // The longest start that fits and ends before a space.
        qsizetype cut = -1;
        for (qsizetype k = rest.indexOf(' '); k > 0; k = rest.indexOf(' ', k + 1)) {
            if (fm.horizontalAdvance(rest.left(k)) > width)
                break;
            cut = k;
        }
        if (cut <= 0)
            break;
        out << rest.left(cut);
        rest = rest.mid(cut + 1);
    }
    if (!rest.isEmpty())
        out << fm.elidedText(rest, Qt::ElideMiddle, width);
    return out;
}

bool tileWarns(const BatchPicture& pic, int i)
{
    const BatchElement& e = pic.draw.elements.at(std::size_t(i));
    return e.mixedWithItself() || e.mismatch();
}

TileGrid tileGrid(int count, int width, int side)
{
    TileGrid g;
    g.side = std::max(side, 16);
    QFont font;
    font.setPixelSize(std::clamp(g.side / 9, 10, 14));
    const QFontMetrics fm(font);
    g.tileSize = QSize(2 * g.side + kGap, g.side + captionHeight(fm));
    g.columns = std::max(1, (width - kGap) / (g.tileSize.width() + 2 * kGap));
    const int rows = (count + g.columns - 1) / g.columns;
    for (int i = 0; i < count; ++i) {
        const int r = i / g.columns, c = i % g.columns;
        g.tiles.emplace_back(
            QPoint(kGap + c * (g.tileSize.width() + 2 * kGap), kGap + r * (g.tileSize.height() + kGap)), g.tileSize);
    }
    g.size = QSize(kGap + g.columns * (g.tileSize.width() + 2 * kGap), kGap + rows * (g.tileSize.height() + kGap));
    return g;
}

int tileAt(const TileGrid& grid, QPoint p)
{
    for (std::size_t i = 0; i < grid.tiles.size(); ++i)
        if (grid.tiles[i].contains(p))
            return int(i);
    return -1;
}

namespace
{

QFont tileFont(const TileGrid& grid, QFont font)
{
    font.setPixelSize(std::clamp(grid.side / 9, 10, 14));
    return font;
}

} // namespace

QStringList tileCaption(const TileGrid& grid, const BatchPicture& pic, int i)
{
    const QFontMetrics fm(tileFont(grid, QFont()));
    const int width = grid.tiles.at(std::size_t(i)).width();
    return QStringList{fm.elidedText(tileTitle(pic, i), Qt::ElideMiddle, width)} +
           captionLines(fm, tileDetail(pic, i), width, kDetailLines);
}

void paintTile(QPainter& p, const TileGrid& grid, const BatchPicture& pic, int i, bool selected)
{
    const QRect tile = grid.tiles.at(std::size_t(i));
    const BatchElement& e = pic.draw.elements.at(std::size_t(i));
    p.save();
    p.setFont(tileFont(grid, QFont()));
    const QFontMetrics fm(p.font());
    if (selected)
        p.fillRect(tile.adjusted(-4, -4, 4, 4), QColor(255, 220, 120));
    const QRect beforeBox(tile.topLeft(), QSize(grid.side, grid.side));
    const QRect afterBox(tile.topLeft() + QPoint(grid.side + kGap, 0), QSize(grid.side, grid.side));
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    const QImage& before = pic.before.at(std::size_t(i));
    const QImage& after = pic.after.at(std::size_t(i));
    const QRect beforeRect = fitted(before.size(), beforeBox);
    p.drawImage(beforeRect, before);
    const QRect afterRect = fitted(after.size(), afterBox);
    p.drawImage(afterRect, after);
    if (e.mixed)
        outlineDraw(p, afterRect, e.draw);
    if (pic.hasObjects()) {
        outlineObjects(p, beforeRect, Size{before.width(), before.height()}, pic.objectsBefore.at(std::size_t(i)));
        outlineObjects(p, afterRect, Size{after.width(), after.height()}, pic.objectsAfter.at(std::size_t(i)));
    }
    if (tileWarns(pic, i)) {
        p.setPen(QPen(warnColour(e), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(afterRect.adjusted(1, 1, -2, -2));
    }
    // The partner's index on the result, so that pairs can be followed.
    if (e.mixed) {
        const QString badge =
            e.mixedWithItself() ? QCoreApplication::translate("render", "self") : QString("←%1").arg(e.partner);
        const QRect b(afterRect.topLeft() + QPoint(3, 3), QSize(fm.horizontalAdvance(badge) + 8, fm.height() + 2));
        p.fillRect(b, QColor(0, 0, 0, 170));
        p.setPen(Qt::white);
        p.drawText(b, Qt::AlignCenter, badge);
    }
    const int textTop = tile.y() + grid.side + 2;
    const QStringList caption = tileCaption(grid, pic, i);
    for (int k = 0; k < int(caption.size()); ++k) {
        p.setPen(k == 0 ? QColor(30, 30, 30) : tileWarns(pic, i) ? warnColour(e) : QColor(70, 70, 70));
        p.drawText(QRect(tile.x(), textTop + k * fm.height(), tile.width(), fm.height()),
                   Qt::AlignLeft | Qt::TextDontClip, caption[k]);
    }
    p.restore();
}

std::vector<double> classTotals(const BatchPicture& pic)
{
    std::vector<double> totals(std::size_t(pic.numClasses()), 0.0);
    for (int r = 0; r < pic.draw.n; ++r)
        for (int c = 0; c < pic.numClasses(); ++c)
            totals[std::size_t(c)] += target(pic, r, c);
    return totals;
}

MatrixGrid matrixGrid(const BatchPicture& pic, int cellWidth, int cellHeight)
{
    MatrixGrid g;
    g.cell = QSize(cellWidth, cellHeight);
    const int k = pic.numClasses();
    if (k <= kMostColumns) {
        for (int c = 0; c < k; ++c)
            g.shown.push_back(c);
    } else {
        // The classes the batch's labels or partners bring in.
        std::vector<bool> present(std::size_t(k), false);
        for (const BatchElement& e : pic.draw.elements) {
            present[std::size_t(pic.classes[std::size_t(e.selfIndex)])] = true;
            if (e.mixed)
                present[std::size_t(pic.classes[std::size_t(e.labelPartner)])] = true;
        }
        for (int c = 0; c < k; ++c)
            if (present[std::size_t(c)])
                g.shown.push_back(c);
        g.allClasses = false;
    }
    QFont font;
    font.setPixelSize(std::clamp(cellHeight * 2 / 3, 9, 14));
    const QFontMetrics fm(font);
    int widest = fm.horizontalAdvance(QCoreApplication::translate("render", "Σ total"));
    for (int r = 0; r < pic.draw.n; ++r)
        widest = std::max(widest, fm.horizontalAdvance(QString("#%1 %2").arg(r).arg(className(pic, r))));
    g.rowHeader = std::min(widest + 10, 220);
    int longest = 0;
    for (int c : g.shown)
        longest = std::max(longest, fm.horizontalAdvance(QString::fromStdString(pic.classNames[std::size_t(c)])));
    g.colHeader = std::clamp(longest + 10, fm.height() + 6, 140);
    g.size = QSize(g.rowHeader + int(g.shown.size()) * cellWidth + 1, g.colHeader + (pic.draw.n + 1) * cellHeight + 1);
    return g;
}

std::optional<std::pair<int, int>> matrixCellAt(const MatrixGrid& g, const BatchPicture& pic, QPoint p)
{
    const int col = (p.x() - g.rowHeader) / std::max(1, g.cell.width());
    const int row = (p.y() - g.colHeader) / std::max(1, g.cell.height());
    if (p.x() < g.rowHeader || p.y() < g.colHeader || col >= int(g.shown.size()) || row > pic.draw.n)
        return std::nullopt;
    return std::make_pair(row, g.shown[std::size_t(col)]);
}

void paintMatrix(QPainter& p, const MatrixGrid& g, const BatchPicture& pic, int selectedRow)
{
    p.save();
    QFont font = p.font();
    font.setPixelSize(std::clamp(g.cell.height() * 2 / 3, 9, 14));
    p.setFont(font);
    const QFontMetrics fm(font);
    const int n = pic.draw.n;
    // Column headers: class names written upwards, so that long names fit.
    p.setPen(QColor(30, 30, 30));
    for (std::size_t c = 0; c < g.shown.size(); ++c) {
        p.save();
        p.translate(g.rowHeader + int(c) * g.cell.width() + g.cell.width() / 2 + fm.ascent() / 2 - 1, g.colHeader - 4);
        p.rotate(-90);
        p.drawText(QPoint(0, 0), fm.elidedText(QString::fromStdString(pic.classNames[std::size_t(g.shown[c])]),
                                               Qt::ElideRight, g.colHeader - 6));
        p.restore();
    }
    const std::vector<double> totals = classTotals(pic);
    double mostTotal = 0;
    for (double t : totals)
        mostTotal = std::max(mostTotal, t);
    const bool numbers = g.cell.width() >= fm.horizontalAdvance("0.00") + 4;
    for (int r = 0; r <= n; ++r) {
        const int y = g.colHeader + r * g.cell.height();
        const QRect head(0, y, g.rowHeader - 4, g.cell.height());
        if (r == selectedRow)
            p.fillRect(QRect(0, y, g.size.width(), g.cell.height()), QColor(255, 220, 120));
        p.setPen(r < n && tileWarns(pic, r) ? warnColour(pic.draw.elements[std::size_t(r)]) : QColor(30, 30, 30));
        p.drawText(head, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(r < n ? QString("#%1 %2").arg(r).arg(className(pic, r))
                                       : QCoreApplication::translate("render", "Σ total"),
                                 Qt::ElideRight, head.width()));
        for (std::size_t c = 0; c < g.shown.size(); ++c) {
            const int cls = g.shown[c];
            const double v = r < n ? target(pic, r, cls) : totals[std::size_t(cls)];
            const double shade = r < n ? v : (mostTotal > 0 ? v / mostTotal : 0);
            const QRect cell(g.rowHeader + int(c) * g.cell.width(), y, g.cell.width(), g.cell.height());
            p.fillRect(cell, r < n ? heat(shade) : QColor::fromHsvF(0.08, shade * 0.7, 1.0));
            p.setPen(QColor(220, 220, 220));
            p.setBrush(Qt::NoBrush);
            p.drawRect(cell);
            if (numbers && (v >= 0.005 || r == n)) {
                p.setPen(shade > 0.55 && r < n ? Qt::white : QColor(20, 20, 20));
                p.drawText(cell, Qt::AlignCenter, QString::fromStdString(formatFixed(v, 2)));
            }
        }
    }
    // The totals row is set apart.
    p.setPen(QPen(QColor(60, 60, 60), 1.5));
    const int ty = g.colHeader + n * g.cell.height();
    p.drawLine(g.rowHeader, ty, g.rowHeader + int(g.shown.size()) * g.cell.width(), ty);
    p.restore();
}

namespace
{

struct SheetLayout {
    TileGrid tiles;
    MatrixGrid matrix;
    int title = 34;
    int notes = 22;
    QSize size;
};

SheetLayout sheetLayout(const BatchPicture& pic, int side)
{
    if (pic.draw.n == 0 || int(pic.before.size()) != pic.draw.n || int(pic.after.size()) != pic.draw.n)
        throw Error("a batch sheet needs the images before and after mixing of every element");
    SheetLayout l;
    const int width = std::max(900, std::min(pic.draw.n, 8) * (2 * side + 3 * kGap) + 2 * kGap);
    l.tiles = tileGrid(pic.draw.n, width, side);
    l.matrix = matrixGrid(pic, 46, 20);
    if (pic.hasObjects())
        l.notes += 2 * 16; // the boxes' note, in up to two lines
    l.size = QSize(std::max(width, l.matrix.size.width() + 2 * kGap),
                   l.title + l.tiles.size.height() + kGap + l.matrix.size.height() + l.notes + 2 * kGap);
    return l;
}

// The sheet on any device: an image, or a PDF page whose text stays text.
void paintSheet(QPainter& p, const BatchPicture& pic, const SheetLayout& l)
{
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.fillRect(QRect(QPoint(0, 0), l.size), Qt::white);
    QFont font = p.font();
    font.setPixelSize(16);
    font.setBold(true);
    p.setFont(font);
    p.setPen(QColor(20, 20, 20));
    p.drawText(QRect(kGap, 0, l.size.width() - 2 * kGap, l.title), Qt::AlignLeft | Qt::AlignVCenter,
               QCoreApplication::translate("render", "Batch before → after: ") + batchTitle(pic.draw));
    font.setBold(false);
    p.setFont(font);
    p.translate(0, l.title);
    for (int i = 0; i < pic.draw.n; ++i)
        paintTile(p, l.tiles, pic, i);
    p.translate(kGap, l.tiles.size.height() + kGap);
    paintMatrix(p, l.matrix, pic);
    font.setPixelSize(12);
    p.setFont(font);
    p.setPen(QColor(80, 80, 80));
    const QString subset = l.matrix.allClasses
                               ? QString()
                               : QCoreApplication::translate("render", " (the %1 classes in the batch, of %2)")
                                     .arg(l.matrix.shown.size())
                                     .arg(pic.numClasses());
    p.drawText(QRect(0, l.matrix.size.height() + 4, l.size.width(), 22), Qt::AlignLeft | Qt::AlignVCenter,
               QCoreApplication::translate("render",
                                           "Targets: one row per element, one column per class%1; label smoothing %2.")
                   .arg(subset, QString::number(pic.draw.settings.recipe->targetSmoothing(pic.draw.settings))));
    if (pic.hasObjects())
        p.drawText(QRect(0, l.matrix.size.height() + 4 + 22, l.size.width() - 2 * kGap, l.notes - 22),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, batchBoxesNote(pic));
}

} // namespace

QImage renderBatchSheet(const BatchPicture& pic, int side)
{
    const SheetLayout l = sheetLayout(pic, side);
    QImage image(l.size, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&image);
    paintSheet(p, pic, l);
    p.end();
    return image;
}

void writeBatchSheet(const std::filesystem::path& path, const BatchPicture& pic, int side)
{
    const SheetLayout l = sheetLayout(pic, side);
    const QImage image = renderBatchSheet(pic, side);
    writeSheet(path, image, [&](QPainter& painter) { paintSheet(painter, pic, l); });
}

} // namespace cutmix::render
