// Painting a comparison plan (core/compareplan.h) as the CutMix paper's first
// table: the method names over a row of images, the labels under them, the
// parameters at the foot; a panel's objects drawn over its image as the
// grid draws a tile's (outlineObjects). PNG, JPEG or PDF (text stays text).
#pragma once

#include "compareplan.h"

#include <QFont>
#include <QImage>
#include <QRect>
#include <QStringList>
#include <filesystem>
#include <vector>

class QPainter;

namespace cutmix::render
{

struct CompareSheet {
    ComparePlan plan;
    int panel = 256; // the side of each image box
    QSize size;
    QImage image; // the painted figure
    // The text as laid out: each panel's title and weight lines, wrapped to
    // the panel's width, and the foot wrapped to the sheet's (never cut or
    // shortened: the bands grow to hold the most lines).
    std::vector<QStringList> titles;
    std::vector<QStringList> labels;
    QStringList foot;
    QFont titleFont, labelFont, footFont;
    // Where each panel's image sits on the figure.
    std::vector<QRect> imageRects;
};

CompareSheet renderComparison(ComparePlan plan, int panel = 256);
void paintComparison(QPainter& painter, const CompareSheet& sheet);
void writeComparison(const std::filesystem::path& path, const CompareSheet& sheet, int quality = 95);

} // namespace cutmix::render
