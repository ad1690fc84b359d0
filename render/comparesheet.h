// Painting a comparison plan (core/compareplan.h) as the CutMix paper's first
// table: the method names over a row of images, the labels under them, the
// parameters at the foot. PNG, JPEG or PDF (text stays text).
#pragma once

#include "compareplan.h"

#include <QImage>
#include <filesystem>

class QPainter;

namespace cutmix::render
{

struct CompareSheet {
    ComparePlan plan;
    int panel = 256; // the side of each image box
    QSize size;
    QImage image; // the painted figure
};

CompareSheet renderComparison(ComparePlan plan, int panel = 256);
void paintComparison(QPainter& painter, const CompareSheet& sheet);
void writeComparison(const std::filesystem::path& path, const CompareSheet& sheet, int quality = 95);

} // namespace cutmix::render
