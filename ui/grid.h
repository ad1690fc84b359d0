// Sample grids (contact sheets) of seeded draws: each tile the mixed image
// with its box outlined and a caption of the class weights and lam_adj,
// optionally with A and B beside it, and a title with the parameters. PNG
// and JPEG through QImage, PDF through QPdfWriter (captions stay text).
// QtGui only: the command line uses it without any widget.
#pragma once

#include "dataset.h"
#include "draw.h"

#include <QImage>
#include <QString>
#include <functional>
#include <opencv2/core.hpp>
#include <optional>
#include <vector>

namespace cutmix::ui
{

struct GridOptions {
    int rows = 3;
    int cols = 4;
    int tile = 256;     // side of each image square, in pixels
    bool sides = false; // show A and B beside each result
    bool title = true;
    Params params; // params.index is the first tile's sample index
};

// Where the tiles' pairs come from: one pair for every tile, or a dataset
// paired as the exporter pairs it (random pairing under the same seed).
struct GridInput {
    std::filesystem::path pathA, pathB;
    std::string labelA, labelB;
    std::optional<Dataset> dataset;
    // A list of pairs: tile t shows pair t modulo the list's length; labels
    // default as for one pair.
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> pairs;
    cv::Mat imageA, imageB; // already decoded (the window's pair); else read from the paths
};

// A tile whose inputs could not be read has a null `mixed` and says why in
// its captions.
struct GridTile {
    Draw draw;
    std::string labelA, labelB;
    std::vector<double> label;
    QString caption1, caption2;
    QImage a, b, mixed; // A and B as mixed (same size and type), and the result
    QRect resultRect;   // where the result image sits in the grid
};

struct GridResult {
    GridOptions options;
    QString title;
    QSize size;
    int tileHeight = 0; // of each image box (its width is options.tile)
    std::vector<GridTile> tiles;
    QImage image; // the rendered sheet
    bool cancelled = false;
};

// Paints the sheet on any device (an image, a PDF page): images as
// pixels, the box as lines, captions and title as text.
void paintGrid(QPainter& painter, const GridResult& grid);

// Throws cutmix::Error for bad options or unreadable inputs (naming the
// file). `progress(done, total)` returning false cancels.
GridResult renderGrid(const GridOptions& options, const GridInput& input,
                      const std::function<bool(int, int)>& progress = {});

// Reads a list of pairs: one "pathA,pathB" per line (paths relative to the
// list's folder; '#' comments and blank lines skipped). Errors name the line.
std::vector<std::pair<std::filesystem::path, std::filesystem::path>>
loadPairList(const std::filesystem::path& listFile);

// Writes PNG/JPEG (from the extension) or PDF, through a temporary name.
void writeGrid(const std::filesystem::path& path, const GridResult& grid, int quality = 95);

} // namespace cutmix::ui
