// Painting a grid plan (core/gridplan.h): the tiles laid out on a sheet, each
// result with its box outlined and its two caption lines, optionally A and B
// beside it, and a title. PNG and JPEG through QImage, PDF through
// QPdfWriter (captions stay text). QtGui only: the command line uses it
// without any widget.
#pragma once

#include "gridplan.h"

#include <QFont>
#include <QImage>
#include <QRect>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <vector>

class QPainter;

namespace cutmix::render
{

struct GridSheet {
    GridPlan plan;
    QSize size;
    int tileHeight = 0;             // of each image box (its width is the tile size)
    std::vector<QRect> resultRects; // where each tile's result sits on the sheet
    // The text as laid out: each tile's two captions wrapped to its cell's
    // width, and the title to the sheet's (the band below the images and the
    // title's band grow to hold every line: a sheet never loses a number).
    QFont captionFont, titleFont;
    int captionWidth = 0;
    std::vector<QStringList> captions;
    QStringList titleLines;
    QImage image; // the painted sheet
};

// Lays the plan out and paints it into `image`.
GridSheet renderGrid(GridPlan plan);
// Paints the sheet on any device (an image, a PDF page): images as pixels,
// the box as lines, captions and title as text.
void paintGrid(QPainter& painter, const GridSheet& sheet);
// Writes PNG/JPEG (from the extension) or PDF, through a temporary name.
void writeGrid(const std::filesystem::path& path, const GridSheet& sheet, int quality = 95);
// The tiles' records, each with where its result sits on the sheet ("tile"),
// one JSON object per line.
std::string gridRecords(const GridSheet& sheet);

} // namespace cutmix::render
