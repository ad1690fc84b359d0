// Painting a mixed batch (core/batch.h): tiles of each element before and
// after mixing with its partner, method and lam, and the N x K target
// matrix as a heatmap with the class totals. The window's batch view and the
// command line's sheet paint through these functions, so a tile or a cell is
// where both say it is. QtGui only.
#pragma once

#include "batch.h"
#include "batchio.h"

#include <QFontMetrics>
#include <QImage>
#include <QRect>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

class QPainter;

namespace cutmix::render
{

struct BatchPicture {
    BatchDraw draw;
    std::vector<QImage> before, after;   // display images, one per element
    std::vector<std::string> names;      // the elements' file names
    std::vector<std::string> classNames; // K
    std::vector<int> classes;            // each element's class index
    std::vector<double> targets;         // N x K, row-major
    // A detection batch (MixedBatch::objectsBefore/After): each element's
    // objects drawn on its image before (whole, in A's colour) and after the
    // mix (as the rule judged them), as the grid draws them (outlineObjects).
    std::vector<std::vector<CarriedObject>> objectsBefore, objectsAfter;
    std::string boxRule; // the rule's name
    int numClasses() const { return int(classNames.size()); }
    bool hasObjects() const { return !objectsAfter.empty(); }
};

// The picture of a mixed batch: its images converted for painting.
BatchPicture batchPicture(const BatchInput& in, const MixedBatch& m);
// Sets (or clears) the picture's objects from a mixed batch's.
void setBatchObjects(BatchPicture& pic, const MixedBatch& m);

// The captions of element i: "#3 cat" and "CutMix with #12 (dog), λ 0.734"
// (or "not mixed", "mixed with itself", and the label partner when the
// pixels' partner differs; "2 of 3 boxes kept" in a detection batch).
QString tileTitle(const BatchPicture& pic, int i);
QString tileDetail(const BatchPicture& pic, int i);
// A caption in at most `lines` lines of `width` pixels: broken between words,
// and only when even that does not hold it, the last line shortened in the
// middle (the whole text is the tile's tooltip).
QStringList captionLines(const QFontMetrics& fm, const QString& text, int width, int lines);
// Marks: a self-mix or a mismatch between the pixels' and the labels' partner.
bool tileWarns(const BatchPicture& pic, int i);

// Tiles: before and after side by side, each `side` pixels, captions below.
struct TileGrid {
    int side = 0;
    int columns = 1;
    QSize tileSize;
    QSize size; // of the whole grid
    std::vector<QRect> tiles;
};
TileGrid tileGrid(int count, int width, int side);
// -1 when the point is on no tile.
int tileAt(const TileGrid& grid, QPoint p);
// The caption lines painted under tile i: the title, then the detail.
QStringList tileCaption(const TileGrid& grid, const BatchPicture& pic, int i);
void paintTile(QPainter& painter, const TileGrid& grid, const BatchPicture& pic, int i, bool selected = false);

// The target matrix: a row per element, a column per class shown (all K, or
// the classes that occur in the batch when K is large), and a totals row.
struct MatrixGrid {
    std::vector<int> shown; // class indices of the columns
    int rowHeader = 0;      // width of the row labels
    int colHeader = 0;      // height of the column labels
    QSize cell;
    QSize size;
    bool allClasses = true;
};
MatrixGrid matrixGrid(const BatchPicture& pic, int cellWidth, int cellHeight);
// (row, class index) under p; row == N is the totals row.
std::optional<std::pair<int, int>> matrixCellAt(const MatrixGrid& grid, const BatchPicture& pic, QPoint p);
void paintMatrix(QPainter& painter, const MatrixGrid& grid, const BatchPicture& pic, int selectedRow = -1);
// The column sums of the targets (each class's share of the batch's labels).
std::vector<double> classTotals(const BatchPicture& pic);

// Under the sheet of a detection batch: the boxes are carried by the chosen
// box rule, not by the recipe's library, which mixes no boxes.
QString batchBoxesNote(const BatchPicture& pic);

// The whole sheet: a title with the recipe, the tiles and the matrix.
QImage renderBatchSheet(const BatchPicture& pic, int side = 112);
// PNG/JPEG (from the extension) or PDF with text kept as text; never half-written.
void writeBatchSheet(const std::filesystem::path& path, const BatchPicture& pic, int side = 112);

// The title line: "timm, mode batch, partner flip, seed 7, batch 0".
QString batchTitle(const BatchDraw& b);

} // namespace cutmix::render
