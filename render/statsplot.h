// The lam explorer's picture (core/lamstats.h): the histograms of the sampled
// lam, of lam_adj and of the reported weight, as densities over [0, 1], with
// the density the method draws lam from; for a method that counts its own
// numbers (Mosaic's tiles' shares, Cutout's erased share, ResizeMix's tau
// over the Uniform density it is drawn from, and its patch's share), theirs.
// The window's explorer and `cutmix stats --plot` paint through the same
// function. QtGui only.
#pragma once

#include "lamstats.h"

#include <QRectF>
#include <QString>
#include <filesystem>
#include <vector>

class QPainter;

namespace cutmix::render
{

struct StatsPlotStyle {
    double fontPixels = 12;
    double lineWidth = 1.6;
    bool legend = true;
};

// Paints into `area` of any device. `p` gives the method and alpha behind the
// draws (the density is drawn for methods whose lam is Beta(alpha, alpha),
// and over ResizeMix's tau its Uniform(lo, hi)).
void paintLamStats(QPainter& painter, const QRectF& area, const LamStats& s, const Params& p,
                   const StatsPlotStyle& style = {});
// The statistics under the plot, one line each.
QStringList statsLines(const LamStats& s);
// PNG/JPEG or PDF (text stays text), through a temporary name.
// `sizes`: the images' size (one, or one per source) the draws were made for.
void writeStatsPlot(const std::filesystem::path& path, const LamStats& s, const Params& p,
                    const std::vector<Size>& sizes);

} // namespace cutmix::render
